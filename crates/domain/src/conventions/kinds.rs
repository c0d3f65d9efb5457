//! The kinds of conventions, the roles their parties take, and the natures of the funds they commit.

use crate::coded::coded_enum;

coded_enum!(
    /// What kind of agreement a convention is.
    ConventionKind {
        /// Convention pluriannuelle d'objectifs.
        Cpo => "CPO",
        /// Convention d'objectifs et de financement (a CAF service grant: prestation de service animation
        /// globale, animation collective familles).
        Cof => "COF",
        /// Federation, CAF, Conseil Général and Conseil Régional together.
        Quadripartite => "QUADRIPARTITE",
        /// Attached to a pact or charter, optionally to some of its action sheets.
        Annexe => "ANNEXE",
        /// Premises or staff made available.
        MiseADisposition => "MISE_A_DISPOSITION",
        Other => "OTHER",
    }
);

coded_enum!(
    /// What a party is to a convention.
    ConventionRole {
        Funder => "FUNDER",
        Beneficiary => "BENEFICIARY",
        Signatory => "SIGNATORY",
        Operator => "OPERATOR",
    }
);

coded_enum!(
    /// What a funding line pays for.
    FundingNature {
        Fonctionnement => "FONCTIONNEMENT",
        Projet => "PROJET",
        PrestationService => "PRESTATION_SERVICE",
        Investissement => "INVESTISSEMENT",
        Autre => "AUTRE",
    }
);
