//! List a procedures folder: the files to load for each kind, and a diagnostic for every other
//! entry, so nothing under the folder is skipped without a word.
//!
//! A file that is skipped silently is worse than one that fails: its pack is then deleted as
//! stale, and a ward goes without its downtime pack. So every entry is sorted into one of:
//! loaded (`trust.yaml`, `<kind>/<id>.yaml` in any case of extension), ignored without a word
//! (hidden entries, editor and OS leftovers, see [`is_ignored`]), or reported: an error for
//! anything that looks like it was meant to be loaded, a warning for other files.

use super::entry::{self, Expect};
use super::Kind;
use crate::diagnostic::{did_you_mean, Diagnostic};
use std::path::{Path, PathBuf};

/// The one file at the top of a procedures folder.
pub const TRUST_FILE: &str = "trust.yaml";

/// The files to load, found by [`list_tree`].
#[derive(Debug, Default)]
pub struct Listing {
    /// `trust.yaml`, when it is present and a readable file.
    pub trust: Option<PathBuf>,
    /// (kind, file), sorted by name within a folder.
    pub files: Vec<(Kind, PathBuf)>,
    /// YAML files not read (a FIFO, a broken link, a file in a subfolder...), as (kind,
    /// file stem): their ids probably exist, so references to them are not reported again.
    pub refused: Vec<(Kind, String)>,
}

impl Listing {
    /// The files to load from one kind folder, sorted by name.
    pub fn files_in(&self, kind: Kind) -> impl Iterator<Item = &Path> + '_ {
        self.files
            .iter()
            .filter(move |(k, _)| *k == kind)
            .map(|(_, path)| path.as_path())
    }
}

