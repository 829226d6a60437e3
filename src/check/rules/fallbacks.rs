//! Fallback procedures: approved, printed only when approved, and exercised.

use super::super::{Context, Rule};
use crate::diagnostic::Diagnostic;
use crate::load::raw::{LintLevel, Outcome, Status};
use crate::model::Procedure;
use chrono::Months;

pub const DRAFT_IN_PACK: Rule = Rule {
    code: "draft-in-pack",
    default: LintLevel::Warning,
    summary: "a draft printed in a pack (every page of that pack says DRAFT)",
    check: draft_in_pack,
};

pub const NO_FALLBACK: Rule = Rule {
    code: "no-fallback",
    default: LintLevel::Warning,
    summary: "a system with no approved fallback at all",
    check: no_fallback,
};

pub const UNTESTED_FALLBACK: Rule = Rule {
    code: "untested-fallback",
    default: LintLevel::Warning,
    summary: "a tier 1-2 fallback never exercised, not within its review interval, or failed",
    check: untested_fallback,
};

fn draft_in_pack(cx: &Context) -> Vec<Diagnostic> {
    let model = cx.model;
    // Which procedures some pack prints: one pass over the wards, not one per procedure.
    let mut in_packs = vec![false; model.procedures.len()];
    for p in (0..model.wards.len())
        .flat_map(|w| model.ward_procedures(w))
        .chain(model.site_procedures())
    {
        in_packs[p] = true;
    }
    model
        .procedures
        .iter()
        .enumerate()
        .filter(|(p, proc)| proc.control.status == Status::Draft && in_packs[*p])
        .map(|(_, proc)| {
            cx.finding(
                &proc.file,
                "control.status",
                format!("draft procedure `{}` is printed in packs", proc.id),
            )
            .with_hint("packs containing it say DRAFT on every page until it is approved")
        })
        .chain(draft_references(cx))
        .chain(draft_forms(cx))
        .collect()
}

/// Draft forms some ward's procedures use: their blank copies, printed in the ward's pack and
/// on their own, say DRAFT like a draft procedure's pages.
fn draft_forms<'a>(cx: &'a Context) -> impl Iterator<Item = Diagnostic> + 'a {
    let model = cx.model;
    let mut in_packs = vec![false; model.forms.len()];
    for f in (0..model.wards.len()).flat_map(|w| crate::pack::card::ward_forms(model, w)) {
        in_packs[f] = true;
    }
    (0..model.forms.len())
        .filter(move |&f| model.forms[f].control.status == Status::Draft && in_packs[f])
        .map(move |f| {
            let form = &model.forms[f];
            cx.finding(
                &form.file,
                "control.status",
                format!("draft form `{}` is printed in packs", form.id),
            )
            .with_hint("its printed copies say DRAFT until it is approved")
        })
}

/// Draft reference pages some ward's pack prints.
fn draft_references<'a>(cx: &'a Context) -> impl Iterator<Item = Diagnostic> + 'a {
    let model = cx.model;
    // Which pages some pack prints: one pass over the wards, as for procedures above.
    let mut in_packs = vec![false; model.references.len()];
    for r in (0..model.wards.len()).flat_map(|w| model.ward_references(w)) {
        in_packs[r] = true;
    }
    (0..model.references.len())
        .filter(move |&r| model.references[r].control.status == Status::Draft && in_packs[r])
        .map(move |r| {
            let page = &model.references[r];
            cx.finding(
                &page.file,
                "control.status",
                format!("draft reference page `{}` is printed in packs", page.id),
            )
            .with_hint("packs containing it say DRAFT on every page until it is approved")
        })
}

fn no_fallback(cx: &Context) -> Vec<Diagnostic> {
    let model = cx.model;
    model
        .components
        .iter()
        .filter_map(|comp| Some((comp, comp.system()?)))
        .filter(|(comp, _)| {
            !comp
                .fallbacks
                .iter()
                .any(|&p| model.procedures[p].control.status == Status::Approved)
        })
        .map(|(comp, info)| {
            cx.finding(
                &comp.file,
                "id",
                format!(
                    "tier {} system `{}` has no approved fallback procedure",
                    info.tier, comp.id
                ),
            )
            .with_hint(format!(
                "write and approve a procedure with `replaces: [{}]`",
                comp.id
            ))
        })
        .collect()
}

fn untested_fallback(cx: &Context) -> Vec<Diagnostic> {
    let model = cx.model;
    let critical = |proc: &Procedure| {
        proc.replaces
            .iter()
            .any(|&c| model.components[c].system().is_some_and(|i| i.tier <= 2))
    };
    (model.procedures.iter().enumerate())
        .filter(|(_, proc)| proc.control.status == Status::Approved && critical(proc))
        .filter_map(|(p, proc)| Some((proc, exercise_problem(cx, p)?)))
        .map(|(proc, problem)| {
            cx.finding(&proc.file, "control.last_tested", format!("fallback `{}` {problem}", proc.id))
                .with_hint("exercise it (a tabletop, walk-through or live failover) and record it in exercises/ with the procedure under `tested`")
        })
        .collect()
}

/// What is wrong with a fallback's last test (its own `last_tested` or an exercise), if anything.
fn exercise_problem(cx: &Context, p: usize) -> Option<String> {
    let interval = (cx.model.procedures[p].control.review_interval_months)
        .unwrap_or(cx.model.trust.review_interval_months);
    match &cx.model.last_tested(p) {
        None => Some("has never been exercised".to_string()),
        Some(t) if t.outcome == Outcome::Failed => {
            Some(format!("failed its last exercise on {}", t.date))
        }
        Some(t)
            if t.date
                .checked_add_months(Months::new(interval))
                .is_some_and(|d| d < cx.today) =>
        {
            Some(format!(
                "was last exercised on {}, more than {interval} months ago",
                t.date
            ))
        }
        Some(_) => None,
    }
}
