//! Who is on each ward: every Encounter in progress placed on the ward its Location maps to,
//! or on the unplaced list with the reason. Each patient is placed once.

use super::export::Origin;
use super::fhir::{format_nhs_number, nhs_number_valid, Encounter, Patient};
use super::index::Index;
use super::place::{Place, Unmapped};
use super::when;
use crate::diagnostic::Diagnostic;
use crate::load::raw::WardKind;
use crate::model::order::natural;
use crate::model::{Model, WardIx};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// One filled row of a ward's tracking list.
#[derive(Debug, Clone, Serialize)]
pub struct Inpatient {
    /// The Patient's index in the export; none for a record the export does not hold.
    #[serde(skip)]
    pub patient: Option<usize>,
    pub bed: String,
    pub name: String,
    pub nhs_number: String,
    pub born: String,
    pub alerts: String,
    pub consultant: String,
    pub admitted: String,
    /// Where this patient is and why they are on the unplaced list; empty on a ward's list.
    pub reason: String,
    /// Where the unplaced list sorts this row.
    #[serde(skip)]
    pub place: Place,
}

/// The inpatients of each ward (by ward), and those with no ward.
#[derive(Debug, Default)]
pub struct Census {
    pub wards: BTreeMap<WardIx, Vec<Inpatient>>,
    pub unplaced: Vec<Inpatient>,
}

/// Place every patient with an Encounter in progress.
pub fn census(model: &Model, index: &Index, problems: &mut Vec<Diagnostic>) -> Census {
    let mut census = Census::default();
    for (origin, encounter) in current_encounters(index, problems) {
        let patient_id = encounter.subject.as_ref().and_then(|s| s.id_of("Patient"));
        let Some((p, patient, duplicate)) = patient_id.and_then(|id| index.patient(id)) else {
            problems.push(index.export.problem(
                origin,
                "fhir-missing-reference",
                "an Encounter in progress for a Patient not in the export: on the unplaced list".to_string(),
            ));
            unknown_patient(model, index, encounter, &mut census);
            continue;
        };
        let location = current_location(encounter);
        let mut row = inpatient(index, patient, encounter, duplicate);
        row.patient = Some(p);
        match index.ward_of(location) {
            // A clinic prints appointments, not a tracking list: no patient is lost there.
            Ok((w, _)) if model.wards[w].kind == WardKind::Outpatient => {
                let (site, clinic) = (&model.sites[model.wards[w].site].name, &model.wards[w].name);
                row.reason = format!("{site}, {clinic}: a clinic, which has no ward list");
                row.place = Place::mapped(model, w, "");
                census.unplaced.push(row);
            }
            Ok((w, bed)) => {
                row.bed = bed.unwrap_or("").to_string();
                census.wards.entry(w).or_default().push(row);
            }
            Err(why) => {
                if !matches!(why, Unmapped::NoWard { .. }) {
                    let message = format!(
                        "an Encounter in progress: {}; on the unplaced list",
                        why.describe()
                    );
                    problems.push(
                        index
                            .export
                            .problem(origin, "fhir-missing-reference", message),
                    );
                }
                row.reason = why.describe();
                row.place = why.place();
                census.unplaced.push(row);
            }
        }
    }
    for rows in census.wards.values_mut() {
        rows.sort_by(|a, b| {
            natural(&a.bed)
                .cmp(&natural(&b.bed))
                .then_with(|| a.name.cmp(&b.name))
        });
    }
    census.unplaced.sort_by(|a, b| {
        (a.place.cmp(&b.place))
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.nhs_number.cmp(&b.nhs_number))
    });
    census
}

/// The Encounters in progress, one per patient: a patient with several is placed by the one
/// that started last, and the others are reported.
fn current_encounters<'a>(
    index: &Index<'a>,
    problems: &mut Vec<Diagnostic>,
) -> Vec<(Origin, &'a Encounter)> {
    let mut by_patient: HashMap<&str, (Origin, &Encounter)> = HashMap::new();
    let mut kept = Vec::new();
    for (origin, encounter) in &index.export.encounters {
        if encounter.status != "in-progress" {
            continue;
        }
        let Some(patient) = encounter.subject.as_ref().and_then(|s| s.id_of("Patient")) else {
            kept.push((*origin, encounter));
            continue;
        };
        let start = |e: &Encounter| {
            e.period
                .as_ref()
                .and_then(|p| p.start.clone())
                .unwrap_or_default()
        };
        if let Some((other, earlier)) = by_patient.get(patient).copied() {
            let (keep, drop) = if start(encounter) >= start(earlier) {
                ((*origin, encounter), other)
            } else {
                ((other, earlier), *origin)
            };
            problems.push(index.export.problem(
                drop,
                "fhir-duplicate-encounter",
                format!("another Encounter in progress for the same patient (line {}) is newer: the patient is listed once, by that one", keep.0.line),
            ));
            by_patient.insert(patient, keep);
        } else {
            by_patient.insert(patient, (*origin, encounter));
        }
    }
    kept.extend(by_patient.into_values());
    kept.sort_by_key(|(origin, _)| *origin);
    kept
}

