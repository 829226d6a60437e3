//! Any bytes as any kind of procedures file: the loader returns a value or a located error,
//! never panics, and its diagnostics always render.
#![no_main]

use downtime::load::{parse_text, raw};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let file = Path::new("fuzz.yaml");
    macro_rules! try_kind {
        ($t:ty) => {
            if let Err(diag) = parse_text::<$t>(file, "a file", text) {
                let _ = diag.to_string();
            }
        };
    }
    try_kind!(raw::Trust);
    try_kind!(raw::Site);
    try_kind!(raw::Ward);
    try_kind!(raw::System);
    try_kind!(raw::Infrastructure);
    try_kind!(raw::Procedure);
    try_kind!(raw::Form);
    try_kind!(raw::Scenario);
    try_kind!(raw::Interface);
    try_kind!(raw::Reference);
    try_kind!(raw::Exercise);
});
