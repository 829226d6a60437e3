//! Stage 6, **write**: put files on disk atomically, and only where they belong.
//!
//! Every output goes to a temporary file in its destination folder first. Nothing is renamed
//! into place until the whole build has succeeded, so a failed or killed build leaves the
//! previous packs exactly as they were. A manifest records what we wrote, so a later build
//! removes only its own stale files and never anything else in the folder.

use crate::error::Error;
use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use tempfile::TempPath;

/// Name of the manifest of generated files, inside the output folder.
pub const MANIFEST: &str = ".downtime-manifest";
/// Name of the lock file that keeps two builds from writing one folder at once.
pub const LOCK: &str = ".downtime-lock";

/// The output folder of a build in progress: locked, with files waiting to be renamed into
/// place. Staging is thread-safe: packs built in parallel stage their own files.
pub struct Staging {
    out: PathBuf,
    _lock: File,
}

/// One file written to its temporary name, not yet in place. Dropping it deletes it.
pub struct Staged {
    tmp: TempPath,
    dest: PathBuf,
    relative: PathBuf,
}

impl Staged {
    pub fn relative(&self) -> &Path {
        &self.relative
    }
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
        remove_leftover_temporaries(out);
        Ok(Staging {
            out: out.to_path_buf(),
            _lock: lock,
        })
    }

    /// Write `bytes` to a temporary file beside `relative`'s final place.
    pub fn stage(&self, relative: &Path, bytes: &[u8]) -> Result<Staged, Error> {
        let dest = self.out.join(checked_relative(relative)?);
        let dir = dest.parent().unwrap_or(&self.out).to_path_buf();
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, "cannot create folder", e))?;
        let mut tmp = temp_builder()
            .tempfile_in(&dir)
            .map_err(|e| Error::io(&dir, "cannot create temporary file", e))?;
        tmp.write_all(bytes)
            .map_err(|e| Error::io(&dest, "cannot write", e))?;
        Ok(Staged {
            tmp: tmp.into_temp_path(),
            dest,
            relative: relative.to_path_buf(),
        })
    }

    /// Rename every staged file into place, then remove files an earlier build produced that
    /// this one no longer does. `partial` builds (one ward, one site) remove nothing.
    /// `kept` lists files left in place because they were already up to date.
    pub fn commit(
        self,
        staged: Vec<Staged>,
        kept: Vec<PathBuf>,
        hashes: &BTreeMap<PathBuf, String>,
        partial: bool,
    ) -> Result<usize, Error> {
        let count = staged.len();
        let mut produced: BTreeSet<PathBuf> = kept.into_iter().collect();
        for file in staged {
            produced.insert(file.relative.clone());
            file.tmp
                .persist(&file.dest)
                .map_err(|e| Error::io(&file.dest, "cannot move into place", e.error))?;
        }
        let previous = read_manifest(&self.out);
        let mut keep = produced.clone();
        if partial {
            keep.extend(previous.iter().cloned());
        } else {
            for old in previous.difference(&produced) {
                let path = self.out.join(old);
                if path.is_file() {
                    std::fs::remove_file(&path)
                        .map_err(|e| Error::io(&path, "cannot remove stale file", e))?;
                }
            }
        }
        // The manifest: each generated file and the fingerprint of the inputs it was built
        // from, so the next build can reuse it when nothing changed.
        let old_hashes = read_manifest_hashes(&self.out);
        let listing: String = keep
            .iter()
            .map(|p| {
                match hashes
                    .get(p)
                    .or_else(|| old_hashes.get(p).and_then(Option::as_ref))
                {
                    Some(hash) => format!("{}\t{hash}\n", p.display()),
                    None => format!("{}\n", p.display()),
                }
            })
            .collect();
        write_atomic(&self.out.join(MANIFEST), listing.as_bytes())?;
        Ok(count)
    }
}

/// A build killed part-way leaves its temporary files behind (the previous packs are intact).
/// Holding the lock, we know no other build owns them: remove them. Only files with our own
/// prefix are touched.
fn remove_leftover_temporaries(out: &Path) {
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
            } else if kind.is_file()
                && entry
                    .file_name()
                    .to_string_lossy()
                    .starts_with(".downtime-tmp-")
            {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

/// Every `.md` file below `out` (outside the viewer's folder), relative to `out`.
pub fn markdown_files(out: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut folders = vec![out.to_path_buf()];
    while let Some(dir) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() && path != out.join(crate::pack::layout::VIEWER) {
                folders.push(path);
            } else if kind.is_file() && path.extension().is_some_and(|e| e == "md") {
                if let Ok(rel) = path.strip_prefix(out) {
                    found.push(rel.to_path_buf());
                }
            }
        }
    }
    found.sort();
    found
}

/// Files recorded by the last build, ignoring any entry that could point outside the folder.
pub fn read_manifest(out: &Path) -> BTreeSet<PathBuf> {
    read_manifest_hashes(out).into_keys().collect()
}

/// Files recorded by the last build with the input fingerprint each was built from.
pub fn read_manifest_hashes(out: &Path) -> BTreeMap<PathBuf, Option<String>> {
    std::fs::read_to_string(out.join(MANIFEST))
        .unwrap_or_default()
        .lines()
        .map(|line| match line.split_once('\t') {
            Some((path, hash)) => (PathBuf::from(path), Some(hash.to_string())),
            None => (PathBuf::from(line), None),
        })
        .filter(|(p, _)| checked_relative(p).is_ok())
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
