//! Printed copies: which copy of which pack was placed in which downtime box, and whether it is
//! still what the YAML builds.
//!
//! The register is one YAML file in the procedures folder (`issued.yaml`), one line per copy
//! issued, so every issue is a reviewable line in a pull request. Each line records the pack,
//! the content code printed on the copy (see [`crate::pack::code`]), when and by whom it was
//! placed, and the code of each of its sections, so that `reprint` can say *what* changed
//! ("Call cascade", "Imaging (PACS) is down") and not only *that* it did.

pub mod copies;
pub mod status;
pub mod walk_round;

use crate::diagnostic::Diagnostic;
use crate::load::positions::PositionMap;
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The register's file name, in the procedures folder (the loader leaves it to this module).
pub const FILE: &str = "issued.yaml";

/// One copy issued: a line of the register.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The pack, as its path in the output folder without extension (`riverside/ward-7`).
    pub pack: String,
    /// The content code printed on the copy.
    pub code: String,
    /// When the copy was placed in its box.
    pub date: NaiveDate,
    /// Who placed it.
    pub by: String,
    /// Each section's code on that copy, by section title.
    #[serde(default)]
    pub sections: BTreeMap<String, String>,
    /// The copy was taken out of its box (its ward closed, its pack is no longer produced):
    /// the box holds no copy of this pack any more.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub withdrawn: bool,
}

/// The register file, read.
#[derive(Debug, Default)]
pub struct Register {
    pub file: PathBuf,
    pub entries: Vec<Entry>,
    /// The file's text, so findings can quote their line.
    pub text: String,
}

/// Where the register of `procedures` lives: in it, beside trust.yaml.
pub fn default_path(procedures: &Path) -> PathBuf {
    procedures.join(FILE)
}

impl Register {
    /// Read the register at `file`; an absent file is an empty register (nothing issued yet).
    pub fn load(file: &Path) -> Result<Register, Box<Diagnostic>> {
        let text = match std::fs::read_to_string(file) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Register {
                    file: file.to_path_buf(),
                    ..Register::default()
                })
            }
            Err(e) => {
                return Err(Box::new(
                    Diagnostic::error("unreadable", file, format!("cannot read the register: {e}"))
                        .with_hint("check the file's permissions"),
                ))
            }
        };
        let entries: Option<Vec<Entry>> =
            crate::load::parse_text(file, "a list of issued copies", &text)?;
        let register = Register {
            file: file.to_path_buf(),
            entries: entries.unwrap_or_default(),
            text,
        };
        register.check_codes()?;
        Ok(register)
    }

    /// The newest entry of each pack still in a box, by pack, with its index in the file (a
    /// pack whose newest entry withdrew its copy is in no box).
    pub fn latest(&self) -> BTreeMap<&str, (usize, &Entry)> {
        let mut latest = self.newest();
        latest.retain(|_, (_, e)| !e.withdrawn);
        latest
    }

    /// The newest entry of each pack, withdrawals included.
    pub fn newest(&self) -> BTreeMap<&str, (usize, &Entry)> {
        let mut latest: BTreeMap<&str, (usize, &Entry)> = BTreeMap::new();
        for (i, entry) in self.entries.iter().enumerate() {
            let newer = latest
                .get(entry.pack.as_str())
                .is_none_or(|(_, e)| entry.date >= e.date);
            if newer {
                latest.insert(&entry.pack, (i, entry));
            }
        }
        latest
    }

    /// A diagnostic about entry `i`, at `field` of its line.
    pub fn at(&self, diag: Diagnostic, i: usize, field: &str) -> Diagnostic {
        let path = format!("[{i}].{field}");
        match PositionMap::build(&self.text).locate(&path) {
            Some(at) => {
                let mut diag = diag.at_path(path);
                diag.place(at.line, at.column, &self.text);
                diag
            }
            None => diag.at_path(path),
        }
    }

    /// A code that is not two groups of four hex digits was mistyped: it can match nothing.
    fn check_codes(&self) -> Result<(), Box<Diagnostic>> {
        let well_formed = |code: &str| {
            code.len() == 9
                && code.char_indices().all(|(i, c)| {
                    if i == 4 {
                        c == '-'
                    } else {
                        c.is_ascii_hexdigit() && !c.is_ascii_lowercase()
                    }
                })
        };
        match self.entries.iter().position(|e| !well_formed(&e.code)) {
            None => Ok(()),
            Some(i) => Err(Box::new(
                self.at(
                    Diagnostic::error(
                        "bad-code",
                        &self.file,
                        format!("`{}` is not a content code", self.entries[i].code),
                    ),
                    i,
                    "code",
                )
                .with_hint("a code is two groups of four digits 0-9 and A-F, as printed at the foot of every page: 7F3A-9C21"),
            )),
        }
    }

    /// Append a line for each of `entries`, keeping every line already there; written to a
    /// temporary file and renamed into place, so a failed write leaves the register as it was.
    pub fn append(&self, entries: &[Entry]) -> Result<(), crate::error::Error> {
        let mut text = if self.text.is_empty() {
            HEADER.to_string()
        } else {
            self.text.clone()
        };
        if !text.ends_with('\n') {
            text.push('\n');
        }
        for entry in entries {
            text.push_str(&line(entry));
            text.push('\n');
        }
        crate::write::write_atomic(&self.file, text.as_bytes())
    }
}

