//! Who is booked into each clinic over the next days, with their phone numbers: the
//! ring-round list for when clinics are cancelled.

use super::census::nhs_number;
use super::export::Origin;
use super::fhir::Appointment;
use super::index::Index;
use super::place::Place;
use super::when;
use crate::diagnostic::Diagnostic;
use crate::load::raw::WardKind;
use crate::model::{Model, WardIx};
use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use std::collections::BTreeMap;

/// Appointment statuses that still mean the patient is coming.
const COMING: [&str; 5] = ["proposed", "pending", "booked", "arrived", "checked-in"];

/// One appointment as the lists print it.
#[derive(Debug, Clone, Serialize)]
pub struct Booking {
    #[serde(skip)]
    pub start: DateTime<FixedOffset>,
    /// The Patient's index in the export; none when the export does not hold them.
    #[serde(skip)]
    pub patient: Option<usize>,
    /// Day and time, "Mon 30 Nov 08:30", for lists across days.
    pub time: String,
    /// Time alone, "08:30", under a day's heading.
    pub clock: String,
    pub name: String,
    pub nhs_number: String,
    pub born: String,
    pub phones: String,
    /// Checks printed beside the patient (duplicate or invalid NHS number).
    pub checks: String,
    /// Where the appointment is and why it is on the unplaced list; empty on a clinic's list.
    pub reason: String,
    /// Where the unplaced list sorts this row.
    #[serde(skip)]
    pub place: Place,
}

/// The coming appointments of each clinic, and those whose clinic is not known.
#[derive(Debug, Default)]
pub struct Clinics {
    pub clinics: BTreeMap<WardIx, Vec<Booking>>,
    pub unplaced: Vec<Booking>,
    /// Appointments outside the window or no longer coming: counted, not printed.
    pub skipped: usize,
    /// Appointments with no readable start: each may belong on a list, so the lists say so.
    pub no_start: usize,
}

/// The appointments starting in `[from, until)`, by clinic, each in time order.
pub fn clinics(
    model: &Model,
    index: &Index,
    from: DateTime<FixedOffset>,
    until: DateTime<FixedOffset>,
    problems: &mut Vec<Diagnostic>,
) -> Clinics {
    let mut out = Clinics::default();
    for (origin, appointment) in &index.export.appointments {
        if !COMING.contains(&appointment.status.as_str()) {
            out.skipped += 1;
            continue;
        }
        let start = appointment
            .start
            .as_deref()
            .map(DateTime::parse_from_rfc3339);
        let start = match start {
            Some(Ok(t)) => t,
            _ => {
                let message =
                    "an Appointment without a readable start: not on any list".to_string();
                problems.push(index.export.problem(*origin, "fhir-invalid", message));
                out.no_start += 1;
                continue;
            }
        };
        if start < from || start >= until {
            out.skipped += 1;
            continue;
        }
        let mut booking = booking(index, *origin, appointment, start, problems);
        let location = actor(appointment, "Location");
        match index.ward_of(location) {
            Ok((w, _)) if model.wards[w].kind == WardKind::Outpatient => {
                out.clinics.entry(w).or_default().push(booking);
            }
            Ok((w, _)) => {
                let ward = &model.wards[w];
                booking.reason = format!(
                    "{}, {}: booked on a ward, not a clinic",
                    model.sites[ward.site].name, ward.name
                );
                booking.place = Place::mapped(model, w, "");
                out.unplaced.push(booking);
            }
            Err(why) => {
                booking.reason = why.describe();
                booking.place = why.place();
                out.unplaced.push(booking);
            }
        }
    }
    for list in out.clinics.values_mut() {
        list.sort_by(|a, b| a.start.cmp(&b.start).then_with(|| a.name.cmp(&b.name)));
    }
    out.unplaced.sort_by(|a, b| {
        (a.place.cmp(&b.place))
            .then_with(|| a.start.cmp(&b.start))
            .then_with(|| a.name.cmp(&b.name))
    });
    out
}

/// The id of the participant of `kind` (`Patient`, `Location`).
fn actor<'a>(appointment: &'a Appointment, kind: &str) -> Option<&'a str> {
    (appointment.participant.iter()).find_map(|p| p.actor.as_ref().and_then(|a| a.id_of(kind)))
}

fn booking(
    index: &Index,
    origin: Origin,
    appointment: &Appointment,
    start: DateTime<FixedOffset>,
    problems: &mut Vec<Diagnostic>,
) -> Booking {
    let mut booking = Booking {
        start,
        patient: None,
        time: start.format("%a %-d %b %H:%M").to_string(),
        clock: start.format("%H:%M").to_string(),
        name: String::new(),
        nhs_number: String::new(),
        born: String::new(),
        phones: String::new(),
        checks: String::new(),
        reason: String::new(),
        place: Place::default(),
    };
    match actor(appointment, "Patient").and_then(|id| index.patient(id)) {
        Some((p, patient, duplicate)) => {
            let (number, checks) = nhs_number(patient, duplicate);
            booking.patient = Some(p);
            booking.name = patient.display_name();
            booking.nhs_number = number;
            booking.born = patient
                .birth_date
                .as_deref()
                .map(when::birth_date)
                .unwrap_or_default();
            let phones = patient.phones();
            booking.phones = if phones.is_empty() {
                "NO PHONE NUMBER IN THE EXPORT".to_string()
            } else {
                phones.join("; ")
            };
            booking.checks = checks.join("; ");
        }
        None => {
            // Who it is cannot be printed, but the slot can: the booking system or the
            // clinic's paper diary has the patient for that time.
            booking.name = format!(
                "PATIENT NOT KNOWN ({}): look up the {} appointment in the booking system or the clinic's paper diary",
                index.missing_patient(),
                booking.clock
            );
            booking.checks = "see the problems on the unplaced list".to_string();
            let message =
                "an Appointment for a Patient not in the export: listed without one".to_string();
            problems.push(
                index
                    .export
                    .problem(origin, "fhir-missing-reference", message),
            );
        }
    }
    booking
}
