//! PDF packs read back with poppler-utils and qpdf (installed by .ci/run): pages, furniture,
//! contents numbers, text order, fonts, validity and reproducibility.

mod common;
use common::Trust;
use std::path::Path;
use std::process::Command;

fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} is needed for the PDF tests (apt-get install poppler-utils qpdf; .ci/run does): {e}"));
    assert!(
        out.status.success(),
        "{name} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn page_count(pdf: &Path) -> usize {
    let info = tool("pdfinfo", &[pdf.to_str().expect("utf-8 path")]);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo prints Pages")
}

/// Text of each page, in content-stream order (`-raw`), which is our layout order.
fn pages_text(pdf: &Path) -> Vec<String> {
    let text = tool(
        "pdftotext",
        &[
            "-raw",
            "-enc",
            "UTF-8",
            pdf.to_str().expect("utf-8 path"),
            "-",
        ],
    );
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

fn built() -> Trust {
    let trust = Trust::fixture("minimal");
    let run = trust.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    trust
}

// Every page names the ward and hospital, says "Page N of M", version and review date.
#[test]
fn every_page_has_furniture() {
    let trust = built();
    let pdf = trust.out().join("north/ward-a.pdf");
    let pages = pages_text(&pdf);
    let total = page_count(&pdf);
    assert!(total >= 4, "cover, contents and sections: {total} pages");
    assert_eq!(pages.len(), total);
    for (i, text) in pages.iter().enumerate() {
        assert!(
            text.contains("Ward A · North Hospital"),
            "page {} header:\n{text}",
            i + 1
        );
        assert!(
            text.contains(&format!("Page {} of {total}", i + 1)),
            "page {} number:\n{text}",
            i + 1
        );
        // Blank forms at the end of the pack carry their own id and version instead.
        let footer = if text.contains("of form tracking-list") {
            "Version 1.0 of form tracking-list · Review due 10 January 2027"
        } else {
            "Version 1.0 · Review due 10 July 2026"
        };
        assert!(text.contains(footer), "page {} footer:\n{text}", i + 1);
        assert!(text.contains("Uncontrolled when printed"), "page {}", i + 1);
    }
    assert!(pages[0].contains("Downtime pack: Ward A"), "cover first");
    assert!(
        pages[0].contains("without phones"),
        "emergency numbers on the cover"
    );
}

// Contents page numbers equal the pages the sections start on.
#[test]
fn contents_page_numbers_are_right() {
    let trust = built();
    let pages = pages_text(&trust.out().join("north/ward-a.pdf"));
    let contents = &pages[1];
    assert!(
        contents.contains("Contents"),
        "contents on page 2:\n{contents}"
    );
    let mut checked = 0;
    for line in contents.lines() {
        let Some((title, number)) = line.rsplit_once(' ') else {
            continue;
        };
        let Ok(page) = number.parse::<usize>() else {
            continue;
        };
        if line.starts_with("Page ") || line.starts_with("Version") {
            continue;
        }
        // An appended blank form is listed as "Form: <title>" and opens with its title.
        let title = title.strip_prefix("Form: ").unwrap_or(title);
        let target = &pages[page - 1];
        assert!(
            target.lines().any(|l| l.trim() == title.trim()),
            "{title:?} is not on page {page}:\n{target}"
        );
        for earlier in &pages[2..page - 1] {
            assert!(
                !earlier.lines().any(|l| l.trim() == title.trim()),
                "{title:?} appears before page {page}"
            );
        }
        checked += 1;
    }
    assert!(
        checked >= 8,
        "only {checked} contents entries checked:\n{contents}"
    );
}

// The PDF says everything the Markdown says, in the same order.
#[test]
fn all_markdown_text_is_in_the_pdf_in_order() {
    let trust = built();
    let markdown = trust.read("north/ward-a.md");
    let mut words: Vec<String> = Vec::new();
    for event in downtime::markdown::parser(&markdown) {
        if let pulldown_cmark::Event::Text(t) | pulldown_cmark::Event::Code(t) = event {
            // Punctuation split off by emphasis ("**desk**:") is glued to a word in the PDF.
            // Words may wrap after a hyphen in the PDF, so compare hyphen pieces.
            words.extend(
                t.split_whitespace()
                    .flat_map(downtime::typeset::lines::hyphen_pieces)
                    .filter(|w| w.chars().any(char::is_alphanumeric))
                    .map(str::to_string),
            );
        }
    }
    let pdf_words: Vec<String> = pages_text(&trust.out().join("north/ward-a.pdf"))
        .join(" ")
        .split_whitespace()
        .flat_map(downtime::typeset::lines::hyphen_pieces)
        .map(str::to_string)
        .collect();
    let mut at = 0;
    for word in &words {
        match pdf_words[at..]
            .iter()
            .position(|w| w.contains(word.as_str()))
        {
            Some(found) => at += found + 1,
            None => panic!("{word:?} missing from the PDF (or out of order) after word {at}"),
        }
    }
    assert!(
        words.len() > 150,
        "the ward pack has real content ({} words)",
        words.len()
    );
}

// qpdf finds no structural errors; fonts are embedded and subset; A4; metadata set.
#[test]
fn pdf_is_valid_a4_with_embedded_fonts() {
    let trust = built();
    let pdf = trust.out().join("north/_hospital.pdf");
    let path = pdf.to_str().expect("utf-8 path");
    let check = tool("qpdf", &["--check", path]);
    assert!(
        check.contains("No syntax or stream encoding errors"),
        "{check}"
    );
    let info = tool("pdfinfo", &[path]);
    assert!(info.contains("595.276 x 841.89 pts (A4)"), "{info}");
    assert!(
        info.contains("Title:           Hospital downtime pack: North Hospital"),
        "{info}"
    );
    assert!(
        info.contains("Author:          Test Valley NHS Trust"),
        "{info}"
    );
    let fonts = tool("pdffonts", &[path]);
    let dejavu: Vec<&str> = fonts.lines().filter(|l| l.contains("DejaVu")).collect();
    assert!(!dejavu.is_empty(), "{fonts}");
    for line in dejavu {
        assert!(line.contains(" yes yes "), "embedded and subset: {line}");
    }
}

// SOURCE_DATE_EPOCH sets the creation date; without it the pack's issue date is used.
#[test]
fn creation_date_comes_from_data_or_source_date_epoch() {
    let trust = Trust::fixture("minimal");
    assert_eq!(trust.run(&["build", "--ward", "ward-a"]).code, 0);
    let path = trust.out().join("north/ward-a.pdf");
    let info = tool("pdfinfo", &["-isodates", path.to_str().expect("utf-8")]);
    assert!(
        info.contains("CreationDate:    2026-01-15T00:00:00"),
        "{info}"
    );

    let first = trust.read_bytes("north/ward-a.pdf");
    let run = trust.run_env(
        &["build", "--ward", "ward-a"],
        &[("SOURCE_DATE_EPOCH", "1700000000")],
    );
    assert_eq!(run.code, 0);
    let info = tool("pdfinfo", &["-isodates", path.to_str().expect("utf-8")]);
    assert!(
        info.contains("CreationDate:    2023-11-14T22:13:20"),
        "{info}"
    );
    assert_ne!(first, trust.read_bytes("north/ward-a.pdf"));
}

// `downtime pdf` typesets any Markdown with the same furniture, warning about what it cannot show.
#[test]
fn pdf_command_typesets_any_markdown() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = common::fixtures().join("markdown/nasty.md");
    let out = dir.path().join("notice.pdf");
    let run = common::run_in(
        dir.path(),
        &[
            "pdf",
            input.to_str().expect("utf-8"),
            "-o",
            "notice.pdf",
            "--title",
            "Phones down notice",
        ],
        &[],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("warning[typesetting]") && run.stderr.contains("U+1F600"),
        "{}",
        run.stderr
    );
    let pages = pages_text(&out);
    assert!(pages.len() >= 5);
    assert!(pages.iter().all(|p| p.contains("Phones down notice")));
    let text = pages.join("\n");
    assert!(text.contains("Three-page table") && text.contains("raw html block"));
}

