//! Blank paper forms, laid out by the same engine as the packs (same page model, furniture and
//! painter). Everything is sized for handwriting: ruled lines and table rows at least 8 mm apart,
//! tick boxes drawn, not printed as glyphs.

use super::blocks::Block;
use super::fonts::Face;
use super::layout::{plain, Layout, BODY_SIZE};
use super::lines::break_lines;
use super::page::{Document, Geometry, Item, RectStyle};
use serde::Serialize;

#[path = "ruled.rs"]
mod ruled;

const MM: f32 = 72.0 / 25.4;
/// Distance between ruled lines: 8.5 mm, roomy for handwriting.
pub const PITCH: f32 = 8.5 * MM;
/// Thickness of the lines people write on.
const WRITING_LINE: f32 = 0.6;
const BOX: f32 = 4.2 * MM;
const LABEL_WIDTH: f32 = 40.0 * MM;

/// One part of a printed form, top to bottom. The typesetter's own input type: packs build it
/// from a form's YAML layout, or from the model (a ward's readiness log).
#[derive(Debug, Clone, Serialize)]
pub enum Part {
    /// The title, with trust, hospital and ward printed in.
    Header,
    /// The patient identification box.
    Patient,
    /// Labelled write-in fields.
    Fields(Vec<Field>),
    /// A question answered by ticking boxes.
    Ticks { label: String, options: Vec<String> },
    /// A table with column headings and blank ruled rows.
    Table { columns: Vec<String>, rows: u32 },
    /// Instructions, as Markdown.
    Instructions(String),
    /// Parts kept on one page (one box of a walk-round sheet): a new page starts before them
    /// when they do not fit what is left of this one.
    Together(Vec<Part>),
}

