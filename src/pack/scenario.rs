//! Scenario packs: what one outage means for one ward, or for one hospital. Only the systems
//! the scenario takes down, in priority order, with their fallbacks; what still works; and the
//! call cascade marked with the routes that no longer work.

use super::view::{self, ContactView, Lens, ProcedureView, RoleSteps, TrustView};
use super::{layout, Furniture, Pack, PackKind};
use crate::load::raw::{self, ScenarioKind};
use crate::model::{order, ComponentIx, Model, Phase, ScenarioIx, SiteIx, WardIx};
use serde::Serialize;

#[derive(Serialize)]
struct ScenarioView {
    id: String,
    name: String,
    kind: &'static str,
    duration: String,
    description: String,
    instructions: Vec<String>,
    failed: Vec<String>,
    /// e.g. "Level 2"; empty when the scenario gives none.
    level: String,
    /// A planned downtime's start, e.g. "Sunday 6 December 2026 at 22:00"; empty otherwise.
    starts: String,
}

#[derive(Serialize)]
struct LostSystem {
    name: String,
    short_name: String,
    tier: u8,
    max_downtime: String,
    /// Why it is down: the chain of dependencies from it to the failure.
    chain: String,
    fallbacks: Vec<ProcedureView>,
    /// The anchor of its "<name> is down" section, which the cover links to.
    anchor: String,
    /// What the ward's own file says about this system (ward packs only).
    ward_notes: String,
}

/// Infrastructure an outage takes down, with what it is, so the pack explains the outage.
#[derive(Serialize)]
struct InfraView {
    name: String,
    chain: String,
    description: String,
}

fn infrastructure(model: &Model, radius: &crate::model::graph::BlastRadius) -> Vec<InfraView> {
    radius
        .lost()
        .filter(|&c| model.components[c].system().is_none())
        .map(|c| InfraView {
            name: model.components[c].name.clone(),
            chain: model.chain(radius, c),
            description: match &model.components[c].kind {
                crate::model::ComponentKind::Infrastructure { description, .. } => {
                    description.clone()
                }
                crate::model::ComponentKind::System(_) => String::new(),
            },
        })
        .collect()
}

/// A form a scenario ward pack lists: the forms its procedures in play use, with the kit's
/// copies.
#[derive(Serialize)]
struct FormRow {
    title: String,
    id: String,
    copies: u32,
}

#[derive(Serialize)]
struct Working {
    name: String,
    tier: u8,
}

#[derive(Serialize)]
struct ScenarioWardContext {
    trust: TrustView,
    scenario: ScenarioView,
    ward: NameRef,
    site: SiteRef,
    furniture: Furniture,
    emergency: Vec<ContactView>,
    contacts_updated: String,
    lost: Vec<LostSystem>,
    working: Vec<Working>,
    general: Vec<ProcedureView>,
    first_15_minutes: Vec<RoleSteps>,
    cascade: Vec<view::CascadeView>,
    recovery: Vec<RoleSteps>,
    /// A planned downtime's countdown, in time order (with clock times when it has a start).
    countdown: Vec<view::StepView>,
    /// Flows to or from the ward's systems that stop and are not kept: enter again by hand.
    flows_lost: Vec<view::FlowView>,
    /// Flows that stop and are queued: they arrive late.
    flows_late: Vec<view::FlowView>,
    infrastructure: Vec<InfraView>,
    kit: view::KitView,
    forms: Vec<FormRow>,
    /// The action cards of the ward's roles, with only the steps that apply in this outage.
    cards: Vec<super::card::CardView>,
    pcs: Vec<view::PcLine>,
}

#[derive(Serialize)]
struct NameRef {
    id: String,
    name: String,
}

#[derive(Serialize)]
struct SiteRef {
    name: String,
    command_post: String,
}

fn scenario_view(model: &Model, sc: ScenarioIx) -> ScenarioView {
    let s = &model.scenarios[sc];
    ScenarioView {
        id: s.id.clone(),
        name: s.name.clone(),
        kind: match s.kind {
            ScenarioKind::Planned => "Planned",
            ScenarioKind::Unplanned => "Unplanned",
        },
        duration: s.duration_text.clone(),
        level: s.level.clone().unwrap_or_default(),
        starts: s
            .starts
            .map(|t| t.format("%A %-d %B %Y at %H:%M").to_string())
            .unwrap_or_default(),
        description: s.description.clone(),
        instructions: s.instructions.clone(),
        failed: s
            .fails
            .iter()
            .map(|&c| model.components[c].name.clone())
            .collect(),
    }
}

