//! Template-facing views of model items that every kind of pack shows the same way.
//!
//! Views hold plain strings, already formatted for print (dates, durations, route labels).
//! They are *not* escaped: the template engine escapes every value for Markdown on output.

use crate::load::raw::{self, RouteKind};
use crate::model::graph::BlastRadius;
use crate::model::{
    Cascade, ContactIx, Model, Phase, Procedure, RoleIx, Scenario, SiteIx, Step, WardIx,
};
use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

/// Whose pack is being gathered: the ward (if any), its site, and the outage scenario (if
/// any) whose lost components must be marked as not working.
#[derive(Clone, Copy)]
pub struct Lens<'a> {
    pub model: &'a Model,
    pub ward: Option<WardIx>,
    pub site: SiteIx,
    pub radius: Option<&'a BlastRadius>,
    /// In a scenario pack: the scenario (its start, whether it is planned).
    pub scenario: Option<&'a Scenario>,
}

impl<'a> Lens<'a> {
    /// Who does a step the procedures give `role`, on this lens's ward (see `acts_as`).
    pub fn role(&self, role: RoleIx) -> RoleIx {
        self.ward.map_or(role, |w| self.model.wards[w].acting(role))
    }

    /// The lens of a general pack (no outage in view).
    pub fn general(model: &'a Model, ward: Option<WardIx>, site: SiteIx) -> Self {
        Lens {
            model,
            ward,
            site,
            radius: None,
            scenario: None,
        }
    }

    /// The lens of a pack for one outage scenario.
    pub fn scenario(model: &'a Model, sc: usize, ward: Option<WardIx>, site: SiteIx) -> Self {
        let scenario = &model.scenarios[sc];
        Lens {
            model,
            ward,
            site,
            radius: Some(&scenario.radius),
            scenario: Some(scenario),
        }
    }

    /// Whether this pack prints steps of `phase`: a scenario pack has no routine tasks, and
    /// only a planned outage has a countdown.
    pub fn shows_phase(&self, phase: Phase) -> bool {
        match (self.scenario, phase) {
            (None, _) => true,
            (Some(_), Phase::Routine) => false,
            (Some(sc), Phase::Before) => sc.kind == raw::ScenarioKind::Planned,
            (Some(_), _) => true,
        }
    }

