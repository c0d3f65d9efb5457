//! Campaigns read and stepped through their lifecycle, and centres' submissions, each step audited on the
//! campaign.

use std::collections::HashMap;

use pactes_domain::audit::{AuditAction, AuditEntry};
use pactes_domain::indicators::{
    Campaign, CampaignContent, CampaignData, CampaignStatus, Completeness, Submission, SubmissionStatus,
};
use pactes_domain::lifecycle::{Lifecycle, StateError};
use pactes_domain::record::{Record, now};
use pactes_domain::repository::RepositoryResult;
use pactes_domain::{
    Actor, CampaignId, CentreId, FederationId, FieldError, FieldErrorCode, RepositoryError, Scope, ValidationErrors,
};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, Order, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use uuid::Uuid;

use super::entity::{self, submissions};
use crate::database::Database;
use crate::directory::centre::{CentreColumn, CentreTable};
use crate::error::{decode_code, storage};
use crate::indicators::entity::values;
use crate::row_security::RowScope;
use crate::scope::{tenant_condition, tenant_rows};
use crate::tenant::{Readable, find_by_ids, insert, states, update_as};

pub(in crate::indicators) async fn campaigns_of(
    db: &Database,
    scope: &Scope,
    year: Option<i32>,
) -> RepositoryResult<Vec<Campaign>> {
    let mut select = Readable::<CampaignData>::live(scope).order_by(entity::Column::Year, Order::Desc);
    if let Some(year) = year {
        select = select.filter(entity::Column::Year.eq(year));
    }
    crate::tenant::find_whole::<CampaignData>(&db.scoped(scope), scope, select).await
}

pub(in crate::indicators) async fn create(
    db: &Database,
    tenant: FederationId,
    actor: &Actor,
    content: CampaignContent,
    catalogue: &[pactes_domain::indicators::Indicator],
) -> RepositoryResult<Campaign> {
    let unknown: Vec<FieldError> = content
        .indicators
        .iter()
        .enumerate()
        .filter(|(_, code)| !catalogue.iter().any(|i| &i.code == *code))
        .map(|(i, code)| {
            FieldError::new(
                &["indicators", &i.to_string()],
                FieldErrorCode::NotFound,
                format!("{code} is not in the catalogue"),
            )
        })
        .collect();
    if !unknown.is_empty() {
        return Err(RepositoryError::Invalid(ValidationErrors::from_errors(unknown)));
    }
    let data = CampaignData {
        content,
        status: CampaignStatus::Draft,
    };
    insert(db, actor, Record::create(tenant, data)).await
}

pub(in crate::indicators) async fn transition(
    db: &Database,
    tenant: FederationId,
    actor: &Actor,
    id: CampaignId,
    expected_version: i64,
    to: CampaignStatus,
) -> RepositoryResult<Campaign> {
    update_as(
        db,
        tenant,
        actor,
        AuditAction::Transition,
        id.as_uuid(),
        expected_version,
        |current: &CampaignData| {
            let status = current.status.step_to(to).map_err(|e| e.on(&["to"]))?;
            Ok(CampaignData {
                status,
                ..current.clone()
            })
        },
    )
    .await
}

async fn campaign(db: &impl ConnectionTrait, scope: &Scope, id: CampaignId) -> RepositoryResult<Campaign> {
    find_by_ids::<CampaignData>(db, scope, [id.as_uuid()], true)
        .await?
        .pop()
        .ok_or(RepositoryError::NotFound)
}

/// Every centre of the campaign's federation in use, with its submission (not started when it has no row).
pub(in crate::indicators) async fn submissions_of(
    db: &Database,
    scope: &Scope,
    id: CampaignId,
) -> RepositoryResult<Vec<Submission>> {
    let conn = db.scoped(scope);
    let campaign = campaign(&conn, scope, id).await?;
    submissions_for(&conn, scope, &campaign).await
}

