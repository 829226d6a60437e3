//! Reading a FHIR Bulk Data export: `manifest.json` (the `$export` status response, whose
//! `transactionTime` is when the data was true) and the `*.ndjson` files, one resource a line.
//!
//! Problems are reported by file and line and never quote the line: it holds patient data.
//! serde_json's own messages can quote a value, so only their kind and column are kept.

use super::fhir::{AllergyIntolerance, Appointment, Encounter, Flag, Location, Patient};
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Where a resource was read: the export file (an index into [`Export::files`]) and line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Origin {
    pub file: usize,
    pub line: usize,
}

/// Everything read from one export.
#[derive(Debug, Default)]
pub struct Export {
    /// When the export's data was true (`transactionTime`).
    pub as_of: Option<DateTime<FixedOffset>>,
    pub files: Vec<PathBuf>,
    pub patients: Vec<(Origin, Patient)>,
    pub encounters: Vec<(Origin, Encounter)>,
    pub locations: Vec<(Origin, Location)>,
    pub appointments: Vec<(Origin, Appointment)>,
    pub allergies: Vec<(Origin, AllergyIntolerance)>,
    pub flags: Vec<(Origin, Flag)>,
    /// Lines read, blank ones aside.
    pub lines: usize,
    /// Lines that could not be read, by the resource type they were meant to hold (from
    /// their `resourceType`, else the file's name): each may be a patient missing from a list.
    pub unreadable: BTreeMap<String, usize>,
    pub problems: Vec<Diagnostic>,
}

impl Export {
    /// A problem found at `origin`.
    pub fn problem(&self, origin: Origin, code: &'static str, message: String) -> Diagnostic {
        Diagnostic::warning(code, &self.files[origin.file], message).at_line(origin.line, 1)
    }

    /// How many lines meant to hold one of `kinds` could not be read. A line whose type is
    /// not known at all (a file not named by type) counts for every kind: it may be any.
    pub fn unreadable(&self, kinds: &[&str]) -> usize {
        (self.unreadable.iter())
            .filter(|(kind, _)| kinds.contains(&kind.as_str()) || kind.is_empty())
            .map(|(_, n)| n)
            .sum()
    }
}

#[derive(Deserialize)]
struct Manifest {
    #[serde(rename = "transactionTime")]
    transaction_time: String,
    /// The files the export wrote, by resource type.
    #[serde(default)]
    output: Vec<Output>,
}

#[derive(Deserialize)]
struct Output {
    #[serde(rename = "type")]
    kind: String,
    url: String,
}

#[derive(Deserialize)]
struct Head {
    #[serde(rename = "resourceType")]
    resource_type: Option<String>,
}

/// Read the export in `dir`. Only a missing folder or manifest fails: bad lines are
/// problems, reported and counted.
pub fn read(dir: &Path) -> Result<Export, Error> {
    let manifest = manifest(dir)?;
    let mut export = Export {
        as_of: Some(transaction_time(dir, &manifest)?),
        files: ndjson_files(dir)?,
        ..Export::default()
    };
    refuse_missing_files(dir, &manifest)?;
    let parsed: Vec<File> = (export.files.par_iter().enumerate())
        .map(|(i, path)| read_file(i, path))
        .collect::<Result<_, _>>()?;
    for file in parsed {
        export.lines += file.lines;
        export.patients.extend(file.patients);
        export.encounters.extend(file.encounters);
        export.locations.extend(file.locations);
        export.appointments.extend(file.appointments);
        export.allergies.extend(file.allergies);
        export.flags.extend(file.flags);
        for (kind, (first, count)) in file.unknown {
            export.problems.push(export.problem(
                first,
                "fhir-unused-type",
                format!("{count} resource(s) of type {kind} (the first on this line): not used for patient lists"),
            ));
        }
        for (origin, code, message) in file.problems {
            export.problems.push(export.problem(origin, code, message));
        }
        for (kind, n) in file.unreadable {
            *export.unreadable.entry(kind).or_default() += n;
        }
    }
    Ok(export)
}

/// `manifest.json`, the `$export` status response.
fn manifest(dir: &Path) -> Result<Manifest, Error> {
    let path = dir.join("manifest.json");
    let text = std::fs::read_to_string(&path).map_err(|e| {
        Error::Usage(format!(
            "cannot read {} ({e}): the export's manifest (the $export status response) gives its transactionTime, when the data was true, which every list must print",
            path.display()
        ))
    })?;
    serde_json::from_str(&text).map_err(|_| {
        Error::Usage(format!(
            "{}: no transactionTime in the manifest",
            path.display()
        ))
    })
}

/// `transactionTime`: without it the lists could not say how old they are.
fn transaction_time(dir: &Path, manifest: &Manifest) -> Result<DateTime<FixedOffset>, Error> {
    DateTime::parse_from_rfc3339(&manifest.transaction_time).map_err(|_| {
        Error::Usage(format!(
            "{}: transactionTime is not a date and time with offset (RFC 3339)",
            dir.join("manifest.json").display()
        ))
    })
}

