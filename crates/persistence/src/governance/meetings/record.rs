//! A meeting as a tenant record: its row and its parts, read in one statement per child table. Its start is
//! stored as an instant and the offset of the place it is held in, so its day is that place's day. The
//! recipients of its convocation are written once, when it is sent. No partner's scope reads a meeting.

use chrono::{DateTime, FixedOffset};
use pactes_domain::governance::{
    AgendaItem, Attendance, Convocation, MeetingContent, MeetingData, MeetingStatus, Minutes, Presence, QuorumCount,
    Recipient,
};
use pactes_domain::record::Record;
use pactes_domain::repository::RepositoryResult;
use pactes_domain::text::Label;
use pactes_domain::{BodyId, DecisionId, FederationId, FromStored, MeetingId, MemberId, Scope};
use sea_orm::{Condition, ConnectionTrait, Set};
use uuid::Uuid;

use super::entity::{ActiveModel, Entity, Model};
use super::parts::{agenda, attendance, recipients};
use crate::error::{corrupt, decode_code};
use crate::tenant::{
    PartsById, TenantRecord, delete_children, insert_children, load_children, stored_meta, take_parts,
};

#[derive(Default)]
pub(crate) struct MeetingParts {
    agenda: PartsById<agenda::Model>,
    recipients: PartsById<recipients::Model>,
    attendance: PartsById<attendance::Model>,
}

fn position(index: usize) -> i32 {
    i32::try_from(index).unwrap_or(i32::MAX)
}

fn unsigned(value: Option<i32>) -> RepositoryResult<u32> {
    let value = value.ok_or_else(|| corrupt("meetings: a quorum count is missing"))?;
    u32::try_from(value).map_err(|_| corrupt("meetings: a negative count"))
}

fn starts_at(row: &Model) -> RepositoryResult<DateTime<FixedOffset>> {
    let offset = FixedOffset::east_opt(row.utc_offset_minutes * 60)
        .ok_or_else(|| corrupt(format!("meetings.utc_offset_minutes: {}", row.utc_offset_minutes)))?;
    Ok(row.starts_at.with_timezone(&offset))
}

fn quorum(row: &Model) -> RepositoryResult<Option<QuorumCount>> {
    if row.quorum_voting_members.is_none() {
        return Ok(None);
    }
    Ok(Some(QuorumCount {
        voting_members: unsigned(row.quorum_voting_members)?,
        present: unsigned(row.quorum_present)?,
        represented: unsigned(row.quorum_represented)?,
        required: row.quorum_required.map(|r| unsigned(Some(r))).transpose()?,
        reached: row.quorum_reached.unwrap_or(false),
        waived: row.quorum_waived.unwrap_or(false),
    }))
}

impl TenantRecord for MeetingData {
    type Table = Entity;
    type Parts = MeetingParts;

    fn from_row(row: Model, parts: &mut MeetingParts) -> RepositoryResult<Record<MeetingId, MeetingData>> {
        let id = row.id;
        let agenda = take_parts(&mut parts.agenda, id)
            .into_iter()
            .map(|a| AgendaItem {
                title: Label::from_stored(a.title),
                description: a.description,
            })
            .collect();
        let recipients = take_parts(&mut parts.recipients, id)
            .into_iter()
            .map(|r| Recipient {
                member: MemberId::from_uuid(r.member_id),
                name: Label::from_stored(r.name),
                email: r.email.map(FromStored::from_stored),
            })
            .collect();
        let attendance = take_parts(&mut parts.attendance, id)
            .into_iter()
            .map(|a| {
                Ok(Attendance {
                    member: MemberId::from_uuid(a.member_id),
                    presence: decode_code::<Presence>("meeting_attendance.presence", &a.presence)?,
                    proxy: a.proxy_id.map(MemberId::from_uuid),
                })
            })
            .collect::<RepositoryResult<Vec<_>>>()?;
        let convocation = match row.convocation_sent_at {
            None => None,
            Some(sent_at) => Some(Convocation {
                sent_at,
                days_ahead: i64::from(row.convocation_days_ahead.unwrap_or_default()),
                urgent_reason: row.urgent_reason.clone(),
                recipients,
            }),
        };
        let video_link = row
            .video_link
            .as_deref()
            .map(|l| url::Url::parse(l).map_err(|e| corrupt(format!("meetings.video_link: {e}"))))
            .transpose()?;
        Ok(Record {
            id: MeetingId::from_uuid(id),
            federation_id: FederationId::from_uuid(row.federation_id),
            data: MeetingData {
                content: MeetingContent {
                    body_id: BodyId::from_uuid(row.body_id),
                    starts_at: starts_at(&row)?,
                    place: row.place.clone().map(Label::from_stored),
                    video_link,
                    agenda,
                    second_convocation_of: row.second_convocation_of.map(MeetingId::from_uuid),
                },
                status: decode_code::<MeetingStatus>("meetings.status", &row.status)?,
                rulebook_version: row.rulebook_version.map(|v| unsigned(Some(v))).transpose()?,
                convocation,
                attendance,
                quorum: quorum(&row)?,
                chair: row.chair_id.map(MemberId::from_uuid),
                secretary: row.secretary_id.map(MemberId::from_uuid),
                minutes: row.minutes.clone().map(|text| Minutes {
                    text,
                    approved_by: row.minutes_approved_by.map(DecisionId::from_uuid),
                }),
                cancellation_reason: row.cancellation_reason.clone(),
            },
            meta: stored_meta(row.version, row.created_at, row.updated_at, row.archived_at),
        })
    }

