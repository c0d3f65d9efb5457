//! A body as a tenant record: its row and its parts, read in one statement per child table for any number of
//! bodies. Members and designations are rewritten when they change; rulebook versions are only appended. No
//! partner's scope reads a body.

use pactes_domain::governance::{
    BodyContent, BodyData, CalendarPeriod, Channel, Comparison, Competence, DecisionKind, Designation, DesignationRole,
    Frequency, Majority, MajorityBase, Member, MemberRole, Quorum, QuorumBasis, Rulebook, Rules, Share, Threshold,
};
use pactes_domain::record::Record;
use pactes_domain::repository::RepositoryResult;
use pactes_domain::text::Label;
use pactes_domain::{BodyId, FederationId, FromStored, MemberId, PactId, Scope};
use sea_orm::{Condition, ConnectionTrait, Set};
use uuid::Uuid;

use super::entity::{ActiveModel, Entity, Model};
use super::parts::{designations, majorities, members, rulebooks};
use crate::error::{corrupt, decode_code};
use crate::party::{party_columns, party_of};
use crate::tenant::{
    PartsById, TenantRecord, delete_children, insert_children, load_children, stored_meta, take_parts,
};

#[derive(Default)]
pub(crate) struct BodyParts {
    members: PartsById<members::Model>,
    designations: PartsById<designations::Model>,
    rulebooks: PartsById<rulebooks::Model>,
    majorities: PartsById<majorities::Model>,
}

fn position(index: usize) -> i32 {
    i32::try_from(index).unwrap_or(i32::MAX)
}

fn count(value: i32, column: &str) -> RepositoryResult<u32> {
    u32::try_from(value).map_err(|_| corrupt(format!("{column}: {value} is negative")))
}

fn threshold(
    table: &str,
    comparison: Option<String>,
    numerator: Option<i32>,
    denominator: Option<i32>,
) -> RepositoryResult<Option<Threshold>> {
    let (Some(comparison), Some(numerator), Some(denominator)) = (comparison, numerator, denominator) else {
        return Ok(None);
    };
    let share = Share::new(count(numerator, table)?, count(denominator, table)?)
        .map_err(|e| corrupt(format!("{table}: {e}")))?;
    Ok(Some(Threshold {
        comparison: decode_code::<Comparison>(table, &comparison)?,
        share,
    }))
}

/// The columns of a threshold: comparison, numerator, denominator.
pub(crate) fn threshold_columns(threshold: Option<Threshold>) -> (Option<String>, Option<i32>, Option<i32>) {
    match threshold {
        None => (None, None, None),
        Some(t) => (
            Some(t.comparison.code().to_owned()),
            Some(t.share.numerator() as i32),
            Some(t.share.denominator() as i32),
        ),
    }
}

/// A majority read from its four columns (none when they are null).
pub(crate) fn majority(
    table: &str,
    comparison: Option<String>,
    numerator: Option<i32>,
    denominator: Option<i32>,
    base: Option<String>,
) -> RepositoryResult<Option<Majority>> {
    let (Some(threshold), Some(base)) = (threshold(table, comparison, numerator, denominator)?, base) else {
        return Ok(None);
    };
    Ok(Some(Majority {
        threshold,
        base: decode_code::<MajorityBase>(table, &base)?,
    }))
}

fn rulebook(row: rulebooks::Model, majorities: &[majorities::Model]) -> RepositoryResult<Rulebook> {
    let table = "body_rulebooks";
    let frequency = match (row.frequency_meetings, row.frequency_period) {
        (Some(meetings), Some(per)) => Some(Frequency {
            meetings: count(meetings, table)?,
            per: decode_code::<CalendarPeriod>(table, &per)?,
        }),
        _ => None,
    };
    let quorum = match threshold(
        table,
        row.quorum_comparison,
        row.quorum_numerator,
        row.quorum_denominator,
    )? {
        Some(threshold) => Some(Quorum {
            threshold,
            counts: decode_code::<QuorumBasis>(table, row.quorum_counts.as_deref().unwrap_or_default())?,
            waived_on_second_convocation: row.quorum_waived_on_second_convocation.unwrap_or(false),
        }),
        None => None,
    };
    let competence = match row.competence.as_deref() {
        None => None,
        Some("GENERAL") => Some(Competence::General),
        Some("VALIDATED_ACTIONS") => Some(Competence::ValidatedActionsOf {
            validating_body: BodyId::from_uuid(
                row.competence_body_id
                    .ok_or_else(|| corrupt("body_rulebooks: validated actions of no body"))?,
            ),
        }),
        Some(other) => return Err(corrupt(format!("body_rulebooks.competence: unknown code {other}"))),
    };
    let mut kinds = Vec::new();
    for m in majorities.iter().filter(|m| m.version == row.version) {
        let table = "body_majorities";
        let majority = majority(
            table,
            Some(m.majority_comparison.clone()),
            Some(m.majority_numerator),
            Some(m.majority_denominator),
            Some(m.majority_base.clone()),
        )?
        .ok_or_else(|| corrupt("body_majorities: incomplete"))?;
        kinds.push((decode_code::<DecisionKind>(table, &m.decision_kind)?, majority));
    }
    Ok(Rulebook {
        version: count(row.version, table)?,
        effective_from: row.effective_from,
        rules: Rules {
            frequency,
            notice_days: row.notice_days.map(|d| count(d, table)).transpose()?,
            channel: row.channel.map(|c| decode_code::<Channel>(table, &c)).transpose()?,
            quorum,
            proxy_cap: row.proxy_cap.map(|c| count(c, table)).transpose()?,
            majority: majority(
                table,
                row.majority_comparison,
                row.majority_numerator,
                row.majority_denominator,
                row.majority_base,
            )?,
            majorities: kinds,
            casting_vote: row.casting_vote,
            competence,
        },
    })
}

