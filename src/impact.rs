//! Blast radius reports: what a set of failures takes down, and which wards feel it first.

use crate::model::graph::BlastRadius;
use crate::model::{order, ComponentIx, Model};
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

/// Order key for a component: tier, then tolerable downtime, then id; infrastructure last.
pub fn impact(model: &Model, failed: &[ComponentIx], radius: &BlastRadius) -> Impact {
    let mut lost: Vec<ComponentIx> = radius.lost().collect();
    order::by_priority(model, &mut lost);
    let sites = model
        .sites
        .iter()
        .filter_map(|site| {
            let mut wards: Vec<WardImpact> = site
                .wards
                .iter()
                .filter_map(|&w| {
                    let ward = &model.wards[w];
                    let mut systems: Vec<ComponentIx> = ward
                        .systems
                        .iter()
                        .map(|u| u.system)
                        .filter(|&c| radius.is_lost(c))
                        .collect();
                    if systems.is_empty() {
                        return None;
                    }
                    order::by_priority(model, &mut systems);
                    let first = order::priority(model, systems[0]);
                    let shortest = systems
                        .iter()
                        .map(|&c| order::priority(model, c).1)
                        .min()
                        .unwrap_or(u32::MAX);
                    Some(WardImpact {
                        id: ward.id.clone(),
                        name: ward.name.clone(),
                        worst_tier: first.0,
                        shortest_tolerable_minutes: shortest,
                        lost_systems: systems
                            .iter()
                            .map(|&c| model.components[c].id.clone())
                            .collect(),
                    })
                })
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
        })
        .collect();
    Impact {
        failed: failed
            .iter()
            .map(|&c| model.components[c].id.clone())
            .collect(),
        lost: lost
            .iter()
            .map(|&c| {
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
                    path: radius
                        .path(c)
                        .iter()
                        .map(|&p| model.components[p].id.clone())
                        .collect(),
                }
            })
            .collect(),
        sites,
    }
}
