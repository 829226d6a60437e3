//! Clinical reference pages, from `references/`: Markdown pages a ward keeps in the box for
//! when the system that normally shows them is down, under document control like procedures.

use super::ids::Namespaces;
use super::procedure::review_due;
use super::{ComponentIx, WardIx};
use crate::diagnostic::Diagnostic;
use crate::load::{raw, Sourced};
use chrono::NaiveDate;
use std::path::PathBuf;

#[derive(Debug)]
pub struct Reference {
    pub id: String,
    pub title: String,
    pub systems: Vec<ComponentIx>,
    pub wards: Vec<WardIx>,
    pub control: raw::DocControl,
    pub review_due: NaiveDate,
    /// Markdown.
    pub body: String,
    pub file: PathBuf,
}

pub(super) fn resolve(
    references: &[Sourced<raw::Reference>],
    default_months: u32,
    ids: &Namespaces,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Reference> {
    references
        .iter()
        .map(|r| {
            let (v, file) = (&r.value, &r.file);
            if v.systems.is_empty() && v.wards.is_empty() {
                diags.push(
                    Diagnostic::error("reference-for-nobody", file, format!("reference page `{}` names no system and no ward, so no pack prints it", v.id))
                        .at_path("id")
                        .with_hint("add `systems: [epr]` (printed for every ward using the EPR) or `wards: [ward-7]`"),
                );
            }
            Reference {
                id: v.id.clone(),
                title: v.title.to_string(),
                systems: ids.components.find_all(&v.systems, file, "systems", diags),
                wards: ids.wards.find_all(&v.wards, file, "wards", diags),
                control: v.control.clone(),
                review_due: review_due(&v.control, default_months, file, diags),
                body: v.body.to_string(),
                file: file.clone(),
            }
        })
        .collect()
}
