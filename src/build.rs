//! The build pipeline: **load -> validate -> model -> render markdown -> typeset pdf -> write**.

use crate::error::Error;
use crate::pack::{self, Selection};
use crate::project::Project;
use crate::render::Renderer;
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

    let mut staging = Staging::new(&options.out)?;
    let mut summary = Summary::default();
    for kind in kinds {
        let pack = pack::build(model, kind);
        let markdown = renderer
            .render(&pack)
            .map_err(|d| Error::Invalid(vec![d]))?;
        if options.formats.markdown {
            staging.stage(&pack.path, markdown.as_bytes())?;
        }
        summary.packs += 1;
    }
    let partial = !options.selection.sites.is_empty() || !options.selection.wards.is_empty();
    summary.files = staging.commit(partial)?;
    Ok((project, summary))
}
