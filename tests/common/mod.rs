//! Shared test harness: copy a fixture tree to a scratch folder, optionally overlay a broken
//! variant, run the real `downtime` binary there, and read what it wrote.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A scratch copy of a fixture trust, with its own output folder.
pub struct Trust {
    pub dir: tempfile::TempDir,
}

impl Trust {
    /// Copy `tests/fixtures/<name>` into `<tmp>/procedures`.
    pub fn fixture(name: &str) -> Trust {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_tree(&fixtures().join(name), &dir.path().join("procedures"));
        Trust { dir }
    }

    /// The minimal trust with `tests/fixtures/broken/<case>` laid over it. A file named
    /// `X.remove` in the overlay deletes `X`.
    pub fn broken(case: &str) -> Trust {
        let trust = Trust::fixture("minimal");
        trust.overlay(&fixtures().join("broken").join(case));
        trust
    }

    pub fn overlay(&self, from: &Path) {
        for entry in walk(from) {
            let rel = entry.strip_prefix(from).expect("inside overlay");
            let dest = self.procedures().join(rel);
            if let Some(target) = rel.to_str().and_then(|r| r.strip_suffix(".remove")) {
                std::fs::remove_file(self.procedures().join(target))
                    .expect("file to remove exists");
            } else {
                std::fs::create_dir_all(dest.parent().expect("has parent")).expect("mkdir");
                std::fs::copy(&entry, &dest).expect("copy overlay file");
            }
        }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn procedures(&self) -> PathBuf {
        self.dir.path().join("procedures")
    }

    pub fn out(&self) -> PathBuf {
        self.dir.path().join("output")
    }

    pub fn write(&self, rel: &str, text: &str) {
        let path = self.procedures().join(rel);
        std::fs::create_dir_all(path.parent().expect("has parent")).expect("mkdir");
        std::fs::write(path, text).expect("write fixture file");
    }

    /// Replace `from` by `to` in a procedures file; panics if `from` is absent so a fixture
    /// change cannot silently turn the test into a no-op.
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let path = self.procedures().join(rel);
        let text = std::fs::read_to_string(&path).expect("read fixture file");
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).expect("write fixture file");
    }

    /// Run `downtime ARGS` in the scratch folder (so the defaults `procedures`/`output` apply).
    pub fn run(&self, args: &[&str]) -> Run {
        run_in(self.root(), args, &[])
    }

    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        run_in(self.root(), args, env)
    }

    /// Write every scaffold `downtime new` left in the procedures, as a user would (see
    /// [`write_scaffold`]).
    pub fn write_scaffolds(&self, values: &[(&str, &str)]) {
        for file in walk(&self.procedures()) {
            let text = std::fs::read_to_string(&file).expect("read procedures file");
            if text.contains("WRITE ME: ") {
                write_scaffold(&file, values);
            }
        }
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.out().join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    pub fn read_bytes(&self, rel: &str) -> Vec<u8> {
        std::fs::read(self.out().join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    /// Every file under the output folder (relative path, bytes), sorted.
    pub fn output_files(&self) -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<(String, Vec<u8>)> = walk(&self.out())
            .into_iter()
            .map(|p| {
                let rel = p
                    .strip_prefix(self.out())
                    .expect("inside out")
                    .to_string_lossy()
                    .into_owned();
                let bytes = std::fs::read(&p).expect("read output");
                (rel, bytes)
            })
            .filter(|(rel, _)| !rel.ends_with(".downtime-lock"))
            .collect();
        files.sort();
        files
    }
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_downtime")
}

pub fn run_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(binary());
    cmd.args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let Output {
        status,
        stdout,
        stderr,
    } = cmd.output().expect("run downtime");
    Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

pub fn copy_tree(from: &Path, to: &Path) {
    for file in walk(from) {
        let dest = to.join(file.strip_prefix(from).expect("inside tree"));
        std::fs::create_dir_all(dest.parent().expect("has parent")).expect("mkdir");
        std::fs::copy(&file, &dest).expect("copy");
    }
}

/// Every regular file below `dir`, sorted.
pub fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The text of a PDF in content-stream order (`pdftotext -raw`, from poppler-utils, which
/// `.ci/run` installs), pages separated by form feeds.
pub fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext is needed (apt-get install poppler-utils; .ci/run does)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// One printed document, laid out in memory: its output path, the Markdown it was typeset from
/// (none for a blank form) and its pages.
pub struct Printed {
    pub path: PathBuf,
    pub markdown: Option<String>,
    pub document: downtime::typeset::page::Document,
}

/// Every printed document a trust builds, laid out in memory (the page model the PDFs are
/// painted from): packs with their forms appended, cards, forms on their own.
pub fn documents(procedures: &Path) -> Vec<Printed> {
    use downtime::pack::{self, PackKind, Selection};
    let project = downtime::project::Project::load(procedures).expect("trust loads");
    let renderer = downtime::render::Renderer::new(None).expect("templates compile");
    let model = &project.model;
    pack::plan(model, &Selection::default())
        .into_iter()
        .filter(|kind| !matches!(kind, PackKind::Index | PackKind::Coverage))
        .map(|kind| {
            let pack = pack::build(model, kind);
            let rendered = match &pack.form {
                Some(form) => downtime::render::Rendered::form(form),
                None => renderer.render(&pack).expect("pack renders"),
            };
            let document = downtime::format::Pdf::document(&pack, &rendered);
            let markdown = pack.form.is_none().then_some(rendered.markdown);
            Printed {
                path: pack.path.with_extension("pdf"),
                markdown,
                document,
            }
        })
        .collect()
}

/// The example trust's documents, laid out once per test binary.
pub fn example_documents() -> &'static [Printed] {
    static DOCS: std::sync::OnceLock<Vec<Printed>> = std::sync::OnceLock::new();
    DOCS.get_or_init(|| documents(&Path::new(env!("CARGO_MANIFEST_DIR")).join("procedures")))
}

/// A synthetic trust from `examples/synth.rs` (2 sites, 10 wards, 15 systems), generated once
/// per test binary.
pub fn synthetic_trust() -> &'static Path {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut args = vec!["--sites", "2", "--wards", "10", "--systems", "15", "--out"];
        args.push(dir.path().to_str().expect("temp path is UTF-8"));
        run_example("synth", &args);
        dir
    })
    .path()
}

