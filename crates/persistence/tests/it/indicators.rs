//! Indicators in storage, on both databases: the national catalogue as the network publishes it, centres' values
//! written in bulk and checked, and aggregates whose every rule is held to an independent computation over
//! generated values with gaps (a missing value is not a zero).

// Values are written in hundredths grouped as units and cents (`1_800_000_00` is 1,800,000.00).
#![allow(clippy::inconsistent_digit_grouping)]

use std::collections::{BTreeMap, HashMap};

use pactes_domain::directory::CentreRepository;
use pactes_domain::indicators::{
    AggregateFilter, AggregateGroup, AggregateValue, Campaign, CampaignContent, CampaignDraft, CampaignStatus,
    CentreValue, Indicator, IndicatorCode, IndicatorRepository, Quantity, Rule, SubmissionStatus,
};
use pactes_domain::{Actor, CentreId, FederationId, FieldErrorCode, Scope};
use pactes_persistence::{Database, NATIONAL_CATALOGUE, parse_catalogue};

use crate::both;
use crate::pacts::{codes, directory};
use crate::support::Lcg;

fn actor() -> Actor {
    Actor::system("test")
}

async fn load_catalogue(db: &Database) -> Vec<Indicator> {
    let catalogue = parse_catalogue(NATIONAL_CATALOGUE).unwrap();
    db.import_catalogue(&actor(), catalogue.clone()).await.unwrap();
    catalogue
}

/// The tenant's open campaign for `year`, collecting every collected indicator of the catalogue.
async fn open_campaign(db: &Database, tenant: FederationId, year: i32, catalogue: &[Indicator]) -> Campaign {
    let content = CampaignContent::collecting(year, catalogue, false);
    let draft = db.create_campaign(tenant, &actor(), content).await.unwrap();
    db.transition_campaign(tenant, &actor(), draft.id, 1, CampaignStatus::Open)
        .await
        .unwrap()
}

fn code(raw: &str) -> IndicatorCode {
    IndicatorCode::parse(raw).unwrap()
}

#[test]
fn the_shipped_catalogue_is_the_networks() {
    let catalogue = parse_catalogue(NATIONAL_CATALOGUE).expect("the shipped catalogue is valid");
    assert_eq!(catalogue.len(), 57);
    let shared = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/indicators/catalogue.csv");
    if let Ok(published) = std::fs::read_to_string(shared) {
        assert_eq!(
            NATIONAL_CATALOGUE, published,
            "the shipped copy differs from shared/indicators/catalogue.csv"
        );
    }
    let bad = "code,label_fr,label_en,category,unit,kind,aggregation,inputs,min,max,core\n\
               hr fte,ETP,FTE,EMPLOI,FTE,COLLECTED,SUM,,0,10,true\n\
               X_SH,Part,Share,EMPLOI,PERCENT,DERIVED,RATIO,X_NOWHERE;HR_FTE,,,true\n";
    let errors = parse_catalogue(bad).unwrap_err();
    assert!(errors[0].starts_with("line 2, column code"), "{errors:?}");
}

both!(
    the_national_catalogue_is_stored_and_read_back_in_order,
    demo,
    |db| async move {
        let catalogue = load_catalogue(&db).await;
        let nord = Scope::Federation(directory(&db, "nord").await.tenant);
        assert_eq!(db.catalogue(&nord).await.unwrap(), catalogue);
        // Loaded again: replaced, not doubled.
        load_catalogue(&db).await;
        assert_eq!(db.catalogue(&nord).await.unwrap().len(), 57);
    }
);

const COLLECTED: [(&str, u64); 7] = [
    ("GOV_MEMBERS", 2_000_00),
    ("GOV_BOARD", 40_00),
    ("FIN_INC", 1_800_000_00),
    ("FIN_CAF_PS", 400_000_00),
    ("FIN_CAF_LOC", 100_000_00),
    ("TER_QPV", 2),
    ("PART_N", 60_00),
];

/// Values for every centre and year, about one in five left out; booleans as 0 or 100, counts whole.
fn generate(centres: &[CentreId], years: &[i32], seed: u64) -> Vec<CentreValue> {
    let mut random = Lcg(seed);
    let mut values = Vec::new();
    for centre in centres {
        for year in years {
            for (raw, below) in COLLECTED {
                if random.next(5) == 0 {
                    continue;
                }
                let hundredths = match raw {
                    "TER_QPV" => random.next(2) as i64 * 100,
                    "GOV_MEMBERS" | "GOV_BOARD" | "PART_N" => random.next(below / 100) as i64 * 100,
                    _ => random.next(below) as i64,
                };
                values.push(CentreValue {
                    centre: *centre,
                    code: code(raw),
                    year: *year,
                    value: Quantity::from_hundredths(hundredths),
                });
            }
        }
    }
    values
}

