//! A trust's procedures, loaded and validated: what every command starts from.

use crate::check;
use crate::diagnostic::{self, Diagnostic};
use crate::error::Error;
use crate::load::{self, Sources};
use crate::model::{self, Model};
use chrono::NaiveDate;
use std::path::Path;

/// A validated trust and the warnings found on the way.
pub struct Project {
    pub model: Model,
    pub warnings: Vec<Diagnostic>,
    /// The text of every file, to place and quote lint findings.
    pub sources: Sources,
}

impl Project {
    /// Load and validate the procedures folder: stages **load** and **validate** into **model**.
    /// Fails with every problem found, in a stable order, if there is any error. Every
    /// diagnostic that names a YAML path is given its line and column here.
    pub fn load(procedures: &Path) -> Result<Project, Error> {
        let mut diags = Vec::new();
        let loaded = load::load_tree(procedures, &mut diags);
        let model = model::resolve(&loaded, &mut diags);
        loaded.sources.place(&mut diags);
        diagnostic::sort(&mut diags);
        match model {
            Some(model) if !diags.iter().any(Diagnostic::is_error) => Ok(Project {
                model,
                warnings: diags,
                sources: loaded.sources,
            }),
            _ => Err(Error::Invalid(diags)),
        }
    }

    /// The governance rules' findings on `today`, each with its line and column; the rules on
    /// printed copies run when `copies` is given.
    pub fn lint(&self, today: NaiveDate, copies: Option<check::Copies>) -> Vec<Diagnostic> {
        let mut findings = check::lint(&self.model, today, copies);
        self.sources.place(&mut findings);
        findings
    }
}
