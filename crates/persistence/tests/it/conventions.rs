//! Partner conventions in storage, on both databases: a quadripartite convention written, signed and amended,
//! payments counted once and never above the commitment, totals summed by the database against sums made here
//! over generated data, expiry with renewals, and what partners and other federations see.

use std::collections::BTreeMap;

use pactes_domain::agreement::{AmendmentDraft, Party};
use pactes_domain::conventions::{
    Convention, ConventionData, ConventionDraft, ConventionFilter, ConventionKind, ConventionOrder, ConventionParty,
    ConventionRepository, ConventionRole, ConventionState, FundingFilter, FundingGroup, FundingLineDraft,
    FundingNature, PaymentDraft,
};
use pactes_domain::repository::RecordsById;
use pactes_domain::{ConventionId, FieldErrorCode, Money, RepositoryError, Scope};
use pactes_persistence::Database;

use crate::both;
use crate::pacts::{Directory, actor, codes, day, directory};
use crate::support::{Lcg, first};

fn line(funder: Party, beneficiary: Party, year: i32, cents: i64, nature: FundingNature) -> FundingLineDraft {
    FundingLineDraft {
        id: None,
        funder,
        beneficiary,
        year,
        nature,
        committed: Money::from_cents(cents),
        overpayment_allowed: false,
    }
}

/// A multi-year convention (CPO) of the directory's federation: its first two partners fund the federation and
/// its first centre, 2014-2017. The demo's conventions are of other kinds, so filtering on CPO leaves them out.
pub(crate) fn cpo(d: &Directory, reference: &str) -> ConventionDraft {
    let (caf, departement) = (Party::Partner(d.partners[0]), Party::Partner(d.partners[1]));
    let centre = Party::Centre(d.centres[0]);
    let party = |party, role| ConventionParty { party, role };
    ConventionDraft {
        kind: ConventionKind::Cpo,
        reference: reference.to_owned(),
        title: "Convention pluriannuelle d'objectifs du Calaisis".to_owned(),
        objectives: vec!["Soutenir la coopération des centres sociaux".to_owned()],
        start: day(2014, 1, 1),
        end: day(2017, 12, 31),
        renews: None,
        pact_id: None,
        action_sheets: Vec::new(),
        parties: vec![
            party(Party::Federation, ConventionRole::Signatory),
            party(caf, ConventionRole::Funder),
            party(departement, ConventionRole::Funder),
            party(Party::Federation, ConventionRole::Beneficiary),
            party(centre, ConventionRole::Beneficiary),
        ],
        lines: vec![
            line(caf, Party::Federation, 2014, 1_200_000, FundingNature::Fonctionnement),
            line(departement, centre, 2015, 450_050, FundingNature::Projet),
        ],
    }
}

/// The lines of CPO conventions: this file's, not the demo's.
fn only_cpo() -> FundingFilter {
    FundingFilter {
        conventions: ConventionFilter {
            kind: Some(ConventionKind::Cpo),
            ..Default::default()
        },
        ..Default::default()
    }
}

async fn signed(db: &Database, d: &Directory, draft: ConventionDraft) -> Convention {
    let created = db
        .create_convention(d.tenant, &actor(), draft.validate().unwrap())
        .await
        .unwrap();
    let negotiated = db
        .transition_convention(d.tenant, &actor(), created.id, 1, ConventionState::Negotiation, None)
        .await
        .unwrap();
    let signed = db
        .transition_convention(d.tenant, &actor(), negotiated.id, 2, ConventionState::Signed, None)
        .await
        .unwrap();
    // A status step returns the convention without its parts: read it whole.
    whole(db, &Scope::Federation(d.tenant), signed.id).await.unwrap()
}

async fn whole(db: &Database, scope: &Scope, id: ConventionId) -> Option<Convention> {
    RecordsById::<ConventionData>::records_by_ids(db, scope, &[id])
        .await
        .unwrap()
        .into_iter()
        .next()
}

