//! Stage 2, **validate**: check ids and cross-references and link the raw files into a [`Model`].
//!
//! Every problem becomes a diagnostic naming the file and YAML path; resolution carries on past
//! errors so that one run reports all of them. A model is returned only when there were none.

use super::*;
use crate::diagnostic::Diagnostic;
use crate::load::{Kind, Loaded, Sourced};
use std::collections::HashMap;
use std::path::Path;

/// One id namespace (roles, wards, systems...): where each id was defined.
struct Ids {
    kind: &'static str,
    map: HashMap<String, usize>,
    files: Vec<PathBuf>,
    /// Ids of files that failed to load: references to them are not errors of their own.
    unloaded: Vec<String>,
}

impl Ids {
    fn new(kind: &'static str) -> Self {
        Ids {
            kind,
            map: HashMap::new(),
            files: Vec::new(),
            unloaded: Vec::new(),
        }
    }

    /// Record an id defined at `file`/`path`; reports bad spelling and duplicates.
    fn define(&mut self, id: &str, file: &Path, path: &str, diags: &mut Vec<Diagnostic>) {
        check_id_format(id, self.kind, file, path, diags);
        let ix = self.files.len();
        self.files.push(file.to_path_buf());
        if let Some(&first) = self.map.get(id) {
            diags.push(
                Diagnostic::error(
                    "duplicate-id",
                    file,
                    format!(
                        "{} id `{id}` is already used in {}",
                        self.kind,
                        self.files[first].display()
                    ),
                )
                .at_path(path)
                .with_hint("every id must be unique; rename one of them"),
            );
        } else {
            self.map.insert(id.to_string(), ix);
        }
    }

