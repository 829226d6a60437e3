//! The positioned output of layout: pages of text runs, boxes and rules.
//!
//! Coordinates are points from the page's top-left corner (y grows downwards), which is how
//! layout thinks; the PDF painter flips them. Tests inspect these pages directly, without
//! reading PDF bytes.

use super::fonts::Face;

/// A4 portrait, in points.
pub const PAGE_WIDTH: f32 = 595.28;
pub const PAGE_HEIGHT: f32 = 841.89;
const MM: f32 = 72.0 / 25.4;

/// Where things go on the page. The left margin is the binding edge, wide enough to
/// hole-punch without losing text.
#[derive(Debug, Clone, Copy)]
pub struct Geometry {
    pub left: f32,
    pub right: f32,
    pub body_top: f32,
    pub body_bottom: f32,
    pub header_baseline: f32,
    pub header_rule: f32,
    pub footer_rule: f32,
    pub footer_baseline: f32,
    pub footer_second_baseline: f32,
}

impl Geometry {
    pub fn a4() -> Self {
        Geometry {
            left: 25.0 * MM,
            right: PAGE_WIDTH - 15.0 * MM,
            header_baseline: 13.0 * MM,
            header_rule: 15.5 * MM,
            body_top: 21.0 * MM,
            body_bottom: PAGE_HEIGHT - 24.0 * MM,
            footer_rule: PAGE_HEIGHT - 20.0 * MM,
            footer_baseline: PAGE_HEIGHT - 15.5 * MM,
            footer_second_baseline: PAGE_HEIGHT - 11.0 * MM,
        }
    }

    pub fn body_width(&self) -> f32 {
        self.right - self.left
    }

    pub fn body_height(&self) -> f32 {
        self.body_bottom - self.body_top
    }
}

/// One thing drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// Text with its baseline at `y`.
    Text {
        x: f32,
        y: f32,
        size: f32,
        face: Face,
        text: String,
        width: f32,
    },
    /// A rectangle from its top-left corner; filled black-ish or stroked.
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        style: RectStyle,
    },
    /// A straight line.
    Rule {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        thickness: f32,
    },
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RectStyle {
    /// Outline only, of this thickness.
    Stroke(f32),
    /// Solid fill with this grey level (0 black, 1 white).
    Fill(f32),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub items: Vec<Item>,
}

impl Page {
    /// All text on the page in drawing order, runs on one baseline joined: a rough reading order.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let mut last_y = f32::NAN;
        for item in &self.items {
            if let Item::Text { y, text, .. } = item {
                if !out.is_empty() {
                    out.push(if (*y - last_y).abs() < 0.5 { ' ' } else { '\n' });
                }
                out.push_str(text);
                last_y = *y;
            }
        }
        out
    }
}

/// A heading and the page (1-based) it starts on.
#[derive(Debug, Clone, PartialEq)]
pub struct HeadingMark {
    pub level: u8,
    pub text: String,
    pub page: usize,
}

/// A laid-out document, ready to paint.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub pages: Vec<Page>,
    pub headings: Vec<HeadingMark>,
    pub title: String,
    pub author: String,
    /// Problems worth telling the user: unsupported Markdown, characters the font lacks.
    pub warnings: Vec<String>,
}

/// How far text reaches above its baseline (cap height and accents of DejaVu Sans, about
/// 0.73 em) and below it (descenders, about 0.24 em): the ink box the overlap check uses.
const ASCENT: f32 = 0.76;
const DESCENT: f32 = 0.24;
/// Grey fills lighter than this are backgrounds text may sit on (a table's heading row).
const BACKGROUND: f32 = 0.5;

/// An axis-aligned box: left, top, right, bottom, in points from the top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl Bounds {
    /// Boxes that share more than a hair (0.05 pt) both ways overlap: touching is allowed.
    fn overlaps(&self, other: &Bounds) -> bool {
        self.x0 < other.x1 - 0.05
            && other.x0 < self.x1 - 0.05
            && self.y0 < other.y1 - 0.05
            && other.y0 < self.y1 - 0.05
    }
}

