//! Turn serde_yaml's errors into diagnostics: the location printed once, the YAML path split
//! out, a code and a hint, and a real line and column where libyaml only gives a byte offset.

use crate::diagnostic::Diagnostic;
use std::path::Path;

/// For "unknown field `doo`, expected one of `role`, `do`, ..." (or an unknown variant): the
/// expected name nearest the one written, if one is near enough to be what was meant.
fn meant_name(message: &str) -> Option<&str> {
    if !message.starts_with("unknown field") && !message.starts_with("unknown variant") {
        return None;
    }
    let mut names = message.split('`').skip(1).step_by(2);
    let written = names.next()?;
    crate::diagnostic::did_you_mean(written, names)
}

/// Turn a serde_yaml error into a diagnostic, keeping its location and YAML path.
pub fn yaml_error(file: &Path, what: &str, err: &serde_yaml::Error, text: &str) -> Diagnostic {
    // serde_yaml appends " at line L column C" to its message; we print location ourselves.
    let message = strip_location(&err.to_string());
    // libyaml reports some problems (a control character in the text) only as a byte offset.
    let (message, offset) = split_position(&message);
    let (yaml_path, message) = split_yaml_path(&message);
    // Text, number and list checks (load::text) carry their own code and hint.
    let checked = super::text::Problem::from_serde_message(&message);
    let code = if let Some(problem) = &checked {
        problem.code
    } else if message.contains("unknown field")
        || message.contains("missing field")
        || message.contains("invalid type")
        || message.contains("unknown variant")
        || message.contains("duplicate field")
        || message.contains("invalid value")
        || message.contains("input contains invalid characters")
    {
        "yaml-schema"
    } else {
        "yaml-syntax"
    };
    let hint = match (&checked, code) {
        (Some(problem), _) => problem.hint.clone(),
        (None, "yaml-schema") => {
            // Not "README.md": in a trust's own repository that is the trust's README.
            format!(
                "this file should describe {what}; downtime's README (\"The YAML files\") lists its fields"
            )
        }
        (None, _) if message.contains("control characters") => "delete the control character \
             (shown as `\\u{..}` in the quoted line); editors often do not show it"
            .to_string(),
        (None, _) if text.contains('\t') => {
            "YAML does not allow tabs for indentation; use spaces".to_string()
        }
        (None, _) if message.contains("mapping values are not allowed") => "a `key: value` \
             stands where YAML does not expect one: line this line up with the lines around it \
             (list items `- ` under the same key start in the same column), or put a value \
             holding `: ` in quotes"
            .to_string(),
        (None, _) => "check indentation and quoting near this line".to_string(),
    };
    let mut location = match offset {
        Some(offset) => Some(line_column(text, offset)),
        None => err.location().map(|loc| (loc.line(), loc.column())),
    };
    let mut hint = hint;
    if let (Some(field), Some(mapping)) = (missing_field(&message), location) {
        if let Some(found) = outdented_key(text, mapping, field) {
            hint = format!(
                "`{field}:` is indented less than the keys above it, so it is not part of \
                 this entry; line it up with them (they start in column {})",
                mapping.1
            );
            location = Some(found);
        }
    }
    if let Some(meant) = meant_name(&message) {
        hint = format!("did you mean `{meant}`? {hint}");
    }
    let message = checked.map(|p| p.message).unwrap_or(message);
    let mut diag = Diagnostic::error(code, file, message).with_hint(hint);
    if let Some(path) = yaml_path {
        diag = diag.at_path(path);
    }
    if let Some((line, column)) = location {
        diag = diag.at_line(line, column).with_snippet(text);
    }
    diag
}

/// The field named by serde's "missing field `do`".
fn missing_field(message: &str) -> Option<&str> {
    message
        .strip_prefix("missing field `")?
        .split_once('`')
        .map(|(field, _)| field)
}

/// Where `field:` was written out-dented after the mapping that lacks it, if it was.
///
/// serde_yaml reports a missing field at the start of the mapping that lacks it (the
/// `- role:` line), because that is the node it was reading. But when the field is there,
/// indented less than the mapping's keys, libyaml ended the mapping at that line: the field's
/// own line is the mistake, one or more lines below. (The out-dented key is also a syntax
/// error, which serde never reaches because it stops at the first error.) So: the mapping's
/// lines go on while they are indented at least as far as its keys; if the first line
/// indented less is `field:`, that is where the mistake is.
fn outdented_key(text: &str, mapping: (usize, usize), field: &str) -> Option<(usize, usize)> {
    let (line, column) = mapping;
    let key_indent = column.checked_sub(1)?;
    for (number, content) in crate::diagnostic::yaml_lines(text)
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .skip(line)
    {
        let body = content.trim_start_matches(' ');
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        let indent = content.len() - body.len();
        if indent >= key_indent {
            continue;
        }
        let rest = body.strip_prefix(field)?.trim_start_matches(' ');
        let is_key = rest == ":" || rest.starts_with(": ");
        return is_key.then_some((number, indent + 1));
    }
    None
}

