//! Problems found in the input, reported like a compiler: where, what, and how to fix it.
//!
//! Every stage collects `Diagnostic`s instead of stopping at the first problem, so one run of
//! `downtime check` lists everything a governance reviewer has to fix.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, with as much location as the stage that found it knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable, greppable code such as `unknown-id` or `yaml-syntax`.
    pub code: &'static str,
    pub file: PathBuf,
    /// 1-based line and column, when the loader could tell.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// Path inside the YAML document, e.g. `phases.during[2].role`.
    pub yaml_path: Option<String>,
    pub message: String,
    pub hint: Option<String>,
    /// The offending source line, shown under the location.
    pub snippet: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, file: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            file: file.to_path_buf(),
            line: None,
            column: None,
            yaml_path: None,
            message: message.into(),
            hint: None,
            snippet: None,
        }
    }

    pub fn warning(code: &'static str, file: &Path, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, file, message)
        }
    }

    pub fn at_path(mut self, yaml_path: impl Into<String>) -> Self {
        self.yaml_path = Some(yaml_path.into());
        self
    }

    pub fn at_line(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Quote the offending line. Very long lines (a minified or hostile file) are cut to a
    /// window around the column, and the column is moved to match.
    pub fn with_snippet(mut self, source: &str) -> Self {
        const WINDOW: usize = 100;
        if let (Some(line), Some(col)) = (self.line, self.column) {
            if let Some(text) = source.lines().nth(line.saturating_sub(1)) {
                let chars: Vec<char> = text.trim_end().chars().collect();
                let start = col
                    .saturating_sub(1)
                    .saturating_sub(WINDOW / 2)
                    .min(chars.len());
                let end = (start + WINDOW).min(chars.len());
                let mut shown: String = chars[start..end].iter().collect();
                if start > 0 {
                    shown.insert_str(0, "...");
                    self.column = Some(col - start + 3);
                }
                if end < chars.len() {
                    shown.push_str("...");
                }
                self.snippet = Some(shown);
            }
        }
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Order for reporting: by file, then position, then path, so output is stable run to run.
    fn sort_key(&self) -> impl Ord + '_ {
        (
            &self.file,
            self.line.unwrap_or(0),
            self.column.unwrap_or(0),
            self.yaml_path.as_deref().unwrap_or(""),
            self.code,
            &self.message,
        )
    }
}

impl Diagnostic {
    /// One JSON object, for CI annotations: code, severity, file, line, column, yaml path,
    /// message, hint.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "code": self.code,
            "severity": match self.severity { Severity::Error => "error", Severity::Warning => "warning" },
            "file": self.file.to_string_lossy(),
            "line": self.line,
            "column": self.column,
            "yaml_path": self.yaml_path,
            "message": self.message,
            "hint": self.hint,
        })
    }
}

/// Sort diagnostics into reporting order and drop exact repeats.
pub fn sort(diags: &mut Vec<Diagnostic>) {
    diags.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diags.dedup();
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{label}[{}]: {}", self.code, self.message)?;
        write!(f, "  --> {}", self.file.display())?;
        if let (Some(line), Some(col)) = (self.line, self.column) {
            write!(f, ":{line}:{col}")?;
        }
        if let Some(path) = &self.yaml_path {
            write!(f, " at `{path}`")?;
        }
        writeln!(f)?;
        if let (Some(snippet), Some(line), Some(col)) = (&self.snippet, self.line, self.column) {
            let gutter = line.to_string();
            let pad = " ".repeat(gutter.len());
            writeln!(f, "  {pad} |")?;
            writeln!(f, "  {gutter} | {snippet}")?;
            writeln!(f, "  {pad} | {}^", " ".repeat(col.saturating_sub(1)))?;
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "   = hint: {hint}")?;
        }
        Ok(())
    }
}

/// A stage failed: the diagnostics say why. Warnings may ride along with the errors.
#[derive(Debug)]
pub struct Failed(pub Vec<Diagnostic>);

impl fmt::Display for Failed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let errors = self.0.iter().filter(|d| d.is_error()).count();
        write!(
            f,
            "{errors} error(s) in the procedures; nothing was written"
        )
    }
}

impl std::error::Error for Failed {}
