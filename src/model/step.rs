//! One step of a procedure: who does what, when in the outage (or before it), how often, in
//! which situations, and what to do instead where something it relies on is lost.

use super::duration::{self, Cadence};
use super::graph::BlastRadius;
use super::ids::Namespaces;
use super::{ComponentIx, FormIx, RoleIx};
use crate::diagnostic::Diagnostic;
use crate::load::raw;
use chrono::NaiveTime;
use std::path::Path;

/// The phases of a downtime, in the order staff live through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Phase {
    /// Keeping ready while systems are up.
    Routine,
    /// The countdown to a planned downtime.
    Before,
    Declare,
    During,
    Recovery,
}

impl Phase {
    pub const ALL: [Phase; 5] = [
        Phase::Routine,
        Phase::Before,
        Phase::Declare,
        Phase::During,
        Phase::Recovery,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Phase::Routine => "routine",
            Phase::Before => "before",
            Phase::Declare => "declare",
            Phase::During => "during",
            Phase::Recovery => "recovery",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Phase::Routine => "Keeping ready (while systems are up)",
            Phase::Before => "Before a planned downtime",
            Phase::Declare => "Recognise and declare (first 15 minutes)",
            Phase::During => "During the downtime",
            Phase::Recovery => "When systems return",
        }
    }

    /// Whether steps of this phase are done while the outage is on, so that what it takes
    /// down matters. Routine and countdown steps come before it, recovery after it.
    pub fn in_outage(self) -> bool {
        matches!(self, Phase::Declare | Phase::During)
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
    pub timing: Timing,
    pub when: Condition,
    pub otherwise: Option<Alternative>,
    /// Interfaces whose lost messages this step enters again.
    pub reenters: Vec<super::InterfaceIx>,
    /// The step hands out reserved downtime numbers.
    pub numbers: bool,
    /// Where the step is written, e.g. `phases.during[2]`.
    pub yaml_path: String,
}

/// When a step is done, as its phase allows.
#[derive(Debug, Default, Clone, Copy)]
pub struct Timing {
    /// `before`: minutes from the start (negative).
    pub offset: Option<i64>,
    /// `routine` (always) and `during` (when repeated).
    pub every: Option<Cadence>,
    /// `routine`: time of day.
    pub at_time: Option<NaiveTime>,
    /// `during`: minutes the outage must have lasted before the step starts (0: at once).
    pub from: u32,
}

/// The situations a step applies in; empty: every situation.
#[derive(Debug, Default)]
pub struct Condition {
    pub down: Vec<ComponentIx>,
    pub up: Vec<ComponentIx>,
}

impl Condition {
    pub fn is_always(&self) -> bool {
        self.down.is_empty() && self.up.is_empty()
    }

    /// Whether the step applies in an outage that loses `radius`.
    pub fn holds(&self, radius: &BlastRadius) -> bool {
        self.down.iter().all(|&c| radius.is_lost(c)) && !self.up.iter().any(|&c| radius.is_lost(c))
    }
}

/// What to do instead where the step's `relies_on` is lost.
#[derive(Debug)]
pub struct Alternative {
    pub action: String,
    pub relies_on: Vec<ComponentIx>,
}

#[derive(Debug)]
pub struct Escalation {
    pub after_minutes: u32,
    pub after_text: String,
    pub to: RoleIx,
    pub say: String,
}

/// Where a step is resolved: its file, its YAML path and the phase it is written in.
pub(super) struct At<'a> {
    pub file: &'a Path,
    pub path: String,
    pub phase: Phase,
}

impl At<'_> {
    fn field(&self, name: &str) -> String {
        format!("{}.{name}", self.path)
    }

    fn error(&self, code: &'static str, field: &str, message: String, hint: &str) -> Diagnostic {
        Diagnostic::error(code, self.file, message)
            .at_path(self.field(field))
            .with_hint(hint)
    }
}

/// One step; `None` when its role or its timing is wrong (each reported once, and the model is
/// not built from a tree with errors).
pub(super) fn resolve(
    step: &raw::Step,
    at: At,
    ids: &Namespaces,
    diags: &mut Vec<Diagnostic>,
) -> Option<Step> {
    let file = at.file;
    let role = ids.roles.find(&step.role, file, &at.field("role"), diags);
    let escalate: Vec<Escalation> = step
        .escalate
        .iter()
        .enumerate()
        .filter_map(|(e, esc)| {
            resolve_escalation(esc, &at.field(&format!("escalate[{e}]")), file, ids, diags)
        })
        .collect();
    let timing = timing(step, &at, diags);
    let components = |list: &[String], field: &str, diags: &mut Vec<Diagnostic>| {
        ids.components.find_all(list, file, &at.field(field), diags)
    };
    let relies_on = components(&step.relies_on, "relies_on", diags);
    let when = step
        .when
        .as_ref()
        .map_or_else(Condition::default, |w| Condition {
            down: components(&w.down, "when.down", diags),
            up: components(&w.up, "when.up", diags),
        });
    let otherwise = step.otherwise.as_ref().map(|o| Alternative {
        action: o.action.to_string(),
        relies_on: components(&o.relies_on, "otherwise.relies_on", diags),
    });
    if otherwise.is_some() && step.relies_on.is_empty() {
        diags.push(at.error(
            "otherwise-without-reliance",
            "otherwise",
            "`otherwise` says what to do when something the step relies on is lost, but the step relies on nothing".to_string(),
            "add what the step needs under `relies_on` (e.g. `relies_on: [telephony]`), or remove `otherwise`",
        ));
    }
    Some(Step {
        role: role?,
        action: step.action.to_string(),
        checklist: step.checklist.iter().map(ToString::to_string).collect(),
        forms: ids
            .forms
            .find_all(&step.forms, file, &at.field("forms"), diags),
        escalate,
        relies_on,
        timing: timing?,
        when,
        otherwise,
        reenters: ids
            .interfaces
            .find_all(&step.reenters, file, &at.field("reenters"), diags),
        numbers: step.numbers,
        yaml_path: at.path,
    })
}

