//! A convention's lifecycle, on the pact's pattern: stored statuses move by [`ConventionStatus::STEPS`] —
//! drafted, negotiated (and back), signed, terminated early with a reason — and whether a signed convention is
//! in force or expired follows from its period and today's date.

use chrono::NaiveDate;

use crate::agreement::{Amendable, Period};
use crate::coded::coded_enum;
use crate::lifecycle::{Lifecycle, TransitionError};

coded_enum!(
    /// What is stored: the steps people take.
    ConventionStatus {
        Draft => "DRAFT",
        Negotiation => "NEGOTIATION",
        Signed => "SIGNED",
        Terminated => "TERMINATED",
    }
);

coded_enum!(ConventionEvent {
    Negotiate => "NEGOTIATE",
    Redraft => "REDRAFT",
    Sign => "SIGN",
    Terminate => "TERMINATE",
});

impl Lifecycle for ConventionStatus {
    type Event = ConventionEvent;
    const STEPS: &'static [(ConventionStatus, ConventionEvent, ConventionStatus)] = &[
        (
            ConventionStatus::Draft,
            ConventionEvent::Negotiate,
            ConventionStatus::Negotiation,
        ),
        (
            ConventionStatus::Negotiation,
            ConventionEvent::Redraft,
            ConventionStatus::Draft,
        ),
        (
            ConventionStatus::Negotiation,
            ConventionEvent::Sign,
            ConventionStatus::Signed,
        ),
        (
            ConventionStatus::Signed,
            ConventionEvent::Terminate,
            ConventionStatus::Terminated,
        ),
    ];
}

impl Amendable for ConventionStatus {
    fn is_signed(self) -> bool {
        self == ConventionStatus::Signed
    }
}

coded_enum!(
    /// What a reader is shown: the stored status, with a signed convention's place in its period.
    ConventionState {
        Draft => "DRAFT",
        Negotiation => "NEGOTIATION",
        /// Signed, its period not begun yet.
        Signed => "SIGNED",
        /// Signed, within its period.
        Active => "ACTIVE",
        /// Signed, its period over.
        Expired => "EXPIRED",
        Terminated => "TERMINATED",
    }
);

impl ConventionState {
    pub fn of(status: ConventionStatus, period: &Period, today: NaiveDate) -> ConventionState {
        match status {
            ConventionStatus::Draft => ConventionState::Draft,
            ConventionStatus::Negotiation => ConventionState::Negotiation,
            ConventionStatus::Terminated => ConventionState::Terminated,
            ConventionStatus::Signed if today < period.start() => ConventionState::Signed,
            ConventionStatus::Signed if today > period.end() => ConventionState::Expired,
            ConventionStatus::Signed => ConventionState::Active,
        }
    }
}

impl ConventionStatus {
    /// The step a user asks for by naming the status to reach; `ACTIVE` and `EXPIRED` follow from the dates and
    /// are refused.
    pub fn step_towards(self, to: ConventionState) -> Result<ConventionStatus, TransitionError> {
        let stored = match to {
            ConventionState::Draft => ConventionStatus::Draft,
            ConventionState::Negotiation => ConventionStatus::Negotiation,
            ConventionState::Signed => ConventionStatus::Signed,
            ConventionState::Terminated => ConventionStatus::Terminated,
            ConventionState::Active | ConventionState::Expired => {
                return Err(TransitionError::Blocked {
                    from: self.code(),
                    event: to.code(),
                    reason: "a signed convention is active or expired by its dates, not by a step".to_owned(),
                });
            }
        };
        self.step_to(stored)
    }

    /// Whether the content may be edited directly; once signed it changes only through an amendment.
    pub fn content_is_open(self) -> bool {
        matches!(self, ConventionStatus::Draft | ConventionStatus::Negotiation)
    }
}
