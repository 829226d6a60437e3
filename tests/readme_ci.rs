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
