//! Template-facing views of model items that every kind of pack shows the same way.
//!
//! Views hold plain strings, already formatted for print (dates, durations, route labels).
//! They are *not* escaped: the template engine escapes every value for Markdown on output.

use crate::load::raw::{self, RouteKind};
use crate::model::graph::BlastRadius;
use crate::model::{Cascade, ContactIx, Model, Phase, Procedure, SiteIx, Step, WardIx};
use chrono::NaiveDate;
use serde::Serialize;

/// Whose pack is being gathered: the ward (if any), its site, and the outage scenario (if
/// any) whose lost components must be marked as not working.
#[derive(Clone, Copy)]
pub struct Lens<'a> {
    pub model: &'a Model,
    pub ward: Option<WardIx>,
    pub site: SiteIx,
    pub radius: Option<&'a BlastRadius>,
}

impl Lens<'_> {
    /// Why `c` is not available in this lens's scenario, e.g. "telephony is down
    /// (telephony -> core-network)"; `None` when it works.
    pub fn down_reason(&self, components: &[usize]) -> Option<String> {
        let radius = self.radius?;
        let lost = components.iter().find(|&&c| radius.is_lost(c))?;
        Some(format!(
            "{} is down ({})",
            self.model.components[*lost].name,
            self.model.chain(radius, *lost)
        ))
    }
}

/// Dates are printed in full so nobody on a ward misreads 03/04 as 4 March.
pub fn long_date(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

#[derive(Serialize)]
pub struct TrustView {
    pub name: String,
    pub code: String,
    pub version: String,
    pub issued: String,
}

impl TrustView {
    pub fn new(model: &Model) -> Self {
        let t = &model.trust;
        TrustView {
            name: t.name.clone(),
            code: t.code.clone(),
            version: t.edition.version.to_string(),
            issued: long_date(t.edition.date),
        }
    }
}

#[derive(Serialize)]
pub struct RouteView {
    pub label: String,
    pub value: String,
    pub without_phones: bool,
    /// In a scenario pack: this route does not work in this outage.
    pub down: bool,
}

#[derive(Serialize)]
pub struct ContactView {
    pub name: String,
    pub role: String,
    pub routes: Vec<RouteView>,
    pub notes: String,
    /// In a scenario pack: at least one route still works in this outage.
    pub reachable: bool,
}

pub fn route_label(kind: RouteKind) -> &'static str {
    match kind {
        RouteKind::Extension => "Ext.",
        RouteKind::Landline => "Direct line",
        RouteKind::Mobile => "Mobile",
        RouteKind::Bleep => "Bleep",
        RouteKind::Radio => "Radio",
        RouteKind::Email => "Email",
        RouteKind::Runner => "Runner",
    }
}

pub fn contact(lens: &Lens, ix: ContactIx) -> ContactView {
    let model = lens.model;
    let c = &model.contacts[ix];
    let routes: Vec<RouteView> = c
        .routes
        .iter()
        .map(|r| RouteView {
            label: route_label(r.kind).to_string(),
            value: r.value.clone(),
            without_phones: r.works_without_phones(),
            down: lens
                .radius
                .is_some_and(|radius| !model.route_works(r, radius)),
        })
        .collect();
    ContactView {
        name: c.name.clone(),
        role: c
            .role
            .map(|r| model.roles[r].name.to_string())
            .unwrap_or_default(),
        reachable: routes.iter().any(|r| !r.down),
        routes,
        notes: c.notes.clone(),
    }
}

#[derive(Serialize)]
pub struct CascadeView {
    pub caller: String,
    pub when: String,
    pub contacts: Vec<ContactView>,
}

pub fn cascade(lens: &Lens, steps: &[Cascade]) -> Vec<CascadeView> {
    steps
        .iter()
        .map(|s| CascadeView {
            caller: lens.model.roles[s.caller].name.to_string(),
            when: s.when.clone(),
            contacts: s.contacts.iter().map(|&c| contact(lens, c)).collect(),
        })
        .collect()
}

#[derive(Serialize)]
pub struct EscalationView {
    pub after: String,
    pub to: String,
    pub say: String,
    /// How to reach the people holding that role from this ward or site.
    pub reach: Vec<ContactView>,
}

#[derive(Serialize)]
pub struct FormRef {
    pub id: String,
    pub title: String,
}

