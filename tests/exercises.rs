//! Exercises as evidence: the one record of when a procedure was last tested, the rules on
//! overdue actions and unexercised scenarios, and the evidence report read back from its PDF.

mod common;
use common::{pdf_text, Trust};

fn exercise_trust() -> Trust {
    let trust = Trust::fixture("minimal");
    trust.overlay(&common::fixtures().join("scenarios"));
    trust.write(
        "exercises/2026-05-phones.yaml",
        "id: 2026-05-phones\ntitle: Phones down walk-through\ndate: 2026-05-20\nkind: walk-through\n\
         scenario: phones-down\nsites: [north]\nwards: [ward-a]\ntested: [phones-down]\noutcome: issues-found\n\
         findings:\n  - The runner took ten minutes to reach the site manager.\n\
         actions:\n  - { do: Add a second runner at night, owner: Site manager, due: 2026-07-01, status: open }\n  - { do: Label the radios, owner: Ward clerk, due: 2026-06-01, status: done }\n",
    );
    trust
}

fn check(trust: &Trust, today: &str) -> common::Run {
    trust.run(&["check", "--today", today])
}

// Protects "one source of truth": an exercise that lists a procedure is its last test, so the
// procedure's own old `last_tested` no longer makes it look untested.
#[test]
fn an_exercise_is_the_procedures_last_test() {
    let trust = exercise_trust();
    let run = check(&trust, "2026-06-15");
    assert!(
        !run.stderr.contains("fallback `phones-down`"),
        "{}",
        run.stderr
    );
    std::fs::remove_file(trust.procedures().join("exercises/2026-05-phones.yaml")).unwrap();
    let run = check(&trust, "2026-06-15");
    // Without the exercise its own record (January 2026) is still in date: only a later day
    // shows the difference.
    let later = check(&trust, "2027-03-01");
    assert!(
        later
            .stderr
            .contains("fallback `phones-down` was last exercised on 2026-01-"),
        "{}{}",
        run.stderr,
        later.stderr
    );
    let with_exercise = exercise_trust();
    let later = check(&with_exercise, "2027-03-01");
    assert!(
        later
            .stderr
            .contains("fallback `phones-down` was last exercised on 2026-05-20"),
        "{}",
        later.stderr
    );
}

// Protects the two rules: an open action past its due date, and a critical scenario with no
// exercise in the trust's interval, each at its file and line.
#[test]
fn overdue_actions_and_unexercised_scenarios_are_reported() {
    let trust = exercise_trust();
    let run = check(&trust, "2026-06-15");
    assert!(!run.stderr.contains("overdue-action"), "{}", run.stderr);
    assert!(
        !run.stderr.contains("scenario `phones-down`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "warning[scenario-not-exercised]: scenario `power-cut` has never been exercised"
        ),
        "{}",
        run.stderr
    );

    let run = check(&trust, "2026-07-02");
    assert_eq!(
        run.stderr.matches("warning[overdue-action]").count(),
        1,
        "the done action is not: {}",
        run.stderr
    );
    assert!(
        run.stderr.contains("exercises/2026-05-phones.yaml:13:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("Add a second runner at night (owner: Site manager)"),
        "{}",
        run.stderr
    );

    let run = check(&trust, "2027-06-01");
    assert!(
        run.stderr
            .contains("scenario `phones-down` was last exercised on 2026-05-20 (`2026-05-phones`)"),
        "{}",
        run.stderr
    );
}

// Protects references: an exercise naming an unknown procedure is one error, with its line
// and the nearest id.
#[test]
fn exercise_references_are_checked() {
    let trust = exercise_trust();
    trust.edit(
        "exercises/2026-05-phones.yaml",
        "tested: [phones-down]",
        "tested: [phone-down]",
    );
    let run = check(&trust, "2026-06-15");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stderr.matches("error[").count(), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("unknown procedure `phone-down`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `phones-down`?"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("exercises/2026-05-phones.yaml:8:"),
        "{}",
        run.stderr
    );
}

// Protects the evidence pack: gaps first, every scenario and exercise, overdue actions marked,
// as printed (read back from the PDF), and only files it made are replaced.
#[test]
fn evidence_report_reads_back_with_gaps_first() {
    let trust = exercise_trust();
    let run = trust.run(&["report", "--today", "2026-07-02"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = std::fs::read_to_string(trust.root().join("evidence/evidence.md")).unwrap();
    let text = pdf_text(&trust.root().join("evidence/evidence.pdf"));
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let at = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in: {text}"))
    };
    let gaps = at("Gaps to close");
    assert!(gaps < at("Outage scenarios"));
    assert!(
        at("Scenario Power cut") > gaps && at("Scenario Power cut") < at("Outage scenarios"),
        "{text}"
    );
    assert!(at("Action from Phones down walk-through is overdue") < at("Outage scenarios"));
    at("Phones down walk-through");
    at("OVERDUE · due 1 July 2026 · Site manager: Add a second runner at night");
    at("done · due 1 June 2026");
    at("The runner took ten minutes to reach the site manager.");
    assert!(
        md.contains("| Phones down | 1 | 20 May 2026 | issues found | 1 |"),
        "{md}"
    );
    // Every page says whose evidence it is and its code.
    for page in pdf_text(&trust.root().join("evidence/evidence.pdf"))
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
    {
        assert!(
            page.contains("Exercise evidence") && page.contains("Code "),
            "{page}"
        );
    }
    // It never replaces a file it did not make.
    std::fs::write(trust.root().join("evidence/evidence.md"), "my notes").unwrap();
    let run = trust.run(&["report", "--today", "2026-07-02"]);
    assert_ne!(run.code, 0);
    assert_eq!(
        std::fs::read_to_string(trust.root().join("evidence/evidence.md")).unwrap(),
        "my notes"
    );
}

// Protects the evidence from a scaffold: `new exercise` fills in nothing that would count as a
// test (no date, outcome, scenario or procedure is guessed), so it is refused until written.
#[test]
fn a_new_exercise_counts_only_once_written() {
    let trust = exercise_trust();
    let run = trust.run(&["new", "exercise", "2026-06-drill"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let path = trust.procedures().join("exercises/2026-06-drill.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    for guess in [
        "date: 20",
        "outcome: passed",
        "scenario: power-cut",
        "tested: [phones-down]",
    ] {
        assert!(!text.contains(guess), "{guess:?} is guessed:\n{text}");
    }
    let run = check(&trust, "2026-06-15");
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr.matches("error[").count(),
        1,
        "one scaffold, one error: {}",
        run.stderr
    );
    assert!(
        run.stderr.contains("error[scaffold-text]"),
        "{}",
        run.stderr
    );
    common::write_scaffold(
        &path,
        &[
            ("date", "2026-06-10"),
            ("kind", "tabletop"),
            ("scenario", "power-cut"),
            ("tested", "records-downtime"),
            ("outcome", "passed"),
            ("due", "2026-09-01"),
        ],
    );
    let run = check(&trust, "2026-06-15");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        !run.stderr.contains("scenario `power-cut` has never"),
        "now exercised: {}",
        run.stderr
    );
}
