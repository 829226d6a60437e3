//! Layout invariants on hostile Markdown, checked on the page model (no PDF reading needed).

mod common;

use downtime::pack::Furniture;
use downtime::typeset::page::{Document, Geometry, Item, PAGE_HEIGHT};
use downtime::typeset::typeset;

fn furniture() -> Furniture {
    Furniture {
        title: "Nasty".into(),
        header: "Ward Z · Test Hospital".into(),
        author: "Test".into(),
        version: "9.9".into(),
        review_due: "1 January 2027".into(),
        draft: false,
        code: "WWWW-WWWW".into(),
    }
}

fn nasty() -> Document {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/markdown/nasty.md"
    ))
    .expect("read nasty.md");
    typeset(&text, &furniture())
}

// No glyph, box or rule is ever placed outside the margins (30 columns, 400-char word,
// 10-level list, 3-page table, long code line, page-long callout).
#[test]
fn nothing_leaves_the_margins() {
    let doc = nasty();
    let geo = Geometry::a4();
    assert!(
        doc.pages.len() >= 5,
        "expected a long document, got {} pages",
        doc.pages.len()
    );
    for (p, page) in doc.pages.iter().enumerate() {
        for item in &page.items {
            let (x0, x1, y0, y1) = match item {
                Item::Text {
                    x, y, size, width, ..
                } => (*x, x + width, y - size, *y + size * 0.3),
                Item::Rect { x, y, w, h, .. } => (*x, x + w, *y, y + h),
                Item::Rule { x1, y1, x2, y2, .. } => {
                    (x1.min(*x2), x1.max(*x2), y1.min(*y2), y1.max(*y2))
                }
            };
            assert!(
                x0 >= geo.left - 0.01 && x1 <= geo.right + 0.01,
                "page {}: {item:?} outside the side margins",
                p + 1
            );
            assert!(
                y0 >= 0.0 && y1 <= PAGE_HEIGHT,
                "page {}: {item:?} off the page",
                p + 1
            );
        }
    }
}

// No text overlaps other text or any line on any page of hostile Markdown (30 columns,
// 400-character words, deep lists, page-long callouts).
#[test]
fn nasty_markdown_never_overlaps() {
    let doc = nasty();
    let geo = Geometry::a4();
    let problems: Vec<String> = (doc.pages.iter().enumerate())
        .flat_map(|(p, page)| {
            page.collisions(&geo)
                .into_iter()
                .map(move |c| format!("page {}: {c}", p + 1))
        })
        .collect();
    assert!(
        problems.is_empty(),
        "{}",
        problems[..problems.len().min(20)].join("\n")
    );
}

// Body text is never smaller than 11 pt; only the page furniture is smaller.
#[test]
fn body_text_is_at_least_11pt() {
    let doc = nasty();
    let geo = Geometry::a4();
    for page in &doc.pages {
        for item in &page.items {
            if let Item::Text { y, size, text, .. } = item {
                let in_body = *y > geo.body_top && *y < geo.body_bottom;
                assert!(!in_body || *size >= 11.0, "{text:?} at {size} pt");
            }
        }
    }
}

// The header row of a table is repeated on every page the table crosses.
#[test]
fn table_header_repeats_on_each_page() {
    let doc = nasty();
    let pages_with_rows: Vec<usize> = (0..doc.pages.len())
        .filter(|&p| {
            doc.pages[p]
                .text()
                .lines()
                .any(|l| l.starts_with("r1") || l.starts_with("r5"))
        })
        .collect();
    assert!(
        pages_with_rows.len() >= 3,
        "the big table spans 3+ pages: {pages_with_rows:?}"
    );
    for p in pages_with_rows {
        let text = doc.pages[p].text();
        assert!(
            text.contains("Key\nValue\nNote") || text.contains("Key Value Note"),
            "page {} lacks the header:\n{text}",
            p + 1
        );
    }
}

// A tick box is always on the same page and line as the start of its text.
#[test]
fn tick_boxes_stay_with_their_text() {
    let doc = nasty();
    let mut boxes = 0;
    for page in &doc.pages {
        for item in &page.items {
            if let Item::Rect { x, y, w, h, .. } = item {
                if (*w - *h).abs() < 0.01 && *w < 12.0 {
                    boxes += 1;
                    let has_text = page.items.iter().any(|t| match t {
                        Item::Text { x: tx, y: ty, .. } => {
                            *tx > *x + *w && (*ty - (*y + *h)).abs() < 6.0
                        }
                        _ => false,
                    });
                    assert!(has_text, "tick box at ({x}, {y}) has no text beside it");
                }
            }
        }
    }
    assert!(boxes >= 60, "found {boxes} tick boxes");
}

