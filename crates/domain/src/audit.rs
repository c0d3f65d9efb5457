//! The audit log: who changed what, when, in which federation. Entries are appended in the transaction of the
//! change they describe and never altered.

use std::future::Future;

use chrono::{DateTime, Utc};

use crate::caller::{Actor, Scope};
use crate::coded::coded_enum;
use crate::ids::{AuditEntryId, FederationId};
use crate::page::{Page, PageRequest};
use crate::repository::RepositoryResult;

coded_enum!(
    /// What kind of change an entry records.
    AuditAction {
        Create => "CREATE",
        Update => "UPDATE",
        Archive => "ARCHIVE",
        /// A lifecycle step (a pact signed, a campaign closed).
        Transition => "TRANSITION",
        /// An amendment (avenant) to a signed agreement.
        Amend => "AMEND",
        /// Rows brought in from a file (a spreadsheet of indicator values).
        Import => "IMPORT",
    }
);

/// One field's value before and after a change, in display form (`None`: empty).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldChange {
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Something the audit log can describe field by field: an object, or one part of an aggregate (an axis, a
/// funding line).
pub trait AuditFields {
    /// Every field, in display form, in a fixed order.
    fn audit_fields(&self) -> Vec<(&'static str, Option<String>)>;
}

/// An object whose changes the audit log records. Its `ENTITY` name is also its node kind in the API, so an
/// entry's `entityId` resolves with `node(id:)` (a test holds every audited kind to it).
pub trait Audited: AuditFields {
    /// The entity's name in the log ("Centre", "Partner"…).
    const ENTITY: &'static str;

    /// What changed between two states. An aggregate adds its parts' changes under nested paths with
    /// [`diff_list`] (`axes.2.title`).
    fn changes(before: Option<&Self>, after: &Self) -> Vec<FieldChange>
    where
        Self: Sized,
    {
        diff(before, after)
    }
}

/// What the audit log shows instead of a person's data (a contact's name, e-mail, phone): that it was there or
/// changed, never what it was, so erasing the person elsewhere leaves nothing of them in the append-only log.
pub const PERSONAL_DATA: &str = "[personal data]";

/// The changes of parts that carry a stable id (a partner's contacts, a pact's signatories), each field named by
/// the part's id rather than its position (`contacts.<id>.email`), with the values of `personal` fields
/// replaced by [`PERSONAL_DATA`].
pub fn diff_parts_by_id<T: AuditFields>(
    name: &str,
    before: &[(String, &T)],
    after: &[(String, &T)],
    personal: &[&str],
) -> Vec<FieldChange> {
    let mut ids: Vec<&String> = after.iter().map(|(id, _)| id).collect();
    ids.extend(
        before
            .iter()
            .map(|(id, _)| id)
            .filter(|id| !after.iter().any(|(a, _)| a == *id)),
    );
    let mut changes = Vec::new();
    for id in ids {
        let find = |side: &[(String, &T)]| side.iter().find(|(i, _)| i == id).map(|(_, part)| part.audit_fields());
        let (b, a) = (find(before), find(after));
        let fields = a.as_ref().or(b.as_ref()).cloned().unwrap_or_default();
        for (position, (field, _)) in fields.iter().enumerate() {
            let value = |side: &Option<Vec<(&'static str, Option<String>)>>| {
                side.as_ref().and_then(|fields| fields[position].1.clone())
            };
            let (old, new) = (value(&b), value(&a));
            if old == new {
                continue;
            }
            let shown = |v: Option<String>| match personal.contains(field) {
                true => v.map(|_| PERSONAL_DATA.to_owned()),
                false => v,
            };
            changes.push(FieldChange {
                field: format!("{name}.{id}.{field}"),
                before: shown(old),
                after: shown(new),
            });
        }
    }
    changes
}

/// The changes of an ordered list of parts, each field named by its path: `axes.2.title`. A part added or
/// removed shows every non-empty field of it, before or after.
pub fn diff_list<T: AuditFields>(name: &str, before: &[T], after: &[T]) -> Vec<FieldChange> {
    let mut changes = Vec::new();
    for index in 0..before.len().max(after.len()) {
        let b = before.get(index).map(AuditFields::audit_fields);
        let a = after.get(index).map(AuditFields::audit_fields);
        let fields = a.as_ref().or(b.as_ref()).cloned().unwrap_or_default();
        for (position, (field, _)) in fields.iter().enumerate() {
            let value = |side: &Option<Vec<(&'static str, Option<String>)>>| {
                side.as_ref().and_then(|fields| fields[position].1.clone())
            };
            let (old, new) = (value(&b), value(&a));
            if old != new {
                changes.push(FieldChange {
                    field: format!("{name}.{index}.{field}"),
                    before: old,
                    after: new,
                });
            }
        }
    }
    changes
}

/// The fields that differ between two states; with no `before`, every non-empty field of `after`.
pub fn diff<T: AuditFields>(before: Option<&T>, after: &T) -> Vec<FieldChange> {
    let after_fields = after.audit_fields();
    let before_fields = before
        .map(AuditFields::audit_fields)
        .unwrap_or_else(|| after_fields.iter().map(|(name, _)| (*name, None)).collect());
    before_fields
        .into_iter()
        .zip(after_fields)
        .filter(|((_, b), (_, a))| b != a)
        .map(|((field, before), (_, after))| FieldChange {
            field: field.to_owned(),
            before,
            after,
        })
        .collect()
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditEntry {
    pub id: AuditEntryId,
    /// `None` for national reference data changed outside any federation.
    pub federation_id: Option<FederationId>,
    pub occurred_at: DateTime<Utc>,
    pub actor: Actor,
    pub action: AuditAction,
    pub entity_type: String,
    pub entity_id: uuid::Uuid,
    pub changes: Vec<FieldChange>,
}

impl AuditEntry {
    pub fn record<T: Audited>(
        federation_id: Option<FederationId>,
        actor: &Actor,
        action: AuditAction,
        entity_id: uuid::Uuid,
        before: Option<&T>,
        after: &T,
        now: DateTime<Utc>,
    ) -> AuditEntry {
        AuditEntry::describe::<T>(federation_id, actor, action, entity_id, T::changes(before, after), now)
    }

    /// An entry whose changes the caller describes (a transition's status, an amendment's summary).
    pub fn describe<T: Audited>(
        federation_id: Option<FederationId>,
        actor: &Actor,
        action: AuditAction,
        entity_id: uuid::Uuid,
        changes: Vec<FieldChange>,
        now: DateTime<Utc>,
    ) -> AuditEntry {
        AuditEntry {
            id: AuditEntryId::generate(),
            federation_id,
            occurred_at: now,
            actor: actor.clone(),
            action,
            entity_type: T::ENTITY.to_owned(),
            entity_id,
            changes,
        }
    }
}

impl AuditEntry {
    /// Archiving keeps the content and records only when the object left the active directory.
    pub fn archive<T: Audited>(
        federation_id: Option<FederationId>,
        actor: &Actor,
        entity_id: uuid::Uuid,
        now: DateTime<Utc>,
    ) -> AuditEntry {
        let archived = FieldChange {
            field: "archivedAt".to_owned(),
            before: None,
            after: Some(now.to_rfc3339()),
        };
        AuditEntry::describe::<T>(
            federation_id,
            actor,
            AuditAction::Archive,
            entity_id,
            vec![archived],
            now,
        )
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuditFilter {
    pub entity_id: Option<uuid::Uuid>,
}

pub trait AuditRepository {
    /// Newest first, within the caller's scope.
    fn list_audit_entries(
        &self,
        scope: &Scope,
        filter: &AuditFilter,
        page: &PageRequest,
    ) -> impl Future<Output = RepositoryResult<Page<AuditEntry>>> + Send;

    fn count_audit_entries(
        &self,
        scope: &Scope,
        filter: &AuditFilter,
    ) -> impl Future<Output = RepositoryResult<u64>> + Send;

    /// The entries `ids` within the caller's scope, in no particular order; another tenant's are absent.
    fn audit_entries_by_ids(
        &self,
        scope: &Scope,
        ids: &[AuditEntryId],
    ) -> impl Future<Output = RepositoryResult<Vec<AuditEntry>>> + Send;

    /// Oldest first: at most `limit` entries within the caller's scope whose id comes after `after` (all
    /// of them from the start without one). Ids are time-ordered, so this reads what happened since.
    fn audit_entries_after(
        &self,
        scope: &Scope,
        after: Option<AuditEntryId>,
        limit: u64,
    ) -> impl Future<Output = RepositoryResult<Vec<AuditEntry>>> + Send;
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Thing(Option<String>, Option<String>);

    impl AuditFields for Thing {
        fn audit_fields(&self) -> Vec<(&'static str, Option<String>)> {
            vec![("name", self.0.clone()), ("phone", self.1.clone())]
        }
    }

    #[test]
    fn a_diff_lists_only_changed_fields() {
        let before = Thing(Some("A".into()), Some("03".into()));
        let after = Thing(Some("B".into()), Some("03".into()));
        let changes = diff(Some(&before), &after);
        assert_eq!(
            changes,
            vec![FieldChange {
                field: "name".into(),
                before: Some("A".into()),
                after: Some("B".into())
            }]
        );
    }

    #[test]
    fn parts_of_an_aggregate_are_named_by_their_path() {
        let before = [
            Thing(Some("Mobilité".into()), None),
            Thing(Some("Participation".into()), Some("1".into())),
        ];
        let after = [
            Thing(Some("Mobilité".into()), None),
            Thing(Some("Participation des habitants".into()), Some("1".into())),
            Thing(Some("Jeunesse".into()), None),
        ];
        let changes = diff_list("axes", &before, &after);
        let paths: Vec<(&str, Option<&str>, Option<&str>)> = changes
            .iter()
            .map(|c| (c.field.as_str(), c.before.as_deref(), c.after.as_deref()))
            .collect();
        assert_eq!(
            paths,
            vec![
                (
                    "axes.1.name",
                    Some("Participation"),
                    Some("Participation des habitants")
                ),
                ("axes.2.name", None, Some("Jeunesse")),
            ]
        );
        let removed = diff_list("axes", &after[..1], &[]);
        assert_eq!(removed[0].field, "axes.0.name");
        assert_eq!(removed[0].after, None);
    }

    #[test]
    fn every_action_has_a_stable_code() {
        for code in ["CREATE", "UPDATE", "ARCHIVE", "TRANSITION", "AMEND", "IMPORT"] {
            assert_eq!(AuditAction::from_code(code).map(AuditAction::code), Some(code));
        }
    }

    #[test]
    fn a_creation_lists_every_non_empty_field() {
        let created = Thing(Some("A".into()), None);
        let changes = diff(None, &created);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].field, "name");
    }
}
