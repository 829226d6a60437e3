//! Data flows between systems: what an outage loses must be put back by someone.

use super::super::{Context, Rule};
use crate::diagnostic::Diagnostic;
use crate::load::raw::{LintLevel, Status};
use crate::model::{FlowLoss, Phase};

pub const LOST_FLOW_WITHOUT_REENTRY: Rule = Rule {
    code: "lost-flow-without-reentry",
    default: LintLevel::Warning,
    summary:
        "an interface whose messages are `lost` while it is down, with no step that `reenters` them",
    check: lost_flow_without_reentry,
};

fn lost_flow_without_reentry(cx: &Context) -> Vec<Diagnostic> {
    let model = cx.model;
    let reentered: Vec<usize> = model
        .procedures
        .iter()
        .filter(|p| p.control.status != Status::Retired)
        .flat_map(|p| Phase::ALL.into_iter().flat_map(move |ph| p.steps(ph)))
        .flat_map(|s| s.reenters.iter().copied())
        .collect();
    model
        .interfaces
        .iter()
        .enumerate()
        .filter(|(ix, i)| i.when_down == FlowLoss::Lost && !reentered.contains(ix))
        .map(|(_, i)| {
            cx.finding(
                &i.file,
                "when_down",
                format!(
                    "what `{}` carries is lost while it is down, and no step enters it again",
                    i.id
                ),
            )
            .with_hint(format!(
                "add `reenters: [{}]` to the recovery step that enters it again by hand",
                i.id
            ))
        })
        .collect()
}