    /// Whether this pack prints `step`: in a scenario pack, only where its `when` holds.
    pub fn shows(&self, step: &Step) -> bool {
        self.radius.is_none_or(|r| step.when.holds(r))
    }

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

/// One row of a cover's "turn to" table: two sections side by side (on a ward pack, a system
/// the ward uses beside another section a nurse looks for first), each with the anchor of its
/// heading, whose page the printed pack fills in.
#[derive(Serialize, Default)]
pub struct CoverRow {
    pub system: String,
    pub system_anchor: String,
    pub section: String,
    pub section_anchor: String,
}

/// Two columns of (title, anchor) as rows of a cover table.
pub fn cover_rows(left: Vec<(String, String)>, right: Vec<(String, String)>) -> Vec<CoverRow> {
    let rows = left.len().max(right.len());
    (0..rows)
        .map(|i| {
            let mut row = CoverRow::default();
            if let Some((title, anchor)) = left.get(i) {
                row.system = title.clone();
                row.system_anchor = anchor.clone();
            }
            if let Some((title, anchor)) = right.get(i) {
                row.section = title.clone();
                row.section_anchor = anchor.clone();
            }
            row
        })
        .collect()
}

/// When the newest of `contacts` was last checked, for the line a contact block ends with
/// ("Contacts last updated D"): the DSPT asks that a printed contact list says it.
pub fn contacts_updated<'a>(
    model: &Model,
    contacts: impl IntoIterator<Item = &'a usize>,
) -> String {
    (contacts.into_iter())
        .filter_map(|&c| model.contacts[c].verified)
        .max()
        .map(long_date)
        .unwrap_or_default()
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

#[derive(Serialize, Clone)]
pub struct RouteView {
    pub label: String,
    pub value: String,
    pub without_phones: bool,
    /// In a scenario pack: this route does not work in this outage.
    pub down: bool,
}

#[derive(Serialize, Clone)]
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
        .filter(|r| model.route_usable_from(ix, r, lens.site))
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

/// The call cascade as this lens prints it. A ward's pack prints only the lines whose caller
/// is a role the ward has: a step-down ward has no midwife in charge to make that call.
pub fn cascade(lens: &Lens, steps: &[Cascade]) -> Vec<CascadeView> {
    let ward_roles = lens.ward.map(|w| &lens.model.wards[w].roles);
    steps
        .iter()
        .filter(|s| ward_roles.is_none_or(|roles| roles.contains(&s.caller)))
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
    /// When to do it: "T-2h", "Sat 6 Dec 20:00 (T-2h)", "Every day at 16:00", "Every hour".
    /// Empty: once, when its phase says.
    pub timing: String,
    /// In a general pack: the situations the step applies in, in words.
    pub condition: String,
    /// In a general pack: what to do instead where something it relies on is lost.
    pub otherwise: Option<OtherwiseView>,
    /// In a scenario pack that prints the alternative as the action: what it replaces, and why.
    pub instead_of: Option<String>,
    /// For a step that hands out reserved numbers: the ward's and site's blocks.
    pub numbers: Vec<String>,
    /// Data flows whose lost messages this step enters again.
    pub reenters: Vec<String>,
}

#[derive(Serialize)]
pub struct OtherwiseView {
    /// "If Switchboard telephony is down".
    pub when: String,
    pub action: String,
}

/// Names of components joined for a sentence: "A", "A and B", "A, B and C".
fn names(model: &Model, components: &[usize], last: &str) -> String {
    let names: Vec<&str> = components
        .iter()
        .map(|&c| model.components[c].name.as_str())
        .collect();
    match names.split_last() {
        None => String::new(),
        Some((only, [])) => (*only).to_string(),
        Some((tail, head)) => format!("{} {last} {tail}", head.join(", ")),
    }
}

/// A step's situation in words: "Only if the Core network is down", "Only while Email still
/// works".
fn condition_text(model: &Model, step: &Step) -> String {
    let (down, up) = (&step.when.down, &step.when.up);
    let verb = |list: &[usize], one: &str, many: &str| {
        if list.len() == 1 {
            one.to_string()
        } else {
            many.to_string()
        }
    };
    let mut parts = Vec::new();
    if !down.is_empty() {
        parts.push(format!(
            "{} {}",
            names(model, down, "and"),
            verb(down, "is down", "are down")
        ));
    }
    if !up.is_empty() {
        parts.push(format!(
            "{} still {}",
            names(model, up, "and"),
            verb(up, "works", "work")
        ));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("Only if {}", parts.join(" and "))
    }
}

/// When a step is done, as printed before its action.
fn timing_text(lens: &Lens, step: &Step, phase: Phase) -> String {
    let t = &step.timing;
    let capital = |text: String| {
        let mut chars = text.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    };
    match phase {
        Phase::Before => {
            let Some(offset) = t.offset else {
                return String::new();
            };
            let relative = crate::model::duration::describe_offset(offset);
            match lens.scenario.and_then(|sc| sc.starts) {
                Some(start) => format!(
                    "{} ({relative})",
                    clock(start + chrono::Duration::minutes(offset))
                ),
                None => relative,
            }
        }
        Phase::Routine | Phase::During => {
            let every = t.every.map(|c| capital(c.describe())).unwrap_or_default();
            match t.at_time {
                Some(time) => format!("{every} at {}", time.format("%H:%M")),
                None => every,
            }
        }
        _ => String::new(),
    }
}

/// A clock time on a countdown: the day is spelt out so nobody confuses Friday night with
/// Saturday night.
pub fn clock(at: NaiveDateTime) -> String {
    at.format("%a %-d %b %H:%M").to_string()
}

/// A step of `phase` as this lens prints it. In a scenario pack, a step whose `relies_on` is
/// lost prints its alternative instead (checked to work), or is marked as not available.
pub fn step(lens: &Lens, s: &Step, phase: Phase, source: &str) -> StepView {
    let model = lens.model;
    let lost = if phase.in_outage() {
        lens.down_reason(&s.relies_on)
    } else {
        None
    };
    let (action, instead_of, unavailable) = match (&s.otherwise, lost) {
        (Some(alt), Some(reason)) => (
            alt.action.clone(),
            Some(format!(
                "{reason}: do this instead of \u{201c}{}\u{201d}",
                s.action
            )),
            lens.down_reason(&alt.relies_on),
        ),
        (None, lost) => (s.action.clone(), None, lost),
        (Some(_), None) => (s.action.clone(), None, None),
    };
    let general = lens.radius.is_none();
    StepView {
        role: model.roles[lens.role(s.role)].name.to_string(),
        action,
        checklist: s.checklist.clone(),
        forms: s
            .forms
            .iter()
            .map(|&f| FormRef {
                id: model.forms[f].id.clone(),
                title: model.forms[f].title.clone(),
            })
            .collect(),
        escalate: s.escalate.iter().map(|e| escalation(lens, e)).collect(),
        source: source.to_string(),
        unavailable,
        timing: timing_text(lens, s, phase),
        condition: if general {
            condition_text(model, s)
        } else {
            String::new()
        },
        otherwise: s
            .otherwise
            .as_ref()
            .filter(|_| general)
            .map(|alt| OtherwiseView {
                when: format!(
                    "If {} {}",
                    names(model, &s.relies_on, "or"),
                    if s.relies_on.len() == 1 {
                        "is down"
                    } else {
                        "are down"
                    }
                ),
                action: alt.action.clone(),
            }),
        instead_of,
        numbers: if s.numbers {
            number_ranges(lens)
        } else {
            Vec::new()
        },
        reenters: s
            .reenters
            .iter()
            .map(|&i| model.interfaces[i].name.clone())
            .collect(),
    }
}

/// The reserved number blocks this lens hands out from: its ward's own, or its site's when
/// the ward has none (a ward uses only its own block, so no two wards give one number).
fn number_ranges(lens: &Lens) -> Vec<String> {
    let model = lens.model;
    let ward = lens
        .ward
        .map(|w| &model.wards[w].numbering)
        .filter(|n| !n.is_empty());
    ward.unwrap_or(&model.sites[lens.site].numbering)
        .iter()
        .map(range_text)
        .collect()
}

/// "DT-700001 to DT-700100 (new registrations)".
pub fn range_text(r: &crate::model::numbering::NumberRange) -> String {
    format!("{} to {} ({})", r.from, r.to, r.purpose)
}

fn escalation(lens: &Lens, e: &crate::model::Escalation) -> EscalationView {
    let model = lens.model;
    EscalationView {
        after: e.after_text.clone(),
        to: model.roles[e.to].name.to_string(),
        say: e.say.clone(),
        reach: model
            .contacts_for_role(e.to, lens.ward, lens.site)
            .into_iter()
            .map(|c| contact(lens, c))
            .collect(),
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
    /// Who holds copies, joined for print; empty when not given.
    pub distribution: String,
}

pub fn control(p: &Procedure) -> ControlView {
    document_control(&p.title, &p.id, &p.control, p.review_due)
}

/// The document control of any controlled document: a procedure, a reference page.
pub fn document_control(
    title: &str,
    id: &str,
    control: &raw::DocControl,
    review_due: NaiveDate,
) -> ControlView {
    ControlView {
        procedure: title.to_string(),
        id: id.to_string(),
        version: control.version.to_string(),
        status: status_label(control.status).to_string(),
        draft: control.status == raw::Status::Draft,
        owner: control.owner.to_string(),
        approver: control.approver.to_string(),
        last_reviewed: long_date(control.last_reviewed),
        review_due: long_date(review_due),
        distribution: control
            .distribution
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; "),
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
            .filter(|&&phase| lens.shows_phase(phase))
            .flat_map(|&phase| {
                groups(
                    lens,
                    phase,
                    p.steps(phase).iter().map(|s| (s, p.title.as_str())),
                )
            })
            .collect(),
    }
}

/// The steps of `phase` this lens prints, under their headings: a phase is one group, except
/// `during`, which is split by how long the outage must have lasted (`from:`), soonest first.
pub fn groups<'s>(
    lens: &Lens,
    phase: Phase,
    steps: impl Iterator<Item = (&'s Step, &'s str)>,
) -> Vec<PhaseView> {
    let mut shown: Vec<(&Step, &str)> = steps.filter(|(s, _)| lens.shows(s)).collect();
    if phase == Phase::Before {
        shown.sort_by_key(|(s, _)| s.timing.offset);
    }
    shown.sort_by_key(|(s, _)| s.timing.from);
    let mut out: Vec<(u32, PhaseView)> = Vec::new();
    for (s, source) in shown {
        let from = s.timing.from;
        if out.last().is_none_or(|(f, _)| *f != from) {
            out.push((
                from,
                PhaseView {
                    title: group_title(lens, phase, from),
                    steps: Vec::new(),
                },
            ));
        }
        out.last_mut()
            .expect("just pushed")
            .1
            .steps
            .push(step(lens, s, phase, source));
    }
    out.into_iter().map(|(_, g)| g).collect()
}

/// The heading of a group of steps: the phase's title, "If still down after 1 day" for
/// steps of a long outage, and the start time on a planned scenario's countdown.
fn group_title(lens: &Lens, phase: Phase, from: u32) -> String {
    match (phase, lens.scenario.and_then(|sc| sc.starts)) {
        (Phase::During, _) if from > 0 => {
            format!(
                "If still down after {}",
                crate::model::duration::describe(from)
            )
        }
        (Phase::Before, Some(start)) => format!("Countdown to the start ({})", clock(start)),
        _ => phase.title().to_string(),
    }
}

/// The countdown to a planned downtime: the `before` steps of `procedures`, every role
/// together, in time order (written order where times are equal). Empty where the lens
/// prints no countdown (an unplanned outage).
pub fn countdown(lens: &Lens, procedures: &[usize]) -> Vec<StepView> {
    if !lens.shows_phase(Phase::Before) {
        return Vec::new();
    }
    let model = lens.model;
    let mut steps: Vec<(&Step, &str)> = procedures
        .iter()
        .flat_map(|&p| {
            let proc = &model.procedures[p];
            proc.steps(Phase::Before)
                .iter()
                .map(move |s| (s, proc.title.as_str()))
        })
        .filter(|(s, _)| lens.shows(s))
        .collect();
    steps.sort_by_key(|(s, _)| s.timing.offset);
    steps
        .into_iter()
        .map(|(s, source)| step(lens, s, Phase::Before, source))
        .collect()
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
                        .filter(move |s| lens.role(s.role) == role && lens.shows(s))
                        .map(move |s| step(lens, s, phase, &proc.title))
                })
                .collect();
            (!steps.is_empty()).then(|| RoleSteps {
                role: model.roles[role].name.to_string(),
                steps,
            })
        })
        .collect()
}

