//! Wards and departments, from `wards/`: the site they are on, the systems staff use there,
//! their downtime kit, roles and contacts.

use super::component::Component;
use super::contact::{self, Contact, ContactScope};
use super::ids::Namespaces;
use super::kit;
use super::{ComponentIx, ContactIx, RoleIx, SiteIx};
use crate::diagnostic::Diagnostic;
use crate::load::{raw, Sourced};
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub struct Ward {
    pub id: String,
    pub site: SiteIx,
    pub name: String,
    pub kind: raw::WardKind,
    pub location: String,
    pub beds: Option<u32>,
    pub systems: Vec<WardSystem>,
    pub kit: super::kit::Kit,
    pub roles: Vec<RoleIx>,
    /// (role the procedures name, role on this ward that does its steps).
    pub acts_as: Vec<(RoleIx, RoleIx)>,
    pub contacts: Vec<ContactIx>,
    pub equipment: Vec<raw::Equipment>,
    /// The ward whose downtime PC staff use when their own fails.
    pub buddy: Option<super::WardIx>,
    pub numbering: Vec<super::numbering::NumberRange>,
    /// Identifiers of the FHIR Locations that are this ward, for `downtime snapshot`.
    pub fhir_location: Vec<String>,
    /// A clinic whose appointments are cancelled while systems are down: its patients go on
    /// the ring-round contact list. Always false for a ward that is not a clinic.
    pub cancel_if_down: bool,
    pub file: PathBuf,
}

#[derive(Debug)]
pub struct WardSystem {
    pub system: ComponentIx,
    pub notes: String,
}

