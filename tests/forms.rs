//! Paper forms and role action cards: every form part drawn, ruled rows sized for handwriting,
//! traceable footers, cards listing exactly their role's steps.

mod common;
use common::Trust;
use downtime::load::raw;
use downtime::typeset::fonts::Face;
use downtime::typeset::form::{layout_form, FormSpec, Part, PITCH};
use downtime::typeset::page::{Item, RectStyle};

fn spec(parts: Vec<Part>) -> FormSpec {
    FormSpec {
        id: "obs".into(),
        title: "Observation chart".into(),
        purpose: "Observations on paper.".into(),
        version: "4.0".into(),
        trust: "Test Trust".into(),
        site: "North Hospital".into(),
        ward: "Ward A".into(),
        parts,
    }
}

/// Form parts as a form file writes them, read by the real (checked) deserializer and handed
/// to the typesetter as a pack hands them.
fn parts(yaml: &str) -> Vec<Part> {
    let raw: Vec<raw::Part> = serde_yaml::from_str(yaml).expect("valid form layout");
    raw.iter().map(downtime::pack::card::form_part).collect()
}

fn all_parts() -> Vec<Part> {
    parts(
        "
- header
- patient
- fields:
    - { label: Ward round notes, kind: lines, lines: 4 }
    - { label: Date seen, kind: date }
    - { label: Time seen, kind: time }
    - { label: Bay, kind: line }
    - { label: Nurse, kind: signature }
- ticks: { label: Escalated to, options: [Doctor, Outreach, Site manager] }
- table: { columns: [Time, Pulse, BP, Initials], rows: 30 }
- instructions: 'Score 5 or more: tell the nurse in charge at once.'
",
    )
}

// Every part is drawn: its text is on the page and its boxes and lines are there.
#[test]
fn every_form_part_renders() {
    let doc = layout_form(&spec(all_parts()));
    let text: String = doc
        .pages
        .iter()
        .map(|p| p.text())
        .collect::<Vec<_>>()
        .join("\n");
    for expected in [
        "Observation chart",
        "Test Trust · North Hospital · Ward A",
        "Patient: write clearly, or affix label",
        "NHS number",
        "Date of birth",
        "Affix patient label here",
        "Ward round notes",
        "DD / MM / YYYY",
        "24-hour clock",
        "Print name",
        "Designation",
        "Escalated to",
        "Outreach",
        "Initials",
        "Score 5 or more",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    // Four ruled lines for the notes field: full-width rules.
    let geo = downtime::typeset::page::Geometry::a4();
    let full_rules = doc.pages[0]
        .items
        .iter()
        .filter(|i| matches!(i, Item::Rule { x1, x2, .. } if (*x1 - geo.left).abs() < 0.1 && (*x2 - geo.right).abs() < 0.1))
        .count();
    assert!(full_rules >= 4, "found {full_rules} full-width rules");
    // Three tick boxes for three options, drawn as squares.
    let ticks = doc.pages.iter().flat_map(|p| &p.items).filter(|i| matches!(i, Item::Rect { w, h, style: RectStyle::Stroke(_), .. } if (w - h).abs() < 0.01 && *w > 11.0 && *w < 13.0)).count();
    assert_eq!(ticks, 3);
}

// Table rows are counted by the layout model: 30 blank rows, each at least 8 mm high, with the
// heading row repeated when the table crosses a page.
#[test]
fn ruled_rows_are_sized_for_handwriting() {
    const { assert!(PITCH >= 8.0 * 72.0 / 25.4) };
    let doc = layout_form(&spec(parts(
        "- table: { columns: [Time, Pulse, BP, Initials], rows: 30 }",
    )));
    let rows: usize = doc
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter(|i| matches!(i, Item::Rect { h, style: RectStyle::Stroke(t), .. } if (*h - PITCH).abs() < 0.01 && (*t - 0.6).abs() < 0.01))
        .count();
    assert!(
        rows >= 30 * 4,
        "at least 30 rows of 4 cells, got {} cells",
        rows
    );
    assert_eq!(doc.pages.len(), 2);
    let second = doc.pages[1].text();
    assert!(
        second.starts_with("Observation chart (continued)") && second.contains("Time"),
        "title and heading repeated: {second}"
    );
}

fn ruled_rows(page: &downtime::typeset::page::Page) -> usize {
    (page.items.iter())
        .filter(|i| matches!(i, Item::Rect { h, style: RectStyle::Stroke(t), .. } if (*h - PITCH).abs() < 0.01 && (*t - 0.6).abs() < 0.01))
        .count()
}

// Every page of every form of the example that holds ruled rows is full (no room left for
// another row), a continuation page repeats the title and the patient box, and what follows
// a table (the signature block) never stands alone on a page.
#[test]
fn form_tables_fill_their_pages() {
    let geo = downtime::typeset::page::Geometry::a4();
    let forms = (common::example_documents().iter()).filter(|p| {
        p.path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("form-"))
    });
    let mut seen = 0;
    for printed in forms {
        let pages = &printed.document.pages;
        for (n, page) in pages.iter().enumerate() {
            let name = format!("{} page {}", printed.path.display(), n + 1);
            if ruled_rows(page) == 0 {
                assert!(
                    pages.iter().all(|p| ruled_rows(p) == 0),
                    "{name} has no rows: stands alone"
                );
                continue;
            }
            seen += 1;
            let lowest = (page.items.iter())
                .filter_map(|i| match i {
                    Item::Rect { y, h, .. } => Some(y + h),
                    Item::Text { y, .. } if *y < geo.body_bottom => Some(*y),
                    _ => None,
                })
                .fold(0.0, f32::max);
            assert!(
                geo.body_bottom - lowest < PITCH + 12.0,
                "{name} ends {:.0} pt above the foot of the page",
                geo.body_bottom - lowest
            );
            if n > 0 {
                let text = page.text();
                assert!(text.contains("(continued)"), "{name}: {text}");
                let patient = pages[0].text().contains("Affix patient label");
                assert_eq!(
                    text.contains("Affix patient label"),
                    patient,
                    "{name}: patient box"
                );
            }
        }
    }
    assert!(seen > 20, "only {seen} form pages with rows");
}

