//! Line breaking: styled spans -> lines of positioned runs, measured with the real font.
//!
//! Greedy, word by word, which is what a checklist needs (no justification, no hyphenation).
//! A word wider than the line (a URL, a long drug name) is cut between characters, so no
//! text is ever placed past the margin.

use super::blocks::{Span, LINE_BREAK};
use super::fonts::{self, Face};

/// A piece of text in one face, at an x offset from the start of its line.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub x: f32,
    pub face: Face,
    pub text: String,
    pub width: f32,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Line {
    pub runs: Vec<Run>,
    pub width: f32,
}

/// The face a span is drawn in.
pub fn face_of(span: &Span) -> Face {
    if span.code {
        Face::Mono
    } else {
        Face::styled(span.bold, span.italic)
    }
}

/// A word: consecutive non-space pieces, possibly in several faces (`**bold**text`).
struct Word {
    pieces: Vec<(Face, String)>,
    width: f32,
    /// A space came before this word.
    space_before: bool,
    /// A forced line break came before this word.
    break_before: bool,
}

/// Break `spans` into lines no wider than `width` at `size` points. Characters the font lacks
/// are replaced by a visible code and added to `missing`.
/// U+00A0, the no-break space.
pub(super) const NBSP: char = '\u{a0}';

/// Whether a line may break at `c`: any white space but the no-break space.
pub(super) fn breaks_at(c: char) -> bool {
    c.is_whitespace() && c != NBSP
}

