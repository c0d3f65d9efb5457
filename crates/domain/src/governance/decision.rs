//! A decision taken at a meeting: its text and kind, the votes (by name, or counted on a show of hands), what
//! it concerns, and its outcome — computed from the rulebook's quorum and majority, or, where the rulebook sets
//! no majority for its kind, as the meeting declared it (said so). A decision outside the body's competence is
//! refused.

use crate::agreement::MAX_TEXT;
use crate::coded::coded_enum;
use crate::ids::{ActionSheetId, ConventionId, MeetingId, MemberId, PactId};
use crate::validation::{FieldError, FieldErrorCode, ValidationErrors, Validator};

use super::body::BodyData;
use super::kinds::{DecisionKind, Outcome, Presence, VoteChoice};
use super::meeting::{MAX_ITEMS, MeetingData};
use super::rulebook::{Competence, Majority, MajorityBase, Rules};

/// What a decision concerns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Concern {
    ActionSheet(ActionSheetId),
    Convention(ConventionId),
    Pact(PactId),
    /// An earlier meeting of the same body, whose minutes a `MINUTES_APPROVAL` approves.
    Meeting(MeetingId),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Votes {
    /// Each voter's choice; a represented member's vote is cast by their proxy holder.
    Named(Vec<(MemberId, VoteChoice)>),
    /// A show of hands: the counts, and the chair's own choice where a casting vote may need it.
    Counts {
        for_: u32,
        against: u32,
        abstain: u32,
        chair: Option<VoteChoice>,
    },
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub for_: u32,
    pub against: u32,
    pub abstain: u32,
}

coded_enum!(
    /// What an outcome rests on.
    OutcomeBasis {
        /// The rulebook's majority, applied to the votes.
        Rulebook => "RULEBOOK",
        /// The meeting's own statement: the rulebook sets no majority for this kind of decision.
        Declared => "DECLARED",
        /// The quorum was not reached: the decision is not valid, whatever the votes.
        Quorum => "QUORUM",
    }
);

