//! Lists that later areas filter or group by become rows: a territory's communes (with their INSEE code), a
//! centre's action domains, a partner's contacts (each with a stable id). Every child table carries the
//! federation, and its foreign key to its parent includes it, so a part can never belong to another tenant's
//! record. The JSON columns are carried over item by item, then dropped.

use pactes_domain::text::fold;
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend, Statement};
use uuid::Uuid;

use crate::columns::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Territories {
    Table,
    Id,
    FederationId,
    Communes,
}

#[derive(DeriveIden)]
enum Centres {
    Table,
    Id,
    FederationId,
    ActionDomains,
}

#[derive(DeriveIden)]
enum Partners {
    Table,
    Id,
    FederationId,
    Contacts,
}

#[derive(DeriveIden)]
enum TerritoryCommunes {
    Table,
    FederationId,
    TerritoryId,
    Position,
    Name,
    NameKey,
    InseeCode,
}

#[derive(DeriveIden)]
enum CentreActionDomains {
    Table,
    FederationId,
    CentreId,
    Domain,
}

#[derive(DeriveIden)]
enum PartnerContacts {
    Table,
    Id,
    FederationId,
    PartnerId,
    Position,
    Name,
    Title,
    Email,
    Phone,
}

#[derive(serde::Deserialize)]
struct OldContact {
    name: String,
    title: Option<String>,
    email: Option<String>,
    phone: Option<String>,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let backend = manager.get_database_backend();
        // The targets of the children's composite foreign keys.
        for (name, table, federation, id) in [
            (
                "uq_centres_federation_id",
                Centres::Table.into_iden(),
                Centres::FederationId.into_iden(),
                Centres::Id.into_iden(),
            ),
            (
                "uq_partners_federation_id",
                Partners::Table.into_iden(),
                Partners::FederationId.into_iden(),
                Partners::Id.into_iden(),
            ),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(table)
                        .col(federation)
                        .col(id)
                        .unique()
                        .to_owned(),
                )
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(TerritoryCommunes::Table)
                    .col(uuid_ref(TerritoryCommunes::FederationId))
                    .col(uuid_ref(TerritoryCommunes::TerritoryId))
                    .col(ColumnDef::new(TerritoryCommunes::Position).integer().not_null())
                    .col(text(TerritoryCommunes::Name))
                    .col(sort_key(backend, TerritoryCommunes::NameKey))
                    .col(text_null(TerritoryCommunes::InseeCode))
                    .primary_key(
                        Index::create()
                            .col(TerritoryCommunes::TerritoryId)
                            .col(TerritoryCommunes::Position),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_territory_communes_territory")
                            .from(
                                TerritoryCommunes::Table,
                                (TerritoryCommunes::FederationId, TerritoryCommunes::TerritoryId),
                            )
                            .to(Territories::Table, (Territories::FederationId, Territories::Id)),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_territory_communes_name")
                    .table(TerritoryCommunes::Table)
                    .col(TerritoryCommunes::TerritoryId)
                    .col(TerritoryCommunes::NameKey)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_territory_communes_insee")
                    .table(TerritoryCommunes::Table)
                    .col(TerritoryCommunes::FederationId)
                    .col(TerritoryCommunes::InseeCode)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CentreActionDomains::Table)
                    .col(uuid_ref(CentreActionDomains::FederationId))
                    .col(uuid_ref(CentreActionDomains::CentreId))
                    .col(text(CentreActionDomains::Domain))
                    .primary_key(
                        Index::create()
                            .col(CentreActionDomains::CentreId)
                            .col(CentreActionDomains::Domain),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_centre_action_domains_centre")
                            .from(
                                CentreActionDomains::Table,
                                (CentreActionDomains::FederationId, CentreActionDomains::CentreId),
                            )
                            .to(Centres::Table, (Centres::FederationId, Centres::Id)),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_centre_action_domains_domain")
                    .table(CentreActionDomains::Table)
                    .col(CentreActionDomains::FederationId)
                    .col(CentreActionDomains::Domain)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(PartnerContacts::Table)
                    .col(uuid_pk(PartnerContacts::Id))
                    .col(uuid_ref(PartnerContacts::FederationId))
                    .col(uuid_ref(PartnerContacts::PartnerId))
                    .col(ColumnDef::new(PartnerContacts::Position).integer().not_null())
                    .col(text(PartnerContacts::Name))
                    .col(text_null(PartnerContacts::Title))
                    .col(text_null(PartnerContacts::Email))
                    .col(text_null(PartnerContacts::Phone))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_partner_contacts_partner")
                            .from(
                                PartnerContacts::Table,
                                (PartnerContacts::FederationId, PartnerContacts::PartnerId),
                            )
                            .to(Partners::Table, (Partners::FederationId, Partners::Id)),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_partner_contacts_position")
                    .table(PartnerContacts::Table)
                    .col(PartnerContacts::PartnerId)
                    .col(PartnerContacts::Position)
                    .unique()
                    .to_owned(),
            )
            .await?;

