//! The directory's values: phone numbers, SIRET, INSEE and département codes. A value parsed is normalised:
//! its stored form parses back to the same value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pactes_domain::directory::values::{DepartementCode, InseeCode, PhoneNumber, Siret};

fuzz_target!(|text: &str| {
    if let Ok(phone) = PhoneNumber::parse(text) {
        assert_eq!(PhoneNumber::parse(phone.digits()).as_ref(), Ok(&phone), "{text:?}");
        assert_eq!(PhoneNumber::parse(&phone.e164()).as_ref(), Ok(&phone), "{text:?}");
    }
    if let Ok(siret) = Siret::parse(text) {
        assert_eq!(Siret::parse(siret.as_str()).as_ref(), Ok(&siret), "{text:?}");
        assert_eq!(siret.as_str().len(), 14);
    }
    if let Ok(code) = InseeCode::parse(text) {
        assert_eq!(InseeCode::parse(code.as_str()).as_ref(), Ok(&code), "{text:?}");
    }
    if let Ok(code) = DepartementCode::parse(text) {
        assert_eq!(DepartementCode::parse(code.as_str()).as_ref(), Ok(&code), "{text:?}");
    }
});
