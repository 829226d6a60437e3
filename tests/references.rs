//! Clinical reference pages (#16): printed for the wards that need them, with real tables in
//! the PDF, under document control, and checked.

mod common;
use common::Trust;

fn reference_trust() -> Trust {
    let trust = Trust::fixture("minimal");
    trust.write(
        "references/sepsis-screen.yaml",
        "id: sepsis-screen
title: Sepsis screening on paper
systems: [phones]
control: { owner: Sepsis Lead, approver: Safety Group, version: \"1.0\", status: approved, last_reviewed: 2026-01-10 }
body: |
  Screen every patient with a NEWS2 of 5 or more.

  # Red flags

  | Sign | Threshold |
  |---|---|
  | Respiratory rate | 25 or more |
  | Systolic blood pressure | 90 or less |
",
    );
    trust
}

// The page is printed in the pack of a ward using the system, after the system sections and
// in the contents, and its table is a table in the PDF: each row's cells on one line.
#[test]
fn reference_page_printed_with_its_table() {
    let trust = reference_trust();
    let run = trust.run(&["build", "--format", "md,pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = trust.read("north/ward-a.md");
    assert!(
        md.contains("## Reference: Sepsis screening on paper"),
        "{md}"
    );
    assert!(
        md.contains("### Red flags"),
        "the page's own headings sit under its heading:\n{md}"
    );
    assert!(
        !trust.read("north/ward-b.md").contains("Sepsis screening"),
        "ward B does not use the phones"
    );
    let layout = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(trust.out().join("north/ward-a.pdf"))
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let text = String::from_utf8_lossy(&layout.stdout);
    let row = text
        .lines()
        .find(|l| l.contains("Respiratory rate"))
        .expect("table row in the PDF");
    assert!(
        row.contains("25 or more"),
        "cells of one row on one line: {row:?}"
    );
    assert!(
        !text.contains("|---|"),
        "the table is drawn, not printed as pipes"
    );
    let contents = common::pdf_text(&trust.out().join("north/ward-a.pdf"));
    assert!(
        contents.contains("Reference: Sepsis screening on paper"),
        "{contents}"
    );
}

// Reference pages are reviewed like procedures, and one that no pack would print is an error.
#[test]
fn reference_pages_are_checked() {
    let trust = reference_trust();
    let run = trust.run(&["check", "--today", "2027-03-01"]);
    assert!(
        run.stderr
            .contains("reference page `sepsis-screen` was due for review on 2027-01-10"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("--> procedures/references/sepsis-screen.yaml:"),
        "{}",
        run.stderr
    );

    trust.edit("references/sepsis-screen.yaml", "systems: [phones]\n", "");
    let run = trust.run(&["check", "--today", "2026-02-01"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("error[reference-for-nobody]: reference page `sepsis-screen` names no system and no ward"), "{}", run.stderr);

    trust.edit(
        "references/sepsis-screen.yaml",
        "title:",
        "wards: [ward-z]\ntitle:",
    );
    let run = trust.run(&["check", "--today", "2026-02-01"]);
    assert!(run.stderr.contains("`ward-z`"), "{}", run.stderr);
}

// `downtime new reference` writes a page that passes `check` and is printed.
#[test]
fn new_reference_passes_check() {
    let trust = Trust::fixture("minimal");
    let run = trust.run(&["new", "reference", "major-haemorrhage"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = trust.run(&["check", "--today", "2026-02-01"]);
    assert_eq!(run.code, 1, "placeholders are refused: {}", run.stderr);
    assert_eq!(
        run.stderr.matches("error[scaffold-text]").count(),
        1,
        "{}",
        run.stderr
    );
    trust.write_scaffolds(&[("when_down", "queued")]);
    let run = trust.run(&["check", "--today", "2026-02-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("1 reference page,") || run.stdout.contains("1 reference page,"),
        "{}",
        run.stderr
    );
}

// A draft reference page is flagged like a draft procedure, and the packs printing it say
// DRAFT on every page.
#[test]
fn draft_reference_pages_make_the_pack_a_draft() {
    let trust = reference_trust();
    trust.edit(
        "references/sepsis-screen.yaml",
        "status: approved",
        "status: draft",
    );
    let run = trust.run(&["check", "--today", "2026-02-01"]);
    assert!(
        run.stderr.contains(
            "warning[draft-in-pack]: draft reference page `sepsis-screen` is printed in packs"
        ),
        "{}",
        run.stderr
    );
    let run = trust.run(&["build", "--format", "md,pdf", "--ward", "ward-a"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(trust
        .read("north/ward-a.md")
        .contains("**DRAFT: contains procedures not yet approved.**"));
    let text = common::pdf_text(&trust.out().join("north/ward-a.pdf"));
    let pages = text.split('\u{c}').filter(|p| !p.trim().is_empty()).count();
    assert!(
        text.matches("DRAFT").count() >= pages,
        "DRAFT on every page of {pages}"
    );
}
