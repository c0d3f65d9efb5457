//! A centre's yearly value of an indicator, exact: an integer count of hundredths on both databases (a count is
//! a whole number, hours and FTE carry two decimals, euros are cents, a boolean is 0 or 100 — "100 % true"),
//! so sums are exact integers and every share or mean is computed from exact sums, never from floats.

use std::fmt;

use crate::coded::coded_enum;

coded_enum!(
    /// What a quantity counts.
    Unit {
        Count => "COUNT",
        Hours => "HOURS",
        Fte => "FTE",
        Euros => "EUROS",
        Percent => "PERCENT",
        Boolean => "BOOLEAN",
    }
);

/// Hundredths of the unit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quantity(i64);

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum QuantityError {
    #[error("{0:?} is not a number with at most two decimals and a point (\"12.50\")")]
    Format(String),
    #[error("a count is a whole number")]
    NotWhole,
    #[error("a yes/no answer is true or false")]
    NotBoolean,
    #[error("below the minimum {0}")]
    BelowMin(String),
    #[error("above the maximum {0}")]
    AboveMax(String),
    #[error("too large")]
    Overflow,
}

impl Quantity {
    pub const fn from_hundredths(hundredths: i64) -> Quantity {
        Quantity(hundredths)
    }

    pub const fn hundredths(self) -> i64 {
        self.0
    }

    pub const TRUE: Quantity = Quantity(100);
    pub const FALSE: Quantity = Quantity(0);

    /// A whole number of units.
    pub fn units(units: i64) -> Option<Quantity> {
        units.checked_mul(100).map(Quantity)
    }

    /// Reads a value as a person or a spreadsheet writes it for `unit`: `12`, `12.5`, `1234.50`, `true`.
    pub fn parse(text: &str, unit: Unit) -> Result<Quantity, QuantityError> {
        let text = text.trim();
        if unit == Unit::Boolean {
            return match text.to_lowercase().as_str() {
                "true" | "oui" | "yes" | "1" | "vrai" => Ok(Quantity::TRUE),
                "false" | "non" | "no" | "0" | "faux" => Ok(Quantity::FALSE),
                _ => Err(QuantityError::NotBoolean),
            };
        }
        let value = parse_hundredths(text)?;
        if unit == Unit::Count && value % 100 != 0 {
            return Err(QuantityError::NotWhole);
        }
        Ok(Quantity(value))
    }

    /// The value as the API shows it for `unit`: `12`, `12.50`, `true`.
    pub fn display(self, unit: Unit) -> String {
        match unit {
            Unit::Boolean => (self.0 != 0).to_string(),
            Unit::Count if self.0 % 100 == 0 => (self.0 / 100).to_string(),
            _ => format_hundredths(i128::from(self.0)),
        }
    }
}

fn parse_hundredths(text: &str) -> Result<i64, QuantityError> {
    let format = || QuantityError::Format(text.to_owned());
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (units, decimals) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if units.is_empty() || !digits(units) || !digits(decimals) || decimals.len() > 2 || unsigned.ends_with('.') {
        return Err(format());
    }
    let whole: i64 = units.parse().map_err(|_| QuantityError::Overflow)?;
    let fraction: i64 = match decimals.len() {
        0 => 0,
        1 => i64::from(decimals.as_bytes()[0] - b'0') * 10,
        _ => decimals.parse().map_err(|_| format())?,
    };
    let value = whole
        .checked_mul(100)
        .and_then(|v| v.checked_add(fraction))
        .ok_or(QuantityError::Overflow)?;
    Ok(if negative { -value } else { value })
}

/// Hundredths as a decimal string with two decimals: `1234.50`, `-0.05`.
pub fn format_hundredths(value: i128) -> String {
    let sign = if value < 0 { "-" } else { "" };
    let magnitude = value.unsigned_abs();
    format!("{sign}{}.{:02}", magnitude / 100, magnitude % 100)
}

/// `numerator / denominator` in hundredths, rounded half away from zero: exact integer arithmetic.
pub fn divide_hundredths(numerator: i128, denominator: i128) -> Option<i128> {
    if denominator == 0 {
        return None;
    }
    let (n, d) = (numerator.abs(), denominator.abs());
    let rounded = (2 * n + d) / (2 * d);
    Some(if (numerator < 0) != (denominator < 0) {
        -rounded
    } else {
        rounded
    })
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_hundredths(i128::from(self.0)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_read_exactly_per_unit() {
        assert_eq!(Quantity::parse("12.5", Unit::Fte), Ok(Quantity(1250)));
        assert_eq!(Quantity::parse("1234.05", Unit::Euros), Ok(Quantity(123_405)));
        assert_eq!(Quantity::parse("7", Unit::Count), Ok(Quantity(700)));
        assert_eq!(Quantity::parse("7.5", Unit::Count), Err(QuantityError::NotWhole));
        assert_eq!(Quantity::parse("oui", Unit::Boolean), Ok(Quantity::TRUE));
        assert!(matches!(
            Quantity::parse("1 234,5", Unit::Euros),
            Err(QuantityError::Format(_))
        ));
        assert!(matches!(
            Quantity::parse("1e3", Unit::Hours),
            Err(QuantityError::Format(_))
        ));
        assert_eq!(Quantity(123_405).display(Unit::Euros), "1234.05");
        assert_eq!(Quantity(700).display(Unit::Count), "7");
        assert_eq!(Quantity::TRUE.display(Unit::Boolean), "true");
    }

    #[test]
    fn division_rounds_half_away_from_zero_in_hundredths() {
        // 1/3 = 0.33; 2/3 = 0.67; 1/8 = 0.125 → 0.13; -1/8 → -0.13.
        assert_eq!(divide_hundredths(100, 3), Some(33));
        assert_eq!(divide_hundredths(200, 3), Some(67));
        assert_eq!(divide_hundredths(100, 8), Some(13));
        assert_eq!(divide_hundredths(-100, 8), Some(-13));
        assert_eq!(divide_hundredths(1, 0), None);
    }
}
