//! `downtime init`: a new trust's repository that checks (with only the drafts' warnings) and
//! builds at once, in a new or empty folder, from flags or not at all when nobody can answer.

mod common;
use common::{run_in, walk};
use serde_json::Value;
use std::path::Path;

const NAME: &str = "Northfield & Ashby Hospitals NHS Trust: \"North\" #1";
const ACTION: &str = "northfield-nhs/downtime@v0.1.0";

fn init(root: &Path, dir: &str) -> common::Run {
    run_in(
        root,
        &[
            "init", dir, "--name", NAME, "--code", "RNA", "--action", ACTION,
        ],
        &[],
    )
}

// A new trust passes check with no errors and no warnings but those drafts cause, shows them
// as GitHub annotations on the right files, and builds its packs, saying DRAFT.
#[test]
fn new_trust_checks_and_builds() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let run = init(tmp.path(), "trust");
    assert_eq!(run.code, 0, "init failed: {}", run.stderr);
    let trust = tmp.path().join("trust");

    let check = run_in(&trust, &["check", "--format", "json"], &[]);
    assert_eq!(
        check.code, 0,
        "check failed:\n{}{}",
        check.stdout, check.stderr
    );
    let found: Vec<Value> = (check.stdout.lines())
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    let mut codes: Vec<&str> = found.iter().map(|d| d["code"].as_str().unwrap()).collect();
    codes.sort();
    // The two procedures and the form are printed as drafts, and so the two systems have no
    // approved fallback.
    assert_eq!(
        codes,
        [
            "draft-in-pack",
            "draft-in-pack",
            "draft-in-pack",
            "no-fallback",
            "no-fallback"
        ],
        "{}",
        check.stdout
    );
    assert!(found.iter().all(|d| d["severity"] == "warning"));

    let github = run_in(&trust, &["check", "--format", "github"], &[]);
    assert_eq!(github.code, 0, "{}", github.stderr);
    let epr_draft = github
        .stdout
        .lines()
        .find(|l| l.contains("fallbacks/epr-downtime.yaml"))
        .expect("an annotation for the EPR fallback");
    assert!(
        epr_draft.starts_with("::warning file=procedures/fallbacks/epr-downtime.yaml,line=")
            && epr_draft.contains(",title=draft-in-pack::"),
        "{epr_draft}"
    );

    let out = trust.join("output");
    let build = run_in(
        tmp.path(),
        &[
            "build",
            "--procedures",
            "trust/procedures",
            "--out",
            "trust/output",
        ],
        &[],
    );
    assert_eq!(build.code, 0, "build failed: {}", build.stderr);
    assert!(out.join("main-hospital/ward-1.pdf").is_file());
    assert!(out.join("main-hospital/_hospital.pdf").is_file());
    let pack = std::fs::read_to_string(out.join("main-hospital/ward-1.md")).expect("ward pack");
    assert!(pack.contains("Northfield"), "trust name missing:\n{pack}");
    assert!(pack.contains("DRAFT"), "drafts must say so:\n{pack}");
    assert!(pack.contains("Patient records on paper when the EPR is down"));

    let workflow =
        std::fs::read_to_string(trust.join(".github/workflows/downtime.yml")).expect("CI workflow");
    assert!(workflow.contains(&format!("uses: {ACTION}")), "{workflow}");
    let trust_yaml = std::fs::read_to_string(trust.join("procedures/trust.yaml")).unwrap();
    assert!(trust_yaml.contains("code: RNA"), "{trust_yaml}");
}

// What init writes is either what the flags gave or real starter content: no placeholders.
#[test]
fn no_placeholder_text() {
    let tmp = tempfile::tempdir().expect("temp dir");
    assert_eq!(init(tmp.path(), "trust").code, 0);
    let files = walk(&tmp.path().join("trust"));
    // The 14 starter files and a schema per kind of file (these describe fields, quoting
    // words such as "TBC" that the starter files must not contain).
    let (schemas, files): (Vec<_>, Vec<_>) = files
        .into_iter()
        .partition(|f| f.to_string_lossy().ends_with(".schema.json"));
    assert_eq!((files.len(), schemas.len()), (14, 12), "{files:?}");
    for file in files {
        let text = std::fs::read_to_string(&file).expect("text file");
        let lower = text.to_lowercase();
        for bad in [
            "tbc",
            "tbd",
            "todo",
            "fixme",
            "placeholder",
            "your-org",
            "example.",
            "yyyy",
            "xxx",
            "lorem",
            "supplier name",
            "{{",
            "{%",
            "07700 9",
            "01632 9",
        ] {
            assert!(!lower.contains(bad), "{} contains {bad:?}", file.display());
        }
    }
}

