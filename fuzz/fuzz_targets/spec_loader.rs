//! The xtask's spec loader: bytes → JSON → validation (version, $refs,
//! operationIds) → re-cutting the slice → the normalization passes → openapiv3. A bad spec must be
//! an error naming the file and pointer, never a panic. (progenitor itself is
//! left out: its panics are caught by the xtask, which libFuzzer's hook would
//! count as crashes.)
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use xtask::load::{Spec, parse_bytes};

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.json");
    let Ok(value) = parse_bytes(path, data) else { return };
    let Ok(mut spec) = Spec::from_value(path, value) else { return };
    let _ = spec.operations();
    let _ = xtask::extract::extract(&spec);
    xtask::passes::apply_all(&mut spec.doc);
    let _ = spec.to_openapi();
});
