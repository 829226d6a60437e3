//! Write a synthetic FHIR R4 Bulk Data export for the example trust, for `downtime snapshot`'s
//! tests, benchmark and README example. No real patient data: made-up names, NHS numbers
//! from the range set aside for testing (999 000 0000 to 999 999 9999, valid check digits),
//! and phone numbers from Ofcom's ranges for drama.
//!
//!     cargo run --release --example fhir_export -- --out /tmp/export
//!     cargo run --release --example fhir_export -- --inpatients 2000 --appointments 20000 --out /tmp/big
//!
//! Besides the export it writes `answers.tsv`: each patient's NHS number and where a correct
//! reader places them (a ward's Location identifier, a clinic's, or `unplaced`). `--bad` adds
//! the broken input a real export can hold: a truncated line, an unused resource type, a
//! reference to a missing Location and to a missing Patient, an encounter in a clinic and a
//! duplicated NHS number.
//! The same options always give the same files (a fixed-seed generator).

use chrono::Timelike as _;
use serde_json::{json, Value};
use std::fmt::Write as _;
use std::path::PathBuf;

/// The example trust's mapped wards (their `fhir_location`, name, beds), then a ward no
/// procedures file maps, whose patients a correct reader puts on the unplaced list.
const WARDS: [(&str, &str, usize); 10] = [
    ("RKV-W7", "Ward 7", 28),
    ("RKV-W12", "Ward 12", 26),
    ("RKV-ICU", "Intensive Care", 12),
    ("RKV-LAB", "Labour Ward", 14),
    ("SA-ROBIN", "Robin Ward", 18),
    ("SA-OAK", "Oak Ward", 24),
    ("HW-MLU", "Midwife-led Unit", 6),
    ("HW-BIRCH", "Birch Ward", 16),
    ("MB-WILLOW", "Willow Ward", 16),
    ("RKV-W9", "Ward 9 (not mapped)", 20),
];
const UNMAPPED_WARD: &str = "RKV-W9";
/// Clinics: the fracture clinic is mapped, the eye clinic is not.
const CLINICS: [(&str, &str); 2] = [("RKV-FRAC", "Fracture Clinic"), ("SA-EYE", "Eye Clinic")];

const GIVEN: [&str; 24] = [
    "Alex", "Amira", "Ben", "Chloe", "Daniel", "Ebony", "Farah", "George", "Hannah", "Isaac",
    "Jasmine", "Kofi", "Leah", "Mohammed", "Niamh", "Oliver", "Priya", "Rhys", "Sofia", "Tomasz",
    "Uma", "Violet", "William", "Zara",
];
const FAMILY: [&str; 24] = [
    "Abbott",
    "Bennett",
    "Chowdhury",
    "Davies",
    "Evans",
    "Fletcher",
    "Griffiths",
    "Hughes",
    "Iqbal",
    "Jones",
    "Kowalski",
    "Lewis",
    "Morgan",
    "Nwosu",
    "Owen",
    "Patel",
    "Quinn",
    "Roberts",
    "Singh",
    "Thomas",
    "Underwood",
    "Vaughan",
    "Williams",
    "Young",
];
const CONSULTANTS: [&str; 6] = [
    "Dr R Okafor",
    "Dr S Marsh",
    "Mr P Lindqvist",
    "Dr H Begum",
    "Ms J Carter",
    "Dr T Nakamura",
];
const ALLERGIES: [&str; 5] = ["Penicillin", "Latex", "Codeine", "Peanut", "Chlorhexidine"];
const ALERTS: [&str; 4] = [
    "Falls risk",
    "DNACPR in place",
    "Infection control: MRSA",
    "Safeguarding concern",
];

/// What `--help` prints: a new user's first try, so every option with its default.
const USAGE: &str = "\
Write a synthetic FHIR R4 Bulk Data export of the example trust (made-up patients) for
`downtime snapshot`, with answers.tsv saying where each patient belongs.

Usage: cargo run --release --example fhir_export -- [OPTIONS]

Options:
  --out DIR           folder to write (default fhir-export)
  --inpatients N      inpatients with an encounter in progress (default 150)
  --appointments N    clinic appointments (default 400)
  --as-of TIME        the export's transactionTime, RFC 3339 (default 2026-11-29T14:00:00+00:00)
  --bad               add broken lines a real export can hold
  -h, --help          print this help
";

