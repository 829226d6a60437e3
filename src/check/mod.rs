//! Governance rules for `downtime check`: the evidence an auditor asks for (every critical
//! system has an approved, in-date, tested fallback with a named owner), judged against a date.
//!
//! Every rule is one entry of [`RULES`]: its code, default level, one-line summary and the check
//! itself, in one file per family under `rules/`. `check`, `check --help` and the README's table
//! all read this registry (a test keeps the README in step). To add a rule, write its check in
//! the family it belongs to and add one entry here.

mod rules;

use crate::diagnostic::{Diagnostic, Severity};
use crate::load::raw::LintLevel;
use crate::model::Model;
use chrono::NaiveDate;
use std::path::Path;

/// One governance rule.
pub struct Rule {
    /// Stable code, used in diagnostics and in a trust's `lints:` table.
    pub code: &'static str,
    /// Level unless the trust sets another.
    pub default: LintLevel,
    /// What it finds, in one line (for `--help` and the README).
    pub summary: &'static str,
    /// The check: every finding of this rule in the model.
    pub check: fn(&Context) -> Vec<Diagnostic>,
}

/// Every rule, in the order the README lists them.
pub const RULES: &[Rule] = &[
    rules::review::OVERDUE_REVIEW,
    rules::review::REVIEW_DUE_SOON,
    rules::ownership::MISSING_OWNER,
    rules::fallbacks::DRAFT_IN_PACK,
    rules::fallbacks::NO_FALLBACK,
    rules::fallbacks::UNTESTED_FALLBACK,
    rules::roles::IDLE_ROLE,
    rules::roles::ROLE_NOT_ON_WARD,
    rules::contacts::STALE_CONTACT,
    rules::review::FUTURE_DATE,
    rules::roles::UNUSED_ROLE,
    rules::scenarios::PLANNED_WITHOUT_COUNTDOWN,
    rules::flows::LOST_FLOW_WITHOUT_REENTRY,
    rules::kit::INPATIENT_WITHOUT_BEDS,
    rules::kit::KIT_BELOW_MINIMUM,
    rules::kit::KIT_FORM_MISMATCH,
    rules::kit::NUMBERS_WITHOUT_RANGE,
    rules::cascade::WARD_WITHOUT_CASCADE,
    rules::cascade::NO_LOCAL_ROUTE,
    rules::equipment::NO_DOWNTIME_PC,
    rules::equipment::PC_ON_ORDINARY_POWER,
    rules::copies::STALE_COPY,
    rules::copies::NEVER_ISSUED,
    rules::exercises::OVERDUE_ACTION,
    rules::exercises::SCENARIO_NOT_EXERCISED,
];

/// What a rule is judged on: the model and the day, and the printed copies when the check has
/// them.
pub struct Context<'a> {
    pub model: &'a Model,
    pub today: NaiveDate,
    pub copies: Option<Copies<'a>>,
    code: &'static str,
}

/// The register of issued copies and what each pack prints today.
#[derive(Clone, Copy)]
pub struct Copies<'a> {
    pub register: &'a crate::register::Register,
    pub copies: &'a [crate::register::copies::Copy],
}

impl Context<'_> {
    /// A finding of the rule being run, in `file` at `yaml_path`. Its severity is set by the
    /// trust's level for the rule when the findings are collected.
    pub fn finding(
        &self,
        file: &Path,
        yaml_path: impl Into<String>,
        message: String,
    ) -> Diagnostic {
        Diagnostic::error(self.code, file, message).at_path(yaml_path)
    }
}

/// Run every rule against `today`, at the levels the trust set.
pub fn lint(model: &Model, today: NaiveDate, copies: Option<Copies>) -> Vec<Diagnostic> {
    let mut diags = unknown_rules(model);
    for rule in RULES {
        let severity = match model.trust.lints.get(rule.code).unwrap_or(&rule.default) {
            LintLevel::Allow => continue,
            LintLevel::Warning => Severity::Warning,
            LintLevel::Error => Severity::Error,
        };
        let context = Context {
            model,
            today,
            copies,
            code: rule.code,
        };
        diags.extend(
            (rule.check)(&context)
                .into_iter()
                .map(|d| Diagnostic { severity, ..d }),
        );
    }
    diags
}

/// Unknown rule names in a trust's `lints:` table, with the nearest known name.
fn unknown_rules(model: &Model) -> Vec<Diagnostic> {
    let known: Vec<&str> = RULES.iter().map(|r| r.code).collect();
    model
        .trust
        .lints
        .keys()
        .filter(|k| !known.contains(&k.as_str()))
        .map(|k| {
            let hint = match crate::diagnostic::did_you_mean(k, known.iter().copied()) {
                Some(code) => {
                    format!("did you mean `{code}`? Rules are: {}", known.join(", "))
                }
                None => format!("rules are: {}", known.join(", ")),
            };
            Diagnostic::error(
                "unknown-lint",
                &model.trust.file,
                format!("unknown lint rule `{k}`"),
            )
            .at_path(format!("lints.{k}"))
            .with_hint(hint)
        })
        .collect()
}

fn level_name(level: LintLevel) -> &'static str {
    match level {
        LintLevel::Allow => "allow",
        LintLevel::Warning => "warning",
        LintLevel::Error => "error",
    }
}

/// The rules as plain text, for `downtime check --help`.
pub fn help_text() -> String {
    let mut text =
        String::from("Governance rules (set a level per rule in trust.yaml under `lints:`):\n");
    for rule in RULES {
        text.push_str(&format!(
            "  {:<18} {:<8} {}\n",
            rule.code,
            level_name(rule.default),
            rule.summary
        ));
    }
    text
}

/// The rules as the README's Markdown table.
pub fn markdown_table() -> String {
    let mut table = String::from("| code | default | finds |\n|---|---|---|\n");
    for rule in RULES {
        table.push_str(&format!(
            "| `{}` | {} | {} |\n",
            rule.code,
            level_name(rule.default),
            rule.summary
        ));
    }
    table
}
