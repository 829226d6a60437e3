//! Exercises, from `exercises/`: tests of the downtime plans, the one record of when each
//! procedure was last tested (see [`Model::last_tested`]), and the actions they left.

use super::ids::Namespaces;
use super::{Model, ProcedureIx, ScenarioIx, SiteIx, WardIx};
use crate::diagnostic::Diagnostic;
use crate::load::{raw, Sourced};
use chrono::NaiveDate;
use std::path::PathBuf;

pub use raw::{ActionStatus, ExerciseKind};

#[derive(Debug)]
pub struct Exercise {
    pub id: String,
    pub title: String,
    pub date: NaiveDate,
    pub kind: ExerciseKind,
    pub scenario: Option<ScenarioIx>,
    pub sites: Vec<SiteIx>,
    pub wards: Vec<WardIx>,
    pub tested: Vec<ProcedureIx>,
    pub outcome: raw::Outcome,
    pub findings: Vec<String>,
    pub actions: Vec<Action>,
    pub file: PathBuf,
}

#[derive(Debug)]
pub struct Action {
    pub action: String,
    pub owner: String,
    pub due: NaiveDate,
    pub status: ActionStatus,
}

/// When and how a procedure was last tested, and where that is recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tested {
    pub date: NaiveDate,
    pub outcome: raw::Outcome,
    /// The exercise that tested it, or None for the procedure's own `last_tested`.
    pub exercise: Option<usize>,
}

/// Pass 2 for exercises: what they name must exist.
pub(super) fn resolve(
    exercises: &[Sourced<raw::Exercise>],
    ids: &Namespaces,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Exercise> {
    exercises
        .iter()
        .map(|e| {
            let (v, file) = (&e.value, &e.file);
            Exercise {
                id: v.id.clone(),
                title: v.title.to_string(),
                date: v.date,
                kind: v.kind,
                scenario: (v.scenario.as_ref())
                    .and_then(|s| ids.scenarios.find(s, file, "scenario", diags)),
                sites: ids.sites.find_all(&v.sites, file, "sites", diags),
                wards: ids.wards.find_all(&v.wards, file, "wards", diags),
                tested: ids.procedures.find_all(&v.tested, file, "tested", diags),
                outcome: v.outcome,
                findings: v.findings.iter().map(|f| f.to_string()).collect(),
                actions: (v.actions.iter())
                    .map(|a| Action {
                        action: a.action.to_string(),
                        owner: a.owner.to_string(),
                        due: a.due,
                        status: a.status,
                    })
                    .collect(),
                file: file.clone(),
            }
        })
        .collect()
}

impl Model {
    /// The last test of procedure `p`: the newer of its own `last_tested` and the newest
    /// exercise that tested it, so an exercise need not be copied into every procedure.
    pub fn last_tested(&self, p: ProcedureIx) -> Option<Tested> {
        let own = (self.procedures[p].control.last_tested.as_ref()).map(|t| Tested {
            date: t.date,
            outcome: t.outcome,
            exercise: None,
        });
        let exercised = (self.exercises.iter().enumerate())
            .filter(|(_, e)| e.tested.contains(&p))
            .map(|(i, e)| Tested {
                date: e.date,
                outcome: e.outcome,
                exercise: Some(i),
            });
        own.into_iter().chain(exercised).max_by_key(|t| t.date)
    }

    /// The most critical tier `scenario` takes down, if it takes down any system.
    pub fn worst_tier(&self, scenario: &super::Scenario) -> Option<u8> {
        (scenario.radius.lost())
            .filter_map(|c| self.components[c].system().map(|s| s.tier))
            .min()
    }

    /// The newest exercise of scenario `sc`.
    pub fn last_exercise_of(&self, sc: ScenarioIx) -> Option<&Exercise> {
        (self.exercises.iter())
            .filter(|e| e.scenario == Some(sc))
            .max_by_key(|e| e.date)
    }
}
