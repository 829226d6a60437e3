//! What is at a path, found from its metadata **without opening it**.
//!
//! Opening a named pipe blocks until something writes to it, so `check` would hang on a FIFO
//! named `wards/x.yaml`; a device may never end; a link may lead out of the procedures folder
//! to a file that has no business in a pack. So every path the loader will read, and every
//! kind folder it will list, is looked at here first, and anything but a regular file (or
//! folder) inside the procedures folder is refused with a message saying what it is.

use crate::diagnostic::Diagnostic;
use std::fs::{FileType, Metadata};
use std::io::ErrorKind;
use std::path::Path;

/// What the caller is about to do with the path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// Read it as a YAML file.
    File,
    /// List it as a kind folder (`wards/`, `systems/`...).
    Folder,
}

/// What a path turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Found {
    File,
    Folder,
    /// Anything else, in words for a message ("a named pipe (FIFO)").
    Other(&'static str),
}

/// Check that `path` is what `expect` says, following links only when they stay inside
/// `base` (the procedures folder, canonicalised). Nothing is opened or read.
pub fn check(base: &Path, path: &Path, expect: Expect) -> Result<(), Box<Diagnostic>> {
    let own = std::fs::symlink_metadata(path).map_err(|e| cannot_read(path, expect, &e))?;
    let meta = if own.file_type().is_symlink() {
        follow_link(base, path, expect)?
    } else {
        own
    };
    match (expect, found(&meta)) {
        (Expect::File, Found::File) | (Expect::Folder, Found::Folder) => Ok(()),
        (Expect::File, Found::Folder) => Err(not_a_file(
            path,
            "a folder",
            "a folder may not be named like a YAML file; rename it",
        )),
        (Expect::File, Found::Other(what)) => Err(not_a_file(
            path,
            what,
            "replace it with an ordinary YAML file, or remove it",
        )),
        (Expect::Folder, other) => {
            let what = match other {
                Found::Other(what) => what,
                _ => "a file",
            };
            Err(Box::new(
                Diagnostic::error(
                    "not-a-folder",
                    path,
                    format!("this is {what}, not a folder, so nothing is loaded from it"),
                )
                .with_hint("this name is reserved for a folder of YAML files; rename or remove it"),
            ))
        }
    }
}

fn not_a_file(path: &Path, what: &str, hint: &str) -> Box<Diagnostic> {
    Box::new(
        Diagnostic::error(
            "not-a-file",
            path,
            format!("this is {what}, not a file, so it is not read"),
        )
        .with_hint(hint),
    )
}

/// The metadata of a link's target, refusing broken and looping links and links that lead
/// out of the procedures folder, whose target is never read or quoted.
fn follow_link(base: &Path, path: &Path, expect: Expect) -> Result<Metadata, Box<Diagnostic>> {
    let target = std::fs::read_link(path)
        .map(|t| t.display().to_string())
        .unwrap_or_else(|_| "?".to_string());
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == ErrorKind::NotFound => {
            return Err(Box::new(
                Diagnostic::error(
                    "broken-link",
                    path,
                    format!("broken link: it points to `{target}`, which does not exist"),
                )
                .with_hint(
                    "point the link at an existing file, or replace it with the file itself",
                ),
            ))
        }
        Err(e) => return Err(cannot_read(path, expect, &e)),
    };
    let inside = std::fs::canonicalize(path)
        .map(|real| real.starts_with(base))
        .unwrap_or(false);
    if !inside {
        return Err(Box::new(
            Diagnostic::error(
                "outside-link",
                path,
                format!(
                    "this is a link to `{target}`, outside the procedures folder; \
                     links outside the procedures folder are not followed"
                ),
            )
            .with_hint(
                "copy the file into the procedures folder, so what the packs are built from \
                 is reviewed with them",
            ),
        ));
    }
    Ok(meta)
}

/// Sort an entry's (followed) metadata into file, folder or something else, named.
fn found(meta: &Metadata) -> Found {
    let kind: FileType = meta.file_type();
    if kind.is_file() {
        return Found::File;
    }
    if kind.is_dir() {
        return Found::Folder;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Found::Other("a named pipe (FIFO)");
        }
        if kind.is_socket() {
            return Found::Other("a socket");
        }
        if kind.is_block_device() || kind.is_char_device() {
            return Found::Other("a device");
        }
    }
    Found::Other("an entry of an unknown kind")
}

/// A metadata call failed: a looping link, a permission problem, an entry that vanished.
fn cannot_read(path: &Path, expect: Expect, err: &std::io::Error) -> Box<Diagnostic> {
    let what = match expect {
        Expect::File => "file",
        Expect::Folder => "folder",
    };
    // ELOOP has no stable ErrorKind yet; its message ("Too many levels of symbolic links")
    // says what it is, and the hint covers it.
    Box::new(
        Diagnostic::error("unreadable", path, format!("cannot read {what}: {err}")).with_hint(
            "check the file's permissions, and that it is not a link that loops back on itself",
        ),
    )
}
