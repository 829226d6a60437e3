//! The offline HTML viewer: self-contained pages, working links, escaped user text, and an
//! end-to-end search in headless Chromium from file:// with no network requests.

mod common;
use common::Trust;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The minimal trust with its outage scenarios, built once for every test of this binary
/// that only reads it (Chromium runs are the slow part). Ward B is renamed "Acorn Clinic"
/// so that a list by name and a list by id differ, and clinics "Ward 7" and "Ward 12" are
/// added so that a list by name as text and by name as people read it differ.
fn built() -> &'static Trust {
    static BUILT: std::sync::OnceLock<Trust> = std::sync::OnceLock::new();
    BUILT.get_or_init(|| {
        let trust = Trust::fixture("minimal");
        trust.overlay(&common::fixtures().join("scenarios"));
        // Two more wards whose names only sort right by number: "Ward 7" before "Ward 12".
        let clinic = std::fs::read_to_string(trust.procedures().join("wards/ward-b.yaml")).unwrap();
        for n in ["7", "12"] {
            let ward = clinic
                .replace("id: ward-b", &format!("id: ward-{n}"))
                .replace("name: Ward B", &format!("name: Ward {n}"));
            trust.write(&format!("wards/ward-{n}.yaml"), &ward);
        }
        trust.edit("wards/ward-b.yaml", "name: Ward B", "name: Acorn Clinic");
        // A routine task gives the wards a readiness log, appended to their packs like a form
        // but with a file name of its own, which the pack page must link to.
        trust.edit(
            "fallbacks/records-downtime.yaml",
            "phases:\n",
            "phases:\n  routine:\n    - { role: nurse-in-charge, do: Check the downtime box., every: 1d }\n",
        );
        let run = trust.run(&["build"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        trust
    })
}

/// A copy of the shared build's output that a test may change (axe-core is added to it).
fn output_copy(name: &str) -> PathBuf {
    let to = built().root().join(format!("copy-{name}"));
    common::copy_tree(&built().out(), &to);
    to
}

/// Every `href="..."` and `src="..."` in a page.
fn links(page: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = page;
        while let Some(at) = rest.find(attr) {
            rest = &rest[at + attr.len()..];
            out.push(rest[..rest.find('"').unwrap_or(0)].to_string());
        }
    }
    out
}

// Pages exist for every pack; every link resolves to a file in the output; nothing points off
// the machine (no CDN, no web fonts, no remote scripts).
#[test]
fn viewer_is_self_contained_and_links_resolve() {
    let trust = built();
    let html_files: Vec<PathBuf> = common::walk(&trust.out().join("_viewer"));
    let names: Vec<String> = html_files
        .iter()
        .map(|p| {
            p.strip_prefix(trust.out())
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    for expected in [
        "_viewer/index.html",
        "_viewer/_search.js",
        "_viewer/north/_home.html",
        "_viewer/north/ward-a/_home.html",
        "_viewer/north/ward-b/_home.html",
        "_viewer/coverage.html",
        "_viewer/north/_hospital.html",
        "_viewer/north/ward-a.html",
        "_viewer/north/ward-a/card-nurse-in-charge.html",
        "_viewer/north/_scenarios/power-cut/ward-a.html",
    ] {
        assert!(
            names.contains(&expected.to_string()),
            "{expected} missing: {names:?}"
        );
    }
    let mut checked = 0;
    for file in &html_files {
        let page = std::fs::read_to_string(file).unwrap();
        assert!(
            !page.contains("<link") && !page.contains("@import"),
            "{}: external stylesheet",
            file.display()
        );
        for link in links(&page) {
            assert!(
                !link.contains("://") && !link.starts_with("//"),
                "{}: off-machine link {link}",
                file.display()
            );
            let target = link.split('#').next().unwrap();
            if target.is_empty() {
                continue;
            }
            let resolved = file.parent().unwrap().join(target);
            assert!(resolved.exists(), "{}: broken link {link}", file.display());
            checked += 1;
            // A link to a section lands on it: the page has that anchor.
            if let Some((_, anchor)) = link.split_once('#').filter(|_| target.ends_with(".html")) {
                let linked = std::fs::read_to_string(&resolved).unwrap();
                assert!(
                    linked.contains(&format!(" id=\"{anchor}\"")),
                    "{}: {link} has no such section",
                    file.display()
                );
            }
        }
    }
    assert!(checked > 30, "checked {checked} links");
    let ward = trust.read("_viewer/north/ward-a.html");
    assert!(
        ward.contains("href=\"ward-a/_home.html\">This ward's home</a>"),
        "a ward's pack leads back to its home"
    );
    assert!(
        ward.contains("href=\"../../north/ward-a.pdf\">Printable PDF</a>"),
        "link to the PDF"
    );
    assert!(
        ward.contains("Blank form: Patient tracking list"),
        "links to blank forms"
    );
    assert!(
        ward.contains("href=\"../../north/ward-a/_readiness-log.pdf\">Blank form: Readiness log"),
        "the readiness log under its own name"
    );
    assert!(
        ward.contains("<h2 id=\"first-15-minutes\">"),
        "headings have anchors"
    );
    assert!(
        ward.contains("<input type=\"checkbox\" aria-label=\"done\">"),
        "tick boxes"
    );
}

// User text is escaped for HTML: a ward name with markup shows as text.
#[test]
fn user_text_is_escaped_for_html() {
    let trust = Trust::fixture("minimal");
    trust.edit(
        "wards/ward-a.yaml",
        "name: Ward A",
        "name: \"Ward <script>alert(1)</script> & <b>A</b>\"",
    );
    assert_eq!(trust.run(&["build", "--format", "md,html"]).code, 0);
    let page = trust.read("_viewer/north/ward-a.html");
    assert!(!page.contains("<script>alert"), "script injected");
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "escaped"
    );
    for page in [
        "_viewer/north/ward-a/_home.html",
        "_viewer/north/_home.html",
    ] {
        let home = trust.read(page);
        assert!(!home.contains("<script>alert"), "{page}: script injected");
        assert!(
            home.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{page}: escaped"
        );
    }
}

fn chromium() -> &'static str {
    for candidate in ["chromium", "chromium-browser", "google-chrome"] {
        if Command::new(candidate).arg("--version").output().is_ok() {
            return candidate;
        }
    }
    panic!(
        "headless Chromium is needed for the viewer test (apt-get install chromium; .ci/run does)"
    );
}

