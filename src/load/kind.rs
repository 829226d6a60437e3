//! The kinds of file kept in a folder of their own (`sites/`, `wards/`...): one variant each.
//!
//! The loader, the folder walk and the model all name a kind by this enum, never by its folder
//! name, so a new kind is one variant here and every `match` on it says where else it must go.
//! `trust.yaml` is no `Kind`: it is the one file at the top, read on its own.

/// A kind of YAML file, by the folder that holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Site,
    Ward,
    System,
    Infrastructure,
    Procedure,
    Form,
    Scenario,
    Interface,
    Reference,
    Exercise,
}

impl Kind {
    /// The folder under the procedures folder that holds files of this kind.
    pub fn folder(self) -> &'static str {
        match self {
            Kind::Site => "sites",
            Kind::Ward => "wards",
            Kind::System => "systems",
            Kind::Infrastructure => "infrastructure",
            Kind::Procedure => "fallbacks",
            Kind::Form => "forms",
            Kind::Scenario => "scenarios",
            Kind::Interface => "interfaces",
            Kind::Reference => "references",
            Kind::Exercise => "exercises",
        }
    }

    /// What one file of this kind holds, as messages say it: "expected a ward or department".
    pub fn what(self) -> &'static str {
        match self {
            Kind::Site => "a site (hospital)",
            Kind::Ward => "a ward or department",
            Kind::System => "a clinical system",
            Kind::Infrastructure => "an infrastructure component",
            Kind::Procedure => "a fallback procedure",
            Kind::Form => "a paper form",
            Kind::Scenario => "an outage scenario",
            Kind::Interface => "an interface (data flow)",
            Kind::Reference => "a clinical reference page",
            Kind::Exercise => "an exercise (a test of the plans)",
        }
    }

    /// The kind whose folder is named exactly `name`: the one place a folder name on disk
    /// becomes a kind.
    pub fn from_folder(name: &str) -> Option<Kind> {
        super::FOLDERS
            .iter()
            .copied()
            .find(|kind| kind.folder() == name)
    }
}