/// What an entry's name says it is, before looking at the disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Name<'a> {
    /// Hidden entries and editor or OS leftovers: skipped without a word.
    Ignored,
    /// `.yaml` or `.yml`, with no id before the dot.
    NoStem,
    /// `x.yaml`, `x.YML`...: the stem, which is the id.
    Yaml(&'a str),
    /// `x.yaml.txt`, `x.yaml.json`: a YAML file whose name an editor or a typo changed; the
    /// stem it was probably meant to have.
    AlmostYaml(&'a str),
    /// Anything else (`README.md`, `notes.txt`).
    Other,
}

/// List `root`, pushing a diagnostic for every entry that is not loaded and not ignored.
pub fn list_tree(root: &Path, diags: &mut Vec<Diagnostic>) -> Listing {
    // Links are followed only to places under the real procedures folder.
    let base = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut listing = Listing::default();
    let entries = entries(root, diags);
    let has_trust = entries.iter().any(|(name, _)| name == TRUST_FILE);
    let mut trust_lookalike = false;
    for (name, path) in &entries {
        if name == TRUST_FILE {
            match entry::check(&base, path, Expect::File) {
                Ok(()) => listing.trust = Some(path.clone()),
                Err(diag) => diags.push(*diag),
            }
        } else if Kind::from_folder(name).is_some() {
            // Listed below, in `Kind::ALL` order.
        } else if name == crate::register::FILE {
            // The register of printed copies: read by `register`, not part of the model.
        } else if let Some(diag) = top_level_entry(name, path, has_trust, &mut listing) {
            trust_lookalike |= diag.code == "misnamed-file";
            diags.push(diag);
        }
    }
    if !has_trust && !trust_lookalike {
        diags.push(
            Diagnostic::error(
                "missing-trust",
                &root.join(TRUST_FILE),
                "trust.yaml not found",
            )
            .with_hint(
                "every procedures folder needs this file: it names the trust, its roles \
                     and its emergency numbers",
            ),
        );
    }
    for &kind in Kind::ALL {
        let dir = root.join(kind.folder());
        if entries.iter().any(|(_, path)| *path == dir) {
            match entry::check(&base, &dir, Expect::Folder) {
                Ok(()) => list_kind_folder(&base, &dir, kind, &mut listing, diags),
                Err(diag) => diags.push(*diag),
            }
        }
    }
    listing
}

/// The diagnostic for an entry at the top that is neither `trust.yaml` nor a kind folder.
fn top_level_entry(
    name: &str,
    path: &Path,
    has_trust: bool,
    listing: &mut Listing,
) -> Option<Diagnostic> {
    if is_folder(path) && !is_ignored(name) {
        return Some(unknown_folder(name, path, listing));
    }
    match classify(name) {
        Name::Ignored => None,
        Name::NoStem => Some(nameless(path)),
        Name::Yaml(stem) | Name::AlmostYaml(stem) if did_you_mean(stem, ["trust"]).is_some() => {
            Some(trust_lookalike(path, has_trust))
        }
        Name::Yaml(_) | Name::AlmostYaml(_) => Some(
            Diagnostic::error(
                "misplaced-file",
                path,
                "this YAML file is at the top of the procedures folder, where only trust.yaml \
                 is read",
            )
            .with_hint(format!(
                "move it into the folder for its kind: {}",
                folder_list()
            )),
        ),
        Name::Other => Some(not_loaded(path)),
    }
}

/// A folder at the top that is not a kind folder. When it is a misspelt one, its files count
/// as failed loads of that kind, so their ids are not reported again as unknown.
fn unknown_folder(name: &str, path: &Path, listing: &mut Listing) -> Diagnostic {
    let meant = did_you_mean(name, Kind::ALL.iter().map(|kind| kind.folder()));
    let hint = match meant.and_then(Kind::from_folder) {
        Some(meant) => {
            refuse_all(path, meant, listing);
            let meant = meant.folder();
            format!("did you mean `{meant}`? rename the folder")
        }
        None => format!(
            "the procedures folder holds trust.yaml and the folders {}; move other folders \
             out of it",
            folder_list()
        ),
    };
    Diagnostic::error(
        "unknown-folder",
        path,
        "this folder is not one downtime reads, so nothing in it is loaded",
    )
    .with_hint(hint)
}

/// `trust.yml`, `Trust.yaml`...: the trust file under a near name.
fn trust_lookalike(path: &Path, has_trust: bool) -> Diagnostic {
    let hint = if has_trust {
        "did you mean `trust.yaml`? only trust.yaml is read; merge this file into it or delete it"
    } else {
        "did you mean `trust.yaml`? rename the file"
    };
    Diagnostic::error(
        "misnamed-file",
        path,
        "this file is not read: the trust file must be named exactly `trust.yaml`",
    )
    .with_hint(hint)
}

/// The kind folders, as a hint lists them: `sites/, wards/, ...`.
fn folder_list() -> String {
    Kind::ALL
        .iter()
        .map(|kind| format!("{}/", kind.folder()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// List one kind folder: its YAML files go into `listing`, everything else is reported.
fn list_kind_folder(
    base: &Path,
    dir: &Path,
    kind: Kind,
    listing: &mut Listing,
    diags: &mut Vec<Diagnostic>,
) {
    let folder = kind.folder();
    for (name, path) in entries(dir, diags) {
        let diag = match classify(&name) {
            Name::Ignored => continue,
            Name::NoStem => nameless(&path),
            Name::Yaml(stem) => match entry::check(base, &path, Expect::File) {
                Ok(()) => {
                    listing.files.push((kind, path));
                    continue;
                }
                Err(diag) => {
                    listing.refused.push((kind, stem.to_string()));
                    *diag
                }
            },
            _ if is_folder(&path) => {
                refuse_all(&path, kind, listing);
                Diagnostic::error(
                    "subfolder",
                    &path,
                    format!(
                        "folders inside {folder}/ are not read, so the files in this one are \
                         ignored"
                    ),
                )
                .with_hint(format!(
                    "move its files up into {folder}/ and remove the folder"
                ))
            }
            Name::AlmostYaml(stem) => {
                listing.refused.push((kind, stem.to_string()));
                Diagnostic::error(
                    "misnamed-file",
                    &path,
                    "this file is not read: its name does not end in `.yaml` or `.yml`",
                )
                .with_hint(format!("did you mean `{stem}.yaml`? rename the file"))
            }
            Name::Other => not_loaded(&path),
        };
        diags.push(diag);
    }
}

/// Mark the YAML files directly in `dir`, a folder already reported as not read, as refused
/// files of `kind`, so the ids they hold do not each come back as an unknown id.
fn refuse_all(dir: &Path, kind: Kind, listing: &mut Listing) {
    // The folder itself is reported; a failure to list it would only repeat that.
    for (name, _) in entries(dir, &mut Vec::new()) {
        if let Name::Yaml(stem) | Name::AlmostYaml(stem) = classify(&name) {
            listing.refused.push((kind, stem.to_string()));
        }
    }
}

/// The entries of `dir` as (name, path), sorted by name so reports are stable. A folder that
/// cannot be listed is reported and treated as empty.
fn entries(dir: &Path, diags: &mut Vec<Diagnostic>) -> Vec<(String, PathBuf)> {
    let unreadable = |e: std::io::Error| {
        Diagnostic::error("unreadable", dir, format!("cannot read folder: {e}"))
            .with_hint("check the folder's permissions")
    };
    let listing = match std::fs::read_dir(dir) {
        Ok(listing) => listing,
        Err(e) => {
            diags.push(unreadable(e));
            return Vec::new();
        }
    };
    let mut entries = Vec::new();
    for entry in listing {
        match entry {
            Ok(entry) => entries.push((
                entry.file_name().to_string_lossy().into_owned(),
                entry.path(),
            )),
            Err(e) => diags.push(unreadable(e)),
        }
    }
    entries.sort();
    entries
}

/// Whether `path` is a folder, following links; a broken link is not.
fn is_folder(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_dir())
}

fn nameless(path: &Path) -> Diagnostic {
    Diagnostic::error(
        "nameless-file",
        path,
        "this file has no name before `.yaml`, so it cannot be loaded",
    )
    .with_hint("name the file after the id inside it, e.g. `ward-a.yaml`")
}

/// A file nobody meant as input (notes, a README): a warning, so it is seen but harmless.
fn not_loaded(path: &Path) -> Diagnostic {
    Diagnostic::warning(
        "not-loaded",
        path,
        "this file is not a .yaml or .yml file, so it is not loaded",
    )
    .with_hint("keep notes and other files outside the procedures folder to silence this")
}

/// Sort a name by what it says it is; see [`Name`].
fn classify(name: &str) -> Name<'_> {
    // ASCII lowering keeps byte offsets, so positions found in `lower` cut `name` safely.
    let lower = name.to_ascii_lowercase();
    if lower == ".yaml" || lower == ".yml" {
        return Name::NoStem;
    }
    if is_ignored(name) {
        return Name::Ignored;
    }
    for ext in [".yaml", ".yml"] {
        if lower.ends_with(ext) {
            return Name::Yaml(&name[..name.len() - ext.len()]);
        }
    }
    match lower.find(".yaml").or_else(|| lower.find(".yml")) {
        Some(at) => Name::AlmostYaml(&name[..at]),
        None => Name::Other,
    }
}

/// Hidden entries (`.git`, `.DS_Store`, `._x.yaml` from macOS), OS clutter (`Thumbs.db`,
/// `desktop.ini`) and editor leftovers (`x.yaml~`, `.x.yaml.swp`, `#x.yaml#`, `x.bak`,
/// `x.orig`, Office's `~$x`): nobody means these as input, so they pass without a word.
pub fn is_ignored(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let leftover_ext = [".bak", ".orig", ".swp", ".swo", ".tmp"];
    name.starts_with('.')
        || name.starts_with("~$")
        || name.ends_with('~')
        || (name.len() > 1 && name.starts_with('#') && name.ends_with('#'))
        || leftover_ext.iter().any(|ext| lower.ends_with(ext))
        || lower == "thumbs.db"
        || lower == "desktop.ini"
}

#[cfg(test)]
mod tests {
    use super::*;

    // Editor backups and hidden entries are ignored; real and near-real YAML names are not.
    #[test]
    fn ignored_names() {
        for name in [
            ".git",
            ".gitkeep",
            ".DS_Store",
            "._ward-a.yaml",
            "x.yaml~",
            ".x.yaml.swp",
            "#x.yaml#",
            "x.bak",
            "x.yaml.orig",
            "Thumbs.db",
            "desktop.ini",
            "~$form.docx",
        ] {
            assert!(is_ignored(name), "{name}");
        }
        for name in [
            "ward-a.yaml",
            "README.md",
            "#",
            "notes.txt",
            "x.YAML",
            "x.yaml.txt",
        ] {
            assert!(!is_ignored(name), "{name}");
        }
    }

    // Extensions compare without case; `.yaml` alone has no id; renamed YAML is spotted.
    #[test]
    fn classify_names() {
        assert_eq!(classify("oak-ward.YAML"), Name::Yaml("oak-ward"));
        assert_eq!(classify("oak-ward.Yml"), Name::Yaml("oak-ward"));
        assert_eq!(classify(".yaml"), Name::NoStem);
        assert_eq!(classify(".YML"), Name::NoStem);
        assert_eq!(classify("oak.yaml.txt"), Name::AlmostYaml("oak"));
        assert_eq!(classify("oak.YML.json"), Name::AlmostYaml("oak"));
        assert_eq!(classify("README.md"), Name::Other);
        assert_eq!(classify("oak.yaml~"), Name::Ignored);
    }
}
