//! `scenarios/<id>.yaml`: an outage scenario.

use super::*;
use crate::load::text::{Line, List, Prose};
use schemars::JsonSchema;
use serde::Deserialize;

/// `scenarios/<id>.yaml`: an outage to prepare for, as the components that fail.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub id: String,
    pub name: Line,
    pub kind: ScenarioKind,
    /// How long it is expected to last, e.g. `8h`.
    pub expected_duration: String,
    /// Systems or infrastructure that fail; everything depending on them is lost too.
    pub fails: Vec<String>,
    pub description: Prose,
    /// A planned downtime's start, e.g. `2026-12-06T22:00` (local time): its packs print the
    /// countdown with clock times.
    #[serde(default)]
    pub starts: Option<String>,
    /// A short label printed on its packs, e.g. `Level 2` (an EHR vendor's downtime level).
    #[serde(default)]
    pub level: Option<Line>,
    /// What is different about this scenario: command structure, when to declare an incident.
    #[serde(default)]
    pub instructions: List<Prose, MAX_OPTIONS>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ScenarioKind {
    Planned,
    Unplanned,
}