    /// Look up a reference, reporting an unknown id with the ids that do exist.
    fn find(
        &self,
        id: &str,
        file: &Path,
        path: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<usize> {
        if let Some(&ix) = self.map.get(id) {
            return Some(ix);
        }
        if self.unloaded.iter().any(|u| u == id) {
            return None;
        }
        let mut known: Vec<&str> = self.map.keys().map(String::as_str).collect();
        known.sort_unstable();
        let near = crate::diagnostic::did_you_mean(id, known.iter().copied())
            .map(|near| format!("did you mean `{near}`? "))
            .unwrap_or_default();
        let hint = if known.is_empty() {
            format!("no {} is defined yet", self.kind)
        } else if known.len() <= 15 {
            format!("{near}known {}s: {}", self.kind, known.join(", "))
        } else {
            format!(
                "{near}{} {}s are defined; check the spelling",
                known.len(),
                self.kind
            )
        };
        diags.push(
            Diagnostic::error("unknown-id", file, format!("unknown {} `{id}`", self.kind))
                .at_path(path)
                .with_hint(hint),
        );
        None
    }

    fn find_all(
        &self,
        ids: &[String],
        file: &Path,
        path: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> Vec<usize> {
        ids.iter()
            .enumerate()
            .filter_map(|(i, id)| self.find(id, file, &format!("{path}[{i}]"), diags))
            .collect()
    }
}

/// Names Windows refuses as file names, whatever the extension: packs are opened on ward PCs.
fn is_reserved_name(id: &str) -> bool {
    matches!(id, "con" | "prn" | "aux" | "nul")
        || ((id.starts_with("com") || id.starts_with("lpt"))
            && id.len() == 4
            && id.as_bytes()[3].is_ascii_digit())
}

/// Whether `id` is a valid id: 1-64 lowercase letters, digits and single hyphens, not
/// starting or ending with a hyphen, and not a reserved device name. Ids become file names.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && !is_reserved_name(id)
}

/// Ids are used in file names and links: lowercase letters, digits and single hyphens.
fn check_id_format(id: &str, kind: &str, file: &Path, path: &str, diags: &mut Vec<Diagnostic>) {
    if !is_valid_id(id) {
        diags.push(
            Diagnostic::error(
                "bad-id",
                file,
                format!("{kind} id `{}` is not a valid id", id.escape_debug()),
            )
            .at_path(path)
            .with_hint("use 1-64 lowercase letters, digits and single hyphens, e.g. `ward-7b`"),
        );
    }
}

/// Link the loaded files into a model, or return `None` after reporting every problem.
pub fn resolve(loaded: &Loaded, diags: &mut Vec<Diagnostic>) -> Option<Model> {
    let errors_before = diags.iter().filter(|d| d.is_error()).count();
    // Without the trust file there are no roles to check against; the loader has said why.
    let trust = loaded.trust.as_ref()?;

    // Pass 1: every id, so references can point forwards and across files.
    let mut roles = Ids::new("role");
    let mut contacts = Ids::new("contact");
    let mut sites = Ids::new("site");
    let mut wards = Ids::new("ward");
    let mut components = Ids::new("system or infrastructure component");
    let mut procedures = Ids::new("procedure");
    let mut forms = Ids::new("form");
    let mut scenarios = Ids::new("scenario");

    let t = &trust.value;
    for (i, role) in t.roles.iter().enumerate() {
        roles.define(&role.id, &trust.file, &format!("roles[{i}].id"), diags);
    }
    let mut contact_list: Vec<(&raw::Contact, &Path, String, ContactScope)> = Vec::new();
    for (i, c) in t.contacts.iter().enumerate() {
        contact_list.push((
            c,
            &trust.file,
            format!("contacts[{i}]"),
            ContactScope::Trust,
        ));
    }
    for (s, site) in loaded.sites.iter().enumerate() {
        sites.define(&site.value.id, &site.file, "id", diags);
        check_file_name(site, &site.value.id, diags);
        for (i, c) in site.value.contacts.iter().enumerate() {
            contact_list.push((
                c,
                &site.file,
                format!("contacts[{i}]"),
                ContactScope::Site(s),
            ));
        }
    }
    for (w, ward) in loaded.wards.iter().enumerate() {
        wards.define(&ward.value.id, &ward.file, "id", diags);
        check_file_name(ward, &ward.value.id, diags);
        for (i, c) in ward.value.contacts.iter().enumerate() {
            contact_list.push((
                c,
                &ward.file,
                format!("contacts[{i}]"),
                ContactScope::Ward(w),
            ));
        }
    }
    for (c, file, path, _) in &contact_list {
        contacts.define(&c.id, file, &format!("{path}.id"), diags);
    }
    for system in &loaded.systems {
        components.define(&system.value.id, &system.file, "id", diags);
        check_file_name(system, &system.value.id, diags);
    }
    for infra in &loaded.infrastructure {
        components.define(&infra.value.id, &infra.file, "id", diags);
        check_file_name(infra, &infra.value.id, diags);
    }
    for p in &loaded.procedures {
        procedures.define(&p.value.id, &p.file, "id", diags);
        check_file_name(p, &p.value.id, diags);
    }
    for f in &loaded.forms {
        forms.define(&f.value.id, &f.file, "id", diags);
        check_file_name(f, &f.value.id, diags);
    }
    for sc in &loaded.scenarios {
        scenarios.define(&sc.value.id, &sc.file, "id", diags);
        check_file_name(sc, &sc.value.id, diags);
    }

    for (kind, stem) in &loaded.failed {
        let ids = match kind {
            Kind::Site => &mut sites,
            Kind::Ward => &mut wards,
            Kind::System | Kind::Infrastructure => &mut components,
            Kind::Procedure => &mut procedures,
            Kind::Form => &mut forms,
            Kind::Scenario => &mut scenarios,
        };
        ids.unloaded.push(stem.clone());
    }

    // Pass 2: resolve references.
    let resolved_contacts: Vec<Contact> = contact_list
        .iter()
        .map(|(c, file, path, scope)| {
            if c.routes.is_empty() {
                diags.push(
                    Diagnostic::error(
                        "no-route",
                        file,
                        format!("contact `{}` has no way to reach them", c.id),
                    )
                    .at_path(format!("{path}.routes"))
                    .with_hint("add at least one route, and one that works without phones"),
                );
            }
            Contact {
                id: c.id.clone(),
                name: c.name.to_string(),
                role: c
                    .role
                    .as_ref()
                    .and_then(|r| roles.find(r, file, &format!("{path}.role"), diags)),
                routes: c
                    .routes
                    .iter()
                    .enumerate()
                    .map(|(r, route)| Route {
                        kind: route.kind,
                        value: route.value.to_string(),
                        relies_on: components.find_all(
                            &route.relies_on,
                            file,
                            &format!("{path}.routes[{r}].relies_on"),
                            diags,
                        ),
                    })
                    .collect(),
                notes: c.notes.to_string(),
                scope: *scope,
                verified: c.verified,
                file: file.to_path_buf(),
                yaml_path: path.clone(),
            }
        })
        .collect();

    let cascade =
        |steps: &[raw::CascadeStep], file: &Path, diags: &mut Vec<Diagnostic>| -> Vec<Cascade> {
            steps
                .iter()
                .enumerate()
                .filter_map(|(i, step)| {
                    let caller =
                        roles.find(&step.caller, file, &format!("cascade[{i}].caller"), diags);
                    let called = contacts.find_all(
                        &step.contacts,
                        file,
                        &format!("cascade[{i}].contacts"),
                        diags,
                    );
                    Some(Cascade {
                        caller: caller?,
                        contacts: called,
                        when: step.when.to_string(),
                    })
                })
                .collect()
        };

    let trust_model = Trust {
        name: t.name.to_string(),
        code: t.code.to_string(),
        edition: t.edition.clone(),
        review_interval_months: t.review_interval_months,
        contacts: (0..resolved_contacts.len())
            .filter(|&c| resolved_contacts[c].scope == ContactScope::Trust)
            .collect(),
        cascade: cascade(&t.cascade, &trust.file, diags),
        contact_check_months: t.contact_check_months,
        lints: t.lints.clone(),
        file: trust.file.clone(),
    };

    let mut site_models: Vec<Site> = loaded
        .sites
        .iter()
        .enumerate()
        .map(|(s, site)| Site {
            id: site.value.id.clone(),
            name: site.value.name.to_string(),
            kind: site.value.kind,
            address: site.value.address.to_string(),
            switchboard: site.value.switchboard.to_string(),
            command_post: site.value.command_post.to_string(),
            contacts: (0..resolved_contacts.len())
                .filter(|&c| resolved_contacts[c].scope == ContactScope::Site(s))
                .collect(),
            cascade: cascade(&site.value.cascade, &site.file, diags),
            equipment: site.value.equipment.clone(),
            wards: Vec::new(),
            file: site.file.clone(),
        })
        .collect();

    let component_models = resolve_components(loaded, &components, diags);

    let ward_models: Vec<Ward> = loaded
        .wards
        .iter()
        .enumerate()
        .map(|(w, ward)| {
            let v = &ward.value;
            let site = sites.find(&v.site, &ward.file, "site", diags);
            let systems = v
                .systems
                .iter()
                .enumerate()
                .filter_map(|(i, used)| {
                    let path = format!("systems[{i}].system");
                    let system = components.find(&used.system, &ward.file, &path, diags)?;
                    if component_models.get(system).is_some_and(|c| c.system().is_none()) {
                        diags.push(
                            Diagnostic::error(
                                "not-a-system",
                                &ward.file,
                                format!("`{}` is infrastructure, not a system staff use", used.system),
                            )
                            .at_path(path)
                            .with_hint("list the systems staff log in to; infrastructure belongs in their depends_on"),
                        );
                    }
                    Some(WardSystem {
                        system,
                        notes: used.notes.to_string(),
                    })
                })
                .collect();
            Ward {
                id: v.id.clone(),
                site: site.unwrap_or(0),
                name: v.name.to_string(),
                kind: v.kind,
                location: v.location.to_string(),
                systems,
                kit: v.kit.clone(),
                roles: roles.find_all(&v.roles, &ward.file, "roles", diags),
                contacts: (0..resolved_contacts.len())
                    .filter(|&c| resolved_contacts[c].scope == ContactScope::Ward(w))
                    .collect(),
                file: ward.file.clone(),
            }
        })
        .collect();

    let form_models: Vec<Form> = loaded
        .forms
        .iter()
        .map(|f| Form {
            id: f.value.id.clone(),
            title: f.value.title.to_string(),
            purpose: f.value.purpose.to_string(),
            copies: f.value.copies,
            layout: f.value.layout.to_vec(),
            control: f.value.control.clone(),
            review_due: review_due(&f.value.control, t.review_interval_months, &f.file, diags),
            file: f.file.clone(),
        })
        .collect();

    let procedure_models: Vec<Procedure> = loaded
        .procedures
        .iter()
        .map(|p| {
            resolve_procedure(
                p,
                t.review_interval_months,
                &roles,
                &components,
                &forms,
                diags,
            )
        })
        .collect();

    let mut model = Model {
        trust: trust_model,
        roles: t.roles.clone(),
        contacts: resolved_contacts,
        sites: Vec::new(),
        wards: ward_models,
        components: component_models,
        procedures: procedure_models,
        forms: form_models,
        scenarios: Vec::new(),
    };
    link_fallbacks(&mut model);
    for (w, ward) in model.wards.iter().enumerate() {
        if let Some(site) = site_models.get_mut(ward.site) {
            site.wards.push(w);
        }
    }
    for site in &mut site_models {
        site.wards
            .sort_by(|&a, &b| model.wards[a].id.cmp(&model.wards[b].id));
    }
    model.sites = site_models;
    // With a fallback file unreadable, every ward using what it replaces would get an error of
    // its own telling the clinician to write a procedure that exists: say once instead.
    let unread_fallbacks = loaded
        .failed
        .iter()
        .filter(|(kind, _)| *kind == Kind::Procedure)
        .count();
    if unread_fallbacks == 0 {
        check_coverage(&model, diags);
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
    let graph = model.dependency_graph();
    model.scenarios = loaded
        .scenarios
        .iter()
        .map(|sc| {
            let v = &sc.value;
            let fails = components.find_all(&v.fails, &sc.file, "fails", diags);
            let duration = duration::parse_minutes(&v.expected_duration);
            if duration.is_none() {
                diags.push(
                    Diagnostic::error(
                        "bad-duration",
                        &sc.file,
                        format!("`{}` is not a duration", v.expected_duration),
                    )
                    .at_path("expected_duration")
                    .with_hint("write e.g. `30m`, `8h` or `2d`"),
                );
            }
            Scenario {
                id: v.id.clone(),
                name: v.name.to_string(),
                kind: v.kind,
                duration_text: duration.map(duration::describe).unwrap_or_default(),
                radius: graph::blast_radius(&graph, &fails),
                fails,
                description: v.description.to_string(),
                instructions: v.instructions.iter().map(ToString::to_string).collect(),
                file: sc.file.clone(),
            }
        })
        .collect();
    for scenario in &model.scenarios {
        check_fallbacks_in_scenario(&model, scenario, diags);
    }
    if diags.iter().filter(|d| d.is_error()).count() == errors_before {
        super::consistency::check(&model, diags);
    }

    let errors_after = diags.iter().filter(|d| d.is_error()).count();
    (errors_after == errors_before).then_some(model)
}

/// A file named after its id keeps diffs and reviews easy to follow.
fn check_file_name<T>(item: &Sourced<T>, id: &str, diags: &mut Vec<Diagnostic>) {
    let stem = item.file.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if stem != id {
        diags.push(
            Diagnostic::warning(
                "file-name",
                &item.file,
                format!("file name `{stem}` does not match its id `{id}`"),
            )
            .at_path("id")
            .with_hint(format!(
                "rename the file to `{id}.yaml` so reviewers find it by id"
            )),
        );
    }
}

fn review_due(
    control: &raw::DocControl,
    default_months: u32,
    file: &Path,
    diags: &mut Vec<Diagnostic>,
) -> NaiveDate {
    let months = control.review_interval_months.unwrap_or(default_months);
    match control
        .last_reviewed
        .checked_add_months(chrono::Months::new(months))
    {
        Some(date) => date,
        None => {
            diags.push(
                Diagnostic::error(
                    "bad-interval",
                    file,
                    format!("review interval of {months} months is out of range"),
                )
                .at_path("control.review_interval_months"),
            );
            control.last_reviewed
        }
    }
}

fn resolve_components(loaded: &Loaded, ids: &Ids, diags: &mut Vec<Diagnostic>) -> Vec<Component> {
    let mut out = Vec::new();
    for system in &loaded.systems {
        let v = &system.value;
        let mtd = duration::parse_minutes(&v.max_tolerable_downtime);
        if mtd.is_none() {
            diags.push(
                Diagnostic::error(
                    "bad-duration",
                    &system.file,
                    format!("`{}` is not a duration", v.max_tolerable_downtime),
                )
                .at_path("max_tolerable_downtime")
                .with_hint(
                    "write minutes, hours or days with a unit, e.g. `30m`, `4h`, `1h30m`, `2d`",
                ),
            );
        }
        if !(1..=4).contains(&v.tier.0) {
            diags.push(
                Diagnostic::error(
                    "bad-tier",
                    &system.file,
                    format!("tier {} is out of range", v.tier.0),
                )
                .at_path("tier")
                .with_hint("use 1 (life-critical) to 4 (can wait days)"),
            );
        }
        out.push(Component {
            id: v.id.clone(),
            name: v.name.to_string(),
            kind: ComponentKind::System(SystemInfo {
                short_name: v.short_name.to_string(),
                category: v.category.to_string(),
                supplier: v.supplier.to_string(),
                tier: v.tier.0,
                mtd_minutes: mtd.unwrap_or(0),
                mtd_text: mtd.map(duration::describe).unwrap_or_default(),
                signs_of_failure: v.signs_of_failure.iter().map(ToString::to_string).collect(),
                impact: v.impact.to_string(),
            }),
            depends_on: ids.find_all(&v.depends_on, &system.file, "depends_on", diags),
            fallbacks: Vec::new(),
            file: system.file.clone(),
        });
    }
    for infra in &loaded.infrastructure {
        let v = &infra.value;
        out.push(Component {
            id: v.id.clone(),
            name: v.name.to_string(),
            kind: ComponentKind::Infrastructure {
                kind: v.kind,
                description: v.description.to_string(),
            },
            depends_on: ids.find_all(&v.depends_on, &infra.file, "depends_on", diags),
            fallbacks: Vec::new(),
            file: infra.file.clone(),
        });
    }
    let graph: Vec<Vec<ComponentIx>> = out.iter().map(|c| c.depends_on.clone()).collect();
    for cycle in graph::cycles(&graph) {
        let names: Vec<&str> = cycle.iter().map(|&c| out[c].id.as_str()).collect();
        diags.push(
            Diagnostic::error(
                "dependency-cycle",
                &out[cycle[0]].file,
                format!("depends_on forms a cycle: {}", names.join(" -> ")),
            )
            .at_path("depends_on")
            .with_hint("a component cannot depend on itself, even through others; remove one link"),
        );
    }
    out
}

fn resolve_procedure(
    p: &Sourced<raw::Procedure>,
    default_months: u32,
    roles: &Ids,
    components: &Ids,
    forms: &Ids,
    diags: &mut Vec<Diagnostic>,
) -> Procedure {
    let v = &p.value;
    let file = &p.file;
    let raw_phases = [&v.phases.declare, &v.phases.during, &v.phases.recovery];
    let phases = Phase::ALL.map(|phase| {
        raw_phases[phase as usize]
            .iter()
            .enumerate()
            .filter_map(|(i, step)| {
                let at = format!("phases.{}[{i}]", phase.key());
                let role = roles.find(&step.role, file, &format!("{at}.role"), diags);
                let escalate = step
                    .escalate
                    .iter()
                    .enumerate()
                    .filter_map(|(e, esc)| {
                        let esc_at = format!("{at}.escalate[{e}]");
                        let to = roles.find(&esc.to, file, &format!("{esc_at}.to"), diags);
                        let after = duration::parse_minutes(&esc.after);
                        if after.is_none() {
                            diags.push(
                                Diagnostic::error(
                                    "bad-duration",
                                    file,
                                    format!("`{}` is not a duration", esc.after),
                                )
                                .at_path(format!("{esc_at}.after"))
                                .with_hint("write e.g. `30m`, `4h` or `1d`"),
                            );
                        }
                        Some(Escalation {
                            after_minutes: after?,
                            after_text: duration::describe(after?),
                            to: to?,
                            say: esc.say.to_string(),
                        })
                    })
                    .collect();
                Some(Step {
                    role: role?,
                    action: step.action.to_string(),
                    checklist: step.checklist.iter().map(ToString::to_string).collect(),
                    forms: forms.find_all(&step.forms, file, &format!("{at}.forms"), diags),
                    escalate,
                    relies_on: components.find_all(
                        &step.relies_on,
                        file,
                        &format!("{at}.relies_on"),
                        diags,
                    ),
                    yaml_path: at,
                })
            })
            .collect()
    });
    if phases.iter().all(Vec::is_empty) {
        diags.push(
            Diagnostic::error(
                "no-steps",
                file,
                format!("procedure `{}` has no steps", v.id),
            )
            .at_path("phases")
            .with_hint("add steps under phases.declare, phases.during or phases.recovery"),
        );
    }
    Procedure {
        id: v.id.clone(),
        title: v.title.to_string(),
        replaces: components.find_all(&v.replaces, file, "replaces", diags),
        scope: v.scope,
        summary: v.summary.to_string(),
        control: v.control.clone(),
        review_due: review_due(&v.control, default_months, file, diags),
        phases,
        file: file.clone(),
    }
}

/// Record on each component the live procedures that replace it.
fn link_fallbacks(model: &mut Model) {
    for (p, procedure) in model.procedures.iter().enumerate() {
        if procedure.control.status == raw::Status::Retired {
            continue;
        }
        for &c in &procedure.replaces {
            model.components[c].fallbacks.push(p);
        }
    }
}

/// Every system a ward uses must have a live paper fallback: that is the point of the pack.
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
/// radiology" when the phones are down). Check every step that a pack for this scenario would
/// print, and that every contact in a call cascade keeps at least one working route.
fn check_fallbacks_in_scenario(model: &Model, scenario: &Scenario, diags: &mut Vec<Diagnostic>) {
    let radius = &scenario.radius;
    for p in &model.procedures {
        let in_play = p.control.status != raw::Status::Retired
            && (p.replaces.is_empty()
                || p.scope == raw::Scope::Site
                || p.replaces.iter().any(|&c| radius.is_lost(c)));
        if !in_play {
            continue;
        }
        for phase in Phase::ALL {
            for step in p.steps(phase) {
                for (i, &needed) in step.relies_on.iter().enumerate() {
                    if radius.is_lost(needed) {
                        diags.push(
                            Diagnostic::error(
                                "fallback-needs-lost",
                                &p.file,
                                format!(
                                    "in scenario `{}`, procedure `{}` relies on `{}`, which that scenario takes down ({})",
                                    scenario.id,
                                    p.id,
                                    model.components[needed].id,
                                    model.chain(radius, needed)
                                ),
                            )
                            .at_path(format!("{}.relies_on[{i}]", step.yaml_path))
                            .with_hint("say what to do instead when it is down (runner, radio, mobile, in person)"),
                        );
                    }
                }
            }
        }
    }
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
