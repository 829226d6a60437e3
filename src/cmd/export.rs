//! `downtime export-viewer`: the offline viewer and the printable PDFs, copied into a folder of
//! their own for the downtime PC or a USB stick.

use downtime::error::Error;
use downtime::write::write_atomic;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Copy the offline viewer and every printable PDF of a build into a new folder, laid out so
/// that every link of the viewer (PDFs included) works there with nothing else. Open
/// `DIR/_viewer/index.html` on the downtime PC. The Markdown is not copied: the PC needs only
/// what staff read and print.
#[derive(clap::Args)]
pub struct Args {
    /// The folder to create: it must not exist yet, or be empty.
    dir: PathBuf,
    /// The build's output folder (built with the html and pdf formats).
    #[arg(long, value_name = "DIR", default_value = "output")]
    out: PathBuf,
}

pub fn run(args: Args) -> Result<ExitCode, Error> {
    if !args.out.join("_viewer/index.html").is_file() {
        return Err(Error::Usage(format!(
            "{} holds no viewer: run `downtime build` (with the html format) first, or pass the folder it built into with `--out DIR`",
            args.out.display()
        )));
    }
    // Never over anything else: the folder is new, or empty.
    let occupied = std::fs::read_dir(&args.dir).is_ok_and(|mut d| d.next().is_some());
    if occupied {
        return Err(Error::Refused(format!(
            "{} is not empty: export into a new or empty folder, so nothing there is overwritten",
            args.dir.display()
        )));
    }
    let mut files = Vec::new();
    shipped(&args.out, Path::new(""), &mut files)?;
    for rel in &files {
        let from = args.out.join(rel);
        let bytes = std::fs::read(&from).map_err(|e| Error::io(&from, "cannot read", e))?;
        write_atomic(&args.dir.join(rel), &bytes)?;
    }
    eprintln!(
        "copied {} files to {}; open {} on the downtime PC",
        files.len(),
        args.dir.display(),
        args.dir.join("_viewer/index.html").display()
    );
    Ok(ExitCode::SUCCESS)
}

/// The files the downtime PC needs, relative to the output folder, in a stable order: the
/// viewer's pages and every PDF. The build's own bookkeeping (manifest, search cache, lock)
/// stays behind.
fn shipped(out: &Path, rel: &Path, files: &mut Vec<PathBuf>) -> Result<(), Error> {
    let dir = out.join(rel);
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .map_err(|e| Error::io(&dir, "cannot read folder", e))?
        .filter_map(Result::ok)
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = rel.join(entry.file_name());
        let name = entry.file_name().to_string_lossy().into_owned();
        let kind = entry
            .file_type()
            .map_err(|e| Error::io(&out.join(&path), "cannot read", e))?;
        if name.starts_with('.') {
            continue;
        } else if kind.is_dir() {
            shipped(out, &path, files)?;
        } else if kind.is_file() && (path.starts_with("_viewer") || name.ends_with(".pdf")) {
            files.push(path);
        }
    }
    Ok(())
}
