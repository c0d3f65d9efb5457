//! Action sheets in storage, on both databases: a Douaisis action written and read back whole, its totals summed
//! by the database against sums made here, its steps, the references it may make, the pact edits it blocks, and
//! who sees it.

use pactes_domain::audit::{AuditAction, AuditFilter, AuditRepository};
use pactes_domain::pacts::{
    ActionSheet, ActionSheetDraft, ActionSheetRepository, ActionStatus, ActorRoleDraft, MeansDraft, MeansKind, Pact,
    PactRepository, Party,
};
use pactes_domain::{FieldErrorCode, Money, RepositoryError, Scope};
use pactes_persistence::Database;

use crate::both;
use crate::pacts::{Directory, actor, codes, day, directory, douaisis};
use crate::support::first;

pub(crate) async fn pact(db: &Database, nord: &Directory) -> Pact {
    db.create_pact(nord.tenant, &actor(), douaisis(nord, None).validate().unwrap())
        .await
        .unwrap()
}

fn means(kind: MeansKind, actor: Party, amount: Option<&str>) -> MeansDraft {
    MeansDraft {
        kind,
        description: "Temps d'animation".to_owned(),
        actor,
        amount: amount.map(str::to_owned),
    }
}

/// "Se déplacer dans le Douaisis": an action of the pact's first axis (mobility), led by the first centre.
pub(crate) fn mobility(nord: &Directory, pact: &Pact) -> ActionSheetDraft {
    let (lead, other) = (Party::Centre(nord.centres[0]), Party::Centre(nord.centres[1]));
    let funder = Party::Partner(nord.partners[0]);
    ActionSheetDraft {
        pact_id: pact.id,
        objective_id: Some(pact.data.content.axes[0].objectives[1].id),
        title: "Se déplacer dans le Douaisis".to_owned(),
        description: Some("Un diagnostic partagé de la mobilité des habitants".to_owned()),
        start: Some(day(2015, 1, 5)),
        end: Some(day(2015, 12, 18)),
        lead: Some(lead),
        roles: vec![
            ActorRoleDraft {
                actor: lead,
                role: "porteur de l'action".to_owned(),
            },
            ActorRoleDraft {
                actor: other,
                role: "mobilisation des habitants".to_owned(),
            },
            ActorRoleDraft {
                actor: Party::Federation,
                role: "accompagnement méthodologique".to_owned(),
            },
        ],
        objectives: vec!["Recenser les freins à la mobilité".to_owned()],
        means: vec![
            means(MeansKind::Pooled, lead, Some("1250.40")),
            means(MeansKind::Pooled, other, Some("749.65")),
            means(MeansKind::Requested, funder, Some("4000")),
            means(MeansKind::Own, Party::Federation, None),
        ],
    }
}

async fn create(db: &Database, nord: &Directory, draft: ActionSheetDraft) -> Result<ActionSheet, RepositoryError> {
    db.create_action_sheet(nord.tenant, &actor(), draft.validate().unwrap())
        .await
}

both!(
    a_sheet_is_read_back_whole_and_its_totals_are_summed_by_the_database,
    demo,
    |db| async move {
        let nord = directory(&db, "nord").await;
        let scope = Scope::Federation(nord.tenant);
        let pact = pact(&db, &nord).await;
        let sheet = create(&db, &nord, mobility(&nord, &pact)).await.unwrap();
        assert_eq!(sheet.data.status, ActionStatus::Planned);

        let before = db.statement_count();
        let read = db.actions_of_pacts(&scope, &[pact.id]).await.unwrap();
        // The sheets, then one statement for each of its three child tables.
        assert_eq!(db.statement_count() - before, 4);
        assert_eq!(read, std::slice::from_ref(&sheet), "what was written is what is read");

        let before = db.statement_count();
        let totals = db.means_totals(&scope, &[sheet.id]).await.unwrap();
        assert_eq!(db.statement_count() - before, 1);
        let (_, totals) = totals[0];
        // 1250.40 + 749.65 pooled, 4000 requested, the federation's own means without an amount.
        assert_eq!(totals.pooled, Money::from_cents(125_040 + 74_965));
        assert_eq!(totals.requested, Money::from_cents(400_000));
        assert_eq!(totals.own, Money::ZERO);

        // Many sheets with many amounts: each sum equals the cents added up here, and the statements do not grow.
        let mut expected = Vec::new();
        for n in 0..12_i64 {
            let mut draft = mobility(&nord, &pact);
            draft.title = format!("Atelier mobilité n°{n}");
            let amounts: Vec<i64> = (0..5).map(|k| (n * 7_919 + k * 104_729) % 250_000 + 1).collect();
            draft.means = amounts
                .iter()
                .enumerate()
                .map(|(k, cents)| {
                    let kind = if k % 2 == 0 {
                        MeansKind::Pooled
                    } else {
                        MeansKind::Requested
                    };
                    let text = format!("{}.{:02}", cents / 100, cents % 100);
                    means(kind, Party::Centre(nord.centres[k % 2]), Some(&text))
                })
                .collect();
            let pooled: i64 = amounts.iter().step_by(2).sum();
            let requested: i64 = amounts.iter().skip(1).step_by(2).sum();
            let created = create(&db, &nord, draft).await.unwrap();
            expected.push((created.id, pooled, requested));
        }
        let ids: Vec<_> = expected.iter().map(|(id, _, _)| *id).collect();
        let before = db.statement_count();
        let totals = db.means_totals(&scope, &ids).await.unwrap();
        assert_eq!(db.statement_count() - before, 1);
        for (id, pooled, requested) in expected {
            let (_, found) = totals.iter().find(|(t, _)| *t == id).unwrap();
            assert_eq!((found.pooled.cents(), found.requested.cents()), (pooled, requested));
        }
        let before = db.statement_count();
        assert_eq!(db.actions_of_pacts(&scope, &[pact.id]).await.unwrap().len(), 13);
        assert_eq!(db.statement_count() - before, 4, "13 sheets cost the statements of one");
    }
);

