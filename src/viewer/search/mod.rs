//! The viewer's search index, split into parts, each loaded with `<script src>` only when a
//! search needs it (that works from `file://`): one part per hospital
//! (`_viewer/search/<site>.js`), which a ward's or hospital's search loads; `_trust.js` for
//! the trust-wide pages; and `_hospitals.js`, every hospital's sections again, which a
//! trust-wide search loads with `_trust.js`. Each part stores each distinct string once
//! ([`compact`]), so the trust-wide parts stay small enough to load at once.
//!
//! The parts are written a hospital at a time. Until then each built pack's sections wait on
//! disk, in a scratch file of the build per part ([`Waiting`]), rather than in memory: a
//! trust's whole index would otherwise be held to the end of the build. A reused pack's sections come from the
//! previous build's part of its hospital, which is exactly what that build wrote (its
//! manifest says so), or else from rendering the pack again. `_hospitals.js` is written
//! last, from the hospitals' parts as just written.

pub mod compact;

use crate::error::Error;
use crate::html::{self, SearchEntry};
use crate::model::Model;
use crate::pack::{layout, PackKind};
use crate::write::Staging;
use crate::write::{manifest, Manifest};
use std::collections::BTreeMap;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

/// The trust-wide pages' part (ids cannot start with `_`, so no hospital can be called that).
const TRUST_PART: &str = "_trust";

/// Every hospital's sections in one part, for a trust-wide search.
pub const ALL_HOSPITALS: &str = "_hospitals";

/// What a pack gave the search index in this build.
pub enum Sections {
    /// The pack was reused: its sections are the previous build's.
    Reused,
    /// The pack was built: where its sections wait (see [`Waiting`]); None when it has none.
    Built(Option<Span>),
}

/// Where a built pack's sections wait in its part's scratch file: bytes `at..at + len`.
#[derive(Debug, Clone, Copy)]
pub struct Span {
    at: u64,
    len: usize,
}

/// Built packs' sections, waiting on disk for their parts to be written: one scratch file
/// per part, appended to as packs finish on any core, in any order (each pack's [`Span`]
/// says where its sections are).
pub struct Waiting {
    parts: Vec<Mutex<(tempfile::NamedTempFile, u64)>>,
}

impl Waiting {
    /// Scratch files for the parts of [`part_names`].
    pub fn new(model: &Model, staging: &Staging) -> Result<Waiting, Error> {
        let parts = (part_names(model).iter())
            .map(|_| Ok(Mutex::new((staging.scratch()?, 0))))
            .collect::<Result<_, Error>>()?;
        Ok(Waiting { parts })
    }

    /// Put a pack's sections in the scratch file of part `part`.
    pub fn put(&self, part: usize, entries: &[SearchEntry]) -> Result<Span, Error> {
        let bytes = serde_json::to_vec(entries).expect("search entries serialize");
        let mut guard = self.parts[part]
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let (file, end) = &mut *guard;
        (file.write_all(&bytes)).map_err(|e| Error::io(file.path(), "cannot write", e))?;
        let span = Span {
            at: *end,
            len: bytes.len(),
        };
        *end += bytes.len() as u64;
        Ok(span)
    }

    /// Each part's scratch file, in the order of [`part_names`].
    pub fn into_files(self) -> impl Iterator<Item = tempfile::NamedTempFile> {
        (self.parts.into_iter()).map(|m| m.into_inner().unwrap_or_else(PoisonError::into_inner).0)
    }
}

/// A pack's sections from its part's scratch file.
fn waiting(file: &mut std::fs::File, span: Span) -> std::io::Result<Vec<SearchEntry>> {
    file.seek(SeekFrom::Start(span.at))?;
    let mut bytes = vec![0; span.len];
    file.read_exact(&mut bytes)?;
    Ok(serde_json::from_slice(&bytes)?)
}

/// The names of the parts packs' sections go in: one per hospital, in site order, then the
/// trust-wide pages' part. ([`ALL_HOSPITALS`] is made from the hospitals' parts.)
pub fn part_names(model: &Model) -> Vec<String> {
    let mut names: Vec<String> = model.sites.iter().map(|s| s.id.clone()).collect();
    names.push(TRUST_PART.to_string());
    names
}

/// The parts a trust-wide search loads.
pub fn trust_parts() -> [&'static str; 2] {
    [ALL_HOSPITALS, TRUST_PART]
}

/// Where a part of the search index is written.
pub fn part_path(name: &str) -> PathBuf {
    Path::new(layout::VIEWER)
        .join("search")
        .join(format!("{name}.js"))
}