/// [`submissions_of`] for a campaign already read.
async fn submissions_for(
    conn: &impl ConnectionTrait,
    scope: &Scope,
    campaign: &Campaign,
) -> RepositoryResult<Vec<Submission>> {
    // How a campaign goes inside the federation (each centre's status, the comments exchanged with staff, the
    // counts made of them) is not a partner's to read (`Permission::ReadProgress`): the API refuses first, and
    // storage reads a partner none of it.
    if scope.partner().is_some() {
        return Err(RepositoryError::NotFound);
    }
    let id = campaign.id;
    let centres: Vec<Uuid> = CentreTable::find()
        .select_only()
        .column(CentreColumn::Id)
        .filter(tenant_rows(CentreColumn::FederationId, campaign.federation_id))
        .filter(CentreColumn::ArchivedAt.is_null())
        .order_by_asc(CentreColumn::NameKey)
        .into_tuple()
        .all(conn)
        .await
        .map_err(storage)?;
    let rows = crate::rows::all(
        conn,
        submissions::Entity::find()
            .filter(tenant_condition(submissions::Column::FederationId, scope, None))
            .filter(submissions::Column::CampaignId.eq(id.as_uuid())),
    )
    .await
    .map_err(storage)?;
    let mut by_centre: HashMap<Uuid, submissions::Model> = rows.into_iter().map(|r| (r.centre_id, r)).collect();
    centres
        .into_iter()
        .map(|centre| match by_centre.remove(&centre) {
            Some(row) => Ok(Submission {
                campaign: id,
                centre: CentreId::from_uuid(centre),
                status: decode_code("submissions.status", &row.status)?,
                comment: row.comment,
            }),
            None => Ok(Submission {
                campaign: id,
                centre: CentreId::from_uuid(centre),
                status: SubmissionStatus::NotStarted,
                comment: None,
            }),
        })
        .collect()
}

/// The submission of `centre` to the locked campaign, as stored (not started without a row).
async fn current_submission(
    db: &impl ConnectionTrait,
    campaign: &Campaign,
    centre: CentreId,
) -> RepositoryResult<Submission> {
    let row = submissions::Entity::find()
        .filter(tenant_rows(submissions::Column::FederationId, campaign.federation_id))
        .filter(submissions::Column::CampaignId.eq(campaign.id.as_uuid()))
        .filter(submissions::Column::CentreId.eq(centre.as_uuid()))
        .one(db)
        .await
        .map_err(storage)?;
    Ok(match row {
        Some(row) => Submission {
            campaign: campaign.id,
            centre,
            status: decode_code("submissions.status", &row.status)?,
            comment: row.comment,
        },
        None => Submission {
            campaign: campaign.id,
            centre,
            status: SubmissionStatus::NotStarted,
            comment: None,
        },
    })
}

