//! `downtime walk-round`: the printable sheet for checking every downtime box of a site.

use downtime::build::pdf_timestamp;
use downtime::error::Error;
use downtime::register::walk_round;
use downtime::typeset;
use downtime::write::write_atomic;
use std::path::PathBuf;
use std::process::ExitCode;

/// Print the walk-round sheet of a site: every downtime box, the code its copy should carry,
/// what the register says is in it, and tick boxes for "copy matches", "kit checked",
/// "downtime PC tested", with a signature.
#[derive(clap::Args)]
pub struct Args {
    /// The site (its id, as in procedures/sites/).
    site: String,
    /// PDF file to write.
    #[arg(short, long, value_name = "OUT.pdf")]
    output: PathBuf,
    /// The day the sheet is prepared (YYYY-MM-DD). Default: SOURCE_DATE_EPOCH if set, else today.
    #[arg(long, value_name = "DATE")]
    date: Option<chrono::NaiveDate>,
    #[arg(long, value_name = "DIR", default_value = "procedures")]
    procedures: PathBuf,
    /// The register. Default: issued.yaml in the procedures folder.
    #[arg(long, value_name = "FILE")]
    register: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<ExitCode, Error> {
    super::pdf::refuse_output(&args.procedures, &args.output)?;
    let state = super::copies::State::load(&args.procedures, args.register.as_deref())?;
    let model = &state.project.model;
    let s = state.site(&args.procedures, &args.site)?;
    let today = args.date.unwrap_or_else(super::today);
    let (spec, furniture) = walk_round::sheet(model, s, &state.copies, &state.register, today);
    let document = typeset::assemble::form_document(&spec, &furniture);
    let bytes = typeset::pdf::write(&document, pdf_timestamp(0));
    write_atomic(&args.output, &bytes)?;
    eprintln!(
        "wrote {} ({} page(s), {} boxes)",
        args.output.display(),
        document.pages.len(),
        walk_round::boxes(model, s, &state.copies).count()
    );
    Ok(ExitCode::SUCCESS)
}