// A heading is never the last thing on a page.
#[test]
fn headings_are_kept_with_what_follows() {
    let doc = nasty();
    let geo = Geometry::a4();
    for (p, page) in doc.pages.iter().enumerate() {
        let last_body_text = page.items.iter().rev().find_map(|i| match i {
            Item::Text { y, size, text, .. } if *y < geo.body_bottom && *y > geo.body_top => {
                Some((*size, text.clone()))
            }
            _ => None,
        });
        if let Some((size, text)) = last_body_text {
            assert!(size <= 11.5, "page {} ends with heading {text:?}", p + 1);
        }
    }
}

// Characters the font lacks are shown visibly and reported; unsupported constructs warn.
#[test]
fn missing_glyphs_and_unsupported_markdown_warn() {
    let doc = nasty();
    let all: String = doc
        .pages
        .iter()
        .map(|p| p.text())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(all.contains("[U+1F600]"), "emoji substitute visible");
    assert!(all.contains("[U+6F22]"), "CJK substitute visible");
    assert!(
        all.contains("£ – ’ é ✓ ☐ →"),
        "covered characters print as themselves"
    );
    let warnings = doc.warnings.join("\n");
    assert!(warnings.contains("U+1F600"), "{warnings}");
    assert!(warnings.contains("HTML"), "{warnings}");
    assert!(warnings.contains("image"), "{warnings}");
    assert!(warnings.contains("30 columns"), "{warnings}");
    assert!(
        all.contains("raw html block"),
        "HTML degrades to text, not dropped"
    );
}

// The 400-character word is printed whole, across lines, not dropped.
#[test]
fn long_words_are_broken_not_lost() {
    let doc = nasty();
    let xs: usize = doc
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match i {
            Item::Text { text, .. } if text.chars().all(|c| c == 'x') => Some(text.len()),
            _ => None,
        })
        .sum();
    assert_eq!(xs, 400);
}

// Contents page numbers are the pages the sections start on.
#[test]
fn contents_numbers_match_section_pages() {
    let doc = nasty();
    let sections: Vec<_> = doc.headings.iter().filter(|h| h.level == 2).collect();
    assert!(sections.len() >= 6);
    let toc_page = doc.pages[0].text();
    for s in &sections {
        let line = toc_page
            .lines()
            .find(|l| l.starts_with(&s.text))
            .unwrap_or_else(|| panic!("{} not in contents:\n{toc_page}", s.text));
        assert!(
            line.ends_with(&format!(" {}", s.page)),
            "contents line {line:?}, section on page {}",
            s.page
        );
        assert!(doc.pages[s.page - 1].text().contains(&s.text));
    }
}