/// The step's `at`, `every` and `from`, checked against its phase.
fn timing(step: &raw::Step, at: &At, diags: &mut Vec<Diagnostic>) -> Option<Timing> {
    let phase = at.phase;
    let before_errors = diags.len();
    let mut timing = Timing::default();
    let misplaced = |field: &str, belongs: &str, diags: &mut Vec<Diagnostic>| {
        diags.push(at.error(
            "misplaced-timing",
            field,
            format!("`{field}` does not apply to a step in `{}`", phase.key()),
            &format!("`{field}` belongs to {belongs}; move the step or remove `{field}`"),
        ));
    };
    match (&step.at, phase) {
        (None, Phase::Before) => diags.push(at.error(
            "missing-offset",
            "do",
            "a countdown step needs `at:`, how long before the start".to_string(),
            "add e.g. `at: -2h` (two hours before the start)",
        )),
        (Some(text), Phase::Before) => timing.offset = offset(text, at, diags),
        (Some(text), Phase::Routine) => timing.at_time = time_of_day(text, at, diags),
        (Some(_), _) => misplaced(
            "at",
            "`before` steps (`at: -2h`) and `routine` steps (`at: \"16:00\"`)",
            diags,
        ),
        (None, _) => {}
    }
    match (&step.every, phase) {
        (Some(text), Phase::Routine | Phase::During) => timing.every = cadence(text, at, diags),
        (Some(_), _) => misplaced("every", "`routine` and `during` steps", diags),
        (None, Phase::Routine) => diags.push(at.error(
            "missing-cadence",
            "do",
            "a routine step needs `every:`, how often it is done".to_string(),
            "add e.g. `every: 1d` (daily), `every: 1w` (weekly) or `every: 1mo` (monthly)",
        )),
        (None, _) => {}
    }
    match (&step.from, phase) {
        (Some(text), Phase::During) => timing.from = from(text, at, diags).unwrap_or(0),
        (Some(_), _) => misplaced(
            "from",
            "`during` steps (\"if still down after 1 day\")",
            diags,
        ),
        (None, _) => {}
    }
    (diags.len() == before_errors).then_some(timing)
}

fn offset(text: &str, at: &At, diags: &mut Vec<Diagnostic>) -> Option<i64> {
    match duration::parse_offset(text) {
        Some(m) if m < 0 => Some(m),
        Some(_) => {
            diags.push(at.error(
                "bad-offset",
                "at",
                format!("`at: {text}` is not before the start"),
                &format!(
                    "countdown steps happen before the start: write `-{}`",
                    text.trim_start_matches('+')
                ),
            ));
            None
        }
        None => {
            diags.push(at.error(
                "bad-offset",
                "at",
                format!("`{text}` is not an offset before the start"),
                "write e.g. `-24h`, `-2h` or `-15m`",
            ));
            None
        }
    }
}

fn time_of_day(text: &str, at: &At, diags: &mut Vec<Diagnostic>) -> Option<NaiveTime> {
    let time = NaiveTime::parse_from_str(text.trim(), "%H:%M").ok();
    if time.is_none() {
        diags.push(at.error(
            "bad-time",
            "at",
            format!("`{text}` is not a time of day"),
            "write the 24-hour time in quotes, e.g. `at: \"16:00\"`",
        ));
    }
    time
}

fn cadence(text: &str, at: &At, diags: &mut Vec<Diagnostic>) -> Option<Cadence> {
    let cadence = Cadence::parse(text);
    if cadence.is_none() {
        diags.push(at.error(
            "bad-cadence",
            "every",
            format!("`{text}` is not a cadence"),
            "write e.g. `1h`, `4h`, `1d`, `1w` or `1mo`",
        ));
    }
    cadence
}

fn from(text: &str, at: &At, diags: &mut Vec<Diagnostic>) -> Option<u32> {
    let minutes = duration::parse_minutes(text);
    if minutes.is_none() {
        diags.push(at.error(
            "bad-duration",
            "from",
            format!("`{text}` is not a duration"),
            "write how long the outage must have lasted, e.g. `24h`, `2d` or `1w`",
        ));
    }
    minutes
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
