//! Review dates: documents past or near their review date, and dates that cannot have
//! happened yet.

use super::super::{Context, Rule};
use super::documents;
use crate::diagnostic::Diagnostic;
use crate::load::raw::{LintLevel, Status};
use chrono::NaiveDate;
use std::path::Path;

pub const OVERDUE_REVIEW: Rule = Rule {
    code: "overdue-review",
    default: LintLevel::Error,
    summary: "a procedure or form past its review date",
    check: overdue_review,
};

pub const REVIEW_DUE_SOON: Rule = Rule {
    code: "review-due-soon",
    default: LintLevel::Warning,
    summary: "a review due within 30 days",
    check: review_due_soon,
};

pub const FUTURE_DATE: Rule = Rule {
    code: "future-date",
    default: LintLevel::Error,
    summary: "a `last_reviewed`, `last_tested`, exercise `date` or `verified` date after today (it would silence the rules above for years)",
    check: future_date,
};

fn overdue_review(cx: &Context) -> Vec<Diagnostic> {
    documents(cx.model)
        .filter(|d| d.control.status != Status::Retired && d.review_due < cx.today)
        .map(|d| {
            cx.finding(
                d.file,
                "control.last_reviewed",
                format!("{} `{}` was due for review on {}", d.what, d.id, d.review_due),
            )
            .with_hint("review it with its owner, then update `last_reviewed` (and `version` if it changed)")
        })
        .collect()
}

fn review_due_soon(cx: &Context) -> Vec<Diagnostic> {
    let soon = cx.today + chrono::Days::new(30);
    documents(cx.model)
        .filter(|d| d.control.status != Status::Retired)
        .filter(|d| d.review_due >= cx.today && d.review_due <= soon)
        .map(|d| {
            cx.finding(
                d.file,
                "control.last_reviewed",
                format!(
                    "{} `{}` is due for review on {}",
                    d.what, d.id, d.review_due
                ),
            )
            .with_hint("book the review with its owner now")
        })
        .collect()
}

/// A date of review, exercise or verification after today is a typing mistake (2062 for 2026)
/// that would silence `overdue-review`, `untested-fallback` or `stale-contact` for years.
fn future_date(cx: &Context) -> Vec<Diagnostic> {
    let mut dated: Vec<(NaiveDate, &Path, String, &str)> = Vec::new();
    for d in documents(cx.model) {
        dated.push((
            d.control.last_reviewed,
            d.file,
            "control.last_reviewed".into(),
            "reviewed",
        ));
        if let Some(t) = &d.control.last_tested {
            dated.push((
                t.date,
                d.file,
                "control.last_tested.date".into(),
                "exercised",
            ));
        }
    }
    for e in &cx.model.exercises {
        dated.push((e.date, &e.file, "date".into(), "exercised"));
    }
    for contact in &cx.model.contacts {
        if let Some(day) = contact.verified {
            let path = format!("{}.verified", contact.yaml_path);
            dated.push((day, &contact.file, path, "verified"));
        }
    }
    dated
        .into_iter()
        .filter(|(day, ..)| *day > cx.today)
        .map(|(day, file, path, what)| {
            cx.finding(
                file,
                path,
                format!("{what} on {day}, which is after today ({})", cx.today),
            )
            .with_hint("write the date it really happened (YYYY-MM-DD)")
        })
        .collect()
}
