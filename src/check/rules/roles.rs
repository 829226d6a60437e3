//! Roles: every role on a ward has something to do, and every role is used somewhere.

use super::super::{Context, Rule};
use crate::diagnostic::Diagnostic;
use crate::load::raw::LintLevel;

pub const IDLE_ROLE: Rule = Rule {
    code: "idle-role",
    default: LintLevel::Warning,
    summary: "a role on a ward with no steps in that ward's procedures",
    check: idle_role,
};

pub const UNUSED_ROLE: Rule = Rule {
    code: "unused-role",
    default: LintLevel::Warning,
    summary: "a trust role that no ward, step, escalation, cascade or contact uses",
    check: unused_role,
};

pub const ROLE_NOT_ON_WARD: Rule = Rule {
    code: "role-not-on-ward",
    default: LintLevel::Warning,
    summary: "steps in a ward's procedures for a role the ward neither has nor maps with `acts_as`",
    check: role_not_on_ward,
};

/// A step for a role the ward does not have is on nobody's action card there: at 3 a.m. no
/// one does it. One finding per ward and role, however many steps.
fn role_not_on_ward(cx: &Context) -> Vec<Diagnostic> {
    let model = cx.model;
    let mut found = Vec::new();
    for (w, ward) in model.wards.iter().enumerate() {
        let mut missing: Vec<(usize, usize)> = Vec::new();
        let steps = (model.ward_procedures(w).into_iter())
            .flat_map(|p| model.procedures[p].phases.iter().flatten());
        for step in steps {
            let role = ward.acting(step.role);
            if ward.roles.contains(&role) {
                continue;
            }
            match missing.iter_mut().find(|(r, _)| *r == role) {
                Some((_, n)) => *n += 1,
                None => missing.push((role, 1)),
            }
        }
        for (role, steps) in missing {
            let id = &model.roles[role].id;
            found.push(
                cx.finding(
                    &ward.file,
                    "roles",
                    format!(
                        "{steps} step(s) in the procedures ward `{}` uses are for role `{id}`, which the ward does not have: they are on nobody's action card there",
                        ward.id
                    ),
                )
                .with_hint(format!(
                    "add `{id}` to the ward's roles, or say which of its roles does them: `acts_as: {{ {id}: <role> }}`"
                )),
            );
        }
    }
    found
}

fn idle_role(cx: &Context) -> Vec<Diagnostic> {
    let model = cx.model;
    let mut found = Vec::new();
    for (w, ward) in model.wards.iter().enumerate() {
        for (i, &role) in ward.roles.iter().enumerate() {
            if !model.role_has_steps(w, role) {
                found.push(
                    cx.finding(
                        &ward.file,
                        format!("roles[{i}]"),
                        format!(
                            "role `{}` on ward `{}` has no steps in the ward's procedures",
                            model.roles[role].id, ward.id
                        ),
                    )
                    .with_hint("give the role steps in a procedure the ward uses, or remove it from the ward"),
                );
            }
        }
    }
    found
}

/// A role nothing refers to is usually a leftover, or a misspelling of one that is used.
fn unused_role(cx: &Context) -> Vec<Diagnostic> {
    let model = cx.model;
    let mut used = vec![false; model.roles.len()];
    for step in model
        .procedures
        .iter()
        .flat_map(|p| p.phases.iter().flatten())
    {
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
    model
        .roles
        .iter()
        .enumerate()
        .filter(|(i, _)| !used[*i])
        .map(|(i, role)| {
            cx.finding(
                &model.trust.file,
                format!("roles[{i}]"),
                format!(
                    "role `{}` is not used by any ward, step, cascade or contact",
                    role.id
                ),
            )
            .with_hint("give it to the wards and steps it belongs to, or remove it")
        })
        .collect()
}
