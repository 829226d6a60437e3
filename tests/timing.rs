//! Time and situation (#15): countdowns before a planned downtime, routine readiness tasks,
//! cadences, steps for long outages, steps that apply only in some situations, alternatives,
//! and fallback checks that know the phase. Driven through the real binary on the minimal
//! fixture trust with the scenario overlay.

mod common;
use common::Trust;

/// The minimal trust with the scenarios overlay, a planned records upgrade with a start, and
/// steps using every timing and situation field.
fn timed_trust() -> Trust {
    let trust = Trust::fixture("minimal");
    trust.overlay(&common::fixtures().join("scenarios"));
    trust.write(
        "scenarios/records-upgrade.yaml",
        "id: records-upgrade
name: Records upgrade
kind: planned
starts: 2026-12-06T22:00
level: Level 1
expected_duration: 6h
fails: [records]
description: The records system is upgraded overnight.
",
    );
    // Written out of time order on purpose: the countdown must be printed in time order.
    trust.edit(
        "fallbacks/records-downtime.yaml",
        "phases:\n",
        "phases:
  routine:
    - role: ward-clerk
      do: Check the red box against its list.
      every: 1d
      at: \"16:00\"
    - role: nurse-in-charge
      do: Print a test page from the downtime PC.
      every: 1w
  before:
    - role: ward-clerk
      do: Print the final patient list.
      at: -15m
    - role: nurse-in-charge
      do: Tell the team the downtime is tomorrow.
      at: -24h
    - role: nurse-in-charge
      do: Print every drug chart.
      at: -2h
",
    );
    trust.edit(
        "fallbacks/records-downtime.yaml",
        "  during:\n",
        "  during:
    - role: nurse-in-charge
      do: Ask for the paper case notes of every patient.
      from: 24h
    - role: nurse-in-charge
      do: Hold a safety huddle.
      every: 4h
    - role: nurse-in-charge
      do: Email the bed state to the bed bureau.
      when: { up: [network] }
    - role: ward-clerk
      do: Walk the bed state to site command.
      when: { down: [network] }
    - role: nurse-in-charge
      do: Phone the laboratory for urgent results.
      relies_on: [phones]
      otherwise:
        do: Send a runner to the laboratory.
",
    );
    trust.edit(
        "fallbacks/records-downtime.yaml",
        "  recovery:\n",
        "  recovery:
    - role: ward-clerk
      do: Telephone every patient whose clinic was cancelled.
      relies_on: [phones]
",
    );
    trust
}

