//! Stage 2, **validate**: check ids and cross-references and link the raw files into a [`Model`].
//!
//! Every problem becomes a diagnostic naming the file and YAML path; resolution carries on past
//! errors so that one run reports all of them. A model is returned only when there were none.
//! Each kind resolves itself in its own module; this function is the list of them, in the
//! order each needs the others (wards need components, scenarios their dependency graph).

use super::ids::Namespaces;
use super::{
    component, consistency, contact, cross_check, exercise, form, interface, procedure, reference,
    scenario, site,
};
use super::{trust, ward, Model};
use crate::diagnostic::Diagnostic;
use crate::load::Loaded;

/// Link the loaded files into a model, or return `None` after reporting every problem.
pub fn resolve(loaded: &Loaded, diags: &mut Vec<Diagnostic>) -> Option<Model> {
    let errors_before = count_errors(diags);
    // Without the trust file there are no roles to check against; the loader has said why.
    let raw_trust = loaded.trust.as_ref()?;
    let contact_entries = contact::gather(raw_trust, loaded);

    // Pass 1: every id, so references can point forwards and across files.
    let ids = Namespaces::define(loaded, raw_trust, &contact_entries, diags);

    // Pass 2: resolve references, kind by kind.
    let review_months = raw_trust.value.review_interval_months;
    let contacts = contact::resolve(&contact_entries, &ids, diags);
    let trust = trust::resolve(raw_trust, &contacts, &ids, diags);
    let mut sites = site::resolve(&loaded.sites, &contacts, &ids, diags);
    let mut components = component::resolve(loaded, &ids, diags);
    let wards = ward::resolve(
        &loaded.wards,
        &contacts,
        &components,
        trust.kit_minimum_hours,
        &ids,
        diags,
    );
    let forms = form::resolve(&loaded.forms, review_months, diags);
    let procedures = procedure::resolve(&loaded.procedures, review_months, &ids, diags);
    component::link_fallbacks(&mut components, &procedures);
    site::link_wards(&mut sites, &wards);
    let scenarios = scenario::resolve(&loaded.scenarios, &components, &ids, diags);
    let interfaces = interface::resolve(&loaded.interfaces, &ids, diags);
    let references = reference::resolve(&loaded.references, review_months, &ids, diags);
    let exercises = exercise::resolve(&loaded.exercises, &ids, diags);
    let model = Model {
        trust,
        roles: raw_trust.value.roles.clone(),
        contacts,
        sites,
        wards,
        components,
        procedures,
        forms,
        scenarios,
        interfaces,
        references,
        exercises,
    };

    // Checks across kinds, on the linked model. Diagnostics are sorted before they are
    // reported, so the order they are found in does not show.
    cross_check::coverage(loaded, &model, diags);
    cross_check::scenario_fallbacks(&model, diags);
    cross_check::flows(&model, diags);
    let ranges: Vec<_> = (model.sites.iter().flat_map(|s| &s.numbering))
        .chain(model.wards.iter().flat_map(|w| &w.numbering))
        .collect();
    super::numbering::check_overlaps(&ranges, diags);
    if count_errors(diags) == errors_before {
        consistency::check(&model, diags);
    }
    (count_errors(diags) == errors_before).then_some(model)
}

fn count_errors(diags: &[Diagnostic]) -> usize {
    diags.iter().filter(|d| d.is_error()).count()
}
