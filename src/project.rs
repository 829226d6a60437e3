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
        Project::load_with(procedures, true)
    }

    /// As [`Project::load`], but a scaffold's placeholder text is no error: for `downtime new`,
    /// so that a second file can be scaffolded before the first is written.
    pub fn load_with_placeholders(procedures: &Path) -> Result<Project, Error> {
        Project::load_with(procedures, false)
    }

    fn load_with(procedures: &Path, refuse_placeholders: bool) -> Result<Project, Error> {
        let mut diags = Vec::new();
        let mut loaded = load::load_tree(procedures, &mut diags);
        // A scaffold not yet written is one mistake: it is left out of the model, and its one
        // diagnostic replaces whatever else its placeholders would cause (a `WRITE ME` where a
        // date or an id belongs).
        let scaffolds = placeholders(&loaded.sources);
        for scaffold in &scaffolds {
            loaded.set_aside(&scaffold.file);
            diags.retain(|d| d.file != scaffold.file);
        }
        let model = model::resolve(&loaded, &mut diags);
        loaded.sources.place(&mut diags);
        if refuse_placeholders {
            diags.extend(scaffolds);
        }
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

/// What every placeholder text of a `downtime new` scaffold starts with. It must never reach a
/// printed pack.
pub const PLACEHOLDER: &str = "WRITE ME:";

/// One error per file that still holds placeholder text from `downtime new`, at the first one,
/// saying how many there are: the file is one mistake (a scaffold not yet written), not ten.
fn placeholders(sources: &Sources) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for (file, text) in sources.iter() {
        // Only values: a comment that mentions the marker is no placeholder.
        let found: Vec<(usize, usize)> = text
            .lines()
            .enumerate()
            .filter_map(|(n, line)| {
                let code = line.split(" #").next().unwrap_or(line);
                let column = code.find(PLACEHOLDER)?;
                (!line.trim_start().starts_with('#'))
                    .then(|| (n + 1, line[..column].chars().count() + 1))
            })
            .collect();
        let Some(&(line, column)) = found.first() else {
            continue;
        };
        let more = match found.len() {
            1 => String::new(),
            2 => " (and on 1 more line)".to_string(),
            n => format!(" (and on {} more lines)", n - 1),
        };
        diags.push(
            Diagnostic::error(
                "scaffold-text",
                file,
                format!("placeholder text from `downtime new` is still here{more}"),
            )
            .at_line(line, column)
            .with_snippet(text)
            .with_hint("replace each `WRITE ME: ...` with what the pack should say; nothing is printed until then"),
        );
    }
    diags
}
