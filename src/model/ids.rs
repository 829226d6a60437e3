//! Pass 1 of resolving: every id of every kind, so references can point forwards and across
//! files. [`Ids`] is one namespace (where each id was defined, and how to look one up);
//! [`Namespaces`] holds them all and [`Namespaces::define`] fills them in one go.

use super::contact::ContactEntry;
use crate::diagnostic::Diagnostic;
use crate::load::{raw, Kind, Loaded, Sourced};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// One id namespace (roles, wards, systems...): where each id was defined.
pub(super) struct Ids {
    kind: &'static str,
    map: HashMap<String, usize>,
    files: Vec<PathBuf>,
    /// Ids of files that failed to load: references to them are not errors of their own.
    unloaded: Vec<String>,
}

/// Every namespace, filled by [`Namespaces::define`] before any reference is resolved.
pub(super) struct Namespaces {
    pub roles: Ids,
    pub contacts: Ids,
    pub sites: Ids,
    pub wards: Ids,
    /// Systems and infrastructure share one namespace: either can fail, and either can be
    /// depended on.
    pub components: Ids,
    pub procedures: Ids,
    pub forms: Ids,
    pub scenarios: Ids,
    pub interfaces: Ids,
    pub references: Ids,
    pub exercises: Ids,
}

impl Namespaces {
    /// Pass 1: define every id, in file order, reporting bad spellings, duplicates and files
    /// not named after their id; then mark the ids of files that failed to load.
    pub fn define(
        loaded: &Loaded,
        trust: &Sourced<raw::Trust>,
        contacts: &[ContactEntry],
        diags: &mut Vec<Diagnostic>,
    ) -> Namespaces {
        let mut ids = Namespaces {
            roles: Ids::new("role"),
            contacts: Ids::new("contact"),
            sites: Ids::new("site"),
            wards: Ids::new("ward"),
            components: Ids::new("system or infrastructure component"),
            procedures: Ids::new("procedure"),
            forms: Ids::new("form"),
            scenarios: Ids::new("scenario"),
            interfaces: Ids::new("interface"),
            references: Ids::new("reference page"),
            exercises: Ids::new("exercise"),
        };
        for (i, role) in trust.value.roles.iter().enumerate() {
            let path = format!("roles[{i}].id");
            ids.roles.define(&role.id, &trust.file, &path, diags);
        }
        ids.sites.define_files(&loaded.sites, |s| &s.id, diags);
        ids.wards.define_files(&loaded.wards, |w| &w.id, diags);
        for c in contacts {
            let path = format!("{}.id", c.yaml_path);
            ids.contacts.define(&c.raw.id, c.file, &path, diags);
        }
        ids.components
            .define_files(&loaded.systems, |s| &s.id, diags);
        ids.components
            .define_files(&loaded.infrastructure, |i| &i.id, diags);
        ids.procedures
            .define_files(&loaded.procedures, |p| &p.id, diags);
        ids.forms.define_files(&loaded.forms, |f| &f.id, diags);
        ids.scenarios
            .define_files(&loaded.scenarios, |s| &s.id, diags);
        ids.interfaces
            .define_files(&loaded.interfaces, |i| &i.id, diags);
        ids.references
            .define_files(&loaded.references, |r| &r.id, diags);
        ids.exercises
            .define_files(&loaded.exercises, |e| &e.id, diags);
        for (kind, stem) in &loaded.failed {
            ids.of_kind(*kind).unloaded.push(stem.clone());
        }
        ids
    }

    /// The namespace that files of `kind` define their ids in.
    fn of_kind(&mut self, kind: Kind) -> &mut Ids {
        match kind {
            Kind::Site => &mut self.sites,
            Kind::Ward => &mut self.wards,
            Kind::System | Kind::Infrastructure => &mut self.components,
            Kind::Procedure => &mut self.procedures,
            Kind::Form => &mut self.forms,
            Kind::Scenario => &mut self.scenarios,
            Kind::Interface => &mut self.interfaces,
            Kind::Reference => &mut self.references,
            Kind::Exercise => &mut self.exercises,
        }
    }
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

    /// Define the id at the top of each file (`id:`), checking the file is named after it.
    fn define_files<T>(
        &mut self,
        items: &[Sourced<T>],
        id: impl Fn(&T) -> &str,
        diags: &mut Vec<Diagnostic>,
    ) {
        for item in items {
            let id = id(&item.value);
            self.define(id, &item.file, "id", diags);
            check_file_name(item, id, diags);
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
    pub fn find(
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

    pub fn find_all(
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