fn build_md(trust: &Trust) {
    let run = trust.run(&["build", "--format", "md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// The lines of `text` from the heading `start` up to the next heading of the same level.
fn section<'t>(text: &'t str, start: &str) -> &'t str {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("no {start:?} in:\n{text}"));
    let level = start.split(' ').next().expect("heading marks");
    let rest = &text[from + start.len()..];
    let end = rest.find(&format!("\n{level} ")).map_or(rest.len(), |e| e);
    &rest[..end]
}

fn assert_in_order(text: &str, parts: &[&str]) {
    let mut at = 0;
    for part in parts {
        let found = text[at..]
            .find(part)
            .unwrap_or_else(|| panic!("{part:?} missing or out of order in:\n{text}"));
        at += found + part.len();
    }
}

// The checks accept every new field used as intended: including the recovery step that
// phones patients (phones are back by then) and the step whose alternative works without
// phones, in the scenario that takes the phones down.
#[test]
fn timed_trust_is_valid() {
    let trust = timed_trust();
    let run = trust.run(&["check", "--today", "2026-02-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        !run.stderr.contains("fallback-needs-lost"),
        "{}",
        run.stderr
    );
}

// A planned scenario with a start prints its countdown first, in time order, with clock
// times and tick boxes; the ward pack prints it with offsets; the level is on the cover.
#[test]
fn countdown_in_time_order_with_clock_times() {
    let trust = timed_trust();
    build_md(&trust);
    let pack = trust.read("north/_scenarios/records-upgrade/ward-a.md");
    assert!(
        pack.contains("(Planned, Level 1), starting Sunday 6 December 2026 at 22:00"),
        "{pack}"
    );
    let countdown = section(&pack, "## Countdown to the start");
    assert_in_order(
        countdown,
        &[
            "- [ ] **Sat 5 Dec 22:00 (T-1d).** **Nurse in charge:** Tell the team the downtime is tomorrow.",
            "- [ ] **Sun 6 Dec 20:00 (T-2h).** **Nurse in charge:** Print every drug chart.",
            "- [ ] **Sun 6 Dec 21:45 (T-15m).** **Ward clerk:** Print the final patient list.",
        ],
    );
    let ward = trust.read("north/ward-a.md");
    assert_in_order(
        section(&ward, "## Before a planned downtime"),
        &["**T-1d.**", "**T-2h.**", "**T-15m.**"],
    );
    let card = trust.read("north/ward-a/card-ward-clerk.md");
    assert!(
        section(&card, "## Before a planned downtime")
            .contains("**T-15m.** Print the final patient list."),
        "{card}"
    );
}

// Unplanned outages skip the countdown and the routine tasks.
#[test]
fn unplanned_scenarios_have_no_countdown() {
    let trust = timed_trust();
    build_md(&trust);
    let pack = trust.read("north/_scenarios/power-cut/ward-a.md");
    for absent in [
        "Countdown",
        "T-2h",
        "Print every drug chart",
        "Keeping ready",
        "Check the red box",
    ] {
        assert!(
            !pack.contains(absent),
            "{absent:?} in an unplanned scenario pack:\n{pack}"
        );
    }
}

// "Every hour" is printed only where a step says so; steps of long outages are grouped by
// how long the outage has lasted, after the steps done at once.
#[test]
fn cadence_and_long_outage_groups() {
    let trust = timed_trust();
    build_md(&trust);
    let card = trust.read("north/ward-a/card-nurse-in-charge.md");
    assert!(!card.contains("Every hour"), "{card}");
    let during = section(&card, "## While systems are down");
    assert!(
        during.contains("- [ ] **Every 4 hours.** Hold a safety huddle."),
        "{during}"
    );
    assert!(
        during.contains("- [ ] *Only if Core network still works:* Email the bed state"),
        "{during}"
    );
    assert!(
        !during.contains("paper case notes"),
        "a day-2 step among the first-hour steps:\n{during}"
    );
    assert_in_order(
        &card,
        &[
            "## While systems are down",
            "## If still down after 1 day",
            "Ask for the paper case notes",
            "## Before a planned downtime",
        ],
    );
    let ward = trust.read("north/ward-a.md");
    assert_in_order(
        section(&ward, "## Keeping ready"),
        &[
            "### Nurse in charge",
            "**Every week.** Print a test page",
            "### Ward clerk",
            "**Every day at 16:00.** Check the red box",
        ],
    );
}

// `when` decides which scenario packs print a step: the network-up step is absent where the
// network is down and present where it works, and the other way round.
#[test]
fn when_steps_follow_the_scenario() {
    let trust = timed_trust();
    build_md(&trust);
    let power_cut = trust.read("north/_scenarios/power-cut/ward-a.md");
    let phones_down = trust.read("north/_scenarios/phones-down/ward-a.md");
    let records = trust.read("north/_scenarios/records-upgrade/ward-a.md");
    assert!(!power_cut.contains("Email the bed state"), "{power_cut}");
    assert!(
        power_cut.contains("Walk the bed state to site command"),
        "{power_cut}"
    );
    assert!(records.contains("Email the bed state"), "{records}");
    assert!(!records.contains("Walk the bed state"), "{records}");
    // A scenario pack prints no condition in words: it has already chosen.
    assert!(!records.contains("Only if"), "{records}");
    let _ = phones_down;
}

// `otherwise` is printed beside the step in a general pack, and instead of it where the
// scenario loses what the step relies on.
#[test]
fn otherwise_printed_where_it_applies() {
    let trust = timed_trust();
    build_md(&trust);
    let ward = trust.read("north/ward-a.md");
    assert!(ward.contains("- [ ] **Nurse in charge:** Phone the laboratory for urgent results.\n  - **If Telephones is down:** Send a runner to the laboratory."), "{ward}");
    let power_cut = trust.read("north/_scenarios/power-cut/ward-a.md");
    assert!(power_cut.contains("- [ ] **Nurse in charge:** Send a runner to the laboratory.\n  - *Telephones is down (phones -\\> hop-8"), "{power_cut}");
    assert!(
        power_cut.contains(
            "do this instead of \u{201c}Phone the laboratory for urgent results.\u{201d}"
        ),
        "{power_cut}"
    );
    assert!(!power_cut.contains("NOT AVAILABLE"), "{power_cut}");
    let records = trust.read("north/_scenarios/records-upgrade/ward-a.md");
    assert!(
        records.contains("Phone the laboratory for urgent results.")
            && !records.contains("Send a runner to the laboratory"),
        "{records}"
    );
}

// The alternative is checked in each scenario like the step: one that needs the phones too
// is refused where the phones are down, naming the scenario and the alternative.
#[test]
fn otherwise_that_fails_too_is_an_error() {
    let trust = timed_trust();
    trust.edit(
        "fallbacks/records-downtime.yaml",
        "        do: Send a runner to the laboratory.\n",
        "        do: Send a runner to the laboratory.\n        relies_on: [phones]\n",
    );
    let run = trust.run(&["check", "--today", "2026-02-01"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("error[fallback-needs-lost]: in scenario `power-cut`, the alternative in procedure `records-downtime` relies on `phones`"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("at `phases.during[4].otherwise.relies_on[0]`"),
        "{}",
        run.stderr
    );
}

// A declare or during step relying on the phones is still refused where they are down; the
// same step in recovery is not.
#[test]
fn recovery_is_judged_after_the_outage() {
    let trust = timed_trust();
    trust.edit(
        "fallbacks/records-downtime.yaml",
        "    - role: ward-clerk\n      do: Telephone every patient whose clinic was cancelled.\n      relies_on: [phones]\n",
        "",
    );
    trust.edit(
        "fallbacks/records-downtime.yaml",
        "  during:\n",
        "  during:\n    - role: ward-clerk\n      do: Telephone every patient whose clinic was cancelled.\n      relies_on: [phones]\n",
    );
    let run = trust.run(&["check", "--today", "2026-02-01"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("in scenario `power-cut`, procedure `records-downtime` relies on `phones`"),
        "{}",
        run.stderr
    );
}

// The readiness log is a one-page form per ward, read back from its own PDF and from the
// end of the ward pack.
#[test]
fn readiness_log_read_back_from_the_pdf() {
    let trust = timed_trust();
    let run = trust.run(&["build", "--ward", "ward-a"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pdf = trust.out().join("north/ward-a/_readiness-log.pdf");
    let text = common::pdf_text(&pdf);
    for expected in [
        "Readiness log",
        "Task 1. Check the red box against its list. (Ward clerk, every day at 16:00)",
        "Task 2. Print a test page from the downtime PC. (Nurse in charge, every week)",
        "One row per day.",
        "Date",
        "Initials",
        "Page 1 of 1",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} not in the readiness log:\n{text}"
        );
    }
    let pack = common::pdf_text(&trust.out().join("north/ward-a.pdf"));
    assert!(
        pack.contains("Task 1. Check the red box against its list."),
        "the ward pack does not end with its readiness log"
    );
    // A ward whose procedures have no routine task gets no log.
    let run = trust.run(&["build", "--ward", "ward-b"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ward_b_has_routine = trust.read("north/ward-b.md").contains("## Keeping ready");
    assert_eq!(
        trust.out().join("north/ward-b/_readiness-log.pdf").exists(),
        ward_b_has_routine
    );
}

/// Check a trust with one edit and return stderr, asserting it failed.
fn check_fails(trust: &Trust) -> String {
    let run = trust.run(&["check", "--today", "2026-02-01"]);
    assert_eq!(run.code, 1, "expected errors:\n{}", run.stderr);
    run.stderr
}

// Bad timing gets one clear error each, with file, line, column and a hint.
#[test]
fn bad_timing_is_reported_where_it_is_written() {
    let cases: &[(&str, &str, &str, &str)] = &[
        ("      at: -15m\n", "      at: 15m\n", "error[bad-offset]: `at: 15m` is not before the start", "write `-15m`"),
        ("      do: Print the patient list from the downtime PC.\n", "      do: Print the patient list from the downtime PC.\n      every: 1h\n", "error[misplaced-timing]: `every` does not apply to a step in `declare`", "`routine` and `during` steps"),
        ("      when: { up: [network] }\n", "      when: { up: [netwrok] }\n", "`netwrok`", "did you mean `network`?"),
        ("        do: Send a runner to the laboratory.\n", "        do: Send a runner to the laboratory.\n    - role: ward-clerk\n      do: Nothing needed.\n      otherwise: { do: Something else. }\n", "error[otherwise-without-reliance]", "add what the step needs under `relies_on`"),
        ("      every: 1w\n", "      every: weekly\n", "error[bad-cadence]: `weekly` is not a cadence", "`1w`"),
    ];
    for (from, to, message, hint) in cases {
        let trust = timed_trust();
        trust.edit("fallbacks/records-downtime.yaml", from, to);
        let stderr = check_fails(&trust);
        assert!(stderr.contains(message), "{message:?} not in:\n{stderr}");
        assert!(stderr.contains(hint), "{hint:?} not in:\n{stderr}");
        assert!(
            stderr.contains("--> procedures/fallbacks/records-downtime.yaml:"),
            "no file and line:\n{stderr}"
        );
        assert_eq!(
            stderr.matches("error[").count(),
            1,
            "one mistake, one error:\n{stderr}"
        );
    }
    let trust = timed_trust();
    trust.edit(
        "scenarios/records-upgrade.yaml",
        "starts: 2026-12-06T22:00",
        "starts: next Sunday",
    );
    let stderr = check_fails(&trust);
    assert!(
        stderr.contains("error[bad-start]: `next Sunday` is not a date and time"),
        "{stderr}"
    );
    assert!(
        stderr.contains("--> procedures/scenarios/records-upgrade.yaml:4:9"),
        "{stderr}"
    );
}

// A planned scenario with nothing to count down is a lint warning.
#[test]
fn planned_scenario_without_countdown_warns() {
    let trust = timed_trust();
    let run = trust.run(&["check", "--today", "2026-02-01"]);
    assert!(run.stderr.contains("warning[planned-without-countdown]: planned scenario `spare-link-cut` has no countdown"), "{}", run.stderr);
    assert!(
        !run.stderr.contains("`records-upgrade` has no countdown"),
        "{}",
        run.stderr
    );
}

// `impact --format json` says which steps an outage changes, and the named scenario's level
// and start, for scripts.
#[test]
fn impact_reports_changed_steps_and_scenario_facts() {
    let trust = timed_trust();
    let run = trust.run(&["impact", "power-cut", "records-upgrade", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let alternatives = report["alternatives"].as_array().expect("alternatives");
    assert_eq!(alternatives.len(), 1, "{report:#}");
    assert_eq!(
        alternatives[0]["instead"],
        "Send a runner to the laboratory."
    );
    let skipped: Vec<&str> = report["not_applicable"]
        .as_array()
        .expect("not_applicable")
        .iter()
        .map(|s| s["do"].as_str().expect("do"))
        .collect();
    assert_eq!(skipped, ["Email the bed state to the bed bureau."]);
    let upgrade = &report["scenarios"][1];
    assert_eq!(upgrade["id"], "records-upgrade");
    assert_eq!(upgrade["level"], "Level 1");
    assert_eq!(upgrade["starts"], "2026-12-06T22:00");
}

// One mistake, one error: a step relying on something several scenarios take down is one
// error, naming the other scenarios.
#[test]
fn one_error_per_step_however_many_scenarios() {
    let trust = timed_trust();
    trust.edit(
        "fallbacks/records-downtime.yaml",
        "      do: Phone the laboratory for urgent results.\n      relies_on: [phones]\n      otherwise:\n        do: Send a runner to the laboratory.\n",
        "      do: Phone the laboratory for urgent results.\n      relies_on: [records]\n",
    );
    let run = trust.run(&["check", "--today", "2026-02-01"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stderr.matches("error[fallback-needs-lost]").count(),
        1,
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("; so does scenario `"),
        "{}",
        run.stderr
    );
}

// Routine tasks print most frequent first, then by time of day, whatever the written order.
#[test]
fn routine_tasks_in_order_of_frequency_and_time() {
    let trust = timed_trust();
    trust.edit(
        "fallbacks/records-downtime.yaml",
        "  routine:\n",
        "  routine:\n    - role: ward-clerk\n      do: Order paper from stores.\n      every: 1mo\n    - role: ward-clerk\n      do: Print tomorrow's list.\n      every: 1d\n      at: \"15:00\"\n",
    );
    let run = trust.run(&["build", "--format", "md", "--ward", "ward-a"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let card = trust.read("north/ward-a/card-ward-clerk.md");
    assert_in_order(
        &card,
        &[
            "**Every day at 15:00.** Print tomorrow's list.",
            "**Every day at 16:00.** Check the red box",
            "**Every month.** Order paper from stores.",
        ],
    );
}
