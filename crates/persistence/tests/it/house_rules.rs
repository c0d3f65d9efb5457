//! The house rules of the schema, checked on the migrated database itself so no area can drift from them:
//! every tenant table names its federation, every foreign key between tenant tables includes it (a row can
//! only point at a row of its own federation), and every unique constraint mapped to an input field exists.

use std::collections::{BTreeMap, BTreeSet};

use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, Statement};

use crate::both;

/// Tables that are not a tenant's: the tenants themselves, the audit log (national changes have no
/// federation), the trusted documents every federation's clients share, the national indicator catalogue, and
/// the migration ledger.
const NOT_TENANT_TABLES: &[&str] = &[
    "federations",
    "audit_log",
    "trusted_documents",
    "indicators",
    "seaql_migrations",
];

async fn strings(conn: &DatabaseConnection, sql: &str, columns: &[&str]) -> Vec<Vec<String>> {
    let statement = Statement::from_string(conn.get_database_backend(), sql.to_owned());
    let rows = conn.query_all_raw(statement).await.unwrap();
    rows.iter()
        .map(|row| columns.iter().map(|c| row.try_get::<String>("", c).unwrap()).collect())
        .collect()
}

async fn tables(conn: &DatabaseConnection) -> Vec<String> {
    let sql = match conn.get_database_backend() {
        DatabaseBackend::Postgres => {
            "SELECT table_name::text AS name FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        }
        _ => "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    };
    strings(conn, sql, &["name"])
        .await
        .into_iter()
        .map(|r| r[0].clone())
        .collect()
}

/// Whether `table` has a NOT NULL `federation_id` column.
async fn has_federation(conn: &DatabaseConnection, table: &str) -> bool {
    let sql = match conn.get_database_backend() {
        DatabaseBackend::Postgres => format!(
            "SELECT is_nullable::text AS nullable FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name = '{table}' AND column_name = 'federation_id'"
        ),
        _ => format!(
            "SELECT CASE WHEN \"notnull\" = 1 THEN 'NO' ELSE 'YES' END AS nullable \
             FROM pragma_table_info('{table}') WHERE name = 'federation_id'"
        ),
    };
    strings(conn, &sql, &["nullable"]).await == vec![vec!["NO".to_owned()]]
}

/// Each foreign key of `table`: the table it points to and its columns.
async fn foreign_keys(conn: &DatabaseConnection, table: &str) -> Vec<(String, BTreeSet<String>)> {
    let (sql, columns) = match conn.get_database_backend() {
        DatabaseBackend::Postgres => (
            format!(
                "SELECT c.conname::text AS name, t.relname::text AS target, a.attname::text AS col \
                 FROM pg_constraint c \
                 JOIN pg_class s ON s.oid = c.conrelid \
                 JOIN pg_namespace n ON n.oid = s.relnamespace \
                 JOIN pg_class t ON t.oid = c.confrelid \
                 JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey) \
                 WHERE c.contype = 'f' AND n.nspname = current_schema() AND s.relname = '{table}'"
            ),
            ["name", "target", "col"],
        ),
        _ => (
            format!(
                "SELECT CAST(id AS TEXT) AS name, \"table\" AS target, \"from\" AS col FROM pragma_foreign_key_list('{table}')"
            ),
            ["name", "target", "col"],
        ),
    };
    let mut keys: BTreeMap<String, (String, BTreeSet<String>)> = BTreeMap::new();
    for row in strings(conn, &sql, &columns).await {
        let entry = keys
            .entry(row[0].clone())
            .or_insert_with(|| (row[1].clone(), BTreeSet::new()));
        entry.1.insert(row[2].clone());
    }
    keys.into_values().collect()
}

both!(
    every_tenant_table_names_its_federation_and_its_foreign_keys_include_it,
    empty,
    |db| async move {
        let conn = db.unscoped_connection();
        let all = tables(&conn).await;
        let tenant: Vec<&String> = all
            .iter()
            .filter(|t| !NOT_TENANT_TABLES.contains(&t.as_str()))
            .collect();
        assert!(tenant.len() >= 6, "the directory's tables and their children: {all:?}");
        for table in tenant {
            assert!(
                has_federation(&conn, table).await,
                "{table} has no NOT NULL federation_id"
            );
            let keys = foreign_keys(&conn, table).await;
            // On PostgreSQL, the values' centre (and so its federation) is checked once per statement by a
            // trigger instead of a foreign key's lookup per row (migration 16); a test holds it to the rule.
            let checked_by_trigger = db.backend() == DatabaseBackend::Postgres && table == "indicator_values";
            assert!(
                !keys.is_empty() || checked_by_trigger,
                "{table} references nothing: not even its federation"
            );
            for (target, columns) in keys {
                assert!(
                    columns.contains("federation_id"),
                    "{table} → {target} on {columns:?}: a foreign key between tenant rows must include federation_id"
                );
            }
        }
    }
);

both!(
    every_unique_constraint_mapped_to_a_field_exists,
    empty,
    |db| async move {
        let conn = db.unscoped_connection();
        let present: BTreeSet<String> = match db.backend() {
            DatabaseBackend::Postgres => strings(
                &conn,
                "SELECT conname::text AS name FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace \
                 WHERE n.nspname = current_schema() \
                 UNION SELECT indexname::text FROM pg_indexes WHERE schemaname = current_schema()",
                &["name"],
            )
            .await
            .into_iter()
            .map(|r| r[0].clone())
            .collect(),
            _ => strings(
                &conn,
                "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL",
                &["name"],
            )
            .await
            .into_iter()
            .map(|r| r[0].clone())
            .collect(),
        };
        for name in pactes_persistence::unique_constraint_names() {
            // SQLite names a column's own UNIQUE (the federations' slug) only by an automatic index.
            if db.backend() != DatabaseBackend::Postgres && name.ends_with("_key") {
                continue;
            }
            assert!(
                present.contains(name),
                "{name} is mapped to a field but the database has no such constraint"
            );
        }
    }
);

/// Every `.rs` file under `dir`, with its text.
fn sources(dir: &std::path::Path, found: &mut Vec<(std::path::PathBuf, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            found.push((path, text));
        }
    }
}

/// The body of the `impl` block that starts at `start` (its braces balanced).
fn block(text: &str, start: usize) -> &str {
    let open = start + text[start..].find('{').unwrap();
    let mut depth = 0;
    for (i, c) in text[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return &text[open..=open + i];
                }
            }
            _ => {}
        }
    }
    &text[open..]
}

