//! `downtime issue`: record in the register that a printed copy was placed in its box.

use downtime::diagnostic::{did_you_mean, Diagnostic};
use downtime::error::Error;
use downtime::pack::PackKind;
use downtime::register::copies::Copy;
use downtime::register::{self, status, walk_round};
use std::path::PathBuf;
use std::process::ExitCode;

/// Record that the current copy of a pack was printed and placed in its downtime box.
///
/// Adds one line to the register (`issued.yaml` in the procedures folder): the pack, the
/// content code printed at the foot of its pages, the date and who placed it. Commit the line
/// with the change that made the reprint. `downtime reprint` then lists every box whose copy is
/// no longer what the YAML builds.
#[derive(clap::Args)]
pub struct Args {
    /// Packs issued: a ward id (its ward pack), a site id (its hospital pack), or a pack's path
    /// in the output folder without extension (`riverside/ward-7/card-nurse-in-charge`).
    #[arg(value_name = "PACK", required_unless_present = "site")]
    packs: Vec<String>,
    /// Every box of a site at once: its hospital pack and every ward pack.
    #[arg(long, value_name = "SITE")]
    site: Vec<String>,
    /// Who placed the copies in their boxes (or took them out).
    #[arg(long, value_name = "NAME")]
    by: String,
    /// Record that the copies were taken out of their boxes (a closed ward, a pack no longer
    /// produced): `reprint` then stops asking for them.
    #[arg(long, conflicts_with = "site")]
    withdrawn: bool,
    /// When (YYYY-MM-DD). Default: SOURCE_DATE_EPOCH if set, else today.
    #[arg(long, value_name = "DATE")]
    date: Option<chrono::NaiveDate>,
    #[arg(long, value_name = "DIR", default_value = "procedures")]
    procedures: PathBuf,
    /// The register. Default: issued.yaml in the procedures folder.
    #[arg(long, value_name = "FILE")]
    register: Option<PathBuf>,
    /// The output folder the copies were printed from: a copy printed from packs older than
    /// the YAML is warned about.
    #[arg(long, value_name = "DIR", default_value = "output")]
    out: PathBuf,
}

pub fn run(args: Args) -> Result<ExitCode, Error> {
    if args.by.trim().is_empty() {
        return Err(usage(
            "`--by` is empty",
            "say who placed the copies: --by \"Sam Patel\"",
        ));
    }
    let state = super::copies::State::load(&args.procedures, args.register.as_deref())?;
    if args.withdrawn {
        return withdraw(&state, &args);
    }
    let mut chosen: Vec<&Copy> = Vec::new();
    for name in &args.packs {
        chosen.push(find(&state.copies, &state.project.model, name)?);
    }
    for site in &args.site {
        let s = state.site(&args.procedures, site)?;
        chosen.extend(walk_round::boxes(&state.project.model, s, &state.copies));
    }
    let date = args.date.unwrap_or_else(super::today);
    let entries: Vec<_> = (chosen.iter())
        .map(|copy| status::entry(copy, date, args.by.trim()))
        .collect();
    refuse_if_printed_from_old_packs(&args.out, &chosen)?;
    state.register.append(&entries)?;
    for entry in &entries {
        eprintln!(
            "recorded {} (code {}) issued {date} by {} in {}",
            entry.pack,
            entry.code,
            entry.by,
            state.register.file.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Record that the copies of `args.packs` left their boxes: a line each, with the code of the
/// copy taken out.
fn withdraw(state: &super::copies::State, args: &Args) -> Result<ExitCode, Error> {
    let newest = state.register.newest();
    let date = args.date.unwrap_or_else(super::today);
    let mut entries = Vec::new();
    for name in &args.packs {
        let name = name.trim_end_matches(".md").trim_end_matches(".pdf");
        let pack = match find(&state.copies, &state.project.model, name) {
            Ok(copy) => copy.pack.as_str(),
            Err(_) => name,
        };
        let Some((_, last)) = newest.get(pack).filter(|(_, e)| !e.withdrawn) else {
            return Err(usage(
                &format!("no copy of `{name}` is recorded in a box"),
                "`--withdrawn` records that a copy the register lists was taken out; see `downtime reprint`",
            ));
        };
        entries.push(register::Entry {
            withdrawn: true,
            sections: Default::default(),
            date,
            by: args.by.trim().to_string(),
            ..(*last).clone()
        });
    }
    state.register.append(&entries)?;
    for entry in &entries {
        eprintln!(
            "recorded {} (code {}) taken out of its box {date} by {} in {}",
            entry.pack,
            entry.code,
            entry.by,
            state.register.file.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The register records what the YAML builds now; a copy printed from an older build carries
/// another code, and recording it would make the register say the box is current when it is
/// not. The Markdown beside each PDF says which build it came from.
fn refuse_if_printed_from_old_packs(out: &std::path::Path, copies: &[&Copy]) -> Result<(), Error> {
    let old: Vec<String> = (copies.iter())
        .map(|copy| (out.join(format!("{}.md", copy.pack)), &copy.code))
        .filter(|(md, code)| std::fs::read_to_string(md).is_ok_and(|text| !text.contains(*code)))
        .map(|(md, _)| md.display().to_string())
        .collect();
    if old.is_empty() {
        return Ok(());
    }
    Err(usage(
        &format!(
            "{} was built from older YAML than the copy the register would record: the printed copy carries another code",
            old.join(", ")
        ),
        "run `downtime build`, print the new PDF, place it in the box, then run this again",
    ))
}

/// The copy `name` means: a pack path, a ward id or a site id.
fn find<'a>(
    copies: &'a [Copy],
    model: &downtime::model::Model,
    name: &str,
) -> Result<&'a Copy, Error> {
    let name = name.trim_end_matches(".md").trim_end_matches(".pdf");
    let by_id = |kind: PackKind| copies.iter().find(|c| c.kind == kind);
    let found = copies
        .iter()
        .find(|c| c.pack == name)
        .or_else(|| {
            let w = model.wards.iter().position(|w| w.id == name)?;
            by_id(PackKind::Ward(w))
        })
        .or_else(|| {
            let s = model.sites.iter().position(|s| s.id == name)?;
            by_id(PackKind::Site(s))
        });
    found.ok_or_else(|| {
        let candidates = (copies.iter().map(|c| c.pack.as_str()))
            .chain(model.wards.iter().map(|w| w.id.as_str()))
            .chain(model.sites.iter().map(|s| s.id.as_str()));
        let hint = match did_you_mean(name, candidates) {
            Some(near) => format!("did you mean `{near}`? A pack is a ward id, a site id, or its path in the output folder without extension"),
            None => "a pack is a ward id, a site id, or its path in the output folder without extension (see output/README.md)".to_string(),
        };
        usage(&format!("no printed pack is called `{name}`"), &hint)
    })
}

fn usage(message: &str, hint: &str) -> Error {
    Error::Invalid(vec![Diagnostic::error(
        "usage",
        std::path::Path::new(register::FILE),
        message.to_string(),
    )
    .with_hint(hint.to_string())])
}