fn lost_system(lens: &Lens, c: ComponentIx) -> LostSystem {
    let model = lens.model;
    let comp = &model.components[c];
    let info = comp.system();
    let radius = lens.radius.expect("scenario lens has a radius");
    let fallbacks: Vec<usize> = comp
        .fallbacks
        .iter()
        .copied()
        .filter(|&p| (model.procedures[p].scope == raw::Scope::Ward) == lens.ward.is_some())
        .collect();
    LostSystem {
        name: comp.name.clone(),
        short_name: info.map(|i| i.short_name.clone()).unwrap_or_default(),
        tier: info.map(|i| i.tier).unwrap_or(0),
        max_downtime: info.map(|i| i.mtd_text.clone()).unwrap_or_default(),
        chain: model.chain(radius, c),
        anchor: crate::html::slug(&format!("{} is down", comp.name)),
        ward_notes: lens
            .ward
            .and_then(|w| model.wards[w].systems.iter().find(|u| u.system == c))
            .map(|u| u.notes.clone())
            .unwrap_or_default(),
        fallbacks: fallbacks
            .iter()
            .map(|&p| view::procedure(lens, p))
            .collect(),
    }
}

/// Whether a scenario takes down anything this ward uses.
pub fn affects_ward(model: &Model, sc: ScenarioIx, w: WardIx) -> bool {
    let radius = &model.scenarios[sc].radius;
    model.wards[w]
        .systems
        .iter()
        .any(|u| radius.is_lost(u.system))
}

/// A ward's systems split by the outage: those it takes down and those still working, each in
/// priority order.
fn split_by_loss(model: &Model, sc: ScenarioIx, w: WardIx) -> (Vec<ComponentIx>, Vec<ComponentIx>) {
    let radius = &model.scenarios[sc].radius;
    let (mut lost, mut working): (Vec<ComponentIx>, Vec<ComponentIx>) = model.wards[w]
        .systems
        .iter()
        .map(|u| u.system)
        .partition(|&c| radius.is_lost(c));
    order::by_priority(model, &mut lost);
    order::by_priority(model, &mut working);
    (lost, working)
}

/// The procedures in play on a ward: its general procedures, then the fallbacks of what is lost.
fn procedures_in_play(model: &Model, w: WardIx, lost: &[ComponentIx]) -> Vec<usize> {
    let mut procedures: Vec<usize> = model
        .ward_procedures(w)
        .into_iter()
        .filter(|&p| {
            let proc = &model.procedures[p];
            proc.replaces.is_empty() || proc.replaces.iter().any(|c| lost.contains(c))
        })
        .collect();
    procedures.dedup();
    procedures
}

fn site_ref(model: &Model, s: SiteIx) -> SiteRef {
    SiteRef {
        name: model.sites[s].name.clone(),
        command_post: model.sites[s].command_post.clone(),
    }
}

/// A component's priority tier; infrastructure, which has none, counts as 0.
fn tier(model: &Model, c: ComponentIx) -> u8 {
    model.components[c].system().map_or(0, |i| i.tier)
}

fn working_view(model: &Model, c: ComponentIx) -> Working {
    Working {
        name: model.components[c].name.clone(),
        tier: tier(model, c),
    }
}

pub fn scenario_ward_pack(model: &Model, sc: ScenarioIx, w: WardIx) -> Pack {
    let scenario = &model.scenarios[sc];
    let ward = &model.wards[w];
    let site = &model.sites[ward.site];
    let lens = Lens::scenario(model, sc, Some(w), ward.site);
    let (lost, working) = split_by_loss(model, sc, w);
    let procedures = procedures_in_play(model, w, &lost);
    let furniture = Furniture::for_procedures(
        model,
        format!("{}: {}", scenario.name, ward.name),
        format!("{} · {} · {}", scenario.name, ward.name, site.name),
        &procedures,
    );
    let mut cascade = view::cascade(&lens, &site.cascade);
    cascade.extend(view::cascade(&lens, &model.trust.cascade));
    let ward_systems: Vec<ComponentIx> = ward.systems.iter().map(|u| u.system).collect();
    let (flows_lost, flows_late) =
        view::stopped_flows(model, &scenario.radius, Some(&ward_systems));
    // Emergency numbers: the hospital's, then the ward's own, then the trust's.
    let emergency = || {
        (site.contacts.iter())
            .chain(&ward.contacts)
            .chain(&model.trust.contacts)
    };
    let context = ScenarioWardContext {
        trust: TrustView::new(model),
        scenario: scenario_view(model, sc),
        ward: NameRef {
            id: ward.id.clone(),
            name: ward.name.clone(),
        },
        site: site_ref(model, ward.site),
        emergency: emergency().map(|&c| view::contact(&lens, c)).collect(),
        contacts_updated: view::contacts_updated(model, emergency()),
        lost: lost.iter().map(|&c| lost_system(&lens, c)).collect(),
        working: working.iter().map(|&c| working_view(model, c)).collect(),
        general: procedures
            .iter()
            .filter(|&&p| model.procedures[p].replaces.is_empty())
            .map(|&p| view::procedure(&lens, p))
            .collect(),
        first_15_minutes: view::steps_by_role(&lens, &procedures, Phase::Declare, &ward.roles),
        cascade,
        recovery: view::steps_by_role(&lens, &procedures, Phase::Recovery, &ward.roles),
        countdown: view::countdown(&lens, &procedures),
        flows_lost,
        flows_late,
        infrastructure: infrastructure(model, &scenario.radius),
        kit: view::kit(&ward.kit),
        pcs: view::downtime_pcs(model, w),
        forms: scenario_forms(model, w, &procedures),
        cards: (ward.roles.iter())
            .filter_map(|&r| super::card::card_from(&lens, &procedures, r))
            .collect(),
        furniture: furniture.clone(),
    };
    Pack::new(
        model,
        PackKind::ScenarioWard(sc, w),
        "scenario-ward.md",
        context,
        furniture,
    )
}