impl Bounds {
    /// The box from (x0, y0) to (x1, y1), grown by `pad` on every side.
    fn padded(x0: f32, y0: f32, x1: f32, y1: f32, pad: f32) -> Bounds {
        Bounds {
            x0: x0 - pad,
            y0: y0 - pad,
            x1: x1 + pad,
            y1: y1 + pad,
        }
    }
}

impl Item {
    /// The ink of this item, as boxes: a text run's glyph box, a rule's stroke, a stroked
    /// rectangle's four sides, a dark fill's area. A light fill is a background and has none.
    pub fn ink(&self) -> Vec<Bounds> {
        match *self {
            Item::Text {
                x,
                y,
                size,
                face,
                ref text,
                ..
            } => vec![Bounds {
                x0: x,
                y0: y - size * ASCENT,
                // What the painter draws: the glyphs' own advances, not the width the layout
                // believed the text had (the two differed for bold spaces, see `lines`).
                x1: x + face.metrics().width(text, size),
                y1: y + size * DESCENT,
            }],
            Item::Rule {
                x1,
                y1,
                x2,
                y2,
                thickness,
            } => vec![Bounds::padded(
                x1.min(x2),
                y1.min(y2),
                x1.max(x2),
                y1.max(y2),
                thickness / 2.0,
            )],
            Item::Rect {
                x,
                y,
                w,
                h,
                style: RectStyle::Stroke(t),
            } => {
                let (x1, y1, t) = (x + w, y + h, t / 2.0);
                vec![
                    Bounds::padded(x, y, x1, y, t),
                    Bounds::padded(x, y1, x1, y1, t),
                    Bounds::padded(x, y, x, y1, t),
                    Bounds::padded(x1, y, x1, y1, t),
                ]
            }
            Item::Rect {
                x,
                y,
                w,
                h,
                style: RectStyle::Fill(grey),
            } if grey < BACKGROUND => vec![Bounds::padded(x, y, x + w, y + h, 0.0)],
            Item::Rect { .. } => Vec::new(),
        }
    }
}

impl Page {
    /// Every breach of the layout's promise on this page: text whose ink touches other text
    /// or any line, box or dark fill; anything outside the printable area (the side margins,
    /// and the page less the header and footer bands' outer edge). Empty when the page is sound.
    pub fn collisions(&self, geo: &Geometry) -> Vec<String> {
        let area = Bounds {
            x0: geo.left - 0.01,
            y0: geo.header_baseline - 14.0,
            x1: geo.right + 0.01,
            y1: geo.footer_second_baseline + 6.0,
        };
        let mut problems = Vec::new();
        let inked: Vec<(usize, Bounds)> = (self.items.iter().enumerate())
            .flat_map(|(i, item)| item.ink().into_iter().map(move |b| (i, b)))
            .collect();
        for (i, b) in &inked {
            // A border drawn on the margin may spill half its stroke over it.
            let slack = match self.items[*i] {
                Item::Text { .. } => 0.0,
                _ => 1.0,
            };
            let inside = b.x0 >= area.x0 - slack
                && b.x1 <= area.x1 + slack
                && b.y0 >= area.y0
                && b.y1 <= area.y1;
            if !inside {
                problems.push(format!("outside the printable area: {}", self.describe(*i)));
            }
        }
        // Sweep in order of top edge: only boxes whose vertical extents meet are compared.
        let mut sorted = inked;
        sorted.sort_by(|a, b| a.1.y0.total_cmp(&b.1.y0));
        for (n, (i, a)) in sorted.iter().enumerate() {
            for (j, b) in &sorted[n + 1..] {
                if b.y0 >= a.y1 {
                    break;
                }
                let text = |k: usize| matches!(self.items[k], Item::Text { .. });
                if i != j && (text(*i) || text(*j)) && a.overlaps(b) {
                    problems.push(format!(
                        "{} overlaps {}",
                        self.describe(*i),
                        self.describe(*j)
                    ));
                }
            }
        }
        problems
    }

    fn describe(&self, i: usize) -> String {
        match &self.items[i] {
            Item::Text { text, x, y, .. } => format!("{text:?} at ({x:.1}, {y:.1})"),
            other => format!("{other:?}"),
        }
    }
}
