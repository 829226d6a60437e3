//! Tables: column widths from content, wrapped cells, borders, a header row repeated on every
//! page the table crosses, rows kept whole where they fit.
//!
//! A table with more columns than an A4 page can hold at a readable size is printed as one
//! record per row ("Header: value" lines) instead of shrinking the text.

use super::blocks::{Span, LINE_BREAK};
use super::layout::Layout;
use super::lines::{break_lines, Line};
use super::page::{Item, RectStyle};

/// Horizontal and vertical cell padding.
const PAD_X: f32 = 4.0;
const PAD_Y: f32 = 3.0;
/// Narrowest useful column: two characters and padding.
const MIN_COLUMN: f32 = 26.0;
/// Height of a body row with no text at all: such a row is there to be written in (a ward
/// list's rows for admissions since it was printed), so it gets two of the blank forms'
/// writing lines, a name above a number, not one line of type.
pub const WRITE_IN_ROW: f32 = 2.0 * super::form::PITCH;

type Cell = Vec<Span>;

/// The height a table needs at the foot of a page to start there: its header and its first row
/// (or the start of a long one). A heading before the table keeps this much with it.
pub fn start_height(layout: &mut Layout, header: &[Cell], rows: &[Vec<Cell>], width: f32) -> f32 {
    let columns = header
        .len()
        .max(rows.iter().map(Vec::len).max().unwrap_or(0));
    let (header, rows) = normalized(header, rows, columns);
    let (min, max) = column_wants(&header, &rows, layout.body);
    if columns == 0 || columns as f32 * MIN_COLUMN > width || min.iter().sum::<f32>() > width + 0.01
    {
        // Records or parts: they start like a few lines of text.
        return layout.line * 3.0 + 8.0;
    }
    let widths = share_width(min, max, width);
    let header_lines = break_row(layout, &header, &widths);
    start(layout, &header_lines, &rows, &widths)
}

/// Where the header and the first row fit together: the header's height and the first row's
/// (up to three lines of it).
fn start(
    layout: &mut Layout,
    header_lines: &[Vec<Line>],
    rows: &[Vec<Cell>],
    widths: &[f32],
) -> f32 {
    let first = rows
        .first()
        .map(|r| body_row_height(&break_row(layout, r, widths), layout.line))
        .unwrap_or(0.0);
    row_height(header_lines, layout.line) + first.min(layout.line * 3.0 + 2.0 * PAD_Y)
}

/// Header cells in bold, and every row as wide as the widest, so cells line up.
fn normalized(header: &[Cell], rows: &[Vec<Cell>], columns: usize) -> (Vec<Cell>, Vec<Vec<Cell>>) {
    let header: Vec<Cell> = (0..columns)
        .map(|c| {
            header
                .get(c)
                .map(|cell| {
                    cell.iter()
                        .map(|s| Span {
                            bold: true,
                            ..s.clone()
                        })
                        .collect()
                })
                .unwrap_or_default()
        })
        .collect();
    let rows: Vec<Vec<Cell>> = rows
        .iter()
        .map(|row| {
            (0..columns)
                .map(|c| row.get(c).cloned().unwrap_or_default())
                .collect()
        })
        .collect();
    (header, rows)
}

pub fn table(layout: &mut Layout, header: &[Cell], rows: &[Vec<Cell>], x: f32, width: f32) {
    let columns = header
        .len()
        .max(rows.iter().map(Vec::len).max().unwrap_or(0));
    if columns == 0 {
        return;
    }
    if columns as f32 * MIN_COLUMN > width {
        layout.warnings.push(format!(
            "a table with {columns} columns is too wide for A4; printed as one record per row"
        ));
        return as_records(layout, header, rows, x, width);
    }
    let (header, rows) = normalized(header, rows, columns);
    let (mut min, max) = column_wants(&header, &rows, layout.body);
    if min.iter().sum::<f32>() > width + 0.01 {
        match relieve_widest(&min, width) {
            Some(relieved) => min = relieved,
            // Columns that cannot each hold their longest word: change the table's shape
            // rather than split a word.
            None => {
                return match parts(&min, width) {
                    Some(parts) => in_parts(layout, &header, &rows, &parts, x, width),
                    None => as_records(layout, &header, &rows, x, width),
                }
            }
        }
    }
    let widths = share_width(min, max, width);
    let has_header = header.iter().any(|c| !c.is_empty());

    let header_lines = break_row(layout, &header, &widths);
    let header_height = row_height(&header_lines, layout.line);
    let needed = start(layout, &header_lines, &rows, &widths);
    layout.ensure(needed);
    if has_header {
        draw_row(layout, &header_lines, &widths, x, true);
    }
    for row in &rows {
        let mut lines = break_row(layout, row, &widths);
        loop {
            let height = body_row_height(&lines, layout.line);
            let room = layout.geo.body_bottom - layout.y;
            if height <= room + 0.01 {
                draw_row(layout, &lines, &widths, x, false);
                break;
            }
            let full_page = layout.geo.body_height() - if has_header { header_height } else { 0.0 };
            if height <= full_page || room < layout.line + 2.0 * PAD_Y {
                // Keep the row whole: move it to the next page under a repeated header.
                layout.new_page();
                if has_header {
                    draw_row(layout, &header_lines, &widths, x, true);
                }
                if height <= full_page {
                    continue;
                }
            }
            // Taller than a page: print the lines that fit and carry the rest over.
            let fit = (((layout.geo.body_bottom - layout.y) - 2.0 * PAD_Y) / layout.line)
                .floor()
                .max(1.0) as usize;
            let rest: Vec<Vec<Line>> = lines
                .iter_mut()
                .map(|cell| cell.split_off(fit.min(cell.len())))
                .collect();
            draw_row(layout, &lines, &widths, x, false);
            lines = rest;
            layout.new_page();
            if has_header {
                draw_row(layout, &header_lines, &widths, x, true);
            }
        }
    }
    layout.y += 7.0;
}

