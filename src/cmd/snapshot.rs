//! `downtime snapshot`: patient lists for the downtime box from a FHIR R4 Bulk Data export.

use chrono::{DateTime, FixedOffset};
use downtime::error::Error;
use downtime::model::duration::parse_minutes;
use downtime::project::Project;
use downtime::snapshot::{self, store};
use std::path::PathBuf;
use std::process::ExitCode;

/// Problems printed on the terminal; all of them are listed on unplaced.pdf.
const MAX_PROBLEMS_SHOWN: usize = 40;

/// Print patient lists for the downtime box from a FHIR R4 Bulk Data export: each ward's
/// tracking list filled with its patients, each clinic's appointments with phone numbers,
/// a trust-wide ring-round list and a list of patients no ward or clinic shows.
///
/// Unlike the packs, this is about real time: every page says when the data was true, and
/// the lists are judged against now (the clock, unless --now or SOURCE_DATE_EPOCH is set).
/// Run it on the downtime PC, or the server feeding it, every 2-4 hours. The lists are
/// patient data: written readable by their owner only, never into a git working tree.
#[derive(clap::Args)]
pub struct Args {
    /// Folder of the export: manifest.json (the $export status response, for its
    /// transactionTime) and the *.ndjson files.
    #[arg(long, value_name = "DIR")]
    fhir: PathBuf,
    /// Folder to keep snapshots in; each snapshot is a folder in it named by the data's time.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Days of appointments to list, from now.
    #[arg(long, value_name = "N", default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..=31))]
    days: u32,
    /// Data older than this prints with a warning band on every page (e.g. 4h, 90m).
    #[arg(long, value_name = "DURATION", default_value = "4h", value_parser = max_age)]
    max_age: u32,
    /// The time to judge against, with its offset (2026-11-29T16:00:00+00:00, or ...Z for
    /// UTC). Default: SOURCE_DATE_EPOCH if set, else the clock: this command is about real time.
    #[arg(long, value_name = "TIME", value_parser = now)]
    now: Option<DateTime<FixedOffset>>,
    /// After writing, remove all but the newest N snapshots in --out (N at least 1; only
    /// folders this command made; the one just written is always kept).
    #[arg(long, value_name = "N", value_parser = keep)]
    keep: Option<usize>,
    /// Write even inside a git working tree (one that is never committed or shared).
    #[arg(long)]
    allow_git: bool,
    /// Folder of the trust's procedures (trust.yaml, wards/...): which wards and clinics get
    /// a list, through their fhir_location.
    #[arg(long, value_name = "DIR", default_value = "procedures")]
    procedures: PathBuf,
}

fn max_age(text: &str) -> Result<u32, String> {
    parse_minutes(text)
        .filter(|&m| m > 0)
        .ok_or_else(|| "a duration such as 4h, 90m or 1h30m".to_string())
}

/// `--now`: a date and time with its offset. Without one the time is ambiguous (local time or
/// UTC?) and the data's age would be a guess: one message with the accepted form, not
/// chrono's.
fn now(text: &str) -> Result<DateTime<FixedOffset>, String> {
    DateTime::parse_from_rfc3339(text.trim()).map_err(|_| {
        "a date and time with its offset is needed: 2026-11-29T16:00:00+00:00, or 2026-11-29T16:00:00Z for UTC".to_string()
    })
}

/// `--keep`: 0 would remove the snapshot just written, which is never done.
fn keep(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(0) => Err(
            "0 would remove the snapshot just written: give 1 or more (1 keeps only the newest)"
                .to_string(),
        ),
        Ok(n) => Ok(n),
        Err(_) => Err("a number of snapshots to keep, 1 or more".to_string()),
    }
}

pub fn run(args: Args) -> Result<ExitCode, Error> {
    store::refuse_unsafe(&args.out, &args.procedures, args.allow_git)?;
    let project = Project::load(&args.procedures)?;
    let options = snapshot::Options {
        now: args.now.unwrap_or_else(super::now),
        days: args.days,
        max_age_minutes: i64::from(args.max_age),
    };
    let made = snapshot::make(&project.model, &args.fhir, &options)?;
    report_problems(&made.problems);
    let folder = store::write(&args.out, &store::folder_name(&made.as_of), &made.printed)?;
    let s = &made.summary;
    let pages: usize = made.printed.iter().map(|p| p.pages).sum();
    eprintln!(
        "wrote {} ({} lists, {pages} pages): {} inpatients on ward lists, {} unplaced; {} appointments on clinic lists, {} unplaced; {} lines read, {} problem{}",
        folder.display(),
        made.printed.len(),
        s.inpatients,
        s.unplaced_inpatients,
        s.appointments,
        s.unplaced_appointments,
        s.lines,
        made.problems.len(),
        if made.problems.len() == 1 { "" } else { "s" }
    );
    if s.allergies_uncertain {
        eprintln!(
            "warning: allergy or alert records were unreadable or missing from the export: every ward list says its allergies may be incomplete"
        );
    }
    if s.stale {
        eprintln!(
            "warning: the export is {} old, more than --max-age: every page carries an out-of-date warning",
            s.age
        );
    }
    // An export from the future means a wrong clock or --now: the age printed cannot be trusted.
    if s.age_minutes < -snapshot::FUTURE_MINUTES {
        eprintln!(
            "warning: the export is dated {} after now: check the clock (or --now); every page says so",
            s.age
        );
    }
    if let Some(keep) = args.keep {
        let (removed, newer) = store::prune(&args.out, keep, &folder)?;
        for removed in removed {
            eprintln!("removed older snapshot {}", removed.display());
        }
        if let Some(newest) = newer.last() {
            eprintln!(
                "warning: {} holds newer data than this export; kept it: print that one",
                newest.display()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Problems name the export file and line only: they go to logs, which are not for patient
/// data.
fn report_problems(problems: &[downtime::diagnostic::Diagnostic]) {
    super::print_diagnostics(&problems[..problems.len().min(MAX_PROBLEMS_SHOWN)]);
    if problems.len() > MAX_PROBLEMS_SHOWN {
        eprintln!(
            "... and {} more problems: all are listed on unplaced.pdf",
            problems.len() - MAX_PROBLEMS_SHOWN
        );
    }
}
