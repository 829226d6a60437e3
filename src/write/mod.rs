//! Stage 6, **write**: put files on disk atomically, and only where they belong.
//!
//! Every output goes to a temporary file in its destination folder first. Nothing is renamed
//! into place until the whole build has succeeded, and then as one transaction
//! ([`commit`]): a failed or killed build leaves the previous packs exactly as they were.
//! A manifest ([`manifest`]) records what we wrote, so a later build reuses only files that
//! are still what it wrote, and removes only its own stale files. [`guard`] decides what may
//! be written over at all.

pub mod commit;
pub mod guard;
pub mod manifest;

use crate::error::Error;
use commit::{Action, Step};
use guard::Existing;
pub use manifest::{Entry, Line, Manifest, MANIFEST};
use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use tempfile::TempPath;

/// Name of the lock file that keeps two builds from writing one folder at once.
pub const LOCK: &str = ".downtime-lock";
/// Prefix of the temporary files a build writes before its commit.
const TEMP_PREFIX: &str = ".downtime-tmp-";

/// The output folder of a build in progress: locked, with files waiting to be renamed into
/// place. Staging is thread-safe: packs built in parallel stage their own files.
pub struct Staging {
    out: PathBuf,
    /// The manifest as the previous build left it.
    manifest: Manifest,
    /// Folders this build created, removed again if it does not commit.
    created: Mutex<Vec<PathBuf>>,
    committed: bool,
    _lock: File,
}

/// One file written to its temporary name, not yet in place. Dropping it deletes it.
pub struct Staged {
    tmp: TempPath,
    relative: PathBuf,
    /// BLAKE3 of its bytes, for the manifest.
    hash: String,
    /// A file of ours is there now and will be replaced.
    existed: bool,
}

impl Staged {
    /// Where the file goes, relative to the output folder.
    pub fn relative(&self) -> &Path {
        &self.relative
    }

    /// Where it is written until the commit: a later file of the same build may read it.
    pub fn path(&self) -> &Path {
        &self.tmp
    }
}

/// A file being written that hashes its bytes on the way, for the manifest.
struct Hashing {
    file: std::io::BufWriter<tempfile::NamedTempFile>,
    hasher: blake3::Hasher,
}

