//! A ward's readiness log: one printed page on which staff tick the routine tasks that keep
//! the ward ready for a downtime (daily kit check, weekly test print...), a row per day or per
//! week. Built from the `routine` steps of the ward's procedures, so it is never out of step
//! with them.

use super::{Furniture, Pack, PackKind};
use crate::model::{Model, Phase, Step, WardIx};
use crate::typeset::form::{Field, FieldKind, FormSpec, Part};

/// Tasks per table: with the date and initials columns, as many as A4 takes in tick boxes.
const TASKS_PER_TABLE: usize = 8;

/// The ward's routine tasks, in the order its pack prints its procedures.
pub fn tasks(model: &Model, w: WardIx) -> Vec<&Step> {
    model
        .ward_procedures(w)
        .into_iter()
        .flat_map(|p| model.procedures[p].steps(Phase::Routine))
        .collect()
}

/// Title of the log, in the forms list and on the page.
pub const TITLE: &str = "Readiness log";
/// What it is for, in the forms list.
pub const PURPOSE: &str = "Tick each routine task that keeps the ward ready for a downtime, as it is done (see Keeping ready).";

/// The log of ward `w`, as a form for the typesetter; `None` when the ward has no routine task.
pub fn spec(model: &Model, w: WardIx) -> Option<FormSpec> {
    let tasks = tasks(model, w);
    if tasks.is_empty() {
        return None;
    }
    let daily = tasks
        .iter()
        .any(|s| s.timing.every.is_some_and(|c| c.daily_or_more()));
    let ward = &model.wards[w];
    let mut parts = vec![
        Part::Header,
        Part::Instructions(format!(
            "One row per {period}. Tick a task's box when it is done and initial the row; a task done less often is ticked in the row of the {period} it was done. Anything missing or not working: tell the nurse in charge the same day.",
            period = if daily { "day" } else { "week" }
        )),
        Part::Instructions(key(model, w, &tasks)),
    ];
    for (chunk, first) in tasks
        .chunks(TASKS_PER_TABLE)
        .zip((1..).step_by(TASKS_PER_TABLE))
    {
        let mut columns = vec![if daily { "Date" } else { "Week beginning" }.to_string()];
        columns.extend((first..first + chunk.len()).map(|n| format!("Task {n}")));
        columns.push("Initials".to_string());
        parts.push(Part::Table {
            columns,
            rows: if daily { 7 } else { 4 },
        });
    }
    parts.push(Part::Fields(vec![Field {
        label: "Checked by the ward manager".to_string(),
        kind: FieldKind::Signature,
        lines: 1,
    }]));
    Some(FormSpec {
        id: super::layout::READINESS_LOG_ID.to_string(),
        title: TITLE.to_string(),
        purpose: PURPOSE.to_string(),
        version: model.trust.edition.version.to_string(),
        trust: model.trust.name.clone(),
        site: model.sites[ward.site].name.clone(),
        ward: ward.name.clone(),
        parts,
    })
}

/// The numbered list of tasks the table's columns stand for, as Markdown.
fn key(model: &Model, w: WardIx, tasks: &[&Step]) -> String {
    let mut out = String::new();
    for (n, step) in tasks.iter().enumerate() {
        let mut when = step.timing.every.map(|c| c.describe()).unwrap_or_default();
        if let Some(time) = step.timing.at_time {
            when.push_str(&format!(" at {}", time.format("%H:%M")));
        }
        out.push_str(&format!(
            "- **Task {}.** {} *({}, {when})*\n",
            n + 1,
            crate::render::escape::markdown(&step.action),
            model.roles[model.wards[w].acting(step.role)].name
        ));
    }
    out
}

/// Furniture of the log: it is reviewed with the procedures its tasks come from.
pub fn furniture(model: &Model, w: WardIx) -> Furniture {
    let ward = &model.wards[w];
    let procedures: Vec<usize> = model
        .ward_procedures(w)
        .into_iter()
        .filter(|&p| !model.procedures[p].steps(Phase::Routine).is_empty())
        .collect();
    let header = format!("{TITLE} · {} · {}", ward.name, model.sites[ward.site].name);
    Furniture {
        version: format!("{} of the readiness log", model.trust.edition.version),
        ..Furniture::for_procedures(model, TITLE.to_string(), header, &procedures)
    }
}

/// The log of one ward, as its own PDF (ready to photocopy).
pub fn pack(model: &Model, w: WardIx) -> Pack {
    let spec = spec(model, w).expect("planned only for wards with routine tasks");
    let mut pack = Pack::new(
        model,
        PackKind::ReadinessLog(w),
        "form",
        spec.clone(),
        furniture(model, w),
    );
    pack.form = Some(spec);
    pack
}
