//! Where patient lists may be written, and how: never into a git working tree (unless the
//! user says so) or a packs' output folder, one private folder (0700, files 0600) per
//! snapshot, swapped in whole, and only folders this command made are ever removed.

use super::Printed;
use crate::error::Error;
use crate::write::manifest::MANIFEST;
use chrono::{DateTime, FixedOffset, Utc};
use std::path::{Path, PathBuf};

/// The file marking a folder as a snapshot this command made.
pub const MARKER: &str = ".downtime-snapshot";
const PREFIX: &str = "snapshot-";

/// Refuse an `out` folder where patient data must not go: inside a git working tree (unless
/// `allow_git`), inside a packs' output folder, or inside the procedures.
pub fn refuse_unsafe(out: &Path, procedures: &Path, allow_git: bool) -> Result<(), Error> {
    let target = resolved(out)?;
    let refuse = |why: String| {
        Error::Refused(format!(
            "refusing to write patient lists into {}: {why}",
            out.display()
        ))
    };
    if let Ok(procedures) = procedures.canonicalize() {
        if target.starts_with(&procedures) {
            return Err(refuse("it is inside the procedures folder".to_string()));
        }
    }
    for dir in target.ancestors() {
        // A fresh clone's committed output/ has no manifest (it is per machine), but its
        // generated README carries the marker every generated file does.
        let packs = dir.join(MANIFEST).exists()
            || crate::write::guard::carries_marker(&dir.join("README.md"));
        if packs {
            return Err(refuse(format!(
                "{} is a packs' output folder, which is shared and committed; choose a private folder on the downtime PC",
                dir.display()
            )));
        }
        if dir.join(".git").exists() && !allow_git {
            return Err(refuse(format!(
                "it is inside the git working tree at {}, and a commit or push would publish patient data; choose a folder outside any repository (or pass --allow-git if this tree is never committed or shared)",
                dir.display()
            )));
        }
    }
    Ok(())
}

/// `path` made absolute with symlinks resolved, as far as it exists.
fn resolved(path: &Path) -> Result<PathBuf, Error> {
    let absolute = std::path::absolute(path).map_err(|e| Error::io(path, "cannot resolve", e))?;
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_owned());
                existing = parent;
            }
            _ => break,
        }
    }
    let mut resolved = existing
        .canonicalize()
        .map_err(|e| Error::io(existing, "cannot resolve", e))?;
    resolved.extend(rest.iter().rev());
    Ok(resolved)
}

/// The folder of the snapshot whose data was true at `as_of`: named by that time in UTC, so
/// names sort oldest first.
pub fn folder_name(as_of: &DateTime<FixedOffset>) -> String {
    format!(
        "{PREFIX}{}",
        as_of.with_timezone(&Utc).format("%Y%m%dT%H%M%SZ")
    )
}

/// Write `printed` as the snapshot folder `name` in `out`: built in a private temporary
/// folder, then moved into place whole, replacing an earlier one of the same name only if
/// this command made it.
pub fn write(out: &Path, name: &str, printed: &[Printed]) -> Result<PathBuf, Error> {
    create_private(out)?;
    let dest = out.join(name);
    if dest.exists() && !dest.join(MARKER).is_file() {
        return Err(Error::Refused(format!(
            "refusing to replace {}: downtime did not make it",
            dest.display()
        )));
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(".downtime-snapshot-tmp-");
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o700));
    let staging = builder
        .tempdir_in(out)
        .map_err(|e| Error::io(out, "cannot create a temporary folder in", e))?;
    let marker = "Patient lists made by `downtime snapshot`. Patient data: keep private, shred printouts when replaced.\n";
    crate::write::write_private(&staging.path().join(MARKER), marker.as_bytes())?;
    for list in printed {
        crate::write::write_private(&staging.path().join(&list.file), &list.pdf)?;
    }
    if dest.exists() {
        std::fs::remove_dir_all(&dest).map_err(|e| Error::io(&dest, "cannot replace", e))?;
    }
    let staged = staging.keep();
    std::fs::rename(&staged, &dest).map_err(|e| Error::io(&dest, "cannot move into place", e))?;
    Ok(dest)
}

/// Create `dir` (and missing parents) readable by the owner only.
fn create_private(dir: &Path) -> Result<(), Error> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
        .create(dir)
        .map_err(|e| Error::io(dir, "cannot create folder", e))
}

/// Keep `current` and the newest `keep - 1` other snapshot folders in `out` that carry the
/// marker, and remove the older ones; other folders and files are left alone. A snapshot of
/// newer data than `current` is never removed: an older export written late must not delete
/// the list the downtime PC should print. Returns the folders removed and those newer than
/// `current`.
pub fn prune(
    out: &Path,
    keep: usize,
    current: &Path,
) -> Result<(Vec<PathBuf>, Vec<PathBuf>), Error> {
    let entries = std::fs::read_dir(out).map_err(|e| Error::io(out, "cannot read folder", e))?;
    let mut ours: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(PREFIX))
        })
        .filter(|p| p.as_path() != current && !p.is_symlink() && p.join(MARKER).is_file())
        .collect();
    // Folder names are the data's UTC time, so name order is time order.
    ours.sort();
    let newer = ours.split_off(ours.partition_point(|p| p.file_name() < current.file_name()));
    let room = keep.saturating_sub(1 + newer.len());
    let removed: Vec<PathBuf> = ours.drain(..ours.len().saturating_sub(room)).collect();
    for dir in &removed {
        std::fs::remove_dir_all(dir).map_err(|e| Error::io(dir, "cannot remove", e))?;
    }
    Ok((removed, newer))
}
