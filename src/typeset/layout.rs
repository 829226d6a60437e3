//! Block tree -> pages: vertical flow, page breaks, lists, tick boxes, callouts, contents.
//!
//! Rules that matter on a ward: a heading is never the last thing on a page, a tick box never
//! leaves its text behind, and nothing is placed outside the margins whatever the input.

use super::blocks::{self, Block, Item as ListItem, Span};
use super::fonts::Face;
use super::lines::{break_lines, Line};
use super::page::{Geometry, HeadingMark, Item, Page, RectStyle};
use super::table;

/// Body text size: at least 11 pt for tired eyes in poor light.
pub const BODY_SIZE: f32 = 11.0;
/// Body size of action cards, read at arm's length in a hurry.
pub const LARGE_SIZE: f32 = 14.0;
/// Space after a paragraph.
const PARA_GAP: f32 = 5.0;
/// Indent of list content and nested lists.
const INDENT: f32 = 18.0;
/// Nesting stops indenting once the text column would be narrower than this.
const MIN_TEXT_WIDTH: f32 = 160.0;
const BOX_SIDE: f32 = 9.5;
const CALLOUT_PAD: f32 = 8.0;
const CALLOUT_BAR: f32 = 4.0;

/// A contents entry: the text of a level-2 heading.
#[derive(Debug, Clone)]
pub struct TocEntry {
    pub text: String,
}

/// A part printed after a document (a blank form after a ward pack): listed in the contents
/// under `title`, and linked to as `#anchor`.
#[derive(Debug, Clone)]
pub struct Appended {
    pub title: String,
    pub anchor: String,
    /// Its first page, counted from the document's last page (1: the page right after it).
    pub offset: usize,
}

pub struct Layout<'a> {
    pub geo: Geometry,
    pub pages: Vec<Page>,
    pub y: f32,
    pub headings: Vec<HeadingMark>,
    pub missing: Vec<char>,
    pub warnings: Vec<String>,
    /// Where each contents entry's page number was drawn: (page index, item index).
    pub toc_slots: Vec<(usize, usize)>,
    /// Body text size and line height of this document.
    pub body: f32,
    pub line: f32,
    toc: &'a [TocEntry],
    /// Callouts open at the current position: what a page break inside one prints at the top
    /// of the next page, so a reader knows the box goes on.
    open_callouts: Vec<OpenCallout>,
    /// True on a scratch layout measuring a callout: nested callouts are not measured again,
    /// so deep nesting costs twice the work, not twice per level.
    probing: bool,
}

/// A callout being laid out: its name (its first bold words), text column and first page.
struct OpenCallout {
    label: String,
    x: f32,
    width: f32,
    page: usize,
}

impl<'a> Layout<'a> {
    pub fn new(geo: Geometry, toc: &'a [TocEntry], body: f32) -> Self {
        Layout {
            geo,
            pages: vec![Page::default()],
            y: geo.body_top,
            headings: Vec::new(),
            missing: Vec::new(),
            warnings: Vec::new(),
            toc_slots: Vec::new(),
            body,
            line: body * 1.4,
            toc,
            open_callouts: Vec::new(),
            probing: false,
        }
    }

    pub fn page_index(&self) -> usize {
        self.pages.len() - 1
    }

    pub fn push(&mut self, item: Item) {
        if let Some(page) = self.pages.last_mut() {
            page.items.push(item);
        }
    }

    /// A horizontal rule from `x1` to `x2` at height `y`.
    pub fn rule(&mut self, x1: f32, x2: f32, y: f32, thickness: f32) {
        self.push(Item::Rule {
            x1,
            y1: y,
            x2,
            y2: y,
            thickness,
        });
    }

