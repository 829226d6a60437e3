//! `downtime snapshot`: patient lists for the downtime box, from a FHIR R4 Bulk Data export.
//!
//! read the export -> index it -> place inpatients on wards (census) and appointments in
//! clinics -> print each list (Markdown through a template, typeset, a data-as-of band on
//! every page) -> store them privately (see [`store`]).
//!
//! Everything here handles patient data: messages name the export file and line, never what
//! is on it, and nothing is written anywhere but the snapshot folder.

pub mod census;
pub mod clinics;
pub mod export;
pub mod fhir;
mod index;
mod lists;
mod notice;
mod place;
mod print;
pub mod store;
mod tracking;
mod when;

use crate::diagnostic::{self, Diagnostic};
use crate::error::Error;
use crate::load::raw::WardKind;
use crate::model::Model;
use crate::render::Renderer;
use chrono::{DateTime, Duration, FixedOffset};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::Path;

pub use print::{Printed, BY_PHONE, FIND_AND_CHECK, WRISTBAND};

/// How a snapshot is made.
pub struct Options {
    /// The time the lists are judged against: appointments from now, the data's age.
    pub now: DateTime<FixedOffset>,
    /// Appointments of this many days from now are listed.
    pub days: u32,
    /// Older data prints with a warning band.
    pub max_age_minutes: i64,
}

/// A snapshot made: its lists and what was found on the way.
pub struct Snapshot {
    /// When the export's data was true.
    pub as_of: DateTime<FixedOffset>,
    pub printed: Vec<Printed>,
    /// Problems in the export, by file and line.
    pub problems: Vec<Diagnostic>,
    pub summary: Summary,
}

/// Counts reported when the snapshot is written.
#[derive(Debug, Default)]
pub struct Summary {
    pub lines: usize,
    pub inpatients: usize,
    pub unplaced_inpatients: usize,
    pub appointments: usize,
    pub unplaced_appointments: usize,
    /// Minutes between the data and now.
    pub age_minutes: i64,
    /// That age as the lists print it ("5 h 30 min"), so the terminal and the page agree.
    pub age: String,
    pub stale: bool,
    /// Allergy or alert records were unreadable or missing: every ward list says so.
    pub allergies_uncertain: bool,
}

/// The lists each patient (by index in the export) is printed on, as problems name them.
fn printed_on(
    census: &census::Census,
    clinics: &clinics::Clinics,
) -> HashMap<usize, Vec<&'static str>> {
    let lists = [
        (
            census
                .wards
                .values()
                .flatten()
                .map(|r| r.patient)
                .collect::<Vec<_>>(),
            "a ward list",
        ),
        (
            census.unplaced.iter().map(|r| r.patient).collect(),
            "the unplaced list",
        ),
        (
            clinics
                .clinics
                .values()
                .flatten()
                .map(|b| b.patient)
                .collect(),
            "a clinic list",
        ),
        (
            clinics.unplaced.iter().map(|b| b.patient).collect(),
            "the unplaced list",
        ),
    ];
    let mut on: HashMap<usize, Vec<&'static str>> = HashMap::new();
    for (patients, list) in lists {
        for p in patients.into_iter().flatten() {
            let names = on.entry(p).or_default();
            if !names.contains(&list) {
                names.push(list);
            }
        }
    }
    on
}

/// More than this many minutes in the future, an export means a wrong clock (here or on the
/// EPR's server) or a wrong --now.
pub const FUTURE_MINUTES: i64 = 5;

/// The note every page carries when the export is dated after now: its age cannot be judged,
/// so the reader must not take "Data as of" on trust.
fn future_note(age_minutes: i64) -> Vec<String> {
    if age_minutes >= -FUTURE_MINUTES {
        return Vec::new();
    }
    vec![format!(
        "CHECK THE CLOCK: the export is dated {} after this list was made, so its age cannot be judged.",
        when::age(-age_minutes)
    )]
}

