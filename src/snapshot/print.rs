//! Printing the lists: Markdown through the snapshot templates, typeset with the body moved
//! down to make room for the band every page carries: when the data was true, the identity
//! check that list's reader makes, and when the data is too old, a warning.

use crate::error::Error;
use crate::pack::Furniture;
use crate::render::Renderer;
use crate::typeset;
use crate::typeset::fonts::Face;
use crate::typeset::page::{Geometry, Item, Page, RectStyle};
use crate::typeset::Footer;

/// What the band at the top of every page says.
#[derive(Debug, Clone)]
pub struct Band {
    /// "Data as of ...".
    pub as_of: String,
    /// The warning printed when the snapshot is older than allowed.
    pub stale: Option<String>,
    /// Lines every list prints under the band (an export dated after now).
    pub notes: Vec<String>,
}

/// The identity check a ward list's pages carry: its patients are in the beds.
pub const WRISTBAND: &str = "Check identity against the wristband before acting";
/// A clinic's and the ring-round list's: their patients are at the other end of a phone.
pub const BY_PHONE: &str =
    "Check identity (name, date of birth) before discussing an appointment by phone";
/// The unplaced list's: inpatients to find on a ward and appointments to call.
pub const FIND_AND_CHECK: &str =
    "Find each patient first: check the wristband on a ward, name and date of birth by phone";

/// What a list is for, which decides the identity check its band asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Ward,
    Clinic,
    Contacts,
    Unplaced,
}

impl Kind {
    fn identity_check(self) -> &'static str {
        match self {
            Kind::Ward => WRISTBAND,
            Kind::Clinic | Kind::Contacts => BY_PHONE,
            Kind::Unplaced => FIND_AND_CHECK,
        }
    }
}

const AS_OF_SIZE: f32 = 17.0;
/// Body text of the lists: a point under the packs', so a row of a ward list is two or three
/// lines, not four, and a ward fits on a few pages.
const LIST_SIZE: f32 = 10.0;
const LINE_SIZE: f32 = 11.5;
/// The notes under the band: as large as fits a full sentence on one line.
const NOTE_SIZE: f32 = 11.0;

/// One list, ready to write.
pub struct Printed {
    /// File name inside the snapshot folder.
    pub file: String,
    pub pdf: Vec<u8>,
    pub pages: usize,
}

/// A document to print: its file name, template and furniture, and the context rendered
/// (borrowing the census it shows).
pub struct Job<'a> {
    pub file: String,
    pub kind: Kind,
    pub template: &'static str,
    pub context: Box<dyn crate::pack::Data + 'a>,
    pub furniture: Furniture,
    /// The list's own footer: it is no controlled document, so no version or content code.
    pub footer: Footer,
    /// Lines printed under the band on every page: what may be missing from this list.
    pub notice: Vec<String>,
}

/// Render, typeset and paint one list.
pub fn print(
    renderer: &Renderer,
    job: &Job,
    band: &Band,
    timestamp: i64,
) -> Result<Printed, Error> {
    let rendered = renderer
        .render_with(job.template, job.context.as_ref(), &[])
        .map_err(|d| Error::Invalid(vec![*d]))?;
    let room = Geometry::a4().body_width() - 12.0;
    let notes: Vec<String> = (band.notes.iter().chain(&job.notice))
        .flat_map(|note| wrap(note, NOTE_SIZE, room))
        .collect();
    let mut document = typeset::typeset_reserving(
        &rendered.markdown,
        &job.furniture,
        &job.footer,
        LIST_SIZE,
        band.height() + notes_height(&notes),
    );
    for page in &mut document.pages {
        band.draw(page, job.kind.identity_check());
        draw_notes(page, band.height(), &notes);
    }
    Ok(Printed {
        file: job.file.clone(),
        pages: document.pages.len(),
        pdf: typeset::pdf::write(&document, timestamp),
    })
}

impl Band {
    /// Height the band takes from the top of the body, gap below included.
    fn height(&self) -> f32 {
        // Stale, the warning leads in the large type: it is what must be read first.
        let stale = if self.stale.is_some() {
            AS_OF_SIZE + 6.0
        } else {
            0.0
        };
        AS_OF_SIZE + 6.0 + LINE_SIZE * 1.4 + stale + 16.0
    }

    /// Draw the band at the top of the body of `page`: boxed, and shaded when stale.
    fn draw(&self, page: &mut Page, identity_check: &str) {
        let geo = Geometry::a4();
        let (x, top, width) = (geo.left, geo.body_top, geo.body_width());
        let h = self.height() - 8.0;
        if self.stale.is_some() {
            page.items.push(Item::Rect {
                x,
                y: top,
                w: width,
                h,
                style: RectStyle::Fill(0.8),
            });
        }
        let border = if self.stale.is_some() { 2.5 } else { 1.2 };
        page.items.push(Item::Rect {
            x,
            y: top,
            w: width,
            h,
            style: RectStyle::Stroke(border),
        });
        let (x, room) = (x + 6.0, width - 12.0);
        let mut baseline = top + 4.0 + AS_OF_SIZE;
        if let Some(stale) = &self.stale {
            text(page, x, baseline, AS_OF_SIZE, stale, room);
            baseline += AS_OF_SIZE + 6.0;
        }
        text(page, x, baseline, AS_OF_SIZE, &self.as_of, room);
        baseline += LINE_SIZE * 1.4 + 2.0;
        text(page, x, baseline, LINE_SIZE, identity_check, room);
    }
}

/// `text` cut into lines of bold type at `size` no wider than `room`, at spaces: a notice
/// is read whole, never shrunk to fit.
fn wrap(text: &str, size: f32, room: f32) -> Vec<String> {
    let width = |s: &str| Face::Bold.metrics().width(s, size);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let longer = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if width(&longer) > room && !line.is_empty() {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        } else {
            line = longer;
        }
    }
    lines.push(line);
    lines
}

/// Height of the notes box under the band, gap below included; none without notes.
fn notes_height(notes: &[String]) -> f32 {
    if notes.is_empty() {
        0.0
    } else {
        NOTE_SIZE * 1.4 * notes.len() as f32 + 8.0 + 8.0
    }
}

/// Notes under the band, in a heavy box on every page: a list that may be missing someone
/// must say so where every reader looks, not only on the unplaced list.
fn draw_notes(page: &mut Page, top: f32, notes: &[String]) {
    if notes.is_empty() {
        return;
    }
    let geo = Geometry::a4();
    let (x, width) = (geo.left, geo.body_width());
    let (top, h) = (geo.body_top + top - 4.0, notes_height(notes) - 8.0);
    page.items.push(Item::Rect {
        x,
        y: top,
        w: width,
        h,
        style: RectStyle::Fill(0.9),
    });
    page.items.push(Item::Rect {
        x,
        y: top,
        w: width,
        h,
        style: RectStyle::Stroke(2.5),
    });
    let mut baseline = top + 2.0 + NOTE_SIZE;
    for note in notes {
        text(page, x + 6.0, baseline, NOTE_SIZE, note, width - 12.0);
        baseline += NOTE_SIZE * 1.4;
    }
}

/// Bold text on one line, made smaller until it fits `room` (never below 9 pt).
fn text(page: &mut Page, x: f32, y: f32, size: f32, text: &str, room: f32) {
    let mut size = size;
    let mut width = Face::Bold.metrics().width(text, size);
    while width > room && size > 9.0 {
        size -= 0.5;
        width = Face::Bold.metrics().width(text, size);
    }
    page.items.push(Item::Text {
        x,
        y,
        size,
        face: Face::Bold,
        text: text.to_string(),
        width,
    });
}
