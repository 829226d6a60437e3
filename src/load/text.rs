//! Checked text: every string the packs print goes through [`Text`], so a blank name, an
//! invisible direction override or a megabyte-long step is refused at load, with the line,
//! column and YAML path serde_yaml attaches to errors raised while a value is read.
//!
//! serde_yaml hands a scalar to `deserialize_str` as its exact source text (so `07700 900170`
//! and `1.10` keep their zeros), which also means `~` arrives as the string `"~"`: the null
//! spellings are refused here as text. Explicit tags (`!!binary`) never reach a visitor at all;
//! [`super::tags`] refuses them from the event stream.

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde::{Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

/// Longest one-line field (names, titles, labels, route values): a long ward name is ~60.
pub const LINE_MAX_CHARS: usize = 200;
/// Longest paragraph field (a step's `do`, descriptions, notes): the longest real one is ~280.
pub const PROSE_MAX_CHARS: usize = 2_000;
/// Most lines in a paragraph field.
pub const PROSE_MAX_LINES: usize = 50;
/// Longest word: longer ones are URLs or pasted junk, and break across lines and pages.
pub const WORD_MAX_CHARS: usize = 100;

/// Separates code, message and hint in the error strings this module hands to serde, so the
/// loader can turn them back into a diagnostic with its own code and hint. (A control
/// character: it cannot occur in a message about checked text.)
const MARK: char = '\u{1f}';

/// Text that is printed: not blank, no control or invisible characters, within `MAX`
/// characters, and on one line unless `MULTILINE`. An absent optional field is the empty
/// `Text` (its `Default`); a written one is never blank.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text<const MAX: usize, const MULTILINE: bool>(String);

/// One line of printed text: names, titles, labels, route values, versions.
pub type Line = Text<LINE_MAX_CHARS, false>;
/// Paragraph text: steps, checklist items, descriptions, notes, instructions.
pub type Prose = Text<PROSE_MAX_CHARS, true>;
/// Longest page of Markdown (a clinical reference page): about three printed pages.
pub const PAGE_MAX_CHARS: usize = 12_000;
/// A page of Markdown: a reference page's body, with headings, lists and tables.
pub type Page = Text<PAGE_MAX_CHARS, true>;

impl<const MAX: usize, const MULTILINE: bool> Text<MAX, MULTILINE> {
    /// Check `text` and wrap it; the error is a message and a hint.
    pub fn new(text: &str) -> Result<Self, Problem> {
        check(text, MAX, MULTILINE)?;
        Ok(Text(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<const MAX: usize, const MULTILINE: bool> std::ops::Deref for Text<MAX, MULTILINE> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl<const MAX: usize, const MULTILINE: bool> AsRef<str> for Text<MAX, MULTILINE> {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl<const MAX: usize, const MULTILINE: bool> fmt::Display for Text<MAX, MULTILINE> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<const MAX: usize, const MULTILINE: bool> From<Text<MAX, MULTILINE>> for String {
    fn from(text: Text<MAX, MULTILINE>) -> String {
        text.0
    }
}

impl<const MAX: usize, const MULTILINE: bool> PartialEq<str> for Text<MAX, MULTILINE> {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl<const MAX: usize, const MULTILINE: bool> Serialize for Text<MAX, MULTILINE> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de, const MAX: usize, const MULTILINE: bool> Deserialize<'de> for Text<MAX, MULTILINE> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct TextVisitor<const MAX: usize, const MULTILINE: bool>;
        impl<const MAX: usize, const MULTILINE: bool> Visitor<'_> for TextVisitor<MAX, MULTILINE> {
            type Value = Text<MAX, MULTILINE>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("text")
            }
            // Errors raised here get the scalar's line, column and path from serde_yaml.
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Text::new(v).map_err(|p| E::custom(p.to_serde_message()))
            }
        }
        d.deserialize_str(TextVisitor::<MAX, MULTILINE>)
    }
}

/// One `Line` and one `Prose` definition per schema, referred to by every text field.
impl<const MAX: usize, const MULTILINE: bool> JsonSchema for Text<MAX, MULTILINE> {
    fn schema_name() -> Cow<'static, str> {
        if MULTILINE { "Prose" } else { "Line" }.into()
    }

    fn schema_id() -> Cow<'static, str> {
        format!("downtime::Text<{MAX},{MULTILINE}>").into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let allowed = if MULTILINE {
            "[^\\u0000-\\u0008\\u000b-\\u001f"
        } else {
            "[^\\u0000-\\u0008\\u000a-\\u001f"
        };
        let allowed = format!("{allowed}{}]", schema_class());
        json_schema!({
            "description": format!(
                "Printed text: {}at most {MAX} characters and words of at most {WORD_MAX_CHARS}; \
                 not blank, no control, invisible or direction-changing characters.",
                if MULTILINE { "" } else { "one line, " }
            ),
            "type": "string",
            "minLength": 1,
            "maxLength": MAX,
            // Something visible, and nothing invisible or direction-changing anywhere.
            "pattern": format!("^{allowed}*[^\\s\\u0000-\\u001f{}]{allowed}*$", schema_class()),
            "not": { "pattern": format!("[^\\s]{{{}}}", WORD_MAX_CHARS + 1) },
        })
    }
}