/// An export with no records at all of a type the lists need (its file empty, or not exported)
/// is refused: every ward list would show its beds free, or the ring-round list nobody to
/// ring, and look whole. (Lines that could not be read are another matter: the lists print,
/// each warning that a patient may be missing.)
fn refuse_empty(model: &Model, fhir: &Path, export: &export::Export) -> Result<(), Error> {
    let mapped = |clinic: bool| {
        (model.wards.iter())
            .any(|w| !w.fhir_location.is_empty() && (w.kind == WardKind::Outpatient) == clinic)
    };
    let needed = [
        (
            "Patient",
            export.patients.len(),
            mapped(false) || mapped(true),
        ),
        ("Encounter", export.encounters.len(), mapped(false)),
        (
            "Location",
            export.locations.len(),
            mapped(false) || mapped(true),
        ),
        ("Appointment", export.appointments.len(), mapped(true)),
    ];
    let empty: Vec<Diagnostic> = (needed.iter())
        .filter(|(kind, read, needed)| *needed && *read == 0 && export.unreadable(&[kind]) == 0)
        .map(|(kind, _, _)| {
            Diagnostic::error(
                "fhir-no-records",
                &fhir.join("manifest.json"),
                format!("the export holds no {kind} records at all"),
            )
            .with_hint(format!(
                "lists printed without them would look whole but leave patients out: check that the EPR's $export includes {kind} (its `_type`), then export again"
            ))
        })
        .collect();
    if empty.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(empty))
    }
}

/// No allergy or alert records at all is not refused (an EPR may not export Flags), but it is
/// a problem to count and list, not "No problems": every ward list's allergies are unknown.
fn absent_allergies(fhir: &Path, export: &export::Export) -> Vec<Diagnostic> {
    [
        ("AllergyIntolerance", export.allergies.len()),
        ("Flag", export.flags.len()),
    ]
    .into_iter()
    .filter(|&(kind, read)| read == 0 && !export.unreadable.contains_key(kind))
    .map(|(kind, _)| {
        Diagnostic::warning(
            "fhir-no-records",
            &fhir.join("manifest.json"),
            format!("the export holds no {kind} records: every ward list says its allergies and alerts are not known"),
        )
    })
    .collect()
}

/// Read the export in `fhir` and print every list for `model`'s wards and clinics.
pub fn make(model: &Model, fhir: &Path, options: &Options) -> Result<Snapshot, Error> {
    let mut export = export::read(fhir)?;
    refuse_empty(model, fhir, &export)?;
    let as_of = export
        .as_of
        .ok_or_else(|| Error::Usage("the export has no transactionTime".into()))?;
    let mut problems = std::mem::take(&mut export.problems);
    problems.extend(absent_allergies(fhir, &export));
    let index = index::Index::new(model, &export, &mut problems);
    let census = census::census(model, &index, &mut problems);
    let until = options.now + Duration::days(i64::from(options.days));
    let clinics = clinics::clinics(model, &index, options.now, until, &mut problems);
    index.report_duplicate_nhs(&printed_on(&census, &clinics), &mut problems);
    diagnostic::sort(&mut problems);
    let age_minutes = (options.now - as_of).num_minutes();
    let stale = age_minutes > options.max_age_minutes;
    let band = print::Band {
        as_of: format!("Data as of {}", when::as_of(&as_of)),
        stale: stale.then(|| {
            format!(
                "OUT OF DATE: data {} old (limit {}): get a new snapshot",
                when::age(age_minutes),
                when::age(options.max_age_minutes)
            )
        }),
        notes: future_note(age_minutes),
    };
    let facts = lists::Facts {
        model,
        window: format!(
            "in the {} day{} from {}",
            options.days,
            if options.days == 1 { "" } else { "s" },
            options.now.format("%-d %b %Y %H:%M")
        ),
        replace_by: (as_of + Duration::minutes(options.max_age_minutes))
            .format("%-d %b %Y %H:%M")
            .to_string(),
    };
    let jobs = lists::jobs(&facts, &census, &clinics, &export, &problems);
    let renderer = Renderer::new(None).map_err(Error::Invalid)?;
    let timestamp = options.now.timestamp();
    let printed = (jobs.par_iter())
        .map(|job| print::print(&renderer, job, &band, timestamp))
        .collect::<Result<Vec<_>, _>>()?;
    let summary = Summary {
        lines: export.lines,
        inpatients: census.wards.values().map(Vec::len).sum(),
        unplaced_inpatients: census.unplaced.len(),
        appointments: clinics.clinics.values().map(Vec::len).sum(),
        unplaced_appointments: clinics.unplaced.len(),
        age_minutes,
        age: when::age(age_minutes.abs()),
        stale,
        allergies_uncertain: index.allergies_uncertain(),
    };
    Ok(Snapshot {
        as_of,
        printed,
        problems,
        summary,
    })
}
