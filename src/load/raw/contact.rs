//! Contacts, the routes that reach them, and call cascades (in `trust.yaml` and site files).

use crate::load::text::{self, Line, Prose};
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::de::Deserializer;
use serde::Deserialize;

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
