//! GitHub workflows: this repository's (CI, release), the composite action and the workflow
//! `downtime init` writes all pass actionlint (and, through it, shellcheck on their scripts).
//! actionlint is required: `.ci/run` installs it.

mod common;
use common::run_in;
use serde_yaml::{Mapping, Value};
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// actionlint on PATH, or where `.ci/run` caches it; a missing linter fails the test rather
/// than skipping it, so an unchecked workflow cannot pass as checked.
fn actionlint() -> PathBuf {
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("actionlint"))
            .find(|p| p.is_file())
    });
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cache")))
        .map(|c| c.join("downtime-ci/bin/actionlint"));
    on_path
        .or(cache.filter(|p| p.is_file()))
        .expect("actionlint is not installed: run .ci/run (it installs actionlint into ~/.cache/downtime-ci/bin), or install actionlint on PATH")
}

/// Run actionlint on `files` from `dir` and fail with its report if it finds anything.
fn assert_actionlint_clean(dir: &Path, files: &[PathBuf]) {
    assert!(!files.is_empty(), "no workflow files to check");
    let out = Command::new(actionlint())
        .arg("-no-color")
        .args(files)
        .current_dir(dir)
        .output()
        .expect("run actionlint");
    assert!(
        out.status.success(),
        "actionlint found problems:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

// The CI and release workflows of this repository are actionlint-clean.
#[test]
fn repository_workflows_pass_actionlint() {
    let dir = repo().join(".github/workflows");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect(".github/workflows exists")
        .map(|e| e.expect("read entry").path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yml" | "yaml")))
        .collect();
    files.sort();
    let names: Vec<_> = files.iter().filter_map(|p| p.file_name()).collect();
    assert!(
        names.contains(&"ci.yml".as_ref()) && names.contains(&"release.yml".as_ref()),
        "{names:?}"
    );
    assert_actionlint_clean(repo(), &files);
}

fn get<'a>(map: &'a Value, key: &str) -> &'a Value {
    map.get(key)
        .unwrap_or_else(|| panic!("action.yml: `{key}` is missing"))
}

// action.yml is a well-formed composite action: name, description, `runs.using: composite`,
// a shell on every script step, actions pinned to a version.
#[test]
fn action_is_a_composite_action() {
    let text = std::fs::read_to_string(repo().join("action.yml")).expect("action.yml");
    let action: Value = serde_yaml::from_str(&text).expect("action.yml is YAML");
    for key in ["name", "description"] {
        assert!(
            get(&action, key)
                .as_str()
                .is_some_and(|s| !s.trim().is_empty()),
            "action.yml: `{key}` must be a non-empty string"
        );
    }
    let runs = get(&action, "runs");
    assert_eq!(get(runs, "using").as_str(), Some("composite"));
    let steps = get(runs, "steps")
        .as_sequence()
        .expect("runs.steps is a list");
    assert!(!steps.is_empty());
    for (i, step) in steps.iter().enumerate() {
        if step.get("run").is_some() {
            assert!(
                step.get("shell").is_some(),
                "action.yml: step {i} has `run` but no `shell`"
            );
        }
        if let Some(uses) = step.get("uses").and_then(Value::as_str) {
            assert!(
                uses.contains('@'),
                "action.yml: step {i} uses {uses} unpinned"
            );
        }
    }
    for (name, input) in get(&action, "inputs").as_mapping().expect("inputs") {
        assert!(
            input.get("description").is_some(),
            "action.yml: input {name:?} has no description"
        );
    }
}

// The action's steps pass actionlint too: actionlint checks workflows only, so they are run
// through it as the steps of a workflow whose dispatch inputs are the action's inputs (which
// checks every `${{ inputs.x }}`, expression and, with shellcheck, every script).
#[test]
fn action_steps_pass_actionlint() {
    let text = std::fs::read_to_string(repo().join("action.yml")).expect("action.yml");
    let action: Value = serde_yaml::from_str(&text).expect("action.yml is YAML");
    let mut inputs = Mapping::new();
    for (name, input) in get(&action, "inputs").as_mapping().expect("inputs") {
        let mut spec = Mapping::new();
        spec.insert("description".into(), get(input, "description").clone());
        spec.insert("required".into(), false.into());
        spec.insert("type".into(), "string".into());
        if let Some(default) = input.get("default") {
            spec.insert("default".into(), default.clone());
        }
        inputs.insert(name.clone(), spec.into());
    }
    let workflow: Value = serde_yaml::from_str(&format!(
        "name: action.yml as a workflow\non:\n  workflow_dispatch:\n    inputs: {}\njobs:\n  action:\n    runs-on: ubuntu-latest\n    steps: {}\n",
        serde_json::to_string(&inputs).expect("inputs as JSON"),
        serde_json::to_string(get(get(&action, "runs"), "steps")).expect("steps as JSON"),
    ))
    .expect("synthesised workflow is YAML");
    let tmp = tempfile::tempdir().expect("temp dir");
    let file = tmp.path().join(".github/workflows/action.yml");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, serde_yaml::to_string(&workflow).unwrap()).unwrap();
    assert_actionlint_clean(tmp.path(), &[file]);
}

// The workflow `downtime init` writes into a trust's repository is actionlint-clean.
#[test]
fn init_workflow_passes_actionlint() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let run = run_in(
        tmp.path(),
        &[
            "init",
            "trust",
            "--name",
            "Northfield Hospitals NHS Trust",
            "--code",
            "RNF",
            "--action",
            "northfield-nhs/downtime@v0.1.0",
        ],
        &[],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let trust = tmp.path().join("trust");
    assert_actionlint_clean(&trust, &[trust.join(".github/workflows/downtime.yml")]);
}