/// A data flow between systems, as a pack prints it.
#[derive(Serialize)]
pub struct FlowView {
    pub name: String,
    pub carries: String,
    pub from: String,
    pub to: String,
    /// Messages are not kept while it is stopped: what should have flowed must be entered
    /// again by hand.
    pub lost: bool,
    pub notes: String,
}

/// The flows that stop when any of `components` is lost, in interface id order: for a
/// system's page, the flows into, out of or through it.
pub fn flows_touching(model: &Model, components: &[usize]) -> Vec<FlowView> {
    model
        .interfaces
        .iter()
        .filter(|i| i.touches().any(|c| components.contains(&c)))
        .map(|i| flow(model, i))
        .collect()
}

/// The flows an outage stops, split as a scenario pack prints them: (must be entered again,
/// will arrive late). Only those that touch one of `systems` (a ward's), when given.
pub fn stopped_flows(
    model: &Model,
    radius: &BlastRadius,
    systems: Option<&[usize]>,
) -> (Vec<FlowView>, Vec<FlowView>) {
    model
        .interfaces
        .iter()
        .filter(|i| i.stops(radius))
        .filter(|i| systems.is_none_or(|s| s.contains(&i.from) || s.contains(&i.to)))
        .map(|i| flow(model, i))
        .partition(|f| f.lost)
}

