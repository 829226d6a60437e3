//! Call cascades as a ward lives them: someone on the ward has a line to call, and the people
//! it calls can be reached from this hospital when the phones are down.

use super::super::{Context, Rule};
use crate::diagnostic::Diagnostic;
use crate::load::raw::LintLevel;

pub const WARD_WITHOUT_CASCADE: Rule = Rule {
    code: "ward-without-cascade",
    default: LintLevel::Warning,
    summary: "a ward none of whose roles is a caller in its site's or the trust's call cascade (its pack would tell nobody whom to call)",
    check: ward_without_cascade,
};

pub const NO_LOCAL_ROUTE: Rule = Rule {
    code: "no-local-route",
    default: LintLevel::Warning,
    summary: "a contact a ward calls whose only routes without phones (runner, radio) lead to another site",
    check: no_local_route,
};

fn ward_without_cascade(cx: &Context) -> Vec<Diagnostic> {
    let model = cx.model;
    model
        .wards
        .iter()
        .filter(|w| {
            let site = &model.sites[w.site];
            !(site.cascade.iter().chain(&model.trust.cascade)).any(|c| w.roles.contains(&c.caller))
        })
        .map(|w| {
            cx.finding(&w.file, "roles", format!("no role on `{}` is a caller in the call cascade, so its pack says nobody whom to call", w.id))
                .with_hint("add a cascade line for one of the ward's roles to its site's `cascade` (e.g. `caller: midwife-in-charge`)")
        })
        .collect()
}

fn no_local_route(cx: &Context) -> Vec<Diagnostic> {
    let model = cx.model;
    let mut found = Vec::new();
    for ward in &model.wards {
        let site = &model.sites[ward.site];
        let lines = site
            .cascade
            .iter()
            .filter(|c| ward.roles.contains(&c.caller));
        let mut seen = Vec::new();
        for &c in lines.flat_map(|l| &l.contacts) {
            let contact = &model.contacts[c];
            let without_phones: Vec<_> = contact
                .routes
                .iter()
                .filter(|r| r.works_without_phones())
                .collect();
            let usable = without_phones
                .iter()
                .any(|r| model.route_usable_from(c, r, ward.site));
            if !without_phones.is_empty() && !usable && !seen.contains(&c) {
                seen.push(c);
                found.push(
                    cx.finding(
                        &ward.file,
                        "site",
                        format!(
                            "`{}` calls `{}`, whose only routes without phones lead to another site",
                            ward.id, contact.id
                        ),
                    )
                    .with_hint("give the contact a mobile, or put a contact on this site first in the cascade"),
                );
            }
        }
    }
    found
}
