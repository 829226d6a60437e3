//! `downtime snapshot` end to end: a synthetic FHIR export of the example trust (with broken
//! lines) through the real binary, the PDFs read back with pdftotext.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The time the lists are judged against: an hour after the export.
const NOW: &str = "2026-11-29T15:00:00+00:00";

/// Each mapped Location identifier of the example trust and the ward file listing it.
const WARD_FILES: [(&str, &str); 9] = [
    ("RKV-W7", "ward-ward-7.pdf"),
    ("RKV-W12", "ward-ward-12.pdf"),
    ("RKV-ICU", "ward-intensive-care.pdf"),
    ("RKV-LAB", "ward-labour-ward.pdf"),
    ("SA-ROBIN", "ward-childrens-ward.pdf"),
    ("SA-OAK", "ward-oak-ward.pdf"),
    ("HW-MLU", "ward-hartwell-midwife-led-unit.pdf"),
    ("HW-BIRCH", "ward-birch-ward.pdf"),
    ("MB-WILLOW", "ward-willow-ward.pdf"),
];

/// The generated export (with bad lines), made once per test run in a temp folder.
fn export() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().to_str().expect("temp path is UTF-8");
        common::run_example("fhir_export", &["--bad", "--out", out]);
        dir
    })
    .path()
}

fn procedures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("procedures")
}

/// Run `downtime snapshot` on the export into `out`, judged at `now`.
fn snapshot(dir: &Path, out: &Path, now: &str, extra: &[&str]) -> common::Run {
    snapshot_of(dir, (&procedures(), export()), out, now, extra)
}

/// As [`snapshot`], from other procedures or another export.
fn snapshot_of(
    dir: &Path,
    (procedures, export): (&Path, &Path),
    out: &Path,
    now: &str,
    extra: &[&str],
) -> common::Run {
    let mut args = vec!["snapshot", "--procedures", procedures.to_str().unwrap()];
    args.extend([
        "--fhir",
        export.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--now",
        now,
    ]);
    args.extend(extra);
    common::run_in(dir, &args, &[])
}

/// Lists made once from the export, judged at [`NOW`]: (folder, stderr).
fn lists() -> &'static (PathBuf, String, tempfile::TempDir) {
    static LISTS: OnceLock<(PathBuf, String, tempfile::TempDir)> = OnceLock::new();
    LISTS.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let run = snapshot(dir.path(), &dir.path().join("lists"), NOW, &[]);
        assert!((run.code == 0), "snapshot failed: {}", run.stderr);
        let folder = dir.path().join("lists/snapshot-20261129T140000Z");
        (folder, run.stderr, dir)
    })
}

/// A PDF's text with all white space removed, so a number the layout wrapped still reads whole.
fn squeezed(pdf: &Path) -> String {
    common::pdf_text(pdf)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// `answers.tsv`: one row per patient the export holds, fields as the generator wrote them.
fn answers() -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(export().join("answers.tsv")).expect("answers");
    text.lines()
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

// Every inpatient is printed exactly once, on the ward list their bed belongs to or on the
// unplaced list (an unmapped ward, a missing Location); duplicate NHS numbers are both kept.
#[test]
fn every_inpatient_once_on_the_right_list() {
    let (folder, _, _) = lists();
    let mut texts: BTreeMap<&str, String> = BTreeMap::new();
    for (code, file) in WARD_FILES {
        texts.insert(code, squeezed(&folder.join(file)));
    }
    texts.insert("unplaced", squeezed(&folder.join("unplaced.pdf")));
    let inpatients: Vec<Vec<String>> = answers().into_iter().filter(|a| a.len() == 2).collect();
    assert!(inpatients.len() > 100);
    for a in &inpatients {
        let (nhs, place) = (&a[0], a[1].as_str());
        for (list, text) in &texts {
            // Two records may share a number (the generator's duplicate): each is printed.
            let want = inpatients
                .iter()
                .filter(|b| &b[0] == nhs && b[1] == *list)
                .count();
            let found = text.matches(nhs.as_str()).count();
            assert_eq!(
                found, want,
                "NHS number {nhs} ({place}) printed {found} times on {list}"
            );
        }
    }
    let unplaced = &texts["unplaced"];
    // A person reads the EPR's name for the place; an identifier is labelled as one, and
    // the YAML's field name is not printed.
    assert!(
        unplaced.contains("“Ward9(notmapped)”(EPRLocationidentifierRKV-W9):nowardorclinic"),
        "unmapped ward explained"
    );
    assert!(
        unplaced.contains("“EyeClinic”(EPRLocationidentifierSA-EYE):nowardorclinic"),
        "unmapped clinic explained"
    );
    assert!(
        !unplaced.contains("fhir_location"),
        "a YAML field name printed"
    );
    assert!(unplaced.contains("theEPRLocationitnames(idno-such-bed)ismissingfromtheexport"));
    assert!(
        unplaced.contains("aclinic,whichhasnowardlist"),
        "encounter in a clinic explained"
    );
    assert!(texts["RKV-W7"].contains("CHECK:anotherrecordhasthisNHSnumber"));
}

// An NHS number is never split across lines: a nurse reading half of one at 3 a.m. has the
// wrong patient. Every "NHS" on a ward list is followed, on its own line, by all ten digits.
#[test]
fn nhs_numbers_are_never_split() {
    let (folder, _, _) = lists();
    let mut seen = 0;
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if !path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("ward-")
        {
            continue;
        }
        let text = common::pdf_text(&path);
        for line in text.lines() {
            // "NHS " before a digit: a number follows (not "NHS Foundation Trust").
            let numbers = line.split("NHS ").skip(1);
            for after in numbers.filter(|a| a.starts_with(|c: char| c.is_ascii_digit())) {
                let digits: String = after.chars().take(12).collect();
                let whole = digits.len() == 12
                    && digits.chars().enumerate().all(|(i, c)| match i {
                        3 | 7 => c == ' ',
                        _ => c.is_ascii_digit(),
                    });
                assert!(whole, "{}: split NHS number in {line:?}", path.display());
                seen += 1;
            }
        }
    }
    assert!(seen > 100, "only {seen} NHS numbers seen");
}

