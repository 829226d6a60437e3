//! `sites/<id>.yaml`: a hospital or site and its downtime equipment.

use super::*;
use crate::load::text::{Line, Phone, Prose};
use schemars::JsonSchema;
use serde::Deserialize;

/// `sites/<id>.yaml`: one hospital or site.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Site {
    pub id: String,
    pub name: Line,
    pub kind: SiteKind,
    /// Postal address, printed in the hospital pack (optional until the trust fills it in).
    #[serde(default)]
    pub address: Prose,
    /// The switchboard number, printed on every pack's cover when given.
    #[serde(default)]
    pub switchboard: Option<Phone>,
    /// Where site command meets during a downtime.
    pub command_post: Line,
    #[serde(default)]
    pub contacts: Vec<Contact>,
    #[serde(default)]
    pub cascade: Vec<CascadeStep>,
    /// Downtime kits, standalone PCs and printers, radios held for the site.
    #[serde(default)]
    pub equipment: Vec<Equipment>,
    /// Patient or encounter numbers reserved for use while systems are down.
    #[serde(default)]
    pub numbering: Vec<NumberRange>,
}

/// A block of reserved numbers handed out on paper, e.g. `DT-700001` to `DT-700100`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NumberRange {
    pub from: Line,
    pub to: Line,
    /// What the numbers are for, e.g. `new registrations`.
    #[serde(rename = "for")]
    pub purpose: Line,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SiteKind {
    Acute,
    Community,
    MentalHealth,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Equipment {
    pub kind: EquipmentKind,
    pub location: Line,
    /// Asset tag, so IT and estates can find and test the exact machine.
    #[serde(default)]
    pub asset: Option<Line>,
    /// The socket it is plugged into: `emergency` (red, generator-backed) or `ordinary`.
    #[serde(default)]
    pub power: Option<Power>,
    #[serde(default)]
    pub notes: Prose,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Power {
    /// A red, generator-backed socket: keeps working in a power cut.
    Emergency,
    /// An ordinary socket: lost with the mains.
    Ordinary,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum EquipmentKind {
    DowntimeKit,
    DowntimePc,
    /// The site's master downtime PC (in the patient-flow office): holds every ward's lists.
    MasterPc,
    Printer,
    LabelPrinter,
    Radios,
    Generator,
}
