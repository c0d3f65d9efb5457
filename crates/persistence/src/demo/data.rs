//! The facts of the source documents, as written there. Nothing is invented: a value the documents do not give
//! (a postal code, who runs a centre) is left empty.

use pactes_domain::directory::{FederationKind, Management, PartnerKind, TerritoryKind};

pub struct DemoFederation {
    pub slug: &'static str,
    pub name: &'static str,
    pub kind: FederationKind,
    pub departements: &'static [&'static str],
    pub territories: &'static [DemoTerritory],
    pub partners: &'static [DemoPartner],
}

pub struct DemoTerritory {
    pub name: &'static str,
    pub kind: TerritoryKind,
    pub communes: &'static [&'static str],
    pub centres: &'static [DemoCentre],
}

pub struct DemoCentre {
    pub name: &'static str,
    pub commune: &'static str,
    pub management: Option<Management>,
    pub phone: Option<&'static str>,
}

pub struct DemoPartner {
    pub name: &'static str,
    pub kind: PartnerKind,
}

const fn centre(
    name: &'static str,
    commune: &'static str,
    management: Option<Management>,
    phone: &'static str,
) -> DemoCentre {
    DemoCentre {
        name,
        commune,
        management,
        phone: Some(phone),
    }
}

use Management::{Associative, Intercommunal, Municipal};

/// 001: "Le pacte de coopération des centres sociaux du Douaisis et de leurs partenaires 2014-2017". The five
/// Douai centres belong to the ACSD (an association); the others say "municipal" or "intercommunal" where the
/// document does, and nothing where it is silent.
const DOUAISIS_CENTRES: &[DemoCentre] = &[
    centre(
        "Centre social Fraix-Marais",
        "DOUAI",
        Some(Associative),
        "03 27 88 59 26",
    ),
    centre("Centre social Dorignies", "DOUAI", Some(Associative), "03 27 08 17 30"),
    centre(
        "Centre social Faubourg de Béthune",
        "DOUAI",
        Some(Associative),
        "03 27 08 17 10",
    ),
    centre(
        "Centre social Faubourg d'Esquerchin",
        "DOUAI",
        Some(Associative),
        "03 27 71 67 66",
    ),
    centre(
        "Centre social Résidence Gayant",
        "DOUAI",
        Some(Associative),
        "03 27 08 17 20",
    ),
    centre("Centre social Pablo-Picasso", "AUBY", None, "03 27 92 11 14"),
    centre(
        "Centre socioculturel municipal Henri-Martel",
        "DECHY",
        Some(Municipal),
        "03 27 96 90 33",
    ),
    centre(
        "Centre social et culturel municipal Arc-en-ciel",
        "MASNY",
        Some(Municipal),
        "03 27 94 54 90",
    ),
    centre(
        "Centre social municipal Françoise-Dolto",
        "PECQUENCOURT",
        Some(Municipal),
        "03 27 86 14 33",
    ),
    centre(
        "Centre social municipal de Sin-le-Noble",
        "SIN-LE-NOBLE",
        Some(Municipal),
        "03 27 95 70 22",
    ),
    centre(
        "Centre socioculturel municipal Adolphe-Largillier",
        "SOMAIN",
        Some(Municipal),
        "03 27 86 71 73",
    ),
    centre(
        "Centre social et culturel Henri-Martel",
        "WAZIERS",
        None,
        "03 27 71 27 60",
    ),
    centre(
        "Centre socioculturel intercommunal L'Ostrevent et la Sensée",
        "ARLEUX",
        Some(Intercommunal),
        "03 27 89 99 38",
    ),
];