// A clinic's list holds its coming appointments once each, in time order, each with a phone
// number; cancelled and out-of-window appointments are left off; the ring-round list holds
// the same appointments, and the unmapped clinic's are on the unplaced list.
#[test]
fn clinic_appointments_in_time_order_with_phones() {
    let (folder, _, _) = lists();
    let now = chrono::DateTime::parse_from_rfc3339(NOW).unwrap();
    let until = now + chrono::Duration::days(3);
    let appointments: Vec<Vec<String>> = answers().into_iter().filter(|a| a.len() == 5).collect();
    let coming = |clinic: &str| -> Vec<(chrono::DateTime<chrono::FixedOffset>, String)> {
        let mut v: Vec<_> = (appointments.iter())
            .filter(|a| a[2] == clinic && a[4] == "booked")
            .map(|a| {
                (
                    chrono::DateTime::parse_from_rfc3339(&a[3]).unwrap(),
                    a[0].clone(),
                )
            })
            .filter(|(t, _)| *t >= now && *t < until)
            .collect();
        v.sort();
        v
    };
    let fracture = coming("RKV-FRAC");
    assert!(fracture.len() > 50, "enough appointments to test ordering");
    let clinic = squeezed(&folder.join("clinic-fracture-clinic.pdf"));
    let contacts = squeezed(&folder.join("contacts.pdf"));
    let unplaced = squeezed(&folder.join("unplaced.pdf"));
    for (time, nhs) in &fracture {
        assert_eq!(
            clinic.matches(nhs.as_str()).count(),
            1,
            "{nhs} once on the clinic list"
        );
        assert_eq!(
            contacts.matches(nhs.as_str()).count(),
            1,
            "{nhs} once on the ring-round list"
        );
        let at = clinic.find(nhs.as_str()).unwrap();
        // Equal times may come in either order (then by name).
        let earlier_after = fracture
            .iter()
            .any(|(t, n)| t < time && clinic.find(n.as_str()).unwrap() > at);
        assert!(
            !earlier_after,
            "{nhs} printed before an earlier appointment"
        );
    }
    assert_eq!(
        clinic.matches("(mobile)").count(),
        fracture.len(),
        "a mobile number on every row"
    );
    for a in appointments.iter().filter(|a| a[4] == "cancelled") {
        assert!(
            !clinic.contains(a[0].as_str()) && !contacts.contains(a[0].as_str()),
            "cancelled {} listed",
            a[0]
        );
    }
    let eye = coming("SA-EYE");
    assert!(!eye.is_empty());
    for (_, nhs) in &eye {
        assert_eq!(
            unplaced.matches(nhs.as_str()).count(),
            1,
            "eye clinic {nhs} on the unplaced list"
        );
    }
}

