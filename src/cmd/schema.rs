//! `downtime schema`: JSON Schemas of every kind of YAML file, for editors and CI.

use downtime::error::Error;
use downtime::load::{raw, Kind};
use downtime::write::write_atomic;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Write a JSON Schema for every kind of YAML file, so that editors using yaml-language-server
/// complete and check fields as people type
///
/// With the schemas in `schemas/`, put a first line like this one in a YAML file:
///
///   # yaml-language-server: $schema=../../schemas/ward.schema.json
#[derive(clap::Args)]
pub struct Args {
    /// Folder to write `<kind>.schema.json` files into.
    #[arg(long, value_name = "DIR", default_value = "schemas")]
    out: PathBuf,
}

/// Every kind of file and its schema, by the file name it is written to.
pub fn schemas() -> Vec<(&'static str, schemars::Schema)> {
    let mut schemas = vec![("trust", schemars::schema_for!(raw::Trust))];
    schemas.extend(Kind::ALL.iter().map(|kind| kind.schema()));
    schemas.push((
        "issued",
        schemars::schema_for!(Vec<downtime::register::Entry>),
    ));
    schemas
}

pub fn run(args: Args) -> Result<ExitCode, Error> {
    for path in write(&args.out)? {
        eprintln!("wrote {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes every schema into `out`, returning the files written.
pub fn write(out: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut written = Vec::new();
    for (kind, schema) in schemas() {
        let path = out.join(format!("{kind}.schema.json"));
        let mut text = serde_json::to_string_pretty(&schema).expect("schemas serialize");
        text.push('\n');
        write_atomic(&path, text.as_bytes())?;
        written.push(path);
    }
    Ok(written)
}
