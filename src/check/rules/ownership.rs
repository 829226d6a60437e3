//! Accountability: every controlled document names who owns and who approved it.

use super::super::{Context, Rule};
use super::documents;
use crate::diagnostic::Diagnostic;
use crate::load::raw::{LintLevel, Status};

pub const MISSING_OWNER: Rule = Rule {
    code: "missing-owner",
    default: LintLevel::Error,
    summary: "no named owner or approver (blank, TBC, TBD)",
    check: missing_owner,
};

/// Placeholders people type when they do not know yet.
fn is_placeholder(name: &str) -> bool {
    let name = name.trim().to_lowercase();
    name.is_empty() || ["tbc", "tbd", "unknown", "n/a"].contains(&name.as_str())
}

fn missing_owner(cx: &Context) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for d in documents(cx.model).filter(|d| d.control.status != Status::Retired) {
        for (field, value) in [
            ("owner", &d.control.owner),
            ("approver", &d.control.approver),
        ] {
            if is_placeholder(value) {
                found.push(
                    cx.finding(
                        d.file,
                        format!("control.{field}"),
                        format!("{} `{}` has no named {field}", d.what, d.id),
                    )
                    .with_hint("name the accountable post, e.g. `Matron, Acute Medicine`"),
                );
            }
        }
    }
    found
}
