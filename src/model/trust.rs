//! The trust itself, from `trust.yaml`: its name, edition, review policy, trust-wide contacts
//! and call cascade. Its roles are kept as written, in `Model::roles`.

use super::contact::{self, Cascade, Contact, ContactScope};
use super::ids::Namespaces;
use super::ContactIx;
use crate::diagnostic::Diagnostic;
use crate::load::{raw, Sourced};
use std::path::PathBuf;

#[derive(Debug)]
pub struct Trust {
    pub name: String,
    pub code: String,
    pub edition: raw::Edition,
    pub review_interval_months: u32,
    pub contacts: Vec<ContactIx>,
    pub cascade: Vec<Cascade>,
    pub contact_check_months: Option<u32>,
    /// Hours of paper every ward's kit must hold.
    pub kit_minimum_hours: u32,
    /// Days a box may hold an outdated copy (`stale-copy`).
    pub reprint_within_days: u32,
    /// Months within which each critical scenario must be exercised.
    pub exercise_interval_months: u32,
    pub lints: std::collections::BTreeMap<String, raw::LintLevel>,
    pub file: PathBuf,
}

/// Pass 2 for the trust: its contacts and call cascade.
pub(super) fn resolve(
    trust: &Sourced<raw::Trust>,
    contacts: &[Contact],
    ids: &Namespaces,
    diags: &mut Vec<Diagnostic>,
) -> Trust {
    let t = &trust.value;
    Trust {
        name: t.name.to_string(),
        code: t.code.to_string(),
        edition: t.edition.clone(),
        review_interval_months: t.review_interval_months,
        kit_minimum_hours: t
            .kit_minimum_hours
            .unwrap_or(super::kit::DEFAULT_MINIMUM_HOURS),
        contacts: contact::held_by(contacts, ContactScope::Trust),
        cascade: contact::resolve_cascade(&t.cascade, &trust.file, ids, diags),
        contact_check_months: t.contact_check_months,
        reprint_within_days: t.reprint_within_days.unwrap_or(14),
        exercise_interval_months: t.exercise_interval_months.unwrap_or(12),
        lints: t.lints.clone(),
        file: trust.file.clone(),
    }
}