impl Write for Hashing {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let n = self.file.write(bytes)?;
        self.hasher.update(&bytes[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

/// Which stale files a commit removes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cleanup {
    /// A partial build (one ward, one site) removes nothing.
    Nothing,
    /// Files the manifest lists that this build no longer produces. With `marked_markdown`,
    /// also any Markdown file carrying our marker that it does not produce: a fresh clone has
    /// no manifest, yet a deleted ward's pack must go.
    Stale { marked_markdown: bool },
}

impl Staging {
    /// Check that `out` may be written (see [`guard`]) and is not one of `inputs` (the
    /// folders the build reads, each with what to call it), take its lock, creating it if
    /// needed, and finish whatever an earlier build left: roll back a commit that was killed,
    /// remove temporary files and backups.
    pub fn new(out: &Path, inputs: &[(&str, &Path)]) -> Result<Self, Error> {
        for (what, input) in inputs {
            guard::refuse_overlap(out, input, what)?;
        }
        if let Err(refused) = guard::accept_folder(out) {
            // A first build still writing into a new folder makes it look foreign to a second
            // one: say what is really going on.
            return Err(if is_locked(out) {
                Error::Locked(out.to_path_buf())
            } else {
                refused
            });
        }
        std::fs::create_dir_all(out)
            .map_err(|e| Error::io(out, "cannot create output folder", e))?;
        let lock = take_lock(out)?;
        // Holding the lock, we know no other build owns a journal, backup or temporary file.
        // Temporary files go first, so the rollback finds the folders it made empty.
        commit::remove_own_files(out, TEMP_PREFIX);
        commit::roll_back(out)?;
        commit::remove_backups(out);
        Ok(Staging {
            out: out.to_path_buf(),
            manifest: Manifest::read(out),
            created: Mutex::new(Vec::new()),
            committed: false,
            _lock: lock,
        })
    }

    /// The manifest of the previous build.
    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// Is the file at `relative` exactly what the previous build wrote from inputs with
    /// fingerprint `input`? Then it can be kept.
    pub fn unchanged(&self, relative: &Path, input: &str) -> bool {
        self.manifest.unchanged(&self.out, relative, input)
    }

    /// Write `bytes` to a temporary file beside `relative`'s final place. Fails, naming the
    /// file, if something that is not ours is in the way.
    pub fn stage(&self, relative: &Path, bytes: &[u8]) -> Result<Staged, Error> {
        self.stage_with(relative, |out| out.write_all(bytes))
    }

    /// As [`Staging::stage`], the file's bytes written by `write` a piece at a time: a large
    /// file made of many parts need never be whole in memory.
    pub fn stage_with(
        &self,
        relative: &Path,
        write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<Staged, Error> {
        let dest = self.out.join(checked_relative(relative)?);
        guard::prepare_folders(&self.out, relative, &self.created)?;
        let existed = guard::may_replace(&dest, relative, &self.manifest)? == Existing::Ours;
        let dir = dest.parent().unwrap_or(&self.out);
        let tmp = temp_builder(0o644)
            .tempfile_in(dir)
            .map_err(|e| Error::io(dir, "cannot create temporary file", e))?;
        let mut out = Hashing {
            file: std::io::BufWriter::with_capacity(64 * 1024, tmp),
            hasher: blake3::Hasher::new(),
        };
        write(&mut out)
            .and_then(|()| out.file.flush())
            .map_err(|e| Error::io(&dest, "cannot write", e))?;
        let tmp = (out.file.into_inner())
            .map_err(|e| Error::io(&dest, "cannot write", e.into_error()))?;
        Ok(Staged {
            tmp: tmp.into_temp_path(),
            relative: relative.to_path_buf(),
            hash: out.hasher.finalize().to_hex().to_string(),
            existed,
        })
    }

    /// A scratch file of this build: intermediate data that need not stay in memory until the
    /// end (the viewer's search sections of the packs). It lies in the output folder under the
    /// temporary-file prefix, so it never leaves the folder, is never committed, deletes
    /// itself when dropped, and a killed build's leftover is removed by the next build.
    pub fn scratch(&self) -> Result<tempfile::NamedTempFile, Error> {
        temp_builder(0o600)
            .tempfile_in(&self.out)
            .map_err(|e| Error::io(&self.out, "cannot create temporary file", e))
    }

    /// Put every staged file in place, remove stale files as `cleanup` says, and write the
    /// manifest, all or nothing. `kept` lists files left in place because they were already
    /// up to date. Each file comes with the fingerprint of its inputs. Returns the number of
    /// files written.
    pub fn commit<S: AsRef<str>>(
        mut self,
        staged: Vec<(Staged, S)>,
        kept: Vec<(PathBuf, S)>,
        cleanup: Cleanup,
    ) -> Result<usize, Error> {
        let count = staged.len();
        let (stale, manifest) = {
            let listing = self.listing(&staged, &kept, cleanup);
            // The manifest is the last file in, so it never lists files that are not there.
            (
                self.stale_files(&listing, cleanup)?,
                self.stage_manifest(&listing)?,
            )
        };
        drop(kept);
        let mut steps: Vec<Step> = Vec::with_capacity(count + stale.len() + 1);
        steps.extend(staged.into_iter().map(|(file, _)| Step {
            relative: file.relative,
            action: Action::Put(file.tmp),
            existed: file.existed,
        }));
        steps.extend(stale.into_iter().map(|relative| Step {
            relative,
            action: Action::Remove,
            existed: true,
        }));
        steps.push(manifest);
        let folders: Vec<PathBuf> = self
            .created
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .iter()
            .filter_map(|dir| dir.strip_prefix(&self.out).ok().map(Path::to_path_buf))
            .collect();
        commit::run(&self.out, &folders, steps)?;
        self.committed = true;
        Ok(count)
    }

    /// The new manifest's lines: files staged, files kept (with the output hash already
    /// recorded, which reuse checked against the disk), and for a partial build everything
    /// else the old manifest listed. Borrowed, not copied: at 3,000 wards a build lists 40,000
    /// files, and its commit is the build's peak of memory.
    fn listing<'a, S: AsRef<str>>(
        &'a self,
        staged: &'a [(Staged, S)],
        kept: &'a [(PathBuf, S)],
        cleanup: Cleanup,
    ) -> BTreeMap<&'a Path, Line<'a>> {
        let mut listing = BTreeMap::new();
        for (file, input) in staged {
            let line = Line {
                input: Some(input.as_ref()),
                output: Some(&file.hash),
            };
            listing.insert(file.relative.as_path(), line);
        }
        for (path, input) in kept {
            let output = self.manifest.get(path).and_then(|e| e.output.as_deref());
            (listing.entry(path.as_path())).or_insert(Line {
                input: Some(input.as_ref()),
                output,
            });
        }
        if cleanup == Cleanup::Nothing {
            // A partial build keeps what the rest of the folder was built from.
            for (path, old) in self.manifest.entries() {
                (listing.entry(path)).or_insert(Line {
                    input: old.input.as_deref(),
                    output: old.output.as_deref(),
                });
            }
        }
        listing
    }

    /// Files to remove: listed by the manifest (or, when asked, marked Markdown) and not
    /// produced by this build. Each is checked to be a regular file reached without a symlink.
    fn stale_files(
        &self,
        produced: &BTreeMap<&Path, Line>,
        cleanup: Cleanup,
    ) -> Result<BTreeSet<PathBuf>, Error> {
        let Cleanup::Stale { marked_markdown } = cleanup else {
            return Ok(BTreeSet::new());
        };
        let mut candidates = self.manifest.paths();
        if marked_markdown {
            candidates.extend(
                markdown_files(&self.out)
                    .into_iter()
                    .filter(|p| guard::carries_marker(&self.out.join(p))),
            );
        }
        let mut stale = BTreeSet::new();
        for path in candidates {
            if produced.contains_key(path.as_path()) {
                continue;
            }
            guard::no_links_between(&self.out, &path)?;
            let full = self.out.join(&path);
            if std::fs::symlink_metadata(&full).is_ok_and(|m| m.is_file()) {
                stale.insert(path);
            }
        }
        Ok(stale)
    }

    /// The manifest, staged like any other file. Something other than a regular file in its
    /// place is refused before anything is moved.
    fn stage_manifest(&self, listing: &BTreeMap<&Path, Line>) -> Result<Step, Error> {
        let dest = self.out.join(MANIFEST);
        let existed = match std::fs::symlink_metadata(&dest) {
            Ok(meta) if meta.is_file() => true,
            Ok(_) => {
                return Err(Error::Refused(format!(
                    "cannot write the manifest {}: something other than a file is in its place; \
                     remove it",
                    dest.display()
                )))
            }
            Err(_) => false,
        };
        let tmp = temp_builder(0o644)
            .tempfile_in(&self.out)
            .map_err(|e| Error::io(&self.out, "cannot create temporary file", e))?;
        let mut out = std::io::BufWriter::with_capacity(64 * 1024, tmp);
        let tmp = Manifest::write(&mut out, listing)
            .and_then(|()| out.into_inner().map_err(|e| e.into_error()))
            .map_err(|e| Error::io(&dest, "cannot write", e))?;
        Ok(Step {
            relative: PathBuf::from(MANIFEST),
            action: Action::Put(tmp.into_temp_path()),
            existed,
        })
    }
}

/// A build that fails before or during its commit leaves no trace: its staged files delete
/// themselves, the commit rolls back, and the folders it made are removed here.
impl Drop for Staging {
    fn drop(&mut self) {
        if self.committed {
            return;
        }
        let created = self
            .created
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        // Deepest first; a folder that is not empty (someone else's file) stays.
        created.sort_by_key(|dir| std::cmp::Reverse(dir.components().count()));
        for dir in created.iter() {
            let _ = std::fs::remove_dir(dir);
        }
    }
}

/// Open and lock `out`'s lock file; another build holding it is [`Error::Locked`].
/// Whether another build holds the output folder's lock. Looks only: the lock file is opened
/// for reading and never created here.
fn is_locked(out: &Path) -> bool {
    std::fs::File::open(out.join(LOCK)).is_ok_and(|file| {
        matches!(
            file.try_lock_shared(),
            Err(std::fs::TryLockError::WouldBlock)
        )
    })
}

fn take_lock(out: &Path) -> Result<File, Error> {
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
        Ok(()) => Ok(lock),
        Err(std::fs::TryLockError::WouldBlock) => Err(Error::Locked(out.to_path_buf())),
        Err(std::fs::TryLockError::Error(e)) => Err(Error::io(&lock_path, "cannot lock", e)),
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
            } else if kind.is_file()
                && path.extension().is_some_and(|e| e == "md")
                // A killed commit's backups are ours and are put back by the next build.
                && !entry.file_name().to_string_lossy().starts_with(guard::OWN_PREFIX)
            {
                if let Ok(rel) = path.strip_prefix(out) {
                    found.push(rel.to_path_buf());
                }
            }
        }
    }
    found.sort();
    found
}

