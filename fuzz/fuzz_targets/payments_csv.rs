//! The payments spreadsheet reader of `pactes import payments`: any bytes are read or refused with errors.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    match pactes_server::commands::read_payment_rows(bytes) {
        Ok(_) => {}
        Err(errors) => assert!(!errors.is_empty(), "a refusal says why"),
    }
});
