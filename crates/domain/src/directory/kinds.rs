//! The directory's enumerations. Each has a stable code, stored in the database; the French labels people
//! read are the descriptions of the matching GraphQL enumerations.

use crate::coded::coded_enum;

coded_enum!(
    /// Departmental federations cover one département, interdepartmental ones several (Garonne Occitanie).
    FederationKind {
        Departmental => "DEPARTMENTAL",
        Interdepartmental => "INTERDEPARTMENTAL",
    }
);

coded_enum!(TerritoryKind {
    Arrondissement => "ARRONDISSEMENT",
    Epci => "EPCI",
    CommuneGroup => "COMMUNE_GROUP",
    Departement => "DEPARTEMENT",
});

coded_enum!(
    /// A centre social (CAF "animation globale" accreditation) or an espace de vie sociale (lighter, 1–2 staff).
    CentreKind {
        CentreSocial => "CENTRE_SOCIAL",
        Evs => "EVS",
    }
);

coded_enum!(
    /// Who runs the centre (gestion).
    Management {
        Associative => "ASSOCIATIVE",
        Municipal => "MUNICIPAL",
        Intercommunal => "INTERCOMMUNAL",
        Caf => "CAF",
        Other => "OTHER",
    }
);

coded_enum!(PartnerKind {
    Caf => "CAF",
    Departement => "DEPARTEMENT",
    Region => "REGION",
    Commune => "COMMUNE",
    Epci => "EPCI",
    Etat => "ETAT",
    Association => "ASSOCIATION",
    Federation => "FEDERATION",
    Other => "OTHER",
});

coded_enum!(
    /// The fields of action a centre works in, matching the `ACT_DOM_*` indicators of the SENACS catalogue.
    ActionDomain {
        EarlyChildhood => "EARLY_CHILDHOOD",
        Children => "CHILDREN",
        Youth => "YOUTH",
        YoungAdults => "YOUNG_ADULTS",
        Families => "FAMILIES",
        Seniors => "SENIORS",
        Rights => "RIGHTS",
        Digital => "DIGITAL",
        Employment => "EMPLOYMENT",
        Language => "LANGUAGE",
        Health => "HEALTH",
        Culture => "CULTURE",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_for_every_variant() {
        for kind in PartnerKind::ALL {
            assert_eq!(PartnerKind::from_code(kind.code()), Some(*kind));
        }
        for domain in ActionDomain::ALL {
            assert_eq!(ActionDomain::from_code(domain.code()), Some(*domain));
        }
        assert_eq!(CentreKind::from_code("centre_social"), None);
    }
}
