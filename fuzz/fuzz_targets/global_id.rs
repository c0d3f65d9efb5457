//! Global ids (`node(id:)`, every id argument and input).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| pactes_api::fuzzing::global_id(text));
