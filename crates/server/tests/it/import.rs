//! `pactes import payments`, run as a finance officer runs it: a spreadsheet exported as CSV, imported into the
//! Pas-de-Calais demo, checked row by row, written all at once, and imported again without counting twice.

use pactes_domain::Scope;
use pactes_domain::conventions::{ConventionRepository, FundingFilter};
use pactes_domain::directory::FederationRepository;
use pactes_persistence::{Database, DatabaseSettings};

use crate::cli::pactes;

/// What the Pas-de-Calais federation has been paid for 2017, in cents.
async fn paid_2017(db: &Database) -> i64 {
    let tenant = db.federation_by_slug_public("pas-de-calais").await.unwrap().unwrap().id;
    let filter = FundingFilter {
        year: Some(2017),
        ..Default::default()
    };
    let today = chrono::NaiveDate::from_ymd_opt(2018, 1, 1).unwrap();
    db.funding_totals(&Scope::Federation(tenant), &[], &filter, today)
        .await
        .unwrap()[0]
        .paid
        .cents()
}

#[tokio::test]
async fn a_payments_spreadsheet_is_imported_whole_or_not_at_all_and_once() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/p.db?mode=rwc", dir.path().display());
    let db = Database::connect(&DatabaseSettings::new(&url)).await.unwrap();
    db.migrate().await.unwrap();
    pactes_persistence::demo::load(&db).await.unwrap();
    let import = |file: &std::path::Path| {
        pactes()
            .args([
                "import",
                "payments",
                file.to_str().unwrap(),
                "--federation",
                "pas-de-calais",
            ])
            .env("DATABASE_URL", &url)
            .output()
            .unwrap()
    };

    // A spreadsheet with a byte-order mark, quoted names with commas, and two bad rows: nothing is written.
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "\u{feff}reference,funder,year,paid_on,amount,payment_reference\n\
         PDC-QUADRI-2014,CAF du Pas-de-Calais,2017,2017-06-30,18000.00,\"Mandat 2017-041, solde\"\n\
         PDC-QUADRI-2014,Conseil Général du Pas-de-Calais,2017,30/06/2017,12500.00,\n\
         PDC-QUADRI-2099,Conseil Régional Nord-Pas de Calais,2017,2017-06-30,7500.00,\n",
    )
    .unwrap();
    let refused = import(&bad);
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(!refused.status.success());
    assert!(stderr.contains("2 bad row(s); nothing was imported"), "{stderr}");
    assert!(stderr.contains("line 3, column paid_on"), "{stderr}");
    assert!(stderr.contains("line 4, column reference"), "{stderr}");
    assert_eq!(paid_2017(&db).await, 0, "nothing was written");

    let good = dir.path().join("good.csv");
    std::fs::write(
        &good,
        "reference,funder,year,paid_on,amount,payment_reference\n\
         PDC-QUADRI-2014,CAF du Pas-de-Calais,2017,2017-06-30,18000.00,\"Mandat 2017-041, solde\"\n\
         PDC-QUADRI-2014,Conseil Général du Pas-de-Calais,2017,2017-06-30,12500,\n\
         PDC-QUADRI-2014,Conseil Régional Nord-Pas de Calais,2017,2017-07-15,7500.00,\n",
    )
    .unwrap();
    let done = import(&good);
    assert!(done.status.success(), "{}", String::from_utf8_lossy(&done.stderr));
    assert!(
        String::from_utf8_lossy(&done.stdout).contains("3 rows: 3 payments recorded, 0 already recorded"),
        "{}",
        String::from_utf8_lossy(&done.stdout)
    );
    // The demo's invented 2017 commitments: 18,000 + 12,500 + 7,500.
    assert_eq!(paid_2017(&db).await, 3_800_000);
    let again = import(&good);
    assert!(again.status.success());
    assert!(String::from_utf8_lossy(&again.stdout).contains("0 payments recorded, 3 already recorded"));
    assert_eq!(paid_2017(&db).await, 3_800_000, "a re-run counts nothing twice");
}

/// The Nord's 2024 sum of `code`, in hundredths, and how many centres reported it.
async fn nord_2024(db: &Database, code: &str) -> (i128, u64) {
    use pactes_domain::indicators::{AggregateFilter, IndicatorCode, IndicatorRepository};
    let tenant = db.federation_by_slug_public("nord").await.unwrap().unwrap().id;
    let scope = Scope::Federation(tenant);
    let catalogue = db.catalogue(&scope).await.unwrap();
    let rows = db
        .aggregate_sums(
            &scope,
            &catalogue,
            &[IndicatorCode::parse(code).unwrap()],
            &[2024],
            &[],
            &AggregateFilter::default(),
        )
        .await
        .unwrap();
    (rows[0].sums.numerator, rows[0].sums.reporting)
}

