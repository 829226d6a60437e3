//! Stage 3, **model**: the trust as a checked, linked graph.
//!
//! Built by [`resolve::resolve`] from the raw YAML. Every reference is an index into one of the
//! `Model`'s vectors, so nothing downstream looks up an id string that might not exist.

mod consistency;
pub mod duration;
pub mod graph;
pub mod order;
mod resolve;

pub use resolve::{is_valid_id, resolve};

use crate::load::raw;
use chrono::NaiveDate;
use std::path::PathBuf;

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
}

/// An outage and everything it takes down.
#[derive(Debug)]
pub struct Scenario {
    pub id: String,
    pub name: String,
    pub kind: raw::ScenarioKind,
    pub duration_text: String,
    pub fails: Vec<ComponentIx>,
    pub description: String,
    pub instructions: Vec<String>,
    pub radius: graph::BlastRadius,
    pub file: PathBuf,
}

#[derive(Debug)]
pub struct Trust {
    pub name: String,
    pub code: String,
    pub edition: raw::Edition,
    pub review_interval_months: u32,
    pub contacts: Vec<ContactIx>,
    pub cascade: Vec<Cascade>,
    pub contact_check_months: Option<u32>,
    pub lints: std::collections::BTreeMap<String, raw::LintLevel>,
    pub file: PathBuf,
}

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

#[derive(Debug)]
pub struct Site {
    pub id: String,
    pub name: String,
    pub kind: raw::SiteKind,
    pub address: String,
    pub switchboard: String,
    pub command_post: String,
    pub contacts: Vec<ContactIx>,
    pub cascade: Vec<Cascade>,
    pub equipment: Vec<raw::Equipment>,
    /// Wards on this site, in id order.
    pub wards: Vec<WardIx>,
    pub file: PathBuf,
}

#[derive(Debug)]
pub struct Ward {
    pub id: String,
    pub site: SiteIx,
    pub name: String,
    pub kind: raw::WardKind,
    pub location: String,
    pub systems: Vec<WardSystem>,
    pub kit: raw::Kit,
    pub roles: Vec<RoleIx>,
    pub contacts: Vec<ContactIx>,
    pub file: PathBuf,
}

#[derive(Debug)]
pub struct WardSystem {
    pub system: ComponentIx,
    pub notes: String,
}

/// A system or an infrastructure component: anything that can fail.
#[derive(Debug)]
pub struct Component {
    pub id: String,
    pub name: String,
    pub kind: ComponentKind,
    pub depends_on: Vec<ComponentIx>,
    /// Procedures (not retired) that replace this component when it is down.
    pub fallbacks: Vec<ProcedureIx>,
    pub file: PathBuf,
}

#[derive(Debug)]
pub enum ComponentKind {
    System(SystemInfo),
    Infrastructure {
        kind: raw::InfraKind,
        description: String,
    },
}

#[derive(Debug)]
pub struct SystemInfo {
    pub short_name: String,
    pub category: String,
    pub supplier: String,
    pub tier: u8,
    /// Maximum tolerable downtime in minutes.
    pub mtd_minutes: u32,
    pub mtd_text: String,
    pub signs_of_failure: Vec<String>,
    pub impact: String,
}

impl Component {
    pub fn system(&self) -> Option<&SystemInfo> {
        match &self.kind {
            ComponentKind::System(info) => Some(info),
            ComponentKind::Infrastructure { .. } => None,
        }
    }
}

/// The three phases of a downtime, in the order staff live through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Phase {
    Declare,
    During,
    Recovery,
}

impl Phase {
    pub const ALL: [Phase; 3] = [Phase::Declare, Phase::During, Phase::Recovery];

    pub fn key(self) -> &'static str {
        match self {
            Phase::Declare => "declare",
            Phase::During => "during",
            Phase::Recovery => "recovery",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Phase::Declare => "Recognise and declare (first 15 minutes)",
            Phase::During => "During the downtime",
            Phase::Recovery => "When systems return",
        }
    }
}

#[derive(Debug)]
pub struct Procedure {
    pub id: String,
    pub title: String,
    pub replaces: Vec<ComponentIx>,
    pub scope: raw::Scope,
    pub summary: String,
    pub control: raw::DocControl,
    pub review_due: NaiveDate,
    /// Steps per phase, indexed by `Phase as usize`.
    pub phases: [Vec<Step>; 3],
    pub file: PathBuf,
}

impl Procedure {
    pub fn steps(&self, phase: Phase) -> &[Step] {
        &self.phases[phase as usize]
    }
}

#[derive(Debug)]
pub struct Step {
    pub role: RoleIx,
    pub action: String,
    pub checklist: Vec<String>,
    pub forms: Vec<FormIx>,
    pub escalate: Vec<Escalation>,
    pub relies_on: Vec<ComponentIx>,
    /// Where the step is written, e.g. `phases.during[2]`.
    pub yaml_path: String,
}

#[derive(Debug)]
pub struct Escalation {
    pub after_minutes: u32,
    pub after_text: String,
    pub to: RoleIx,
    pub say: String,
}

#[derive(Debug)]
pub struct Form {
    pub id: String,
    pub title: String,
    pub purpose: String,
    pub copies: u32,
    pub layout: Vec<raw::Part>,
    pub control: raw::DocControl,
    pub review_due: NaiveDate,
    pub file: PathBuf,
}

impl Model {
    /// The `depends_on` graph as adjacency lists, for [`graph`] functions.
    pub fn dependency_graph(&self) -> Vec<Vec<ComponentIx>> {
        self.components
            .iter()
            .map(|c| c.depends_on.clone())
            .collect()
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
            Phase::ALL
                .iter()
                .any(|&ph| self.procedures[p].steps(ph).iter().any(|s| s.role == role))
        })
    }

    /// Site-scope procedures (site command, switchboard...), in id order.
    pub fn site_procedures(&self) -> Vec<ProcedureIx> {
        self.procedures
            .iter()
            .enumerate()
            .filter(|(_, p)| p.scope == raw::Scope::Site)
            .filter(|(_, p)| p.control.status != raw::Status::Retired)
            .map(|(ix, _)| ix)
            .collect()
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
