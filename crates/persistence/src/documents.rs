//! Trusted documents: operations registered ahead (by their id), so a client may send the id instead of the
//! text, and some callers may send nothing else. National reference data, readable by any request.

use pactes_domain::RepositoryError;
use pactes_domain::repository::RepositoryResult;
use sea_orm::entity::prelude::*;
use sea_orm::{QueryOrder, Set};

use crate::database::Database;
use crate::error::storage;

mod entity {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "trusted_documents")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub document: String,
        pub added_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

use entity::{ActiveModel, Column, Entity};

impl Database {
    /// Registers documents (id → text); an id already registered keeps its text. Returns how many were new.
    pub async fn add_trusted_documents_public(&self, documents: &[(String, String)]) -> RepositoryResult<usize> {
        let before = Entity::find().count(&self.public()).await.map_err(storage)?;
        let now = pactes_domain::record::now();
        for chunk in documents.chunks(200) {
            let rows = chunk.iter().map(|(id, document)| ActiveModel {
                id: Set(id.clone()),
                document: Set(document.clone()),
                added_at: Set(now),
            });
            Entity::insert_many(rows)
                .on_conflict_do_nothing_on([Column::Id])
                .exec_without_returning(&self.public())
                .await
                .map_err(storage)?;
        }
        let after = Entity::find().count(&self.public()).await.map_err(storage)?;
        usize::try_from(after - before).map_err(|e| RepositoryError::Storage(Box::new(e)))
    }

    /// The text of the trusted document `id`, if registered.
    pub async fn trusted_document_public(&self, id: &str) -> RepositoryResult<Option<String>> {
        let found = Entity::find_by_id(id.to_owned())
            .one(&self.public())
            .await
            .map_err(storage)?;
        Ok(found.map(|row| row.document))
    }

    /// Every registered id with its text's length, in id order.
    pub async fn list_trusted_documents_public(&self) -> RepositoryResult<Vec<(String, usize)>> {
        let rows = Entity::find()
            .order_by_asc(Column::Id)
            .all(&self.public())
            .await
            .map_err(storage)?;
        Ok(rows.into_iter().map(|row| (row.id, row.document.len())).collect())
    }
}
