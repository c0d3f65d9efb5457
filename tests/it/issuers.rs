//! Identity providers are trusted only for what they may claim (the issuer registry): their own federations
//! and roles, keys chosen by `kid` from their JWKS, which rotate without a restart.

use std::io::{Read, Write};
use std::net::TcpListener;

use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};

use crate::support::{AUDIENCE, TestApp, a_partner_of, now};

const CAF: &str = "https://login.caf59.test";
const CENTRES: &str = "{ centres { totalCount } }";

fn fixture(name: &str) -> String {
    format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// A token of the CAF's provider: ES256 with `kid` caf59-2026, or RS256 with caf59-2027 once rotated.
fn caf_token(kid: &str, claims: Value) -> String {
    let (algorithm, key) = match kid {
        "caf59-2027" => (
            Algorithm::RS256,
            EncodingKey::from_rsa_pem(&std::fs::read(fixture("rs256-private.pem")).unwrap()).unwrap(),
        ),
        _ => (
            Algorithm::ES256,
            EncodingKey::from_ec_pem(&std::fs::read(fixture("es256-private.pem")).unwrap()).unwrap(),
        ),
    };
    let mut header = Header::new(algorithm);
    header.kid = Some(kid.to_owned());
    let mut all = json!({ "sub": "caf59-integration", "iss": CAF, "aud": AUDIENCE, "iat": now(), "exp": now() + 600 });
    for (k, v) in claims.as_object().unwrap() {
        all[k] = v.clone();
    }
    jsonwebtoken::encode(&header, &all, &key).unwrap()
}

async fn app_trusting(jwks: &str) -> (TestApp, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let registry = dir.path().join("issuers.json");
    let entry = json!([{ "issuer": CAF, "audience": AUDIENCE, "jwks": jwks, "federations": ["nord"],
                         "roles": ["partner", "viewer"], "reload_seconds": 0 }]);
    std::fs::write(&registry, entry.to_string()).unwrap();
    let path = registry.display().to_string();
    let app = TestApp::spawn_configured(move |args| args.jwt.jwt_issuers = Some(path)).await;
    (app, dir)
}

#[tokio::test]
async fn a_provider_grants_only_its_federations_and_roles_and_its_keys_rotate() {
    let dir = tempfile::tempdir().unwrap();
    let jwks = dir.path().join("caf59.jwks.json");
    std::fs::copy(fixture("caf59-jwks-2026.json"), &jwks).unwrap();
    let (app, _registry) = app_trusting(&jwks.display().to_string()).await;
    let partner = a_partner_of(&app, "nord").await;

    let good = caf_token(
        "caf59-2026",
        json!({ "fed": "nord", "roles": ["partner"], "partner": partner }),
    );
    let reply = app.gql(Some(&good), CENTRES, json!({})).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.data()["centres"]["totalCount"], 13);

    let refused = [
        (
            "another federation",
            json!({ "fed": "pas-de-calais", "roles": ["viewer"] }),
        ),
        (
            "a role it may not grant",
            json!({ "fed": "nord", "roles": ["federation-admin"] }),
        ),
        ("national-admin", json!({ "roles": ["national-admin"] })),
        (
            "another audience",
            json!({ "fed": "nord", "roles": ["viewer"], "aud": "another-api" }),
        ),
    ];
    for (case, claims) in refused {
        let reply = app
            .gql(Some(&caf_token("caf59-2026", claims)), CENTRES, json!({}))
            .await;
        assert_eq!(reply.status, 401, "{case}: {}", reply.body);
        assert_eq!(reply.codes(), ["UNAUTHENTICATED"], "{case}");
    }

    // A key the provider has not published yet is refused; once its JWKS lists it, it is accepted, with no
    // restart: the keys are read again when a token names an unknown `kid`.
    let rotated = caf_token("caf59-2027", json!({ "fed": "nord", "roles": ["viewer"] }));
    assert_eq!(
        app.gql(Some(&rotated), CENTRES, json!({})).await.status,
        401,
        "not published yet"
    );
    std::fs::copy(fixture("caf59-jwks-2027.json"), &jwks).unwrap();
    let reply = app.gql(Some(&rotated), CENTRES, json!({})).await;
    assert_eq!(reply.status, 200, "after the rotation: {}", reply.body);
}

#[tokio::test]
async fn a_provider_s_keys_are_fetched_from_its_url() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/.well-known/jwks.json", listener.local_addr().unwrap());
    let body = std::fs::read_to_string(fixture("caf59-jwks-2026.json")).unwrap();
    // A stand-in for the provider's endpoint: answers each request with the key set.
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten().take(4) {
            let mut stream = stream;
            let mut request = [0u8; 2048];
            let _ = stream.read(&mut request);
            let reply = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = stream.write_all(reply.as_bytes());
        }
    });
    let (app, _registry) = app_trusting(&url).await;
    let token = caf_token("caf59-2026", json!({ "fed": "nord", "roles": ["viewer"] }));
    let reply = app.gql(Some(&token), CENTRES, json!({})).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.data()["centres"]["totalCount"], 13);
}
