//! The manifest: which files the last build wrote, the fingerprint of the inputs each was
//! built from, and the BLAKE3 hash of the bytes it wrote.
//!
//! One line per file: `path<TAB>input fingerprint<TAB>output hash`. A file is reused only when
//! its input fingerprint is unchanged **and** the bytes on disk still hash to what was
//! written, so an emptied, truncated or hand-edited pack is rebuilt rather than trusted.

use super::checked_relative;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Name of the manifest of generated files, inside the output folder.
pub const MANIFEST: &str = ".downtime-manifest";

/// What the manifest says about one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    /// Fingerprint of everything the file was built from.
    pub input: Option<String>,
    /// BLAKE3 of the file's bytes as written. Manifests from before this was recorded have
    /// none, so their files are rebuilt once.
    pub output: Option<String>,
}

/// The manifest of an output folder, as read at the start of a build.
#[derive(Debug, Default, Clone)]
pub struct Manifest {
    entries: BTreeMap<PathBuf, Entry>,
    found: bool,
}

impl Manifest {
    /// Read `out`'s manifest. A missing or unreadable one is empty: every file is rebuilt.
    /// Entries that could point outside the folder are ignored.
    pub fn read(out: &Path) -> Manifest {
        let Ok(text) = std::fs::read_to_string(out.join(MANIFEST)) else {
            return Manifest::default();
        };
        let entries = text
            .lines()
            .filter_map(|line| {
                let mut fields = line.split('\t');
                let path = PathBuf::from(fields.next()?);
                let field = |f: Option<&str>| f.filter(|h| !h.is_empty()).map(str::to_string);
                let entry = Entry {
                    input: field(fields.next()),
                    output: field(fields.next()),
                };
                checked_relative(&path).is_ok().then_some((path, entry))
            })
            .collect();
        Manifest {
            entries,
            found: true,
        }
    }

    /// The folder had a manifest: it was built here before.
    pub fn found(&self) -> bool {
        self.found
    }

    pub fn get(&self, path: &Path) -> Option<&Entry> {
        self.entries.get(path)
    }

    pub fn contains(&self, path: &Path) -> bool {
        self.entries.contains_key(path)
    }

    /// Every file the last build recorded.
    pub fn paths(&self) -> BTreeSet<PathBuf> {
        self.entries.keys().cloned().collect()
    }

    /// `path` was built from inputs with fingerprint `input`, and what is on disk below `out`
    /// is byte for byte what was written then. Reads and hashes the file: callers run this
    /// on many threads at once, which keeps a no-change rebuild fast.
    pub fn unchanged(&self, out: &Path, path: &Path, input: &str) -> bool {
        let Some(entry) = self.entries.get(path) else {
            return false;
        };
        entry.input.as_deref() == Some(input)
            && entry.output.is_some()
            && file_hash(&out.join(path)) == entry.output
    }

    /// Every file the last build recorded, with what it recorded.
    pub fn entries(&self) -> impl Iterator<Item = (&Path, &Entry)> {
        self.entries.iter().map(|(p, e)| (p.as_path(), e))
    }

    /// Write the manifest's text for `files`, a line at a time (at 3,000 wards it is 10 MB).
    pub fn write(
        out: &mut dyn std::io::Write,
        files: &BTreeMap<&Path, Line>,
    ) -> std::io::Result<()> {
        for (path, line) in files {
            writeln!(
                out,
                "{}\t{}\t{}",
                path.display(),
                line.input.unwrap_or_default(),
                line.output.unwrap_or_default()
            )?;
        }
        Ok(())
    }
}

/// One line of a manifest being written: an [`Entry`] borrowed from where the build holds it.
#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    pub input: Option<&'a str>,
    pub output: Option<&'a str>,
}

/// BLAKE3 of a regular file's bytes; `None` if it is missing, unreadable, or not a regular
/// file (a symlink is never trusted as one of our outputs).
pub fn file_hash(path: &Path) -> Option<String> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.is_file() {
        return None;
    }
    let mut file = std::fs::File::open(path).ok()?;
    let mut hasher = blake3::Hasher::new();
    // Buffered in large blocks: BLAKE3 is fastest when it can hash many chunks at once.
    let mut buffer = vec![0; 64 * 1024];
    loop {
        match file.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => {
                hasher.update(&buffer[..n]);
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
    Some(hasher.finalize().to_hex().to_string())
}

/// BLAKE3 of bytes about to be written, in the manifest's form.
pub fn bytes_hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}
