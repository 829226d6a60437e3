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

/// Lists made from `sources` (procedures, export) into `<dir>/lists` at [`NOW`], which must
/// succeed: their folder, and the run for its terminal output.
fn lists_from(dir: &Path, sources: (&Path, &Path)) -> (PathBuf, common::Run) {
    let run = snapshot_of(dir, sources, &dir.join("lists"), NOW, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    (dir.join("lists/snapshot-20261129T140000Z"), run)
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
    // A person reads the EPR's name for the place, quoted, its identifier in brackets, and
    // what is wrong in short words; the YAML's field name is not printed.
    assert!(
        unplaced.contains("“Ward9(notmapped)”(RKV-W9),Bed2:notinthedowntimeprocedures"),
        "unmapped ward explained"
    );
    assert!(
        unplaced.contains("“EyeClinic”(SA-EYE):notinthedowntimeprocedures"),
        "unmapped clinic explained"
    );
    assert!(
        !unplaced.contains("fhir_location"),
        "a YAML field name printed"
    );
    let unknown = "Placenotknown:theEPRLocationitnames(idno-such-bed)isnotintheexport";
    let in_clinic = "RiversideGeneralHospital,FractureClinic:aclinic,whichhasnowardlist";
    // By place, as a nurse walks it: hospitals the procedures know, then places only the EPR
    // names (bed 2 before bed 10), then unknown places; not by surname.
    let at = |needle: &str| {
        unplaced
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} missing"))
    };
    assert!(
        at(in_clinic) < at("(RKV-W9),Bed2:"),
        "known hospitals first"
    );
    assert!(
        at("(RKV-W9),Bed2:") < at("(RKV-W9),Bed10:"),
        "beds in order"
    );
    assert!(at("(RKV-W9),Bed10:") < at(unknown), "unknown places last");
    assert!(texts["RKV-W7"].contains("CHECK:anotherrecordhasthisNHSnumber"));
}

