//! `wards/<id>.yaml`: a ward or department, the systems it uses and its downtime kit.

use super::*;
use crate::load::text::{Line, List, Prose};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `wards/<id>.yaml`: a ward or department.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ward {
    pub id: String,
    pub site: String,
    pub name: Line,
    pub kind: WardKind,
    pub location: Line,
    /// Staffed beds (or trolleys, cots, chairs): kit items with `per_bed` are sized from it.
    #[serde(default)]
    pub beds: Option<u32>,
    /// Systems the ward uses, with notes that only apply here.
    pub systems: Vec<WardSystem>,
    pub kit: Kit,
    /// Roles present on a shift; action lists are grouped by these.
    pub roles: Vec<String>,
    /// Roles the trust's procedures name that this ward does not have, each with the role here
    /// that does their steps: `nurse-in-charge: midwife-in-charge` puts the nurse in charge's
    /// steps on the midwife in charge's card.
    #[serde(default)]
    pub acts_as: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    pub contacts: Vec<Contact>,
    /// The ward's own downtime equipment: downtime PC, printer, label printer, radios.
    #[serde(default)]
    pub equipment: Vec<Equipment>,
    /// The ward whose downtime PC staff use when this ward's own fails (same site).
    #[serde(default)]
    pub buddy: Option<String>,
    /// Patient or encounter numbers reserved for this ward while systems are down.
    #[serde(default)]
    pub numbering: Vec<NumberRange>,
    /// Identifiers of the FHIR Locations that are this ward (or clinic) in the EPR's export:
    /// `downtime snapshot` prints the patients and appointments found there on its lists.
    #[serde(default)]
    pub fhir_location: Vec<String>,
    /// Clinics (kind `outpatient`) only: whether the clinic's appointments are cancelled while
    /// systems are down, putting its patients on `downtime snapshot`'s ring-round contact list
    /// (default true). A clinic that runs on paper anyway (a walk-in fracture clinic) says
    /// false: its clinic list still prints.
    #[serde(default)]
    pub cancel_if_down: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum WardKind {
    Inpatient,
    Outpatient,
    Emergency,
    Theatres,
    Maternity,
    CriticalCare,
    DayCase,
    Community,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WardSystem {
    pub system: String,
    #[serde(default)]
    pub notes: Prose,
}

/// The ward's downtime box.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Kit {
    pub location: Line,
    pub contents: List<KitItem, MAX_KIT_ITEMS>,
    /// Who checks the kit, and how often.
    pub checked_by: Line,
    /// Hours of paper this kit holds, if more than the trust's `kit_minimum_hours`.
    #[serde(default)]
    pub hours: Option<u32>,
}

/// One item in the kit: a fixed `quantity` (default 1), or a rule the quantity is computed
/// from (`per_bed`, `per_day`), with `spare` on top.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KitItem {
    pub item: Line,
    /// The form this item is, by id: the ward pack's forms table then shows this quantity.
    #[serde(default)]
    pub form: Option<String>,
    #[serde(default)]
    pub quantity: Option<u32>,
    /// Copies per bed (one set for the outage, or per `hours` when given).
    #[serde(default)]
    pub per_bed: Option<u32>,
    /// With `per_bed`: how many hours one set lasts (an 8-hour chart needs a new set each shift).
    #[serde(default)]
    pub hours: Option<u32>,
    /// Copies used per day, whatever the beds.
    #[serde(default)]
    pub per_day: Option<u32>,
    /// Extra on top of the rule, as a percentage, e.g. `20%`.
    #[serde(default)]
    pub spare: Option<String>,
}
