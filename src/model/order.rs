//! The one owner of ordering: the order in which systems are printed, listed and triaged.
//!
//! Packs, scenario packs, the coverage matrix and `downtime impact` all list systems most
//! critical first, so the nurse reading any of them meets the same order.

use super::{ComponentIx, Model};

/// Sort key of a component, most critical first: clinical tier (1 first), then the shortest
/// tolerable downtime, then the name people read, then the id so the order is total.
/// Infrastructure (no tier) comes after every system.
pub fn priority(model: &Model, c: ComponentIx) -> (u8, u32, &str, &str) {
    let comp = &model.components[c];
    match comp.system() {
        Some(info) => (info.tier, info.mtd_minutes, &comp.name, &comp.id),
        None => (u8::MAX, u32::MAX, &comp.name, &comp.id),
    }
}

/// Sort components most critical first (see [`priority`]).
pub fn by_priority(model: &Model, components: &mut [ComponentIx]) {
    components.sort_by(|&a, &b| priority(model, a).cmp(&priority(model, b)));
}
