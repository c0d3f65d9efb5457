//! The Pactes domain: what a federation, a centre, a partner *is*, which values are valid, who may do what, and
//! the contracts (repository traits) the storage must honour. This crate does no I/O and names no framework:
//! persistence and the API depend on it, never the reverse.
//!
//! Invariants held here:
//! - a value object (phone, SIRET, postal code…) exists only in its validated, normalised form;
//! - every tenant-owned read takes the caller's [`Scope`], every write the tenant's [`FederationId`];
//! - lifecycles are tables of allowed steps ([`Lifecycle`]); money is integer cents ([`Money`]), never a float;
//! - validation reports every invalid field at once, each with the path of the input field.

pub mod agreement;
pub mod audit;
pub mod calendar;
pub mod caller;
pub mod cells;
pub mod coded;
pub mod conventions;
pub mod directory;
pub mod governance;
#[cfg(test)]
mod house_rules;
pub mod ids;
pub mod indicators;
pub mod lifecycle;
pub mod money;
pub mod pacts;
pub mod page;
pub mod patch;
pub mod record;
pub mod repository;
pub mod stored;
pub mod text;
pub mod validation;

pub use caller::{Actor, Area, Caller, CallerError, Permission, Role, Scope};
pub use coded::Coded;
pub use ids::{
    ActionSheetId, AuditEntryId, AxisId, BodyId, CampaignId, CentreId, ContactId, ConventionId, DecisionId, EntityId,
    FederationId, FundingLineId, MeetingId, MemberId, ObjectiveId, PactId, PartnerId, PaymentId, TerritoryId,
};
pub use lifecycle::{Lifecycle, StateError, TransitionError};
pub use money::Money;
pub use record::Record;
pub use repository::RepositoryError;
pub use stored::FromStored;
pub use validation::{FieldError, FieldErrorCode, ValidationErrors};