fn rulebook_rows(
    federation: Uuid,
    body: Uuid,
    book: &Rulebook,
) -> (rulebooks::ActiveModel, Vec<majorities::ActiveModel>) {
    let r = &book.rules;
    let version = book.version as i32;
    let (quorum_comparison, quorum_numerator, quorum_denominator) = threshold_columns(r.quorum.map(|q| q.threshold));
    let (majority_comparison, majority_numerator, majority_denominator) =
        threshold_columns(r.majority.map(|m| m.threshold));
    let (competence, competence_body_id) = match r.competence {
        None => (None, None),
        Some(Competence::General) => (Some("GENERAL".to_owned()), None),
        Some(Competence::ValidatedActionsOf { validating_body }) => {
            (Some("VALIDATED_ACTIONS".to_owned()), Some(validating_body.as_uuid()))
        }
    };
    let root = rulebooks::ActiveModel {
        federation_id: Set(federation),
        body_id: Set(body),
        version: Set(version),
        effective_from: Set(book.effective_from),
        frequency_meetings: Set(r.frequency.map(|f| f.meetings as i32)),
        frequency_period: Set(r.frequency.map(|f| f.per.code().to_owned())),
        notice_days: Set(r.notice_days.map(|d| d as i32)),
        channel: Set(r.channel.map(|c| c.code().to_owned())),
        quorum_comparison: Set(quorum_comparison),
        quorum_numerator: Set(quorum_numerator),
        quorum_denominator: Set(quorum_denominator),
        quorum_counts: Set(r.quorum.map(|q| q.counts.code().to_owned())),
        quorum_waived_on_second_convocation: Set(r.quorum.map(|q| q.waived_on_second_convocation)),
        proxy_cap: Set(r.proxy_cap.map(|c| c as i32)),
        majority_comparison: Set(majority_comparison),
        majority_numerator: Set(majority_numerator),
        majority_denominator: Set(majority_denominator),
        majority_base: Set(r.majority.map(|m| m.base.code().to_owned())),
        casting_vote: Set(r.casting_vote),
        competence: Set(competence),
        competence_body_id: Set(competence_body_id),
    };
    let kinds = r
        .majorities
        .iter()
        .map(|(kind, m)| majorities::ActiveModel {
            federation_id: Set(federation),
            body_id: Set(body),
            version: Set(version),
            decision_kind: Set(kind.code().to_owned()),
            majority_comparison: Set(m.threshold.comparison.code().to_owned()),
            majority_numerator: Set(m.threshold.share.numerator() as i32),
            majority_denominator: Set(m.threshold.share.denominator() as i32),
            majority_base: Set(m.base.code().to_owned()),
        })
        .collect();
    (root, kinds)
}

fn member(row: members::Model) -> RepositoryResult<Member> {
    Ok(Member {
        id: MemberId::from_uuid(row.id),
        name: Label::from_stored(row.name),
        email: row.email.map(FromStored::from_stored),
        role: decode_code::<MemberRole>("body_members.role", &row.role)?,
        represents: party_of("body_members", row.centre_id, row.partner_id)?,
        voting: row.voting,
        college: row.college.map(Label::from_stored),
        from: row.from_date,
        to: row.to_date,
    })
}

impl TenantRecord for BodyData {
    type Table = Entity;
    type Parts = BodyParts;

    fn from_row(row: Model, parts: &mut BodyParts) -> RepositoryResult<Record<BodyId, BodyData>> {
        let id = row.id;
        let members = take_parts(&mut parts.members, id)
            .into_iter()
            .map(member)
            .collect::<RepositoryResult<Vec<_>>>()?;
        let designations = take_parts(&mut parts.designations, id)
            .into_iter()
            .map(|d| {
                Ok(Designation {
                    year: d.year,
                    role: decode_code::<DesignationRole>("body_designations.role", &d.role)?,
                    member: MemberId::from_uuid(d.member_id),
                })
            })
            .collect::<RepositoryResult<Vec<_>>>()?;
        let majorities = take_parts(&mut parts.majorities, id);
        let rulebooks = take_parts(&mut parts.rulebooks, id)
            .into_iter()
            .map(|r| rulebook(r, &majorities))
            .collect::<RepositoryResult<Vec<_>>>()?;
        Ok(Record {
            id: BodyId::from_uuid(id),
            federation_id: FederationId::from_uuid(row.federation_id),
            data: BodyData {
                content: BodyContent {
                    kind: decode_code("bodies.kind", &row.kind)?,
                    name: Label::from_stored(row.name),
                    pact_id: row.pact_id.map(PactId::from_uuid),
                    parent_id: row.parent_id.map(BodyId::from_uuid),
                    members,
                    designations,
                },
                rulebooks,
            },
            meta: stored_meta(row.version, row.created_at, row.updated_at, row.archived_at),
        })
    }