pub(crate) fn pay(line: pactes_domain::FundingLineId, cents: i64, key: &str) -> PaymentDraft {
    PaymentDraft {
        line_id: line,
        paid_on: day(2015, 6, 30),
        amount: Money::from_cents(cents),
        reference: Some(format!("Mandat {key}")),
        idempotency_key: Some(key.to_owned()),
    }
}

both!(
    a_convention_is_signed_then_amended_and_its_payments_count_once,
    demo,
    |db| async move {
        let calais = directory(&db, "pas-de-calais").await;
        let scope = Scope::Federation(calais.tenant);
        let created = db
            .create_convention(calais.tenant, &actor(), cpo(&calais, "PDC-Q-2014").validate().unwrap())
            .await
            .unwrap();
        let before = db.statement_count();
        let read = whole(&db, &scope, created.id).await.unwrap();
        // The root, then one statement for each of its six child tables.
        assert_eq!(db.statement_count() - before, 7);
        assert_eq!(read, created, "what was written is what is read");

        // The reference is the federation's own number: unique.
        let error = db
            .create_convention(calais.tenant, &actor(), cpo(&calais, "pdc-q-2014").validate().unwrap())
            .await
            .unwrap_err();
        assert_eq!(
            codes(error),
            [("content.reference".to_owned(), FieldErrorCode::AlreadyExists)]
        );

        // Draft → signed is not one step; signed, the content is frozen outside an amendment.
        let error = db
            .transition_convention(calais.tenant, &actor(), created.id, 1, ConventionState::Signed, None)
            .await
            .unwrap_err();
        assert_eq!(codes(error), [("to".to_owned(), FieldErrorCode::InvalidTransition)]);
        let negotiated = db
            .transition_convention(
                calais.tenant,
                &actor(),
                created.id,
                1,
                ConventionState::Negotiation,
                None,
            )
            .await
            .unwrap();
        let signed = db
            .transition_convention(calais.tenant, &actor(), negotiated.id, 2, ConventionState::Signed, None)
            .await
            .unwrap();
        assert_eq!(signed.data.state(day(2016, 1, 1)), ConventionState::Active);
        let signed = whole(&db, &Scope::Federation(calais.tenant), signed.id).await.unwrap();
        let mut edit = signed.data.content.to_draft();
        edit.lines[1].committed = Money::from_cents(500_000);
        let error = db
            .update_convention(calais.tenant, &actor(), signed.id, 3, edit.clone())
            .await
            .unwrap_err();
        assert_eq!(codes(error), [("id".to_owned(), FieldErrorCode::InvalidState)]);

        // Payments: appended, once per key, never above the commitment.
        let line = signed.data.content.lines[1].id;
        let paid = db
            .record_payments(
                calais.tenant,
                &actor(),
                signed.id,
                Some(3),
                vec![pay(line, 200_025, "a"), pay(line, 200_025, "b")],
            )
            .await
            .unwrap();
        assert_eq!(paid.data.paid(&paid.data.content.lines[1]), Money::from_cents(400_050));
        let again = db
            .record_payments(calais.tenant, &actor(), signed.id, None, vec![pay(line, 200_025, "a")])
            .await
            .unwrap();
        assert_eq!(again.data.payments.len(), 2, "a key recorded already counts once");
        let error = db
            .record_payments(calais.tenant, &actor(), signed.id, None, vec![pay(line, 50_001, "c")])
            .await
            .unwrap_err();
        assert_eq!(
            codes(error),
            [("payments.0.amount".to_owned(), FieldErrorCode::Invalid)]
        );

        // An amendment raises the commitment; one that drops a paid line is refused.
        let amendment = AmendmentDraft {
            dated: day(2016, 3, 1),
            description: "Avenant n°1 : le Département porte son soutien à 5000 €".to_owned(),
        };
        let mut dropped = again.data.content.to_draft();
        dropped.lines.remove(1);
        let error = db
            .amend_convention(
                calais.tenant,
                &actor(),
                again.id,
                again.meta.version,
                amendment.clone(),
                dropped,
            )
            .await
            .unwrap_err();
        assert_eq!(
            codes(error),
            [("content.lines".to_owned(), FieldErrorCode::InvalidState)]
        );
        let amended = db
            .amend_convention(calais.tenant, &actor(), again.id, again.meta.version, amendment, edit)
            .await
            .unwrap();
        assert_eq!(amended.data.amendments[0].changes[0].field, "lines.1.committed");
        assert_eq!(
            amended.data.content.lines[1].id, line,
            "an amended line keeps its id and payments"
        );
        assert_eq!(whole(&db, &scope, amended.id).await.unwrap(), amended);
    }
);

