//! `downtime report`: the exercise evidence pack, as Markdown and PDF.

use chrono::NaiveDate;
use downtime::build::pdf_timestamp;
use downtime::error::Error;
use downtime::pack::evidence;
use downtime::project::Project;
use downtime::render::Renderer;
use downtime::write::{guard, write_atomic};
use std::path::PathBuf;
use std::process::ExitCode;

/// Write the exercise evidence pack (Markdown and PDF) for the annual EPRR core standards
/// self-assessment and DSPT 7.2: each critical scenario and system with when it was last
/// exercised, how it went and the actions still open, coverage gaps first.
#[derive(clap::Args)]
pub struct Args {
    #[arg(long, value_name = "DIR", default_value = "procedures")]
    procedures: PathBuf,
    /// Folder to write `evidence.md` and `evidence.pdf` into.
    #[arg(long, value_name = "DIR", default_value = "evidence")]
    out: PathBuf,
    /// Judge against this day (YYYY-MM-DD). Default: SOURCE_DATE_EPOCH if set, else today.
    #[arg(long, value_name = "DATE")]
    today: Option<NaiveDate>,
}

pub fn run(args: Args) -> Result<ExitCode, Error> {
    let project = Project::load(&args.procedures)?;
    super::print_diagnostics(&project.warnings);
    let today = args.today.unwrap_or_else(super::today);
    let context = evidence::report(&project.model, today);
    let renderer = Renderer::new(None).map_err(Error::Invalid)?;
    let rendered = renderer
        .render_with("evidence.md", &context, &[])
        .map_err(|d| Error::Invalid(vec![*d]))?;
    let furniture = downtime::pack::Furniture {
        code: rendered.code.clone(),
        ..evidence::furniture(&project.model, today)
    };
    let document = downtime::typeset::typeset(&rendered.markdown, &furniture);
    let (md, pdf) = (args.out.join("evidence.md"), args.out.join("evidence.pdf"));
    // Only files this command made are replaced.
    for path in [&md, &pdf] {
        if path.exists() && !guard::carries_marker(path) {
            return Err(Error::Refused(format!(
                "refusing to replace {}: downtime did not make it; choose another --out",
                path.display()
            )));
        }
    }
    std::fs::create_dir_all(&args.out).map_err(|e| Error::io(&args.out, "cannot create", e))?;
    write_atomic(&md, rendered.markdown.as_bytes())?;
    write_atomic(
        &pdf,
        &downtime::typeset::pdf::write(&document, pdf_timestamp(0)),
    )?;
    let pages = document.pages.len();
    eprintln!(
        "wrote {} and {} ({pages} page{})",
        md.display(),
        pdf.display(),
        if pages == 1 { "" } else { "s" }
    );
    Ok(ExitCode::SUCCESS)
}
