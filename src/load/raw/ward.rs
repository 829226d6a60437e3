//! `wards/<id>.yaml`: a ward or department, the systems it uses and its downtime kit.

use super::*;
use crate::load::text::{Line, List, Prose};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `wards/<id>.yaml`: a ward or department.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ward {
    pub id: String,
    pub site: String,
    pub name: Line,
    pub kind: WardKind,
    pub location: Line,
    /// Systems the ward uses, with notes that only apply here.
    pub systems: Vec<WardSystem>,
    pub kit: Kit,
    /// Roles present on a shift; action lists are grouped by these.
    pub roles: Vec<String>,
    #[serde(default)]
    pub contacts: Vec<Contact>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum WardKind {
    Inpatient,
    Outpatient,
    Emergency,
    Theatres,
    Maternity,
    CriticalCare,
    DayCase,
    Community,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WardSystem {
    pub system: String,
    #[serde(default)]
    pub notes: Prose,
}

/// The ward's downtime box.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Kit {
    pub location: Line,
    pub contents: List<KitItem, MAX_KIT_ITEMS>,
    /// Who checks the kit, and how often.
    pub checked_by: Line,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KitItem {
    pub item: Line,
    #[serde(default = "one")]
    pub quantity: u32,
}

fn one() -> u32 {
    1
}
