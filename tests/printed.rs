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

// The same on a generated trust: 10-30 step procedures, many forms and contacts; and no page
// of it ends with a lone heading either.
#[test]
fn no_text_overlaps_in_a_synthetic_trust() {
    let docs = common::documents(common::synthetic_trust());
    assert!(docs.len() > 20);
    let lone = common::lone_headings(&docs);
    assert!(lone.is_empty(), "{}", lone[..lone.len().min(20)].join("\n"));
    let problems = common::collisions(&docs);
    assert!(
        problems.is_empty(),
        "{}",
        problems[..problems.len().min(20)].join("\n")
    );
}

// No page of the example ends with a heading whose section starts overleaf (#17 trial: "Nurse
// in charge" alone at the foot of page 6 of Ward 7's pack, the page its cover row points at).
#[test]
fn no_heading_is_alone_at_a_page_foot() {
    let problems = common::lone_headings(common::example_documents());
    assert!(
        problems.is_empty(),
        "{} pages, e.g.:\n{}",
        problems.len(),
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

// Page 1 of every ward pack says where to turn: every system section and every action card
// with the page it really starts on, and the blank forms appended after the pack.
#[test]
fn ward_covers_say_where_to_turn() {
    let wards = (common::example_documents().iter()).filter(|p| {
        p.path.components().count() == 2
            && !p.path.to_string_lossy().contains("/_")
            && p.markdown.is_some()
    });
    let mut seen = 0;
    for printed in wards {
        let doc = &printed.document;
        let cover = doc.pages[0].text();
        assert!(
            cover.contains("If this is down, turn to"),
            "{}",
            printed.path.display()
        );
        for h in doc.headings.iter().filter(|h| {
            h.level == 2 && (h.text.ends_with(" is down") || h.text.starts_with("Action card: "))
        }) {
            let name = h.text.trim_end_matches(" is down");
            let line = cover
                .lines()
                .find(|l| l.starts_with(name.split(' ').next().unwrap_or("")));
            assert!(
                cover.contains(&format!("→ {}", h.page)),
                "{}: cover lacks {:?} on page {} ({line:?})",
                printed.path.display(),
                h.text,
                h.page
            );
        }
        // And the sections a nurse looks for beside the systems: the emergency contacts (on
        // page 1 or 2), the first 15 minutes, the cascade, the kit, the forms table and the
        // recovery checklist.
        for title in [
            "Emergency contacts",
            "First 15 minutes",
            "Call cascade",
            "Downtime kit",
            "Forms",
            "Recovery checklist",
        ] {
            let h = (doc.headings.iter())
                .find(|h| h.text == title)
                .unwrap_or_else(|| panic!("{}: no {title:?}", printed.path.display()));
            assert!(
                cover.contains(&format!("→ {}", h.page)),
                "{}: cover lacks {title:?} on page {}",
                printed.path.display(),
                h.page
            );
        }
        assert!(
            !doc.warnings.iter().any(|w| w.contains("no such section")),
            "{:?}",
            doc.warnings
        );
        seen += 1;
    }
    assert!(seen >= 15, "only {seen} ward packs");
}

// The note that blank forms follow the pack is printed with the forms table it speaks of,
// and gives the page the first blank form really starts on (#17: it used to end the last
// action card, pages away from the table).
#[test]
fn the_blank_forms_note_sits_with_the_forms_table() {
    let mut seen = 0;
    for printed in common::example_documents() {
        let doc = &printed.document;
        let Some(forms) = doc.headings.iter().find(|h| h.text == "Forms") else {
            continue;
        };
        let first_form = (doc.headings.iter())
            .find(|h| h.text.starts_with("Form: "))
            .expect("a pack with a forms table has its forms appended");
        let page = doc.pages[forms.page - 1].text();
        let at = page
            .find("Blank copies of the forms below")
            .unwrap_or_else(|| {
                panic!(
                    "{}: page {} lacks the note",
                    printed.path.display(),
                    forms.page
                )
            });
        assert!(
            (page[at..].split_whitespace().collect::<Vec<_>>().join(" "))
                .contains(&format!("from page {}", first_form.page)),
            "{}: note does not give page {}",
            printed.path.display(),
            first_form.page
        );
        let elsewhere = (doc.pages.iter().enumerate())
            .filter(|(i, p)| *i + 1 != forms.page && p.text().contains("Blank copies"))
            .count();
        assert_eq!(elsewhere, 0, "{}", printed.path.display());
        seen += 1;
    }
    assert!(seen >= 15, "only {seen} packs with forms");
}

// A system's page shows every escalation that concerns it, soonest first, including those
// written in the procedures for any downtime (#17: a 4-hour outage limit sat beside only an
// 8-hour escalation while the 4-hour one was on another page).
#[test]
fn system_pages_show_every_escalation_that_concerns_them() {
    let mut seen = 0;
    for printed in common::example_documents() {
        let Some(md) = &printed.markdown else {
            continue;
        };
        // The general escalation every ward pack prints in its "any downtime" procedure.
        let general = "Ask for extra clerical and nursing support";
        if !md.contains(general) || !md.contains("### If this is down, turn to") {
            continue;
        }
        let doc = &printed.document;
        for h in (doc.headings.iter()).filter(|h| h.level == 2 && h.text.ends_with(" is down")) {
            let page: String = (doc.pages[h.page - 1].text().split_whitespace())
                .collect::<Vec<_>>()
                .join(" ");
            let at = page.find(&h.text).unwrap_or(0);
            // By the nurse in charge, or whoever does that role's steps on this ward.
            let general_escalation = page[at..].split("After 4 hours: ").skip(1).any(|after| {
                after
                    .find(" to Site manager")
                    .is_some_and(|by_end| by_end <= "ED nurse coordinator".len())
            });
            assert!(
                page[at..].contains("Every escalation for this system") && general_escalation,
                "{} page {}: {:?} lacks the general 4-hour escalation",
                printed.path.display(),
                h.page,
                h.text
            );
            seen += 1;
        }
    }
    assert!(seen >= 40, "only {seen} system pages");
}

// Every page of a hospital pack that shows a matrix of system short names (Mat, LIMS...) says
// on that same page what each stands for (#17: the key was pages away).
#[test]
fn hospital_matrices_carry_their_key_on_the_page() {
    let mut seen = 0;
    for printed in common::example_documents() {
        let Some(md) = &printed.markdown else {
            continue;
        };
        // The short names and full names, from the pack's own "Short name | System" table.
        let names: Vec<(String, String)> = (md.lines())
            .skip_while(|l| !l.starts_with("| Short name | System |"))
            .skip(2)
            .take_while(|l| l.starts_with('|'))
            .filter_map(|l| {
                let cells: Vec<&str> = l.split('|').map(str::trim).collect();
                Some((cells.get(1)?.to_string(), cells.get(2)?.to_string()))
            })
            .filter(|(short, name)| short != name)
            .collect();
        for (p, page) in printed.document.pages.iter().enumerate() {
            let items: Vec<&str> = (page.items.iter())
                .filter_map(|i| match i {
                    downtime::typeset::page::Item::Text { text, .. } => Some(text.as_str()),
                    _ => None,
                })
                .collect();
            if !items.iter().any(|t| *t == "Ward" || *t == "Scenario") {
                continue;
            }
            let text = page.text().split_whitespace().collect::<Vec<_>>().join(" ");
            let key = text.find("Key:").map(|at| &text[at..]).unwrap_or("");
            for (short, name) in &names {
                if items.contains(&short.as_str()) && !text.contains("Short name") {
                    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
                    assert!(
                        key.contains(&format!("{short} {name}")),
                        "{} page {}: {short} has no key",
                        printed.path.display(),
                        p + 1
                    );
                    seen += 1;
                }
            }
        }
    }
    assert!(seen >= 20, "only {seen} abbreviations checked");
}

// Page 1 of every scenario ward pack lists each system this ward loses with the page of its
// section, each system that still works, and the contacts box whole (#17).
#[test]
fn scenario_covers_say_where_to_turn() {
    let mut seen = 0;
    for printed in common::example_documents() {
        let path = printed.path.to_string_lossy();
        if !path.contains("/_scenarios/") || path.ends_with("_hospital.pdf") {
            continue;
        }
        let doc = &printed.document;
        let first = doc.pages[0]
            .text()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(first.contains("On this ward, turn to"), "{path}");
        assert!(first.contains("Contacts in this outage"), "{path}");
        // The cover runs to the contents page when the outage takes many systems.
        let contents = doc
            .pages
            .iter()
            .position(|p| p.text().starts_with("Contents"));
        assert!(
            contents.is_some_and(|c| c <= 2),
            "{path}: contents at {contents:?}"
        );
        let cover: String = (doc.pages.iter())
            .take_while(|p| !p.text().starts_with("Contents"))
            .map(|p| p.text())
            .collect::<Vec<_>>()
            .join(" ");
        let cover = cover.split_whitespace().collect::<Vec<_>>().join(" ");
        for h in (doc.headings.iter()).filter(|h| h.level == 2 && h.text.ends_with(" is down")) {
            let name = h.text.trim_end_matches(" is down");
            assert!(
                cover.contains(&format!("{name} DOWN → {}", h.page)),
                "{path}: cover lacks {name:?} on page {}",
                h.page
            );
            seen += 1;
        }
        let works = doc.headings.iter().find(|h| h.text == "What still works");
        let md = printed.markdown.as_deref().unwrap_or("");
        if let (Some(works), true) = (works, md.contains("| still works |")) {
            assert!(
                cover.contains(&format!("still works → {}", works.page)),
                "{path}"
            );
        }
    }
    assert!(seen >= 50, "only {seen} lost systems checked");
}
