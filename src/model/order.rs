//! The one owner of ordering: the order in which systems are printed, listed and triaged,
//! and the order of names people read (wards, beds).
//!
//! Packs, scenario packs, the coverage matrix and `downtime impact` all list systems most
//! critical first, so the nurse reading any of them meets the same order.

use super::{ComponentIx, Model, WardIx};

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

/// Sort key of a name as people read it: runs of digits compare by value, so "Ward 7" comes
/// before "Ward 12" and "Bed 2" before "Bed 10"; the rest compares as text. A number sorts
/// before text at the same place.
pub fn natural(text: &str) -> Vec<(u64, String)> {
    let mut key = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let digits = rest.starts_with(|d: char| d.is_ascii_digit());
        let split = rest
            .find(|c: char| c.is_ascii_digit() != digits)
            .unwrap_or(rest.len());
        let (part, tail) = rest.split_at(split);
        // A run too long for u64 compares as text: still a total, stable order.
        match part.parse::<u64>() {
            Ok(n) => key.push((n, String::new())),
            Err(_) => key.push((u64::MAX, part.to_string())),
        }
        rest = tail;
    }
    key
}

/// Sort wards by the name on the door, naturally (see [`natural`]), then by id so that two
/// wards of one name keep one order.
pub fn wards_by_name(model: &Model, wards: &mut [WardIx]) {
    wards.sort_by_cached_key(|&w| (natural(&model.wards[w].name), model.wards[w].id.clone()));
}

#[cfg(test)]
mod tests {
    use super::natural;

    // Names sort as people read them: numbers by value, 7 before 12, bay before bed.
    #[test]
    fn names_in_natural_order() {
        let mut names = vec![
            "Ward 12",
            "Bay 1 Bed 10",
            "Ward 7",
            "Bay 1 Bed 2",
            "Acorn Clinic",
            "Bay 2 Bed 1",
            "Ward 7A",
        ];
        names.sort_by_key(|n| natural(n));
        assert_eq!(
            names,
            [
                "Acorn Clinic",
                "Bay 1 Bed 2",
                "Bay 1 Bed 10",
                "Bay 2 Bed 1",
                "Ward 7",
                "Ward 7A",
                "Ward 12"
            ]
        );
    }
}
