//! Blast radius reports: what a set of failures takes down, and which wards feel it first.

use crate::model::graph::BlastRadius;
use crate::model::{order, ComponentIx, Model, Phase};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct Impact {
    /// The components that failed directly.
    pub failed: Vec<String>,
    /// Everything lost, most critical first (systems by tier and tolerable downtime, then
    /// infrastructure).
    pub lost: Vec<Lost>,
    /// Affected wards, grouped by site.
    pub sites: Vec<SiteImpact>,
    /// Steps done differently in this outage: their `otherwise` replaces them, because
    /// something they rely on is lost.
    pub alternatives: Vec<StepChange>,
    /// Steps that do not apply in this outage: their `when` does not hold.
    pub not_applicable: Vec<StepChange>,
    /// The scenarios named on the command line: kind, level and start.
    pub scenarios: Vec<ScenarioFacts>,
    /// Data flows that stop, by interface id.
    pub flows: Vec<Flow>,
}

#[derive(Debug, Serialize)]
pub struct Flow {
    pub id: String,
    pub from: String,
    pub to: String,
    pub carries: String,
    /// `queued` (arrives late) or `lost` (must be entered again).
    pub when_down: &'static str,
}

#[derive(Debug, Serialize)]
pub struct StepChange {
    pub procedure: String,
    /// Where the step is written, e.g. `phases.during[2]`.
    pub step: String,
    pub role: String,
    #[serde(rename = "do")]
    pub action: String,
    /// What is done instead (alternatives only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instead: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ScenarioFacts {
    pub id: String,
    pub kind: &'static str,
    pub level: Option<String>,
    /// A planned downtime's start, `2026-12-06T22:00`.
    pub starts: Option<String>,
}

impl ScenarioFacts {
    pub fn new(scenario: &crate::model::Scenario) -> Self {
        ScenarioFacts {
            id: scenario.id.clone(),
            kind: match scenario.kind {
                crate::load::raw::ScenarioKind::Planned => "planned",
                crate::load::raw::ScenarioKind::Unplanned => "unplanned",
            },
            level: scenario.level.clone(),
            starts: scenario
                .starts
                .map(|t| t.format("%Y-%m-%dT%H:%M").to_string()),
        }
    }
}

/// The steps done while the outage is on that it changes: replaced by their alternative, or
/// not applicable. Retired procedures are left out, as in the packs.
fn step_changes(model: &Model, radius: &BlastRadius) -> (Vec<StepChange>, Vec<StepChange>) {
    let (mut alternatives, mut not_applicable) = (Vec::new(), Vec::new());
    for p in model
        .procedures
        .iter()
        .filter(|p| p.control.status != crate::load::raw::Status::Retired)
    {
        let in_outage = Phase::ALL.into_iter().filter(|ph| ph.in_outage());
        for step in in_outage.flat_map(|ph| p.steps(ph)) {
            let change = |instead: Option<String>| StepChange {
                procedure: p.id.clone(),
                step: step.yaml_path.clone(),
                role: model.roles[step.role].id.clone(),
                action: step.action.clone(),
                instead,
            };
            if !step.when.holds(radius) {
                not_applicable.push(change(None));
            } else if let Some(alt) = &step.otherwise {
                if step.relies_on.iter().any(|&c| radius.is_lost(c)) {
                    alternatives.push(change(Some(alt.action.clone())));
                }
            }
        }
    }
    (alternatives, not_applicable)
}

