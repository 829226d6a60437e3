//! Printed text and limits (issue #13): blank, null, invisible and direction-changing text,
//! over-long text and lists, numbers that are not numbers, YAML tags and stray keys in form
//! layouts are each refused by `check` with one error naming file, line, column and field,
//! and a `build` of the broken tree leaves the previous packs byte-identical.

mod common;
use common::Trust;
use std::time::{Duration, Instant};

/// A minimal trust built once, so a refused build can be compared with what was there.
fn built() -> (Trust, Vec<(String, Vec<u8>)>) {
    let trust = Trust::fixture("minimal");
    let run = trust.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let before = trust.output_files();
    (trust, before)
}

/// `check` and `build` both refuse the tree with exactly one error, of `code`, whose text
/// holds every one of `expect`; the output folder is unchanged.
fn assert_refused(trust: &Trust, before: &[(String, Vec<u8>)], code: &str, expect: &[&str]) {
    let started = Instant::now();
    let check = trust.run(&["check", "--today", "2026-02-01"]);
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "refused quickly"
    );
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert!(!check.stderr.contains("panicked"), "{}", check.stderr);
    let errors = check.stderr.matches("error[").count();
    assert_eq!(errors, 1, "one error:\n{}", check.stderr);
    assert!(
        check.stderr.contains(&format!("error[{code}]")),
        "{}",
        check.stderr
    );
    for want in expect {
        assert!(
            check.stderr.contains(want),
            "missing {want:?}:\n{}",
            check.stderr
        );
    }
    let build = trust.run(&["build"]);
    assert_eq!(build.code, 1, "{}", build.stderr);
    assert!(
        trust.output_files() == before,
        "a refused build changed the output"
    );
}

