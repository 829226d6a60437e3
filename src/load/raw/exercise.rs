//! `exercises/<id>.yaml`: a test of the downtime plans (a tabletop, a walk-through, a live
//! failover), what it tested, how it went, and the actions it left: the evidence EPRR core
//! standards and DSPT 7.2 ask for.

use super::{Outcome, MAX_STEP_REFERENCES};
use crate::load::text::{Line, List, Prose};
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Deserialize;

/// Most findings or actions recorded for one exercise.
pub const MAX_FINDINGS: usize = 50;

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Exercise {
    pub id: String,
    pub title: Line,
    pub date: NaiveDate,
    pub kind: ExerciseKind,
    /// The outage scenario exercised, if it followed one.
    #[serde(default)]
    pub scenario: Option<String>,
    /// Sites and wards that took part.
    #[serde(default)]
    pub sites: List<String, MAX_STEP_REFERENCES>,
    #[serde(default)]
    pub wards: List<String, MAX_FINDINGS>,
    /// The procedures it tested: each counts as tested on this date with this outcome.
    pub tested: List<String, MAX_FINDINGS>,
    pub outcome: Outcome,
    /// What was learnt, one finding per item.
    #[serde(default)]
    pub findings: List<Prose, MAX_FINDINGS>,
    /// What must be done about the findings, by whom and when.
    #[serde(default)]
    pub actions: List<Action, MAX_FINDINGS>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ExerciseKind {
    /// Talked through around a table, against a scenario.
    Tabletop,
    /// Walked through on the ward with the downtime box open.
    WalkThrough,
    /// Systems really switched off or failed over, and the paper process used.
    LiveFailover,
}

impl ExerciseKind {
    pub fn label(self) -> &'static str {
        match self {
            ExerciseKind::Tabletop => "Tabletop",
            ExerciseKind::WalkThrough => "Walk-through",
            ExerciseKind::LiveFailover => "Live failover",
        }
    }
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// What must be done.
    #[serde(rename = "do")]
    pub action: Line,
    /// Who owns it: a post.
    pub owner: Line,
    pub due: NaiveDate,
    pub status: ActionStatus,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ActionStatus {
    Open,
    Done,
}
