//! A tenant table in one call: the federation column, the keys that keep a row within its federation, the
//! indexes, the row-level security policy and the runtime role's grant, so that a new table cannot be created
//! without one of them.

use sea_orm_migration::prelude::*;

use crate::columns::{int, timestamp, timestamp_null, uuid_pk, uuid_ref, version};
use crate::row_security::{hide_from_partners, protect_tenant_table};

const FEDERATION: &str = "federation_id";

pub struct TenantTable {
    name: &'static str,
    table: TableCreateStatement,
    indexes: Vec<IndexCreateStatement>,
    hidden_from_partners: bool,
}

impl TenantTable {
    fn new(name: &'static str) -> Self {
        Self {
            name,
            table: Table::create().table(name).to_owned(),
            indexes: Vec::new(),
            hidden_from_partners: false,
        }
    }

    /// A record kind's root: `id`, `federation_id` (a federation's), and the unique pair `(federation_id, id)`
    /// the keys of its parts, and of other records, point at (declared with the table, so it may point at
    /// itself).
    pub fn root(name: &'static str) -> Self {
        let mut table = Self::new(name).col(uuid_pk("id")).col(uuid_ref(FEDERATION));
        table.table.index(
            Index::create()
                .name(format!("uq_{name}_federation_id"))
                .col(FEDERATION)
                .col("id")
                .unique(),
        );
        table.table.foreign_key(
            ForeignKey::create()
                .name(format!("fk_{name}_federation"))
                .from(name, FEDERATION)
                .to("federations", "id"),
        );
        table
    }

    /// A part of `parent` with an id of its own (a funding line, a payment): `id`, `federation_id`, `column`.
    pub fn part(name: &'static str, column: &'static str, parent: &'static str) -> Self {
        Self::new(name)
            .col(uuid_pk("id"))
            .col(uuid_ref(FEDERATION))
            .col(uuid_ref(column))
            .parent_key(column, parent)
    }

    /// A part of `parent` known by its place in it: `federation_id`, `column`, then the integer `key`; the
    /// pair `(column, key)` is the primary key.
    pub fn child(name: &'static str, column: &'static str, key: &'static str, parent: &'static str) -> Self {
        Self::rows(name, column, parent)
            .col(int(key))
            .primary_key(&[column, key])
    }

    /// A part of `parent` whose primary key the caller names: `federation_id`, `column`.
    pub fn rows(name: &'static str, column: &'static str, parent: &'static str) -> Self {
        let key = format!("fk_{name}_{}", column.trim_end_matches("_id"));
        Self::rows_named(name, column, parent, &key)
    }

    /// As [`TenantTable::rows`], the key to the parent named `key` (tables older than this helper).
    pub fn rows_named(name: &'static str, column: &'static str, parent: &'static str, key: &str) -> Self {
        Self::new(name)
            .col(uuid_ref(FEDERATION))
            .col(uuid_ref(column))
            .refers(key, column, parent)
    }

    pub fn primary_key(mut self, columns: &[&'static str]) -> Self {
        let mut key = Index::create();
        for column in columns {
            key.col(*column);
        }
        self.table.primary_key(&mut key);
        self
    }

    fn parent_key(self, column: &'static str, parent: &'static str) -> Self {
        let name = format!("fk_{}_{}", self.name, column.trim_end_matches("_id"));
        self.refers(&name, column, parent)
    }

    /// What every record's row ends with: its version (optimistic locking), when it was created, last
    /// changed and archived.
    pub fn record_columns(self) -> Self {
        self.col(version("version"))
            .col(timestamp("created_at"))
            .col(timestamp("updated_at"))
            .col(timestamp_null("archived_at"))
    }

    /// No partner's session reads its rows (see [`crate::row_security::hide_from_partners`]).
    pub fn hidden_from_partners(mut self) -> Self {
        self.hidden_from_partners = true;
        self
    }

    pub fn col(mut self, column: ColumnDef) -> Self {
        self.table.col(column);
        self
    }

    /// `column` names a row of `to` in the same federation: the key is `(federation_id, column)`.
    pub fn refers(mut self, name: &str, column: &'static str, to: &'static str) -> Self {
        self.table.foreign_key(
            ForeignKey::create()
                .name(name)
                .from(self.name, (FEDERATION, column))
                .to(to, (FEDERATION, "id")),
        );
        self
    }

    pub fn check(mut self, condition: SimpleExpr) -> Self {
        self.table.check(condition);
        self
    }

    pub fn index(self, name: &str, columns: &[&'static str]) -> Self {
        self.with_index(name, columns, false)
    }

    pub fn unique(self, name: &str, columns: &[&'static str]) -> Self {
        self.with_index(name, columns, true)
    }

    fn with_index(mut self, name: &str, columns: &[&'static str], unique: bool) -> Self {
        let mut index = Index::create().name(name).table(self.name).to_owned();
        for column in columns {
            index.col(*column);
        }
        if unique {
            index.unique();
        }
        self.indexes.push(index);
        self
    }

    pub async fn create(self, manager: &SchemaManager<'_>) -> Result<(), DbErr> {
        manager.create_table(self.table).await?;
        for index in self.indexes {
            manager.create_index(index).await?;
        }
        protect_tenant_table(manager, self.name).await?;
        if self.hidden_from_partners {
            hide_from_partners(manager, self.name).await?;
        }
        Ok(())
    }
}

/// Drops `tables` in the order given (parts before what they point at).
pub async fn drop_tables(manager: &SchemaManager<'_>, tables: &[&'static str]) -> Result<(), DbErr> {
    for table in tables {
        manager.drop_table(Table::drop().table(*table).to_owned()).await?;
    }
    Ok(())
}
