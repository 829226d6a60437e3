//! The offline viewer for the downtime PC, as an output of the build: each pack's page, the
//! start page with its search box and "what is down?" picker, and the search cache that lets a
//! rebuild skip rendering unchanged packs. `html` turns Markdown into the pages' HTML; this
//! module decides what the viewer holds.

use crate::error::Error;
use crate::html;
use crate::model::Model;
use crate::pack::{self, layout, Pack, PackKind};
use crate::render::Renderer;
use crate::write::{self, manifest::Manifest};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Search covers the ward and hospital packs and the coverage report: cards and scenario
/// packs repeat their steps, and indexing them too would triple the start page for no new
/// answers.
pub fn is_searched(kind: PackKind) -> bool {
    matches!(
        kind,
        PackKind::Ward(_) | PackKind::Site(_) | PackKind::Coverage
    )
}

/// The viewer page of a pack, and its searchable sections.
pub fn pack_page(pack: &Pack, markdown: &str, has_pdf: bool) -> (String, Vec<html::SearchEntry>) {
    let path = layout::viewer_page(&pack.path);
    let url = pack
        .path
        .with_extension("html")
        .to_string_lossy()
        .replace('\\', "/");
    let converted = html::convert(markdown, &pack.furniture.title, &url);
    let mut nav = html::pack_nav(&path, &pack.path, has_pdf);
    if let PackKind::Ward(_) = pack.kind {
        // Search from a ward's page starts in that ward's pack; the start page widens it.
        let start = Path::new(layout::VIEWER).join("index.html");
        nav.push_str(&format!(
            "<a href=\"{}#scope={}\">Search this ward's pack</a>",
            html::escape(&layout::relative(&path, &start)),
            html::escape(&url)
        ));
    }
    for (spec, _) in &pack.appendix {
        let pdf = layout::ward_form(&pack.path, &spec.id).with_extension("pdf");
        nav.push_str(&format!(
            "<a href=\"{}\">Blank form: {}</a>",
            html::escape(&layout::relative(&path, &pdf)),
            html::escape(&spec.title)
        ));
    }
    let f = &pack.furniture;
    let mut footer = format!(
        "Version {} · Review due {} · Uncontrolled when printed: check the review date",
        f.version, f.review_due
    );
    if f.draft {
        footer.insert_str(0, "DRAFT · ");
    }
    let page = html::page(&f.title, &f.header, &footer, &nav, &converted.body, "");
    // Search covers the ward and hospital packs: cards and scenario packs repeat their
    // steps, and indexing them too would triple the start page for no new answers.
    let indexed = is_searched(pack.kind);
    (
        page,
        if indexed {
            converted.sections
        } else {
            Vec::new()
        },
    )
}

/// `_viewer/index.html`: the index pack, a search box over every section of every pack, and
/// the "what is down?" picker.
pub fn start_page(model: &Model, renderer: &Renderer) -> Result<String, Error> {
    let index = pack::build(model, PackKind::Index);
    let markdown = renderer
        .render(&index)
        .map_err(|d| Error::Invalid(vec![*d]))?
        .markdown;
    let converted = html::convert(&markdown, &index.furniture.title, "index.html");
    let option = |id: &str, name: &str| {
        format!(
            "<option value=\"{}\">{}</option>",
            html::escape(id),
            html::escape(name)
        )
    };
    let scenarios: String = (model.scenarios.iter())
        .map(|s| option(&s.id, &s.name))
        .collect();
    let systems: String = single_systems(model)
        .map(|c| {
            option(
                &system_choice(model, c),
                &format!("{} is down", model.components[c].name),
            )
        })
        .collect();
    let scopes = search_scopes(model);
    let options = format!(
        "<optgroup label=\"One system\">{systems}</optgroup><optgroup label=\"A wider outage\">{scenarios}</optgroup>"
    );
    let body = format!(
        "<section class=\"picker\" aria-labelledby=\"picker-heading\">\n<h2 id=\"picker-heading\">What is down?</h2>\n<label for=\"scenario\">Choose what has failed</label>\n<select id=\"scenario\"><option value=\"\">Choose what is down</option>{options}</select>\n<div id=\"picked\" aria-live=\"polite\"></div>\n</section>\n<section class=\"search\" aria-labelledby=\"search-heading\">\n<h2 id=\"search-heading\">Search the packs</h2>\n<label for=\"scope\">Search in</label>\n<select id=\"scope\">{scopes}</select>\n<label for=\"q\">Search for a system, task or form</label>\n<input id=\"q\" type=\"search\" autocomplete=\"off\">\n<p id=\"count\" role=\"status\"></p>\n<ol id=\"results\" class=\"results\"></ol>\n</section>\n{}",
        converted.body
    );
    let script = html::start_script(
        &serde_json::to_string(&shard_names(model)).expect("names serialize"),
        &picker(model),
    );
    let f = &index.furniture;
    let footer = format!(
        "Pack version {} · Works without a network: open this file on the downtime PC",
        f.version
    );
    Ok(html::page(&f.title, &f.header, &footer, "", &body, &script))
}

