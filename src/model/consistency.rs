//! Data that links up but can never be right: a call cascade where someone calls themselves,
//! calls the same contact twice or calls nobody, and a scenario that fails nothing. Each would
//! print a pack that misleads the person reading it at 3 a.m.
//!
//! Runs on the resolved model, once every id is known to exist, so one mistake is reported once.

use super::{Cascade, Model};
use crate::diagnostic::Diagnostic;
use std::path::Path;

/// Report every cascade step and scenario that cannot be right.
pub fn check(model: &Model, diags: &mut Vec<Diagnostic>) {
    check_cascade(model, &model.trust.cascade, &model.trust.file, diags);
    for site in &model.sites {
        check_cascade(model, &site.cascade, &site.file, diags);
    }
    for scenario in model.scenarios.iter().filter(|s| s.fails.is_empty()) {
        diags.push(
            Diagnostic::error(
                "empty-scenario",
                &scenario.file,
                format!("scenario `{}` fails nothing", scenario.id),
            )
            .at_path("fails")
            .with_hint(
                "list the systems or infrastructure that fail, e.g. `fails: [core-network]`",
            ),
        );
    }
}

fn check_cascade(model: &Model, cascade: &[Cascade], file: &Path, diags: &mut Vec<Diagnostic>) {
    for (i, step) in cascade.iter().enumerate() {
        let role = &model.roles[step.caller];
        let caller = format!("{} (`{}`)", role.name, role.id);
        if step.contacts.is_empty() {
            diags.push(
                Diagnostic::error(
                    "bad-cascade",
                    file,
                    format!("{caller} has nobody to call in this cascade step"),
                )
                .at_path(format!("cascade[{i}].contacts"))
                .with_hint("list the contacts to call, in order of preference"),
            );
        }
        for (j, &c) in step.contacts.iter().enumerate() {
            let contact = &model.contacts[c];
            let path = format!("cascade[{i}].contacts[{j}]");
            if step.contacts[..j].contains(&c) {
                diags.push(
                    Diagnostic::error(
                        "bad-cascade",
                        file,
                        format!(
                            "contact `{}` is listed twice in this cascade step",
                            contact.id
                        ),
                    )
                    .at_path(path)
                    .with_hint("list each contact once, in order of preference"),
                );
            } else if contact.role == Some(step.caller) {
                diags.push(
                    Diagnostic::error(
                        "bad-cascade",
                        file,
                        format!(
                            "{caller} is told to call `{}`, who holds the same role: they would call themselves",
                            contact.id
                        ),
                    )
                    .at_path(path)
                    .with_hint("the caller should call someone above or beside them, such as the site manager or the IT service desk"),
                );
            }
        }
    }
}