// Forms are written per ward as their own PDFs with id and version in the footer, and appended
// to the ward pack PDF.
#[test]
fn forms_are_printed_per_ward_with_traceable_footers() {
    let trust = Trust::fixture("minimal");
    assert_eq!(trust.run(&["build"]).code, 0);
    let form = trust.out().join("north/ward-a/form-tracking-list.pdf");
    let text = common::pdf_text(&form);
    assert!(text.contains("Version 1.0 of form tracking-list"), "{text}");
    assert!(
        text.contains("Patient tracking list · Ward A · North Hospital"),
        "{text}"
    );
    let pack = common::pdf_text(&trust.out().join("north/ward-a.pdf"));
    let last_page = pack
        .split('\u{c}')
        .rfind(|p| !p.trim().is_empty())
        .expect("pages");
    assert!(
        last_page.contains("Version 1.0 of form tracking-list"),
        "the form is the last page of the pack:\n{last_page}"
    );
    // Ward B uses the records fallback too, so it gets its own copy of the form, headed for
    // Ward B.
    let ward_b = common::pdf_text(&trust.out().join("north/ward-b/form-tracking-list.pdf"));
    assert!(
        ward_b.contains("Patient tracking list · Ward B · North Hospital"),
        "{ward_b}"
    );
}

// Each card lists exactly the steps of its role on that ward, and nothing else, each with the
// procedure it belongs to (which outage it is for).
#[test]
fn cards_list_exactly_their_roles_steps() {
    let trust = Trust::fixture("minimal");
    assert_eq!(trust.run(&["build", "--format", "md"]).code, 0);
    let nic = trust.read("north/ward-a/card-nurse-in-charge.md");
    insta::assert_snapshot!("card-nurse-in-charge", nic);
    let steps: Vec<&str> = nic.lines().filter(|l| l.starts_with("- [ ] ")).collect();
    assert_eq!(
        steps,
        [
            "- [ ] Print the patient list from the downtime PC. *(Paper records)*",
            "- [ ] Get the emergency mobile out of the box. *(No phones)*"
        ]
    );
    let clerk = trust.read("north/ward-a/card-ward-clerk.md");
    let steps: Vec<&str> = clerk.lines().filter(|l| l.starts_with("- [ ] ")).collect();
    assert_eq!(
        steps,
        [
            "- [ ] Log every admission on paper. *(Paper records)*",
            "- [ ] Back-enter every admission. *(Paper records)*"
        ]
    );
    assert!(
        clerk.contains("## While systems are down") && clerk.contains("## When systems return")
    );
    assert!(
        !clerk.contains("## First 15 minutes"),
        "the clerk has nothing in the first 15 minutes"
    );
    // Ward B has no ward clerk: no card for one.
    assert!(!trust.out().join("north/ward-b/card-ward-clerk.md").exists());
    assert!(
        trust
            .read("north/ward-a.md")
            .contains("## Action card: Ward clerk"),
        "cards are in the ward pack too"
    );
}

