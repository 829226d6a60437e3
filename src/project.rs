//! A trust's procedures, loaded and validated: what every command starts from.

use crate::diagnostic::{self, Diagnostic};
use crate::error::Error;
use crate::load;
use crate::model::{self, Model};
use std::path::Path;

/// A validated trust and the warnings found on the way.
pub struct Project {
    pub model: Model,
    pub warnings: Vec<Diagnostic>,
}

impl Project {
    /// Load and validate the procedures folder: stages **load** and **validate** into **model**.
    /// Fails with every problem found, in a stable order, if there is any error.
    pub fn load(procedures: &Path) -> Result<Project, Error> {
        let mut diags = Vec::new();
        let loaded = load::load_tree(procedures, &mut diags);
        let model = model::resolve(&loaded, &mut diags);
        diagnostic::sort(&mut diags);
        match model {
            Some(model) if !diags.iter().any(Diagnostic::is_error) => Ok(Project {
                model,
                warnings: diags,
            }),
            _ => Err(Error::Invalid(diags)),
        }
    }
}