        carry_over(manager, backend).await?;

        for (table, column) in [
            (Territories::Table.into_iden(), Territories::Communes.into_iden()),
            (Centres::Table.into_iden(), Centres::ActionDomains.into_iden()),
            (Partners::Table.into_iden(), Partners::Contacts.into_iden()),
        ] {
            manager
                .alter_table(Table::alter().table(table).drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration(
            "the child tables cannot be folded back into JSON columns; restore a backup instead".to_owned(),
        ))
    }
}

fn corrupt(what: &str, error: impl std::fmt::Display) -> DbErr {
    DbErr::Migration(format!("cannot carry over {what}: {error}"))
}

/// Every item of every JSON list becomes a row, in its order.
async fn carry_over(manager: &SchemaManager<'_>, backend: DatabaseBackend) -> Result<(), DbErr> {
    let db = manager.get_connection();
    let select = |sql: &str| Statement::from_string(backend, sql.to_owned());

    for row in db
        .query_all_raw(select("SELECT id, federation_id, communes FROM territories"))
        .await?
    {
        let (id, federation): (Uuid, Uuid) = (row.try_get("", "id")?, row.try_get("", "federation_id")?);
        let communes: Vec<String> =
            serde_json::from_str(&row.try_get::<String>("", "communes")?).map_err(|e| corrupt("communes", e))?;
        for (position, name) in communes.iter().enumerate() {
            let insert = Query::insert()
                .into_table(TerritoryCommunes::Table)
                .columns([
                    TerritoryCommunes::FederationId,
                    TerritoryCommunes::TerritoryId,
                    TerritoryCommunes::Position,
                    TerritoryCommunes::Name,
                    TerritoryCommunes::NameKey,
                ])
                .values_panic([
                    federation.into(),
                    id.into(),
                    (position as i32).into(),
                    name.clone().into(),
                    fold(name).into(),
                ])
                .to_owned();
            manager.exec_stmt(insert).await?;
        }
    }

    for row in db
        .query_all_raw(select("SELECT id, federation_id, action_domains FROM centres"))
        .await?
    {
        let (id, federation): (Uuid, Uuid) = (row.try_get("", "id")?, row.try_get("", "federation_id")?);
        let mut domains: Vec<String> = serde_json::from_str(&row.try_get::<String>("", "action_domains")?)
            .map_err(|e| corrupt("action domains", e))?;
        domains.sort();
        domains.dedup();
        for domain in domains {
            let insert = Query::insert()
                .into_table(CentreActionDomains::Table)
                .columns([
                    CentreActionDomains::FederationId,
                    CentreActionDomains::CentreId,
                    CentreActionDomains::Domain,
                ])
                .values_panic([federation.into(), id.into(), domain.into()])
                .to_owned();
            manager.exec_stmt(insert).await?;
        }
    }

    for row in db
        .query_all_raw(select("SELECT id, federation_id, contacts FROM partners"))
        .await?
    {
        let (id, federation): (Uuid, Uuid) = (row.try_get("", "id")?, row.try_get("", "federation_id")?);
        let contacts: Vec<OldContact> =
            serde_json::from_str(&row.try_get::<String>("", "contacts")?).map_err(|e| corrupt("contacts", e))?;
        for (position, contact) in contacts.into_iter().enumerate() {
            let insert = Query::insert()
                .into_table(PartnerContacts::Table)
                .columns([
                    PartnerContacts::Id,
                    PartnerContacts::FederationId,
                    PartnerContacts::PartnerId,
                    PartnerContacts::Position,
                    PartnerContacts::Name,
                    PartnerContacts::Title,
                    PartnerContacts::Email,
                    PartnerContacts::Phone,
                ])
                .values_panic([
                    Uuid::now_v7().into(),
                    federation.into(),
                    id.into(),
                    (position as i32).into(),
                    contact.name.into(),
                    contact.title.into(),
                    contact.email.into(),
                    contact.phone.into(),
                ])
                .to_owned();
            manager.exec_stmt(insert).await?;
        }
    }
    Ok(())
}
