//! Partner conventions: the multi-year agreements with funders — who funds what, when, under which agreement —
//! with their parties, yearly funding lines and the payments made against them. They follow the pact's pattern:
//! the same lifecycle shape, amendments once signed, exact money.

mod changes;
mod content;
mod convention;
mod import;
mod kinds;
mod lifecycle;
mod payment;
mod repository;
#[cfg(test)]
mod tests;

pub use content::{ConventionContent, ConventionDraft, ConventionParty, FundingLine, FundingLineDraft};
pub use convention::{Convention, ConventionData};
pub use import::{ImportReport, PaymentRow, ResolvedPayment, RowError, resolve_rows};
pub use kinds::{ConventionKind, ConventionRole, FundingNature};
pub use lifecycle::{ConventionEvent, ConventionState, ConventionStatus};
pub use payment::{Payment, PaymentDraft, check_lines_keep_payments, paid, validate_payments};
pub use repository::{
    CentreCoverage, ConventionFilter, ConventionOrder, ConventionOrderField, ConventionRepository, FundingFilter,
    FundingGroup, FundingLineRow, FundingTotals,
};
