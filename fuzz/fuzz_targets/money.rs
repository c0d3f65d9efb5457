//! `Money`: an amount parsed is within the input bound and reads back from its display as itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pactes_domain::Money;

fuzz_target!(|text: &str| {
    if let Ok(money) = Money::parse(text) {
        assert!(money.cents().abs() <= Money::MAX_INPUT.cents(), "{text:?}");
        assert_eq!(Money::parse(&money.to_string()), Ok(money), "{text:?}");
    }
});