/// The part (an index into [`part_names`]) a searched pack's sections go in: its hospital's,
/// or the trust-wide part for a page that belongs to no hospital.
pub fn part_of(model: &Model, kind: PackKind) -> usize {
    match kind {
        PackKind::Ward(w) => model.wards[w].site,
        PackKind::Site(s) => s,
        _ => model.sites.len(),
    }
}

/// The viewer page (URL from the viewer's top, no anchor) of a pack.
pub fn page_url(model: &Model, kind: PackKind) -> String {
    (layout::path(model, kind).with_extension("html"))
        .to_string_lossy()
        .replace('\\', "/")
}

/// The previous build's part `name`, by viewer page, if it is still exactly what that build
/// wrote: an edited part would put wrong entries in the new index.
pub fn previous_part(
    out: &Path,
    recorded: &Manifest,
    name: &str,
) -> BTreeMap<String, Vec<SearchEntry>> {
    let path = part_path(name);
    let expected = recorded.get(&path).and_then(|e| e.output.as_deref());
    let Ok(bytes) = std::fs::read(out.join(&path)) else {
        return BTreeMap::new();
    };
    if expected != Some(manifest::bytes_hash(&bytes).as_str()) {
        return BTreeMap::new();
    }
    compact::read(&bytes)
        .unwrap_or_default()
        .into_iter()
        .collect()
}

/// Write part `name` from its packs' sections, in plan order: built packs' from the part's
/// scratch file, reused packs' from the previous build's part or from `render`. Only one
/// pack's sections are in memory at a time (and the previous part, when a pack was reused).
pub fn write_assembled(
    out: &mut dyn Write,
    name: &str,
    model: &Model,
    previous: impl FnOnce() -> BTreeMap<String, Vec<SearchEntry>>,
    (packs, scratch): (Vec<(PackKind, Sections)>, &mut std::fs::File),
    render: &dyn Fn(PackKind) -> Result<Vec<SearchEntry>, Error>,
) -> std::io::Result<()> {
    let mut previous = Some(previous);
    let mut cache: BTreeMap<String, Vec<SearchEntry>> = BTreeMap::new();
    let mut part = compact::Writer::begin(out, name)?;
    for (kind, sections) in packs {
        let entries = match sections {
            Sections::Built(None) => continue,
            Sections::Built(Some(span)) => waiting(scratch, span)?,
            Sections::Reused => {
                // Read the previous part only when a pack of this hospital needs it.
                if let Some(read) = previous.take() {
                    cache = read();
                }
                match cache.remove(&page_url(model, kind)) {
                    Some(entries) => entries,
                    // Not in the previous part (it was edited or removed since that build):
                    // render it again. Its error is reported as the part's.
                    None => render(kind).map_err(std::io::Error::other)?,
                }
            }
        };
        part.add(&entries)?;
    }
    part.finish()
}

/// The part a trust-wide search loads with the trust-wide pages' part: every hospital's
/// sections, from the hospitals' `parts` as written (read back one at a time), each
/// distinct string stored once across them all.
pub fn write_all_hospitals(out: &mut dyn Write, parts: &[&Path]) -> std::io::Result<()> {
    let mut all = compact::Writer::begin(out, ALL_HOSPITALS)?;
    for path in parts {
        all.append(&std::fs::read(path)?).unwrap_or_else(|| {
            Err(std::io::Error::other(format!(
                "{} is not a search index part",
                path.display()
            )))
        })?;
    }
    all.finish()
}

/// The search box of a place page, whose way up to the viewer's top is `root` (the search
/// index's links start there), with its `scope` choices (radio buttons, or a list).
pub fn search_box(root: &str, scope: &str) -> String {
    format!(
        "<section class=\"search\" aria-labelledby=\"search-heading\" data-root=\"{root}\">\n<h2 id=\"search-heading\">Search</h2>\n{scope}\n<label for=\"q\">Search for a system, task or form</label>\n<input id=\"q\" type=\"search\" autocomplete=\"off\">\n<p id=\"count\" role=\"status\"></p>\n<ol id=\"results\" class=\"results\"></ol>\n</section>\n",
        root = html::escape(root)
    )
}

/// The search's scope as radio buttons, the first chosen: one click widens a ward's search to
/// its hospital or the trust. Each choice is a value (a ward's page, a hospital's folder, or
/// empty for the whole trust) and its label.
pub fn scope_radios(choices: &[(String, String)]) -> String {
    let mut out = String::from("<fieldset class=\"scope\"><legend>Search in</legend>");
    for (i, (value, label)) in choices.iter().enumerate() {
        out.push_str(&format!(
            "<label><input type=\"radio\" name=\"scope\" value=\"{}\"{}> {}</label> ",
            html::escape(value),
            if i == 0 { " checked" } else { "" },
            html::escape(label)
        ));
    }
    out.push_str("</fieldset>");
    out
}
