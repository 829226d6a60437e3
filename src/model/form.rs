//! Paper forms, from `forms/`: what is printed for staff to write on while systems are down.

use super::procedure::review_due;
use crate::diagnostic::Diagnostic;
use crate::load::{raw, Sourced};
use chrono::NaiveDate;
use std::path::PathBuf;

#[derive(Debug)]
pub struct Form {
    pub id: String,
    pub title: String,
    pub purpose: String,
    pub copies: u32,
    pub layout: Vec<raw::Part>,
    pub control: raw::DocControl,
    pub review_due: NaiveDate,
    pub file: PathBuf,
}

/// Pass 2 for forms: a form names no other id, so only its review date is worked out;
/// `default_months` is the trust's review interval.
/// The readiness log is listed and linked like a form (`form-readiness-log` in a ward's
/// forms table), so no form may take its id.
pub const READINESS_LOG_ID: &str = "readiness-log";

pub(super) fn resolve(
    forms: &[Sourced<raw::Form>],
    default_months: u32,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Form> {
    for f in forms.iter().filter(|f| f.value.id == READINESS_LOG_ID) {
        diags.push(
            Diagnostic::error(
                "reserved-id",
                &f.file,
                format!("`{READINESS_LOG_ID}` is the id of each ward's readiness log, which downtime makes from the routine steps"),
            )
            .at_path("id")
            .with_hint("give this form another id (and rename the file to match)"),
        );
    }
    forms
        .iter()
        .map(|f| Form {
            id: f.value.id.clone(),
            title: f.value.title.to_string(),
            purpose: f.value.purpose.to_string(),
            copies: f.value.copies,
            layout: f.value.layout.to_vec(),
            control: f.value.control.clone(),
            review_due: review_due(&f.value.control, default_months, &f.file, diags),
            file: f.file.clone(),
        })
        .collect()
}
