//! Hostile and broken input: never panic, never lose a pack, never write outside the output
//! folder. Each case states the outcome it expects.

mod common;
use common::Trust;
use std::time::{Duration, Instant};

/// Run `check` and return (exit code, stderr), asserting the tool did not crash.
fn check(trust: &Trust) -> (i32, String) {
    let start = Instant::now();
    let run = trust.run(&["check", "--today", "2026-02-01"]);
    assert!(!run.stderr.contains("panicked"), "panic:\n{}", run.stderr);
    assert!(
        run.code == 0 || run.code == 1,
        "exit {}: {}",
        run.code,
        run.stderr
    );
    assert!(start.elapsed() < Duration::from_secs(60), "hung");
    (run.code, run.stderr)
}

// CRLF line endings and a UTF-8 byte-order mark (Windows editors) are accepted.
#[test]
fn crlf_and_bom_are_accepted() {
    let trust = Trust::fixture("minimal");
    let path = trust.procedures().join("wards/ward-b.yaml");
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, format!("\u{feff}{}", text.replace('\n', "\r\n"))).expect("write");
    let (code, stderr) = check(&trust);
    assert_eq!(code, 0, "{stderr}");
}

// A billion-laughs alias bomb and 10,000-level nesting are refused, quickly, with a location.
#[test]
fn alias_bomb_and_deep_nesting_are_refused() {
    let trust = Trust::fixture("minimal");
    let mut bomb = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (prev, name) in ["a", "b", "c", "d", "e", "f", "g", "h"]
        .iter()
        .zip(["b", "c", "d", "e", "f", "g", "h", "i"])
    {
        bomb.push_str(&format!("{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
    }
    trust.write("systems/bomb.yaml", &bomb);
    trust.write(
        "systems/deep.yaml",
        &format!("id: {}{}", "[".repeat(10_000), "]".repeat(10_000)),
    );
    let started = Instant::now();
    let (code, stderr) = check(&trust);
    assert_eq!(code, 1);
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "refused quickly"
    );
    assert!(stderr.contains("procedures/systems/bomb.yaml:"), "{stderr}");
    assert!(
        stderr.contains("procedures/systems/deep.yaml:1:"),
        "{stderr}"
    );
    assert!(
        stderr.lines().all(|l| l.len() < 400),
        "long lines are cut in diagnostics"
    );
}

// A 50 MB file is refused by size, with a clear message, without reading it all.
#[test]
fn huge_files_are_refused() {
    let trust = Trust::fixture("minimal");
    let big = trust.procedures().join("wards/huge.yaml");
    let file = std::fs::File::create(&big).expect("create");
    file.set_len(50 * 1024 * 1024).expect("sparse 50 MB file");
    let (code, stderr) = check(&trust);
    assert_eq!(code, 1);
    assert!(
        stderr.contains(
            "error[file-too-large]: file is 52428800 bytes; the limit is 4194304 bytes (4 MiB)"
        ),
        "{stderr}"
    );
}

// Ids that could escape the output folder or break on Windows are refused before any path is built.
#[test]
fn dangerous_ids_are_refused() {
    for (bad, shown) in [
        ("../../etc/passwd", "../../etc/passwd"),
        ("a/b", "a/b"),
        ("nul\\u0000x", "nul\\0x"),
        ("tab\\tname", "tab\\tname"),
        ("con", "con"),
        ("LPT1", "LPT1"),
        ("com7", "com7"),
    ] {
        let trust = Trust::fixture("minimal");
        trust.edit("wards/ward-b.yaml", "id: ward-b", &format!("id: \"{bad}\""));
        let (code, stderr) = check(&trust);
        assert_eq!(code, 1, "{bad}");
        assert!(
            stderr.contains(&format!("ward id `{shown}` is not a valid id")),
            "{bad}: {stderr}"
        );
        let build = trust.run(&["build", "--format", "md"]);
        assert_eq!(build.code, 1);
        assert!(!trust.out().exists(), "nothing written for {bad}");
    }
}

// A symlink loop and a file that cannot be read (a folder named like a YAML file) are errors
// naming the file, not crashes.
#[test]
fn unreadable_entries_are_reported() {
    let trust = Trust::fixture("minimal");
    #[cfg(unix)]
    std::os::unix::fs::symlink("loop.yaml", trust.procedures().join("forms/loop.yaml"))
        .expect("symlink");
    std::fs::create_dir_all(trust.procedures().join("systems/folder.yaml")).expect("mkdir");
    let (code, stderr) = check(&trust);
    assert_eq!(code, 1);
    #[cfg(unix)]
    assert!(
        stderr.contains("procedures/forms/loop.yaml") && stderr.contains("cannot read file"),
        "{stderr}"
    );
    assert!(
        stderr.contains("procedures/systems/folder.yaml"),
        "{stderr}"
    );
}

// An output folder that cannot be written is a clear error, and nothing else is touched.
#[test]
fn unwritable_output_is_a_clear_error() {
    let trust = Trust::fixture("minimal");
    std::fs::write(trust.root().join("not-a-folder"), "x").expect("write");
    let run = trust.run(&["build", "--out", "not-a-folder/out"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("cannot create output folder not-a-folder/out"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(trust.root().join("not-a-folder")).unwrap(),
        "x"
    );
}

// A second build into a folder another build is writing is refused with a clear message.
#[test]
fn concurrent_builds_are_refused() {
    let trust = Trust::fixture("minimal");
    assert_eq!(trust.run(&["build", "--format", "md"]).code, 0);
    let lock = std::fs::File::options()
        .write(true)
        .open(trust.out().join(".downtime-lock"))
        .expect("lock file");
    lock.lock().expect("hold the lock as another build would");
    let run = trust.run(&["build", "--format", "md"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("another downtime build is writing to output"),
        "{}",
        run.stderr
    );
    drop(lock);
    assert_eq!(
        trust.run(&["build", "--format", "md"]).code,
        0,
        "the lock is released with its holder"
    );
}

// Killed part-way (SIGKILL), a build leaves every file either complete-old or complete-new,
// and the next build cleans up its temporary files.
#[cfg(unix)]
#[test]
fn killed_build_never_leaves_half_written_packs() {
    use std::collections::BTreeMap;
    let trust = Trust::fixture("minimal");
    // Make the trust big enough that a build takes a while: many wards.
    for i in 0..40 {
        trust.write(
            &format!("wards/extra-{i:02}.yaml"),
            &std::fs::read_to_string(trust.procedures().join("wards/ward-a.yaml"))
                .unwrap()
                .replace("id: ward-a", &format!("id: extra-{i:02}"))
                .replace("name: Ward A", &format!("name: Extra ward {i}")),
        );
    }
    assert_eq!(trust.run(&["build"]).code, 0);
    let old: BTreeMap<String, Vec<u8>> = trust.output_files().into_iter().collect();

    // The new version changes every pack (the edition is printed on every page).
    trust.edit("trust.yaml", "version: \"1.0\"", "version: \"2.0\"");
    let reference = Trust::fixture("minimal");
    common::copy_tree(&trust.procedures(), &reference.procedures());
    assert_eq!(reference.run(&["build"]).code, 0);
    let new: BTreeMap<String, Vec<u8>> = reference.output_files().into_iter().collect();

    for delay_ms in [150u64, 400, 900] {
        let mut child = std::process::Command::new(common::binary())
            .args(["build", "--quiet"])
            .current_dir(trust.root())
            .spawn()
            .expect("start build");
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        for (path, bytes) in trust.output_files() {
            // Bookkeeping: temporary files, the commit's journal and backups, the manifest.
            if path.contains(".downtime-") {
                continue;
            }
            let is_old = old.get(&path) == Some(&bytes);
            let is_new = new.get(&path) == Some(&bytes);
            assert!(
                is_old || is_new,
                "{path} is neither the old nor the new version after a kill at {delay_ms} ms"
            );
        }
    }
    assert_eq!(trust.run(&["build", "--quiet"]).code, 0);
    let after = trust.output_files();
    assert!(
        after
            .iter()
            .all(|(p, _)| !p.contains(".downtime-tmp-") && !p.contains(".downtime-old-")),
        "temporary files and backups cleaned up"
    );
    for (path, bytes) in after {
        if !path.ends_with(".downtime-manifest") {
            assert!(
                new.get(&path) == Some(&bytes),
                "{path} is the new version after a full build"
            );
        }
    }
}

// With SOURCE_DATE_EPOCH set, builds in different folders at different times are identical.
#[test]
fn reproducible_across_paths_and_times() {
    let a = Trust::fixture("minimal");
    let b = Trust::fixture("minimal");
    let env = [("SOURCE_DATE_EPOCH", "1767225600")];
    assert_eq!(a.run_env(&["build"], &env).code, 0);
    std::thread::sleep(Duration::from_millis(1100));
    assert_eq!(b.run_env(&["build", "--jobs", "1"], &env).code, 0);
    assert_ne!(a.root(), b.root());
    let (fa, fb) = (a.output_files(), b.output_files());
    assert_eq!(fa.len(), fb.len());
    for ((pa, ba), (pb, bb)) in fa.iter().zip(&fb) {
        assert_eq!(pa, pb);
        if !pa.ends_with(".downtime-manifest") {
            assert!(ba == bb, "{pa} differs");
        }
    }
}

// Text the font lacks (emoji, CJK, right-to-left) prints as a visible code with a warning;
// a 100-character word (the longest allowed) and a 40-column table print without leaving the page.
#[test]
fn hostile_text_in_packs() {
    let trust = Trust::fixture("minimal");
    trust.edit(
        "wards/ward-a.yaml",
        "location: Floor 1",
        "location: \"Floor 1 😀 病棟 מחלקה\"",
    );
    trust.edit(
        "systems/records.yaml",
        "impact: Patient lists and notes.",
        // The longest word the loader accepts (load::text::WORD_MAX_CHARS): wider than a line.
        &format!("impact: {}", "x".repeat(100)),
    );
    let run = trust.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("U+1F600")
            && run.stderr.contains("U+75C5")
            && run.stderr.contains("U+05DE"),
        "{}",
        run.stderr
    );
    let text = common::pdf_text(&trust.out().join("north/ward-a.pdf"));
    assert!(text.contains("[U+1F600]"), "visible substitute");
    let wide = format!(
        "|{}|\n|{}|\n|{}|\n",
        (0..40)
            .map(|i| format!("c{i}"))
            .collect::<Vec<_>>()
            .join("|"),
        vec!["---"; 40].join("|"),
        (0..40)
            .map(|i| format!("v{i}"))
            .collect::<Vec<_>>()
            .join("|")
    );
    std::fs::write(trust.root().join("wide.md"), wide).unwrap();
    let pdf = trust.run(&["pdf", "wide.md", "-o", "wide.pdf"]);
    assert_eq!(pdf.code, 0, "{}", pdf.stderr);
    assert!(pdf.stderr.contains("40 columns"), "{}", pdf.stderr);
}
