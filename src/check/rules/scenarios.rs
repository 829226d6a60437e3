//! Outage scenarios: a planned downtime staff can prepare for must say how.

use super::super::{Context, Rule};
use crate::diagnostic::Diagnostic;
use crate::load::raw::{ScenarioKind, Status};
use crate::model::Phase;

pub const PLANNED_WITHOUT_COUNTDOWN: Rule = Rule {
    code: "planned-without-countdown",
    default: crate::load::raw::LintLevel::Warning,
    summary: "a planned scenario for which no procedure in play has a `before` step (nothing to print on its countdown)",
    check: planned_without_countdown,
};

fn planned_without_countdown(cx: &Context) -> Vec<Diagnostic> {
    let model = cx.model;
    model
        .scenarios
        .iter()
        .filter(|sc| sc.kind == ScenarioKind::Planned)
        .filter(|sc| {
            !model.procedures.iter().any(|p| {
                let in_play = p.replaces.is_empty() || p.replaces.iter().any(|&c| sc.radius.is_lost(c));
                p.control.status != Status::Retired && in_play && !p.steps(Phase::Before).is_empty()
            })
        })
        .map(|sc| {
            cx.finding(
                &sc.file,
                "kind",
                format!("planned scenario `{}` has no countdown: no procedure in play has a `before` step", sc.id),
            )
            .with_hint("add `before:` steps with `at: -2h` (say) to the fallbacks of what it takes down: what to print and who to tell before the start")
        })
        .collect()
}
