//! A body's rules as data (*règlement*, *modalités de fonctionnement*): how often it meets, how far ahead it is
//! convened, and, each only where its charter says so, its quorum, proxies, majorities, the chair's casting vote
//! and what it may decide on. A rule the charter leaves out stays unset: it is reported as such and never
//! replaced by a default. Rulebooks are versioned; meetings and decisions name the version they were held under.

use chrono::{Datelike, NaiveDate};

use crate::coded::coded_enum;
use crate::ids::BodyId;

use super::kinds::DecisionKind;

/// A fraction of a whole, `numerator / denominator`, between 0 and 1: "half", "two thirds".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Share {
    numerator: u32,
    denominator: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("a share is a fraction from 0 to 1 with a denominator of 1 to 1000, got {numerator}/{denominator}")]
pub struct ShareError {
    numerator: u32,
    denominator: u32,
}

impl Share {
    pub fn new(numerator: u32, denominator: u32) -> Result<Share, ShareError> {
        if denominator == 0 || denominator > 1000 || numerator > denominator {
            return Err(ShareError { numerator, denominator });
        }
        Ok(Share { numerator, denominator })
    }

    pub fn numerator(self) -> u32 {
        self.numerator
    }

    pub fn denominator(self) -> u32 {
        self.denominator
    }
}

coded_enum!(
    /// Whether a count must exceed its share of the base ("more than half": a simple majority) or reach it ("at
    /// least two thirds").
    Comparison {
        MoreThan => "MORE_THAN",
        AtLeast => "AT_LEAST",
    }
);

/// A count measured against a base: "more than half of the votes cast", "at least a third of the members".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Threshold {
    pub comparison: Comparison,
    pub share: Share,
}

impl Threshold {
    /// Whether `count` out of `base` meets the threshold, exactly (integer arithmetic: no rounding).
    pub fn met(self, count: u32, base: u32) -> bool {
        let lhs = u64::from(count) * u64::from(self.share.denominator);
        let rhs = u64::from(self.share.numerator) * u64::from(base);
        match self.comparison {
            Comparison::MoreThan => lhs > rhs,
            Comparison::AtLeast => lhs >= rhs,
        }
    }

    /// The smallest count that meets the threshold out of `base`.
    pub fn required(self, base: u32) -> u32 {
        let product = u64::from(self.share.numerator) * u64::from(base);
        let denominator = u64::from(self.share.denominator);
        let at_least = product.div_ceil(denominator);
        let count = match self.comparison {
            Comparison::AtLeast => at_least,
            Comparison::MoreThan => product / denominator + 1,
        };
        u32::try_from(count).unwrap_or(u32::MAX)
    }
}

coded_enum!(
    /// The calendar periods a minimum number of meetings is counted over.
    CalendarPeriod {
        Month => "MONTH",
        Quarter => "QUARTER",
        HalfYear => "HALF_YEAR",
        Year => "YEAR",
    }
);

impl CalendarPeriod {
    fn months(self) -> u32 {
        match self {
            CalendarPeriod::Month => 1,
            CalendarPeriod::Quarter => 3,
            CalendarPeriod::HalfYear => 6,
            CalendarPeriod::Year => 12,
        }
    }

    /// The periods of `year`, in order, each as its first and last day.
    pub fn of_year(self, year: i32) -> Vec<(NaiveDate, NaiveDate)> {
        let months = self.months();
        (0..12 / months)
            .filter_map(|i| {
                let first = NaiveDate::from_ymd_opt(year, i * months + 1, 1)?;
                let next = first.checked_add_months(chrono::Months::new(months))?;
                Some((first, next.pred_opt()?))
            })
            .collect()
    }

    /// The index within its year of the period holding `date` (a quarter: 0 to 3).
    pub fn index_of(self, date: NaiveDate) -> usize {
        ((date.month0()) / self.months()) as usize
    }
}

/// At least `meetings` meetings held in every `per` ("au moins une fois tous les trimestres").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Frequency {
    pub meetings: u32,
    pub per: CalendarPeriod,
}

coded_enum!(
    /// How a convocation is sent.
    Channel {
        /// *Par mail*: the product sends it.
        Email => "EMAIL",
        /// By post or by hand: recorded, not sent by the product.
        Post => "POST",
    }
);

coded_enum!(
    /// Who counts towards a quorum.
    QuorumBasis {
        Present => "PRESENT",
        /// Members present, and those represented by a proxy.
        PresentOrRepresented => "PRESENT_OR_REPRESENTED",
    }
);

