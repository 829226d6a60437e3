//! The output formats of a build, each a small plug-in as mdBook's renderers are: a name, the
//! file it writes for a pack, and how it writes it. The build loop asks every chosen format in
//! turn and never branches on which ones were chosen; a new format is one more impl here.
//! (The viewer's start page, written once every pack is known, lives in `viewer`.)

use crate::diagnostic::Diagnostic;
use crate::html::SearchEntry;
use crate::pack::{Pack, PackKind};
use crate::render::Rendered;
use crate::{typeset, viewer};
use std::path::PathBuf;

/// One output format.
pub trait Format: Sync {
    /// Its name on the command line (`--format md,pdf,html`).
    fn name(&self) -> &'static str;
    /// The file it writes for `pack`, relative to the output folder; None if it writes none.
    fn path(&self, pack: &Pack) -> Option<PathBuf>;
    /// The file's contents, from the pack rendered through its template (its Markdown is
    /// empty for a blank form, which is drawn rather than written) and its content code.
    fn write(&self, pack: &Pack, rendered: &Rendered) -> Written;
}

/// What a format wrote for one pack.
#[derive(Default)]
pub struct Written {
    pub bytes: Vec<u8>,
    /// Printed pages (PDF only).
    pub pages: usize,
    /// Typesetting warnings (characters the font lacks...), naming the file they concern.
    pub warnings: Vec<Diagnostic>,
    /// Sections for the viewer's search index (HTML only).
    pub sections: Vec<SearchEntry>,
}

/// The Markdown packs reviewers read in git.
pub struct Markdown;

impl Format for Markdown {
    fn name(&self) -> &'static str {
        "md"
    }

    fn path(&self, pack: &Pack) -> Option<PathBuf> {
        pack.form.is_none().then(|| pack.path.clone())
    }

    fn write(&self, _pack: &Pack, rendered: &Rendered) -> Written {
        Written {
            bytes: rendered.markdown.as_bytes().to_vec(),
            ..Written::default()
        }
    }
}

/// The printed A4 packs, cards and blank forms.
pub struct Pdf {
    /// The creation date written into every PDF.
    pub timestamp: i64,
}

impl Pdf {
    /// The index and the coverage report are for reviewers in git; they are not printed.
    pub fn prints(kind: PackKind) -> bool {
        !matches!(kind, PackKind::Index | PackKind::Coverage)
    }

    /// The pages of `pack`, laid out: its Markdown typeset, or its blank form drawn, then the
    /// forms it appends. Every page of the copy, appended forms included, carries its code.
    pub fn document(pack: &Pack, rendered: &Rendered) -> typeset::page::Document {
        let coded = |furniture: &typeset::Furniture| typeset::Furniture {
            code: rendered.code.clone(),
            ..furniture.clone()
        };
        let furniture = coded(&pack.furniture);
        match &pack.form {
            Some(form) => typeset::assemble::form_document(form, &furniture),
            None => {
                let appendix: Vec<_> = (pack.appendix.iter())
                    .map(|(form, f)| (form.clone(), coded(f)))
                    .collect();
                typeset::assemble::pack_document(
                    &rendered.markdown,
                    pack.body,
                    &furniture,
                    &appendix,
                )
            }
        }
    }
}

impl Format for Pdf {
    fn name(&self) -> &'static str {
        "pdf"
    }

    fn path(&self, pack: &Pack) -> Option<PathBuf> {
        Pdf::prints(pack.kind).then(|| pack.path.with_extension("pdf"))
    }

    fn write(&self, pack: &Pack, rendered: &Rendered) -> Written {
        let document = Pdf::document(pack, rendered);
        let path = pack.path.with_extension("pdf");
        Written {
            bytes: typeset::pdf::write(&document, self.timestamp),
            pages: document.pages.len(),
            warnings: document
                .warnings
                .iter()
                .map(|w| Diagnostic::warning("typesetting", &path, w.clone()))
                .collect(),
            sections: Vec::new(),
        }
    }
}

/// The offline viewer's page of each pack.
pub struct Html {
    /// PDFs are written too, so each page links to its printable version.
    pub with_pdf: bool,
}

impl Format for Html {
    fn name(&self) -> &'static str {
        "html"
    }

    /// Every pack with Markdown gets a viewer page, except the index, whose page is the start
    /// page written at the end of the build.
    fn path(&self, pack: &Pack) -> Option<PathBuf> {
        (pack.form.is_none() && pack.kind != PackKind::Index)
            .then(|| crate::pack::layout::viewer_page(&pack.path))
    }

    fn write(&self, pack: &Pack, rendered: &Rendered) -> Written {
        let has_pdf = self.with_pdf && Pdf::prints(pack.kind);
        let (page, sections) = viewer::pack_page(pack, &rendered.markdown, has_pdf);
        Written {
            bytes: page.into_bytes(),
            sections,
            ..Written::default()
        }
    }
}

/// The formats a build writes, in the order their files are listed: the one place the
/// `--format` choice becomes plug-ins.
pub fn chosen(markdown: bool, pdf: bool, html: bool, timestamp: i64) -> Vec<Box<dyn Format>> {
    let mut formats: Vec<Box<dyn Format>> = Vec::new();
    if markdown {
        formats.push(Box::new(Markdown));
    }
    if pdf {
        formats.push(Box::new(Pdf { timestamp }));
    }
    if html {
        formats.push(Box::new(Html { with_pdf: pdf }));
    }
    formats
}
