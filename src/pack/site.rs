//! The hospital pack (one per site) and the index of all packs.

use super::view::{self, ContactView, ControlView, ProcedureView, TrustView};
use super::ward::ward_kind_label;
use super::{layout, Furniture, Pack, PackKind};
use crate::load::raw::SiteKind;
use crate::model::{Model, SiteIx, WardIx};
use serde::Serialize;

/// A site's kind as staff say it.
pub fn site_kind_label(kind: SiteKind) -> &'static str {
    match kind {
        SiteKind::Acute => "Acute hospital",
        SiteKind::Community => "Community hospital",
        SiteKind::MentalHealth => "Mental health unit",
    }
}

#[derive(Serialize)]
struct SiteView {
    id: String,
    name: String,
    kind: &'static str,
    address: Option<String>,
    switchboard: Option<String>,
    command_post: String,
}

#[derive(Serialize)]
struct WardRow {
    id: String,
    name: String,
    kind: &'static str,
    location: String,
    kit_location: String,
    kit_checked_by: String,
    /// Link to the ward pack, relative to the hospital pack.
    link: String,
    /// One flag per column of the matrix.
    uses: Vec<bool>,
}

#[derive(Serialize)]
struct SystemColumn {
    id: String,
    short_name: String,
    name: String,
    tier: u8,
    max_downtime: String,
    fallbacks: Vec<String>,
}

#[derive(Serialize)]
struct ScenarioRow {
    name: String,
    link: String,
    /// One flag per column of the matrix: the scenario takes that system down.
    down: Vec<bool>,
}

#[derive(Serialize)]
struct SitePackContext {
    coverage: super::coverage::Coverage,
    scenarios: Vec<ScenarioRow>,
    trust: TrustView,
    site: SiteView,
    furniture: Furniture,
    wards: Vec<WardRow>,
    systems: Vec<SystemColumn>,
    contacts: Vec<ContactView>,
    trust_contacts: Vec<ContactView>,
    /// The cover's "turn to" table: command down the left, the site's reference sections down
    /// the right.
    cover: Vec<view::CoverRow>,
    contacts_updated: String,
    cascade: Vec<view::CascadeView>,
    equipment: Vec<view::EquipmentView>,
    procedures: Vec<ProcedureView>,
    controls: Vec<ControlView>,
    /// Action cards of the site command roles.
    cards: Vec<super::card::CardView>,
    /// Reserved downtime numbers held at this site, the site's and each ward's.
    numbering: Vec<NumberingRow>,
    /// Each ward's own downtime equipment and buddy, for wards that have either.
    ward_equipment: Vec<WardEquipmentRow>,
}

/// One row of the wards' equipment table: a piece of a ward's equipment, or the ward alone
/// when it has none and relies on its buddy's PC.
#[derive(Serialize)]
struct WardEquipmentRow {
    ward: String,
    kind: String,
    location: String,
    /// The buddy ward whose PC it uses (on the ward's first row), or empty.
    buddy: String,
}

fn ward_equipment_rows(model: &Model, s: SiteIx) -> Vec<WardEquipmentRow> {
    let mut rows = Vec::new();
    for ward in model.sites[s].wards.iter().map(|&w| &model.wards[w]) {
        let buddy = ward
            .buddy
            .map(|b| model.wards[b].name.clone())
            .unwrap_or_default();
        let pieces: Vec<view::EquipmentView> = ward.equipment.iter().map(view::equipment).collect();
        if pieces.is_empty() && !buddy.is_empty() {
            rows.push(WardEquipmentRow {
                ward: ward.name.clone(),
                kind: "(none of its own)".into(),
                location: String::new(),
                buddy,
            });
            continue;
        }
        for (i, e) in pieces.into_iter().enumerate() {
            let location = if e.details.is_empty() {
                e.location
            } else {
                format!("{} ({})", e.location, e.details)
            };
            rows.push(WardEquipmentRow {
                ward: ward.name.clone(),
                kind: e.kind.to_string(),
                location,
                buddy: if i == 0 { buddy.clone() } else { String::new() },
            });
        }
    }
    rows
}

#[derive(Serialize)]
struct NumberingRow {
    holder: String,
    from: String,
    to: String,
    purpose: String,
}

