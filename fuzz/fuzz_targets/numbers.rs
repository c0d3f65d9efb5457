//! The numbers of the values spreadsheets: a French form (`1 800 000,50`) turned into the decimal point form,
//! then parsed for each unit; a value parsed displays as a text that parses back to it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pactes_domain::indicators::{Quantity, Unit};

fuzz_target!(|text: &str| {
    let converted = pactes_api::fuzzing::french_number(text);
    for unit in Unit::ALL {
        for raw in [text, converted.as_str()] {
            if let Ok(value) = Quantity::parse(raw, *unit) {
                assert_eq!(
                    Quantity::parse(&value.display(*unit), *unit),
                    Ok(value),
                    "{raw:?} as {unit:?}"
                );
            }
        }
    }
});