/// Write one file atomically: temporary file in the same folder, then rename.
pub fn write_atomic(dest: &Path, bytes: &[u8]) -> Result<(), Error> {
    let dir = match dest.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, "cannot create folder", e))?;
    let mut tmp = temp_builder(0o644)
        .tempfile_in(&dir)
        .map_err(|e| Error::io(&dir, "cannot create temporary file", e))?;
    tmp.write_all(bytes)
        .map_err(|e| Error::io(dest, "cannot write", e))?;
    tmp.persist(dest)
        .map_err(|e| Error::io(dest, "cannot move into place", e.error))?;
    Ok(())
}

/// As [`write_atomic`], for files about patients: readable by the owner only (0600) from the
/// moment they exist, and the folder must already exist (its mode is the caller's business).
pub fn write_private(dest: &Path, bytes: &[u8]) -> Result<(), Error> {
    let dir = dest.parent().unwrap_or(Path::new("."));
    let mut tmp = temp_builder(0o600)
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, "cannot create temporary file", e))?;
    tmp.write_all(bytes)
        .map_err(|e| Error::io(dest, "cannot write", e))?;
    tmp.persist(dest)
        .map_err(|e| Error::io(dest, "cannot move into place", e.error))?;
    Ok(())
}

/// Temporary files with `mode` (Unix): packs are documents everyone may read (0644), patient
/// lists are not (0600).
fn temp_builder(mode: u32) -> tempfile::Builder<'static, 'static> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    #[cfg(not(unix))]
    let _ = mode;
    builder
}

/// Output paths are built from validated ids, but check anyway: a relative path of plain
/// names only, so nothing can be written outside the output folder.
pub(crate) fn checked_relative(path: &Path) -> Result<&Path, Error> {
    let plain = path.components().all(|c| matches!(c, Component::Normal(_)));
    if plain && path.components().next().is_some() {
        Ok(path)
    } else {
        Err(Error::Refused(format!(
            "refusing to write outside the output folder: {}",
            path.display()
        )))
    }
}
