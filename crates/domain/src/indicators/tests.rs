//! The catalogue's rules and the aggregates' arithmetic, on indicators of the reference catalogue.

use super::*;

fn draft(code: &str, unit: &str, kind: &str, rule: &str, inputs: &[&str]) -> IndicatorDraft {
    IndicatorDraft {
        code: code.to_owned(),
        label_fr: format!("Libellé {code}"),
        label_en: format!("Label {code}"),
        category: "FINANCES".to_owned(),
        unit: unit.to_owned(),
        kind: kind.to_owned(),
        rule: rule.to_owned(),
        inputs: inputs.iter().map(|s| (*s).to_owned()).collect(),
        min: None,
        max: None,
        core: true,
    }
}

fn finances() -> Vec<Indicator> {
    [
        draft("FIN_INC", "EUROS", "COLLECTED", "SUM", &[]),
        draft("FIN_CAF_PS", "EUROS", "COLLECTED", "SUM", &[]),
        draft("FIN_CAF_LOC", "EUROS", "COLLECTED", "SUM", &[]),
        draft(
            "FIN_CAF_TOTAL",
            "EUROS",
            "DERIVED",
            "SUM",
            &["FIN_CAF_PS", "FIN_CAF_LOC"],
        ),
        draft(
            "FIN_SH_CAF",
            "PERCENT",
            "DERIVED",
            "RATIO",
            &["FIN_CAF_TOTAL", "FIN_INC"],
        ),
        draft("FIN_INC_AVG", "EUROS", "DERIVED", "MEAN", &["FIN_INC"]),
        draft("TER_QPV", "BOOLEAN", "COLLECTED", "SHARE_TRUE", &[]),
    ]
    .into_iter()
    .map(|d| d.validate().unwrap())
    .collect()
}

fn code(raw: &str) -> IndicatorCode {
    IndicatorCode::parse(raw).unwrap()
}

#[test]
fn a_derived_indicator_is_made_of_collected_ones_and_a_ratio_of_two() {
    let catalogue = finances();
    assert_eq!(validate_catalogue(&catalogue), Ok(()));
    let share = catalogue.iter().find(|i| i.code.as_str() == "FIN_SH_CAF").unwrap();
    assert_eq!(
        share.components(&catalogue),
        Components {
            numerator: vec![code("FIN_CAF_PS"), code("FIN_CAF_LOC")],
            denominator: vec![code("FIN_INC")],
        }
    );
    let mut chained = catalogue.clone();
    chained.push(
        draft("FIN_BAD", "PERCENT", "DERIVED", "RATIO", &["FIN_SH_CAF", "FIN_INC"])
            .validate()
            .unwrap(),
    );
    chained.push(
        draft("FIN_GONE", "EUROS", "DERIVED", "SUM", &["FIN_NOWHERE"])
            .validate()
            .unwrap(),
    );
    let errors = validate_catalogue(&chained).unwrap_err();
    assert_eq!(errors.len(), 2, "{errors:?}");
    // A ratio is never collected, a share is of a yes/no indicator, a ratio has two inputs.
    let fields = |d: IndicatorDraft| -> Vec<String> {
        d.validate()
            .unwrap_err()
            .errors()
            .iter()
            .map(|e| e.field.join("."))
            .collect()
    };
    assert_eq!(fields(draft("X_RATIO", "PERCENT", "COLLECTED", "RATIO", &[])), ["rule"]);
    assert_eq!(
        fields(draft("X_SHARE", "COUNT", "COLLECTED", "SHARE_TRUE", &[])),
        ["unit"]
    );
    assert_eq!(
        fields(draft("X_ONE", "PERCENT", "DERIVED", "RATIO", &["FIN_INC"])),
        ["inputs"]
    );
    assert_eq!(fields(draft("lower", "EUROS", "COLLECTED", "SUM", &[])), ["code"]);
}

