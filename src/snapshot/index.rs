//! Lookups over one export, built once: resources by id, each Location's ward, each patient's
//! allergies and alerts, and the NHS numbers more than one Patient carries.

use super::export::{Export, Origin};
use super::fhir::{format_nhs_number, nhs_number_valid, Location, Patient};
use super::place::{location_name, Unmapped};
use crate::diagnostic::Diagnostic;
use crate::model::{Model, WardIx};
use std::collections::HashMap;

/// The export, indexed.
pub struct Index<'a> {
    pub export: &'a Export,
    patients: HashMap<&'a str, usize>,
    locations: HashMap<&'a str, usize>,
    /// Ward of each FHIR Location identifier, from the wards' `fhir_location`.
    wards: HashMap<&'a str, WardIx>,
    /// Allergies and alerts of each patient id, as printed.
    alerts: HashMap<&'a str, Vec<String>>,
    /// Allergy or alert records were unreadable or absent from the export: no patient's
    /// allergies are known to be complete.
    allergies_uncertain: bool,
    /// Patients (by index) whose NHS number another Patient also carries.
    duplicate_nhs: Vec<bool>,
    /// Each group of Patients (by index) carrying one NHS number; reported once the lists
    /// are made, when what happened to each record is known.
    duplicate_groups: Vec<Vec<usize>>,
}

/// The alerts cell's words when no allergy list can be trusted.
pub const ALLERGIES_NOT_KNOWN: &str =
    "ALLERGIES AND ALERTS NOT KNOWN: check (see the warning above)";

impl<'a> Index<'a> {
    /// Index `export` for `model`'s wards; problems found on the way (duplicate ids, NHS
    /// numbers failing their check) are added to `problems`.
    pub fn new(model: &'a Model, export: &'a Export, problems: &mut Vec<Diagnostic>) -> Self {
        let mut index = Index {
            export,
            patients: HashMap::new(),
            locations: HashMap::new(),
            wards: HashMap::new(),
            alerts: HashMap::new(),
            allergies_uncertain: !super::notice::allergy_notice(export).is_empty(),
            duplicate_nhs: vec![false; export.patients.len()],
            duplicate_groups: Vec::new(),
        };
        for (w, ward) in model.wards.iter().enumerate() {
            for id in &ward.fhir_location {
                index.wards.insert(id.as_str(), w);
            }
        }
        for (i, (origin, location)) in export.locations.iter().enumerate() {
            if index.locations.insert(&location.id, i).is_some() {
                problems.push(duplicate_id(export, *origin, "Location"));
            }
        }
        index.index_patients(problems);
        index.index_alerts(problems);
        index
    }

