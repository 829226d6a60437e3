//! Where a patient is, for the unplaced list: why a Location gives no ward, in words a nurse
//! can act on, and the order rows are listed in (by hospital, ward or clinic, bed).

use super::fhir::Location;
use crate::model::order::natural;
use crate::model::{Model, WardIx};

/// Why a Location gives no ward.
pub enum Unmapped {
    NoLocation,
    /// The id of the Location the export does not hold.
    NotInExport(String),
    /// The Location, as [`location_name`] names it for a person, and the bed in it.
    NoWard {
        place: String,
        bed: Option<String>,
    },
}

impl Unmapped {
    /// Printed on the unplaced page and in problems, in short words a nurse can act on: the
    /// place first (the EPR's name for it, its identifier in brackets), then what is wrong.
    /// Never the patient.
    pub fn describe(&self) -> String {
        match self {
            Unmapped::NoLocation => "Place not known: the EPR records no location".to_string(),
            Unmapped::NotInExport(id) => {
                format!("Place not known: the EPR Location it names (id {id}) is not in the export")
            }
            Unmapped::NoWard { place, bed: None } => {
                format!("{place}: not in the downtime procedures")
            }
            Unmapped::NoWard {
                place,
                bed: Some(bed),
            } => format!("{place}, {bed}: not in the downtime procedures"),
        }
    }

    /// Where the unplaced list sorts this: an EPR place by its name and bed; an unknown
    /// place after every known one.
    pub fn place(&self) -> Place {
        match self {
            Unmapped::NoWard { place, bed } => Place {
                rank: 1,
                hospital: String::new(),
                unit: place.clone(),
                bed: natural(bed.as_deref().unwrap_or("")),
            },
            _ => Place {
                rank: 2,
                ..Place::default()
            },
        }
    }
}

/// Where an unplaced row is, so the unplaced list reads as a nurse walks it: places in a
/// hospital the procedures know first (by hospital, ward or clinic, bed), then places only
/// the EPR names, then rows whose place is not known.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Place {
    rank: u8,
    hospital: String,
    unit: String,
    bed: Vec<(u64, String)>,
}

impl Place {
    /// Ward or clinic `w` of the procedures, and the bed when known.
    pub fn mapped(model: &Model, w: WardIx, bed: &str) -> Place {
        let ward = &model.wards[w];
        Place {
            rank: 0,
            hospital: model.sites[ward.site].name.clone(),
            unit: ward.name.clone(),
            bed: natural(bed),
        }
    }
}

/// A Location as the unplaced page names it: the EPR's name for it, quoted so it is not
/// read as a ward of the procedures, and its identifier in brackets.
pub(super) fn location_name(location: &Location) -> String {
    let identifier = location.identifier.iter().find_map(|i| i.value.as_deref());
    let name = match location.name.as_deref() {
        Some(name) => format!("\u{201c}{name}\u{201d}"),
        None => "an EPR Location with no name".to_string(),
    };
    match identifier {
        Some(id) => format!("{name} ({id})"),
        None => format!("{name} (EPR Location id {}, no identifier)", location.id),
    }
}
