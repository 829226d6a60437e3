//! Stage 4a, **pack**: decide which documents a trust gets and gather what each one shows.
//!
//! A pack is a Tera template name, the context it is rendered with, and the page furniture
//! (header/footer facts) the typesetter prints on every page. Packs are independent of each
//! other, so they can be built in any order, or in parallel.

pub mod card;
pub mod code;
pub mod coverage;
mod scenario;
pub use scenario::affects_ward;
pub mod evidence;
pub mod layout;
pub mod readiness;
mod site;
pub use site::site_kind_label;
pub mod view;
mod ward;
pub use ward::{ward_kind_label, EMERGENCY_CONTACTS, RECOVERY_CHECKLIST};

use crate::model::{FormIx, Model, RoleIx, ScenarioIx, SiteIx, WardIx};
use crate::typeset::form::FormSpec;
use serde::Serialize;
use std::path::PathBuf;

/// Which document to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PackKind {
    /// `README.md`: the index of every pack.
    Index,
    /// `coverage.md`: which wards have an approved, in-date fallback for each system.
    Coverage,
    /// `<site>/_hospital.md`: the hospital pack.
    Site(SiteIx),
    /// `<site>/<ward>.md`: a ward pack.
    Ward(WardIx),
    /// `<site>/_scenarios/<scenario>/_hospital.md`: one outage, for a hospital.
    ScenarioSite(ScenarioIx, SiteIx),
    /// `<site>/_scenarios/<scenario>/<ward>.md`: one outage, for a ward it affects.
    ScenarioWard(ScenarioIx, WardIx),
    /// `<site>/<ward>/card-<role>.md`: one role's action card, in large type.
    Card(WardIx, RoleIx),
    /// `<site>/_command/card-<role>.md`: a site command role's action card.
    SiteCard(SiteIx, RoleIx),
    /// `<site>/<ward>/form-<form>.pdf`: a blank form, ready to photocopy (PDF only).
    Form(WardIx, FormIx),
    /// `<site>/<ward>/_readiness-log.pdf`: the ward's readiness log (PDF only).
    ReadinessLog(WardIx),
}

/// What the typesetter prints around every page. The typesetter owns the type; packs build it
/// from the model here.
pub use crate::typeset::Furniture;

impl Furniture {
    /// Furniture of a trust-wide document (the index, the coverage report): it carries the
    /// edition's version and is reviewed with the edition.
    pub fn trust_wide(model: &Model, title: String, header: String) -> Furniture {
        Furniture {
            title,
            header,
            author: model.trust.name.clone(),
            version: model.trust.edition.version.to_string(),
            review_due: view::long_date(model.trust.edition.date),
            draft: false,
            code: code::PLACEHOLDER.to_string(),
        }
    }

    /// Furniture of a pack that prints `procedures`: it is due for review when the first of
    /// them is, and if any is a draft every page says DRAFT.
    pub fn for_procedures(
        model: &Model,
        title: String,
        header: String,
        procedures: &[usize],
    ) -> Furniture {
        let review_due = procedures
            .iter()
            .map(|&p| model.procedures[p].review_due)
            .min()
            .unwrap_or(model.trust.edition.date);
        Furniture {
            review_due: view::long_date(review_due),
            draft: procedures
                .iter()
                .any(|&p| model.procedures[p].control.status == crate::load::raw::Status::Draft),
            ..Furniture::trust_wide(model, title, header)
        }
    }
}

/// The systems `wards` use, each once, most critical first (tier, then tolerable downtime).
pub fn systems_by_priority(model: &Model, wards: &[WardIx]) -> Vec<crate::model::ComponentIx> {
    let mut systems: Vec<crate::model::ComponentIx> = wards
        .iter()
        .flat_map(|&w| model.wards[w].systems.iter().map(|u| u.system))
        .collect();
    systems.sort_unstable();
    systems.dedup();
    crate::model::order::by_priority(model, &mut systems);
    systems
}

/// A document ready to render.
pub struct Pack {
    pub kind: PackKind,
    /// Path of the Markdown file, relative to the output folder (the PDF goes beside it).
    pub path: PathBuf,
    pub template: &'static str,
    /// What the template is rendered with. Kept typed: a reused pack only streams it into its
    /// fingerprint, and only a pack that is rendered pays for Tera's JSON copy of it.
    pub context: Box<dyn Data>,
    pub furniture: Furniture,
    /// Body text size of the printed version.
    pub body: f32,
    /// A blank form: drawn directly, with no Markdown.
    pub form: Option<FormSpec>,
    /// Blank forms printed after the pack itself (a ward pack's forms).
    pub appendix: Vec<(FormSpec, Furniture)>,
}

impl Pack {
    /// A pack of `kind`, at the path the output layout gives it.
    pub fn new(
        model: &Model,
        kind: PackKind,
        template: &'static str,
        context: impl Data + 'static,
        furniture: Furniture,
    ) -> Pack {
        Pack {
            kind,
            path: layout::path(model, kind),
            template,
            context: Box::new(context),
            furniture,
            body: crate::typeset::layout::BODY_SIZE,
            form: None,
            appendix: Vec::new(),
        }
    }
}

