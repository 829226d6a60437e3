//! Stage 4b, **render**: packs to Markdown through Tera.
//!
//! The built-in templates are compiled into the binary, so `downtime` works from any folder;
//! a `--templates DIR` overrides any of them by file name. Every printed value is escaped for
//! Markdown (see [`escape`]); templates opt out with `| safe` only for macro output.

pub mod escape;

use crate::diagnostic::Diagnostic;
use crate::pack::Pack;
use std::path::Path;

/// Templates shipped in the binary: (name, source).
pub const BUILTIN: [(&str, &str); 8] = [
    ("macros.md", include_str!("../../templates/macros.md")),
    ("ward.md", include_str!("../../templates/ward.md")),
    ("site.md", include_str!("../../templates/site.md")),
    ("index.md", include_str!("../../templates/index.md")),
    (
        "scenario-ward.md",
        include_str!("../../templates/scenario-ward.md"),
    ),
    (
        "scenario-site.md",
        include_str!("../../templates/scenario-site.md"),
    ),
    ("coverage.md", include_str!("../../templates/coverage.md")),
    ("card.md", include_str!("../../templates/card.md")),
];

/// The compiled templates, built once per run and shared by every pack.
pub struct Renderer {
    tera: tera::Tera,
    /// Hash input identifying the template sources, for incremental builds.
    fingerprint: String,
}

impl Renderer {
    /// Compile the built-in templates, each replaced by `overrides/<name>` where that exists.
    pub fn new(overrides: Option<&Path>) -> Result<Self, Vec<Diagnostic>> {
        let mut sources: Vec<(String, String)> = Vec::new();
        let mut diags = Vec::new();
        for (name, builtin) in BUILTIN {
            let source = match overrides.map(|dir| dir.join(name)) {
                Some(path) if path.exists() => match std::fs::read_to_string(&path) {
                    Ok(text) => text,
                    Err(e) => {
                        diags.push(Diagnostic::error(
                            "unreadable",
                            &path,
                            format!("cannot read template: {e}"),
                        ));
                        continue;
                    }
                },
                _ => builtin.to_string(),
            };
            sources.push((name.to_string(), source));
        }
        if let Some(dir) = overrides {
            if !dir.is_dir() {
                diags.push(Diagnostic::error(
                    "missing-folder",
                    dir,
                    "templates folder not found",
                ));
            }
        }
        if !diags.is_empty() {
            return Err(diags);
        }
        let fingerprint: String = sources
            .iter()
            .map(|(n, t)| format!("{n}\u{0}{t}\u{0}"))
            .collect();
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".md"]);
        tera.set_escape_fn(escape::markdown);
        if let Err(e) = tera.add_raw_templates(sources) {
            let file = template_file(overrides, &e);
            return Err(vec![Diagnostic::error("template", &file, error_chain(&e))
                .with_hint("fix the template syntax; the built-in templates are in templates/ of the downtime repository")]);
        }
        Ok(Renderer { tera, fingerprint })
    }

    /// Everything the templates are made of: part of every pack's input fingerprint.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// Render one pack to Markdown.
    pub fn render(&self, pack: &Pack) -> Result<String, Box<Diagnostic>> {
        let context = pack.context.to_context().map_err(|e| {
            Box::new(Diagnostic::error(
                "template",
                Path::new(pack.template),
                error_chain(&e),
            ))
        })?;
        self.tera.render(pack.template, &context).map_err(|e| {
            Box::new(
                Diagnostic::error("template", Path::new(pack.template), error_chain(&e)).with_hint(
                    "a template uses a value the pack does not provide, or a filter wrongly",
                ),
            )
        })
    }
}

/// Tera nests the useful message (with line and column) in its error sources.
fn error_chain(e: &tera::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = std::error::Error::source(e);
    while let Some(inner) = source {
        parts.push(inner.to_string());
        source = inner.source();
    }
    parts.join(": ")
}

/// Name the template file a compile error is in: Tera says "Failed to parse 'ward.md'".
fn template_file(overrides: Option<&Path>, e: &tera::Error) -> std::path::PathBuf {
    let text = e.to_string();
    let name = BUILTIN
        .iter()
        .map(|(n, _)| *n)
        .find(|n| text.contains(&format!("'{n}'")));
    match (overrides, name) {
        (Some(dir), Some(name)) if dir.join(name).exists() => dir.join(name),
        (_, Some(name)) => Path::new("templates").join(name),
        _ => overrides
            .map(Path::to_path_buf)
            .unwrap_or_else(|| "templates".into()),
    }
}