/// A phone number printed on its own, such as a site's switchboard: a [`Line`] that passes
/// [`check_phone`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(transparent)]
pub struct Phone(Line);

impl std::ops::Deref for Phone {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Phone {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct PhoneVisitor;
        impl Visitor<'_> for PhoneVisitor {
            type Value = Phone;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a phone number")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Phone, E> {
                let checked = Line::new(v).and_then(|line| {
                    check_phone("phone number", &line)?;
                    Ok(Phone(line))
                });
                checked.map_err(|p| E::custom(p.to_serde_message()))
            }
        }
        d.deserialize_str(PhoneVisitor)
    }
}

/// A count printed as that many things (table rows, ruled lines): 1 to `MAX`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Number<const MAX: u32>(u32);

impl<const MAX: u32> Number<MAX> {
    pub fn get(self) -> u32 {
        self.0
    }
}

impl<'de, const MAX: u32> Deserialize<'de> for Number<MAX> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct NumberVisitor<const MAX: u32>;
        impl<const MAX: u32> Visitor<'_> for NumberVisitor<MAX> {
            type Value = Number<MAX>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "a whole number from 1 to {MAX}")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Number<MAX>, E> {
                match u32::try_from(v) {
                    Ok(n) if (1..=MAX).contains(&n) => Ok(Number(n)),
                    _ => Err(E::custom(
                        Problem::new(
                            format!("{v} is out of range; the limit is 1 to {MAX}"),
                            "no printed form needs more; split the table or field",
                        )
                        .with_code("too-many")
                        .to_serde_message(),
                    )),
                }
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Number<MAX>, E> {
                match u64::try_from(v) {
                    Ok(v) => self.visit_u64(v),
                    Err(_) => Err(E::invalid_value(de::Unexpected::Signed(v), &self)),
                }
            }
        }
        d.deserialize_u32(NumberVisitor::<MAX>)
    }
}

impl<const MAX: u32> JsonSchema for Number<MAX> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "Number".into()
    }

    fn schema_id() -> Cow<'static, str> {
        format!("downtime::Number<{MAX}>").into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "integer", "minimum": 1, "maximum": MAX })
    }
}

/// What is wrong with a text value, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Diagnostic code: `bad-text`, `bad-phone`, `too-many` or `yaml-schema`.
    pub code: &'static str,
    pub message: String,
    pub hint: String,
}

impl Problem {
    pub fn new(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Problem {
            code: "bad-text",
            message: message.into(),
            hint: hint.into(),
        }
    }

    pub fn with_code(self, code: &'static str) -> Self {
        Problem { code, ..self }
    }

    /// Code, message and hint in one string that survives serde's `Error::custom`.
    pub fn to_serde_message(&self) -> String {
        format!(
            "{MARK}{}{MARK}{}{MARK}{}",
            self.code, self.message, self.hint
        )
    }