both!(
    a_sheet_moves_by_its_steps_and_a_finished_one_is_not_edited,
    demo,
    |db| async move {
        let nord = directory(&db, "nord").await;
        let scope = Scope::Federation(nord.tenant);
        let pact = pact(&db, &nord).await;
        let sheet = create(&db, &nord, mobility(&nord, &pact)).await.unwrap();
        let step = |sheet: ActionSheet, to: ActionStatus| {
            let db = db.clone();
            async move {
                db.transition_action_sheet(nord.tenant, &actor(), sheet.id, sheet.meta.version, to)
                    .await
            }
        };
        let error = step(sheet.clone(), ActionStatus::Done).await.unwrap_err();
        assert_eq!(codes(error), [("to".to_owned(), FieldErrorCode::InvalidTransition)]);
        let started = step(sheet.clone(), ActionStatus::InProgress).await.unwrap();
        assert_eq!(started.data.status, ActionStatus::InProgress);

        // An edit keeps the status and the pact.
        let mut edit = mobility(&nord, &pact);
        edit.title = "Se déplacer dans le Douaisis : le diagnostic".to_owned();
        edit.means.truncate(1);
        let edited = db
            .update_action_sheet(nord.tenant, &actor(), started.id, started.meta.version, edit.clone())
            .await
            .unwrap();
        assert_eq!(edited.data.status, ActionStatus::InProgress);
        assert_eq!(edited.data.means.len(), 1);
        let stale = db
            .update_action_sheet(nord.tenant, &actor(), started.id, started.meta.version, edit.clone())
            .await
            .unwrap_err();
        assert!(matches!(stale, RepositoryError::Conflict { .. }), "{stale:?}");

        let done = step(edited, ActionStatus::Done).await.unwrap();
        let error = db
            .update_action_sheet(nord.tenant, &actor(), done.id, done.meta.version, edit)
            .await
            .unwrap_err();
        assert_eq!(codes(error), [("id".to_owned(), FieldErrorCode::InvalidState)]);
        let error = step(done.clone(), ActionStatus::Cancelled).await.unwrap_err();
        assert_eq!(codes(error), [("to".to_owned(), FieldErrorCode::InvalidTransition)]);

        let entries = db
            .list_audit_entries(
                &scope,
                &AuditFilter {
                    entity_id: Some(done.id.as_uuid()),
                },
                &first(50),
            )
            .await
            .unwrap();
        let mut actions: Vec<AuditAction> = entries.items.iter().map(|e| e.action).collect();
        actions.reverse();
        use AuditAction::*;
        assert_eq!(actions, [Create, Transition, Update, Transition]);
        assert!(entries.items.iter().all(|e| e.entity_type == "ActionSheet"));
    }
);

