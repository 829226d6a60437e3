//! The embedded typeface (DejaVu Sans, free licence, see LICENSE-DEJAVU) and its metrics.
//!
//! printpdf does no measuring, so line breaking uses the real glyph advances read with
//! ttf-parser. Advances for the Basic Multilingual Plane are tabulated once per process and
//! shared by every thread; a character the font lacks is reported, never drawn as an empty box.

use std::sync::OnceLock;

/// The five faces the typesetter uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    Regular,
    Bold,
    Italic,
    BoldItalic,
    Mono,
}

impl Face {
    pub const ALL: [Face; 5] = [
        Face::Regular,
        Face::Bold,
        Face::Italic,
        Face::BoldItalic,
        Face::Mono,
    ];

    pub fn styled(bold: bool, italic: bool) -> Face {
        match (bold, italic) {
            (false, false) => Face::Regular,
            (true, false) => Face::Bold,
            (false, true) => Face::Italic,
            (true, true) => Face::BoldItalic,
        }
    }

    /// The font file's bytes, compiled into the binary.
    pub fn bytes(self) -> &'static [u8] {
        match self {
            Face::Regular => dejavu::sans::regular(),
            Face::Bold => dejavu::sans::bold(),
            Face::Italic => dejavu::sans::oblique(),
            Face::BoldItalic => dejavu::sans::bold_oblique(),
            Face::Mono => dejavu::sans_mono::regular(),
        }
    }

    /// Stable resource name inside the PDF (never a random id, so output is reproducible).
    /// printpdf also uses it as the subset tag of the embedded font's name, which PDF
    /// readers expect to be six capital letters (`DTREGU+DejaVuSans`).
    pub fn resource_name(self) -> &'static str {
        match self {
            Face::Regular => "DTREGU",
            Face::Bold => "DTBOLD",
            Face::Italic => "DTITAL",
            Face::BoldItalic => "DTBOIT",
            Face::Mono => "DTMONO",
        }
    }

    pub fn metrics(self) -> &'static Metrics {
        static METRICS: OnceLock<[Metrics; 5]> = OnceLock::new();
        &METRICS.get_or_init(|| Face::ALL.map(Metrics::read))[self as usize]
    }
}

/// Advance widths of one face, in font units, for every BMP character.
pub struct Metrics {
    units_per_em: f32,
    /// `MISSING` where the face has no glyph.
    advances: Vec<u16>,
}

const MISSING: u16 = u16::MAX;

impl Metrics {
    fn read(face: Face) -> Metrics {
        let parsed =
            ttf_parser::Face::parse(face.bytes(), 0).expect("the bundled DejaVu fonts parse");
        let advances = (0u32..=0xFFFF)
            .map(|cp| {
                char::from_u32(cp)
                    .filter(|&ch| in_repertoire(ch))
                    .and_then(|ch| parsed.glyph_index(ch))
                    .and_then(|glyph| parsed.glyph_hor_advance(glyph))
                    .map(|adv| adv.min(MISSING - 1))
                    .unwrap_or(MISSING)
            })
            .collect();
        Metrics {
            units_per_em: parsed.units_per_em() as f32,
            advances,
        }
    }

    /// Whether the face can draw `ch`. Whitespace is always fine: we never draw it.
    pub fn has(&self, ch: char) -> bool {
        self.advances
            .get(ch as usize)
            .is_some_and(|&a| a != MISSING)
    }

    /// Width of `ch` at `size` points; 0 for a character the face lacks (callers substitute
    /// those before measuring).
    pub fn char_width(&self, ch: char, size: f32) -> f32 {
        match self.advances.get(ch as usize) {
            Some(&adv) if adv != MISSING => adv as f32 * size / self.units_per_em,
            _ => 0.0,
        }
    }

    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|ch| self.char_width(ch, size)).sum()
    }
}