/// Load a page in headless Chromium and return the DOM after its scripts ran, with every
/// network request logged to `netlog`.
fn dump_dom(url: &str, netlog: &Path, profile: &Path) -> String {
    let out = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,MediaRouter,Translate",
            "--disable-domain-reliability",
            "--disable-client-side-phishing-detection",
            "--no-default-browser-check",
            // Nothing may leave this machine, not even Chromium's own background checks.
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost",
            "--proxy-server=127.0.0.1:9",
            "--allow-file-access-from-files",
            // Let scripts that finish asynchronously (axe-core) finish before the DOM is read.
            "--virtual-time-budget=10000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--log-net-log={}", netlog.display()))
        .arg("--dump-dom")
        .arg(url)
        .output()
        .expect("run chromium");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A viewer page of the shared build as `file://` URL, with `fragment` after `#`.
fn url(page: &str, fragment: &str) -> String {
    let path = built()
        .out()
        .join("_viewer")
        .join(page)
        .canonicalize()
        .unwrap();
    format!("file://{}#{fragment}", path.display())
}

/// The DOM of a shared viewer page after its scripts ran, each run with a profile and net log
/// of its own (`name`).
fn dom(page: &str, fragment: &str, name: &str) -> String {
    let root = built().root();
    dump_dom(
        &url(page, fragment),
        &root.join(format!("netlog-{name}.json")),
        &root.join(format!("profile-{name}")),
    )
}

/// The search results in a DOM: each link and the pack it is in.
fn results(dom: &str) -> Vec<String> {
    let Some(start) = dom.find("<ol id=\"results\"") else {
        return Vec::new();
    };
    let list = &dom[start..dom[start..].find("</ol>").map_or(dom.len(), |e| start + e)];
    list.split("<li>").skip(1).map(str::to_string).collect()
}