fn flow(model: &Model, i: &crate::model::Interface) -> FlowView {
    FlowView {
        name: i.name.clone(),
        carries: i.carries.clone(),
        from: model.components[i.from].name.clone(),
        to: model.components[i.to].name.clone(),
        lost: i.when_down == crate::model::FlowLoss::Lost,
        notes: i.notes.clone(),
    }
}

/// A ward's downtime kit as packs print it.
#[derive(Serialize)]
pub struct KitView {
    pub location: String,
    pub checked_by: String,
    /// Hours of paper it is sized for.
    pub hours: u32,
    pub items: Vec<KitItemView>,
    /// Whether any quantity was worked out (the "why" column is printed only then).
    pub worked_out: bool,
}

#[derive(Serialize)]
pub struct KitItemView {
    pub item: String,
    pub quantity: u32,
    /// How the quantity was worked out; empty for a fixed quantity.
    pub reason: String,
}

pub fn kit(kit: &crate::model::kit::Kit) -> KitView {
    KitView {
        location: kit.location.clone(),
        checked_by: kit.checked_by.clone(),
        hours: kit.hours,
        worked_out: kit.items.iter().any(|i| !i.reason.is_empty()),
        items: kit
            .items
            .iter()
            .map(|i| KitItemView {
                item: i.item.clone(),
                quantity: i.quantity,
                reason: i.reason.clone(),
            })
            .collect(),
    }
}