#[derive(Serialize)]
struct AffectedWard {
    name: String,
    link: String,
    lost: Vec<String>,
    worst_tier: u8,
}

#[derive(Serialize)]
struct ScenarioSiteContext {
    trust: TrustView,
    scenario: ScenarioView,
    site: SiteRef,
    furniture: Furniture,
    lost: Vec<LostSystem>,
    infrastructure: Vec<InfraView>,
    affected: Vec<AffectedWard>,
    unaffected: Vec<String>,
    contacts: Vec<ContactView>,
    contacts_updated: String,
    cascade: Vec<view::CascadeView>,
    procedures: Vec<ProcedureView>,
    countdown: Vec<view::StepView>,
    flows_lost: Vec<view::FlowView>,
    flows_late: Vec<view::FlowView>,
}

/// The wards an outage reaches, worst first (then by name), and the names of those it spares.
fn affected_wards(model: &Model, sc: ScenarioIx, s: SiteIx) -> (Vec<AffectedWard>, Vec<String>) {
    let mut affected: Vec<AffectedWard> = Vec::new();
    let mut unaffected = Vec::new();
    for &w in &model.sites[s].wards {
        let (ward_lost, _) = split_by_loss(model, sc, w);
        let Some(&worst) = ward_lost.first() else {
            unaffected.push(model.wards[w].name.clone());
            continue;
        };
        let short_name = |c: ComponentIx| {
            (model.components[c].system())
                .map(|i| i.short_name.clone())
                .unwrap_or_default()
        };
        affected.push(AffectedWard {
            name: model.wards[w].name.clone(),
            link: layout::link(
                model,
                PackKind::ScenarioSite(sc, s),
                PackKind::ScenarioWard(sc, w),
            ),
            lost: ward_lost.iter().map(|&c| short_name(c)).collect(),
            worst_tier: tier(model, worst),
        });
    }
    affected.sort_by(|a, b| (a.worst_tier, &a.name).cmp(&(b.worst_tier, &b.name)));
    (affected, unaffected)
}

pub fn scenario_site_pack(model: &Model, sc: ScenarioIx, s: SiteIx) -> Pack {
    let scenario = &model.scenarios[sc];
    let site = &model.sites[s];
    let lens = Lens::scenario(model, sc, None, s);
    let mut lost: Vec<ComponentIx> = site
        .wards
        .iter()
        .flat_map(|&w| model.wards[w].systems.iter().map(|u| u.system))
        .filter(|&c| scenario.radius.is_lost(c))
        .collect();
    lost.sort_unstable();
    lost.dedup();
    order::by_priority(model, &mut lost);
    let (affected, unaffected) = affected_wards(model, sc, s);
    let site_procs = model.site_procedures();
    let (flows_lost, flows_late) = view::stopped_flows(model, &scenario.radius, None);
    let furniture = Furniture::for_procedures(
        model,
        format!("{}: {}", scenario.name, site.name),
        format!("{} · {} · hospital", scenario.name, site.name),
        &site_procs,
    );
    let contacts = || site.contacts.iter().chain(&model.trust.contacts);
    let context = ScenarioSiteContext {
        trust: TrustView::new(model),
        scenario: scenario_view(model, sc),
        site: site_ref(model, s),
        lost: lost.iter().map(|&c| lost_system(&lens, c)).collect(),
        infrastructure: infrastructure(model, &scenario.radius),
        affected,
        unaffected,
        contacts: contacts().map(|&c| view::contact(&lens, c)).collect(),
        contacts_updated: view::contacts_updated(model, contacts()),
        cascade: view::cascade(&lens, &site.cascade),
        procedures: (site_procs.iter())
            .map(|&p| view::procedure(&lens, p))
            .collect(),
        countdown: view::countdown(&lens, &site_procs),
        flows_lost,
        flows_late,
        furniture: furniture.clone(),
    };
    Pack::new(
        model,
        PackKind::ScenarioSite(sc, s),
        "scenario-site.md",
        context,
        furniture,
    )
}

/// The forms the procedures in play use, in id order, with the ward kit's copies where the
/// kit names the form.
fn scenario_forms(model: &Model, w: WardIx, procedures: &[usize]) -> Vec<FormRow> {
    let forms = super::card::forms_used(model, procedures);
    forms
        .into_iter()
        .map(|f| FormRow {
            title: model.forms[f].title.clone(),
            id: model.forms[f].id.clone(),
            copies: (model.wards[w].kit.items.iter())
                .find(|i| i.form == Some(f))
                .map_or(model.forms[f].copies, |i| i.quantity),
        })
        .collect()
}
