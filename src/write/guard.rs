//! What the tool may write over or delete, and where.
//!
//! The rule: downtime writes only into an output folder that is new, empty, or already its
//! own; it replaces or removes a file only if its manifest lists it or the file carries the
//! generated-file marker; it never writes through a symlink below the output folder; and the
//! output folder never overlaps an input folder.

use super::manifest::{Manifest, MANIFEST};
use crate::error::Error;
use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

/// Files we create in the output folder for our own bookkeeping all start with this.
pub const OWN_PREFIX: &str = ".downtime-";

/// The start of the search cache that earlier versions wrote (`_viewer/.search-cache.json`):
/// JSON cannot hold a comment, so the cache says who wrote it in its first field. Still
/// recognised, so that a build can remove the cache an older one left.
pub const CACHE_MARKER: &str = "{\"generator\":\"downtime\"";

/// Accept `out` as an output folder only if it does not exist, is empty (apart from our own
/// bookkeeping files), holds our manifest, or holds our marked `README.md` (a fresh clone of
/// a repository with committed packs: the manifest is not committed).
pub fn accept_folder(out: &Path) -> Result<(), Error> {
    // Not there (or not reachable, e.g. below a file): creating it will fail or succeed
    // with its own clear error, and there is nothing of anyone's to protect.
    let Ok(meta) = std::fs::metadata(out) else {
        return Ok(());
    };
    if !meta.is_dir() {
        return Err(Error::Refused(format!(
            "output folder {} is a file, not a folder; choose an empty or new folder with --out",
            out.display()
        )));
    }
    let entries =
        std::fs::read_dir(out).map_err(|e| Error::io(out, "cannot read output folder", e))?;
    let mut empty = true;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(out, "cannot read output folder", e))?;
        if !entry.file_name().to_string_lossy().starts_with(OWN_PREFIX) {
            empty = false;
            break;
        }
    }
    let manifest = std::fs::symlink_metadata(out.join(MANIFEST)).is_ok_and(|m| m.is_file());
    if empty || manifest || carries_marker(&out.join("README.md")) {
        return Ok(());
    }
    Err(Error::Refused(format!(
        "output folder {} is not empty and was not made by downtime; choose an empty or new \
         folder with --out (if it holds packs from a downtime that did not yet mark its \
         files, delete them and build again)",
        out.display()
    )))
}

/// Refuse an output folder that is `input`, lies inside it, or contains it: a build would
/// write packs among the YAML, or remove the YAML as stale output.
pub fn refuse_overlap(out: &Path, input: &Path, what: &str) -> Result<(), Error> {
    let (out_abs, input_abs) = (absolute(out), absolute(input));
    let problem = if out_abs == input_abs {
        "is"
    } else if out_abs.starts_with(&input_abs) {
        "is inside"
    } else if input_abs.starts_with(&out_abs) {
        "contains"
    } else {
        return Ok(());
    };
    Err(Error::Refused(format!(
        "output folder {} {problem} the {what} {}; choose an output folder of its own with --out",
        out.display(),
        input.display()
    )))
}

/// `path` made absolute, with symlinks resolved as far as it exists and `.`/`..` applied
/// (after resolving, so `link/..` means the link target's parent, as the system reads it).
fn absolute(path: &Path) -> PathBuf {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut resolved = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                resolved.pop();
            }
            part => {
                resolved.push(part);
                if let Ok(real) = resolved.canonicalize() {
                    resolved = real;
                }
            }
        }
    }
    resolved
}

/// Make sure every folder between `out` and `relative`'s file exists and is a real folder,
/// creating missing ones and noting them in `created`. Refuses a symlink or a file in the way,
/// so nothing is ever written outside `out` through a link. Safe to call from many threads at
/// once.
pub fn prepare_folders(
    out: &Path,
    relative: &Path,
    created: &Mutex<Vec<PathBuf>>,
) -> Result<(), Error> {
    let mut dir = out.to_path_buf();
    let Some(parent) = relative.parent() else {
        return Ok(());
    };
    for part in parent.components() {
        dir.push(part);
        match std::fs::symlink_metadata(&dir) {
            Ok(meta) => check_folder(&dir, &meta)?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                match std::fs::create_dir(&dir) {
                    Ok(()) => created
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)
                        .push(dir.clone()),
                    // Another pack's thread made it first: check what is there now.
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                        let meta = std::fs::symlink_metadata(&dir)
                            .map_err(|e| Error::io(&dir, "cannot read", e))?;
                        check_folder(&dir, &meta)?;
                    }
                    Err(e) => return Err(Error::io(&dir, "cannot create folder", e)),
                }
            }
            Err(e) => return Err(Error::io(&dir, "cannot read", e)),
        }
    }
    Ok(())
}

/// Check, without creating anything, that no folder between `out` and `relative` is a
/// symlink: before removing a file.
pub fn no_links_between(out: &Path, relative: &Path) -> Result<(), Error> {
    let mut dir = out.to_path_buf();
    for part in relative.parent().into_iter().flat_map(Path::components) {
        dir.push(part);
        if let Ok(meta) = std::fs::symlink_metadata(&dir) {
            check_folder(&dir, &meta)?;
        }
    }
    Ok(())
}

