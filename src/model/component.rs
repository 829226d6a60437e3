//! Components: anything that can fail. Systems (from `systems/`) are what staff log in to;
//! infrastructure (from `infrastructure/`) is what systems run on. Both share one id
//! namespace and one `depends_on` graph, which must have no cycles.

use super::ids::Namespaces;
use super::procedure::Procedure;
use super::{duration, graph, ComponentIx, ProcedureIx};
use crate::diagnostic::Diagnostic;
use crate::load::{raw, Loaded, Sourced};
use std::path::PathBuf;

/// A system or an infrastructure component: anything that can fail.
#[derive(Debug)]
pub struct Component {
    pub id: String,
    pub name: String,
    pub kind: ComponentKind,
    pub depends_on: Vec<ComponentIx>,
    /// Procedures (not retired) that replace this component when it is down.
    pub fallbacks: Vec<ProcedureIx>,
    pub file: PathBuf,
}

#[derive(Debug)]
pub enum ComponentKind {
    System(SystemInfo),
    Infrastructure {
        kind: raw::InfraKind,
        description: String,
    },
}

#[derive(Debug)]
pub struct SystemInfo {
    pub short_name: String,
    pub category: String,
    pub supplier: Option<String>,
    pub tier: u8,
    /// Maximum tolerable downtime in minutes.
    pub mtd_minutes: u32,
    pub mtd_text: String,
    pub signs_of_failure: Vec<String>,
    pub impact: String,
}

impl Component {
    pub fn system(&self) -> Option<&SystemInfo> {
        match &self.kind {
            ComponentKind::System(info) => Some(info),
            ComponentKind::Infrastructure { .. } => None,
        }
    }
}

/// Pass 2 for components: systems first, then infrastructure (the order of their ids), then
/// a check that `depends_on` has no cycle. Fallbacks are added by [`link_fallbacks`].
pub(super) fn resolve(
    loaded: &Loaded,
    ids: &Namespaces,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Component> {
    let mut out: Vec<Component> = loaded
        .systems
        .iter()
        .map(|system| resolve_system(system, ids, diags))
        .collect();
    out.extend(
        loaded
            .infrastructure
            .iter()
            .map(|infra| resolve_infrastructure(infra, ids, diags)),
    );
    check_cycles(&out, diags);
    out
}

fn resolve_system(
    system: &Sourced<raw::System>,
    ids: &Namespaces,
    diags: &mut Vec<Diagnostic>,
) -> Component {
    let v = &system.value;
    let mtd = duration::parse_minutes(&v.max_tolerable_downtime);
    if mtd.is_none() {
        diags.push(
            Diagnostic::error(
                "bad-duration",
                &system.file,
                format!("`{}` is not a duration", v.max_tolerable_downtime),
            )
            .at_path("max_tolerable_downtime")
            .with_hint("write minutes, hours or days with a unit, e.g. `30m`, `4h`, `1h30m`, `2d`"),
        );
    }
    if !(1..=4).contains(&v.tier.0) {
        diags.push(
            Diagnostic::error(
                "bad-tier",
                &system.file,
                format!("tier {} is out of range", v.tier.0),
            )
            .at_path("tier")
            .with_hint("use 1 (life-critical) to 4 (can wait days)"),
        );
    }
    Component {
        id: v.id.clone(),
        name: v.name.to_string(),
        kind: ComponentKind::System(SystemInfo {
            short_name: v.short_name.to_string(),
            category: v.category.to_string(),
            supplier: v.supplier.as_ref().map(|s| s.to_string()),
            tier: v.tier.0,
            mtd_minutes: mtd.unwrap_or(0),
            mtd_text: mtd.map(duration::describe).unwrap_or_default(),
            signs_of_failure: v.signs_of_failure.iter().map(ToString::to_string).collect(),
            impact: v.impact.to_string(),
        }),
        depends_on: ids
            .components
            .find_all(&v.depends_on, &system.file, "depends_on", diags),
        fallbacks: Vec::new(),
        file: system.file.clone(),
    }
}

fn resolve_infrastructure(
    infra: &Sourced<raw::Infrastructure>,
    ids: &Namespaces,
    diags: &mut Vec<Diagnostic>,
) -> Component {
    let v = &infra.value;
    Component {
        id: v.id.clone(),
        name: v.name.to_string(),
        kind: ComponentKind::Infrastructure {
            kind: v.kind,
            description: v.description.to_string(),
        },
        depends_on: ids
            .components
            .find_all(&v.depends_on, &infra.file, "depends_on", diags),
        fallbacks: Vec::new(),
        file: infra.file.clone(),
    }
}

/// A component cannot depend on itself, even through others: its blast radius would never end.
fn check_cycles(components: &[Component], diags: &mut Vec<Diagnostic>) {
    for cycle in graph::cycles(&dependency_graph(components)) {
        let names: Vec<&str> = cycle.iter().map(|&c| components[c].id.as_str()).collect();
        diags.push(
            Diagnostic::error(
                "dependency-cycle",
                &components[cycle[0]].file,
                format!("depends_on forms a cycle: {}", names.join(" -> ")),
            )
            .at_path("depends_on")
            .with_hint("a component cannot depend on itself, even through others; remove one link"),
        );
    }
}

/// The `depends_on` graph as adjacency lists, for [`graph`] functions.
pub(super) fn dependency_graph(components: &[Component]) -> Vec<Vec<ComponentIx>> {
    components.iter().map(|c| c.depends_on.clone()).collect()
}

/// Record on each component the live procedures that replace it.
pub(super) fn link_fallbacks(components: &mut [Component], procedures: &[Procedure]) {
    for (p, procedure) in procedures.iter().enumerate() {
        if procedure.control.status == raw::Status::Retired {
            continue;
        }
        for &c in &procedure.replaces {
            components[c].fallbacks.push(p);
        }
    }
}