/// How the outcome was reached, for the record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reckoning {
    pub basis: OutcomeBasis,
    /// The majority applied (none when declared).
    pub majority: Option<Majority>,
    /// What counted as 100 %, and the fewest votes for that adopt.
    pub base: Option<u32>,
    pub required: Option<u32>,
    /// Adopted on the chair's casting vote.
    pub casting_vote_used: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecisionContent {
    pub meeting_id: MeetingId,
    /// The agenda item's position, from 0.
    pub agenda_item: Option<u32>,
    pub kind: DecisionKind,
    pub text: String,
    pub votes: Votes,
    pub concerns: Vec<Concern>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecisionData {
    pub content: DecisionContent,
    pub body_id: crate::ids::BodyId,
    pub rulebook_version: Option<u32>,
    pub tally: Tally,
    pub outcome: Outcome,
    pub reckoning: Reckoning,
}

pub type Decision = crate::record::Record<crate::ids::DecisionId, DecisionData>;

/// What storage knows that a competence rule needs: the action sheets concerned that the validating body has
/// adopted a validation of.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Validated(pub Vec<ActionSheetId>);

/// The decision `content` taken at `meeting` of `body`, its outcome reckoned; `declared` is the outcome the
/// meeting states, taken only where the rulebook sets no majority for the decision's kind.
pub fn decide(
    content: DecisionContent,
    meeting: &MeetingData,
    body: &BodyData,
    validated: &Validated,
    declared: Option<Outcome>,
) -> Result<DecisionData, ValidationErrors> {
    let mut v = Validator::new();
    if !meeting.takes_decisions() {
        return Err(crate::lifecycle::StateError {
            state: meeting.status.code(),
            what: "recording a decision (only a held meeting, its minutes not yet approved, takes them)".to_owned(),
        }
        .on(&["meetingId"]));
    }
    let text = content.text.trim();
    if text.is_empty() || text.chars().count() > MAX_TEXT {
        v.invalid(&["text"], format!("a text of 1 to {MAX_TEXT} characters"));
    }
    if content.concerns.len() > MAX_ITEMS {
        v.invalid(&["concerns"], format!("at most {MAX_ITEMS}"));
    }
    if let Some(item) = content.agenda_item
        && item as usize >= meeting.content.agenda.len()
    {
        v.invalid(&["agendaItem"], "not an item of the meeting's agenda");
    }
    let rules = meeting
        .rulebook_version
        .and_then(|version| body.rulebooks.iter().find(|r| r.version == version))
        .map(|r| &r.rules);
    check_competence(&mut v, rules, &content, validated);
    let tally = tally(&mut v, &content.votes, meeting, body);
    let (present, represented) = meeting.voters(body);
    let quorum_reached = meeting.quorum.is_none_or(|q| q.reached);
    let majority = rules.and_then(|r| r.majority_for(content.kind));
    let reckoning_declared = Reckoning {
        basis: OutcomeBasis::Declared,
        majority: None,
        base: None,
        required: None,
        casting_vote_used: false,
    };
    let (outcome, reckoning) = match (majority, declared) {
        _ if !quorum_reached => (
            Outcome::NotValid,
            Reckoning {
                basis: OutcomeBasis::Quorum,
                ..reckoning_declared
            },
        ),
        (Some(_), Some(_)) => {
            v.invalid(
                &["outcome"],
                "the rulebook's majority decides the outcome: leave it out",
            );
            (Outcome::Rejected, reckoning_declared)
        }
        (None, None) => {
            v.invalid(
                &["outcome"],
                "the rulebook sets no majority for this kind of decision: say whether it was adopted",
            );
            (Outcome::Rejected, reckoning_declared)
        }
        (None, Some(Outcome::NotValid)) => {
            v.invalid(&["outcome"], "ADOPTED or REJECTED");
            (Outcome::Rejected, reckoning_declared)
        }
        (None, Some(declared)) => (declared, reckoning_declared),
        (Some(majority), None) => {
            let voting_members = meeting.quorum.map_or(0, |q| q.voting_members);
            reckon(
                majority,
                rules,
                tally,
                present + represented,
                voting_members,
                chair_vote(&content.votes, meeting),
            )
        }
    };
    v.finish(|| {
        Some(DecisionData {
            body_id: meeting.content.body_id,
            rulebook_version: meeting.rulebook_version,
            tally,
            outcome,
            reckoning,
            content: DecisionContent {
                text: text.to_owned(),
                ..content
            },
        })
    })
}

fn reckon(
    majority: Majority,
    rules: Option<&Rules>,
    tally: Tally,
    present: u32,
    voting_members: u32,
    chair: Option<VoteChoice>,
) -> (Outcome, Reckoning) {
    let base = match majority.base {
        MajorityBase::VotesCast => tally.for_ + tally.against,
        MajorityBase::MembersPresent => present,
        MajorityBase::VotingMembers => voting_members,
    };
    let adopted = base > 0 && majority.threshold.met(tally.for_, base);
    let casting = !adopted
        && rules.and_then(|r| r.casting_vote) == Some(true)
        && tally.for_ == tally.against
        && tally.for_ > 0
        && chair == Some(VoteChoice::For);
    let reckoning = Reckoning {
        basis: OutcomeBasis::Rulebook,
        majority: Some(majority),
        base: Some(base),
        required: Some(majority.threshold.required(base)),
        casting_vote_used: casting,
    };
    let outcome = if adopted || casting {
        Outcome::Adopted
    } else {
        Outcome::Rejected
    };
    (outcome, reckoning)
}

fn chair_vote(votes: &Votes, meeting: &MeetingData) -> Option<VoteChoice> {
    match votes {
        Votes::Named(named) => meeting
            .chair
            .and_then(|chair| named.iter().find(|(m, _)| *m == chair).map(|(_, c)| *c)),
        Votes::Counts { chair, .. } => *chair,
    }
}

fn tally(v: &mut Validator, votes: &Votes, meeting: &MeetingData, body: &BodyData) -> Tally {
    let (present, represented) = meeting.voters(body);
    match votes {
        Votes::Named(named) => {
            if named.len() > MAX_ITEMS {
                v.invalid(&["votes"], format!("at most {MAX_ITEMS} votes"));
            }
            let mut tally = Tally::default();
            for (i, (member, choice)) in named.iter().enumerate() {
                let at = i.to_string();
                let attends = meeting
                    .attendance
                    .iter()
                    .any(|a| a.member == *member && matches!(a.presence, Presence::Present | Presence::Represented));
                let votes = body.content.member(*member).is_some_and(|m| m.voting);
                if !attends || !votes {
                    v.invalid(&["votes", &at, "memberId"], "a voting member present or represented");
                }
                if named[..i].iter().any(|(m, _)| m == member) {
                    v.invalid(&["votes", &at, "memberId"], "this member has voted already");
                }
                match choice {
                    VoteChoice::For => tally.for_ += 1,
                    VoteChoice::Against => tally.against += 1,
                    VoteChoice::Abstain => tally.abstain += 1,
                }
            }
            tally
        }
        Votes::Counts {
            for_, against, abstain, ..
        } => {
            let cast = u64::from(*for_) + u64::from(*against) + u64::from(*abstain);
            if cast > u64::from(present + represented) {
                v.invalid(
                    &["votes"],
                    format!(
                        "{cast} votes for {} voting members present or represented",
                        present + represented
                    ),
                );
            }
            Tally {
                for_: *for_,
                against: *against,
                abstain: *abstain,
            }
        }
    }
}

fn check_competence(v: &mut Validator, rules: Option<&Rules>, content: &DecisionContent, validated: &Validated) {
    let Some(Competence::ValidatedActionsOf { .. }) = rules.and_then(|r| r.competence) else {
        return;
    };
    let sheets: Vec<ActionSheetId> = content
        .concerns
        .iter()
        .filter_map(|c| match c {
            Concern::ActionSheet(id) => Some(*id),
            _ => None,
        })
        .collect();
    if content.kind == DecisionKind::MinutesApproval {
        return;
    }
    if sheets.is_empty() {
        v.push(FieldError::new(
            &["concerns"],
            FieldErrorCode::OutsideCompetence,
            "this body decides only on the carrying out of validated action sheets: name the sheets concerned",
        ));
    }
    for (i, concern) in content.concerns.iter().enumerate() {
        if let Concern::ActionSheet(id) = concern
            && !validated.0.contains(id)
        {
            v.push(FieldError::new(
                &["concerns", &i.to_string()],
                FieldErrorCode::OutsideCompetence,
                "this action sheet has not been validated by the body whose validations this body carries out",
            ));
        }
    }
}

/// Refuses a `MINUTES_APPROVAL` of `earlier` taken at `meeting` unless `earlier` is a meeting of the same body,
/// held before it, whose minutes are drafted and not approved.
pub fn check_minutes_approval(meeting: &MeetingData, earlier: &MeetingData) -> Result<(), String> {
    if earlier.content.body_id != meeting.content.body_id {
        return Err("minutes are approved by the body that met".to_owned());
    }
    if earlier.content.starts_at >= meeting.content.starts_at {
        return Err("minutes are approved at a later meeting".to_owned());
    }
    if earlier.status != super::meeting::MeetingStatus::MinutesDrafted {
        return Err(format!(
            "that meeting is {}: only drafted minutes are approved",
            earlier.status.code()
        ));
    }
    Ok(())
}
