//! The register judged against what the YAML builds now: which boxes hold a copy that must be
//! reprinted, and what changed in it.

use super::copies::Copy;
use super::{Entry, Register};
use serde::Serialize;
use std::collections::BTreeMap;

/// A box whose copy is no longer what the YAML builds.
#[derive(Debug, Serialize)]
pub struct Reprint {
    pub pack: String,
    pub title: String,
    /// Index of the register line that records the copy in the box.
    #[serde(skip)]
    pub entry: usize,
    pub issued_code: String,
    pub issued_on: chrono::NaiveDate,
    pub issued_by: String,
    /// The code a reprint will carry; empty when the pack is no longer produced at all.
    pub current_code: String,
    /// Sections whose text changed, in print order.
    pub changed: Vec<String>,
    /// Sections the copy in the box does not have.
    pub added: Vec<String>,
    /// Sections the copy in the box has that are no longer printed.
    pub removed: Vec<String>,
}

impl Reprint {
    /// What changed, in words: "Changed: Call cascade; Imaging (PACS) is down. New: ...".
    pub fn summary(&self) -> String {
        if self.current_code.is_empty() {
            return format!(
                "this pack is no longer produced: take the copy out of the box, then record it with `downtime issue {} --withdrawn --by NAME`",
                self.pack
            );
        }
        let mut parts = Vec::new();
        for (label, list) in [
            ("changed", &self.changed),
            ("new", &self.added),
            ("no longer printed", &self.removed),
        ] {
            if !list.is_empty() {
                parts.push(format!("{label}: {}", list.join("; ")));
            }
        }
        if parts.is_empty() {
            // An entry written by hand, without section codes.
            parts.push("content changed".to_string());
        }
        parts.join(". ")
    }
}

/// Every box whose newest issued copy differs from what its pack prints now, in pack order.
pub fn reprints(register: &Register, copies: &[Copy]) -> Vec<Reprint> {
    let by_name: BTreeMap<&str, &Copy> = copies.iter().map(|c| (c.pack.as_str(), c)).collect();
    let mut out: Vec<Reprint> = register
        .latest()
        .into_values()
        .filter_map(|(i, entry)| {
            let copy = by_name.get(entry.pack.as_str()).copied();
            if copy.is_some_and(|c| c.code == entry.code) {
                return None;
            }
            Some(compare(i, entry, copy))
        })
        .collect();
    out.sort_by(|a, b| a.pack.cmp(&b.pack));
    out
}

fn compare(i: usize, entry: &Entry, copy: Option<&Copy>) -> Reprint {
    let mut reprint = Reprint {
        pack: entry.pack.clone(),
        title: copy.map(|c| c.title.clone()).unwrap_or_default(),
        entry: i,
        issued_code: entry.code.clone(),
        issued_on: entry.date,
        issued_by: entry.by.clone(),
        current_code: copy.map(|c| c.code.clone()).unwrap_or_default(),
        changed: Vec::new(),
        added: Vec::new(),
        removed: Vec::new(),
    };
    let Some(copy) = copy else {
        return reprint;
    };
    if entry.sections.is_empty() {
        return reprint;
    }
    for (title, code) in &copy.sections {
        match entry.sections.get(title) {
            Some(old) if old == code => {}
            Some(_) => reprint.changed.push(title.clone()),
            None => reprint.added.push(title.clone()),
        }
    }
    reprint.removed = entry
        .sections
        .keys()
        .filter(|t| !copy.sections.iter().any(|(title, _)| title == *t))
        .cloned()
        .collect();
    reprint
}

/// The boxes (ward and hospital packs) the register has no copy of.
pub fn never_issued<'a>(register: &Register, copies: &'a [Copy]) -> Vec<&'a Copy> {
    let latest = register.latest();
    copies
        .iter()
        .filter(|c| c.is_box() && !latest.contains_key(c.pack.as_str()))
        .collect()
}

/// A register line for a copy of `copy` issued on `date` by `by`.
pub fn entry(copy: &Copy, date: chrono::NaiveDate, by: &str) -> Entry {
    Entry {
        pack: copy.pack.clone(),
        code: copy.code.clone(),
        date,
        by: by.to_string(),
        sections: copy.sections.iter().cloned().collect(),
        withdrawn: false,
    }
}