/// Writes submissions (new or changed), inside the caller's write.
pub(in crate::indicators) async fn put_submissions(
    db: &impl ConnectionTrait,
    tenant: FederationId,
    changed: &[Submission],
) -> RepositoryResult<()> {
    if changed.is_empty() {
        return Ok(());
    }
    let at = now();
    let rows = changed.iter().map(|s| submissions::ActiveModel {
        federation_id: Set(tenant.as_uuid()),
        campaign_id: Set(s.campaign.as_uuid()),
        centre_id: Set(s.centre.as_uuid()),
        status: Set(s.status.code().to_owned()),
        comment: Set(s.comment.clone()),
        updated_at: Set(at),
    });
    submissions::Entity::insert_many(rows)
        .on_conflict(
            OnConflict::columns([submissions::Column::CampaignId, submissions::Column::CentreId])
                .update_columns([
                    submissions::Column::Status,
                    submissions::Column::Comment,
                    submissions::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await
        .map_err(storage)?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
pub(in crate::indicators) async fn transition_submission(
    db: &Database,
    tenant: FederationId,
    actor: &Actor,
    id: CampaignId,
    centre: CentreId,
    to: SubmissionStatus,
    comment: Option<String>,
    can_reopen: bool,
) -> RepositoryResult<Submission> {
    let write = db.write(RowScope::tenant(tenant)).await?;
    let campaign = write.lock::<CampaignData>(tenant, id.as_uuid()).await?;
    let known = states::<CentreTable>(&*write, tenant, [centre.as_uuid()]).await?;
    if known.is_empty() {
        return Err(RepositoryError::Invalid(ValidationErrors::single(FieldError::new(
            &["centreId"],
            FieldErrorCode::NotFound,
            "no such centre in this federation",
        ))));
    }
    let open = campaign.data.status == CampaignStatus::Open;
    let reviewing = matches!(to, SubmissionStatus::Validated | SubmissionStatus::Rejected)
        && campaign.data.status == CampaignStatus::Closed;
    if !open && !reviewing {
        return Err(StateError {
            state: campaign.data.status.code(),
            what: "a change of a centre's submission".to_owned(),
        }
        .on(&["campaignId"])
        .into());
    }
    let current = current_submission(&*write, &campaign, centre).await?;
    let status = current.status.step_to(to).map_err(|e| e.on(&["to"]))?;
    if current.status == SubmissionStatus::Validated && !can_reopen {
        return Err(StateError {
            state: current.status.code(),
            what: "reopening validated figures (a federation admin's call)".to_owned(),
        }
        .on(&["to"])
        .into());
    }
    let comment = comment.map(|c| c.trim().to_owned()).filter(|c| !c.is_empty());
    if status == SubmissionStatus::Rejected && comment.is_none() {
        return Err(RepositoryError::Invalid(ValidationErrors::single(FieldError::new(
            &["comment"],
            FieldErrorCode::Invalid,
            "say why the figures are rejected",
        ))));
    }
    let next = Submission {
        status,
        comment: comment.or(current.comment.clone()),
        ..current.clone()
    };
    put_submissions(&*write, tenant, std::slice::from_ref(&next)).await?;
    let entry = AuditEntry::record(
        Some(tenant),
        actor,
        AuditAction::Transition,
        id.as_uuid(),
        Some(&current),
        &next,
        now(),
    );
    write.audit(&entry).await?;
    write.commit().await?;
    Ok(next)
}

pub(in crate::indicators) async fn completeness(
    db: &Database,
    scope: &Scope,
    id: CampaignId,
    catalogue: &[pactes_domain::indicators::Indicator],
) -> RepositoryResult<Completeness> {
    let conn = db.scoped(scope);
    let campaign = campaign(&conn, scope, id).await?;
    let submissions = submissions_for(&conn, scope, &campaign).await?;
    let collected: Vec<String> = campaign
        .data
        .content
        .indicators
        .iter()
        .filter(|code| {
            catalogue
                .iter()
                .any(|i| &i.code == *code && i.kind == pactes_domain::indicators::IndicatorKind::Collected)
        })
        .map(|c| c.as_str().to_owned())
        .collect();
    let centres: Vec<Uuid> = submissions.iter().map(|s| s.centre.as_uuid()).collect();
    let present = if centres.is_empty() || collected.is_empty() {
        0
    } else {
        values::Entity::find()
            .filter(tenant_rows(values::Column::FederationId, campaign.federation_id))
            .filter(values::Column::Year.eq(campaign.data.content.year))
            .filter(values::Column::Code.is_in(collected.clone()))
            .filter(values::Column::CentreId.is_in(centres.clone()))
            .count(&conn)
            .await
            .map_err(storage)?
    };
    Ok(Completeness {
        centres_expected: centres.len() as u64,
        centres_submitted: submissions
            .iter()
            .filter(|s| matches!(s.status, SubmissionStatus::Submitted | SubmissionStatus::Validated))
            .count() as u64,
        values_expected: (centres.len() * collected.len()) as u64,
        values_present: present,
    })
}

/// For a batch of values of the tenant (but those at `skip`, already refused): each year's open campaign, which must collect the value's indicator, and
/// each centre's submission, which must accept values. Returns the submissions to move to `IN_PROGRESS`.
pub(in crate::indicators) async fn check_values_open(
    db: &impl ConnectionTrait,
    tenant: FederationId,
    values: &[pactes_domain::indicators::CentreValue],
    skip: &std::collections::HashSet<usize>,
) -> RepositoryResult<(Vec<FieldError>, Vec<Submission>)> {
    let scope = Scope::Federation(tenant);
    let mut years: Vec<i32> = values.iter().map(|v| v.year).collect();
    years.sort_unstable();
    years.dedup();
    let select = Readable::<CampaignData>::live(&scope).filter(entity::Column::Year.is_in(years));
    let found = crate::tenant::find_whole::<CampaignData>(db, &scope, select).await?;
    let by_year: HashMap<i32, &Campaign> = found.iter().map(|c| (c.data.content.year, c)).collect();
    // Every submission of these campaigns, in one statement.
    let stored = crate::rows::all(
        db,
        submissions::Entity::find()
            .filter(tenant_rows(submissions::Column::FederationId, tenant))
            .filter(submissions::Column::CampaignId.is_in(found.iter().map(|c| c.id.as_uuid()))),
    )
    .await
    .map_err(storage)?;
    let mut known: HashMap<(Uuid, Uuid), submissions::Model> =
        stored.into_iter().map(|r| ((r.campaign_id, r.centre_id), r)).collect();
    let mut errors = Vec::new();
    let mut statuses: HashMap<(Uuid, Uuid), Submission> = HashMap::new();
    for (i, v) in values.iter().enumerate().filter(|(i, _)| !skip.contains(i)) {
        let index = i.to_string();
        let Some(campaign) = by_year.get(&v.year) else {
            errors.push(FieldError::new(
                &["values", &index, "year"],
                FieldErrorCode::InvalidState,
                format!("no campaign collects {}", v.year),
            ));
            continue;
        };
        if campaign.data.status != CampaignStatus::Open {
            errors.push(FieldError::new(
                &["values", &index, "year"],
                FieldErrorCode::InvalidState,
                format!("the {} campaign is {}, not open", v.year, campaign.data.status.code()),
            ));
            continue;
        }
        if !campaign.data.content.indicators.contains(&v.code) {
            errors.push(FieldError::new(
                &["values", &index, "code"],
                FieldErrorCode::Invalid,
                format!("the {} campaign does not collect {}", v.year, v.code),
            ));
            continue;
        }
        let key = (campaign.id.as_uuid(), v.centre.as_uuid());
        let status = match statuses.entry(key) {
            std::collections::hash_map::Entry::Occupied(known_one) => known_one.get().status,
            std::collections::hash_map::Entry::Vacant(slot) => {
                let submission = match known.remove(&key) {
                    Some(row) => Submission {
                        campaign: campaign.id,
                        centre: v.centre,
                        status: decode_code("submissions.status", &row.status)?,
                        comment: row.comment,
                    },
                    None => Submission {
                        campaign: campaign.id,
                        centre: v.centre,
                        status: SubmissionStatus::NotStarted,
                        comment: None,
                    },
                };
                slot.insert(submission).status
            }
        };
        if let Err(refused) = status.accepts_values() {
            errors.push(FieldError::new(
                &["values", &index, "centre"],
                FieldErrorCode::InvalidState,
                refused.to_string(),
            ));
        }
    }
    let starting = statuses
        .into_values()
        .filter(|s| matches!(s.status, SubmissionStatus::NotStarted | SubmissionStatus::Rejected))
        .map(|s| Submission {
            status: SubmissionStatus::InProgress,
            ..s
        })
        .collect();
    Ok((errors, starting))
}
