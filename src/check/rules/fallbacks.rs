//! Fallback procedures: approved, printed only when approved, and exercised.

use super::super::{Context, Rule};
use crate::diagnostic::Diagnostic;
use crate::load::raw::{DocControl, LintLevel, Outcome, Status};
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
    let wards = 0..model.wards.len();
    let procedures = wards.clone().flat_map(|w| model.ward_procedures(w));
    let procedures = printed(&model.procedures, procedures.chain(model.site_procedures()));
    let pages = printed(
        &model.references,
        wards.clone().flat_map(|w| model.ward_references(w)),
    );
    // A form's blank copies, in the ward's pack and on their own, say DRAFT too.
    let forms = printed(
        &model.forms,
        wards.flat_map(|w| crate::pack::card::ward_forms(model, w)),
    );
    let mut found = drafts(cx, "procedure", IN_PACK, procedures, |p| {
        (&p.file, &p.id, &p.control)
    });
    found.extend(drafts(cx, "reference page", IN_PACK, pages, |r| {
        (&r.file, &r.id, &r.control)
    }));
    let copies = "its printed copies say DRAFT until it is approved";
    found.extend(drafts(cx, "form", copies, forms, |f| {
        (&f.file, &f.id, &f.control)
    }));
    found
}

const IN_PACK: &str = "packs containing it say DRAFT on every page until it is approved";

/// The documents some pack prints, of all `docs`: one pass over the packs' lists, not one per
/// document.
fn printed<T>(docs: &[T], in_packs: impl Iterator<Item = usize>) -> Vec<&T> {
    let mut printed = vec![false; docs.len()];
    for i in in_packs {
        printed[i] = true;
    }
    docs.iter()
        .zip(printed)
        .filter(|(_, p)| *p)
        .map(|(d, _)| d)
        .collect()
}

/// A finding for each draft among `docs` (a procedure, reference page or form: `parts` gives
/// its file, id and document control).
fn drafts<T>(
    cx: &Context,
    what: &str,
    hint: &str,
    docs: Vec<&T>,
    parts: impl Fn(&T) -> (&std::path::Path, &str, &DocControl),
) -> Vec<Diagnostic> {
    docs.into_iter()
        .map(parts)
        .filter(|(_, _, control)| control.status == Status::Draft)
        .map(|(file, id, _)| {
            cx.finding(
                file,
                "control.status",
                format!("draft {what} `{id}` is printed in packs"),
            )
            .with_hint(hint)
        })
        .collect()
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
