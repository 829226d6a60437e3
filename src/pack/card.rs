//! Role action cards (one page per role per ward, in large type) and blank forms per ward.

use super::view::{self, Lens, PhaseView, TrustView};
use super::{Furniture, Pack, PackKind};
use crate::load::raw;
use crate::model::{FormIx, Model, Phase, RoleIx, SiteIx, WardIx};
use crate::typeset::form::{Field, FieldKind, FormSpec, Part};
use serde::Serialize;

#[derive(Serialize)]
pub struct CardView {
    pub role: String,
    pub phases: Vec<PhaseView>,
    /// Whom the card's escalations reach, each once, in the order the card first names them:
    /// printed once at its top rather than under every escalation (#17 trial: the site
    /// manager's details five times on one card).
    pub call: Vec<view::ContactView>,
}

impl CardView {
    fn new(role: String, phases: Vec<PhaseView>) -> CardView {
        let mut call: Vec<view::ContactView> = Vec::new();
        let reached = (phases.iter())
            .flat_map(|p| &p.steps)
            .flat_map(|s| &s.escalate)
            .flat_map(|e| &e.reach);
        for contact in reached {
            if !call.iter().any(|c| c.name == contact.name) {
                call.push(contact.clone());
            }
        }
        CardView { role, phases, call }
    }
}

/// A card's headings, where they differ from a pack's: a card is read in large type, fast.
fn card_phase_title(phase: Phase) -> &'static str {
    match phase {
        Phase::Declare => "First 15 minutes",
        Phase::During => "While systems are down",
        Phase::Recovery => "When systems return",
        Phase::Before => "Before a planned downtime",
        Phase::Routine => "Keeping ready (while systems are up)",
    }
}

/// The order of a card: what to do in an outage first, then the countdown to a planned one
/// and the routine tasks that keep the ward ready.
const CARD_ORDER: [Phase; 5] = [
    Phase::Declare,
    Phase::During,
    Phase::Recovery,
    Phase::Before,
    Phase::Routine,
];

/// The card of `role` on ward `w`: every step of the ward's procedures for that role, by phase.
/// `None` when the role has nothing to do here.
pub fn card(lens: &Lens, w: WardIx, role: RoleIx) -> Option<CardView> {
    card_from(lens, &lens.model.ward_procedures(w), role)
}

/// The card of `role` in `procedures` (a ward's, or a site's command procedures).
pub fn card_from(lens: &Lens, procedures: &[usize], role: RoleIx) -> Option<CardView> {
    let model = lens.model;
    let phases: Vec<PhaseView> = CARD_ORDER
        .iter()
        .filter(|&&phase| lens.shows_phase(phase))
        .flat_map(|&phase| {
            let steps = procedures.iter().flat_map(|&p| {
                let proc = &model.procedures[p];
                proc.steps(phase)
                    .iter()
                    .filter(move |s| lens.role(s.role) == role)
                    .map(move |s| (s, proc.title.as_str()))
            });
            let mut groups = view::groups(lens, phase, steps);
            for group in groups.iter_mut().filter(|g| g.title == phase.title()) {
                group.title = card_phase_title(phase).to_string();
            }
            groups
        })
        .collect();
    (!phases.is_empty()).then(|| CardView::new(model.roles[role].name.to_string(), phases))
}

/// The cards of every role present on the ward that has steps, in the ward's role order.
pub fn cards(lens: &Lens, w: WardIx) -> Vec<CardView> {
    lens.model.wards[w]
        .roles
        .iter()
        .filter_map(|&r| card(lens, w, r))
        .collect()
}

/// The command cards of a site: every role with a step in the site-scope procedures, in
/// trust role order.
pub fn site_cards(lens: &Lens) -> Vec<CardView> {
    let procedures = lens.model.site_procedures();
    (0..lens.model.roles.len())
        .filter_map(|r| card_from(lens, &procedures, r))
        .collect()
}

/// The roles that get a command card at a site.
pub fn site_card_roles(model: &Model) -> Vec<RoleIx> {
    let procedures = model.site_procedures();
    (0..model.roles.len())
        .filter(|&r| {
            procedures.iter().any(|&p| {
                Phase::ALL
                    .iter()
                    .any(|&ph| model.procedures[p].steps(ph).iter().any(|s| s.role == r))
            })
        })
        .collect()
}

/// One command role's card for a site (site manager, loggist...), as its own file.
pub fn site_card_pack(model: &Model, s: SiteIx, role: RoleIx) -> Pack {
    let (site, role_name) = (&model.sites[s], &model.roles[role].name);
    let procedures = model.site_procedures();
    // A role that acts only in trust-scope procedures is trust (gold) command, at this site's
    // command post; every other command role is the site's own.
    let gold = procedures.iter().all(|&p| {
        let procedure = &model.procedures[p];
        procedure.scope == raw::Scope::Trust
            || !Phase::ALL
                .iter()
                .any(|&ph| procedure.steps(ph).iter().any(|st| st.role == role))
    });
    let level = if gold {
        "Trust command (gold)"
    } else {
        "Site command"
    };
    let place = CardPlace {
        kind: PackKind::SiteCard(s, role),
        lens: Lens::general(model, None, s),
        procedures,
        name: level.to_string(),
        title: format!("Command card: {role_name}, {}", site.name),
        header: format!("{role_name} · {} · {}", level.to_lowercase(), site.name),
    };
    card_pack_at(model, role, place)
}

