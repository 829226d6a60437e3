//! The build pipeline: **load -> validate -> model -> render markdown -> typeset pdf -> write**.

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::format::{self, Format};
use crate::html;
use crate::model::Model;
use crate::pack::{self, Data, Pack, PackKind, Selection};
use crate::project::Project;
use crate::render::{Rendered, Renderer};
use crate::viewer::{self, place, search};
use crate::write::{self, Cleanup, Manifest, Staged, Staging};
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Which files a build writes for each pack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    pub markdown: bool,
    pub pdf: bool,
    /// The offline HTML viewer under `_viewer/`.
    pub html: bool,
}

/// Everything `downtime build` can be asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub procedures: PathBuf,
    pub out: PathBuf,
    pub templates: Option<PathBuf>,
    pub selection: Selection,
    pub formats: Formats,
    /// Threads to build with; 0 means one per core.
    pub jobs: usize,
    /// Rebuild every pack even when its inputs have not changed.
    pub force: bool,
}

/// What a build did, for the one-line summary.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub packs: usize,
    pub files: usize,
    pub pages: usize,
    /// Packs left as they were because nothing they draw on changed.
    pub reused: usize,
    /// Typesetting warnings (characters the font lacks...), as diagnostics naming their file.
    pub warnings: Vec<Diagnostic>,
}

/// Told how far a build has got, for a progress bar. Called from the worker threads, so it
/// must be cheap; the library itself never prints.
pub trait Progress: Sync {
    /// The build will go through this many packs (reused ones included).
    fn start(&self, _packs: usize) {}
    /// One more pack is done, built or reused.
    fn pack_done(&self) {}
}

/// No progress reporting.
impl Progress for () {}

/// The creation date written into PDFs: SOURCE_DATE_EPOCH when set (reproducible-builds.org),
/// else `fallback` (the pack's issue date). Never the clock.
pub fn pdf_timestamp(fallback: i64) -> i64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok())
        .unwrap_or(fallback)
}

/// Run the whole pipeline. Nothing in `out` changes unless every pack was built.
pub fn build(options: &BuildOptions, progress: &dyn Progress) -> Result<(Project, Summary), Error> {
    let project = Project::load(&options.procedures)?;
    let unmatched = pack::unmatched(&project.model, &options.selection);
    if !unmatched.is_empty() {
        return Err(Error::Usage(format!("no such {}", unmatched.join(", "))));
    }
    let renderer = Renderer::new(options.templates.as_deref()).map_err(Error::Invalid)?;
    let staging = Staging::new(&options.out, &input_folders(options))?;
    let job = Job::new(&project.model, &renderer, options);
    let kinds = pack::plan(&project.model, &options.selection);
    progress.start(kinds.len());
    let pool = thread_pool(options.jobs)?;
    let partial = !options.selection.sites.is_empty() || !options.selection.wards.is_empty();
    // The viewer is written whole or not at all: not by a build of some wards or sites.
    let waiting = (options.formats.html && !partial)
        .then(|| search::Waiting::new(job.model, &staging))
        .transpose()?;
    let results = pool.install(|| build_packs(&job, &staging, waiting.as_ref(), &kinds, progress));
    let outcomes = results
        .into_iter()
        .collect::<Result<Vec<Outcome>, Error>>()?;
    // Before anything is moved into place: two packs with one path would silently lose one.
    let viewer = match waiting {
        Some(_) => viewer::outputs(job.model),
        None => Vec::new(),
    };
    find_collision(
        outcomes
            .iter()
            .flat_map(Outcome::outputs)
            .chain(viewer_owned(&viewer)),
    )?;
    let mut batch = Batch::collect(outcomes);
    if let Some(waiting) = waiting {
        stage_viewer(&job, &staging, &pool, (&kinds, waiting), &mut batch)?;
    }
    let cleanup = if partial {
        Cleanup::Nothing
    } else {
        Cleanup::Stale {
            marked_markdown: options.formats.markdown,
        }
    };
    batch.summary.files = staging.commit(batch.staged, batch.kept, cleanup)?;
    Ok((project, batch.summary))
}

