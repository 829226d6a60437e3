//! Markdown -> block tree: the typesetter's own small document model.
//!
//! Everything pulldown-cmark can produce maps to one of these blocks. Constructs a printed
//! pack does not need (HTML, images, footnotes) degrade to plain text with a warning, so the
//! PDF never silently drops what the Markdown says.

use crate::markdown;
use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

/// Deeper nesting than this is flattened: the page has no room for it and a hostile input
/// must not blow the stack.
pub const MAX_DEPTH: usize = 48;

/// A run of text in one style.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub code: bool,
}

/// A forced line break inside a paragraph is a span holding exactly this.
pub const LINE_BREAK: &str = "\n";

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Heading {
        level: u8,
        spans: Vec<Span>,
    },
    Paragraph(Vec<Span>),
    List {
        start: Option<u64>,
        items: Vec<Item>,
    },
    Table {
        header: Vec<Vec<Span>>,
        rows: Vec<Vec<Vec<Span>>>,
    },
    /// Block quote, printed as a boxed callout.
    Quote(Vec<Block>),
    Code(String),
    Rule,
    PageBreak,
    Toc,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// `Some(checked)` for a task-list item: drawn as a tick box.
    pub task: Option<bool>,
    pub blocks: Vec<Block>,
}

/// One open container while walking the events.
enum Frame {
    Root(Vec<Block>),
    Quote(Vec<Block>),
    List {
        start: Option<u64>,
        items: Vec<Item>,
    },
    Item(Item),
    Table {
        header: Vec<Vec<Span>>,
        rows: Vec<Vec<Vec<Span>>>,
        row: Vec<Vec<Span>>,
        in_head: bool,
    },
}

/// Build the block tree of `text`, pushing a warning for each construct shown as plain text.
pub fn parse(text: &str, warnings: &mut Vec<String>) -> Vec<Block> {
    parse_with(text, warnings, &PageRefs::new())
}

/// Page numbers of the places a document can link to (`[→](#anchor)`), by anchor.
pub type PageRefs = std::collections::HashMap<String, usize>;

/// As [`parse`]; a link to a place in the document (`[→](#pacs-is-down)`) is printed as
/// its text followed by the page number `pages` gives for that anchor. While `pages` is still
/// empty (the first layout pass) a placeholder of two digits stands in.
pub fn parse_with(text: &str, warnings: &mut Vec<String>, pages: &PageRefs) -> Vec<Block> {
    let mut parser = Parser {
        stack: vec![Frame::Root(Vec::new())],
        skipped: 0,
        inline: None,
        bold: 0,
        italic: 0,
        link_urls: Vec::new(),
        code_block: None,
        warnings,
        pages,
    };
    for event in markdown::parser(text) {
        parser.event(event);
    }
    parser.finish()
}

/// The state of one pass over pulldown-cmark's events: the open containers, the inline text
/// being gathered, and the emphasis, links and code block it is inside.
struct Parser<'a> {
    stack: Vec<Frame>,
    /// Containers opened past MAX_DEPTH are not pushed; count them to ignore their ends.
    skipped: usize,
    inline: Option<(InlineKind, Vec<Span>)>,
    bold: u32,
    italic: u32,
    link_urls: Vec<(String, usize)>,
    code_block: Option<String>,
    warnings: &'a mut Vec<String>,
    pages: &'a PageRefs,
}