pub(super) fn break_row(layout: &mut Layout, row: &[Cell], widths: &[f32]) -> Vec<Vec<Line>> {
    row.iter()
        .zip(widths)
        .map(|(cell, w)| {
            if cell.iter().all(|s| s.text.trim().is_empty()) {
                Vec::new()
            } else {
                break_lines(
                    cell,
                    (w - 2.0 * PAD_X).max(1.0),
                    layout.body,
                    &mut layout.missing,
                )
            }
        })
        .collect()
}

pub(super) fn row_height(lines: &[Vec<Line>], line: f32) -> f32 {
    lines.iter().map(Vec::len).max().unwrap_or(0).max(1) as f32 * line + 2.0 * PAD_Y
}

/// A body row's height: its text's, or [`WRITE_IN_ROW`] when it has none.
fn body_row_height(lines: &[Vec<Line>], line: f32) -> f32 {
    if lines.iter().all(Vec::is_empty) {
        WRITE_IN_ROW
    } else {
        row_height(lines, line)
    }
}

pub(super) fn draw_row(
    layout: &mut Layout,
    lines: &[Vec<Line>],
    widths: &[f32],
    x: f32,
    header: bool,
) {
    let height = if header {
        row_height(lines, layout.line)
    } else {
        body_row_height(lines, layout.line)
    };
    let top = layout.y;
    let mut cell_x = x;
    if header {
        let total: f32 = widths.iter().sum();
        layout.push(Item::Rect {
            x,
            y: top,
            w: total,
            h: height,
            style: RectStyle::Fill(0.88),
        });
    }
    for (cell, w) in lines.iter().zip(widths) {
        layout.y = top + PAD_Y;
        for line in cell {
            layout.line(line, cell_x + PAD_X, layout.body, layout.line);
            layout.y += layout.line;
        }
        layout.push(Item::Rect {
            x: cell_x,
            y: top,
            w: *w,
            h: height,
            style: RectStyle::Stroke(if header { 1.0 } else { 0.6 }),
        });
        cell_x += w;
    }
    layout.y = top + height;
}

/// What each column wants, in points: at least its longest word, at most all its text on one
/// line (each at least [`MIN_COLUMN`]).
fn column_wants(header: &[Cell], rows: &[Vec<Cell>], size: f32) -> (Vec<f32>, Vec<f32>) {
    let columns = header.len();
    let mut min = vec![MIN_COLUMN; columns];
    let mut max = vec![MIN_COLUMN; columns];
    for row in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        for (c, cell) in row.iter().enumerate() {
            let (longest_word, whole) = measure(cell, size);
            min[c] = min[c].max(longest_word + 2.0 * PAD_X);
            max[c] = max[c].max(whole + 2.0 * PAD_X);
        }
    }
    (min, max)
}

/// When one column alone makes the table too wide (one overlong word: a long name, a URL),
/// that column gives up the excess and the word is cut, as a word wider than a line is:
/// splitting the table into parts for it would part each row's cells from its name (a
/// clinic list's phone numbers pages away from the patients). Only while the column keeps at
/// least an even share of the width; `None` when it would not.
fn relieve_widest(min: &[f32], width: f32) -> Option<Vec<f32>> {
    let excess = min.iter().sum::<f32>() - width;
    let (widest, &wants) = (min.iter().enumerate()).max_by(|a, b| a.1.total_cmp(b.1))?;
    let keeps = wants - excess;
    (keeps >= width / min.len() as f32).then(|| {
        let mut relieved = min.to_vec();
        relieved[widest] = keeps;
        relieved
    })
}