// End to end in a real browser, from file://: searching the whole trust from the start page
// finds the procedure, and the page made no request that left the machine.
#[test]
fn search_works_offline_in_chromium() {
    let trust = built();
    let netlog = trust.root().join("netlog.json");
    let profile = trust.root().join("profile");
    let dom = dump_dom(&url("index.html", "q=emergency+mobile"), &netlog, &profile);
    assert!(dom.contains("id=\"results\""), "page loaded: {dom:.500}");
    assert!(
        dom.contains("for \"emergency mobile\""),
        "search ran: {dom:.2000}"
    );
    assert!(
        dom.contains("href=\"north/ward-a.html#no-phones\""),
        "the No phones procedure is found:\n{dom:.3000}"
    );
    // Every request the page itself started (Chromium's own background jobs have no origin).
    let log: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&netlog).expect("net log"))
            .expect("net log is JSON");
    let start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
        .as_u64()
        .expect("event type");
    let from_page: Vec<String> = log["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter(|e| e["type"].as_u64() == Some(start_job))
        .filter(|e| e["params"]["initiator"].as_str() != Some("not an origin"))
        .filter_map(|e| e["params"]["url"].as_str().map(str::to_string))
        .filter(|url| !url.starts_with("file://"))
        .collect();
    assert!(from_page.is_empty(), "the page requested: {from_page:?}");
    // A trust-wide search reads the two trust-wide parts, not each hospital's: the scripts
    // it added to the page.
    let parts: Vec<&str> = (dom.split("<script src=\"").skip(1))
        .filter_map(|s| s.split('"').next()?.strip_prefix("search/"))
        .collect();
    assert_eq!(parts, ["_hospitals.js", "_trust.js"], "{dom:.1000}");
}

// Start by place: the start page lists the hospitals (and no ward, so it does not grow with
// them), a hospital's home lists its wards by name with their kind, each leading to the
// ward's home.
#[test]
fn start_by_place_in_chromium() {
    let start = dom("index.html", "", "start");
    assert!(
        start.contains("<a href=\"north/_home.html\">North Hospital</a>"),
        "{start:.3000}"
    );
    assert!(
        !start.contains("Acorn Clinic") && !start.contains("ward-a"),
        "the start page names no ward: {start:.3000}"
    );
    let hospital = dom("north/_home.html", "", "hospital");
    let acorn = hospital
        .find("<a href=\"ward-b/_home.html\">Acorn Clinic</a></td><td>Outpatient clinic</td>")
        .unwrap_or_else(|| panic!("Acorn Clinic, with its kind: {hospital:.3000}"));
    let ward = |id: &str, name: &str| {
        hospital
            .find(&format!("<a href=\"{id}/_home.html\">{name}</a>"))
            .unwrap_or_else(|| panic!("{name}: {hospital:.3000}"))
    };
    let (ward_7, ward_12, ward_a) = (
        ward("ward-7", "Ward 7"),
        ward("ward-12", "Ward 12"),
        ward("ward-a", "Ward A"),
    );
    assert!(acorn < ward_a, "wards by name, not by id");
    assert!(
        acorn < ward_7 && ward_7 < ward_12 && ward_12 < ward_a,
        "numbers in names by value: Ward 7 before Ward 12"
    );
    assert!(hospital.contains("href=\"../index.html\">All hospitals</a>"));
    let home = dom("north/ward-a/_home.html", "", "home");
    assert!(home.contains("<h1>Ward A</h1>"), "{home:.2000}");
    assert!(
        home.contains("href=\"../_home.html\">North Hospital</a>"),
        "back up to the hospital: {home:.2000}"
    );
}

