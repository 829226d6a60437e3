//! The content code printed on every page of a pack (`7F3A-9C21`): a short digest of exactly
//! what is printed, so two copies with the same code carry the same text, on any machine.
//! The register of issued copies records it, and `reprint` compares it with what the YAML
//! builds now.
//!
//! The code is part of the text it describes (the cover says it), so templates print
//! [`PLACEHOLDER`] and the renderer puts the code in after hashing the text around it.

use crate::typeset::form::FormSpec;

/// What a template prints where the code goes. A private-use character that no YAML text is
/// expected to hold, so only the furniture's field can produce it.
pub const PLACEHOLDER: &str = "\u{F8FF}content-code\u{F8FF}";

/// The code of a pack printed from `markdown` (the blank forms it appends are part of it).
pub fn of_pack(markdown: &str, appendix: &[&FormSpec]) -> String {
    let mut hasher = blake3::Hasher::new();
    hasher.update(markdown.as_bytes());
    for form in appendix {
        hash_form(&mut hasher, form);
    }
    format(hasher)
}

/// The code of a blank form printed on its own.
pub fn of_form(form: &FormSpec) -> String {
    let mut hasher = blake3::Hasher::new();
    hash_form(&mut hasher, form);
    format(hasher)
}

/// `markdown` with the code in place of every placeholder.
pub fn stamp(markdown: &str, code: &str) -> String {
    markdown.replace(PLACEHOLDER, code)
}

fn hash_form(hasher: &mut blake3::Hasher, form: &FormSpec) {
    let bytes = postcard::to_allocvec(form).expect("form specs serialize");
    hasher.update(&(bytes.len() as u64).to_le_bytes());
    hasher.update(&bytes);
}

/// Eight hex digits in two groups of four: short enough to read aloud and compare on a
/// walk-round, long enough that two editions of one pack do not share one by chance.
fn format(hasher: blake3::Hasher) -> String {
    let hex = hasher.finalize().to_hex().to_ascii_uppercase();
    format!("{}-{}", &hex[..4], &hex[4..8])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_is_short_stable_and_follows_the_text() {
        let a = of_pack("# Ward 7\n\nCall 4000.\n", &[]);
        assert_eq!(a, of_pack("# Ward 7\n\nCall 4000.\n", &[]));
        assert_ne!(a, of_pack("# Ward 7\n\nCall 4001.\n", &[]));
        assert_eq!(a.len(), 9);
        assert_eq!(&a[4..5], "-");
        assert!(a
            .chars()
            .all(|c| c == '-' || c.is_ascii_hexdigit() && !c.is_ascii_lowercase()));
        assert_eq!(
            stamp(&format!("code {PLACEHOLDER}."), &a),
            format!("code {a}.")
        );
    }
}
