//! A ward's census printed as its own patient tracking list: the form's title, fields,
//! instructions and columns, its rows filled from the export, blank rows after them.
//!
//! The form is the first in the ward's kit whose table has a bed column and a patient name
//! column. Columns the export fills are recognised by their headings; the others (plan,
//! time checked) stay blank for the ward to write in.

use super::census::Inpatient;
use crate::load::raw::{self, Part};
use crate::model::{Model, WardIx};
use serde::Serialize;

/// What a column of the list holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fill {
    Bed,
    Patient,
    Alerts,
    Consultant,
    Blank,
}

/// The form as printed around the rows.
#[derive(Debug, Serialize)]
pub struct Tracking {
    pub title: String,
    pub purpose: String,
    /// Write-in fields (date, nurse in charge), printed as labelled lines.
    pub fields: Vec<String>,
    pub instructions: Vec<String>,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Blank rows printed after the patients: the beds still free, but never fewer than this.
const MIN_BLANK_ROWS: usize = 6;

/// The tracking list of ward `w`, filled with `patients`.
pub fn tracking_list(model: &Model, w: WardIx, patients: &[Inpatient]) -> Tracking {
    let ward = &model.wards[w];
    let form = (ward.kit.items.iter())
        .filter_map(|i| i.form.map(|f| &model.forms[f]))
        .find(|f| {
            let fills = fills(&table_columns(&f.layout).unwrap_or_default());
            fills.contains(&Fill::Bed) && fills.contains(&Fill::Patient)
        });
    let mut list = Tracking {
        title: "Patient tracking list".to_string(),
        purpose: "One line per patient on the ward.".to_string(),
        fields: vec!["Nurse in charge".to_string()],
        instructions: Vec::new(),
        columns: DEFAULT_COLUMNS.iter().map(ToString::to_string).collect(),
        rows: Vec::new(),
    };
    if let Some(form) = form {
        list.title = form.title.clone();
        list.purpose = form.purpose.clone();
        list.fields = form_fields(&form.layout);
        list.instructions = (form.layout.iter())
            .filter_map(|p| match p {
                Part::Instructions { instructions } => Some(instructions.to_string()),
                _ => None,
            })
            .collect();
        list.columns = table_columns(&form.layout).unwrap_or(list.columns);
    }
    // What the export knows is printed even when the form has no column for it.
    for (fill, heading) in [
        (Fill::Alerts, "Alerts and allergies"),
        (Fill::Consultant, "Consultant, admitted"),
    ] {
        if !fills(&list.columns).contains(&fill) {
            list.columns.push(heading.to_string());
        }
    }
    let columns = fills(&list.columns);
    list.rows = patients.iter().map(|p| row(&columns, p)).collect();
    let blank = (ward.beds.unwrap_or(0) as usize)
        .saturating_sub(patients.len())
        .max(MIN_BLANK_ROWS);
    list.rows.extend(std::iter::repeat_n(
        vec![String::new(); columns.len()],
        blank,
    ));
    list
}

/// Columns when the ward's kit holds no tracking-list form.
const DEFAULT_COLUMNS: [&str; 6] = [
    "Bed",
    "Patient name, NHS number, date of birth",
    "Alerts and allergies",
    "Consultant, admitted",
    "Plan / expected discharge",
    "Time checked",
];

/// The headings of a form's last table (the one a list fills).
fn table_columns(layout: &[Part]) -> Option<Vec<String>> {
    layout.iter().rev().find_map(|p| match p {
        Part::Table { table } => Some(table.columns.iter().map(ToString::to_string).collect()),
        _ => None,
    })
}

fn form_fields(layout: &[Part]) -> Vec<String> {
    (layout.iter())
        .flat_map(|p| match p {
            Part::Fields { fields } => fields
                .iter()
                .map(|f: &raw::Field| f.label.to_string())
                .collect(),
            _ => Vec::new(),
        })
        .collect()
}

/// What each heading is filled with: the first column naming the bed, the patient, alerts or
/// allergies, and the consultant; any other column is left blank.
fn fills(columns: &[String]) -> Vec<Fill> {
    let mut seen = Vec::new();
    (columns.iter())
        .map(|c| {
            let c = c.to_lowercase();
            let fill = if c.contains("bed") {
                Fill::Bed
            } else if c.contains("name") || c.contains("nhs") {
                Fill::Patient
            } else if c.contains("allerg") || c.contains("alert") {
                Fill::Alerts
            } else if c.contains("consultant") {
                Fill::Consultant
            } else {
                Fill::Blank
            };
            if seen.contains(&fill) {
                return Fill::Blank;
            }
            seen.push(fill);
            fill
        })
        .collect()
}

fn row(columns: &[Fill], p: &Inpatient) -> Vec<String> {
    (columns.iter())
        .map(|fill| match fill {
            // "Bed 12" is one label: split, the number reads as the next row's.
            Fill::Bed => p.bed.replace(' ', "\u{a0}"),
            // "NHS 999 000 1234" and "born 6 Dec 1958" each stay on one line.
            Fill::Patient if p.nhs_number.is_empty() => p.name.clone(),
            Fill::Patient if p.born.is_empty() => format!("{} · NHS\u{a0}{}", p.name, p.nhs_number),
            Fill::Patient => format!(
                "{} · NHS\u{a0}{} · born\u{a0}{}",
                p.name,
                p.nhs_number,
                p.born.replace(' ', "\u{a0}")
            ),
            Fill::Alerts => p.alerts.clone(),
            Fill::Consultant => [p.consultant.clone(), admitted(&p.admitted)]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" · "),
            Fill::Blank => String::new(),
        })
        .collect()
}

fn admitted(when: &str) -> String {
    if when.is_empty() {
        String::new()
    } else {
        format!("admitted {when}")
    }
}
