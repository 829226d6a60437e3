//! The offline viewer for the downtime PC, as an output of the build: each pack's page, and
//! the pages by place a nurse starts from (start page, each hospital's and each ward's
//! home), with the search index split by hospital. `html` turns Markdown into the pages'
//! HTML; this module decides what the viewer holds.

mod answer;
pub mod place;
pub mod search;

use crate::html;
use crate::model::Model;
use crate::pack::{layout, Pack, PackKind};
use std::path::{Path, PathBuf};

pub use place::{SEARCH_SCRIPT, START_PAGE};

/// Search covers the ward and hospital packs and the coverage report: cards and scenario
/// packs repeat their steps, and indexing them too would triple the index for no new answers.
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
    if let Some(home) = ward_home_of(pack) {
        // Back to the ward's home: "what is down?", its search, cards and forms.
        nav.push_str(&format!(
            "<a href=\"{}\">This ward's home</a>",
            html::escape(&layout::relative(&path, &home))
        ));
    }
    for (spec, _) in &pack.appendix {
        let pdf = layout::appendix_pdf(&pack.path, &spec.id);
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
    let sections = match is_searched(pack.kind) {
        true => converted.sections,
        false => Vec::new(),
    };
    (page, sections)
}

/// The home of the ward a ward pack, action card or ward scenario pack is for (see
/// [`place::ward_home_path`]), from the pack's own path: a pack page is written without the
/// model at hand.
fn ward_home_of(pack: &Pack) -> Option<PathBuf> {
    let home = |site: &Path, ward: &std::ffi::OsStr| {
        Path::new(layout::VIEWER)
            .join(site)
            .join(ward)
            .join(place::HOME)
    };
    let p = &pack.path;
    match pack.kind {
        // `<site>/<ward>.md`
        PackKind::Ward(_) => Some(home(p.parent()?, p.file_stem()?)),
        // `<site>/<ward>/card-<role>.md`
        PackKind::Card(..) => Some(
            Path::new(layout::VIEWER)
                .join(p.parent()?)
                .join(place::HOME),
        ),
        // `<site>/_scenarios/<scenario>/<ward>.md`
        PackKind::ScenarioWard(..) => Some(home(p.parent()?.parent()?.parent()?, p.file_stem()?)),
        _ => None,
    }
}

/// Every file of the viewer written once all packs are known, in a stable order: the start
/// page, the search script, each hospital's and each ward's home, and the search index parts.
pub fn outputs(model: &Model) -> Vec<PathBuf> {
    let mut files = vec![PathBuf::from(START_PAGE), PathBuf::from(SEARCH_SCRIPT)];
    files.extend((0..model.sites.len()).map(|s| place::hospital_home_path(model, s)));
    files.extend((0..model.wards.len()).map(|w| place::ward_home_path(model, w)));
    files.extend(
        search::part_names(model)
            .iter()
            .map(|n| search::part_path(n)),
    );
    files.push(search::part_path(search::ALL_HOSPITALS));
    files
}

/// `_viewer/_search.js`: the search, with each hospital's part (by id) and name, and the
/// parts a trust-wide search loads.
pub fn search_script(model: &Model) -> String {
    let hospitals: std::collections::BTreeMap<&str, &str> = (model.sites.iter())
        .map(|s| (s.id.as_str(), s.name.as_str()))
        .collect();
    let hospitals = serde_json::to_string(&hospitals).expect("names serialize");
    let trust = serde_json::to_string(&search::trust_parts()).expect("names serialize");
    html::search_script(&hospitals, &trust)
}
