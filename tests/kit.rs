//! Beds and kit quantities (#16): quantities worked out from beds, hours and spare, printed
//! with their reason; one number per form in the pack; the kit checks, each located.

mod common;
use common::Trust;

fn kit_trust() -> Trust {
    // The fixture's ward A has 28 beds.
    let trust = Trust::fixture("minimal");
    trust.edit(
        "wards/ward-a.yaml",
        "    - { item: Tracking list, quantity: 5 }\n",
        "    - { item: Tracking list, form: tracking-list, per_bed: 1, spare: 20% }
    - { item: Night chart, per_bed: 1, hours: 3 }
    - { item: Admissions log, per_day: 6 }
    - { item: Torch }
",
    );
    trust
}

// Each rule gives the quantity a clinical lead would work out by hand, and says how.
#[test]
fn quantities_are_worked_out_and_explained() {
    let trust = kit_trust();
    let run = trust.run(&["build", "--format", "md", "--ward", "ward-a"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pack = trust.read("north/ward-a.md");
    for row in [
        "| Tracking list | 34 | 28 beds \u{d7} 1 per bed + 20% spare |",
        // The trust's minimum is 8 hours: a chart lasting 3 hours is needed 3 times.
        "| Night chart | 84 | 28 beds \u{d7} 1 per bed \u{d7} 3 (one lasts 3 hours; the kit holds 8) |",
        "| Admissions log | 2 | 6 a day for 8 hours |",
        "| Torch | 1 |  |",
    ] {
        assert!(pack.contains(row), "{row:?} not in:\n{pack}");
    }
    assert!(pack.contains("Paper for 8 hours on 28 beds."), "{pack}");
    // The forms table prints the kit's number for the linked form, not the form's own.
    let forms = &pack[pack.find("## Forms").expect("forms section")..];
    assert!(
        forms.contains("| Patient tracking list | tracking-list | 1.0 | 34 |"),
        "{forms}"
    );
}

// The kit checks, each a warning at the line it concerns.
#[test]
fn kit_checks_are_located() {
    let trust = kit_trust();
    trust.edit("wards/ward-a.yaml", "beds: 28\n", "");
    let run = trust.run(&["check", "--today", "2026-02-01"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("error[kit-needs-beds]: `Tracking list` (and 1 more item) is counted per bed, but the ward gives no `beds`"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("--> procedures/wards/ward-a.yaml:13:60"),
        "{}",
        run.stderr
    );
    assert_eq!(
        run.stderr.matches("error[").count(),
        1,
        "one missing `beds`, one error:\n{}",
        run.stderr
    );

    let trust = kit_trust();
    trust.edit(
        "wards/ward-a.yaml",
        "  checked_by:",
        "  hours: 4\n  checked_by:",
    );
    trust.edit(
        "wards/ward-a.yaml",
        "    - { item: Torch }\n",
        "    - { item: Torch }\n    - { item: Patient tracking list, quantity: 3 }\n",
    );
    let run = trust.run(&["check", "--today", "2026-02-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("warning[kit-below-minimum]: the kit of `ward-a` holds 4 hours of paper; the trust's minimum is 8"), "{}", run.stderr);
    assert!(run.stderr.contains("warning[kit-form-mismatch]: the kit holds 3 of `Patient tracking list`, but form `tracking-list` says"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("hint: add `form: tracking-list` to the kit item"),
        "{}",
        run.stderr
    );

    let trust = kit_trust();
    trust.edit("wards/ward-a.yaml", "beds: 28\n", "");
    trust.edit("wards/ward-a.yaml", "per_bed: 1, spare: 20%", "quantity: 5");
    trust.edit(
        "wards/ward-a.yaml",
        "    - { item: Night chart, per_bed: 1, hours: 3 }\n",
        "",
    );
    let run = trust.run(&["check", "--today", "2026-02-01"]);
    assert!(
        run.stderr.contains(
            "warning[inpatient-without-beds]: ward `ward-a` has beds but does not say how many"
        ),
        "{}",
        run.stderr
    );
}

// A rule that cannot be worked out is one error, where it is written.
#[test]
fn bad_kit_rules_are_errors() {
    for (from, to, message) in [
        (
            "per_bed: 1, spare: 20%",
            "per_bed: 1, quantity: 4",
            "gives more than one of `quantity`, `per_bed` and `per_day`",
        ),
        (
            "per_bed: 1, spare: 20%",
            "per_bed: 1, spare: lots",
            "`lots` is not a percentage",
        ),
        (
            "{ item: Admissions log, per_day: 6 }",
            "{ item: Admissions log, per_day: 6, hours: 4 }",
            "has no `per_bed`",
        ),
    ] {
        let trust = kit_trust();
        trust.edit("wards/ward-a.yaml", from, to);
        let run = trust.run(&["check", "--today", "2026-02-01"]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(
            run.stderr.contains(message),
            "{message:?} not in:\n{}",
            run.stderr
        );
        assert!(
            run.stderr.contains("--> procedures/wards/ward-a.yaml:"),
            "{}",
            run.stderr
        );
        assert_eq!(run.stderr.matches("error[").count(), 1, "{}", run.stderr);
    }
}

// A ward's cover says where its downtime PC is, its buddy ward's when it has none, and the
// site's master PC; the equipment checks are located.
#[test]
fn downtime_pcs_on_the_cover_and_checked() {
    let trust = kit_trust();
    trust.edit("sites/north.yaml", "equipment:\n", "equipment:\n  - { kind: master-pc, location: Flow office, asset: N-0001, power: emergency }\n");
    trust.edit("wards/ward-b.yaml", "roles:", "equipment:\n  - { kind: downtime-pc, location: Ward B desk, asset: N-0201, power: ordinary }\nroles:");
    trust.edit("wards/ward-a.yaml", "roles:", "buddy: ward-b\nroles:");
    let run = trust.run(&["build", "--format", "md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let cover = trust.read("north/ward-a.md");
    assert!(cover.contains("**Your downtime PC:** Ward A station (red socket). **If it fails, use Ward B's:** Ward B desk (asset N-0201, ordinary socket: lost in a power cut). **Master PC (every ward's lists):** Flow office (asset N-0001, red socket)."), "{cover}");
    let hospital = trust.read("north/_hospital.md");
    assert!(
        hospital
            .contains("| Ward A | Standalone downtime PC | Ward A station (red socket) | Ward B |"),
        "{hospital}"
    );
    assert!(hospital.contains("| Ward B | Standalone downtime PC | Ward B desk (asset N-0201, ordinary socket: lost in a power cut) |  |"), "{hospital}");
    let run = trust.run(&["check", "--today", "2026-02-01"]);
    assert!(run.stderr.contains("warning[pc-on-ordinary-power]: the downtime PC at Ward B desk is on an ordinary socket"), "{}", run.stderr);
    assert!(
        !run.stderr.contains("no-downtime-pc"),
        "ward A has a buddy with a PC: {}",
        run.stderr
    );

    trust.edit("wards/ward-a.yaml", "buddy: ward-b", "buddy: ward-a");
    let run = trust.run(&["check", "--today", "2026-02-01"]);
    assert!(
        run.stderr
            .contains("error[buddy-is-self]: ward `ward-a` is its own buddy"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("--> procedures/wards/ward-a.yaml:"),
        "{}",
        run.stderr
    );
    trust.edit("wards/ward-a.yaml", "buddy: ward-a\n", "");
    trust.edit(
        "wards/ward-a.yaml",
        "  - { kind: downtime-pc, location: Ward A station, power: emergency }\n",
        "",
    );
    let run = trust.run(&["check", "--today", "2026-02-01"]);
    assert!(
        run.stderr.contains(
            "warning[no-downtime-pc]: ward `ward-a` has no downtime PC and no buddy ward"
        ),
        "{}",
        run.stderr
    );
}

// Reserved number blocks: printed beside the step that hands them out and in the hospital
// pack; a block that overlaps another anywhere in the trust is one error naming both.
#[test]
fn reserved_numbers_printed_and_never_overlap() {
    let trust = kit_trust();
    trust.edit(
        "wards/ward-a.yaml",
        "roles:",
        "numbering:\n  - { from: DT-0001, to: DT-0100, for: new admissions }\nroles:",
    );
    trust.edit(
        "sites/north.yaml",
        "equipment:\n",
        "numbering:\n  - { from: DT-0101, to: DT-0200, for: site registrations }\nequipment:\n",
    );
    trust.edit(
        "fallbacks/records-downtime.yaml",
        "      do: Log every admission on paper.\n",
        "      do: Log every admission on paper.\n      numbers: true\n",
    );
    let run = trust.run(&["build", "--format", "md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ward = trust.read("north/ward-a.md");
    assert!(ward.contains("  - Reserved numbers: DT-0001 to DT-0100 (new admissions). Cross each one off as you use it."), "{ward}");
    assert!(
        !ward.contains("DT-0101"),
        "a ward with its own block does not hand out the site's: {ward}"
    );
    let hospital = trust.read("north/_hospital.md");
    assert!(
        hospital.contains("| North Hospital | DT-0101 | DT-0200 | site registrations |"),
        "{hospital}"
    );
    assert!(
        hospital.contains("| Ward A | DT-0001 | DT-0100 | new admissions |"),
        "{hospital}"
    );

    trust.edit("sites/north.yaml", "from: DT-0101", "from: DT-0050");
    let run = trust.run(&["check", "--today", "2026-02-01"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("error[overlapping-ranges]: reserved numbers DT-0050 to DT-0200 (site `north`) overlap DT-0001 to DT-0100 (ward `ward-a`)"), "{}", run.stderr);
    assert!(
        run.stderr.contains("--> procedures/sites/north.yaml:"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("error[").count(), 1, "{}", run.stderr);

    trust.edit("sites/north.yaml", "to: DT-0200", "to: DT-200");
    let run = trust.run(&["check", "--today", "2026-02-01"]);
    assert!(
        run.stderr
            .contains("error[bad-range]: `DT-0050` to `DT-200` is not a range of numbers"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("same prefix and number of digits"),
        "{}",
        run.stderr
    );
}

// A kit item that works out at none is an error, not a line saying 0.
#[test]
fn zero_kit_quantities_are_errors() {
    let trust = kit_trust();
    trust.edit(
        "wards/ward-a.yaml",
        "per_bed: 1, spare: 20%",
        "per_bed: 0, spare: 20%",
    );
    let run = trust.run(&["check", "--today", "2026-02-01"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error[kit-rule]: `Tracking list` works out at none"),
        "{}",
        run.stderr
    );
}
