//! The governance area's enumerations on the wire, with the charters' French words in their descriptions.

use async_graphql::Enum;
use pactes_domain::governance as domain;

#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "domain::BodyKind")]
pub enum BodyKind {
    /// Conseil
    Council,
    /// Collectif des présidents
    PresidentsCollective,
    /// Collectif des directeurs
    DirectorsCollective,
    /// Conseil d'administration
    Board,
    /// Assemblée générale
    GeneralAssembly,
    /// Comité de pilotage
    SteeringCommittee,
}

#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "domain::MemberRole")]
pub enum MemberRole {
    /// Président(e) d'un centre, ou son représentant
    President,
    /// Directeur (trice) d'un centre, ou son représentant
    Director,
    /// Président de la fédération, ou son représentant
    FederationPresident,
    /// Délégué fédéral
    FederalDelegate,
    /// Secrétaire
    Secretary,
    /// Personne invitée pour ses compétences
    InvitedExpert,
    /// Représentant d'un partenaire
    PartnerRepresentative,
    /// Autre
    Other,
}

#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "domain::DesignationRole")]
pub enum DesignationRole {
    /// Président(e) de l'instance
    Chair,
    /// Directeur (trice) chargé(e) de l'animer
    FacilitatingDirector,
    /// Secrétaire
    Secretary,
}

#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "domain::Presence")]
pub enum Presence {
    /// Présent(e)
    Present,
    /// Excusé(e)
    Excused,
    /// Absent(e)
    Absent,
    /// Représenté(e), par un pouvoir
    Represented,
}

#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "domain::DecisionKind")]
pub enum DecisionKind {
    Ordinary,
    /// Validates action sheets (what a directors' collective may then carry out).
    ActionValidation,
    /// Approves the minutes of an earlier meeting of the same body.
    MinutesApproval,
    Budget,
    /// Changes the body's rules or composition.
    Rules,
    Designation,
}

#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "domain::VoteChoice")]
pub enum VoteChoice {
    /// Pour
    For,
    /// Contre
    Against,
    /// Abstention
    Abstain,
}

#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "domain::Outcome")]
pub enum Outcome {
    /// Adoptée
    Adopted,
    /// Rejetée
    Rejected,
    /// Sans valeur: the quorum was not reached.
    NotValid,
}

#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "domain::OutcomeBasis")]
pub enum OutcomeBasis {
    /// The rulebook's majority, applied to the votes.
    Rulebook,
    /// As the meeting stated it: the rulebook sets no majority for this kind of decision.
    Declared,
    /// The quorum was not reached.
    Quorum,
}

#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "domain::MeetingStatus")]
pub enum MeetingStatus {
    Planned,
    /// Convoquée
    Convened,
    /// Tenue
    Held,
    /// Compte rendu rédigé
    MinutesDrafted,
    /// Compte rendu approuvé
    MinutesApproved,
    /// Annulée
    Cancelled,
}

#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "domain::CalendarPeriod")]
pub enum CalendarPeriod {
    Month,
    /// Trimestre
    Quarter,
    HalfYear,
    Year,
}

#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "domain::Channel")]
pub enum Channel {
    /// Par mail: the product sends it.
    Email,
    /// By post or by hand.
    Post,
}

#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "domain::Comparison")]
pub enum Comparison {
    /// More than the share ("la majorité": more than half).
    MoreThan,
    /// At least the share ("les deux tiers").
    AtLeast,
}

#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "domain::QuorumBasis")]
pub enum QuorumBasis {
    Present,
    PresentOrRepresented,
}

#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "domain::MajorityBase")]
pub enum MajorityBase {
    /// Suffrages exprimés: for and against.
    VotesCast,
    /// Voting members present or represented.
    MembersPresent,
    /// Every voting member of the body.
    VotingMembers,
}

#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "domain::CompetenceScope")]
pub enum CompetenceScope {
    General,
    /// Only the carrying out of action sheets another body validated.
    ValidatedActions,
}

#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
#[graphql(remote = "domain::RuleName")]
pub enum RuleName {
    Frequency,
    Notice,
    Channel,
    Quorum,
    ProxyCap,
    Majority,
    CastingVote,
    Competence,
}