const HEADER: &str = "\
# yaml-language-server: $schema=../schemas/issued.schema.json
# Printed copies placed in downtime boxes: one line per copy, written by `downtime issue`.
# `downtime reprint` lists every box whose copy is no longer what the YAML builds.
";

/// One entry as one line of YAML (a flow mapping), so a pull request shows one line per copy.
/// Codes are quoted: unquoted, `493E-4903` is a number to YAML (493 x 10^-4903), so editors
/// and schema checkers would see 0.0.
fn line(entry: &Entry) -> String {
    let sections: Vec<String> = entry
        .sections
        .iter()
        .map(|(title, code)| format!("{}: {}", quote(title), quote(code)))
        .collect();
    if entry.withdrawn {
        return format!(
            "- {{ pack: {}, code: {}, date: {}, by: {}, withdrawn: true }}",
            quote(&entry.pack),
            quote(&entry.code),
            entry.date,
            quote(&entry.by)
        );
    }
    format!(
        "- {{ pack: {}, code: {}, date: {}, by: {}, sections: {{ {} }} }}",
        quote(&entry.pack),
        quote(&entry.code),
        entry.date,
        quote(&entry.by),
        sections.join(", ")
    )
}

/// A YAML double-quoted scalar: safe for any text, including `:` `#` `{` and quotes.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_reads_back_as_the_entry_it_records() {
        let entry = Entry {
            pack: "riverside/ward-7".into(),
            code: "7F3A-9C21".into(),
            date: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
            by: "Sam \"Sid\" Patel: ward manager, #7".into(),
            sections: BTreeMap::from([
                ("Call cascade".to_string(), "0000-1111".to_string()),
                ("Contact: Switchboard".to_string(), "493E-4903".to_string()),
                (
                    "Imaging (PACS) is down".to_string(),
                    "ABCD-EF01".to_string(),
                ),
            ]),
            withdrawn: false,
        };
        let text = format!("{HEADER}{}\n", line(&entry));
        let read: Vec<Entry> = serde_yaml::from_str(&text).unwrap();
        assert_eq!(read, vec![entry.clone()]);
        assert_eq!(text.lines().count(), 4);
        // To any YAML reader, not only to `Entry`, every code is text.
        let value: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
        let section = &value[0]["sections"]["Contact: Switchboard"];
        assert_eq!(section.as_str(), Some("493E-4903"), "{section:?}");
        let withdrawn = Entry {
            withdrawn: true,
            sections: BTreeMap::new(),
            ..entry
        };
        let read: Vec<Entry> = serde_yaml::from_str(&line(&withdrawn)).unwrap();
        assert_eq!(read, vec![withdrawn]);
    }
}
