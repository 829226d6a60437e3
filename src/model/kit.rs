//! A ward's downtime kit: what is in the box and how many, each quantity fixed or computed
//! from the ward's beds and the hours the kit must last, with the reason printed beside it.

use super::ids::Namespaces;
use super::FormIx;
use crate::diagnostic::Diagnostic;
use crate::load::raw;
use std::path::Path;

/// Hours of paper a kit holds when the trust does not say (contingency planning guidance).
pub const DEFAULT_MINIMUM_HOURS: u32 = 8;

#[derive(Debug)]
pub struct Kit {
    pub location: String,
    pub checked_by: String,
    /// Hours of paper the kit is sized for.
    pub hours: u32,
    pub items: Vec<KitItem>,
}

#[derive(Debug)]
pub struct KitItem {
    pub item: String,
    pub form: Option<FormIx>,
    pub quantity: u32,
    /// How the quantity was worked out, e.g. "28 beds × 1 per bed + 20% spare"; empty for a
    /// fixed quantity.
    pub reason: String,
}

/// What a kit is sized from: the ward's beds and the hours its kit must hold.
pub(super) struct Sizing<'a> {
    pub beds: Option<u32>,
    pub hours: u32,
    pub file: &'a Path,
}

pub(super) fn resolve(
    kit: &raw::Kit,
    sizing: &Sizing,
    ids: &Namespaces,
    diags: &mut Vec<Diagnostic>,
) -> Kit {
    // One missing `beds` is one mistake, however many items are counted per bed.
    let per_bed = kit.contents.iter().filter(|i| i.per_bed.is_some()).count();
    if sizing.beds.is_none() && per_bed > 0 {
        let (i, first) = kit
            .contents
            .iter()
            .enumerate()
            .find(|(_, i)| i.per_bed.is_some())
            .expect("counted");
        let others = match per_bed - 1 {
            0 => String::new(),
            1 => " (and 1 more item)".to_string(),
            n => format!(" (and {n} more items)"),
        };
        diags.push(
            Diagnostic::error(
                "kit-needs-beds",
                sizing.file,
                format!(
                    "`{}`{others} is counted per bed, but the ward gives no `beds`",
                    first.item
                ),
            )
            .at_path(format!("kit.contents[{i}].per_bed"))
            .with_hint("add `beds:` to the ward"),
        );
    }
    let items = kit
        .contents
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let at = format!("kit.contents[{i}]");
            let form = item
                .form
                .as_ref()
                .and_then(|f| ids.forms.find(f, sizing.file, &format!("{at}.form"), diags));
            let (quantity, reason) =
                quantity(item, sizing, &at, diags).unwrap_or((0, String::new()));
            KitItem {
                item: item.item.to_string(),
                form,
                quantity,
                reason,
            }
        })
        .collect();
    Kit {
        location: kit.location.to_string(),
        checked_by: kit.checked_by.to_string(),
        hours: sizing.hours,
        items,
    }
}

/// The item's quantity and how it was worked out; `None` after reporting a rule that cannot
/// be worked out.
fn quantity(
    item: &raw::KitItem,
    sizing: &Sizing,
    at: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<(u32, String)> {
    let error = |code: &'static str, field: &str, message: String, hint: &str| {
        Diagnostic::error(code, sizing.file, message)
            .at_path(format!("{at}.{field}"))
            .with_hint(hint)
    };
    let spare = check_rule(item, &error, diags)?;
    let (base, mut reason) = match (item.quantity, item.per_bed, item.per_day) {
        (Some(q), _, _) => (q, String::new()),
        (None, Some(per_bed), _) => {
            // Reported once for the whole kit, above.
            let beds = sizing.beds?;
            // A set lasting fewer hours than the kit must hold is needed once per period.
            let sets = item
                .hours
                .filter(|&h| h > 0)
                .map_or(1, |h| sizing.hours.div_ceil(h));
            let mut reason = format!("{beds} beds \u{d7} {per_bed} per bed");
            if sets > 1 {
                let lasts = item.hours.unwrap_or(0);
                reason.push_str(&format!(
                    " \u{d7} {sets} (one lasts {lasts} hours; the kit holds {})",
                    sizing.hours
                ));
            }
            (beds.saturating_mul(per_bed).saturating_mul(sets), reason)
        }
        (None, None, Some(per_day)) => {
            let q = (per_day.saturating_mul(sizing.hours)).div_ceil(24);
            (q, format!("{per_day} a day for {} hours", sizing.hours))
        }
        (None, None, None) => (1, String::new()),
    };
    let quantity = base.saturating_mul(100 + spare).div_ceil(100);
    if spare > 0 {
        if reason.is_empty() {
            reason = base.to_string();
        }
        reason.push_str(&format!(" + {spare}% spare"));
    }
    Some((quantity, reason))
}

/// The item's rule is one that can be worked out; its spare percentage.
fn check_rule(
    item: &raw::KitItem,
    error: &impl Fn(&'static str, &str, String, &str) -> Diagnostic,
    diags: &mut Vec<Diagnostic>,
) -> Option<u32> {
    let rules = [
        item.quantity.is_some(),
        item.per_bed.is_some(),
        item.per_day.is_some(),
    ];
    if rules.iter().filter(|&&r| r).count() > 1 {
        diags.push(error(
            "kit-rule",
            "quantity",
            format!(
                "`{}` gives more than one of `quantity`, `per_bed` and `per_day`",
                item.item
            ),
            "keep one: a fixed quantity, or the rule it is worked out from",
        ));
        return None;
    }
    if [item.quantity, item.per_bed, item.per_day, item.hours].contains(&Some(0)) {
        diags.push(error(
            "kit-rule",
            "item",
            format!(
                "`{}` works out at none: a quantity, rate or hours of 0",
                item.item
            ),
            "give at least 1, or remove the item from the kit",
        ));
        return None;
    }
    if item.hours.is_some() && item.per_bed.is_none() {
        diags.push(error(
            "kit-rule",
            "hours",
            format!(
                "`hours` on `{}` says how long one set per bed lasts, but it has no `per_bed`",
                item.item
            ),
            "add `per_bed`, or remove `hours`",
        ));
        return None;
    }
    let spare = match &item.spare {
        None => 0,
        Some(text) => match text
            .trim()
            .strip_suffix('%')
            .and_then(|n| n.trim().parse::<u32>().ok())
        {
            Some(p) if p <= 500 => p,
            _ => {
                diags.push(error(
                    "kit-rule",
                    "spare",
                    format!("`{text}` is not a percentage"),
                    "write e.g. `spare: 20%`",
                ));
                return None;
            }
        },
    };
    Some(spare)
}
