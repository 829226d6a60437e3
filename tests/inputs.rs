//! Every entry under the procedures folder is loaded, ignored as an editor or OS leftover, or
//! reported by name (issue #13): nothing is skipped without a word, nothing hangs, and a build
//! that fails leaves the previous packs byte for byte as they were.

mod common;
use common::{Run, Trust};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Longer than any healthy run of the minimal trust; a FIFO opened by mistake blocks forever.
const TIMEOUT: Duration = Duration::from_secs(60);

/// Run `downtime ARGS` in the trust's folder, killing it and failing the test if it hangs.
fn run(trust: &Trust, args: &[&str]) -> Run {
    let out = tempfile::tempdir().expect("temp dir");
    let (stdout, stderr) = (out.path().join("stdout"), out.path().join("stderr"));
    let mut child = Command::new(common::binary())
        .args(args)
        .current_dir(trust.root())
        .env_remove("SOURCE_DATE_EPOCH")
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&stdout).expect("stdout file"))
        .stderr(std::fs::File::create(&stderr).expect("stderr file"))
        .spawn()
        .expect("start downtime");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for downtime") {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("downtime {args:?} hung for {TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let run = Run {
        code: status.code().unwrap_or(-1),
        stdout: std::fs::read_to_string(stdout).expect("read stdout"),
        stderr: std::fs::read_to_string(stderr).expect("read stderr"),
    };
    assert!(!run.stderr.contains("panicked"), "panic:\n{}", run.stderr);
    run
}

/// `check` on a fixed day, so review dates never turn into warnings.
fn check(trust: &Trust) -> Run {
    run(trust, &["check", "--today", "2026-02-01"])
}

/// Build the good tree, let `spoil` break it, then `check` and build again: both must fail
/// (exit 1) and the output folder must keep every byte. Returns `check`'s stderr.
fn refused_keeping_output(trust: &Trust, spoil: impl FnOnce(&Trust)) -> String {
    let first = run(trust, &["build", "--format", "md,html"]);
    assert_eq!(first.code, 0, "the good tree builds: {}", first.stderr);
    let before = trust.output_files();
    assert!(!before.is_empty(), "the good build wrote packs");
    spoil(trust);
    let checked = check(trust);
    assert_eq!(checked.code, 1, "check refuses:\n{}", checked.stderr);
    let built = run(trust, &["build", "--format", "md,html"]);
    assert_eq!(built.code, 1, "build refuses:\n{}", built.stderr);
    assert!(
        built.stderr.contains("nothing was written"),
        "{}",
        built.stderr
    );
    assert!(
        trust.output_files() == before,
        "a failed build changed the output folder"
    );
    checked.stderr
}

/// Assert that `stderr` holds a diagnostic whose message contains `message` and whose
/// location line names `file` (relative to the trust's folder).
fn assert_reported(stderr: &str, file: &str, message: &str) {
    let lines: Vec<&str> = stderr.lines().collect();
    let found = lines.windows(2).any(|pair| {
        pair[0].contains(message) && pair[1].trim_start().starts_with(&format!("--> {file}"))
    });
    assert!(found, "expected `{message}` at {file} in:\n{stderr}");
}

fn rename(trust: &Trust, from: &str, to: &str) {
    let dir = trust.procedures();
    std::fs::rename(dir.join(from), dir.join(to)).expect("rename");
}

