//! Printed copies: content codes on every page, the register `downtime issue` writes, what
//! `downtime reprint` says must be reprinted, the walk-round sheet and the two lint rules.

mod common;
use common::{pdf_text, Trust};
use std::collections::BTreeSet;

/// The minimal trust with a contact only Ward A prints, built, and every pack of it issued.
fn issued_trust() -> (Trust, Vec<String>) {
    let trust = Trust::fixture("minimal");
    trust.edit(
        "wards/ward-a.yaml",
        "roles: [nurse-in-charge, ward-clerk]",
        "roles: [nurse-in-charge, ward-clerk]\ncontacts:\n  - id: ward-a-matron\n    name: Matron, Ward A\n    verified: 2026-01-05\n    routes:\n      - { kind: mobile, value: \"07700 900 555\" }",
    );
    let run = trust.run(&["build", "--format", "md,pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Every printed pack: each PDF in the output, named as the register names it.
    let packs: Vec<String> = common::walk(&trust.out())
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .map(|p| {
            let rel = p.strip_prefix(trust.out()).unwrap().with_extension("");
            rel.to_string_lossy().replace('\\', "/")
        })
        .collect();
    assert!(packs.len() > 5, "{packs:?}");
    let mut args = vec!["issue", "--by", "Sam Patel", "--date", "2026-02-01"];
    args.extend(packs.iter().map(String::as_str));
    let run = trust.run(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    (trust, packs)
}

// Protects the register's purpose: a changed contact makes `reprint` list exactly the boxes
// whose packs print that contact, and say in which section it changed.
#[test]
fn a_changed_contact_lists_exactly_the_packs_that_print_it() {
    let (trust, packs) = issued_trust();
    let run = trust.run(&["reprint"]);
    assert_eq!(run.code, 0, "fresh copies are current: {}", run.stdout);
    assert!(
        run.stdout.contains(&format!(
            "every recorded copy is current ({} packs)",
            packs.len()
        )),
        "{}",
        run.stdout
    );

    trust.edit("wards/ward-a.yaml", "07700 900 555", "07700 900 556");
    let run = trust.run(&["build", "--format", "md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The packs that print the new number, read from the Markdown the build wrote (forms are
    // drawn and print no contacts).
    let showing: BTreeSet<String> = packs
        .iter()
        .filter(|p| {
            std::fs::read_to_string(trust.out().join(format!("{p}.md")))
                .is_ok_and(|md| md.contains("07700 900 556"))
        })
        .cloned()
        .collect();
    assert!(showing.contains("north/ward-a"), "{showing:?}");
    assert!(!showing.contains("north/ward-b"), "{showing:?}");

    let run = trust.run(&["reprint", "--format", "json"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let listed: BTreeSet<String> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("one JSON object per line"))
        .map(|v| v["pack"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(listed, showing);

    let human = trust.run(&["reprint"]);
    assert_eq!(human.code, 1);
    let ward_a = &human.stdout[human
        .stdout
        .find("north/ward-a\n")
        .or(human.stdout.find("north/ward-a "))
        .expect("ward A listed")..];
    assert!(
        ward_a.contains("issued 2026-02-01 by Sam Patel"),
        "{}",
        human.stdout
    );
    assert!(
        ward_a.contains("changed: Contact: Matron, Ward A\n"),
        "the contact is named, and nothing else: {}",
        human.stdout
    );
    assert!(
        !ward_a.lines().nth(2).unwrap().contains("Downtime kit"),
        "{}",
        human.stdout
    );

    // Changed after the last build: the copy on paper would not be what `issue` records, so
    // it refuses, and the register is untouched.
    let before = std::fs::read_to_string(trust.procedures().join("issued.yaml")).unwrap();
    trust.edit("wards/ward-a.yaml", "07700 900 556", "07700 900 557");
    let run = trust.run(&["issue", "ward-a", "--by", "Sam Patel"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("output/north/ward-a.md was built from older YAML"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("run `downtime build`, print the new PDF"),
        "{}",
        run.stderr
    );
    let after = std::fs::read_to_string(trust.procedures().join("issued.yaml")).unwrap();
    assert_eq!(before, after);
}

// Protects the register file: one line per copy, earlier lines kept as they were, readable by
// the next run; a mistyped code is one error with its line.
#[test]
fn register_round_trips_and_reports_its_mistakes() {
    let (trust, packs) = issued_trust();
    let register = std::fs::read_to_string(trust.procedures().join("issued.yaml")).unwrap();
    let entries: Vec<&str> = register.lines().filter(|l| l.starts_with("- ")).collect();
    assert_eq!(entries.len(), packs.len());
    assert!(
        entries[0].contains("code: ") && entries[0].contains("by: \"Sam Patel\""),
        "{register}"
    );

    let run = trust.run(&[
        "issue",
        "ward-a",
        "--by",
        "Jo \"JJ\" Jones: ward manager",
        "--date",
        "2026-03-01",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let again = std::fs::read_to_string(trust.procedures().join("issued.yaml")).unwrap();
    assert!(
        again.starts_with(&register),
        "earlier lines are kept as they were"
    );
    assert_eq!(again.lines().count(), register.lines().count() + 1);
    assert!(
        again
            .lines()
            .last()
            .unwrap()
            .contains("pack: \"north/ward-a\""),
        "{again}"
    );
    // The building is quiet about the register: it is an input the loader knows.
    let check = trust.run(&["check", "--today", "2026-03-01"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(!check.stderr.contains("issued.yaml"), "{}", check.stderr);
    assert_eq!(trust.run(&["reprint"]).code, 0);

    // A mistyped code: one error, at its line and column, with the shape of a code.
    let broken = again.replacen("code: ", "code: 12-XY", 1);
    std::fs::write(trust.procedures().join("issued.yaml"), broken).unwrap();
    let run = trust.run(&["reprint"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stderr.matches("error[").count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("error[bad-code]"), "{}", run.stderr);
    assert!(run.stderr.contains("issued.yaml:4:"), "{}", run.stderr);

    // An unknown pack: a did-you-mean.
    std::fs::write(trust.procedures().join("issued.yaml"), &again).unwrap();
    let run = trust.run(&["issue", "ward-aa", "--by", "Sam"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("did you mean `ward-a`"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(trust.procedures().join("issued.yaml")).unwrap(),
        again
    );
}

// Protects the codes' meaning: every page of a printed pack carries the code its cover and
// contact block give, and only a change to what it prints changes it.
#[test]
fn every_page_carries_the_copy_code() {
    let (trust, _) = issued_trust();
    let md = trust.read("north/ward-a.md");
    let at = md.find("code **").expect("cover gives the code") + "code **".len();
    let code = &md[at..at + 9];
    assert!(
        md.contains(&format!("this copy printed from edition 1.0, code {code}")),
        "{md}"
    );
    let text = pdf_text(&trust.out().join("north/ward-a.pdf"));
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert!(pages.len() > 3);
    for (n, page) in pages.iter().enumerate() {
        assert!(
            page.contains(&format!("Code {code}")),
            "page {} has no code:\n{page}",
            n + 1
        );
    }
    // A blank form carries its own code, and the register names it.
    let register = std::fs::read_to_string(trust.procedures().join("issued.yaml")).unwrap();
    let entries: Vec<serde_yaml::Value> = serde_yaml::from_str(&register).unwrap();
    let form = (entries.iter())
        .find(|e| e["pack"].as_str().is_some_and(|p| p.contains("form-")))
        .expect("a form was issued");
    let form_code = form["code"].as_str().expect("a code is text");
    let form_pdf = form["pack"].as_str().unwrap();
    assert!(pdf_text(&trust.out().join(format!("{form_pdf}.pdf")))
        .contains(&format!("Code {form_code}")));
    // Rebuilding with a change elsewhere (Ward B) leaves Ward A's code alone.
    trust.edit(
        "wards/ward-b.yaml",
        "name: Ward B",
        "name: Ward B (renamed)",
    );
    assert_eq!(trust.run(&["build", "--format", "md"]).code, 0);
    assert!(trust
        .read("north/ward-a.md")
        .contains(&format!("code **{code}**")));
}

// Protects the walk-round sheet and the two lint rules, read back as a reviewer sees them.
#[test]
fn walk_round_sheet_and_lints_follow_the_register() {
    let (trust, _) = issued_trust();
    trust.edit(
        "wards/ward-a.yaml",
        "Red box under the desk",
        "Blue box in the office",
    );
    assert_eq!(trust.run(&["build", "--format", "md"]).code, 0);
    let md = |p: &str| trust.read(p);
    let code_of = |text: String| {
        let at = text.find("code **").unwrap() + 7;
        text[at..at + 9].to_string()
    };
    let (ward_a, ward_b) = (
        code_of(md("north/ward-a.md")),
        code_of(md("north/ward-b.md")),
    );

    let sheet = trust.root().join("walk.pdf");
    let run = trust.run(&[
        "walk-round",
        "north",
        "-o",
        "walk.pdf",
        "--date",
        "2026-03-01",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = pdf_text(&sheet)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for expected in [
        "Ward A".to_string(),
        "Ward B".to_string(),
        "Hospital pack".to_string(),
        format!("Copy shows {ward_a}"),
        format!("Copy shows {ward_b}"),
        "REPRINT".to_string(),
        "changed: Downtime kit".to_string(),
        "Kit: Blue box in the office".to_string(),
        "Downtime PC starts and prints".to_string(),
        "Decision log present".to_string(),
        "Signature".to_string(),
    ] {
        assert!(
            text.contains(&expected),
            "{expected:?} not on the sheet: {text}"
        );
    }
    // North has no radios: the sheet does not ask for them.
    assert!(!text.contains("Radios"), "{text}");
    assert_eq!(
        text.matches("REPRINT:").count(),
        2,
        "Ward A and the hospital pack's kit table: {text}"
    );
    // It never writes over a file it did not make.
    std::fs::write(trust.root().join("notes.txt"), "mine").unwrap();
    let run = trust.run(&["walk-round", "north", "-o", "notes.txt"]);
    assert_ne!(run.code, 0);
    assert_eq!(
        std::fs::read_to_string(trust.root().join("notes.txt")).unwrap(),
        "mine"
    );

    // stale-copy: quiet within the grace days, then one warning per box, at its register line.
    let check = trust.run(&["check", "--today", "2026-02-10"]);
    assert!(!check.stderr.contains("stale-copy"), "{}", check.stderr);
    let check = trust.run(&["check", "--today", "2026-03-01"]);
    assert_eq!(
        check.stderr.matches("warning[stale-copy]").count(),
        2,
        "{}",
        check.stderr
    );
    assert!(
        check
            .stderr
            .contains("the box for `north/ward-a` holds a copy"),
        "{}",
        check.stderr
    );
    assert!(
        check.stderr.contains("procedures/issued.yaml:"),
        "{}",
        check.stderr
    );
    // never-issued: a new ward with no copy recorded.
    let ward_c = std::fs::read_to_string(trust.procedures().join("wards/ward-b.yaml"))
        .unwrap()
        .replace("id: ward-b", "id: ward-c")
        .replace("name: Ward B", "name: Ward C");
    trust.write("wards/ward-c.yaml", &ward_c);
    let check = trust.run(&["check", "--today", "2026-02-10"]);
    assert_eq!(
        check.stderr.matches("warning[never-issued]").count(),
        1,
        "{}",
        check.stderr
    );
    assert!(
        check.stderr.contains("wards/ward-c.yaml:1:"),
        "{}",
        check.stderr
    );
}

// Protects the gate from a closed ward: its copy is listed until it is recorded as taken out
// of the box, and then `reprint` passes again.
#[test]
fn a_closed_wards_copy_is_withdrawn() {
    let (trust, _) = issued_trust();
    std::fs::remove_file(trust.procedures().join("wards/ward-b.yaml")).unwrap();
    let run = trust.run(&["reprint"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stdout.contains("north/ward-b\n"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("downtime issue north/ward-b --withdrawn --by NAME"),
        "{}",
        run.stdout
    );
    // Its cards and forms went with it: withdraw every copy reprint lists as no longer produced.
    let gone: Vec<String> = run
        .stdout
        .lines()
        .filter(|l| !l.starts_with(' ') && l.contains("ward-b"))
        .map(|l| l.split_whitespace().next().unwrap().to_string())
        .collect();
    let mut args = vec![
        "issue",
        "--withdrawn",
        "--by",
        "Sam Patel",
        "--date",
        "2026-03-01",
    ];
    args.extend(gone.iter().map(String::as_str));
    let run = trust.run(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The hospital pack no longer lists Ward B: that copy is reprinted.
    let run = trust.run(&["reprint"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stdout.starts_with("north/_hospital "), "{}", run.stdout);
    assert!(!run.stdout.contains("ward-b\n"), "{}", run.stdout);
    let register = std::fs::read_to_string(trust.procedures().join("issued.yaml")).unwrap();
    assert!(
        register.lines().last().unwrap().contains("withdrawn: true"),
        "{register}"
    );
    assert_eq!(trust.run(&["build", "--format", "md,pdf"]).code, 0);
    assert_eq!(trust.run(&["issue", "north", "--by", "Sam Patel"]).code, 0);
    let run = trust.run(&["reprint"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(register.contains("withdrawn: true"), "{register}");
    // Only a copy the register has in a box can be withdrawn.
    let run = trust.run(&["issue", "--withdrawn", "north/ward-b", "--by", "Sam"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("no copy of `north/ward-b` is recorded in a box"),
        "{}",
        run.stderr
    );
}
