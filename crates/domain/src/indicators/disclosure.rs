//! Statistical disclosure control for partners: a partner reads groups of centres, never one centre's figures,
//! so a group in which fewer centres reported than the minimum is withheld (its value, not its counts), and so is
//! enough of its neighbours that the withheld ones cannot be worked out by subtraction.
//!
//! The subtraction to guard against: every line of a table — the groups that differ in one grouping only (the
//! territories of one kind of centre, say) — adds up to a margin the partner can ask for on its own (the same
//! query without that grouping). A line with one withheld group gives it away as the margin less the others,
//! and a line whose withheld groups together hold fewer centres than the minimum gives their sum away. So each
//! such line has its smallest shown group withheld too, until every line either withholds nothing, or withholds
//! at least two groups holding together at least the minimum (the usual primary and secondary suppression of
//! official statistics, where three is the usual minimum).
//!
//! A group where nobody reported has no value to withhold; it is neither withheld nor a cover for another.

use std::collections::HashMap;

use super::aggregate::GroupSums;
use super::repository::{AggregateGroup, AggregateSums, GroupKey};

/// The minimum number of reporting centres in a group a partner reads, unless configured otherwise.
pub const DEFAULT_MIN_GROUP: u64 = 3;

/// Withholds, in `rows` (one indicator's groups for one year or many), every group a partner may not read at
/// `min` reporting centres, grouped by `groups`: its sums are cleared and it is marked `withheld`, its counts kept.
pub fn withhold_small_groups(rows: &mut [AggregateSums], groups: &[AggregateGroup], min: u64) {
    if min <= 1 {
        return;
    }
    for row in rows.iter_mut() {
        if row.sums.reporting > 0 && row.sums.reporting < min {
            row.withheld = true;
        }
    }
    let counts = company(rows, groups);
    // Each pass withholds at least one more group or ends: at most as many passes as rows.
    loop {
        let mut changed = false;
        for group in groups {
            let mut lines: HashMap<(&str, i32, GroupKey), Vec<usize>> = HashMap::new();
            for (i, row) in rows.iter().enumerate() {
                lines
                    .entry((row.code.as_str(), row.year, without(&row.key, *group)))
                    .or_default()
                    .push(i);
            }
            let mut more = Vec::new();
            for members in lines.values() {
                let hidden: Vec<usize> = members.iter().copied().filter(|i| rows[*i].withheld).collect();
                let hidden_centres: u64 = hidden.iter().map(|i| rows[*i].sums.reporting).sum();
                if hidden.is_empty() || (hidden.len() >= 2 && hidden_centres >= min) {
                    continue;
                }
                // The smallest group that is not alone in its other lines: one alone there would show in that
                // line's total, and with it what it covers. The smallest of all when none has company.
                let candidates = || {
                    members
                        .iter()
                        .copied()
                        .filter(|i| !rows[*i].withheld && rows[*i].sums.reporting > 0)
                };
                let smallest = |i: &usize| (rows[*i].sums.reporting, rows[*i].key.clone());
                let cover = candidates()
                    .filter(|i| has_company(&counts, &rows[*i], groups, *group))
                    .min_by_key(smallest)
                    .or_else(|| candidates().min_by_key(smallest));
                more.extend(cover);
            }
            for i in more {
                changed |= !rows[i].withheld;
                rows[i].withheld = true;
            }
        }
        if !changed {
            break;
        }
    }
    for row in rows.iter_mut().filter(|r| r.withheld) {
        row.sums = GroupSums {
            reporting: row.sums.reporting,
            ..GroupSums::default()
        };
    }
}

/// How many groups where centres reported each line holds, by the grouping it runs along.
type Company = HashMap<(AggregateGroup, String, i32, GroupKey), usize>;

fn company(rows: &[AggregateSums], groups: &[AggregateGroup]) -> Company {
    let mut counts = Company::new();
    for row in rows.iter().filter(|r| r.sums.reporting > 0) {
        for group in groups {
            let line = (
                *group,
                row.code.as_str().to_owned(),
                row.year,
                without(&row.key, *group),
            );
            *counts.entry(line).or_default() += 1;
        }
    }
    counts
}

/// Whether `row` shares each of its lines other than the one along `along` with another group where centres
/// reported.
fn has_company(counts: &Company, row: &AggregateSums, groups: &[AggregateGroup], along: AggregateGroup) -> bool {
    groups.iter().filter(|g| **g != along).all(|g| {
        let line = (*g, row.code.as_str().to_owned(), row.year, without(&row.key, *g));
        counts.get(&line).is_some_and(|n| *n >= 2)
    })
}