    fn to_row(meeting: &Record<MeetingId, MeetingData>) -> ActiveModel {
        let m = &meeting.data;
        let c = &m.content;
        let convocation = m.convocation.as_ref();
        let quorum = m.quorum.as_ref();
        let int = |n: u32| i32::try_from(n).unwrap_or(i32::MAX);
        ActiveModel {
            id: Set(meeting.id.as_uuid()),
            federation_id: Set(meeting.federation_id.as_uuid()),
            body_id: Set(c.body_id.as_uuid()),
            starts_at: Set(c.starts_at.to_utc()),
            utc_offset_minutes: Set(c.starts_at.offset().local_minus_utc() / 60),
            place: Set(c.place.as_ref().map(|p| p.as_str().to_owned())),
            video_link: Set(c.video_link.as_ref().map(ToString::to_string)),
            second_convocation_of: Set(c.second_convocation_of.map(|m| m.as_uuid())),
            status: Set(m.status.code().to_owned()),
            rulebook_version: Set(m.rulebook_version.map(int)),
            convocation_sent_at: Set(convocation.map(|c| c.sent_at)),
            convocation_days_ahead: Set(convocation.map(|c| i32::try_from(c.days_ahead).unwrap_or(i32::MAX))),
            urgent_reason: Set(convocation.and_then(|c| c.urgent_reason.clone())),
            quorum_voting_members: Set(quorum.map(|q| int(q.voting_members))),
            quorum_present: Set(quorum.map(|q| int(q.present))),
            quorum_represented: Set(quorum.map(|q| int(q.represented))),
            quorum_required: Set(quorum.and_then(|q| q.required).map(int)),
            quorum_reached: Set(quorum.map(|q| q.reached)),
            quorum_waived: Set(quorum.map(|q| q.waived)),
            chair_id: Set(m.chair.map(|c| c.as_uuid())),
            secretary_id: Set(m.secretary.map(|s| s.as_uuid())),
            minutes: Set(m.minutes.as_ref().map(|x| x.text.clone())),
            minutes_approved_by: Set(m.minutes.as_ref().and_then(|x| x.approved_by).map(|d| d.as_uuid())),
            cancellation_reason: Set(m.cancellation_reason.clone()),
            version: Set(meeting.meta.version),
            created_at: Set(meeting.meta.created_at),
            updated_at: Set(meeting.meta.updated_at),
            archived_at: Set(meeting.meta.archived_at),
        }
    }

    fn row_id(row: &Model) -> Uuid {
        row.id
    }

    async fn load_parts(db: &impl ConnectionTrait, scope: &Scope, ids: &[Uuid]) -> RepositoryResult<MeetingParts> {
        Ok(MeetingParts {
            agenda: load_children::<agenda::Entity>(db, scope, ids).await?,
            recipients: load_children::<recipients::Entity>(db, scope, ids).await?,
            attendance: load_children::<attendance::Entity>(db, scope, ids).await?,
        })
    }

    async fn write_parts(
        db: &impl ConnectionTrait,
        previous: Option<&MeetingData>,
        meeting: &Record<MeetingId, MeetingData>,
    ) -> RepositoryResult<()> {
        let (tenant, parent) = (meeting.federation_id, meeting.id.as_uuid());
        let federation = tenant.as_uuid();
        let m = &meeting.data;
        if previous.is_none_or(|p| p.content.agenda != m.content.agenda) {
            if previous.is_some() {
                delete_children::<agenda::Entity>(db, tenant, parent).await?;
            }
            let rows = m
                .content
                .agenda
                .iter()
                .enumerate()
                .map(|(i, a)| agenda::ActiveModel {
                    federation_id: Set(federation),
                    meeting_id: Set(parent),
                    position: Set(position(i)),
                    title: Set(a.title.as_str().to_owned()),
                    description: Set(a.description.clone()),
                })
                .collect();
            insert_children::<agenda::Entity, _>(db, rows).await?;
        }
        // A convocation is sent once: its recipients are written then, never rewritten.
        if let Some(convocation) = &m.convocation
            && previous.is_none_or(|p| p.convocation.is_none())
        {
            let rows = convocation
                .recipients
                .iter()
                .enumerate()
                .map(|(i, r)| recipients::ActiveModel {
                    federation_id: Set(federation),
                    meeting_id: Set(parent),
                    position: Set(position(i)),
                    member_id: Set(r.member.as_uuid()),
                    name: Set(r.name.as_str().to_owned()),
                    email: Set(r.email.as_ref().map(|e| e.as_str().to_owned())),
                })
                .collect();
            insert_children::<recipients::Entity, _>(db, rows).await?;
        }
        if previous.is_none_or(|p| p.attendance != m.attendance) {
            if previous.is_some() {
                delete_children::<attendance::Entity>(db, tenant, parent).await?;
            }
            let rows = m
                .attendance
                .iter()
                .enumerate()
                .map(|(i, a)| attendance::ActiveModel {
                    federation_id: Set(federation),
                    meeting_id: Set(parent),
                    position: Set(position(i)),
                    member_id: Set(a.member.as_uuid()),
                    presence: Set(a.presence.code().to_owned()),
                    proxy_id: Set(a.proxy.map(|p| p.as_uuid())),
                })
                .collect();
            insert_children::<attendance::Entity, _>(db, rows).await?;
        }
        Ok(())
    }

    fn visible_to(scope: &Scope) -> Option<Condition> {
        super::super::hidden_from_partners(scope)
    }

    async fn check_references(
        db: &impl ConnectionTrait,
        tenant: FederationId,
        _id: Uuid,
        previous: Option<&MeetingData>,
        data: &MeetingData,
    ) -> RepositoryResult<()> {
        super::super::references::check_meeting(db, tenant, previous, data).await
    }
}