/// The expected value, computed here from the values themselves: per centre the components (all present or
/// the centre is left out), then the rule.
fn expected(
    values: &[CentreValue],
    federations: &HashMap<CentreId, FederationId>,
    indicator: &str,
    year: i32,
) -> BTreeMap<FederationId, Option<i128>> {
    let of = |centre: CentreId, raw: &str| {
        values
            .iter()
            .find(|v| v.centre == centre && v.year == year && v.code.as_str() == raw)
            .map(|v| i128::from(v.value.hundredths()))
    };
    let both = |centre: CentreId, a: &str, b: &str| Some(of(centre, a)? + of(centre, b)?);
    let mut per_federation: BTreeMap<FederationId, Vec<(i128, i128)>> = BTreeMap::new();
    for (centre, federation) in federations {
        let pair = match indicator {
            "GOV_MEMBERS" | "TER_QPV" | "PART_N" => of(*centre, indicator).map(|v| (v, 0)),
            "GOV_BOARD_AVG" => of(*centre, "GOV_BOARD").map(|v| (v, 0)),
            "FIN_CAF_TOTAL" => both(*centre, "FIN_CAF_PS", "FIN_CAF_LOC").map(|v| (v, 0)),
            "FIN_SH_CAF" => both(*centre, "FIN_CAF_PS", "FIN_CAF_LOC").zip(of(*centre, "FIN_INC")),
            other => panic!("{other}"),
        };
        let entry = per_federation.entry(*federation).or_default();
        if let Some(pair) = pair {
            entry.push(pair);
        }
    }
    let round = |n: i128, d: i128| (2 * n + d) / (2 * d);
    per_federation
        .into_iter()
        .map(|(federation, pairs)| {
            let n: i128 = pairs.iter().map(|(a, _)| a).sum();
            let d: i128 = pairs.iter().map(|(_, b)| b).sum();
            let count = pairs.len() as i128;
            let value = (count > 0).then(|| match indicator {
                "GOV_MEMBERS" | "FIN_CAF_TOTAL" => n,
                "GOV_BOARD_AVG" | "PART_N" => round(n, count),
                "TER_QPV" => round(pairs.iter().filter(|(a, _)| *a != 0).count() as i128 * 10_000, count),
                "FIN_SH_CAF" => round(n * 10_000, d),
                other => panic!("{other}"),
            });
            (federation, value)
        })
        .collect()
}

