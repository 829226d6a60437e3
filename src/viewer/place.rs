//! The viewer's pages by place, as a nurse finds her way on the downtime PC: the start page
//! lists the hospitals, a hospital's home its wards by name, and a ward's home answers
//! "what is down?" for each system the ward uses and each outage that reaches it, beside its
//! pack, action cards and forms. Every page is small and static: nothing on it grows with
//! the size of the trust but the list of hospitals.

use super::search;
use crate::html;
use crate::model::{order, Model, SiteIx, WardIx};
use crate::pack::{self, card, layout, PackKind};
use std::path::{Path, PathBuf};

/// The viewer's start page.
pub const START_PAGE: &str = "_viewer/index.html";
/// The search script every page with a search box loads.
pub const SEARCH_SCRIPT: &str = "_viewer/_search.js";
/// A hospital's or a ward's home, in its folder (no id starts with `_`).
pub(super) const HOME: &str = "_home.html";

/// Where a hospital's home goes.
pub fn hospital_home_path(model: &Model, s: SiteIx) -> PathBuf {
    Path::new(layout::VIEWER)
        .join(&model.sites[s].id)
        .join(HOME)
}

/// Where a ward's home goes: in the ward's folder, beside its action cards.
pub fn ward_home_path(model: &Model, w: WardIx) -> PathBuf {
    let ward = &model.wards[w];
    (Path::new(layout::VIEWER).join(&model.sites[ward.site].id))
        .join(&ward.id)
        .join(HOME)
}

/// An `href` from the page at `from` to the file at `to`, both below the output folder.
fn href(from: &Path, to: &Path) -> String {
    html::escape(&layout::relative(from, to))
}

/// A pack's viewer page.
fn page_of(model: &Model, kind: PackKind) -> PathBuf {
    layout::viewer_page(&layout::path(model, kind))
}

/// The way up from a page to the viewer's top, where the search index's links start.
fn root(page: &Path) -> String {
    "../".repeat(page.components().count().saturating_sub(2))
}

/// The trail back up: all hospitals, then the hospital, then where the page is.
fn crumbs(model: &Model, here: &Path, site: Option<SiteIx>, last: &str) -> String {
    let mut out = format!(
        "<span class=\"crumbs\"><a href=\"{}\">All hospitals</a> › ",
        href(here, Path::new(START_PAGE))
    );
    if let Some(s) = site {
        out.push_str(&format!(
            "<a href=\"{}\">{}</a> › ",
            href(here, &hospital_home_path(model, s)),
            html::escape(&model.sites[s].name)
        ));
    }
    out.push_str(&format!(
        "<span aria-current=\"page\">{}</span></span>",
        html::escape(last)
    ));
    out
}

/// One page of the viewer, with the trust's header and footer and the search script.
fn place_page(model: &Model, here: &Path, title: &str, nav: &str, body: &str) -> String {
    let footer = format!(
        "Pack version {} · Works without a network",
        model.trust.edition.version
    );
    let script = format!(
        "<script src=\"{}\"></script>\n",
        href(here, Path::new(SEARCH_SCRIPT))
    );
    html::page(title, &model.trust.name, &footer, nav, body, &script)
}