    fn index_patients(&mut self, problems: &mut Vec<Diagnostic>) {
        let export = self.export;
        let mut by_nhs: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, (origin, patient)) in export.patients.iter().enumerate() {
            if self.patients.insert(&patient.id, i).is_some() {
                problems.push(duplicate_id(export, *origin, "Patient"));
            }
            match patient.nhs_number() {
                Some(n) if nhs_number_valid(n) => {
                    by_nhs.entry(format_nhs_number(n)).or_default().push(i)
                }
                Some(_) => problems.push(
                    export.problem(
                        *origin,
                        "fhir-nhs-number",
                        "an NHS number that fails its check digit: printed, marked for checking"
                            .to_string(),
                    ),
                ),
                None => {}
            }
        }
        let mut groups: Vec<Vec<usize>> = by_nhs.into_values().filter(|g| g.len() > 1).collect();
        groups.sort();
        for &i in groups.iter().flatten() {
            self.duplicate_nhs[i] = true;
        }
        self.duplicate_groups = groups;
    }

    /// Report each Patient whose NHS number another carries, saying what became of it and of
    /// the others: `printed` holds the lists each patient (by index) is on. File and line
    /// only, never the number.
    pub fn report_duplicate_nhs(
        &self,
        printed: &HashMap<usize, Vec<&'static str>>,
        problems: &mut Vec<Diagnostic>,
    ) {
        let export = self.export;
        let line = |i: usize| export.patients[i].0.line;
        let fate = |i: usize| match printed.get(&i) {
            Some(lists) => format!("is printed on {}, marked CHECK", lists.join(" and ")),
            None => "is not printed (no encounter in progress, no appointment coming)".to_string(),
        };
        for group in &self.duplicate_groups {
            for &i in group {
                let others: Vec<usize> = group.iter().copied().filter(|&j| j != i).collect();
                let lines: Vec<String> = others
                    .iter()
                    .map(|&j| format!("line {}", line(j)))
                    .collect();
                let fates: Vec<String> = (others.iter())
                    .map(|&j| format!("the record on line {} {}", line(j), fate(j)))
                    .collect();
                problems.push(export.problem(
                    export.patients[i].0,
                    "fhir-duplicate-nhs-number",
                    format!(
                        "the same NHS number as the Patient on {}: this record {}; {}",
                        lines.join(", "),
                        fate(i),
                        fates.join("; ")
                    ),
                ));
            }
        }
    }

    fn index_alerts(&mut self, problems: &mut Vec<Diagnostic>) {
        let export = self.export;
        for (origin, allergy) in &export.allergies {
            let inactive = (allergy.clinical_status.as_ref())
                .is_some_and(|s| s.has_code("inactive") || s.has_code("resolved"));
            if inactive {
                continue;
            }
            let what = allergy
                .code
                .as_ref()
                .and_then(|c| c.label())
                .unwrap_or("(substance not recorded)");
            let text = match allergy.criticality.as_deref() {
                Some("high") => format!("ALLERGY: {what} (high risk)"),
                _ => format!("Allergy: {what}"),
            };
            self.add_alert(*origin, allergy.patient.id_of("Patient"), text, problems);
        }
        for (origin, flag) in &export.flags {
            if flag.status == "active" {
                let text = format!("Alert: {}", flag.code.label().unwrap_or("(not described)"));
                self.add_alert(*origin, flag.subject.id_of("Patient"), text, problems);
            }
        }
    }

    fn add_alert(
        &mut self,
        origin: Origin,
        patient: Option<&'a str>,
        text: String,
        problems: &mut Vec<Diagnostic>,
    ) {
        match patient.filter(|id| self.patients.contains_key(id)) {
            Some(id) => self.alerts.entry(id).or_default().push(text),
            None => problems.push(
                self.export.problem(
                    origin,
                    "fhir-missing-reference",
                    "an allergy or alert for a Patient not in the export: not printed anywhere"
                        .to_string(),
                ),
            ),
        }
    }

    /// Patient `id`: its index in the export, the resource, and whether another Patient
    /// carries its NHS number.
    pub fn patient(&self, id: &str) -> Option<(usize, &'a Patient, bool)> {
        let &i = self.patients.get(id)?;
        Some((i, &self.export.patients[i].1, self.duplicate_nhs[i]))
    }

    /// What became of a Patient an Encounter or Appointment names but the export does not
    /// hold: a line that could not be read is the likely reason when there is one.
    pub fn missing_patient(&self) -> &'static str {
        if self.export.unreadable(&["Patient"]) > 0 {
            "patient record unreadable in the export"
        } else {
            "patient record missing from the export"
        }
    }

    /// Allergy or alert records were unreadable or absent: no allergy list is complete.
    pub fn allergies_uncertain(&self) -> bool {
        self.allergies_uncertain
    }

    /// Allergies and alerts of patient `id`, as printed: never an empty cell, which would
    /// read as "no known allergies", and never a complete-looking one when the export's
    /// allergy records were unreadable or missing.
    pub fn alerts(&self, id: &str) -> Vec<String> {
        let mut alerts = self.alerts.get(id).cloned().unwrap_or_default();
        // An alert alone ("Alert: Falls risk") would read as no known allergies too.
        let any_allergy = alerts
            .iter()
            .any(|a| a.to_lowercase().starts_with("allergy"));
        if self.allergies_uncertain {
            alerts.push(ALLERGIES_NOT_KNOWN.to_string());
        } else if !any_allergy {
            alerts.push("Allergies not recorded in the EPR export: ask the patient".to_string());
        }
        alerts
    }

    /// The ward Location `id` is in, and the bed when it is one: beds and rooms reach their
    /// ward through `partOf`.
    pub fn ward_of(&self, id: Option<&str>) -> Result<(WardIx, Option<&'a str>), Unmapped> {
        let id = id.ok_or(Unmapped::NoLocation)?;
        let first = self.location(id)?;
        let mut here = first;
        // A bound, so a cycle of partOf references cannot hang the command.
        for _ in 0..8 {
            let mapped = (here.identifier.iter())
                .filter_map(|i| i.value.as_deref())
                .find_map(|v| self.wards.get(v));
            if let Some(&w) = mapped {
                // The Location the encounter names is the bed unless it is the ward itself.
                let bed = (!std::ptr::eq(here, first))
                    .then_some(first.name.as_deref())
                    .flatten();
                return Ok((w, bed));
            }
            match here.part_of.as_ref().and_then(|r| r.id_of("Location")) {
                Some(parent) => here = self.location(parent)?,
                None => break,
            }
        }
        let bed = (!std::ptr::eq(here, first)).then_some(first);
        Err(Unmapped::NoWard {
            place: location_name(here),
            bed: bed.map(|b| b.name.clone().unwrap_or_else(|| format!("bed id {}", b.id))),
        })
    }

    fn location(&self, id: &str) -> Result<&'a Location, Unmapped> {
        (self.locations.get(id))
            .map(|&i| &self.export.locations[i].1)
            .ok_or_else(|| Unmapped::NotInExport(id.to_string()))
    }
}

fn duplicate_id(export: &Export, origin: Origin, kind: &str) -> Diagnostic {
    export.problem(
        origin,
        "fhir-duplicate-id",
        format!("a second {kind} with the same id: the later one is used"),
    )
}
