//! Downtime equipment: every ward with beds can reach a downtime PC on its own site, and the
//! PCs keep working in a power cut.

use super::super::{Context, Rule};
use crate::diagnostic::Diagnostic;
use crate::load::raw::{EquipmentKind, LintLevel, Power, WardKind};

pub const NO_DOWNTIME_PC: Rule = Rule {
    code: "no-downtime-pc",
    default: LintLevel::Warning,
    summary: "an inpatient, maternity or critical care ward with no downtime PC of its own and no `buddy` on the same site",
    check: no_downtime_pc,
};

pub const PC_ON_ORDINARY_POWER: Rule = Rule {
    code: "pc-on-ordinary-power",
    default: LintLevel::Warning,
    summary: "a downtime or master PC plugged into an ordinary socket (`power: ordinary`): lost in a power cut",
    check: pc_on_ordinary_power,
};

fn no_downtime_pc(cx: &Context) -> Vec<Diagnostic> {
    let model = cx.model;
    let has_beds = [
        WardKind::Inpatient,
        WardKind::Maternity,
        WardKind::CriticalCare,
    ];
    let has_pc = |w: usize| {
        model.wards[w]
            .equipment
            .iter()
            .any(|e| e.kind == EquipmentKind::DowntimePc)
    };
    model
        .wards
        .iter()
        .enumerate()
        .filter(|(w, ward)| has_beds.contains(&ward.kind) && !has_pc(*w))
        .filter_map(|(_, ward)| {
            let message = match ward.buddy {
                Some(b) if model.wards[b].site == ward.site && has_pc(b) => return None,
                Some(b) if model.wards[b].site != ward.site => format!(
                    "ward `{}` has no downtime PC, and its buddy `{}` is at another hospital",
                    ward.id, model.wards[b].id
                ),
                Some(b) => format!("ward `{}` has no downtime PC, and neither has its buddy `{}`", ward.id, model.wards[b].id),
                None => format!("ward `{}` has no downtime PC and no buddy ward", ward.id),
            };
            Some(
                cx.finding(&ward.file, if ward.buddy.is_some() { "buddy" } else { "kind" }, message)
                    .with_hint("list its PC under `equipment:` (`kind: downtime-pc`), or name a `buddy:` ward on the same site that has one"),
            )
        })
        .collect()
}

fn pc_on_ordinary_power(cx: &Context) -> Vec<Diagnostic> {
    let model = cx.model;
    let pcs = [EquipmentKind::DowntimePc, EquipmentKind::MasterPc];
    let sites = model.sites.iter().map(|s| (&s.equipment, &s.file));
    let wards = model.wards.iter().map(|w| (&w.equipment, &w.file));
    let mut found = Vec::new();
    for (equipment, file) in sites.chain(wards) {
        for (i, e) in equipment.iter().enumerate() {
            if pcs.contains(&e.kind) && e.power == Some(Power::Ordinary) {
                found.push(
                    cx.finding(file, format!("equipment[{i}].power"), format!("the downtime PC at {} is on an ordinary socket: it goes off in a power cut", e.location))
                        .with_hint("move it to a red emergency socket and write `power: emergency`"),
                );
            }
        }
    }
    found
}
