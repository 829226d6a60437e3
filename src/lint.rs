//! Governance lint rules for `downtime check`: the evidence an auditor asks for (every critical
//! system has an approved, in-date, tested fallback with a named owner), judged against a date.
//!
//! Each rule has a stable code and a default severity that a trust can change in
//! `trust.yaml` (`lints: { untested-fallback: error }`).

use crate::diagnostic::{Diagnostic, Severity};
use crate::load::raw::{LintLevel, Outcome, Status};
use crate::model::Model;
use chrono::{Months, NaiveDate};
use std::collections::BTreeMap;

/// Every rule: (code, default level, what it checks).
pub const RULES: [(&str, LintLevel, &str); 10] = [
    ("overdue-review", LintLevel::Error, "a procedure or form is past its review date"),
    ("review-due-soon", LintLevel::Warning, "a procedure or form is due for review within 30 days"),
    ("missing-owner", LintLevel::Error, "a procedure or form has no named owner or approver"),
    ("draft-in-pack", LintLevel::Warning, "a draft procedure is printed in a pack (every page says DRAFT)"),
    ("no-fallback", LintLevel::Warning, "a system has no approved fallback procedure at all"),
    ("untested-fallback", LintLevel::Warning, "a fallback for a tier 1-2 system was never exercised, not within its review interval, or failed its last test"),
    ("idle-role", LintLevel::Warning, "a role listed on a ward has no steps in that ward's procedures (its action card would be empty)"),
    ("stale-contact", LintLevel::Warning, "a contact's numbers were never verified, or not within the trust's contact check interval"),
    ("future-date", LintLevel::Error, "a review, exercise or verification dated after today (later checks would never fire)"),
    ("unused-role", LintLevel::Warning, "a trust role that no ward, step, escalation, cascade or contact uses"),
];