/// Group the columns after the first into parts that fit `width` beside the first column, each
/// column whole; `None` when some column cannot fit even beside the first alone. A part holds
/// at least two columns besides the first unless one column fills it.
fn parts(min: &[f32], width: f32) -> Option<Vec<std::ops::Range<usize>>> {
    let mut parts = Vec::new();
    let mut start = 1;
    let mut used = min[0];
    for c in 1..min.len() {
        if min[0] + min[c] > width + 0.01 {
            return None;
        }
        if used + min[c] > width + 0.01 {
            parts.push(start..c);
            start = c;
            used = min[0];
        }
        used += min[c];
    }
    parts.push(start..min.len());
    Some(parts)
}

/// Print a table too wide for the page as several tables, each repeating the first column
/// (what each row is about) beside a group of the others: the way the hospital matrix is split.
fn in_parts(
    layout: &mut Layout,
    header: &[Cell],
    rows: &[Vec<Cell>],
    parts: &[std::ops::Range<usize>],
    x: f32,
    width: f32,
) {
    let pick = |row: &[Cell], part: &std::ops::Range<usize>| -> Vec<Cell> {
        std::iter::once(row[0].clone())
            .chain(row[part.clone()].iter().cloned())
            .collect()
    };
    for part in parts {
        let rows: Vec<Vec<Cell>> = rows.iter().map(|r| pick(r, part)).collect();
        table(layout, &pick(header, part), &rows, x, width);
    }
}

/// Share `width` between columns that each want between `min` (their longest word) and `max`
/// (everything on one line) points: natural widths when they fit, else in proportion to what
/// each wants beyond its minimum, the way browsers size auto tables. Used by pack tables and
/// by the ruled tables of blank forms.
pub(super) fn share_width(mut min: Vec<f32>, mut max: Vec<f32>, width: f32) -> Vec<f32> {
    let columns = min.len();
    // No single column may claim more than its share when others need room too.
    // (Only when the longest words cannot all be whole anyway: otherwise a word would break.)
    let cap = (width - MIN_COLUMN * (columns as f32 - 1.0)).max(MIN_COLUMN);
    let cramped = min.iter().sum::<f32>() > width;
    for c in 0..columns {
        if cramped {
            min[c] = min[c].min(cap).min(width / columns as f32 * 2.5);
        }
        max[c] = max[c].max(min[c]);
    }
    let (sum_min, sum_max): (f32, f32) = (min.iter().sum(), max.iter().sum());
    let widths: Vec<f32> = if sum_max <= width {
        // Everything fits on one line: spread the spare room evenly.
        let spare = (width - sum_max) / columns as f32;
        max.iter().map(|m| m + spare).collect()
    } else if sum_min <= width {
        let share = (width - sum_min) / (sum_max - sum_min).max(0.01);
        min.iter()
            .zip(&max)
            .map(|(lo, hi)| lo + (hi - lo) * share)
            .collect()
    } else {
        min.iter().map(|m| m * width / sum_min).collect()
    };
    // Guard against rounding pushing the last border past the margin.
    let total: f32 = widths.iter().sum();
    widths
        .iter()
        .map(|w| w * (width / total).min(1.0))
        .collect()
}

/// (widest unbreakable piece, whole text on one line) of a cell, in points.
pub(super) fn measure(cell: &[Span], size: f32) -> (f32, f32) {
    let space = super::fonts::Face::Regular.metrics().char_width(' ', size);
    let (mut longest, mut whole): (f32, f32) = (0.0, 0.0);
    for span in cell {
        let metrics = super::lines::face_of(span).metrics();
        for (i, word) in span.text.split(super::lines::breaks_at).enumerate() {
            if i > 0 {
                whole += space;
            }
            // Measured as printed: a no-break space prints as a space.
            let word = word.replace(super::lines::NBSP, " ");
            for piece in super::lines::hyphen_pieces(&word) {
                let w = metrics.width(piece, size);
                longest = longest.max(w);
                whole += w;
            }
        }
    }
    (longest, whole)
}

/// Print each row as "Header: value" lines between rules.
fn as_records(layout: &mut Layout, header: &[Cell], rows: &[Vec<Cell>], x: f32, width: f32) {
    for row in rows {
        let mut spans: Vec<Span> = Vec::new();
        for (c, cell) in row.iter().enumerate() {
            if c > 0 {
                spans.push(Span {
                    text: LINE_BREAK.into(),
                    bold: false,
                    italic: false,
                    code: false,
                });
            }
            let label = header
                .get(c)
                .map(|h| super::blocks::plain_text(h))
                .unwrap_or_default();
            let label = if label.is_empty() {
                format!("Column {}", c + 1)
            } else {
                label
            };
            spans.push(Span {
                text: format!("{label}: "),
                bold: true,
                italic: false,
                code: false,
            });
            spans.extend(cell.iter().cloned());
        }
        layout.paragraph(&spans, x, width, layout.body, layout.line);
        layout.ensure(8.0);
        layout.rule(x, x + width, layout.y + 3.0, 0.6);
        layout.y += 8.0;
    }
}
