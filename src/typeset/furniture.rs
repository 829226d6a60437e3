//! What every printed page carries: whose pack it is, page N of M, version, review date, and
//! the warning that a printed copy is uncontrolled. Drafts say DRAFT on every page.

use super::fonts::Face;
use super::page::{Geometry, Item, Page, RectStyle};
use serde::Serialize;

const SIZE: f32 = 9.5;

/// What the typesetter prints around every page, and the PDF's metadata.
#[derive(Debug, Clone, Serialize)]
pub struct Furniture {
    pub title: String,
    /// Left of the header: whose pack this is (ward and hospital).
    pub header: String,
    pub author: String,
    pub version: String,
    pub review_due: String,
    /// Any procedure in the pack is a draft: every page says DRAFT.
    pub draft: bool,
    /// The content code of what is printed (see `pack::code`), on every page so a copy
    /// found in a box can be matched with the register; empty for none.
    pub code: String,
}

/// What a footer says besides "Page N of M": a control line beside it, a note under it and
/// a code at the right of the note (none when empty).
#[derive(Debug, Clone)]
pub struct Footer {
    pub control: String,
    pub note: String,
    pub code: String,
}

impl Footer {
    /// A controlled document's footer: version and review date, the uncontrolled-copy
    /// warning and the content code.
    pub fn controlled(furniture: &Furniture) -> Footer {
        let mut control = format!(
            "Version {} · Review due {}",
            furniture.version, furniture.review_due
        );
        if furniture.draft {
            control.insert_str(0, "DRAFT · ");
        }
        Footer {
            control,
            note: "Uncontrolled when printed - check the review date".to_string(),
            code: if furniture.code.is_empty() {
                String::new()
            } else {
                format!("Code {}", furniture.code)
            },
        }
    }
}

/// Add furniture to `pages`, numbered from `first` out of `total`.
pub fn add(pages: &mut [Page], furniture: &Furniture, geo: &Geometry, first: usize, total: usize) {
    add_with_footer(
        pages,
        furniture,
        &Footer::controlled(furniture),
        geo,
        first,
        total,
    );
}

/// As [`add`], with a footer of the caller's (a patient list is no controlled document).
pub fn add_with_footer(
    pages: &mut [Page],
    furniture: &Furniture,
    footer_text: &Footer,
    geo: &Geometry,
    first: usize,
    total: usize,
) {
    for (i, page) in pages.iter_mut().enumerate() {
        header(page, furniture, geo);
        footer(page, footer_text, geo, first + i, total);
    }
}

/// Whose pack this is on the left, shortened to leave room for the DRAFT box on the right;
/// then the header rule.
fn header(page: &mut Page, furniture: &Furniture, geo: &Geometry) {
    let draft = if furniture.draft {
        "DRAFT - NOT APPROVED"
    } else {
        ""
    };
    let draft_width = Face::Bold.metrics().width(draft, SIZE + 1.0);
    let left_room = geo.right - geo.left - draft_width - 12.0;
    text(
        page,
        geo.left,
        geo.header_baseline,
        Face::Bold,
        SIZE,
        &fit(&furniture.header, Face::Bold, SIZE, left_room),
    );
    if furniture.draft {
        // The box, not just its text, stays inside the right margin.
        let x = geo.right - draft_width - 3.0;
        page.items.push(Item::Rect {
            x: x - 3.0,
            y: geo.header_baseline - SIZE - 2.0,
            w: draft_width + 6.0,
            h: SIZE + 7.0,
            style: RectStyle::Stroke(1.2),
        });
        text(page, x, geo.header_baseline, Face::Bold, SIZE + 1.0, draft);
    }
    rule(page, geo, geo.header_rule);
}