fn check_folder(dir: &Path, meta: &std::fs::Metadata) -> Result<(), Error> {
    if meta.file_type().is_symlink() {
        Err(Error::Refused(format!(
            "refusing to write through the symlink {}: the output folder must hold real \
             folders only; remove the link",
            dir.display()
        )))
    } else if !meta.is_dir() {
        Err(Error::Refused(format!(
            "{} is in the way: a pack folder is meant to be there; move it away",
            dir.display()
        )))
    } else {
        Ok(())
    }
}

/// What is at `dest` now, before a build replaces it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    Nothing,
    /// A regular file we may replace.
    Ours,
}

/// May the file at `dest` (`relative` below the output folder) be replaced? Nothing there,
/// or a regular file the manifest lists or that carries our marker. A folder, a symlink or
/// someone else's file is an error naming it.
pub fn may_replace(dest: &Path, relative: &Path, manifest: &Manifest) -> Result<Existing, Error> {
    let meta = match std::fs::symlink_metadata(dest) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Existing::Nothing),
        Err(e) => return Err(Error::io(dest, "cannot read", e)),
    };
    let kind = if meta.file_type().is_symlink() {
        "a symlink"
    } else if meta.is_dir() {
        "a folder"
    } else if manifest.contains(relative) || carries_marker(dest) {
        return Ok(Existing::Ours);
    } else {
        "a file downtime did not make (it is not in the manifest and has no generated-file marker)"
    };
    Err(Error::Refused(format!(
        "refusing to replace {}: it is {kind}; move it away or choose another --out",
        dest.display()
    )))
}

/// The file was written by downtime: a Markdown pack starting with the marker line, a viewer
/// page with our generator tag, a PDF whose producer is downtime, or our search cache.
pub fn carries_marker(path: &Path) -> bool {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return false;
    };
    if !meta.is_file() {
        return false;
    }
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    match extension {
        "md" => starts_with(path, crate::render::MARKER.as_bytes()),
        "json" => starts_with(path, CACHE_MARKER.as_bytes()),
        "js" => starts_with(path, crate::html::SCRIPT_MARKER.as_bytes()),
        "html" => head(path, 1024).is_some_and(|h| contains(&h, crate::html::GENERATOR.as_bytes())),
        "pdf" => std::fs::read(path).is_ok_and(|pdf| is_our_pdf(&pdf)),
        _ => false,
    }
}

/// The PDF's document information names downtime as its producer: printpdf writes it as a
/// UTF-16 string, so look for "downtime" in that encoding after `/Producer`.
pub fn is_our_pdf(pdf: &[u8]) -> bool {
    let name: Vec<u8> = "downtime"
        .encode_utf16()
        .flat_map(u16::to_be_bytes)
        .collect();
    let hex: String = name.iter().map(|b| format!("{b:02X}")).collect();
    pdf.starts_with(b"%PDF-")
        && pdf
            .windows(b"/Producer".len())
            .position(|w| w == b"/Producer")
            .is_some_and(|at| {
                let rest = &pdf[at..pdf.len().min(at + 200)];
                contains(rest, &name) || contains(rest, hex.as_bytes())
            })
}

fn starts_with(path: &Path, prefix: &[u8]) -> bool {
    head(path, prefix.len()).is_some_and(|h| h == prefix)
}

/// Up to the first `n` bytes of a file.
fn head(path: &Path, n: usize) -> Option<Vec<u8>> {
    let mut bytes = Vec::with_capacity(n);
    std::fs::File::open(path)
        .ok()?
        .take(n as u64)
        .read_to_end(&mut bytes)
        .ok()?;
    Some(bytes)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// `a` and `b` name the same file (the same path, a link to it, or a hard link).
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return ma.dev() == mb.dev() && ma.ino() == mb.ino();
        }
    }
    absolute(a) == absolute(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    // The output folder may not be an input folder, lie inside one, or contain one, however
    // the paths are spelt; a sibling folder is fine.
    #[test]
    fn overlapping_folders_are_refused() {
        let root = tempfile::tempdir().unwrap();
        let procedures = root.path().join("procedures");
        std::fs::create_dir(&procedures).unwrap();
        for out in [
            procedures.clone(),
            procedures.join("."),
            procedures.join("new/deeper"),
            root.path().to_path_buf(),
            root.path().join("output/.."),
        ] {
            assert!(
                refuse_overlap(&out, &procedures, "procedures folder").is_err(),
                "{}",
                out.display()
            );
        }
        let sibling = root.path().join("output");
        assert!(refuse_overlap(&sibling, &procedures, "procedures folder").is_ok());
    }

    // Only a PDF whose producer is downtime counts as ours, in either string encoding.
    #[test]
    fn our_pdfs_are_recognised_by_their_producer() {
        let hex = b"%PDF-1.3\n<< /Producer<FEFF0064006F0077006E00740069006D0065> >>";
        assert!(is_our_pdf(hex));
        let mut literal = b"%PDF-1.3\n<< /Producer (".to_vec();
        literal.extend("\u{feff}downtime".encode_utf16().flat_map(u16::to_be_bytes));
        literal.extend(b") >>");
        assert!(is_our_pdf(&literal));
        assert!(!is_our_pdf(b"%PDF-1.7\n<< /Producer (LibreOffice) >>"));
        assert!(!is_our_pdf(
            b"not a pdf /Producer<FEFF0064006F0077006E00740069006D0065>"
        ));
    }
}
