//! Stage 3, **model**: the trust as a checked, linked graph.
//!
//! Built by [`resolve()`] from the raw YAML. Every reference is an index into one of the
//! `Model`'s vectors, so nothing downstream looks up an id string that might not exist.
//!
//! One module per kind of YAML file holds its resolved type(s) and its `resolve` (`trust`,
//! `contact`, `site`, `ward`, `component`, `procedure`, `form`, `scenario`); `ids` defines
//! every id first, and `resolve` calls each kind by name, then the checks across kinds
//! (`cross_check`, `consistency`).

mod component;
mod consistency;
mod contact;
mod cross_check;
pub mod duration;
mod exercise;
mod form;
pub mod graph;
mod ids;
mod interface;
pub mod kit;
pub mod numbering;
pub mod order;
mod procedure;
mod reference;
mod resolve;
mod scenario;
mod site;
mod step;
mod trust;
mod ward;

pub use component::{Component, ComponentKind, SystemInfo};
pub use contact::{Cascade, Contact, ContactScope, Route};
pub use exercise::{Action, ActionStatus, Exercise, ExerciseKind, Tested};
pub use form::{Form, READINESS_LOG_ID};
pub use ids::is_valid_id;
pub use interface::{FlowLoss, Interface};
pub use procedure::Procedure;
pub use reference::Reference;
pub use resolve::resolve;
pub use scenario::Scenario;
pub use site::Site;
pub use step::{Alternative, Condition, Escalation, Phase, Step, Timing};
pub use trust::Trust;
pub use ward::{Ward, WardSystem};

use crate::load::raw;

/// Index into `Model::roles`.
pub type RoleIx = usize;
/// Index into `Model::contacts`.
pub type ContactIx = usize;
/// Index into `Model::sites`.
pub type SiteIx = usize;
/// Index into `Model::wards`.
pub type WardIx = usize;
/// Index into `Model::components` (systems and infrastructure share one namespace).
pub type ComponentIx = usize;
/// Index into `Model::procedures`.
pub type ProcedureIx = usize;
/// Index into `Model::forms`.
pub type FormIx = usize;
/// Index into `Model::scenarios`.
pub type ScenarioIx = usize;
/// Index into `Model::interfaces`.
pub type InterfaceIx = usize;

/// The whole trust, validated.
#[derive(Debug)]
pub struct Model {
    pub trust: Trust,
    pub roles: Vec<raw::Role>,
    pub contacts: Vec<Contact>,
    pub sites: Vec<Site>,
    pub wards: Vec<Ward>,
    pub components: Vec<Component>,
    pub procedures: Vec<Procedure>,
    pub forms: Vec<Form>,
    pub scenarios: Vec<Scenario>,
    pub interfaces: Vec<Interface>,
    pub references: Vec<Reference>,
    pub exercises: Vec<Exercise>,
}

impl Model {
    /// The `depends_on` graph as adjacency lists, for [`graph`] functions.
    pub fn dependency_graph(&self) -> Vec<Vec<ComponentIx>> {
        component::dependency_graph(&self.components)
    }

    /// The chain of ids that takes `c` down in `radius`, e.g. `order-comms -> epr -> data-centre`.
    pub fn chain(&self, radius: &graph::BlastRadius, c: ComponentIx) -> String {
        radius
            .path(c)
            .iter()
            .map(|&p| self.components[p].id.as_str())
            .collect::<Vec<_>>()
            .join(" -> ")
    }

    /// The site a contact's runner and radio routes lead to: the site of the site or ward that
    /// holds the contact. A runner cannot be sent to a room at another hospital, nor reach a
    /// radio channel there; trust-wide contacts have no site.
    pub fn contact_site(&self, contact: ContactIx) -> Option<SiteIx> {
        match self.contacts[contact].scope {
            ContactScope::Site(s) => Some(s),
            ContactScope::Ward(w) => Some(self.wards[w].site),
            ContactScope::Trust => None,
        }
    }

