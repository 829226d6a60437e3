//! Refuse explicit YAML tags (`!!binary`, `!!str`, `!custom`).
//!
//! serde_yaml reads a tagged scalar into a string as if the tag were not there, so
//! `name: !!binary V2FyZA==` printed base64 on every page. No field of a procedures file
//! needs a tag, so any tag is an error. serde_yaml does not expose tags to a `Deserialize`
//! impl, so this module runs libyaml's scanner (the same one serde_yaml uses, through the
//! `unsafe-libyaml` crate) over the file and looks for tag tokens.

use std::mem::MaybeUninit;
use unsafe_libyaml as unsafe_sys;

/// Where an explicit tag was found: 1-based line and column, and the tag as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundTag {
    pub line: usize,
    pub column: usize,
    pub tag: String,
}

/// The first explicit tag in `text`, if any. Scanning stops at the first scanner error: the
/// serde_yaml parse reports syntax errors, with a better message.
pub fn first_tag(text: &str) -> Option<FoundTag> {
    let (line, column) = scan_for_tag(text.as_bytes())?;
    let tag: String = text
        .lines()
        .nth(line)
        .map(|l| {
            l.chars()
                .skip(column)
                .take_while(|c| !c.is_whitespace())
                .take(40)
                .collect()
        })
        .unwrap_or_default();
    Some(FoundTag {
        line: line + 1,
        column: column + 1,
        tag,
    })
}

/// Run the libyaml scanner over `input`; the 0-based line and column of the first tag token.
fn scan_for_tag(input: &[u8]) -> Option<(usize, usize)> {
    let mut parser = MaybeUninit::<unsafe_sys::yaml_parser_t>::uninit();
    // SAFETY: `yaml_parser_initialize` fully initialises the parser (it zeroes it first);
    // on failure (out of memory) nothing was allocated that needs deleting. `input` outlives
    // the parser, which is deleted before this function returns. Each token is deleted
    // after use; after a scanner error or the stream end, no further tokens are read.
    unsafe {
        let parser = parser.as_mut_ptr();
        if unsafe_sys::yaml_parser_initialize(parser).fail {
            return None;
        }
        unsafe_sys::yaml_parser_set_encoding(parser, unsafe_sys::YAML_UTF8_ENCODING);
        unsafe_sys::yaml_parser_set_input_string(parser, input.as_ptr(), input.len() as u64);
        let mut found = None;
        loop {
            let mut token = MaybeUninit::<unsafe_sys::yaml_token_t>::uninit();
            if unsafe_sys::yaml_parser_scan(parser, token.as_mut_ptr()).fail {
                break;
            }
            let token = token.as_mut_ptr();
            let kind = (*token).type_;
            let mark = (*token).start_mark;
            unsafe_sys::yaml_token_delete(token);
            if kind == unsafe_sys::YAML_TAG_TOKEN {
                found = Some((mark.line as usize, mark.column as usize));
                break;
            }
            if kind == unsafe_sys::YAML_STREAM_END_TOKEN || kind == unsafe_sys::YAML_NO_TOKEN {
                break;
            }
        }
        unsafe_sys::yaml_parser_delete(parser);
        found
    }
}

#[cfg(test)]
mod tests {
    use super::first_tag;

    // Protects the scan: standard, local and verbatim tags are found where they are written.
    #[test]
    fn finds_tags() {
        let found = first_tag("id: a\nname: !!binary V2FyZA==\n").expect("tag");
        assert_eq!(
            (found.line, found.column, found.tag.as_str()),
            (2, 7, "!!binary")
        );
        assert!(first_tag("- !local x").is_some());
        assert!(first_tag("a: !<tag:yaml.org,2002:str> x").is_some());
        assert!(first_tag("k: [!!str 1]").is_some());
    }

    // Protects ordinary text: exclamation marks inside text are not tags.
    #[test]
    fn ignores_exclamation_marks_in_text() {
        assert_eq!(
            first_tag("do: Call now! Then wait\nsay: \"!!not a tag\"\n"),
            None
        );
        assert_eq!(first_tag("do: |\n  ! starts a line\n"), None);
        assert_eq!(first_tag("bad: [unclosed"), None);
    }
}
