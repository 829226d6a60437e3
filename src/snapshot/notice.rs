//! The warning a list carries under its band when unreadable lines of the export may have
//! taken a patient off it: such a line cannot be tied to a ward or clinic, so every list of
//! its kind says so, with what its reader does about it.

use super::clinics::Clinics;
use super::export::Export;
use super::print::Job;

/// What a ward list's reader does when a record that could put a patient on it was unreadable.
pub const CHECK_BEDS: &str =
    "Check every bed against the ward: a blank row may not be a free bed. See the unplaced list.";
/// A clinic list's.
pub const CHECK_DIARY: &str =
    "Check the clinic's appointments in the booking system or paper diary. See the unplaced list.";
/// A ward list's, when allergies or alerts may be missing from it.
pub const CHECK_ALLERGIES: &str =
    "Check allergies with the patient, the wristband and the drug chart before giving any medicine, and alerts (resuscitation status, infection) in the notes.";
/// The ring-round list's.
pub const CHECK_DIARIES: &str =
    "Check each clinic's appointments in the booking system or paper diary. See the unplaced list.";

/// What unreadable lines of the export may have taken off the ward lists and off the clinic
/// lists: "WARNING: 1 admission record in the export could not be read...", or nothing. Such
/// a line cannot be tied to a ward or clinic, so every list of its kind says it. A Patient
/// line is not counted: the bed or appointment naming it is still printed, saying so.
pub fn missing_notices(export: &Export, clinics: &Clinics) -> (String, String) {
    let count = |kind: &str| export.unreadable.get(kind).copied().unwrap_or(0);
    let unknown = (
        count(""),
        "record of unknown type",
        "records of unknown type",
    );
    let admissions = [
        (count("Encounter"), "admission record", "admission records"),
        (
            count("Location"),
            "ward or bed record",
            "ward or bed records",
        ),
        unknown,
    ];
    let appointments = [
        (
            count("Appointment"),
            "appointment record",
            "appointment records",
        ),
        (
            clinics.no_start,
            "appointment with no readable time",
            "appointments with no readable time",
        ),
        (count("Location"), "clinic record", "clinic records"),
        unknown,
    ];
    (unreadable(&admissions), unreadable(&appointments))
}

/// "WARNING: 1 admission record and 2 ward or bed records in the export could not be read:
/// ...", or empty when every count is 0.
fn unreadable(counts: &[(usize, &str, &str)]) -> String {
    let parts: Vec<String> = (counts.iter())
        .filter(|(n, _, _)| *n > 0)
        .map(|&(n, one, many)| format!("{n} {}", if n == 1 { one } else { many }))
        .collect();
    if parts.is_empty() {
        return String::new();
    }
    format!(
        "WARNING: {} in the export could not be read: a patient may be missing from this list.",
        parts.join(" and ")
    )
}

/// What a ward list's Alerts and allergies column may lack: a blank cell there reads as "no
/// known allergies", so an export without allergy or alert records, or with some that could
/// not be read, says so on every ward list. Empty when neither happened.
pub fn allergy_notice(export: &Export) -> String {
    let count = |kind: &str| export.unreadable.get(kind).copied().unwrap_or(0);
    let unreadable = count("AllergyIntolerance") + count("Flag");
    let mut parts = Vec::new();
    if unreadable > 0 {
        parts.push(format!(
            "{unreadable} allergy or alert record{} in the export could not be read: a patient's allergies may be missing from this list.",
            if unreadable == 1 { "" } else { "s" }
        ));
    }
    for (kind, read, what) in [
        ("AllergyIntolerance", export.allergies.len(), "allergy"),
        ("Flag", export.flags.len(), "alert"),
    ] {
        if read == 0 && count(kind) == 0 {
            parts.push(format!("The export holds no {what} records at all."));
        }
    }
    if parts.is_empty() {
        return String::new();
    }
    format!(
        "WARNING: {} No allergy or alert on this list can be taken as complete.",
        parts.join(" ")
    )
}

impl Job<'_> {
    /// `warning` and what to do about it under the band of every page, when there is one;
    /// after any notice the list already carries.
    pub fn with_notice(mut self, warning: &str, action: &str) -> Self {
        if !warning.is_empty() {
            self.notice
                .extend([warning.to_string(), action.to_string()]);
        }
        self
    }
}