#[derive(Debug, Clone, Serialize)]
pub struct Field {
    pub label: String,
    pub kind: FieldKind,
    /// Ruled lines of a `Lines` field.
    pub lines: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum FieldKind {
    Line,
    Lines,
    Date,
    Time,
    Signature,
}

/// What one printed form needs: its parts and the facts printed into its header.
#[derive(Debug, Clone, Serialize)]
pub struct FormSpec {
    pub id: String,
    pub title: String,
    pub purpose: String,
    pub version: String,
    pub trust: String,
    pub site: String,
    pub ward: String,
    pub parts: Vec<Part>,
}

/// Lay out one form, without page furniture.
pub fn layout_form(form: &FormSpec) -> Document {
    let toc = [];
    let mut l = Layout::new(Geometry::a4(), &toc, BODY_SIZE);
    let (x, width) = (l.geo.left, l.geo.body_width());
    let parts: Vec<Part> = if form.parts.is_empty() {
        vec![Part::Header, Part::Patient]
    } else {
        form.parts.clone()
    };
    // The last ruled table fills the pages it is on; what follows it is measured first, so
    // the table can leave it room on its last page.
    let last_table = parts.iter().rposition(|p| matches!(p, Part::Table { .. }));
    for (i, p) in parts.iter().enumerate() {
        match (p, Some(i) == last_table) {
            (Part::Table { columns, rows }, true) => {
                let after = &parts[i + 1..];
                let room = ruled::Room {
                    after: height_of(form, after, x, width),
                    patient: (parts.iter()).any(|p| matches!(p, Part::Patient)),
                };
                ruled::table(&mut l, form, columns, *rows, room, x, width)
            }
            _ => part(&mut l, form, p, x, width),
        }
    }
    let mut warnings = Vec::new();
    for ch in &l.missing {
        warnings.push(format!(
            "character U+{:04X} is not in the font; printed as [U+{:04X}]",
            *ch as u32, *ch as u32
        ));
    }
    Document {
        pages: l.pages,
        headings: Vec::new(),
        title: form.title.clone(),
        author: form.trust.clone(),
        warnings,
    }
}

/// Lay out one part of a form where the layout stands.
fn part(l: &mut Layout, form: &FormSpec, part: &Part, x: f32, width: f32) {
    match part {
        Part::Header => header(l, form, x, width),
        Part::Patient => patient(l, x, width),
        Part::Fields(fields) => {
            for f in fields {
                field(l, &f.label, f.kind, f.lines, x, width);
            }
            l.y += 4.0;
        }
        Part::Ticks { label, options } => ticks(l, label, options, x, width),
        Part::Table { columns, rows } => {
            let room = ruled::Room::default();
            ruled::table(l, form, columns, *rows, room, x, width)
        }
        Part::Instructions(text) => {
            instructions(l, text, x, width);
            l.y += 1.0;
        }
        Part::Together(parts) => {
            l.ensure(height_of(form, parts, x, width));
            for p in parts {
                self::part(l, form, p, x, width);
            }
        }
    }
}

/// A form's instructions, typeset as the Markdown they are written in: emphasis, lists and
/// tables print as such, not as stars and pipes. Headings inside them mark no section of the
/// document, and page-break or contents comments are ignored.
fn instructions(l: &mut Layout, text: &str, x: f32, width: f32) {
    let mut warnings = Vec::new();
    let blocks: Vec<Block> = super::blocks::parse(text, &mut warnings)
        .into_iter()
        .filter(|b| !matches!(b, Block::PageBreak | Block::Toc))
        .collect();
    l.warnings.extend(warnings);
    let headings = l.headings.len();
    l.blocks_in(&blocks, x, width);
    l.headings.truncate(headings);
}

/// The height `parts` take laid out on a fresh page (a page height for each page they fill).
fn height_of(form: &FormSpec, parts: &[Part], x: f32, width: f32) -> f32 {
    let mut scratch = Layout::new(Geometry::a4(), &[], BODY_SIZE);
    for p in parts {
        part(&mut scratch, form, p, x, width);
    }
    let pages = scratch.pages.len() - 1;
    pages as f32 * scratch.geo.body_height() + scratch.y - scratch.geo.body_top
}

/// The top of a continuation page: the form's title, marked as continued, so a loose sheet
/// is still known.
pub(super) fn continued_header(l: &mut Layout, form: &FormSpec, x: f32, width: f32) {
    let title = format!("{} (continued)", form.title);
    let lines = break_lines(&[bold(&title)], width, 14.0, &mut l.missing);
    l.lines(&lines, x, 14.0, 19.0);
    l.y += 3.0;
    l.rule(x, x + width, l.y, 1.2);
    l.y += 8.0;
}

fn text(l: &mut Layout, x: f32, baseline: f32, face: Face, size: f32, text: &str) {
    let width = face.metrics().width(text, size);
    l.push(Item::Text {
        x,
        y: baseline,
        size,
        face,
        text: text.to_string(),
        width,
    });
}

fn header(l: &mut Layout, form: &FormSpec, x: f32, width: f32) {
    let lines = break_lines(&[bold(&form.title)], width, 18.0, &mut l.missing);
    l.lines(&lines, x, 18.0, 24.0);
    let facts = format!("{} · {} · {}", form.trust, form.site, form.ward);
    l.paragraph(&[bold(&facts)], x, width, BODY_SIZE, l.line);
    let purpose = [super::blocks::Span {
        text: form.purpose.clone(),
        bold: false,
        italic: true,
        code: false,
    }];
    l.paragraph(&purpose, x, width, BODY_SIZE, l.line);
    l.y += 3.0;
    l.rule(x, x + width, l.y, 1.2);
    l.y += 8.0;
}

/// The patient identification box: write-in lines on the left, label space on the right.
pub(super) fn patient(l: &mut Layout, x: f32, width: f32) {
    let height = 4.0 * PITCH + 8.0;
    l.ensure(height + 8.0);
    let top = l.y;
    l.push(Item::Rect {
        x,
        y: top,
        w: width,
        h: height,
        style: RectStyle::Stroke(1.2),
    });
    let split = x + width * 0.58;
    l.push(Item::Rule {
        x1: split,
        y1: top,
        x2: split,
        y2: top + height,
        thickness: 0.8,
    });
    text(
        l,
        x + 6.0,
        top + 14.0,
        Face::Bold,
        BODY_SIZE,
        "Patient: write clearly, or affix label",
    );
    for (i, label) in ["NHS number", "Name", "Date of birth"].iter().enumerate() {
        let baseline = top + 14.0 + PITCH * (i as f32 + 1.0);
        text(l, x + 6.0, baseline - 2.0, Face::Regular, BODY_SIZE, label);
        l.rule(x + 6.0 + 80.0, split - 8.0, baseline, WRITING_LINE);
    }
    let msg = "Affix patient label here";
    let w = Face::Italic.metrics().width(msg, BODY_SIZE);
    text(
        l,
        split + (x + width - split - w) / 2.0,
        top + height / 2.0 + 4.0,
        Face::Italic,
        BODY_SIZE,
        msg,
    );
    l.y = top + height + 10.0;
}

/// One labelled row: the label in its own column on the left, wrapped there if it is long,
/// and the row as tall as the label needs. `draw` puts the writing space (a line, boxes) in
/// the row, given its left edge, top and height.
fn labelled_row(
    l: &mut Layout,
    label: &str,
    x: f32,
    width: f32,
    draw: impl Fn(&mut Layout, f32, f32, f32),
) {
    let column = label_column(label, width);
    let lines = break_lines(&[bold(label)], column - 6.0, BODY_SIZE, &mut l.missing);
    let height = row_height(l, lines.len());
    l.ensure(height);
    let top = l.y;
    draw_label(l, &lines, x, top, height);
    draw(l, x + column, top, height);
    l.y = top + height;
}

/// Width of the label column: 40 mm, wider when one word of the label would not fit it (a
/// word is never split), but never more than half the form.
fn label_column(label: &str, width: f32) -> f32 {
    let (longest, _) = super::table::measure(&[bold(label)], BODY_SIZE);
    (longest + 6.0).max(LABEL_WIDTH).min(width / 2.0)
}

/// A row holding `lines` lines of label: one writing pitch, plus a text line per extra line.
fn row_height(l: &Layout, lines: usize) -> f32 {
    PITCH + l.line * (lines.max(1) - 1) as f32
}

fn field(l: &mut Layout, label: &str, kind: FieldKind, count: u32, x: f32, width: f32) {
    let right = x + width;
    match kind {
        FieldKind::Line => labelled_row(l, label, x, width, |l, lx, top, h| {
            l.rule(lx, right, top + h - 3.0, WRITING_LINE)
        }),
        FieldKind::Lines => {
            // The label sits above its lines and may use the full width.
            let lines = break_lines(&[bold(label)], width, BODY_SIZE, &mut l.missing);
            let count = count.clamp(1, 40);
            l.ensure(l.line * lines.len() as f32 + PITCH * 2.0);
            let line_height = l.line;
            l.lines(&lines, x, BODY_SIZE, line_height);
            for _ in 0..count {
                l.ensure(PITCH);
                l.y += PITCH;
                let y = l.y - 3.0;
                l.rule(x, right, y, WRITING_LINE);
            }
            l.y += 4.0;
        }
        FieldKind::Date | FieldKind::Time => labelled_row(l, label, x, width, |l, lx, top, h| {
            date_boxes(l, kind, lx, top + h - PITCH)
        }),
        FieldKind::Signature => {
            for part in [label, "Print name", "Designation"] {
                labelled_row(l, part, x, width, |l, lx, top, h| {
                    l.rule(lx, right, top + h - 3.0, WRITING_LINE)
                });
            }
        }
    }
}

/// Boxes for one digit each (DD/MM/YYYY or HH:MM) and a hint, in a row of one pitch at `top`.
fn date_boxes(l: &mut Layout, kind: FieldKind, x: f32, top: f32) {
    let groups: &[(usize, &str)] = if kind == FieldKind::Date {
        &[(2, "/"), (2, "/"), (4, "")]
    } else {
        &[(2, ":"), (2, "")]
    };
    let mut bx = x;
    let side = PITCH - 6.0;
    for (n, sep) in groups {
        for _ in 0..*n {
            l.push(Item::Rect {
                x: bx,
                y: top + 2.0,
                w: side,
                h: side,
                style: RectStyle::Stroke(0.8),
            });
            bx += side;
        }
        if !sep.is_empty() {
            text(l, bx + 3.0, top + side - 2.0, Face::Bold, 13.0, sep);
            bx += 12.0;
        }
    }
    let hint = if kind == FieldKind::Date {
        "DD / MM / YYYY"
    } else {
        "24-hour clock"
    };
    text(
        l,
        bx + 10.0,
        top + side - 3.0,
        Face::Italic,
        BODY_SIZE,
        hint,
    );
}

/// A label span, in bold: broken into lines in the face it is drawn in.
pub(super) fn bold(text: &str) -> super::blocks::Span {
    super::blocks::Span {
        text: text.to_string(),
        bold: true,
        italic: false,
        code: false,
    }
}

/// Draw a label's lines in a row of `height` at `top`, the last line sitting on the row's
/// writing line.
fn draw_label(l: &mut Layout, lines: &[super::lines::Line], x: f32, top: f32, height: f32) {
    let saved = l.y;
    l.y = top + height - l.line * lines.len() as f32 - 2.0;
    for line in lines {
        let line_height = l.line;
        l.line(line, x, BODY_SIZE, line_height);
        l.y += l.line;
    }
    l.y = saved;
}

/// A question and its options, each with a box to tick. Options flow across the page in
/// rows; an option too long for what is left of a row starts the next one, and a row is as
/// tall as its longest option.
fn ticks(l: &mut Layout, label: &str, options: &[String], x: f32, width: f32) {
    let label_lines = break_lines(&[bold(label)], width, BODY_SIZE, &mut l.missing);
    l.ensure(l.line * label_lines.len() as f32 + PITCH);
    let line_height = l.line;
    l.lines(&label_lines, x, BODY_SIZE, line_height);
    l.y += 2.0;
    let text_width = width - BOX - 6.0;
    let laid: Vec<(Vec<super::lines::Line>, f32)> = options
        .iter()
        .map(|o| {
            let lines = break_lines(&[plain(o)], text_width, BODY_SIZE, &mut l.missing);
            let w = lines.iter().map(|o| o.width).fold(0.0, f32::max);
            (lines, BOX + 6.0 + w + 18.0)
        })
        .collect();
    let mut row: Vec<usize> = Vec::new();
    let mut used = 0.0;
    for (i, (_, need)) in laid.iter().enumerate() {
        if !row.is_empty() && used + need > width {
            tick_row(l, &laid, &row, x);
            row.clear();
            used = 0.0;
        }
        row.push(i);
        used += need;
    }
    tick_row(l, &laid, &row, x);
    l.y += 6.0;
}

/// Draw one row of tick options, left to right, and move below it.
fn tick_row(l: &mut Layout, laid: &[(Vec<super::lines::Line>, f32)], row: &[usize], x: f32) {
    let lines = row.iter().map(|&i| laid[i].0.len()).max().unwrap_or(1);
    let height = PITCH + l.line * (lines - 1) as f32;
    l.ensure(height);
    let top = l.y;
    let mut bx = x;
    for &i in row {
        let (option_lines, need) = &laid[i];
        l.push(Item::Rect {
            x: bx,
            y: top + (PITCH - BOX) / 2.0,
            w: BOX,
            h: BOX,
            style: RectStyle::Stroke(0.9),
        });
        l.y = top + (PITCH - l.line) / 2.0;
        let line_height = l.line;
        for line in option_lines {
            l.line(line, bx + BOX + 6.0, BODY_SIZE, line_height);
            l.y += line_height;
        }
        bx += need;
    }
    l.y = top + height;
}