// An NHS number, a date of birth or a phone number is never split across lines, on any list:
// a nurse reading half of one at 3 a.m. has the wrong patient, or dials half a number. Each
// NHS number the export holds is found whole on a line as often as the squeezed text has it;
// every "born" is followed on its line by the whole date; each phone number is found whole as
// often as the squeezed text has it.
#[test]
fn nhs_numbers_dates_of_birth_and_phones_are_never_split() {
    let (folder, _, _) = lists();
    let numbers: Vec<String> = answers().into_iter().map(|a| a[0].clone()).collect();
    let patients = std::fs::read_to_string(export().join("Patient.ndjson")).unwrap();
    let mut phone_numbers = std::collections::BTreeSet::new();
    for patient in patients
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
    {
        for t in patient["telecom"].as_array().into_iter().flatten() {
            phone_numbers.insert(t["value"].as_str().unwrap().to_string());
        }
    }
    let (mut nhs, mut born, mut phones) = (0, 0, 0);
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "pdf") {
            continue;
        }
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = common::pdf_text(&path);
        let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        for n in &numbers {
            let spaced = format!("{} {} {}", &n[..3], &n[3..6], &n[6..]);
            let whole = text.matches(spaced.as_str()).count();
            assert_eq!(
                whole,
                squeezed.matches(n.as_str()).count(),
                "{file}: an NHS number split"
            );
            nhs += whole;
        }
        for phone in &phone_numbers {
            let whole = text.matches(phone.as_str()).count();
            let digits: String = phone.chars().filter(|c| !c.is_whitespace()).collect();
            let anywhere = squeezed.matches(digits.as_str()).count();
            assert_eq!(whole, anywhere, "{file}: a phone number split");
            phones += whole;
        }
        let mut previous = "";
        for line in text.lines() {
            for (at, _) in line.match_indices("born") {
                // "NHS number, born" is a heading (wrapped in a narrow column); a date
                // follows every other "born".
                let heading = (line[..at].ends_with("number, "))
                    || (at == 0 && previous.trim_end().ends_with("number,"));
                if heading {
                    continue;
                }
                let after = &line[at + "born".len()..];
                let date: Vec<&str> = after.split_whitespace().take(3).collect();
                let whole = date.len() == 3
                    && date[0].parse::<u8>().is_ok()
                    && date[1].len() == 3
                    && date[2].len() == 4;
                assert!(whole, "{file}: a date of birth split");
                born += 1;
            }
            // A Location identifier is one code, even in brackets.
            assert!(!line.ends_with("(RKV-"), "{file}: an identifier split");
            previous = line;
        }
    }
    assert!(
        nhs > 500 && born > 500 && phones > 200,
        "{nhs} {born} {phones} seen"
    );
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
            // Only a Patient line is unreadable here: its bed and appointments still print.
            assert!(
                !page.contains("could not be read"),
                "{at}: a needless warning"
            );
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
    // The terminal says the age as the page does, not in minutes.
    assert!(
        run.stderr
            .contains("the export is 5 h 30 min old, more than --max-age"),
        "{}",
        run.stderr
    );
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
        unplaced.contains("RiversideGeneralHospital,Ward7(AcuteMedicalUnit),Bed1:patientrecordunreadableintheexport;thebedismarkedOCCUPIED"),
        "the unreadable patient's place not on the unplaced list"
    );
    assert!(!unplaced.contains("(patientnotintheexport)"));
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
// newest N-1 others this command made; folders without its marker, and snapshots of newer
// data, are never removed.
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
    // A snapshot of newer data is never removed, even by --keep 1: an older export written
    // late must not delete the list the downtime PC should print. The command says so.
    let run = snapshot(dir.path(), &out, NOW, &["--keep", "1"]);
    assert!(
        run.code == 0 && ours.exists() && newer.exists(),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("holds newer data than this export; kept it"),
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
    let (_, run) = lists_from(dir.path(), (&procedures(), &copy));
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
    assert!(
        text.contains("\ncancel_if_down: true\n"),
        "the example states it"
    );
    let text = text.replace("\ncancel_if_down: true\n", "\ncancel_if_down: false\n");
    std::fs::write(&clinic, text).unwrap();
    let (folder, _) = lists_from(dir.path(), (&copy, export()));
    let list = squeezed(&folder.join("clinic-fracture-clinic.pdf"));
    let contacts = squeezed(&folder.join("contacts.pdf"));
    assert!(list.contains("Thisclinicrunsonpaperwhilesystemsaredown:itsappointmentsstand"));
    // With no clinic cancelled, the ring-round list says so, and not "0 appointments in 0
    // clinics" beside "no clinic appointments in the export".
    assert!(
        contacts.contains(
            "Noappointmentiscancelledifsystemsaredown:everyclinicrunsonpaper(FractureClinic)"
        ),
        "ring-round list not explained"
    );
    for wrong in ["0appointmentsin0clinics", "Noclinicappointmentsintheexport"] {
        assert!(!contacts.contains(wrong), "ring-round list says {wrong}");
    }
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

/// A file of the export and which of its lines to cut.
type Cut<'a> = (&'a str, &'a dyn Fn(&str) -> bool);

/// A copy of the export in `dir` with the first line of `file` matching `pick` cut short, as
/// a transfer can leave it (`dir/export`, copied once).
fn export_cut(dir: &Path, cuts: &[Cut]) -> PathBuf {
    let copy = dir.join("export");
    if !copy.exists() {
        common::copy_tree(export(), &copy);
    }
    for (file, pick) in cuts {
        let path = copy.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        let at = lines.iter().position(|l| pick(l)).expect("a line to cut");
        let half = lines[at].len() / 2;
        lines[at].truncate(half);
        std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    }
    copy
}

/// Each page of the PDF at `path`, with white space removed.
fn squeezed_pages(path: &Path) -> Vec<String> {
    (common::pdf_text(path).split('\u{c}'))
        .filter(|p| !p.trim().is_empty())
        .map(|p| p.chars().filter(|c| !c.is_whitespace()).collect())
        .collect()
}

// An admission record that cannot be read cannot be tied to a ward, so its patient may be
// missing from any ward list, with the bed looking free: every page of every ward list says
// so under the band, and the clinic lists (which it cannot touch) do not warn of it.
#[test]
fn an_unreadable_admission_is_announced_on_every_ward_list() {
    let dir = tempfile::tempdir().unwrap();
    let bed_28 = |l: &str| l.contains("in-progress") && l.contains("RKV-W7-bed-28\"");
    let a_bed = |l: &str| l.contains("RKV-W12-bed-");
    let export = export_cut(
        dir.path(),
        &[("Encounter.ndjson", &bed_28), ("Location.ndjson", &a_bed)],
    );
    let (folder, _) = lists_from(dir.path(), (&procedures(), &export));
    let warning = "WARNING:1admissionrecordand1wardorbedrecordintheexportcouldnotberead:apatientmaybemissingfromthislist.";
    let action = "Checkeverybedagainsttheward:ablankrowmaynotbeafreebed.Seetheunplacedlist.";
    for (_, file) in WARD_FILES {
        for (i, page) in squeezed_pages(&folder.join(file)).iter().enumerate() {
            let at = page
                .find(warning)
                .unwrap_or_else(|| panic!("{file} page {}: no warning", i + 1));
            assert!(
                page[at..].starts_with(&format!("{warning}{action}")),
                "{file} page {}",
                i + 1
            );
        }
    }
    let ward = squeezed(&folder.join("ward-ward-7.pdf"));
    assert!(
        ward.contains("patients(theremaybemore:seethewarningabove)"),
        "count not qualified"
    );
    for file in ["clinic-fracture-clinic.pdf", "contacts.pdf"] {
        // A Location may be a clinic's, so they warn of it; never of an admission.
        assert!(
            !squeezed(&folder.join(file)).contains("admissionrecord"),
            "{file}"
        );
    }
}

// An appointment record that cannot be read may be anyone's in any clinic: every page of
// every clinic list and of the ring-round list says so. An appointment whose patient's
// record cannot be read is printed with its time and what to do, not as "not in the export".
#[test]
fn an_unreadable_appointment_is_announced_on_every_clinic_list() {
    let dir = tempfile::tempdir().unwrap();
    let now = chrono::DateTime::parse_from_rfc3339(NOW).unwrap();
    let coming: Vec<(String, chrono::DateTime<chrono::FixedOffset>)> = (answers().into_iter())
        .filter(|a| a.len() == 5 && a[2] == "RKV-FRAC" && a[4] == "booked")
        .map(|a| {
            (
                a[0].clone(),
                chrono::DateTime::parse_from_rfc3339(&a[3]).unwrap(),
            )
        })
        .filter(|(_, t)| *t >= now && *t < now + chrono::Duration::days(3))
        .collect();
    let ((lost, _), (unread, when)) = (coming[0].clone(), coming[1].clone());
    let by_number = |n: String| move |l: &str| l.contains(&format!("\"value\":\"{n}\""));
    let (lost, unread) = (by_number(lost), by_number(unread));
    let patients = std::fs::read_to_string(export().join("Patient.ndjson")).unwrap();
    let id_of = |pick: &dyn Fn(&str) -> bool| {
        let line = patients.lines().find(|l| pick(l)).unwrap();
        serde_json::from_str::<serde_json::Value>(line).unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let lost_id = format!("\"Patient/{}\"", id_of(&lost));
    let booking = move |l: &str| l.contains(&lost_id);
    let export = export_cut(
        dir.path(),
        &[
            ("Appointment.ndjson", &booking),
            ("Patient.ndjson", &unread),
        ],
    );
    let (folder, _) = lists_from(dir.path(), (&procedures(), &export));
    let warning =
        "WARNING:1appointmentrecordintheexportcouldnotberead:apatientmaybemissingfromthislist.";
    for (file, action) in [
        (
            "clinic-fracture-clinic.pdf",
            "Checktheclinic'sappointmentsinthebookingsystemorpaperdiary.",
        ),
        (
            "contacts.pdf",
            "Checkeachclinic'sappointmentsinthebookingsystemorpaperdiary.",
        ),
    ] {
        for (i, page) in squeezed_pages(&folder.join(file)).iter().enumerate() {
            assert!(
                page.contains(&format!("{warning}{action}")),
                "{file} page {}",
                i + 1
            );
        }
        let list = squeezed(&folder.join(file));
        let slot = format!(
            "PATIENTNOTKNOWN(patientrecordunreadableintheexport):lookupthe{}appointmentinthebookingsystem",
            when.format("%H:%M")
        );
        assert!(
            list.contains(&slot),
            "{file}: the unreadable patient's slot"
        );
        assert!(!list.contains("(patientnotintheexport)"), "{file}");
    }
    assert!(
        squeezed(&folder.join("clinic-fracture-clinic.pdf"))
            .contains("appointments(theremaybemore:seethewarningabove)"),
        "the clinic's count says it may be short, as a ward list's does"
    );
    assert!(
        squeezed(&folder.join("contacts.pdf"))
            .contains("clinic(theremaybemore:seethewarningabove)"),
        "so does the ring-round list's"
    );
    assert!(!squeezed(&folder.join("ward-ward-7.pdf")).contains("couldnotberead"));
}

// An export dated after now (a wrong clock or --now) says so on every page, not only on the
// terminal, which says it in the page's words. The help names every option's purpose, and the
// example export generator answers --help.
#[test]
fn an_export_dated_after_now_says_so_on_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let run = snapshot(
        dir.path(),
        &dir.path().join("lists"),
        "2026-11-29T11:30:00+00:00",
        &[],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("the export is dated 2 h 30 min after now"),
        "{}",
        run.stderr
    );
    let folder = dir.path().join("lists/snapshot-20261129T140000Z");
    for file in ["ward-ward-7.pdf", "contacts.pdf", "unplaced.pdf"] {
        for page in squeezed_pages(&folder.join(file)) {
            assert!(
                page.contains("CHECKTHECLOCK:theexportisdated2h30minafterthislistwasmade"),
                "{file}"
            );
        }
    }
    let help = common::run_in(Path::new("."), &["snapshot", "--help"], &[]);
    assert!(
        help.stdout.contains("Folder of the trust's procedures"),
        "{}",
        help.stdout
    );
    common::run_example("fhir_export", &["--help"]);
}

// An export that lost a file, or whose Encounter file is empty, would print lists that look
// whole with every bed free (from a trial: exit 0, "0 patients", "No problems"). Refused with
// one error naming what is missing, and nothing written.
#[test]
fn an_incomplete_or_empty_export_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("export");
    common::copy_tree(export(), &copy);
    let out = dir.path().join("lists");
    std::fs::remove_file(copy.join("Encounter.ndjson")).unwrap();
    let run = snapshot_of(dir.path(), (&procedures(), &copy), &out, NOW, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error[fhir-file-missing]: the manifest lists Encounter.ndjson"),
        "{}",
        run.stderr
    );
    assert!(!out.exists(), "nothing is written");

    std::fs::write(copy.join("Encounter.ndjson"), "").unwrap();
    let run = snapshot_of(dir.path(), (&procedures(), &copy), &out, NOW, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error[fhir-no-records]: the export holds no Encounter records at all"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("error[").count(), 1, "{}", run.stderr);
    assert!(!out.exists(), "nothing is written");
}

// One very long name must not split the clinic list into column groups (names on early pages,
// phone numbers pages later, matched only by time): its column gives up the room and the
// name is cut between characters, as any word wider than its line is.
#[test]
fn a_very_long_name_keeps_each_row_whole() {
    let long = "Featherstonehaugh-Wolfeschlegelsteinhausenbergerdorff";
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("export");
    common::copy_tree(export(), &copy);
    let patients = copy.join("Patient.ndjson");
    let text = std::fs::read_to_string(&patients).unwrap();
    assert!(
        text.contains("\"family\":\"Evans\""),
        "the export has an Evans"
    );
    let text = text.replace("\"family\":\"Evans\"", &format!("\"family\":\"{long}\""));
    std::fs::write(&patients, text).unwrap();
    let (folder, _) = lists_from(dir.path(), (&procedures(), &copy));
    for file in ["clinic-fracture-clinic.pdf", "contacts.pdf"] {
        let pages = squeezed_pages(&folder.join(file));
        let upper = long.to_uppercase();
        assert!(
            pages.iter().any(|p| p.contains(long) || p.contains(&upper)),
            "{file}: the long name is printed whole"
        );
        for (i, page) in pages.iter().enumerate() {
            if page.contains("Phonenumbers") || page.contains("NHSnumber,born") {
                assert!(
                    page.contains("Patient") && page.contains("Phonenumbers"),
                    "{file} page {}: names and phone numbers on different pages",
                    i + 1
                );
            }
        }
    }
}

// The unplaced count on a ward list is the trust's, and says so: a ward's nurse must not read
// it as patients of this ward gone missing.
#[test]
fn a_ward_list_says_whose_unplaced_count_it_gives() {
    let (folder, _, _) = lists();
    let ward = squeezed(&folder.join("ward-ward-7.pdf"));
    assert!(
        ward.contains("Acrossthetrust,") && ward.contains("patientsintheexportcouldnotbeplacedonanyward:apatientofthiswardmissingheremaybeontheunplacedlist."),
        "Ward 7's list: the unplaced count does not say it is the trust's"
    );
}

// A blank allergies cell reads as "no known allergies", and so does "None". A patient without
// an allergy in the export says where the answer came from and to ask; an export whose allergy
// or alert records are unreadable, or missing altogether, warns on every page of every ward
// list and of the unplaced list, and every allergies cell says they are not known (from
// trials: a cut allergy line left a blank cell and no warning).
#[test]
fn missing_allergies_are_never_a_blank_cell() {
    let (folder, _, _) = lists();
    let ward = squeezed(&folder.join("ward-ward-7.pdf"));
    assert!(
        ward.contains("AllergiesnotrecordedintheEPRexport:askthepatient"),
        "a patient with none says so"
    );
    // Ward 7's bed 8 has an alert and no allergy: the alert alone must not read as none.
    assert!(
        ward.contains("Alert:Safeguardingconcern;AllergiesnotrecordedintheEPRexport:askthepatient"),
        "an alert alone says allergies are not recorded"
    );
    assert!(
        !ward.contains("allergyoralertrecord"),
        "no warning without cause"
    );
    assert!(
        !ward.contains("ALLERGIESNOTKNOWN"),
        "no warning without cause"
    );

    let dir = tempfile::tempdir().unwrap();
    let any_line = |_: &str| true;
    let export = export_cut(dir.path(), &[("AllergyIntolerance.ndjson", &any_line)]);
    let run = snapshot_of(
        dir.path(),
        (&procedures(), &export),
        &dir.path().join("a"),
        NOW,
        &[],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run
        .stderr
        .contains("warning: allergy or alert records were unreadable"));
    let cut = "WARNING:1allergyoralertrecordintheexportcouldnotberead:apatient'sallergiesmaybemissingfromthislist.Noallergyoralertonthislistcanbetakenascomplete.";
    let action = "Checkallergieswiththepatient,thewristbandandthedrugchartbeforegivinganymedicine,andalerts(resuscitationstatus,infection)inthenotes.";
    let listed = |run: &str| {
        let folder = dir.path().join(run).join("snapshot-20261129T140000Z");
        (WARD_FILES.iter().map(|(_, f)| folder.join(f)))
            .chain([folder.join("unplaced.pdf")])
            .collect::<Vec<_>>()
    };
    for path in listed("a") {
        for (i, page) in squeezed_pages(&path).iter().enumerate() {
            assert!(
                page.contains(cut) && page.contains(action),
                "{} page {}",
                path.display(),
                i + 1
            );
        }
        let list = squeezed(&path);
        assert!(
            !list.contains("NotrecordedintheEPRexport"),
            "{}",
            path.display()
        );
    }
    let ward = squeezed(
        &dir.path()
            .join("a/snapshot-20261129T140000Z/ward-ward-7.pdf"),
    );
    assert!(ward.contains("ALLERGIESANDALERTSNOTKNOWN:check(seethewarningabove)"));

    // An export that left allergies and alerts out altogether (not asked for in its $export).
    std::fs::remove_file(export.join("AllergyIntolerance.ndjson")).unwrap();
    std::fs::remove_file(export.join("Flag.ndjson")).unwrap();
    let manifest = std::fs::read_to_string(export.join("manifest.json")).unwrap();
    let mut json: serde_json::Value = serde_json::from_str(&manifest).unwrap();
    json["output"]
        .as_array_mut()
        .unwrap()
        .retain(|o| o["type"] != "AllergyIntolerance" && o["type"] != "Flag");
    std::fs::write(export.join("manifest.json"), json.to_string()).unwrap();
    let run = snapshot_of(
        dir.path(),
        (&procedures(), &export),
        &dir.path().join("b"),
        NOW,
        &[],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("warning[fhir-no-records]: the export holds no AllergyIntolerance records"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains(" 0 problems"), "{}", run.stderr);
    let none = "WARNING:Theexportholdsnoallergyrecordsatall.Theexportholdsnoalertrecordsatall.Noallergyoralertonthislistcanbetakenascomplete.";
    for path in listed("b") {
        for (i, page) in squeezed_pages(&path).iter().enumerate() {
            assert!(page.contains(none), "{} page {}", path.display(), i + 1);
        }
    }
}
