//! Interfaces, from `interfaces/`: data flows between systems. A flow stops when its sender,
//! its receiver or anything it passes through is lost; what was in flight then either
//! arrives late (queued) or must be entered again (lost).

use super::graph::BlastRadius;
use super::ids::Namespaces;
use super::ComponentIx;
use crate::diagnostic::Diagnostic;
use crate::load::{raw, Sourced};
use std::path::PathBuf;

pub use raw::FlowLoss;

#[derive(Debug)]
pub struct Interface {
    pub id: String,
    pub name: String,
    pub from: ComponentIx,
    pub to: ComponentIx,
    pub carries: String,
    pub when_down: FlowLoss,
    pub relies_on: Vec<ComponentIx>,
    pub notes: String,
    pub file: PathBuf,
}

impl Interface {
    /// Whether the flow stops in an outage that loses `radius`.
    pub fn stops(&self, radius: &BlastRadius) -> bool {
        self.touches().any(|c| radius.is_lost(c))
    }

    /// Every component the flow needs: both ends and what it passes through.
    pub fn touches(&self) -> impl Iterator<Item = ComponentIx> + '_ {
        [self.from, self.to]
            .into_iter()
            .chain(self.relies_on.iter().copied())
    }
}

/// Pass 2 for interfaces: both ends and what the flow relies on. An interface with an
/// unknown end is dropped (its error is reported once).
pub(super) fn resolve(
    interfaces: &[Sourced<raw::Interface>],
    ids: &Namespaces,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Interface> {
    interfaces
        .iter()
        .filter_map(|i| {
            let (v, file) = (&i.value, &i.file);
            let from = ids.components.find(&v.from, file, "from", diags);
            let to = ids.components.find(&v.to, file, "to", diags);
            let relies_on = ids
                .components
                .find_all(&v.relies_on, file, "relies_on", diags);
            if from.is_some() && from == to {
                diags.push(
                    Diagnostic::error(
                        "interface-to-itself",
                        file,
                        format!("interface `{}` flows from `{}` to itself", v.id, v.from),
                    )
                    .at_path("to")
                    .with_hint("name the system that receives the flow"),
                );
            }
            Some(Interface {
                id: v.id.clone(),
                name: v.name.to_string(),
                from: from?,
                to: to?,
                carries: v.carries.to_string(),
                when_down: v.when_down,
                relies_on,
                notes: v.notes.to_string(),
                file: file.clone(),
            })
        })
        .collect()
}
