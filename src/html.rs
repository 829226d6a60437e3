//! Offline HTML viewer for the standalone downtime PC: every pack as a self-contained page
//! (no fonts, scripts or styles from anywhere else; works from `file://`), and the search
//! script the viewer's place pages share (see `viewer` for what the viewer holds).
//!
//! Markdown is turned into HTML by pulldown-cmark with the same parser options as the
//! typesetter. Raw HTML in the Markdown is shown as text, never passed through.

use crate::markdown;
use crate::pack::layout;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};
use serde::Serialize;
use std::path::Path;

/// One searchable section of one page.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct SearchEntry {
    /// Page title.
    pub page: String,
    /// Section heading.
    pub section: String,
    /// Link from the start page, with the section anchor.
    pub url: String,
    /// The section's text, for matching.
    pub text: String,
}

/// A page converted to HTML, with the sections it contributes to the search index.
pub struct Page {
    pub body: String,
    pub sections: Vec<SearchEntry>,
}

/// A stable anchor for a heading: lowercase words joined by hyphens.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push('-');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    if out.is_empty() {
        "section".into()
    } else {
        out
    }
}

/// Convert a pack's Markdown to an HTML fragment: headings get anchors, links to other packs'
/// `.md` files point at their `.html` pages, raw HTML is escaped.
pub fn convert(markdown_text: &str, title: &str, page_url: &str) -> Page {
    convert_in_runs(markdown_text, title, page_url, 64 * 1024)
}

/// [`convert`], parsing runs of blocks of at least `run` bytes at a time.
fn convert_in_runs(markdown_text: &str, title: &str, page_url: &str, run: usize) -> Page {
    let mut c = Converter {
        title,
        page_url,
        events: Blocks::default(),
        sections: Vec::new(),
        in_heading: None,
        heading_text: String::new(),
        used: Vec::new(),
    };
    // A run of blocks at a time: a large page's whole parse tree is never held at once.
    for run in markdown::runs(markdown_text, run) {
        for event in markdown::parser(run) {
            c.event(event);
        }
    }
    // A wide table scrolls sideways on a narrow screen: focusable, so it can be scrolled from
    // the keyboard too (WCAG 2.1.1; axe-core's scrollable-region-focusable).
    let body = c.events.body.replace("<table>", "<table tabindex=\"0\">");
    Page {
        body,
        sections: c.sections,
    }
}

/// The state of one conversion: the HTML so far, the search sections found, and the heading
/// being read (its anchor is known only at its end).
struct Converter<'t, 'a> {
    title: &'t str,
    page_url: &'t str,
    events: Blocks<'a>,
    sections: Vec<SearchEntry>,
    /// The level of the heading being read and where its start event is.
    in_heading: Option<usize>,
    heading_text: String,
    /// Anchors given so far: a repeated heading gets `-2`, `-3`...
    used: Vec<String>,
}

impl<'a> Converter<'_, 'a> {
    fn event(&mut self, event: Event<'a>) {
        match event {
            Event::Start(Tag::Heading {
                level,
                classes,
                attrs,
                ..
            }) => {
                self.in_heading = Some(self.events.block.len());
                self.heading_text.clear();
                self.events.push(Event::Start(Tag::Heading {
                    level,
                    id: None,
                    classes,
                    attrs,
                }));
            }
            Event::End(TagEnd::Heading(level)) => self.heading_end(level),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = if !dest_url.contains("://") && dest_url.ends_with(".md") {
                    CowStr::from(format!("{}.html", &dest_url[..dest_url.len() - 3]))
                } else {
                    dest_url
                };
                self.events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                let trimmed = html.trim();
                let ours = trimmed == markdown::PAGE_BREAK
                    || trimmed == markdown::TOC
                    || (trimmed.starts_with("<!--") && trimmed.ends_with("-->"));
                if !ours {
                    self.events.push(Event::Text(html));
                }
            }
            Event::Text(text) => self.text(text),
            Event::TaskListMarker(checked) => {
                // An unticked box that can be ticked on screen, labelled for screen readers.
                self.events.push(Event::InlineHtml(CowStr::from(if checked {
                    "<input type=\"checkbox\" checked aria-label=\"done\"> "
                } else {
                    "<input type=\"checkbox\" aria-label=\"done\"> "
                })));
            }
            other => self.events.push(other),
        }
    }

    /// Give the heading just read its anchor (unique on the page); headings down to level 3
    /// start a search section.
    fn heading_end(&mut self, level: HeadingLevel) {
        if let Some(at) = self.in_heading.take() {
            let base = slug(&self.heading_text);
            let mut id = base.clone();
            let mut n = 2;
            while self.used.contains(&id) {
                id = format!("{base}-{n}");
                n += 1;
            }
            self.used.push(id.clone());
            if let Event::Start(Tag::Heading { id: slot, .. }) = &mut self.events.block[at] {
                *slot = Some(CowStr::from(id.clone()));
            }
            if level <= HeadingLevel::H3 {
                self.sections.push(SearchEntry {
                    page: self.title.to_string(),
                    section: self.heading_text.clone(),
                    url: format!("{}#{id}", self.page_url),
                    text: String::new(),
                });
            }
        }
        self.events.push(Event::End(TagEnd::Heading(level)));
    }

    /// Text goes to the page, and to the heading being read or the current search section
    /// (its first 1,500 characters are enough to find it by).
    fn text(&mut self, text: CowStr<'a>) {
        if self.in_heading.is_some() {
            self.heading_text.push_str(&text);
        } else if let Some(section) = self.sections.last_mut() {
            if section.text.len() < 1500 {
                section.text.push_str(&text);
                section.text.push(' ');
            }
        }
        self.events.push(Event::Text(text));
    }
}

