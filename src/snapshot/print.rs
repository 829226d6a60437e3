//! Printing the lists: Markdown through the snapshot templates, typeset with the body moved
//! down to make room for the band every page carries: when the data was true, the wristband
//! check, and when the data is too old, a warning.

use crate::error::Error;
use crate::pack::Furniture;
use crate::render::Renderer;
use crate::typeset;
use crate::typeset::fonts::Face;
use crate::typeset::page::{Geometry, Item, Page, RectStyle};

/// What the band at the top of every page says.
#[derive(Debug, Clone)]
pub struct Band {
    /// "Data as of ...".
    pub as_of: String,
    /// The warning printed when the snapshot is older than allowed.
    pub stale: Option<String>,
}

/// The sentence every page carries under the data-as-of line.
pub const WRISTBAND: &str = "Check identity against the wristband before acting";

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
    pub template: &'static str,
    pub context: Box<dyn crate::pack::Data + 'a>,
    pub furniture: Furniture,
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
    let furniture = Furniture {
        code: rendered.code.clone(),
        ..job.furniture.clone()
    };
    let mut document =
        typeset::typeset_reserving(&rendered.markdown, &furniture, LIST_SIZE, band.height());
    for page in &mut document.pages {
        band.draw(page);
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
    fn draw(&self, page: &mut Page) {
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
        text(page, x, baseline, LINE_SIZE, WRISTBAND, room);
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
