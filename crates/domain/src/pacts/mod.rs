//! Cooperation pacts, charters and protocols (*pactes, chartes, protocoles de coopération*): what binds a
//! federation's centres and their partners on a territory, from draft to signature to expiry, and how a signed
//! one changes (amendments).

mod action;
mod changes;
mod content;
mod kinds;
mod lifecycle;
mod pact;
mod repository;
mod signatories;
#[cfg(test)]
mod tests;

pub use crate::agreement::{Amendment, AmendmentDraft, MAX_TEXT, Period, PeriodError};
pub use action::{
    ActionEvent, ActionSheet, ActionSheetData, ActionSheetDraft, ActionStatus, ActorRole, ActorRoleDraft, Means,
    MeansDraft, MeansKind, MeansTotals,
};
pub use content::{
    Axis, AxisDraft, Consultation, ConsultationDraft, Criterion, CriterionDraft, Objective, ObjectiveDraft,
    PactContent, PactDraft,
};
pub use kinds::{PactKind, SignatoryRole};
pub use lifecycle::{EffectiveStatus, PactEvent, PactStatus};
pub use pact::{Pact, PactData};
pub use repository::{ActionSheetRepository, PactFilter, PactOrder, PactOrderField, PactRepository};
pub use signatories::{Party, Signatory, SignatoryDraft};