/// The search index's parts: one per hospital, and `_trust` for the trust-wide pages (ids
/// cannot start with `_`, so no hospital can be called that).
pub fn shard_names(model: &Model) -> Vec<String> {
    let mut names: Vec<String> = model.sites.iter().map(|s| s.id.clone()).collect();
    names.push(TRUST_SHARD.to_string());
    names
}

const TRUST_SHARD: &str = "_trust";

/// Where a part of the search index is written.
pub fn shard_path(name: &str) -> std::path::PathBuf {
    Path::new(crate::pack::layout::VIEWER)
        .join("search")
        .join(format!("{name}.js"))
}

/// The search index split by hospital (an entry belongs to the site its page is under), each
/// part as the script the start page loads, with its path.
pub fn search_shards(
    model: &Model,
    search: &[html::SearchEntry],
) -> Vec<(std::path::PathBuf, String)> {
    let names = shard_names(model);
    let shard_of = |e: &html::SearchEntry| {
        let site = e.url.split('/').next().unwrap_or("");
        match names.iter().any(|n| n == site) && e.url.contains('/') {
            true => site.to_string(),
            false => TRUST_SHARD.to_string(),
        }
    };
    names
        .iter()
        .map(|name| {
            let entries: Vec<html::SearchEntry> = (search.iter())
                .filter(|e| shard_of(e) == *name)
                .cloned()
                .collect();
            (shard_path(name), html::shard_script(&entries))
        })
        .collect()
}

/// The places search can be narrowed to: the whole trust, a hospital, or one ward's pack (by
/// name, as staff know it). Values are viewer URLs, or a hospital's folder.
fn search_scopes(model: &Model) -> String {
    let mut out = String::from("<option value=\"\">The whole trust</option>");
    for site in &model.sites {
        out.push_str(&format!(
            "<optgroup label=\"{name}\"><option value=\"{id}/\">All of {name}</option>",
            name = html::escape(&site.name),
            id = html::escape(&site.id)
        ));
        let mut wards: Vec<usize> = site.wards.clone();
        wards.sort_by(|&a, &b| model.wards[a].name.cmp(&model.wards[b].name));
        for w in wards {
            out.push_str(&format!(
                "<option value=\"{}\">{}</option>",
                html::escape(&viewer_url(model, PackKind::Ward(w))),
                html::escape(&model.wards[w].name)
            ));
        }
        out.push_str("</optgroup>");
    }
    out
}

/// The start page's "what is down?" picker as JSON: each scenario with what it takes down
/// and the packs that apply.
pub fn picker(model: &Model) -> String {
    let scenarios: Vec<serde_json::Value> = model
        .scenarios
        .iter()
        .enumerate()
        .map(|(sc, s)| {
            let mut packs = Vec::new();
            for (s_ix, site) in model.sites.iter().enumerate() {
                packs.push(serde_json::json!({
                    "name": format!("{} (hospital)", site.name),
                    "url": viewer_url(model, PackKind::ScenarioSite(sc, s_ix)),
                }));
                for &w in &site.wards {
                    if pack::affects_ward(model, sc, w) {
                        packs.push(serde_json::json!({
                            "name": format!("{}, {}", model.wards[w].name, site.name),
                            "url": viewer_url(model, PackKind::ScenarioWard(sc, w)),
                        }));
                    }
                }
            }
            let lost: Vec<String> = s
                .radius
                .lost()
                .filter(|&c| model.components[c].system().is_some())
                .map(|c| model.components[c].name.clone())
                .collect();
            serde_json::json!({ "id": s.id, "name": s.name, "description": s.description, "lost": lost, "packs": packs })
        })
        .chain(single_systems(model).map(|c| system_answer(model, c)))
        .collect();
    serde_json::to_string(&scenarios).expect("scenarios serialize")
}