// The PDF outline has a bookmark per section, pointing at the page the section starts on.
#[test]
fn bookmarks_point_at_sections() {
    let trust = built();
    let pdf = trust.out().join("north/ward-a.pdf");
    let json = tool(
        "qpdf",
        &[
            "--json",
            "--json-key=outlines",
            pdf.to_str().expect("utf-8"),
        ],
    );
    let pages = pages_text(&pdf);
    let mut found = 0;
    let mut rest = json.as_str();
    while let Some(at) = rest.find("\"destpageposfrom1\": ") {
        rest = &rest[at + 20..];
        let page: usize = rest
            .split(',')
            .next()
            .and_then(|n| n.trim().parse().ok())
            .expect("page number");
        let title_at = rest.find("\"title\": \"").expect("title") + 10;
        let title = &rest[title_at..title_at + rest[title_at..].find('"').expect("end of title")];
        let title = title.strip_prefix("Form: ").unwrap_or(title);
        assert!(
            pages[page - 1].contains(title),
            "bookmark {title:?} -> page {page}"
        );
        found += 1;
    }
    assert!(found >= 9, "expected a bookmark per section, found {found}");
}

/// A word's box as `pdftotext -bbox` reads it back: (x0, y0, x1, y1, word).
type WordBox = (f32, f32, f32, f32, String);