/// The characters we print: Latin (with Welsh, Vietnamese and the rest of Latin Extended),
/// Greek, Cyrillic, punctuation, currency, arrows, maths, box drawing and the symbols forms
/// use (✓ ☐ ⚠ ☎). The fonts are cut down to these once per process (see `pdf.rs`), which makes
/// each PDF's own font subsetting several times cheaper; anything else prints as a visible
/// `[U+XXXX]` code with a warning, like a character DejaVu lacks.
pub fn in_repertoire(ch: char) -> bool {
    matches!(ch,
        '\u{0020}'..='\u{007E}'
        | '\u{00A0}'..='\u{052F}' // Latin-1 to Latin Extended-B, IPA, modifiers, combining marks, Greek, Cyrillic
        | '\u{1E00}'..='\u{1FFF}' // Latin Extended Additional (Welsh ẁ ỳ, Vietnamese), Greek Extended
        | '\u{2000}'..='\u{23FF}' // punctuation, super/subscripts, currency, letterlike, number forms, arrows, maths, technical
        | '\u{2460}'..='\u{27FF}' // enclosed numbers, box drawing, blocks, shapes, symbols, dingbats, arrows
        | '\u{2B00}'..='\u{2BFF}' // more arrows and shapes
        | '\u{FB00}'..='\u{FB06}' // Latin ligatures
        | '\u{FFFD}'
    )
}

/// Replace characters a face cannot draw with a visible code, e.g. `[U+1F600]`, and
/// report each one once in `missing`.
pub fn substitute_missing<'a>(
    text: &'a str,
    face: Face,
    missing: &mut Vec<char>,
) -> std::borrow::Cow<'a, str> {
    let metrics = face.metrics();
    let drawable = |c: char| c.is_whitespace() || (metrics.has(c) && !is_right_to_left(c));
    if text.chars().all(drawable) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 10);
    for ch in text.chars() {
        if drawable(ch) {
            out.push(ch);
        } else if ch.is_control() || matches!(ch, '\u{200B}'..='\u{200F}' | '\u{FEFF}') {
            // Invisible controls and direction marks: drop them, but say so.
            if !missing.contains(&ch) {
                missing.push(ch);
            }
        } else {
            if !missing.contains(&ch) {
                missing.push(ch);
            }
            out.push_str(&format!("[U+{:04X}]", ch as u32));
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Hebrew and Arabic scripts. The font has some of these glyphs, but printpdf does no shaping
/// or bidirectional ordering, so they would print disjoined and backwards: worse than a code.
fn is_right_to_left(ch: char) -> bool {
    matches!(ch, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    // Protects the characters NHS text needs: pound sign, dashes, quotes, accents, tick and box.
    #[test]
    fn dejavu_covers_clinical_text() {
        for ch in "£–’é✓☐→".chars() {
            assert!(Face::Regular.metrics().has(ch), "{ch} missing");
            assert!(Face::Bold.metrics().has(ch), "{ch} missing in bold");
        }
    }

    // Protects the visible substitute for characters the font lacks.
    #[test]
    fn missing_characters_are_shown_and_reported() {
        let mut missing = Vec::new();
        let out = substitute_missing("ok 😀 漢 ש\n", Face::Regular, &mut missing);
        assert_eq!(out, "ok [U+1F600] [U+6F22] [U+05E9]\n");
        assert_eq!(missing, vec!['😀', '漢', 'ש']);
    }

    // Protects the repertoire: Welsh and Polish names, Greek and Cyrillic print; scripts outside
    // the cut-down fonts are reported even though DejaVu has them.
    #[test]
    fn repertoire_covers_european_names_only() {
        let mut missing = Vec::new();
        let text = "Ŵyn Ẁ Łódź Ελένη Ольга";
        assert_eq!(substitute_missing(text, Face::Regular, &mut missing), text);
        assert!(missing.is_empty());
        assert_eq!(
            substitute_missing("Ա", Face::Regular, &mut missing),
            "[U+0531]"
        );
        assert_eq!(missing, vec!['Ա']);
    }

    // Protects measuring: wider text measures wider, and size scales linearly.
    #[test]
    fn widths_scale() {
        let m = Face::Regular.metrics();
        assert!(m.width("WWW", 11.0) > m.width("iii", 11.0));
        assert!((m.width("abc", 22.0) - 2.0 * m.width("abc", 11.0)).abs() < 0.01);
    }
}
