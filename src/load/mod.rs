//! Stage 1, **load**: read the YAML files of a trust into the raw structs of [`raw`].
//!
//! All serde_yaml calls live here, so swapping to a maintained fork is a one-folder change.
//! Every file is read and parsed even after one fails, so a single run reports every problem.
//!
//! `walk` lists the tree first: every entry is loaded, ignored as an editor or OS leftover,
//! or reported, and `entry` looks at each file's metadata before it is opened (a FIFO would
//! block, a link may lead outside). `yaml_error` turns parser errors into diagnostics.

mod entry;
mod kind;
pub mod positions;
pub mod raw;
mod sources;
pub mod tags;
pub mod text;
mod walk;
mod yaml_error;

pub use sources::Sources;
use yaml_error::yaml_error;

use crate::diagnostic::Diagnostic;
use serde::de::DeserializeOwned;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Files larger than this are refused: no real procedure comes near it, and reading an
/// accidental log dump or binary into memory helps nobody.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// A parsed value and the file it came from.
#[derive(Debug, Clone)]
pub struct Sourced<T> {
    pub file: PathBuf,
    pub value: T,
}

kind::kinds! {
    Site => sites: raw::Site, "sites", "a site (hospital)", "site";
    Ward => wards: raw::Ward, "wards", "a ward or department", "ward";
    System => systems: raw::System, "systems", "a clinical system", "system";
    Infrastructure => infrastructure: raw::Infrastructure, "infrastructure",
        "an infrastructure component", "infrastructure";
    Procedure => procedures: raw::Procedure, "fallbacks", "a fallback procedure", "procedure";
    Form => forms: raw::Form, "forms", "a paper form", "form";
    Scenario => scenarios: raw::Scenario, "scenarios", "an outage scenario", "scenario";
    Interface => interfaces: raw::Interface, "interfaces", "an interface (data flow)",
        "interface";
    Reference => references: raw::Reference, "references", "a clinical reference page",
        "reference";
    Exercise => exercises: raw::Exercise, "exercises", "an exercise (a test of the plans)",
        "exercise";
}

/// Read a whole procedures tree. Problems are pushed to `diags`; what parsed is returned.
pub fn load_tree(root: &Path, diags: &mut Vec<Diagnostic>) -> Loaded {
    let mut loaded = Loaded {
        root: root.to_path_buf(),
        ..Loaded::default()
    };
    if !root.is_dir() {
        diags.push(
            Diagnostic::error("missing-folder", root, "procedures folder not found")
                .with_hint("run from the repository root or pass --procedures DIR"),
        );
        return loaded;
    }
    let mut listing = walk::list_tree(root, diags);
    loaded.failed = std::mem::take(&mut listing.refused);
    if let Some(trust_file) = &listing.trust {
        loaded.trust = load_file(trust_file, "the trust", &mut loaded.sources, diags);
    }
    for &kind in Kind::ALL {
        for file in listing.files_in(kind) {
            if !loaded.load_into(kind, file, diags) {
                loaded.failed.push((kind, file_stem(file)));
            }
        }
    }
    loaded
}

impl Loaded {
    /// Leave `file` out of the model, as if it had failed to load: its id is known to exist,
    /// so references to it are not reported as unknown. For a scaffold not yet written.
    pub fn set_aside(&mut self, file: &Path) {
        if let Some(kind) = self.take(file) {
            self.failed.push((kind, file_stem(file)));
        }
    }
}

/// The id a file's name implies: its name without the (any-case) `.yaml`/`.yml` extension.
fn file_stem(file: &Path) -> String {
    file.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn push<T: DeserializeOwned>(
    into: &mut Vec<Sourced<T>>,
    file: &Path,
    what: &str,
    sources: &mut Sources,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    match load_file(file, what, sources, diags) {
        Some(item) => {
            into.push(item);
            true
        }
        None => false,
    }
}

/// Read and parse one file into `T`, reporting any problem with its line and column.
fn load_file<T: DeserializeOwned>(
    file: &Path,
    what: &str,
    sources: &mut Sources,
    diags: &mut Vec<Diagnostic>,
) -> Option<Sourced<T>> {
    let text = match read_text(file) {
        Ok(text) => text,
        Err(diag) => {
            diags.push(*diag);
            return None;
        }
    };
    if text.trim().is_empty() {
        diags.push(
            Diagnostic::error(
                "empty-file",
                file,
                format!("file is empty; expected {what}"),
            )
            .with_hint("fill it in, or delete it"),
        );
        return None;
    }
    let result = match parse_text(file, what, &text) {
        Ok(value) => Some(Sourced {
            file: file.to_path_buf(),
            value,
        }),
        Err(diag) => {
            diags.push(*diag);
            None
        }
    };
    sources.insert(file, text);
    result
}

/// Parse the text of one file as `T`, without touching the disk: for the fuzzer and for
/// tools that hold YAML in memory. Errors carry the same location and hint as a real load.
pub fn parse_text<T: DeserializeOwned>(
    file: &Path,
    what: &str,
    text: &str,
) -> Result<T, Box<Diagnostic>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value =
        serde_yaml::from_str::<T>(text).map_err(|e| Box::new(yaml_error(file, what, &e, text)))?;
    match tags::first_tag(text) {
        None => Ok(value),
        Some(found) => Err(Box::new(tag_error(file, &found, text))),
    }
}

/// serde_yaml reads `!!binary aGk=` as the text `aGk=`: refuse every explicit tag instead.
fn tag_error(file: &Path, found: &tags::FoundTag, text: &str) -> Diagnostic {
    Diagnostic::error(
        "yaml-tag",
        file,
        format!("YAML tag `{}` is not allowed here", found.tag),
    )
    .at_line(found.line, found.column)
    .with_snippet(text)
    .with_hint(
        "these files hold plain text, numbers and dates; delete the tag and write the value itself",
    )
}

/// Read a file as UTF-8 text, refusing huge or binary files with a clear message.
fn read_text(file: &Path) -> Result<String, Box<Diagnostic>> {
    let unreadable = |e: std::io::Error| {
        Box::new(
            Diagnostic::error("unreadable", file, format!("cannot read file: {e}"))
                .with_hint("check the file's permissions"),
        )
    };
    // The walk checked this is a regular file before it got here, because opening a FIFO
    // blocks; checking the opened handle again catches a device swapped in since.
    let handle = std::fs::File::open(file).map_err(unreadable)?;
    let meta = handle.metadata().map_err(unreadable)?;
    if !meta.is_file() {
        return Err(Box::new(
            Diagnostic::error(
                "not-a-file",
                file,
                "this is not a regular file, so it is not read",
            )
            .with_hint("replace it with an ordinary YAML file, or remove it"),
        ));
    }
    let size = meta.len();
    if size > MAX_FILE_BYTES {
        return Err(Box::new(
            Diagnostic::error(
                "file-too-large",
                file,
                format!(
                    "file is {size} bytes; the limit is {MAX_FILE_BYTES} bytes ({} MiB)",
                    MAX_FILE_BYTES / 1024 / 1024
                ),
            )
            .with_hint("split it into one file per ward, system or procedure"),
        ));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // `take` guards against a file that grows while we read it.
    handle
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text
            .strip_prefix('\u{feff}')
            .map(str::to_string)
            .unwrap_or(text)),
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            let column = valid.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
            Err(Box::new(
                Diagnostic::error("not-utf8", file, "file is not valid UTF-8 text")
                    .at_line(line, column)
                    .with_hint(
                        "save the file as UTF-8 (most editors offer it under 'Save with encoding')",
                    ),
            ))
        }
    }
}
