//! The enumerations of a pact, with the codes the database stores and the API maps.

use crate::coded::coded_enum;

coded_enum!(
    /// What the users call the agreement: a *pacte*, a *charte* or a *protocole de coopération*.
    PactKind {
        Pacte => "PACTE",
        Charte => "CHARTE",
        Protocole => "PROTOCOLE",
    }
);

coded_enum!(
    /// Why a party signs: a member centre, a partner, a funder, or the federation.
    SignatoryRole {
        Member => "MEMBER",
        Partner => "PARTNER",
        Funder => "FUNDER",
        Federation => "FEDERATION",
    }
);