both!(funding_totals_match_sums_made_here_to_the_cent, demo, |db| async move {
    let calais = directory(&db, "pas-de-calais").await;
    let scope = Scope::Federation(calais.tenant);
    let mut random = Lcg(2014);
    // Expected committed and paid by (funder, year), added up here as integers.
    let mut expected: BTreeMap<(String, i32), (i64, i64)> = BTreeMap::new();
    let natures = [
        FundingNature::Fonctionnement,
        FundingNature::Projet,
        FundingNature::PrestationService,
    ];
    for n in 0..8 {
        let mut draft = cpo(&calais, &format!("GEN-{n}"));
        let funders = [Party::Partner(calais.partners[0]), Party::Partner(calais.partners[1])];
        let beneficiaries = [Party::Federation, Party::Centre(calais.centres[0])];
        draft.lines = (0..6)
            .map(|k| {
                line(
                    funders[k % 2],
                    beneficiaries[(k / 2) % 2],
                    2014 + (k as i32 / 2),
                    (random.next(5_000_000) + 1) as i64,
                    natures[k % 3],
                )
            })
            .collect();
        let convention = signed(&db, &calais, draft).await;
        let mut payments = Vec::new();
        for (k, l) in convention.data.content.lines.iter().enumerate() {
            let cents = random.next(l.committed.cents() as u64) as i64 + 1;
            payments.push(pay(l.id, cents, &format!("gen-{n}-{k}")));
            let entry = expected.entry((l.funder.to_string(), l.year)).or_default();
            entry.0 += l.committed.cents();
            entry.1 += cents;
        }
        db.record_payments(calais.tenant, &actor(), convention.id, None, payments)
            .await
            .unwrap();
    }
    // A draft convention's lines are not commitments yet.
    db.create_convention(calais.tenant, &actor(), cpo(&calais, "DRAFT-1").validate().unwrap())
        .await
        .unwrap();

    let before = db.statement_count();
    let totals = db
        .funding_totals(
            &scope,
            &[FundingGroup::Funder, FundingGroup::Year],
            &only_cpo(),
            day(2016, 1, 1),
        )
        .await
        .unwrap();
    assert_eq!(db.statement_count() - before, 1, "one statement");
    let found: BTreeMap<(String, i32), (i64, i64)> = totals
        .iter()
        .map(|t| {
            (
                (t.funder.unwrap().to_string(), t.year.unwrap()),
                (t.committed.cents(), t.paid.cents()),
            )
        })
        .collect();
    assert_eq!(found, expected);
    let all = db
        .funding_totals(&scope, &[], &only_cpo(), day(2016, 1, 1))
        .await
        .unwrap();
    let (committed, paid) = expected.values().fold((0, 0), |(c, p), (ec, ep)| (c + ec, p + ep));
    assert_eq!((all[0].committed.cents(), all[0].paid.cents()), (committed, paid));
    assert_eq!(all[0].outstanding(), Some(Money::from_cents(committed - paid)));
    // One funder's 2015 lines, as a CAF reconciles them.
    let caf_2015 = FundingFilter {
        funder: Some(Party::Partner(calais.partners[0])),
        year: Some(2015),
        ..only_cpo()
    };
    let one = db
        .funding_totals(&scope, &[], &caf_2015, day(2016, 1, 1))
        .await
        .unwrap();
    let wanted = expected[&(Party::Partner(calais.partners[0]).to_string(), 2015)];
    assert_eq!((one[0].committed.cents(), one[0].paid.cents()), wanted);
    let rows = db.funding_lines(&scope, &caf_2015, day(2016, 1, 1)).await.unwrap();
    assert_eq!(rows.iter().map(|r| r.committed.cents()).sum::<i64>(), wanted.0);
    assert!(rows.iter().all(|r| r.year == 2015 && !r.funder.is_empty()));
});

