//! The dependency graph as Mermaid or Graphviz DOT, for governance documents. With a
//! scenario, lost components are labelled DOWN (not only styled, so it survives printing in
//! black and white).

use crate::model::graph::BlastRadius;
use crate::model::{ComponentKind, Model};
use std::fmt::Write;

fn label(model: &Model, c: usize, radius: Option<&BlastRadius>) -> String {
    let comp = &model.components[c];
    let kind = match &comp.kind {
        ComponentKind::System(info) => format!("tier {}", info.tier),
        ComponentKind::Infrastructure { .. } => "infrastructure".to_string(),
    };
    let down = if radius.is_some_and(|r| r.is_lost(c)) {
        "DOWN: "
    } else {
        ""
    };
    format!("{down}{}\n{kind}", comp.name)
}

/// Mermaid flowchart, dependencies pointing down to what they rely on.
pub fn mermaid(model: &Model, radius: Option<&BlastRadius>) -> String {
    let node = |id: &str| format!("n_{}", id.replace('-', "_"));
    let mut out = String::from("flowchart TD\n");
    for (c, comp) in model.components.iter().enumerate() {
        let text = label(model, c, radius)
            .replace('"', "#quot;")
            .replace('\n', "<br/>");
        let (open, close) = if comp.system().is_some() {
            ("[\"", "\"]")
        } else {
            ("[(\"", "\")]")
        };
        let _ = writeln!(out, "  {}{open}{text}{close}", node(&comp.id));
    }
    for comp in &model.components {
        for &d in &comp.depends_on {
            let _ = writeln!(
                out,
                "  {} --> {}",
                node(&comp.id),
                node(&model.components[d].id)
            );
        }
    }
    // Data flows, dotted and labelled, from sender to receiver.
    for i in &model.interfaces {
        let _ = writeln!(
            out,
            "  {} -. \"{}\" .-> {}",
            node(&model.components[i.from].id),
            i.name.replace('"', "#quot;"),
            node(&model.components[i.to].id)
        );
    }
    if let Some(radius) = radius {
        let lost: Vec<String> = radius
            .lost()
            .map(|c| node(&model.components[c].id))
            .collect();
        if !lost.is_empty() {
            out.push_str("  classDef down stroke-width:4px,stroke-dasharray:6 3\n");
            let _ = writeln!(out, "  class {} down", lost.join(","));
        }
    }
    out
}

/// Graphviz DOT digraph.
pub fn dot(model: &Model, radius: Option<&BlastRadius>) -> String {
    let quote = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    let mut out =
        String::from("digraph dependencies {\n  rankdir=TB;\n  node [fontname=\"DejaVu Sans\"];\n");
    for (c, comp) in model.components.iter().enumerate() {
        let shape = if comp.system().is_some() {
            "box"
        } else {
            "cylinder"
        };
        let style = if radius.is_some_and(|r| r.is_lost(c)) {
            ", style=\"bold,dashed\", penwidth=3"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  {} [label={}, shape={shape}{style}];",
            quote(&comp.id),
            quote(&label(model, c, radius)).replace('\n', "\\n")
        );
    }
    for comp in &model.components {
        for &d in &comp.depends_on {
            let _ = writeln!(
                out,
                "  {} -> {};",
                quote(&comp.id),
                quote(&model.components[d].id)
            );
        }
    }
    // Data flows, dotted and labelled, from sender to receiver.
    for i in &model.interfaces {
        let _ = writeln!(
            out,
            "  {} -> {} [style=dotted, label={}];",
            quote(&model.components[i.from].id),
            quote(&model.components[i.to].id),
            quote(&i.name)
        );
    }
    out.push_str("}\n");
    out
}