/// Whether a file can be left as it is: its inputs are unchanged and its bytes on disk are
/// still what the manifest recorded (an emptied, truncated or hand-edited pack is rebuilt).
fn unchanged(job: &Job, staging: &Staging, path: &Path, hash: &str) -> bool {
    !job.options.force && staging.unchanged(path, hash)
}

/// Build or reuse every pack. Packs are independent, so they are built across cores, and
/// each writes its files to temporary names as soon as it is done: memory does not grow with
/// the size of the trust.
fn build_packs(
    job: &Job,
    staging: &Staging,
    waiting: Option<&search::Waiting>,
    kinds: &[PackKind],
    progress: &dyn Progress,
) -> Vec<Result<Outcome, Error>> {
    kinds
        .par_iter()
        .map(|&kind| {
            let pack = pack::build(job.model, kind);
            let hash = job.input_hash(&pack);
            let paths = job.output_paths(&pack);
            let title = pack.furniture.title.clone();
            if paths.iter().all(|p| unchanged(job, staging, p, &hash)) {
                progress.pack_done();
                return Ok(Outcome::Reused { paths, hash, title });
            }
            let mut built = job.render(&pack, hash)?;
            // The sections wait on disk for their hospital's part of the search index.
            let sections = std::mem::take(&mut built.sections);
            let search = match waiting {
                Some(waiting) if !sections.is_empty() => search::Sections::Built(Some(
                    waiting.put(search::part_of(job.model, kind), &sections)?,
                )),
                _ => search::Sections::Built(None),
            };
            let staged = built
                .files
                .iter()
                .map(|(path, bytes)| staging.stage(path, bytes))
                .collect::<Result<Vec<Staged>, Error>>()?;
            progress.pack_done();
            Ok(Outcome::Built {
                paths,
                title,
                staged,
                pages: built.pages,
                warnings: built.warnings,
                hash: built.hash,
                search,
            })
        })
        .collect()
}

/// What the packs of a build produced, gathered for the commit.
#[derive(Default)]
struct Batch {
    summary: Summary,
    /// Files written, each with the fingerprint of its inputs, for the manifest (shared by a
    /// pack's files: at 3,000 wards a build writes 40,000 files).
    staged: Vec<(Staged, Arc<str>)>,
    /// Files left in place because they were already up to date, with their fingerprints.
    kept: Vec<(PathBuf, Arc<str>)>,
    /// What each pack gave the viewer's search, in plan order.
    sections: Vec<search::Sections>,
    /// The viewer's own pages depend on every pack (through their fingerprints).
    start_hash: blake3::Hasher,
}

impl Batch {
    /// Gather the packs' outcomes, in plan order.
    fn collect(outcomes: Vec<Outcome>) -> Batch {
        let mut batch = Batch::default();
        for result in outcomes {
            if result.outputs().next().is_none() {
                // A pack with no file in the chosen formats (a blank form in a Markdown-only
                // build) was neither built nor reused: it is not counted.
                batch.sections.push(search::Sections::Built(None));
                continue;
            }
            batch.summary.packs += 1;
            match result {
                Outcome::Reused { paths, hash, .. } => batch.reused(paths, hash),
                Outcome::Built {
                    staged,
                    pages,
                    warnings,
                    hash,
                    search,
                    ..
                } => {
                    batch.start_hash.update(hash.as_bytes());
                    batch.sections.push(search);
                    batch.summary.pages += pages;
                    batch.summary.warnings.extend(warnings);
                    let hash: Arc<str> = hash.into();
                    (batch.staged).extend(staged.into_iter().map(|f| (f, hash.clone())));
                }
            }
        }
        batch
    }

    fn reused(&mut self, paths: Vec<PathBuf>, hash: String) {
        self.start_hash.update(hash.as_bytes());
        self.sections.push(search::Sections::Reused);
        self.summary.reused += 1;
        let hash: Arc<str> = hash.into();
        (self.kept).extend(paths.into_iter().map(|p| (p, hash.clone())));
    }
}

