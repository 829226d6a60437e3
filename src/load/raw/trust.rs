//! `trust.yaml`: the trust, its edition, roles and lint levels.

use super::*;
use crate::load::text::{Line, Prose};
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Deserialize;
use std::collections::BTreeMap;

/// `trust.yaml`: the organisation, its roles and trust-wide contacts.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Trust {
    pub name: Line,
    /// ODS-style organisation code, e.g. `RXX`.
    pub code: Line,
    /// Release of the packs: printed on every page so a ward can tell an old print from a new one.
    pub edition: Edition,
    /// Months between reviews when a procedure does not set its own interval.
    pub review_interval_months: u32,
    pub roles: Vec<Role>,
    #[serde(default)]
    pub contacts: Vec<Contact>,
    /// Trust-wide call cascade, after the site cascade.
    #[serde(default)]
    pub cascade: Vec<CascadeStep>,
    /// Hours of paper every ward's kit must hold (default 8, as contingency guidance asks).
    /// Kit items with a rule (`per_bed`, `per_day`) are sized for this many hours.
    #[serde(default)]
    pub kit_minimum_hours: Option<u32>,
    /// Days a downtime box may hold a copy that is no longer what the YAML builds before the
    /// `stale-copy` rule reports it (default 14), counted from the copy's issue or the
    /// edition's date, whichever is later.
    #[serde(default)]
    pub reprint_within_days: Option<u32>,
    /// Months within which every scenario that takes down a tier 1-2 system must have been
    /// exercised (default 12: EPRR core standards ask for an annual exercise).
    #[serde(default)]
    pub exercise_interval_months: Option<u32>,
    /// Months after which a contact's `verified` date is stale (default 6).
    #[serde(default)]
    pub contact_check_months: Option<u32>,
    /// Severity of each `downtime check` lint rule for this trust: allow, warning or error.
    #[serde(default)]
    pub lints: BTreeMap<String, LintLevel>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum LintLevel {
    Allow,
    Warning,
    Error,
}

/// Version and date of this release of the packs.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Edition {
    pub version: Line,
    /// The date the packs are issued: packs print this, never the build machine's clock.
    pub date: NaiveDate,
}

/// A job people do during downtime (nurse in charge, ward clerk...).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub id: String,
    pub name: Line,
    #[serde(default)]
    pub description: Prose,
}
