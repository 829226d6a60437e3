//! `downtime check` on valid and broken trees: exit codes and the exact diagnostics.

mod common;
use common::Trust;

/// Run `check` on a broken overlay of the minimal trust and return its stderr.
fn check_broken(case: &str) -> String {
    let trust = Trust::broken(case);
    let run = trust.run(&["check"]);
    assert_eq!(
        run.code, 1,
        "{case}: expected exit 1, got {}\n{}",
        run.code, run.stderr
    );
    assert!(run.stdout.is_empty(), "{case}: diagnostics go to stderr");
    assert!(
        !run.stderr.contains("panicked"),
        "{case}: panic\n{}",
        run.stderr
    );
    run.stderr
}

// Protects the promise that valid trees pass: the example trust and the minimal fixture.
#[test]
fn valid_trees_pass() {
    let trust = Trust::fixture("minimal");
    let run = trust.run(&["check", "--today", "2026-02-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("ok: 1 site, 2 wards"), "{}", run.stderr);

    // The example trust is in date on the day of this release; its one draft (community
    // nursing) is flagged, as it should be, and so are the gaps its exercise record shows (two
    // critical scenarios never exercised, one action overdue).
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let example = common::run_in(root, &["check", "--today", "2026-11-25"], &[]);
    assert_eq!(example.code, 0, "{}", example.stderr);
    assert!(
        example.stderr.contains("; 5 warning(s)"),
        "{}",
        example.stderr
    );
    assert!(example
        .stderr
        .contains("warning[draft-in-pack]: draft procedure `community-downtime`"));
    assert!(example
        .stderr
        .contains("warning[no-fallback]: tier 2 system `community-epr`"));
    assert_eq!(
        example
            .stderr
            .matches("warning[scenario-not-exercised]")
            .count(),
        2
    );
    assert_eq!(example.stderr.matches("warning[overdue-action]").count(), 1);
}

// Each broken fixture gives its promised message: file, line and column or YAML path, and a hint.
#[test]
fn broken_inputs_give_located_errors() {
    for case in [
        "malformed-yaml",
        "tab-indent",
        "unknown-field",
        "wrong-type",
        "missing-field",
        "duplicate-key",
        "unknown-ids",
        "duplicate-id",
        "cycle",
        "no-fallback",
        "bad-step-refs",
        "bad-values",
        "empty-file",
        "not-utf8",
        "missing-trust",
        "outdented-key",
        "overindented-item",
    ] {
        insta::assert_snapshot!(case, check_broken(case));
    }
}

// Protects "all problems in one run, in a stable order": two broken files, both reported, sorted.
#[test]
fn reports_every_problem_in_file_order() {
    let trust = Trust::broken("unknown-ids");
    trust.overlay(&common::fixtures().join("broken/cycle"));
    let run = trust.run(&["check"]);
    assert_eq!(run.code, 1);
    let cycle = run.stderr.find("dependency-cycle").expect("cycle reported");
    let unknown = run
        .stderr
        .find("unknown site `south`")
        .expect("unknown site reported");
    assert!(cycle < unknown, "infrastructure/ sorts before wards/");
    assert!(
        run.stderr.contains("error: 4 error(s) found"),
        "{}",
        run.stderr
    );
}

// Protects the usage-error exit code (2) that scripts rely on: clap's own usage errors and a
// command line that asks for something impossible exit 2; problems in the inputs exit 1.
#[test]
fn usage_errors_exit_2() {
    let trust = Trust::fixture("minimal");
    assert_eq!(trust.run(&["check", "--no-such-flag"]).code, 2);
    assert_eq!(trust.run(&["frobnicate"]).code, 2);
    assert_eq!(trust.run(&[]).code, 2);
    let run = trust.run(&["impact", "no-such-system"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("`no-such-system` is not a system"),
        "{}",
        run.stderr
    );
    let run = trust.run(&["build", "--ward", "ward-z", "--format", "md"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    // A near miss on the command line gets the nearest known name.
    let run = trust.run(&["impact", "recrds"]);
    assert!(
        run.stderr.contains("did you mean `records`?"),
        "{}",
        run.stderr
    );
    let run = trust.run(&["build", "--ward", "ward-aa", "--format", "md"]);
    assert!(
        run.stderr
            .contains("no such ward `ward-aa` (did you mean `ward-a`?)"),
        "{}",
        run.stderr
    );
    trust.write("wards/ward-a.yaml", "id: [");
    assert_eq!(trust.run(&["build", "--format", "md"]).code, 1);
}

// Protects complete help: every subcommand documents its flags.
#[test]
fn help_is_complete() {
    let trust = Trust::fixture("minimal");
    let top = trust.run(&["--help"]);
    assert_eq!(top.code, 0);
    for word in ["build", "check", "pdf"] {
        assert!(top.stdout.contains(word), "top-level help lacks {word}");
    }
    let build = trust.run(&["build", "--help"]).stdout;
    for flag in [
        "--procedures",
        "--out",
        "--templates",
        "--ward",
        "--site",
        "--quiet",
        "--format",
    ] {
        assert!(build.contains(flag), "build help lacks {flag}");
    }
    assert!(trust
        .run(&["check", "--help"])
        .stdout
        .contains("--procedures"));
    let pdf = trust.run(&["pdf", "--help"]).stdout;
    for flag in ["--output", "--title"] {
        assert!(pdf.contains(flag), "pdf help lacks {flag}");
    }
}

// Cascades that can never work (a caller who would call themselves, a contact listed twice, a
// step with nobody to call) and a scenario that fails nothing: one error each, naming where.
#[test]
fn impossible_cascades_and_scenarios_are_errors() {
    let trust = Trust::fixture("minimal");
    trust.edit(
        "sites/north.yaml",
        "  - { caller: nurse-in-charge, contacts: [north-site-manager], when: as soon as downtime is suspected }",
        "  - { caller: nurse-in-charge, contacts: [north-site-manager, north-site-manager], when: as soon as downtime is suspected }\n  - { caller: site-manager, contacts: [north-site-manager], when: at once }\n  - { caller: nurse-in-charge, contacts: [], when: later }",
    );
    trust.write(
        "scenarios/nothing.yaml",
        "id: nothing\nname: Nothing\nkind: planned\nexpected_duration: 1h\nfails: []\ndescription: Nothing fails.\n",
    );
    let run = trust.run(&["check", "--today", "2026-02-01"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let expected = [
        "contact `north-site-manager` is listed twice in this cascade step\n  --> procedures/sites/north.yaml:16:63 at `cascade[0].contacts[1]`",
        "Site manager (`site-manager`) is told to call `north-site-manager`, who holds the same role: they would call themselves\n  --> procedures/sites/north.yaml:17:40 at `cascade[1].contacts[0]`",
        "Nurse in charge (`nurse-in-charge`) has nobody to call in this cascade step\n  --> procedures/sites/north.yaml:18:32 at `cascade[2].contacts`",
        "error[empty-scenario]: scenario `nothing` fails nothing\n  --> procedures/scenarios/nothing.yaml:5:1 at `fails`",
    ];
    for e in expected {
        assert!(run.stderr.contains(e), "missing {e:?} in\n{}", run.stderr);
    }
    assert_eq!(run.stderr.matches("error[").count(), 4, "{}", run.stderr);
}

// The README's table of governance rules is the rule registry, word for word: a new rule or a
// changed default cannot go undocumented.
#[test]
fn readme_lists_every_rule() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let table = downtime::check::markdown_table();
    assert!(
        readme.contains(&table),
        "README.md must contain this table:\n{table}"
    );
}

// One mistake, one error: a fallback file that fails to parse gives its own error and a single
// note, not a false "no fallback" error for every ward using what it replaces.
#[test]
fn unreadable_fallback_gives_one_error() {
    let trust = Trust::fixture("minimal");
    trust.edit("fallbacks/records-downtime.yaml", "phases:", "phasez:");
    let run = trust.run(&["check", "--today", "2026-02-01"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stderr.matches("error[").count(), 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error[yaml-schema]: unknown field `phasez`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("warning[coverage-not-checked]"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("ward-without-fallback"),
        "{}",
        run.stderr
    );
}

// A form may not take the readiness log's id: both would be listed and linked as
// `form-readiness-log`, and the viewer would send a nurse to the wrong PDF.
#[test]
fn the_readiness_log_id_is_reserved() {
    let trust = Trust::fixture("minimal");
    trust.edit(
        "forms/tracking-list.yaml",
        "id: tracking-list",
        "id: readiness-log",
    );
    let run = trust.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error[reserved-id]: `readiness-log` is the id of each ward's readiness log"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("tracking-list.yaml:1:5"),
        "{}",
        run.stderr
    );
}
