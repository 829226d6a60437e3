//! The text of every file read, kept to quote lines in diagnostics and to find where a YAML
//! path is, so a resolve or lint error is printed with `file:LINE:COL` like a parse error.

use super::positions::PositionMap;
use crate::diagnostic::Diagnostic;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// File texts by path, as loaded (without a byte-order mark).
#[derive(Debug, Default)]
pub struct Sources {
    texts: BTreeMap<PathBuf, String>,
}

impl Sources {
    pub fn insert(&mut self, file: &Path, text: String) {
        self.texts.insert(file.to_path_buf(), text);
    }

    /// Every file read, with its text.
    pub fn iter(&self) -> impl Iterator<Item = (&Path, &str)> {
        self.texts.iter().map(|(f, t)| (f.as_path(), t.as_str()))
    }

    pub fn text(&self, file: &Path) -> Option<&str> {
        self.texts.get(file).map(String::as_str)
    }

    /// Give every diagnostic that names a file and a YAML path but no line the line and
    /// column of that path, with the line quoted. Each file's position map is built once,
    /// and only for files that have such a diagnostic: most runs have none, and mapping every
    /// file of a large trust would cost a second parse of all of it for nothing.
    pub fn place(&self, diags: &mut [Diagnostic]) {
        let mut maps: HashMap<&Path, PositionMap> = HashMap::new();
        for diag in diags.iter_mut().filter(|d| d.line.is_none()) {
            let (Some(path), Some((file, text))) =
                (&diag.yaml_path, self.texts.get_key_value(&diag.file))
            else {
                continue;
            };
            let map = maps
                .entry(file.as_path())
                .or_insert_with(|| PositionMap::build(text));
            if let Some(at) = map.locate(path) {
                diag.place(at.line, at.column, text);
            }
        }
    }
}
