//! Problems found in the input, reported like a compiler: where, what, and how to fix it.
//!
//! Every stage collects `Diagnostic`s instead of stopping at the first problem, so one run of
//! `downtime check` lists everything a governance reviewer has to fix.

use std::borrow::Cow;
use std::fmt::{self, Write as _};
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
    /// The caret's 1-based column in `snippet`: the file's column, unless a long line was cut.
    pub caret: Option<usize>,
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
            caret: None,
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
        self.quote_line(source);
        self
    }

    /// Set the line and column of a diagnostic found without them, and quote that line.
    pub fn place(&mut self, line: usize, column: usize, source: &str) {
        self.line = Some(line);
        self.column = Some(column);
        self.quote_line(source);
    }

    fn quote_line(&mut self, source: &str) {
        const WINDOW: usize = 100;
        if let (Some(line), Some(col)) = (self.line, self.column) {
            if let Some(text) = nth_line(source, line) {
                let chars: Vec<char> = text.trim_end().chars().collect();
                // Only a line too long for the window is cut, so short lines read whole.
                let start = col
                    .saturating_sub(1)
                    .saturating_sub(WINDOW / 2)
                    .min(chars.len().saturating_sub(WINDOW));
                let end = (start + WINDOW).min(chars.len());
                let mut shown: String = chars[start..end].iter().collect();
                // The location keeps the file's column; only the caret moves with the cut.
                self.caret = Some(col - start);
                if start > 0 {
                    shown.insert_str(0, "...");
                    self.caret = Some(col - start + 3);
                }
                if end < chars.len() {
                    shown.push_str("...");
                }
                self.snippet = Some(shown);
            }
        }
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

impl Diagnostic {
    /// One GitHub Actions workflow command (`::error file=F,line=L,col=C,title=CODE::message`),
    /// which GitHub shows as an annotation on that line of the pull request. The hint follows
    /// the message on a line of its own.
    pub fn to_github(&self) -> String {
        let command = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut properties = vec![format!(
            "file={}",
            github_property(&self.file.to_string_lossy())
        )];
        if let (Some(line), Some(column)) = (self.line, self.column) {
            properties.push(format!("line={line}"));
            properties.push(format!("col={column}"));
        }
        properties.push(format!("title={}", github_property(self.code)));
        let mut message = self.message.clone();
        if let Some(hint) = &self.hint {
            message.push_str("\nhint: ");
            message.push_str(hint);
        }
        format!(
            "::{command} {}::{}",
            properties.join(","),
            github_data(&message)
        )
    }
}

/// Escape a workflow command's message as the runner decodes it: `%`, CR and LF.
fn github_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a workflow command's property value: as a message, plus `:` and `,`, which would
/// otherwise end the value.
fn github_property(text: &str) -> String {
    github_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// Sort diagnostics into reporting order and drop exact repeats.
pub fn sort(diags: &mut Vec<Diagnostic>) {
    diags.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diags.dedup();
}

impl fmt::Display for Diagnostic {
    /// Printed like rustc. Everything that may hold user text (message, file name, YAML path,
    /// quoted line, hint) goes through [`escape_control`], so a file cannot drive the terminal.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let message = escape_control(&self.message);
        writeln!(f, "{label}[{}]: {message}", self.code)?;
        let file = self.file.display().to_string();
        write!(f, "  --> {}", escape_control(&file))?;
        if let (Some(line), Some(col)) = (self.line, self.column) {
            write!(f, ":{line}:{col}")?;
        }
        if let Some(path) = &self.yaml_path {
            write!(f, " at `{}`", escape_control(path))?;
        }
        writeln!(f)?;
        if let (Some(snippet), Some(line), Some(col)) = (&self.snippet, self.line, self.caret) {
            let gutter = line.to_string();
            let pad = " ".repeat(gutter.len());
            // The caret sits under the same character once the text before it is escaped.
            let before: String = snippet.chars().take(col.saturating_sub(1)).collect();
            let caret = escape_control(&before).chars().count();
            writeln!(f, "  {pad} |")?;
            writeln!(f, "  {gutter} | {}", escape_control(snippet))?;
            writeln!(f, "  {pad} | {}^", " ".repeat(caret))?;
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "   = hint: {}", escape_control(hint))?;
        }
        Ok(())
    }
}

/// Line `line` (1-based) of `source`, splitting where YAML does (see [`yaml_lines`]), so the
/// quoted line is the one the parser's line number means.
fn nth_line(source: &str, line: usize) -> Option<&str> {
    yaml_lines(source).nth(line.checked_sub(1)?)
}

/// The lines of `source`, split at `\n`, `\r\n` and a lone `\r` (old Mac files) as YAML
/// counts them. A final line break ends the last line rather than starting an empty one.
pub(crate) fn yaml_lines(source: &str) -> impl Iterator<Item = &str> {
    let mut rest = source;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let Some(end) = rest.find(['\n', '\r']) else {
            return Some(std::mem::take(&mut rest));
        };
        let line = &rest[..end];
        let skip = if rest[end..].starts_with("\r\n") {
            2
        } else {
            1
        };
        rest = &rest[end + skip..];
        Some(line)
    })
}

