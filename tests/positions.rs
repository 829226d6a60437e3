//! Resolve, lint and cascade errors name file, line and column and quote the line with the
//! caret under the mistaken value, in human and JSON output, whatever the YAML style, line
//! endings or byte-order mark.

mod common;
use common::{Run, Trust};
use serde_json::Value;

/// Assert the human diagnostic at `yaml_path` says `--> file:line:column` and quotes a line
/// whose text under the caret starts with `value`.
fn assert_human(
    run: &Run,
    file: &str,
    (line, column): (usize, usize),
    yaml_path: &str,
    value: &str,
) {
    let location = format!("--> procedures/{file}:{line}:{column} at `{yaml_path}`");
    let lines: Vec<&str> = run.stderr.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.trim_start() == location)
        .unwrap_or_else(|| panic!("no {location:?} in\n{}", run.stderr));
    let quoted = lines[at + 2];
    let caret = lines[at + 3];
    assert!(
        quoted.trim_start().starts_with(&format!("{line} | ")),
        "{quoted:?} is not line {line}"
    );
    let under = caret.find('^').expect("a caret");
    assert!(
        quoted
            .get(under..)
            .is_some_and(|rest| rest.starts_with(value)),
        "caret not under {value:?}:\n{quoted}\n{caret}"
    );
}

/// Assert the one JSON diagnostic at `yaml_path` in `file` carries `line` and `column`.
fn assert_json(
    trust: &Trust,
    args: &[&str],
    file: &str,
    (line, column): (usize, usize),
    yaml_path: &str,
) {
    let mut args = args.to_vec();
    args.extend(["--format", "json"]);
    let run = trust.run(&args);
    let found: Vec<Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .filter(|v: &Value| {
            v["yaml_path"] == yaml_path && v["file"] == format!("procedures/{file}")
        })
        .collect();
    assert_eq!(found.len(), 1, "{}", run.stdout);
    assert_eq!(found[0]["line"], line);
    assert_eq!(found[0]["column"], column);
}

// An unknown system in a ward (flow style) is placed on its value, in both formats.
#[test]
fn unknown_id_in_a_ward() {
    let trust = Trust::broken("unknown-ids");
    let run = trust.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_human(
        &run,
        "wards/ward-b.yaml",
        (7, 15),
        "systems[0].system",
        "recrds",
    );
    assert_human(&run, "wards/ward-b.yaml", (13, 26), "roles[1]", "matron");
    assert_json(
        &trust,
        &["check"],
        "wards/ward-b.yaml",
        (7, 15),
        "systems[0].system",
    );
}

// Block style, CRLF line endings and a byte-order mark (Windows editors) give the same
// placement as a plain LF file.
#[test]
fn block_style_crlf_and_bom() {
    let trust = Trust::broken("unknown-ids");
    let text = "\u{feff}id: ward-b\r\nsite: north\r\nname: Ward B\r\nkind: outpatient\r\n\
                location: Floor 2\r\nsystems:\r\n  - notes: Copied at handover.\r\n    \
                system: recrds\r\nkit:\r\n  location: Office\r\n  checked_by: Clerk\r\n  \
                contents: [{ item: List }]\r\nroles: [nurse-in-charge]\r\n";
    trust.write("wards/ward-b.yaml", text);
    let run = trust.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_human(
        &run,
        "wards/ward-b.yaml",
        (8, 13),
        "systems[0].system",
        "recrds",
    );
    assert_json(
        &trust,
        &["check"],
        "wards/ward-b.yaml",
        (8, 13),
        "systems[0].system",
    );
}

// A governance finding (an overdue review, found by `check --today`) is placed on its date.
#[test]
fn lint_finding() {
    let trust = Trust::fixture("minimal");
    let args = ["check", "--today", "2027-03-01"];
    let run = trust.run(&args);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let file = "fallbacks/records-downtime.yaml";
    assert_human(&run, file, (10, 18), "control.last_reviewed", "2026-01-10");
    assert_json(&trust, &args, file, (10, 18), "control.last_reviewed");
}

// A cascade error (a contact listed twice) is placed on the second listing, not the first.
#[test]
fn cascade_error() {
    let trust = Trust::fixture("minimal");
    trust.edit(
        "sites/north.yaml",
        "contacts: [north-site-manager]",
        "contacts: [north-site-manager, north-site-manager]",
    );
    let run = trust.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let path = "cascade[0].contacts[1]";
    assert_human(
        &run,
        "sites/north.yaml",
        (16, 63),
        path,
        "north-site-manager]",
    );
    assert_json(&trust, &["check"], "sites/north.yaml", (16, 63), path);
}