pub fn card_pack(model: &Model, w: WardIx, role: RoleIx) -> Pack {
    let (ward, role_name) = (&model.wards[w], &model.roles[role].name);
    let place = CardPlace {
        kind: PackKind::Card(w, role),
        lens: Lens::general(model, Some(w), ward.site),
        procedures: model.ward_procedures(w),
        name: ward.name.clone(),
        title: format!("Action card: {role_name}, {}", ward.name),
        header: format!(
            "{role_name} · {} · {}",
            ward.name, model.sites[ward.site].name
        ),
    };
    card_pack_at(model, role, place)
}

/// Where a card is used: a ward, or a site's command post.
struct CardPlace<'a> {
    kind: PackKind,
    lens: Lens<'a>,
    procedures: Vec<usize>,
    /// "Ward 7 (Acute Medical Unit)", "Site command".
    name: String,
    /// The document's title and running header.
    title: String,
    header: String,
}

/// A role's card as its own document, in large type.
fn card_pack_at(model: &Model, role: RoleIx, place: CardPlace) -> Pack {
    let site = &model.sites[place.lens.site];
    let card = card_from(&place.lens, &place.procedures, role)
        .unwrap_or_else(|| CardView::new(model.roles[role].name.to_string(), Vec::new()));
    let furniture = Furniture::for_procedures(model, place.title, place.header, &place.procedures);
    let context = CardContext {
        trust: TrustView::new(model),
        command: matches!(place.kind, PackKind::SiteCard(..)),
        ward: place.name,
        site: site.name.clone(),
        command_post: site.command_post.clone(),
        card,
        furniture: furniture.clone(),
    };
    let mut pack = Pack::new(model, place.kind, "card.md", context, furniture);
    pack.body = crate::typeset::layout::LARGE_SIZE;
    pack
}

#[derive(Serialize)]
struct CardContext {
    trust: TrustView,
    ward: String,
    /// A site command card (its holder is site command; it keeps the decision log).
    command: bool,
    site: String,
    command_post: String,
    card: CardView,
    furniture: Furniture,
}

/// The forms a ward's procedures use, in id order.
pub fn ward_forms(model: &Model, w: WardIx) -> Vec<FormIx> {
    forms_used(model, &model.ward_procedures(w))
}

/// The forms `procedures` use in any phase, each once, in id order.
pub fn forms_used(model: &Model, procedures: &[usize]) -> Vec<FormIx> {
    let mut forms: Vec<FormIx> = procedures
        .iter()
        .flat_map(|&p| {
            Phase::ALL
                .iter()
                .flat_map(move |&ph| model.procedures[p].steps(ph))
        })
        .flat_map(|s| s.forms.iter().copied())
        .collect();
    forms.sort_by(|&a, &b| model.forms[a].id.cmp(&model.forms[b].id));
    forms.dedup();
    forms
}

pub fn form_spec(model: &Model, w: WardIx, f: FormIx) -> FormSpec {
    let ward = &model.wards[w];
    let form = &model.forms[f];
    FormSpec {
        id: form.id.clone(),
        title: form.title.clone(),
        purpose: form.purpose.clone(),
        version: form.control.version.to_string(),
        trust: model.trust.name.clone(),
        site: model.sites[ward.site].name.clone(),
        ward: ward.name.clone(),
        parts: form.layout.iter().map(form_part).collect(),
    }
}

/// A part of a form's YAML layout as the typesetter takes it.
pub fn form_part(part: &raw::Part) -> Part {
    match part {
        raw::Part::Fixed(raw::FixedPart::Header) => Part::Header,
        raw::Part::Fixed(raw::FixedPart::Patient) => Part::Patient,
        raw::Part::Fields { fields } => Part::Fields(
            fields
                .iter()
                .map(|f| Field {
                    label: f.label.to_string(),
                    kind: match f.kind {
                        raw::FieldKind::Line => FieldKind::Line,
                        raw::FieldKind::Lines => FieldKind::Lines,
                        raw::FieldKind::Date => FieldKind::Date,
                        raw::FieldKind::Time => FieldKind::Time,
                        raw::FieldKind::Signature => FieldKind::Signature,
                    },
                    // A `lines` field without a count gets room for a short paragraph.
                    lines: f.lines.map_or(3, |n| n.get()),
                })
                .collect(),
        ),
        raw::Part::Ticks { ticks } => Part::Ticks {
            label: ticks.label.to_string(),
            options: ticks.options.iter().map(ToString::to_string).collect(),
        },
        raw::Part::Table { table } => Part::Table {
            columns: table.columns.iter().map(ToString::to_string).collect(),
            rows: table.rows.get(),
        },
        raw::Part::Instructions { instructions } => Part::Instructions(instructions.to_string()),
    }
}

/// Furniture of a printed form: whose it is, and its id and version so a returned copy can be
/// traced.
pub fn form_furniture(model: &Model, w: WardIx, f: FormIx) -> Furniture {
    let ward = &model.wards[w];
    let form = &model.forms[f];
    let header = format!(
        "{} · {} · {}",
        form.title, ward.name, model.sites[ward.site].name
    );
    Furniture {
        version: format!("{} of form {}", form.control.version, form.id),
        review_due: view::long_date(form.review_due),
        draft: form.control.status == crate::load::raw::Status::Draft,
        ..Furniture::trust_wide(model, form.title.clone(), header)
    }
}

/// A blank form for one ward, as its own PDF (ready to photocopy).
pub fn form_pack(model: &Model, w: WardIx, f: FormIx) -> Pack {
    let spec = form_spec(model, w, f);
    let mut pack = Pack::new(
        model,
        PackKind::Form(w, f),
        "form",
        spec.clone(),
        form_furniture(model, w, f),
    );
    pack.form = Some(spec);
    pack
}