/// Characters that must not reach a terminal raw: C0 and C1 controls (ESC starts terminal
/// commands, CR rewrites the line) and the bidirectional overrides that reorder what is shown.
fn is_unsafe_to_print(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every control or bidi character shown as a visible escape (`\t`, `\u{1b}`), for
/// printing user text in human diagnostics. Borrowed when nothing needs escaping.
pub fn escape_control(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe_to_print) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if is_unsafe_to_print(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// The candidate `word` was most likely meant to be, for a "did you mean" hint: case is
/// ignored, and only a close match (Jaro-Winkler similarity of 0.85 or more) is offered,
/// because a wrong suggestion misleads more than none.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&word, &c.to_lowercase()), c))
        .filter(|&(score, _)| score >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
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

#[cfg(test)]
mod tests {
    use super::*;

    // A GitHub annotation lands on the diagnostic's line, and user text cannot end the
    // command early or start another one.
    #[test]
    fn github_annotation_escapes_user_text() {
        let d = Diagnostic::warning(
            "draft-in-pack",
            Path::new("procedures/fallbacks/a,b:c%.yaml"),
            "100% draft\r\n::error::injected",
        )
        .at_line(12, 3)
        .with_hint("approve it");
        assert_eq!(
            d.to_github(),
            "::warning file=procedures/fallbacks/a%2Cb%3Ac%25.yaml,line=12,col=3,title=draft-in-pack\
             ::100%25 draft%0D%0A::error::injected%0Ahint: approve it"
        );
        let no_place = Diagnostic::error("yaml-syntax", Path::new("trust.yaml"), "bad");
        assert_eq!(
            no_place.to_github(),
            "::error file=trust.yaml,title=yaml-syntax::bad"
        );
    }

    const FOLDERS: [&str; 7] = [
        "sites",
        "wards",
        "systems",
        "infrastructure",
        "fallbacks",
        "forms",
        "scenarios",
    ];

    // Close misspellings get a suggestion, in any case; unrelated names get none.
    #[test]
    fn did_you_mean_offers_only_close_matches() {
        for (typo, meant) in [
            ("scenario", "scenarios"),
            ("Wards", "wards"),
            ("ward", "wards"),
            ("fallback", "fallbacks"),
            ("infra", "infrastructure"),
            ("system", "systems"),
            ("site", "sites"),
            ("form", "forms"),
        ] {
            assert_eq!(did_you_mean(typo, FOLDERS), Some(meant), "{typo}");
        }
        // `schemas` scores 0.81 against `scenarios`: the threshold sits above it.
        for unrelated in [
            "archive",
            "old",
            "docs",
            "schemas",
            "templates",
            "output",
            "drafts",
            "images",
            "procedures",
        ] {
            assert_eq!(did_you_mean(unrelated, FOLDERS), None, "{unrelated}");
        }
        assert_eq!(did_you_mean("Trust", ["trust"]), Some("trust"));
        assert_eq!(did_you_mean("ward-c", ["trust"]), None);
    }

    // ESC, CR, tabs and bidi overrides are shown as escapes; ordinary text is untouched.
    #[test]
    fn escape_control_makes_control_characters_visible() {
        assert_eq!(escape_control("x: \u{1b}[31mred"), "x: \\u{1b}[31mred");
        assert_eq!(escape_control("a\tb\rc\nd"), "a\\tb\\rc\\nd");
        assert_eq!(escape_control("abc\u{202e}def"), "abc\\u{202e}def");
        assert_eq!(escape_control("\u{9b}2J"), "\\u{9b}2J");
        assert!(matches!(
            escape_control("Ward B – café £5 ✓"),
            Cow::Borrowed(_)
        ));
    }

    // A diagnostic never prints a raw ESC, and its caret stays under the escaped character.
    #[test]
    fn display_escapes_user_text() {
        let source = "id: \u{1b}]0;pwned\u{7}x\n";
        let diag = Diagnostic::error("yaml-syntax", Path::new("w\u{1b}.yaml"), "bad \u{1b}[2J")
            .with_hint("hint \u{1b}")
            .at_path("a\u{1b}")
            .at_line(1, 15)
            .with_snippet(source);
        let shown = diag.to_string();
        assert!(
            !shown.contains('\u{1b}') && !shown.contains('\u{7}'),
            "{shown}"
        );
        assert!(shown.contains("bad \\u{1b}[2J"), "{shown}");
        assert!(shown.contains("w\\u{1b}.yaml"), "{shown}");
        let lines: Vec<&str> = shown.lines().collect();
        let quoted = lines[3].find("x").expect("the quoted line holds x");
        assert_eq!(lines[4].find('^'), Some(quoted), "{shown}");
    }

    // A long line is cut around the caret, but the location still names the file's column;
    // a line that fits is quoted whole.
    #[test]
    fn cut_lines_keep_the_file_column() {
        let source = format!("key: {}target\n", "x".repeat(200));
        let diag = Diagnostic::error("unknown-id", Path::new("f.yaml"), "m")
            .at_line(1, 206)
            .with_snippet(&source);
        let shown = diag.to_string();
        assert!(shown.contains("f.yaml:1:206"), "{shown}");
        let lines: Vec<&str> = shown.lines().collect();
        let target = lines[3]
            .find("target")
            .expect("the quoted line holds the target");
        assert_eq!(lines[4].find('^'), Some(target), "{shown}");

        let short = format!("{}: target\n", "k".repeat(60));
        let diag = Diagnostic::error("unknown-id", Path::new("f.yaml"), "m")
            .at_line(1, 63)
            .with_snippet(&short);
        assert_eq!(diag.snippet.as_deref(), Some(short.trim_end()));
    }

    // Lines are split where YAML splits them: LF, CRLF and old-Mac lone CR.
    #[test]
    fn snippets_split_lines_like_yaml() {
        for source in [
            "a: 1\nb: 2\nc: 3\n",
            "a: 1\r\nb: 2\r\nc: 3\r\n",
            "a: 1\rb: 2\rc: 3\r",
        ] {
            assert_eq!(nth_line(source, 2), Some("b: 2"), "{source:?}");
            assert_eq!(nth_line(source, 3), Some("c: 3"), "{source:?}");
            assert_eq!(nth_line(source, 4), None, "{source:?}");
        }
        assert_eq!(nth_line("a\n\nc", 2), Some(""));
    }
}
