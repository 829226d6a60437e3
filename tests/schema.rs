//! JSON Schemas for editors: current in the repository, accepting the example trust and
//! rejecting the broken fixtures; and `downtime new` scaffolds that pass `check`.

mod common;
use common::Trust;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn validator(kind: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(root().join(format!("schemas/{kind}.schema.json")))
        .expect("schema file");
    let schema: serde_json::Value = serde_json::from_str(&text).expect("schema is JSON");
    jsonschema::validator_for(&schema).expect("schema compiles")
}

fn yaml(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).expect("read YAML");
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every kind of file, as (its folder, its schema's name): from the tool's own list of kinds,
/// so a new kind is checked here without touching this test.
fn kinds() -> Vec<(&'static str, &'static str)> {
    (downtime::load::Kind::ALL.iter())
        .map(|kind| (kind.folder(), kind.schema().0))
        .collect()
}

// The committed schemas/ are what `downtime schema` writes today: every one of them, the
// register's included, and no committed schema it no longer writes.
#[test]
fn committed_schemas_are_current() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = common::run_in(dir.path(), &["schema", "--out", "fresh"], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let names = |dir: &Path| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("schema folder")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let fresh = names(&dir.path().join("fresh"));
    assert!(
        fresh.len() >= 12,
        "every kind, the trust and the register: {fresh:?}"
    );
    assert_eq!(fresh, names(&root().join("schemas")));
    for name in fresh {
        let written = std::fs::read_to_string(dir.path().join("fresh").join(&name));
        let committed = std::fs::read_to_string(root().join("schemas").join(&name));
        assert!(
            written.expect("fresh") == committed.expect("committed"),
            "schemas/{name} is out of date: run `downtime schema`"
        );
    }
}

// Every file of the example trust is valid against its schema.
#[test]
fn schemas_accept_the_example_trust() {
    let procedures = root().join("procedures");
    assert!(validator("trust").is_valid(&yaml(&procedures.join("trust.yaml"))));
    let issued = validator("issued");
    let errors: Vec<String> = (issued.iter_errors(&yaml(&procedures.join("issued.yaml"))))
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "issued.yaml: {errors:?}");
    let mut checked = 2;
    for (folder, kind) in kinds() {
        let v = validator(kind);
        for file in common::walk(&procedures.join(folder)) {
            let instance = yaml(&file);
            let errors: Vec<String> = v.iter_errors(&instance).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{}: {errors:?}", file.display());
            checked += 1;
        }
    }
    assert!(checked > 60, "checked {checked} files");
}

// The schemas reject what `check` rejects: unknown fields, wrong types, missing fields, blank
// text, direction overrides, stray keys beside a form part's key.
#[test]
fn schemas_reject_broken_fixtures() {
    let broken = common::fixtures().join("broken");
    for (file, kind) in [
        ("unknown-field/systems/records.yaml", "system"),
        ("wrong-type/systems/records.yaml", "system"),
        ("missing-field/forms/tracking-list.yaml", "form"),
        ("unknown-ids/wards/ward-b.yaml", "ward"),
        ("blank-text/wards/ward-b.yaml", "ward"),
        ("bidi-override/sites/north.yaml", "site"),
        ("form-extra-key/forms/tracking-list.yaml", "form"),
    ] {
        let valid = validator(kind).is_valid(&yaml(&broken.join(file)));
        // unknown-ids is well-formed: only cross-references are wrong, which a schema cannot see.
        assert_eq!(valid, file.starts_with("unknown-ids"), "{file}");
    }
}

/// What a user writes in place of the scaffolds' placeholders that are not text.
const SCAFFOLD_VALUES: &[(&str, &str)] = &[
    ("kind", "inpatient"),
    ("beds", "20"),
    ("system", "records"),
    ("roles", "nurse-in-charge"),
    ("role", "nurse-in-charge"),
    ("to", "nurse-in-charge"),
    ("tier", "3"),
    ("max_tolerable_downtime", "8h"),
    ("copies", "10"),
];

// `downtime new` writes well-formed files whose placeholder texts `check` and `build` refuse,
// one error per file, until they are written; it refuses to overwrite, and never guesses a
// ward's site or what a procedure replaces.
#[test]
fn scaffolds_are_valid() {
    let trust = Trust::fixture("minimal");
    let files = [
        ("ward", "ward-new", "wards"),
        ("system", "new-system", "systems"),
        ("procedure", "new-procedure", "fallbacks"),
        ("form", "new-form", "forms"),
    ];
    for (kind, id, _) in files {
        let mut args = vec!["new", kind, id];
        if kind == "procedure" {
            args.extend(["--replaces", "records"]);
        }
        let run = trust.run(&args);
        assert_eq!(run.code, 0, "{kind}: {}", run.stderr);
    }
    for run in [
        trust.run(&["check", "--today", "2026-02-01"]),
        trust.run(&["build", "--format", "md"]),
    ] {
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert_eq!(
            run.stderr.matches("error[scaffold-text]").count(),
            files.len(),
            "{}",
            run.stderr
        );
        for (_, id, folder) in files {
            assert!(
                run.stderr.contains(&format!("{folder}/{id}.yaml:")),
                "{id}: {}",
                run.stderr
            );
        }
    }
    assert!(
        !trust.out().join("north/ward-new.md").exists(),
        "nothing printed"
    );
    // Written: every placeholder replaced by real values.
    for (_, id, folder) in files {
        let path = trust.procedures().join(format!("{folder}/{id}.yaml"));
        common::write_scaffold(&path, SCAFFOLD_VALUES);
    }
    let check = trust.run(&["check", "--today", "2026-02-01"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    let text = std::fs::read_to_string(trust.procedures().join("fallbacks/new-procedure.yaml"))
        .expect("scaffold");
    assert!(text.contains("# ") && text.contains("status: draft"));
    assert!(validator("procedure").is_valid(&yaml(
        &trust.procedures().join("fallbacks/new-procedure.yaml")
    )));
    assert_eq!(
        trust.run(&["new", "ward", "ward-new"]).code,
        2,
        "no overwrite"
    );
    assert_eq!(trust.run(&["new", "ward", "Bad Id"]).code, 2);
    // A procedure must say what it replaces; a ward's site is never guessed among several.
    let run = trust.run(&["new", "procedure", "another"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("Add --replaces with one or more of: "),
        "{}",
        run.stderr
    );
    let run = trust.run(&["new", "procedure", "another", "--replaces", "record"]);
    assert!(
        run.stderr.contains("did you mean `records`?"),
        "{}",
        run.stderr
    );
    trust.write(
        "sites/south.yaml",
        &std::fs::read_to_string(trust.procedures().join("sites/north.yaml"))
            .unwrap()
            .replace("id: north", "id: south")
            .replace("North Hospital", "South Hospital")
            .replace("north-site-manager", "south-site-manager"),
    );
    let run = trust.run(&["new", "ward", "ward-z"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("Add --site with one of: north, south"),
        "{}",
        run.stderr
    );
    let run = trust.run(&["new", "ward", "ward-z", "--site", "south"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ward = std::fs::read_to_string(trust.procedures().join("wards/ward-z.yaml")).unwrap();
    assert!(ward.contains("site: south"), "{ward}");
}
