//! The walk-round sheet: one printed form per site on which whoever checks the downtime boxes
//! ticks, for each box, that its copy carries the code it should, that the kit was checked and
//! that the downtime PC works, and signs. Built from the packs' codes and the register, so it
//! also says which boxes need a new copy before the walk starts.

use super::copies::Copy;
use super::status::{self, Reprint};
use super::Register;
use crate::model::{Model, SiteIx};
use crate::pack::view::{downtime_pcs, long_date};
use crate::pack::{Furniture, PackKind};
use crate::render::escape::markdown as md;
use crate::typeset::form::{Field, FieldKind, FormSpec, Part};
use chrono::NaiveDate;

/// Title of the sheet.
pub const TITLE: &str = "Downtime box walk-round";

/// The sheet of site `s` as of `today`, with its furniture.
pub fn sheet(
    model: &Model,
    s: SiteIx,
    copies: &[Copy],
    register: &Register,
    today: NaiveDate,
) -> (FormSpec, Furniture) {
    let site = &model.sites[s];
    let reprints = status::reprints(register, copies);
    let latest = register.latest();
    let mut parts = vec![
        Part::Header,
        Part::Instructions(format!(
            "Prepared {} from edition {}. At each box, read the code at the foot of any page of the pack in it and compare it with the code below. A box marked **REPRINT** needs the new copy: bring it printed, replace the old one, and tell whoever keeps the register of copies. Anything missing or not working: tell the nurse in charge and site command the same day.",
            long_date(today),
            model.trust.edition.version
        )),
        Part::Fields(vec![field("Walk-round by (print name)", FieldKind::Line), field("Date", FieldKind::Date)]),
    ];
    for copy in boxes(model, s, copies) {
        let issued = latest.get(copy.pack.as_str()).map(|(_, e)| *e);
        let reprint = reprints.iter().find(|r| r.pack == copy.pack);
        let mut together = vec![Part::Instructions(describe(model, copy, issued, reprint))];
        let mut checks = vec![format!("Copy shows {}", copy.code)];
        match copy.kind {
            PackKind::Ward(_) => {
                checks.push("Kit checked against the kit list".to_string());
                checks.push("Downtime PC starts and prints".to_string());
            }
            PackKind::Site(x) => {
                // Only what this site's command post is meant to hold.
                let radios = (model.sites[x].equipment.iter())
                    .any(|e| e.kind == crate::load::raw::EquipmentKind::Radios);
                if radios {
                    checks.push("Radios charged".to_string());
                }
                checks.push("Decision log present".to_string());
            }
            _ => {}
        }
        together.push(Part::Ticks {
            label: "Checked".to_string(),
            options: checks,
        });
        together.push(Part::Fields(vec![field("Signature", FieldKind::Signature)]));
        parts.push(Part::Together(together));
    }
    let spec = FormSpec {
        id: "walk-round".to_string(),
        title: TITLE.to_string(),
        purpose: "Check that every downtime box holds the current copy, its kit and a working PC."
            .to_string(),
        version: model.trust.edition.version.to_string(),
        trust: model.trust.name.clone(),
        site: site.name.clone(),
        ward: "Every downtime box on the site".to_string(),
        parts,
    };
    // The sheet is only good on the day it was prepared: the register moves on.
    let furniture = Furniture {
        code: crate::pack::code::of_form(&spec),
        review_due: long_date(today),
        ..Furniture::trust_wide(
            model,
            format!("{TITLE}: {}", site.name),
            format!("{TITLE} · {}", site.name),
        )
    };
    (spec, furniture)
}

/// The downtime boxes of site `s`: its hospital pack, then each ward's pack.
pub fn boxes<'a>(
    model: &'a Model,
    s: SiteIx,
    copies: &'a [Copy],
) -> impl Iterator<Item = &'a Copy> {
    copies.iter().filter(move |c| match c.kind {
        PackKind::Site(x) => x == s,
        PackKind::Ward(w) => model.wards[w].site == s,
        _ => false,
    })
}

fn field(label: &str, kind: FieldKind) -> Field {
    Field {
        label: label.to_string(),
        kind,
        lines: 1,
    }
}

/// What the checker needs at one box: whose box, where, the code it should hold, and what the
/// register says is in it.
fn describe(
    model: &Model,
    copy: &Copy,
    issued: Option<&super::Entry>,
    reprint: Option<&Reprint>,
) -> String {
    let mut text = match copy.kind {
        PackKind::Ward(w) => {
            let ward = &model.wards[w];
            let mut where_ = format!("Kit: {}.", md(&ward.kit.location));
            for pc in downtime_pcs(model, w).iter().take(1) {
                where_.push_str(&format!(" {}: {}.", md(&pc.label), md(&pc.location)));
            }
            format!("**{}** · {where_}", md(&ward.name))
        }
        PackKind::Site(s) => format!(
            "**Hospital pack** · site command post: {}.",
            md(&model.sites[s].command_post)
        ),
        _ => md(&copy.title),
    };
    text.push_str(&format!(" The box should hold **{}**.", copy.code));
    match (issued, reprint) {
        (None, _) => text.push_str(" **NOT RECORDED:** no copy of this pack has been recorded as issued; place one and record it."),
        (Some(entry), Some(r)) => text.push_str(&format!(
            " **REPRINT:** the copy issued {} holds {} ({}).",
            long_date(entry.date),
            entry.code,
            md(&r.summary())
        )),
        (Some(entry), None) => text.push_str(&format!(
            " Issued {} by {}.",
            long_date(entry.date),
            md(&entry.by)
        )),
    }
    text
}
