//! The evidence report (`downtime report`): for the annual EPRR core standards
//! self-assessment and DSPT 7.2, each critical scenario and system with when it was last
//! exercised, how it went and the actions left open; coverage gaps first.

use super::view::{long_date, TrustView};
use super::Furniture;
use crate::load::raw::Outcome;
use crate::model::{ActionStatus, Model, Tested};
use crate::render::escape::markdown as md;
use chrono::{Months, NaiveDate};
use serde::Serialize;

#[derive(Serialize)]
pub struct EvidenceContext {
    trust: TrustView,
    judged: String,
    interval_months: u32,
    gaps: Vec<String>,
    scenarios: Vec<ScenarioRow>,
    systems: Vec<SystemRow>,
    exercises: Vec<ExerciseView>,
    furniture: Furniture,
}

#[derive(Serialize)]
struct ScenarioRow {
    name: String,
    tier: String,
    last: String,
    outcome: String,
    open_actions: usize,
}

#[derive(Serialize)]
struct SystemRow {
    name: String,
    tier: u8,
    last: String,
    outcome: String,
    by: String,
}

#[derive(Serialize)]
struct ExerciseView {
    title: String,
    id: String,
    date: String,
    kind: &'static str,
    scenario: String,
    places: String,
    tested: Vec<String>,
    outcome: String,
    findings: Vec<String>,
    actions: Vec<ActionRow>,
}

#[derive(Serialize)]
struct ActionRow {
    action: String,
    owner: String,
    due: String,
    status: String,
}

fn outcome(o: Outcome) -> String {
    match o {
        Outcome::Passed => "passed",
        Outcome::IssuesFound => "issues found",
        Outcome::Failed => "failed",
    }
    .to_string()
}

/// The report judged on `today`, with its furniture.
pub fn report(model: &Model, today: NaiveDate) -> EvidenceContext {
    let months = model.trust.exercise_interval_months;
    let in_date = |date: NaiveDate, months: u32| {
        date.checked_add_months(Months::new(months))
            .is_some_and(|until| until >= today)
    };
    let mut gaps = Vec::new();
    let mut scenarios = Vec::new();
    for (i, sc) in model.scenarios.iter().enumerate() {
        let Some(tier) = model.worst_tier(sc) else {
            continue;
        };
        let last = model.last_exercise_of(i);
        if tier <= 2 && !last.is_some_and(|e| in_date(e.date, months)) {
            gaps.push(match last {
                None => format!("Scenario **{}** (takes down tier {tier}) has never been exercised.", md(&sc.name)),
                Some(e) => format!("Scenario **{}** (takes down tier {tier}) was last exercised on {}, more than {months} months ago.", md(&sc.name), long_date(e.date)),
            });
        }
        scenarios.push(ScenarioRow {
            name: sc.name.clone(),
            tier: tier.to_string(),
            last: last.map_or("never".into(), |e| long_date(e.date)),
            outcome: last.map_or("-".into(), |e| outcome(e.outcome)),
            open_actions: (model.exercises.iter())
                .filter(|e| e.scenario == Some(i))
                .flat_map(|e| &e.actions)
                .filter(|a| a.status == ActionStatus::Open)
                .count(),
        });
    }
    let systems = critical_systems(model, today, &mut gaps);
    for e in &model.exercises {
        for a in e
            .actions
            .iter()
            .filter(|a| a.status == ActionStatus::Open && a.due < today)
        {
            gaps.push(format!(
                "Action from {} is overdue (due {}, {}): {}.",
                md(&e.title),
                long_date(a.due),
                md(&a.owner),
                md(&a.action)
            ));
        }
    }
    let mut exercises: Vec<&crate::model::Exercise> = model.exercises.iter().collect();
    exercises.sort_by_key(|e| std::cmp::Reverse(e.date));
    EvidenceContext {
        trust: TrustView::new(model),
        judged: long_date(today),
        interval_months: months,
        gaps,
        scenarios,
        systems,
        exercises: exercises
            .into_iter()
            .map(|e| exercise(model, e, today))
            .collect(),
        furniture: furniture(model, today),
    }
}