/// Runs `examples/<name>.rs` with `args` through cargo, in the profile the tests were built
/// in: `cargo test` already compiled the example there, so this reuses it. (Without the
/// matching profile, `cargo test --release` would compile the whole dependency tree again in
/// debug, which took most of this binary's 112 s.)
pub fn run_example(name: &str, args: &[&str]) {
    let mut cargo = Command::new(env!("CARGO"));
    cargo.args(["run", "--quiet"]);
    if !cfg!(debug_assertions) {
        cargo.arg("--release");
    }
    let status = cargo
        .args(["--example", name, "--"])
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .unwrap_or_else(|e| panic!("cargo runs the {name} example: {e}"));
    assert!(status.success(), "the {name} example failed");
}

/// Every page in `docs` whose last line of body text is a heading (text larger than the
/// document's body size, which is its most common size), named by file and page: a heading
/// left alone at a page foot while what it introduces starts overleaf.
pub fn lone_headings(docs: &[Printed]) -> Vec<String> {
    use downtime::typeset::page::Item;
    let geo = downtime::typeset::page::Geometry::a4();
    let mut problems = Vec::new();
    for Printed { path, document, .. } in docs {
        let mut sizes: std::collections::BTreeMap<u32, usize> = Default::default();
        for item in document.pages.iter().flat_map(|p| &p.items) {
            if let Item::Text { size, .. } = item {
                *sizes.entry((size * 10.0) as u32).or_default() += 1;
            }
        }
        let Some(body) = sizes
            .iter()
            .max_by_key(|(_, n)| **n)
            .map(|(s, _)| *s as f32 / 10.0)
        else {
            continue;
        };
        for (p, page) in document
            .pages
            .iter()
            .enumerate()
            .take(document.pages.len() - 1)
        {
            let last = (page.items.iter())
                .filter_map(|i| match i {
                    Item::Text { y, size, text, .. }
                        if *y > geo.body_top && *y < geo.body_bottom =>
                    {
                        Some((*y, *size, text.as_str()))
                    }
                    _ => None,
                })
                .max_by(|a, b| a.0.total_cmp(&b.0));
            if let Some((_, size, text)) = last.filter(|(_, size, _)| *size > body + 0.01) {
                problems.push(format!(
                    "{} page {}: ends with heading text {text:?} ({size} pt)",
                    path.display(),
                    p + 1
                ));
            }
        }
    }
    problems
}

/// Every breach of the no-overlap, inside-the-page invariant in `docs`, named by file and page.
pub fn collisions(docs: &[Printed]) -> Vec<String> {
    let geo = downtime::typeset::page::Geometry::a4();
    let mut problems = Vec::new();
    for Printed { path, document, .. } in docs {
        for (p, page) in document.pages.iter().enumerate() {
            for problem in page.collisions(&geo) {
                problems.push(format!("{} page {}: {problem}", path.display(), p + 1));
            }
        }
    }
    problems
}