// The partner wall is the machinery's: every record kind says what each scope sees of it (the compiler holds
// the method, this test holds the place), and no area applies a visibility rule or the tenant's archive
// condition to its own pages: they are built from `Readable`, which applies the walls.
#[test]
fn every_record_kind_declares_its_visibility_and_only_the_machinery_applies_it() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&root, &mut files);
    let mut kinds = Vec::new();
    for (path, text) in &files {
        for (start, _) in text.match_indices("impl TenantRecord for ") {
            let name = text[start + "impl TenantRecord for ".len()..]
                .split_whitespace()
                .next()
                .unwrap()
                .to_owned();
            assert!(
                block(text, start).contains("fn visible_to("),
                "{name} ({}) does not say what a partner sees of it",
                path.display()
            );
            kinds.push(name);
        }
        let machinery = path.starts_with(root.join("tenant"));
        if !machinery {
            let outside_impl = text.matches("::visible_to(").count();
            assert_eq!(
                outside_impl,
                0,
                "{} applies a visibility rule itself: read through tenant::Readable",
                path.display()
            );
        }
    }
    kinds.sort();
    assert_eq!(
        kinds,
        [
            "ActionSheetData",
            "BodyData",
            "CampaignData",
            "CentreData",
            "ConventionData",
            "DecisionData",
            "MeetingData",
            "PactData",
            "PartnerData",
            "TerritoryData"
        ],
        "the record kinds: a new one is added here once its visibility is decided"
    );
}