// Every page of every list says when the data was true and the identity check its reader
// makes (the wristband on a ward list; name and date of birth on the phone lists); its footer
// names the list and when to replace it, and carries no pack version or content code.
#[test]
fn every_page_says_data_as_of_and_its_identity_check() {
    use downtime::snapshot::{BY_PHONE, FIND_AND_CHECK, WRISTBAND};
    let (folder, _, _) = lists();
    let mut pages = 0;
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "pdf") {
            continue;
        }
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let (check, title) = match file.split('-').next().unwrap() {
            "ward" => (WRISTBAND, "Patient list: "),
            "clinic" => (BY_PHONE, "Clinic list: Fracture Clinic"),
            "contacts.pdf" => (BY_PHONE, "Ring-round contact list"),
            "unplaced.pdf" => (FIND_AND_CHECK, "Unplaced patients"),
            other => panic!("unexpected list {other}"),
        };
        let text = common::pdf_text(&path);
        for (i, page) in text
            .split('\u{c}')
            .filter(|p| !p.trim().is_empty())
            .enumerate()
        {
            pages += 1;
            let at = format!("{file} page {}", i + 1);
            assert!(
                page.contains("Data as of Sunday 29 November 2026, 14:00 (UTC+00:00)"),
                "{at}"
            );
            assert!(page.contains(check), "{at}: {check:?} missing");
            for other in [WRISTBAND, BY_PHONE, FIND_AND_CHECK]
                .iter()
                .filter(|&&o| o != check)
            {
                assert!(!page.contains(other), "{at}: {other:?} printed");
            }
            assert!(page.contains(title), "{at}: footer names no list");
            assert!(page.contains("Replace by 29 Nov 2026 18:00"), "{at}");
            for pack in ["Uncontrolled when printed", "Code ", "Version "] {
                assert!(!page.contains(pack), "{at}: the packs' {pack:?}");
            }
            assert!(!page.contains("OUT OF DATE"), "fresh data marked stale");
        }
    }
    assert!(pages >= 12, "only {pages} pages");
}

// Data older than --max-age prints the out-of-date warning on every page.
#[test]
fn stale_data_carries_a_warning_band() {
    let dir = tempfile::tempdir().unwrap();
    let run = snapshot(
        dir.path(),
        &dir.path().join("lists"),
        "2026-11-29T19:30:00+00:00",
        &["--max-age", "4h"],
    );
    assert!((run.code == 0), "{}", run.stderr);
    assert!(run.stderr.contains("more than --max-age"));
    let text = common::pdf_text(
        &dir.path()
            .join("lists/snapshot-20261129T140000Z/ward-ward-7.pdf"),
    );
    for page in text.split('\u{c}').filter(|p| !p.trim().is_empty()) {
        assert!(
            page.contains("OUT OF DATE: data 5 h 30 min old (limit 4 h): get a new snapshot"),
            "{page}"
        );
    }
}

// Bad lines are reported by file and line, counted, and the terminal never shows patient
// data: no NHS number, name or phone number from the export.
#[test]
fn bad_input_reported_by_file_and_line_without_patient_data() {
    let (_, stderr, _) = lists();
    let line_of = |file: &str, needle: &str| {
        let text = std::fs::read_to_string(export().join(file)).unwrap();
        1 + text
            .lines()
            .position(|l| l.contains(needle))
            .expect("bad line generated")
    };
    let truncated = line_of("Patient.ndjson", "\"id\":\"broken\"");
    assert!(
        stderr.contains("warning[fhir-syntax]: not valid JSON: the line ends before the JSON does"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("Patient.ndjson:{truncated}:1")),
        "{stderr}"
    );
    let observation = line_of("Patient.ndjson", "Observation");
    assert!(
        stderr.contains(&format!("Patient.ndjson:{observation}:1")),
        "{stderr}"
    );
    let ghost = line_of("Encounter.ndjson", "enc-ghost");
    assert!(
        stderr.contains(&format!("Encounter.ndjson:{ghost}:1")),
        "{stderr}"
    );
    // The ghost's bed (Ward 7, bed 1) is not printed as free: it is on the ward's list as
    // occupied, and the unplaced list says where the unreadable patient is.
    let (folder, _, _) = lists();
    let ward = squeezed(&folder.join("ward-ward-7.pdf"));
    assert!(
        ward.contains("OCCUPIED:patient'srecordunreadable"),
        "{ward}"
    );
    let unplaced = squeezed(&folder.join("unplaced.pdf"));
    assert!(
        unplaced.contains("inWard7(AcuteMedicalUnit)Bed1"),
        "{unplaced}"
    );
    let lost = line_of("Encounter.ndjson", "enc-lost");
    assert!(
        stderr.contains(&format!("Encounter.ndjson:{lost}:1")),
        "{stderr}"
    );
    assert!(
        stderr.contains("warning[fhir-duplicate-nhs-number]"),
        "{stderr}"
    );
    assert!(stderr.contains("problems"), "{stderr}");
    assert!(
        !stderr.contains("999 ") && !stderr.contains("07700") && !stderr.contains("Twin"),
        "patient data in logs: {stderr}"
    );
    let digits: Vec<String> = answers().iter().map(|a| a[0].clone()).collect();
    assert!(
        digits.iter().all(|d| !stderr.contains(d.as_str())),
        "an NHS number in logs"
    );
}

