//! downtime: printable IT-downtime packs for hospital wards and sites, from YAML.
//!
//! The pipeline, one module per stage: [`load`] YAML -> validate and link into a [`model`] ->
//! gather each [`pack`] -> [`render`] Markdown -> [`typeset`] PDF -> [`write`] atomically.
//! [`build::build`] runs it end to end.

pub mod build;
pub mod check;
pub mod diagnostic;
pub mod error;
pub mod export;
pub mod format;
pub mod html;
pub mod impact;

pub mod load;
pub mod markdown;
pub mod model;
pub mod pack;
pub mod project;
pub mod register;
pub mod render;
pub mod snapshot;
pub mod typeset;
pub mod viewer;
pub mod write;
