//! `downtime pdf`: typeset any Markdown file with the packs' engine and page furniture.

use downtime::build::pdf_timestamp;
use downtime::error::Error;
use downtime::pack::Furniture;
use downtime::typeset;
use downtime::write::write_atomic;
use std::path::PathBuf;
use std::process::ExitCode;

/// Typeset a Markdown file as a printable A4 PDF, the same way packs are printed.
///
/// For ad-hoc notices ("Phones down: use these numbers"). Any CommonMark or GFM table input
/// is accepted; constructs a printed page cannot show (HTML, images) are printed as text with
/// a warning.
#[derive(clap::Args)]
pub struct Args {
    /// Markdown file to typeset.
    input: PathBuf,
    /// PDF file to write.
    #[arg(short, long, value_name = "OUT.pdf")]
    output: PathBuf,
    /// Title for the page header and PDF metadata (default: the file name).
    #[arg(long)]
    title: Option<String>,
    /// Version printed in the footer.
    #[arg(long, default_value = "ad hoc")]
    version: String,
    /// Review date printed in the footer.
    #[arg(long, default_value = "see issuer")]
    review_due: String,
    /// Print nothing but errors.
    #[arg(long, short)]
    quiet: bool,
}

pub fn run(args: Args) -> Result<ExitCode, Error> {
    let markdown =
        std::fs::read(&args.input).map_err(|e| Error::io(&args.input, "cannot read", e))?;
    let markdown = String::from_utf8_lossy(&markdown);
    let title = args.title.unwrap_or_else(|| {
        args.input
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Notice".into())
    });
    let furniture = Furniture {
        header: title.clone(),
        title,
        author: String::new(),
        version: args.version,
        review_due: args.review_due,
        draft: false,
    };
    let document = typeset::typeset(&markdown, &furniture);
    let bytes = typeset::pdf::write(&document, pdf_timestamp(0));
    write_atomic(&args.output, &bytes)?;
    if !args.quiet {
        for warning in &document.warnings {
            eprintln!("warning: {}: {warning}", args.input.display());
        }
        eprintln!(
            "wrote {} ({} pages)",
            args.output.display(),
            document.pages.len()
        );
    }
    Ok(ExitCode::SUCCESS)
}
