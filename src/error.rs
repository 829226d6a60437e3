//! The ways a command can fail, each printed once by `main`.

use crate::diagnostic::Diagnostic;
use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub enum Error {
    /// The procedures have problems; the diagnostics say where.
    Invalid(Vec<Diagnostic>),
    /// Reading or writing a file failed.
    Io {
        path: PathBuf,
        what: &'static str,
        source: std::io::Error,
    },
    /// Another build holds the output folder's lock.
    Locked(PathBuf),
    /// The command line asked for something that cannot be done.
    Usage(String),
    /// As `Usage`, with what to give instead: printed on a `hint:` line of its own.
    UsageHint { message: String, hint: String },
    /// Writing would overwrite, delete or go through something downtime did not make, or a
    /// commit could not complete: nothing was changed.
    Refused(String),
    /// `build --check` found output that does not match the procedures.
    Stale(Vec<String>),
}

impl Error {
    /// The exit status for this failure: 2 when the command line asked for something that
    /// cannot be done (as for clap's own usage errors), 1 when the inputs or outputs have
    /// problems.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Usage(_) | Error::UsageHint { .. } => 2,
            _ => 1,
        }
    }

    pub fn io(path: &Path, what: &'static str, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            what,
            source,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Invalid(diags) => {
                let errors = diags.iter().filter(|d| d.is_error()).count();
                write!(f, "{errors} error(s) found; nothing was written")
            }
            Error::Io { path, what, source } => write!(f, "{what} {}: {source}", path.display()),
            Error::Locked(out) => write!(
                f,
                "another downtime build is writing to {}; wait for it to finish",
                out.display()
            ),
            Error::Usage(message) | Error::Refused(message) => f.write_str(message),
            Error::UsageHint { message, .. } => f.write_str(message),
            Error::Stale(files) => write!(f, "{} output file(s) are out of date", files.len()),
        }
    }
}

impl std::error::Error for Error {}
