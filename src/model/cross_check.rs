//! Checks across kinds, once every kind is resolved: each ward system has a ward fallback,
//! and no fallback or call cascade relies on what a scenario takes down.

use super::{Model, Scenario};
use crate::diagnostic::Diagnostic;
use crate::load::{raw, Kind, Loaded};

/// Every system a ward uses must have a live paper fallback: that is the point of the pack.
/// Checked only when every fallback file was read.
pub(super) fn coverage(loaded: &Loaded, model: &Model, diags: &mut Vec<Diagnostic>) {
    // With a fallback file unreadable, every ward using what it replaces would get an error of
    // its own telling the clinician to write a procedure that exists: say once instead.
    let unread_fallbacks = loaded
        .failed
        .iter()
        .filter(|(kind, _)| *kind == Kind::Procedure)
        .count();
    if unread_fallbacks == 0 {
        check_coverage(model, diags);
    } else {
        diags.push(
            Diagnostic::warning(
                "coverage-not-checked",
                &loaded.root.join(Kind::Procedure.folder()),
                format!("{unread_fallbacks} fallback file(s) could not be read, so whether every ward has a fallback for each system it uses was not checked"),
            )
            .with_hint("fix the errors in fallbacks/ first; the check runs again then"),
        );
    }
}

fn check_coverage(model: &Model, diags: &mut Vec<Diagnostic>) {
    for ward in &model.wards {
        for (i, used) in ward.systems.iter().enumerate() {
            let system = &model.components[used.system];
            let ward_fallbacks = system
                .fallbacks
                .iter()
                .filter(|&&p| model.procedures[p].scope == raw::Scope::Ward)
                .count();
            if system.system().is_some() && ward_fallbacks == 0 {
                diags.push(
                    Diagnostic::error(
                        "ward-without-fallback",
                        &ward.file,
                        format!("ward uses `{}` but no ward procedure replaces it", system.id),
                    )
                    .at_path(format!("systems[{i}].system"))
                    .with_hint(format!(
                        "add a procedure under fallbacks/ with `replaces: [{}]`, or remove the system from this ward",
                        system.id
                    )),
                );
            }
        }
    }
}

/// A fallback is useless if the outage it is for also takes down what it relies on ("phone
/// radiology" when the phones are down). Check every step that a pack for each scenario would
/// print, and that every contact in a call cascade keeps at least one working route.
pub(super) fn scenario_fallbacks(model: &Model, diags: &mut Vec<Diagnostic>) {
    let mut steps = Vec::new();
    for scenario in &model.scenarios {
        check_steps(model, scenario, &mut steps);
        check_cascades(model, scenario, diags);
    }
    diags.extend(once_per_place(steps));
}

/// One mistake, one error: a step that relies on the phones is one finding, however many
/// scenarios take the phones down. The first scenario's error stands and names the others.
fn once_per_place(found: Vec<(&str, Diagnostic)>) -> Vec<Diagnostic> {
    let mut out: Vec<(Diagnostic, Vec<&str>)> = Vec::new();
    for (scenario, d) in found {
        match out
            .iter_mut()
            .find(|(o, _)| o.file == d.file && o.yaml_path == d.yaml_path)
        {
            Some((_, others)) => others.push(scenario),
            None => out.push((d, Vec::new())),
        }
    }
    out.into_iter()
        .map(|(mut d, others)| {
            match others.len() {
                0 => {}
                1 => d
                    .message
                    .push_str(&format!("; so does scenario `{}`", others[0])),
                _ => d
                    .message
                    .push_str(&format!("; so do scenarios `{}`", others.join("`, `"))),
            }
            d
        })
        .collect()
}