pub fn site_pack(model: &Model, s: SiteIx) -> Pack {
    let site = &model.sites[s];
    let lens = view::Lens::general(model, None, s);
    // Columns: every system a ward on this site uses, in priority order.
    let columns: Vec<usize> = super::systems_by_priority(model, &site.wards);
    let site_procs = model.site_procedures();
    let in_pack = procedures_in_pack(model, s, &site_procs);
    let furniture = site_furniture(model, s, &site_procs, &in_pack);
    let contacts = |ids: &[usize]| ids.iter().map(|&c| view::contact(&lens, c)).collect();
    let cards = super::card::site_cards(&lens);
    let context = SitePackContext {
        coverage: super::coverage::site_coverage(model, s),
        scenarios: scenario_rows(model, s, &columns),
        trust: TrustView::new(model),
        site: SiteView {
            id: site.id.clone(),
            name: site.name.clone(),
            kind: site_kind_label(site.kind),
            address: site.address.clone(),
            switchboard: site.switchboard.clone(),
            command_post: site.command_post.clone(),
        },
        wards: (site.wards.iter())
            .map(|&w| ward_row(model, s, w, &columns))
            .collect(),
        systems: columns.iter().map(|&c| system_column(model, c)).collect(),
        contacts: contacts(&site.contacts),
        trust_contacts: contacts(&model.trust.contacts),
        contacts_updated: view::contacts_updated(
            model,
            (site.contacts.iter()).chain(&model.trust.contacts),
        ),
        cascade: view::cascade(&lens, &site.cascade),
        equipment: site.equipment.iter().map(view::equipment).collect(),
        procedures: (site_procs.iter())
            .map(|&p| view::procedure(&lens, p))
            .collect(),
        controls: (in_pack.iter())
            .map(|&p| view::control(&model.procedures[p]))
            .collect(),
        cover: cover(model, s, &site_procs, &cards),
        cards,
        numbering: numbering_rows(model, s),
        ward_equipment: ward_equipment_rows(model, s),
        furniture: furniture.clone(),
    };
    Pack::new(model, PackKind::Site(s), "site.md", context, furniture)
}

/// The hospital pack prints the site procedures (a draft among them makes it DRAFT), and its
/// document control table lists every ward procedure too, so it is due when the first of
/// `in_pack` is.
fn site_furniture(model: &Model, s: SiteIx, site_procs: &[usize], in_pack: &[usize]) -> Furniture {
    let site = &model.sites[s];
    let review_due = (in_pack.iter())
        .map(|&p| model.procedures[p].review_due)
        .min()
        .unwrap_or(model.trust.edition.date);
    Furniture {
        review_due: view::long_date(review_due),
        ..Furniture::for_procedures(
            model,
            format!("Hospital downtime pack: {}", site.name),
            format!("{} · hospital pack", site.name),
            site_procs,
        )
    }
}

/// The scenario matrix: for each scenario, which of the hospital's systems (`columns`) it
/// takes down, linked to the scenario's hospital pack.
fn scenario_rows(model: &Model, s: SiteIx, columns: &[usize]) -> Vec<ScenarioRow> {
    (model.scenarios.iter().enumerate())
        .map(|(sc_ix, sc)| ScenarioRow {
            name: sc.name.clone(),
            link: layout::link(model, PackKind::Site(s), PackKind::ScenarioSite(sc_ix, s)),
            down: columns.iter().map(|&c| sc.radius.is_lost(c)).collect(),
        })
        .collect()
}

/// The hospital pack's cover rows: its command procedures, the call cascade and each command
/// card; beside them the site command contacts and the sections a site manager looks up.
fn cover(
    model: &Model,
    s: SiteIx,
    procedures: &[usize],
    cards: &[super::card::CardView],
) -> Vec<view::CoverRow> {
    let slug = crate::html::slug;
    let titled = |title: String| {
        let anchor = slug(&title);
        (title, anchor)
    };
    let mut command: Vec<(String, String)> = (procedures.iter())
        .map(|&p| titled(model.procedures[p].title.clone()))
        .collect();
    command.push(titled("Command and escalation".into()));
    command.extend(
        cards
            .iter()
            .map(|c| titled(format!("Action card: {}", c.role))),
    );
    // The contacts first: on a full cover they follow on page 2.
    let mut reference = vec![
        titled("Site command contacts".into()),
        titled("Systems by ward".into()),
        titled("Fallback coverage".into()),
        titled("Downtime equipment".into()),
    ];
    if !numbering_rows(model, s).is_empty() {
        reference.push(titled("Reserved downtime numbers".into()));
    }
    reference.push(titled("Ward downtime kits".into()));
    reference.push(titled("Document control".into()));
    view::cover_rows(command, reference)
}

/// Every procedure the hospital pack accounts for: the site procedures it prints and the ward
/// procedures its document control lists, each once, by id.
fn procedures_in_pack(model: &Model, s: SiteIx, site_procs: &[usize]) -> Vec<usize> {
    let mut in_pack: Vec<usize> = site_procs.to_vec();
    for &w in &model.sites[s].wards {
        for p in model.ward_procedures(w) {
            if !in_pack.contains(&p) {
                in_pack.push(p);
            }
        }
    }
    in_pack.sort_by(|&a, &b| model.procedures[a].id.cmp(&model.procedures[b].id));
    in_pack
}