both!(
    partners_see_their_conventions_only_and_other_federations_nothing,
    demo,
    |db| async move {
        let calais = directory(&db, "pas-de-calais").await;
        let nord = directory(&db, "nord").await;
        let mut only_caf = cpo(&calais, "PDC-CAF-ONLY");
        only_caf
            .parties
            .retain(|p| p.party != Party::Partner(calais.partners[1]));
        only_caf.lines.truncate(1);
        let theirs = signed(&db, &calais, only_caf).await;
        let both = signed(&db, &calais, cpo(&calais, "PDC-BOTH")).await;
        let listed = |scope: Scope| {
            let db = db.clone();
            async move {
                let page = db
                    .list_conventions(
                        &scope,
                        &only_cpo().conventions,
                        day(2016, 1, 1),
                        ConventionOrder::default(),
                        &first(50),
                    )
                    .await
                    .unwrap();
                page.items
                    .iter()
                    .map(|c| c.data.content.reference.as_str().to_owned())
                    .collect::<Vec<_>>()
            }
        };
        let partner = |p| Scope::Partner {
            federation: calais.tenant,
            partner: p,
        };
        assert!(
            listed(partner(calais.partners[0]))
                .await
                .contains(&"PDC-CAF-ONLY".to_owned())
        );
        assert_eq!(listed(partner(calais.partners[1])).await, ["PDC-BOTH"]);
        assert!(whole(&db, &partner(calais.partners[1]), theirs.id).await.is_none());
        assert!(
            listed(Scope::Federation(nord.tenant))
                .await
                .iter()
                .all(|r| !r.starts_with("PDC-"))
        );
        assert!(whole(&db, &Scope::Federation(nord.tenant), both.id).await.is_none());
        // The partner's totals are those of its conventions only.
        let totals = db
            .funding_totals(&partner(calais.partners[1]), &[], &only_cpo(), day(2016, 1, 1))
            .await
            .unwrap();
        assert_eq!(totals[0].committed, Money::from_cents(1_200_000 + 450_050));
        // Another federation cannot write it.
        let error = db
            .transition_convention(
                nord.tenant,
                &actor(),
                both.id,
                both.meta.version,
                ConventionState::Terminated,
                Some("x".into()),
            )
            .await
            .unwrap_err();
        assert!(matches!(error, RepositoryError::NotFound), "{error:?}");
    }
);

