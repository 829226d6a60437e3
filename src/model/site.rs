//! Sites (hospitals), from `sites/`: where the command post is, the site's contacts, call
//! cascade and emergency equipment, and the wards on it.

use super::contact::{self, Cascade, Contact, ContactScope};
use super::ids::Namespaces;
use super::ward::Ward;
use super::{ContactIx, WardIx};
use crate::diagnostic::Diagnostic;
use crate::load::{raw, Sourced};
use std::path::PathBuf;

#[derive(Debug)]
pub struct Site {
    pub id: String,
    pub name: String,
    pub kind: raw::SiteKind,
    /// Postal address, when the site file gives one.
    pub address: Option<String>,
    /// Switchboard number, when the site file gives one.
    pub switchboard: Option<String>,
    pub command_post: String,
    pub contacts: Vec<ContactIx>,
    pub cascade: Vec<Cascade>,
    pub equipment: Vec<raw::Equipment>,
    pub numbering: Vec<super::numbering::NumberRange>,
    /// Wards on this site, in id order.
    pub wards: Vec<WardIx>,
    pub file: PathBuf,
}

/// Pass 2 for sites: contacts and call cascades. Wards are added by [`link_wards`] once
/// they are resolved.
pub(super) fn resolve(
    sites: &[Sourced<raw::Site>],
    contacts: &[Contact],
    ids: &Namespaces,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Site> {
    sites
        .iter()
        .enumerate()
        .map(|(s, site)| Site {
            id: site.value.id.clone(),
            name: site.value.name.to_string(),
            kind: site.value.kind,
            address: Some(site.value.address.to_string()).filter(|a| !a.is_empty()),
            switchboard: site.value.switchboard.as_ref().map(|s| s.to_string()),
            command_post: site.value.command_post.to_string(),
            contacts: contact::held_by(contacts, ContactScope::Site(s)),
            cascade: contact::resolve_cascade(&site.value.cascade, &site.file, ids, diags),
            equipment: site.value.equipment.clone(),
            numbering: super::numbering::resolve(
                &site.value.numbering,
                format!("site `{}`", site.value.id),
                &site.file,
                diags,
            ),
            wards: Vec::new(),
            file: site.file.clone(),
        })
        .collect()
}

/// List on each site the wards on it, in id order.
pub(super) fn link_wards(sites: &mut [Site], wards: &[Ward]) {
    for (w, ward) in wards.iter().enumerate() {
        if let Some(site) = sites.get_mut(ward.site) {
            site.wards.push(w);
        }
    }
    for site in sites {
        site.wards.sort_by(|&a, &b| wards[a].id.cmp(&wards[b].id));
    }
}
