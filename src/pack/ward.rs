//! The ward pack: everything one ward needs in its downtime box.

use super::view::{self, ContactView, ControlView, ProcedureView, RoleSteps, TrustView};
use super::{Furniture, Pack, PackKind};
use crate::load::raw::{self, WardKind};
use crate::model::{order, Model, Phase, WardIx};
use serde::Serialize;

pub fn ward_kind_label(kind: WardKind) -> &'static str {
    match kind {
        WardKind::Inpatient => "Inpatient ward",
        WardKind::Outpatient => "Outpatient clinic",
        WardKind::Emergency => "Emergency department",
        WardKind::Theatres => "Theatres",
        WardKind::Maternity => "Maternity",
        WardKind::CriticalCare => "Critical care",
        WardKind::DayCase => "Day case unit",
        WardKind::Community => "Community service",
    }
}

/// The anchor of a ward pack's "Emergency contacts" (on its cover), which the cover's table
/// and the ward's home in the viewer link to.
pub const EMERGENCY_CONTACTS: &str = "emergency-contacts";
/// The anchor of a ward pack's "Recovery checklist", for "Systems back: recovery".
pub const RECOVERY_CHECKLIST: &str = "recovery-checklist";

#[derive(Serialize)]
struct WardView {
    id: String,
    name: String,
    kind: &'static str,
    location: String,
    beds: Option<u32>,
}

#[derive(Serialize)]
struct SiteRef {
    id: String,
    name: String,
    switchboard: Option<String>,
    command_post: String,
}

#[derive(Serialize)]
struct SystemSection {
    id: String,
    name: String,
    category: String,
    tier: u8,
    max_downtime: String,
    impact: String,
    ward_notes: String,
    signs: Vec<String>,
    fallbacks: Vec<ProcedureView>,
    /// Data flows into, out of or through this system, which stop while it is down.
    flows: Vec<view::FlowView>,
    /// Every escalation in the pack that concerns this system, soonest first.
    escalations: Vec<SystemEscalation>,
}

/// An escalation printed on a system's page, wherever its step is written: the system's own
/// fallbacks and the procedures that apply whatever is down (#17: a 4-hour outage limit
/// must not sit beside only an 8-hour escalation).
#[derive(Serialize)]
struct SystemEscalation {
    after: String,
    by: String,
    to: String,
    say: String,
    source: String,
}

/// The escalations of `procedures` (every phase), soonest first, each once; `acting` names who
/// does a step on this ward.
fn escalations(
    model: &Model,
    procedures: &[usize],
    acting: impl Fn(usize) -> usize,
) -> Vec<SystemEscalation> {
    let mut found: Vec<(u32, SystemEscalation)> = Vec::new();
    for &p in procedures {
        let procedure = &model.procedures[p];
        for &phase in Phase::ALL.iter() {
            for step in procedure.steps(phase) {
                for e in &step.escalate {
                    found.push((
                        e.after_minutes,
                        SystemEscalation {
                            after: e.after_text.clone(),
                            by: model.roles[acting(step.role)].name.to_string(),
                            to: model.roles[e.to].name.to_string(),
                            say: e.say.clone(),
                            source: procedure.title.clone(),
                        },
                    ));
                }
            }
        }
    }
    // Stable: equal times keep the order the procedures are printed in.
    found.sort_by_key(|(minutes, _)| *minutes);
    found.into_iter().map(|(_, e)| e).collect()
}

/// The cover's rows: systems down the left; down the right the emergency contacts (and where
/// the downtime PC is, printed with them), the first 15 minutes, each action card, the call
/// cascade, the kit, the forms and the recovery checklist.
fn cover(
    systems: &[SystemSection],
    cards: &[super::card::CardView],
    forms: &[FormView],
    has_pc: bool,
) -> Vec<view::CoverRow> {
    let slug = crate::html::slug;
    let row = |title: &str, anchor: &str| (title.to_string(), anchor.to_string());
    // The emergency numbers first: on a long cover they follow on page 2.
    let contacts = if has_pc {
        "Emergency contacts, downtime PC"
    } else {
        "Emergency contacts"
    };
    let mut sections = vec![
        row(contacts, EMERGENCY_CONTACTS),
        row("First 15 minutes", "first-15-minutes"),
    ];
    sections.extend(cards.iter().map(|c| {
        let title = format!("Action card: {}", c.role);
        row(&title, &slug(&title))
    }));
    sections.push(row("Call cascade", "call-cascade"));
    sections.push(row("Downtime kit", "downtime-kit"));
    // The forms table says which form is for what and where its blank copies start.
    if !forms.is_empty() {
        sections.push(row(&format!("Forms ({})", forms.len()), "forms"));
    }
    sections.push(row("Systems back: recovery", RECOVERY_CHECKLIST));
    let systems = (systems.iter())
        .map(|s| row(&s.name, &slug(&format!("{} is down", s.name))))
        .collect();
    view::cover_rows(systems, sections)
}