both!(
    every_rule_aggregates_as_computed_by_hand_and_a_missing_value_is_not_a_zero,
    demo,
    |db| async move {
        let catalogue = load_catalogue(&db).await;
        let nord = directory(&db, "nord").await;
        let calais = directory(&db, "pas-de-calais").await;
        // Years the demo has no values for (it has 2024's).
        let years = [2021, 2022];
        for year in [2021, 2022, 2023] {
            open_campaign(&db, nord.tenant, year, &catalogue).await;
            open_campaign(&db, calais.tenant, year, &catalogue).await;
        }
        let mut values = generate(&nord.centres, &years, 59);
        let theirs = generate(&calais.centres, &years, 62);
        db.import_values(nord.tenant, &actor(), values.clone()).await.unwrap();
        db.import_values(calais.tenant, &actor(), theirs.clone()).await.unwrap();
        values.extend(theirs);
        let federations: HashMap<CentreId, FederationId> = nord
            .centres
            .iter()
            .map(|c| (*c, nord.tenant))
            .chain(calais.centres.iter().map(|c| (*c, calais.tenant)))
            .collect();
        let wanted = [
            "GOV_MEMBERS",
            "GOV_BOARD_AVG",
            "FIN_CAF_TOTAL",
            "FIN_SH_CAF",
            "TER_QPV",
            "PART_N",
        ];
        let codes: Vec<IndicatorCode> = wanted.iter().map(|c| code(c)).collect();
        let national = Scope::National;
        let before = db.statement_count();
        let rows = db
            .aggregate_sums(
                &national,
                &catalogue,
                &codes,
                &years,
                &[AggregateGroup::Federation],
                &AggregateFilter::default(),
            )
            .await
            .unwrap();
        assert_eq!(
            db.statement_count() - before,
            3,
            "the one-value indicators' sums by code, the others' pivoted, then the groups' sizes"
        );
        for indicator in wanted {
            let definition = catalogue.iter().find(|i| i.code.as_str() == indicator).unwrap();
            for year in years {
                let expect = expected(&values, &federations, indicator, year);
                for federation in [nord.tenant, calais.tenant] {
                    let row = rows
                        .iter()
                        .find(|r| {
                            r.code.as_str() == indicator && r.year == year && r.key.federation == Some(federation)
                        })
                        .unwrap_or_else(|| panic!("no row for {indicator} {year}"));
                    let value = AggregateValue::of(definition, &row.sums).map(|v| v.0);
                    assert_eq!(
                        value, expect[&federation],
                        "{indicator} {year} {federation:?}: {:?}",
                        row.sums
                    );
                    let size = if federation == nord.tenant {
                        nord.centres.len()
                    } else {
                        calais.centres.len()
                    };
                    assert_eq!(
                        row.expected, size as u64,
                        "coverage is reckoned on the federation's centres"
                    );
                    assert!(row.sums.reporting <= row.expected);
                }
            }
        }
        // A missing value lowers coverage, not the sum: with one centre's GOV_MEMBERS gone, the sum drops by
        // exactly its value and one fewer centre reports.
        let one = AggregateFilter {
            federation: Some(nord.tenant),
            ..Default::default()
        };
        let members = [code("GOV_MEMBERS")];
        let before_rows = db
            .aggregate_sums(&national, &catalogue, &members, &[2022], &[], &one)
            .await
            .unwrap();
        let rule = catalogue
            .iter()
            .find(|i| i.code.as_str() == "GOV_MEMBERS")
            .unwrap()
            .rule;
        assert_eq!(rule, Rule::Sum);
        let mut fewer: Vec<CentreValue> = values
            .iter()
            .filter(|v| federations[&v.centre] == nord.tenant && v.year == 2022 && v.code.as_str() == "GOV_MEMBERS")
            .cloned()
            .collect();
        let dropped = fewer.remove(0);
        // Storage has no "delete": the test writes the federation's values into a fresh year without it.
        for v in &mut fewer {
            v.year = 2023;
        }
        db.import_values(nord.tenant, &actor(), fewer.clone()).await.unwrap();
        let after_rows = db
            .aggregate_sums(&national, &catalogue, &members, &[2023], &[], &one)
            .await
            .unwrap();
        assert_eq!(after_rows[0].sums.reporting + 1, before_rows[0].sums.reporting);
        assert_eq!(
            after_rows[0].sums.numerator + i128::from(dropped.value.hundredths()),
            before_rows[0].sums.numerator
        );
        assert_eq!(after_rows[0].expected, before_rows[0].expected);

        // A federation's own scope sees its centres only, whatever it asks.
        let theirs = db
            .aggregate_sums(
                &Scope::Federation(nord.tenant),
                &catalogue,
                &members,
                &[2024],
                &[AggregateGroup::Federation],
                &AggregateFilter {
                    federation: Some(calais.tenant),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        assert!(
            theirs.iter().all(|r| r.key.federation == Some(nord.tenant)),
            "{theirs:?}"
        );
    }
);

both!(values_are_checked_before_anything_is_written, demo, |db| async move {
    let catalogue = load_catalogue(&db).await;
    let nord = directory(&db, "nord").await;
    let calais = directory(&db, "pas-de-calais").await;
    open_campaign(&db, nord.tenant, 2020, &catalogue).await;
    let value = |centre: CentreId, raw: &str, hundredths: i64| CentreValue {
        centre,
        code: code(raw),
        year: 2020,
        value: Quantity::from_hundredths(hundredths),
    };
    let error = db
        .import_values(
            nord.tenant,
            &actor(),
            vec![
                value(nord.centres[0], "GOV_BOARD", 24_00),
                value(nord.centres[0], "FIN_SH_CAF", 25_00),
                value(nord.centres[1], "GOV_BOARD", 201_00),
                value(calais.centres[0], "GOV_BOARD", 10_00),
                value(nord.centres[2], "NOT_A_CODE", 1),
            ],
        )
        .await
        .unwrap_err();
    assert_eq!(
        codes(error),
        [
            ("values.1.code".to_owned(), FieldErrorCode::Invalid),
            ("values.2.value".to_owned(), FieldErrorCode::Invalid),
            ("values.3.centre".to_owned(), FieldErrorCode::NotFound),
            ("values.4.code".to_owned(), FieldErrorCode::Invalid),
        ]
    );
    let catalogue = db.catalogue(&Scope::Federation(nord.tenant)).await.unwrap();
    let rows = db
        .aggregate_sums(
            &Scope::Federation(nord.tenant),
            &catalogue,
            &[code("GOV_BOARD")],
            &[2020],
            &[],
            &AggregateFilter::default(),
        )
        .await
        .unwrap();
    assert_eq!(rows[0].sums.reporting, 0, "nothing was written");
});

both!(
    values_are_written_only_into_an_open_campaign_and_frozen_once_validated,
    demo,
    |db| async move {
        load_catalogue(&db).await;
        let nord = directory(&db, "nord").await;
        let calais = directory(&db, "pas-de-calais").await;
        let scope = Scope::Federation(nord.tenant);
        let (a, b) = (nord.centres[0], nord.centres[1]);
        let value = |centre: CentreId, year: i32, units: i64| CentreValue {
            centre,
            code: code("GOV_BOARD"),
            year,
            value: Quantity::units(units).unwrap(),
        };
        // No campaign for 2019, then a draft one: refused at the value's year.
        let error = db
            .import_values(nord.tenant, &actor(), vec![value(a, 2019, 20)])
            .await
            .unwrap_err();
        assert_eq!(
            codes(error),
            [("values.0.year".to_owned(), FieldErrorCode::InvalidState)]
        );
        let draft = CampaignDraft {
            year: 2019,
            indicators: vec!["GOV_BOARD".to_owned(), "HR_FTE".to_owned()],
            opens_on: chrono::NaiveDate::from_ymd_opt(2020, 1, 15).unwrap(),
            closes_on: chrono::NaiveDate::from_ymd_opt(2020, 4, 30).unwrap(),
        };
        let campaign = db
            .create_campaign(nord.tenant, &actor(), draft.clone().validate().unwrap())
            .await
            .unwrap();
        let error = db
            .create_campaign(nord.tenant, &actor(), draft.validate().unwrap())
            .await
            .unwrap_err();
        assert_eq!(
            codes(error),
            [("year".to_owned(), FieldErrorCode::AlreadyExists)],
            "one campaign a year"
        );
        let error = db
            .import_values(nord.tenant, &actor(), vec![value(a, 2019, 20)])
            .await
            .unwrap_err();
        assert_eq!(
            codes(error),
            [("values.0.year".to_owned(), FieldErrorCode::InvalidState)]
        );
        let campaign = db
            .transition_campaign(nord.tenant, &actor(), campaign.id, 1, CampaignStatus::Open)
            .await
            .unwrap();
        // Open: written, the centre's submission in progress; an indicator the campaign does not collect is refused.
        db.import_values(nord.tenant, &actor(), vec![value(a, 2019, 20), value(b, 2019, 12)])
            .await
            .unwrap();
        let other = CentreValue {
            code: code("VOL_ACT"),
            ..value(a, 2019, 5)
        };
        let error = db.import_values(nord.tenant, &actor(), vec![other]).await.unwrap_err();
        assert_eq!(codes(error), [("values.0.code".to_owned(), FieldErrorCode::Invalid)]);
        let status = |db: Database| async move {
            db.submissions(&scope, campaign.id)
                .await
                .unwrap()
                .into_iter()
                .map(|s| (s.centre, s.status))
                .collect::<HashMap<_, _>>()
        };
        let before = status(db.clone()).await;
        assert_eq!(before.len(), nord.centres.len());
        assert_eq!(before[&a], SubmissionStatus::InProgress);
        assert_eq!(before[&nord.centres[2]], SubmissionStatus::NotStarted);

        // Submitted: frozen; rejected (with a reason) reopens it; validated freezes it again until reopened.
        let step = |centre: CentreId, to: SubmissionStatus, comment: Option<&str>| {
            let db = db.clone();
            let comment = comment.map(str::to_owned);
            async move {
                db.transition_submission(nord.tenant, &actor(), campaign.id, centre, to, comment, true)
                    .await
            }
        };
        step(a, SubmissionStatus::Submitted, None).await.unwrap();
        let error = db
            .import_values(nord.tenant, &actor(), vec![value(a, 2019, 21)])
            .await
            .unwrap_err();
        assert_eq!(
            codes(error),
            [("values.0.centre".to_owned(), FieldErrorCode::InvalidState)]
        );
        let error = step(a, SubmissionStatus::Rejected, None).await.unwrap_err();
        assert_eq!(codes(error), [("comment".to_owned(), FieldErrorCode::Invalid)]);
        step(
            a,
            SubmissionStatus::Rejected,
            Some("le nombre d'administrateurs semble élevé"),
        )
        .await
        .unwrap();
        db.import_values(nord.tenant, &actor(), vec![value(a, 2019, 21)])
            .await
            .unwrap();
        step(a, SubmissionStatus::Submitted, None).await.unwrap();
        step(a, SubmissionStatus::Validated, None).await.unwrap();
        let error = step(a, SubmissionStatus::Submitted, None).await.unwrap_err();
        assert_eq!(codes(error), [("to".to_owned(), FieldErrorCode::InvalidTransition)]);
        let error = db
            .import_values(nord.tenant, &actor(), vec![value(a, 2019, 22)])
            .await
            .unwrap_err();
        assert_eq!(
            codes(error),
            [("values.0.centre".to_owned(), FieldErrorCode::InvalidState)]
        );
        let error = db
            .transition_submission(
                nord.tenant,
                &actor(),
                campaign.id,
                a,
                SubmissionStatus::InProgress,
                None,
                false,
            )
            .await
            .unwrap_err();
        assert_eq!(
            codes(error),
            [("to".to_owned(), FieldErrorCode::InvalidState)],
            "only an admin reopens"
        );
        step(a, SubmissionStatus::InProgress, None).await.unwrap();
        db.import_values(nord.tenant, &actor(), vec![value(a, 2019, 22)])
            .await
            .unwrap();

        // Completeness: 1 of 13 centres submitted (none now: A was reopened), 2 values of 13 × 2 present.
        step(b, SubmissionStatus::Submitted, None).await.unwrap();
        let done = db.completeness(&scope, campaign.id).await.unwrap();
        assert_eq!(
            (
                done.centres_submitted,
                done.centres_expected,
                done.values_present,
                done.values_expected
            ),
            (1, nord.centres.len() as u64, 2, 2 * nord.centres.len() as u64)
        );
        // Closed: no value, no submission; another federation cannot touch it.
        let closed = db
            .transition_campaign(
                nord.tenant,
                &actor(),
                campaign.id,
                campaign.meta.version,
                CampaignStatus::Closed,
            )
            .await
            .unwrap();
        assert_eq!(closed.data.status, CampaignStatus::Closed);
        let error = db
            .import_values(nord.tenant, &actor(), vec![value(a, 2019, 23)])
            .await
            .unwrap_err();
        assert_eq!(
            codes(error),
            [("values.0.year".to_owned(), FieldErrorCode::InvalidState)]
        );
        step(b, SubmissionStatus::Validated, None).await.unwrap();
        let error = db
            .transition_submission(
                calais.tenant,
                &actor(),
                campaign.id,
                b,
                SubmissionStatus::Rejected,
                Some("x".into()),
                true,
            )
            .await
            .unwrap_err();
        assert!(matches!(error, pactes_domain::RepositoryError::NotFound), "{error:?}");
        assert!(
            db.campaigns(&Scope::Federation(calais.tenant), Some(2019))
                .await
                .unwrap()
                .is_empty()
        );
    }
);

both!(
    a_partner_reads_only_published_years_and_never_a_centres_own_figures,
    demo,
    |db| async move {
        let catalogue = load_catalogue(&db).await;
        let nord = directory(&db, "nord").await;
        let partner = Scope::Partner {
            federation: nord.tenant,
            partner: nord.partners[0],
        };
        let staff = Scope::Federation(nord.tenant);
        let published = open_campaign(&db, nord.tenant, 2021, &catalogue).await;
        open_campaign(&db, nord.tenant, 2022, &catalogue).await;
        let values = generate(&nord.centres, &[2021, 2022], 21);
        db.import_values(nord.tenant, &actor(), values.clone()).await.unwrap();
        let mut version = published.meta.version;
        for to in [CampaignStatus::Closed, CampaignStatus::Published] {
            version = db
                .transition_campaign(nord.tenant, &actor(), published.id, version, to)
                .await
                .unwrap()
                .meta
                .version;
        }
        let members = [code("GOV_MEMBERS")];
        let sums = |scope: Scope, group: Vec<AggregateGroup>, filter: AggregateFilter| {
            let (db, catalogue) = (db.clone(), catalogue.clone());
            let members = members.clone();
            async move {
                db.aggregate_sums(&scope, &catalogue, &members, &[2021, 2022], &group, &filter)
                    .await
                    .unwrap()
                    .into_iter()
                    .map(|r| (r.key, r.year, r.sums.reporting, r.sums.numerator))
                    .collect::<Vec<_>>()
            }
        };
        let by_staff = sums(staff, vec![], AggregateFilter::default()).await;
        let by_partner = sums(partner, vec![], AggregateFilter::default()).await;
        let reported = |year: i32| {
            values
                .iter()
                .filter(|v| v.year == year && v.code.as_str() == "GOV_MEMBERS")
                .count() as u64
        };
        assert_eq!(
            by_staff.iter().map(|r| (r.1, r.2)).collect::<Vec<_>>(),
            [(2021, reported(2021)), (2022, reported(2022))]
        );
        // The published year reads the same; the year still being collected reads as nothing.
        assert_eq!(by_partner[0], by_staff[0]);
        assert_eq!((by_partner[1].1, by_partner[1].2, by_partner[1].3), (2022, 0, 0));
        // Per centre, or one centre: nothing for a partner; the staff get each centre's own value.
        let one = AggregateFilter {
            centre: Some(nord.centres[0]),
            ..Default::default()
        };
        assert!(
            sums(partner, vec![AggregateGroup::Centre], AggregateFilter::default())
                .await
                .is_empty()
        );
        assert!(sums(partner, vec![], one.clone()).await.is_empty());
        assert!(db.centre_values(&partner, &members, &[2021]).await.unwrap().is_empty());
        let per_centre = sums(staff, vec![AggregateGroup::Centre], AggregateFilter::default()).await;
        for centre in &nord.centres {
            for year in [2021, 2022] {
                let own = values
                    .iter()
                    .find(|v| v.centre == *centre && v.year == year && v.code.as_str() == "GOV_MEMBERS");
                let row = per_centre
                    .iter()
                    .find(|r| r.0.centre == Some(*centre) && r.1 == year)
                    .expect("a row for every centre and year");
                assert_eq!(
                    (row.2, row.3),
                    own.map_or((0, 0), |v| (1, i128::from(v.value.hundredths())))
                );
            }
        }
    }
);

both!(
    a_federations_own_indicators_are_its_alone_and_aggregate_by_the_same_rules,
    demo,
    |db| async move {
        use pactes_domain::indicators::IndicatorDraft;
        let catalogue = load_catalogue(&db).await;
        let nord = directory(&db, "nord").await;
        let calais = directory(&db, "pas-de-calais").await;
        let draft = |code: &str, unit: &str, kind: &str, rule: &str, inputs: &[&str]| IndicatorDraft {
            code: code.to_owned(),
            label_fr: format!("Indicateur {code}"),
            label_en: format!("Indicator {code}"),
            category: "ACTIVITES".to_owned(),
            unit: unit.to_owned(),
            kind: kind.to_owned(),
            rule: rule.to_owned(),
            inputs: inputs.iter().map(|s| (*s).to_owned()).collect(),
            min: Some("0".to_owned()),
            max: None,
            core: false,
        };
        let meals = draft("NORD_MEALS", "COUNT", "COLLECTED", "SUM", &[]);
        db.create_indicator(nord.tenant, &actor(), meals.clone().validate().unwrap())
            .await
            .unwrap();
        // Meals per FTE across the federation: a ratio of sums of its own and a core indicator.
        let per_fte = draft(
            "NORD_MEALS_PER_FTE",
            "PERCENT",
            "DERIVED",
            "RATIO",
            &["NORD_MEALS", "HR_FTE"],
        );
        db.create_indicator(nord.tenant, &actor(), per_fte.validate().unwrap())
            .await
            .unwrap();
        let read = |scope: Scope| {
            let db = db.clone();
            async move {
                db.catalogue(&scope)
                    .await
                    .unwrap()
                    .into_iter()
                    .map(|i| (i.code.as_str().to_owned(), i.core))
                    .collect::<Vec<_>>()
            }
        };
        let theirs = read(Scope::Federation(nord.tenant)).await;
        assert_eq!(theirs.len(), catalogue.len() + 2);
        assert_eq!(
            theirs[catalogue.len()..],
            [
                ("NORD_MEALS".to_owned(), false),
                ("NORD_MEALS_PER_FTE".to_owned(), false)
            ]
        );
        assert_eq!(read(Scope::Federation(calais.tenant)).await.len(), catalogue.len());
        assert_eq!(read(Scope::National).await.len(), catalogue.len());

        // A core code, one of its own twice, or inputs it does not read: refused, nothing written.
        for (code, expected) in [
            ("HR_FTE", ("code", FieldErrorCode::AlreadyExists)),
            ("NORD_MEALS", ("code", FieldErrorCode::AlreadyExists)),
        ] {
            let again = IndicatorDraft {
                code: code.to_owned(),
                ..meals.clone()
            };
            let error = db
                .create_indicator(nord.tenant, &actor(), again.validate().unwrap())
                .await
                .unwrap_err();
            assert_eq!(codes(error), [(expected.0.to_owned(), expected.1)]);
        }
        let elsewhere = draft("CALAIS_RATIO", "PERCENT", "DERIVED", "RATIO", &["NORD_MEALS", "HR_FTE"]);
        let error = db
            .create_indicator(calais.tenant, &actor(), elsewhere.validate().unwrap())
            .await
            .unwrap_err();
        assert_eq!(codes(error), [("inputs".to_owned(), FieldErrorCode::Invalid)]);
        // Pas-de-Calais may have a code of the same name, its own.
        db.create_indicator(calais.tenant, &actor(), meals.validate().unwrap())
            .await
            .unwrap();

        // Collected in the Nord's campaign, aggregated by its rule.
        let own_catalogue = db.catalogue(&Scope::Federation(nord.tenant)).await.unwrap();
        let content = CampaignContent::collecting(2020, &own_catalogue, false);
        assert!(content.indicators.iter().any(|c| c.as_str() == "NORD_MEALS"));
        let campaign = db.create_campaign(nord.tenant, &actor(), content).await.unwrap();
        db.transition_campaign(nord.tenant, &actor(), campaign.id, 1, CampaignStatus::Open)
            .await
            .unwrap();
        let value = |centre: CentreId, raw: &str, hundredths: i64| CentreValue {
            centre,
            code: code(raw),
            year: 2020,
            value: Quantity::from_hundredths(hundredths),
        };
        db.import_values(
            nord.tenant,
            &actor(),
            vec![
                value(nord.centres[0], "NORD_MEALS", 3_000_00),
                value(nord.centres[0], "HR_FTE", 10_00),
                value(nord.centres[1], "NORD_MEALS", 1_000_00),
                value(nord.centres[1], "HR_FTE", 30_00),
                value(nord.centres[2], "NORD_MEALS", 500_00),
            ],
        )
        .await
        .unwrap();
        let rows = db
            .aggregate_sums(
                &Scope::Federation(nord.tenant),
                &own_catalogue,
                &[code("NORD_MEALS"), code("NORD_MEALS_PER_FTE")],
                &[2020],
                &[],
                &AggregateFilter::default(),
            )
            .await
            .unwrap();
        let value_of = |raw: &str| {
            let row = rows.iter().find(|r| r.code.as_str() == raw).unwrap();
            let indicator = own_catalogue.iter().find(|i| i.code.as_str() == raw).unwrap();
            (
                AggregateValue::of(indicator, &row.sums).map(|v| v.0),
                row.sums.reporting,
            )
        };
        assert_eq!(value_of("NORD_MEALS"), (Some(4_500_00), 3));
        // (3,000 + 1,000) meals / (10 + 30) FTE = 100 per FTE, the third centre (no FTE) left out: 10,000 %.
        assert_eq!(value_of("NORD_MEALS_PER_FTE"), (Some(10_000_00), 2));
    }
);

/// Runs `sql` in a transaction of its own, seeing every federation (PostgreSQL's row-level security set to
/// national work, as the server does): whether the database accepted it.
async fn run_as_national(db: &Database, sql: &str) -> Result<(), sea_orm::DbErr> {
    use sea_orm::{ConnectionTrait, DatabaseBackend, TransactionTrait};
    let conn = db.unscoped_connection();
    let txn = conn.begin().await?;
    if conn.get_database_backend() == DatabaseBackend::Postgres {
        txn.execute_unprepared("SELECT set_config('pactes.tenant', '*', true)")
            .await?;
    }
    txn.execute_unprepared(sql).await?;
    txn.commit().await
}

both!(
    a_value_names_a_centre_of_its_own_federation_which_keeps_it,
    demo,
    |db| async move {
        // Whoever writes (the repositories check first), the database refuses a value naming another
        // federation's centre: on PostgreSQL a check over each statement's new rows, on SQLite the foreign key.
        let across = run_as_national(
            &db,
            "INSERT INTO indicator_values (federation_id, centre_id, code, year, value, source, entered_at) \
             SELECT v.federation_id, c.id, v.code, v.year + 50, v.value, v.source, v.entered_at \
             FROM indicator_values v JOIN centres c ON c.federation_id <> v.federation_id LIMIT 1",
        )
        .await;
        assert!(across.is_err(), "a value was written for another federation's centre");
        let updated_across = run_as_national(
            &db,
            "UPDATE indicator_values SET centre_id = (SELECT c.id FROM centres c \
             WHERE c.federation_id <> indicator_values.federation_id LIMIT 1) \
             WHERE year = (SELECT MAX(year) FROM indicator_values)",
        )
        .await;
        assert!(
            updated_across.is_err(),
            "a value was moved to another federation's centre"
        );

        // A centre with values cannot go; without them, it can.
        let nord = directory(&db, "nord").await.tenant;
        let draft = crate::directory::new_centre("EVS des Essais", "Lille");
        db.create_centre(nord, &actor(), draft.validate().unwrap())
            .await
            .unwrap();
        let valued = run_as_national(
            &db,
            "INSERT INTO indicator_values (federation_id, centre_id, code, year, value, source, entered_at) \
             SELECT c.federation_id, c.id, 'HR_FTE', 2030, 150, 'FORM', c.created_at FROM centres c \
             WHERE c.name = 'EVS des Essais'",
        )
        .await;
        assert!(valued.is_ok(), "{valued:?}");
        let gone = "DELETE FROM centres WHERE name = 'EVS des Essais'";
        assert!(
            run_as_national(&db, gone).await.is_err(),
            "a centre with values was deleted"
        );
        run_as_national(&db, "DELETE FROM indicator_values WHERE year = 2030")
            .await
            .unwrap();
        run_as_national(&db, gone).await.unwrap();
    }
);

both!(
    within_a_request_the_sums_are_the_same_when_their_statements_run_side_by_side,
    demo,
    |db| async move {
        use pactes_persistence::request_stats::{RequestStats, within};
        let catalogue = db.catalogue(&Scope::National).await.unwrap();
        let codes = [code("FIN_SH_CAF"), code("HR_FTE"), code("GOV_BOARD_AVG")];
        let nord = Scope::Federation(directory(&db, "nord").await.tenant);
        let (years, filter) = ([2023, 2024], AggregateFilter::default());
        let questions = [
            (Scope::National, [AggregateGroup::Federation]),
            (nord, [AggregateGroup::Territory]),
        ];
        let sums = |k: usize| {
            let (scope, groups) = &questions[k];
            db.aggregate_sums(scope, &catalogue, &codes, &years, groups, &filter)
        };
        for (k, (scope, _)) in questions.iter().enumerate() {
            // Outside a request, one statement after the other. The other question asked twice at once leaves
            // the pool two connections, idle, set for the other scope: the second connection the request takes
            // must be set for its own.
            let alone = sums(k).await.unwrap();
            assert!(
                alone.iter().any(|r| r.sums.reporting > 0),
                "the demo has values: {alone:?}"
            );
            let (a, b) = tokio::join!(sums(1 - k), sums(1 - k));
            assert_eq!(a.unwrap(), b.unwrap());
            let postgres = db.backend() == sea_orm::DatabaseBackend::Postgres;
            // The pool takes its connections back in tasks of its own: wait until they are idle again.
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
            while postgres && db.pool_usage().idle < 2 && std::time::Instant::now() < deadline {
                tokio::task::yield_now().await;
            }
            assert!(!postgres || db.pool_usage().idle >= 2, "{:?}", db.pool_usage());
            let stats = RequestStats::new();
            let within_request = within(stats.clone(), sums(k)).await.unwrap();
            assert_eq!(within_request, alone, "{scope:?}");
            assert_eq!(stats.statements(), 3, "sizes, sums by code, pivot");
            let beside = u64::from(postgres);
            assert_eq!(
                stats.statements_beside(),
                beside,
                "the pivot beside the sums by code on PostgreSQL"
            );
        }
    }
);
