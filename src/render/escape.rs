//! Markdown escaping for user text: the escape function the template engine applies to
//! every value it prints.
//!
//! A ward called `Ward *7*`, a procedure titled `# 1 priority` or a contact note with a `|`
//! must print literally and must not break emphasis, headings or tables.

/// `text` on one line: runs of white space become one space, and the ends are trimmed; a
/// no-break space inside the text is kept, since it joins an NHS number or a date so it
/// never wraps.
pub fn fold_whitespace(text: &str) -> String {
    (text.split(|c: char| c.is_whitespace() && c != '\u{a0}'))
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(char::is_whitespace)
        .to_string()
}

/// Escape `text` so CommonMark/GFM shows it literally wherever a template puts it inline:
/// in a paragraph, a list item, a heading or a table cell. Line breaks become spaces because
/// a newline inside a table cell or list item would end it.
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    // A no-break space is kept: it joins an NHS number or a date so it never wraps.
    let text = fold_whitespace(text);
    let mut chars = text.chars().peekable();
    let mut at_start = true;
    while let Some(ch) = chars.next() {
        match ch {
            // `#` anywhere: a trailing ` ##` would otherwise close an ATX heading and vanish.
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '#' => {
                out.push('\\');
                out.push(ch);
            }
            // Entities (`&amp;`) would be decoded; a bare `&` as in "A&E" is left readable.
            '&' if looks_like_entity(chars.clone()) => out.push_str("\\&"),
            // At the start of a line these open a heading, list, quote or setext underline.
            '-' | '+' | '=' if at_start => {
                out.push('\\');
                out.push(ch);
            }
            '0'..='9' if at_start => {
                // "1. Do this" or "1) Do this" at the start would become an ordered list.
                out.push(ch);
                while let Some(&d) = chars.peek() {
                    if d.is_ascii_digit() {
                        out.push(d);
                        chars.next();
                    } else {
                        break;
                    }
                }
                // Only a marker followed by a space (or nothing) starts a list: "2026.4" is fine.
                let mut ahead = chars.clone();
                if let Some(p @ ('.' | ')')) = ahead.next() {
                    if ahead.next().is_none_or(|c| c == ' ') {
                        out.push('\\');
                        out.push(p);
                        chars.next();
                    }
                }
            }
            _ => out.push(ch),
        }
        at_start = false;
    }
    out
}

fn looks_like_entity(rest: impl Iterator<Item = char>) -> bool {
    for (len, ch) in rest.enumerate() {
        if ch == ';' {
            return len > 0;
        }
        if !(ch.is_ascii_alphanumeric() || ch == '#') || len > 32 {
            return false;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::markdown;

    // Protects tables and emphasis from names with Markdown punctuation.
    #[test]
    fn escapes_inline_markup() {
        assert_eq!(markdown("Ward *7* | A_B"), r"Ward \*7\* \| A\_B");
        assert_eq!(markdown("[link](x) <b>"), r"\[link\](x) \<b\>");
        assert_eq!(markdown("A&E"), "A&E");
        assert_eq!(markdown("&amp; x"), r"\&amp; x");
    }

    // Protects line-start constructs: headings, lists, numbered lists.
    #[test]
    fn escapes_line_starts() {
        assert_eq!(markdown("# 1 priority"), r"\# 1 priority");
        assert_eq!(markdown("- item"), r"\- item");
        assert_eq!(markdown("12. Step"), r"12\. Step");
        assert_eq!(markdown("2026-11-01"), "2026-11-01");
        assert_eq!(markdown("2026.4"), "2026.4");
        assert_eq!(markdown("3."), r"3\.");
        assert_eq!(markdown("a - b"), "a - b");
    }

    // Protects a name ending in ` ##` from being read as a heading's closing sequence.
    #[test]
    fn keeps_trailing_hashes() {
        assert_eq!(markdown("Ward 7 ##"), r"Ward 7 \#\#");
        assert_eq!(markdown("Bay #3"), r"Bay \#3");
    }

    // Protects table rows from multi-line YAML text.
    #[test]
    fn folds_newlines() {
        assert_eq!(markdown("one\ntwo\n\n three"), "one two three");
    }
}
