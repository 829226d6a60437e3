//! The YAML file formats, exactly as people write them: one file per kind of YAML file.
//!
//! These structs mirror the files under `procedures/` one to one. They hold raw id strings;
//! `model::resolve` turns them into the checked, linked model. Every struct denies unknown
//! fields so a misspelt key is an error with a line number, not a silently ignored setting.

mod contact;
mod exercise;
mod form;
mod infrastructure;
mod interface;
mod procedure;
mod reference;
mod scenario;
mod site;
mod system;
mod trust;
mod ward;

pub use contact::*;
pub use exercise::*;
pub use form::*;
pub use infrastructure::*;
pub use interface::*;
pub use procedure::*;
pub use reference::*;
pub use scenario::*;
pub use site::*;
pub use system::*;
pub use trust::*;
pub use ward::*;

/// Most steps in one phase of a procedure: the longest real phase has 15.
pub const MAX_STEPS_PER_PHASE: usize = 50;
/// Most checklist items under one step.
pub const MAX_CHECKLIST_ITEMS: usize = 30;
/// Most escalations, forms or dependencies named by one step.
pub const MAX_STEP_REFERENCES: usize = 20;
/// Most items in a ward's downtime kit.
pub const MAX_KIT_ITEMS: usize = 100;
/// Most parts in one form's layout, and write-in fields in one part.
pub const MAX_FORM_PARTS: usize = 30;
/// Most columns in a form table: more cannot be written in on A4.
pub const MAX_TABLE_COLUMNS: usize = 12;
/// Most blank rows in a form table (about four pages).
pub const MAX_TABLE_ROWS: u32 = 100;
/// Most ruled lines for one write-in field (one page).
pub const MAX_FIELD_LINES: u32 = 40;
/// Most tick-box options for one question, signs of failure or instructions.
pub const MAX_OPTIONS: usize = 30;