#[derive(Serialize)]
struct FormView {
    id: String,
    title: String,
    purpose: String,
    copies: u32,
    version: String,
}

#[derive(Serialize)]
struct WardPackContext {
    trust: TrustView,
    ward: WardView,
    site: SiteRef,
    furniture: Furniture,
    emergency: Vec<ContactView>,
    contacts_updated: String,
    general: Vec<ProcedureView>,
    first_15_minutes: Vec<RoleSteps>,
    systems: Vec<SystemSection>,
    cascade: Vec<view::CascadeView>,
    ward_contacts: Vec<ContactView>,
    kit: view::KitView,
    recovery: Vec<RoleSteps>,
    /// Routine tasks that keep the ward ready, by role.
    routine: Vec<RoleSteps>,
    /// The countdown to a planned downtime, in time order.
    countdown: Vec<view::StepView>,
    forms: Vec<FormView>,
    controls: Vec<ControlView>,
    cards: Vec<super::card::CardView>,
    cover: Vec<view::CoverRow>,
    /// The ward's downtime PC, its buddy's and the site's master PC.
    pcs: Vec<view::PcLine>,
    /// Clinical reference pages kept in the box.
    references: Vec<view::ReferenceView>,
}

pub fn ward_pack(model: &Model, w: WardIx) -> Pack {
    let ward = &model.wards[w];
    let site = &model.sites[ward.site];
    let lens = view::Lens::general(model, Some(w), ward.site);
    let procedures = model.ward_procedures(w);
    let references = model.ward_references(w);
    let furniture = ward_furniture(model, w, &procedures, &references);
    let systems = system_sections(&lens, w, &procedures);

    let general: Vec<ProcedureView> = procedures
        .iter()
        .filter(|&&p| model.procedures[p].replaces.is_empty())
        .map(|&p| view::procedure(&lens, p))
        .collect();

    let form_ixs = super::card::ward_forms(model, w);

    let mut cascade = view::cascade(&lens, &site.cascade);
    cascade.extend(view::cascade(&lens, &model.trust.cascade));

    let readiness = super::readiness::spec(model, w);
    let forms = forms_table(model, w, &form_ixs, readiness.as_ref());
    let cards = super::card::cards(&lens, w);
    let pcs = view::downtime_pcs(model, w);
    // Emergency numbers on the cover: the hospital's, the ward's own (its emergency mobile),
    // then the trust's; the same order as a scenario pack's.
    let emergency = || {
        (site.contacts.iter())
            .chain(&ward.contacts)
            .chain(&model.trust.contacts)
    };
    let context = WardPackContext {
        cover: cover(&systems, &cards, &forms, !pcs.is_empty()),
        trust: TrustView::new(model),
        ward: WardView {
            id: ward.id.clone(),
            name: ward.name.clone(),
            kind: ward_kind_label(ward.kind),
            location: ward.location.clone(),
            beds: ward.beds,
        },
        site: site_ref(model, ward.site),
        emergency: emergency().map(|&c| view::contact(&lens, c)).collect(),
        contacts_updated: view::contacts_updated(model, emergency()),
        general,
        first_15_minutes: view::steps_by_role(&lens, &procedures, Phase::Declare, &ward.roles),
        systems,
        cascade,
        ward_contacts: ward
            .contacts
            .iter()
            .map(|&c| view::contact(&lens, c))
            .collect(),
        kit: view::kit(&ward.kit),
        recovery: view::steps_by_role(&lens, &procedures, Phase::Recovery, &ward.roles),
        routine: view::steps_by_role(&lens, &procedures, Phase::Routine, &ward.roles),
        countdown: view::countdown(&lens, &procedures),
        forms,
        controls: controls(model, &procedures, &references),
        cards,
        pcs,
        references: references
            .iter()
            .map(|&r| view::reference(model, r))
            .collect(),
        furniture: furniture.clone(),
    };
    let mut pack = Pack::new(model, PackKind::Ward(w), "ward.md", context, furniture);
    pack.appendix = appendix(model, w, form_ixs, readiness);
    pack
}

