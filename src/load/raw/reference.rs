//! `references/<id>.yaml`: a clinical reference page kept in the downtime box for when the
//! system that normally shows it is down (insulin algorithm, sepsis screening tool...).

use super::{DocControl, MAX_STEP_REFERENCES};
use crate::load::text::{Line, List, Page};
use schemars::JsonSchema;
use serde::Deserialize;

/// `references/<id>.yaml`: a reference page, printed in the packs of the wards that need it.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    pub id: String,
    pub title: Line,
    /// Systems that normally show this page: wards using any of them print it.
    #[serde(default)]
    pub systems: List<String, MAX_STEP_REFERENCES>,
    /// Wards that keep it whatever systems they use.
    #[serde(default)]
    pub wards: List<String, MAX_STEP_REFERENCES>,
    pub control: DocControl,
    /// The page, in Markdown: headings, lists and tables print as such.
    pub body: Page,
}