/// Tier 1-2 systems with the last test of any of their fallbacks; a gap for each never
/// tested, failed, or not tested within its review interval.
fn critical_systems(model: &Model, today: NaiveDate, gaps: &mut Vec<String>) -> Vec<SystemRow> {
    let mut rows = Vec::new();
    for c in &model.components {
        let Some(info) = c.system().filter(|i| i.tier <= 2) else {
            continue;
        };
        let last: Option<(Tested, usize)> = (c.fallbacks.iter())
            .filter_map(|&p| Some((model.last_tested(p)?, p)))
            .max_by_key(|(t, _)| t.date);
        let months = |p: usize| {
            (model.procedures[p].control.review_interval_months)
                .unwrap_or(model.trust.review_interval_months)
        };
        let approved = (c.fallbacks.iter())
            .any(|&p| model.procedures[p].control.status == crate::load::raw::Status::Approved);
        match &last {
            // One gap per system: without an approved plan, its tests are not the question.
            _ if !approved => gaps.push(format!(
                "System **{}** (tier {}): no approved fallback to exercise; only a draft, or nothing.",
                md(&c.name),
                info.tier
            )),
            None => gaps.push(format!(
                "System **{}** (tier {}): no fallback has ever been tested.",
                md(&c.name),
                info.tier
            )),
            Some((t, _)) if t.outcome == Outcome::Failed => gaps.push(format!(
                "System **{}** (tier {}): its fallback failed its last test on {}.",
                md(&c.name),
                info.tier,
                long_date(t.date)
            )),
            Some((t, p))
                if t.date
                    .checked_add_months(Months::new(months(*p)))
                    .is_some_and(|d| d < today) =>
            {
                gaps.push(format!(
                    "System **{}** (tier {}): last tested {}, more than {} months ago.",
                    md(&c.name),
                    info.tier,
                    long_date(t.date),
                    months(*p)
                ))
            }
            Some(_) => {}
        }
        rows.push(SystemRow {
            name: c.name.clone(),
            tier: info.tier,
            last: last
                .as_ref()
                .map_or("never".into(), |(t, _)| long_date(t.date)),
            outcome: last
                .as_ref()
                .map_or("-".into(), |(t, _)| outcome(t.outcome)),
            by: match &last {
                Some((
                    Tested {
                        exercise: Some(e), ..
                    },
                    _,
                )) => model.exercises[*e].title.clone(),
                Some((_, p)) => format!("{} (its own record)", model.procedures[*p].title),
                None => "-".into(),
            },
        });
    }
    rows.sort_by(|a, b| (a.tier, &a.name).cmp(&(b.tier, &b.name)));
    rows
}

fn exercise(model: &Model, e: &crate::model::Exercise, today: NaiveDate) -> ExerciseView {
    let places: Vec<&str> = (e.sites.iter().map(|&s| model.sites[s].name.as_str()))
        .chain(e.wards.iter().map(|&w| model.wards[w].name.as_str()))
        .collect();
    ExerciseView {
        title: e.title.clone(),
        id: e.id.clone(),
        date: long_date(e.date),
        kind: e.kind.label(),
        scenario: e
            .scenario
            .map_or("-".into(), |s| model.scenarios[s].name.clone()),
        places: if places.is_empty() {
            "-".into()
        } else {
            places.join(", ")
        },
        tested: e
            .tested
            .iter()
            .map(|&p| model.procedures[p].title.clone())
            .collect(),
        outcome: outcome(e.outcome),
        findings: e.findings.clone(),
        actions: (e.actions.iter())
            .map(|a| ActionRow {
                action: a.action.clone(),
                owner: a.owner.clone(),
                due: long_date(a.due),
                status: match a.status {
                    ActionStatus::Done => "done".into(),
                    ActionStatus::Open if a.due < today => "OVERDUE".into(),
                    ActionStatus::Open => "open".into(),
                },
            })
            .collect(),
    }
}

/// The report is reviewed each year with the self-assessment it supports.
pub fn furniture(model: &Model, today: NaiveDate) -> Furniture {
    let due = today.checked_add_months(Months::new(12)).unwrap_or(today);
    Furniture {
        review_due: long_date(due),
        ..Furniture::trust_wide(
            model,
            format!("Downtime exercise evidence: {}", model.trust.name),
            format!("Exercise evidence · {}", model.trust.name),
        )
    }
}