both!(
    a_sheet_names_its_own_pacts_objective_and_its_federations_actors,
    demo,
    |db| async move {
        let nord = directory(&db, "nord").await;
        let calais = directory(&db, "pas-de-calais").await;
        let pact = pact(&db, &nord).await;
        let other = pact_with_title(&db, &nord, "Un autre pacte").await;

        // An objective of another pact, a centre and a partner of another federation: each named.
        let mut draft = mobility(&nord, &pact);
        draft.objective_id = Some(other.data.content.axes[0].objectives[0].id);
        draft.roles[1].actor = Party::Centre(calais.centres[0]);
        draft.means[2].actor = Party::Partner(calais.partners[0]);
        let error = create(&db, &nord, draft).await.unwrap_err();
        assert_eq!(
            codes(error),
            [
                ("objectiveId".to_owned(), FieldErrorCode::NotFound),
                ("roles.1.actor".to_owned(), FieldErrorCode::NotFound),
                ("means.2.actor".to_owned(), FieldErrorCode::NotFound),
            ]
        );
        // Another federation's pact is not found, nor can its tenant write under ours.
        let error = db
            .create_action_sheet(calais.tenant, &actor(), {
                let mut theirs = mobility(&calais, &pact);
                theirs.objective_id = None;
                theirs.validate().unwrap()
            })
            .await
            .unwrap_err();
        assert_eq!(codes(error), [("pactId".to_owned(), FieldErrorCode::NotFound)]);

        // A pact edit may not drop the objective a sheet serves; once the sheet serves another, it may.
        let sheet = create(&db, &nord, mobility(&nord, &pact)).await.unwrap();
        let mut narrower = pact.data.content.to_draft();
        narrower.axes[0].objectives.remove(1);
        let error = db
            .update_pact(nord.tenant, &actor(), pact.id, pact.meta.version, narrower.clone())
            .await
            .unwrap_err();
        assert_eq!(
            codes(error),
            [("content.axes".to_owned(), FieldErrorCode::InvalidState)]
        );
        let mut moved = mobility(&nord, &pact);
        moved.objective_id = Some(pact.data.content.axes[0].objectives[0].id);
        db.update_action_sheet(nord.tenant, &actor(), sheet.id, sheet.meta.version, moved)
            .await
            .unwrap();
        let narrowed = db
            .update_pact(nord.tenant, &actor(), pact.id, pact.meta.version, narrower)
            .await
            .unwrap();
        assert_eq!(narrowed.data.content.axes[0].objectives.len(), 2);
    }
);

async fn pact_with_title(db: &Database, nord: &Directory, title: &str) -> Pact {
    let mut draft = douaisis(nord, None);
    draft.title = title.to_owned();
    db.create_pact(nord.tenant, &actor(), draft.validate().unwrap())
        .await
        .unwrap()
}

both!(
    a_partner_sees_the_sheets_of_the_pacts_it_signed_and_a_centre_its_own,
    demo,
    |db| async move {
        let nord = directory(&db, "nord").await;
        let calais = directory(&db, "pas-de-calais").await;
        let mut draft = douaisis(&nord, None);
        // Signed by the Nord's first partner only, among partners.
        draft
            .signatories
            .retain(|s| !matches!(s.party, Party::Partner(p) if p != nord.partners[0]));
        let pact = db
            .create_pact(nord.tenant, &actor(), draft.validate().unwrap())
            .await
            .unwrap();
        let sheet = create(&db, &nord, mobility(&nord, &pact)).await.unwrap();
        let sees = |scope: Scope| {
            let db = db.clone();
            async move { db.actions_of_pacts(&scope, &[pact.id]).await.unwrap().len() }
        };
        let partner = |p| Scope::Partner {
            federation: nord.tenant,
            partner: p,
        };
        assert_eq!(sees(Scope::Federation(nord.tenant)).await, 1);
        assert_eq!(sees(partner(nord.partners[0])).await, 1);
        assert_eq!(sees(partner(nord.partners[1])).await, 0, "a partner that did not sign");
        assert_eq!(sees(Scope::Federation(calais.tenant)).await, 0, "another federation");
        let totals = db.means_totals(&partner(nord.partners[1]), &[sheet.id]).await.unwrap();
        assert!(
            totals
                .iter()
                .all(|(_, t)| t.pooled == Money::ZERO && t.requested == Money::ZERO),
            "no amounts of a sheet out of scope"
        );

        // A centre takes part by leading, by a role or by a means; the others do not.
        let scope = Scope::Federation(nord.tenant);
        let mut by_means = mobility(&nord, &pact);
        by_means.title = "Transport solidaire".to_owned();
        by_means.lead = None;
        by_means.roles.truncate(0);
        by_means.means = vec![means(MeansKind::Pooled, Party::Centre(nord.centres[2]), Some("300"))];
        let by_means = create(&db, &nord, by_means).await.unwrap();
        let of_centre = |centre| {
            let (db, scope) = (db.clone(), scope);
            async move {
                let page = db.actions_of_centre(&scope, centre, &first(20)).await.unwrap();
                let count = db.count_actions_of_centre(&scope, centre).await.unwrap();
                (page.items.iter().map(|s| s.id).collect::<Vec<_>>(), count)
            }
        };
        assert_eq!(of_centre(nord.centres[0]).await, (vec![sheet.id], 1));
        assert_eq!(of_centre(nord.centres[1]).await, (vec![sheet.id], 1));
        assert_eq!(of_centre(nord.centres[2]).await, (vec![by_means.id], 1));
        assert_eq!(of_centre(nord.centres[3]).await, (vec![], 0));
        assert_eq!(of_centre(calais.centres[0]).await, (vec![], 0));
    }
);