// Each starter YAML file's first line points editors at a schema init wrote, so completion
// works in a new trust's repository at once (the register's line points there too).
#[test]
fn starter_files_point_at_their_schemas() {
    let tmp = tempfile::tempdir().expect("temp dir");
    assert_eq!(init(tmp.path(), "trust").code, 0);
    let yaml: Vec<_> = walk(&tmp.path().join("trust/procedures"))
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "yaml"))
        .collect();
    assert_eq!(yaml.len(), 11, "{yaml:?}");
    for file in yaml {
        let text = std::fs::read_to_string(&file).unwrap();
        let schema = text
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("# yaml-language-server: $schema="))
            .unwrap_or_else(|| panic!("{} has no schema line", file.display()));
        let target = file.parent().unwrap().join(schema);
        assert!(
            target.is_file(),
            "{}: {} is missing",
            file.display(),
            target.display()
        );
        let kind = file
            .parent()
            .unwrap()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .to_string();
        let expected = match kind.as_str() {
            "procedures" => "trust".to_string(),
            "fallbacks" => "procedure".to_string(),
            folder => folder.trim_end_matches('s').to_string(),
        };
        assert!(
            schema.ends_with(&format!("/{expected}.schema.json")),
            "{}",
            file.display()
        );
    }
}

// init never writes over someone's files.
#[test]
fn refuses_a_non_empty_folder() {
    let tmp = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(tmp.path().join("trust")).unwrap();
    std::fs::write(tmp.path().join("trust/notes.txt"), "keep me").unwrap();
    let run = init(tmp.path(), "trust");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("not empty"), "{}", run.stderr);
    assert_eq!(walk(&tmp.path().join("trust")).len(), 1);
}

// Without a terminal to ask on, a missing flag is a usage error naming it, and nothing is
// written (a script must not hang waiting for an answer).
#[test]
fn missing_flags_without_a_terminal_fail() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let run = run_in(
        tmp.path(),
        &["init", "trust", "--code", "RNA", "--action", ACTION],
        &[],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--name"), "{}", run.stderr);
    let run = run_in(
        tmp.path(),
        &["init", "trust", "--name", NAME, "--action", ACTION],
        &[],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--code"), "{}", run.stderr);
    // A binary built from source does not know which release it is (the release workflow
    // bakes that in), so the workflow's action must be given.
    if option_env!("DOWNTIME_ACTION").is_none() {
        let run = run_in(
            tmp.path(),
            &["init", "trust", "--name", NAME, "--code", "RNA"],
            &[],
        );
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(run.stderr.contains("--action"), "{}", run.stderr);
        // ...and what to give, since a new user cannot guess it.
        assert!(
            run.stderr
                .contains("\nhint: --action is the GitHub repository and release tag"),
            "{}",
            run.stderr
        );
        // Every missing flag at once, not one per run.
        let run = run_in(tmp.path(), &["init", "trust"], &[]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(
            run.stderr.contains(
                "--name, --code, --action are required when standard input is not a terminal"
            ),
            "{}",
            run.stderr
        );
    }
    // A lowercase organisation code is the same code.
    let run = run_in(
        tmp.path(),
        &[
            "init", "lower", "--name", NAME, "--code", "rna", "--action", ACTION,
        ],
        &[],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let trust = std::fs::read_to_string(tmp.path().join("lower/procedures/trust.yaml")).unwrap();
    assert!(trust.contains("code: RNA"), "{trust}");
    assert!(!tmp.path().join("trust").exists());
}

// `downtime new ward` in a new trust shows that trust's own ids in its commented examples,
// not the example trust's (a reader copies what the comment shows).
#[test]
fn new_ward_in_a_new_trust_uses_its_own_ids() {
    let tmp = tempfile::tempdir().expect("temp dir");
    assert_eq!(init(tmp.path(), "trust").code, 0);
    let trust = tmp.path().join("trust");
    let run = run_in(
        &trust,
        &["new", "ward", "ward-2", "--site", "main-hospital"],
        &[],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(trust.join("procedures/wards/ward-2.yaml")).unwrap();
    assert!(text.contains("# buddy: ward-1 "), "{text}");
    for other in ["ward-7", "RKV", "riverside"] {
        assert!(
            !text.contains(other),
            "`{other}` is the example trust's:\n{text}"
        );
    }
}