// A ward's home answers "What is down?" for each single system the ward uses (and no other)
// and each outage that reaches it: what is lost, the ward's fallback steps, the forms to
// print and whom to call without phones; and it lists the action cards and the forms.
#[test]
fn ward_home_answers_what_is_down_in_chromium() {
    let home = dom("north/ward-a/_home.html", "", "answers");
    let answer = |id: &str| -> String {
        let start = home
            .find(&format!("<details id=\"{id}\""))
            .unwrap_or_else(|| panic!("no answer {id}: {home:.3000}"));
        let end = start + home[start..].find("</details>").expect("answer ends");
        home[start..end].to_string()
    };
    let records = answer("system-records");
    for expected in [
        "Patient records is down</summary>",
        "What you lose:",
        "Print the patient list from the downtime PC",
        "href=\"../../../north/ward-a/form-tracking-list.pdf\"",
        "Who to call without phones:",
        "Mobile",
        "href=\"../ward-a.html#patient-records-is-down\"",
    ] {
        assert!(records.contains(expected), "{expected}: {records}");
    }
    answer("system-phones");
    // Whom to call and the recovery checklist, in the ward's pack, before the answers (the
    // links are checked to land on their sections in viewer_is_self_contained_and_links_resolve).
    let down = home.find("id=\"down-heading\"").expect("What is down?");
    for link in [
        "href=\"../ward-a.html#emergency-contacts\">Emergency contacts</a>",
        "href=\"../ward-a.html#recovery-checklist\">Systems back: recovery checklist</a>",
    ] {
        let at = (home.find(link)).unwrap_or_else(|| panic!("{link}: {home:.3000}"));
        assert!(at < down, "{link} comes after the answers");
    }
    let pack = built().read("_viewer/north/ward-a.html");
    for anchor in ["emergency-contacts", "recovery-checklist"] {
        assert!(
            pack.contains(&format!(" id=\"{anchor}\"")),
            "no section {anchor}"
        );
    }
    let outage = answer("scenario-phones-down");
    assert!(
        outage.contains("href=\"../_scenarios/phones-down/ward-a.html\""),
        "{outage}"
    );
    assert!(
        home.contains("href=\"card-nurse-in-charge.html\">Action card: Nurse in charge</a>"),
        "{home:.5000}"
    );
    assert!(
        home.contains("Forms to print</h2>") && home.contains("form-tracking-list.pdf\">"),
        "{home:.5000}"
    );
    let clinic = dom("north/ward-b/_home.html", "", "answers-b");
    assert!(
        clinic.contains("<details id=\"system-records\""),
        "{clinic:.3000}"
    );
    assert!(
        !clinic.contains("<details id=\"system-phones\""),
        "a system the ward does not use: {clinic:.3000}"
    );
    for page in [&home, &clinic] {
        for developer in ["YAML", "yaml", "rebuild", "downtime build", "generated"] {
            assert!(!page.contains(developer), "{developer} on a nurse's page");
        }
    }
}

// Search on a ward's home is scoped to the ward's pack; one click widens it to the hospital
// or the whole trust; results name the pack and the section.
#[test]
fn search_is_scoped_in_chromium() {
    let ward = dom("north/ward-a/_home.html", "q=records", "scope-ward");
    let hospital = dom(
        "north/ward-a/_home.html",
        "q=records&scope=north/",
        "scope-hospital",
    );
    let trustwide = dom("north/ward-a/_home.html", "q=records&scope=", "scope-trust");
    let (ward, hospital, trustwide) = (results(&ward), results(&hospital), results(&trustwide));
    assert!(!ward.is_empty(), "nothing found in the ward's pack");
    assert!(
        ward.iter()
            .all(|r| r.starts_with("<a href=\"../../north/ward-a.html#")),
        "outside the ward's pack: {ward:?}"
    );
    assert!(
        ward[0].contains("</a><span> — Downtime pack: Ward A</span>"),
        "the pack by name: {}",
        ward[0]
    );
    assert!(
        hospital.iter().any(|r| r.contains("north/ward-b.html#")),
        "{hospital:?}"
    );
    assert!(
        !hospital.iter().any(|r| r.contains("coverage.html")),
        "{hospital:?}"
    );
    assert!(
        trustwide.iter().any(|r| r.contains("coverage.html")),
        "{trustwide:?}"
    );
    assert!(trustwide.len() > hospital.len() && hospital.len() > ward.len());
    // Widened, the ward's own sections still come first among equally good ones; across the
    // trust each result names its hospital too.
    assert!(
        hospital[0].starts_with("<a href=\"../../north/ward-a.html#"),
        "{}",
        hospital[0]
    );
    assert!(
        trustwide
            .iter()
            .all(|r| r.contains(", North Hospital</span>") || r.contains("coverage.html")),
        "{trustwide:?}"
    );
    let radio = "<input type=\"radio\" name=\"scope\"";
    let page = built().read("_viewer/north/ward-a/_home.html");
    assert!(
        page.contains(&format!("{radio} value=\"north/ward-a.html\" checked>")),
        "the ward is the default"
    );
}

// The keyboard: the search box is among the first things Tab reaches, and Enter in it opens
// the first result.
#[test]
fn keyboard_search_opens_with_enter_in_chromium() {
    let copy = output_copy("keyboard");
    let page = copy.join("_viewer/north/ward-a/_home.html");
    let html = std::fs::read_to_string(&page).unwrap();
    // Tab order is document order (no positive tabindex): count what comes before the box.
    let press = r#"<script>
window.addEventListener('load', () => {
  const box = document.getElementById('q');
  box.value = 'patient list';
  box.dispatchEvent(new Event('input'));
  setTimeout(() => box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })), 500);
});
</script></body>"#;
    assert!(
        !html.contains("tabindex=\"1"),
        "a positive tabindex changes the order"
    );
    std::fs::write(&page, html.replace("</body>", press)).unwrap();
    let before = html.find("id=\"q\"").unwrap();
    // A group of radio buttons is one stop: arrow keys move within it.
    let head = &html[..before];
    let stops = ["<a href=", "<select", "<summary"]
        .iter()
        .map(|tag| head.matches(tag).count())
        .sum::<usize>()
        + usize::from(head.contains("type=\"radio\""));
    assert!(stops <= 3, "{stops} stops before the search box: {head}");
    let url = format!("file://{}", page.canonicalize().unwrap().display());
    let dom = dump_dom(&url, &copy.join("netlog.json"), &copy.join("profile"));
    assert!(
        dom.contains("<title>Downtime pack: Ward A</title>"),
        "Enter opened the first result: {dom:.1000}"
    );
}

