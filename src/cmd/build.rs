//! `downtime build`: write every pack, or with `--check` prove the output folder is current.

use downtime::build::{self, BuildOptions, Formats};
use downtime::error::Error;
use downtime::pack::Selection;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Build the downtime packs: one per ward, one per hospital, scenario packs, and an index.
///
/// Reads the procedures folder, validates it, and writes `<out>/README.md`,
/// `<out>/<site>/_hospital.md` (hospital pack), `<out>/<site>/<ward>.md` (ward packs) and
/// `<out>/<site>/_scenarios/<scenario>/...` (scenario packs), each with a PDF beside it.
/// Nothing is written unless the whole build succeeds, and a failed or killed build leaves the
/// previous packs exactly as they were. Packs whose inputs have not changed, and whose files
/// are still byte for byte what was written, are left as they are.
///
/// The output folder must be new, empty, or made by downtime (it holds `.downtime-manifest`,
/// or a `README.md` starting with the generated-file marker), and must not overlap the
/// procedures or templates folder. A file is replaced or removed only if downtime made it.
#[derive(clap::Args)]
pub struct Args {
    /// Folder holding the trust's YAML.
    #[arg(long, value_name = "DIR", default_value = "procedures")]
    procedures: PathBuf,
    /// Folder the packs are written to.
    #[arg(long, value_name = "DIR", default_value = "output")]
    out: PathBuf,
    /// Folder of Tera templates overriding the built-in ones by file name (ward.md, site.md,
    /// index.md, macros.md, scenario-ward.md, scenario-site.md).
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
    /// Build only this ward's packs (repeatable).
    #[arg(long = "ward", value_name = "ID")]
    wards: Vec<String>,
    /// Build only this hospital's packs: its hospital pack and all its ward packs (repeatable).
    #[arg(long = "site", value_name = "ID")]
    sites: Vec<String>,
    /// Formats to write, comma-separated: md, pdf, html (the offline viewer in `<out>/_viewer/`).
    /// Default: all three; with `--check`, md (what a repository commits).
    #[arg(long, value_delimiter = ',', value_name = "FORMATS")]
    format: Option<Vec<Format>>,
    /// Build in memory and compare with the output folder instead of writing: exit 1 listing
    /// every file that is missing, different or no longer produced. For CI. By default it judges
    /// the Markdown, which is what the repository commits (PDFs and the viewer are build
    /// products, not committed); `--format md,pdf` judges PDFs too, against a build on disk.
    #[arg(long)]
    check: bool,
    /// Rebuild every pack, even those whose inputs have not changed.
    #[arg(long)]
    force: bool,
    /// Number of threads (default: one per core). At most four per core are used: more only
    /// cost memory, so a larger number is lowered with a warning.
    #[arg(long, short, value_name = "N", default_value_t = 0)]
    jobs: usize,
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
    /// Offline HTML viewer with search, for the standalone downtime PC.
    Html,
}

pub fn run(args: Args) -> Result<ExitCode, Error> {
    let started = Instant::now();
    let format = args.format.unwrap_or_else(|| match args.check {
        true => vec![Format::Md],
        false => vec![Format::Md, Format::Pdf, Format::Html],
    });
    let options = BuildOptions {
        procedures: args.procedures,
        out: args.out,
        templates: args.templates,
        selection: Selection {
            sites: args.sites,
            wards: args.wards,
        },
        formats: Formats {
            markdown: format.contains(&Format::Md),
            pdf: format.contains(&Format::Pdf),
            html: format.contains(&Format::Html),
        },
        jobs: capped_jobs(args.jobs, args.quiet),
        force: args.force,
    };
    if args.check {
        let (project, problems) = build::check_output(&options)?;
        if !args.quiet {
            super::print_diagnostics(&project.warnings);
        }
        if !problems.is_empty() {
            return Err(Error::Stale(problems));
        }
        if !args.quiet {
            eprintln!(
                "ok: {} is up to date with {}",
                options.out.display(),
                options.procedures.display()
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    let bar = BuildProgress::new(!args.quiet && std::io::stderr().is_terminal());
    let built = build::build(&options, &bar);
    bar.finish();
    let (project, summary) = built?;
    if !args.quiet {
        super::print_diagnostics(&project.warnings);
        super::print_diagnostics(&summary.warnings);
        eprintln!(
            "built {} packs ({} unchanged since the last build, reused): {} files, {} PDF pages, written to {} in {:.2} s",
            summary.packs,
            summary.reused,
            summary.files,
            summary.pages,
            options.out.display(),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Threads per core at most: packs are CPU-bound, so beyond this extra threads only hold
/// more packs in memory at once (`--jobs 100000` once ran 150 s and 1.5 GB without a result).
const MAX_JOBS_PER_CORE: usize = 4;

/// `--jobs`, lowered to [`MAX_JOBS_PER_CORE`] per core with a warning.
fn capped_jobs(jobs: usize, quiet: bool) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let max = cores * MAX_JOBS_PER_CORE;
    if jobs > max {
        if !quiet {
            eprintln!(
                "warning: --jobs {jobs} is more than {MAX_JOBS_PER_CORE} per core; using {max}"
            );
        }
        return max;
    }
    jobs
}

/// A progress bar on stderr that shows itself only once a build has run for a second: quick
/// builds stay one line, and pipes and `--quiet` get nothing.
struct BuildProgress {
    bar: indicatif::ProgressBar,
    wanted: bool,
    started: Instant,
    /// Builds shorter than this finish before a bar would be worth drawing: one second.
    /// (Tests set `DOWNTIME_PROGRESS_AFTER_MS` to see the bar without a slow build.)
    show_after: Duration,
}

impl BuildProgress {
    fn new(wanted: bool) -> Self {
        let bar = indicatif::ProgressBar::hidden();
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} building packs [{bar:40}] {pos}/{len} ({eta} left)",
            )
            .expect("the progress template is valid")
            .progress_chars("=> "),
        );
        let show_after = std::env::var("DOWNTIME_PROGRESS_AFTER_MS")
            .ok()
            .and_then(|ms| ms.parse().ok())
            .map_or(Duration::from_secs(1), Duration::from_millis);
        BuildProgress {
            bar,
            wanted,
            started: Instant::now(),
            show_after,
        }
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl build::Progress for BuildProgress {
    fn start(&self, packs: usize) {
        self.bar.set_length(packs as u64);
    }

    fn pack_done(&self) {
        self.bar.inc(1);
        if self.wanted && self.bar.is_hidden() && self.started.elapsed() >= self.show_after {
            self.bar
                .set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
    }
}