/// The systems some ward uses, in priority order: each is a choice of its own in the picker.
fn single_systems(model: &Model) -> impl Iterator<Item = usize> + '_ {
    let all: Vec<usize> = (0..model.wards.len()).collect();
    pack::systems_by_priority(model, &all).into_iter()
}

/// The picker's value for one system: `system:` cannot start a scenario id.
fn system_choice(model: &Model, c: usize) -> String {
    format!("system:{}", model.components[c].id)
}

/// "PACS is down": what staff lose, and the section of each ward's pack for it.
fn system_answer(model: &Model, c: usize) -> serde_json::Value {
    let comp = &model.components[c];
    let anchor = html::slug(&format!("{} is down", comp.name));
    let mut wards: Vec<usize> = (0..model.wards.len())
        .filter(|&w| model.wards[w].systems.iter().any(|u| u.system == c))
        .collect();
    // By name, as staff look for their ward.
    wards.sort_by(|&a, &b| model.wards[a].name.cmp(&model.wards[b].name));
    let packs: Vec<serde_json::Value> = wards
        .into_iter()
        .map(|w| {
            let ward = &model.wards[w];
            serde_json::json!({
                "name": format!("{}, {}", ward.name, model.sites[ward.site].name),
                "url": format!("{}#{anchor}", viewer_url(model, PackKind::Ward(w))),
            })
        })
        .collect();
    let impact = comp.system().map(|i| i.impact.clone()).unwrap_or_default();
    serde_json::json!({ "id": system_choice(model, c), "name": format!("{} is down", comp.name), "description": impact, "lost": [comp.name], "packs": packs })
}

/// Each viewer page's search sections, kept between builds so reused packs need no rendering.
pub const SEARCH_CACHE: &str = "_viewer/.search-cache.json";
/// The viewer's start page.
pub const START_PAGE: &str = "_viewer/index.html";

/// The search cache as stored: JSON cannot hold a comment, so its first field says who wrote
/// it (see `write::guard::CACHE_MARKER`).
#[derive(serde::Serialize, serde::Deserialize)]
struct SearchCache {
    generator: String,
    pages: BTreeMap<PathBuf, Vec<html::SearchEntry>>,
}

/// The search index by viewer page, kept so that the next build can reuse a pack's sections
/// without rendering it.
pub fn search_cache(search: Vec<html::SearchEntry>) -> Vec<u8> {
    let mut pages: BTreeMap<PathBuf, Vec<html::SearchEntry>> = BTreeMap::new();
    for entry in search {
        let page = entry.url.split('#').next().unwrap_or_default();
        pages
            .entry(Path::new(pack::layout::VIEWER).join(page))
            .or_default()
            .push(entry);
    }
    let cache = SearchCache {
        generator: "downtime".into(),
        pages,
    };
    serde_json::to_vec(&cache).expect("search cache serializes")
}

/// The previous build's search cache, if it is still exactly what that build wrote: an
/// edited cache would put wrong entries in the search index.
pub fn read_search_cache(
    out: &Path,
    manifest: &Manifest,
) -> BTreeMap<PathBuf, Vec<html::SearchEntry>> {
    let path = Path::new(SEARCH_CACHE);
    let recorded = manifest.get(path).and_then(|e| e.output.as_deref());
    let Ok(bytes) = std::fs::read(out.join(path)) else {
        return BTreeMap::new();
    };
    if recorded != Some(write::manifest::bytes_hash(&bytes).as_str()) {
        return BTreeMap::new();
    }
    serde_json::from_slice::<SearchCache>(&bytes)
        .map(|cache| cache.pages)
        .unwrap_or_default()
}

/// A pack's viewer page as a link from the start page, which sits at the viewer's top.
fn viewer_url(model: &Model, kind: PackKind) -> String {
    pack::layout::relative(
        Path::new("index.html"),
        &pack::layout::path(model, kind).with_extension("html"),
    )
}
