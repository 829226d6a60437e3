//! `downtime build` end to end: golden Markdown, determinism, atomic and selective output,
//! template overrides, escaping, and the committed example packs being current.

mod common;
use common::Trust;
use std::path::Path;

// Golden files: the minimal trust's packs, exactly as reviewers read them in git.
#[test]
fn markdown_packs_match_golden_files() {
    let trust = Trust::fixture("minimal");
    let run = trust.run(&["build", "--format", "md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let files: Vec<String> = trust.output_files().into_iter().map(|(p, _)| p).collect();
    assert_eq!(
        files,
        [
            ".downtime-manifest",
            "README.md",
            "coverage.md",
            "north/_command/card-site-manager.md",
            "north/_hospital.md",
            "north/ward-a.md",
            "north/ward-a/card-nurse-in-charge.md",
            "north/ward-a/card-ward-clerk.md",
            "north/ward-b.md",
            "north/ward-b/card-nurse-in-charge.md",
        ]
    );
    insta::assert_snapshot!("coverage", trust.read("coverage.md"));
    insta::assert_snapshot!("index", trust.read("README.md"));
    insta::assert_snapshot!("hospital-pack", trust.read("north/_hospital.md"));
    insta::assert_snapshot!("ward-pack", trust.read("north/ward-a.md"));
}

// Protects the review workflow: the committed output/ is exactly what procedures/ builds.
#[test]
fn committed_example_packs_are_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scratch = tempfile::tempdir().expect("temp dir");
    let out = scratch.path().join("output");
    let run = common::run_in(
        root,
        &[
            "build",
            "--format",
            "md",
            "--out",
            out.to_str().expect("utf-8 path"),
        ],
        &[],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let built = common::walk(&out);
    assert!(built.len() > 15, "expected every ward and hospital pack");
    for file in built {
        let rel = file.strip_prefix(&out).expect("inside out");
        if rel.to_string_lossy().contains(".downtime-") {
            continue;
        }
        let committed = std::fs::read_to_string(root.join("output").join(rel)).unwrap_or_default();
        let fresh = std::fs::read_to_string(&file).expect("read built file");
        assert!(
            committed == fresh,
            "output/{} is out of date: run `cargo run --release -- build` and commit output/",
            rel.display()
        );
    }
}

// Reproducibility: two builds give byte-identical Markdown and PDF.
#[test]
fn builds_are_deterministic() {
    let a = Trust::fixture("minimal");
    let b = Trust::fixture("minimal");
    assert_eq!(a.run(&["build"]).code, 0);
    assert_eq!(b.run(&["build"]).code, 0);
    let (fa, fb) = (a.output_files(), b.output_files());
    assert_eq!(fa.len(), fb.len());
    for ((pa, ba), (pb, bb)) in fa.iter().zip(&fb) {
        assert_eq!(pa, pb);
        assert!(ba == bb, "{pa} differs between two builds");
    }
    assert!(fa.iter().any(|(p, _)| p == "north/ward-a.pdf"));
}

// A failed build must leave the previous packs exactly as they were.
#[test]
fn failed_build_leaves_previous_output() {
    let trust = Trust::fixture("minimal");
    assert_eq!(trust.run(&["build"]).code, 0);
    let before = trust.output_files();
    trust.overlay(&common::fixtures().join("broken/unknown-ids"));
    let run = trust.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    assert_eq!(trust.output_files(), before);
    let leftovers: Vec<_> = common::walk(&trust.out())
        .into_iter()
        .filter(|p| p.to_string_lossy().contains(".downtime-tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

// --ward and --site build only what was asked, and keep the other packs on disk.
#[test]
fn selection_builds_only_what_was_asked() {
    let trust = Trust::fixture("minimal");
    let run = trust.run(&["build", "--format", "md", "--ward", "ward-b"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let files: Vec<String> = trust.output_files().into_iter().map(|(p, _)| p).collect();
    assert_eq!(
        files,
        [
            ".downtime-manifest",
            "north/ward-b.md",
            "north/ward-b/card-nurse-in-charge.md"
        ]
    );

    assert_eq!(
        trust
            .run(&["build", "--format", "md", "--site", "north"])
            .code,
        0
    );
    let files: Vec<String> = trust.output_files().into_iter().map(|(p, _)| p).collect();
    assert_eq!(
        files,
        [
            ".downtime-manifest",
            "north/_command/card-site-manager.md",
            "north/_hospital.md",
            "north/ward-a.md",
            "north/ward-a/card-nurse-in-charge.md",
            "north/ward-a/card-ward-clerk.md",
            "north/ward-b.md",
            "north/ward-b/card-nurse-in-charge.md",
        ]
    );

    let typo = trust.run(&["build", "--ward", "ward-z"]);
    assert_eq!(typo.code, 2, "a usage error");
    assert!(
        typo.stderr.contains("no such ward `ward-z`"),
        "{}",
        typo.stderr
    );
}

// Stale packs are removed (a deleted ward's pack must not linger in the downtime box), but
// files the build did not write are never touched.
#[test]
fn removes_only_its_own_stale_files() {
    let trust = Trust::fixture("minimal");
    // A folder already holding someone's files is refused, so the note comes after.
    assert_eq!(trust.run(&["build", "--format", "md"]).code, 0);
    std::fs::write(trust.out().join("north/notes.txt"), "mine").expect("write");
    assert!(trust.out().join("north/ward-b.md").exists());

    std::fs::remove_file(trust.procedures().join("wards/ward-b.yaml")).expect("remove ward");
    assert_eq!(trust.run(&["build", "--format", "md"]).code, 0);
    assert!(
        !trust.out().join("north/ward-b.md").exists(),
        "stale pack removed"
    );
    assert_eq!(trust.read("north/notes.txt"), "mine");
}

// User text with Markdown punctuation prints literally and never breaks a table.
#[test]
fn user_text_is_escaped() {
    let trust = Trust::fixture("minimal");
    trust.edit(
        "wards/ward-a.yaml",
        "name: Ward A",
        "name: \"Ward *A* | #1 _x_ <b>\"",
    );
    trust.edit(
        "wards/ward-a.yaml",
        "item: Tracking list",
        "item: \"List | with [link](x) and `code`\"",
    );
    assert_eq!(trust.run(&["build", "--format", "md"]).code, 0);
    let md = trust.read("north/ward-a.md");
    assert!(
        md.contains(r"# Downtime pack: Ward \*A\* \| \#1 \_x\_ \<b\>"),
        "{md}"
    );
    // Parse the tables back: a `|` in user text never adds a cell, so every row of a table has
    // as many cells as its heading.
    let events: Vec<_> = downtime::markdown::parser(&md).collect();
    let mut tables: Vec<Vec<usize>> = Vec::new();
    for event in &events {
        use pulldown_cmark::{Event, Tag};
        match event {
            Event::Start(Tag::Table(_)) => tables.push(Vec::new()),
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                tables.last_mut().expect("in a table").push(0)
            }
            Event::Start(Tag::TableCell) => {
                *tables
                    .last_mut()
                    .and_then(|t| t.last_mut())
                    .expect("in a row") += 1
            }
            _ => {}
        }
    }
    assert!(!tables.is_empty(), "the pack has tables");
    for rows in &tables {
        assert!(rows.len() > 1, "a heading and rows: {rows:?}");
        assert!(rows.iter().all(|&cells| cells == rows[0]), "{rows:?}");
    }
    assert!(
        md.contains(r"List \| with \[link\](x) and \`code\`"),
        "{md}"
    );
    let text: String = events
        .iter()
        .filter_map(|e| match e {
            pulldown_cmark::Event::Text(t) => Some(t.to_string()),
            _ => None,
        })
        .collect();
    assert!(
        text.contains("List | with [link](x) and `code`"),
        "escaped text renders literally"
    );
    assert!(text.contains("Ward *A* | #1 _x_ <b>"));
}

// A user's template folder overrides the built-in template of the same name.
#[test]
fn templates_can_be_overridden() {
    let trust = Trust::fixture("minimal");
    let templates = trust.root().join("my-templates");
    std::fs::create_dir_all(&templates).expect("mkdir");
    std::fs::write(
        templates.join("ward.md"),
        "# {{ ward.name }} at {{ site.name }}\n",
    )
    .expect("write");
    let run = trust.run(&["build", "--format", "md", "--templates", "my-templates"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        trust.read("north/ward-a.md"),
        format!(
            "{}\n\n# Ward A at North Hospital\n",
            downtime::render::MARKER
        ),
        "an override still gets the generated-file marker"
    );
    assert!(trust
        .read("north/_hospital.md")
        .contains("Hospital downtime pack"));
}

// A syntax error in a user template names the template file and line.
#[test]
fn template_errors_name_the_file() {
    let trust = Trust::fixture("minimal");
    let templates = trust.root().join("t");
    std::fs::create_dir_all(&templates).expect("mkdir");
    std::fs::write(templates.join("site.md"), "# ok\n\n{% for x in %}\n").expect("write");
    let run = trust.run(&["build", "--templates", "t"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("t/site.md"), "{}", run.stderr);
    assert!(
        run.stderr.contains("3:"),
        "line of the error: {}",
        run.stderr
    );
    assert!(!trust.out().exists() || trust.output_files().is_empty());
}

// `build --check` passes on a current folder and lists missing, different and stale files.
#[test]
fn check_mode_finds_stale_output() {
    let trust = Trust::fixture("minimal");
    assert_eq!(trust.run(&["build", "--format", "md"]).code, 0);
    let clean = trust.run(&["build", "--format", "md", "--check"]);
    assert_eq!(clean.code, 0, "{}", clean.stderr);
    assert!(clean.stderr.contains("is up to date"));

    std::fs::write(trust.out().join("north/ward-a.md"), "edited by hand\n").expect("write");
    std::fs::remove_file(trust.out().join("north/_hospital.md")).expect("remove");
    std::fs::remove_file(trust.procedures().join("wards/ward-b.yaml")).expect("remove ward");
    let stale = trust.run(&["build", "--format", "md", "--check"]);
    assert_eq!(stale.code, 1, "{}", stale.stderr);
    assert!(
        stale.stderr.contains("different: north/ward-a.md"),
        "{}",
        stale.stderr
    );
    assert!(
        stale.stderr.contains("missing:   north/_hospital.md"),
        "{}",
        stale.stderr
    );
    assert!(
        stale
            .stderr
            .contains("stale:     north/ward-b.md (no longer produced)"),
        "{}",
        stale.stderr
    );
    assert_eq!(
        trust.read("north/ward-a.md"),
        "edited by hand\n",
        "--check writes nothing"
    );
    // A fresh clone has no manifest: a leftover Markdown pack is still found.
    std::fs::remove_file(trust.out().join(".downtime-manifest")).expect("remove manifest");
    let clone = trust.run(&["build", "--format", "md", "--check"]);
    assert!(
        clone
            .stderr
            .contains("stale:     north/ward-b.md (no longer produced)"),
        "{}",
        clone.stderr
    );
}

// Incremental builds reuse unchanged packs, rebuild changed ones, and end up byte-identical
// to a full build; --jobs does not change the output.
#[test]
fn incremental_builds_match_full_builds() {
    let trust = Trust::fixture("minimal");
    let first = trust.run(&["build"]);
    assert!(
        first.stderr.contains("(0 unchanged since the last build"),
        "{}",
        first.stderr
    );
    let (total, _) = packs_built(&first.stderr);
    let again = trust.run(&["build"]);
    assert!(
        again.stderr.contains(&format!(
            "built {total} packs ({total} unchanged since the last build, reused): 0 files"
        )),
        "nothing changed, so nothing is written, not even the viewer's start page: {}",
        again.stderr
    );

    trust.edit(
        "wards/ward-b.yaml",
        "location: Floor 2",
        "location: Floor 9",
    );
    let changed = trust.run(&["build"]);
    assert_eq!(
        packs_built(&changed.stderr),
        (total, total - 2),
        "only the hospital pack and ward B show the location: {}",
        changed.stderr
    );
    assert!(trust.read("north/ward-b.md").contains("Floor 9"));

    let full = Trust::fixture("minimal");
    full.edit(
        "wards/ward-b.yaml",
        "location: Floor 2",
        "location: Floor 9",
    );
    assert_eq!(full.run(&["build", "--force", "--jobs", "1"]).code, 0);
    let (a, b) = (trust.output_files(), full.output_files());
    assert_eq!(a.len(), b.len());
    for ((pa, ba), (pb, bb)) in a.iter().zip(&b) {
        assert_eq!(pa, pb);
        assert!(ba == bb, "{pa} differs between incremental and full build");
    }
}

// A changed form rebuilds the ward packs it is printed at the end of, not only the form itself;
// and writing fewer formats reuses what is already there.
#[test]
fn changed_forms_rebuild_the_packs_they_are_appended_to() {
    let trust = Trust::fixture("minimal");
    let first = trust.run(&["build"]);
    assert_eq!(first.code, 0);
    let (total, _) = packs_built(&first.stderr);
    let before = trust.read_bytes("north/ward-a.pdf");
    trust.edit(
        "forms/tracking-list.yaml",
        "  last_reviewed: 2026-01-10\n",
        "  last_reviewed: 2026-01-10\nlayout:\n  - header\n  - table: { columns: [Bed, Name], rows: 5 }\n",
    );
    let run = trust.run(&["build"]);
    assert_eq!(
        packs_built(&run.stderr),
        (total, total - 4),
        "two forms and two ward packs rebuilt: {}",
        run.stderr
    );
    assert_ne!(before, trust.read_bytes("north/ward-a.pdf"));
    let fewer = trust.run(&["build", "--format", "md,pdf"]);
    assert_eq!(
        packs_built(&fewer.stderr),
        (total, total),
        "{}",
        fewer.stderr
    );
}

/// (packs, reused) from a build's summary line, "built 11 packs (7 unchanged since the last build, reused) ...".
fn packs_built(stderr: &str) -> (usize, usize) {
    let line = stderr
        .lines()
        .find(|l| l.starts_with("built "))
        .unwrap_or_else(|| panic!("no summary in {stderr}"));
    let numbers: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .take(2)
        .collect();
    (numbers[0], numbers[1])
}

// The progress bar: drawn on a terminal once a build has run for a second, cleared before the
// summary; nothing but errors with --quiet. `script` (util-linux) gives the build a terminal.
#[test]
fn progress_bar_shows_on_a_terminal_after_a_second() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scratch = tempfile::tempdir().expect("temp dir");
    let in_terminal = |extra: &str| {
        let command = format!(
            "{} build --procedures {} --out {} --jobs 1 --format md,pdf {extra}",
            common::binary(),
            root.join("procedures").display(),
            scratch.path().join("out").display(),
        );
        let output = std::process::Command::new("script")
            .args(["-qec", &command, "/dev/null"])
            .env("DOWNTIME_PROGRESS_AFTER_MS", "0")
            .output()
            .expect("script(1) from util-linux runs");
        assert!(output.status.success(), "{output:?}");
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    // A release build of the example takes about a second, too close to the bar's delay to
    // rely on: the test hook shows the bar from the first pack.
    let shown = in_terminal("--site riverside --force");
    // As many packs as the plan holds for that site, however the example trust grows.
    let project =
        downtime::project::Project::load(&root.join("procedures")).expect("example loads");
    let selection = downtime::pack::Selection {
        sites: vec!["riverside".into()],
        wards: Vec::new(),
    };
    let packs = downtime::pack::plan(&project.model, &selection).len();
    assert!(shown.contains("building packs ["), "{shown}");
    assert!(
        shown.contains(&format!("/{packs}")),
        "the bar counts every pack: {shown}"
    );
    assert!(
        shown.contains(&format!("\r\u{1b}[2Kbuilt {packs} packs")),
        "cleared before the summary: {shown}"
    );
    let quiet = in_terminal("--ward ward-7 --force --quiet");
    assert_eq!(quiet, "", "--quiet prints nothing on success");
}

// Ids that spell the layout's own names (a ward `index`, a site `html`, a scenario `index`) can
// never overwrite another pack: every pack keeps its own file, in every format.
#[test]
fn ids_never_collide_with_generated_names() {
    let trust = Trust::fixture("minimal");
    let ward_b = std::fs::read_to_string(trust.procedures().join("wards/ward-b.yaml")).unwrap();
    trust.write(
        "wards/index.yaml",
        &ward_b
            .replace("id: ward-b", "id: index")
            .replace("Ward B", "Ward Index"),
    );
    let site = std::fs::read_to_string(trust.procedures().join("sites/north.yaml")).unwrap();
    trust.write(
        "sites/html.yaml",
        &site
            .replace("id: north", "id: html")
            .replace("North Hospital", "Html Hospital")
            .replace("north-site-manager", "html-site-manager"),
    );
    trust.write(
        "wards/viewer.yaml",
        &ward_b
            .replace("id: ward-b", "id: viewer")
            .replace("site: north", "site: html")
            .replace("Ward B", "Ward Viewer"),
    );
    trust.write(
        "scenarios/index.yaml",
        "id: index\nname: Index outage\nkind: unplanned\nexpected_duration: 1h\nfails: [records]\ndescription: Records fail.\n",
    );
    let run = trust.run(&["build", "--format", "md,html"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(trust.read("north/_hospital.md").contains("North Hospital"));
    assert!(trust.read("north/index.md").contains("Ward Index"));
    assert!(trust.read("html/_hospital.md").contains("Html Hospital"));
    assert!(trust.read("html/viewer.md").contains("Ward Viewer"));
    assert!(trust
        .read("north/_scenarios/index/_hospital.md")
        .contains("Index outage"));
    assert!(trust
        .read("north/_scenarios/index/index.md")
        .contains("Ward Index"));
    assert!(trust.read("_viewer/index.html").contains("Html Hospital"));
    assert!(trust
        .read("_viewer/html/viewer.html")
        .contains("Ward Viewer"));
    // Nothing was written twice: every file in the manifest is listed once, and no two
    // differ only in case (Windows and macOS would merge them).
    let files: Vec<String> = trust.output_files().into_iter().map(|(p, _)| p).collect();
    let mut folded: Vec<String> = files.iter().map(|p| p.to_lowercase()).collect();
    folded.sort();
    folded.dedup();
    assert_eq!(folded.len(), files.len());
}

// Document control prints who holds copies of each procedure that says so, and only those.
#[test]
fn document_control_prints_the_distribution() {
    let trust = Trust::fixture("minimal");
    trust.edit(
        "fallbacks/records-downtime.yaml",
        "  status: approved\n",
        "  status: approved\n  distribution: [Ward A manager, Site command]\n",
    );
    let run = trust.run(&["build", "--format", "md", "--ward", "ward-a"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pack = trust.read("north/ward-a.md");
    let control = &pack[pack.find("## Document control").expect("document control")..];
    assert!(control.contains("**Distribution**"), "{control}");
    assert!(
        control.contains("- Paper records: Ward A manager; Site command\n"),
        "{control}"
    );
    assert!(
        !control.contains("- No phones:"),
        "a procedure with no distribution is listed:\n{control}"
    );
}

// Protects the CI gate on a fresh clone: what the repository commits (procedures/ and the
// generated Markdown; PDFs and the viewer are ignored) passes `build --check` as it is written,
// and a changed pack is still caught, with a hint that can be followed.
#[test]
fn check_judges_what_the_repository_commits() {
    let clone = common::committed_example();
    let run = common::run_in(clone.path(), &["build", "--check"], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("is up to date"), "{}", run.stderr);

    // Edited by hand (the generated-file marker stays, as it would in a real edit).
    let ward = clone.path().join("output/riverside/ward-7.md");
    let text = std::fs::read_to_string(&ward).unwrap();
    std::fs::write(
        &ward,
        text.replacen("Nurse in charge", "Nurse in change", 1),
    )
    .unwrap();
    let run = common::run_in(clone.path(), &["build", "--check"], &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("different: riverside/ward-7.md"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains(".pdf"),
        "PDFs are not committed: {}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("hint: run `downtime build`, then commit"),
        "{}",
        run.stderr
    );
    // The hint works: build, and the check passes.
    assert_eq!(
        common::run_in(clone.path(), &["build", "--format", "md"], &[]).code,
        0
    );
    assert_eq!(
        common::run_in(clone.path(), &["build", "--check"], &[]).code,
        0
    );
}
