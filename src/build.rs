//! The build pipeline: **load -> validate -> model -> render markdown -> typeset pdf -> write**.

use crate::error::Error;
use crate::pack::PackKind;
use crate::pack::{self, Selection};
use crate::project::Project;
use crate::render::Renderer;
use crate::typeset;
use crate::write::Staging;
use std::path::PathBuf;

/// Which files a build writes for each pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    pub markdown: bool,
    pub pdf: bool,
}

/// Everything `downtime build` can be asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub procedures: PathBuf,
    pub out: PathBuf,
    pub templates: Option<PathBuf>,
    pub selection: Selection,
    pub formats: Formats,
}

/// What a build did, for the one-line summary.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub packs: usize,
    pub files: usize,
    pub pages: usize,
    /// Typesetting warnings (characters the font lacks...), each prefixed with its file.
    pub warnings: Vec<String>,
}

/// The creation date written into PDFs: SOURCE_DATE_EPOCH when set (reproducible-builds.org),
/// else `fallback` (the pack's issue date). Never the clock.
pub fn pdf_timestamp(fallback: i64) -> i64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok())
        .unwrap_or(fallback)
}

/// Run the whole pipeline. Nothing in `out` changes unless every pack was built.
pub fn build(options: &BuildOptions) -> Result<(Project, Summary), Error> {
    let project = Project::load(&options.procedures)?;
    let model = &project.model;
    let unmatched = pack::unmatched(model, &options.selection);
    if !unmatched.is_empty() {
        return Err(Error::Usage(format!("no such {}", unmatched.join(", "))));
    }
    let renderer = Renderer::new(options.templates.as_deref()).map_err(Error::Invalid)?;
    let kinds = pack::plan(model, &options.selection);

    let issued = model
        .trust
        .edition
        .date
        .and_hms_opt(0, 0, 0)
        .map(|d| d.and_utc().timestamp())
        .unwrap_or(0);
    let timestamp = pdf_timestamp(issued);

    let mut staging = Staging::new(&options.out)?;
    let mut summary = Summary::default();
    for kind in kinds {
        let pack = pack::build(model, kind);
        let markdown = renderer
            .render(&pack)
            .map_err(|d| Error::Invalid(vec![*d]))?;
        if options.formats.markdown {
            staging.stage(&pack.path, markdown.as_bytes())?;
        }
        // The index is a table of links for reviewers in git; it is not printed.
        if options.formats.pdf && kind != PackKind::Index {
            let pdf_path = pack.path.with_extension("pdf");
            let document = typeset::typeset(&markdown, &pack.furniture);
            summary.pages += document.pages.len();
            summary.warnings.extend(
                document
                    .warnings
                    .iter()
                    .map(|w| format!("{}: {w}", pdf_path.display())),
            );
            staging.stage(&pdf_path, &typeset::pdf::write(&document, timestamp))?;
        }
        summary.packs += 1;
    }
    let partial = !options.selection.sites.is_empty() || !options.selection.wards.is_empty();
    summary.files = staging.commit(partial)?;
    Ok((project, summary))
}
