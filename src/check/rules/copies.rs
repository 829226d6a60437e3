//! Printed copies: the boxes the register says hold an outdated copy, and the boxes it has no
//! record of. Judged only when the check has the register and the packs' codes (see
//! [`crate::register`]).

use super::super::{Context, Rule};
use crate::diagnostic::Diagnostic;
use crate::load::raw::LintLevel;
use crate::pack::PackKind;
use crate::register::status;

pub const STALE_COPY: Rule = Rule {
    code: "stale-copy",
    default: LintLevel::Warning,
    summary: "a downtime box whose issued copy has not been what the YAML builds for more than the trust's `reprint_within_days` (default 14)",
    check: stale_copy,
};

pub const NEVER_ISSUED: Rule = Rule {
    code: "never-issued",
    default: LintLevel::Warning,
    summary: "a ward or hospital pack the register (`issued.yaml`) has no printed copy of, once the trust keeps one",
    check: never_issued,
};

fn stale_copy(cx: &Context) -> Vec<Diagnostic> {
    let Some(copies) = cx.copies else {
        return Vec::new();
    };
    let days = i64::from(cx.model.trust.reprint_within_days);
    let edition = cx.model.trust.edition.date;
    status::reprints(copies.register, copies.copies)
        .into_iter()
        .filter_map(|r| {
            // From the later of the issue and the edition: a new edition restarts the clock
            // for every box it changed.
            let since = r.issued_on.max(edition);
            let late = (cx.today - since).num_days();
            (late > days).then(|| {
                let finding = cx
                    .finding(
                        &copies.register.file,
                        "",
                        format!(
                            "the box for `{}` holds a copy (code {}, issued {}) that is no longer what the YAML builds, {late} days on (more than the {days} allowed); {}",
                            r.pack,
                            r.issued_code,
                            r.issued_on,
                            r.summary()
                        ),
                    )
                    .with_hint(format!(
                        "print it again, place it in the box, then record it: downtime issue {} --by NAME",
                        r.pack
                    ));
                copies.register.at(finding, r.entry, "code")
            })
        })
        .collect()
}

fn never_issued(cx: &Context) -> Vec<Diagnostic> {
    let Some(copies) = cx.copies else {
        return Vec::new();
    };
    // A trust that has not started a register is not told about every box at once.
    if copies.register.entries.is_empty() {
        return Vec::new();
    }
    status::never_issued(copies.register, copies.copies)
        .into_iter()
        .filter_map(|copy| {
            let file = match copy.kind {
                PackKind::Ward(w) => &cx.model.wards[w].file,
                PackKind::Site(s) => &cx.model.sites[s].file,
                _ => return None,
            };
            Some(
                cx.finding(
                    file,
                    "id",
                    format!(
                        "no printed copy of `{}` is recorded in the register",
                        copy.pack
                    ),
                )
                .with_hint(format!(
                    "print it, place it in its box, then record it: downtime issue {} --by NAME",
                    copy.pack
                )),
            )
        })
        .collect()
}
