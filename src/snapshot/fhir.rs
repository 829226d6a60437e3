//! The few FHIR R4 resources and fields a patient list needs, as plain serde types.
//!
//! Unknown fields are ignored on purpose (unlike our YAML): an EPR's export carries far more
//! than we print, and must not be refused for it.

use serde::Deserialize;

/// `Patient`: who, with the identifiers and phone numbers printed.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Patient {
    pub id: String,
    #[serde(default)]
    pub identifier: Vec<Identifier>,
    #[serde(default)]
    pub name: Vec<HumanName>,
    #[serde(default)]
    pub birth_date: Option<String>,
    #[serde(default)]
    pub telecom: Vec<ContactPoint>,
}

/// `Encounter`: an admission, with where the patient is and who looks after them.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Encounter {
    pub id: String,
    pub status: String,
    #[serde(default)]
    pub subject: Option<Reference>,
    #[serde(default)]
    pub location: Vec<EncounterLocation>,
    #[serde(default)]
    pub period: Option<Period>,
    #[serde(default)]
    pub participant: Vec<EncounterParticipant>,
}

/// `Location`: a ward, clinic or bed; beds point at their ward through `partOf`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Location {
    pub id: String,
    #[serde(default)]
    pub identifier: Vec<Identifier>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub physical_type: Option<CodeableConcept>,
    #[serde(default)]
    pub part_of: Option<Reference>,
}

/// `Appointment`: a booked clinic slot, with its patient and clinic among the participants.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Appointment {
    pub id: String,
    pub status: String,
    #[serde(default)]
    pub start: Option<String>,
    #[serde(default)]
    pub participant: Vec<AppointmentParticipant>,
}

/// `AllergyIntolerance`: printed in full in the alerts column.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AllergyIntolerance {
    pub patient: Reference,
    #[serde(default)]
    pub code: Option<CodeableConcept>,
    #[serde(default)]
    pub clinical_status: Option<CodeableConcept>,
    #[serde(default)]
    pub criticality: Option<String>,
}

/// `Flag`: an alert such as "falls risk" or "DNACPR in place".
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Flag {
    pub status: String,
    pub subject: Reference,
    pub code: CodeableConcept,
}