    /// Read back a serde error message made by [`Problem::to_serde_message`].
    pub fn from_serde_message(message: &str) -> Option<Problem> {
        let mut parts = message.strip_prefix(MARK)?.splitn(3, MARK);
        let code = match parts.next()? {
            "bad-phone" => "bad-phone",
            "too-many" => "too-many",
            "yaml-schema" => "yaml-schema",
            _ => "bad-text",
        };
        Some(Problem {
            code,
            message: parts.next()?.to_string(),
            hint: parts.next()?.to_string(),
        })
    }
}

/// Check printed text: not null or blank, no forbidden characters, within the limits.
pub fn check(text: &str, max_chars: usize, multiline: bool) -> Result<(), Problem> {
    if matches!(text, "~" | "null" | "Null" | "NULL") {
        return Err(Problem::new(
            format!("`{text}` means \"no value\" in YAML, but this text is printed"),
            "write the text, or leave the field out if it is optional",
        ));
    }
    if text.trim().is_empty() {
        return Err(Problem::new(
            "text is blank, but it is printed in the pack",
            "write the text, or leave the field out if it is optional",
        ));
    }
    if let Some((ch, name)) = text
        .chars()
        .find_map(|c| forbidden(c, multiline).map(|n| (c, n)))
    {
        return Err(forbidden_problem(ch, name, multiline));
    }
    let chars = text.chars().count();
    if chars > max_chars {
        return Err(Problem::new(
            format!("text is {chars} characters long; the limit is {max_chars}"),
            "shorten it, or split it into several steps or items",
        ));
    }
    let lines = text.trim().lines().count();
    // A page of Markdown may have as many lines as a paragraph field has per 40 characters.
    let max_lines = PROSE_MAX_LINES.max(max_chars / 40);
    if multiline && lines > max_lines {
        return Err(Problem::new(
            format!("text has {lines} lines; the limit is {max_lines}"),
            "shorten it, or split it into several steps or items",
        ));
    }
    if let Some(word) = text
        .split_whitespace()
        .find(|w| w.chars().count() > WORD_MAX_CHARS)
    {
        let start: String = word.chars().take(20).collect();
        return Err(Problem::new(
            format!(
                "the word starting `{start}` is {} characters long; the limit is {WORD_MAX_CHARS}",
                word.chars().count()
            ),
            "put spaces between words; a long link belongs on the intranet, not on paper",
        ));
    }
    Ok(())
}

fn forbidden_problem(ch: char, name: &str, multiline: bool) -> Problem {
    let code = format!("U+{:04X}", ch as u32);
    if ch == '\n' && !multiline {
        return Problem::new(
            "text runs over more than one line, but this field is printed on one line",
            "write it on one line",
        );
    }
    let why = if is_direction_mark(ch) {
        "which changes how the text around it is displayed"
    } else if ch.is_control() {
        "a control character, which does not print"
    } else {
        "which is invisible when printed"
    };
    Problem::new(
        format!("text contains {code} {name}, {why}"),
        format!("delete the character (editors often show it as <{code}> or not at all) and retype the text around it"),
    )
}

