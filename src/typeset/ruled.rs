//! The ruled tables of blank forms: column headings over empty rows sized for handwriting.
//!
//! A form's last table fills the page it is on. A form is one page unless its rows need
//! more; then every page is full, each continuation page repeats the form's title and the
//! patient box above the headings, and whatever follows the table (a signature block) ends
//! the last page under rows of its own, never alone.

use super::{bold, continued_header, patient, FormSpec, MM, PITCH};
use crate::typeset::blocks::Span;
use crate::typeset::layout::{Layout, BODY_SIZE};
use crate::typeset::page::{Item, RectStyle};
use crate::typeset::table::{break_row, draw_row, measure, row_height, share_width};

/// Heading sizes tried in turn until every heading word fits its column: never below 9 pt.
const HEADING_SIZES: [f32; 3] = [BODY_SIZE, 10.0, 9.0];

/// What the table must leave room for.
#[derive(Debug, Clone, Copy, Default)]
pub struct Room {
    /// Height of the parts after the table, kept with its last rows.
    pub after: f32,
    /// The form has a patient box, repeated on continuation pages.
    pub patient: bool,
}

/// Column headings and at least `rows` blank rows (more when the page has room for them).
pub fn table(
    l: &mut Layout,
    form: &FormSpec,
    columns: &[String],
    rows: u32,
    room: Room,
    x: f32,
    width: f32,
) {
    if columns.is_empty() {
        return;
    }
    let (size, widths) = heading_size(columns, width);
    let (body, line) = (l.body, l.line);
    (l.body, l.line) = (size, size * 1.4);
    let heads: Vec<Vec<Span>> = columns.iter().map(|c| vec![bold(c)]).collect();
    let heads = break_row(l, &heads, &widths);
    let head_height = row_height(&heads, l.line);
    (l.body, l.line) = (body, line);
    let draw_head = |l: &mut Layout| {
        let saved = (l.body, l.line);
        (l.body, l.line) = (size, size * 1.4);
        draw_row(l, &heads, &widths, x, true);
        (l.body, l.line) = saved;
    };
    l.ensure(head_height + PITCH * 2.0);
    draw_head(l);
    let mut left = rows.min(500) as usize;
    loop {
        let fit = |reserve: f32, l: &Layout| {
            ((l.geo.body_bottom - l.y - reserve) / PITCH)
                .floor()
                .max(0.0) as usize
        };
        let with_after = fit(room.after + 8.0, l);
        if left <= with_after {
            draw_rows(l, &widths, x, with_after.max(1));
            break;
        }
        let here = fit(0.0, l).max(1);
        draw_rows(l, &widths, x, here);
        left = left.saturating_sub(here);
        l.new_page();
        continued_header(l, form, x, width);
        if room.patient {
            patient(l, x, width);
        }
        draw_head(l);
    }
    l.y += 8.0;
}

/// The largest heading size at which every heading word fits its column whole, with the
/// column widths for it; at 9 pt, words that still do not fit are broken.
fn heading_size(columns: &[String], width: f32) -> (f32, Vec<f32>) {
    // Room for a short handwritten entry, given up on wide tables before a heading breaks.
    let floor = (14.0 * MM).min(0.7 * width / columns.len() as f32);
    let mut result = (0.0, Vec::new());
    for size in HEADING_SIZES {
        let (mut min, mut max) = (Vec::new(), Vec::new());
        for c in columns {
            let (longest, whole) = measure(&[bold(c)], size);
            min.push((longest + 8.0).max(floor));
            max.push((whole + 8.0).clamp(14.0 * MM, 60.0 * MM));
        }
        let fits = min.iter().sum::<f32>() <= width;
        result = (size, share_width(min, max, width));
        if fits {
            break;
        }
    }
    result
}

fn draw_rows(l: &mut Layout, widths: &[f32], x: f32, count: usize) {
    for _ in 0..count {
        let mut cx = x;
        for w in widths {
            l.push(Item::Rect {
                x: cx,
                y: l.y,
                w: *w,
                h: PITCH,
                style: RectStyle::Stroke(0.6),
            });
            cx += w;
        }
        l.y += PITCH;
    }
}
