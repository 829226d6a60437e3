//! Whole printed documents: a pack's Markdown laid out and its blank forms appended after it,
//! numbered on from it, each page with its furniture. The build paints what this returns;
//! tests inspect it.

use super::form::{layout_form, FormSpec};
use super::page::{Document, HeadingMark};
use super::{add_furniture, layout, Furniture};

/// A blank form on its own, with its furniture.
pub fn form_document(form: &FormSpec, furniture: &Furniture) -> Document {
    let mut document = layout_form(form);
    let total = document.pages.len();
    add_furniture(&mut document.pages, furniture, 1, total);
    document.title = furniture.title.clone();
    document.author = furniture.author.clone();
    document
}

/// A pack: `markdown` laid out at `body` points, then each blank form of `appendix` with its
/// own furniture. The forms are listed in the contents and can be linked to as `#form-<id>`.
pub fn pack_document(
    markdown: &str,
    body: f32,
    furniture: &Furniture,
    appendix: &[(FormSpec, Furniture)],
) -> Document {
    let forms: Vec<Document> = appendix.iter().map(|(spec, _)| layout_form(spec)).collect();
    let mut offset = 1;
    let appended: Vec<layout::Appended> = appendix
        .iter()
        .zip(&forms)
        .map(|((spec, furniture), form)| {
            let entry = layout::Appended {
                title: format!("Form: {}", furniture.title),
                anchor: format!("form-{}", spec.id),
                offset,
            };
            offset += form.pages.len();
            entry
        })
        .collect();
    let mut document = super::layout_appended(markdown, body, &appended);
    document.title = furniture.title.clone();
    document.author = furniture.author.clone();
    let own = document.pages.len();
    let total = own + forms.iter().map(|d| d.pages.len()).sum::<usize>();
    add_furniture(&mut document.pages, furniture, 1, total);
    for ((mut form, (_, furniture)), entry) in forms.into_iter().zip(appendix).zip(&appended) {
        add_furniture(&mut form.pages, furniture, own + entry.offset, total);
        document.headings.push(HeadingMark {
            level: 2,
            text: entry.title.clone(),
            page: own + entry.offset,
        });
        document.pages.append(&mut form.pages);
        document.warnings.append(&mut form.warnings);
    }
    document
}
