//! Outage scenarios: blast radius over fixture graphs (diamond, deep chain, a component nothing
//! depends on, a scenario that fails everything), fallbacks checked against the outage, and
//! scenario packs.

mod common;
use common::Trust;
use serde_json::Value;

fn scenario_trust() -> Trust {
    let trust = Trust::fixture("minimal");
    trust.overlay(&common::fixtures().join("scenarios"));
    trust
}

fn impact(trust: &Trust, ids: &[&str]) -> Value {
    let mut args = vec!["impact", "--format", "json"];
    args.extend_from_slice(ids);
    let run = trust.run(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("impact prints JSON")
}

fn lost_ids(report: &Value) -> Vec<String> {
    report["lost"]
        .as_array()
        .expect("lost")
        .iter()
        .map(|l| l["id"].as_str().expect("id").to_string())
        .collect()
}

// A scenario that fails everything: every component lost, through the diamond and the chain.
#[test]
fn power_cut_takes_everything_down() {
    let trust = scenario_trust();
    assert_eq!(trust.run(&["check", "--today", "2026-02-01"]).code, 0);
    let report = impact(&trust, &["power-cut"]);
    let mut lost = lost_ids(&report);
    lost.sort();
    let mut all: Vec<&str> = vec!["power", "network", "datacentre", "records", "phones"];
    all.extend([
        "hop-1", "hop-2", "hop-3", "hop-4", "hop-5", "hop-6", "hop-7", "hop-8",
    ]);
    all.sort();
    assert_eq!(
        lost, all,
        "everything but the spare link, which depends on nothing failing"
    );
    // Most critical first: both tier-1 systems, the shorter tolerable outage first.
    assert_eq!(report["lost"][0]["id"], "phones");
    assert_eq!(report["lost"][1]["id"], "records");
    // The deep chain is reported link by link.
    let path: Vec<&str> = report["lost"][0]["path"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert_eq!(
        path,
        [
            "phones", "hop-8", "hop-7", "hop-6", "hop-5", "hop-4", "hop-3", "hop-2", "hop-1",
            "network", "power"
        ]
    );
    // Through the diamond, records is lost once, via the first dependency.
    let records_path = &report["lost"][1]["path"];
    assert_eq!(records_path.as_array().unwrap().len(), 3, "{records_path}");
    // Both wards affected, ward A (phones, 15 minutes) first.
    let wards = report["sites"][0]["wards"].as_array().unwrap();
    assert_eq!(wards.len(), 2);
    assert_eq!(wards[0]["id"], "ward-a");
    assert_eq!(wards[0]["shortest_tolerable_minutes"], 15);
}

// A component nothing depends on takes down only itself, and affects no ward.
#[test]
fn spare_link_affects_nothing() {
    let trust = scenario_trust();
    let report = impact(&trust, &["spare-link"]);
    assert_eq!(lost_ids(&report), ["spare-link"]);
    assert_eq!(report["sites"].as_array().unwrap().len(), 0);
    // One arm of the diamond does not take down the other arm.
    let report = impact(&trust, &["datacentre"]);
    assert_eq!(lost_ids(&report), ["records", "datacentre"]);
}

// Text output names the chain; unknown ids are usage errors.
#[test]
fn impact_text_and_errors() {
    let trust = scenario_trust();
    let run = trust.run(&["impact", "hop-3"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("phones -> hop-8 -> hop-7 -> hop-6 -> hop-5 -> hop-4 -> hop-3"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Ward A"));
    assert!(
        !run.stdout.contains("Ward B"),
        "ward B does not use the phones"
    );
    let bad = trust.run(&["impact", "nonsense"]);
    assert_eq!(bad.code, 2, "a usage error");
    assert!(
        bad.stderr.contains("`nonsense` is not a system"),
        "{}",
        bad.stderr
    );
}

// A fallback that relies on something its outage takes down is an error naming the scenario,
// procedure, step and chain: "phone the IT desk" when the phones are down.
#[test]
fn fallback_relying_on_lost_component_is_an_error() {
    let trust = Trust::broken("fallback-uses-phone");
    let run = trust.run(&["check"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!("fallback-uses-phone", run.stderr);
}

// A cascade contact with no route left in a scenario is an error.
#[test]
fn unreachable_contact_is_an_error() {
    let trust = Trust::broken("unreachable-contact");
    let run = trust.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("error[unreachable-in-scenario]: in scenario `network-down`, contact `north-site-manager`"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("procedures/sites/north.yaml:14:43 at `cascade[0].contacts[0]`"),
        "{}",
        run.stderr
    );
}

// Scenario packs: one per hospital, one per affected ward only, with lost routes marked.
#[test]
fn scenario_packs_show_only_what_is_down() {
    let trust = scenario_trust();
    let run = trust.run(&["build", "--format", "md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let files: Vec<String> = trust
        .output_files()
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| p.contains("scenarios/"))
        .collect();
    assert_eq!(
        files,
        [
            "north/_scenarios/phones-down/_hospital.md",
            "north/_scenarios/phones-down/ward-a.md",
            "north/_scenarios/power-cut/_hospital.md",
            "north/_scenarios/power-cut/ward-a.md",
            "north/_scenarios/power-cut/ward-b.md",
            "north/_scenarios/spare-link-cut/_hospital.md",
        ]
    );
    let pack = trust.read("north/_scenarios/phones-down/ward-a.md");
    insta::assert_snapshot!("phones-down-ward-a", pack);
    assert!(pack.contains("**not working in this outage:** Bleep 100"));
    assert!(
        !pack.contains("## Patient records is down"),
        "records still work"
    );
    assert!(
        pack.contains("- Patient records (tier 1)"),
        "listed under what still works"
    );
    let hospital = trust.read("north/_hospital.md");
    assert!(
        hospital.contains("| [Phones down](_scenarios/phones-down/_hospital.md) | DOWN | - |"),
        "{hospital}"
    );
    let spare = trust.read("north/_scenarios/spare-link-cut/_hospital.md");
    assert!(spare.contains("Not affected: Ward A, Ward B."), "{spare}");
}

// The example trust: the total network outage takes down every on-site system, and the
// mermaid/dot exports mark them DOWN.
#[test]
fn example_total_network_outage() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = common::run_in(
        root,
        &["impact", "--format", "json", "total-network-outage"],
        &[],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report: Value = serde_json::from_str(&run.stdout).expect("json");
    let lost = lost_ids(&report);
    for system in [
        "epr",
        "pacs",
        "pathology",
        "order-comms",
        "eprescribing",
        "ed-tracker",
        "theatres",
        "maternity",
        "pharmacy",
        "email",
        "telephony",
        "bed-management",
    ] {
        assert!(
            lost.contains(&system.to_string()),
            "{system} should be lost"
        );
    }
    assert!(
        !lost.contains(&"community-epr".to_string()),
        "the cloud community record is reached over 4G"
    );
    let wards: usize = report["sites"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["wards"].as_array().unwrap().len())
        .sum();
    assert_eq!(wards, 15);
    let graph = common::run_in(root, &["graph", "--scenario", "total-network-outage"], &[]);
    assert!(
        graph
            .stdout
            .contains("n_epr[\"DOWN: Electronic patient record (EPR)"),
        "{}",
        graph.stdout
    );
    assert!(graph.stdout.contains("n_epr --> n_core_network"));
    let dot = common::run_in(root, &["graph", "--format", "dot"], &[]);
    assert!(
        dot.stdout.starts_with("digraph dependencies {")
            && dot.stdout.contains("\"epr\" -> \"core-network\";")
    );
}

// Cascades are right for the ward: runner and radio routes of another site's contact are not
// printed, and a cascade line whose caller the ward does not have is left out.
#[test]
fn cascades_fit_the_ward() {
    let trust = scenario_trust();
    trust.write(
        "sites/south.yaml",
        "id: south
name: South Hospital
kind: community
address: 2 South Road
switchboard: \"01632 960 500\"
command_post: Room 9
contacts:
  - id: south-lead
    name: South lead
    role: site-manager
    verified: 2026-01-05
    routes:
      - { kind: runner, value: Room 9 at South }
      - { kind: radio, value: channel 9 }
cascade:
  - caller: nurse-in-charge
    contacts: [south-lead]
    when: at once
",
    );
    trust.edit(
        "sites/north.yaml",
        "contacts: [north-site-manager]",
        "contacts: [north-site-manager, south-lead]",
    );
    let run = trust.run(&["build", "--format", "md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ward = trust.read("north/ward-a.md");
    let cascade = &ward[ward.find("## Call cascade").expect("cascade")..];
    assert!(cascade.contains("**South lead**"), "{cascade}");
    assert!(
        !cascade.contains("Room 9 at South") && !cascade.contains("channel 9"),
        "another site's runner and radio:\n{cascade}"
    );
    assert!(
        !cascade.contains("### Site manager:"),
        "a line for a role the ward does not have:\n{cascade}"
    );
    let run = trust.run(&["check", "--today", "2026-02-01"]);
    assert!(run.stderr.contains("warning[no-local-route]: `ward-a` calls `south-lead`, whose only routes without phones lead to another site"), "{}", run.stderr);
}

// A scenario ward pack is complete on its own: the ward's notes on each lost system, what the
// failed infrastructure is, the kit and the forms in play, and the action cards with only the
// steps that apply in that outage.
#[test]
fn scenario_ward_packs_are_complete() {
    let trust = scenario_trust();
    let run = trust.run(&["build", "--format", "md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pack = trust.read("north/_scenarios/power-cut/ward-a.md");
    assert!(
        pack.contains("**On Ward A:** Whiteboard is copied at handover."),
        "{pack}"
    );
    let infra = &pack[pack
        .find("**Infrastructure down:**")
        .expect("infrastructure")..];
    assert!(infra.contains("- **Mains power** (power):"), "{infra}");
    let kit = &pack[pack.find("## Downtime kit and forms").expect("kit")..];
    assert!(kit.contains("| Tracking list | 5 |"), "{kit}");
    assert!(
        kit.contains("| Patient tracking list | tracking-list |"),
        "{kit}"
    );
    let card = &pack[pack.find("## Action card: Ward clerk").expect("cards")..];
    assert!(card.contains("Log every admission on paper."), "{card}");
}
