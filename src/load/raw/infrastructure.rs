//! `infrastructure/<id>.yaml`: what systems depend on (network, power, data centre...).

use crate::load::text::{Line, Prose};
use schemars::JsonSchema;
use serde::Deserialize;

/// `infrastructure/<id>.yaml`: network, power, data centres... that systems depend on.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Infrastructure {
    pub id: String,
    pub name: Line,
    pub kind: InfraKind,
    pub description: Prose,
    #[serde(default)]
    pub depends_on: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum InfraKind {
    Network,
    DataCentre,
    Power,
    Internet,
    Telephony,
    Hosting,
    Device,
}
