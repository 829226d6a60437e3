//! The YAML file formats, exactly as people write them.
//!
//! These structs mirror the files under `procedures/` one to one. They hold raw id strings;
//! `model::resolve` turns them into the checked, linked model. Every struct denies unknown
//! fields so a misspelt key is an error with a line number, not a silently ignored setting.

use super::text::{self, Line, List, Number, Phone, Problem, Prose};
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// Most steps in one phase of a procedure: the longest real phase has 15.
pub const MAX_STEPS_PER_PHASE: usize = 50;
/// Most checklist items under one step.
pub const MAX_CHECKLIST_ITEMS: usize = 30;
/// Most escalations, forms or dependencies named by one step.
pub const MAX_STEP_REFERENCES: usize = 20;
/// Most items in a ward's downtime kit.
pub const MAX_KIT_ITEMS: usize = 100;
/// Most parts in one form's layout, and write-in fields in one part.
pub const MAX_FORM_PARTS: usize = 30;
/// Most columns in a form table: more cannot be written in on A4.
pub const MAX_TABLE_COLUMNS: usize = 12;
/// Most blank rows in a form table (about four pages).
pub const MAX_TABLE_ROWS: u32 = 100;
/// Most ruled lines for one write-in field (one page).
pub const MAX_FIELD_LINES: u32 = 40;
/// Most tick-box options for one question, signs of failure or instructions.
pub const MAX_OPTIONS: usize = 30;

/// `trust.yaml`: the organisation, its roles and trust-wide contacts.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Trust {
    pub name: Line,
    /// ODS-style organisation code, e.g. `RXX`.
    pub code: Line,
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
    pub version: Line,
    /// The date the packs are issued: packs print this, never the build machine's clock.
    pub date: NaiveDate,
}

/// A job people do during downtime (nurse in charge, ward clerk...).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub id: String,
    pub name: Line,
    #[serde(default)]
    pub description: Prose,
}

/// A person or desk to call, with every route that reaches them.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub id: String,
    pub name: Line,
    /// The role this contact holds, so escalations addressed to a role find a number.
    #[serde(default)]
    pub role: Option<String>,
    pub routes: Vec<Route>,
    #[serde(default)]
    pub notes: Prose,
    /// When the numbers were last checked by calling them.
    #[serde(default)]
    pub verified: Option<NaiveDate>,
}

/// One way of reaching a contact. Extensions, landlines, mobiles and bleeps must be numbers.
#[derive(Debug, Clone, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Route {
    pub kind: RouteKind,
    pub value: Line,
    /// Systems or infrastructure this route needs to work (telephony, email...).
    #[serde(default)]
    pub relies_on: Vec<String>,
}

/// A route as read, checked as a whole by [`Route::deserialize`]: the number rule depends on
/// `kind`, which may come before or after `value`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RouteFields {
    kind: RouteKind,
    value: Line,
    #[serde(default)]
    relies_on: Vec<String>,
}

impl<'de> Deserialize<'de> for Route {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        text::checked_map(d, |r: RouteFields| {
            if let Some(what) = r.kind.number_name() {
                text::check_phone(what, &r.value)?;
            }
            Ok(Route {
                kind: r.kind,
                value: r.value,
                relies_on: r.relies_on,
            })
        })
    }
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

impl RouteKind {
    /// What to call the value in an error, for the kinds that must be a number someone dials.
    pub fn number_name(self) -> Option<&'static str> {
        match self {
            RouteKind::Extension => Some("extension"),
            RouteKind::Landline => Some("landline number"),
            RouteKind::Mobile => Some("mobile number"),
            RouteKind::Bleep => Some("bleep number"),
            RouteKind::Radio | RouteKind::Email | RouteKind::Runner => None,
        }
    }
}

/// Who calls whom, in order, when downtime is declared.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CascadeStep {
    /// Role that makes the call.
    pub caller: String,
    /// Contacts to reach, in order of preference.
    pub contacts: Vec<String>,
    pub when: Line,
}

/// `sites/<id>.yaml`: one hospital or site.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Site {
    pub id: String,
    pub name: Line,
    pub kind: SiteKind,
    pub address: Prose,
    pub switchboard: Phone,
    /// Where site command meets during a downtime.
    pub command_post: Line,
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
    pub location: Line,
    #[serde(default)]
    pub notes: Prose,
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
    pub name: Line,
    pub kind: WardKind,
    pub location: Line,
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
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KitItem {
    pub item: Line,
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
    pub name: Line,
    /// A few letters for narrow table columns, e.g. `EPR`, `PACS`.
    pub short_name: Line,
    pub category: Line,
    pub supplier: Line,
    pub tier: Tier,
    /// Longest outage the service can bear before patient harm is likely, e.g. `4h`, `30m`, `2d`.
    pub max_tolerable_downtime: String,
    #[serde(default)]
    pub depends_on: Vec<String>,
    /// How staff can tell this system is down.
    pub signs_of_failure: List<Prose, MAX_OPTIONS>,
    /// What staff lose when it is down.
    pub impact: Prose,
}

/// Criticality tier: 1 is life-critical.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, JsonSchema)]
pub struct Tier(pub u8);

