//! Outage scenarios, from `scenarios/`: what fails, for how long, and everything that takes
//! down with it (the blast radius through `depends_on`).

use super::component::{self, Component};
use super::ids::Namespaces;
use super::{duration, graph, ComponentIx};
use crate::diagnostic::Diagnostic;
use crate::load::{raw, Sourced};
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
                file: sc.file.clone(),
            }
        })
        .collect()
}