/// The footer rule; "Page N of M" on the right with the control line beside it; the note
/// and the code on the line below.
fn footer(page: &mut Page, footer: &Footer, geo: &Geometry, number: usize, total: usize) {
    rule(page, geo, geo.footer_rule);
    let page_label = format!("Page {number} of {total}");
    let page_width = Face::Bold.metrics().width(&page_label, SIZE);
    let baseline = geo.footer_baseline;
    text(
        page,
        geo.right - page_width,
        baseline,
        Face::Bold,
        SIZE,
        &page_label,
    );
    let room = geo.right - geo.left - page_width - 12.0;
    let control = fit(&footer.control, Face::Regular, SIZE, room);
    text(page, geo.left, baseline, Face::Regular, SIZE, &control);
    let second = geo.footer_second_baseline;
    let code_width = Face::Bold.metrics().width(&footer.code, SIZE);
    let room = geo.right - geo.left - code_width - 12.0;
    let note = fit(&footer.note, Face::Italic, SIZE, room);
    text(page, geo.left, second, Face::Italic, SIZE, &note);
    if !footer.code.is_empty() {
        text(
            page,
            geo.right - code_width,
            second,
            Face::Bold,
            SIZE,
            &footer.code,
        );
    }
}

fn rule(page: &mut Page, geo: &Geometry, y: f32) {
    page.items.push(Item::Rule {
        x1: geo.left,
        y1: y,
        x2: geo.right,
        y2: y,
        thickness: 0.6,
    });
}

fn text(page: &mut Page, x: f32, y: f32, face: Face, size: f32, text: &str) {
    let width = face.metrics().width(text, size);
    page.items.push(Item::Text {
        x,
        y,
        size,
        face,
        text: text.to_string(),
        width,
    });
}

/// Shorten `text` until it fits `room` points, in a designed order and never mid-word: drop
/// asides in parentheses ("Birch Ward (Step-down beds)"), then the last " · " parts (the
/// hospital before the ward), then whole words from the end, marked with an ellipsis.
fn fit(text: &str, face: Face, size: f32, room: f32) -> String {
    let metrics = face.metrics();
    let fits = |t: &str| metrics.width(t, size) <= room;
    let clean: String = text
        .chars()
        .filter(|&c| metrics.has(c) || c == ' ')
        .collect();
    if fits(&clean) {
        return clean;
    }
    let mut parts: Vec<String> = clean.split(" · ").map(without_asides).collect();
    while !parts.is_empty() {
        let joined = parts.join(" · ");
        if fits(&joined) {
            return joined;
        }
        if parts.len() == 1 {
            break;
        }
        parts.pop();
    }
    let mut words: Vec<&str> = parts.first().map_or(&clean, |p| p).split(' ').collect();
    while words.len() > 1 {
        words.pop();
        let cut = format!("{} …", words.join(" "));
        if fits(&cut) {
            return cut;
        }
    }
    // One word wider than the header: only now is it cut.
    let mut out = String::new();
    for ch in clean.chars() {
        if !fits(&format!("{out}{ch}…")) {
            break;
        }
        out.push(ch);
    }
    out.push('…');
    out
}

/// `text` without its parenthesised asides.
fn without_asides(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for ch in text.chars() {
        match ch {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(ch),
            _ => {}
        }
    }
    let out = out.split_whitespace().collect::<Vec<_>>().join(" ");
    if out.is_empty() {
        text.to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Protects the designed shortening of running headers: asides, then the hospital, then
    // whole words; never a word cut in half.
    #[test]
    fn headers_shorten_by_design() {
        let text = "Paper medicines administration record · Birch Ward (Step-down beds) · Hartwell Community Hospital";
        let width = |t: &str| Face::Bold.metrics().width(t, SIZE);
        let no_aside =
            "Paper medicines administration record · Birch Ward · Hartwell Community Hospital";
        assert_eq!(fit(text, Face::Bold, SIZE, width(no_aside)), no_aside);
        let two = "Paper medicines administration record · Birch Ward";
        assert_eq!(fit(text, Face::Bold, SIZE, width(two) + 5.0), two);
        let cut = fit(text, Face::Bold, SIZE, width("Paper medicines") + 20.0);
        assert_eq!(cut, "Paper medicines …");
    }
}