    pub fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = self.geo.body_top;
        // A box cut by the page break says so at the top of its continuation.
        if let Some(open) = self.open_callouts.last() {
            let text = format!("{} (continued from page {})", open.label, open.page);
            let span = Span {
                text,
                bold: false,
                italic: true,
                code: false,
            };
            let (x, width) = (open.x, open.width);
            self.y += CALLOUT_PAD;
            let lines = break_lines(&[span], width, self.body, &mut self.missing);
            for line in &lines {
                self.line(line, x, self.body, self.line);
                self.y += self.line;
            }
            self.y += PARA_GAP;
        }
    }

    pub fn at_page_top(&self) -> bool {
        self.y <= self.geo.body_top + 0.01
    }

    /// Start a new page unless `height` still fits (or we are already at the top).
    pub fn ensure(&mut self, height: f32) {
        if self.y + height > self.geo.body_bottom + 0.01 && !self.at_page_top() {
            self.new_page();
        }
    }

    /// Lay out every block of a document.
    pub fn blocks(&mut self, blocks: &[Block]) {
        let (x, width) = (self.geo.left, self.geo.body_width());
        for (i, block) in blocks.iter().enumerate() {
            self.block(block, x, width, &blocks[i + 1..]);
        }
    }

    /// Lay out `blocks` in the column from `x`, `width` wide (a form's instructions).
    pub fn blocks_in(&mut self, blocks: &[Block], x: f32, width: f32) {
        for (i, block) in blocks.iter().enumerate() {
            self.block(block, x, width, &blocks[i + 1..]);
        }
    }

    /// Lay out `block`; `following` are the blocks after it, which decide what it must be kept
    /// with.
    fn block(&mut self, block: &Block, x: f32, width: f32, following: &[Block]) {
        let next = following.first();
        match block {
            Block::Heading { level, spans } => self.heading(*level, spans, x, width, following),
            Block::Paragraph(spans) => {
                let lines = break_lines(spans, width, self.body, &mut self.missing);
                let height = lines.len() as f32 * self.line;
                // A lead-in (a key to a table's abbreviations) stays with the table's start.
                if let Some(Block::Table { .. }) = next {
                    let height = height + self.line * 3.0 + 8.0;
                    self.ensure(height.min(self.geo.body_height()));
                } else if next.is_some() && spans.iter().all(|s| s.bold || s.text.trim().is_empty())
                {
                    // A paragraph all in bold is a run-in heading ("When systems return"):
                    // never alone at a page bottom, kept with the start of what follows.
                    let follow = self.start_height(following, x, width);
                    self.ensure((height + PARA_GAP + follow).min(self.geo.body_height()));
                }
                let (size, line) = (self.body, self.line);
                self.lines(&lines, x, size, line);
                self.y += PARA_GAP;
            }
            Block::List { start, items } => self.list(*start, items, x, width),
            Block::Table { header, rows } => table::table(self, header, rows, x, width),
            Block::Quote(children) => self.callout(children, x, width),
            Block::Code(code) => self.code(code, x, width),
            Block::Rule => {
                self.ensure(12.0);
                self.y += 5.0;
                self.rule(x, x + width, self.y, 0.8);
                self.y += 7.0;
            }
            Block::PageBreak => {
                if !self.at_page_top() {
                    self.new_page();
                }
            }
            Block::Toc => self.contents(x, width),
        }
    }

    /// Draw already-broken lines at `x`, moving down; each line moves to a new page if needed.
    pub fn lines(&mut self, lines: &[Line], x: f32, size: f32, line_height: f32) {
        for line in lines {
            self.ensure(line_height);
            self.line(line, x, size, line_height);
            self.y += line_height;
        }
    }

    /// Draw one line with its top at the current y (without moving).
    pub fn line(&mut self, line: &Line, x: f32, size: f32, line_height: f32) {
        let baseline = self.y + (line_height + size * 0.72) / 2.0;
        for run in &line.runs {
            self.push(Item::Text {
                x: x + run.x,
                y: baseline,
                size,
                face: run.face,
                text: run.text.clone(),
                width: run.width,
            });
        }
    }

    pub fn paragraph(&mut self, spans: &[Span], x: f32, width: f32, size: f32, line_height: f32) {
        let lines = break_lines(spans, width, size, &mut self.missing);
        self.lines(&lines, x, size, line_height);
    }

    /// What the blocks after a heading need on this page to start there, as each block itself
    /// decides where it starts: a heading that keeps less would be left alone when they move.
    fn start_height(&mut self, following: &[Block], x: f32, width: f32) -> f32 {
        match following {
            // A table starts with its header and first row.
            [Block::Table { header, rows }, ..] => table::start_height(self, header, rows, width),
            // A lead-in paragraph is itself kept with its table, so the heading keeps both.
            [Block::Paragraph(spans), Block::Table { header, rows }, ..] => {
                let lead_in = break_lines(spans, width, self.body, &mut Vec::new()).len() as f32;
                let table_start = table::start_height(self, header, rows, width);
                (lead_in * self.line + PARA_GAP + table_start).min(self.geo.body_height() / 2.0)
            }
            // A box that fits on a page moves whole, so its heading goes with all of it.
            [Block::Quote(children), ..] => (self.callout_height(children, width))
                .unwrap_or(CALLOUT_PAD * 2.0 + self.line * 2.0),
            // A list starts with its first item, kept as `list` keeps it.
            [Block::List { items, .. }, ..] if !items.is_empty() => {
                let (_, content_x, content_width) = list_columns(x, width);
                let first = &items[0];
                let lines = match first.blocks.first() {
                    Some(Block::Paragraph(spans)) => {
                        break_lines(spans, content_width, self.body, &mut Vec::new()).len()
                    }
                    _ => 1,
                };
                self.item_keep(first, lines as f32 * self.line, content_x, content_width)
            }
            // A heading straight after keeps its own start, so this one keeps both.
            [Block::Heading { level, spans }, rest @ ..] => {
                let (size, before) = heading_size(*level, self.body);
                let lines =
                    break_lines(&emboldened(spans), width, size, &mut Vec::new()).len() as f32;
                before
                    + lines * size * 1.3
                    + heading_after(*level)
                    + self.start_height(rest, x, width)
            }
            [] => self.line,
            _ => self.line * 2.0,
        }
    }

    fn heading(&mut self, level: u8, spans: &[Span], x: f32, width: f32, following: &[Block]) {
        let (size, before) = heading_size(level, self.body);
        let lines = break_lines(&emboldened(spans), width, size, &mut self.missing);
        let line_height = size * 1.3;
        let height = lines.len() as f32 * line_height;
        // Keep the heading with the start of what follows it: never alone at a page bottom.
        let follow = self.start_height(following, x, width);
        if !self.at_page_top() {
            let needed = before + height + heading_after(level) + follow;
            self.ensure(needed.min(self.geo.body_height()));
            if !self.at_page_top() {
                self.y += before;
            }
        }
        self.headings.push(HeadingMark {
            level,
            text: blocks::plain_text(spans),
            page: self.page_index() + 1,
        });
        self.lines(&lines, x, size, line_height);
        if level <= 2 {
            let thickness = if level == 1 { 1.5 } else { 0.8 };
            self.rule(x, x + width, self.y + 1.0, thickness);
            self.y += 4.0;
        }
        self.y += 4.0;
    }

    fn list(&mut self, start: Option<u64>, items: &[ListItem], x: f32, width: f32) {
        let (marker_indent, content_x, content_width) = list_columns(x, width);
        for (n, item) in items.iter().enumerate() {
            // The marker and the first block of the item go on the same page. The first
            // paragraph is broken into lines once, to measure it and then to draw it.
            let first_lines = match item.blocks.first() {
                Some(Block::Paragraph(spans)) => Some(break_lines(
                    spans,
                    content_width,
                    self.body,
                    &mut self.missing,
                )),
                _ => None,
            };
            let first_height = first_lines
                .as_ref()
                .map_or(self.line, |l| l.len() as f32 * self.line);
            let keep = self.item_keep(item, first_height, content_x, content_width);
            self.ensure(keep.min(self.geo.body_height()));
            let marker_y = self.y;
            match (item.task, start) {
                (Some(checked), _) => {
                    self.tick_box(x.max(content_x - marker_indent), marker_y, checked)
                }
                (None, Some(first)) => {
                    let label = format!("{}.", first.saturating_add(n as u64));
                    self.marker_text(&label, content_x - marker_indent, marker_y);
                }
                (None, None) => self.marker_text("•", content_x - marker_indent + 3.0, marker_y),
            }
            if item.blocks.is_empty() {
                self.y += self.line;
            }
            for (i, block) in item.blocks.iter().enumerate() {
                match (i, block, &first_lines) {
                    (0, Block::Paragraph(_), Some(lines)) => {
                        let (size, line) = (self.body, self.line);
                        self.lines(lines, content_x, size, line);
                    }
                    // Paragraphs inside list items sit tight; the list adds its own spacing.
                    (_, Block::Paragraph(spans), _) => {
                        self.paragraph(spans, content_x, content_width, self.body, self.line)
                    }
                    (_, other, _) => {
                        self.block(other, content_x, content_width, &item.blocks[i + 1..])
                    }
                }
            }
            self.y += 1.5;
        }
        self.y += PARA_GAP - 1.5;
    }

    /// What a list item keeps together on one page: a short item with more under it (a step
    /// and its forms or its escalation's contacts) stays whole, since a "Forms:" line alone at
    /// the top of a page has lost its step; a long one keeps its first block (`first_height`)
    /// with its marker.
    fn item_keep(&self, item: &ListItem, first_height: f32, x: f32, width: f32) -> f32 {
        // An item kept whole is at most a third of a page: with that much room left (and some
        // for a heading above it) it fits whatever its height, so it is not measured. Most
        // items are not near a page foot; measuring each would lay out every list twice.
        let room = self.geo.body_bottom - self.y;
        if room >= self.geo.body_height() / 3.0 + 100.0 {
            return first_height;
        }
        (item.blocks.len() > 1)
            .then(|| self.measure(|probe| probe.blocks_in(&item.blocks, x, width)))
            .flatten()
            .filter(|&h| h <= self.geo.body_height() / 3.0)
            .unwrap_or(first_height)
    }

    fn marker_text(&mut self, label: &str, x: f32, y: f32) {
        let face = Face::Regular;
        let width = face.metrics().width(label, self.body);
        let baseline = y + (self.line + self.body * 0.72) / 2.0;
        self.push(Item::Text {
            x,
            y: baseline,
            size: self.body,
            face,
            text: label.to_string(),
            width,
        });
    }

    /// An empty box to tick with a pen: drawn, not a glyph, so it prints the same everywhere.
    fn tick_box(&mut self, x: f32, y: f32, checked: bool) {
        let top = y + (self.line - BOX_SIDE) / 2.0;
        self.push(Item::Rect {
            x,
            y: top,
            w: BOX_SIDE,
            h: BOX_SIDE,
            style: RectStyle::Stroke(0.9),
        });
        if checked {
            self.push(Item::Rule {
                x1: x + 2.0,
                y1: top + 5.0,
                x2: x + 4.0,
                y2: top + 7.5,
                thickness: 1.2,
            });
            self.push(Item::Rule {
                x1: x + 4.0,
                y1: top + 7.5,
                x2: x + 8.0,
                y2: top + 1.5,
                thickness: 1.2,
            });
        }
    }

    /// A block quote, drawn as a boxed callout with a heavy bar on the left: a warning that
    /// stands out in black and white.
    /// Where a box's contents sit inside a box `width` wide at `x`: after the bar and padding.
    fn callout_inner(x: f32, width: f32) -> (f32, f32) {
        let inner_x = x + CALLOUT_BAR + CALLOUT_PAD + 2.0;
        let inner_width = (width - CALLOUT_BAR - 2.0 * CALLOUT_PAD - 2.0)
            .max(MIN_TEXT_WIDTH / 2.0)
            .min(width);
        (inner_x.min(x + width - inner_width), inner_width)
    }

    /// The height of a box `width` wide, measured on a scratch page; `None` when it does not
    /// fit on one page (or while measuring another box: boxes are measured one level deep).
    fn callout_height(&self, children: &[Block], width: f32) -> Option<f32> {
        let (inner_x, inner_width) = Self::callout_inner(0.0, width);
        self.measure(|probe| probe.callout_body(children, inner_x, inner_width))
    }

    /// The height of what `draw` lays out, measured on a scratch page from its top; `None`
    /// when it does not fit on one page, or while measuring already (one level deep keeps
    /// the cost linear).
    fn measure(&self, draw: impl FnOnce(&mut Layout)) -> Option<f32> {
        if self.probing {
            return None;
        }
        let mut probe = Layout::new(self.geo, &[], self.body);
        probe.probing = true;
        draw(&mut probe);
        (probe.pages.len() == 1).then_some(probe.y - probe.geo.body_top)
    }

    fn callout(&mut self, children: &[Block], x: f32, width: f32) {
        let (inner_x, inner_width) = Self::callout_inner(x, width);
        // A box that fits on a page is never cut.
        match self.callout_height(children, width) {
            Some(height) => self.ensure(height),
            None => self.ensure(CALLOUT_PAD * 2.0 + self.line * 2.0),
        }
        let start_page = self.page_index();
        let start_y = self.y;
        self.open_callouts.push(OpenCallout {
            label: callout_label(children),
            x: inner_x,
            width: inner_width,
            page: start_page + 1,
        });
        self.callout_body(children, inner_x, inner_width);
        self.open_callouts.pop();
        let end_page = self.page_index();
        for p in start_page..=end_page {
            let top = if p == start_page {
                start_y
            } else {
                self.geo.body_top - 4.0
            };
            let bottom = if p == end_page {
                self.y
            } else {
                self.geo.body_bottom + 4.0
            };
            let page = &mut self.pages[p];
            page.items.push(Item::Rect {
                x,
                y: top,
                w: width,
                h: bottom - top,
                style: RectStyle::Stroke(1.0),
            });
            page.items.push(Item::Rect {
                x,
                y: top,
                w: CALLOUT_BAR,
                h: bottom - top,
                style: RectStyle::Fill(0.0),
            });
        }
        self.y += PARA_GAP + 2.0;
    }

    /// A callout's padded contents, from the current position.
    fn callout_body(&mut self, children: &[Block], x: f32, width: f32) {
        self.y += CALLOUT_PAD;
        for (i, block) in children.iter().enumerate() {
            self.block(block, x, width, &children[i + 1..]);
        }
        self.y += CALLOUT_PAD - PARA_GAP;
    }

    fn code(&mut self, code: &str, x: f32, width: f32) {
        for source_line in code.lines() {
            let span = Span {
                text: source_line.to_string(),
                bold: false,
                italic: false,
                code: true,
            };
            let lines = break_lines(&[span], width - 8.0, self.body, &mut self.missing);
            self.lines(&lines, x + 8.0, self.body, self.line);
        }
        self.y += PARA_GAP;
    }

    /// The table of contents: every level-2 heading and its page, numbers right-aligned.
    fn contents(&mut self, x: f32, width: f32) {
        self.heading(2, &[plain("Contents")], x, width, &[]);
        self.headings.pop(); // "Contents" does not list itself
        let number_width = 40.0;
        for entry in self.toc {
            let lines = break_lines(
                &[plain(&entry.text)],
                width - number_width - 10.0,
                self.body,
                &mut self.missing,
            );
            self.ensure(lines.len() as f32 * self.line);
            let first_y = self.y;
            self.lines(&lines, x, self.body, self.line);
            // The number sits on the entry's last line, right-aligned; `typeset` fills it in
            // once the section's page is known. Its width never changes the layout.
            let label = "?".to_string();
            let face = Face::Bold;
            let w = face.metrics().width(&label, self.body);
            let last_top = (self.y - self.line).max(first_y);
            let baseline = last_top + (self.line + self.body * 0.72) / 2.0;
            self.push(Item::Text {
                x: x + width - w,
                y: baseline,
                size: self.body,
                face,
                text: label,
                width: w,
            });
            let page = self.page_index();
            self.toc_slots
                .push((page, self.pages[page].items.len() - 1));
            self.y += 2.0;
        }
        self.y += PARA_GAP;
    }
}

