//! The YAML file formats, exactly as people write them.
//!
//! These structs mirror the files under `procedures/` one to one. They hold raw id strings;
//! `model::resolve` turns them into the checked, linked model. Every struct denies unknown
//! fields so a misspelt key is an error with a line number, not a silently ignored setting.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `trust.yaml`: the organisation, its roles and trust-wide contacts.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Trust {
    pub name: String,
    /// ODS-style organisation code, e.g. `RXX`.
    pub code: String,
    /// Release of the packs: printed on every page so a ward can tell an old print from a new one.
    pub edition: Edition,
    /// Months between reviews when a procedure does not set its own interval.
    pub review_interval_months: u32,
    pub roles: Vec<Role>,
    #[serde(default)]
    pub contacts: Vec<Contact>,
    /// Trust-wide call cascade, after the site cascade.
    #[serde(default)]
    pub cascade: Vec<CascadeStep>,
    /// Months after which a contact's `verified` date is stale (default 6).
    #[serde(default)]
    pub contact_check_months: Option<u32>,
    /// Severity of each `downtime check` lint rule for this trust: allow, warning or error.
    #[serde(default)]
    pub lints: BTreeMap<String, LintLevel>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum LintLevel {
    Allow,
    Warning,
    Error,
}

/// Version and date of this release of the packs.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Edition {
    pub version: String,
    /// The date the packs are issued: packs print this, never the build machine's clock.
    pub date: NaiveDate,
}

/// A job people do during downtime (nurse in charge, ward clerk...).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
}

/// A person or desk to call, with every route that reaches them.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub id: String,
    pub name: String,
    /// The role this contact holds, so escalations addressed to a role find a number.
    #[serde(default)]
    pub role: Option<String>,
    pub routes: Vec<Route>,
    #[serde(default)]
    pub notes: String,
    /// When the numbers were last checked by calling them.
    #[serde(default)]
    pub verified: Option<NaiveDate>,
}

/// One way of reaching a contact.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Route {
    pub kind: RouteKind,
    pub value: String,
    /// Systems or infrastructure this route needs to work (telephony, email...).
    #[serde(default)]
    pub relies_on: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum RouteKind {
    Extension,
    Landline,
    Mobile,
    Bleep,
    Radio,
    Email,
    Runner,
}

/// Who calls whom, in order, when downtime is declared.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CascadeStep {
    /// Role that makes the call.
    pub caller: String,
    /// Contacts to reach, in order of preference.
    pub contacts: Vec<String>,
    pub when: String,
}

/// `sites/<id>.yaml`: one hospital or site.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Site {
    pub id: String,
    pub name: String,
    pub kind: SiteKind,
    pub address: String,
    pub switchboard: String,
    /// Where site command meets during a downtime.
    pub command_post: String,
    #[serde(default)]
    pub contacts: Vec<Contact>,
    #[serde(default)]
    pub cascade: Vec<CascadeStep>,
    /// Downtime kits, standalone PCs and printers, radios held for the site.
    #[serde(default)]
    pub equipment: Vec<Equipment>,
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
    pub location: String,
    #[serde(default)]
    pub notes: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum EquipmentKind {
    DowntimeKit,
    DowntimePc,
    Printer,
    Radios,
    Generator,
}

/// `wards/<id>.yaml`: a ward or department.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ward {
    pub id: String,
    pub site: String,
    pub name: String,
    pub kind: WardKind,
    pub location: String,
    /// Systems the ward uses, with notes that only apply here.
    pub systems: Vec<WardSystem>,
    pub kit: Kit,
    /// Roles present on a shift; action lists are grouped by these.
    pub roles: Vec<String>,
    #[serde(default)]
    pub contacts: Vec<Contact>,
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
    pub notes: String,
}

/// The ward's downtime box.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Kit {
    pub location: String,
    pub contents: Vec<KitItem>,
    /// Who checks the kit, and how often.
    pub checked_by: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KitItem {
    pub item: String,
    #[serde(default = "one")]
    pub quantity: u32,
}

fn one() -> u32 {
    1
}

/// `systems/<id>.yaml`: a clinical or business system.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct System {
    pub id: String,
    pub name: String,
    /// A few letters for narrow table columns, e.g. `EPR`, `PACS`.
    pub short_name: String,
    pub category: String,
    pub supplier: String,
    pub tier: Tier,
    /// Longest outage the service can bear before patient harm is likely, e.g. `4h`, `30m`, `2d`.
    pub max_tolerable_downtime: String,
    #[serde(default)]
    pub depends_on: Vec<String>,
    /// How staff can tell this system is down.
    pub signs_of_failure: Vec<String>,
    /// What staff lose when it is down.
    pub impact: String,
}

