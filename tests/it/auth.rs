//! Item 4: who gets in, and what each role may do.

use base64::Engine as _;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};

use crate::support::{AUDIENCE, ISSUER, SECRET, TestApp, jwt_args, now, token_with};

const CENTRES: &str = "{ centres { totalCount } }";

#[tokio::test]
async fn the_public_list_of_federations_needs_no_token() {
    let app = TestApp::spawn().await;
    let reply = app
        .gql(None, "{ federations { slug name kind departements } }", json!({}))
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let slugs: Vec<&str> = reply.data()["federations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["slug"].as_str().unwrap())
        .collect();
    assert_eq!(
        slugs,
        ["finistere", "garonne-occitanie", "moselle", "nord", "pas-de-calais"]
    );
}

fn unsigned(claims: &Value) -> String {
    let engine = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    format!(
        "{}.{}.",
        engine.encode(r#"{"alg":"none","typ":"JWT"}"#),
        engine.encode(claims.to_string())
    )
}

#[tokio::test]
async fn bad_tokens_are_refused_with_401_unauthenticated() {
    let app = TestApp::spawn().await;
    let valid_claims =
        json!({ "sub": "x", "exp": now() + 600, "iss": ISSUER, "aud": AUDIENCE, "fed": "nord", "roles": ["viewer"] });
    let forged = jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        &valid_claims,
        &EncodingKey::from_secret(b"another-secret-that-is-long-enough-to-sign"),
    )
    .unwrap();
    let cases: Vec<(&str, Option<String>)> = vec![
        ("no token", None),
        (
            "expired",
            Some(token_with(Some("nord"), &["viewer"], json!({ "exp": now() - 3600 }))),
        ),
        ("forged signature", Some(forged)),
        ("alg none", Some(unsigned(&valid_claims))),
        (
            "wrong audience",
            Some(token_with(Some("nord"), &["viewer"], json!({ "aud": "another-api" }))),
        ),
        (
            "wrong issuer",
            Some(token_with(
                Some("nord"),
                &["viewer"],
                json!({ "iss": "https://evil.example" }),
            )),
        ),
        (
            "no exp",
            Some(
                jsonwebtoken::encode(
                    &Header::new(Algorithm::HS256),
                    &json!({ "sub": "x", "iss": ISSUER, "aud": AUDIENCE, "fed": "nord", "roles": ["viewer"] }),
                    &EncodingKey::from_secret(SECRET.as_bytes()),
                )
                .unwrap(),
            ),
        ),
        (
            "unknown federation",
            Some(token_with(Some("atlantide"), &["viewer"], json!({}))),
        ),
        (
            "no federation, not national",
            Some(token_with(None, &["viewer"], json!({}))),
        ),
        (
            "no known role",
            Some(token_with(Some("nord"), &["superuser"], json!({}))),
        ),
        (
            "not valid yet (nbf in an hour)",
            Some(token_with(Some("nord"), &["viewer"], json!({ "nbf": now() + 3600 }))),
        ),
        (
            "lives longer than the server allows (25 h)",
            Some(token_with(
                Some("nord"),
                &["viewer"],
                json!({ "iat": now(), "exp": now() + 25 * 3600 }),
            )),
        ),
        (
            "issued long ago, still valid: its lifetime is too long",
            Some(token_with(
                Some("nord"),
                &["viewer"],
                json!({ "iat": now() - 30 * 24 * 3600, "exp": now() + 600 }),
            )),
        ),
        (
            "national-admin naming a federation",
            Some(token_with(Some("nord"), &["national-admin"], json!({}))),
        ),
        (
            "audience array without ours",
            Some(token_with(
                Some("nord"),
                &["viewer"],
                json!({ "aud": ["another-api", "a-third"] }),
            )),
        ),
        ("garbage", Some("not.a.jwt".into())),
    ];
    for (case, token) in cases {
        let response = app
            .client
            .post(format!("{}/graphql", app.address))
            .bearer_auth(token.clone().unwrap_or_default())
            .json(&json!({ "query": CENTRES }));
        let response = if token.is_some() {
            response
        } else {
            app.client
                .post(format!("{}/graphql", app.address))
                .json(&json!({ "query": CENTRES }))
        }
        .send()
        .await
        .unwrap();
        let challenge = response
            .headers()
            .get("www-authenticate")
            .map(|v| v.to_str().unwrap().to_owned());
        assert!(
            challenge.as_deref().is_some_and(|c| c.starts_with("Bearer")),
            "{case}: a 401 says which scheme it expects, got {challenge:?}"
        );
        let reply = app.gql(token.as_deref(), CENTRES, json!({})).await;
        assert_eq!(reply.status, 401, "{case}: {}", reply.body);
        assert_eq!(reply.codes(), ["UNAUTHENTICATED"], "{case}: {}", reply.body);
        assert!(
            reply.data().is_null() || reply.data()["centres"].is_null(),
            "{case}: no data may leak: {}",
            reply.body
        );
    }
    // A malformed Authorization header is refused too.
    let response = app
        .client
        .post(format!("{}/graphql", app.address))
        .header("authorization", "Basic dXNlcjpwYXNz")
        .json(&json!({ "query": CENTRES }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 401, "Basic auth");
}

#[tokio::test]
async fn an_anonymous_mutation_is_refused_and_writes_nothing() {
    let app = TestApp::spawn().await;
    let before = app.db.statement_count();
    let reply = app
        .gql(
            None,
            "mutation { createTerritory(input: { name: \"Lensois\", kind: ARRONDISSEMENT }) { territory { id } } }",
            json!({}),
        )
        .await;
    assert_eq!(reply.status, 401);
    assert_eq!(reply.codes(), ["UNAUTHENTICATED"]);
    assert_eq!(app.db.statement_count(), before, "nothing may reach the database");
}

async fn first_centre_id(app: &TestApp) -> String {
    let token = app.token(Some("nord"), &["viewer"]);
    crate::support::centres(app, &token).await[0].0.clone()
}

/// Item 4's role table: (operation, role, expected top-level code or "ok"), on a Nord object.
#[tokio::test]
async fn what_each_role_may_do() {
    let app = TestApp::spawn().await;
    let centre = first_centre_id(&app).await;
    let other_centre = crate::support::centres(&app, &app.token(Some("nord"), &["viewer"])).await[1]
        .0
        .clone();
    let create = r#"mutation { createPartner(input: { kind: COMMUNE, name: "Ville de Somain" }) { partner { id } userErrors { code } } }"#;
    let update = format!(
        r#"mutation {{ updateCentre(input: {{ id: "{centre}", version: 1, email: "accueil@centre.fr" }}) {{ centre {{ version }} userErrors {{ code }} }} }}"#
    );
    let audit = "{ auditLog(first: 1) { totalCount } }";
    let federation = r#"mutation { createFederation(input: { slug: "gironde", name: "Fédération des centres sociaux de Gironde", kind: DEPARTMENTAL, departements: ["33"] }) { federation { slug } userErrors { code } } }"#;
    let read =
        "{ centres(first: 1) { totalCount } partners(first: 1) { totalCount } territories(first: 1) { totalCount } }";

    let partner = token_with(
        Some("nord"),
        &["partner"],
        json!({ "partner": crate::support::a_partner_of(&app, "nord").await }),
    );
    let manager_own = token_with(Some("nord"), &["centre-manager"], json!({ "centres": [centre] }));
    let manager_other = token_with(Some("nord"), &["centre-manager"], json!({ "centres": [other_centre] }));
    let cases: Vec<(&str, String, &str, &str)> = vec![
        ("read", app.token(Some("nord"), &["viewer"]), read, "ok"),
        ("read", partner.clone(), read, "ok"),
        ("read", app.token(None, &["national-admin"]), read, "ok"),
        (
            "createPartner",
            app.token(Some("nord"), &["viewer"]),
            create,
            "FORBIDDEN",
        ),
        ("createPartner", partner.clone(), create, "FORBIDDEN"),
        ("createPartner", manager_own.clone(), create, "FORBIDDEN"),
        (
            "createPartner",
            app.token(None, &["national-admin"]),
            create,
            "FORBIDDEN",
        ),
        (
            "createPartner",
            app.token(Some("nord"), &["federation-staff"]),
            create,
            "ok",
        ),
        (
            "createPartner",
            app.token(Some("nord"), &["federation-admin"]),
            create,
            "ok",
        ),
        (
            "updateCentre",
            app.token(Some("nord"), &["viewer"]),
            &update,
            "FORBIDDEN",
        ),
        ("updateCentre", manager_other, &update, "FORBIDDEN"),
        ("updateCentre", manager_own, &update, "ok"),
        ("auditLog", app.token(Some("nord"), &["viewer"]), audit, "FORBIDDEN"),
        (
            "auditLog",
            app.token(Some("nord"), &["federation-staff"]),
            audit,
            "FORBIDDEN",
        ),
        ("auditLog", app.token(Some("nord"), &["federation-admin"]), audit, "ok"),
        (
            "createFederation",
            app.token(Some("nord"), &["federation-admin"]),
            federation,
            "FORBIDDEN",
        ),
        (
            "createFederation",
            app.token(None, &["national-admin"]),
            federation,
            "ok",
        ),
    ];
    for (operation, token, query, expected) in cases {
        let reply = app.gql(Some(&token), query, json!({})).await;
        let case = format!("{operation} as {}", claims_roles(&token));
        assert_eq!(reply.status, 200, "{case}: {}", reply.body);
        if expected == "ok" {
            assert!(reply.codes().is_empty(), "{case}: {}", reply.body);
            let payload = reply.data().as_object().unwrap().values().next().unwrap();
            assert!(
                crate::support::user_errors(payload).is_empty(),
                "{case}: {}",
                reply.body
            );
        } else {
            assert_eq!(reply.codes(), [expected], "{case}: {}", reply.body);
        }
    }
}

fn claims_roles(token: &str) -> String {
    let payload = token.split('.').nth(1).unwrap_or_default();
    let decoded = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .unwrap_or_default();
    let claims: Value = serde_json::from_slice(&decoded).unwrap_or_default();
    claims["roles"].to_string()
}

/// A partner's identity provider signs with its private key; Pactes holds only the public key. A token
/// signed with HS256 using that public key as the secret (the classic algorithm confusion) is refused.
#[tokio::test]
async fn tokens_of_an_identity_provider_are_verified_with_its_public_key() {
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
    for (algorithm, private, public) in [
        (Algorithm::ES256, "es256-private.pem", "es256-public.pem"),
        (Algorithm::RS256, "rs256-private.pem", "rs256-public.pem"),
    ] {
        let public_pem = std::fs::read_to_string(format!("{fixtures}/{public}")).unwrap();
        let private_pem = std::fs::read(format!("{fixtures}/{private}")).unwrap();
        let app = TestApp::spawn_with(pactes_server::config::JwtArgs {
            jwt_secret: None,
            jwt_public_key: Some(format!("{fixtures}/{public}")),
            ..jwt_args()
        })
        .await;
        let caf = crate::support::a_partner_of(&app, "nord").await;
        let claims = json!({ "sub": "caf-59", "exp": now() + 600, "iss": ISSUER, "aud": AUDIENCE, "fed": "nord", "roles": ["partner"], "partner": caf });
        let key = match algorithm {
            Algorithm::ES256 => EncodingKey::from_ec_pem(&private_pem).unwrap(),
            _ => EncodingKey::from_rsa_pem(&private_pem).unwrap(),
        };
        let token = jsonwebtoken::encode(&Header::new(algorithm), &claims, &key).unwrap();
        let reply = app.gql(Some(&token), CENTRES, json!({})).await;
        assert_eq!(reply.status, 200, "{algorithm:?}: {}", reply.body);
        assert_eq!(reply.data()["centres"]["totalCount"], 13, "{algorithm:?}");
        let national = json!({ "sub": "idp-admin", "exp": now() + 600, "iss": ISSUER, "aud": AUDIENCE, "roles": ["national-admin"] });
        let national = jsonwebtoken::encode(&Header::new(algorithm), &national, &key).unwrap();
        let reply = app.gql(Some(&national), CENTRES, json!({})).await;
        assert_eq!(
            reply.status, 401,
            "{algorithm:?}: a provider's key never grants national-admin: {}",
            reply.body
        );

        let confused = jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            &claims,
            &EncodingKey::from_secret(public_pem.as_bytes()),
        )
        .unwrap();
        let reply = app.gql(Some(&confused), CENTRES, json!({})).await;
        assert_eq!(reply.status, 401, "{algorithm:?} confusion: {}", reply.body);
        let shared_secret = token_with(Some("nord"), &["viewer"], json!({}));
        assert_eq!(
            app.gql(Some(&shared_secret), CENTRES, json!({})).await.status,
            401,
            "no HS256 secret is configured"
        );
    }
}

/// A partner token is scoped to one partner of its federation: without the claim, or naming a partner of
/// another federation, it is refused at authentication; with it, it reads the directory as a viewer does.
#[tokio::test]
async fn a_partner_token_names_a_partner_of_its_own_federation() {
    let app = TestApp::spawn().await;
    let nord_partner = crate::support::a_partner_of(&app, "nord").await;
    let calais_partner = crate::support::a_partner_of(&app, "pas-de-calais").await;
    let query = "{ viewer { partnerId } centres { totalCount } }";

    let without = token_with(Some("nord"), &["partner"], json!({}));
    let reply = app.gql(Some(&without), query, json!({})).await;
    assert_eq!(reply.status, 401, "{}", reply.body);
    assert_eq!(reply.codes(), ["UNAUTHENTICATED"]);

    let foreign = token_with(Some("nord"), &["partner"], json!({ "partner": calais_partner }));
    let reply = app.gql(Some(&foreign), query, json!({})).await;
    assert_eq!(reply.status, 401, "another federation's partner: {}", reply.body);

    let own = token_with(Some("nord"), &["partner"], json!({ "partner": nord_partner }));
    let reply = app.gql(Some(&own), query, json!({})).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.data()["centres"]["totalCount"], 13, "{}", reply.body);
    let shown = reply.data()["viewer"]["partnerId"].as_str().unwrap();
    assert_eq!(
        pactes_api::claim_id(shown, "Partner").map(|u| u.to_string()),
        Some(nord_partner)
    );
}

/// `aud` may be one audience or an array of them (RFC 7519): a token for several APIs, ours among them, is good.
#[tokio::test]
async fn an_audience_array_naming_us_is_accepted() {
    let app = TestApp::spawn().await;
    let token = token_with(Some("nord"), &["viewer"], json!({ "aud": ["another-api", AUDIENCE] }));
    let reply = app.gql(Some(&token), CENTRES, json!({})).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.data()["centres"]["totalCount"], 13);
}
