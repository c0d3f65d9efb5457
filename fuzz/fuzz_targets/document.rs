//! GraphQL documents through the limits' pass (parse, then the memoised expansion and the root fields).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| pactes_api::fuzzing::document(text));