/// `infrastructure/<id>.yaml`: network, power, data centres... that systems depend on.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Infrastructure {
    pub id: String,
    pub name: Line,
    pub kind: InfraKind,
    pub description: Prose,
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
    pub title: Line,
    /// Systems this procedure replaces. Empty: a general procedure every ward (or site) follows.
    #[serde(default)]
    pub replaces: Vec<String>,
    #[serde(default)]
    pub scope: Scope,
    pub summary: Prose,
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
    pub owner: Line,
    pub approver: Line,
    pub version: Line,
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
    pub notes: Prose,
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
    pub declare: List<Step, MAX_STEPS_PER_PHASE>,
    /// While the system is down.
    #[serde(default)]
    pub during: List<Step, MAX_STEPS_PER_PHASE>,
    /// When the system returns: back-entry, reconciliation, patient contact.
    #[serde(default)]
    pub recovery: List<Step, MAX_STEPS_PER_PHASE>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub role: String,
    #[serde(rename = "do")]
    pub action: Prose,
    #[serde(default)]
    pub checklist: List<Prose, MAX_CHECKLIST_ITEMS>,
    #[serde(default)]
    pub forms: List<String, MAX_STEP_REFERENCES>,
    #[serde(default)]
    pub escalate: List<Escalation, MAX_STEP_REFERENCES>,
    #[serde(default)]
    pub relies_on: List<String, MAX_STEP_REFERENCES>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Escalation {
    /// How long into the downtime, e.g. `4h`.
    pub after: String,
    /// Role to escalate to.
    pub to: String,
    #[serde(default)]
    pub say: Prose,
}

/// `forms/<id>.yaml`: a paper form kept in the downtime kit.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Form {
    pub id: String,
    pub title: Line,
    pub purpose: Prose,
    /// Blank copies the kit holds.
    pub copies: u32,
    pub control: DocControl,
    /// What the printed form is made of, top to bottom. A footer with the form's id and
    /// version is always added.
    #[serde(default)]
    pub layout: List<Part, MAX_FORM_PARTS>,
}

/// One part of a printed form: `header`, `patient`, or a one-key map (`fields:`, `ticks:`,
/// `table:`, `instructions:`). Read by hand ([`Part::deserialize`]): serde's untagged enums
/// ignore unknown keys beside the one that picks the variant.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(untagged, deny_unknown_fields)]
pub enum Part {
    /// `header` (title with trust, hospital and ward printed in) or `patient` (the patient
    /// identification box).
    Fixed(FixedPart),
    /// Labelled write-in fields.
    Fields { fields: List<Field, MAX_FORM_PARTS> },
    /// A question answered by ticking boxes.
    Ticks { ticks: Ticks },
    /// A table with column headings and blank ruled rows.
    Table { table: TableSpec },
    /// Instructions printed as text.
    Instructions { instructions: Prose },
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
    pub label: Line,
    pub options: List<Line, MAX_OPTIONS>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableSpec {
    pub columns: List<Line, MAX_TABLE_COLUMNS>,
    /// Blank ruled rows to print.
    pub rows: Number<MAX_TABLE_ROWS>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Field {
    pub label: Line,
    #[serde(default)]
    pub kind: FieldKind,
    /// Ruled lines for a `lines` field (default 3).
    #[serde(default)]
    pub lines: Option<Number<MAX_FIELD_LINES>>,
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
    pub name: Line,
    pub kind: ScenarioKind,
    /// How long it is expected to last, e.g. `8h`.
    pub expected_duration: String,
    /// Systems or infrastructure that fail; everything depending on them is lost too.
    pub fails: Vec<String>,
    pub description: Prose,
    /// What is different about this scenario: command structure, when to declare an incident.
    #[serde(default)]
    pub instructions: List<Prose, MAX_OPTIONS>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ScenarioKind {
    Planned,
    Unplanned,
}

impl<'de> Deserialize<'de> for Part {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(PartVisitor)
    }
}

/// Reads a form part: a word (`header`, `patient`) or a map with exactly one known key.
/// Errors raised here carry the part's line and YAML path.
struct PartVisitor;

const PART_KEYS: &[&str] = &["fields", "ticks", "table", "instructions"];

impl<'de> Visitor<'de> for PartVisitor {
    type Value = Part;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("`header`, `patient`, or one of `fields:`, `ticks:`, `table:`, `instructions:`")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Part, E> {
        match v {
            "header" => Ok(Part::Fixed(FixedPart::Header)),
            "patient" => Ok(Part::Fixed(FixedPart::Patient)),
            _ => Err(E::unknown_variant(v, &["header", "patient"])),
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Part, A::Error> {
        let Some(key) = map.next_key::<String>()? else {
            return Err(de::Error::invalid_length(0, &self));
        };
        let part = match key.as_str() {
            "fields" => Part::Fields {
                fields: map.next_value()?,
            },
            "ticks" => Part::Ticks {
                ticks: map.next_value()?,
            },
            "table" => Part::Table {
                table: map.next_value()?,
            },
            "instructions" => Part::Instructions {
                instructions: map.next_value()?,
            },
            _ => return Err(de::Error::unknown_field(&key, PART_KEYS)),
        };
        if let Some(extra) = map.next_key::<String>()? {
            let problem = Problem::new(
                format!("a form part has one key, `{key}`, but `{extra}` is beside it"),
                format!(
                    "start a new list item (`- {extra}: ...`) or indent `{extra}` under `{key}`"
                ),
            )
            .with_code("yaml-schema");
            return Err(de::Error::custom(problem.to_serde_message()));
        }
        Ok(part)
    }
}