/// What a callout is called where it continues: its opening bold words ("Emergency
/// contacts"), or "Box" when it has none.
/// A heading's text: all of it bold.
fn emboldened(spans: &[Span]) -> Vec<Span> {
    (spans.iter())
        .map(|s| Span {
            bold: true,
            ..s.clone()
        })
        .collect()
}

/// A heading's type size and the space above it, by level.
fn heading_size(level: u8, body: f32) -> (f32, f32) {
    match level {
        1 => (body * 1.8, 0.0),
        2 => (body * 1.4, 12.0),
        3 => (body * 1.18, 8.0),
        _ => (body + 0.5, 6.0),
    }
}

/// The space a heading leaves below its last line (with its rule, at levels 1 and 2).
fn heading_after(level: u8) -> f32 {
    if level <= 2 {
        8.0
    } else {
        4.0
    }
}

/// A list's columns at `x`, `width` wide: the markers' indent, and where and how wide the
/// items' text is (no indent in a column too narrow for one).
fn list_columns(x: f32, width: f32) -> (f32, f32, f32) {
    let indent = if width - INDENT >= MIN_TEXT_WIDTH {
        INDENT
    } else {
        0.0
    };
    let marker_indent = if indent > 0.0 { indent } else { BOX_SIDE + 4.0 };
    if width - marker_indent >= MIN_TEXT_WIDTH / 2.0 {
        (marker_indent, x + marker_indent, width - marker_indent)
    } else {
        (marker_indent, x, width)
    }
}

fn callout_label(children: &[Block]) -> String {
    let first = match children.first() {
        Some(Block::Paragraph(spans)) => spans.first().filter(|s| s.bold),
        _ => None,
    };
    match first {
        Some(span) => span.text.trim().trim_end_matches(['.', ':']).to_string(),
        None => "Box".to_string(),
    }
}

pub fn plain(text: &str) -> Span {
    Span {
        text: text.to_string(),
        bold: false,
        italic: false,
        code: false,
    }
}
