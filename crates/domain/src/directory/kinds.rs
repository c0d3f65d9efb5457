//! The directory's enumerations. Each has a stable code (stored, and used by the API) and a French label for
//! people.

macro_rules! coded_enum {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => ($code:literal, $label:literal)),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn from_code(code: &str) -> Option<$name> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }

            /// The French label shown to users.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }
        }
    };
}

coded_enum!(
    /// Departmental federations cover one département, interdepartmental ones several (Garonne Occitanie).
    FederationKind {
        Departmental => ("DEPARTMENTAL", "Fédération départementale"),
        Interdepartmental => ("INTERDEPARTMENTAL", "Fédération interdépartementale"),
    }
);

coded_enum!(TerritoryKind {
    Arrondissement => ("ARRONDISSEMENT", "Arrondissement"),
    Epci => ("EPCI", "EPCI (intercommunalité)"),
    CommuneGroup => ("COMMUNE_GROUP", "Groupement de communes"),
    Departement => ("DEPARTEMENT", "Département"),
});

coded_enum!(
    /// A centre social (CAF "animation globale" accreditation) or an espace de vie sociale (lighter, 1–2 staff).
    CentreKind {
        CentreSocial => ("CENTRE_SOCIAL", "Centre social"),
        Evs => ("EVS", "Espace de vie sociale"),
    }
);

coded_enum!(
    /// Who runs the centre (gestion).
    Management {
        Associative => ("ASSOCIATIVE", "Gestion associative"),
        Municipal => ("MUNICIPAL", "Gestion municipale"),
        Intercommunal => ("INTERCOMMUNAL", "Gestion intercommunale"),
        Caf => ("CAF", "Gestion Caf"),
        Other => ("OTHER", "Autre gestion"),
    }
);

coded_enum!(PartnerKind {
    Caf => ("CAF", "Caisse d'allocations familiales"),
    Departement => ("DEPARTEMENT", "Conseil départemental"),
    Region => ("REGION", "Conseil régional"),
    Commune => ("COMMUNE", "Commune"),
    Epci => ("EPCI", "Intercommunalité (EPCI)"),
    Etat => ("ETAT", "État"),
    Association => ("ASSOCIATION", "Association"),
    Federation => ("FEDERATION", "Fédération"),
    Other => ("OTHER", "Autre partenaire"),
});

coded_enum!(
    /// The fields of action a centre works in, matching the `ACT_DOM_*` indicators of the SENACS catalogue.
    ActionDomain {
        EarlyChildhood => ("EARLY_CHILDHOOD", "Petite enfance"),
        Children => ("CHILDREN", "Enfance (6-11 ans)"),
        Youth => ("YOUTH", "Jeunesse (12-17 ans)"),
        YoungAdults => ("YOUNG_ADULTS", "Jeunes adultes (18-25 ans)"),
        Families => ("FAMILIES", "Familles et parentalité"),
        Seniors => ("SENIORS", "Seniors"),
        Rights => ("RIGHTS", "Accès aux droits"),
        Digital => ("DIGITAL", "Inclusion numérique"),
        Employment => ("EMPLOYMENT", "Insertion et emploi"),
        Language => ("LANGUAGE", "Ateliers de français (FLE)"),
        Health => ("HEALTH", "Santé"),
        Culture => ("CULTURE", "Culture"),
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
