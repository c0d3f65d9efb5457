//! A partner's contacts are people: who reads them, what the audit log keeps of them, and how they are erased.

use pactes_persistence::row_security::{RowScope, within};
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};

use crate::support::{TestApp, token_with, user_errors};

const CREATE: &str = r#"mutation { createPartner(input: { kind: COMMUNE, name: "Ville de Douai", contacts: [
    { name: "Jeanne Martin", title: "Direction de la vie associative", email: "jeanne.martin@ville-douai.fr", phone: "03 27 93 58 00" }
] }) { partner { id version contacts { id name email } } userErrors { code } } }"#;

#[tokio::test]
async fn contacts_are_read_by_the_staff_and_their_own_partner_only() {
    let app = TestApp::spawn().await;
    let staff = app.token(Some("nord"), &["federation-staff"]);
    let created = app.gql(Some(&staff), CREATE, json!({})).await;
    let partner = created.data()["createPartner"]["partner"].clone();
    assert_eq!(partner["contacts"][0]["name"], "Jeanne Martin", "{}", created.body);
    let id = partner["id"].as_str().unwrap().to_owned();
    let query = "query($id: ID!) { partner(id: $id) { name contacts { name email } } }";

    let readers = [
        ("federation-admin", app.token(Some("nord"), &["federation-admin"])),
        (
            "its own partner",
            token_with(Some("nord"), &["partner"], json!({ "partner": id })),
        ),
    ];
    for (who, token) in readers {
        let reply = app.gql(Some(&token), query, json!({ "id": id })).await;
        assert!(reply.codes().is_empty(), "{who}: {}", reply.body);
        assert_eq!(
            reply.data()["partner"]["contacts"][0]["email"],
            "jeanne.martin@ville-douai.fr",
            "{who}"
        );
    }
    let another_partner = crate::support::a_partner_of(&app, "nord").await;
    let others = [
        ("viewer", app.token(Some("nord"), &["viewer"])),
        ("centre-manager", app.token(Some("nord"), &["centre-manager"])),
        (
            "another partner",
            token_with(Some("nord"), &["partner"], json!({ "partner": another_partner })),
        ),
    ];
    for (who, token) in others {
        let reply = app.gql(Some(&token), query, json!({ "id": id })).await;
        assert_eq!(reply.codes(), ["FORBIDDEN"], "{who}: {}", reply.body);
        assert_eq!(
            reply.data()["partner"]["name"],
            "Ville de Douai",
            "{who} still reads the partner"
        );
        assert_eq!(reply.data()["partner"]["contacts"], Value::Null, "{who}");
    }
}

/// The erasure procedure of the README: remove the contact from its partner. Its row goes in the same
/// transaction, and the append-only audit log never held the person's data, only the contact's id.
#[tokio::test]
async fn erasing_a_contact_leaves_nothing_of_the_person_anywhere() {
    let app = TestApp::spawn().await;
    let staff = app.token(Some("nord"), &["federation-staff"]);
    let created = app.gql(Some(&staff), CREATE, json!({})).await;
    let partner = created.data()["createPartner"]["partner"].clone();
    let contact = partner["contacts"][0]["id"].clone();
    let update = "mutation($id: ID!, $v: Int!, $c: [ContactInput!]) { updatePartner(input: { id: $id, version: $v, contacts: $c }) { partner { version contacts { id } } userErrors { field code } } }";
    let moved = app
        .gql(
            Some(&staff),
            update,
            json!({ "id": partner["id"], "v": 1, "c": [{ "id": contact, "name": "Jeanne Martin", "email": "j.martin@ville-douai.fr", "phone": "03 27 93 58 01" }] }),
        )
        .await;
    assert_eq!(user_errors(&moved.data()["updatePartner"]), [], "{}", moved.body);
    assert_eq!(
        moved.data()["updatePartner"]["partner"]["contacts"][0]["id"],
        contact,
        "the contact kept its id"
    );

    let erased = app
        .gql(Some(&staff), update, json!({ "id": partner["id"], "v": 2, "c": [] }))
        .await;
    assert_eq!(
        erased.data()["updatePartner"]["partner"]["contacts"],
        json!([]),
        "{}",
        erased.body
    );

    // Nothing of the person in any table: the contacts, and the whole audit log as stored.
    let conn = app.db.unscoped_connection();
    let backend = conn.get_database_backend();
    let dump = |sql: &str| {
        let conn = conn.clone();
        let sql = sql.to_owned();
        async move {
            // Every federation's rows: the wall under the repositories would otherwise hide them all.
            let rows = within(RowScope::All, conn.query_all_raw(Statement::from_string(backend, sql)))
                .await
                .unwrap();
            rows.iter()
                .map(|r| r.try_get::<String>("", "text").unwrap_or_default())
                .collect::<Vec<_>>()
                .join("\n")
        }
    };
    let audit = dump("SELECT changes AS text FROM audit_log").await;
    assert!(audit.contains("contacts"), "the dump reads the log's entries: {audit}");
    let contacts = dump("SELECT name || ' ' || COALESCE(email, '') AS text FROM partner_contacts").await;
    for personal in [
        "Jeanne Martin",
        "martin@ville-douai",
        "93 58",
        "0327935800",
        "0327935801",
    ] {
        assert!(!audit.contains(personal), "{personal} is in the audit log");
        assert!(!contacts.contains(personal), "{personal} is still a contact");
    }
    // What the log does keep: that a contact, known by its id, came, changed and went.
    let admin = app.token(Some("nord"), &["federation-admin"]);
    let log = app
        .gql(
            Some(&admin),
            "query($id: ID!) { auditLog(entityId: $id) { edges { node { action changes { field before after } } } } }",
            json!({ "id": partner["id"] }),
        )
        .await;
    let fields: Vec<String> = log.data()["auditLog"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["node"]["changes"].as_array().unwrap().clone())
        .map(|c| c["field"].as_str().unwrap().to_owned())
        .collect();
    let contact_id = contact.as_str().unwrap();
    assert!(fields.contains(&format!("contacts.{contact_id}.email")), "{fields:?}");
    assert!(fields.contains(&format!("contacts.{contact_id}.name")), "{fields:?}");
}
