//! Fallback procedures, from `fallbacks/`: the steps each role takes in each phase of a
//! downtime (the steps themselves are in `step`); and review dates, which forms share.

use super::ids::Namespaces;
use super::step::{self, Phase, Step};
use super::ComponentIx;
use crate::diagnostic::Diagnostic;
use crate::load::{raw, Sourced};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub struct Procedure {
    pub id: String,
    pub title: String,
    pub replaces: Vec<ComponentIx>,
    pub scope: raw::Scope,
    pub summary: String,
    pub control: raw::DocControl,
    pub review_due: NaiveDate,
    /// Steps per phase, indexed by `Phase as usize`.
    pub phases: [Vec<Step>; 5],
    pub file: PathBuf,
}

impl Procedure {
    pub fn steps(&self, phase: Phase) -> &[Step] {
        &self.phases[phase as usize]
    }
}

/// Pass 2 for procedures; `default_months` is the trust's review interval.
pub(super) fn resolve(
    procedures: &[Sourced<raw::Procedure>],
    default_months: u32,
    ids: &Namespaces,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Procedure> {
    procedures
        .iter()
        .map(|p| resolve_one(p, default_months, ids, diags))
        .collect()
}

fn resolve_one(
    p: &Sourced<raw::Procedure>,
    default_months: u32,
    ids: &Namespaces,
    diags: &mut Vec<Diagnostic>,
) -> Procedure {
    let v = &p.value;
    let file = &p.file;
    let raw = &v.phases;
    let raw_phases = [
        &raw.routine,
        &raw.before,
        &raw.declare,
        &raw.during,
        &raw.recovery,
    ];
    let phases = Phase::ALL.map(|phase| {
        let mut steps: Vec<Step> = raw_phases[phase as usize]
            .iter()
            .enumerate()
            .filter_map(|(i, step)| {
                let path = format!("phases.{}[{i}]", phase.key());
                step::resolve(step, step::At { file, path, phase }, ids, diags)
            })
            .collect();
        // A countdown is read in time order, and routine tasks most frequent first, then by
        // time of day, whatever order they were written in. Other phases keep the written order.
        match phase {
            Phase::Before => steps.sort_by_key(|s| s.timing.offset),
            Phase::Routine => steps.sort_by_key(|s| (s.timing.every, s.timing.at_time)),
            _ => {}
        }
        steps
    });
    // Judged on what was written: a step dropped for an error of its own is not a second one.
    if raw_phases.iter().all(|steps| steps.is_empty()) {
        diags.push(
            Diagnostic::error(
                "no-steps",
                file,
                format!("procedure `{}` has no steps", v.id),
            )
            .at_path("phases")
            .with_hint("add steps under phases.declare, phases.during or phases.recovery (or routine, before)"),
        );
    }
    Procedure {
        id: v.id.clone(),
        title: v.title.to_string(),
        replaces: ids
            .components
            .find_all(&v.replaces, file, "replaces", diags),
        scope: v.scope,
        summary: v.summary.to_string(),
        control: v.control.clone(),
        review_due: review_due(&v.control, default_months, file, diags),
        phases,
        file: file.clone(),
    }
}

/// When a procedure or form is next due for review: its own interval, or the trust's.
pub(super) fn review_due(
    control: &raw::DocControl,
    default_months: u32,
    file: &Path,
    diags: &mut Vec<Diagnostic>,
) -> NaiveDate {
    let months = control.review_interval_months.unwrap_or(default_months);
    match control
        .last_reviewed
        .checked_add_months(chrono::Months::new(months))
    {
        Some(date) => date,
        None => {
            diags.push(
                Diagnostic::error(
                    "bad-interval",
                    file,
                    format!("review interval of {months} months is out of range"),
                )
                .at_path("control.review_interval_months"),
            );
            control.last_reviewed
        }
    }
}
