//! Refuse explicit YAML tags (`!!binary`, `!!str`, `!custom`).
//!
//! serde_yaml reads a tagged scalar into a string as if the tag were not there, so
//! `name: !!binary V2FyZA==` printed base64 on every page. No field of a procedures file
//! needs a tag, so any tag is an error. serde_yaml does not expose tags to a `Deserialize`
//! impl, so this module reads the file's events with yaml-rust2's parser (the one the position
//! map uses) and looks for a tagged node.

use yaml_rust2::parser::Parser;
use yaml_rust2::Event;

/// Where an explicit tag was found: 1-based line and column, and the tag as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundTag {
    pub line: usize,
    pub column: usize,
    pub tag: String,
}

/// The first explicit tag in `text`, if any. Scanning stops at the first scanner error: the
/// serde_yaml parse reports syntax errors, with a better message.
pub fn first_tag(text: &str) -> Option<FoundTag> {
    let (line, column) = scan_for_tag(text)?;
    let tag: String = text
        .lines()
        .nth(line)
        .map(|l| {
            l.chars()
                .skip(column)
                .take_while(|c| !c.is_whitespace())
                .take(40)
                .collect()
        })
        .unwrap_or_default();
    Some(FoundTag {
        line: line + 1,
        column: column + 1,
        tag,
    })
}

/// Parse `text` as YAML events; the 0-based line and column of the first explicit tag.
fn scan_for_tag(text: &str) -> Option<(usize, usize)> {
    let mut parser = Parser::new_from_str(text);
    loop {
        let (event, mark) = parser.next_token().ok()?;
        let tag = match event {
            Event::Scalar(_, _, _, tag)
            | Event::SequenceStart(_, tag)
            | Event::MappingStart(_, tag) => tag,
            Event::StreamEnd => return None,
            _ => None,
        };
        if tag.is_some() {
            return Some(tag_start(text, mark.index()));
        }
    }
}

/// The parser marks a tagged node at its value; the tag is the last token starting with `!`
/// before it. Its 0-based line and column, counted in characters.
fn tag_start(text: &str, value_at: usize) -> (usize, usize) {
    let chars: Vec<char> = text.chars().take(value_at).collect();
    let starts_token =
        |i: usize| i == 0 || matches!(chars[i - 1], ' ' | '\t' | '\n' | '\r' | '[' | '{' | ',');
    let at = (0..chars.len())
        .rev()
        .find(|&i| chars[i] == '!' && starts_token(i))
        .unwrap_or(chars.len());
    let line = chars[..at].iter().filter(|&&c| c == '\n').count();
    let column = chars[..at].iter().rev().take_while(|&&c| c != '\n').count();
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::first_tag;

    // Protects the scan: standard, local and verbatim tags are found where they are written.
    #[test]
    fn finds_tags() {
        let found = first_tag("id: a\nname: !!binary V2FyZA==\n").expect("tag");
        assert_eq!(
            (found.line, found.column, found.tag.as_str()),
            (2, 7, "!!binary")
        );
        assert!(first_tag("- !local x").is_some());
        assert!(first_tag("a: !<tag:yaml.org,2002:str> x").is_some());
        assert!(first_tag("k: [!!str 1]").is_some());
    }

    // Protects ordinary text: exclamation marks inside text are not tags.
    #[test]
    fn ignores_exclamation_marks_in_text() {
        assert_eq!(
            first_tag("do: Call now! Then wait\nsay: \"!!not a tag\"\n"),
            None
        );
        assert_eq!(first_tag("do: |\n  ! starts a line\n"), None);
        assert_eq!(first_tag("bad: [unclosed"), None);
    }
}