struct Args {
    out: PathBuf,
    inpatients: usize,
    appointments: usize,
    as_of: String,
    bad: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        out: PathBuf::from("fhir-export"),
        inpatients: 150,
        appointments: 400,
        as_of: "2026-11-29T14:00:00+00:00".to_string(),
        bad: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        if flag == "--help" || flag == "-h" {
            print!("{USAGE}");
            std::process::exit(0);
        }
        if flag == "--bad" {
            args.bad = true;
            continue;
        }
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let number = || {
            value
                .parse::<usize>()
                .map_err(|_| format!("{flag} needs a number, got {value}"))
        };
        match flag.as_str() {
            "--out" => args.out = PathBuf::from(&value),
            "--inpatients" => args.inpatients = number()?,
            "--appointments" => args.appointments = number()?,
            "--as-of" => args.as_of = value.clone(),
            other => {
                return Err(format!(
                    "unknown option {other}; use --out --inpatients --appointments --as-of --bad (--help says more)"
                ))
            }
        }
    }
    Ok(args)
}

/// A small deterministic generator (64-bit LCG): no dependency, same output every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// NHS numbers from the test range, in order, skipping those no check digit makes valid.
struct NhsNumbers(u64);

impl Iterator for NhsNumbers {
    type Item = String;
    fn next(&mut self) -> Option<String> {
        loop {
            let base = self.0;
            self.0 += 1;
            let digits: Vec<u64> = base
                .to_string()
                .bytes()
                .map(|b| u64::from(b - b'0'))
                .collect();
            let sum: u64 = digits.iter().zip((2..=10).rev()).map(|(d, w)| d * w).sum();
            let check = match 11 - sum % 11 {
                11 => 0,
                10 => continue,
                c => c,
            };
            return Some(format!("{base}{check}"));
        }
    }
}

/// Everything written, one NDJSON buffer per resource type.
#[derive(Default)]
struct Files {
    patient: String,
    encounter: String,
    location: String,
    appointment: String,
    allergy: String,
    flag: String,
    answers: String,
}

fn line(into: &mut String, value: &Value) {
    into.push_str(&value.to_string());
    into.push('\n');
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    };
    let as_of = chrono::DateTime::parse_from_rfc3339(&args.as_of).expect("--as-of is RFC 3339");
    let mut rng = Rng(0x5eed_f41e);
    let mut nhs = NhsNumbers(999_000_000);
    let mut files = Files::default();
    let beds = locations(&mut files, &args);
    inpatients(&mut files, &mut rng, &mut nhs, &beds, &args, as_of);
    appointments(&mut files, &mut rng, &mut nhs, &args, as_of);
    if args.bad {
        bad_lines(&mut files, &mut nhs);
    }
    std::fs::create_dir_all(&args.out).expect("create --out");
    let output: Vec<Value> = [
        "Patient",
        "Encounter",
        "Location",
        "Appointment",
        "AllergyIntolerance",
        "Flag",
    ]
    .iter()
    .map(|t| json!({"type": t, "url": format!("https://ehr.example.nhs.uk/bulk/{t}.ndjson")}))
    .collect();
    let manifest = json!({
        "transactionTime": args.as_of,
        "request": "https://ehr.example.nhs.uk/fhir/$export?_type=Patient,Encounter,Location,Appointment,AllergyIntolerance,Flag",
        "requiresAccessToken": true,
        "output": output,
        "error": []
    });
    let write = |name: &str, text: &str| {
        std::fs::write(args.out.join(name), text).expect("write export file")
    };
    write(
        "manifest.json",
        &serde_json::to_string_pretty(&manifest).expect("json"),
    );
    write("Patient.ndjson", &files.patient);
    write("Encounter.ndjson", &files.encounter);
    write("Location.ndjson", &files.location);
    write("Appointment.ndjson", &files.appointment);
    write("AllergyIntolerance.ndjson", &files.allergy);
    write("Flag.ndjson", &files.flag);
    write("answers.tsv", &files.answers);
    eprintln!(
        "wrote {} ({} inpatients, {} appointments{})",
        args.out.display(),
        args.inpatients,
        args.appointments,
        if args.bad { ", with bad lines" } else { "" }
    );
}

/// Ward and clinic Locations, and enough beds in each ward for its share of inpatients.
/// Returns each ward's bed Location ids.
fn locations(files: &mut Files, args: &Args) -> Vec<Vec<String>> {
    let total_beds: usize = WARDS.iter().map(|w| w.2).sum();
    let mut beds = Vec::new();
    for (code, name, staffed) in WARDS {
        line(&mut files.location, &location(code, name, "wa", None));
        // More patients than beds (a scale test) get beds numbered on.
        let count = staffed.max((args.inpatients * staffed).div_ceil(total_beds));
        let ids: Vec<String> = (1..=count)
            .map(|b| {
                let id = format!("{code}-bed-{b}");
                line(
                    &mut files.location,
                    &location(&id, &format!("Bed {b}"), "bd", Some(code)),
                );
                id
            })
            .collect();
        beds.push(ids);
    }
    for (code, name) in CLINICS {
        line(&mut files.location, &location(code, name, "wa", None));
    }
    beds
}