// Patient lists are never written into a git working tree unless asked, and then privately.
#[test]
fn refuses_a_git_tree_and_writes_privately() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let out = dir.path().join("deep/lists");
    let run = snapshot(dir.path(), &out, NOW, &[]);
    assert_eq!(Some(run.code), Some(1));
    assert!(
        run.stderr.contains("inside the git working tree"),
        "{}",
        run.stderr
    );
    assert!(!dir.path().join("deep").exists(), "something was written");
    let run = snapshot(dir.path(), &out, NOW, &["--allow-git"]);
    assert!((run.code == 0), "{}", run.stderr);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let folder = out.join("snapshot-20261129T140000Z");
        assert_eq!(mode(&out), 0o700);
        assert_eq!(mode(&folder), 0o700);
        for entry in std::fs::read_dir(&folder).unwrap() {
            assert_eq!(mode(&entry.unwrap().path()), 0o600);
        }
    }
}

// The packs' output folder is refused even with --allow-git.
#[test]
fn refuses_the_packs_output_folder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("output")).unwrap();
    std::fs::write(dir.path().join("output/.downtime-manifest"), "").unwrap();
    let run = snapshot(
        dir.path(),
        &dir.path().join("output/lists"),
        NOW,
        &["--allow-git"],
    );
    assert_eq!(Some(run.code), Some(1));
    assert!(
        run.stderr.contains("packs' output folder"),
        "{}",
        run.stderr
    );
    // A fresh clone's committed output/ has no manifest: its generated README gives it away.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir(dir.path().join("committed")).unwrap();
    std::fs::copy(
        root.join("output/README.md"),
        dir.path().join("committed/README.md"),
    )
    .unwrap();
    let run = snapshot(
        dir.path(),
        &dir.path().join("committed/riverside"),
        NOW,
        &["--allow-git"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("packs' output folder"),
        "{}",
        run.stderr
    );
}

// Same export, same now: the same bytes. --keep N keeps the snapshot just written and the
// newest N-1 others this command made; folders without its marker are never removed.
#[test]
fn deterministic_and_keep_removes_only_own_snapshots() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("lists");
    let old = out.join("snapshot-20200101T000000Z");
    let newer = out.join("snapshot-20991231T000000Z");
    let foreign = out.join("snapshot-20190101T000000Z");
    for d in [&old, &newer, &foreign] {
        std::fs::create_dir_all(d).unwrap();
    }
    for d in [&old, &newer] {
        std::fs::write(d.join(".downtime-snapshot"), "").unwrap();
    }
    let run = snapshot(dir.path(), &out, NOW, &["--keep", "2"]);
    assert!(run.code == 0, "{}", run.stderr);
    assert!(
        !old.exists() && newer.exists() && foreign.exists(),
        "{}",
        run.stderr
    );
    let (folder, _, _) = lists();
    let ours = out.join("snapshot-20261129T140000Z");
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        let again = std::fs::read(ours.join(path.file_name().unwrap())).unwrap();
        assert!(
            std::fs::read(&path).unwrap() == again,
            "{} differs between runs",
            path.display()
        );
    }
    let run = snapshot(dir.path(), &out, NOW, &["--keep", "1"]);
    assert!(
        run.code == 0 && ours.exists() && !newer.exists(),
        "{}",
        run.stderr
    );
}