// `export-viewer` copies the viewer and the PDFs into a folder of their own in which every link
// of every page resolves, PDFs included, with no Markdown and no build bookkeeping; it never
// writes into a folder that is not empty.
#[test]
fn exported_viewer_stands_alone() {
    let trust = built();
    let usb = trust.root().join("usb");
    let run = trust.run(&["export-viewer", "usb"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let files = common::walk(&usb);
    assert!(
        files.iter().any(|f| f.ends_with("north/ward-a.pdf")),
        "{files:?}"
    );
    assert!(
        !files
            .iter()
            .any(|f| f.extension().is_some_and(|e| e == "md")),
        "Markdown copied"
    );
    assert!(
        !files
            .iter()
            .any(|f| f.to_string_lossy().contains(".downtime")),
        "bookkeeping copied"
    );
    let mut pdf_links = 0;
    for page in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "html"))
    {
        let html = std::fs::read_to_string(page).unwrap();
        for link in links(&html) {
            let target = link.split('#').next().unwrap();
            if target.is_empty() {
                continue;
            }
            let resolved = page.parent().unwrap().join(target);
            assert!(
                resolved.is_file(),
                "{}: {link} does not resolve in the export",
                page.display()
            );
            pdf_links += usize::from(target.ends_with(".pdf"));
        }
    }
    assert!(pdf_links > 0, "no PDF link was checked");
    let again = trust.run(&["export-viewer", "usb"]);
    assert_eq!(again.code, 1, "{}", again.stderr);
    assert!(again.stderr.contains("is not empty"), "{}", again.stderr);
}

/// axe-core, the accessibility engine, as `.ci/run` fetches it (a pinned, checksummed release).
fn axe_core() -> PathBuf {
    let path = std::env::var_os("DOWNTIME_AXE")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let home = std::env::var_os("HOME")
                .map(PathBuf::from)
                .unwrap_or_default();
            home.join(".cache/downtime-ci/axe-core-4.10.3/axe.min.js")
        });
    assert!(
        path.is_file(),
        "axe-core is needed for the accessibility test: run .ci/run, or set DOWNTIME_AXE to axe.min.js ({} not found)",
        path.display()
    );
    path
}

// WCAG 2.1 A and AA, as axe-core judges them in Chromium, on the start page, a hospital's and
// a ward's home (with every answer open), a ward's pack and the hospital pack: no violations.
#[test]
fn viewer_pages_pass_axe_in_chromium() {
    let copy = output_copy("axe");
    let viewer = copy.join("_viewer");
    std::fs::copy(axe_core(), viewer.join("axe.min.js")).expect("copy axe-core");
    for (page, up) in [
        ("index.html", ""),
        ("north/_home.html", "../"),
        ("north/ward-a/_home.html", "../../"),
        ("north/ward-a.html", "../"),
        ("north/_hospital.html", "../"),
    ] {
        let path = viewer.join(page);
        let html = std::fs::read_to_string(&path).expect("viewer page");
        let run_axe = format!(
            "<script src=\"{up}axe.min.js\"></script><script>window.addEventListener('load', function () {{ for (const d of document.querySelectorAll('details')) d.open = true; axe.run(document, {{ runOnly: {{ type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }} }}).then(function (r) {{ var out = document.createElement('pre'); out.id = 'axe-result'; out.textContent = JSON.stringify(r.violations.map(function (v) {{ return [v.id, v.impact, v.nodes.map(function (n) {{ return n.target.join(' '); }})]; }})); document.body.appendChild(out); }}); }});</script></body>"
        );
        std::fs::write(&path, html.replace("</body>", &run_axe)).expect("write page");
        let url = format!("file://{}", path.canonicalize().unwrap().display());
        let profile = copy.join(format!("profile-{}", page.replace('/', "-")));
        let dom = dump_dom(&url, &copy.join("netlog-axe.json"), &profile);
        let start = dom
            .find("<pre id=\"axe-result\">")
            .unwrap_or_else(|| panic!("axe ran on {page}: {dom:.500}"));
        let result = &dom[start + "<pre id=\"axe-result\">".len()..];
        let result = &result[..result.find("</pre>").expect("result ends")];
        assert_eq!(result, "[]", "WCAG violations on {page}");
    }
}