fn location(id: &str, name: &str, kind: &str, part_of: Option<&str>) -> Value {
    let mut value = json!({
        "resourceType": "Location",
        "id": id,
        "status": "active",
        "name": name,
        "physicalType": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/location-physical-type", "code": kind}]},
    });
    if part_of.is_none() {
        value["identifier"] =
            json!([{"system": "https://ehr.example.nhs.uk/Id/location", "value": id}]);
    }
    if let Some(parent) = part_of {
        value["partOf"] = json!({"reference": format!("Location/{parent}")});
    }
    value
}

fn patient(id: &str, nhs: &str, rng: &mut Rng) -> Value {
    let year = 1930 + rng.below(76);
    let month = 1 + rng.below(12);
    let day = 1 + rng.below(28);
    let mobile = format!("07700 900{:03}", rng.below(1000));
    let home = format!("0117 496 0{:03}", rng.below(1000));
    let mut telecom = vec![json!({"system": "phone", "value": mobile, "use": "mobile"})];
    if rng.below(2) == 0 {
        telecom.push(json!({"system": "phone", "value": home, "use": "home"}));
    }
    json!({
        "resourceType": "Patient",
        "id": id,
        "identifier": [{"system": "https://fhir.nhs.uk/Id/nhs-number", "value": nhs}],
        "name": [{"use": "official", "family": rng.pick(&FAMILY), "given": [rng.pick(&GIVEN)]}],
        "birthDate": format!("{year}-{month:02}-{day:02}"),
        "telecom": telecom,
    })
}

fn inpatients(
    files: &mut Files,
    rng: &mut Rng,
    nhs: &mut NhsNumbers,
    beds: &[Vec<String>],
    args: &Args,
    as_of: chrono::DateTime<chrono::FixedOffset>,
) {
    let total: usize = beds.iter().map(Vec::len).sum();
    // Beds in a shuffled order (Fisher-Yates), so every ward gets its share and no bed two
    // patients (there are at least as many beds as inpatients).
    let mut order: Vec<usize> = (0..total).collect();
    for i in (1..total).rev() {
        order.swap(i, rng.below(i + 1));
    }
    for i in 0..args.inpatients {
        let id = format!("ip{i}");
        let number = nhs.next().expect("numbers left");
        line(&mut files.patient, &patient(&id, &number, rng));
        let mut slot = order[i % total];
        let ward = beds
            .iter()
            .position(|b| {
                let here = slot < b.len();
                if !here {
                    slot -= b.len();
                }
                here
            })
            .expect("slot within beds");
        let bed = &beds[ward][slot];
        let admitted = as_of - chrono::Duration::minutes(60 + rng.below(14 * 24 * 60) as i64);
        line(
            &mut files.encounter,
            &json!({
                "resourceType": "Encounter",
                "id": format!("enc{i}"),
                "status": "in-progress",
                "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "IMP"},
                "subject": {"reference": format!("Patient/{id}")},
                "location": [{"location": {"reference": format!("Location/{bed}")}, "status": "active"}],
                "period": {"start": admitted.to_rfc3339()},
                "participant": [{"individual": {"display": rng.pick(&CONSULTANTS)}}],
            }),
        );
        if rng.below(5) == 0 {
            let critical = if rng.below(3) == 0 { "high" } else { "low" };
            line(
                &mut files.allergy,
                &json!({
                    "resourceType": "AllergyIntolerance",
                    "id": format!("alg{i}"),
                    "clinicalStatus": {"coding": [{"code": "active"}]},
                    "criticality": critical,
                    "code": {"text": rng.pick(&ALLERGIES)},
                    "patient": {"reference": format!("Patient/{id}")},
                }),
            );
        }
        if rng.below(8) == 0 {
            line(
                &mut files.flag,
                &json!({
                    "resourceType": "Flag", "id": format!("flag{i}"), "status": "active",
                    "code": {"text": rng.pick(&ALERTS)},
                    "subject": {"reference": format!("Patient/{id}")},
                }),
            );
        }
        let place = if WARDS[ward].0 == UNMAPPED_WARD {
            "unplaced"
        } else {
            WARDS[ward].0
        };
        let _ = writeln!(files.answers, "{number}\t{place}");
    }
}