// One FHIR Location claimed by two wards is an error: its patients' list would be a guess.
#[test]
fn a_location_shared_by_two_wards_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("procedures");
    common::copy_tree(&procedures(), &copy);
    let ward = copy.join("wards/ward-12.yaml");
    let text = std::fs::read_to_string(&ward).unwrap();
    std::fs::write(
        &ward,
        text.replace(
            "fhir_location: [RKV-W12]",
            "fhir_location: [RKV-W12, RKV-W7]",
        ),
    )
    .unwrap();
    let run = common::run_in(
        dir.path(),
        &["check", "--procedures", copy.to_str().unwrap()],
        &[],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "error[fhir-location-shared]: FHIR Location `RKV-W7` is also ward `ward-12`'s"
        ),
        "{}",
        run.stderr
    );
}

// Without the manifest's transactionTime the lists could not say how old they are: refused,
// naming the file, before anything is written.
#[test]
fn an_export_without_its_manifest_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("export");
    std::fs::create_dir(&export).unwrap();
    std::fs::write(
        export.join("Patient.ndjson"),
        "{\"resourceType\":\"Patient\",\"id\":\"a\"}\n",
    )
    .unwrap();
    let (procedures, out) = (procedures(), dir.path().join("lists"));
    let args = [
        "snapshot",
        "--procedures",
        procedures.to_str().unwrap(),
        "--fhir",
        "export",
        "--out",
        "lists",
        "--now",
        NOW,
    ];
    let run = common::run_in(dir.path(), &args, &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("manifest.json") && run.stderr.contains("transactionTime"),
        "{}",
        run.stderr
    );
    assert!(!out.exists());
    std::fs::write(
        export.join("manifest.json"),
        "{\"transactionTime\": \"yesterday\"}",
    )
    .unwrap();
    let run = common::run_in(dir.path(), &args, &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("transactionTime is not a date and time"),
        "{}",
        run.stderr
    );
}

/// Heights of the rectangles a PDF strokes or fills (`re` operators), page by page.
fn rectangle_heights(pdf: &Path) -> Vec<f32> {
    let doc = lopdf::Document::load(pdf).expect("PDF reads back");
    let mut heights = Vec::new();
    for page in doc.get_pages().into_values() {
        let content = lopdf::content::Content::decode(&doc.get_page_content(page))
            .expect("content stream decodes");
        for op in content.operations.iter().filter(|op| op.operator == "re") {
            heights.push(op.operands[3].as_float().expect("a number"));
        }
    }
    heights
}

// A ward list's blank rows, for admissions since it was printed, are two of the blank forms'
// writing lines high (a name above an NHS number), not one line of type: Ward 7's list has
// at least six of them, in each of its six columns.
#[test]
fn blank_rows_have_room_to_write_in() {
    use downtime::typeset::form::PITCH;
    let (folder, _, _) = lists();
    let heights = rectangle_heights(&folder.join("ward-ward-7.pdf"));
    let write_in = (heights.iter())
        .filter(|&&h| (h - 2.0 * PITCH).abs() < 0.05)
        .count();
    assert!(
        write_in >= 6 * 6 && write_in % 6 == 0,
        "{write_in} cells of writing height: {heights:?}"
    );
}

// A shared NHS number's message says what became of each record, by line: here the second
// record has no encounter or appointment, so it is on no list, and the message says so
// (never "both printed").
#[test]
fn duplicate_nhs_number_says_what_happened_to_each_record() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("export");
    common::copy_tree(export(), &copy);
    let patients = copy.join("Patient.ndjson");
    let text = std::fs::read_to_string(&patients).unwrap();
    // A second record of line 2's patient, with no encounter or appointment of its own.
    let mut twin: serde_json::Value = serde_json::from_str(text.lines().nth(1).unwrap()).unwrap();
    twin["id"] = "twin-not-listed".into();
    let added = text.lines().count() + 1;
    std::fs::write(&patients, format!("{}{twin}\n", text)).unwrap();
    let run = snapshot_of(
        dir.path(),
        (&procedures(), &copy),
        &dir.path().join("lists"),
        NOW,
        &[],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let message = |line: usize| {
        let at = run
            .stderr
            .find(&format!("Patient.ndjson:{line}:1"))
            .unwrap_or_else(|| panic!("no problem at line {line}: {}", run.stderr));
        let start = run.stderr[..at].rfind("warning[").unwrap();
        run.stderr[start..at].to_string()
    };
    let first = message(2);
    assert!(
        first.contains("fhir-duplicate-nhs-number")
            && first.contains("this record is printed on ")
            && first.contains(&format!(
                "the record on line {added} is not printed (no encounter in progress, no appointment coming)"
            )),
        "{first}"
    );
    let second = message(added);
    assert!(
        second.contains("this record is not printed (no encounter in progress, no appointment coming); the record on line 2 is printed on "),
        "{second}"
    );
    assert!(!run.stderr.contains("both printed"), "{}", run.stderr);
}

