//! Write a synthetic trust of any size, for benchmarks and scale tests.
//!
//!     cargo run --release --example synth -- --sites 8 --wards 300 --systems 40 --out /tmp/big
//!
//! The output is a valid procedures folder with realistic text volume: every system has a
//! fallback procedure of 10-30 steps, wards use 8-14 systems, sites have contacts, equipment and
//! a call cascade. The same size always gives the same files (a fixed-seed generator).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

struct Args {
    sites: usize,
    wards: usize,
    systems: usize,
    out: PathBuf,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        sites: 4,
        wards: 30,
        systems: 15,
        out: PathBuf::from("synthetic-trust"),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let number = || {
            value
                .parse::<usize>()
                .map_err(|_| format!("{flag} needs a number, got {value}"))
        };
        match flag.as_str() {
            "--sites" => args.sites = number()?.max(1),
            "--wards" => args.wards = number()?.max(1),
            "--systems" => args.systems = number()?.max(3),
            "--out" => args.out = PathBuf::from(&value),
            other => {
                return Err(format!(
                    "unknown option {other}; use --sites --wards --systems --out"
                ))
            }
        }
    }
    Ok(args)
}

/// A small deterministic generator (64-bit LCG): no dependency, same output every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const ROLES: [(&str, &str); 6] = [
    ("nurse-in-charge", "Nurse in charge"),
    ("ward-nurse", "Registered nurse"),
    ("healthcare-assistant", "Healthcare assistant"),
    ("ward-clerk", "Ward clerk"),
    ("doctor-on-call", "Doctor on call"),
    ("site-manager", "Site manager"),
];
const WARD_ROLES: [&str; 5] = [
    "nurse-in-charge",
    "ward-nurse",
    "healthcare-assistant",
    "ward-clerk",
    "doctor-on-call",
];
const VERBS: [&str; 8] = [
    "Check", "Record", "Confirm", "Print", "Send", "Collect", "Review", "Tell",
];
const OBJECTS: [&str; 8] = [
    "the patient list against the whiteboard",
    "every dose given on the paper chart",
    "the bed state with site command",
    "all paper requests with the porter",
    "the last printed report from the downtime PC",
    "each new admission on the paper log",
    "results that arrived on paper with the doctor",
    "the downtime box contents against the list in the lid",
];
const WHEN: [&str; 6] = [
    "before the next handover",
    "every hour until systems return",
    "at once, and write down the time",
    "within 30 minutes",
    "in person if the phones are down",
    "and sign the back-entry log",
];
const KINDS: [&str; 5] = [
    "inpatient",
    "outpatient",
    "emergency",
    "day-case",
    "community",
];
const FORMS: [&str; 8] = [
    "patient-tracking-list",
    "paper-mar",
    "observations-chart",
    "pathology-request",
    "radiology-request",
    "atd-log",
    "back-entry-log",
    "handover-sheet",
];

fn sentence(rng: &mut Rng) -> String {
    format!(
        "{} {} {}.",
        rng.pick(&VERBS),
        rng.pick(&OBJECTS),
        rng.pick(&WHEN)
    )
}

