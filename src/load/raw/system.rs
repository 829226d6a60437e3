//! `systems/<id>.yaml`: a clinical or business system.

use super::*;
use crate::load::text::{Line, List, Prose};
use schemars::JsonSchema;
use serde::Deserialize;

/// `systems/<id>.yaml`: a clinical or business system.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct System {
    pub id: String,
    pub name: Line,
    /// A few letters for narrow table columns, e.g. `EPR`, `PACS`.
    pub short_name: Line,
    pub category: Line,
    /// Who supplies it (optional: packs do not print it).
    #[serde(default)]
    pub supplier: Option<Line>,
    pub tier: Tier,
    /// Longest outage the service can bear before patient harm is likely, e.g. `4h`, `30m`, `2d`.
    pub max_tolerable_downtime: String,
    #[serde(default)]
    pub depends_on: Vec<String>,
    /// How staff can tell this system is down.
    pub signs_of_failure: List<Prose, MAX_OPTIONS>,
    /// What staff lose when it is down.
    pub impact: Prose,
}

/// Criticality tier: 1 is life-critical.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, JsonSchema)]
pub struct Tier(pub u8);
