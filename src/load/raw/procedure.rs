//! `fallbacks/<id>.yaml`: a paper fallback procedure, its document control and its steps.

use super::*;
use crate::load::text::{Line, List, Prose};
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Deserialize;

/// `fallbacks/<id>.yaml`: a paper fallback procedure.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Procedure {
    pub id: String,
    pub title: Line,
    /// Systems this procedure replaces. Empty: a general procedure every ward (or site) follows.
    #[serde(default)]
    pub replaces: Vec<String>,
    #[serde(default)]
    pub scope: Scope,
    pub summary: Prose,
    pub control: DocControl,
    pub phases: Phases,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// Printed in every ward pack it applies to.
    #[default]
    Ward,
    /// Printed in the hospital pack: site command, switchboard...
    Site,
    /// Trust (gold, strategic) command: printed in every hospital pack, after the site's own
    /// command procedures, with command cards for its roles at each site's command post.
    Trust,
}

/// Document control: who owns a procedure and when it was last looked at.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocControl {
    pub owner: Line,
    pub approver: Line,
    pub version: Line,
    pub status: Status,
    pub last_reviewed: NaiveDate,
    #[serde(default)]
    pub review_interval_months: Option<u32>,
    /// The last exercise or live use of this procedure, and how it went.
    #[serde(default)]
    pub last_tested: Option<TestRecord>,
    /// Who holds controlled copies, e.g. `Every ward manager`, `Site command`: printed in the
    /// document control of every pack that includes it, so a recall reaches every copy.
    #[serde(default)]
    pub distribution: List<Line, MAX_OPTIONS>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TestRecord {
    pub date: NaiveDate,
    pub outcome: Outcome,
    #[serde(default)]
    pub notes: Prose,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// Worked as written.
    Passed,
    /// Worked, with actions to fix.
    IssuesFound,
    /// Did not work; must be rewritten.
    Failed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Draft,
    Approved,
    Retired,
}

/// Steps grouped by when they happen, in the order staff live through them.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Phases {
    /// Keeping ready while systems are up: tasks repeated on a cadence (`every: 1d`), such as
    /// the daily kit check. Printed under "Keeping ready" and on the ward's readiness log.
    #[serde(default)]
    pub routine: List<Step, MAX_STEPS_PER_PHASE>,
    /// The countdown to a planned downtime: each step says how long before the start
    /// (`at: -2h`). Unplanned outages skip it.
    #[serde(default)]
    pub before: List<Step, MAX_STEPS_PER_PHASE>,
    /// Recognise and declare downtime: the first 15 minutes.
    #[serde(default)]
    pub declare: List<Step, MAX_STEPS_PER_PHASE>,
    /// While the system is down.
    #[serde(default)]
    pub during: List<Step, MAX_STEPS_PER_PHASE>,
    /// When the system returns: back-entry, reconciliation, patient contact.
    #[serde(default)]
    pub recovery: List<Step, MAX_STEPS_PER_PHASE>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub role: String,
    #[serde(rename = "do")]
    pub action: Prose,
    #[serde(default)]
    pub checklist: List<Prose, MAX_CHECKLIST_ITEMS>,
    #[serde(default)]
    pub forms: List<String, MAX_STEP_REFERENCES>,
    #[serde(default)]
    pub escalate: List<Escalation, MAX_STEP_REFERENCES>,
    #[serde(default)]
    pub relies_on: List<String, MAX_STEP_REFERENCES>,
    /// In `before`: how long before the start, e.g. `-2h`. In `routine`: the time of day,
    /// e.g. `"16:00"`.
    #[serde(default)]
    pub at: Option<String>,
    /// In `routine` (required) and `during`: how often, e.g. `1h`, `4h`, `1d`, `1w`, `1mo`.
    /// A `during` step without it is done once.
    #[serde(default)]
    pub every: Option<String>,
    /// In `during`: how long the outage must have lasted before this step starts, e.g. `24h`
    /// ("if still down after 1 day").
    #[serde(default)]
    pub from: Option<String>,
    /// Only in these situations: every `down` component lost and every `up` one working.
    #[serde(default)]
    pub when: Option<Condition>,
    /// What to do instead where something in `relies_on` is lost.
    #[serde(default)]
    pub otherwise: Option<Alternative>,
    /// Interfaces whose lost messages this step enters again by hand (usually in `recovery`).
    #[serde(default)]
    pub reenters: List<String, MAX_STEP_REFERENCES>,
    /// This step hands out reserved downtime numbers: the pack prints the ward's and site's
    /// `numbering` ranges beside it.
    #[serde(default)]
    pub numbers: bool,
}

/// When a step applies, by what is down and what still works.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// The step applies only when each of these is down.
    #[serde(default)]
    pub down: List<String, MAX_STEP_REFERENCES>,
    /// The step applies only while each of these still works.
    #[serde(default)]
    pub up: List<String, MAX_STEP_REFERENCES>,
}

/// The alternative to a step whose `relies_on` is lost.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Alternative {
    #[serde(rename = "do")]
    pub action: Prose,
    /// What the alternative itself needs (checked in each scenario, like the step's).
    #[serde(default)]
    pub relies_on: List<String, MAX_STEP_REFERENCES>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Escalation {
    /// How long into the downtime, e.g. `4h`.
    pub after: String,
    /// Role to escalate to.
    pub to: String,
    #[serde(default)]
    pub say: Prose,
}
