//! Invariants of every printed page of the example trust, a synthetic trust and a nasty
//! fixture, checked on the page model (one in-memory layout per test binary, shared), and
//! once on PDF bytes read back with `pdftotext -bbox` so the painter is covered too.

mod common;

// No text touches other text, a rule, a box edge or a dark fill, and nothing leaves the
// printable area, on any page the example trust prints.
#[test]
fn no_text_overlaps_in_the_example() {
    let problems = common::collisions(common::example_documents());
    assert!(
        problems.is_empty(),
        "{}",
        problems[..problems.len().min(20)].join("\n")
    );
}

// The same on a generated trust: 10-30 step procedures, many forms and contacts.
#[test]
fn no_text_overlaps_in_a_synthetic_trust() {
    let docs = common::documents(common::synthetic_trust());
    assert!(docs.len() > 20);
    let problems = common::collisions(&docs);
    assert!(
        problems.is_empty(),
        "{}",
        problems[..problems.len().min(20)].join("\n")
    );
}

// No word of 5+ letters is split across lines or cells in any pack of the example: a table
// whose columns cannot hold their longest words changes shape instead.
#[test]
fn no_word_is_split_in_the_example() {
    let problems = common::split_words(common::example_documents(), 30);
    assert!(
        problems.is_empty(),
        "{}",
        problems[..problems.len().min(30)].join("\n")
    );
}