both!(
    a_renewed_convention_is_not_reported_as_expiring_and_a_centre_stays_covered,
    demo,
    |db| async move {
        let calais = directory(&db, "pas-de-calais").await;
        let scope = Scope::Federation(calais.tenant);
        let centre = calais.centres[0];
        let today = day(2017, 11, 15);
        let old = signed(&db, &calais, cpo(&calais, "COF-2014")).await;
        let expiring = |db: Database| async move {
            let filter = ConventionFilter {
                expiring_within_days: Some(60),
                kind: Some(ConventionKind::Cpo),
                ..Default::default()
            };
            db.list_conventions(&scope, &filter, today, ConventionOrder::default(), &first(50))
                .await
                .unwrap()
                .items
                .iter()
                .map(|c| c.id)
                .collect::<Vec<_>>()
        };
        assert_eq!(expiring(db.clone()).await, [old.id]);
        let coverage = db.centre_coverage(&scope, centre, today).await.unwrap();
        assert_eq!(coverage.in_force.iter().map(|c| c.id).collect::<Vec<_>>(), [old.id]);
        assert_eq!(coverage.first_expiry, Some(day(2017, 12, 31)));

        // Renewed for 2018-2021: no longer expiring, and the centre is covered until the renewal ends.
        let mut renewal = cpo(&calais, "COF-2018");
        renewal.start = day(2018, 1, 1);
        renewal.end = day(2021, 12, 31);
        renewal.renews = Some(old.id);
        for l in &mut renewal.lines {
            l.year += 4;
        }
        let draft_renewal = db
            .create_convention(calais.tenant, &actor(), renewal.clone().validate().unwrap())
            .await
            .unwrap();
        assert_eq!(
            expiring(db.clone()).await,
            [old.id],
            "a renewal in draft leaves the gap open"
        );
        let negotiated = db
            .transition_convention(
                calais.tenant,
                &actor(),
                draft_renewal.id,
                1,
                ConventionState::Negotiation,
                None,
            )
            .await
            .unwrap();
        db.transition_convention(calais.tenant, &actor(), negotiated.id, 2, ConventionState::Signed, None)
            .await
            .unwrap();
        assert_eq!(expiring(db.clone()).await, []);
        let coverage = db.centre_coverage(&scope, centre, today).await.unwrap();
        assert_eq!(coverage.first_expiry, Some(day(2021, 12, 31)));
        // A convention does not renew itself, nor one of another federation.
        let mut itself = old.data.content.to_draft();
        itself.renews = Some(old.id);
        let error = db
            .amend_convention(
                calais.tenant,
                &actor(),
                old.id,
                old.meta.version,
                AmendmentDraft {
                    dated: day(2017, 1, 1),
                    description: "x".into(),
                },
                itself,
            )
            .await
            .unwrap_err();
        assert_eq!(codes(error), [("content.renewsId".to_owned(), FieldErrorCode::Invalid)]);
        let nord = directory(&db, "nord").await;
        let mut foreign = cpo(&nord, "NORD-1");
        foreign.renews = Some(old.id);
        let error = db
            .create_convention(nord.tenant, &actor(), foreign.validate().unwrap())
            .await
            .unwrap_err();
        assert_eq!(
            codes(error),
            [("content.renewsId".to_owned(), FieldErrorCode::NotFound)]
        );
    }
);

both!(
    a_page_of_conventions_whole_costs_the_same_statements_for_fifty_as_for_two,
    demo,
    |db| async move {
        let calais = directory(&db, "pas-de-calais").await;
        let scope = Scope::Federation(calais.tenant);
        let page = |n: u64| {
            let db = db.clone();
            async move {
                let before = db.statement_count();
                let listed = db
                    .list_conventions(
                        &scope,
                        &ConventionFilter::default(),
                        day(2016, 1, 1),
                        ConventionOrder::default(),
                        &first(n),
                    )
                    .await
                    .unwrap();
                let ids: Vec<ConventionId> = listed.items.iter().map(|c| c.id).collect();
                let read = RecordsById::<ConventionData>::records_by_ids(&db, &scope, &ids)
                    .await
                    .unwrap();
                (read.len(), db.statement_count() - before)
            }
        };
        for n in 0..50 {
            let convention = signed(&db, &calais, cpo(&calais, &format!("P-{n:02}"))).await;
            let line = convention.data.content.lines[0].id;
            db.record_payments(
                calais.tenant,
                &actor(),
                convention.id,
                None,
                vec![pay(line, 100, &format!("p-{n}"))],
            )
            .await
            .unwrap();
        }
        let (two, few) = page(2).await;
        let (fifty, many) = page(50).await;
        assert_eq!((two, fifty), (2, 50));
        assert_eq!(few, many, "50 conventions cost the statements of 2");
        // The page, then the roots and their six part tables.
        assert_eq!(many, 8);
    }
);

fn row(line: usize, reference: &str, funder: &str, year: &str, amount: &str) -> pactes_domain::conventions::PaymentRow {
    pactes_domain::conventions::PaymentRow {
        line,
        reference: reference.to_owned(),
        funder: funder.to_owned(),
        year: year.to_owned(),
        paid_on: "2017-06-30".to_owned(),
        amount: amount.to_owned(),
        payment_reference: Some(format!("Mandat {line}")),
        ..Default::default()
    }
}

