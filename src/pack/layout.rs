//! Where every document goes in the output folder: the one owner of the output layout.
//!
//! Ids are lowercase letters, digits and single hyphens. Every fixed name that shares a folder
//! with id-named entries starts with `_`, which no id can contain, and every id-named file has an
//! extension, which no id-named folder has. So no two documents can ever get the same path,
//! whatever the ids are (a ward called `index`, a site called `html`...), even on filesystems
//! that ignore case:
//!
//! ```text
//! README.md                              the index of every pack
//! coverage.md                            fallback coverage across the trust
//! _viewer/...                            the offline HTML viewer, mirroring this layout
//! <site>/_hospital.md                    the hospital pack
//! <site>/<ward>.md                       a ward pack
//! <site>/<ward>/card-<role>.md           a role's action card
//! <site>/_command/card-<role>.md         a site command role's action card
//! <site>/<ward>/form-<form>.pdf          a blank form (PDF only)
//! <site>/<ward>/_readiness-log.pdf       the ward's readiness log (PDF only)
//! <site>/_scenarios/<scenario>/_hospital.md   one outage, for a hospital
//! <site>/_scenarios/<scenario>/<ward>.md      one outage, for a ward it affects
//! ```

use super::PackKind;
use crate::model::Model;
use std::path::{Component, Path, PathBuf};

/// The viewer's folder, at the top of the output folder.
pub const VIEWER: &str = "_viewer";
/// File name of a hospital pack, in its site's folder and in each scenario's folder.
const HOSPITAL: &str = "_hospital.md";
/// File name of a ward's readiness log, in the ward's folder (its PDF goes beside it).
const READINESS_LOG: &str = "_readiness-log.md";
/// Folder of a site's command cards.
const COMMAND: &str = "_command";
/// Folder of a site's scenario packs.
const SCENARIOS: &str = "_scenarios";

/// Path of a document's Markdown file, relative to the output folder (its PDF goes beside it;
/// a blank form has only the PDF).
pub fn path(model: &Model, kind: PackKind) -> PathBuf {
    let site_of_ward = |w: usize| PathBuf::from(&model.sites[model.wards[w].site].id);
    let ward_folder = |w: usize| site_of_ward(w).join(&model.wards[w].id);
    let scenario_folder =
        |sc: usize, site: PathBuf| site.join(SCENARIOS).join(&model.scenarios[sc].id);
    match kind {
        PackKind::Index => PathBuf::from("README.md"),
        PackKind::Coverage => PathBuf::from("coverage.md"),
        PackKind::Site(s) => PathBuf::from(&model.sites[s].id).join(HOSPITAL),
        PackKind::Ward(w) => site_of_ward(w).join(format!("{}.md", model.wards[w].id)),
        PackKind::ScenarioSite(sc, s) => {
            scenario_folder(sc, PathBuf::from(&model.sites[s].id)).join(HOSPITAL)
        }
        PackKind::ScenarioWard(sc, w) => {
            scenario_folder(sc, site_of_ward(w)).join(format!("{}.md", model.wards[w].id))
        }
        PackKind::Card(w, role) => ward_folder(w).join(format!("card-{}.md", model.roles[role].id)),
        PackKind::SiteCard(s, role) => PathBuf::from(&model.sites[s].id)
            .join(COMMAND)
            .join(format!("card-{}.md", model.roles[role].id)),
        PackKind::ReadinessLog(w) => ward_folder(w).join(READINESS_LOG),
        PackKind::Form(w, f) => ward_form(
            &site_of_ward(w).join(format!("{}.md", model.wards[w].id)),
            &model.forms[f].id,
        ),
    }
}

/// The id the readiness log's form spec carries (`form-readiness-log` is not its file; no form
/// may take it).
pub use crate::model::READINESS_LOG_ID;

/// Where the PDF of a form appended to the ward pack at `ward_pack` is: a blank form's own
/// PDF, or the ward's readiness log.
pub fn appendix_pdf(ward_pack: &Path, spec_id: &str) -> PathBuf {
    if spec_id == READINESS_LOG_ID {
        ward_pack
            .with_extension("")
            .join(READINESS_LOG)
            .with_extension("pdf")
    } else {
        ward_form(ward_pack, spec_id).with_extension("pdf")
    }
}

/// Where the blank form `form_id` of the ward whose pack is at `ward_pack` goes (its Markdown
/// path: a form has only the PDF beside it), in the ward's own folder.
pub fn ward_form(ward_pack: &Path, form_id: &str) -> PathBuf {
    ward_pack
        .with_extension("")
        .join(format!("form-{form_id}.md"))
}

/// A relative Markdown link from the document `from` to the document `to`.
pub fn link(model: &Model, from: PackKind, to: PackKind) -> String {
    relative(&path(model, from), &path(model, to))
}

/// The relative path from the file `from` to the file `to`, both relative to one folder,
/// written with `/` as Markdown and HTML links are.
pub fn relative(from: &Path, to: &Path) -> String {
    let names = |p: &Path| -> Vec<String> {
        p.components()
            .filter_map(|c| match c {
                Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect()
    };
    let from = names(from.parent().unwrap_or(Path::new("")));
    let to = names(to);
    let shared = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<&str> = vec![".."; from.len() - shared];
    parts.extend(to[shared..].iter().map(String::as_str));
    parts.join("/")
}

/// Where the viewer page of the document at `markdown_path` goes.
pub fn viewer_page(markdown_path: &Path) -> PathBuf {
    Path::new(VIEWER).join(markdown_path.with_extension("html"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_climb_and_descend() {
        let hospital = Path::new("north/_hospital.md");
        assert_eq!(
            relative(hospital, Path::new("north/ward-a.md")),
            "ward-a.md"
        );
        assert_eq!(
            relative(hospital, Path::new("north/_scenarios/cut/_hospital.md")),
            "_scenarios/cut/_hospital.md"
        );
        assert_eq!(
            relative(
                Path::new("north/_scenarios/cut/ward-a.md"),
                Path::new("README.md")
            ),
            "../../../README.md"
        );
        assert_eq!(
            relative(Path::new("README.md"), hospital),
            "north/_hospital.md"
        );
    }
}