/// Each case: file, text to replace, replacement, code, and what the error must say.
type Case<'a> = (&'a str, &'a str, &'a str, &'a str, &'a [&'a str]);

fn assert_cases(cases: &[Case]) {
    let (trust, before) = built();
    for (file, from, to, code, expect) in cases {
        let original = std::fs::read_to_string(trust.procedures().join(file)).expect("read");
        trust.edit(file, from, to);
        assert_refused(&trust, &before, code, expect);
        trust.write(file, &original);
    }
}

// Blank, whitespace-only and null text is refused wherever it would print, required or not.
#[test]
fn blank_and_null_text_is_refused() {
    assert_cases(&[
        (
            "trust.yaml",
            "name: Test Valley NHS Trust",
            "name: \"\"",
            "bad-text",
            &["procedures/trust.yaml:1:7 at `name`", "blank"],
        ),
        (
            "trust.yaml",
            "name: Test Valley NHS Trust",
            "name: ~",
            "bad-text",
            &[
                "procedures/trust.yaml:1:7 at `name`",
                "`~` means \"no value\"",
            ],
        ),
        (
            "trust.yaml",
            "name: IT desk",
            "name: \"  \"",
            "bad-text",
            &["trust.yaml:13:11 at `contacts[0].name`", "blank"],
        ),
        (
            "trust.yaml",
            "value: \"07700 900 400\"",
            "value: \" \"",
            "bad-text",
            &["trust.yaml:17:", "`contacts[0].routes[1].value`", "blank"],
        ),
        (
            "fallbacks/phones-down.yaml",
            "do: Get the emergency mobile out of the box.",
            "do: \"\"",
            "bad-text",
            &["phones-down.yaml:16:11 at `phases.declare[0].do`", "blank"],
        ),
        (
            "fallbacks/records-downtime.yaml",
            "[List printed, Time noted]",
            "[List printed, \"  \"]",
            "bad-text",
            &["records-downtime.yaml:17:33 at `phases.declare[0].checklist[1]`"],
        ),
        (
            "fallbacks/records-downtime.yaml",
            "say: Ask for help with back-entry.",
            "say: null",
            "bad-text",
            &["records-downtime.yaml:22:47 at `phases.during[0].escalate[0].say`"],
        ),
        (
            "wards/ward-a.yaml",
            "notes: Whiteboard is copied at handover.",
            "notes: \"\"",
            "bad-text",
            &["ward-a.yaml:8:", "`systems[0].notes`"],
        ),
    ]);
}

// The blank-name fixture is refused at its line, and the JSON schema rejects it too.
#[test]
fn blank_text_fixture_is_refused() {
    let (trust, before) = built();
    trust.overlay(&common::fixtures().join("broken/blank-text"));
    assert_refused(
        &trust,
        &before,
        "bad-text",
        &["procedures/wards/ward-b.yaml:3:7 at `name`", "blank"],
    );
}

// Invisible and direction-changing characters are refused by name, in any field.
#[test]
fn invisible_and_direction_characters_are_refused() {
    let (trust, before) = built();
    trust.overlay(&common::fixtures().join("broken/bidi-override"));
    assert_refused(
        &trust,
        &before,
        "bad-text",
        &[
            "procedures/sites/north.yaml:5:14 at `switchboard`",
            "U+202E RIGHT-TO-LEFT OVERRIDE, which changes how the text around it is displayed",
        ],
    );
    assert_cases(&[
        (
            "trust.yaml",
            "07700 900 400",
            "07700 \u{202E}900 400",
            "bad-text",
            &[
                "`contacts[0].routes[1].value`",
                "U+202E RIGHT-TO-LEFT OVERRIDE",
            ],
        ),
        (
            "wards/ward-a.yaml",
            "name: Ward A",
            "name: Ward\u{200B} A",
            "bad-text",
            &[
                "ward-a.yaml:3:7 at `name`",
                "U+200B ZERO WIDTH SPACE, which is invisible",
            ],
        ),
        (
            "fallbacks/phones-down.yaml",
            "emergency mobile",
            "emer\u{AD}gency mobile",
            "bad-text",
            &["`phases.declare[0].do`", "U+00AD SOFT HYPHEN"],
        ),
        (
            "trust.yaml",
            "name: Nurse in charge",
            "name: \"Nurse\\u0007 in charge\"",
            "bad-text",
            &["`roles[0].name`", "U+0007 CONTROL CHARACTER"],
        ),
        (
            "wards/ward-a.yaml",
            "name: Ward A",
            "name: \"Ward\\nA\"",
            "bad-text",
            &["`name`", "more than one line"],
        ),
    ]);
}

// Over-long text and words are refused with the limit; a 1 MB step never reaches the PDF.
#[test]
fn text_limits_are_enforced() {
    let long_step = format!("do: {}", "word ".repeat(401));
    let long_name = format!("name: {}", "Ward ".repeat(41));
    let long_word = format!("do: Call {}", "x".repeat(101));
    let megabyte = format!("do: {}", "y".repeat(1024 * 1024));
    assert_cases(&[
        (
            "fallbacks/phones-down.yaml",
            "do: Get the emergency mobile out of the box.",
            &long_step,
            "bad-text",
            &[
                "`phases.declare[0].do`",
                "2004 characters long; the limit is 2000",
            ],
        ),
        (
            "wards/ward-a.yaml",
            "name: Ward A",
            &long_name,
            "bad-text",
            &["ward-a.yaml:3:7 at `name`", "the limit is 200"],
        ),
        (
            "fallbacks/phones-down.yaml",
            "do: Get the emergency mobile out of the box.",
            &long_word,
            "bad-text",
            &[
                "`phases.declare[0].do`",
                "101 characters long; the limit is 100",
            ],
        ),
        (
            "fallbacks/phones-down.yaml",
            "do: Get the emergency mobile out of the box.",
            &megabyte,
            "bad-text",
            &["`phases.declare[0].do`", "the limit is 2000"],
        ),
    ]);
}

// Lists and counts that make pages have limits: steps, checklist items, kit, rows, lines.
#[test]
fn count_limits_are_enforced() {
    let step = "\n    - role: nurse-in-charge\n      do: Step.";
    let many_steps = format!("  declare:{}", step.repeat(51));
    let checklist = format!("checklist: [{}]", vec!["Done"; 31].join(", "));
    let kit = format!("contents:{}", "\n    - { item: Pen }".repeat(101));
    assert_cases(&[
        (
            "fallbacks/phones-down.yaml",
            "  declare:",
            &many_steps,
            "too-many",
            &[
                "phones-down.yaml:",
                "`phases.declare`",
                "more than 50 entries",
            ],
        ),
        (
            "fallbacks/records-downtime.yaml",
            "checklist: [List printed, Time noted]",
            &checklist,
            "too-many",
            &[
                "records-downtime.yaml:17:18 at `phases.declare[0].checklist`",
                "more than 30 entries",
            ],
        ),
        (
            "wards/ward-a.yaml",
            "contents:",
            &kit,
            "too-many",
            &["`kit.contents`", "more than 100 entries"],
        ),
        (
            "forms/tracking-list.yaml",
            "copies: 5",
            "copies: 5\nlayout:\n  - table: { columns: [Name], rows: 101 }",
            "too-many",
            &[
                "tracking-list.yaml:6:",
                "`layout[0].table.rows`",
                "the limit is 1 to 100",
            ],
        ),
        (
            "forms/tracking-list.yaml",
            "copies: 5",
            "copies: 5\nlayout:\n  - fields: [{ label: Notes, kind: lines, lines: 0 }]",
            "too-many",
            &[
                "tracking-list.yaml:6:",
                "`layout[0].fields[0].lines`",
                "the limit is 1 to 40",
            ],
        ),
    ]);
}

// 100,000 steps (which used to abort the build out of memory) are refused quickly by `check`.
#[test]
fn a_hundred_thousand_steps_are_refused() {
    let (trust, before) = built();
    let steps = "\n    - {role: nurse-in-charge, do: S}".repeat(100_000);
    trust.edit(
        "fallbacks/phones-down.yaml",
        "  declare:",
        &format!("  declare:{steps}"),
    );
    assert_refused(
        &trust,
        &before,
        "too-many",
        &["`phases.declare`", "the limit is 50"],
    );
}

// Extensions, landlines, mobiles, bleeps and switchboards must look like numbers.
#[test]
fn phone_like_routes_must_be_numbers() {
    assert_cases(&[
        (
            "trust.yaml",
            "value: \"07700 900 400\"",
            "value: \"07700 9OO 400\"",
            "bad-phone",
            &[
                "trust.yaml:17:",
                "`contacts[0].routes[1]`",
                "mobile number `07700 9OO 400` does not look like a number: it contains `O`",
                "e.g. `07700 900170`",
            ],
        ),
        (
            "trust.yaml",
            "value: \"4000\"",
            "value: ask the operator",
            "bad-phone",
            &["`contacts[0].routes[0]`", "extension `ask the operator`"],
        ),
        (
            "sites/north.yaml",
            "value: \"100\"",
            "value: \"1+00\"",
            "bad-phone",
            &[
                "`contacts[0].routes[0]`",
                "bleep number",
                "`+` that is not at the start",
            ],
        ),
        (
            "sites/north.yaml",
            "switchboard: \"01632 960 001\"",
            "switchboard: call 100",
            "bad-phone",
            &[
                "north.yaml:5:14 at `switchboard`",
                "does not look like a number",
            ],
        ),
    ]);
}

// Explicit YAML tags (`!!binary` printed base64) are refused where they are written.
#[test]
fn yaml_tags_are_refused() {
    assert_cases(&[
        (
            "wards/ward-a.yaml",
            "name: Ward A",
            "name: !!binary V2FyZCBB",
            "yaml-tag",
            &["ward-a.yaml:3:7", "YAML tag `!!binary` is not allowed"],
        ),
        (
            "fallbacks/phones-down.yaml",
            "do: Get",
            "do: !custom Get",
            "yaml-tag",
            &["phones-down.yaml:16:11", "`!custom`"],
        ),
    ]);
}

// Unknown keys beside `table:` (or any form part's key) are an error, not ignored.
#[test]
fn unknown_keys_in_form_layout_are_refused() {
    let (trust, before) = built();
    trust.overlay(&common::fixtures().join("broken/form-extra-key"));
    assert_refused(
        &trust,
        &before,
        "yaml-schema",
        &[
            "procedures/forms/tracking-list.yaml:13:5 at `layout[1]`",
            "a form part has one key, `table`, but `colour` is beside it",
        ],
    );
    assert_cases(&[
        (
            "forms/tracking-list.yaml",
            "copies: 5",
            "copies: 5\nlayout:\n  - ticks: { label: Bed, options: [A] }\n    rows: 3",
            "yaml-schema",
            &[
                "tracking-list.yaml:6:5 at `layout[0]`",
                "`rows` is beside it",
            ],
        ),
        (
            "forms/tracking-list.yaml",
            "copies: 5",
            "copies: 5\nlayout:\n  - table: { columns: [Name], rows: 3, colour: red }",
            "yaml-schema",
            &["`layout[0].table`", "unknown field `colour`"],
        ),
        (
            "forms/tracking-list.yaml",
            "copies: 5",
            "copies: 5\nlayout:\n  - tabel: {}",
            "yaml-schema",
            &["`layout[0]`", "unknown field `tabel`"],
        ),
    ]);
}

// A name ending in ` ##` keeps its hashes in the Markdown heading, the PDF and the viewer.
#[test]
fn trailing_hashes_survive_in_every_format() {
    let trust = Trust::fixture("minimal");
    // Quoted: unquoted, ` ##` would start a YAML comment.
    trust.edit("wards/ward-a.yaml", "name: Ward A", "name: \"Ward A ##\"");
    let run = trust.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(trust.read("north/ward-a.md").contains(r"Ward A \#\#"));
    let pdf = common::pdf_text(&trust.out().join("north/ward-a.pdf"));
    assert!(pdf.contains("Ward A ##"), "{pdf}");
    let html = trust.read("_viewer/north/ward-a.html");
    assert!(html.contains("Downtime pack: Ward A ##</h1>"), "{html}");
}

// The example trust and its full range of real text pass every text rule and limit.
#[test]
fn example_trust_is_within_limits() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = common::run_in(root, &["check", "--today", "2026-11-29"], &[]);
    assert!(
        !run.stderr.contains("error[bad-") && !run.stderr.contains("error[too-many"),
        "{}",
        run.stderr
    );
}
