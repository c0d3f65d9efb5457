//! The governance area's enumerations, in the charters' own terms.

use crate::coded::coded_enum;

coded_enum!(
    /// What a body is (*instance*).
    BodyKind {
        /// *Conseil* (the Conseil des Centres Sociaux du Calaisis).
        Council => "COUNCIL",
        /// *Collectif des présidents*.
        PresidentsCollective => "PRESIDENTS_COLLECTIVE",
        /// *Collectif des directeurs*.
        DirectorsCollective => "DIRECTORS_COLLECTIVE",
        /// *Conseil d'administration*.
        Board => "BOARD",
        /// *Assemblée générale*.
        GeneralAssembly => "GENERAL_ASSEMBLY",
        /// *Comité de pilotage* of a pact.
        SteeringCommittee => "STEERING_COMMITTEE",
    }
);

coded_enum!(
    /// Why a person sits on a body.
    MemberRole {
        /// A centre's *président(e)* or their representative.
        President => "PRESIDENT",
        /// A centre's *directeur (trice)* or their representative.
        Director => "DIRECTOR",
        /// The federation's president or their representative.
        FederationPresident => "FEDERATION_PRESIDENT",
        /// *Délégué fédéral* for the territory.
        FederalDelegate => "FEDERAL_DELEGATE",
        Secretary => "SECRETARY",
        /// A person invited for their expertise on an item of the agenda.
        InvitedExpert => "INVITED_EXPERT",
        /// A partner's representative.
        PartnerRepresentative => "PARTNER_REPRESENTATIVE",
        Other => "OTHER",
    }
);

coded_enum!(
    /// The yearly designations a body makes ("le Conseil désigne chaque année un(e) président(e) et un(e)
    /// directeur(trice) pour animer celui-ci").
    DesignationRole {
        Chair => "CHAIR",
        FacilitatingDirector => "FACILITATING_DIRECTOR",
        Secretary => "SECRETARY",
    }
);

coded_enum!(
    /// A member's attendance at a meeting.
    Presence {
        Present => "PRESENT",
        /// *Excusé(e)*: absent, having said so.
        Excused => "EXCUSED",
        Absent => "ABSENT",
        /// Absent, with a proxy given to a member present.
        Represented => "REPRESENTED",
    }
);

coded_enum!(
    /// What a decision is about, for the majority it needs and what it does.
    DecisionKind {
        Ordinary => "ORDINARY",
        /// Validates action sheets (what a directors' collective may then carry out).
        ActionValidation => "ACTION_VALIDATION",
        /// Approves the minutes of an earlier meeting of the same body.
        MinutesApproval => "MINUTES_APPROVAL",
        Budget => "BUDGET",
        /// Changes the body's rules or composition.
        Rules => "RULES",
        Designation => "DESIGNATION",
    }
);

coded_enum!(
    /// A voter's choice.
    VoteChoice {
        For => "FOR",
        Against => "AGAINST",
        Abstain => "ABSTAIN",
    }
);

coded_enum!(
    /// What came of a decision.
    Outcome {
        Adopted => "ADOPTED",
        Rejected => "REJECTED",
        /// Taken without the quorum its rulebook asks: it decides nothing.
        NotValid => "NOT_VALID",
    }
);