/// `_viewer/index.html`: choose your hospital, or search the trust.
pub fn start_page(model: &Model) -> String {
    let here = Path::new(START_PAGE);
    let mut rows = String::new();
    let mut scopes = String::from("<option value=\"\">The whole trust</option>");
    for (s, site) in model.sites.iter().enumerate() {
        rows.push_str(&format!(
            "<tr><td><a href=\"{}\">{}</a></td><td>{}</td><td>{}</td></tr>\n",
            href(here, &hospital_home_path(model, s)),
            html::escape(&site.name),
            pack::site_kind_label(site.kind),
            site.wards.len()
        ));
        scopes.push_str(&format!(
            "<option value=\"{}/\">{}</option>",
            html::escape(&site.id),
            html::escape(&site.name)
        ));
    }
    let scope =
        format!("<label for=\"scope\">Search in</label>\n<select id=\"scope\">{scopes}</select>");
    let body = format!(
        "<h1>Downtime packs: {trust}</h1>\n<p>Choose your hospital, then your ward or department: its page says what to do when a system is down, with its action cards and forms to print.</p>\n<section aria-labelledby=\"places-heading\">\n<h2 id=\"places-heading\">Choose your hospital</h2>\n<table tabindex=\"0\"><thead><tr><th>Hospital</th><th>Kind</th><th>Wards and departments</th></tr></thead><tbody>\n{rows}</tbody></table>\n</section>\n{search}<section aria-labelledby=\"trust-heading\">\n<h2 id=\"trust-heading\">Across the trust</h2>\n<p><a href=\"{coverage}\">Fallback coverage across the trust</a>: which systems have a paper fallback on which wards.</p>\n</section>\n",
        trust = html::escape(&model.trust.name),
        search = search::search_box("", &scope),
        coverage = href(here, &page_of(model, PackKind::Coverage)),
    );
    let title = format!("Downtime packs: {}", model.trust.name);
    place_page(model, here, &title, "", &body)
}

/// A hospital's home: its wards by name, its own pack and command cards, and its packs for
/// each outage scenario.
pub fn hospital_home(model: &Model, s: SiteIx) -> String {
    let site = &model.sites[s];
    let here = hospital_home_path(model, s);
    let mut wards = site.wards.clone();
    // Staff look their ward up by the name on the door: "Ward 7" before "Ward 12".
    order::wards_by_name(model, &mut wards);
    let rows: String = (wards.iter())
        .map(|&w| {
            format!(
                "<tr><td><a href=\"{}\">{}</a></td><td>{}</td></tr>\n",
                href(&here, &ward_home_path(model, w)),
                html::escape(&model.wards[w].name),
                pack::ward_kind_label(model.wards[w].kind)
            )
        })
        .collect();
    let mut hospital = format!(
        "<li><a href=\"{}\">Hospital pack: {}</a></li>",
        href(&here, &page_of(model, PackKind::Site(s))),
        html::escape(&site.name)
    );
    for role in card::site_card_roles(model) {
        hospital.push_str(&format!(
            "<li><a href=\"{}\">Command card: {}</a></li>",
            href(&here, &page_of(model, PackKind::SiteCard(s, role))),
            html::escape(&model.roles[role].name)
        ));
    }
    let outages: String = (0..model.scenarios.len())
        .map(|sc| {
            format!(
                "<li><a href=\"{}\">{}</a>: {}</li>",
                href(&here, &page_of(model, PackKind::ScenarioSite(sc, s))),
                html::escape(&model.scenarios[sc].name),
                html::escape(&model.scenarios[sc].description)
            )
        })
        .collect();
    let scope = search::scope_radios(&[
        (format!("{}/", site.id), format!("All of {}", site.name)),
        (String::new(), "The whole trust".into()),
    ]);
    let body = format!(
        "<h1>{name}</h1>\n<p>{kind}. Choose your ward or department.</p>\n<section aria-labelledby=\"wards-heading\">\n<h2 id=\"wards-heading\">Wards and departments</h2>\n<table tabindex=\"0\"><thead><tr><th>Ward or department</th><th>Kind</th></tr></thead><tbody>\n{rows}</tbody></table>\n</section>\n{search}<section aria-labelledby=\"command-heading\">\n<h2 id=\"command-heading\">Running the hospital in a downtime</h2>\n<ul>{hospital}</ul>\n</section>\n<section aria-labelledby=\"outages-heading\">\n<h2 id=\"outages-heading\">Outages across the hospital</h2>\n<ul>{outages}</ul>\n</section>\n",
        name = html::escape(&site.name),
        kind = pack::site_kind_label(site.kind),
        search = search::search_box(&root(&here), &scope),
    );
    let nav = crumbs(model, &here, None, &site.name);
    place_page(model, &here, &site.name, &nav, &body)
}

