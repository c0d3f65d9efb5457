//! Scalars with names a client expects: `Date` is an ISO calendar date, "2024-01-31".

use async_graphql::{InputValueError, InputValueResult, Scalar, ScalarType, Value};
use chrono::NaiveDate;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Date(pub NaiveDate);

/// A calendar date, ISO 8601: `2024-01-31`, of a year from 1900 to 2199.
#[Scalar(name = "Date")]
impl ScalarType for Date {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::String(s) => pactes_domain::calendar::parse_date(s)
                .map(Date)
                .map_err(|e| InputValueError::custom(format!("{s:?} is not a date: {e}"))),
            _ => Err(InputValueError::expected_type(value)),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.format("%Y-%m-%d").to_string())
    }
}

/// An amount in euros as a decimal string with two decimals, `"1234.50"`: exact, never a float.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Money(pub pactes_domain::Money);

/// An amount in euros: a string of digits with a point and two decimals, `"1234.50"` (negative: `"-12.05"`).
/// Input accepts one or two decimals (`"1234.5"`) and no separators; a JSON number is refused, so no client
/// rounds an amount through a float.
#[Scalar(name = "Money")]
impl ScalarType for Money {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::String(s) => pactes_domain::Money::parse(s)
                .map(Money)
                .map_err(|e| InputValueError::custom(format!("{s:?} is not an amount: {e}"))),
            Value::Number(_) => Err(InputValueError::custom(
                "an amount is a string such as \"1234.50\", never a number (floats round)",
            )),
            _ => Err(InputValueError::expected_type(value)),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_travels_as_a_two_decimal_string_and_numbers_are_refused() {
        let parsed = <Money as ScalarType>::parse(Value::String("1234.5".into())).unwrap();
        assert_eq!(parsed.to_value(), Value::String("1234.50".into()));
        assert!(<Money as ScalarType>::parse(Value::String("1 234,50".into())).is_err());
        let number = serde_json::from_str::<Value>("0.1").unwrap();
        assert!(<Money as ScalarType>::parse(number).is_err());
    }
}
