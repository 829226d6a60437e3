//! `downtime graph`: the dependency graph of systems and infrastructure.

use downtime::diagnostic::did_you_mean;
use downtime::error::Error;
use downtime::export;
use downtime::project::Project;
use downtime::write::write_atomic;
use std::path::PathBuf;
use std::process::ExitCode;

/// Write the dependency graph of systems and infrastructure as Mermaid or Graphviz DOT, for
/// governance documents. With --scenario, everything that scenario takes down is marked DOWN.
#[derive(clap::Args)]
pub struct Args {
    /// Folder holding the trust's YAML.
    #[arg(long, value_name = "DIR", default_value = "procedures")]
    procedures: PathBuf,
    /// Mark what this scenario takes down.
    #[arg(long, value_name = "ID")]
    scenario: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "mermaid")]
    format: Format,
    /// Write to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Mermaid,
    Dot,
}

pub fn run(args: Args) -> Result<ExitCode, Error> {
    let project = Project::load(&args.procedures)?;
    let model = &project.model;
    let radius = match &args.scenario {
        Some(id) => Some(
            &model
                .scenarios
                .iter()
                .find(|s| &s.id == id)
                .ok_or_else(|| {
                    let known = model.scenarios.iter().map(|s| s.id.as_str());
                    let hint = did_you_mean(id, known)
                        .map(|near| format!("; did you mean `{near}`?"))
                        .unwrap_or_default();
                    Error::Usage(format!("no such scenario `{id}`{hint}"))
                })?
                .radius,
        ),
        None => None,
    };
    let text = match args.format {
        Format::Mermaid => export::mermaid(model, radius),
        Format::Dot => export::dot(model, radius),
    };
    match &args.output {
        Some(path) => write_atomic(path, text.as_bytes())?,
        None => print!("{text}"),
    }
    Ok(ExitCode::SUCCESS)
}