both!(
    a_payments_import_is_all_or_nothing_reports_every_bad_row_and_counts_a_rerun_once,
    demo,
    |db| async move {
        let calais = directory(&db, "pas-de-calais").await;
        let scope = Scope::Federation(calais.tenant);
        let paid_2017 = |db: Database| async move {
            let year = FundingFilter {
                year: Some(2017),
                ..Default::default()
            };
            db.funding_totals(&scope, &[], &year, day(2018, 1, 1)).await.unwrap()[0].paid
        };
        assert_eq!(paid_2017(db.clone()).await, Money::ZERO, "the demo paid up to 2016");

        // The demo's quadripartite convention: 2017 lines of 18,000 (CAF), 12,500 (CG), 7,500 (CR) — invented.
        let good = vec![
            row(2, "PDC-QUADRI-2014", "CAF du Pas-de-Calais", "2017", "9000.00"),
            row(3, "pdc-quadri-2014", "caf du pas-de-calais", "2017", "9000"),
            row(
                4,
                "PDC-QUADRI-2014",
                "Conseil Général du Pas-de-Calais",
                "2017",
                "12500.00",
            ),
        ];
        let mut bad = good.clone();
        bad.push(row(5, "PDC-QUADRI-2099", "CAF du Pas-de-Calais", "2017", "1"));
        bad.push(row(6, "PDC-QUADRI-2014", "CAF du Nord", "2017", "1,50"));
        bad.push(row(
            7,
            "PDC-QUADRI-2014",
            "Conseil Régional Nord-Pas de Calais",
            "2018",
            "1",
        ));
        bad.push(row(
            8,
            "PDC-QUADRI-2014",
            "Conseil Régional Nord-Pas de Calais",
            "2017",
            "7500.01",
        ));
        let nothing = |_| {};
        let errors = db
            .import_payments(calais.tenant, &actor(), bad, &nothing)
            .await
            .unwrap()
            .unwrap_err();
        let found: Vec<(usize, &str)> = errors.iter().map(|e| (e.line, e.column.as_str())).collect();
        assert_eq!(
            found,
            [(5, "reference"), (6, "amount"), (6, "funder"), (7, "year")],
            "{errors:?}"
        );
        assert_eq!(paid_2017(db.clone()).await, Money::ZERO, "nothing was written");
        // Rows that resolve but pass the commitment: refused by storage, at their row, and nothing written.
        let mut over = good.clone();
        over.push(row(
            8,
            "PDC-QUADRI-2014",
            "Conseil Régional Nord-Pas de Calais",
            "2017",
            "7500.01",
        ));
        let errors = db
            .import_payments(calais.tenant, &actor(), over, &nothing)
            .await
            .unwrap()
            .unwrap_err();
        assert_eq!(
            errors.iter().map(|e| (e.line, e.column.as_str())).collect::<Vec<_>>(),
            [(8, "amount")]
        );
        assert_eq!(paid_2017(db.clone()).await, Money::ZERO, "nothing was written");

        let progress = std::sync::Mutex::new(Vec::new());
        let report = db
            .import_payments(calais.tenant, &actor(), good.clone(), &|n| {
                progress.lock().unwrap().push(n)
            })
            .await
            .unwrap()
            .unwrap();
        assert_eq!((report.rows, report.recorded, report.already_recorded), (3, 3, 0));
        assert_eq!(progress.into_inner().unwrap().last(), Some(&3));
        assert_eq!(paid_2017(db.clone()).await, Money::from_cents(3_050_000));
        // The same file again: every payment is known; nothing counts twice.
        let again = db
            .import_payments(calais.tenant, &actor(), good, &nothing)
            .await
            .unwrap()
            .unwrap();
        assert_eq!((again.recorded, again.already_recorded), (0, 3));
        assert_eq!(paid_2017(db.clone()).await, Money::from_cents(3_050_000));
    }
);

