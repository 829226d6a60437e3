//! The all-or-nothing commit: put a build's files in place, remove stale ones, write the
//! manifest, and on any failure put everything back.
//!
//! 1. A journal (`.downtime-journal`) lists every file the commit will touch and whether it
//!    existed before.
//! 2. Each file being replaced or removed is first renamed to a backup beside it
//!    (`.downtime-old-<name>`); the new file is then renamed in. The manifest goes last.
//! 3. Deleting the journal is the commit point; the backups are deleted after it.
//!
//! On an error before the commit point, [`roll_back`] restores every backup and removes the
//! files that did not exist before. A build killed part-way leaves the journal behind, and the
//! next build rolls it back before doing anything else, so the folder is always wholly the old
//! build or wholly the new one.
//!
//! Test hook: `DOWNTIME_FAIL_COMMIT_AFTER=N` makes the commit fail just before its rename
//! number N+1 (0 fails before the first), and `N:abort` aborts the process there instead, as
//! SIGKILL would. Read only here; the error says how many renames the commit had in all.

use super::guard::OWN_PREFIX;
use crate::error::Error;
use std::path::{Path, PathBuf};
use tempfile::TempPath;

/// The journal of a commit in progress, inside the output folder.
pub const JOURNAL: &str = ".downtime-journal";
/// Prefix of the backup of a file being replaced or removed, beside it.
pub const BACKUP_PREFIX: &str = ".downtime-old-";

/// What the commit does to one file.
pub enum Action {
    /// Rename a staged file into place.
    Put(TempPath),
    /// Remove a stale file.
    Remove,
}

/// One step of the commit: a file below the output folder and what happens to it.
pub struct Step {
    pub relative: PathBuf,
    pub action: Action,
    /// A file was there before: it is moved to its backup first.
    pub existed: bool,
}

/// Carry out `steps` in order (the manifest's step last) as one transaction. `folders` are
/// the folders (below `out`) this build created for new files: a rollback removes them again.
pub fn run(out: &Path, folders: &[PathBuf], steps: Vec<Step>) -> Result<(), Error> {
    let journal = out.join(JOURNAL);
    super::write_atomic(&journal, journal_text(folders, &steps).as_bytes())?;
    let mut renames = Renames::new(&steps);
    let mut result = Ok(());
    for step in steps {
        result = apply(out, step, &mut renames);
        if result.is_err() {
            break;
        }
    }
    // Deleting the journal is the commit point: from here on the new build stands.
    let result = result.and_then(|()| {
        std::fs::remove_file(&journal).map_err(|e| Error::io(&journal, "cannot remove", e))
    });
    match result {
        Ok(()) => {
            remove_backups(out);
            Ok(())
        }
        Err(error) => match roll_back(out) {
            Ok(()) => Err(error),
            Err(undo) => Err(Error::Refused(format!(
                "{error}; then putting the previous files back failed too ({undo}); the next \
                 build will try again"
            ))),
        },
    }
}

/// One line per created folder, then one per step: what it does and to which file. Folders
/// come first so that a rollback, working backwards, empties them before removing them.
fn journal_text(folders: &[PathBuf], steps: &[Step]) -> String {
    let mut text: String = folders
        .iter()
        .map(|f| format!("folder\t{}\n", f.display()))
        .collect();
    text += &steps
        .iter()
        .map(|s| {
            let kind = match (&s.action, s.existed) {
                (Action::Put(_), false) => "create",
                (Action::Put(_), true) => "replace",
                (Action::Remove, _) => "remove",
            };
            format!("{kind}\t{}\n", s.relative.display())
        })
        .collect::<String>();
    text
}

fn apply(out: &Path, step: Step, renames: &mut Renames) -> Result<(), Error> {
    let dest = out.join(&step.relative);
    if step.existed {
        renames.next(&dest)?;
        std::fs::rename(&dest, backup_path(&dest))
            .map_err(|e| Error::io(&dest, "cannot move aside", e))?;
    }
    if let Action::Put(tmp) = step.action {
        renames.next(&dest)?;
        tmp.persist(&dest)
            .map_err(|e| Error::io(&dest, "cannot move into place", e.error))?;
    }
    Ok(())
}

