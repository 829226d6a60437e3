//! Wards' downtime kits: enough paper, sized from real beds, and one number per form.

use super::super::{Context, Rule};
use crate::diagnostic::Diagnostic;
use crate::load::raw::{LintLevel, WardKind};

pub const INPATIENT_WITHOUT_BEDS: Rule = Rule {
    code: "inpatient-without-beds",
    default: LintLevel::Warning,
    summary:
        "an inpatient, maternity or critical care ward that does not say how many `beds` it has",
    check: inpatient_without_beds,
};

pub const KIT_BELOW_MINIMUM: Rule = Rule {
    code: "kit-below-minimum",
    default: LintLevel::Warning,
    summary: "a ward kit sized for fewer `hours` than the trust's `kit_minimum_hours` (default 8)",
    check: kit_below_minimum,
};

pub const NUMBERS_WITHOUT_RANGE: Rule = Rule {
    code: "numbers-without-range",
    default: LintLevel::Warning,
    summary: "a ward whose procedures hand out reserved numbers (`numbers: true`) with no `numbering` block on the ward or its site",
    check: numbers_without_range,
};

pub const KIT_FORM_MISMATCH: Rule = Rule {
    code: "kit-form-mismatch",
    default: LintLevel::Warning,
    summary: "a kit item that is a form by its name but not linked with `form:`, whose quantity differs from the form's `copies` (the pack would print two numbers)",
    check: kit_form_mismatch,
};

fn inpatient_without_beds(cx: &Context) -> Vec<Diagnostic> {
    let has_beds = [
        WardKind::Inpatient,
        WardKind::Maternity,
        WardKind::CriticalCare,
    ];
    cx.model
        .wards
        .iter()
        .filter(|w| has_beds.contains(&w.kind) && w.beds.is_none())
        .map(|w| {
            cx.finding(
                &w.file,
                "kind",
                format!("ward `{}` has beds but does not say how many", w.id),
            )
            .with_hint("add `beds: 28` (staffed beds), so kit quantities can be worked out from it")
        })
        .collect()
}

fn kit_below_minimum(cx: &Context) -> Vec<Diagnostic> {
    let minimum = cx.model.trust.kit_minimum_hours;
    cx.model
        .wards
        .iter()
        .filter(|w| w.kit.hours < minimum)
        .map(|w| {
            cx.finding(
                &w.file,
                "kit.hours",
                format!(
                    "the kit of `{}` holds {} hours of paper; the trust's minimum is {minimum}",
                    w.id, w.kit.hours
                ),
            )
            .with_hint(format!(
                "raise `kit.hours` to at least {minimum}, or remove it to use the trust's minimum"
            ))
        })
        .collect()
}

fn kit_form_mismatch(cx: &Context) -> Vec<Diagnostic> {
    let model = cx.model;
    let mut found = Vec::new();
    for ward in &model.wards {
        for (i, item) in ward
            .kit
            .items
            .iter()
            .enumerate()
            .filter(|(_, i)| i.form.is_none())
        {
            let Some(form) = model
                .forms
                .iter()
                .find(|f| f.title.eq_ignore_ascii_case(&item.item))
            else {
                continue;
            };
            if form.copies != item.quantity {
                found.push(
                    cx.finding(
                        &ward.file,
                        format!("kit.contents[{i}].item"),
                        format!(
                            "the kit holds {} of `{}`, but form `{}` says {} copies: the pack would print both",
                            item.quantity, item.item, form.id, form.copies
                        ),
                    )
                    .with_hint(format!("add `form: {}` to the kit item, so the forms table shows the kit's number", form.id)),
                );
            }
        }
    }
    found
}

fn numbers_without_range(cx: &Context) -> Vec<Diagnostic> {
    let model = cx.model;
    model
        .wards
        .iter()
        .enumerate()
        .filter(|(_, w)| w.numbering.is_empty() && model.sites[w.site].numbering.is_empty())
        .filter(|(w, _)| {
            model.ward_procedures(*w).iter().any(|&p| {
                crate::model::Phase::ALL.iter().any(|&ph| model.procedures[p].steps(ph).iter().any(|s| s.numbers))
            })
        })
        .map(|(_, w)| {
            cx.finding(&w.file, "id", format!("`{}` hands out reserved numbers, but neither it nor its site has a `numbering` block", w.id))
                .with_hint("add `numbering: [{ from: DT-700001, to: DT-700100, for: new admissions }]` to the ward or its site")
        })
        .collect()
}