    /// Whether `route` of `contact` can be used from `site`: every route can, except runner
    /// and radio routes that lead to another site.
    pub fn route_usable_from(&self, contact: ContactIx, route: &Route, site: SiteIx) -> bool {
        let local = matches!(route.kind, raw::RouteKind::Runner | raw::RouteKind::Radio);
        !local || self.contact_site(contact).is_none_or(|s| s == site)
    }

    /// Whether a contact route still works when `radius` is lost.
    pub fn route_works(&self, route: &Route, radius: &graph::BlastRadius) -> bool {
        !route.relies_on.iter().any(|&c| radius.is_lost(c))
    }

    /// Procedures a ward follows, in pack order: general ward procedures first, then the
    /// fallbacks of each system the ward uses, in the ward's own order. Retired ones never appear.
    pub fn ward_procedures(&self, ward: WardIx) -> Vec<ProcedureIx> {
        let mut out: Vec<ProcedureIx> = self
            .procedures
            .iter()
            .enumerate()
            .filter(|(_, p)| p.scope == raw::Scope::Ward && p.replaces.is_empty())
            .filter(|(_, p)| p.control.status != raw::Status::Retired)
            .map(|(ix, _)| ix)
            .collect();
        for used in &self.wards[ward].systems {
            for &p in &self.components[used.system].fallbacks {
                if self.procedures[p].scope == raw::Scope::Ward && !out.contains(&p) {
                    out.push(p);
                }
            }
        }
        out
    }

    /// Whether `role` has any step in the procedures ward `w` follows: decides whether the
    /// role gets an action card, and whether `check` calls the role idle.
    pub fn role_has_steps(&self, w: WardIx, role: RoleIx) -> bool {
        self.ward_procedures(w).iter().any(|&p| {
            Phase::ALL.iter().any(|&ph| {
                (self.procedures[p].steps(ph).iter()).any(|s| self.wards[w].acting(s.role) == role)
            })
        })
    }

    /// The reference pages ward `w` keeps: those for any system it uses, and those naming it.
    /// Retired ones never appear.
    pub fn ward_references(&self, w: WardIx) -> Vec<usize> {
        let ward = &self.wards[w];
        (0..self.references.len())
            .filter(|&r| {
                let page = &self.references[r];
                let for_ward = page.wards.contains(&w)
                    || (page.systems.iter()).any(|c| ward.systems.iter().any(|u| u.system == *c));
                page.control.status != raw::Status::Retired && for_ward
            })
            .collect()
    }

    /// The command procedures a hospital pack prints: the site's own (site command,
    /// switchboard...), then the trust's (gold command), each in id order.
    pub fn site_procedures(&self) -> Vec<ProcedureIx> {
        let mut procedures: Vec<ProcedureIx> = (0..self.procedures.len())
            .filter(|&p| self.procedures[p].scope != raw::Scope::Ward)
            .filter(|&p| self.procedures[p].control.status != raw::Status::Retired)
            .collect();
        procedures.sort_by_key(|&p| self.procedures[p].scope == raw::Scope::Trust);
        procedures
    }

    /// Contacts holding a role, nearest first: the ward's own, then its site's, then the trust's.
    pub fn contacts_for_role(
        &self,
        role: RoleIx,
        ward: Option<WardIx>,
        site: SiteIx,
    ) -> Vec<ContactIx> {
        let in_scope = |c: &Contact| match c.scope {
            ContactScope::Ward(w) => Some(w) == ward,
            ContactScope::Site(s) => s == site,
            ContactScope::Trust => true,
        };
        let rank = |c: &Contact| match c.scope {
            ContactScope::Ward(_) => 0,
            ContactScope::Site(_) => 1,
            ContactScope::Trust => 2,
        };
        let mut found: Vec<ContactIx> = (0..self.contacts.len())
            .filter(|&c| self.contacts[c].role == Some(role) && in_scope(&self.contacts[c]))
            .collect();
        found.sort_by_key(|&c| rank(&self.contacts[c]));
        found
    }
}