/// Every file the manifest lists must be in the folder: an export copied in part would print
/// lists that look whole (every bed free when the Encounter file is missing).
fn refuse_missing_files(dir: &Path, manifest: &Manifest) -> Result<(), Error> {
    let missing: Vec<Diagnostic> = (manifest.output.iter())
        .filter_map(|o| Some((o, o.url.rsplit('/').next().filter(|n| !n.is_empty())?)))
        .filter(|(_, name)| !dir.join(name).is_file())
        .map(|(o, name)| {
            Diagnostic::error(
                "fhir-file-missing",
                &dir.join("manifest.json"),
                format!("the manifest lists {name} ({} records), which is not in the export folder", o.kind),
            )
            .with_hint("the export is incomplete, and lists printed from it would leave patients out: copy the whole export, or export again")
        })
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(missing))
    }
}

/// The export's `*.ndjson` files, by name, so reports come out in the same order every run.
fn ndjson_files(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, "cannot read folder", e))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ndjson"))
        .collect();
    files.sort();
    Ok(files)
}

/// The resource type a Bulk Data file holds by its name (`Encounter.ndjson`,
/// `Encounter-2.ndjson`): how a line too broken to name its own type is counted. Empty when
/// the name does not say.
fn kind_of_file(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    let kind: String = stem.chars().take_while(char::is_ascii_alphabetic).collect();
    if kind.starts_with(|c: char| c.is_ascii_uppercase()) {
        kind
    } else {
        String::new()
    }
}

/// What one file held.
#[derive(Default)]
struct File {
    /// The type the file's name says it holds (see [`kind_of_file`]).
    kind: String,
    lines: usize,
    /// Lines that could not be read, by the type they were meant to hold.
    unreadable: BTreeMap<String, usize>,
    patients: Vec<(Origin, Patient)>,
    encounters: Vec<(Origin, Encounter)>,
    locations: Vec<(Origin, Location)>,
    appointments: Vec<(Origin, Appointment)>,
    allergies: Vec<(Origin, AllergyIntolerance)>,
    flags: Vec<(Origin, Flag)>,
    /// Resource types we do not use: where the first was, and how many.
    unknown: BTreeMap<String, (Origin, usize)>,
    problems: Vec<(Origin, &'static str, String)>,
}

fn read_file(index: usize, path: &Path) -> Result<File, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, "cannot read", e))?;
    let mut file = File {
        kind: kind_of_file(path),
        ..File::default()
    };
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        file.lines += 1;
        let origin = Origin {
            file: index,
            line: n + 1,
        };
        file.add(origin, line);
    }
    Ok(file)
}

impl File {
    /// Parse one line into the list for its resource type.
    fn add(&mut self, origin: Origin, line: &str) {
        let kind = match serde_json::from_str::<Head>(line) {
            Ok(Head {
                resource_type: Some(kind),
            }) => kind,
            Ok(Head {
                resource_type: None,
            }) => {
                let message = "a JSON object without resourceType".to_string();
                *self.unreadable.entry(self.kind.clone()).or_default() += 1;
                return self.problems.push((origin, "fhir-invalid", message));
            }
            Err(e) => {
                let message = format!("not valid JSON: {}", json_problem(&e));
                *self.unreadable.entry(self.kind.clone()).or_default() += 1;
                return self.problems.push((origin, "fhir-syntax", message));
            }
        };
        let result = match kind.as_str() {
            "Patient" => parse(line, &mut self.patients, origin),
            "Encounter" => parse(line, &mut self.encounters, origin),
            "Location" => parse(line, &mut self.locations, origin),
            "Appointment" => parse(line, &mut self.appointments, origin),
            "AllergyIntolerance" => parse(line, &mut self.allergies, origin),
            "Flag" => parse(line, &mut self.flags, origin),
            _ => {
                // A resource type is a name from the FHIR specification, not patient data;
                // still, only a plain word is repeated back.
                let name = if kind.chars().all(|c| c.is_ascii_alphanumeric()) && kind.len() < 64 {
                    kind.clone()
                } else {
                    "(not a FHIR type name)".to_string()
                };
                self.unknown.entry(name).or_insert((origin, 0)).1 += 1;
                Ok(())
            }
        };
        if let Err(e) = result {
            *self.unreadable.entry(kind.clone()).or_default() += 1;
            let message = format!("a {kind} that does not match FHIR R4: {}", json_problem(&e));
            self.problems.push((origin, "fhir-invalid", message));
        }
    }
}

fn parse<T: DeserializeOwned>(
    line: &str,
    into: &mut Vec<(Origin, T)>,
    origin: Origin,
) -> Result<(), serde_json::Error> {
    into.push((origin, serde_json::from_str(line)?));
    Ok(())
}

/// What went wrong in a line, without the values serde_json may quote: a missing field's
/// name (ours) is safe to repeat, anything else is described by its kind and column.
fn json_problem(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let message = e.to_string();
    match e.classify() {
        Category::Data if message.starts_with("missing field `") => {
            let field = message.split('`').nth(1).unwrap_or("?");
            format!("missing field `{field}`")
        }
        Category::Data => format!("a field has the wrong type (column {})", e.column()),
        Category::Eof => "the line ends before the JSON does".to_string(),
        Category::Syntax | Category::Io => format!("a syntax error at column {}", e.column()),
    }
}