    fn to_row(body: &Record<BodyId, BodyData>) -> ActiveModel {
        let c = &body.data.content;
        ActiveModel {
            id: Set(body.id.as_uuid()),
            federation_id: Set(body.federation_id.as_uuid()),
            kind: Set(c.kind.code().to_owned()),
            name: Set(c.name.as_str().to_owned()),
            name_key: Set(c.name.folded()),
            pact_id: Set(c.pact_id.map(|p| p.as_uuid())),
            parent_id: Set(c.parent_id.map(|p| p.as_uuid())),
            version: Set(body.meta.version),
            created_at: Set(body.meta.created_at),
            updated_at: Set(body.meta.updated_at),
            archived_at: Set(body.meta.archived_at),
        }
    }

    fn row_id(row: &Model) -> Uuid {
        row.id
    }

    async fn load_parts(db: &impl ConnectionTrait, scope: &Scope, ids: &[Uuid]) -> RepositoryResult<BodyParts> {
        Ok(BodyParts {
            members: load_children::<members::Entity>(db, scope, ids).await?,
            designations: load_children::<designations::Entity>(db, scope, ids).await?,
            rulebooks: load_children::<rulebooks::Entity>(db, scope, ids).await?,
            majorities: load_children::<majorities::Entity>(db, scope, ids).await?,
        })
    }

    async fn write_parts(
        db: &impl ConnectionTrait,
        previous: Option<&BodyData>,
        body: &Record<BodyId, BodyData>,
    ) -> RepositoryResult<()> {
        let (tenant, parent) = (body.federation_id, body.id.as_uuid());
        let federation = tenant.as_uuid();
        let c = &body.data.content;
        let before = previous.map(|p| &p.content);
        // Designations name members: they go first and come back last.
        let designations_changed = before.is_none_or(|b| b.designations != c.designations);
        let members_changed = before.is_none_or(|b| b.members != c.members);
        if previous.is_some() && designations_changed {
            delete_children::<designations::Entity>(db, tenant, parent).await?;
        }
        if members_changed {
            if previous.is_some() {
                delete_children::<members::Entity>(db, tenant, parent).await?;
            }
            let rows = c
                .members
                .iter()
                .enumerate()
                .map(|(i, m)| {
                    let (centre, partner) = party_columns(m.represents);
                    members::ActiveModel {
                        id: Set(m.id.as_uuid()),
                        federation_id: Set(federation),
                        body_id: Set(parent),
                        position: Set(position(i)),
                        name: Set(m.name.as_str().to_owned()),
                        email: Set(m.email.as_ref().map(|e| e.as_str().to_owned())),
                        role: Set(m.role.code().to_owned()),
                        centre_id: Set(centre),
                        partner_id: Set(partner),
                        voting: Set(m.voting),
                        college: Set(m.college.as_ref().map(|c| c.as_str().to_owned())),
                        from_date: Set(m.from),
                        to_date: Set(m.to),
                    }
                })
                .collect();
            insert_children::<members::Entity, _>(db, rows).await?;
        }
        if designations_changed {
            let rows = c
                .designations
                .iter()
                .enumerate()
                .map(|(i, d)| designations::ActiveModel {
                    federation_id: Set(federation),
                    body_id: Set(parent),
                    position: Set(position(i)),
                    year: Set(d.year),
                    role: Set(d.role.code().to_owned()),
                    member_id: Set(d.member.as_uuid()),
                })
                .collect();
            insert_children::<designations::Entity, _>(db, rows).await?;
        }
        // Rulebook versions are only ever appended.
        let (mut books, mut kinds) = (Vec::new(), Vec::new());
        for book in body
            .data
            .rulebooks
            .iter()
            .skip(previous.map_or(0, |p| p.rulebooks.len()))
        {
            let (row, majorities) = rulebook_rows(federation, parent, book);
            books.push(row);
            kinds.extend(majorities);
        }
        insert_children::<rulebooks::Entity, _>(db, books).await?;
        insert_children::<majorities::Entity, _>(db, kinds).await
    }

    /// The federation's internal governance: no partner reads it.
    fn visible_to(scope: &Scope) -> Option<Condition> {
        super::super::hidden_from_partners(scope)
    }

    async fn check_references(
        db: &impl ConnectionTrait,
        tenant: FederationId,
        id: Uuid,
        previous: Option<&BodyData>,
        data: &BodyData,
    ) -> RepositoryResult<()> {
        super::super::references::check_body(db, tenant, id, previous, data).await
    }
}