/// A page's HTML, written a top-level block (a paragraph, a list, a table) at a time: a large
/// pack's events are never all held at once. Between top-level blocks the HTML writer keeps
/// no state, so the HTML is the same as from one pass.
#[derive(Default)]
struct Blocks<'a> {
    body: String,
    /// The events of the block being read, until it ends.
    block: Vec<Event<'a>>,
    depth: usize,
}

impl<'a> Blocks<'a> {
    fn push(&mut self, event: Event<'a>) {
        match &event {
            Event::Start(_) => self.depth += 1,
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
        self.block.push(event);
        if self.depth == 0 {
            pulldown_cmark::html::push_html(&mut self.body, self.block.drain(..));
        }
    }
}

/// Escape text for HTML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    pulldown_cmark_escape::escape_html(&mut out, text).expect("writing to a String cannot fail");
    out
}

/// The stylesheet: readable at 200% zoom, visible focus, clean A4 print with the ward header.
pub const CSS: &str = r#"
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; font-size: 1.05rem; line-height: 1.5;
       margin: 0 auto; max-width: 60rem; padding: 0 1rem 3rem; color: #000; background: #fff; }
.pack-header { border-bottom: 2px solid #000; padding: .5rem 0; font-weight: bold; }
nav { margin: .5rem 0 1rem; }
nav a { margin-right: 1rem; }
a:focus-visible, input:focus-visible, select:focus-visible, button:focus-visible { outline: 3px solid #000; outline-offset: 2px; }
table { border-collapse: collapse; margin: 1rem 0; display: block; overflow-x: auto; }
th, td { border: 1px solid #000; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #e0e0e0; }
blockquote { border: 2px solid #000; border-left: 8px solid #000; margin: 1rem 0; padding: .25rem 1rem; }
li { margin: .2rem 0; }
input[type=checkbox] { width: 1.1rem; height: 1.1rem; }
footer { border-top: 1px solid #000; margin-top: 2rem; padding-top: .5rem; font-size: .9rem; }
.search input[type=search], .search select { font-size: 1.1rem; padding: .3rem; }
.scope { border: 1px solid #000; margin: .5rem 0; }
.scope label { margin-right: 1rem; white-space: nowrap; }
details { border: 1px solid #000; margin: .4rem 0; padding: .3rem .6rem; }
summary { font-weight: bold; cursor: pointer; }
.crumbs a { margin-right: 0; }
.results li { margin: .6rem 0; }
.snippet { font-size: .9rem; color: #333; }
.first a { font-weight: bold; font-size: 1.15rem; }
.draft { border: 3px solid #000; padding: .2rem .5rem; font-weight: bold; }
@media print {
  @page { size: A4; margin: 22mm 15mm 20mm 25mm; }
  body { max-width: none; font-size: 11pt; padding: 0; }
  nav, .search, .no-print { display: none; }
  details { border: none; }
  .pack-header { position: fixed; top: -14mm; left: 0; right: 0; font-size: 9.5pt; }
  h2 { break-after: avoid; }
  li, tr { break-inside: avoid; }
  a { color: #000; text-decoration: none; }
}
"#;

/// In the head of every viewer page: marks the file as generated, so a later build may
/// replace it (see `write::guard`).
pub const GENERATOR: &str = "<meta name=\"generator\" content=\"downtime\">";

/// One complete page.
pub fn page(
    title: &str,
    header: &str,
    footer: &str,
    nav: &str,
    body: &str,
    script: &str,
) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n{GENERATOR}\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<header class=\"pack-header\">{header}</header>\n<nav aria-label=\"Packs\">{nav}</nav>\n<main id=\"content\">\n{body}</main>\n<footer>{footer}</footer>\n{script}</body>\n</html>\n",
        title = escape(title),
        header = escape(header),
        footer = escape(footer),
    )
}

/// Navigation of a pack page at `page`: back to the start page, and its printable PDF.
pub fn pack_nav(page: &Path, markdown_path: &Path, has_pdf: bool) -> String {
    let start = Path::new(layout::VIEWER).join("index.html");
    let mut nav = format!(
        "<a href=\"{}\">All packs and search</a>",
        escape(&layout::relative(page, &start))
    );
    if has_pdf {
        let pdf = markdown_path.with_extension("pdf");
        nav.push_str(&format!(
            "<a href=\"{}\">Printable PDF</a>",
            escape(&layout::relative(page, &pdf))
        ));
    }
    nav
}

/// The first words of every script the viewer is made of: they tell a later build the file
/// is its own to replace, even when the output folder's manifest is gone.
pub const SCRIPT_MARKER: &str = "// Generated by downtime";

/// `_viewer/_search.js`, the search every viewer page with a search box loads. The index is
/// split into parts (see `viewer::search`): one per hospital (`search/<site>.js`), and the
/// two a trust-wide search loads. A part is loaded with `<script src>` when a search first
/// needs it: that works from `file://`, with no server and no network, and no page grows
/// with the trust's size. A page says where the viewer's top is in its search box's
/// `data-root`, as links in the index are from there.
///
/// A part stores each distinct string once (`viewer::search::compact`), so a search tests
/// each distinct sentence for the words once, then each section by the numbers of its
/// heading, its page's title and its text's sentences.
pub fn search_script(hospitals_json: &str, trust_json: &str) -> String {
    // No `<` in a script: user text in the JSON can never close a script element.
    let hospitals_json = hospitals_json.replace('<', "\\u003c");
    format!(
        r#"{SCRIPT_MARKER}: the offline viewer's search.
const HOSPITALS = {hospitals_json};
const TRUST = {trust_json};
const ROOT = document.querySelector('section.search').dataset.root;
const PARTS = {{}};
// A part as its script hands it over: chunks of new strings, new texts (lists of string
// numbers) and pages ([title, url, [[heading, anchor, text], ...]]).
function downtimeShard(name, chunks) {{
  const part = {{ strings: [], texts: [], pages: [] }};
  for (const [strings, texts, pages] of chunks) {{
    for (const s of strings) part.strings.push(s);
    for (const t of texts) part.texts.push(t);
    for (const p of pages) part.pages.push(p);
  }}
  part.lower = part.strings.map(s => s.toLowerCase());
  PARTS[name] = part;
}}
const loading = {{}};
function load(name) {{
  return loading[name] || (loading[name] = new Promise((done, failed) => {{
    const s = document.createElement('script');
    s.src = ROOT + 'search/' + encodeURIComponent(name) + '.js';
    s.onload = done; s.onerror = failed;
    document.head.append(s);
  }}));
}}
// The scope: a ward's pack (its page), a hospital (its folder, ending in /), or '' for the trust.
function scope() {{
  const radio = document.querySelector('input[name=scope]:checked');
  const list = document.getElementById('scope');
  return radio ? radio.value : (list ? list.value : '');
}}
// The parts a scope needs: its hospital's, or the trust-wide ones.
function needed(s) {{ const site = s.split('/')[0]; return s && site in HOSPITALS ? [site] : TRUST; }}
// Where this page is (a ward's pack or a hospital's folder: the narrowest scope it offers):
// its own results come first among equally good ones when the search is widened.
const HERE = (document.querySelector('input[name=scope]') || {{ value: '' }}).value;
let searches = 0;
function search(query) {{
  const token = ++searches;
  const names = needed(scope());
  Promise.all(names.map(load))
    .then(() => {{ if (token === searches) show(query, names); }},
          () => {{ document.getElementById('count').textContent = 'Search is not working on this computer: open the packs from the links on this page.'; }});
}}
function el(tag, text) {{ const e = document.createElement(tag); if (text) e.textContent = text; return e; }}
const bits = m => {{ let n = 0; for (; m; m &= m - 1) n++; return n; }};
// The sections of a part in scope with every word in the page title, heading or text, each
// with its rank: all words in the heading as whole words first ("system 1" before "system
// 12"), then in the heading, then in the page title, then anywhere.
function hits(part, words, within) {{
  const whole = words.map(w => new RegExp('(?:^|[^\\p{{L}}\\p{{N}}])' + w.replace(/[.*+?^${{}}()|[\]\\]/g, '\\$&') + '(?:$|[^\\p{{L}}\\p{{N}}])', 'u'));
  const all = (1 << words.length) - 1;
  const found = new Uint32Array(part.lower.length);
  part.lower.forEach((s, i) => {{ let m = 0; words.forEach((w, k) => {{ if (s.includes(w)) m |= 1 << k; }}); found[i] = m; }});
  const inText = new Uint32Array(part.texts.length);
  part.texts.forEach((t, i) => {{ let m = 0; for (const n of t) m |= found[n]; inText[i] = m; }});
  const out = [];
  for (const [title, url, sections] of part.pages) {{
    if (within && !(within.endsWith('/') ? url.startsWith(within) : url === within)) continue;
    const inTitle = found[title];
    for (const [heading, anchor, text] of sections) {{
      const inHeading = found[heading];
      if ((inTitle | inHeading | inText[text]) !== all) continue;
      const exact = inHeading === all && whole.every(r => r.test(part.lower[heading]));
      const rank = (exact ? 8 : 0) + (inHeading === all ? 4 : 0) + (inTitle === all ? 2 : 0) + bits(inHeading);
      const here = HERE && (HERE.endsWith('/') ? url.startsWith(HERE) : url === HERE);
      out.push({{ rank, here, part, title, url: url + '#' + part.strings[anchor], heading, text }});
    }}
  }}
  return out;
}}
function show(query, names) {{
  const out = document.getElementById('results');
  out.replaceChildren();
  // At most 30 words: one bit each.
  const words = query.toLowerCase().split(/\s+/).filter(w => w.length > 0).slice(0, 30);
  if (words.length === 0) {{ document.getElementById('count').textContent = ''; return; }}
  const within = scope();
  const found = names.flatMap(n => hits(PARTS[n], words, within))
    .map((h, i) => [h, i]).sort((a, b) => b[0].rank - a[0].rank || b[0].here - a[0].here || a[1] - b[1]).map(x => x[0]);
  const shown = 200;
  document.getElementById('count').textContent = found.length + ' result' + (found.length === 1 ? '' : 's') + ' for "' + query + '"'
    + (found.length > shown ? ' (the best ' + shown + ' are listed: add a word to narrow the search)' : '')
    + (found.length ? ': press Enter to open the first' : '');
  for (const h of found.slice(0, shown)) {{
    const s = h.part.strings;
    const li = el('li'); const a = el('a', s[h.heading]); a.href = ROOT + h.url;
    // Across the trust, the hospital too: two hospitals may each have an Emergency Department.
    const hospital = within ? '' : HOSPITALS[h.url.split('/')[0]];
    li.append(a, el('span', ' \u2014 ' + s[h.title] + (hospital ? ', ' + hospital : '')));
    const text = h.part.texts[h.text].map(n => s[n]).join(' ');
    const at = text.toLowerCase().indexOf(words[0]);
    if (at >= 0) {{ const snip = el('div', '\u2026' + text.slice(Math.max(0, at - 60), at + 100) + '\u2026'); snip.className = 'snippet'; li.append(snip); }}
    out.append(li);
  }}
}}
const box = document.getElementById('q');
box.addEventListener('input', e => search(e.target.value));
// Start reading the index while the nurse types: the trust-wide parts of a large trust take a
// moment to load.
box.addEventListener('focus', () => {{ for (const name of needed(scope())) load(name).catch(() => {{}}); }});
// Enter opens the first result: type, Enter, and the procedure is on screen.
box.addEventListener('keydown', e => {{
  if (e.key !== 'Enter') return;
  e.preventDefault();
  const first = document.querySelector('#results a');
  if (first) location.href = first.href;
}});
for (const choice of document.querySelectorAll('input[name=scope], #scope')) choice.addEventListener('change', () => search(box.value));
const params = new URLSearchParams(location.search || location.hash.slice(1));
const asked = params.get('scope');
if (asked !== null) {{
  for (const r of document.querySelectorAll('input[name=scope]')) r.checked = r.value === asked;
  const list = document.getElementById('scope');
  if (list && [...list.options].some(o => o.value === asked)) list.value = asked;
}}
if (params.get('q')) {{ box.value = params.get('q'); search(params.get('q')); }}
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    // Every pack of the example trust converts to the same page and sections whether its
    // Markdown is parsed whole or a block at a time.
    #[test]
    fn pages_are_the_same_parsed_in_runs() {
        let output = Path::new(env!("CARGO_MANIFEST_DIR")).join("output");
        let mut packs = 0;
        for path in crate::write::markdown_files(&output) {
            let text = std::fs::read_to_string(output.join(&path)).unwrap();
            let whole = convert_in_runs(&text, "T", "p.html", usize::MAX);
            let in_runs = convert_in_runs(&text, "T", "p.html", 1);
            assert_eq!(in_runs.body, whole.body, "{}", path.display());
            let urls = |p: &Page| {
                p.sections
                    .iter()
                    .map(|e| (e.url.clone(), e.text.clone()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(urls(&in_runs), urls(&whole), "{}", path.display());
            packs += 1;
        }
        assert!(packs > 100, "the example's packs: {packs}");
    }
}
