//! Paint laid-out pages into a PDF with printpdf. No layout decisions are made here.
//!
//! Reproducibility: fonts get fixed resource names, bookmarks fixed ids, dates come from the
//! caller, and the trailer `/ID` (random in printpdf) is replaced by a hash of the file.

use super::fonts::Face;
use super::page::{Document, Item, RectStyle, PAGE_HEIGHT};
use printpdf::{
    Color, FontId, Greyscale, Line, LinePoint, Mm, Op, PageAnnotId, PageAnnotation, ParsedFont,
    PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem,
    TextMatrix,
};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

/// The parsed fonts, shared by every document this process writes.
fn parsed(face: Face) -> &'static ParsedFont {
    static FONTS: OnceLock<Vec<ParsedFont>> = OnceLock::new();
    &FONTS.get_or_init(|| Face::ALL.iter().map(|&f| cut_down(f)).collect())[face as usize]
}

/// The face cut down to the characters we print (`fonts::in_repertoire`), once per process.
/// printpdf subsets the font again for every PDF, and that reads the whole glyph table each
/// time: ~3,200 glyphs instead of DejaVu Sans's ~6,250 took a fifth off full builds.
fn cut_down(face: Face) -> ParsedFont {
    let full = ParsedFont::from_bytes(face.bytes(), 0, &mut Vec::new())
        .expect("the bundled DejaVu fonts parse");
    let metrics = face.metrics();
    let mut glyphs = BTreeMap::new();
    for ch in (0u32..=0xFFFF).filter_map(char::from_u32) {
        if metrics.has(ch) {
            if let Some(gid) = full.lookup_glyph_index(ch as u32) {
                glyphs.entry(gid).or_insert_with(|| ch.to_string());
            }
        }
    }
    printpdf::subset_font(&full, &glyphs)
        .ok()
        .and_then(|subset| ParsedFont::from_bytes(&subset.bytes, 0, &mut Vec::new()))
        .expect("the bundled DejaVu fonts can be cut down")
}

/// Serialize `doc` to PDF bytes. `timestamp` (Unix seconds) is the creation date written in
/// the metadata: from SOURCE_DATE_EPOCH or the pack's issue date, never the clock.
pub fn write(doc: &Document, timestamp: i64) -> Vec<u8> {
    let mut pdf = PdfDocument::new(&doc.title);
    let date = printpdf::OffsetDateTime::from_unix_timestamp(timestamp).unwrap_or_else(|_| {
        printpdf::OffsetDateTime::from_unix_timestamp(0).expect("epoch is valid")
    });
    let info = &mut pdf.metadata.info;
    info.author = doc.author.clone();
    info.creator = "downtime".into();
    info.producer = format!("downtime {}", env!("CARGO_PKG_VERSION"));
    info.creation_date = date;
    info.modification_date = date;
    info.metadata_date = date;

    let used: BTreeSet<Face> = doc
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|item| match item {
            Item::Text { face, .. } => Some(*face),
            _ => None,
        })
        .collect();
    for face in used {
        pdf.resources.fonts.map.insert(
            FontId(face.resource_name().into()),
            PdfFont::new(parsed(face).clone()),
        );
    }

    let pages = doc
        .pages
        .iter()
        .map(|page| PdfPage::new(Mm(210.0), Mm(297.0), paint(&page.items)))
        .collect();
    pdf.with_pages(pages);
    for (i, mark) in doc.headings.iter().filter(|h| h.level <= 2).enumerate() {
        pdf.bookmarks.map.insert(
            PageAnnotId(format!("B{i:05}")),
            PageAnnotation {
                name: mark.text.clone(),
                page: mark.page,
            },
        );
    }
    // printpdf compresses at zlib's best level, which dominated the profile; the default
    // fast level gives files about a tenth larger in a fraction of the time.
    let options = PdfSaveOptions {
        optimize: false,
        ..PdfSaveOptions::default()
    };
    let mut lopdf_doc = pdf.to_lopdf_document(&options, &mut Vec::new());
    compress_streams(&mut lopdf_doc);
    let mut bytes = Vec::new();
    lopdf_doc
        .save_to(&mut bytes)
        .expect("writing a PDF to memory cannot fail");
    stable_id(bytes)
}

fn compress_streams(doc: &mut lopdf::Document) {
    use std::io::Write;
    for object in doc.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        if encoder.write_all(&stream.content).is_err() {
            continue;
        }
        if let Ok(compressed) = encoder.finish() {
            if compressed.len() + 19 < stream.content.len() {
                stream.dict.set("Filter", "FlateDecode");
                stream.set_content(compressed);
            }
        }
    }
}

fn grey(percent: f32) -> Color {
    Color::Greyscale(Greyscale {
        percent,
        icc_profile: None,
    })
}