/// Split libyaml's " at position N" (a byte offset) off a message.
fn split_position(message: &str) -> (String, Option<usize>) {
    if let Some(at) = message.find(" at position ") {
        let rest = &message[at + " at position ".len()..];
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if let Ok(offset) = rest[..digits].parse() {
            let mut out = message[..at].to_string();
            out.push_str(&rest[digits..]);
            return (out, Some(offset));
        }
    }
    (message.to_string(), None)
}

/// The 1-based line and column (in characters) of byte `offset` in `text`, counting line
/// breaks as YAML does: `\n`, `\r\n` and a lone `\r`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let mut line = 1;
    let mut line_start = 0;
    let mut chars = before.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let crlf = c == '\r' && chars.peek().is_some_and(|&(_, next)| next == '\n');
        if (c == '\n' || c == '\r') && !crlf {
            line += 1;
            line_start = i + 1;
        }
    }
    (line, before[line_start..].chars().count() + 1)
}

/// serde_yaml writes " at line L column C" into its messages; we print the location ourselves.
fn strip_location(message: &str) -> String {
    let mut out = message.to_string();
    while let Some(at) = out.find(" at line ") {
        let rest = &out[at + " at line ".len()..];
        let digits = |s: &str| s.chars().take_while(char::is_ascii_digit).count();
        let line_len = digits(rest);
        let after_line = &rest[line_len..];
        let Some(col) = after_line.strip_prefix(" column ") else {
            break;
        };
        let end = at + " at line ".len() + line_len + " column ".len() + digits(col);
        out.replace_range(at..end, "");
    }
    out
}

/// serde_yaml prefixes messages with the path of the offending value (`wards[0].kit: ...`).
fn split_yaml_path(message: &str) -> (Option<String>, String) {
    if let Some((path, rest)) = message.split_once(": ") {
        let looks_like_path = !path.contains(' ') && !path.is_empty();
        if looks_like_path {
            return (Some(path.to_string()), rest.to_string());
        }
    }
    (None, message.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    // Byte offsets become line and column under every kind of line ending.
    #[test]
    fn offsets_become_lines_and_columns() {
        assert_eq!(line_column("id: raw\nname: x", 14), (2, 7));
        assert_eq!(line_column("id: raw\r\nname: x", 15), (2, 7));
        assert_eq!(line_column("id: raw\rname: x", 14), (2, 7));
        assert_eq!(line_column("é: x", 3), (1, 3));
        assert_eq!(line_column("ab", 99), (1, 3));
    }

    // A missing field written out-dented below its entry is found on its own line, in block
    // lists and plain mappings, under any line ending; a field really absent is not.
    #[test]
    fn outdented_keys_are_found() {
        let step = "during:\n  - role: clerk\n    # note\n\n   do: Log it.\n  - role: x\n";
        assert_eq!(outdented_key(step, (2, 5), "do"), Some((5, 4)));
        let crlf = step.replace('\n', "\r\n");
        assert_eq!(outdented_key(&crlf, (2, 5), "do"), Some((5, 4)));
        let map = "control:\n    owner: a\n  status: draft\n";
        assert_eq!(outdented_key(map, (2, 5), "status"), Some((3, 3)));
        let absent = "during:\n  - role: clerk\n  - do: x\n";
        assert_eq!(outdented_key(absent, (2, 5), "do"), None);
        assert_eq!(outdented_key("- role: a\n", (1, 3), "do"), None);
        assert_eq!(outdented_key("a: 1\n", (1, 1), "b"), None);
        assert_eq!(missing_field("missing field `do`"), Some("do"));
        assert_eq!(missing_field("unknown field `do`"), None);
        assert_eq!(
            meant_name("unknown field `doo`, expected one of `role`, `do`, `when`"),
            Some("do")
        );
        assert_eq!(
            meant_name("unknown variant `inpatent`, expected one of `inpatient`, `outpatient`"),
            Some("inpatient")
        );
        assert_eq!(
            meant_name("unknown field `zzz`, expected one of `role`, `do`"),
            None
        );
        assert_eq!(meant_name("missing field `do`"), None);
    }

    // " at position N" is cut from the message and returned as the offset.
    #[test]
    fn positions_are_split_off() {
        assert_eq!(
            split_position("control characters are not allowed at position 14"),
            ("control characters are not allowed".to_string(), Some(14))
        );
        assert_eq!(
            split_position("no position here"),
            ("no position here".to_string(), None)
        );
    }
}