/// 002: the cooperation charter of the Calaisis collective. Each centre has its own board (conseil
/// d'administration), so each is an association. The charter gives no phone numbers.
const CALAISIS_CENTRES: &[DemoCentre] = &[
    DemoCentre {
        name: "Centre Social et de Prévention Sanitaire Espace Fort",
        commune: "Calais",
        management: Some(Associative),
        phone: None,
    },
    DemoCentre {
        name: "Centre Social et Culturel Jacques Yves Cousteau",
        commune: "Marck",
        management: Some(Associative),
        phone: None,
    },
    DemoCentre {
        name: "Centre Social et Culturel Marie Jeanne Bassot",
        commune: "Sangatte",
        management: Some(Associative),
        phone: None,
    },
    DemoCentre {
        name: "Centre Social Matisse",
        commune: "Calais",
        management: Some(Associative),
        phone: None,
    },
];

pub const FEDERATIONS: &[DemoFederation] = &[
    DemoFederation {
        slug: "nord",
        name: "Fédération des centres sociaux du Nord",
        kind: FederationKind::Departmental,
        departements: &["59"],
        territories: &[DemoTerritory {
            name: "Douaisis",
            kind: TerritoryKind::Arrondissement,
            communes: &[
                "DOUAI",
                "AUBY",
                "DECHY",
                "MASNY",
                "PECQUENCOURT",
                "SIN-LE-NOBLE",
                "SOMAIN",
                "WAZIERS",
                "ARLEUX",
            ],
            centres: DOUAISIS_CENTRES,
        }],
        partners: &[
            DemoPartner {
                name: "CAF du Nord",
                kind: PartnerKind::Caf,
            },
            DemoPartner {
                name: "Conseil Général du Nord",
                kind: PartnerKind::Departement,
            },
            DemoPartner {
                name: "Conseil Régional Nord-Pas de Calais",
                kind: PartnerKind::Region,
            },
        ],
    },
    DemoFederation {
        slug: "pas-de-calais",
        name: "Fédération des Centres Sociaux du Pas-de-Calais",
        kind: FederationKind::Departmental,
        departements: &["62"],
        territories: &[DemoTerritory {
            name: "Calaisis",
            kind: TerritoryKind::CommuneGroup,
            communes: &["Calais", "Marck", "Sangatte"],
            centres: CALAISIS_CENTRES,
        }],
        partners: &[
            DemoPartner {
                name: "CAF du Pas-de-Calais",
                kind: PartnerKind::Caf,
            },
            DemoPartner {
                name: "Conseil Général du Pas-de-Calais",
                kind: PartnerKind::Departement,
            },
            DemoPartner {
                name: "Conseil Régional Nord-Pas de Calais",
                kind: PartnerKind::Region,
            },
            DemoPartner {
                name: "CAP Calaisis Terre d'Opale",
                kind: PartnerKind::Epci,
            },
        ],
    },
    DemoFederation {
        slug: "garonne-occitanie",
        name: "Fédération interdépartementale Garonne Occitanie des centres sociaux et des espaces de vie sociale",
        kind: FederationKind::Interdepartmental,
        // 003 sets its federal life "aux échelles des départements et de Midi Pyrénées": the region's eight.
        departements: &["09", "12", "31", "32", "46", "65", "81", "82"],
        territories: &[],
        partners: &[],
    },
    DemoFederation {
        slug: "moselle",
        name: "Fédération départementale des centres sociaux de Moselle",
        kind: FederationKind::Departmental,
        departements: &["57"],
        territories: &[],
        partners: &[],
    },
    DemoFederation {
        slug: "finistere",
        name: "Fédération des centres sociaux du Finistère",
        kind: FederationKind::Departmental,
        departements: &["29"],
        territories: &[],
        partners: &[
            DemoPartner {
                name: "CAF du Finistère",
                kind: PartnerKind::Caf,
            },
            DemoPartner {
                name: "Conseil Général du Finistère",
                kind: PartnerKind::Departement,
            },
            DemoPartner {
                name: "Fédération des centres sociaux et socioculturels de France (FCSF)",
                kind: PartnerKind::Federation,
            },
        ],
    },
];
