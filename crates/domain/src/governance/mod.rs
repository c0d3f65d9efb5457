//! Governance: bodies that run by their rulebook — members, yearly designations, versioned rules, meetings from
//! convocation to approved minutes, decisions reckoned by the rules, and how well a body kept them.

mod audit;
mod body;
mod conformity;
mod decision;
mod kinds;
mod letters;
mod meeting;
mod repository;
mod rulebook;
#[cfg(test)]
mod tests;

pub use body::{Body, BodyContent, BodyData, BodyDraft, Designation, MAX_MEMBERS, Member, MemberDraft};
pub use conformity::{Conformity, MeetingFacts, PeriodConformity, conformity};
pub use decision::{
    Concern, Decision, DecisionContent, DecisionData, OutcomeBasis, Reckoning, Tally, Validated, Votes,
    check_minutes_approval, decide,
};
pub use kinds::{BodyKind, DecisionKind, DesignationRole, MemberRole, Outcome, Presence, VoteChoice};
pub use letters::{Letter, letters};
pub use meeting::{
    AgendaItem, AgendaItemDraft, Attendance, AttendanceDraft, Convocation, Meeting, MeetingContent, MeetingData,
    MeetingDraft, MeetingEvent, MeetingStatus, Minutes, QuorumCount, Recipient, check_notice, days_ahead,
};
pub use repository::{BodyFilter, DecisionFilter, GovernanceRepository, Holding, MeetingFilter};
pub use rulebook::{
    CalendarPeriod, Channel, Comparison, Competence, CompetenceScope, Frequency, MAX_NOTICE_DAYS, MAX_PROXY_CAP,
    Majority, MajorityBase, Quorum, QuorumBasis, RuleName, Rulebook, Rules, Share, ShareError, Threshold, in_force,
};
