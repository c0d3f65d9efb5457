//! The directory's object types: the API's own structs, built from domain objects. Objects are built from
//! records without their parts; a list field (communes, action domains, contacts) reads its record whole.

use std::borrow::Cow;

use async_graphql::{Context, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};
use pactes_domain::directory as domain;
use pactes_domain::page::SortKey;
use pactes_domain::record::RecordMeta;
use pactes_domain::{CentreId, FederationId, PartnerId, TerritoryId};

use super::enums::{ActionDomain, CentreKind, Management, PartnerKind, TerritoryKind};
use crate::context::{load_record, whole_record};
use crate::error::internal;
use crate::federation::{Federation, federation};
use crate::ids::encode;
use crate::node_kind::{NodeKind, NodeObject};
use crate::record::Record;
use crate::scalars::Date;

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
    /// The communes' names, in the territory's order.
    #[graphql(complexity = "crate::pagination::LIST_FIELD_COST")]
    async fn communes(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<String>> {
        let whole = whole_record::<domain::TerritoryData>(ctx, self.0.id).await?;
        Ok(whole.data.communes.iter().map(|c| c.name.as_str().to_owned()).collect())
    }
    /// The communes with their INSEE code where known.
    #[graphql(complexity = "crate::pagination::LIST_FIELD_COST * child_complexity")]
    async fn commune_details(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Commune>> {
        let whole = whole_record::<domain::TerritoryData>(ctx, self.0.id).await?;
        Ok(whole
            .data
            .communes
            .iter()
            .map(|c| Commune {
                name: c.name.as_str().to_owned(),
                insee_code: c.insee_code.as_ref().map(|i| i.as_str().to_owned()),
            })
            .collect())
    }
    async fn federation(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Federation>> {
        federation(ctx, self.0.federation_id).await
    }
    #[graphql(flatten)]
    async fn record(&self) -> Record {
        Record::from(&self.0.meta)
    }
}

/// The directory's fields of a centre (`crate::centre::Centre` shows them with those of the other areas): read
/// whole, or as its summary when the request shows no more of it (a list of names); a field beyond the summary
/// then reads the whole record, batched with every other centre of the response.
pub struct CentreFields(Shown);

// Not boxed: a page's centres are all of one kind, and boxing would allocate once more for each whole one.
#[allow(clippy::large_enum_variant)]
enum Shown {
    Whole(domain::Centre),
    Summary(domain::CentreSummary),
}

impl Shown {
    fn id(&self) -> CentreId {
        match self {
            Shown::Whole(c) => c.id,
            Shown::Summary(s) => s.id,
        }
    }
    fn federation_id(&self) -> FederationId {
        match self {
            Shown::Whole(c) => c.federation_id,
            Shown::Summary(s) => s.federation_id,
        }
    }
    fn kind(&self) -> domain::CentreKind {
        match self {
            Shown::Whole(c) => c.data.kind,
            Shown::Summary(s) => s.kind,
        }
    }
    fn name(&self) -> &str {
        match self {
            Shown::Whole(c) => c.data.name.as_str(),
            Shown::Summary(s) => s.name.as_str(),
        }
    }
    fn commune(&self) -> &str {
        match self {
            Shown::Whole(c) => c.data.commune.as_str(),
            Shown::Summary(s) => s.commune.as_str(),
        }
    }
    fn territory_id(&self) -> Option<TerritoryId> {
        match self {
            Shown::Whole(c) => c.data.territory_id,
            Shown::Summary(s) => s.territory_id,
        }
    }
}

impl CentreFields {
    pub(crate) fn whole(record: domain::Centre) -> CentreFields {
        CentreFields(Shown::Whole(record))
    }

    pub(crate) fn summary(summary: domain::CentreSummary) -> CentreFields {
        CentreFields(Shown::Summary(summary))
    }

    pub(crate) fn centre_id(&self) -> CentreId {
        self.0.id()
    }

    /// Its version and dates, as read, or read when asked for a summary's.
    pub(crate) fn record(&self) -> CentreRecord {
        match &self.0 {
            Shown::Whole(c) => CentreRecord(c.id, Some(c.meta.clone())),
            Shown::Summary(s) => CentreRecord(s.id, None),
        }
    }

    pub(crate) fn territory_id(&self) -> Option<TerritoryId> {
        self.0.territory_id()
    }

    pub(crate) fn federation_id(&self) -> FederationId {
        self.0.federation_id()
    }

    /// Its place in a list in `field`'s order, for its cursor.
    pub(crate) fn position(&self, field: domain::CentreOrderField) -> (Option<SortKey>, uuid::Uuid) {
        match &self.0 {
            Shown::Whole(c) => (c.sort_key(field), c.id.as_uuid()),
            Shown::Summary(s) => (s.sort_key(field), s.id.as_uuid()),
        }
    }

    /// The whole record (without its parts): as read, or read now for a summary.
    async fn read_whole(&self, ctx: &Context<'_>) -> async_graphql::Result<Cow<'_, domain::Centre>> {
        match &self.0 {
            Shown::Whole(centre) => Ok(Cow::Borrowed(centre)),
            Shown::Summary(summary) => load_record::<domain::CentreData>(ctx, summary.id)
                .await?
                .map(Cow::Owned)
                .ok_or_else(|| internal("a centre shown in this response is gone")),
        }
    }
}

#[Object]
impl CentreFields {
    pub async fn id(&self) -> ID {
        encode(NodeKind::Centre, self.0.id().as_uuid())
    }
    async fn kind(&self) -> CentreKind {
        self.0.kind().into()
    }
    async fn name(&self) -> &str {
        self.0.name()
    }
    /// Who runs the centre; null where it is not known.
    async fn management(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Management>> {
        Ok(self.read_whole(ctx).await?.data.management.map(Into::into))
    }
    async fn address(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<String>> {
        Ok(self.read_whole(ctx).await?.data.address.clone())
    }
    async fn postal_code(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<String>> {
        Ok(self
            .read_whole(ctx)
            .await?
            .data
            .postal_code
            .as_ref()
            .map(|p| p.as_str().to_owned()))
    }
    async fn commune(&self) -> &str {
        self.0.commune()
    }
    async fn insee_code(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<String>> {
        Ok(self
            .read_whole(ctx)
            .await?
            .data
            .insee_code
            .as_ref()
            .map(|c| c.as_str().to_owned()))
    }
    /// In the French directory form, "03 27 96 90 33".
    async fn phone(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<String>> {
        Ok(self.read_whole(ctx).await?.data.phone.as_ref().map(ToString::to_string))
    }
    /// In international form, "+33327969033", for dialling and click-to-call.
    async fn phone_e164(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<String>> {
        Ok(self.read_whole(ctx).await?.data.phone.as_ref().map(|p| p.e164()))
    }
    async fn email(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<String>> {
        Ok(self
            .read_whole(ctx)
            .await?
            .data
            .email
            .as_ref()
            .map(|e| e.as_str().to_owned()))
    }
    async fn website(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<String>> {
        Ok(self
            .read_whole(ctx)
            .await?
            .data
            .website
            .as_ref()
            .map(|w| w.as_str().to_owned()))
    }
    async fn siret(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<String>> {
        Ok(self
            .read_whole(ctx)
            .await?
            .data
            .siret
            .as_ref()
            .map(|s| s.as_str().to_owned()))
    }
    /// The CAF accreditation (agrément) of the centre's social project.
    async fn accreditation(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Accreditation>> {
        Ok(self.read_whole(ctx).await?.data.accreditation.map(|a| Accreditation {
            start: Date(a.start()),
            end: Date(a.end()),
        }))
    }
    async fn action_domains(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<ActionDomain>> {
        let whole = whole_record::<domain::CentreData>(ctx, self.0.id()).await?;
        Ok(whole.data.action_domains.iter().map(|d| (*d).into()).collect())
    }
    async fn territory(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Territory>> {
        let Some(id) = self.0.territory_id() else {
            return Ok(None);
        };
        Ok(load_record(ctx, id).await?.map(Territory))
    }
    async fn federation(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Federation>> {
        federation(ctx, self.0.federation_id()).await
    }
}

/// A centre's version and dates: shown after every other field of a centre, as for every object.
pub struct CentreRecord(CentreId, Option<RecordMeta>);

impl CentreRecord {
    async fn meta(&self, ctx: &Context<'_>) -> async_graphql::Result<Cow<'_, RecordMeta>> {
        match &self.1 {
            Some(meta) => Ok(Cow::Borrowed(meta)),
            None => load_record::<domain::CentreData>(ctx, self.0)
                .await?
                .map(|c| Cow::Owned(c.meta))
                .ok_or_else(|| internal("a centre shown in this response is gone")),
        }
    }
}

// `Record`'s fields, one by one: a merged object's member must have a field of its own, not only a flattened one.
#[Object]
impl CentreRecord {
    /// Pass it back with an update: a stale version is refused with a CONFLICT user error.
    async fn version(&self, ctx: &Context<'_>) -> async_graphql::Result<i64> {
        Ok(self.meta(ctx).await?.version)
    }
    async fn created_at(&self, ctx: &Context<'_>) -> async_graphql::Result<DateTime<Utc>> {
        Ok(self.meta(ctx).await?.created_at)
    }
    async fn updated_at(&self, ctx: &Context<'_>) -> async_graphql::Result<DateTime<Utc>> {
        Ok(self.meta(ctx).await?.updated_at)
    }
    /// Set once the object is archived; archived objects are left out of lists unless asked for.
    async fn archived_at(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<DateTime<Utc>>> {
        Ok(self.meta(ctx).await?.archived_at)
    }
    async fn archived(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        Ok(self.meta(ctx).await?.archived_at.is_some())
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
    /// The people to reach at the partner. Personal data: readable by federation staff and administrators, and
    /// by a partner's own token for its own contacts; null with a FORBIDDEN error for anyone else.
    #[graphql(complexity = "5 * child_complexity")]
    async fn contacts(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Vec<Contact>>> {
        let caller = crate::context::caller(ctx)?;
        let own = caller.scope().partner() == Some(self.0.id);
        if !own && !caller.can(pactes_domain::Permission::ReadPersonalData) {
            return Err(crate::error::ErrorCode::Forbidden
                .error("contacts are personal data: federation staff and administrators read them"));
        }
        let whole = whole_record::<domain::PartnerData>(ctx, self.0.id).await?;
        let contacts = whole
            .data
            .contacts
            .iter()
            .map(|c| Contact {
                id: ID(c.id.to_string()),
                name: c.name.as_str().to_owned(),
                title: c.title.as_ref().map(|t| t.as_str().to_owned()),
                email: c.email.as_ref().map(|e| e.as_str().to_owned()),
                phone: c.phone.as_ref().map(ToString::to_string),
            })
            .collect();
        Ok(Some(contacts))
    }
    async fn federation(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Federation>> {
        federation(ctx, self.0.federation_id).await
    }
    #[graphql(flatten)]
    async fn record(&self) -> Record {
        Record::from(&self.0.meta)
    }
}

/// One commune of a territory.
#[derive(SimpleObject)]
pub struct Commune {
    pub name: String,
    /// The commune's INSEE code (code officiel géographique), e.g. 59178; null where not known.
    pub insee_code: Option<String>,
}

/// A person to reach at a partner.
#[derive(SimpleObject)]
pub struct Contact {
    /// Stable across updates of the partner: send it back to keep this contact.
    pub id: ID,
    pub name: String,
    pub title: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

impl NodeObject for Territory {
    async fn load(ctx: &Context<'_>, id: uuid::Uuid) -> async_graphql::Result<Option<Self>> {
        Ok(load_record(ctx, TerritoryId::from_uuid(id)).await?.map(Territory))
    }
}

impl NodeObject for Partner {
    async fn load(ctx: &Context<'_>, id: uuid::Uuid) -> async_graphql::Result<Option<Self>> {
        Ok(load_record(ctx, PartnerId::from_uuid(id)).await?.map(Partner))
    }
}
