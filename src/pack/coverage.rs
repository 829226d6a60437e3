//! Fallback coverage: for every ward and every system it uses, is there an approved, in-date
//! fallback in its pack? Gaps first, then totals and the full matrix. Judged as of the packs'
//! issue date, so the report is reproducible.

use super::view::{self, TrustView};
use super::{Furniture, Pack, PackKind};
use crate::load::raw::{Scope, Status};
use crate::model::{ComponentIx, Model, SiteIx, WardIx};
use serde::Serialize;
use std::path::PathBuf;

/// The state of one ward-system pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Cover {
    /// An approved fallback, in date.
    #[serde(rename = "OK")]
    Covered,
    /// Only draft fallbacks.
    #[serde(rename = "DRAFT")]
    Draft,
    /// Approved, but past its review date.
    #[serde(rename = "OVERDUE")]
    Overdue,
    /// No fallback at all.
    #[serde(rename = "NONE")]
    Missing,
}

pub fn cover(model: &Model, system: ComponentIx) -> (Cover, String) {
    let as_of = model.trust.edition.date;
    let fallbacks: Vec<usize> = model.components[system]
        .fallbacks
        .iter()
        .copied()
        .filter(|&p| model.procedures[p].scope == Scope::Ward)
        .collect();
    let titles = fallbacks
        .iter()
        .map(|&p| model.procedures[p].title.clone())
        .collect::<Vec<_>>()
        .join("; ");
    let approved: Vec<usize> = fallbacks
        .iter()
        .copied()
        .filter(|&p| model.procedures[p].control.status == Status::Approved)
        .collect();
    let state = if approved
        .iter()
        .any(|&p| model.procedures[p].review_due >= as_of)
    {
        Cover::Covered
    } else if !approved.is_empty() {
        Cover::Overdue
    } else if !fallbacks.is_empty() {
        Cover::Draft
    } else {
        Cover::Missing
    };
    (state, titles)
}

#[derive(Serialize)]
pub struct Gap {
    pub site: String,
    pub ward: String,
    pub system: String,
    pub status: Cover,
    pub procedures: String,
}

#[derive(Serialize)]
pub struct SystemTotal {
    pub name: String,
    pub short_name: String,
    pub wards: usize,
    pub covered: usize,
}

#[derive(Serialize)]
pub struct Row {
    pub ward: String,
    pub cells: Vec<Option<Cover>>,
}

#[derive(Serialize)]
pub struct Coverage {
    pub as_of: String,
    pub total: usize,
    pub covered: usize,
    pub percent: usize,
    pub gaps: Vec<Gap>,
    pub systems: Vec<SystemTotal>,
    pub rows: Vec<Row>,
}

/// Coverage of the given wards.
pub fn coverage(model: &Model, wards: &[WardIx]) -> Coverage {
    let columns: Vec<ComponentIx> = super::systems_by_priority(model, wards);
    let states: Vec<(Cover, String)> = columns.iter().map(|&c| cover(model, c)).collect();
    let mut gaps = Vec::new();
    let mut rows = Vec::new();
    let (mut total, mut covered): (usize, usize) = (0, 0);
    for &w in wards {
        let ward = &model.wards[w];
        let mut cells = Vec::new();
        for (i, &c) in columns.iter().enumerate() {
            if !ward.systems.iter().any(|u| u.system == c) {
                cells.push(None);
                continue;
            }
            total += 1;
            let (state, titles) = &states[i];
            if *state == Cover::Covered {
                covered += 1;
            } else {
                gaps.push(Gap {
                    site: model.sites[ward.site].name.clone(),
                    ward: ward.name.clone(),
                    system: model.components[c].name.clone(),
                    status: *state,
                    procedures: titles.clone(),
                });
            }
            cells.push(Some(*state));
        }
        rows.push(Row {
            ward: ward.name.clone(),
            cells,
        });
    }
    let systems = columns
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let using = wards
                .iter()
                .filter(|&&w| model.wards[w].systems.iter().any(|u| u.system == c))
                .count();
            SystemTotal {
                name: model.components[c].name.clone(),
                short_name: model.components[c]
                    .system()
                    .map(|s| s.short_name.clone())
                    .unwrap_or_default(),
                wards: using,
                covered: if states[i].0 == Cover::Covered {
                    using
                } else {
                    0
                },
            }
        })
        .collect();
    Coverage {
        as_of: view::long_date(model.trust.edition.date),
        percent: (covered * 100).checked_div(total).unwrap_or(100),
        total,
        covered,
        gaps,
        systems,
        rows,
    }
}

#[derive(Serialize)]
struct CoverageContext {
    trust: TrustView,
    coverage: Coverage,
    furniture: Furniture,
}

/// `coverage.md`: the whole trust.
pub fn coverage_pack(model: &Model) -> Pack {
    let wards: Vec<WardIx> = model
        .sites
        .iter()
        .flat_map(|s| s.wards.iter().copied())
        .collect();
    let furniture = Furniture {
        title: format!("Fallback coverage: {}", model.trust.name),
        header: format!("{} · fallback coverage", model.trust.name),
        author: model.trust.name.clone(),
        version: model.trust.edition.version.to_string(),
        review_due: view::long_date(model.trust.edition.date),
        draft: false,
    };
    let context = CoverageContext {
        trust: TrustView::new(model),
        coverage: coverage(model, &wards),
        furniture: furniture.clone(),
    };
    Pack::new(
        PackKind::Coverage,
        PathBuf::from("coverage.md"),
        "coverage.md",
        context,
        furniture,
    )
}

/// Coverage of one site's wards, for the hospital pack.
pub fn site_coverage(model: &Model, s: SiteIx) -> Coverage {
    coverage(model, &model.sites[s].wards)
}
