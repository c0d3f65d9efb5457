//! Page cursors as clients send them back.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| pactes_api::fuzzing::cursor(text));