/// The data a pack's template is rendered with: any of the pack views.
pub trait Data: Send + Sync {
    /// Feed the data to a hasher, for the pack's input fingerprint. Written in postcard's
    /// compact binary form: the same data gives the same bytes, and unlike JSON nothing is
    /// escaped (escaping was a third of a no-change rebuild).
    fn hash_into(&self, hasher: &mut blake3::Hasher);
    /// The data as a Tera context.
    fn to_context(&self) -> Result<tera::Context, tera::Error>;
}

impl<T: Serialize + Send + Sync> Data for T {
    fn hash_into(&self, hasher: &mut blake3::Hasher) {
        // Buffered, so the hasher sees large updates it can hash with SIMD.
        let out = std::io::BufWriter::with_capacity(64 * 1024, hasher);
        let mut out = postcard::to_io(self, out).expect("pack views serialize");
        std::io::Write::flush(&mut out).expect("a hasher takes every byte");
    }

    fn to_context(&self) -> Result<tera::Context, tera::Error> {
        tera::Context::from_serialize(self)
    }
}

/// Optional restriction of a build to some sites or wards.
#[derive(Debug, Default, Clone)]
pub struct Selection {
    pub sites: Vec<String>,
    pub wards: Vec<String>,
}

impl Selection {
    fn is_all(&self) -> bool {
        self.sites.is_empty() && self.wards.is_empty()
    }
}

/// Every document the model yields, filtered by the selection, in a stable order.
pub fn plan(model: &Model, selection: &Selection) -> Vec<PackKind> {
    let mut kinds = Vec::new();
    if selection.is_all() {
        kinds.push(PackKind::Index);
        kinds.push(PackKind::Coverage);
    }
    for (s, site) in model.sites.iter().enumerate() {
        let whole_site = selection.is_all() || selection.sites.contains(&site.id);
        if whole_site {
            kinds.push(PackKind::Site(s));
            for role in card::site_card_roles(model) {
                kinds.push(PackKind::SiteCard(s, role));
            }
        }
        for &w in &site.wards {
            if whole_site || selection.wards.contains(&model.wards[w].id) {
                kinds.push(PackKind::Ward(w));
                for &role in &model.wards[w].roles {
                    if model.role_has_steps(w, role) {
                        kinds.push(PackKind::Card(w, role));
                    }
                }
                for f in card::ward_forms(model, w) {
                    kinds.push(PackKind::Form(w, f));
                }
                if !readiness::tasks(model, w).is_empty() {
                    kinds.push(PackKind::ReadinessLog(w));
                }
            }
        }
        for sc in 0..model.scenarios.len() {
            if whole_site {
                kinds.push(PackKind::ScenarioSite(sc, s));
            }
            for &w in &site.wards {
                let wanted = whole_site || selection.wards.contains(&model.wards[w].id);
                if wanted && scenario::affects_ward(model, sc, w) {
                    kinds.push(PackKind::ScenarioWard(sc, w));
                }
            }
        }
    }
    kinds
}

/// Ids in the selection that match nothing: worth an error, since a typo would otherwise
/// silently build nothing.
pub fn unmatched(model: &Model, selection: &Selection) -> Vec<String> {
    let sites: Vec<&str> = model.sites.iter().map(|s| s.id.as_str()).collect();
    let wards: Vec<&str> = model.wards.iter().map(|w| w.id.as_str()).collect();
    let mut missing = Vec::new();
    for (kind, asked, known) in [
        ("site", &selection.sites, &sites),
        ("ward", &selection.wards, &wards),
    ] {
        for id in asked.iter().filter(|id| !known.contains(&id.as_str())) {
            let near = crate::diagnostic::did_you_mean(id, known.iter().copied());
            missing.push(match near {
                Some(near) => format!("{kind} `{id}` (did you mean `{near}`?)"),
                None => format!("{kind} `{id}`"),
            });
        }
    }
    missing
}

/// Gather the context of one document.
pub fn build(model: &Model, kind: PackKind) -> Pack {
    match kind {
        PackKind::Index => site::index_pack(model),
        PackKind::Coverage => coverage::coverage_pack(model),
        PackKind::Site(s) => site::site_pack(model, s),
        PackKind::Ward(w) => ward::ward_pack(model, w),
        PackKind::ScenarioSite(sc, s) => scenario::scenario_site_pack(model, sc, s),
        PackKind::ScenarioWard(sc, w) => scenario::scenario_ward_pack(model, sc, w),
        PackKind::Card(w, role) => card::card_pack(model, w, role),
        PackKind::SiteCard(s, role) => card::site_card_pack(model, s, role),
        PackKind::Form(w, f) => card::form_pack(model, w, f),
        PackKind::ReadinessLog(w) => readiness::pack(model, w),
    }
}
