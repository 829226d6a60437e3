//! `downtime pdf`: typeset any Markdown file with the packs' engine and page furniture.

use downtime::build::pdf_timestamp;
use downtime::diagnostic::Diagnostic;
use downtime::error::Error;
use downtime::pack::Furniture;
use downtime::typeset;
use downtime::write::{guard, write_atomic};
use std::path::{Path, PathBuf};
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
    refuse_output(&args.input, &args.output)?;
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
        code: downtime::pack::code::of_pack(&markdown, &[]),
    };
    let document = typeset::typeset(&markdown, &furniture);
    let bytes = typeset::pdf::write(&document, pdf_timestamp(0));
    write_atomic(&args.output, &bytes)?;
    if !args.quiet {
        let warnings: Vec<_> = document
            .warnings
            .iter()
            .map(|w| Diagnostic::warning("typesetting", &args.input, w.clone()))
            .collect();
        super::print_diagnostics(&warnings);
        let pages = document.pages.len();
        eprintln!(
            "wrote {} ({pages} page{})",
            args.output.display(),
            if pages == 1 { "" } else { "s" }
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The PDF may replace only an earlier PDF: never the Markdown it is made from (a typo such as
/// `-o notice.md` would destroy the notice), nor any other file, folder or link.
pub(super) fn refuse_output(input: &Path, output: &Path) -> Result<(), Error> {
    let refuse = |why: &str| {
        Err(Error::Refused(format!(
            "refusing to write {}: {why}; choose another -o",
            output.display()
        )))
    };
    if guard::same_file(input, output) {
        return refuse("it is the input file");
    }
    let meta = match std::fs::symlink_metadata(output) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(output, "cannot read", e)),
    };
    if meta.file_type().is_symlink() {
        return refuse("it is a symlink");
    }
    if meta.is_dir() {
        return refuse("it is a folder");
    }
    let mut head = [0u8; 5];
    let is_pdf = std::fs::File::open(output)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
        .is_ok()
        && &head == b"%PDF-";
    if !is_pdf {
        return refuse("it exists and is not a PDF");
    }
    Ok(())
}