// The page layout of the minimal trust's ward pack, as text a reviewer can read in a diff:
// every line of text with its page, position (points from the top left) and size. Any change
// to where things land on the page shows up here (`INSTA_UPDATE=always` after an intended one).
#[test]
fn ward_pack_layout_snapshot() {
    let trust = common::Trust::fixture("minimal");
    let run = trust.run(&["build", "--format", "md", "--ward", "ward-a"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc = typeset(&trust.read("north/ward-a.md"), &furniture());
    let mut dump = String::new();
    for (p, page) in doc.pages.iter().enumerate() {
        dump.push_str(&format!("--- page {}\n", p + 1));
        for item in &page.items {
            if let Item::Text {
                x, y, size, text, ..
            } = item
            {
                dump.push_str(&format!("{y:6.1} {x:6.1} {size:4.1}  {text}\n"));
            }
        }
    }
    insta::assert_snapshot!("ward-pack-layout", dump);
}

// A boxed panel that fits on a page is never cut by a page break (#17: the crash-call mobile
// of an emergency-contacts box ended up alone on the next page).
#[test]
fn a_box_that_fits_on_a_page_stays_whole() {
    let filler = "Filler paragraph of ordinary words.\n\n".repeat(30);
    let contacts: String = (1..=8)
        .map(|n| format!("> - **Contact {n}**: Mobile 07700 900 10{n}\n"))
        .collect();
    let text = format!("{filler}> **Emergency contacts.** Use these.\n>\n{contacts}");
    let doc = typeset(&text, &furniture());
    let page = doc
        .pages
        .iter()
        .position(|p| p.text().contains("Emergency contacts"))
        .expect("box printed");
    assert!(doc.pages[page].text().contains("Contact 8"), "box cut");
    assert!(page > 0, "the filler should push the box over");
}

// A heading before a box that moves whole to the next page moves with it (#17: the ward
// cover's "Emergency contacts" heading was left alone at the foot of page 1).
#[test]
fn a_heading_goes_with_the_box_it_introduces() {
    let contacts: String = (1..=8)
        .map(|n| format!("> - **Contact {n}**: Mobile 07700 900 10{n}\n"))
        .collect();
    let filler = "Filler paragraph of ordinary words.\n\n";
    // Grow the filler until the box no longer fits on page 1 with it, so the box moves.
    let doc = (20..60)
        .map(|n| {
            let text = format!(
                "{}### Emergency contacts\n\n> Use these.\n>\n{contacts}",
                filler.repeat(n)
            );
            typeset(&text, &furniture())
        })
        .find(|doc| !doc.pages[0].text().contains("Contact 1"))
        .expect("some filler pushes the box over");
    assert!(
        !doc.pages[0].text().contains("Emergency contacts"),
        "heading left behind:\n{}",
        doc.pages[0].text()
    );
    assert!(doc.pages[1].text().contains("Emergency contacts"));
    assert!(doc.pages[1].text().contains("Contact 8"), "box cut");
}

// A paragraph all in bold is a run-in heading ("When systems return" in a procedure): it is
// never the last line of a page, whatever falls before it (#17 trial: alone at the foot of
// page 21 of Ward 7's pack, its steps on page 22).
#[test]
fn a_run_in_heading_is_never_alone_at_a_page_foot() {
    let steps =
        "- [ ] **Ward clerk:** Telephone every patient whose appointment changed.\n".repeat(3);
    let mut pushed_over = 0;
    for n in 30..70 {
        let filler = "Filler paragraph of ordinary words.\n\n".repeat(n);
        let doc = typeset(
            &format!("{filler}**When systems return**\n\n{steps}"),
            &furniture(),
        );
        let page = (doc.pages.iter())
            .position(|p| p.text().contains("When systems return"))
            .expect("printed");
        let after = doc.pages[page].text();
        let after = &after[after.find("When systems return").unwrap()..];
        assert!(
            after.contains("Ward clerk"),
            "filler {n}: run-in heading alone:\n{after}"
        );
        pushed_over += usize::from(page > 0);
    }
    assert!(pushed_over > 0, "no filler reached the page foot");
}

// A short list item with more under it (a step, its forms, its escalation's contact) stays
// on one page (#17 trial: "Forms:" alone at the top of a card's page 3, an escalation's
// contact details a page after the escalation).
#[test]
fn a_short_step_with_its_details_stays_whole() {
    let step = "- [ ] **Ward clerk:** Record every admission on the log, in order.\n  - Forms: Admission log (atd-log)\n  - **Escalate after 8 hours** to Site manager\n    - **Site manager**: Bleep 2100\n";
    let mut pushed_over = 0;
    for n in 30..70 {
        let filler = "Filler paragraph of ordinary words.\n\n".repeat(n);
        let doc = typeset(&format!("{filler}{step}"), &furniture());
        let page = (doc.pages.iter())
            .position(|p| p.text().contains("Record every admission"))
            .expect("printed");
        assert!(
            doc.pages[page].text().contains("Bleep 2100"),
            "filler {n}: the step is cut:\n{}",
            doc.pages[page].text()
        );
        pushed_over += usize::from(page > 0);
    }
    assert!(pushed_over > 0, "no filler reached the page foot");
}

// A box longer than a page says, at the top of each continuation, which box goes on and
// where it began.
#[test]
fn a_box_longer_than_a_page_says_continued() {
    let contacts: String = (1..=80)
        .map(|n| format!("> - **Contact {n}**: Mobile 07700 900 {n:03}\n"))
        .collect();
    let text = format!("Intro.\n\n> **Emergency contacts.** Use these.\n>\n{contacts}");
    let doc = typeset(&text, &furniture());
    assert!(doc.pages.len() >= 2);
    for page in &doc.pages[1..] {
        assert!(
            page.text()
                .contains("Emergency contacts (continued from page 1)"),
            "{}",
            page.text()
        );
    }
    assert!(!doc.pages[0].text().contains("continued"));
}
