//! Template-facing views of model items that every kind of pack shows the same way.
//!
//! Views hold plain strings, already formatted for print (dates, durations, route labels).
//! They are *not* escaped: the template engine escapes every value for Markdown on output.

use crate::load::raw::{self, RouteKind};
use crate::model::{Cascade, ContactIx, Model, Phase, Procedure, SiteIx, Step, WardIx};
use chrono::NaiveDate;
use serde::Serialize;

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
            version: t.edition.version.clone(),
            issued: long_date(t.edition.date),
        }
    }
}

#[derive(Serialize)]
pub struct RouteView {
    pub label: String,
    pub value: String,
    pub without_phones: bool,
}

#[derive(Serialize)]
pub struct ContactView {
    pub name: String,
    pub role: String,
    pub routes: Vec<RouteView>,
    pub notes: String,
    /// At least one route works with the phone system down.
    pub reachable_without_phones: bool,
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

pub fn contact(model: &Model, ix: ContactIx) -> ContactView {
    let c = &model.contacts[ix];
    let routes: Vec<RouteView> = c
        .routes
        .iter()
        .map(|r| RouteView {
            label: route_label(r.kind).to_string(),
            value: r.value.clone(),
            without_phones: r.works_without_phones(),
        })
        .collect();
    ContactView {
        name: c.name.clone(),
        role: c
            .role
            .map(|r| model.roles[r].name.clone())
            .unwrap_or_default(),
        reachable_without_phones: routes.iter().any(|r| r.without_phones),
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

pub fn cascade(model: &Model, steps: &[Cascade]) -> Vec<CascadeView> {
    steps
        .iter()
        .map(|s| CascadeView {
            caller: model.roles[s.caller].name.clone(),
            when: s.when.clone(),
            contacts: s.contacts.iter().map(|&c| contact(model, c)).collect(),
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
}

pub fn step(model: &Model, s: &Step, source: &str, ward: Option<WardIx>, site: SiteIx) -> StepView {
    StepView {
        role: model.roles[s.role].name.clone(),
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
                to: model.roles[e.to].name.clone(),
                say: e.say.clone(),
                reach: model
                    .contacts_for_role(e.to, ward, site)
                    .into_iter()
                    .map(|c| contact(model, c))
                    .collect(),
            })
            .collect(),
        source: source.to_string(),
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
        version: p.control.version.clone(),
        status: status_label(p.control.status).to_string(),
        draft: p.control.status == raw::Status::Draft,
        owner: p.control.owner.clone(),
        approver: p.control.approver.clone(),
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

pub fn procedure(model: &Model, ix: usize, ward: Option<WardIx>, site: SiteIx) -> ProcedureView {
    let p = &model.procedures[ix];
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
                    .map(|s| step(model, s, &p.title, ward, site))
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
    model: &Model,
    procedures: &[usize],
    phase: Phase,
    role_order: &[usize],
    ward: Option<WardIx>,
    site: SiteIx,
) -> Vec<RoleSteps> {
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
                        .map(move |s| step(model, s, &proc.title, ward, site))
                })
                .collect();
            (!steps.is_empty()).then(|| RoleSteps {
                role: model.roles[role].name.clone(),
                steps,
            })
        })
        .collect()
}
