//! Governance lint rules: each one triggered by a fixture change and silent without it;
//! per-trust severities, --deny warnings, and the JSON diagnostic format.

mod common;
use common::Trust;
use serde_json::Value;

const CLEAN_DAY: &str = "2026-02-01";

/// Lint codes reported by `check --format json` on `day`, with their severities.
fn findings(trust: &Trust, day: &str, extra: &[&str]) -> (i32, Vec<(String, String)>) {
    let mut args = vec!["check", "--format", "json", "--today", day];
    args.extend_from_slice(extra);
    let run = trust.run(&args);
    let found = run
        .stdout
        .lines()
        .map(|line| {
            let v: Value = serde_json::from_str(line).expect("one JSON object per line");
            (
                v["code"].as_str().unwrap().to_string(),
                v["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (run.code, found)
}

fn codes(found: &[(String, String)]) -> Vec<&str> {
    found.iter().map(|(c, _)| c.as_str()).collect()
}

// The minimal trust is clean on a day when everything is in date.
#[test]
fn clean_fixture_has_no_findings() {
    let trust = Trust::fixture("minimal");
    assert_eq!(findings(&trust, CLEAN_DAY, &[]), (0, vec![]));
}

// overdue-review (error) and review-due-soon (warning) follow the date and review intervals.
#[test]
fn review_dates() {
    let trust = Trust::fixture("minimal");
    let (code, found) = findings(&trust, "2026-06-20", &[]);
    assert_eq!(code, 0);
    assert_eq!(
        found,
        [("review-due-soon".to_string(), "warning".to_string())],
        "phones-down is due 2026-07-10"
    );
    let (code, found) = findings(&trust, "2026-07-11", &[]);
    assert_eq!(code, 1);
    assert!(codes(&found).contains(&"overdue-review"), "{found:?}");
}

// missing-owner: an owner of "TBC" is no owner.
#[test]
fn missing_owner() {
    let trust = Trust::fixture("minimal");
    trust.edit(
        "fallbacks/records-downtime.yaml",
        "owner: Chief Nurse",
        "owner: TBC",
    );
    let (code, found) = findings(&trust, CLEAN_DAY, &[]);
    assert_eq!((code, codes(&found)), (1, vec!["missing-owner"]));
}

// draft-in-pack: a draft printed in a pack is flagged (and the pack says DRAFT).
#[test]
fn draft_in_pack() {
    let trust = Trust::fixture("minimal");
    trust.edit(
        "fallbacks/phones-down.yaml",
        "status: approved",
        "status: draft",
    );
    let (_, found) = findings(&trust, CLEAN_DAY, &[]);
    assert!(codes(&found).contains(&"draft-in-pack"), "{found:?}");
    assert!(
        codes(&found).contains(&"no-fallback"),
        "phones has no approved fallback: {found:?}"
    );
    assert_eq!(
        trust.run(&["build", "--format", "md"]).code,
        0,
        "drafts may be built"
    );
    assert!(trust.read("north/ward-a.md").contains("DRAFT"));
}

// draft-in-pack also covers forms: a draft form's printed copies say DRAFT, so check says so
// before a ward prints them (a new trust's starter form is a draft).
#[test]
fn draft_form_in_pack() {
    let trust = Trust::fixture("minimal");
    trust.edit(
        "forms/tracking-list.yaml",
        "status: approved",
        "status: draft",
    );
    let run = trust.run(&["check", "--today", CLEAN_DAY]);
    assert!(
        run.stderr
            .contains("draft form `tracking-list` is printed in packs"),
        "{}",
        run.stderr
    );
    let (_, found) = findings(&trust, CLEAN_DAY, &[]);
    assert_eq!(
        codes(&found),
        vec!["draft-in-pack"],
        "one finding for the one draft"
    );
}

// no-fallback: a system nobody has written a fallback for.
#[test]
fn no_fallback() {
    let trust = Trust::fixture("minimal");
    trust.write(
        "systems/pharmacy.yaml",
        "id: pharmacy\nname: Pharmacy\nshort_name: Ph\ncategory: Medicines\nsupplier: X\ntier: 3\nmax_tolerable_downtime: 1d\nsigns_of_failure: [Labels fail]\nimpact: Labels.\n",
    );
    let (code, found) = findings(&trust, CLEAN_DAY, &[]);
    assert_eq!((code, codes(&found)), (0, vec!["no-fallback"]));
}

// untested-fallback: never exercised, exercised too long ago, or failed.
#[test]
fn untested_fallback() {
    let trust = Trust::fixture("minimal");
    trust.edit(
        "fallbacks/records-downtime.yaml",
        "outcome: passed",
        "outcome: failed",
    );
    let (_, found) = findings(&trust, CLEAN_DAY, &[]);
    assert_eq!(codes(&found), ["untested-fallback"]);
    trust.edit(
        "fallbacks/records-downtime.yaml",
        "  last_tested: { date: 2026-01-12, outcome: failed }\n",
        "",
    );
    let run = trust.run(&["check", "--today", CLEAN_DAY]);
    assert!(
        run.stderr
            .contains("fallback `records-downtime` has never been exercised"),
        "{}",
        run.stderr
    );
}

// stale-contact: numbers never verified, or not within the trust's interval.
#[test]
fn stale_contact() {
    let trust = Trust::fixture("minimal");
    let (_, found) = findings(&trust, "2026-07-06", &[]);
    assert_eq!(
        codes(&found)
            .iter()
            .filter(|c| **c == "stale-contact")
            .count(),
        2,
        "{found:?}"
    );
    trust.edit(
        "trust.yaml",
        "review_interval_months: 12",
        "review_interval_months: 12\ncontact_check_months: 12",
    );
    let (_, found) = findings(&trust, "2026-07-06", &[]);
    assert!(!codes(&found).contains(&"stale-contact"), "{found:?}");
}

// Severities are configurable per trust; --deny warnings makes warnings fail the run.
#[test]
fn severities_are_configurable() {
    let trust = Trust::fixture("minimal");
    trust.write(
        "systems/pharmacy.yaml",
        "id: pharmacy\nname: Pharmacy\nshort_name: Ph\ncategory: Medicines\nsupplier: X\ntier: 3\nmax_tolerable_downtime: 1d\nsigns_of_failure: [Labels fail]\nimpact: Labels.\n",
    );
    assert_eq!(findings(&trust, CLEAN_DAY, &["--deny", "warnings"]).0, 1);
    trust.edit(
        "trust.yaml",
        "review_interval_months: 12",
        "review_interval_months: 12\nlints:\n  no-fallback: error",
    );
    assert_eq!(
        findings(&trust, CLEAN_DAY, &[]),
        (1, vec![("no-fallback".into(), "error".into())])
    );
    trust.edit("trust.yaml", "no-fallback: error", "no-fallback: allow");
    assert_eq!(findings(&trust, CLEAN_DAY, &[]), (0, vec![]));
    trust.edit("trust.yaml", "no-fallback: allow", "no-falback: allow");
    let run = trust.run(&["check", "--today", CLEAN_DAY]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("unknown lint rule `no-falback`"),
        "{}",
        run.stderr
    );
}

// JSON diagnostics carry every field CI annotations need, for load errors too.
#[test]
fn json_diagnostic_shape() {
    let trust = Trust::broken("wrong-type");
    let run = trust.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1);
    let first: Value =
        serde_json::from_str(run.stdout.lines().next().expect("a diagnostic")).expect("JSON");
    let keys: Vec<&str> = first
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "code",
            "column",
            "file",
            "hint",
            "line",
            "message",
            "severity",
            "yaml_path"
        ]
    );
    assert_eq!(first["code"], "yaml-schema");
    assert_eq!(first["file"], "procedures/systems/records.yaml");
    assert_eq!(first["line"], 6);
    assert_eq!(first["column"], 7);
    assert_eq!(first["yaml_path"], "tier");
    assert_eq!(first["severity"], "error");
}

// future-date: a review, exercise or verification dated after today is an error, because it
// would keep overdue-review, untested-fallback and stale-contact quiet for years.
#[test]
fn dates_after_today_are_errors() {
    let trust = Trust::fixture("minimal");
    trust.edit(
        "fallbacks/phones-down.yaml",
        "last_reviewed: 2026-01-10",
        "last_reviewed: 2062-01-10",
    );
    trust.edit("trust.yaml", "verified: 2026-01-05", "verified: 2026-03-01");
    let (code, found) = findings(&trust, CLEAN_DAY, &[]);
    assert_eq!(code, 1);
    assert_eq!(
        found,
        [
            ("future-date".to_string(), "error".to_string()),
            ("future-date".to_string(), "error".to_string())
        ],
        "the review in 2062 and the verification on 1 March, judged on 1 February"
    );
    // The day after the verification, only the review is still in the future.
    let (_, found) = findings(&trust, "2026-03-02", &[]);
    assert_eq!(codes(&found), ["future-date"]);
}

// unused-role: a trust role nothing refers to is reported; a role used only by a contact or a
// cascade is in use.
#[test]
fn unused_roles() {
    let trust = Trust::fixture("minimal");
    trust.edit(
        "trust.yaml",
        "  - { id: site-manager, name: Site manager }",
        "  - { id: site-manager, name: Site manager }\n  - { id: porter, name: Porter }",
    );
    let run = trust.run(&["check", "--today", CLEAN_DAY]);
    assert_eq!(run.code, 0, "a warning by default");
    assert!(
        run.stderr
            .contains("warning[unused-role]: role `porter` is not used")
            && run.stderr.contains("trust.yaml:11:5 at `roles[3]`"),
        "{}",
        run.stderr
    );
    assert_eq!(
        run.stderr.matches("unused-role").count(),
        1,
        "{}",
        run.stderr
    );
}

// role-not-on-ward: a step for a role the ward does not have is on nobody's card there; one
// finding per ward and role. `acts_as` puts those steps on the card of a role it has.
#[test]
fn steps_for_a_role_the_ward_lacks() {
    let trust = Trust::fixture("minimal");
    trust.edit(
        "wards/ward-b.yaml",
        "acts_as: { ward-clerk: nurse-in-charge }",
        "",
    );
    let run = trust.run(&["check", "--today", CLEAN_DAY]);
    assert_eq!(run.code, 0, "a warning: {}", run.stderr);
    assert_eq!(
        run.stderr.matches("warning[role-not-on-ward]").count(),
        1,
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("2 step(s) in the procedures ward `ward-b` uses are for role `ward-clerk`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("acts_as: { ward-clerk: <role> }"),
        "{}",
        run.stderr
    );
    // The same steps, mapped, are on the nurse in charge's card and named for that role.
    let trust = Trust::fixture("minimal");
    let build = trust.run(&["build", "--format", "md", "--ward", "ward-b"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let card = std::fs::read_to_string(trust.out().join("north/ward-b/card-nurse-in-charge.md"))
        .expect("the nurse in charge's card");
    assert!(card.contains("Log every admission on paper."), "{card}");
    assert!(card.contains("Back-enter every admission."), "{card}");
    let pack = std::fs::read_to_string(trust.out().join("north/ward-b.md")).unwrap();
    assert!(
        !pack.contains("Ward clerk"),
        "named for the role that does it:\n{pack}"
    );
}

// acts_as must hand a missing role's steps to a role the ward has, and only a missing one's.
#[test]
fn acts_as_names_roles_of_the_ward() {
    let trust = Trust::fixture("minimal");
    trust.edit(
        "wards/ward-b.yaml",
        "acts_as: { ward-clerk: nurse-in-charge }",
        "acts_as: { ward-clerk: site-manager }",
    );
    let run = trust.run(&["check", "--today", CLEAN_DAY]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("error[acts-as-role-not-on-ward]"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("ward-b.yaml:14:"),
        "points at the line: {}",
        run.stderr
    );
    trust.edit(
        "wards/ward-b.yaml",
        "acts_as: { ward-clerk: site-manager }",
        "acts_as: { nurse-in-charge: nurse-in-charge }",
    );
    let run = trust.run(&["check", "--today", CLEAN_DAY]);
    assert!(
        run.stderr.contains("error[acts-as-own-role]"),
        "{}",
        run.stderr
    );
}