/// Appointments over the four days after the export, in clinic slots: most booked, a few
/// already cancelled; one in thirty at the eye clinic, which no ward file maps.
fn appointments(
    files: &mut Files,
    rng: &mut Rng,
    nhs: &mut NhsNumbers,
    args: &Args,
    as_of: chrono::DateTime<chrono::FixedOffset>,
) {
    let midnight =
        as_of - chrono::Duration::seconds(i64::from(as_of.time().num_seconds_from_midnight()));
    for i in 0..args.appointments {
        let id = format!("op{i}");
        let number = nhs.next().expect("numbers left");
        line(&mut files.patient, &patient(&id, &number, rng));
        let day = 1 + rng.below(4) as i64;
        let minutes = 8 * 60 + 30 + 15 * rng.below(34) as i64;
        let start = midnight + chrono::Duration::days(day) + chrono::Duration::minutes(minutes);
        let (clinic, _) = if rng.below(30) == 0 {
            CLINICS[1]
        } else {
            CLINICS[0]
        };
        let status = if rng.below(20) == 0 {
            "cancelled"
        } else {
            "booked"
        };
        line(
            &mut files.appointment,
            &json!({
                "resourceType": "Appointment",
                "id": format!("appt{i}"),
                "status": status,
                "start": start.to_rfc3339(),
                "end": (start + chrono::Duration::minutes(15)).to_rfc3339(),
                "participant": [
                    {"actor": {"reference": format!("Patient/{id}")}, "status": "accepted"},
                    {"actor": {"reference": format!("Location/{clinic}")}, "status": "accepted"},
                ],
            }),
        );
        let _ = writeln!(
            files.answers,
            "{number}\tappointment\t{clinic}\t{}\t{status}",
            start.to_rfc3339()
        );
    }
}

/// Lines a real export can hold that a reader must report, not trip over.
fn bad_lines(files: &mut Files, nhs: &mut NhsNumbers) {
    // Truncated in transfer.
    files
        .patient
        .push_str("{\"resourceType\":\"Patient\",\"id\":\"broken\",\"name\":[{\"fam\n");
    // A type the lists do not use.
    line(
        &mut files.patient,
        &json!({"resourceType": "Observation", "id": "obs1", "status": "final"}),
    );
    // An admission to a Location the export does not hold.
    let number = nhs.next().expect("numbers left");
    let mut rng = Rng(7);
    line(&mut files.patient, &patient("lost", &number, &mut rng));
    line(
        &mut files.encounter,
        &json!({
            "resourceType": "Encounter", "id": "enc-lost", "status": "in-progress",
            "subject": {"reference": "Patient/lost"},
            "location": [{"location": {"reference": "Location/no-such-bed"}}],
        }),
    );
    let _ = writeln!(files.answers, "{number}\tunplaced");
    // An encounter in progress in a clinic: no ward list shows it.
    let number = nhs.next().expect("numbers left");
    line(&mut files.patient, &patient("in-clinic", &number, &mut rng));
    line(
        &mut files.encounter,
        &json!({
            "resourceType": "Encounter", "id": "enc-clinic", "status": "in-progress",
            "subject": {"reference": "Patient/in-clinic"},
            "location": [{"location": {"reference": "Location/RKV-FRAC"}}],
        }),
    );
    let _ = writeln!(files.answers, "{number}\tunplaced");
    // An admission of a Patient the export does not hold.
    line(
        &mut files.encounter,
        &json!({
            "resourceType": "Encounter", "id": "enc-ghost", "status": "in-progress",
            "subject": {"reference": "Patient/not-exported"},
            "location": [{"location": {"reference": "Location/RKV-W7-bed-1"}}],
        }),
    );
    // Two records with one NHS number, both admitted to Ward 7: both printed, both marked.
    let twin = files
        .answers
        .lines()
        .next()
        .and_then(|l| l.split('\t').next())
        .unwrap_or_default()
        .to_string();
    line(
        &mut files.patient,
        &json!({
            "resourceType": "Patient", "id": "twin",
            "identifier": [{"system": "https://fhir.nhs.uk/Id/nhs-number", "value": twin}],
            "name": [{"family": "Twin", "given": ["Duplicate"]}],
        }),
    );
    line(
        &mut files.encounter,
        &json!({
            "resourceType": "Encounter", "id": "enc-twin", "status": "in-progress",
            "subject": {"reference": "Patient/twin"},
            "location": [{"location": {"reference": "Location/RKV-W7-bed-2"}}],
        }),
    );
    let _ = writeln!(files.answers, "{twin}\tRKV-W7");
}