/// The viewer's own pages (start page, homes) and its search index draw on every pack, so
/// they are written once all of them are known; when no pack changed they are kept.
fn stage_viewer(
    job: &Job,
    staging: &Staging,
    pool: &rayon::ThreadPool,
    (kinds, waiting): (&[PackKind], search::Waiting),
    batch: &mut Batch,
) -> Result<(), Error> {
    // The homes link each form's PDF only when PDFs are written.
    batch
        .start_hash
        .update(&[u8::from(job.options.formats.pdf)]);
    let start_hash: Arc<str> = batch.start_hash.finalize().to_hex().as_str().into();
    let files = viewer::outputs(job.model);
    let keep = files
        .iter()
        .all(|p| unchanged(job, staging, p, &start_hash));
    if !keep {
        let sections = std::mem::take(&mut batch.sections);
        let parts = pool.install(|| stage_search_parts(job, staging, kinds, sections, waiting))?;
        let pages = pool.install(|| stage_place_pages(job, staging))?;
        let fingerprinted = |f| (f, start_hash.clone());
        (batch.staged).extend(parts.into_iter().chain(pages).map(fingerprinted));
    } else {
        (batch.kept).extend(files.into_iter().map(|p| (p, start_hash.clone())));
    }
    Ok(())
}

/// The search index, a part per hospital, each assembled from its packs' sections (built
/// packs' from where they wait), then the trust-wide search's part of every hospital, from
/// those: only a hospital's part or two is in memory at a time.
fn stage_search_parts(
    job: &Job,
    staging: &Staging,
    kinds: &[PackKind],
    sections: Vec<search::Sections>,
    waiting: search::Waiting,
) -> Result<Vec<Staged>, Error> {
    let names = search::part_names(job.model);
    let mut parts: Vec<Vec<(PackKind, search::Sections)>> =
        names.iter().map(|_| Vec::new()).collect();
    for (&kind, given) in kinds.iter().zip(sections) {
        if viewer::is_searched(kind) {
            parts[search::part_of(job.model, kind)].push((kind, given));
        }
    }
    let render = |kind| job.search_sections(&pack::build(job.model, kind));
    let scratch: Vec<_> = waiting.into_files().collect();
    let mut staged = (names.par_iter().zip(parts).zip(scratch))
        .map(|((name, packs), mut scratch)| {
            let previous = || search::previous_part(&job.options.out, staging.manifest(), name);
            staging.stage_with(&search::part_path(name), |out| {
                let packs = (packs, scratch.as_file_mut());
                search::write_assembled(out, name, job.model, previous, packs, &render)
            })
        })
        .collect::<Result<Vec<_>, Error>>()?;
    let hospitals: Vec<&Path> = (staged[..job.model.sites.len()].iter())
        .map(Staged::path)
        .collect();
    let all = staging.stage_with(&search::part_path(search::ALL_HOSPITALS), |out| {
        search::write_all_hospitals(out, &hospitals)
    })?;
    staged.push(all);
    Ok(staged)
}

/// The start page, the search script and every hospital's and ward's home.
fn stage_place_pages(job: &Job, staging: &Staging) -> Result<Vec<Staged>, Error> {
    let model = job.model;
    let has_pdf = job.options.formats.pdf;
    let mut staged = vec![
        staging.stage(
            Path::new(viewer::START_PAGE),
            place::start_page(model).as_bytes(),
        )?,
        staging.stage(
            Path::new(viewer::SEARCH_SCRIPT),
            viewer::search_script(model).as_bytes(),
        )?,
    ];
    let hospitals = (0..model.sites.len()).into_par_iter().map(|s| {
        staging.stage(
            &place::hospital_home_path(model, s),
            place::hospital_home(model, s).as_bytes(),
        )
    });
    staged.extend(hospitals.collect::<Result<Vec<_>, Error>>()?);
    let wards = (0..model.wards.len()).into_par_iter().map(|w| {
        staging.stage(
            &place::ward_home_path(model, w),
            place::ward_home(model, w, has_pdf).as_bytes(),
        )
    });
    staged.extend(wards.collect::<Result<Vec<_>, Error>>()?);
    Ok(staged)
}

