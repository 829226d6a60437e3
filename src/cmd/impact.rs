//! `downtime impact`: the blast radius of failed components or a scenario.

use downtime::diagnostic::did_you_mean;
use downtime::error::Error;
use downtime::impact::impact;
use downtime::model::duration::describe;
use downtime::model::graph::blast_radius;
use downtime::project::Project;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

/// Show what fails when the given components fail: every system lost (with the chain of
/// dependencies that takes it down) and the affected wards by site, most critical first.
///
/// Each ID is a system, an infrastructure component or a scenario (whose failures are used).
#[derive(clap::Args)]
pub struct Args {
    /// Failed components or scenarios.
    #[arg(required = true, value_name = "ID")]
    ids: Vec<String>,
    /// Folder holding the trust's YAML.
    #[arg(long, value_name = "DIR", default_value = "procedures")]
    procedures: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

pub fn run(args: Args) -> Result<ExitCode, Error> {
    let project = Project::load(&args.procedures)?;
    let model = &project.model;
    let mut failed = failed_components(model, &args.ids, &args.procedures)?;
    failed.sort_unstable();
    failed.dedup();
    let radius = blast_radius(&model.dependency_graph(), &failed);
    let mut report = impact(model, &failed, &radius);
    report.scenarios = (model.scenarios.iter())
        .filter(|sc| args.ids.contains(&sc.id))
        .map(downtime::impact::ScenarioFacts::new)
        .collect();
    let out = match args.format {
        Format::Json => format!(
            "{}\n",
            serde_json::to_string_pretty(&report).expect("impact serializes")
        ),
        Format::Text => text_report(&report),
    };
    super::print_stdout(&out);
    Ok(ExitCode::SUCCESS)
}

/// The components the command line names: each id is a system, an infrastructure component,
/// or a scenario (standing for everything it fails).
fn failed_components(
    model: &downtime::model::Model,
    ids: &[String],
    procedures: &std::path::Path,
) -> Result<Vec<usize>, Error> {
    let mut failed = Vec::new();
    for id in ids {
        if let Some(c) = model.components.iter().position(|c| &c.id == id) {
            failed.push(c);
        } else if let Some(s) = model.scenarios.iter().find(|s| &s.id == id) {
            failed.extend(s.fails.iter().copied());
        } else {
            let known = model
                .components
                .iter()
                .map(|c| c.id.as_str())
                .chain(model.scenarios.iter().map(|s| s.id.as_str()));
            let hint = match did_you_mean(id, known) {
                Some(near) => format!("; did you mean `{near}`?"),
                None => "; `downtime graph` lists every component".to_string(),
            };
            return Err(Error::Usage(format!(
                "`{id}` is not a system, infrastructure component or scenario in {}{hint}",
                procedures.display()
            )));
        }
    }
    Ok(failed)
}

/// The report as text for a person: what failed, the systems lost most critical first, the
/// infrastructure lost, and the wards affected by site.
fn text_report(report: &downtime::impact::Impact) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Failed: {}", report.failed.join(", "));
    let _ = writeln!(out);
    let systems: Vec<_> = report.lost.iter().filter(|l| l.kind == "system").collect();
    let _ = writeln!(
        out,
        "Systems lost ({}), most critical first:",
        systems.len()
    );
    for l in &systems {
        let _ = writeln!(
            out,
            "  tier {}  {:<11} {:<16} {}",
            l.tier.unwrap_or(0),
            l.max_tolerable_downtime_minutes
                .map(describe)
                .unwrap_or_default(),
            l.id,
            l.path.join(" -> ")
        );
    }
    let infra: Vec<_> = report
        .lost
        .iter()
        .filter(|l| l.kind == "infrastructure")
        .collect();
    if !infra.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "Infrastructure lost ({}):", infra.len());
        for l in infra {
            let _ = writeln!(out, "  {:<28} {}", l.id, l.path.join(" -> "));
        }
    }
    let wards: usize = report.sites.iter().map(|s| s.wards.len()).sum();
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "Wards affected ({wards}), by site, most critical first:"
    );
    for site in &report.sites {
        let _ = writeln!(out, "  {} ({} wards)", site.name, site.wards.len());
        for w in &site.wards {
            let _ = writeln!(
                out,
                "    {:<42} tier {}, {:<11} loses {}",
                w.name,
                w.worst_tier,
                describe(w.shortest_tolerable_minutes),
                w.lost_systems.join(", ")
            );
        }
    }
    if !report.flows.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "Data flows stopped ({}):", report.flows.len());
        for f in &report.flows {
            let _ = writeln!(
                out,
                "  {:<28} {} -> {}, {}",
                f.id, f.from, f.to, f.when_down
            );
        }
    }
    step_changes(&mut out, report);
    out
}

/// The steps the outage changes: done by their alternative, or not done at all.
fn step_changes(out: &mut String, report: &downtime::impact::Impact) {
    for (title, changes) in [
        (
            "Steps done differently (their `otherwise`)",
            &report.alternatives,
        ),
        (
            "Steps that do not apply (their `when`)",
            &report.not_applicable,
        ),
    ] {
        if changes.is_empty() {
            continue;
        }
        let _ = writeln!(out);
        let _ = writeln!(out, "{title} ({}):", changes.len());
        for c in changes {
            let _ = writeln!(out, "  {} {}: {}", c.procedure, c.step, c.action);
            if let Some(instead) = &c.instead {
                let _ = writeln!(out, "    instead: {instead}");
            }
        }
    }
}