/// Words of 5+ letters of each pack's Markdown that are not printed whole anywhere in its
/// pages (split across lines or cells), as "file: word". Words longer than `longest` letters
/// (too long for any line) are allowed to break.
pub fn split_words(docs: &[Printed], longest: usize) -> Vec<String> {
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_alphabetic())
            .filter(|w| w.chars().count() >= 5)
            .map(str::to_string)
            .collect()
    };
    let mut problems = Vec::new();
    for Printed {
        path,
        markdown,
        document,
    } in docs
    {
        let Some(markdown) = markdown else { continue };
        let printed: std::collections::HashSet<String> = (document.pages.iter())
            .flat_map(|p| &p.items)
            .filter_map(|i| match i {
                downtime::typeset::page::Item::Text { text, .. } => Some(words(text)),
                _ => None,
            })
            .flatten()
            .collect();
        // What Markdown says but does not print: comments and link targets.
        let shown = strip_unprinted(markdown);
        let mut missing: Vec<String> = words(&shown)
            .into_iter()
            .filter(|w| w.chars().count() <= longest && !printed.contains(w))
            .collect();
        // A word split in one place but printed whole elsewhere: a piece that is no word of
        // the Markdown, joined to the next printed piece, makes one.
        let vocab: std::collections::HashSet<String> = shown
            .split(|c: char| !c.is_alphabetic())
            .map(str::to_string)
            .collect();
        let pieces: Vec<&str> = (document.pages.iter())
            .flat_map(|p| &p.items)
            .filter_map(|i| match i {
                downtime::typeset::page::Item::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .flat_map(|t| {
                t.split(|c: char| !c.is_alphabetic())
                    .filter(|w| !w.is_empty())
            })
            .collect();
        for pair in pieces.windows(2) {
            let joined = format!("{}{}", pair[0], pair[1]);
            if joined.chars().count() >= 5 && !vocab.contains(pair[0]) && vocab.contains(&joined) {
                missing.push(format!("{}|{}", pair[0], pair[1]));
            }
        }
        missing.sort();
        missing.dedup();
        problems.extend(
            missing
                .into_iter()
                .map(|w| format!("{}: {w}", path.display())),
        );
    }
    problems
}

/// `markdown` without HTML comments and link destinations.
fn strip_unprinted(markdown: &str) -> String {
    let mut out = String::new();
    let mut rest = markdown;
    while let Some(i) = rest.find(['<', ']']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if let Some(after) = tail.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |e| &after[e + 3..]);
        } else if let Some(after) = tail.strip_prefix("](") {
            out.push(' ');
            rest = after.find(')').map_or("", |e| &after[e + 1..]);
        } else {
            out.push_str(&tail[..1]);
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

/// A fresh copy of what this repository commits for the example trust: `procedures/` and the
/// generated Markdown in `output/` (PDFs and the viewer are build products, not committed).
pub fn committed_example() -> tempfile::TempDir {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let clone = tempfile::tempdir().expect("temp dir");
    copy_tree(&root.join("procedures"), &clone.path().join("procedures"));
    for file in walk(&root.join("output")) {
        let rel = file.strip_prefix(root).expect("inside the repository");
        let committed = file.extension().is_some_and(|e| e == "md")
            && !rel.starts_with("output/_viewer")
            && !rel.to_string_lossy().contains(".downtime-");
        if committed {
            let dest = clone.path().join(rel);
            std::fs::create_dir_all(dest.parent().expect("has parent")).expect("mkdir");
            std::fs::copy(&file, dest).expect("copy committed file");
        }
    }
    clone
}

/// Write a `downtime new` scaffold as a user would: each `"WRITE ME: ..."` placeholder gets the
/// value given for its key in `values`, or else the placeholder's own words as the text; an
/// unquoted one (a line of a Markdown body) keeps its words.
pub fn write_scaffold(path: &Path, values: &[(&str, &str)]) {
    const MARK: &str = "\"WRITE ME: ";
    let text = std::fs::read_to_string(path).expect("scaffold");
    let mut out = String::new();
    for line in text.lines() {
        let mut rest = line;
        while let Some(at) = rest.find(MARK) {
            let end = at + MARK.len() + rest[at + MARK.len()..].find('"').expect("closing quote");
            let before = &rest[..at];
            let key = before
                .trim_end_matches([' ', ':', '['])
                .rsplit([' ', '{', ','])
                .next()
                .unwrap_or("");
            let words = &rest[at + MARK.len()..end];
            let value = values
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.to_string())
                .unwrap_or_else(|| format!("\"{words}\""));
            out.push_str(before);
            out.push_str(&value);
            rest = &rest[end + 1..];
        }
        // A placeholder in a block of Markdown is a line of text: the marker goes.
        out.push_str(&rest.replace("WRITE ME: ", ""));
        out.push('\n');
    }
    std::fs::write(path, out).expect("write scaffold");
}
