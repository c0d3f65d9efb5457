//! The directory's object types: the API's own structs, built from domain objects.

use async_graphql::{ComplexObject, Context, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};
use pactes_domain::directory as domain;
use pactes_domain::record::RecordMeta;

use super::enums::{ActionDomain, CentreKind, FederationKind, Management, PartnerKind, TerritoryKind};
use crate::context::{request, scoped_loaders};
use crate::error::internal;
use crate::ids::{NodeKind, encode};
use crate::scalars::Date;

/// A federation of centres sociaux: one tenant of Pactes. Its public fields are readable without a token.
pub struct Federation(pub domain::Federation);

#[Object]
impl Federation {
    pub async fn id(&self) -> ID {
        encode(NodeKind::Federation, self.0.id.as_uuid())
    }
    /// The federation's name in tokens (`fed` claim) and URLs, e.g. `pas-de-calais`.
    async fn slug(&self) -> &str {
        self.0.data.slug.as_str()
    }
    async fn name(&self) -> &str {
        self.0.data.name.as_str()
    }
    async fn kind(&self) -> FederationKind {
        self.0.data.kind.into()
    }
    /// Codes of the départements covered: "59", "2A", "974".
    async fn departements(&self) -> Vec<&str> {
        self.0.data.departements.iter().map(|d| d.as_str()).collect()
    }
    async fn version(&self) -> i64 {
        self.0.meta.version
    }
}

/// A territory where centres cooperate: an arrondissement (Douaisis), an EPCI, a group of communes (Calaisis).
pub struct Territory(pub domain::Territory);

#[Object]
impl Territory {
    pub async fn id(&self) -> ID {
        encode(NodeKind::Territory, self.0.id.as_uuid())
    }
    async fn name(&self) -> &str {
        self.0.data.name.as_str()
    }
    async fn kind(&self) -> TerritoryKind {
        self.0.data.kind.into()
    }
    async fn communes(&self) -> Vec<&str> {
        self.0.data.communes.iter().map(|c| c.as_str()).collect()
    }
    async fn federation(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Federation>> {
        federation(ctx, self.0.federation_id).await
    }
    #[graphql(flatten)]
    async fn record(&self) -> Record {
        Record::from(&self.0.meta)
    }
}

/// A centre social or an espace de vie sociale (EVS).
pub struct Centre(pub domain::Centre);

#[Object]
impl Centre {
    pub async fn id(&self) -> ID {
        encode(NodeKind::Centre, self.0.id.as_uuid())
    }
    async fn kind(&self) -> CentreKind {
        self.0.data.kind.into()
    }
    async fn name(&self) -> &str {
        self.0.data.name.as_str()
    }
    /// Who runs the centre; null where it is not known.
    async fn management(&self) -> Option<Management> {
        self.0.data.management.map(Into::into)
    }
    async fn address(&self) -> Option<&str> {
        self.0.data.address.as_deref()
    }
    async fn postal_code(&self) -> Option<&str> {
        self.0.data.postal_code.as_ref().map(|p| p.as_str())
    }
    async fn commune(&self) -> &str {
        self.0.data.commune.as_str()
    }
    async fn insee_code(&self) -> Option<&str> {
        self.0.data.insee_code.as_ref().map(|c| c.as_str())
    }
    /// In the French directory form, "03 27 96 90 33".
    async fn phone(&self) -> Option<String> {
        self.0.data.phone.as_ref().map(ToString::to_string)
    }
    /// In international form, "+33327969033", for dialling and click-to-call.
    async fn phone_e164(&self) -> Option<String> {
        self.0.data.phone.as_ref().map(|p| p.e164())
    }
    async fn email(&self) -> Option<&str> {
        self.0.data.email.as_ref().map(|e| e.as_str())
    }
    async fn website(&self) -> Option<&str> {
        self.0.data.website.as_ref().map(|w| w.as_str())
    }
    async fn siret(&self) -> Option<&str> {
        self.0.data.siret.as_ref().map(|s| s.as_str())
    }
    /// The CAF accreditation (agrément) of the centre's social project.
    async fn accreditation(&self) -> Option<Accreditation> {
        self.0.data.accreditation.map(|a| Accreditation {
            start: Date(a.start()),
            end: Date(a.end()),
        })
    }
    async fn action_domains(&self) -> Vec<ActionDomain> {
        self.0.data.action_domains.iter().map(|d| (*d).into()).collect()
    }
    async fn territory(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Territory>> {
        let Some(id) = self.0.data.territory_id else {
            return Ok(None);
        };
        let loaded = scoped_loaders(ctx)?.territories.load_one(id).await.map_err(internal)?;
        Ok(loaded.map(Territory))
    }
    async fn federation(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Federation>> {
        federation(ctx, self.0.federation_id).await
    }
    #[graphql(flatten)]
    async fn record(&self) -> Record {
        Record::from(&self.0.meta)
    }
}

/// The period of a CAF accreditation, both days included.
#[derive(SimpleObject)]
pub struct Accreditation {
    pub start: Date,
    pub end: Date,
}

/// A partner of the federation: a funder (CAF, Département, Région, commune, EPCI, État) or an organisation.
pub struct Partner(pub domain::Partner);

#[Object]
impl Partner {
    pub async fn id(&self) -> ID {
        encode(NodeKind::Partner, self.0.id.as_uuid())
    }
    async fn kind(&self) -> PartnerKind {
        self.0.data.kind.into()
    }
    async fn name(&self) -> &str {
        self.0.data.name.as_str()
    }
    async fn siret(&self) -> Option<&str> {
        self.0.data.siret.as_ref().map(|s| s.as_str())
    }
    async fn contacts(&self) -> Vec<Contact> {
        self.0
            .data
            .contacts
            .iter()
            .map(|c| Contact {
                name: c.name.as_str().to_owned(),
                title: c.title.as_ref().map(|t| t.as_str().to_owned()),
                email: c.email.as_ref().map(|e| e.as_str().to_owned()),
                phone: c.phone.as_ref().map(ToString::to_string),
            })
            .collect()
    }
    async fn federation(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Federation>> {
        federation(ctx, self.0.federation_id).await
    }
    #[graphql(flatten)]
    async fn record(&self) -> Record {
        Record::from(&self.0.meta)
    }
}

#[derive(SimpleObject)]
pub struct Contact {
    pub name: String,
    pub title: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// The fields every versioned object carries.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct Record {
    /// Pass it back with an update: a stale version is refused with a CONFLICT user error.
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Set once the object is archived; archived objects are left out of lists unless asked for.
    pub archived_at: Option<DateTime<Utc>>,
}

#[ComplexObject]
impl Record {
    async fn archived(&self) -> bool {
        self.archived_at.is_some()
    }
}

impl From<&RecordMeta> for Record {
    fn from(meta: &RecordMeta) -> Record {
        Record {
            version: meta.version,
            created_at: meta.created_at,
            updated_at: meta.updated_at,
            archived_at: meta.archived_at,
        }
    }
}

pub(crate) async fn federation(
    ctx: &Context<'_>,
    id: pactes_domain::FederationId,
) -> async_graphql::Result<Option<Federation>> {
    let loaded = request(ctx).federations.load_one(id).await.map_err(internal)?;
    Ok(loaded.map(Federation))
}