/// Build everything in memory and compare with what is in `options.out`: the list of files
/// that are missing, different, or on disk from an earlier build but no longer produced.
pub fn check_output(options: &BuildOptions) -> Result<(Project, Vec<String>), Error> {
    let project = Project::load(&options.procedures)?;
    let renderer = Renderer::new(options.templates.as_deref()).map_err(Error::Invalid)?;
    let job = Job::new(&project.model, &renderer, options);
    let kinds = pack::plan(&project.model, &options.selection);
    // One pass: each pack is built once, compared, and says which files it produces.
    let results: Vec<Result<Checked, Error>> = thread_pool(options.jobs)?.install(|| {
        kinds
            .par_iter()
            .map(|&kind| {
                let pack = pack::build(job.model, kind);
                let hash = job.input_hash(&pack);
                let built = job.render(&pack, hash)?;
                let problems = built
                    .files
                    .iter()
                    .filter_map(
                        |(path, bytes)| match std::fs::read(options.out.join(path)) {
                            Ok(on_disk) if &on_disk == bytes => None,
                            Ok(_) => Some(format!("different: {}", path.display())),
                            Err(_) => Some(format!("missing:   {}", path.display())),
                        },
                    )
                    .collect();
                Ok((
                    job.output_paths(&pack),
                    pack.furniture.title.clone(),
                    problems,
                ))
            })
            .collect()
    });
    let mut problems = Vec::new();
    let mut outputs = Vec::new();
    for r in results {
        let (paths, title, found) = r?;
        outputs.extend(paths.into_iter().map(|p| (p, title.clone())));
        problems.extend(found);
    }
    if options.formats.html {
        // The viewer's start page and its search cache are written after the packs.
        let owner = VIEWER_OWNER.to_string();
        outputs.extend(
            viewer::outputs(job.model)
                .into_iter()
                .map(|p| (p, owner.clone())),
        );
    }
    find_collision(
        outputs
            .iter()
            .map(|(p, owner)| (p.as_path(), owner.as_str())),
    )?;
    let produced: std::collections::BTreeSet<PathBuf> =
        outputs.into_iter().map(|(p, _)| p).collect();
    for old in leftovers(options) {
        if !produced.contains(&old) {
            problems.push(format!("stale:     {} (no longer produced)", old.display()));
        }
    }
    problems.sort();
    problems.dedup();
    Ok((project, problems))
}

/// The generated files in the output folder, of the formats being checked (`--check --format
/// md` says nothing about PDFs), that a build now would have to produce or leave stale.
fn leftovers(options: &BuildOptions) -> std::collections::BTreeSet<PathBuf> {
    let f = options.formats;
    let mut found: std::collections::BTreeSet<PathBuf> = Manifest::read(&options.out)
        .paths()
        .into_iter()
        .filter(|old| options.out.join(old).is_file())
        .filter(|old| {
            if old.starts_with(pack::layout::VIEWER) {
                f.html
            } else if old.extension().is_some_and(|e| e == "pdf") {
                f.pdf
            } else {
                f.markdown
            }
        })
        .collect();
    // The manifest is not committed (it is per machine), so a fresh clone has none: any
    // generated Markdown in the folder that this build does not produce is a leftover too,
    // e.g. the pack of a ward whose YAML was deleted.
    // Only files carrying our marker: `build` would not remove anyone else's.
    if f.markdown {
        found.extend(
            write::markdown_files(&options.out)
                .into_iter()
                .filter(|p| write::guard::carries_marker(&options.out.join(p))),
        );
    }
    found
}

/// What `--check` found for one pack: the files it produces, its title, and the files that
/// differ on disk.
type Checked = (Vec<PathBuf>, String, Vec<String>);

/// What became of one pack in a build.
enum Outcome {
    /// Its files were already up to date.
    Reused {
        paths: Vec<PathBuf>,
        hash: String,
        title: String,
    },
    /// Its files were built and staged.
    Built {
        paths: Vec<PathBuf>,
        title: String,
        staged: Vec<Staged>,
        pages: usize,
        warnings: Vec<Diagnostic>,
        hash: String,
        /// Its sections for the viewer's search, waiting on disk.
        search: search::Sections,
    },
}

impl Outcome {
    /// The pack's files, each with the pack's title, for [`find_collision`].
    fn outputs(&self) -> impl Iterator<Item = (&Path, &str)> {
        let (Outcome::Reused { paths, title, .. } | Outcome::Built { paths, title, .. }) = self;
        paths.iter().map(move |p| (p.as_path(), title.as_str()))
    }
}

