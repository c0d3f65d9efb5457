//! The arithmetic of aggregates, from the exact sums storage computes over a group of centres for one year:
//! the sum of the numerator's values, of the denominator's (a ratio), the centres that reported, and those that
//! answered true (a share). A share is a ratio of sums, never a mean of ratios; a missing value is not a zero
//! (the centre is left out, lowering coverage, never the sum).

use super::catalogue::{Indicator, Rule};
use super::quantity::{Unit, divide_hundredths, format_hundredths};

/// What storage sums for one indicator, one group and one year, over the centres that reported every
/// component of the indicator.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GroupSums {
    /// Σ of the numerator (hundredths).
    pub numerator: i128,
    /// Σ of the denominator (hundredths), for a ratio.
    pub denominator: i128,
    pub reporting: u64,
    /// Centres whose value is true (non-zero), for a share.
    pub trues: u64,
}

/// An aggregate value in hundredths of its unit (percent for ratios and shares).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AggregateValue(pub i128);

impl AggregateValue {
    /// The value by the indicator's rule, `None` when no centre reported (or a ratio's denominator is zero).
    pub fn of(indicator: &Indicator, sums: &GroupSums) -> Option<AggregateValue> {
        if sums.reporting == 0 {
            return None;
        }
        let reporting = i128::from(sums.reporting);
        let value = match indicator.rule {
            Rule::Sum => sums.numerator,
            Rule::Mean => divide_hundredths(sums.numerator, reporting)?,
            Rule::Ratio => divide_hundredths(sums.numerator * 10_000, sums.denominator)?,
            Rule::ShareTrue => divide_hundredths(i128::from(sums.trues) * 10_000, reporting)?,
        };
        Some(AggregateValue(value))
    }

    /// As the API shows it: a decimal string with two decimals, a whole number for a sum of counts.
    pub fn display(self, indicator: &Indicator) -> String {
        if indicator.rule == Rule::Sum && indicator.unit == Unit::Count && self.0 % 100 == 0 {
            return (self.0 / 100).to_string();
        }
        format_hundredths(self.0)
    }

    /// The change from `previous`, in the same hundredths.
    pub fn change_from(self, previous: AggregateValue) -> AggregateValue {
        AggregateValue(self.0 - previous.0)
    }
}

/// The median and quartiles of the centres' own values (a median cannot be rolled up from group totals), by
/// the nearest-rank method on the values in hundredths: `None` without values.
pub fn quartiles(values: &mut [i128]) -> Option<[i128; 3]> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let rank = |p: usize| {
        // Nearest rank: the smallest value with at least p % of the values at or below it.
        let n = values.len();
        let k = (p * n).div_ceil(100).max(1);
        values[k - 1]
    };
    Some([rank(25), rank(50), rank(75)])
}

/// Where one centre stands among the centres of its federation for one indicator and one year: its own value
/// (by the indicator's rule over its own figures: a ratio of its own sums), the median and quartiles of the
/// centres that have one, and the quarter it falls in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub value: Option<AggregateValue>,
    /// Centres with a value, the centre's own included.
    pub peers: u64,
    pub quartiles: Option<[i128; 3]>,
    /// 1 (at or below the first quartile) to 4 (above the third).
    pub quartile: Option<u8>,
}

impl Position {
    /// `own`: the centre's sums, if it reported; `peers`: every centre's, its own included.
    pub fn among<'a>(
        indicator: &Indicator,
        own: Option<&GroupSums>,
        peers: impl IntoIterator<Item = &'a GroupSums>,
    ) -> Position {
        let mut values: Vec<i128> = peers
            .into_iter()
            .filter_map(|sums| AggregateValue::of(indicator, sums))
            .map(|v| v.0)
            .collect();
        let value = own.and_then(|sums| AggregateValue::of(indicator, sums));
        let count = u64::try_from(values.len()).unwrap_or(u64::MAX);
        let quartiles = quartiles(&mut values);
        let quartile = match (value, quartiles) {
            (Some(AggregateValue(v)), Some([q1, median, q3])) => Some(if v <= q1 {
                1
            } else if v <= median {
                2
            } else if v <= q3 {
                3
            } else {
                4
            }),
            _ => None,
        };
        Position {
            value,
            peers: count,
            quartiles,
            quartile,
        }
    }
}

impl GroupSums {
    /// One centre's sums for an indicator made of `components`, from the centre's values (hundredths) of one
    /// year: `None` when it lacks one of them (it did not report the indicator).
    pub fn of_centre(
        components: &super::catalogue::Components,
        value_of: impl Fn(&super::catalogue::IndicatorCode) -> Option<i128>,
    ) -> Option<GroupSums> {
        let add = |codes: &[super::catalogue::IndicatorCode]| -> Option<i128> {
            codes.iter().map(&value_of).sum::<Option<i128>>()
        };
        let numerator = add(&components.numerator)?;
        let denominator = add(&components.denominator)?;
        Some(GroupSums {
            numerator,
            denominator,
            reporting: 1,
            trues: u64::from(numerator != 0),
        })
    }
}