/// Pass 2 for wards: the site, the systems used (which must be systems, not infrastructure),
/// roles and contacts.
pub(super) fn resolve(
    wards: &[Sourced<raw::Ward>],
    contacts: &[Contact],
    components: &[Component],
    kit_minimum_hours: u32,
    ids: &Namespaces,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Ward> {
    shared_fhir_locations(wards, diags);
    wards
        .iter()
        .enumerate()
        .map(|(w, ward)| {
            let v = &ward.value;
            let site = ids.sites.find(&v.site, &ward.file, "site", diags);
            Ward {
                id: v.id.clone(),
                site: site.unwrap_or(0),
                name: v.name.to_string(),
                kind: v.kind,
                location: v.location.to_string(),
                beds: v.beds,
                systems: resolve_systems(&v.systems, &ward.file, components, ids, diags),
                kit: kit::resolve(
                    &v.kit,
                    &kit::Sizing {
                        beds: v.beds,
                        hours: v.kit.hours.unwrap_or(kit_minimum_hours),
                        file: &ward.file,
                    },
                    ids,
                    diags,
                ),
                roles: ids.roles.find_all(&v.roles, &ward.file, "roles", diags),
                acts_as: acts_as(ward, ids, diags),
                contacts: contact::held_by(contacts, ContactScope::Ward(w)),
                equipment: v.equipment.clone(),
                buddy: buddy(ward, w, ids, diags),
                numbering: super::numbering::resolve(
                    &v.numbering,
                    format!("ward `{}`", v.id),
                    &ward.file,
                    diags,
                ),
                fhir_location: v.fhir_location.clone(),
                cancel_if_down: cancel_if_down(ward, diags),
                file: ward.file.clone(),
            }
        })
        .collect()
}

impl Ward {
    /// The role on this ward that does the steps the procedures give `role`: itself, or the
    /// role `acts_as` names for it.
    pub fn acting(&self, role: RoleIx) -> RoleIx {
        (self.acts_as.iter())
            .find(|(named, _)| *named == role)
            .map_or(role, |&(_, acting)| acting)
    }
}

/// A ward's `acts_as`: each key a role the ward does not have, each value one of its roles.
fn acts_as(
    ward: &Sourced<raw::Ward>,
    ids: &Namespaces,
    diags: &mut Vec<Diagnostic>,
) -> Vec<(RoleIx, RoleIx)> {
    let v = &ward.value;
    let file = &ward.file;
    let mut found = Vec::new();
    for (named, acting) in &v.acts_as {
        let path = format!("acts_as.{named}");
        let (Some(n), Some(a)) = (
            ids.roles.find(named, file, &path, diags),
            ids.roles.find(acting, file, &path, diags),
        ) else {
            continue;
        };
        if v.roles.contains(named) {
            diags.push(
                Diagnostic::error(
                    "acts-as-own-role",
                    file,
                    format!("role `{named}` is on this ward, so no other role does its steps"),
                )
                .at_path(path)
                .with_hint(format!(
                    "remove `{named}` from acts_as, or from the ward's roles"
                )),
            );
        } else if !v.roles.contains(acting) {
            diags.push(
                Diagnostic::error("acts-as-role-not-on-ward", file, format!("`{acting}` is not one of this ward's roles, so it cannot do `{named}`'s steps here"))
                    .at_path(path)
                    .with_hint(format!("name one of the ward's roles ({}), or add `{acting}` to them", v.roles.join(", "))),
            );
        } else {
            found.push((n, a));
        }
    }
    found
}

/// The systems a ward uses; infrastructure named here is an error, as staff do not log in
/// to it.
fn resolve_systems(
    used: &[raw::WardSystem],
    file: &Path,
    components: &[Component],
    ids: &Namespaces,
    diags: &mut Vec<Diagnostic>,
) -> Vec<WardSystem> {
    used.iter()
        .enumerate()
        .filter_map(|(i, used)| {
            let path = format!("systems[{i}].system");
            let system = ids.components.find(&used.system, file, &path, diags)?;
            if components.get(system).is_some_and(|c| c.system().is_none()) {
                diags.push(
                    Diagnostic::error(
                        "not-a-system",
                        file,
                        format!("`{}` is infrastructure, not a system staff use", used.system),
                    )
                    .at_path(path)
                    .with_hint("list the systems staff log in to; infrastructure belongs in their depends_on"),
                );
            }
            Some(WardSystem {
                system,
                notes: used.notes.to_string(),
            })
        })
        .collect()
}

/// The ward's buddy, which must be another ward.
/// A FHIR Location claimed by two wards: `downtime snapshot` could not tell which ward's
/// list its patients belong on.
fn shared_fhir_locations(wards: &[Sourced<raw::Ward>], diags: &mut Vec<Diagnostic>) {
    let mut claimed: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
    for ward in wards {
        for (i, location) in ward.value.fhir_location.iter().enumerate() {
            match claimed.insert(location.as_str(), ward.value.id.as_str()) {
                Some(other) if other != ward.value.id => diags.push(
                    Diagnostic::error(
                        "fhir-location-shared",
                        &ward.file,
                        format!("FHIR Location `{location}` is also ward `{other}`'s"),
                    )
                    .at_path(format!("fhir_location[{i}]"))
                    .with_hint("each Location belongs to one ward: patients there are printed on that ward's list"),
                ),
                _ => {}
            }
        }
    }
}

/// A clinic's `cancel_if_down` (default true); set on a ward that is not a clinic, it is an
/// error: it would read as though the ward's patients were rung round.
fn cancel_if_down(ward: &Sourced<raw::Ward>, diags: &mut Vec<Diagnostic>) -> bool {
    let v = &ward.value;
    let clinic = v.kind == raw::WardKind::Outpatient;
    if v.cancel_if_down.is_some() && !clinic {
        diags.push(
            Diagnostic::error(
                "cancel-if-down-not-clinic",
                &ward.file,
                "cancel_if_down is for clinics (kind outpatient): this ward's patients are not rung round",
            )
            .at_path("cancel_if_down")
            .with_hint("remove cancel_if_down, or make the ward kind: outpatient if it is a clinic"),
        );
    }
    clinic && v.cancel_if_down.unwrap_or(true)
}

fn buddy(
    ward: &Sourced<raw::Ward>,
    w: usize,
    ids: &Namespaces,
    diags: &mut Vec<Diagnostic>,
) -> Option<super::WardIx> {
    let id = ward.value.buddy.as_ref()?;
    let buddy = ids.wards.find(id, &ward.file, "buddy", diags)?;
    if buddy == w {
        diags.push(
            Diagnostic::error(
                "buddy-is-self",
                &ward.file,
                format!("ward `{id}` is its own buddy"),
            )
            .at_path("buddy")
            .with_hint("name a neighbouring ward on the same site whose downtime PC staff can use"),
        );
        return None;
    }
    Some(buddy)
}
