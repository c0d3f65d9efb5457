//! A pact's lifecycle. Stored statuses move only by the steps of [`PactStatus::STEPS`]: drafted, put to
//! consultation (and back), signed once every signatory has signed, terminated early with a reason. Whether a
//! signed pact is in force or has expired is not stored: it follows from its period and today's date
//! ([`EffectiveStatus::of`]), so it is never stale.

use chrono::NaiveDate;

use crate::coded::coded_enum;
use crate::lifecycle::{Lifecycle, TransitionError};

use super::signatories::Signatory;
use crate::agreement::{Amendable, Period};

coded_enum!(
    /// What is stored: the steps people take.
    PactStatus {
        Draft => "DRAFT",
        Consultation => "CONSULTATION",
        Signed => "SIGNED",
        Terminated => "TERMINATED",
    }
);

coded_enum!(PactEvent {
    Consult => "CONSULT",
    Redraft => "REDRAFT",
    Sign => "SIGN",
    Terminate => "TERMINATE",
});

impl Lifecycle for PactStatus {
    type Event = PactEvent;
    const STEPS: &'static [(PactStatus, PactEvent, PactStatus)] = &[
        (PactStatus::Draft, PactEvent::Consult, PactStatus::Consultation),
        (PactStatus::Consultation, PactEvent::Redraft, PactStatus::Draft),
        (PactStatus::Consultation, PactEvent::Sign, PactStatus::Signed),
        (PactStatus::Signed, PactEvent::Terminate, PactStatus::Terminated),
    ];
}

coded_enum!(
    /// What a reader is shown: the stored status, with a signed pact's place in its period.
    EffectiveStatus {
        Draft => "DRAFT",
        Consultation => "CONSULTATION",
        /// Signed, its period not begun yet.
        Signed => "SIGNED",
        /// Signed, within its period.
        Active => "ACTIVE",
        /// Signed, its period over.
        Expired => "EXPIRED",
        Terminated => "TERMINATED",
    }
);

impl EffectiveStatus {
    pub fn of(status: PactStatus, period: &Period, today: NaiveDate) -> EffectiveStatus {
        match status {
            PactStatus::Draft => EffectiveStatus::Draft,
            PactStatus::Consultation => EffectiveStatus::Consultation,
            PactStatus::Terminated => EffectiveStatus::Terminated,
            PactStatus::Signed if today < period.start() => EffectiveStatus::Signed,
            PactStatus::Signed if today > period.end() => EffectiveStatus::Expired,
            PactStatus::Signed => EffectiveStatus::Active,
        }
    }
}

impl Amendable for PactStatus {
    fn is_signed(self) -> bool {
        self == PactStatus::Signed
    }
}

impl PactStatus {
    /// The step a user asks for by naming the status to reach; the statuses that follow from dates (`ACTIVE`,
    /// `EXPIRED`) are reached by time, not by a step.
    pub fn event_towards(self, to: EffectiveStatus) -> Result<PactEvent, TransitionError> {
        let event = match to {
            EffectiveStatus::Consultation => PactEvent::Consult,
            EffectiveStatus::Draft => PactEvent::Redraft,
            EffectiveStatus::Signed => PactEvent::Sign,
            EffectiveStatus::Terminated => PactEvent::Terminate,
            EffectiveStatus::Active | EffectiveStatus::Expired => {
                return Err(TransitionError::Blocked {
                    from: self.code(),
                    event: to.code(),
                    reason: "a signed pact is active or expired by its dates, not by a step".to_owned(),
                });
            }
        };
        // Refused here when the table has no such step from `self`.
        self.apply(event).map(|_| event)
    }

    /// Signs: allowed from consultation once there is a signatory and every one of them has signed.
    pub fn sign(self, signatories: &[Signatory]) -> Result<PactStatus, TransitionError> {
        let to = self.apply(PactEvent::Sign)?;
        let blocked = |reason: String| TransitionError::Blocked {
            from: self.code(),
            event: PactEvent::Sign.code(),
            reason,
        };
        if signatories.is_empty() {
            return Err(blocked("the pact has no signatory".to_owned()));
        }
        let unsigned: Vec<&str> = signatories
            .iter()
            .filter(|s| s.signed_on.is_none())
            .map(|s| s.signer_name.as_str())
            .collect();
        if !unsigned.is_empty() {
            return Err(blocked(format!(
                "{} signator{} not signed yet: {}",
                unsigned.len(),
                if unsigned.len() == 1 { "y has" } else { "ies have" },
                unsigned.join(", ")
            )));
        }
        Ok(to)
    }

    /// Whether the content (axes, objectives, signatories, period) may be edited directly; once signed it changes
    /// only through an amendment.
    pub fn content_is_open(self) -> bool {
        matches!(self, PactStatus::Draft | PactStatus::Consultation)
    }
}