/// The share of voting members without which the body decides nothing valid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quorum {
    pub threshold: Threshold,
    pub counts: QuorumBasis,
    /// Whether a meeting convened again after one without quorum decides whatever the attendance.
    pub waived_on_second_convocation: bool,
}

coded_enum!(
    /// What counts as 100 % for a majority.
    MajorityBase {
        /// Votes for and against (abstentions and blank votes do not count).
        VotesCast => "VOTES_CAST",
        /// Voting members present or represented.
        MembersPresent => "MEMBERS_PRESENT",
        /// Every voting member of the body.
        VotingMembers => "VOTING_MEMBERS",
    }
);

/// What a decision needs to be adopted: votes for meeting a threshold of a base.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Majority {
    pub threshold: Threshold,
    pub base: MajorityBase,
}

coded_enum!(
    /// What a body may decide on.
    CompetenceScope {
        /// Anything within the cooperation it runs.
        General => "GENERAL",
        /// Only the carrying out of action sheets another body validated ("le collectif des directeurs ne peut
        /// prendre de décisions que dans le cadre des actions coopératives validées par le Conseil").
        ValidatedActions => "VALIDATED_ACTIONS",
    }
);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Competence {
    General,
    /// Only on action sheets that `validating_body` adopted a validation of.
    ValidatedActionsOf {
        validating_body: BodyId,
    },
}

impl Competence {
    pub fn scope(self) -> CompetenceScope {
        match self {
            Competence::General => CompetenceScope::General,
            Competence::ValidatedActionsOf { .. } => CompetenceScope::ValidatedActions,
        }
    }
}

coded_enum!(
    /// The rules a rulebook may leave unset, by name.
    RuleName {
        Frequency => "FREQUENCY",
        Notice => "NOTICE",
        Channel => "CHANNEL",
        Quorum => "QUORUM",
        ProxyCap => "PROXY_CAP",
        Majority => "MAJORITY",
        CastingVote => "CASTING_VOTE",
        Competence => "COMPETENCE",
    }
);

/// The longest notice a rulebook may ask, in days.
pub const MAX_NOTICE_DAYS: u32 = 365;
/// The most votes a rulebook may let one person hold.
pub const MAX_PROXY_CAP: u32 = 100;

/// One version of a body's rules. `None` is "not set by the charter".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rules {
    pub frequency: Option<Frequency>,
    /// The fewest days between the day a convocation is sent and the day of the meeting.
    pub notice_days: Option<u32>,
    pub channel: Option<Channel>,
    pub quorum: Option<Quorum>,
    /// The most votes one member may hold, their own included (a cap of two: their own and one proxy).
    pub proxy_cap: Option<u32>,
    /// The majority of every decision whose kind has none of its own.
    pub majority: Option<Majority>,
    /// Majorities of particular kinds of decision (statutes, budget…).
    pub majorities: Vec<(DecisionKind, Majority)>,
    /// Whether the chair's vote breaks a tie.
    pub casting_vote: Option<bool>,
    pub competence: Option<Competence>,
}

impl Rules {
    /// The rules this version leaves unset, in the order of [`RuleName`].
    pub fn unset(&self) -> Vec<RuleName> {
        let set = [
            (RuleName::Frequency, self.frequency.is_some()),
            (RuleName::Notice, self.notice_days.is_some()),
            (RuleName::Channel, self.channel.is_some()),
            (RuleName::Quorum, self.quorum.is_some()),
            (RuleName::ProxyCap, self.proxy_cap.is_some()),
            (
                RuleName::Majority,
                self.majority.is_some() || !self.majorities.is_empty(),
            ),
            (RuleName::CastingVote, self.casting_vote.is_some()),
            (RuleName::Competence, self.competence.is_some()),
        ];
        set.into_iter()
            .filter(|(_, is_set)| !is_set)
            .map(|(name, _)| name)
            .collect()
    }

    /// The majority a decision of `kind` needs: its kind's own, else the general one, else none (not set).
    pub fn majority_for(&self, kind: DecisionKind) -> Option<Majority> {
        self.majorities
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, m)| *m)
            .or(self.majority)
    }
}

/// A version of a body's rules and the day it applies from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rulebook {
    /// 1 for the first version, then one more for each.
    pub version: u32,
    pub effective_from: NaiveDate,
    pub rules: Rules,
}

/// The version in force on `day`: the latest one applying from that day or before.
pub fn in_force(rulebooks: &[Rulebook], day: NaiveDate) -> Option<&Rulebook> {
    rulebooks
        .iter()
        .filter(|r| r.effective_from <= day)
        .max_by_key(|r| (r.effective_from, r.version))
}
