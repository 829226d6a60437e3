//! Paper forms and role action cards: every form part drawn, ruled rows sized for handwriting,
//! traceable footers, cards listing exactly their role's steps.

mod common;
use common::Trust;
use downtime::load::raw::Part;
use downtime::typeset::form::{layout_form, FormSpec, PITCH};
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

/// Form parts as a form file writes them, read by the real (checked) deserializer.
fn parts(yaml: &str) -> Vec<Part> {
    serde_yaml::from_str(yaml).expect("valid form layout")
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
    assert_eq!(rows, 30 * 4, "30 rows of 4 cells");
    assert_eq!(doc.pages.len(), 2);
    assert!(
        doc.pages[1].text().starts_with("Time"),
        "heading repeated: {}",
        doc.pages[1].text()
    );
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
    assert!(
        !trust
            .out()
            .join("north/ward-b/form-tracking-list.pdf")
            .exists()
            || trust
                .read_bytes("north/ward-b/form-tracking-list.pdf")
                .len()
                > 1000
    );
}

// Each card lists exactly the steps of its role on that ward, and nothing else.
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
            "- [ ] Print the patient list from the downtime PC.",
            "- [ ] Get the emergency mobile out of the box."
        ]
    );
    let clerk = trust.read("north/ward-a/card-ward-clerk.md");
    let steps: Vec<&str> = clerk.lines().filter(|l| l.starts_with("- [ ] ")).collect();
    assert_eq!(
        steps,
        [
            "- [ ] Log every admission on paper.",
            "- [ ] Back-enter every admission."
        ]
    );
    assert!(
        clerk.contains("## Every hour while systems are down")
            && clerk.contains("## When systems return")
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
