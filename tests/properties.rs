//! Property tests: escaping never lets user text change the Markdown's structure, the
//! typesetter never panics or leaves the page on any input, and generated trusts always build
//! deterministically.

mod common;
use downtime::pack::Furniture;
use downtime::render::escape::markdown as escape;
use downtime::typeset::page::{Geometry, Item, PAGE_HEIGHT};
use proptest::prelude::*;

fn text_of(markdown: &str) -> String {
    downtime::markdown::parser(markdown)
        .filter_map(|e| match e {
            pulldown_cmark::Event::Text(t) | pulldown_cmark::Event::Code(t) => Some(t.to_string()),
            pulldown_cmark::Event::SoftBreak => Some(" ".into()),
            _ => None,
        })
        .collect()
}

fn furniture() -> Furniture {
    Furniture {
        title: "t".into(),
        header: "Ward · Hospital".into(),
        author: "a".into(),
        version: "1".into(),
        review_due: "1 January 2027".into(),
        draft: false,
        // The widest code: the footer must hold it beside the uncontrolled-copy line.
        code: "WWWW-WWWW".into(),
    }
}

/// Markdown built from the constructs packs and notices use, in random order and nesting.
fn markdown_doc() -> impl Strategy<Value = String> {
    let fragment = prop_oneof![
        "[a-zA-Z£é ✓–’]{0,40}".prop_map(|t| format!("{t}\n\n")),
        "[a-z]{1,300}".prop_map(|t| format!("{t}\n\n")),
        "[a-z ]{0,30}".prop_map(|t| format!("# {t}\n\n")),
        "[a-z ]{0,30}".prop_map(|t| format!("## {t}\n\n")),
        "[a-z ]{0,30}".prop_map(|t| format!("- [ ] {t}\n  - [x] {t}\n\n")),
        (1usize..12, "[a-z]{0,8}").prop_map(|(d, t)| (0..d)
            .map(|i| format!("{}- {t}\n", "  ".repeat(i)))
            .collect::<String>()
            + "\n"),
        (1usize..45, 0usize..4).prop_map(|(cols, rows)| {
            let row = |c: &str| format!("|{}|\n", vec![c; cols].join("|"));
            row("head")
                + &row("---")
                + &(0..rows).map(|_| row("cell text")).collect::<String>()
                + "\n"
        }),
        "[a-z ]{0,60}".prop_map(|t| format!("> **Warning** {t}\n\n")),
        Just("<!-- pagebreak -->\n\n".to_string()),
        Just("<!-- toc -->\n\n".to_string()),
        Just("---\n\n".to_string()),
        Just("```\ncode line\n```\n\n".to_string()),
        Just("<div>html</div>\n\n".to_string()),
        "[\\PC]{0,20}".prop_map(|t| format!("{t}\n\n")),
    ];
    prop::collection::vec(fragment, 0..25).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    // Escaped user text always reads back as itself (whitespace folded, no-break spaces inside
    // it kept), whatever it contains.
    #[test]
    fn escaping_preserves_text(text in "[\\PC]{0,80}") {
        let folded = downtime::render::escape::fold_whitespace(&text);
        let parsed = text_of(&format!("- [ ] {}\n", escape(&text)));
        prop_assert_eq!(parsed.trim(), folded.trim());
        let cell = text_of(&format!("| a |\n|---|\n| {} |\n", escape(&text)));
        prop_assert!(cell.ends_with(folded.trim()), "table cell: {:?}", cell);
    }

    // The typesetter never panics and never places anything outside the margins.
    #[test]
    fn typesetting_stays_on_the_page(doc in markdown_doc()) {
        let result = downtime::typeset::typeset(&doc, &furniture());
        let geo = Geometry::a4();
        prop_assert!(!result.pages.is_empty());
        for page in &result.pages {
            for item in &page.items {
                let (x0, x1, y0, y1) = match item {
                    Item::Text { x, y, size, width, .. } => (*x, x + width, y - size, *y),
                    Item::Rect { x, y, w, h, .. } => (*x, x + w, *y, y + h),
                    Item::Rule { x1, y1, x2, y2, .. } => (x1.min(*x2), x1.max(*x2), y1.min(*y2), y1.max(*y2)),
                };
                prop_assert!(x0 >= geo.left - 0.01 && x1 <= geo.right + 0.01, "{:?}", item);
                prop_assert!(y0 >= 0.0 && y1 <= PAGE_HEIGHT, "{:?}", item);
            }
        }
        // No text touches other text or any line, whatever the Markdown.
        for (p, page) in result.pages.iter().enumerate() {
            let problems = page.collisions(&geo);
            prop_assert!(problems.is_empty(), "page {}: {:?}\n{}", p + 1, problems, doc);
        }
        let bytes = downtime::typeset::pdf::write(&result, 0);
        prop_assert!(bytes.starts_with(b"%PDF"));
    }
}

/// Strings from `pattern` that pass the loader's text rules (see `load::text`).
fn printable(pattern: &'static str, max: usize, multiline: bool) -> impl Strategy<Value = String> {
    pattern.prop_filter("text the loader accepts", move |s| {
        downtime::load::text::check(s, max, multiline).is_ok()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4, ..ProptestConfig::default() })]

    // A generated trust with arbitrary names that `check` accepts (any script, any
    // punctuation; no invisible characters, no word too long) builds, and builds identically twice.
    #[test]
    fn generated_trusts_build_deterministically(
        names in prop::collection::vec(printable("[\\PC]{1,40}", 200, false), 3),
        extra_wards in 0usize..4,
        step in printable("[\\PC]{1,20}( [\\PC]{1,20}){0,5}", 2000, true),
    ) {
        let trust = common::Trust::fixture("minimal");
        let quote = |s: &str| serde_json::to_string(s).expect("JSON strings are YAML strings");
        trust.edit("wards/ward-a.yaml", "name: Ward A", &format!("name: {}", quote(&names[0])));
        trust.edit("wards/ward-a.yaml", "location: Floor 1", &format!("location: {}", quote(&names[1])));
        trust.edit("systems/records.yaml", "name: Patient records", &format!("name: {}", quote(&names[2])));
        trust.edit("fallbacks/records-downtime.yaml", "do: Log every admission on paper.", &format!("do: {}", quote(&step)));
        for i in 0..extra_wards {
            let text = std::fs::read_to_string(trust.procedures().join("wards/ward-b.yaml")).unwrap();
            trust.write(&format!("wards/gen-{i}.yaml"), &text.replace("id: ward-b", &format!("id: gen-{i}")));
        }
        let first = trust.run(&["build", "--format", "md,pdf"]);
        prop_assert_eq!(first.code, 0, "{}", first.stderr);
        let before = trust.output_files();
        let second = trust.run(&["build", "--format", "md,pdf", "--force"]);
        prop_assert_eq!(second.code, 0);
        prop_assert!(before == trust.output_files(), "two builds differ");
    }
}