impl Parser<'_> {
    fn event(&mut self, event: Event) {
        if let Some(code) = self.code_block.as_mut() {
            match event {
                Event::Text(t) => code.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let code = self.code_block.take().unwrap_or_default();
                    push_block(
                        &mut self.stack,
                        Block::Code(code.trim_end_matches('\n').to_string()),
                    );
                }
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(end) => self.end(end),
            other => self.leaf(other),
        }
    }

    fn start(&mut self, tag: Tag) {
        match tag {
            tag @ (Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::List(_)
            | Tag::Item
            | Tag::BlockQuote(_)
            | Tag::Table(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock) => {
                // A block starting inside a tight list item ends the item's loose text.
                flush_loose_inline(&mut self.inline, &mut self.stack);
                start_tag(
                    tag,
                    &mut self.inline,
                    &mut self.stack,
                    &mut self.skipped,
                    &mut self.code_block,
                )
            }
            Tag::TableCell => self.inline = Some((InlineKind::Cell, Vec::new())),
            Tag::Emphasis => self.italic += 1,
            Tag::Strong => self.bold += 1,
            Tag::Strikethrough => {}
            Tag::Link { dest_url, .. } => {
                let at = self.inline.as_ref().map(|(_, s)| s.len()).unwrap_or(0);
                self.link_urls.push((dest_url.to_string(), at));
            }
            Tag::Image { dest_url, .. } => {
                self.warnings.push(format!(
                    "image `{dest_url}` is shown as its description only"
                ));
                add_text(&mut self.inline, "[image: ", self.bold > 0, self.italic > 0);
            }
            Tag::TableHead => {
                if let Some(Frame::Table { in_head, .. }) = self.stack.last_mut() {
                    *in_head = true;
                }
            }
            Tag::TableRow => {}
            Tag::FootnoteDefinition(label) => {
                self.warnings.push(format!(
                    "footnote `{label}` is printed as a plain paragraph"
                ));
            }
            other => {
                self.warnings
                    .push(format!("{other:?} is printed as plain text"));
            }
        }
    }

    fn end(&mut self, end: TagEnd) {
        match end {
            TagEnd::Paragraph | TagEnd::Heading(_) => {
                if let Some((kind, spans)) = self.inline.take() {
                    let block = match kind {
                        InlineKind::Heading(level) => Block::Heading { level, spans },
                        _ => Block::Paragraph(spans),
                    };
                    push_block(&mut self.stack, block);
                }
            }
            TagEnd::TableCell => {
                let spans = self.inline.take().map(|(_, s)| s).unwrap_or_default();
                if let Some(Frame::Table { row, .. }) = self.stack.last_mut() {
                    row.push(spans);
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                if let Some(Frame::Table {
                    header,
                    rows,
                    row,
                    in_head,
                }) = self.stack.last_mut()
                {
                    let cells = std::mem::take(row);
                    if *in_head && header.is_empty() {
                        *header = cells;
                    } else {
                        rows.push(cells);
                    }
                    *in_head = false;
                }
            }
            TagEnd::Emphasis => self.italic = self.italic.saturating_sub(1),
            TagEnd::Strong => self.bold = self.bold.saturating_sub(1),
            TagEnd::Link => self.end_link(),
            TagEnd::Image => add_text(&mut self.inline, "]", self.bold > 0, self.italic > 0),
            TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item | TagEnd::Table
                if self.skipped > 0 =>
            {
                self.skipped -= 1;
            }
            TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item | TagEnd::Table => {
                // Text directly inside an item (tight list) arrives without a paragraph.
                flush_loose_inline(&mut self.inline, &mut self.stack);
                if self.stack.len() > 1 {
                    let frame = self.stack.pop().expect("stack has more than the root");
                    close_frame(frame, &mut self.stack);
                }
            }
            _ => {}
        }
    }

    /// The end of a link: a link within the pack prints the page it leads to, and a web
    /// address is kept in brackets unless the text already shows it.
    fn end_link(&mut self) {
        if let Some((url, at)) = self.link_urls.pop() {
            let shown: String = self
                .inline
                .as_ref()
                .map(|(_, s)| {
                    s[at.min(s.len())..]
                        .iter()
                        .map(|s| s.text.as_str())
                        .collect()
                })
                .unwrap_or_default();
            // A printed page cannot be clicked: keep a web address; links between packs are
            // just the pack's name on paper.
            if let Some(anchor) = url.strip_prefix('#') {
                let number = match self.pages.get(anchor) {
                    Some(page) => page.to_string(),
                    None if self.pages.is_empty() => "00".to_string(),
                    None => {
                        self.warnings
                            .push(format!("link to `#{anchor}`: no such section"));
                        "?".to_string()
                    }
                };
                add_text(&mut self.inline, &format!(" {number}"), true, false);
            }
            let external = url.contains("://") || url.starts_with("mailto:");
            if external && shown.trim() != url {
                add_text(&mut self.inline, &format!(" ({url})"), false, false);
            }
        }
    }

    /// Text, code, breaks, rules, HTML and the other events that are not containers.
    fn leaf(&mut self, event: Event) {
        match event {
            Event::Text(t) => {
                if self.inline.is_none() {
                    self.inline = Some((InlineKind::Loose, Vec::new()));
                }
                add_text(&mut self.inline, &t, self.bold > 0, self.italic > 0);
            }
            Event::Code(t) => {
                if self.inline.is_none() {
                    self.inline = Some((InlineKind::Loose, Vec::new()));
                }
                if let Some((_, spans)) = self.inline.as_mut() {
                    spans.push(Span {
                        text: t.to_string(),
                        bold: self.bold > 0,
                        italic: self.italic > 0,
                        code: true,
                    });
                }
            }
            Event::SoftBreak => add_text(&mut self.inline, " ", self.bold > 0, self.italic > 0),
            Event::HardBreak => {
                if let Some((_, spans)) = self.inline.as_mut() {
                    spans.push(Span {
                        text: LINE_BREAK.into(),
                        bold: false,
                        italic: false,
                        code: false,
                    });
                }
            }
            Event::Rule => push_block(&mut self.stack, Block::Rule),
            Event::Html(html) | Event::InlineHtml(html) => {
                let trimmed = html.trim();
                if trimmed == markdown::PAGE_BREAK {
                    push_block(&mut self.stack, Block::PageBreak);
                } else if trimmed == markdown::TOC {
                    push_block(&mut self.stack, Block::Toc);
                } else if trimmed.starts_with("<!--") && trimmed.ends_with("-->") {
                    // Comments are notes for the Markdown's readers, not for print.
                } else if !trimmed.is_empty() {
                    self.warnings.push(format!(
                        "HTML `{}` is printed as text",
                        truncate(trimmed, 40)
                    ));
                    add_text(&mut self.inline, &html, self.bold > 0, self.italic > 0);
                    if matches!(self.inline, Some((InlineKind::Loose, _))) {
                        flush_loose_inline(&mut self.inline, &mut self.stack);
                    }
                }
            }
            Event::TaskListMarker(checked) => {
                if let Some(Frame::Item(item)) = self.stack.last_mut() {
                    item.task = Some(checked);
                }
            }
            Event::FootnoteReference(label) => {
                add_text(&mut self.inline, &format!("[{label}]"), false, false)
            }
            Event::InlineMath(m) | Event::DisplayMath(m) => {
                self.warnings
                    .push("maths is printed as its source text".into());
                add_text(&mut self.inline, &m, false, false);
            }
            Event::Start(_) | Event::End(_) => {}
        }
    }

    fn finish(mut self) -> Vec<Block> {
        flush_loose_inline(&mut self.inline, &mut self.stack);
        while self.stack.len() > 1 {
            let frame = self.stack.pop().expect("stack has more than the root");
            close_frame(frame, &mut self.stack);
        }
        match self.stack.pop() {
            Some(Frame::Root(blocks)) => blocks,
            _ => Vec::new(),
        }
    }
}

/// Open a block-level container or inline context.
fn start_tag(
    tag: Tag,
    inline: &mut Option<(InlineKind, Vec<Span>)>,
    stack: &mut Vec<Frame>,
    skipped: &mut usize,
    code_block: &mut Option<String>,
) {
    let container = matches!(
        tag,
        Tag::BlockQuote(_) | Tag::List(_) | Tag::Item | Tag::Table(_)
    );
    if container && stack.len() >= MAX_DEPTH {
        *skipped += 1;
        return;
    }
    match tag {
        Tag::Paragraph => *inline = Some((InlineKind::Paragraph, Vec::new())),
        Tag::Heading { level, .. } => {
            *inline = Some((InlineKind::Heading(heading_level(level)), Vec::new()))
        }
        Tag::CodeBlock(_) => *code_block = Some(String::new()),
        Tag::BlockQuote(_) => stack.push(Frame::Quote(Vec::new())),
        Tag::List(start) => stack.push(Frame::List {
            start,
            items: Vec::new(),
        }),
        Tag::Item => stack.push(Frame::Item(Item {
            task: None,
            blocks: Vec::new(),
        })),
        Tag::Table(_) => stack.push(Frame::Table {
            header: Vec::new(),
            rows: Vec::new(),
            row: Vec::new(),
            in_head: false,
        }),
        _ => {}
    }
}

#[derive(Clone, Copy, PartialEq)]
enum InlineKind {
    Paragraph,
    Heading(u8),
    Cell,
    /// Text outside any paragraph (tight list items).
    Loose,
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn add_text(inline: &mut Option<(InlineKind, Vec<Span>)>, text: &str, bold: bool, italic: bool) {
    let (_, spans) = inline.get_or_insert_with(|| (InlineKind::Loose, Vec::new()));
    match spans.last_mut() {
        Some(last)
            if last.bold == bold
                && last.italic == italic
                && !last.code
                && last.text != LINE_BREAK =>
        {
            last.text.push_str(text)
        }
        _ => spans.push(Span {
            text: text.to_string(),
            bold,
            italic,
            code: false,
        }),
    }
}

/// Add a finished block to the innermost open container.
fn push_block(stack: &mut [Frame], block: Block) {
    match stack.last_mut() {
        Some(Frame::Root(blocks)) | Some(Frame::Quote(blocks)) => blocks.push(block),
        Some(Frame::Item(item)) => item.blocks.push(block),
        // Blocks cannot sit directly in a list or table; wrap them in an item (or a row).
        Some(Frame::List { items, .. }) => items.push(Item {
            task: None,
            blocks: vec![block],
        }),
        Some(Frame::Table { rows, .. }) => {
            if let Block::Paragraph(spans) = block {
                rows.push(vec![spans]);
            }
        }
        None => {}
    }
}

/// Text that arrived outside a paragraph (a tight list item) becomes a paragraph block.
fn flush_loose_inline(inline: &mut Option<(InlineKind, Vec<Span>)>, stack: &mut [Frame]) {
    if let Some((InlineKind::Loose, spans)) = inline {
        let block = Block::Paragraph(std::mem::take(spans));
        *inline = None;
        push_block(stack, block);
    }
}

fn close_frame(frame: Frame, stack: &mut [Frame]) {
    match frame {
        Frame::Quote(blocks) => push_block(stack, Block::Quote(blocks)),
        Frame::List { start, items } => push_block(stack, Block::List { start, items }),
        Frame::Item(item) => match stack.last_mut() {
            Some(Frame::List { items, .. }) => items.push(item),
            _ => {
                for block in item.blocks {
                    push_block(stack, block);
                }
            }
        },
        Frame::Table { header, rows, .. } => push_block(stack, Block::Table { header, rows }),
        Frame::Root(blocks) => {
            for block in blocks {
                push_block(stack, block);
            }
        }
    }
}

fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}...", &text[..at]),
        None => text.to_string(),
    }
}

/// All the text of a list of spans, for headings in the outline and table of contents.
pub fn plain_text(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| {
            if s.text == LINE_BREAK {
                " "
            } else {
                s.text.as_str()
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
