//! Interfaces (#16): data flows between systems, printed where they stop, checked, and
//! reported by `impact`. Driven through the real binary on the minimal fixture trust.

mod common;
use common::Trust;

/// The minimal trust with the scenario overlay and two flows: records to phones (queued,
/// through the network) and phones to records (lost).
fn flow_trust() -> Trust {
    let trust = Trust::fixture("minimal");
    trust.overlay(&common::fixtures().join("scenarios"));
    trust.write(
        "interfaces/adt-feed.yaml",
        "id: adt-feed
name: ADT feed
from: records
to: phones
carries: Admissions and discharges
when_down: queued
relies_on: [spare-link]
",
    );
    trust.write(
        "interfaces/call-log.yaml",
        "id: call-log
name: Call log
from: phones
to: records
carries: Calls made to patients
when_down: lost
",
    );
    trust
}

// A scenario pack lists what stops flowing and what arrives late; a flow stops when anything
// it passes through is lost, though both ends still work.
#[test]
fn scenario_packs_print_stopped_flows() {
    let trust = flow_trust();
    let run = trust.run(&["build", "--format", "md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let power_cut = trust.read("north/_scenarios/power-cut/ward-a.md");
    let section = &power_cut[power_cut
        .find("## What stops flowing")
        .expect("flows section")..];
    let lost = section
        .find("- **Call log** (Telephones to Patient records): Calls made to patients.")
        .expect("lost flow");
    let late_heading = section
        .find("**What will arrive late:**")
        .expect("late heading");
    let late = section
        .find("- **ADT feed** (Patient records to Telephones)")
        .expect("queued flow");
    assert!(lost < late_heading && late_heading < late, "{section}");
    let spare = trust.read("north/_scenarios/spare-link-cut/_hospital.md");
    assert!(
        spare.contains("- **ADT feed**"),
        "a flow through the spare link stops when it is cut:\n{spare}"
    );
    assert!(!spare.contains("Call log"), "{spare}");
    let ward = trust.read("north/ward-a.md");
    assert!(
        ward.contains("**What stops flowing** while it is down:"),
        "{ward}"
    );
    assert!(
        ward.contains("**Lost while stopped: enter it again by hand when systems return.**"),
        "{ward}"
    );
}

// `impact` names the stopped flows for scripts.
#[test]
fn impact_lists_stopped_flows() {
    let trust = flow_trust();
    let run = trust.run(&["impact", "spare-link", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(
        report["flows"].as_array().map(Vec::len),
        Some(1),
        "{report:#}"
    );
    assert_eq!(report["flows"][0]["id"], "adt-feed");
    assert_eq!(report["flows"][0]["when_down"], "queued");
}

// A lost flow nobody re-enters is a warning at its `when_down`; naming it in a step's
// `reenters` settles it.
#[test]
fn lost_flow_needs_a_step_that_reenters_it() {
    let trust = flow_trust();
    let run = trust.run(&["check", "--today", "2026-02-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("warning[lost-flow-without-reentry]: what `call-log` carries is lost while it is down, and no step enters it again"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("--> procedures/interfaces/call-log.yaml:6:12"),
        "{}",
        run.stderr
    );
    trust.edit(
        "fallbacks/records-downtime.yaml",
        "      do: Back-enter every admission.\n",
        "      do: Back-enter every admission.\n      reenters: [call-log]\n",
    );
    let run = trust.run(&["check", "--today", "2026-02-01"]);
    assert!(
        !run.stderr.contains("lost-flow-without-reentry"),
        "{}",
        run.stderr
    );
}

// Bad interfaces: an unknown end with a suggestion, a flow to itself, an unknown interface in
// `reenters`: each one error with file and line.
#[test]
fn bad_interfaces_are_reported_where_written() {
    let cases: &[(&str, &str, &str, &str, &str)] = &[
        (
            "interfaces/adt-feed.yaml",
            "to: phones",
            "to: phone",
            "interfaces/adt-feed.yaml:4:5",
            "did you mean `phones`?",
        ),
        (
            "interfaces/adt-feed.yaml",
            "to: phones",
            "to: records",
            "interfaces/adt-feed.yaml:4:5",
            "error[interface-to-itself]",
        ),
        (
            "fallbacks/records-downtime.yaml",
            "      do: Back-enter every admission.\n",
            "      do: Back-enter every admission.\n      reenters: [call-logs]\n",
            "fallbacks/records-downtime.yaml:",
            "did you mean `call-log`?",
        ),
    ];
    for (file, from, to, at, message) in cases {
        let trust = flow_trust();
        trust.edit(file, from, to);
        let run = trust.run(&["check", "--today", "2026-02-01"]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(
            run.stderr.contains(message),
            "{message:?} not in:\n{}",
            run.stderr
        );
        assert!(
            run.stderr.contains(&format!("--> procedures/{at}")),
            "{at:?} not in:\n{}",
            run.stderr
        );
        assert_eq!(
            run.stderr.matches("error[").count(),
            1,
            "one mistake, one error:\n{}",
            run.stderr
        );
    }
}

// `downtime new interface` writes a file that passes `check` as it stands.
#[test]
fn new_interface_passes_check() {
    let trust = flow_trust();
    let run = trust.run(&["new", "interface", "discharge-summaries"]);
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
        run.stdout.contains("3 interfaces") || run.stderr.contains("3 interfaces"),
        "{}{}",
        run.stdout,
        run.stderr
    );
}

// The dependency graph draws each data flow as a dotted, labelled arrow, in both formats.
#[test]
fn graph_draws_flows() {
    let trust = flow_trust();
    let mermaid = trust.run(&["graph"]);
    assert_eq!(mermaid.code, 0, "{}", mermaid.stderr);
    assert!(
        mermaid
            .stdout
            .contains("  n_phones -. \"Call log\" .-> n_records\n"),
        "{}",
        mermaid.stdout
    );
    let dot = trust.run(&["graph", "--format", "dot"]);
    assert!(
        dot.stdout
            .contains("  \"records\" -> \"phones\" [style=dotted, label=\"ADT feed\"];\n"),
        "{}",
        dot.stdout
    );
}

// A flow joins two systems, and `reenters` names only flows whose messages are lost: a queued
// one arrives by itself, so entering it by hand would duplicate it. The step that re-enters a
// flow says so in the pack.
#[test]
fn reentry_and_ends_are_checked_and_printed() {
    let trust = flow_trust();
    trust.edit(
        "fallbacks/records-downtime.yaml",
        "      do: Back-enter every admission.\n",
        "      do: Back-enter every admission.\n      reenters: [call-log]\n",
    );
    let run = trust.run(&["build", "--format", "md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ward = trust.read("north/ward-a.md");
    assert!(
        ward.contains("  - Enters again what did not flow while systems were down: Call log."),
        "{ward}"
    );

    trust.edit(
        "fallbacks/records-downtime.yaml",
        "reenters: [call-log]",
        "reenters: [adt-feed]",
    );
    let run = trust.run(&["check", "--today", "2026-02-01"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("error[reenters-queued-flow]: `adt-feed` is queued while it is down and arrives by itself"), "{}", run.stderr);

    let trust = flow_trust();
    trust.edit("interfaces/adt-feed.yaml", "from: records", "from: network");
    let run = trust.run(&["check", "--today", "2026-02-01"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("error[not-a-system]: interface `adt-feed` flows from `network`, which is infrastructure, not a system"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("--> procedures/interfaces/adt-feed.yaml:3:7"),
        "{}",
        run.stderr
    );
}