pub fn break_lines(spans: &[Span], width: f32, size: f32, missing: &mut Vec<char>) -> Vec<Line> {
    let words = split_words(spans, size, missing);
    let mut lines: Vec<Line> = Vec::new();
    let mut line = Line::default();
    for word in words {
        if word.break_before && !(line.runs.is_empty() && lines.is_empty() && line.width == 0.0) {
            lines.push(std::mem::take(&mut line));
        }
        let gap = if line.runs.is_empty() || !word.space_before {
            0.0
        } else {
            gap_width(&line, &word, size)
        };
        if line.width + gap + word.width <= width + 0.01 {
            place(&mut line, &word, gap, size);
        } else if word.width <= width {
            if !line.runs.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            place(&mut line, &word, 0.0, size);
        } else {
            // Too wide for any line: fill the current line, then cut it into line-sized chunks.
            let mut remaining = width - line.width - gap;
            if remaining < width * 0.3 && !line.runs.is_empty() {
                lines.push(std::mem::take(&mut line));
                remaining = width;
            } else if !line.runs.is_empty() {
                line.width += gap;
            }
            for (face, text) in &word.pieces {
                let metrics = face.metrics();
                let mut chunk = String::new();
                let mut chunk_width = 0.0;
                for ch in text.chars() {
                    let w = metrics.char_width(ch, size);
                    if chunk_width + w > remaining && !(chunk.is_empty() && line.runs.is_empty()) {
                        push_run(&mut line, *face, std::mem::take(&mut chunk), chunk_width);
                        lines.push(std::mem::take(&mut line));
                        chunk_width = 0.0;
                        remaining = width;
                    }
                    chunk.push(ch);
                    chunk_width += w;
                }
                if !chunk.is_empty() {
                    push_run(&mut line, *face, chunk, chunk_width);
                    remaining -= chunk_width;
                }
            }
        }
    }
    if !line.runs.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The width of the space before `word` on `line`. Where the face continues the space is
/// drawn as a glyph of that face, so it must be measured in it: a bold space is wider than a
/// regular one, and measuring it as regular drew the next run over the end of a long bold one.
fn gap_width(line: &Line, word: &Word, size: f32) -> f32 {
    let face = match (line.runs.last(), word.pieces.first()) {
        (Some(last), Some((face, _))) if last.face == *face => *face,
        _ => Face::Regular,
    };
    face.metrics().char_width(' ', size)
}

fn place(line: &mut Line, word: &Word, gap: f32, size: f32) {
    if gap > 0.0 {
        // Keep a space inside the previous run when the face continues, so a line in one face
        // is one run (fewer PDF operators, and text extraction sees real spaces).
        match (line.runs.last_mut(), word.pieces.first()) {
            (Some(last), Some((face, _))) if last.face == *face => {
                last.text.push(' ');
                last.width += gap;
            }
            _ => {}
        }
        line.width += gap;
    }
    for (face, text) in &word.pieces {
        let w = face.metrics().width(text, size);
        push_run(line, *face, text.clone(), w);
    }
}

/// Append text to the line, merging with the previous run when the face is the same.
fn push_run(line: &mut Line, face: Face, text: String, width: f32) {
    if let Some(last) = line.runs.last_mut() {
        let gap = line.width - (last.x + last.width);
        if last.face == face && gap.abs() < 0.01 {
            last.text.push_str(&text);
            last.width += width;
            line.width += width;
            return;
        }
    }
    line.runs.push(Run {
        x: line.width,
        face,
        text,
        width,
    });
    line.width += width;
}

fn split_words(spans: &[Span], size: f32, missing: &mut Vec<char>) -> Vec<Word> {
    let mut words: Vec<Word> = Vec::new();
    let mut current: Option<Word> = None;
    let mut pending_space = false;
    let mut pending_break = false;
    for span in spans {
        if span.text == LINE_BREAK {
            if let Some(w) = current.take() {
                words.push(w);
            }
            pending_break = true;
            pending_space = false;
            continue;
        }
        let face = face_of(span);
        let text = fonts::substitute_missing(&span.text, face, missing);
        // A no-break space joins what it separates into one word (an NHS number, a date);
        // it prints as an ordinary space.
        for (i, part) in text.split(breaks_at).enumerate() {
            let joined = part.replace(NBSP, " ");
            let part = joined.as_str();
            if i > 0 {
                if let Some(w) = current.take() {
                    words.push(w);
                }
                pending_space = true;
            }
            for (j, piece) in hyphen_pieces(part).into_iter().enumerate() {
                if j > 0 {
                    // A break opportunity after a hyphen or slash: a new word, no space before.
                    if let Some(w) = current.take() {
                        words.push(w);
                    }
                }
                let width = face.metrics().width(piece, size);
                let word = current.get_or_insert_with(|| Word {
                    pieces: Vec::new(),
                    width: 0.0,
                    space_before: std::mem::take(&mut pending_space),
                    break_before: std::mem::take(&mut pending_break),
                });
                match word.pieces.last_mut() {
                    Some((f, t)) if *f == face => t.push_str(piece),
                    _ => word.pieces.push((face, piece.to_string())),
                }
                word.width += width;
            }
        }
    }
    if let Some(w) = current.take() {
        words.push(w);
    }
    words
}

/// Split a word after each hyphen or slash that has a letter or digit on both sides, so
/// `back-entry`, ids like `records-downtime` and URLs can wrap there instead of mid-letter.
/// Never inside a number or a code: `DT-700001`, `2026-11-18` and the content code `C368-F30E`
/// are read (and compared on a walk-round) as one thing, so a hyphen with a digit beside it,
/// or after a piece in capitals, is no break. A code in brackets or quotes is still a code:
/// `(RKV-W9)` split as `(RKV-` / `W9)` reads as two places.
pub fn hyphen_pieces(word: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    for k in 1..chars.len().saturating_sub(1) {
        let (at, ch) = chars[k];
        let (before, after) = (chars[k - 1].1, chars[k + 1].1);
        let piece = &word[start..at];
        let code_like = ch == '-'
            && (before.is_ascii_digit()
                || after.is_ascii_digit()
                || (piece.trim_start_matches(|c: char| !c.is_alphanumeric()))
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()));
        if (ch == '-' || ch == '/')
            && before.is_alphanumeric()
            && after.is_alphanumeric()
            && !code_like
        {
            let end = at + ch.len_utf8();
            pieces.push(&word[start..end]);
            start = end;
        }
    }
    if start < word.len() {
        pieces.push(&word[start..]);
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> Vec<Span> {
        vec![Span {
            text: text.into(),
            bold: false,
            italic: false,
            code: false,
        }]
    }

    // Protects wrapping: every line fits and no word is lost.
    #[test]
    fn wraps_within_width() {
        let text = "Declare downtime to the site manager using the call cascade and send a runner";
        let lines = break_lines(&plain(text), 150.0, 11.0, &mut Vec::new());
        assert!(lines.len() > 2);
        for line in &lines {
            assert!(line.width <= 150.01, "{line:?}");
        }
        let joined: Vec<String> = lines
            .iter()
            .map(|l| l.runs.iter().map(|r| r.text.as_str()).collect::<String>())
            .collect();
        assert_eq!(joined.join(" "), text);
    }

    // Protects the margin against a word longer than the line.
    #[test]
    fn breaks_unbreakable_words() {
        let word = "x".repeat(400);
        let lines = break_lines(&plain(&word), 100.0, 11.0, &mut Vec::new());
        assert!(lines.len() > 5);
        assert!(lines.iter().all(|l| l.width <= 100.01));
        let total: usize = lines
            .iter()
            .flat_map(|l| &l.runs)
            .map(|r| r.text.len())
            .sum();
        assert_eq!(total, 400);
    }

    // Protects wrapping at hyphens rather than mid-letter.
    #[test]
    fn wraps_after_hyphens() {
        assert_eq!(
            hyphen_pieces("bed-management-downtime"),
            ["bed-", "management-", "downtime"]
        );
        assert_eq!(hyphen_pieces("-x-"), ["-x-"]);
        // Codes, numbers and dates stay whole.
        for whole in [
            "C368-F30E",
            "ABCD-EFAB",
            "DT-700001",
            "2026-11-18",
            "07700-900",
            "(RKV-W9)",
        ] {
            assert_eq!(hyphen_pieces(whole), [whole]);
        }
        let lines = break_lines(
            &plain("bed-management-downtime"),
            90.0,
            11.0,
            &mut Vec::new(),
        );
        let texts: Vec<String> = lines
            .iter()
            .map(|l| l.runs.iter().map(|r| r.text.as_str()).collect())
            .collect();
        assert_eq!(texts, ["bed-", "management-", "downtime"]);
    }

    // Protects mixed styles inside one word and forced line breaks.
    #[test]
    fn styles_and_hard_breaks() {
        let spans = vec![
            Span {
                text: "Nurse".into(),
                bold: true,
                italic: false,
                code: false,
            },
            Span {
                text: ":".into(),
                bold: false,
                italic: false,
                code: false,
            },
            Span {
                text: LINE_BREAK.into(),
                bold: false,
                italic: false,
                code: false,
            },
            Span {
                text: "next".into(),
                bold: false,
                italic: false,
                code: false,
            },
        ];
        let lines = break_lines(&spans, 300.0, 11.0, &mut Vec::new());
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].runs.len(), 2);
        assert_eq!(lines[0].runs[0].face, Face::Bold);
        assert_eq!(lines[1].runs[0].text, "next");
    }
}