/// Put an output folder back as it was before the commit its journal describes: restore
/// every backup, remove every file that did not exist before and the folders made for them,
/// then delete the journal. Does
/// nothing without a journal. Works from what is on disk, so it finishes the job after a
/// build was killed at any point of its commit.
pub fn roll_back(out: &Path) -> Result<(), Error> {
    let journal = out.join(JOURNAL);
    let text = match std::fs::read_to_string(&journal) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(&journal, "cannot read", e)),
    };
    let mut first_error = None;
    for line in text.lines().rev() {
        let Some((kind, relative)) = line.split_once('\t') else {
            continue;
        };
        let relative = Path::new(relative);
        if super::checked_relative(relative).is_err() {
            continue;
        }
        let dest = out.join(relative);
        if kind == "folder" {
            // Only if empty: a folder holding anything else is not ours to remove.
            let _ = std::fs::remove_dir(&dest);
            continue;
        }
        let backup = backup_path(&dest);
        let undone = if std::fs::symlink_metadata(&backup).is_ok() {
            std::fs::rename(&backup, &dest).map_err(|e| Error::io(&dest, "cannot restore", e))
        } else if kind == "create" && std::fs::symlink_metadata(&dest).is_ok_and(|m| m.is_file()) {
            std::fs::remove_file(&dest).map_err(|e| Error::io(&dest, "cannot remove", e))
        } else {
            Ok(())
        };
        if let Err(e) = undone {
            first_error.get_or_insert(e);
        }
    }
    // Keep the journal while anything is left to undo, so the next build tries again.
    match first_error {
        Some(e) => Err(e),
        None => std::fs::remove_file(&journal).map_err(|e| Error::io(&journal, "cannot remove", e)),
    }
}

/// `dir/name` -> `dir/.downtime-old-name`.
fn backup_path(dest: &Path) -> PathBuf {
    let name = dest.file_name().unwrap_or_default().to_string_lossy();
    dest.with_file_name(format!("{BACKUP_PREFIX}{name}"))
}

/// Delete backups left after a commit point. Best effort: a leftover one is removed by the
/// next build.
pub fn remove_backups(out: &Path) {
    remove_own_files(out, BACKUP_PREFIX);
}

/// Remove every regular file below `out` whose name starts with `prefix` (one of ours),
/// without following symlinks.
pub fn remove_own_files(out: &Path, prefix: &str) {
    debug_assert!(prefix.starts_with(OWN_PREFIX));
    let mut folders = vec![out.to_path_buf()];
    while let Some(dir) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                folders.push(entry.path());
            } else if kind.is_file() && entry.file_name().to_string_lossy().starts_with(prefix) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

/// Counts the commit's renames, for the failure-injection test hook.
struct Renames {
    done: usize,
    total: usize,
    fail_after: Option<(usize, bool)>,
}

impl Renames {
    fn new(steps: &[Step]) -> Self {
        let total = steps
            .iter()
            .map(|s| usize::from(s.existed) + usize::from(matches!(s.action, Action::Put(_))))
            .sum();
        let fail_after = std::env::var("DOWNTIME_FAIL_COMMIT_AFTER")
            .ok()
            .and_then(|v| match v.split_once(':') {
                Some((n, "abort")) => n.parse().ok().map(|n| (n, true)),
                _ => v.parse().ok().map(|n| (n, false)),
            });
        Renames {
            done: 0,
            total,
            fail_after,
        }
    }

    /// Called before each rename; fails (or aborts) where the test hook says.
    fn next(&mut self, dest: &Path) -> Result<(), Error> {
        if let Some((n, abort)) = self.fail_after {
            if self.done == n {
                if abort {
                    std::process::abort();
                }
                return Err(Error::io(
                    dest,
                    "cannot move into place",
                    std::io::Error::other(format!(
                        "failure injected by DOWNTIME_FAIL_COMMIT_AFTER after {n} of {} renames",
                        self.total
                    )),
                ));
            }
        }
        self.done += 1;
        Ok(())
    }
}
