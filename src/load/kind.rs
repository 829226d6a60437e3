//! The kinds of file kept in a folder of their own (`sites/`, `wards/`...), declared once.
//!
//! [`kinds!`] takes one line per kind and makes from it the [`Kind`] enum (its folder, how
//! messages name one file of it, its JSON Schema), the lists of [`super::Loaded`] that hold its
//! files, and the code that fills and empties those lists. Adding a kind is one line in the
//! table in `load/mod.rs` plus its raw and model types; the loader, the folder walk and the
//! model name a kind by this enum, never by its folder name. `trust.yaml` is no `Kind`: it is
//! the one file at the top, read on its own.

/// Declare the kinds of file: `Variant => field: raw type, "folder", "what one file holds",
/// "schema name";`, in load order. Expands to `Kind` and `Loaded` in the invoking module.
macro_rules! kinds {
    ($($variant:ident => $field:ident: $raw:ty, $folder:literal, $what:literal, $schema:literal;)*) => {
        /// A kind of YAML file, by the folder that holds it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Kind {
            $($variant,)*
        }

        impl Kind {
            /// Every kind, in load order.
            pub const ALL: &'static [Kind] = &[$(Kind::$variant,)*];

            /// The folder under the procedures folder that holds files of this kind.
            pub fn folder(self) -> &'static str {
                match self {
                    $(Kind::$variant => $folder,)*
                }
            }

            /// What one file of this kind holds, as messages say it: "expected a ward or
            /// department".
            pub fn what(self) -> &'static str {
                match self {
                    $(Kind::$variant => $what,)*
                }
            }

            /// The JSON Schema of a file of this kind, and the name it is written under.
            pub fn schema(self) -> (&'static str, schemars::Schema) {
                match self {
                    $(Kind::$variant => ($schema, schemars::schema_for!($raw)),)*
                }
            }
        }

        /// Everything read from a procedures folder, before any cross-checking.
        #[derive(Debug, Default)]
        pub struct Loaded {
            pub root: PathBuf,
            pub trust: Option<Sourced<raw::Trust>>,
            $(pub $field: Vec<Sourced<$raw>>,)*
            /// File contents, kept to quote the offending line in diagnostics and to find
            /// where a YAML path is.
            pub sources: Sources,
            /// Files that failed to load, as (kind, file stem). Their ids are probably the
            /// stems, so references to them are not reported a second time as unknown ids.
            pub failed: Vec<(Kind, String)>,
        }

        impl Loaded {
            /// Read and parse `file` as a file of `kind` into its list; false when it failed
            /// (the problem is in `diags`).
            fn load_into(&mut self, kind: Kind, file: &Path, diags: &mut Vec<Diagnostic>) -> bool {
                let sources = &mut self.sources;
                match kind {
                    $(Kind::$variant => push(&mut self.$field, file, kind.what(), sources, diags),)*
                }
            }

            /// Take `file` out of whichever list holds it: the kind it was, if any.
            fn take(&mut self, file: &Path) -> Option<Kind> {
                fn take<T>(list: &mut Vec<Sourced<T>>, file: &Path) -> bool {
                    let before = list.len();
                    list.retain(|s| s.file != file);
                    list.len() != before
                }
                $(if take(&mut self.$field, file) {
                    return Some(Kind::$variant);
                })*
                None
            }
        }
    };
}
pub(super) use kinds;

impl super::Kind {
    /// The kind whose folder is named exactly `name`: the one place a folder name on disk
    /// becomes a kind.
    pub fn from_folder(name: &str) -> Option<super::Kind> {
        (super::Kind::ALL.iter().copied()).find(|kind| kind.folder() == name)
    }
}
