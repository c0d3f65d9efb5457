//! Exported cells and dates: a neutralised cell never starts a formula and reads back as it was; a date
//! parsed is of a supported year and prints back as its text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pactes_domain::{calendar, cells};

fuzz_target!(|text: &str| {
    let safe = cells::neutralise(text);
    assert_eq!(cells::restore(&safe), text);
    let is_number = safe.strip_prefix('-').is_some_and(|rest| {
        let (units, decimals) = rest.split_once('.').unwrap_or((rest, "0"));
        !units.is_empty()
            && !decimals.is_empty()
            && units.bytes().all(|b| b.is_ascii_digit())
            && decimals.bytes().all(|b| b.is_ascii_digit())
    });
    assert!(
        !safe.starts_with(['=', '+', '-', '@', '\t', '\r']) || is_number,
        "{safe:?}"
    );
    if let Ok(date) = calendar::parse_date(text) {
        assert!(calendar::is_supported(date));
        assert_eq!(date.format("%Y-%m-%d").to_string(), text);
    }
});
