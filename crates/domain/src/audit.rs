//! The audit log: who changed what, when, in which federation. Entries are appended in the transaction of the
//! change they describe and never altered.

use std::future::Future;

use chrono::{DateTime, Utc};

use crate::caller::{Actor, Scope};
use crate::ids::{AuditEntryId, FederationId};
use crate::page::{Page, PageRequest};
use crate::repository::RepositoryResult;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuditAction {
    Create,
    Update,
    Archive,
}

impl AuditAction {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::Create => "CREATE",
            AuditAction::Update => "UPDATE",
            AuditAction::Archive => "ARCHIVE",
        }
    }

    pub fn parse(value: &str) -> Option<AuditAction> {
        [AuditAction::Create, AuditAction::Update, AuditAction::Archive]
            .into_iter()
            .find(|a| a.as_str() == value)
    }
}

/// One field's value before and after a change, in display form (`None`: empty).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldChange {
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// An object whose content the audit log can describe field by field.
pub trait Audited {
    /// The entity's name in the log ("Centre", "Partner"…).
    const ENTITY: &'static str;
    /// Every field, in display form, in a fixed order.
    fn audit_fields(&self) -> Vec<(&'static str, Option<String>)>;
}

/// The fields that differ between two states; with no `before`, every non-empty field of `after`.
pub fn diff<T: Audited>(before: Option<&T>, after: &T) -> Vec<FieldChange> {
    let after_fields = after.audit_fields();
    let before_fields = before
        .map(Audited::audit_fields)
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
        AuditEntry {
            id: AuditEntryId::generate(),
            federation_id,
            occurred_at: now,
            actor: actor.clone(),
            action,
            entity_type: T::ENTITY.to_owned(),
            entity_id,
            changes: diff(before, after),
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
        AuditEntry {
            id: AuditEntryId::generate(),
            federation_id,
            occurred_at: now,
            actor: actor.clone(),
            action: AuditAction::Archive,
            entity_type: T::ENTITY.to_owned(),
            entity_id,
            changes: vec![FieldChange {
                field: "archivedAt".to_owned(),
                before: None,
                after: Some(now.to_rfc3339()),
            }],
        }
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
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Thing(Option<String>, Option<String>);

    impl Audited for Thing {
        const ENTITY: &'static str = "Thing";
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
    fn a_creation_lists_every_non_empty_field() {
        let created = Thing(Some("A".into()), None);
        let changes = diff(None, &created);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].field, "name");
    }
}