// A role on a ward with nothing to do there is a check warning.
#[test]
fn idle_role_is_reported() {
    let trust = Trust::fixture("minimal");
    trust.edit(
        "wards/ward-b.yaml",
        "roles: [nurse-in-charge]",
        "roles: [nurse-in-charge, site-manager]",
    );
    let run = trust.run(&["check", "--today", "2026-02-01"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stderr
            .contains("warning[idle-role]: role `site-manager` on ward `ward-b` has no steps"),
        "{}",
        run.stderr
    );
    assert!(run
        .stderr
        .contains("procedures/wards/ward-b.yaml:13:26 at `roles[1]`"));
}

/// A form built to break layout: long labels of long words in every kind of field, the widest
/// table the loader accepts (12 columns of long headings), options nearly a line long. Read
/// from YAML, so it is a form a trust could really write.
fn nasty_form() -> FormSpec {
    let long = "Pharmacist clinical verification and countersignature of the administration record";
    let word = "Supercalifragilisticexpialidociousnessment";
    let columns: Vec<String> = (0..12).map(|i| format!("\"Column {i} {word}\"")).collect();
    let yaml = format!(
        "- header\n- patient\n- fields:\n    - {{ label: {long}, kind: line, lines: 2 }}\n    - {{ label: {word}, kind: line, lines: 2 }}\n    - {{ label: {long}, kind: date, lines: 2 }}\n    - {{ label: {long}, kind: time, lines: 2 }}\n    - {{ label: {long}, kind: lines, lines: 2 }}\n    - {{ label: {word} {long}, kind: signature, lines: 2 }}\n- ticks: {{ label: {long}, options: [\"{long} {long}\", {word}, CT, {long}] }}\n- table: {{ columns: [{}], rows: 40 }}\n",
        columns.join(", ")
    );
    let parts = parts(&yaml);
    let mut form = spec(parts);
    form.title = format!("{long} {word}");
    form
}

// No text of a form touches other text or a line, however long its labels, words and
// options, and nothing leaves the printable area.
#[test]
fn nasty_form_never_overlaps() {
    let doc = layout_form(&nasty_form());
    let geo = downtime::typeset::page::Geometry::a4();
    for (p, page) in doc.pages.iter().enumerate() {
        let problems = page.collisions(&geo);
        assert!(problems.is_empty(), "page {}: {problems:#?}", p + 1);
    }
}

// Markdown in a form's instructions is typeset, tables included: cells in ruled boxes and
// bold text in bold, never pipes, dashes and stars (#17).
#[test]
fn form_instructions_are_typeset_as_markdown() {
    let doc = layout_form(&spec(parts(
        "
- header
- instructions: |
    **Escalate** at once when:

    | NEWS2 score | Who to tell |
    |---|---|
    | 5 or more | Doctor on call |
    | 7 or more | Outreach team |
",
    )));
    let page = &doc.pages[0];
    let texts: Vec<(&str, bool)> = (page.items.iter())
        .filter_map(|i| match i {
            Item::Text { text, face, .. } => {
                Some((text.as_str(), matches!(face, Face::Bold | Face::BoldItalic)))
            }
            _ => None,
        })
        .collect();
    let all: String = texts.iter().map(|(t, _)| *t).collect::<Vec<_>>().join(" ");
    assert!(
        !all.contains('|') && !all.contains("---") && !all.contains("**"),
        "{all}"
    );
    for cell in [
        "NEWS2 score",
        "Who to tell",
        "5 or more",
        "Doctor on call",
        "Outreach team",
    ] {
        assert!(
            texts.iter().any(|(t, _)| *t == cell),
            "cell {cell:?} not its own run: {all}"
        );
    }
    assert!(texts.contains(&("Escalate", true)), "{texts:?}");
}

// Site command roles get action cards of their own, for each hospital, and at the end of the
// hospital pack: exactly the steps of that role in the site-scope procedures.
#[test]
fn command_roles_get_cards() {
    let trust = Trust::fixture("minimal");
    let run = trust.run(&["build", "--format", "md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let card = trust.read("north/_command/card-site-manager.md");
    assert!(card.contains("# Site manager"), "{card}");
    assert!(
        card.contains("**Action card** · Site command · North Hospital"),
        "{card}"
    );
    assert!(card.contains("- [ ] Open the command post."), "{card}");
    // Only roles with a step in a site procedure get one.
    assert!(!trust
        .out()
        .join("north/_command/card-ward-clerk.md")
        .exists());
    let hospital = trust.read("north/_hospital.md");
    let cards = &hospital[hospital
        .find("## Action card: Site manager")
        .expect("card in hospital pack")..];
    assert!(cards.contains("- [ ] Open the command post."), "{cards}");
}

// A trust-scope procedure is gold command: every hospital pack prints it after the site's own
// command procedures, and a role acting only there gets a card marked as trust command.
#[test]
fn trust_command_is_printed_in_hospital_packs_with_gold_cards() {
    let trust = Trust::fixture("minimal");
    trust.edit(
        "trust.yaml",
        "  - { id: site-manager, name: Site manager }",
        "  - { id: site-manager, name: Site manager }\n  - { id: gold, name: Gold commander }",
    );
    trust.write(
        "fallbacks/trust-command.yaml",
        "id: trust-command\ntitle: Trust gold command\nscope: trust\nsummary: Set the strategy.\n\
         control: { owner: EPRR Lead, approver: Board, version: \"1.0\", status: approved, last_reviewed: 2025-12-01 }\n\
         phases:\n  declare:\n    - role: gold\n      do: Declare a critical incident.\n    - role: site-manager\n      do: Join the gold call.\n",
    );
    let run = trust.run(&["build", "--format", "md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let gold = trust.read("north/_command/card-gold.md");
    assert!(
        gold.contains("**Action card** · Trust command (gold) · North Hospital"),
        "{gold}"
    );
    assert!(
        gold.contains("- [ ] Declare a critical incident."),
        "{gold}"
    );
    // The site manager acts in both: still site command, with both procedures' steps.
    let manager = trust.read("north/_command/card-site-manager.md");
    assert!(manager.contains("· Site command ·"), "{manager}");
    assert!(manager.contains("- [ ] Join the gold call."), "{manager}");
    // The hospital pack prints the site's command first, then the trust's.
    let hospital = trust.read("north/_hospital.md");
    let site = hospital
        .find("## Site command")
        .expect("site command printed");
    let gold_at = hospital
        .find("## Trust gold command")
        .expect("gold printed");
    assert!(site < gold_at, "{hospital}");
    // Ward packs do not print it.
    assert!(!trust.read("north/ward-a.md").contains("Trust gold command"));
}
