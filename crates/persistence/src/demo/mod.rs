//! The demo data: the federations, territories, centres and partners named in the users' own documents
//! (`shared/seeds/`), loaded into an empty database so a newcomer has a working directory at once.
//!
//! It is written through the same write steps as any user's change, so it is validated and audited, and in one
//! transaction, so it is there whole or not at all.

mod conventions;
mod data;
mod governance;
mod indicators;
pub use indicators::ValueGenerator;
mod pacts;

use pactes_domain::directory::{CentreDraft, CentreKind, CommuneDraft, FederationDraft, PartnerDraft, TerritoryDraft};
use pactes_domain::record::Record;
use pactes_domain::{Actor, CentreId, PartnerId, RepositoryError};

use crate::database::Database;
use crate::directory::insert_federation_in;
use crate::tenant::insert_in;
pub use data::{DemoCentre, DemoFederation, FEDERATIONS};

/// Whether no federation exists yet (the demo data is loaded only then).
pub async fn is_empty(db: &Database) -> Result<bool, RepositoryError> {
    Ok(crate::directory::count_federations(db).await? == 0)
}

/// What [`load`] wrote.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct DemoReport {
    pub federations: usize,
    pub territories: usize,
    pub centres: usize,
    pub partners: usize,
    pub pacts: usize,
    pub conventions: usize,
    pub indicator_values: usize,
    pub bodies: usize,
}

/// Loads the demo data in one transaction: all of it, or nothing (a failure leaves the database empty, so the
/// next start loads it again).
pub async fn load(db: &Database) -> Result<DemoReport, RepositoryError> {
    let actor = Actor::system("demo");
    let mut report = DemoReport::default();
    let write = db.write(crate::row_security::RowScope::All).await?;
    let catalogue = indicators::catalogue(&write).await?;
    for fed in FEDERATIONS {
        let draft = FederationDraft {
            slug: fed.slug.to_owned(),
            name: fed.name.to_owned(),
            kind: fed.kind,
            departements: fed.departements.iter().map(|d| d.to_string()).collect(),
        };
        let federation = insert_federation_in(&write, &actor, draft.validate()?).await?;
        report.federations += 1;
        // The first territory's centres, with the territory: the members of its pact, where it has one.
        let mut members: Option<(pactes_domain::TerritoryId, Vec<CentreId>)> = None;
        for territory in fed.territories {
            let draft = TerritoryDraft {
                name: territory.name.to_owned(),
                kind: territory.kind,
                communes: territory.communes.iter().map(|c| CommuneDraft::named(*c)).collect(),
            };
            let created = insert_in(&write, &actor, Record::create(federation.id, draft.validate()?)).await?;
            report.territories += 1;
            let mut centres = Vec::new();
            for centre in territory.centres {
                let data = centre_draft(centre, Some(created.id)).validate()?;
                centres.push(
                    insert_in(&write, &actor, Record::<CentreId, _>::create(federation.id, data))
                        .await?
                        .id,
                );
                report.centres += 1;
            }
            members.get_or_insert((created.id, centres));
        }
        let mut partners = Vec::new();
        for partner in fed.partners {
            let draft = PartnerDraft {
                kind: partner.kind,
                name: partner.name.to_owned(),
                siret: None,
                contacts: Vec::new(),
            };
            let created = insert_in(
                &write,
                &actor,
                Record::<PartnerId, _>::create(federation.id, draft.validate()?),
            )
            .await?;
            partners.push(created.id);
            report.partners += 1;
        }
        report.pacts += match (fed.slug, &members) {
            ("nord", Some((territory, centres))) => {
                report.indicator_values +=
                    indicators::values(&write, &actor, federation.id, centres, &catalogue, 59).await?;
                report.conventions +=
                    conventions::douaisis_cof(&write, &actor, federation.id, partners[0], centres).await?;
                pacts::douaisis(&write, &actor, federation.id, *territory, centres, &partners).await?
            }
            ("pas-de-calais", Some((territory, centres))) => {
                report.indicator_values +=
                    indicators::values(&write, &actor, federation.id, centres, &catalogue, 62).await?;
                let charter = pacts::calaisis(&write, &actor, federation.id, *territory, centres).await?;
                report.conventions += conventions::calaisis(
                    &write,
                    &actor,
                    federation.id,
                    &partners,
                    centres,
                    charter.pact,
                    charter.trip,
                )
                .await?;
                report.bodies +=
                    governance::calaisis(&write, &actor, federation.id, centres, charter.pact, charter.trip).await?;
                1
            }
            // The protocol binds the federation with the CAF and the Conseil Général, its first two partners.
            ("finistere", _) => pacts::finistere(&write, &actor, federation.id, &partners[..2]).await?,
            _ => 0,
        };
    }
    write.commit().await?;
    tracing::info!(?report, "demo data loaded");
    Ok(report)
}

fn centre_draft(centre: &DemoCentre, territory: Option<pactes_domain::TerritoryId>) -> CentreDraft {
    CentreDraft {
        kind: CentreKind::CentreSocial,
        name: centre.name.to_owned(),
        management: centre.management,
        address: None,
        postal_code: None,
        commune: centre.commune.to_owned(),
        insee_code: None,
        phone: centre.phone.map(str::to_owned),
        email: None,
        website: None,
        siret: None,
        accreditation: None,
        territory_id: territory,
        action_domains: Vec::new(),
    }
}
