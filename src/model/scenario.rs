//! Outage scenarios, from `scenarios/`: what fails, for how long, and everything that takes
//! down with it (the blast radius through `depends_on`).

use super::component::{self, Component};
use super::ids::Namespaces;
use super::{duration, graph, ComponentIx};
use crate::diagnostic::Diagnostic;
use crate::load::{raw, Sourced};
use chrono::NaiveDateTime;
use std::path::PathBuf;

/// An outage and everything it takes down.
#[derive(Debug)]
pub struct Scenario {
    pub id: String,
    pub name: String,
    pub kind: raw::ScenarioKind,
    pub duration_text: String,
    pub fails: Vec<ComponentIx>,
    pub description: String,
    pub instructions: Vec<String>,
    /// A planned downtime's start: its countdown is printed with clock times.
    pub starts: Option<NaiveDateTime>,
    /// A short label printed on its packs, e.g. "Level 2".
    pub level: Option<String>,
    pub radius: graph::BlastRadius,
    pub file: PathBuf,
}

/// Pass 2 for scenarios: what fails, the expected duration, and the blast radius over the
/// resolved components.
pub(super) fn resolve(
    scenarios: &[Sourced<raw::Scenario>],
    components: &[Component],
    ids: &Namespaces,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Scenario> {
    let graph = component::dependency_graph(components);
    scenarios
        .iter()
        .map(|sc| {
            let v = &sc.value;
            let fails = ids.components.find_all(&v.fails, &sc.file, "fails", diags);
            let duration = duration::parse_minutes(&v.expected_duration);
            if duration.is_none() {
                diags.push(
                    Diagnostic::error(
                        "bad-duration",
                        &sc.file,
                        format!("`{}` is not a duration", v.expected_duration),
                    )
                    .at_path("expected_duration")
                    .with_hint("write e.g. `30m`, `8h` or `2d`"),
                );
            }
            Scenario {
                id: v.id.clone(),
                name: v.name.to_string(),
                kind: v.kind,
                duration_text: duration.map(duration::describe).unwrap_or_default(),
                radius: graph::blast_radius(&graph, &fails),
                fails,
                description: v.description.to_string(),
                instructions: v.instructions.iter().map(ToString::to_string).collect(),
                starts: starts(sc, diags),
                level: v.level.as_ref().map(ToString::to_string),
                file: sc.file.clone(),
            }
        })
        .collect()
}

/// A planned scenario's start: `2026-12-06T22:00` (or with a space, or seconds). Only a
/// planned downtime has a start known in advance.
fn starts(sc: &Sourced<raw::Scenario>, diags: &mut Vec<Diagnostic>) -> Option<NaiveDateTime> {
    let text = sc.value.starts.as_deref()?.trim();
    let parsed = [
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
    ]
    .iter()
    .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok());
    let problem = match (parsed, sc.value.kind) {
        (None, _) => (
            format!("`{text}` is not a date and time"),
            "write the local start as `2026-12-06T22:00`",
        ),
        (Some(_), raw::ScenarioKind::Unplanned) => (
            "an unplanned scenario has no start time".to_string(),
            "remove `starts`, or make the scenario `kind: planned`",
        ),
        (Some(start), raw::ScenarioKind::Planned) => return Some(start),
    };
    diags.push(
        Diagnostic::error("bad-start", &sc.file, problem.0)
            .at_path("starts")
            .with_hint(problem.1),
    );
    None
}