/// Who writes the viewer's own pages and its search index, for [`find_collision`].
const VIEWER_OWNER: &str = "the offline viewer";

fn viewer_owned(files: &[PathBuf]) -> impl Iterator<Item = (&Path, &str)> {
    files.iter().map(|p| (p.as_path(), VIEWER_OWNER))
}

/// Two outputs with one path would mean one silently overwrites the other. Paths are
/// compared ignoring case, as Windows and macOS file systems do. `outputs` pairs each path
/// with the pack it belongs to, named in the error.
fn find_collision<'a>(outputs: impl Iterator<Item = (&'a Path, &'a str)>) -> Result<(), Error> {
    let mut seen: HashMap<Cow<'a, str>, (&'a Path, &'a str)> = HashMap::new();
    for (path, owner) in outputs {
        if let Some((first, first_owner)) = seen.insert(folded(path), (path, owner)) {
            return Err(Error::Refused(format!(
                "two outputs would be written to the same file: {} (\"{first_owner}\") and {} \
                 (\"{owner}\"); give one of them a different id",
                first.display(),
                path.display(),
            )));
        }
    }
    Ok(())
}

/// A path as a case-insensitive file system compares it: lower case, `/` between folders.
/// Borrowed when it is that already, as generated paths nearly always are (40,000 of them at
/// 3,000 wards).
fn folded(path: &Path) -> Cow<'_, str> {
    let text = path.to_string_lossy();
    let changes = |c: char| c == '\\' || c.to_lowercase().ne(std::iter::once(c));
    match text.chars().any(changes) {
        true => Cow::Owned(text.replace('\\', "/").to_lowercase()),
        false => text,
    }
}

/// The folders a build reads, which its output folder must stay clear of.
fn input_folders(options: &BuildOptions) -> Vec<(&'static str, &Path)> {
    let mut inputs = vec![("procedures folder", options.procedures.as_path())];
    if let Some(templates) = &options.templates {
        inputs.push(("templates folder", templates.as_path()));
    }
    inputs
}

/// What one pack produced, in memory.
struct Built {
    files: Vec<(PathBuf, Vec<u8>)>,
    pages: usize,
    warnings: Vec<Diagnostic>,
    hash: String,
    /// Sections for the offline viewer's search index.
    sections: Vec<html::SearchEntry>,
}

/// Everything shared by the packs of one build.
struct Job<'a> {
    model: &'a Model,
    renderer: &'a Renderer,
    options: &'a BuildOptions,
    timestamp: i64,
    /// The output formats asked for, as plug-ins.
    formats: Vec<Box<dyn Format>>,
}

impl<'a> Job<'a> {
    fn new(model: &'a Model, renderer: &'a Renderer, options: &'a BuildOptions) -> Self {
        let timestamp = pdf_timestamp(issue_date(model));
        let f = options.formats;
        Job {
            model,
            renderer,
            options,
            timestamp,
            formats: format::chosen(f.markdown, f.pdf, f.html, timestamp),
        }
    }

    /// The files the chosen formats write for `pack`.
    fn output_paths(&self, pack: &Pack) -> Vec<PathBuf> {
        self.formats.iter().filter_map(|f| f.path(pack)).collect()
    }

    fn search_sections(&self, pack: &Pack) -> Result<Vec<html::SearchEntry>, Error> {
        if !self.options.formats.html || !viewer::is_searched(pack.kind) {
            return Ok(Vec::new());
        }
        let rendered = self
            .renderer
            .render(pack)
            .map_err(|d| Error::Invalid(vec![*d]))?;
        let has_pdf = self.options.formats.pdf && format::Pdf::prints(pack.kind);
        Ok(viewer::pack_page(pack, &rendered.markdown, has_pdf).1)
    }