/// A piece of downtime equipment as packs print it.
#[derive(Serialize)]
pub struct EquipmentView {
    pub kind: &'static str,
    pub location: String,
    /// Asset tag and power, e.g. "asset KV-DT-0107; red emergency socket".
    pub details: String,
    pub notes: String,
}

pub fn equipment_label(kind: raw::EquipmentKind) -> &'static str {
    use raw::EquipmentKind::*;
    match kind {
        DowntimeKit => "Downtime kit",
        DowntimePc => "Standalone downtime PC",
        MasterPc => "Master downtime PC",
        Printer => "Printer",
        LabelPrinter => "Label printer",
        Radios => "Radios",
        Generator => "Generator / emergency power",
    }
}

pub fn equipment(e: &raw::Equipment) -> EquipmentView {
    let mut details = Vec::new();
    if let Some(asset) = &e.asset {
        details.push(format!("asset {asset}"));
    }
    match e.power {
        Some(raw::Power::Emergency) => details.push("red socket".to_string()),
        Some(raw::Power::Ordinary) => {
            details.push("ordinary socket: lost in a power cut".to_string())
        }
        None => {}
    }
    EquipmentView {
        kind: equipment_label(e.kind),
        location: e.location.to_string(),
        details: details.join(", "),
        notes: e.notes.to_string(),
    }
}

/// Where a ward's staff find a downtime PC: their own, their buddy ward's, the site's master.
#[derive(Serialize)]
pub struct PcLine {
    /// "Your downtime PC", "If it fails: Ward 12's", "Master PC".
    pub label: String,
    pub location: String,
    pub details: String,
}

pub fn downtime_pcs(model: &Model, w: WardIx) -> Vec<PcLine> {
    let ward = &model.wards[w];
    let pcs = |list: &[raw::Equipment], kind: raw::EquipmentKind| -> Vec<EquipmentView> {
        list.iter()
            .filter(|e| e.kind == kind)
            .map(equipment)
            .collect()
    };
    let mut lines = Vec::new();
    for pc in pcs(&ward.equipment, raw::EquipmentKind::DowntimePc) {
        lines.push(PcLine {
            label: "Your downtime PC".to_string(),
            location: pc.location,
            details: pc.details,
        });
    }
    if let Some(b) = ward.buddy {
        let buddy = &model.wards[b];
        let label = if lines.is_empty() {
            format!("Use {}'s downtime PC", buddy.name)
        } else {
            format!("If it fails, use {}'s", buddy.name)
        };
        for pc in pcs(&buddy.equipment, raw::EquipmentKind::DowntimePc) {
            lines.push(PcLine {
                label: label.clone(),
                location: pc.location,
                details: pc.details,
            });
        }
    }
    for pc in pcs(
        &model.sites[ward.site].equipment,
        raw::EquipmentKind::MasterPc,
    ) {
        lines.push(PcLine {
            label: "Master PC (every ward's lists)".to_string(),
            location: pc.location,
            details: pc.details,
        });
    }
    lines
}

/// A clinical reference page as a pack prints it.
#[derive(Serialize)]
pub struct ReferenceView {
    pub title: String,
    pub control: ControlView,
    /// The page's Markdown, its headings moved down under the page's own heading.
    pub body: String,
}

pub fn reference(model: &Model, r: usize) -> ReferenceView {
    let page = &model.references[r];
    ReferenceView {
        title: page.title.clone(),
        control: document_control(&page.title, &page.id, &page.control, page.review_due),
        body: demote_headings(&page.body, 2),
    }
}

/// Move every Markdown heading of `text` down `levels` levels (outside fenced code), so a
/// page's own `#` headings sit under the pack's `##` heading for it.
fn demote_headings(text: &str, levels: usize) -> String {
    let mut fenced = false;
    let mut out = String::with_capacity(text.len() + 64);
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        }
        if !fenced && line.starts_with('#') {
            out.push_str(&"#".repeat(levels));
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}
