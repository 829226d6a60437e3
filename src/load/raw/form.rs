//! `forms/<id>.yaml`: a paper form and its printed layout.

use super::*;
use crate::load::text::{Line, List, Number, Problem, Prose};
use schemars::JsonSchema;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;

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