/// The key of the line `key` lies on along `group`: the same key, that grouping left out.
fn without(key: &GroupKey, group: AggregateGroup) -> GroupKey {
    let mut line = key.clone();
    match group {
        AggregateGroup::Federation => line.federation = None,
        AggregateGroup::Territory => line.territory = None,
        AggregateGroup::Departement => line.departement = None,
        AggregateGroup::CentreKind => line.centre_kind = None,
        AggregateGroup::Management => line.management = None,
        AggregateGroup::Centre => line.centre = None,
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::directory::CentreKind;
    use crate::ids::TerritoryId;
    use crate::indicators::IndicatorCode;

    fn territory(n: u128) -> Option<Option<TerritoryId>> {
        Some(Some(TerritoryId::from_uuid(uuid::Uuid::from_u128(n))))
    }

    fn row(territory: Option<Option<TerritoryId>>, kind: Option<CentreKind>, reporting: u64) -> AggregateSums {
        AggregateSums {
            key: GroupKey {
                territory,
                centre_kind: kind,
                ..GroupKey::default()
            },
            code: IndicatorCode::parse("HR_FTE").unwrap(),
            year: 2024,
            sums: GroupSums {
                numerator: 1_000 * i128::from(reporting),
                denominator: 0,
                reporting,
                trues: 0,
            },
            expected: reporting + 1,
            withheld: false,
        }
    }

    fn withheld(rows: &[AggregateSums]) -> Vec<bool> {
        rows.iter().map(|r| r.withheld).collect()
    }

    #[test]
    fn a_group_of_one_is_withheld_with_the_smallest_other_of_its_line() {
        // The partner's own question: a territory of one reporting centre. Left alone, the federation's total
        // less the two others would give it away, so the smaller of the others goes too.
        let mut rows = vec![
            row(territory(1), None, 1),
            row(territory(2), None, 7),
            row(territory(3), None, 4),
        ];
        withhold_small_groups(&mut rows, &[AggregateGroup::Territory], 3);
        assert_eq!(withheld(&rows), [true, false, true]);
        assert_eq!(
            rows[0].sums,
            GroupSums {
                reporting: 1,
                ..GroupSums::default()
            },
            "counts stay, sums go"
        );
        assert_eq!(rows[2].sums.numerator, 0);
        assert_eq!(rows[1].sums.numerator, 7_000);
    }

    #[test]
    fn two_small_groups_cover_each_other_only_if_together_they_reach_the_minimum() {
        let mut rows = vec![
            row(territory(1), None, 1),
            row(territory(2), None, 1),
            row(territory(3), None, 5),
            row(territory(4), None, 9),
        ];
        withhold_small_groups(&mut rows, &[AggregateGroup::Territory], 3);
        assert_eq!(
            withheld(&rows),
            [true, true, true, false],
            "1 + 1 < 3: the 5 is withheld too"
        );

        let mut rows = vec![
            row(territory(1), None, 2),
            row(territory(2), None, 2),
            row(territory(3), None, 9),
        ];
        withhold_small_groups(&mut rows, &[AggregateGroup::Territory], 3);
        assert_eq!(withheld(&rows), [true, true, false], "2 + 2 ≥ 3");
    }

    #[test]
    fn without_grouping_a_small_federation_is_withheld_and_nobody_reporting_hides_nothing() {
        let mut rows = vec![row(None, None, 2)];
        withhold_small_groups(&mut rows, &[], 3);
        assert_eq!(withheld(&rows), [true]);

        let mut rows = vec![
            row(territory(1), None, 0),
            row(territory(2), None, 1),
            row(territory(3), None, 6),
        ];
        withhold_small_groups(&mut rows, &[AggregateGroup::Territory], 3);
        assert_eq!(withheld(&rows), [false, true, true], "an empty group is no cover");
    }

    #[test]
    fn every_line_of_a_two_way_table_is_protected() {
        use CentreKind::{CentreSocial as Cs, Evs};
        // Territory × kind: one EVS in territory 1. Its kind line and its territory line each need a second
        // withheld group, and those in turn need theirs.
        let mut rows = vec![
            row(territory(1), Some(Cs), 6),
            row(territory(1), Some(Evs), 1),
            row(territory(2), Some(Cs), 8),
            row(territory(2), Some(Evs), 4),
            row(territory(3), Some(Cs), 9),
            row(territory(3), Some(Evs), 5),
        ];
        withhold_small_groups(&mut rows, &[AggregateGroup::Territory, AggregateGroup::CentreKind], 3);
        let lines_hold = |rows: &[AggregateSums]| {
            let by = |pick: &dyn Fn(&AggregateSums) -> u128| {
                let mut lines: HashMap<u128, Vec<&AggregateSums>> = HashMap::new();
                for r in rows {
                    lines.entry(pick(r)).or_default().push(r);
                }
                lines.into_values().all(|line| {
                    let hidden: Vec<_> = line.iter().filter(|r| r.withheld).collect();
                    hidden.is_empty()
                        || (hidden.len() >= 2 && hidden.iter().map(|r| r.sums.reporting).sum::<u64>() >= 3)
                })
            };
            by(&|r| r.key.territory.flatten().unwrap().as_uuid().as_u128())
                && by(&|r| u128::from(r.key.centre_kind == Some(Cs)))
        };
        assert!(rows[1].withheld);
        assert!(lines_hold(&rows), "{:?}", withheld(&rows));
        assert!(!rows[4].withheld, "the largest groups are shown: {:?}", withheld(&rows));
    }

    #[test]
    fn a_minimum_of_one_withholds_nothing() {
        let mut rows = vec![row(territory(1), None, 1), row(territory(2), None, 5)];
        withhold_small_groups(&mut rows, &[AggregateGroup::Territory], 1);
        assert_eq!(withheld(&rows), [false, false]);
    }
}
