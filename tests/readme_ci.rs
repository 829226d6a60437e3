//! The README's CI commands, run exactly as written on a fresh copy of the example trust: what
//! a repository commits (the procedures and the generated Markdown; PDFs are not committed).

mod common;
use std::path::Path;

/// The `sh` block after the `<!-- ci-commands -->` marker, as argument lists.
fn ci_commands(readme: &str) -> Vec<Vec<String>> {
    let at = readme
        .find("<!-- ci-commands -->")
        .expect("README marks its CI commands");
    let block = &readme[at..];
    let start = block.find("```sh\n").expect("a sh block follows") + "```sh\n".len();
    let end = start + block[start..].find("```").expect("the block ends");
    block[start..end]
        .lines()
        .map(|line| line.split(" #").next().unwrap().trim())
        .filter(|line| !line.is_empty())
        .map(|line| line.split_whitespace().map(str::to_string).collect())
        .collect()
}

#[test]
fn readme_ci_commands_pass_on_a_fresh_copy_of_the_example() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let commands = ci_commands(&readme);
    assert!(commands.len() >= 2, "{commands:?}");
    let clone = common::committed_example();
    for command in &commands {
        assert_eq!(command[0], "downtime", "{command:?}");
        let args: Vec<&str> = command[1..].iter().map(String::as_str).collect();
        // The day the example was last released, so its review dates are judged as CI judged
        // them then.
        let run = common::run_in(clone.path(), &args, &[("SOURCE_DATE_EPOCH", "1795564800")]);
        assert_eq!(
            run.code,
            0,
            "`{}` failed:\n{}",
            command.join(" "),
            run.stderr
        );
    }
    let packs = common::walk(&clone.path().join("packs"));
    assert!(
        packs.iter().any(|p| p.ends_with("riverside/ward-7.pdf")),
        "{packs:?}"
    );
}

/// Each package `cargo tree` lists for the given edges, with the features it is built with.
fn resolved_features(edges: &str) -> std::collections::BTreeMap<String, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = std::process::Command::new(cargo)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "tree",
            "--locked",
            "--offline",
            "--prefix",
            "none",
            "-e",
            edges,
        ])
        .args(["-f", "{p}|{f}"])
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|line| !line.ends_with("(*)"))
        .filter_map(|line| line.split_once('|'))
        .map(|(package, features)| (package.to_string(), features.to_string()))
        .collect()
}

/// The README's second command reuses the first one's build only when every dependency the two
/// share is built with the same features. Dev-dependencies switch features on in crates the
/// tool uses; Cargo.toml names those features for the tool too. When an update adds one, this
/// says which crate and feature, rather than the test command quietly compiling everything
/// twice.
#[test]
fn the_test_command_reuses_the_builds_dependencies() {
    let tool = resolved_features("normal,build");
    let tests = resolved_features("normal,build,dev");
    let differing: Vec<String> = tool
        .iter()
        .filter_map(|(package, features)| {
            let in_tests = tests.get(package)?;
            (in_tests != features)
                .then(|| format!("{package}: tool [{features}], tests [{in_tests}]"))
        })
        .collect();
    assert!(
        differing.is_empty(),
        "switch these features on in Cargo.toml's [dependencies] too:\n{}",
        differing.join("\n")
    );
}