#[derive(Debug, Deserialize)]
pub struct Identifier {
    #[serde(default)]
    pub system: Option<String>,
    #[serde(default)]
    pub value: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HumanName {
    #[serde(default, rename = "use")]
    pub use_: Option<String>,
    #[serde(default)]
    pub family: Option<String>,
    #[serde(default)]
    pub given: Vec<String>,
    #[serde(default)]
    pub text: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct ContactPoint {
    #[serde(default)]
    pub system: Option<String>,
    #[serde(default)]
    pub value: Option<String>,
    #[serde(default, rename = "use")]
    pub use_: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Reference {
    #[serde(default)]
    pub reference: Option<String>,
    #[serde(default)]
    pub display: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct EncounterLocation {
    pub location: Reference,
    #[serde(default)]
    pub status: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct EncounterParticipant {
    #[serde(default)]
    pub individual: Option<Reference>,
}

#[derive(Debug, Deserialize)]
pub struct AppointmentParticipant {
    #[serde(default)]
    pub actor: Option<Reference>,
}

#[derive(Debug, Deserialize)]
pub struct Period {
    #[serde(default)]
    pub start: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct CodeableConcept {
    #[serde(default)]
    pub coding: Vec<Coding>,
    #[serde(default)]
    pub text: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct Coding {
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub display: Option<String>,
}

impl CodeableConcept {
    /// What people read: the text, else the first coding's display, else its code.
    pub fn label(&self) -> Option<&str> {
        self.text
            .as_deref()
            .or_else(|| self.coding.iter().find_map(|c| c.display.as_deref()))
            .or_else(|| self.coding.iter().find_map(|c| c.code.as_deref()))
    }

    pub fn has_code(&self, code: &str) -> bool {
        self.coding.iter().any(|c| c.code.as_deref() == Some(code))
    }
}

impl Reference {
    /// The id `reference` points at when it names a resource of `kind` (`Patient/123`, or an
    /// absolute URL ending so).
    pub fn id_of(&self, kind: &str) -> Option<&str> {
        let reference = self.reference.as_deref()?;
        let (head, id) = reference.rsplit_once('/')?;
        (head == kind || head.ends_with(&format!("/{kind}"))).then_some(id)
    }
}

/// The NHS number's identifier system.
pub const NHS_NUMBER: &str = "https://fhir.nhs.uk/Id/nhs-number";

impl Patient {
    pub fn nhs_number(&self) -> Option<&str> {
        (self.identifier.iter())
            .find(|i| i.system.as_deref() == Some(NHS_NUMBER))
            .and_then(|i| i.value.as_deref())
    }

    /// "FAMILY, Given Names" from the official name (else the first), as wristbands print it.
    pub fn display_name(&self) -> String {
        let name = (self.name.iter())
            .find(|n| n.use_.as_deref() == Some("official"))
            .or(self.name.first());
        let Some(name) = name else {
            return "(no name in the export)".to_string();
        };
        match (&name.family, &name.text) {
            (Some(family), _) => {
                let given = name.given.join(" ");
                if given.is_empty() {
                    family.to_uppercase()
                } else {
                    format!("{}, {given}", family.to_uppercase())
                }
            }
            (None, Some(text)) => text.clone(),
            (None, None) => name.given.join(" "),
        }
    }

    /// Phone numbers with what they are ("07700 900123 (mobile)"), in the export's order.
    /// Each is joined by no-break spaces: half a number on one line and half on the next
    /// gets dialled as two.
    pub fn phones(&self) -> Vec<String> {
        (self.telecom.iter())
            .filter(|t| matches!(t.system.as_deref(), Some("phone") | Some("sms")))
            .filter_map(|t| {
                let value = t.value.as_deref()?.trim().replace(' ', "\u{a0}");
                Some(match t.use_.as_deref() {
                    Some(u) => format!("{value} ({u})"),
                    None => value.to_string(),
                })
            })
            .collect()
    }
}

/// Whether `number` (ten digits, spaces allowed) carries a valid NHS number check digit:
/// weights 10 down to 2 on the first nine digits, 11 minus the sum mod 11, where 11 means 0
/// and 10 means the number is invalid.
pub fn nhs_number_valid(number: &str) -> bool {
    let digits: Vec<u32> = number.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != 10 || number.chars().any(|c| !c.is_ascii_digit() && c != ' ') {
        return false;
    }
    let sum: u32 = (digits[..9].iter().zip((2..=10).rev()))
        .map(|(d, w)| d * w)
        .sum();
    match 11 - sum % 11 {
        11 => digits[9] == 0,
        10 => false,
        check => digits[9] == check,
    }
}

/// An NHS number printed as people read it: 3-3-4 digits.
pub fn format_nhs_number(number: &str) -> String {
    let digits: String = number.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() == 10 && digits.is_ascii() {
        // No-break spaces: the number is never split across lines.
        format!(
            "{}\u{a0}{}\u{a0}{}",
            &digits[..3],
            &digits[3..6],
            &digits[6..]
        )
    } else {
        digits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Check digits: a known-valid test number, the same with its last digit changed, and a
    // number whose check would be 10.
    #[test]
    fn nhs_check_digit() {
        assert!(nhs_number_valid("9434765919"));
        assert!(nhs_number_valid("943 476 5919"));
        assert!(!nhs_number_valid("9434765918"));
        assert!(!nhs_number_valid("999000000"));
        assert!(!nhs_number_valid("94347659x9"));
    }

    // References name their kind; a Location id is not taken for a Patient.
    #[test]
    fn reference_ids() {
        let r = Reference {
            reference: Some("https://ehr.example/fhir/Patient/p1".into()),
            display: None,
        };
        assert_eq!(r.id_of("Patient"), Some("p1"));
        assert_eq!(r.id_of("Location"), None);
    }
}