fn write(path: &Path, text: &str) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("create folder");
    }
    std::fs::write(path, text).expect("write file");
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("synth: {e}");
            std::process::exit(2);
        }
    };
    let mut rng =
        Rng(args.sites as u64 * 1_000_003 + args.wards as u64 * 1009 + args.systems as u64);
    let out = &args.out;
    let _ = std::fs::remove_dir_all(out);

    let mut trust = String::from(
        "name: Synthetic Regional Hospitals NHS Trust\ncode: RSY\nedition:\n  version: \"1.0\"\n  date: 2026-11-01\nreview_interval_months: 12\nroles:\n",
    );
    for (id, name) in ROLES {
        writeln!(trust, "  - {{ id: {id}, name: {name} }}").unwrap();
    }
    trust.push_str("contacts:\n  - id: it-service-desk\n    name: IT service desk\n    routes:\n      - { kind: extension, value: \"4000\", relies_on: [telephony] }\n      - { kind: mobile, value: \"07700 900 400\" }\n");
    write(&out.join("trust.yaml"), &trust);

    write(&out.join("infrastructure/core-network.yaml"), "id: core-network\nname: Core network\nkind: network\ndescription: Core switches shared by every site.\n");
    write(&out.join("infrastructure/data-centre.yaml"), "id: data-centre\nname: Data centre\nkind: data-centre\ndescription: Main server rooms.\ndepends_on: [core-network]\n");

    // Systems: telephony plus numbered clinical systems, each with one fallback procedure.
    let mut systems = vec!["telephony".to_string()];
    for s in 1..args.systems {
        systems.push(format!("system-{s:03}"));
    }
    for (i, id) in systems.iter().enumerate() {
        let depends = if i == 0 {
            "[core-network]".to_string()
        } else if i > 3 && i % 3 == 0 {
            format!("[{}]", systems[1])
        } else {
            "[data-centre, core-network]".to_string()
        };
        write(
            &out.join(format!("systems/{id}.yaml")),
            &format!(
                "id: {id}\nname: Clinical system {i}\nshort_name: S{i}\ncategory: Clinical\nsupplier: Supplier {s}\ntier: {tier}\nmax_tolerable_downtime: {mtd}h\ndepends_on: {depends}\nsigns_of_failure:\n  - Screens freeze or show an error\n  - Data stops updating\nimpact: {impact}\n",
                s = i % 7,
                tier = 1 + i % 4,
                mtd = 1 + i % 8,
                impact = sentence(&mut rng),
            ),
        );
        let steps = 10 + rng.below(21);
        let mut proc = format!(
            "id: {id}-downtime\ntitle: Working on paper without clinical system {i}\nreplaces: [{id}]\nsummary: {}\ncontrol:\n  owner: Service lead {i}\n  approver: EPRR Group\n  version: \"1.{}\"\n  status: approved\n  last_reviewed: 2026-0{}-15\nphases:\n",
            sentence(&mut rng),
            i % 9,
            1 + i % 9
        );
        for (p, phase) in ["declare", "during", "recovery"].iter().enumerate() {
            writeln!(proc, "  {phase}:").unwrap();
            let n = if p == 1 {
                steps - 2 * (steps / 4)
            } else {
                steps / 4
            };
            for _ in 0..n.max(1) {
                writeln!(
                    proc,
                    "    - role: {}\n      do: {} {}",
                    rng.pick(&WARD_ROLES),
                    sentence(&mut rng),
                    sentence(&mut rng)
                )
                .unwrap();
                if rng.below(3) == 0 {
                    writeln!(
                        proc,
                        "      checklist: [{}, {}]",
                        rng.pick(&OBJECTS),
                        rng.pick(&OBJECTS)
                    )
                    .unwrap();
                }
                if rng.below(3) == 0 {
                    writeln!(proc, "      forms: [{}]", rng.pick(&FORMS)).unwrap();
                }
                if rng.below(6) == 0 {
                    writeln!(proc, "      escalate:\n        - {{ after: {}h, to: site-manager, say: Ask for more staff. }}", 1 + rng.below(8)).unwrap();
                }
            }
        }
        write(&out.join(format!("fallbacks/{id}-downtime.yaml")), &proc);
    }
    for form in FORMS {
        write(
            &out.join(format!("forms/{form}.yaml")),
            &format!("id: {form}\ntitle: Form {form}\npurpose: {}\ncopies: 20\ncontrol: {{ owner: Forms lead, approver: EPRR Group, version: \"1.0\", status: approved, last_reviewed: 2026-05-01 }}\n", sentence(&mut rng)),
        );
    }
    for s in 0..args.sites {
        write(
            &out.join(format!("sites/site-{s:02}.yaml")),
            &format!(
                "id: site-{s:02}\nname: Hospital {s}\nkind: acute\naddress: {s} Hospital Road\nswitchboard: \"01632 960 {s:03}\"\ncommand_post: Site office {s}\ncontacts:\n  - id: site-{s:02}-manager\n    name: Site manager, hospital {s}\n    role: site-manager\n    routes:\n      - {{ kind: bleep, value: \"{b}\", relies_on: [telephony] }}\n      - {{ kind: mobile, value: \"07700 900 {s:03}\" }}\n      - {{ kind: runner, value: Site office {s} }}\ncascade:\n  - {{ caller: nurse-in-charge, contacts: [site-{s:02}-manager], when: as soon as downtime is suspected }}\nequipment:\n  - {{ kind: downtime-pc, location: Every ward's nurses' station }}\n",
                b = 2000 + s
            ),
        );
    }
    for w in 0..args.wards {
        let mut used: Vec<usize> = vec![0];
        let count = (8 + rng.below(7)).min(systems.len());
        while used.len() < count {
            let s = 1 + rng.below(systems.len() - 1);
            if !used.contains(&s) {
                used.push(s);
            }
        }
        used.sort_unstable();
        let mut ward = format!(
            "id: ward-{w:04}\nsite: site-{:02}\nname: Ward {w}\nkind: {}\nlocation: Floor {}\nsystems:\n",
            w % args.sites,
            KINDS[w % KINDS.len()],
            w % 6
        );
        for s in used {
            writeln!(ward, "  - {{ system: {} }}", systems[s]).unwrap();
        }
        ward.push_str("kit:\n  location: Red box at the nurses' station\n  checked_by: Ward clerk, monthly\n  contents:\n");
        for form in FORMS {
            writeln!(ward, "    - {{ item: Form {form}, quantity: 20 }}").unwrap();
        }
        writeln!(ward, "roles: [{}]", WARD_ROLES.join(", ")).unwrap();
        write(&out.join(format!("wards/ward-{w:04}.yaml")), &ward);
    }
    eprintln!(
        "synth: wrote {} sites, {} wards, {} systems to {}",
        args.sites,
        args.wards,
        systems.len(),
        out.display()
    );
}