// Protects the start page's size at any trust's size: the search index is a script per
// hospital, loaded when a search needs it, not embedded in the start page; a trust-wide
// search loads every hospital's sections from one part that stores each sentence once.
#[test]
fn search_index_is_split_by_hospital() {
    let trust = built();
    let viewer = trust.out().join("_viewer");
    let part = |name: &str| std::fs::read_to_string(viewer.join("search").join(name)).unwrap();
    let start = std::fs::read_to_string(viewer.join("index.html")).unwrap();
    let (north, whole_trust, hospitals) =
        (part("north.js"), part("_trust.js"), part("_hospitals.js"));
    let text = "Print the patient list from the downtime PC";
    assert!(
        north.starts_with("// Generated by downtime")
            && north.contains("\ndowntimeShard(\"north\",["),
        "{north:.300}"
    );
    assert!(
        !start.contains(text),
        "the start page embeds no section text"
    );
    assert!(
        !whole_trust.contains(text),
        "a ward's sections are in its hospital's part"
    );
    assert!(whole_trust.contains("coverage.html"), "{whole_trust:.300}");
    // The sentence is in several wards' packs, and stored once in each part that has them.
    let packs = ["north/ward-a.md", "north/ward-7.md", "north/ward-12.md"];
    assert!(
        packs.iter().all(|p| trust.read(p).contains(text)),
        "{packs:?}"
    );
    assert_eq!(north.matches(text).count(), 1, "{north:.3000}");
    assert_eq!(hospitals.matches(text).count(), 1, "{hospitals:.3000}");
    for page in [
        "north/ward-a.html",
        "north/ward-7.html",
        "north/_hospital.html",
    ] {
        assert!(
            hospitals.contains(&format!("\"{page}\"")),
            "{page} in _hospitals.js"
        );
    }
    assert!(!hospitals.contains("coverage.html"), "{hospitals:.300}");
    let script = std::fs::read_to_string(viewer.join("_search.js")).unwrap();
    for names in [
        "const HOSPITALS = {\"north\":\"North Hospital\"};",
        "const TRUST = [\"_hospitals\",\"_trust\"];",
    ] {
        assert!(script.contains(names), "{names}: {script:.300}");
    }
}

// The search index parts are written a hospital at a time from sections kept on disk, and a
// rebuild takes a reused pack's sections from the previous part: after one ward changes, the
// parts are byte-for-byte those of a fresh build, and no scratch file is left behind.
#[test]
fn rebuilt_search_index_equals_a_fresh_one() {
    let trust = Trust::fixture("minimal");
    assert_eq!(trust.run(&["build", "--format", "md,html"]).code, 0);
    trust.edit(
        "wards/ward-b.yaml",
        "location: Floor 2",
        "location: Floor 3",
    );
    let again = trust.run(&["build", "--format", "md,html"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(
        !again.stderr.contains("(0 unchanged"),
        "ward A was reused: {}",
        again.stderr
    );
    let fresh = trust.run(&["build", "--format", "md,html", "--out", "fresh"]);
    assert_eq!(fresh.code, 0, "{}", fresh.stderr);
    for part in ["north.js", "_trust.js", "_hospitals.js"] {
        let rebuilt = trust.read(&format!("_viewer/search/{part}"));
        let from_scratch =
            std::fs::read_to_string(trust.root().join("fresh/_viewer/search").join(part)).unwrap();
        assert!(
            part == "_trust.js" || rebuilt.contains("Print the patient list"),
            "{rebuilt:.300}"
        );
        assert_eq!(rebuilt, from_scratch, "{part} differs after a rebuild");
    }
    let home = trust.read("_viewer/north/ward-b/_home.html");
    assert!(home.contains("Floor 3"), "the ward's home is rebuilt too");
    let leftovers: Vec<PathBuf> = common::walk(&trust.out())
        .into_iter()
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(".downtime-tmp")
        })
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
