//! The offline HTML viewer: self-contained pages, working links, escaped user text, and an
//! end-to-end search in headless Chromium from file:// with no network requests.

mod common;
use common::Trust;
use std::path::{Path, PathBuf};
use std::process::Command;

fn built() -> Trust {
    let trust = Trust::fixture("minimal");
    trust.overlay(&common::fixtures().join("scenarios"));
    let run = trust.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    trust
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
        }
    }
    assert!(checked > 30, "checked {checked} links");
    let ward = trust.read("_viewer/north/ward-a.html");
    assert!(
        ward.contains("href=\"../../north/ward-a.pdf\">Printable PDF</a>"),
        "link to the PDF"
    );
    assert!(
        ward.contains("Blank form: Patient tracking list"),
        "links to blank forms"
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
    let start = trust.read("_viewer/index.html");
    assert!(!start.contains("<script>alert"));
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

// End to end in a real browser, from file://: searching finds the procedure, the scenario
// picker lists what is down, and the page made no request that left the machine.
#[test]
fn search_works_offline_in_chromium() {
    let trust = built();
    let index = trust
        .out()
        .join("_viewer/index.html")
        .canonicalize()
        .unwrap();
    let netlog = trust.root().join("netlog.json");
    let profile = trust.root().join("profile");
    let dom = dump_dom(
        &format!(
            "file://{}#q=emergency+mobile&scenario=phones-down",
            index.display()
        ),
        &netlog,
        &profile,
    );
    assert!(dom.contains("id=\"results\""), "page loaded: {dom:.500}");
    assert!(
        dom.contains("result") && dom.contains("for \"emergency mobile\""),
        "search ran: {dom:.2000}"
    );
    assert!(
        dom.contains("href=\"north/ward-a.html#no-phones\""),
        "the No phones procedure is found:\n{dom:.3000}"
    );
    assert!(
        dom.contains("Telephones") && dom.contains("north/_scenarios/phones-down/ward-a.html"),
        "picker shows the scenario packs"
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
}

// "What is down?" offers each single system as well as the scenarios: choosing one leads to
// that system's section in the pack of every ward that uses it.
#[test]
fn picker_offers_single_systems_in_chromium() {
    let trust = built();
    let index = trust
        .out()
        .join("_viewer/index.html")
        .canonicalize()
        .unwrap();
    let dom = dump_dom(
        &format!("file://{}#scenario=system:records", index.display()),
        &trust.root().join("netlog-systems.json"),
        &trust.root().join("profile-systems"),
    );
    assert!(
        dom.contains("<option value=\"system:phones\">Telephones is down</option>"),
        "{dom:.3000}"
    );
    assert!(
        dom.contains("href=\"north/ward-a.html#patient-records-is-down\""),
        "{dom:.4000}"
    );
    assert!(
        dom.contains("href=\"north/ward-b.html#patient-records-is-down\""),
        "{dom:.4000}"
    );
    assert!(
        !dom.contains("These files are generated"),
        "no developer text for a nurse"
    );
}

// Search can be narrowed to one ward's pack (a ward's page links to the start page with its
// scope set) or one hospital, and widened again to the whole trust.
#[test]
fn search_is_scoped_in_chromium() {
    let trust = built();
    let index = trust
        .out()
        .join("_viewer/index.html")
        .canonicalize()
        .unwrap();
    let ward_page = trust.read("_viewer/north/ward-a.html");
    assert!(
        ward_page
            .contains("href=\"../index.html#scope=north/ward-a.html\">Search this ward's pack</a>"),
        "{ward_page:.2000}"
    );
    let dom = |hash: &str, name: &str| {
        dump_dom(
            &format!("file://{}#{hash}", index.display()),
            &trust.root().join(format!("netlog-{name}.json")),
            &trust.root().join(format!("profile-{name}")),
        )
    };
    let ward = dom("q=records&scope=north/ward-a.html", "ward");
    let trustwide = dom("q=records", "trust");
    let results = |dom: &str| dom.matches("<li><a href=\"").count();
    assert!(results(&ward) > 0, "{ward:.3000}");
    assert!(
        !ward.contains("<li><a href=\"north/ward-b.html"),
        "ward B in ward A's search:\n{ward:.4000}"
    );
    assert!(
        trustwide.contains("<li><a href=\"north/ward-b.html"),
        "{trustwide:.4000}"
    );
    assert!(results(&trustwide) > results(&ward));
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

// WCAG 2.1 A and AA, as axe-core judges them in Chromium, on the start page, a ward's pack and
// the hospital pack: no violations.
#[test]
fn viewer_pages_pass_axe_in_chromium() {
    let trust = built();
    let viewer = trust.out().join("_viewer");
    std::fs::copy(axe_core(), viewer.join("axe.min.js")).expect("copy axe-core");
    for (page, up) in [
        ("index.html", ""),
        ("north/ward-a.html", "../"),
        ("north/_hospital.html", "../"),
    ] {
        let path = viewer.join(page);
        let html = std::fs::read_to_string(&path).expect("viewer page");
        let run_axe = format!(
            "<script src=\"{up}axe.min.js\"></script><script>window.addEventListener('load', function () {{ axe.run(document, {{ runOnly: {{ type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }} }}).then(function (r) {{ var out = document.createElement('pre'); out.id = 'axe-result'; out.textContent = JSON.stringify(r.violations.map(function (v) {{ return [v.id, v.impact, v.nodes.map(function (n) {{ return n.target.join(' '); }})]; }})); document.body.appendChild(out); }}); }});</script></body>"
        );
        std::fs::write(&path, html.replace("</body>", &run_axe)).expect("write page");
        let url = format!("file://{}", path.canonicalize().unwrap().display());
        let profile = trust
            .root()
            .join(format!("profile-{}", page.replace('/', "-")));
        let dom = dump_dom(&url, &trust.root().join("netlog-axe.json"), &profile);
        let start = dom
            .find("<pre id=\"axe-result\">")
            .unwrap_or_else(|| panic!("axe ran on {page}: {dom:.500}"));
        let result = &dom[start + "<pre id=\"axe-result\">".len()..];
        let result = &result[..result.find("</pre>").expect("result ends")];
        assert_eq!(result, "[]", "WCAG violations on {page}");
    }
}

// Protects the start page's size at any trust's size: the search index is a script per
// hospital, loaded when a search needs it, not embedded in the start page.
#[test]
fn search_index_is_split_by_hospital() {
    let trust = built();
    let viewer = trust.out().join("_viewer");
    let start = std::fs::read_to_string(viewer.join("index.html")).unwrap();
    let north = std::fs::read_to_string(viewer.join("search/north.js")).unwrap();
    let whole_trust = std::fs::read_to_string(viewer.join("search/_trust.js")).unwrap();
    let text = "Print the patient list from the downtime PC";
    assert!(
        north.contains("\ndowntimeShard(") && north.contains(text),
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
    assert!(
        start.contains("const SHARDS = [\"north\",\"_trust\"]"),
        "{start:.300}"
    );
}