// Windows editors save `.YAML` and `.Yml`: such files load, and their packs stay.
#[test]
fn extensions_compare_without_case() {
    let trust = Trust::fixture("minimal");
    assert_eq!(run(&trust, &["build", "--format", "md"]).code, 0);
    let pack = trust.read("north/ward-b.md");
    rename(&trust, "wards/ward-b.yaml", "wards/ward-b.YAML");
    rename(&trust, "wards/ward-a.yaml", "wards/ward-a.Yml");
    let checked = check(&trust);
    assert_eq!(checked.code, 0, "{}", checked.stderr);
    assert!(checked.stderr.contains("2 wards"), "{}", checked.stderr);
    let built = run(&trust, &["build", "--format", "md"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    assert_eq!(
        trust.read("north/ward-b.md"),
        pack,
        "the pack is kept, not deleted"
    );
}

// A renamed kind folder (`scenarios/` -> `scenario/`) is an error with a did-you-mean, and
// the scenario packs are not deleted.
#[test]
fn misspelt_kind_folder_is_an_error() {
    let trust = Trust::fixture("minimal");
    trust.overlay(&common::fixtures().join("scenarios"));
    let stderr = refused_keeping_output(&trust, |t| rename(t, "scenarios", "scenario"));
    assert_reported(&stderr, "procedures/scenario", "error[unknown-folder]");
    assert!(
        stderr.contains("hint: did you mean `scenarios`? rename the folder"),
        "{stderr}"
    );
}

// A folder with no near name is an error too, and the hint lists the folders that are read.
#[test]
fn unknown_folder_lists_the_known_ones() {
    let trust = Trust::fixture("minimal");
    let stderr = refused_keeping_output(&trust, |t| t.write("archive/ward-z.yaml", "id: z\n"));
    assert_reported(&stderr, "procedures/archive", "error[unknown-folder]");
    assert!(
        stderr
            .contains("sites/, wards/, systems/, infrastructure/, fallbacks/, forms/, scenarios/"),
        "{stderr}"
    );
    assert!(!stderr.contains("did you mean"), "{stderr}");
}

// Files in a subfolder of a kind folder would be ignored: the subfolder is an error.
#[test]
fn subfolder_of_a_kind_folder_is_an_error() {
    let trust = Trust::fixture("minimal");
    let stderr = refused_keeping_output(&trust, |t| {
        t.overlay(&common::fixtures().join("broken/subfolder"))
    });
    assert_reported(&stderr, "procedures/wards/retired", "error[subfolder]");
    assert!(
        stderr.contains("hint: move its files up into wards/"),
        "{stderr}"
    );
}

// A file that is not read because of where or how it is saved is one error, not one more
// "unknown id" for every reference to the id it holds.
#[test]
fn unread_files_do_not_cascade_into_unknown_ids() {
    let trust = Trust::fixture("minimal");
    std::fs::create_dir_all(trust.procedures().join("systems/old")).expect("mkdir");
    rename(&trust, "systems/phones.yaml", "systems/old/phones.yaml");
    rename(&trust, "systems/records.yaml", "systems/records.yaml.txt");
    rename(&trust, "infrastructure", "infrastucture");
    let checked = check(&trust);
    assert_eq!(checked.code, 1, "{}", checked.stderr);
    assert_reported(
        &checked.stderr,
        "procedures/systems/old",
        "error[subfolder]",
    );
    assert_reported(
        &checked.stderr,
        "procedures/systems/records.yaml.txt",
        "error[misnamed-file]",
    );
    assert_reported(
        &checked.stderr,
        "procedures/infrastucture",
        "error[unknown-folder]",
    );
    assert!(!checked.stderr.contains("unknown-id"), "{}", checked.stderr);
}

// `.yaml` (no id) and `ward-c.yaml.txt` (an editor's extra extension) are errors, the second
// with the name it was meant to have.
#[test]
fn misnamed_yaml_files_are_errors() {
    let trust = Trust::fixture("minimal");
    let stderr = refused_keeping_output(&trust, |t| {
        t.overlay(&common::fixtures().join("broken/misnamed-yaml"))
    });
    assert_reported(&stderr, "procedures/wards/.yaml", "error[nameless-file]");
    assert_reported(
        &stderr,
        "procedures/wards/ward-c.yaml.txt",
        "error[misnamed-file]",
    );
    assert!(stderr.contains("did you mean `ward-c.yaml`?"), "{stderr}");
}

// `trust.yml` and `Trust.yaml` get a did-you-mean to `trust.yaml`, and one error only (no
// second "trust.yaml not found"); a YAML file at the top is misplaced.
#[test]
fn trust_lookalikes_and_misplaced_yaml_are_errors() {
    let trust = Trust::fixture("minimal");
    let stderr = refused_keeping_output(&trust, |t| rename(t, "trust.yaml", "trust.yml"));
    assert_reported(&stderr, "procedures/trust.yml", "error[misnamed-file]");
    assert!(stderr.contains("did you mean `trust.yaml`?"), "{stderr}");
    assert!(!stderr.contains("missing-trust"), "{stderr}");
    assert!(stderr.contains("1 error(s)"), "{stderr}");

    let trust = Trust::fixture("minimal");
    let stderr = refused_keeping_output(&trust, |t| {
        std::fs::copy(
            t.procedures().join("trust.yaml"),
            t.procedures().join("Trust.yaml"),
        )
        .expect("copy");
        std::fs::copy(
            t.procedures().join("wards/ward-b.yaml"),
            t.procedures().join("ward-b.yaml"),
        )
        .expect("copy");
    });
    assert_reported(&stderr, "procedures/Trust.yaml", "error[misnamed-file]");
    assert!(stderr.contains("merge this file into it"), "{stderr}");
    assert_reported(&stderr, "procedures/ward-b.yaml", "error[misplaced-file]");
}

// Notes and READMEs are reported as warnings by `check` and `build`, which still succeed;
// `--deny warnings` turns them into errors.
#[test]
fn other_files_are_warnings() {
    let trust = Trust::broken("stray-files");
    let checked = check(&trust);
    assert_eq!(checked.code, 0, "{}", checked.stderr);
    assert_reported(
        &checked.stderr,
        "procedures/README.md",
        "warning[not-loaded]",
    );
    assert_reported(
        &checked.stderr,
        "procedures/wards/notes.txt",
        "warning[not-loaded]",
    );
    assert!(
        checked.stderr.contains("2 warning(s)"),
        "{}",
        checked.stderr
    );
    let built = run(&trust, &["build", "--format", "md"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    assert_reported(
        &built.stderr,
        "procedures/wards/notes.txt",
        "warning[not-loaded]",
    );
    let denied = run(
        &trust,
        &["check", "--today", "2026-02-01", "--deny", "warnings"],
    );
    assert_eq!(denied.code, 1, "{}", denied.stderr);
}

// Hidden entries, OS clutter and editor backups pass silently, and change no pack.
#[test]
fn leftovers_are_ignored_silently() {
    let trust = Trust::fixture("minimal");
    assert_eq!(run(&trust, &["build", "--format", "md"]).code, 0);
    let before = trust.output_files();
    let ward = std::fs::read_to_string(trust.procedures().join("wards/ward-a.yaml")).unwrap();
    for leftover in [
        ".gitkeep",
        ".DS_Store",
        ".git/HEAD",
        "Thumbs.db",
        "wards/ward-a.yaml~",
        "wards/.ward-a.yaml.swp",
        "wards/#ward-a.yaml#",
        "wards/ward-a.bak",
        "wards/ward-a.yaml.orig",
        "wards/._ward-a.yaml",
        "systems/desktop.ini",
    ] {
        trust.write(leftover, &ward.replace("Ward A", "Old ward A"));
    }
    let checked = check(&trust);
    assert_eq!(checked.code, 0, "{}", checked.stderr);
    assert!(
        checked.stderr.contains("0 warning(s)"),
        "{}",
        checked.stderr
    );
    assert_eq!(run(&trust, &["build", "--format", "md"]).code, 0);
    assert!(trust.output_files() == before, "leftovers changed a pack");
}

// A FIFO as a ward file or as trust.yaml, and a socket, are refused by name without being
// opened: `check` and `build` finish instead of waiting forever.
#[cfg(unix)]
#[test]
fn fifos_and_sockets_are_refused_without_hanging() {
    let mkfifo = |path: &Path| {
        let status = Command::new("mkfifo").arg(path).status().expect("mkfifo");
        assert!(status.success(), "mkfifo {}", path.display());
    };
    let trust = Trust::fixture("minimal");
    let mut listener = None;
    let stderr = refused_keeping_output(&trust, |t| {
        mkfifo(&t.procedures().join("wards/ward-c.yaml"));
        std::fs::remove_file(t.procedures().join("trust.yaml")).expect("remove trust");
        mkfifo(&t.procedures().join("trust.yaml"));
        let socket = t.procedures().join("systems/socket.yaml");
        listener = Some(std::os::unix::net::UnixListener::bind(socket).expect("bind socket"));
    });
    assert_reported(
        &stderr,
        "procedures/wards/ward-c.yaml",
        "is a named pipe (FIFO)",
    );
    assert_reported(&stderr, "procedures/trust.yaml", "is a named pipe (FIFO)");
    assert_reported(&stderr, "procedures/systems/socket.yaml", "is a socket");
    drop(listener);
}

// A folder named like a YAML file is refused, saying it is a folder.
#[test]
fn folder_named_like_yaml_is_refused() {
    let trust = Trust::fixture("minimal");
    let stderr = refused_keeping_output(&trust, |t| {
        std::fs::create_dir_all(t.procedures().join("systems/folder.yaml")).expect("mkdir")
    });
    assert_reported(
        &stderr,
        "procedures/systems/folder.yaml",
        "this is a folder, not a file",
    );
}

// A link out of the procedures folder is refused unread: nothing of its target is quoted.
// Links that stay inside the folder still work.
#[cfg(unix)]
#[test]
fn links_outside_are_not_followed() {
    use std::os::unix::fs::symlink;
    let trust = Trust::fixture("minimal");
    let secret = trust.root().join("secret.yaml");
    std::fs::write(&secret, "SECRET-FIRST-LINE: 42 [\n").expect("write secret");
    let stderr = refused_keeping_output(&trust, |t| {
        symlink(&secret, t.procedures().join("wards/ward-c.yaml")).expect("symlink");
    });
    assert_reported(
        &stderr,
        "procedures/wards/ward-c.yaml",
        "links outside the procedures folder are not followed",
    );
    assert!(!stderr.contains("SECRET-FIRST-LINE"), "{stderr}");

    let trust = Trust::fixture("minimal");
    rename(&trust, "wards/ward-b.yaml", ".ward-b.yaml");
    symlink(
        "../.ward-b.yaml",
        trust.procedures().join("wards/ward-b.yaml"),
    )
    .expect("symlink");
    let checked = check(&trust);
    assert_eq!(
        checked.code, 0,
        "a link inside the folder loads: {}",
        checked.stderr
    );
}

// A dangling link says it is a broken link, for a ward and for trust.yaml; the "needs this
// file" hint is kept for a trust.yaml that is really missing.
#[cfg(unix)]
#[test]
fn dangling_links_are_broken_links() {
    use std::os::unix::fs::symlink;
    let trust = Trust::fixture("minimal");
    let stderr = refused_keeping_output(&trust, |t| {
        symlink("gone.yaml", t.procedures().join("wards/ward-c.yaml")).expect("symlink");
        std::fs::remove_file(t.procedures().join("trust.yaml")).expect("remove trust");
        symlink("../trust-2026.yaml", t.procedures().join("trust.yaml")).expect("symlink");
    });
    assert_reported(
        &stderr,
        "procedures/wards/ward-c.yaml",
        "error[broken-link]",
    );
    assert_reported(&stderr, "procedures/trust.yaml", "error[broken-link]");
    assert!(stderr.contains("points to `gone.yaml`"), "{stderr}");
    assert!(!stderr.contains("needs this file"), "{stderr}");

    let trust = Trust::broken("missing-trust");
    let checked = check(&trust);
    assert_eq!(checked.code, 1);
    assert_reported(
        &checked.stderr,
        "procedures/trust.yaml",
        "error[missing-trust]",
    );
    assert!(
        checked.stderr.contains("needs this file"),
        "{}",
        checked.stderr
    );
}

// Control characters from YAML values and file names never reach the terminal raw.
#[test]
fn control_characters_are_escaped_in_diagnostics() {
    let trust = Trust::fixture("minimal");
    // A double-quoted YAML string may hold ESC (`\e`); an unknown id quotes it back.
    trust.edit(
        "wards/ward-b.yaml",
        "site: north",
        "site: \"no\\e]0;pwned\\ath\"",
    );
    // Raw ESC in the file itself is a syntax error that quotes the line.
    trust.write("systems/raw.yaml", "id: raw\nname: \u{1b}[2JWiped\n");
    trust.write("forms/bad\u{1b}[31m.yaml", "id: [\n");
    let checked = check(&trust);
    assert_eq!(checked.code, 1, "{}", checked.stderr);
    assert!(!checked.stderr.contains('\u{1b}'), "{:?}", checked.stderr);
    assert!(!checked.stderr.contains('\u{7}'), "{:?}", checked.stderr);
    assert!(
        checked.stderr.contains("no\\u{1b}]0;pwned\\u{7}th"),
        "{}",
        checked.stderr
    );
    assert!(
        checked.stderr.contains("\\u{1b}[2JWiped"),
        "{}",
        checked.stderr
    );
    assert!(
        checked.stderr.contains("forms/bad\\u{1b}[31m.yaml"),
        "{}",
        checked.stderr
    );
}

// Old-Mac files (CR line endings only) load, and an error in one quotes the right line.
#[test]
fn cr_only_files_load_and_quote_the_right_line() {
    let trust = Trust::fixture("minimal");
    for file in common::walk(&trust.procedures()) {
        let text = std::fs::read_to_string(&file).expect("read");
        std::fs::write(&file, text.replace('\n', "\r")).expect("write");
    }
    let checked = check(&trust);
    assert_eq!(checked.code, 0, "{}", checked.stderr);
    trust.edit("wards/ward-b.yaml", "kind: outpatient", "kind: outpatent");
    let checked = check(&trust);
    assert_eq!(checked.code, 1, "{}", checked.stderr);
    assert_reported(
        &checked.stderr,
        "procedures/wards/ward-b.yaml:4:7",
        "unknown variant",
    );
    assert!(
        checked.stderr.contains("  4 | kind: outpatent\n"),
        "{}",
        checked.stderr
    );
}