/// Characters that reorder text: the reason `071 009 00770` can print for `07700 900 170`.
fn is_direction_mark(ch: char) -> bool {
    matches!(ch, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The name of a character printed text must not hold, or `None` if it is fine.
pub fn forbidden(ch: char, multiline: bool) -> Option<&'static str> {
    Some(match ch {
        '\t' => return None,
        '\n' if multiline => return None,
        '\n' => "LINE FEED",
        '\r' => "CARRIAGE RETURN",
        '\u{0}'..='\u{1F}' | '\u{7F}'..='\u{9F}' => "CONTROL CHARACTER",
        '\u{AD}' => "SOFT HYPHEN",
        '\u{34F}' => "COMBINING GRAPHEME JOINER",
        '\u{61C}' => "ARABIC LETTER MARK",
        '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' => "HANGUL FILLER",
        '\u{180E}' => "MONGOLIAN VOWEL SEPARATOR",
        '\u{200B}' => "ZERO WIDTH SPACE",
        '\u{200C}' => "ZERO WIDTH NON-JOINER",
        '\u{200D}' => "ZERO WIDTH JOINER",
        '\u{200E}' => "LEFT-TO-RIGHT MARK",
        '\u{200F}' => "RIGHT-TO-LEFT MARK",
        '\u{2028}' => "LINE SEPARATOR",
        '\u{2029}' => "PARAGRAPH SEPARATOR",
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2060}' => "WORD JOINER",
        '\u{2061}'..='\u{2064}' => "INVISIBLE OPERATOR",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        '\u{206A}'..='\u{206F}' => "DEPRECATED FORMAT CHARACTER",
        '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}' => "VARIATION SELECTOR",
        '\u{FEFF}' => "ZERO WIDTH NO-BREAK SPACE (BYTE ORDER MARK)",
        '\u{FFF9}'..='\u{FFFB}' => "INTERLINEAR ANNOTATION CHARACTER",
        '\u{E0000}'..='\u{E007F}' => "TAG CHARACTER",
        _ => return None,
    })
}

/// The characters of [`forbidden`] apart from C0 controls, as a JSON Schema regex class body.
fn schema_class() -> &'static str {
    concat!(
        "\\u007f-\\u009f\\u00ad\\u034f\\u061c\\u115f\\u1160\\u180e\\u200b-\\u200f",
        "\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\u3164\\ufe00-\\ufe0f\\ufeff",
        "\\uffa0\\ufff9-\\ufffb"
    )
}

/// A list with at most `MAX` entries: steps, checklist items, form rows... A longer list is
/// refused while it is read, before it is held in memory, so 100,000 steps cannot exhaust
/// memory later in the build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List<T, const MAX: usize>(Vec<T>);

impl<T, const MAX: usize> Default for List<T, MAX> {
    fn default() -> Self {
        List(Vec::new())
    }
}

impl<T, const MAX: usize> std::ops::Deref for List<T, MAX> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.0
    }
}

impl<T, const MAX: usize> List<T, MAX> {
    pub fn to_vec(&self) -> Vec<T>
    where
        T: Clone,
    {
        self.0.clone()
    }
}

impl<'a, T, const MAX: usize> IntoIterator for &'a List<T, MAX> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<T: Serialize, const MAX: usize> Serialize for List<T, MAX> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de, T: Deserialize<'de>, const MAX: usize> Deserialize<'de> for List<T, MAX> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ListVisitor<T, const MAX: usize>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>, const MAX: usize> Visitor<'de> for ListVisitor<T, MAX> {
            type Value = List<T, MAX>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "a list of at most {MAX} entries")
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    if items.len() == MAX {
                        let problem = Problem::new(
                            format!("list has more than {MAX} entries; the limit is {MAX}"),
                            "split it: no printed procedure or form needs more",
                        )
                        .with_code("too-many");
                        return Err(de::Error::custom(problem.to_serde_message()));
                    }
                    items.push(item);
                }
                Ok(List(items))
            }
        }
        d.deserialize_seq(ListVisitor::<T, MAX>(PhantomData))
    }
}

impl<T: JsonSchema, const MAX: usize> JsonSchema for List<T, MAX> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        format!("List_{}", T::schema_name()).into()
    }

    fn schema_id() -> Cow<'static, str> {
        format!("downtime::List<{},{MAX}>", T::schema_id()).into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "array",
            "items": generator.subschema_for::<T>(),
            "maxItems": MAX,
        })
    }
}

/// Read a map as `T` (derived, with its own field errors) and then check it as a whole with
/// `check`. Running the check inside the map visitor is what gives its error the map's line,
/// column and YAML path: an error raised after the deserializer returns has none.
pub fn checked_map<'de, D, T, U>(d: D, check: fn(T) -> Result<U, Problem>) -> Result<U, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct MapVisitor<T, U>(fn(T) -> Result<U, Problem>);
    impl<'de, T: Deserialize<'de>, U> Visitor<'de> for MapVisitor<T, U> {
        type Value = U;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a map")
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<U, A::Error> {
            let value = T::deserialize(de::value::MapAccessDeserializer::new(map))?;
            (self.0)(value).map_err(|p| de::Error::custom(p.to_serde_message()))
        }
    }
    d.deserialize_map(MapVisitor(check))
}