/// Criticality tier: 1 is life-critical.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, JsonSchema)]
pub struct Tier(pub u8);

/// `infrastructure/<id>.yaml`: network, power, data centres... that systems depend on.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Infrastructure {
    pub id: String,
    pub name: String,
    pub kind: InfraKind,
    pub description: String,
    #[serde(default)]
    pub depends_on: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum InfraKind {
    Network,
    DataCentre,
    Power,
    Internet,
    Telephony,
    Hosting,
    Device,
}

/// `fallbacks/<id>.yaml`: a paper fallback procedure.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Procedure {
    pub id: String,
    pub title: String,
    /// Systems this procedure replaces. Empty: a general procedure every ward (or site) follows.
    #[serde(default)]
    pub replaces: Vec<String>,
    #[serde(default)]
    pub scope: Scope,
    pub summary: String,
    pub control: DocControl,
    pub phases: Phases,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// Printed in every ward pack it applies to.
    #[default]
    Ward,
    /// Printed in the hospital pack: site command, switchboard...
    Site,
}

/// Document control: who owns a procedure and when it was last looked at.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocControl {
    pub owner: String,
    pub approver: String,
    pub version: String,
    pub status: Status,
    pub last_reviewed: NaiveDate,
    #[serde(default)]
    pub review_interval_months: Option<u32>,
    /// The last exercise or live use of this procedure, and how it went.
    #[serde(default)]
    pub last_tested: Option<Exercise>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Exercise {
    pub date: NaiveDate,
    pub outcome: Outcome,
    #[serde(default)]
    pub notes: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// Worked as written.
    Passed,
    /// Worked, with actions to fix.
    IssuesFound,
    /// Did not work; must be rewritten.
    Failed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Draft,
    Approved,
    Retired,
}

/// Steps grouped by when they happen.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Phases {
    /// Recognise and declare downtime: the first 15 minutes.
    #[serde(default)]
    pub declare: Vec<Step>,
    /// While the system is down.
    #[serde(default)]
    pub during: Vec<Step>,
    /// When the system returns: back-entry, reconciliation, patient contact.
    #[serde(default)]
    pub recovery: Vec<Step>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub role: String,
    #[serde(rename = "do")]
    pub action: String,
    #[serde(default)]
    pub checklist: Vec<String>,
    #[serde(default)]
    pub forms: Vec<String>,
    #[serde(default)]
    pub escalate: Vec<Escalation>,
    #[serde(default)]
    pub relies_on: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Escalation {
    /// How long into the downtime, e.g. `4h`.
    pub after: String,
    /// Role to escalate to.
    pub to: String,
    #[serde(default)]
    pub say: String,
}

/// `forms/<id>.yaml`: a paper form kept in the downtime kit.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Form {
    pub id: String,
    pub title: String,
    pub purpose: String,
    /// Blank copies the kit holds.
    pub copies: u32,
    pub control: DocControl,
    /// What the printed form is made of, top to bottom. A footer with the form's id and
    /// version is always added.
    #[serde(default)]
    pub layout: Vec<Part>,
}

/// One part of a printed form: `header`, `patient`, or a one-key map (`fields:`, `ticks:`,
/// `table:`, `instructions:`).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Part {
    /// `header` (title with trust, hospital and ward printed in) or `patient` (the patient
    /// identification box).
    Fixed(FixedPart),
    /// Labelled write-in fields.
    Fields { fields: Vec<Field> },
    /// A question answered by ticking boxes.
    Ticks { ticks: Ticks },
    /// A table with column headings and blank ruled rows.
    Table { table: TableSpec },
    /// Instructions printed as text.
    Instructions { instructions: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum FixedPart {
    Header,
    Patient,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ticks {
    pub label: String,
    pub options: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableSpec {
    pub columns: Vec<String>,
    /// Blank ruled rows to print.
    pub rows: u32,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Field {
    pub label: String,
    #[serde(default)]
    pub kind: FieldKind,
    /// Ruled lines for a `lines` field (default 3).
    #[serde(default)]
    pub lines: Option<u32>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum FieldKind {
    /// One ruled line.
    #[default]
    Line,
    /// Several ruled lines.
    Lines,
    Date,
    Time,
    /// Signature, printed name and designation.
    Signature,
}

/// `scenarios/<id>.yaml`: an outage to prepare for, as the components that fail.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub id: String,
    pub name: String,
    pub kind: ScenarioKind,
    /// How long it is expected to last, e.g. `8h`.
    pub expected_duration: String,
    /// Systems or infrastructure that fail; everything depending on them is lost too.
    pub fails: Vec<String>,
    pub description: String,
    /// What is different about this scenario: command structure, when to declare an incident.
    #[serde(default)]
    pub instructions: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ScenarioKind {
    Planned,
    Unplanned,
}