both!(
    concurrent_retries_of_one_payment_leave_one_version_and_one_audit_entry,
    demo,
    |db| async move {
        use pactes_domain::audit::{AuditFilter, AuditRepository};
        let calais = directory(&db, "pas-de-calais").await;
        let scope = Scope::Federation(calais.tenant);
        let signed = signed(&db, &calais, cpo(&calais, "PDC-RETRY-2014")).await;
        let line = signed.data.content.lines[1].id;
        let entries = || async { db.count_audit_entries(&scope, &AuditFilter::default()).await.unwrap() };
        let logged = entries().await;
        // Eight clients retrying one request, all at once.
        let tasks: Vec<_> = (0..8)
            .map(|_| {
                let db = db.clone();
                let tenant = calais.tenant;
                tokio::spawn(async move {
                    db.record_payments(tenant, &actor(), signed.id, None, vec![pay(line, 100_000, "mandat-42")])
                        .await
                })
            })
            .collect();
        for task in tasks {
            let recorded = task.await.unwrap().unwrap();
            assert_eq!(recorded.data.payments.len(), 1);
        }
        let now = whole(&db, &scope, signed.id).await.unwrap();
        assert_eq!(now.data.payments.len(), 1, "the payment is recorded once");
        assert_eq!(now.meta.version, signed.meta.version + 1, "one write, one version");
        assert_eq!(entries().await, logged + 1, "one audit entry, none empty");
        // A retry after the fact changes nothing either.
        let before = db.statement_count();
        let again = db
            .record_payments(
                calais.tenant,
                &actor(),
                signed.id,
                None,
                vec![pay(line, 100_000, "mandat-42")],
            )
            .await
            .unwrap();
        assert_eq!(again, now);
        assert!(db.statement_count() - before <= 10);
        assert_eq!(entries().await, logged + 1);
    }
);

both!(
    a_partner_follows_only_the_renewals_it_is_party_to,
    demo,
    |db| async move {
        // The CAF funds COV-1; the département alone renews it as COV-2, until mid-2031. The CAF cannot read
        // COV-2: its end is not the CAF's to learn, through a centre's coverage or through the expiring list.
        let calais = directory(&db, "pas-de-calais").await;
        let (caf, departement) = (calais.partners[0], calais.partners[1]);
        let as_partner = |partner| Scope::Partner {
            federation: calais.tenant,
            partner,
        };
        let centre = calais.centres[0];
        let today = day(2017, 11, 15);
        let first_one = signed(&db, &calais, cpo(&calais, "COV-1")).await;
        let mut renewal = cpo(&calais, "COV-2");
        renewal.start = day(2018, 1, 1);
        renewal.end = day(2031, 6, 30);
        renewal.renews = Some(first_one.id);
        renewal.parties.retain(|p| p.party != Party::Partner(caf));
        renewal.lines.retain(|l| l.funder != Party::Partner(caf));
        for l in &mut renewal.lines {
            l.year += 4;
        }
        signed(&db, &calais, renewal).await;
        let covered = |scope: Scope| {
            let db = db.clone();
            async move { db.centre_coverage(&scope, centre, today).await.unwrap().first_expiry }
        };
        assert_eq!(covered(Scope::Federation(calais.tenant)).await, Some(day(2031, 6, 30)));
        assert_eq!(covered(as_partner(departement)).await, Some(day(2031, 6, 30)));
        assert_eq!(
            covered(as_partner(caf)).await,
            Some(day(2017, 12, 31)),
            "the CAF's own end"
        );
        let expiring = |scope: Scope| {
            let db = db.clone();
            async move {
                let filter = ConventionFilter {
                    expiring_within_days: Some(60),
                    kind: Some(ConventionKind::Cpo),
                    ..Default::default()
                };
                db.list_conventions(&scope, &filter, today, ConventionOrder::default(), &first(50))
                    .await
                    .unwrap()
                    .items
                    .iter()
                    .map(|c| c.id)
                    .collect::<Vec<_>>()
            }
        };
        assert_eq!(expiring(Scope::Federation(calais.tenant)).await, []);
        assert_eq!(expiring(as_partner(departement)).await, []);
        assert_eq!(
            expiring(as_partner(caf)).await,
            [first_one.id],
            "to the CAF, COV-1 ends"
        );
    }
);
