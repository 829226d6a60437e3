//! `interfaces/<id>.yaml`: a data flow from one system to another, and what happens to it
//! while either end (or anything it relies on) is down.

use super::MAX_STEP_REFERENCES;
use crate::load::text::{Line, List, Prose};
use schemars::JsonSchema;
use serde::Deserialize;

/// `interfaces/<id>.yaml`: a feed from one system to another (ADT, orders, results...).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Interface {
    pub id: String,
    pub name: Line,
    /// The system that sends.
    pub from: String,
    /// The system that receives.
    pub to: String,
    /// What flows, as staff would say it, e.g. `Admissions, transfers and discharges (ADT)`.
    pub carries: Line,
    /// What happens to messages while the flow is stopped.
    pub when_down: FlowLoss,
    /// What else the flow passes through (an interface engine, the network).
    #[serde(default)]
    pub relies_on: List<String, MAX_STEP_REFERENCES>,
    #[serde(default)]
    pub notes: Prose,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum FlowLoss {
    /// Held and sent when the flow returns: it arrives late and back-fills.
    Queued,
    /// Not kept: whatever should have flowed must be entered again by hand.
    Lost,
}
