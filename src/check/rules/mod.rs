//! The governance rules, one file per family. Each file declares its rules as [`super::Rule`]
//! constants, listed in the registry in `check/mod.rs`.

pub mod cascade;
pub mod contacts;
pub mod copies;
pub mod equipment;
pub mod exercises;
pub mod fallbacks;
pub mod flows;
pub mod kit;
pub mod ownership;
pub mod review;
pub mod roles;
pub mod scenarios;

use crate::load::raw::DocControl;
use crate::model::Model;
use chrono::NaiveDate;
use std::path::Path;

/// A controlled document (procedure or form) as the rules see it.
pub struct Document<'a> {
    pub what: &'static str,
    pub id: &'a str,
    pub control: &'a DocControl,
    pub review_due: NaiveDate,
    pub file: &'a Path,
}

/// Every procedure, form and reference page, with its document control.
pub fn documents(model: &Model) -> impl Iterator<Item = Document<'_>> {
    let procedures = model.procedures.iter().map(|p| Document {
        what: "procedure",
        id: &p.id,
        control: &p.control,
        review_due: p.review_due,
        file: &p.file,
    });
    let forms = model.forms.iter().map(|f| Document {
        what: "form",
        id: &f.id,
        control: &f.control,
        review_due: f.review_due,
        file: &f.file,
    });
    let references = model.references.iter().map(|r| Document {
        what: "reference page",
        id: &r.id,
        control: &r.control,
        review_due: r.review_due,
        file: &r.file,
    });
    procedures.chain(forms).chain(references)
}
