//! `downtime build`: write every pack.

use downtime::build::{self, BuildOptions, Formats};
use downtime::error::Error;
use downtime::pack::Selection;
use std::path::PathBuf;
use std::process::ExitCode;

/// Build the downtime packs: one per ward, one per hospital, and an index.
///
/// Reads the procedures folder, validates it, and writes `<out>/README.md`,
/// `<out>/<site>/index.md` (hospital pack) and `<out>/<site>/<ward>.md` (ward packs).
/// Nothing is written unless the whole build succeeds.
#[derive(clap::Args)]
pub struct Args {
    /// Folder holding the trust's YAML.
    #[arg(long, value_name = "DIR", default_value = "procedures")]
    procedures: PathBuf,
    /// Folder the packs are written to.
    #[arg(long, value_name = "DIR", default_value = "output")]
    out: PathBuf,
    /// Folder of Tera templates overriding the built-in ones by file name (ward.md, site.md,
    /// index.md, macros.md).
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
    /// Build only this ward's pack (repeatable).
    #[arg(long = "ward", value_name = "ID")]
    wards: Vec<String>,
    /// Build only this hospital's packs: its hospital pack and all its ward packs (repeatable).
    #[arg(long = "site", value_name = "ID")]
    sites: Vec<String>,
    /// Formats to write, comma-separated: md, pdf.
    #[arg(long, value_delimiter = ',', default_value = "md,pdf")]
    format: Vec<Format>,
    /// Print nothing but errors.
    #[arg(long, short)]
    quiet: bool,
}

/// An output format of `build`.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Markdown packs, for review in git.
    Md,
    /// Printable A4 PDF packs.
    Pdf,
}

pub fn run(args: Args) -> Result<ExitCode, Error> {
    let options = BuildOptions {
        procedures: args.procedures,
        out: args.out,
        templates: args.templates,
        selection: Selection {
            sites: args.sites,
            wards: args.wards,
        },
        formats: Formats {
            markdown: args.format.contains(&Format::Md),
            pdf: args.format.contains(&Format::Pdf),
        },
    };
    let (project, summary) = build::build(&options)?;
    if !args.quiet {
        super::print_diagnostics(&project.warnings);
        for warning in &summary.warnings {
            eprintln!("warning: {warning}");
        }
        eprintln!(
            "built {} packs: {} files ({} PDF pages) written to {}",
            summary.packs,
            summary.files,
            summary.pages,
            options.out.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