/// The Location the patient is in now: the active one, else the last listed.
fn current_location(encounter: &Encounter) -> Option<&str> {
    let locations = &encounter.location;
    (locations.iter())
        .find(|l| l.status.as_deref() == Some("active"))
        .or(locations.last())
        .and_then(|l| l.location.id_of("Location"))
}

fn inpatient(
    index: &Index,
    patient: &Patient,
    encounter: &Encounter,
    duplicate: bool,
) -> Inpatient {
    let mut alerts: Vec<String> = index.alerts(&patient.id);
    let (nhs_number, mut checks) = nhs_number(patient, duplicate);
    checks.append(&mut alerts);
    let (consultant, admitted) = consultant_and_admitted(encounter);
    Inpatient {
        patient: None,
        bed: String::new(),
        name: patient.display_name(),
        nhs_number,
        born: patient
            .birth_date
            .as_deref()
            .map(when::birth_date)
            .unwrap_or_default(),
        alerts: checks.join("; "),
        consultant,
        admitted,
        reason: String::new(),
        place: Place::default(),
    }
}

/// The Encounter's consultant and when it started, as printed.
fn consultant_and_admitted(encounter: &Encounter) -> (String, String) {
    let consultant = (encounter.participant.iter())
        .find_map(|p| p.individual.as_ref().and_then(|i| i.display.clone()))
        .unwrap_or_default();
    let admitted = (encounter.period.as_ref())
        .and_then(|p| p.start.as_deref())
        .map(when::date_time)
        .unwrap_or_default();
    (consultant, admitted)
}

/// The NHS number as printed, and the warnings it needs printed beside it.
pub fn nhs_number(patient: &Patient, duplicate: bool) -> (String, Vec<String>) {
    let mut checks = Vec::new();
    let number = match patient.nhs_number() {
        Some(n) => {
            if !nhs_number_valid(n) {
                checks.push("CHECK NHS NUMBER: check digit wrong".to_string());
            }
            format_nhs_number(n)
        }
        None => "(none in the export)".to_string(),
    };
    if duplicate {
        checks.push("CHECK: another record has this NHS number".to_string());
    }
    (number, checks)
}

/// An Encounter in progress whose patient the export does not hold (a Patient line that could
/// not be read): on the unplaced list with where they are, and, when that is a ward's bed, on
/// the ward's list too as an occupied bed, so it never reads as free.
fn unknown_patient(model: &Model, index: &Index, encounter: &Encounter, census: &mut Census) {
    let (consultant, admitted) = consultant_and_admitted(encounter);
    let missing = index.missing_patient();
    let mut row = Inpatient {
        patient: None,
        bed: String::new(),
        name: "PATIENT NOT KNOWN: identify at the bedside".to_string(),
        nhs_number: String::new(),
        born: String::new(),
        alerts: "NOT KNOWN: identify the patient first".to_string(),
        consultant,
        admitted,
        reason: String::new(),
        place: Place::default(),
    };
    match index.ward_of(current_location(encounter)) {
        Ok((w, bed)) => {
            let ward = &model.wards[w];
            let bed = bed.unwrap_or("").to_string();
            let site = &model.sites[ward.site].name;
            let at = [site.as_str(), &ward.name, &bed]
                .into_iter()
                .filter(|s| !s.is_empty());
            row.reason = format!("{}: {missing}", at.collect::<Vec<_>>().join(", "));
            row.place = Place::mapped(model, w, &bed);
            if ward.kind != WardKind::Outpatient {
                row.reason
                    .push_str("; the bed is marked OCCUPIED on the ward list");
                let occupied = Inpatient {
                    bed: bed.clone(),
                    name: "OCCUPIED: patient's record unreadable in the export".to_string(),
                    alerts: "CHECK: identify the patient at the bedside; see the unplaced list"
                        .to_string(),
                    reason: String::new(),
                    ..row.clone()
                };
                census.wards.entry(w).or_default().push(occupied);
            }
        }
        Err(why) => {
            row.reason = format!("{}; {missing}", why.describe());
            row.place = why.place();
        }
    }
    census.unplaced.push(row);
}
