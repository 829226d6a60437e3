//! What a printed copy of each pack holds today: its content code and the code of each of its
//! sections, from the pack rendered in memory exactly as `build` renders it.

use crate::error::Error;
use crate::format::Pdf;
use crate::model::Model;
use crate::pack::{self, code, PackKind, Selection};
use crate::render::{Rendered, Renderer};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};

/// The copy a pack prints today.
#[derive(Debug, Clone)]
pub struct Copy {
    /// Its path in the output folder, without extension: how the register names it.
    pub pack: String,
    pub kind: PackKind,
    /// Its title ("Downtime pack: Ward 7 (Acute Medical Unit)").
    pub title: String,
    pub code: String,
    /// Each section's title and code, in print order.
    pub sections: Vec<(String, String)>,
}

impl Copy {
    /// A box's main copy: the ward pack in a ward's box, the hospital pack at site command.
    pub fn is_box(&self) -> bool {
        matches!(self.kind, PackKind::Ward(_) | PackKind::Site(_))
    }
}

/// Every printed pack of the trust, in plan order.
pub fn all(model: &Model, renderer: &Renderer) -> Result<Vec<Copy>, Error> {
    let contacts: HashSet<&str> = model.contacts.iter().map(|c| c.name.as_str()).collect();
    pack::plan(model, &Selection::default())
        .into_par_iter()
        .filter(|&kind| Pdf::prints(kind))
        .map(|kind| {
            let pack = pack::build(model, kind);
            let rendered = match &pack.form {
                Some(form) => Rendered::form(form),
                None => renderer
                    .render(&pack)
                    .map_err(|d| Error::Invalid(vec![*d]))?,
            };
            let mut sections = match &pack.form {
                Some(_) => vec![("Form".to_string(), rendered.code.clone())],
                None => sections(&rendered, &contacts),
            };
            sections.extend(
                pack.appendix
                    .iter()
                    .map(|(form, _)| (format!("Blank form: {}", form.title), code::of_form(form))),
            );
            Ok(Copy {
                pack: name(&pack.path),
                kind,
                title: pack.furniture.title.clone(),
                code: rendered.code,
                sections,
            })
        })
        .collect()
}

/// How the register names the pack at `path` (`riverside/ward-7.md` -> `riverside/ward-7`),
/// with `/` on every platform.
pub fn name(path: &std::path::Path) -> String {
    let stem = path.with_extension("");
    let parts: Vec<String> = stem
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

/// The pack's sections (each `##` heading and what follows it; what comes before the first is
/// the cover), each with the code of its text, then each contact it prints (`Contact: Site
/// manager, Riverside`), so a changed number is named as such rather than as every section
/// the contact appears in. The pack's own code is taken out first: it is printed on the cover
/// and would make the cover change with every other section.
fn sections(rendered: &Rendered, contacts: &HashSet<&str>) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut people: BTreeMap<String, String> = BTreeMap::new();
    let mut title = "Cover and emergency contacts".to_string();
    let mut text = String::new();
    let mut fenced = false;
    for line in rendered.markdown.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        }
        if let Some(heading) = line.strip_prefix("## ").filter(|_| !fenced) {
            out.push((title, section_code(&text, &rendered.code)));
            title = heading.trim().to_string();
            text.clear();
        }
        if let Some(name) = contact_named(line, contacts) {
            let lines = people.entry(format!("Contact: {name}")).or_default();
            lines.push_str(line);
            lines.push('\n');
            continue;
        }
        text.push_str(line);
        text.push('\n');
    }
    out.push((title, section_code(&text, &rendered.code)));
    out.extend(
        (people.into_iter()).map(|(name, lines)| (name, section_code(&lines, &rendered.code))),
    );
    // A title printed twice (two action cards for one role cannot be, but a template
    // override could) is numbered, so each section keeps its own code.
    let mut seen = std::collections::HashMap::new();
    for (title, _) in &mut out {
        let n = seen.entry(title.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            *title = format!("{title} ({n})");
        }
    }
    out
}

/// The contact a line of a contact list is about: `- **Name**...` or `> - **Name**...` (a
/// contact block), for a name the trust's contacts hold.
fn contact_named<'a>(line: &str, contacts: &HashSet<&'a str>) -> Option<&'a str> {
    let item = line.trim_start_matches("> ").strip_prefix("- **")?;
    let name = &item[..item.find("**")?];
    contacts.get(name).copied()
}

fn section_code(text: &str, pack_code: &str) -> String {
    code::of_pack(&text.replace(pack_code, ""), &[])
}