#[derive(Debug, Serialize)]
pub struct Lost {
    pub id: String,
    pub name: String,
    pub kind: &'static str,
    pub tier: Option<u8>,
    pub max_tolerable_downtime_minutes: Option<u32>,
    /// From this component down to the failure that took it out.
    pub path: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct SiteImpact {
    pub id: String,
    pub name: String,
    pub wards: Vec<WardImpact>,
}

#[derive(Debug, Serialize)]
pub struct WardImpact {
    pub id: String,
    pub name: String,
    /// The most critical tier among the ward's lost systems.
    pub worst_tier: u8,
    /// The shortest tolerable downtime among the ward's lost systems, in minutes.
    pub shortest_tolerable_minutes: u32,
    /// Ids of the ward's systems that are lost, most critical first.
    pub lost_systems: Vec<String>,
}

/// What losing `failed` (whose blast radius is `radius`) does to the trust: every component
/// lost, most critical first, and every ward that loses a system, by hospital.
pub fn impact(model: &Model, failed: &[ComponentIx], radius: &BlastRadius) -> Impact {
    let mut lost: Vec<ComponentIx> = radius.lost().collect();
    order::by_priority(model, &mut lost);
    let sites = (model.sites.iter())
        .filter_map(|site| site_impact(model, site, radius))
        .collect();
    let (alternatives, not_applicable) = step_changes(model, radius);
    let flows = stopped_flows(model, radius);
    Impact {
        flows,
        alternatives,
        not_applicable,
        scenarios: Vec::new(),
        failed: failed
            .iter()
            .map(|&c| model.components[c].id.clone())
            .collect(),
        lost: lost.iter().map(|&c| lost_entry(model, radius, c)).collect(),
        sites,
    }
}

/// A hospital's wards that lose a system, worst first; `None` when the outage spares them all.
fn site_impact(
    model: &Model,
    site: &crate::model::Site,
    radius: &BlastRadius,
) -> Option<SiteImpact> {
    let mut wards: Vec<WardImpact> = (site.wards.iter())
        .filter_map(|&w| ward_impact(model, w, radius))
        .collect();
    wards.sort_by(|a, b| {
        (a.worst_tier, a.shortest_tolerable_minutes, &a.id).cmp(&(
            b.worst_tier,
            b.shortest_tolerable_minutes,
            &b.id,
        ))
    });
    (!wards.is_empty()).then(|| SiteImpact {
        id: site.id.clone(),
        name: site.name.clone(),
        wards,
    })
}

/// The systems a ward loses, most critical first; `None` when it loses none.
fn ward_impact(model: &Model, w: crate::model::WardIx, radius: &BlastRadius) -> Option<WardImpact> {
    let ward = &model.wards[w];
    let mut systems: Vec<ComponentIx> = (ward.systems.iter())
        .map(|u| u.system)
        .filter(|&c| radius.is_lost(c))
        .collect();
    order::by_priority(model, &mut systems);
    let worst_tier = order::priority(model, *systems.first()?).0;
    let shortest = (systems.iter())
        .map(|&c| order::priority(model, c).1)
        .min()
        .unwrap_or(u32::MAX);
    Some(WardImpact {
        id: ward.id.clone(),
        name: ward.name.clone(),
        worst_tier,
        shortest_tolerable_minutes: shortest,
        lost_systems: (systems.iter())
            .map(|&c| model.components[c].id.clone())
            .collect(),
    })
}

fn lost_entry(model: &Model, radius: &BlastRadius, c: ComponentIx) -> Lost {
    let comp = &model.components[c];
    Lost {
        id: comp.id.clone(),
        name: comp.name.clone(),
        kind: if comp.system().is_some() {
            "system"
        } else {
            "infrastructure"
        },
        tier: comp.system().map(|i| i.tier),
        max_tolerable_downtime_minutes: comp.system().map(|i| i.mtd_minutes),
        path: (radius.path(c).iter())
            .map(|&p| model.components[p].id.clone())
            .collect(),
    }
}

/// The interfaces the outage stops.
fn stopped_flows(model: &Model, radius: &BlastRadius) -> Vec<Flow> {
    model
        .interfaces
        .iter()
        .filter(|i| i.stops(radius))
        .map(|i| Flow {
            id: i.id.clone(),
            from: model.components[i.from].id.clone(),
            to: model.components[i.to].id.clone(),
            carries: i.carries.clone(),
            when_down: match i.when_down {
                crate::model::FlowLoss::Queued => "queued",
                crate::model::FlowLoss::Lost => "lost",
            },
        })
        .collect()
}