#[derive(Serialize)]
pub struct StepView {
    pub role: String,
    pub action: String,
    pub checklist: Vec<String>,
    pub forms: Vec<FormRef>,
    pub escalate: Vec<EscalationView>,
    /// Where this step comes from, for lists that gather steps from many procedures.
    pub source: String,
    /// In a scenario pack: why this step cannot be done as written in this outage.
    pub unavailable: Option<String>,
}

pub fn step(lens: &Lens, s: &Step, source: &str) -> StepView {
    let model = lens.model;
    StepView {
        role: model.roles[s.role].name.to_string(),
        action: s.action.clone(),
        checklist: s.checklist.clone(),
        forms: s
            .forms
            .iter()
            .map(|&f| FormRef {
                id: model.forms[f].id.clone(),
                title: model.forms[f].title.clone(),
            })
            .collect(),
        escalate: s
            .escalate
            .iter()
            .map(|e| EscalationView {
                after: e.after_text.clone(),
                to: model.roles[e.to].name.to_string(),
                say: e.say.clone(),
                reach: model
                    .contacts_for_role(e.to, lens.ward, lens.site)
                    .into_iter()
                    .map(|c| contact(lens, c))
                    .collect(),
            })
            .collect(),
        source: source.to_string(),
        unavailable: lens.down_reason(&s.relies_on),
    }
}

#[derive(Serialize)]
pub struct PhaseView {
    pub title: String,
    pub steps: Vec<StepView>,
}

#[derive(Serialize)]
pub struct ProcedureView {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub control: ControlView,
    pub phases: Vec<PhaseView>,
}

#[derive(Serialize)]
pub struct ControlView {
    pub procedure: String,
    pub id: String,
    pub version: String,
    pub status: String,
    pub draft: bool,
    pub owner: String,
    pub approver: String,
    pub last_reviewed: String,
    pub review_due: String,
}

pub fn control(p: &Procedure) -> ControlView {
    ControlView {
        procedure: p.title.clone(),
        id: p.id.clone(),
        version: p.control.version.to_string(),
        status: status_label(p.control.status).to_string(),
        draft: p.control.status == raw::Status::Draft,
        owner: p.control.owner.to_string(),
        approver: p.control.approver.to_string(),
        last_reviewed: long_date(p.control.last_reviewed),
        review_due: long_date(p.review_due),
    }
}

pub fn status_label(status: raw::Status) -> &'static str {
    match status {
        raw::Status::Draft => "DRAFT",
        raw::Status::Approved => "Approved",
        raw::Status::Retired => "Retired",
    }
}

pub fn procedure(lens: &Lens, ix: usize) -> ProcedureView {
    let p = &lens.model.procedures[ix];
    ProcedureView {
        id: p.id.clone(),
        title: p.title.clone(),
        summary: p.summary.clone(),
        control: control(p),
        phases: Phase::ALL
            .iter()
            .filter(|&&phase| !p.steps(phase).is_empty())
            .map(|&phase| PhaseView {
                title: phase.title().to_string(),
                steps: p
                    .steps(phase)
                    .iter()
                    .map(|s| step(lens, s, &p.title))
                    .collect(),
            })
            .collect(),
    }
}

/// Steps of one phase gathered from several procedures and grouped by role, in the order
/// the roles are given (roles not listed come after, in trust order).
#[derive(Serialize)]
pub struct RoleSteps {
    pub role: String,
    pub steps: Vec<StepView>,
}

pub fn steps_by_role(
    lens: &Lens,
    procedures: &[usize],
    phase: Phase,
    role_order: &[usize],
) -> Vec<RoleSteps> {
    let model = lens.model;
    let mut order: Vec<usize> = role_order.to_vec();
    order.extend((0..model.roles.len()).filter(|r| !role_order.contains(r)));
    order
        .into_iter()
        .filter_map(|role| {
            let steps: Vec<StepView> = procedures
                .iter()
                .flat_map(|&p| {
                    let proc = &model.procedures[p];
                    proc.steps(phase)
                        .iter()
                        .filter(move |s| s.role == role)
                        .map(move |s| step(lens, s, &proc.title))
                })
                .collect();
            (!steps.is_empty()).then(|| RoleSteps {
                role: model.roles[role].name.to_string(),
                steps,
            })
        })
        .collect()
}