#[test]
fn a_share_is_a_ratio_of_sums_never_a_mean_of_ratios() {
    let catalogue = finances();
    let share = catalogue.iter().find(|i| i.code.as_str() == "FIN_SH_CAF").unwrap();
    // Two centres: 450,000 € of CAF funding on 1,800,000 € (25 %), 150,000 € on 300,000 € (50 %). The federation's
    // share is 600,000 / 2,100,000 = 28.57 %, not the 37.5 % a mean of their shares would give.
    let sums = GroupSums {
        numerator: 60_000_000,
        denominator: 210_000_000,
        reporting: 2,
        trues: 0,
    };
    let value = AggregateValue::of(share, &sums).unwrap();
    assert_eq!(value.display(share), "28.57");
    // Nobody reported: no value (not zero).
    assert_eq!(AggregateValue::of(share, &GroupSums::default()), None);

    let mean = catalogue.iter().find(|i| i.code.as_str() == "FIN_INC_AVG").unwrap();
    let three = GroupSums {
        numerator: 10_000_000,
        denominator: 0,
        reporting: 3,
        trues: 0,
    };
    assert_eq!(AggregateValue::of(mean, &three).unwrap().display(mean), "33333.33");
    let qpv = catalogue.iter().find(|i| i.code.as_str() == "TER_QPV").unwrap();
    let answers = GroupSums {
        numerator: 200,
        denominator: 0,
        reporting: 3,
        trues: 2,
    };
    assert_eq!(AggregateValue::of(qpv, &answers).unwrap().display(qpv), "66.67");
}

#[test]
fn quartiles_are_the_centres_values_by_nearest_rank() {
    let mut values = vec![900, 100, 500, 300, 700];
    assert_eq!(quartiles(&mut values), Some([300, 500, 700]));
    assert_eq!(quartiles(&mut []), None);
}

#[test]
fn a_centre_is_placed_among_its_peers_by_its_own_ratio_of_sums() {
    let catalogue = finances();
    let share = catalogue.iter().find(|i| i.code.as_str() == "FIN_SH_CAF").unwrap();
    let centre = |caf: i128, income: i128| GroupSums {
        numerator: caf * 100,
        denominator: income * 100,
        reporting: 1,
        trues: 0,
    };
    // Shares of 10 %, 20 %, 30 %, 40 % and 50 %; one more centre reported only its income (left out).
    let peers = [
        centre(10, 100),
        centre(40, 200),
        centre(90, 300),
        centre(160, 400),
        centre(250, 500),
        GroupSums::default(),
    ];
    let fourth = Position::among(share, Some(&peers[3]), &peers);
    assert_eq!(fourth.value, Some(AggregateValue(4_000)));
    assert_eq!(fourth.peers, 5);
    assert_eq!(fourth.quartiles, Some([2_000, 3_000, 4_000]));
    assert_eq!(fourth.quartile, Some(3));
    let lowest = Position::among(share, Some(&peers[0]), &peers);
    assert_eq!(lowest.quartile, Some(1));
    let highest = Position::among(share, Some(&peers[4]), &peers);
    assert_eq!(highest.quartile, Some(4));
    // A centre's sums come from its own values; one missing component and it did not report.
    let components = share.components(&catalogue);
    // Hundredths of a euro, written euros_cents.
    #[allow(clippy::inconsistent_digit_grouping)]
    let values = [("FIN_CAF_PS", 30_00), ("FIN_CAF_LOC", 10_00), ("FIN_INC", 400_00)];
    let value_of = |code: &IndicatorCode| values.iter().find(|(c, _)| *c == code.as_str()).map(|(_, v)| *v);
    let expected = GroupSums {
        trues: 1,
        ..centre(40, 400)
    };
    assert_eq!(GroupSums::of_centre(&components, value_of), Some(expected));
    assert_eq!(
        GroupSums::of_centre(&components, |c| value_of(c).filter(|_| c.as_str() != "FIN_CAF_LOC")),
        None
    );
    // A centre without a value has no position, and the others' quartiles still show.
    let missing = Position::among(share, None, &peers);
    assert_eq!((missing.value, missing.quartile), (None, None));
    assert_eq!(missing.quartiles, Some([2_000, 3_000, 4_000]));
}

#[test]
fn values_are_checked_against_the_indicators_range() {
    let mut d = draft("GOV_BOARD", "COUNT", "COLLECTED", "SUM", &[]);
    d.min = Some("0".to_owned());
    d.max = Some("200".to_owned());
    let board = d.validate().unwrap();
    assert!(board.check_range(Quantity::units(24).unwrap()).is_ok());
    assert!(matches!(
        board.check_range(Quantity::units(201).unwrap()),
        Err(QuantityError::AboveMax(max)) if max == "200"
    ));
}