#[tokio::test]
async fn an_indicators_spreadsheet_is_imported_long_or_wide_and_every_bad_cell_reported() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/p.db?mode=rwc", dir.path().display());
    let db = Database::connect(&DatabaseSettings::new(&url)).await.unwrap();
    db.migrate().await.unwrap();
    pactes_persistence::demo::load(&db).await.unwrap();
    let import = |file: &std::path::Path, year: Option<&str>| {
        let mut command = pactes();
        command
            .args(["import", "indicators", file.to_str().unwrap(), "--federation", "nord"])
            .env("DATABASE_URL", &url);
        if let Some(year) = year {
            command.args(["--year", year]);
        }
        command.output().unwrap()
    };
    // Wide, by exact name, as a federation's spreadsheet has it: a bad cell anywhere and nothing is written.
    let wide = dir.path().join("wide.csv");
    std::fs::write(
        &wide,
        "centre,GOV_BOARD,HR_FTE,FIN_SH_CAF\n\
         Centre social Pablo-Picasso,21,12.5,\n\
         Centre social Dorignies,300,8,\n\
         Centre social de Nulle-Part,10,4,\n\
         Centre social Pablo-Picasso,,,25\n",
    )
    .unwrap();
    let before = nord_2024(&db, "GOV_BOARD").await;
    let refused = import(&wide, Some("2024"));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(!refused.status.success());
    assert!(stderr.contains("3 bad row(s); nothing was imported"), "{stderr}");
    assert!(
        stderr.contains("line 3, column GOV_BOARD: above the maximum 200"),
        "{stderr}"
    );
    assert!(stderr.contains("line 4, column centre"), "{stderr}");
    assert!(
        stderr.contains("line 5, column FIN_SH_CAF: FIN_SH_CAF is derived"),
        "{stderr}"
    );
    assert_eq!(nord_2024(&db, "GOV_BOARD").await, before, "nothing was written");

    std::fs::write(
        &wide,
        "centre,GOV_BOARD,HR_FTE\n\
         Centre social Pablo-Picasso,21,12.5\n\
         Centre social Dorignies,17,\n",
    )
    .unwrap();
    let done = import(&wide, Some("2024"));
    assert!(done.status.success(), "{}", String::from_utf8_lossy(&done.stderr));
    assert!(String::from_utf8_lossy(&done.stdout).starts_with("3 values imported"));
    let (sum, reporting) = nord_2024(&db, "GOV_BOARD").await;
    assert_eq!(
        reporting, before.1,
        "the two centres had 2024 values already: replaced, not added"
    );
    assert_ne!(sum, before.0);

    // Long, with a year column: a year with no open campaign is refused at its cell.
    let long = dir.path().join("long.csv");
    std::fs::write(
        &long,
        "centre,indicator,year,value\n\
         Centre social Pablo-Picasso,VOL_ACT,2024,48\n\
         Centre social Pablo-Picasso,VOL_ACT,2023,45\n",
    )
    .unwrap();
    let refused = import(&long, None);
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("line 3, column year: no campaign collects 2023"),
        "{stderr}"
    );
}

#[tokio::test]
async fn the_national_catalogue_is_loaded_by_the_command_and_keeps_what_has_values() {
    use pactes_domain::indicators::IndicatorRepository;
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/p.db?mode=rwc", dir.path().display());
    let import = |file: &str| {
        pactes()
            .args(["import", "catalogue", file])
            .env("DATABASE_URL", &url)
            .output()
            .unwrap()
    };
    // A fresh database: the shipped copy (`-`) loads, and so does the network's file itself.
    let loaded = import("-");
    assert!(loaded.status.success(), "{}", String::from_utf8_lossy(&loaded.stderr));
    assert_eq!(
        String::from_utf8_lossy(&loaded.stdout).trim(),
        "57 indicators in the national catalogue"
    );
    let shared = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/indicators/catalogue.csv");
    if std::path::Path::new(shared).exists() {
        assert!(import(shared).status.success());
    }
    let db = Database::connect(&DatabaseSettings::new(&url)).await.unwrap();
    assert_eq!(db.catalogue(&Scope::National).await.unwrap().len(), 57);
    let entries = pactes_domain::audit::AuditRepository::audit_entries_after(&db, &Scope::National, None, 10)
        .await
        .unwrap();
    assert!(
        entries
            .iter()
            .any(|e| e.action == pactes_domain::audit::AuditAction::Import
                && e.changes[0].after.as_deref() == Some("57 indicators")),
        "{entries:?}"
    );

    // With the demo's 2024 values stored, a catalogue without HR_FTE (and the indicators derived from it) is
    // refused, and the stored one stays whole.
    pactes_persistence::demo::load(&db).await.unwrap();
    let text = pactes_persistence::NATIONAL_CATALOGUE
        .lines()
        .filter(|l| !l.starts_with("HR_FTE,") && !l.starts_with("HR_FTE_AVG,") && !l.starts_with("HR_SH_AIDED,"))
        .collect::<Vec<_>>()
        .join("\n");
    let smaller = dir.path().join("smaller.csv");
    std::fs::write(&smaller, text).unwrap();
    let refused = import(smaller.to_str().unwrap());
    assert!(!refused.status.success());
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("HR_FTE has centres' values: it stays in the catalogue"),
        "{stderr}"
    );
    assert_eq!(db.catalogue(&Scope::National).await.unwrap().len(), 57);
    // A file that is not a catalogue: every bad line said.
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "code,label_fr,label_en,category,unit,kind,aggregation,inputs,min,max,core\nhr fte,ETP,FTE,EMPLOI,FTE,COLLECTED,SUM,,0,10,true\n",
    )
    .unwrap();
    let refused = import(bad.to_str().unwrap());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("line 2, column code"));
}
