//! What pacts and conventions share as agreements: a period in force, and amendments (*avenants*) once signed.

mod amendment;
mod party;
mod period;
mod termination;

pub use amendment::{Amendable, Amendment, AmendmentDraft};
pub use party::Party;
pub use period::{Period, PeriodError};
pub use termination::termination_reason;

/// The longest free text (a preamble, a description, a summary), in characters.
pub const MAX_TEXT: usize = 20_000;