    /// A fingerprint of everything a pack's files depend on: tool version, templates, the
    /// pack's data, its page furniture, type size, appended forms and dates. Equal
    /// fingerprints, equal files. (Formats are not part of it: a file's content does not
    /// depend on which other formats are written.)
    fn input_hash(&self, pack: &Pack) -> String {
        // BLAKE3: a no-change rebuild of 300 wards hashes ~150 MB of pack data, and SHA-256
        // was a quarter of its time.
        let mut h = blake3::Hasher::new();
        h.update(tool_fingerprint().as_bytes());
        h.update(self.renderer.fingerprint().as_bytes());
        h.update(pack.template.as_bytes());
        // Stream the pack's data, and what is printed around it, into the hash: no copy of it
        // is made.
        pack.context.hash_into(&mut h);
        (&pack.furniture, self.timestamp, pack.body, &pack.appendix).hash_into(&mut h);
        h.finalize().to_hex().to_string()
    }

    /// Render one pack through its template, then let each chosen format write its file.
    fn render(&self, pack: &Pack, hash: String) -> Result<Built, Error> {
        let mut built = Built {
            files: Vec::new(),
            pages: 0,
            warnings: Vec::new(),
            hash,
            sections: Vec::new(),
        };
        let writing: Vec<(&dyn Format, PathBuf)> = self
            .formats
            .iter()
            .filter_map(|f| Some((f.as_ref(), f.path(pack)?)))
            .collect();
        // A blank form is drawn, not written as Markdown.
        let rendered = match &pack.form {
            Some(form) => Rendered::form(form),
            None if writing.is_empty() => return Ok(built),
            None => self
                .renderer
                .render(pack)
                .map_err(|d| Error::Invalid(vec![*d]))?,
        };
        for (format, path) in writing {
            let written = format.write(pack, &rendered);
            built.pages += written.pages;
            built.warnings.extend(written.warnings);
            built.sections.extend(written.sections);
            built.files.push((path, written.bytes));
        }
        Ok(built)
    }
}

/// Identifies the build of this tool: its version plus the size and modification time of its
/// executable, so a new release (or a developer's rebuild) never reuses packs made by other
/// code. Cheap: hashing a large debug executable on every run would cost more than it saves.
fn tool_fingerprint() -> &'static str {
    static FINGERPRINT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    FINGERPRINT.get_or_init(|| {
        let meta = std::env::current_exe().and_then(std::fs::metadata);
        match meta {
            Ok(m) => format!(
                "{}|{}|{:?}",
                env!("CARGO_PKG_VERSION"),
                m.len(),
                m.modified().ok()
            ),
            Err(_) => env!("CARGO_PKG_VERSION").to_string(),
        }
    })
}

fn issue_date(model: &Model) -> i64 {
    model
        .trust
        .edition
        .date
        .and_hms_opt(0, 0, 0)
        .map(|d| d.and_utc().timestamp())
        .unwrap_or(0)
}

fn thread_pool(jobs: usize) -> Result<rayon::ThreadPool, Error> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| Error::Usage(format!("cannot start {jobs} build threads: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn output<'a>(path: &'a str, pack: &'a str) -> (&'a Path, &'a str) {
        (Path::new(path), pack)
    }

    // Two packs with one output path, even differing only in case, are an error naming both.
    #[test]
    fn colliding_output_paths_are_found() {
        let distinct = [
            output("north/ward-a.md", "Ward A"),
            output("north/ward-a.pdf", "Ward A"),
            output("north/ward-b.md", "Ward B"),
        ];
        assert!(find_collision(distinct.into_iter()).is_ok());
        let same_case = [
            output("north/ward-a.md", "Ward A"),
            output("north/ward-a.md", "Ward A again"),
        ];
        let folded = [
            output("north/Ward-A.pdf", "Ward A"),
            output("north/ward-b.md", "Ward B"),
            output("NORTH/ward-a.pdf", "Another ward"),
        ];
        let backslash = [
            output("north/ward-a.pdf", "Ward A"),
            output("north\\ward-a.pdf", "A ward written on Windows"),
        ];
        for outputs in [&same_case[..], &folded[..], &backslash[..]] {
            let message = find_collision(outputs.iter().copied())
                .unwrap_err()
                .to_string();
            let (first, second) = (&outputs[0], outputs.last().unwrap());
            assert!(message.contains(first.1), "{message}");
            assert!(message.contains(second.1), "{message}");
            assert!(message.contains(&*second.0.to_string_lossy()), "{message}");
        }
    }
}
