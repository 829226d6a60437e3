//! Fallback procedures, from `fallbacks/`: the steps each role takes in each phase of a
//! downtime, with their escalations, forms and what they rely on; and review dates, which
//! forms share.

use super::ids::Namespaces;
use super::{duration, ComponentIx, FormIx, RoleIx};
use crate::diagnostic::Diagnostic;
use crate::load::{raw, Sourced};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// The three phases of a downtime, in the order staff live through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Phase {
    Declare,
    During,
    Recovery,
}

impl Phase {
    pub const ALL: [Phase; 3] = [Phase::Declare, Phase::During, Phase::Recovery];

    pub fn key(self) -> &'static str {
        match self {
            Phase::Declare => "declare",
            Phase::During => "during",
            Phase::Recovery => "recovery",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Phase::Declare => "Recognise and declare (first 15 minutes)",
            Phase::During => "During the downtime",
            Phase::Recovery => "When systems return",
        }
    }
}

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
    pub phases: [Vec<Step>; 3],
    pub file: PathBuf,
}

impl Procedure {
    pub fn steps(&self, phase: Phase) -> &[Step] {
        &self.phases[phase as usize]
    }
}

#[derive(Debug)]
pub struct Step {
    pub role: RoleIx,
    pub action: String,
    pub checklist: Vec<String>,
    pub forms: Vec<FormIx>,
    pub escalate: Vec<Escalation>,
    pub relies_on: Vec<ComponentIx>,
    /// Where the step is written, e.g. `phases.during[2]`.
    pub yaml_path: String,
}

#[derive(Debug)]
pub struct Escalation {
    pub after_minutes: u32,
    pub after_text: String,
    pub to: RoleIx,
    pub say: String,
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
    let raw_phases = [&v.phases.declare, &v.phases.during, &v.phases.recovery];
    let phases = Phase::ALL.map(|phase| {
        raw_phases[phase as usize]
            .iter()
            .enumerate()
            .filter_map(|(i, step)| {
                let at = format!("phases.{}[{i}]", phase.key());
                resolve_step(step, at, file, ids, diags)
            })
            .collect()
    });
    if phases.iter().all(Vec::is_empty) {
        diags.push(
            Diagnostic::error(
                "no-steps",
                file,
                format!("procedure `{}` has no steps", v.id),
            )
            .at_path("phases")
            .with_hint("add steps under phases.declare, phases.during or phases.recovery"),
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

/// One step, written at `at` (e.g. `phases.during[2]`); `None` when its role is unknown.
fn resolve_step(
    step: &raw::Step,
    at: String,
    file: &Path,
    ids: &Namespaces,
    diags: &mut Vec<Diagnostic>,
) -> Option<Step> {
    let role = ids
        .roles
        .find(&step.role, file, &format!("{at}.role"), diags);
    let escalate = step
        .escalate
        .iter()
        .enumerate()
        .filter_map(|(e, esc)| {
            resolve_escalation(esc, &format!("{at}.escalate[{e}]"), file, ids, diags)
        })
        .collect();
    Some(Step {
        role: role?,
        action: step.action.to_string(),
        checklist: step.checklist.iter().map(ToString::to_string).collect(),
        forms: ids
            .forms
            .find_all(&step.forms, file, &format!("{at}.forms"), diags),
        escalate,
        relies_on: ids.components.find_all(
            &step.relies_on,
            file,
            &format!("{at}.relies_on"),
            diags,
        ),
        yaml_path: at,
    })
}

/// One escalation, written at `at`; `None` when its role or its delay is wrong.
fn resolve_escalation(
    esc: &raw::Escalation,
    at: &str,
    file: &Path,
    ids: &Namespaces,
    diags: &mut Vec<Diagnostic>,
) -> Option<Escalation> {
    let to = ids.roles.find(&esc.to, file, &format!("{at}.to"), diags);
    let after = duration::parse_minutes(&esc.after);
    if after.is_none() {
        diags.push(
            Diagnostic::error(
                "bad-duration",
                file,
                format!("`{}` is not a duration", esc.after),
            )
            .at_path(format!("{at}.after"))
            .with_hint("write e.g. `30m`, `4h` or `1d`"),
        );
    }
    Some(Escalation {
        after_minutes: after?,
        after_text: duration::describe(after?),
        to: to?,
        say: esc.say.to_string(),
    })
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
