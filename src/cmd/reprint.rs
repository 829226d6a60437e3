//! `downtime reprint`: every box whose printed copy is no longer what the YAML builds.

use downtime::error::Error;
use downtime::register::status;
use std::path::PathBuf;
use std::process::ExitCode;

/// List every downtime box whose issued copy is not what the YAML builds now, and what changed.
///
/// Compares the newest line of each pack in the register (`issued.yaml`, written by `downtime
/// issue`) with the pack's content code today. Exit status: 0 every recorded copy is current,
/// 1 at least one box needs a reprint (a CI gate a trust can turn on), 2 usage error.
#[derive(clap::Args)]
pub struct Args {
    #[arg(long, value_name = "DIR", default_value = "procedures")]
    procedures: PathBuf,
    /// The register. Default: issued.yaml in the procedures folder.
    #[arg(long, value_name = "FILE")]
    register: Option<PathBuf>,
    /// human (default) or json (one object per box, for scripts).
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Human,
    Json,
}

pub fn run(args: Args) -> Result<ExitCode, Error> {
    let state = super::copies::State::load(&args.procedures, args.register.as_deref())?;
    let reprints = status::reprints(&state.register, &state.copies);
    let recorded = state.register.latest().len();
    match args.format {
        Format::Json => {
            for r in &reprints {
                let line = serde_json::to_string(r).expect("reprints serialize");
                super::print_stdout(&format!("{line}\n"));
            }
        }
        Format::Human => super::print_stdout(&human(&reprints, recorded)),
    }
    Ok(if reprints.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn human(reprints: &[status::Reprint], recorded: usize) -> String {
    let mut out = String::new();
    for r in reprints {
        out.push_str(&r.pack);
        if !r.title.is_empty() {
            out.push_str(&format!("  ({})", r.title));
        }
        out.push('\n');
        out.push_str(&format!(
            "  box holds {}, issued {} by {}",
            r.issued_code, r.issued_on, r.issued_by
        ));
        if !r.current_code.is_empty() {
            out.push_str(&format!("; a reprint carries {}", r.current_code));
        }
        out.push_str(&format!("\n  {}\n", r.summary()));
    }
    match reprints.len() {
        0 if recorded == 0 => out.push_str("no copies recorded yet: record one with `downtime issue PACK --by NAME`\n"),
        0 => out.push_str(&format!("every recorded copy is current ({recorded} packs)\n")),
        n => out.push_str(&format!(
            "{n} of {recorded} recorded copies need a reprint: run `downtime build`, print them, place them, then `downtime issue PACK --by NAME`\n"
        )),
    }
    out
}
