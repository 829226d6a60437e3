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
    let mut document = typeset::typeset_reserving(
        &rendered.markdown,
        &job.furniture,
        &job.footer,
        LIST_SIZE,
        band.height(),
    );
    for page in &mut document.pages {
        band.draw(page, job.kind.identity_check());
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