/// The ward's blank forms, then its readiness log, which follow the pack ready to photocopy.
fn appendix(
    model: &Model,
    w: WardIx,
    forms: Vec<crate::model::FormIx>,
    readiness: Option<crate::typeset::form::FormSpec>,
) -> Vec<(crate::typeset::form::FormSpec, Furniture)> {
    (forms.into_iter())
        .map(|f| {
            (
                super::card::form_spec(model, w, f),
                super::card::form_furniture(model, w, f),
            )
        })
        .chain(readiness.map(|log| (log, super::readiness::furniture(model, w))))
        .collect()
}

fn site_ref(model: &Model, s: crate::model::SiteIx) -> SiteRef {
    let site = &model.sites[s];
    SiteRef {
        id: site.id.clone(),
        name: site.name.clone(),
        switchboard: site.switchboard.clone(),
        command_post: site.command_post.clone(),
    }
}

/// Document control: every procedure in the pack, then every reference page.
fn controls(model: &Model, procedures: &[usize], references: &[usize]) -> Vec<ControlView> {
    (procedures.iter())
        .map(|&p| view::control(&model.procedures[p]))
        .chain(
            references
                .iter()
                .map(|&r| view::reference(model, r).control),
        )
        .collect()
}

/// A ward pack's furniture: reviewed with the first of its procedures, and a draft if any of
/// them or of its reference pages is one.
fn ward_furniture(
    model: &Model,
    w: WardIx,
    procedures: &[usize],
    references: &[usize],
) -> Furniture {
    let (ward, site) = (&model.wards[w], &model.sites[model.wards[w].site]);
    let furniture = Furniture::for_procedures(
        model,
        format!("Downtime pack: {}", ward.name),
        format!("{} · {}", ward.name, site.name),
        procedures,
    );
    Furniture {
        draft: furniture.draft
            || (references.iter())
                .any(|&r| model.references[r].control.status == raw::Status::Draft),
        ..furniture
    }
}

/// The forms table: each form the ward's procedures use, then its readiness log.
fn forms_table(
    model: &Model,
    w: WardIx,
    forms: &[crate::model::FormIx],
    readiness: Option<&crate::typeset::form::FormSpec>,
) -> Vec<FormView> {
    let mut rows: Vec<FormView> = forms.iter().map(|&f| form_view(model, w, f)).collect();
    rows.extend(readiness.map(|log| FormView {
        id: log.id.clone(),
        title: log.title.clone(),
        purpose: log.purpose.clone(),
        copies: 1,
        version: log.version.clone(),
    }));
    rows
}

/// One section per system the ward uses, most critical first: what is lost, the ward's
/// fallbacks, and every escalation that concerns the system (its own fallbacks' and those of
/// the procedures for any downtime).
fn system_sections(lens: &view::Lens, w: WardIx, procedures: &[usize]) -> Vec<SystemSection> {
    let model = lens.model;
    let mut used: Vec<&crate::model::WardSystem> = model.wards[w].systems.iter().collect();
    used.sort_by(|a, b| order::priority(model, a.system).cmp(&order::priority(model, b.system)));
    used.iter()
        .filter_map(|u| {
            let c = &model.components[u.system];
            let info = c.system()?;
            let fallbacks: Vec<usize> = c
                .fallbacks
                .iter()
                .copied()
                .filter(|&p| model.procedures[p].scope == raw::Scope::Ward)
                .collect();
            let concerning: Vec<usize> = (fallbacks.iter().copied())
                .chain(
                    (procedures.iter().copied())
                        .filter(|&p| model.procedures[p].replaces.is_empty()),
                )
                .collect();
            Some(SystemSection {
                escalations: escalations(model, &concerning, |r| lens.role(r)),
                id: c.id.clone(),
                name: c.name.clone(),
                category: info.category.clone(),
                tier: info.tier,
                max_downtime: info.mtd_text.clone(),
                impact: info.impact.clone(),
                ward_notes: u.notes.clone(),
                signs: info.signs_of_failure.clone(),
                flows: view::flows_touching(model, &[u.system]),
                fallbacks: fallbacks
                    .iter()
                    .map(|&p| view::procedure(lens, p))
                    .collect(),
            })
        })
        .collect()
}

/// A form as the ward pack's forms table lists it.
/// The copies are the kit's, where the kit says which item is this form: one number in the
/// pack, not one in the kit table and another in the forms table.
fn form_view(model: &Model, w: WardIx, f: crate::model::FormIx) -> FormView {
    let form = &model.forms[f];
    let in_kit = model.wards[w].kit.items.iter().find(|i| i.form == Some(f));
    FormView {
        id: form.id.clone(),
        title: form.title.clone(),
        purpose: form.purpose.clone(),
        copies: in_kit.map_or(form.copies, |i| i.quantity),
        version: form.control.version.to_string(),
    }
}
