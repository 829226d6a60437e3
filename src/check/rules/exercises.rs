//! Exercises as evidence: plans that are tested, and actions from the tests that are done.

use super::super::{Context, Rule};
use crate::diagnostic::Diagnostic;
use crate::load::raw::LintLevel;
use crate::model::ActionStatus;
use chrono::Months;

pub const OVERDUE_ACTION: Rule = Rule {
    code: "overdue-action",
    default: LintLevel::Warning,
    summary: "an exercise action still `open` after its `due` date",
    check: overdue_action,
};

pub const SCENARIO_NOT_EXERCISED: Rule = Rule {
    code: "scenario-not-exercised",
    default: LintLevel::Warning,
    summary: "a scenario that takes down a tier 1-2 system with an approved fallback, not exercised within the trust's `exercise_interval_months` (default 12)",
    check: scenario_not_exercised,
};

fn overdue_action(cx: &Context) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for e in &cx.model.exercises {
        for (i, a) in e.actions.iter().enumerate() {
            if a.status == ActionStatus::Open && a.due < cx.today {
                out.push(
                    cx.finding(
                        &e.file,
                        format!("actions[{i}].due"),
                        format!(
                            "action from exercise `{}` was due on {} and is still open: {} (owner: {})",
                            e.id, a.due, a.action, a.owner
                        ),
                    )
                    .with_hint("do it and set `status: done`, or agree a new `due` date with its owner"),
                );
            }
        }
    }
    out
}

fn scenario_not_exercised(cx: &Context) -> Vec<Diagnostic> {
    let months = cx.model.trust.exercise_interval_months;
    let model = cx.model;
    // Only a scenario with an approved plan to exercise: while every fallback for what it takes
    // down is a draft, `draft-in-pack` and `no-fallback` already say what is missing.
    let has_plan = |sc: &crate::model::Scenario| {
        sc.radius.lost().any(|c| {
            (model.components[c].fallbacks.iter())
                .any(|&p| model.procedures[p].control.status == crate::load::raw::Status::Approved)
        })
    };
    (model.scenarios.iter().enumerate())
        .filter(|(_, sc)| model.worst_tier(sc).is_some_and(|t| t <= 2) && has_plan(sc))
        .filter_map(|(i, sc)| {
            let last = model.last_exercise_of(i);
            let current = last.is_some_and(|e| {
                e.date
                    .checked_add_months(Months::new(months))
                    .is_some_and(|until| until >= cx.today)
            });
            if current {
                return None;
            }
            let when = match last {
                None => "has never been exercised".to_string(),
                Some(e) => format!("was last exercised on {} (`{}`)", e.date, e.id),
            };
            Some(
                cx.finding(&sc.file, "id", format!("scenario `{}` {when}; the trust exercises each within {months} months", sc.id))
                    .with_hint("run a tabletop or walk-through of it and record it in exercises/ with `scenario:` set"),
            )
        })
        .collect()
}