/// The severity each rule has for this trust.
pub struct Levels(BTreeMap<&'static str, LintLevel>);

impl Levels {
    pub fn for_trust(configured: &BTreeMap<String, LintLevel>) -> Levels {
        Levels(
            RULES
                .iter()
                .map(|(code, default, _)| {
                    (*code, configured.get(*code).copied().unwrap_or(*default))
                })
                .collect(),
        )
    }

    fn push(&self, diags: &mut Vec<Diagnostic>, diag: Diagnostic) {
        let severity = match self.0.get(diag.code) {
            Some(LintLevel::Allow) => return,
            Some(LintLevel::Warning) => Severity::Warning,
            Some(LintLevel::Error) | None => Severity::Error,
        };
        diags.push(Diagnostic { severity, ..diag });
    }
}

/// Unknown rule names in a trust's `lints:` table.
pub fn unknown_rules(model: &Model) -> Vec<Diagnostic> {
    model
        .trust
        .lints
        .keys()
        .filter(|k| !RULES.iter().any(|(code, _, _)| code == k))
        .map(|k| {
            let known: Vec<&str> = RULES.iter().map(|r| r.0).collect();
            Diagnostic::error(
                "unknown-lint",
                &model.trust.file,
                format!("unknown lint rule `{k}`"),
            )
            .at_path(format!("lints.{k}"))
            .with_hint(format!("rules are: {}", known.join(", ")))
        })
        .collect()
}

/// Run every rule against `today`.
pub fn lint(model: &Model, today: NaiveDate) -> Vec<Diagnostic> {
    let levels = Levels::for_trust(&model.trust.lints);
    let mut diags = unknown_rules(model);
    let soon = today + chrono::Days::new(30);
    // Which procedures some pack prints: one pass over the wards, not one per procedure.
    let mut in_packs = vec![false; model.procedures.len()];
    for p in (0..model.wards.len())
        .flat_map(|w| model.ward_procedures(w))
        .chain(model.site_procedures())
    {
        in_packs[p] = true;
    }

    let documents = model
        .procedures
        .iter()
        .map(|p| (&p.control, p.review_due, &p.file, "procedure", &p.id))
        .chain(
            model
                .forms
                .iter()
                .map(|f| (&f.control, f.review_due, &f.file, "form", &f.id)),
        );
    for (control, due, file, what, id) in documents {
        if control.status == Status::Retired {
            continue;
        }
        if due < today {
            levels.push(
                &mut diags,
                Diagnostic::error("overdue-review", file, format!("{what} `{id}` was due for review on {due}"))
                    .at_path("control.last_reviewed")
                    .with_hint("review it with its owner, then update `last_reviewed` (and `version` if it changed)"),
            );
        } else if due <= soon {
            levels.push(
                &mut diags,
                Diagnostic::error(
                    "review-due-soon",
                    file,
                    format!("{what} `{id}` is due for review on {due}"),
                )
                .at_path("control.last_reviewed")
                .with_hint("book the review with its owner now"),
            );
        }
        for (field, value) in [("owner", &control.owner), ("approver", &control.approver)] {
            let blank = value.trim().is_empty()
                || ["tbc", "tbd", "unknown", "n/a"].contains(&value.trim().to_lowercase().as_str());
            if blank {
                levels.push(
                    &mut diags,
                    Diagnostic::error(
                        "missing-owner",
                        file,
                        format!("{what} `{id}` has no named {field}"),
                    )
                    .at_path(format!("control.{field}"))
                    .with_hint("name the accountable post, e.g. `Matron, Acute Medicine`"),
                );
            }
        }
    }

    for (p, proc) in model.procedures.iter().enumerate() {
        if proc.control.status == Status::Draft && in_packs[p] {
            levels.push(
                &mut diags,
                Diagnostic::error(
                    "draft-in-pack",
                    &proc.file,
                    format!("draft procedure `{}` is printed in packs", proc.id),
                )
                .at_path("control.status")
                .with_hint("packs containing it say DRAFT on every page until it is approved"),
            );
        }
        if proc.control.status != Status::Approved {
            continue;
        }
        let critical = proc
            .replaces
            .iter()
            .any(|&c| model.components[c].system().is_some_and(|i| i.tier <= 2));
        if !critical {
            continue;
        }
        let interval = proc
            .control
            .review_interval_months
            .unwrap_or(model.trust.review_interval_months);
        let problem = match &proc.control.last_tested {
            None => Some("has never been exercised".to_string()),
            Some(t) if t.outcome == Outcome::Failed => {
                Some(format!("failed its last exercise on {}", t.date))
            }
            Some(t)
                if t.date
                    .checked_add_months(Months::new(interval))
                    .is_some_and(|d| d < today) =>
            {
                Some(format!(
                    "was last exercised on {}, more than {interval} months ago",
                    t.date
                ))
            }
            Some(_) => None,
        };
        if let Some(problem) = problem {
            levels.push(
                &mut diags,
                Diagnostic::error("untested-fallback", &proc.file, format!("fallback `{}` {problem}", proc.id))
                    .at_path("control.last_tested")
                    .with_hint("exercise it (a table-top or live drill) and record `last_tested: { date, outcome }`"),
            );
        }
    }

    for comp in &model.components {
        let Some(info) = comp.system() else { continue };
        let approved = comp
            .fallbacks
            .iter()
            .any(|&p| model.procedures[p].control.status == Status::Approved);
        if !approved {
            levels.push(
                &mut diags,
                Diagnostic::error(
                    "no-fallback",
                    &comp.file,
                    format!(
                        "tier {} system `{}` has no approved fallback procedure",
                        info.tier, comp.id
                    ),
                )
                .at_path("id")
                .with_hint(format!(
                    "write and approve a procedure with `replaces: [{}]`",
                    comp.id
                )),
            );
        }
    }

    for (w, ward) in model.wards.iter().enumerate() {
        for (i, &role) in ward.roles.iter().enumerate() {
            if !model.role_has_steps(w, role) {
                levels.push(
                    &mut diags,
                    Diagnostic::error(
                        "idle-role",
                        &ward.file,
                        format!("role `{}` on ward `{}` has no steps in the ward's procedures", model.roles[role].id, ward.id),
                    )
                    .at_path(format!("roles[{i}]"))
                    .with_hint("give the role steps in a procedure the ward uses, or remove it from the ward"),
                );
            }
        }
    }

    let months = model.trust.contact_check_months.unwrap_or(6);
    for contact in &model.contacts {
        let stale = match contact.verified {
            None => Some("has never been verified".to_string()),
            Some(d)
                if d.checked_add_months(Months::new(months))
                    .is_some_and(|due| due < today) =>
            {
                Some(format!(
                    "was last verified on {d}, more than {months} months ago"
                ))
            }
            Some(_) => None,
        };
        if let Some(stale) = stale {
            levels.push(
                &mut diags,
                Diagnostic::error(
                    "stale-contact",
                    &contact.file,
                    format!("contact `{}` {stale}", contact.id),
                )
                .at_path(format!("{}.verified", contact.yaml_path))
                .with_hint("call every number, fix any that fail, and set `verified:` to today"),
            );
        }
    }
    future_dates(model, today, &levels, &mut diags);
    unused_roles(model, &levels, &mut diags);
    diags
}

/// A date of review, exercise or verification after today is a typing mistake (2062 for 2026)
/// that would silence `overdue-review`, `untested-fallback` or `stale-contact` for years.
fn future_dates(model: &Model, today: NaiveDate, levels: &Levels, diags: &mut Vec<Diagnostic>) {
    let controls = model
        .procedures
        .iter()
        .map(|p| (&p.control, &p.file))
        .chain(model.forms.iter().map(|f| (&f.control, &f.file)));
    let mut dated: Vec<(NaiveDate, &std::path::Path, String, &str)> = Vec::new();
    for (control, file) in controls {
        dated.push((
            control.last_reviewed,
            file,
            "control.last_reviewed".into(),
            "reviewed",
        ));
        if let Some(t) = &control.last_tested {
            dated.push((t.date, file, "control.last_tested.date".into(), "exercised"));
        }
    }
    for contact in &model.contacts {
        if let Some(d) = contact.verified {
            let path = format!("{}.verified", contact.yaml_path);
            dated.push((d, &contact.file, path, "verified"));
        }
    }
    for (date, file, path, what) in dated.into_iter().filter(|(d, ..)| *d > today) {
        levels.push(
            diags,
            Diagnostic::error(
                "future-date",
                file,
                format!("{what} on {date}, which is after today ({today})"),
            )
            .at_path(path)
            .with_hint("write the date it really happened (YYYY-MM-DD)"),
        );
    }
}

/// A role nothing refers to is usually a leftover or a misspelling of one that is used.
fn unused_roles(model: &Model, levels: &Levels, diags: &mut Vec<Diagnostic>) {
    let mut used = vec![false; model.roles.len()];
    let steps = model
        .procedures
        .iter()
        .flat_map(|p| p.phases.iter().flatten());
    for step in steps {
        used[step.role] = true;
        for e in &step.escalate {
            used[e.to] = true;
        }
    }
    let cascades = model
        .trust
        .cascade
        .iter()
        .chain(model.sites.iter().flat_map(|s| &s.cascade));
    for c in cascades {
        used[c.caller] = true;
    }
    for &r in model.wards.iter().flat_map(|w| &w.roles) {
        used[r] = true;
    }
    for r in model.contacts.iter().filter_map(|c| c.role) {
        used[r] = true;
    }
    for (i, role) in model.roles.iter().enumerate().filter(|(i, _)| !used[*i]) {
        levels.push(
            diags,
            Diagnostic::error(
                "unused-role",
                &model.trust.file,
                format!(
                    "role `{}` is not used by any ward, step, cascade or contact",
                    role.id
                ),
            )
            .at_path(format!("roles[{i}]"))
            .with_hint("give it to the wards and steps it belongs to, or remove it"),
        );
    }
}