/// Word boxes of each page of `pdf`.
fn word_boxes(pdf: &Path) -> Vec<Vec<WordBox>> {
    let xml = tool(
        "pdftotext",
        &["-bbox", pdf.to_str().expect("utf-8 path"), "-"],
    );
    let attr = |tag: &str, name: &str| -> f32 {
        let start = tag.find(&format!("{name}=\"")).expect("bbox attribute") + name.len() + 2;
        tag[start..]
            .split('"')
            .next()
            .and_then(|v| v.parse().ok())
            .expect("number")
    };
    (xml.split("<page ").skip(1))
        .map(|page| {
            (page.split("<word ").skip(1))
                .map(|w| {
                    let (tag, rest) = w.split_once('>').expect("word tag");
                    let word = rest.split("</word>").next().unwrap_or("").to_string();
                    (
                        attr(tag, "xMin"),
                        attr(tag, "yMin"),
                        attr(tag, "xMax"),
                        attr(tag, "yMax"),
                        word,
                    )
                })
                .collect()
        })
        .collect()
}

// Read back from the painted PDF: no two words of Ward 7's pack (with its appended forms,
// whose wrapped labels once ran into the next field) overlap on any page.
#[test]
fn painted_words_never_overlap() {
    let out = tempfile::tempdir().expect("temp dir");
    let procedures = Path::new(env!("CARGO_MANIFEST_DIR")).join("procedures");
    let run = common::run_in(
        out.path(),
        &[
            "build",
            "--procedures",
            procedures.to_str().expect("utf-8"),
            "--out",
            "out",
            "--format",
            "pdf",
            "--ward",
            "ward-7",
        ],
        &[],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pdf = out.path().join("out/riverside/ward-7.pdf");
    let pages = word_boxes(&pdf);
    assert!(pages.len() > 30, "{} pages", pages.len());
    for (p, words) in pages.iter().enumerate() {
        for (i, a) in words.iter().enumerate() {
            for b in &words[i + 1..] {
                let dx = a.2.min(b.2) - a.0.max(b.0);
                let dy = a.3.min(b.3) - a.1.max(b.1);
                assert!(
                    dx <= 1.0 || dy <= 1.0,
                    "page {}: {:?} overlaps {:?}",
                    p + 1,
                    a.4,
                    b.4
                );
            }
        }
    }
}
