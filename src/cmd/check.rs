//! `downtime check`: validate everything, render nothing.

use downtime::error::Error;
use downtime::project::Project;
use std::path::PathBuf;
use std::process::ExitCode;

/// Validate the procedures without writing anything.
///
/// Reports every problem (malformed YAML, unknown fields, unknown or duplicate ids, dependency
/// cycles, systems without a paper fallback...) with file, line and YAML path. Exit status:
/// 0 valid, 1 errors found, 2 usage error.
#[derive(clap::Args)]
pub struct Args {
    /// Folder holding trust.yaml, sites/, wards/, systems/, infrastructure/, fallbacks/, forms/.
    #[arg(long, value_name = "DIR", default_value = "procedures")]
    procedures: PathBuf,
}

pub fn run(args: Args) -> Result<ExitCode, Error> {
    let project = Project::load(&args.procedures)?;
    super::print_diagnostics(&project.warnings);
    let m = &project.model;
    eprintln!(
        "ok: {} sites, {} wards, {} systems and components, {} procedures, {} forms; {} warning(s)",
        m.sites.len(),
        m.wards.len(),
        m.components.len(),
        m.procedures.len(),
        m.forms.len(),
        project.warnings.len()
    );
    Ok(ExitCode::SUCCESS)
}
