//! Stage 6, **write**: put files on disk atomically, and only where they belong.
//!
//! Every output goes to a temporary file in its destination folder first. Nothing is renamed
//! into place until the whole build has succeeded, so a failed or killed build leaves the
//! previous packs exactly as they were. A manifest records what we wrote, so a later build
//! removes only its own stale files and never anything else in the folder.

use crate::error::Error;
use std::collections::BTreeSet;
use std::fs::File;
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use tempfile::TempPath;

/// Name of the manifest of generated files, inside the output folder.
pub const MANIFEST: &str = ".downtime-manifest";
/// Name of the lock file that keeps two builds from writing one folder at once.
pub const LOCK: &str = ".downtime-lock";

/// Files written to temporary names, waiting to be renamed into place.
pub struct Staging {
    out: PathBuf,
    staged: Vec<(TempPath, PathBuf)>,
    /// Relative paths of every file this build produces.
    produced: BTreeSet<PathBuf>,
    _lock: File,
}

impl Staging {
    /// Take the output folder's lock, creating the folder if needed.
    pub fn new(out: &Path) -> Result<Self, Error> {
        std::fs::create_dir_all(out)
            .map_err(|e| Error::io(out, "cannot create output folder", e))?;
        let lock_path = out.join(LOCK);
        let lock = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| {
                Error::io(
                    &lock_path,
                    "cannot create lock file (is the output folder writable?)",
                    e,
                )
            })?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => return Err(Error::Locked(out.to_path_buf())),
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(Error::io(&lock_path, "cannot lock", e))
            }
        }
        Ok(Staging {
            out: out.to_path_buf(),
            staged: Vec::new(),
            produced: BTreeSet::new(),
            _lock: lock,
        })
    }

    /// Write `bytes` to a temporary file beside `relative`'s final place.
    pub fn stage(&mut self, relative: &Path, bytes: &[u8]) -> Result<(), Error> {
        let dest = self.out.join(checked_relative(relative)?);
        let dir = dest.parent().unwrap_or(&self.out).to_path_buf();
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, "cannot create folder", e))?;
        let mut tmp = temp_builder()
            .tempfile_in(&dir)
            .map_err(|e| Error::io(&dir, "cannot create temporary file", e))?;
        tmp.write_all(bytes)
            .and_then(|_| tmp.as_file().sync_data())
            .map_err(|e| Error::io(&dest, "cannot write", e))?;
        self.staged.push((tmp.into_temp_path(), dest));
        self.produced.insert(relative.to_path_buf());
        Ok(())
    }

    /// Rename every staged file into place, then remove files an earlier build produced that
    /// this one no longer does. `partial` builds (one ward, one site) remove nothing.
    pub fn commit(self, partial: bool) -> Result<usize, Error> {
        let count = self.staged.len();
        for (tmp, dest) in self.staged {
            tmp.persist(&dest)
                .map_err(|e| Error::io(&dest, "cannot move into place", e.error))?;
        }
        let previous = read_manifest(&self.out);
        let mut keep = self.produced.clone();
        if partial {
            keep.extend(previous.iter().cloned());
        } else {
            for old in previous.difference(&self.produced) {
                let path = self.out.join(old);
                if path.is_file() {
                    std::fs::remove_file(&path)
                        .map_err(|e| Error::io(&path, "cannot remove stale file", e))?;
                }
            }
        }
        let listing: String = keep.iter().map(|p| format!("{}\n", p.display())).collect();
        write_atomic(&self.out.join(MANIFEST), listing.as_bytes())?;
        Ok(count)
    }
}

/// Files recorded by the last build, ignoring any entry that could point outside the folder.
pub fn read_manifest(out: &Path) -> BTreeSet<PathBuf> {
    std::fs::read_to_string(out.join(MANIFEST))
        .unwrap_or_default()
        .lines()
        .map(PathBuf::from)
        .filter(|p| checked_relative(p).is_ok())
        .collect()
}

/// Write one file atomically: temporary file in the same folder, then rename.
pub fn write_atomic(dest: &Path, bytes: &[u8]) -> Result<(), Error> {
    let dir = match dest.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, "cannot create folder", e))?;
    let mut tmp = temp_builder()
        .tempfile_in(&dir)
        .map_err(|e| Error::io(&dir, "cannot create temporary file", e))?;
    tmp.write_all(bytes)
        .map_err(|e| Error::io(dest, "cannot write", e))?;
    tmp.persist(dest)
        .map_err(|e| Error::io(dest, "cannot move into place", e.error))?;
    Ok(())
}

/// Temporary files are created private (0600); packs are documents everyone may read, so
/// they get the usual 0644 before being renamed into place.
fn temp_builder() -> tempfile::Builder<'static, 'static> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".downtime-tmp-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    builder
}

/// Output paths are built from validated ids, but check anyway: a relative path of plain
/// names only, so nothing can be written outside the output folder.
fn checked_relative(path: &Path) -> Result<&Path, Error> {
    let plain = path.components().all(|c| matches!(c, Component::Normal(_)));
    if plain && path.components().next().is_some() {
        Ok(path)
    } else {
        Err(Error::Usage(format!(
            "refusing to write outside the output folder: {}",
            path.display()
        )))
    }
}
