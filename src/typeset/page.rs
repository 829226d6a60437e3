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