/// Check that a phone-like route (`what` is e.g. "mobile number") is a number someone can
/// dial: digits, spaces, `+`, `-` and brackets, optionally followed by a note in brackets.
pub fn check_phone(what: &str, value: &str) -> Result<(), Problem> {
    // A note in brackets after the number: "07700 900100 (crash calls)". It starts at the
    // first bracket that opens on a letter, so "+44 (0)1632" stays part of the number.
    let split = value
        .char_indices()
        .find(|&(i, c)| c == '(' && value[i + 1..].starts_with(|n: char| n.is_alphabetic()));
    let (number, note) = match split {
        Some((i, _)) => value.split_at(i),
        None => (value, ""),
    };
    let number = number.trim();
    let hint = "write digits, spaces and + - ( ), e.g. `07700 900170` or `+44 1632 960000`; \
                a note may follow in brackets: `2222 (crash calls)`";
    let bad = |why: String| {
        Err(Problem::new(format!("{what} `{value}` {why}"), hint).with_code("bad-phone"))
    };
    if !note.is_empty() && !note.ends_with(')') {
        return bad("has a note that does not end with `)`".to_string());
    }
    if let Some(c) = number
        .chars()
        .find(|&c| !(c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '(' | ')')))
    {
        return bad(format!("does not look like a number: it contains `{c}`"));
    }
    let digits = number.chars().filter(char::is_ascii_digit).count();
    if digits == 0 {
        return bad("has no digits".to_string());
    }
    if digits > 15 {
        return bad(format!(
            "has {digits} digits; phone numbers have at most 15"
        ));
    }
    if number.rfind('+').is_some_and(|at| at > 0) {
        return bad("has a `+` that is not at the start".to_string());
    }
    if number.matches('(').count() != number.matches(')').count() {
        return bad("has unbalanced brackets".to_string());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    // Protects the blank, null and invisible-character rules on their own.
    #[test]
    fn refuses_blank_null_and_invisible_text() {
        assert!(check("Ward 7", 200, false).is_ok());
        assert!(check("  ", 200, false).is_err());
        assert!(check("~", 200, false).is_err());
        assert!(check("07700\u{202E}900 170", 200, false)
            .unwrap_err()
            .message
            .contains("U+202E RIGHT-TO-LEFT OVERRIDE"));
        assert!(check("a\u{200B}b", 200, false).is_err());
        assert!(check("two\nlines", 200, false).is_err());
        assert!(check("two\nlines\tand a tab", 2000, true).is_ok());
    }

    // Protects the length, line and word limits at their edges.
    #[test]
    fn limits_are_inclusive() {
        assert!(check(&"a".repeat(100), 200, false).is_ok());
        assert!(check(&"a".repeat(101), 2000, true).is_err());
        assert!(check(&"ab ".repeat(66), 200, false).is_ok());
        assert!(check(&"ab ".repeat(67), 200, false).is_err());
        assert!(check(&"a\n".repeat(50), 2000, true).is_ok());
        assert!(check(&"a\n".repeat(51), 2000, true).is_err());
    }

    // Protects phone-like routes: numbers, notes in brackets, and what is refused.
    #[test]
    fn phone_numbers() {
        for ok in [
            "0",
            "2222",
            "07700 900 170",
            "+44 (0)1632 960000",
            "01632-960000",
            "07700 900 100 (emergency mobile for crash calls when 2222 fails)",
        ] {
            assert!(check_phone("mobile", ok).is_ok(), "{ok}");
        }
        for bad in [
            "via switchboard",
            "07700 9OO 170",
            "1+2",
            "(0",
            "1234 (note",
            "1234567890123456",
        ] {
            assert!(check_phone("mobile", bad).is_err(), "{bad}");
        }
    }
}