/// A ward's row of the hospital matrix: where it is, its kit, and which systems it uses.
fn ward_row(model: &Model, s: SiteIx, w: WardIx, columns: &[usize]) -> WardRow {
    let ward = &model.wards[w];
    WardRow {
        id: ward.id.clone(),
        name: ward.name.clone(),
        kind: ward_kind_label(ward.kind),
        location: ward.location.clone(),
        kit_location: ward.kit.location.to_string(),
        kit_checked_by: ward.kit.checked_by.to_string(),
        link: layout::link(model, PackKind::Site(s), PackKind::Ward(w)),
        uses: columns
            .iter()
            .map(|&c| ward.systems.iter().any(|u| u.system == c))
            .collect(),
    }
}

/// A system's column of the hospital matrix, with its key entry and fallbacks.
fn system_column(model: &Model, c: usize) -> SystemColumn {
    let comp = &model.components[c];
    let info = comp.system();
    SystemColumn {
        id: comp.id.clone(),
        short_name: info
            .map(|i| i.short_name.clone())
            .unwrap_or_else(|| comp.id.clone()),
        name: comp.name.clone(),
        tier: info.map(|i| i.tier).unwrap_or(0),
        max_downtime: info.map(|i| i.mtd_text.clone()).unwrap_or_default(),
        fallbacks: comp
            .fallbacks
            .iter()
            .map(|&p| model.procedures[p].title.clone())
            .collect(),
    }
}

#[derive(Serialize)]
struct IndexWard {
    name: String,
    kind: &'static str,
    link: String,
}

#[derive(Serialize)]
struct IndexSite {
    name: String,
    kind: &'static str,
    link: String,
    wards: Vec<IndexWard>,
}

#[derive(Serialize)]
struct IndexScenario {
    name: String,
    kind: &'static str,
    duration: String,
    description: String,
    links: Vec<(String, String)>,
}

#[derive(Serialize)]
struct IndexContext {
    scenarios: Vec<IndexScenario>,
    trust: TrustView,
    sites: Vec<IndexSite>,
    ward_count: usize,
}

pub fn index_pack(model: &Model) -> Pack {
    let context = IndexContext {
        scenarios: model
            .scenarios
            .iter()
            .enumerate()
            .map(|(sc_ix, sc)| IndexScenario {
                name: sc.name.clone(),
                kind: match sc.kind {
                    crate::load::raw::ScenarioKind::Planned => "planned",
                    crate::load::raw::ScenarioKind::Unplanned => "unplanned",
                },
                duration: sc.duration_text.clone(),
                description: sc.description.clone(),
                links: model
                    .sites
                    .iter()
                    .enumerate()
                    .map(|(s, site)| {
                        (
                            site.name.clone(),
                            layout::link(model, PackKind::Index, PackKind::ScenarioSite(sc_ix, s)),
                        )
                    })
                    .collect(),
            })
            .collect(),
        trust: TrustView::new(model),
        ward_count: model.wards.len(),
        sites: model
            .sites
            .iter()
            .enumerate()
            .map(|(s, site)| IndexSite {
                name: site.name.clone(),
                kind: site_kind_label(site.kind),
                link: layout::link(model, PackKind::Index, PackKind::Site(s)),
                wards: {
                    // Staff look their ward up by the name on the door, in the viewer's
                    // order: Ward 7 before Ward 12.
                    let mut order = site.wards.clone();
                    crate::model::order::wards_by_name(model, &mut order);
                    let wards: Vec<IndexWard> = (order.iter())
                        .map(|&w| IndexWard {
                            name: model.wards[w].name.clone(),
                            kind: ward_kind_label(model.wards[w].kind),
                            link: layout::link(model, PackKind::Index, PackKind::Ward(w)),
                        })
                        .collect();
                    wards
                },
            })
            .collect(),
    };
    let furniture = Furniture::trust_wide(
        model,
        format!("Downtime packs: {}", model.trust.name),
        model.trust.name.clone(),
    );
    Pack::new(model, PackKind::Index, "index.md", context, furniture)
}

/// The site's reserved number blocks, then each ward's, in ward order.
fn numbering_rows(model: &Model, s: SiteIx) -> Vec<NumberingRow> {
    let site = &model.sites[s];
    let row = |holder: &str, r: &crate::model::numbering::NumberRange| NumberingRow {
        holder: holder.to_string(),
        from: r.from.clone(),
        to: r.to.clone(),
        purpose: r.purpose.clone(),
    };
    let site_rows = site.numbering.iter().map(|r| row(&site.name, r));
    let ward_rows = site.wards.iter().flat_map(|&w| {
        model.wards[w]
            .numbering
            .iter()
            .map(move |r| row(&model.wards[w].name, r))
    });
    site_rows.chain(ward_rows).collect()
}
