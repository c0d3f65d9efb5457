//! Lifecycles as data: each status enumeration declares the one table of steps it allows, and
//! [`Lifecycle::apply`] is the only way to move. The areas (pacts, conventions, campaigns, meetings) declare
//! their statuses and events with `coded_enum!` and a `STEPS` table; persistence stores the result and never
//! decides it.

use std::fmt;

use crate::coded::{Coded, coded_enum};
use crate::validation::{FieldError, FieldErrorCode, ValidationErrors};

/// A lifecycle step that is not allowed from the current status (user error code `INVALID_TRANSITION`).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("{event} is not allowed from {from}{}", allowed_hint(.allowed))]
    NotAllowed {
        from: &'static str,
        event: &'static str,
        /// The events that are allowed from `from`, for the message.
        allowed: Vec<&'static str>,
    },
    /// The step exists but a condition of it does not hold (e.g. a signatory has not signed yet).
    #[error("{event} is not possible from {from}: {reason}")]
    Blocked {
        from: &'static str,
        event: &'static str,
        reason: String,
    },
}

fn allowed_hint(allowed: &[&'static str]) -> String {
    if allowed.is_empty() {
        " (no step leads out of this status)".to_owned()
    } else {
        format!(" (allowed: {})", allowed.join(", "))
    }
}

impl TransitionError {
    /// The user error on the input field that asked for the step.
    pub fn on(self, field: &[&str]) -> ValidationErrors {
        ValidationErrors::single(FieldError::new(
            field,
            FieldErrorCode::InvalidTransition,
            self.to_string(),
        ))
    }
}

/// An edit that the object's current state forbids (user error code `INVALID_STATE`), e.g. changing the
/// content of a signed pact outside an amendment, or updating an archived centre.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{what} is not possible while the object is {state}")]
pub struct StateError {
    pub state: &'static str,
    pub what: String,
}

impl StateError {
    pub fn on(self, field: &[&str]) -> ValidationErrors {
        ValidationErrors::single(FieldError::new(field, FieldErrorCode::InvalidState, self.to_string()))
    }
}

/// A status enumeration and its table of allowed steps.
pub trait Lifecycle: Coded + Eq + fmt::Debug {
    type Event: Coded + Eq + fmt::Debug;

    /// Every allowed step, as (from, event, to). A pair absent from the table is refused.
    const STEPS: &'static [(Self, Self::Event, Self)];

    /// The status after `event`, or why the step is refused.
    fn apply(self, event: Self::Event) -> Result<Self, TransitionError> {
        Self::STEPS
            .iter()
            .find(|(from, on, _)| *from == self && *on == event)
            .map(|(_, _, to)| *to)
            .ok_or_else(|| TransitionError::NotAllowed {
                from: self.code(),
                event: event.code(),
                allowed: self.allowed().map(Coded::code).collect(),
            })
    }

    /// The status `to`, reached by the one step that leads there from this status: for an API that names the
    /// status wanted rather than the event.
    fn step_to(self, to: Self) -> Result<Self, TransitionError> {
        Self::STEPS
            .iter()
            .find(|(from, _, target)| *from == self && *target == to)
            .map(|(_, _, to)| *to)
            .ok_or_else(|| TransitionError::NotAllowed {
                from: self.code(),
                event: to.code(),
                allowed: self.allowed().map(Coded::code).collect(),
            })
    }

    /// The events allowed from this status, in table order.
    fn allowed(self) -> impl Iterator<Item = Self::Event> {
        Self::STEPS
            .iter()
            .filter(move |(from, _, _)| *from == self)
            .map(|(_, event, _)| *event)
    }

    /// Whether no step leads out of this status.
    fn is_final(self) -> bool {
        self.allowed().next().is_none()
    }
}

coded_enum!(
    /// Whether a record is in use or archived (kept, readable by id, out of the lists).
    RecordState {
        Active => "ACTIVE",
        Archived => "ARCHIVED",
    }
);

coded_enum!(RecordEvent {
    Archive => "ARCHIVE",
});

impl Lifecycle for RecordState {
    type Event = RecordEvent;
    const STEPS: &'static [(RecordState, RecordEvent, RecordState)] =
        &[(RecordState::Active, RecordEvent::Archive, RecordState::Archived)];
}

impl RecordState {
    /// Refuses an edit of an archived record.
    pub fn ensure_editable(self, what: &str) -> Result<(), StateError> {
        match self {
            RecordState::Active => Ok(()),
            RecordState::Archived => Err(StateError {
                state: "archived",
                what: what.to_owned(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    coded_enum!(Door {
        Open => "OPEN",
        Closed => "CLOSED",
        Locked => "LOCKED",
        Walled => "WALLED",
    });

    coded_enum!(DoorEvent {
        Close => "CLOSE",
        Open => "OPEN",
        Lock => "LOCK",
        Unlock => "UNLOCK",
        Wall => "WALL",
    });

    impl Lifecycle for Door {
        type Event = DoorEvent;
        const STEPS: &'static [(Door, DoorEvent, Door)] = &[
            (Door::Open, DoorEvent::Close, Door::Closed),
            (Door::Closed, DoorEvent::Open, Door::Open),
            (Door::Closed, DoorEvent::Lock, Door::Locked),
            (Door::Locked, DoorEvent::Unlock, Door::Closed),
            (Door::Closed, DoorEvent::Wall, Door::Walled),
        ];
    }

    #[test]
    fn every_pair_of_status_and_event_is_allowed_exactly_when_the_table_says_so() {
        for from in Door::ALL {
            for event in DoorEvent::ALL {
                let expected = Door::STEPS
                    .iter()
                    .find(|(f, e, _)| f == from && e == event)
                    .map(|(_, _, to)| *to);
                match (from.apply(*event), expected) {
                    (Ok(to), Some(want)) => assert_eq!(to, want, "{from} {event}"),
                    (Err(TransitionError::NotAllowed { from: f, event: e, .. }), None) => {
                        assert_eq!((f, e), (from.code(), event.code()))
                    }
                    (got, want) => panic!("{from} {event}: got {got:?}, expected {want:?}"),
                }
            }
        }
    }

    #[test]
    fn a_refusal_names_the_allowed_steps_and_final_statuses_say_so() {
        let error = Door::Open.apply(DoorEvent::Lock).unwrap_err();
        assert_eq!(error.to_string(), "LOCK is not allowed from OPEN (allowed: CLOSE)");
        assert!(Door::Walled.is_final());
        let error = Door::Walled.apply(DoorEvent::Open).unwrap_err();
        assert!(
            error.to_string().ends_with("(no step leads out of this status)"),
            "{error}"
        );
    }

    #[test]
    fn transition_and_state_errors_become_user_errors_with_their_own_codes() {
        let transition = Door::Open.apply(DoorEvent::Lock).unwrap_err().on(&["to"]);
        assert_eq!(transition.errors()[0].code, FieldErrorCode::InvalidTransition);
        assert_eq!(transition.errors()[0].field, vec!["to"]);
        let state = RecordState::Archived
            .ensure_editable("an update")
            .unwrap_err()
            .on(&["id"]);
        assert_eq!(state.errors()[0].code, FieldErrorCode::InvalidState);
        assert_eq!(
            state.errors()[0].message,
            "an update is not possible while the object is archived"
        );
        assert!(RecordState::Active.ensure_editable("an update").is_ok());
    }

    #[test]
    fn a_record_is_archived_once() {
        assert_eq!(
            RecordState::Active.apply(RecordEvent::Archive),
            Ok(RecordState::Archived)
        );
        assert!(RecordState::Archived.apply(RecordEvent::Archive).is_err());
    }
}
