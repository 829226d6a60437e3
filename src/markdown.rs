//! The one place the Markdown dialect is decided, so the Markdown we write, typeset and show
//! as HTML is always parsed the same way (mdBook's `new_cmark_parser`).

use pulldown_cmark::{Options, Parser};

/// CommonMark plus GFM tables and task lists: what the templates emit.
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH
}

pub fn parser(text: &str) -> Parser<'_> {
    Parser::new_ext(text, options())
}

/// The marker templates put where a new printed page must start.
pub const PAGE_BREAK: &str = "<!-- pagebreak -->";
/// The marker templates put where the printed table of contents goes.
pub const TOC: &str = "<!-- toc -->";

/// A document as runs of whole top-level blocks, each at least `at_least` bytes (but the
/// last), to parse one run at a time: the parser builds a tree of a whole input first, and a
/// 3,000-ward coverage report's tree (20 MB) was the viewer's peak of memory.
///
/// A run ends only before a line that must begin a new top-level block: one after a blank
/// line that starts at the margin with no list item or block quote marker, so no list,
/// quote, table or paragraph can continue across the cut. A document with what could carry
/// over a blank line (a code fence, an HTML block, a link reference definition) is one run.
pub fn runs(text: &str, at_least: usize) -> Vec<&str> {
    let lines = || text.split_inclusive('\n');
    let carries_over = |line: &str| {
        let t = line.trim_start();
        t.starts_with("```")
            || t.starts_with("~~~")
            || (t.starts_with('<') && !is_comment_line(t))
            || (t.starts_with('[') && t.contains("]:"))
    };
    if text.len() < 2 * at_least || lines().any(carries_over) {
        return vec![text];
    }
    let mut runs = Vec::new();
    let (mut start, mut at, mut blank_before) = (0, 0, false);
    for line in lines() {
        if blank_before && at - start >= at_least && starts_a_block(line) {
            runs.push(&text[start..at]);
            start = at;
        }
        blank_before = line.trim().is_empty();
        at += line.len();
    }
    runs.push(&text[start..]);
    runs
}

/// A single-line HTML comment (the templates' markers): an HTML block that ends on its line.
fn is_comment_line(line: &str) -> bool {
    line.starts_with("<!--") && line.trim_end().ends_with("-->")
}

/// After a blank line, `line` starts a new top-level block: it is at the margin and is not a
/// list item or block quote, which could continue one from before the blank line.
fn starts_a_block(line: &str) -> bool {
    let Some(first) = line.chars().next() else {
        return false;
    };
    let list_item = || {
        let rest = line.trim_start_matches(|c: char| c.is_ascii_digit());
        let marker = if rest.len() < line.len() {
            rest.strip_prefix(['.', ')'])
        } else {
            line.strip_prefix(['-', '+', '*'])
        };
        marker.is_some_and(|r| r.is_empty() || r.starts_with([' ', '\t', '\n', '\r']))
    };
    !first.is_whitespace() && first != '>' && !list_item()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(text: &str) -> String {
        let mut out = String::new();
        pulldown_cmark::html::push_html(&mut out, parser(text));
        out
    }

    #[test]
    fn runs_parse_as_the_whole_document_does() {
        let text = "# Title\n\nA paragraph\nover two lines.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- one\n\n- two\n\n  more of two\n\n1. first\n\n2) second\n\n> quoted\n\n> again\n\n*Key:* words\n\n---\n\n<!-- pagebreak -->\n\n## Next\n\nLast.\n";
        let runs = runs(text, 1);
        assert_eq!(runs.concat(), text);
        let starts: Vec<&str> = runs.iter().map(|r| r.lines().next().unwrap()).collect();
        assert_eq!(
            starts,
            [
                "# Title",
                "A paragraph",
                "| a | b |",
                "*Key:* words",
                "---",
                "<!-- pagebreak -->",
                "## Next",
                "Last."
            ]
        );
        let piecewise: String = runs.iter().map(|r| html(r)).collect();
        assert_eq!(piecewise, html(text));
    }

    #[test]
    fn what_could_span_a_blank_line_keeps_the_document_whole() {
        for text in [
            "Para.\n\n```\ncode\n\n# not a heading\n```\n\nAfter.\n",
            "Para.\n\n<div>\n\nstill html?\n</div>\n\nAfter.\n",
            "See [the pack][p].\n\n[p]: ward-a.md\n\nAfter.\n",
        ] {
            assert_eq!(runs(text, 1), [text]);
        }
        assert_eq!(
            runs("Short.\n\nAlso short.\n", 1000),
            ["Short.\n\nAlso short.\n"]
        );
    }
}
