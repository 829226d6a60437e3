//! Contacts: numbers that were called recently enough to trust.

use super::super::{Context, Rule};
use crate::diagnostic::Diagnostic;
use crate::load::raw::LintLevel;
use chrono::Months;

pub const STALE_CONTACT: Rule = Rule {
    code: "stale-contact",
    default: LintLevel::Warning,
    summary: "numbers never verified, or not within `contact_check_months` (default 6)",
    check: stale_contact,
};

fn stale_contact(cx: &Context) -> Vec<Diagnostic> {
    let months = cx.model.trust.contact_check_months.unwrap_or(6);
    cx.model
        .contacts
        .iter()
        .filter_map(|contact| {
            let stale = match contact.verified {
                None => "has never been verified".to_string(),
                Some(d)
                    if d.checked_add_months(Months::new(months))
                        .is_some_and(|due| due < cx.today) =>
                {
                    format!("was last verified on {d}, more than {months} months ago")
                }
                Some(_) => return None,
            };
            Some(
                cx.finding(
                    &contact.file,
                    format!("{}.verified", contact.yaml_path),
                    format!("contact `{}` {stale}", contact.id),
                )
                .with_hint("call every number, fix any that fail, and set `verified:` to today"),
            )
        })
        .collect()
}