/// A ward's home: "what is down?" answered for this ward, its pack, action cards and forms.
pub fn ward_home(model: &Model, w: WardIx, has_pdf: bool) -> String {
    let ward = &model.wards[w];
    let site = &model.sites[ward.site];
    let here = ward_home_path(model, w);
    let scope = search::scope_radios(&[
        (
            search::page_url(model, PackKind::Ward(w)),
            format!("This ward's pack ({})", ward.name),
        ),
        (format!("{}/", site.id), format!("All of {}", site.name)),
        (String::new(), "The whole trust".into()),
    ]);
    let mut body = format!(
        "<h1>{name}</h1>\n<p>{kind}, {site}. {location}</p>\n{search}",
        name = html::escape(&ward.name),
        kind = pack::ward_kind_label(ward.kind),
        site = html::escape(&site.name),
        location = html::escape(&ward.location),
        search = search::search_box(&root(&here), &scope),
    );
    body.push_str(&first_stops(model, w, &here));
    body.push_str(&super::answer::what_is_down(model, w, &here, has_pdf));
    body.push_str(&ward_documents(model, w, &here, has_pdf));
    let nav = crumbs(model, &here, Some(ward.site), &ward.name);
    let title = format!("{}, {}", ward.name, site.name);
    place_page(model, &here, &title, &nav, &body)
}

/// The two parts of the ward's pack a nurse needs first, whatever is down: whom to call, and
/// what to do when systems are back. Right below the search box (which stays among the first
/// stops of the keyboard), above the answers.
fn first_stops(model: &Model, w: WardIx, here: &Path) -> String {
    let page = href(here, &page_of(model, PackKind::Ward(w)));
    format!(
        "<section class=\"first\" aria-labelledby=\"first-heading\">\n<h2 id=\"first-heading\">In your ward's pack</h2>\n<ul><li><a href=\"{page}#{contacts}\">Emergency contacts</a>: whom to call, and how without phones</li><li><a href=\"{page}#{recovery}\">Systems back: recovery checklist</a>: back-enter, reconcile, and tell patients</li></ul>\n</section>\n",
        contacts = pack::EMERGENCY_CONTACTS,
        recovery = pack::RECOVERY_CHECKLIST,
    )
}

/// A ward's pack (its main sections), action cards and blank forms, each one click away.
fn ward_documents(model: &Model, w: WardIx, here: &Path, has_pdf: bool) -> String {
    let md = layout::path(model, PackKind::Ward(w));
    let page = href(here, &page_of(model, PackKind::Ward(w)));
    let mut pack = format!("<li><a href=\"{page}\">The whole pack</a>");
    if has_pdf {
        pack.push_str(&format!(
            " (<a href=\"{}\">printable PDF</a>)",
            href(here, &md.with_extension("pdf"))
        ));
    }
    pack.push_str("</li>");
    for section in ["First 15 minutes", "Call cascade", "Downtime kit"] {
        pack.push_str(&format!(
            "<li><a href=\"{page}#{}\">{section}</a></li>",
            html::slug(section)
        ));
    }
    let cards: String = (model.wards[w].roles.iter())
        .filter(|&&role| model.role_has_steps(w, role))
        .map(|&role| {
            format!(
                "<li><a href=\"{}\">Action card: {}</a></li>",
                href(here, &page_of(model, PackKind::Card(w, role))),
                html::escape(&model.roles[role].name)
            )
        })
        .collect();
    let forms = super::answer::form_list(model, w, &card::ward_forms(model, w), here, has_pdf);
    format!(
        "<section aria-labelledby=\"pack-heading\">\n<h2 id=\"pack-heading\">Your ward's pack</h2>\n<ul>{pack}</ul>\n</section>\n<section aria-labelledby=\"cards-heading\">\n<h2 id=\"cards-heading\">Action cards</h2>\n<ul>{cards}</ul>\n</section>\n<section aria-labelledby=\"forms-heading\">\n<h2 id=\"forms-heading\">Forms to print</h2>\n{forms}</section>\n"
    )
}
