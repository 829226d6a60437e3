//! Contacts, wherever they are written (the trust, a site, a ward), their routes, and the
//! call cascades that name them.

use super::ids::Namespaces;
use super::{ComponentIx, ContactIx, RoleIx, SiteIx, WardIx};
use crate::diagnostic::Diagnostic;
use crate::load::{raw, Loaded, Sourced};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// Who holds a contact entry: the trust, a site or a ward.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactScope {
    Trust,
    Site(SiteIx),
    Ward(WardIx),
}

#[derive(Debug)]
pub struct Contact {
    pub id: String,
    pub name: String,
    pub role: Option<RoleIx>,
    pub routes: Vec<Route>,
    pub notes: String,
    pub scope: ContactScope,
    pub verified: Option<NaiveDate>,
    /// Where the contact is defined, e.g. `contacts[2]` in `file`.
    pub file: PathBuf,
    pub yaml_path: String,
}

#[derive(Debug)]
pub struct Route {
    pub kind: raw::RouteKind,
    pub value: String,
    pub relies_on: Vec<ComponentIx>,
}

impl Route {
    /// Whether this route still works when the phone system is down. Bleeps and extensions
    /// run through the hospital exchange; email runs on the network.
    pub fn works_without_phones(&self) -> bool {
        use raw::RouteKind::*;
        matches!(self.kind, Mobile | Radio | Runner)
    }
}

#[derive(Debug)]
pub struct Cascade {
    pub caller: RoleIx,
    pub contacts: Vec<ContactIx>,
    pub when: String,
}

/// One raw contact and where it is written; its index in [`gather`]'s list is its
/// [`ContactIx`].
pub(super) struct ContactEntry<'a> {
    pub raw: &'a raw::Contact,
    pub file: &'a Path,
    /// e.g. `contacts[2]`.
    pub yaml_path: String,
    pub scope: ContactScope,
}

/// Every contact entry, in one list: the trust's, then each site's, then each ward's.
pub(super) fn gather<'a>(
    trust: &'a Sourced<raw::Trust>,
    loaded: &'a Loaded,
) -> Vec<ContactEntry<'a>> {
    let mut out = Vec::new();
    let mut add = |contacts: &'a [raw::Contact], file: &'a Path, scope: ContactScope| {
        for (i, raw) in contacts.iter().enumerate() {
            out.push(ContactEntry {
                raw,
                file,
                yaml_path: format!("contacts[{i}]"),
                scope,
            });
        }
    };
    add(&trust.value.contacts, &trust.file, ContactScope::Trust);
    for (s, site) in loaded.sites.iter().enumerate() {
        add(&site.value.contacts, &site.file, ContactScope::Site(s));
    }
    for (w, ward) in loaded.wards.iter().enumerate() {
        add(&ward.value.contacts, &ward.file, ContactScope::Ward(w));
    }
    out
}

/// Pass 2 for contacts: link each entry's role and the components its routes rely on.
pub(super) fn resolve(
    entries: &[ContactEntry],
    ids: &Namespaces,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Contact> {
    entries
        .iter()
        .map(|entry| resolve_one(entry, ids, diags))
        .collect()
}

fn resolve_one(entry: &ContactEntry, ids: &Namespaces, diags: &mut Vec<Diagnostic>) -> Contact {
    let (c, file, path) = (entry.raw, entry.file, &entry.yaml_path);
    if c.routes.is_empty() {
        diags.push(
            Diagnostic::error(
                "no-route",
                file,
                format!("contact `{}` has no way to reach them", c.id),
            )
            .at_path(format!("{path}.routes"))
            .with_hint("add at least one route, and one that works without phones"),
        );
    }
    Contact {
        id: c.id.clone(),
        name: c.name.to_string(),
        role: c
            .role
            .as_ref()
            .and_then(|r| ids.roles.find(r, file, &format!("{path}.role"), diags)),
        routes: c
            .routes
            .iter()
            .enumerate()
            .map(|(r, route)| Route {
                kind: route.kind,
                value: route.value.to_string(),
                relies_on: ids.components.find_all(
                    &route.relies_on,
                    file,
                    &format!("{path}.routes[{r}].relies_on"),
                    diags,
                ),
            })
            .collect(),
        notes: c.notes.to_string(),
        scope: entry.scope,
        verified: c.verified,
        file: file.to_path_buf(),
        yaml_path: path.clone(),
    }
}

/// The contacts held by `scope`, in entry order.
pub(super) fn held_by(contacts: &[Contact], scope: ContactScope) -> Vec<ContactIx> {
    (0..contacts.len())
        .filter(|&c| contacts[c].scope == scope)
        .collect()
}

/// Link a call cascade (the trust's or a site's): who calls, and whom.
pub(super) fn resolve_cascade(
    steps: &[raw::CascadeStep],
    file: &Path,
    ids: &Namespaces,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Cascade> {
    steps
        .iter()
        .enumerate()
        .filter_map(|(i, step)| {
            let caller = ids
                .roles
                .find(&step.caller, file, &format!("cascade[{i}].caller"), diags);
            let called = ids.contacts.find_all(
                &step.contacts,
                file,
                &format!("cascade[{i}].contacts"),
                diags,
            );
            Some(Cascade {
                caller: caller?,
                contacts: called,
                when: step.when.to_string(),
            })
        })
        .collect()
}
