//! Stage 5, **typeset**: Markdown -> block tree -> lines -> pages -> PDF.
//!
//! One engine for every printed thing (packs, ad-hoc notices, and later forms and cards).
//! Layout ([`layout`], [`table`]) produces [`page::Document`]s that tests can inspect;
//! [`pdf`] only paints them.

pub mod assemble;
pub mod blocks;
pub mod fonts;
pub mod form;
mod furniture;
pub mod layout;
pub mod lines;
pub mod page;
pub mod pdf;
mod table;

use blocks::Block;
pub use furniture::{Footer, Furniture};
pub use layout::Appended;
use layout::{Layout, TocEntry};
use page::{Document, Geometry, Item};

/// Lay out `markdown` as A4 pages with `furniture` on every page, body text at 11 pt.
pub fn typeset(markdown: &str, furniture: &Furniture) -> Document {
    typeset_with(markdown, furniture, layout::BODY_SIZE)
}

/// As [`typeset`], with another body text size (action cards use large type).
pub fn typeset_with(markdown: &str, furniture: &Furniture, body: f32) -> Document {
    let mut doc = layout_markdown(markdown, body);
    let total = doc.pages.len();
    furniture::add(&mut doc.pages, furniture, &Geometry::a4(), 1, total);
    doc.title = furniture.title.clone();
    doc.author = furniture.author.clone();
    doc
}

/// Put page furniture on `pages`, numbering them from `first` out of `total`: used when a
/// document is assembled from parts (a ward pack followed by its blank forms).
pub fn add_furniture(pages: &mut [page::Page], furniture: &Furniture, first: usize, total: usize) {
    furniture::add(pages, furniture, &Geometry::a4(), first, total);
}

/// Lay out `markdown` as A4 pages without furniture. The contents lists every level-2
/// heading; its page numbers are filled in once layout has found where each section starts.
pub fn layout_markdown(markdown: &str, body: f32) -> Document {
    layout_appended(markdown, body, &[])
}

/// As [`layout_markdown`], for a document followed by `appended` parts (a ward pack's blank
/// forms): the contents lists them too, and links can point at them.
///
/// Links to places in the document print their page number. Layout runs again with the
/// numbers found until no page moves (a number's width can move a line); two passes in
/// practice, and a document without such links is laid out once.
pub fn layout_appended(markdown: &str, body: f32, appended: &[Appended]) -> Document {
    layout_appended_in(markdown, body, appended, Geometry::a4())
}

/// As [`typeset_with`], the body starting `reserve` points lower on every page: room for
/// something the caller prints at the top of each page (a patient list's data-as-of band);
/// and `footer` in place of a controlled document's.
pub fn typeset_reserving(
    markdown: &str,
    furniture: &Furniture,
    footer: &furniture::Footer,
    body: f32,
    reserve: f32,
) -> Document {
    let mut geo = Geometry::a4();
    geo.body_top += reserve;
    let mut doc = layout_appended_in(markdown, body, &[], geo);
    let total = doc.pages.len();
    furniture::add_with_footer(&mut doc.pages, furniture, footer, &Geometry::a4(), 1, total);
    doc.title = furniture.title.clone();
    doc.author = furniture.author.clone();
    doc
}

fn layout_appended_in(markdown: &str, body: f32, appended: &[Appended], geo: Geometry) -> Document {
    let has_refs = markdown.contains("](#");
    let mut refs = blocks::PageRefs::new();
    let mut passes = 0;
    loop {
        let doc = layout_pass(markdown, body, appended, &refs, geo);
        passes += 1;
        let found = anchors(&doc, appended);
        if !has_refs || found == refs || passes == 4 {
            return doc;
        }
        refs = found;
    }
}

/// The page of every heading (by its anchor, as the HTML viewer makes it; the first of equal
/// headings wins) and of every appended part.
fn anchors(doc: &Document, appended: &[Appended]) -> blocks::PageRefs {
    let mut refs = blocks::PageRefs::new();
    for h in &doc.headings {
        refs.entry(crate::html::slug(&h.text)).or_insert(h.page);
    }
    for a in appended {
        refs.insert(a.anchor.clone(), doc.pages.len() + a.offset);
    }
    refs
}

fn layout_pass(
    markdown: &str,
    body: f32,
    appended: &[Appended],
    refs: &blocks::PageRefs,
    geo: Geometry,
) -> Document {
    let mut warnings = Vec::new();
    let blocks = blocks::parse_with(markdown, &mut warnings, refs);

    let mut toc: Vec<TocEntry> = contents_entries(&blocks);
    if !toc.is_empty() {
        toc.extend(appended.iter().map(|a| TocEntry {
            text: a.title.clone(),
        }));
    }
    let mut layout = run(&blocks, geo, &toc, body);
    // Contents numbers sit in a fixed right-aligned column, so they can be filled in after
    // layout without moving anything else.
    let own = layout.pages.len();
    let sections: Vec<usize> = (layout.headings.iter())
        .filter(|h| h.level == 2)
        .map(|h| h.page)
        .chain(appended.iter().map(|a| own + a.offset))
        .collect();
    for (&(page, item), number) in layout.toc_slots.iter().zip(&sections) {
        if let Some(Item::Text {
            x,
            text,
            width,
            face,
            size,
            ..
        }) = layout.pages[page].items.get_mut(item)
        {
            let right = *x + *width;
            *text = number.to_string();
            *width = face.metrics().width(text, *size);
            *x = right - *width;
        }
    }
    warnings.append(&mut layout.warnings);
    for ch in &layout.missing {
        warnings.push(format!(
            "character U+{:04X} {} is not in the font; printed as [U+{:04X}]",
            *ch as u32,
            if ch.is_control() {
                String::new()
            } else {
                format!("'{ch}'")
            },
            *ch as u32
        ));
    }
    Document {
        pages: layout.pages,
        headings: layout.headings,
        title: String::new(),
        author: String::new(),
        warnings,
    }
}

fn run<'a>(blocks: &[Block], geo: Geometry, toc: &'a [TocEntry], body: f32) -> Layout<'a> {
    let mut layout = Layout::new(geo, toc, body);
    layout.blocks(blocks);
    // A trailing page break must not leave an empty last page.
    if layout.pages.len() > 1 && layout.pages.last().is_some_and(|p| p.items.is_empty()) {
        layout.pages.pop();
    }
    layout
}

/// Every level-2 heading, in the order layout meets them: the contents lists these when the
/// document has a `Toc` block.
fn contents_entries(blocks: &[Block]) -> Vec<TocEntry> {
    fn walk(blocks: &[Block], out: &mut Vec<TocEntry>) {
        for block in blocks {
            match block {
                Block::Heading { level: 2, spans } => out.push(TocEntry {
                    text: blocks::plain_text(spans),
                }),
                Block::Quote(children) => walk(children, out),
                Block::List { items, .. } => items.iter().for_each(|item| walk(&item.blocks, out)),
                _ => {}
            }
        }
    }
    let mut entries = Vec::new();
    if blocks.iter().any(|b| matches!(b, Block::Toc)) {
        walk(blocks, &mut entries);
    }
    entries
}