/// The steps in play in `scenario` that rely on something it takes down.
/// Each finding is tagged with its scenario's id, so that one step is reported once.
fn check_steps<'m>(model: &Model, scenario: &'m Scenario, diags: &mut Vec<(&'m str, Diagnostic)>) {
    let radius = &scenario.radius;
    for p in &model.procedures {
        let in_play = p.control.status != raw::Status::Retired
            && (p.replaces.is_empty()
                || p.scope != raw::Scope::Ward
                || p.replaces.iter().any(|&c| radius.is_lost(c)));
        if !in_play {
            continue;
        }
        // Only steps done while the outage is on are judged against it: routine and
        // countdown steps come before it, recovery steps after it.
        let in_outage = super::Phase::ALL.into_iter().filter(|ph| ph.in_outage());
        for step in in_outage.flat_map(|phase| p.steps(phase)) {
            if !step.when.holds(radius) {
                continue;
            }
            let lost = step.relies_on.iter().any(|&c| radius.is_lost(c));
            let (needs, field, what, hint) = match &step.otherwise {
                Some(alt) if lost => (
                    &alt.relies_on,
                    "otherwise.relies_on",
                    "the alternative in procedure",
                    "the alternative must work in this outage too: a runner, radio, mobile, or in person",
                ),
                _ => (
                    &step.relies_on,
                    "relies_on",
                    "procedure",
                    "say what to do instead with `otherwise:` (runner, radio, mobile, in person), or limit the step with `when: { up: [...] }`",
                ),
            };
            for (i, &needed) in needs.iter().enumerate() {
                if radius.is_lost(needed) {
                    diags.push((
                        scenario.id.as_str(),
                        Diagnostic::error(
                            "fallback-needs-lost",
                            &p.file,
                            format!(
                                "in scenario `{}`, {what} `{}` relies on `{}`, which that scenario takes down ({})",
                                scenario.id,
                                p.id,
                                model.components[needed].id,
                                model.chain(radius, needed)
                            ),
                        )
                        .at_path(format!("{}.{field}[{i}]", step.yaml_path))
                        .with_hint(hint),
                    ));
                }
            }
        }
    }
}

/// The contacts in a call cascade left with no working route in `scenario`.
fn check_cascades(model: &Model, scenario: &Scenario, diags: &mut Vec<Diagnostic>) {
    let radius = &scenario.radius;
    let cascades = std::iter::once((&model.trust.cascade, &model.trust.file))
        .chain(model.sites.iter().map(|s| (&s.cascade, &s.file)));
    for (cascade, file) in cascades {
        for (i, step) in cascade.iter().enumerate() {
            for (j, &c) in step.contacts.iter().enumerate() {
                let contact = &model.contacts[c];
                if !contact.routes.iter().any(|r| model.route_works(r, radius)) {
                    diags.push(
                        Diagnostic::error(
                            "unreachable-in-scenario",
                            file,
                            format!(
                                "in scenario `{}`, contact `{}` in the call cascade has no route that still works",
                                scenario.id, contact.id
                            ),
                        )
                        .at_path(format!("cascade[{i}].contacts[{j}]"))
                        .with_hint("add a mobile, radio or runner route to the contact"),
                    );
                }
            }
        }
    }
}

/// Flows join systems, and a step enters again only what was lost: a queued flow arrives by
/// itself when systems return, so entering it by hand would duplicate it.
pub(super) fn flows(model: &Model, diags: &mut Vec<Diagnostic>) {
    for i in &model.interfaces {
        for (end, c) in [("from", i.from), ("to", i.to)] {
            if model.components[c].system().is_none() {
                diags.push(
                    Diagnostic::error("not-a-system", &i.file, format!("interface `{}` flows {end} `{}`, which is infrastructure, not a system", i.id, model.components[c].id))
                        .at_path(end)
                        .with_hint("name the systems at each end; put what it passes through under `relies_on`"),
                );
            }
        }
    }
    for p in &model.procedures {
        for step in super::Phase::ALL.into_iter().flat_map(|ph| p.steps(ph)) {
            for (k, &i) in step.reenters.iter().enumerate() {
                let flow = &model.interfaces[i];
                if flow.when_down == super::FlowLoss::Queued {
                    diags.push(
                        Diagnostic::error("reenters-queued-flow", &p.file, format!("`{}` is queued while it is down and arrives by itself: entering it again by hand would duplicate it", flow.id))
                            .at_path(format!("{}.reenters[{k}]", step.yaml_path))
                            .with_hint("remove it from `reenters`, or set the interface's `when_down: lost` if its messages are not kept"),
                    );
                }
            }
        }
    }
}