/// A page's drawing operations, in the order of its items: consecutive text shares one text
/// section, and the font is set only when it changes.
fn paint(items: &[Item]) -> Vec<Op> {
    let mut painter = Painter {
        ops: vec![
            Op::SetFillColor { col: grey(0.0) },
            Op::SetOutlineColor { col: grey(0.0) },
        ],
        in_text: false,
        font: None,
    };
    for item in items {
        painter.text_section(matches!(item, Item::Text { .. }));
        match item {
            Item::Text {
                x,
                y,
                size,
                face,
                text,
                ..
            } => painter.text(*x, *y, *face, *size, text),
            Item::Rect { x, y, w, h, style } => painter.rect(*x, *y, *w, *h, *style),
            Item::Rule {
                x1,
                y1,
                x2,
                y2,
                thickness,
            } => painter.rule((*x1, *y1), (*x2, *y2), *thickness),
        }
    }
    painter.text_section(false);
    painter.ops
}

struct Painter {
    ops: Vec<Op>,
    in_text: bool,
    font: Option<(Face, f32)>,
}

impl Painter {
    /// Open or close a text section so that text items sit inside one and nothing else does.
    fn text_section(&mut self, text: bool) {
        if text && !self.in_text {
            self.ops.push(Op::StartTextSection);
            self.font = None;
        } else if !text && self.in_text {
            self.ops.push(Op::EndTextSection);
        }
        self.in_text = text;
    }

    fn text(&mut self, x: f32, y: f32, face: Face, size: f32, text: &str) {
        if self.font != Some((face, size)) {
            self.ops.push(Op::SetFont {
                font: PdfFontHandle::External(FontId(face.resource_name().into())),
                size: Pt(size),
            });
            self.font = Some((face, size));
        }
        self.ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(x), Pt(PAGE_HEIGHT - y)),
        });
        self.ops.push(Op::ShowText {
            items: vec![TextItem::Text(text.to_string())],
        });
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, style: RectStyle) {
        let mut rect = Rect::from_xywh(Pt(x), Pt(PAGE_HEIGHT - y - h), Pt(w), Pt(h));
        match style {
            RectStyle::Stroke(thickness) => {
                self.ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
                rect.mode = Some(printpdf::PaintMode::Stroke);
                self.ops.push(Op::DrawRectangle { rectangle: rect });
            }
            RectStyle::Fill(percent) => {
                // Fill in grey, then back to black for the text that follows.
                self.ops.push(Op::SetFillColor { col: grey(percent) });
                rect.mode = Some(printpdf::PaintMode::Fill);
                self.ops.push(Op::DrawRectangle { rectangle: rect });
                self.ops.push(Op::SetFillColor { col: grey(0.0) });
            }
        }
    }

    fn rule(&mut self, from: (f32, f32), to: (f32, f32), thickness: f32) {
        self.ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
        let point = |(x, y): (f32, f32)| LinePoint {
            p: Point {
                x: Pt(x),
                y: Pt(PAGE_HEIGHT - y),
            },
            bezier: false,
        };
        self.ops.push(Op::DrawLine {
            line: Line {
                points: vec![point(from), point(to)],
                is_closed: false,
            },
        });
    }
}

/// Replace the trailer's random `/ID` strings with a hash of the rest of the file, keeping
/// their length so nothing else moves.
fn stable_id(mut bytes: Vec<u8>) -> Vec<u8> {
    let Some(at) = find_last(&bytes, b"/ID") else {
        return bytes;
    };
    let Some(open) = bytes[at..].iter().position(|&b| b == b'[').map(|p| p + at) else {
        return bytes;
    };
    let Some(close) = bytes[open..]
        .iter()
        .position(|&b| b == b']')
        .map(|p| p + open)
    else {
        return bytes;
    };
    let mut hasher = Sha256::new();
    hasher.update(&bytes[..open]);
    hasher.update(&bytes[close..]);
    let digest = hasher.finalize();
    let hex: Vec<u8> = digest
        .iter()
        .flat_map(|b| format!("{b:02x}").into_bytes())
        .collect();
    let mut k = 0;
    let mut in_string = false;
    for b in &mut bytes[open..close] {
        match *b {
            b'(' => in_string = true,
            b')' => in_string = false,
            _ if in_string => {
                *b = hex[k % hex.len()];
                k += 1;
            }
            _ => {}
        }
    }
    bytes
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Protects the cut-down fonts: every character layout measures as printable must still
    // have its glyph, or printpdf would silently draw an empty box. Characters that share a
    // glyph (Ω and the ohm sign, µ and μ) are the ones at risk.
    #[test]
    fn cut_down_fonts_keep_every_printable_character() {
        for face in Face::ALL {
            let font = parsed(face);
            let metrics = face.metrics();
            let lost: Vec<char> = (0u32..=0xFFFF)
                .filter_map(char::from_u32)
                .filter(|&ch| metrics.has(ch) && !ch.is_whitespace())
                .filter(|&ch| {
                    font.lookup_glyph_index(ch as u32)
                        .is_none_or(|gid| gid == 0)
                })
                .collect();
            assert!(
                lost.is_empty(),
                "{face:?} lost {} glyphs: {lost:?}",
                lost.len()
            );
            let full = ParsedFont::from_bytes(face.bytes(), 0, &mut Vec::new()).expect("parses");
            assert!(
                font.num_glyphs < full.num_glyphs,
                "{face:?} was not cut down: {} glyphs",
                font.num_glyphs
            );
        }
    }
}