// The README's usage line for snapshot names every option `downtime snapshot --help` gives,
// and no other.
#[test]
fn readme_usage_matches_snapshot_help() {
    let options = |text: &str| -> std::collections::BTreeSet<String> {
        text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .filter(|w| w.starts_with("--") && w.len() > 2)
            .map(str::to_string)
            .collect()
    };
    let help = common::run_in(Path::new("."), &["snapshot", "--help"], &[]);
    let flags: String = (help.stdout.lines())
        .filter(|l| l.trim_start().starts_with('-'))
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" ") + "\n")
        .collect();
    let mut from_help = options(&flags);
    from_help.remove("--help");
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme.find("\ndowntime snapshot --").expect("usage line");
    let usage: String = readme[start + 1..]
        .lines()
        .enumerate()
        .take_while(|(i, l)| *i == 0 || l.starts_with(' '))
        .map(|(_, l)| l.to_string() + "\n")
        .collect();
    assert_eq!(options(&usage), from_help, "README usage:\n{usage}");
}

// --now without an offset is one clear error showing the accepted forms, not chrono's
// message; nothing is written.
#[test]
fn now_without_an_offset_is_one_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("lists");
    let run = snapshot(dir.path(), &out, "2026-11-29T16:00:00", &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "with its offset is needed: 2026-11-29T16:00:00+00:00, or 2026-11-29T16:00:00Z for UTC"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("error").count(), 1, "{}", run.stderr);
    assert!(
        !run.stderr.contains("premature end of input"),
        "{}",
        run.stderr
    );
    assert!(!out.exists());
}

// --keep 0 would delete the snapshot just written: refused before anything is done.
#[test]
fn keep_zero_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("lists");
    let run = snapshot(dir.path(), &out, NOW, &["--keep", "0"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("0 would remove the snapshot just written: give 1 or more"),
        "{}",
        run.stderr
    );
    assert!(!out.exists());
}

// A clinic that runs on paper (cancel_if_down: false) still gets its clinic list, saying its
// appointments stand, but none of its patients is on the ring-round list, which names it.
// On a ward that is not a clinic the field is an error, with file and line.
#[test]
fn a_clinic_that_runs_on_paper_is_not_rung_round() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("procedures");
    common::copy_tree(&procedures(), &copy);
    let clinic = copy.join("wards/fracture-clinic.yaml");
    let text = std::fs::read_to_string(&clinic).unwrap();
    std::fs::write(&clinic, format!("{text}cancel_if_down: false\n")).unwrap();
    let run = snapshot_of(
        dir.path(),
        (&copy, export()),
        &dir.path().join("lists"),
        NOW,
        &[],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let folder = dir.path().join("lists/snapshot-20261129T140000Z");
    let list = squeezed(&folder.join("clinic-fracture-clinic.pdf"));
    let contacts = squeezed(&folder.join("contacts.pdf"));
    assert!(list.contains("Thisclinicrunsonpaperwhilesystemsaredown:itsappointmentsstand"));
    assert!(
        contacts.contains("Notonthislist:FractureClinic,whichrunsonpaper"),
        "{contacts}"
    );
    let fracture: Vec<String> = (answers().into_iter())
        .filter(|a| a.len() == 5 && a[2] == "RKV-FRAC" && a[4] == "booked")
        .map(|a| a[0].clone())
        .collect();
    let listed = fracture
        .iter()
        .filter(|n| list.contains(n.as_str()))
        .count();
    assert!(listed > 50, "only {listed} on the clinic list");
    assert!(
        fracture.iter().all(|n| !contacts.contains(n.as_str())),
        "rung round"
    );

    let ward = copy.join("wards/ward-7.yaml");
    let text = std::fs::read_to_string(&ward).unwrap();
    std::fs::write(&ward, format!("{text}cancel_if_down: false\n")).unwrap();
    let line = text.lines().count() + 1;
    let run = common::run_in(
        dir.path(),
        &["check", "--procedures", copy.to_str().unwrap()],
        &[],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "error[cancel-if-down-not-clinic]: cancel_if_down is for clinics (kind outpatient)"
        ) && run.stderr.contains(&format!("ward-7.yaml:{line}:")),
        "{}",
        run.stderr
    );
}
