//! Amounts in euros, held as integer cents. Never a float: sums of grants must be exact to the cent.
//!
//! The text form is the API's and the only one parsed: an optional `-`, digits, and optionally a `.` followed by
//! one or two digits (`"1234"`, `"1234.5"`, `"1234.50"`, `"-12.05"`). Locale forms (`"1 234,50"`), thousands
//! separators, a leading `+`, exponents and a third decimal are refused rather than guessed at: `"1,234"` is
//! 1.234 in France and 1234 elsewhere, and a client that sends it should be told, not rounded.

use std::fmt;
use std::iter::Sum;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money {
    cents: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("an amount is written like 1234.50: digits, then optionally a point and one or two decimals")]
    Format,
    #[error("an amount is at most 999999999.99 either way")]
    Overflow,
}

impl Money {
    pub const ZERO: Money = Money { cents: 0 };

    /// The largest amount an input may carry, either way: a billion euros less a cent. Every sum of amounts is
    /// an `i64` of cents in both databases, and 92 million amounts at this bound are needed to overflow it (a
    /// federation holds thousands of funding lines), so no total of stored amounts can fail.
    pub const MAX_INPUT: Money = Money { cents: 99_999_999_999 };

    pub const fn from_cents(cents: i64) -> Money {
        Money { cents }
    }

    /// Whole euros; `None` if they do not fit.
    pub fn from_euros(euros: i64) -> Option<Money> {
        euros.checked_mul(100).map(Money::from_cents)
    }

    pub const fn cents(self) -> i64 {
        self.cents
    }

    pub fn is_negative(self) -> bool {
        self.cents < 0
    }

    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.cents.checked_add(other.cents).map(Money::from_cents)
    }

    pub fn checked_sub(self, other: Money) -> Option<Money> {
        self.cents.checked_sub(other.cents).map(Money::from_cents)
    }

    pub fn checked_mul(self, factor: i64) -> Option<Money> {
        self.cents.checked_mul(factor).map(Money::from_cents)
    }

    /// The exact sum, or `None` on overflow.
    pub fn checked_sum(amounts: impl IntoIterator<Item = Money>) -> Option<Money> {
        amounts
            .into_iter()
            .try_fold(Money::ZERO, |total, amount| total.checked_add(amount))
    }

    pub fn parse(text: &str) -> Result<Money, MoneyError> {
        let (negative, unsigned) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (units, decimals) = match unsigned.split_once('.') {
            Some((units, decimals)) => (units, decimals),
            None => (unsigned, ""),
        };
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if units.is_empty()
            || !digits(units)
            || !digits(decimals)
            || decimals.len() > 2
            || (unsigned.contains('.') && decimals.is_empty())
        {
            return Err(MoneyError::Format);
        }
        let euros: i64 = units.parse().map_err(|_| MoneyError::Overflow)?;
        let fraction: i64 = match decimals.len() {
            0 => 0,
            1 => i64::from(decimals.as_bytes()[0] - b'0') * 10,
            _ => decimals.parse().map_err(|_| MoneyError::Format)?,
        };
        let cents = euros
            .checked_mul(100)
            .and_then(|c| c.checked_add(fraction))
            .filter(|c| *c <= Money::MAX_INPUT.cents)
            .ok_or(MoneyError::Overflow)?;
        Ok(Money::from_cents(if negative { -cents } else { cents }))
    }
}

/// Always two decimals and a point, no separators: `1234.50`, `-0.05`.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.cents < 0 { "-" } else { "" };
        let magnitude = self.cents.unsigned_abs();
        write!(f, "{sign}{}.{:02}", magnitude / 100, magnitude % 100)
    }
}

impl std::str::FromStr for Money {
    type Err = MoneyError;
    fn from_str(text: &str) -> Result<Money, MoneyError> {
        Money::parse(text)
    }
}

/// Panics on overflow, like integer addition in debug builds; use [`Money::checked_sum`] where amounts come
/// from users in unbounded numbers.
impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        Money::checked_sum(iter).expect("a sum of amounts overflowed i64 cents")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepted_forms_parse_exactly() {
        let cases = [
            ("0", 0),
            ("1234", 123_400),
            ("1234.5", 123_450),
            ("1234.50", 123_450),
            ("0.05", 5),
            ("-12.05", -1_205),
            ("007.10", 710),
            ("999999999.99", 99_999_999_999),
            ("-999999999.99", -99_999_999_999),
        ];
        for (text, cents) in cases {
            assert_eq!(Money::parse(text), Ok(Money::from_cents(cents)), "{text}");
        }
    }

    #[test]
    fn ambiguous_or_inexact_forms_are_refused() {
        for text in [
            "", "-", ".", "1.", ".5", "1 234,50", "1234,50", "1,234", "1 234", "+12", "1e3", "0.005", "12.345", "€12",
            "12 €", "--1", "1.2.3", "١٢",
        ] {
            assert_eq!(Money::parse(text), Err(MoneyError::Format), "{text:?}");
        }
        // Two lines of this amount overflowed a federation's totals on both databases.
        assert_eq!(Money::parse("92233720368547758.07"), Err(MoneyError::Overflow));
        assert_eq!(Money::parse("1000000000"), Err(MoneyError::Overflow));
        assert_eq!(Money::parse("-1000000000.00"), Err(MoneyError::Overflow));
        assert_eq!(Money::parse("99999999999999999999"), Err(MoneyError::Overflow));
    }

    #[test]
    fn display_has_two_decimals_and_round_trips() {
        for cents in [0, 5, 50, 123_450, -5, -123_456, 99_999_999_999, -99_999_999_999] {
            let money = Money::from_cents(cents);
            assert_eq!(Money::parse(&money.to_string()), Ok(money), "{money}");
        }
        assert_eq!(Money::from_cents(123_450).to_string(), "1234.50");
        assert_eq!(Money::from_cents(-5).to_string(), "-0.05");
        assert_eq!(Money::from_cents(i64::MIN).to_string(), "-92233720368547758.08");
    }

    #[test]
    fn sums_are_exact_where_floats_are_not() {
        // 0.10 + 0.20, ten thousand times: a float drifts, cents do not.
        let amounts = (0..10_000).flat_map(|_| [Money::parse("0.10").unwrap(), Money::parse("0.20").unwrap()]);
        assert_eq!(Money::checked_sum(amounts).unwrap().to_string(), "3000.00");
        let float: f64 = (0..10_000).map(|_| 0.10 + 0.20).sum();
        assert_ne!(
            float, 3000.0,
            "the float sum happens to be exact; the test proves nothing"
        );
    }

    #[test]
    fn arithmetic_is_checked() {
        let max = Money::from_cents(i64::MAX);
        assert_eq!(max.checked_add(Money::from_cents(1)), None);
        assert_eq!(Money::checked_sum([max, Money::from_cents(1)]), None);
        assert_eq!(Money::from_cents(i64::MIN).checked_sub(Money::from_cents(1)), None);
        assert_eq!(
            Money::from_euros(3).unwrap().checked_mul(4),
            Some(Money::from_cents(1200))
        );
        assert_eq!(Money::from_euros(i64::MAX / 10), None);
    }
}
