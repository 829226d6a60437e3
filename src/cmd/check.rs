//! `downtime check`: validate everything and run the governance lint rules; render nothing.

use chrono::NaiveDate;
use downtime::check::Copies;
use downtime::diagnostic::Diagnostic;
use downtime::diagnostic::{self, Severity};
use downtime::error::Error;
use downtime::project::Project;
use downtime::register::{self, copies, Register};
use downtime::render::Renderer;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Validate the procedures and run the governance lint rules, without writing anything.
///
/// Reports every problem (malformed YAML, unknown fields, unknown or duplicate ids, dependency
/// cycles, systems without a paper fallback, fallbacks that rely on what their outage takes
/// down) and every finding of the governance rules listed below, with file, line and YAML path.
/// Exit status: 0 valid, 1 errors found, 2 usage error.
#[derive(clap::Args)]
pub struct Args {
    /// Folder holding trust.yaml, sites/, wards/, systems/, infrastructure/, fallbacks/, forms/,
    /// scenarios/.
    #[arg(long, value_name = "DIR", default_value = "procedures")]
    procedures: PathBuf,
    /// Judge review and test dates against this day (YYYY-MM-DD). Default: SOURCE_DATE_EPOCH
    /// if set, else today.
    #[arg(long, value_name = "DATE")]
    today: Option<NaiveDate>,
    /// Treat warnings as errors (`--deny warnings`).
    #[arg(long, value_enum, value_name = "LEVEL")]
    deny: Option<Deny>,
    /// Diagnostic format: human (like rustc), json (one object per line, for CI) or github
    /// (GitHub Actions annotations on the lines of a pull request).
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Deny {
    Warnings,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Human,
    Json,
    Github,
}

/// The rules' findings; with the register of printed copies when the trust keeps one (only then
/// are the packs rendered, in memory, for their codes).
fn lint(project: &Project, procedures: &Path, today: NaiveDate) -> Result<Vec<Diagnostic>, Error> {
    let register = match Register::load(&register::default_path(procedures)) {
        Ok(register) => register,
        Err(diag) => return Ok(vec![*diag]),
    };
    if register.entries.is_empty() {
        return Ok(project.lint(today, None));
    }
    let renderer = Renderer::new(None).map_err(Error::Invalid)?;
    let copies = copies::all(&project.model, &renderer)?;
    let copies = Copies {
        register: &register,
        copies: &copies,
    };
    Ok(project.lint(today, Some(copies)))
}

pub fn run(args: Args) -> Result<ExitCode, Error> {
    let today = args.today.unwrap_or_else(super::today);
    let (mut diags, summary) = match Project::load(&args.procedures) {
        Ok(project) => {
            let mut diags = project.warnings.clone();
            diags.extend(lint(&project, &args.procedures, today)?);
            let summary = format!("{}; judged on {today}", counts(&project.model));
            (diags, Some(summary))
        }
        Err(Error::Invalid(diags)) => (diags, None),
        Err(other) => return Err(other),
    };
    if args.deny == Some(Deny::Warnings) {
        for d in &mut diags {
            d.severity = Severity::Error;
        }
    }
    diagnostic::sort(&mut diags);
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    match args.format {
        Format::Json => {
            for d in &diags {
                super::print_stdout(&format!("{}\n", d.to_json()));
            }
        }
        Format::Github => {
            for d in &diags {
                super::print_stdout(&format!("{}\n", d.to_github()));
            }
            print_summary(summary.as_deref(), errors, warnings);
        }
        Format::Human => {
            for d in &diags {
                eprintln!("{d}");
            }
            print_summary(summary.as_deref(), errors, warnings);
        }
    }
    Ok(if errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The last line of a human or GitHub report: how many problems, in what.
fn print_summary(summary: Option<&str>, errors: usize, warnings: usize) {
    match (summary, errors) {
        (Some(summary), 0) => eprintln!("ok: {summary}; {warnings} warning(s)"),
        (Some(summary), _) => {
            eprintln!("error: {errors} error(s), {warnings} warning(s) in {summary}")
        }
        (None, _) => eprintln!("error: {errors} error(s) found"),
    }
}

/// What was loaded, as "1 site, 2 wards, ...": a count of one reads as one.
fn counts(m: &downtime::model::Model) -> String {
    [
        (m.sites.len(), "site", "sites"),
        (m.wards.len(), "ward", "wards"),
        (
            m.components.len(),
            "system or component",
            "systems and components",
        ),
        (m.procedures.len(), "procedure", "procedures"),
        (m.forms.len(), "form", "forms"),
        (m.scenarios.len(), "scenario", "scenarios"),
        (m.interfaces.len(), "interface", "interfaces"),
        (m.references.len(), "reference page", "reference pages"),
        (m.exercises.len(), "exercise", "exercises"),
    ]
    .iter()
    .map(|&(n, one, many)| format!("{n} {}", if n == 1 { one } else { many }))
    .collect::<Vec<_>>()
    .join(", ")
}
