//! The `pactes` binary's sub-commands, run as a user runs them.

use std::process::Command;

const SECRET: &str = "a-cli-test-secret-that-is-long-enough-for-hs256";

/// The binary, with an environment holding no Pactes setting (cargo's `[env]` sets PACTES_DEV for `cargo run`).
pub(crate) fn pactes() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_pactes"));
    for (key, _) in std::env::vars() {
        if key.starts_with("PACTES_") || key == "DATABASE_URL" {
            command.env_remove(key);
        }
    }
    command
}

#[test]
fn the_committed_schema_is_what_the_binary_prints() {
    let output = pactes().arg("schema").output().unwrap();
    assert!(output.status.success());
    let printed = String::from_utf8(output.stdout).unwrap();
    let committed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../schema.graphql")).unwrap();
    assert!(
        printed == committed,
        "schema.graphql is out of date: run `cargo run -- schema > schema.graphql` and commit it"
    );
}

#[test]
fn a_minted_token_carries_the_requested_claims_and_verifies() {
    let output = pactes()
        .args([
            "token",
            "--federation",
            "nord",
            "--role",
            "centre-manager,viewer",
            "--sub",
            "alice",
            "--centres",
            "a,b",
            "--ttl",
            "30m",
        ])
        .env("PACTES_JWT_SECRET", SECRET)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let token = String::from_utf8(output.stdout).unwrap();
    let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::HS256);
    validation.validate_aud = false;
    let claims = jsonwebtoken::decode::<serde_json::Value>(
        token.trim(),
        &jsonwebtoken::DecodingKey::from_secret(SECRET.as_bytes()),
        &validation,
    )
    .expect("the token verifies with the configured secret")
    .claims;
    assert_eq!(claims["sub"], "alice");
    assert_eq!(claims["fed"], "nord");
    assert_eq!(claims["roles"], serde_json::json!(["centre-manager", "viewer"]));
    assert_eq!(claims["centres"], serde_json::json!(["a", "b"]));
    let lifetime = claims["exp"].as_u64().unwrap() - claims["iat"].as_u64().unwrap();
    assert_eq!(lifetime, 1800);
}

#[test]
fn token_refuses_unknown_roles_and_missing_keys() {
    let unknown = pactes()
        .args(["token", "--federation", "nord", "--role", "superuser"])
        .env("PACTES_JWT_SECRET", SECRET)
        .output()
        .unwrap();
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("unknown role superuser"));

    let keyless = pactes()
        .args(["token", "--federation", "nord", "--role", "viewer"])
        .output()
        .unwrap();
    assert!(!keyless.status.success());
    assert!(String::from_utf8_lossy(&keyless.stderr).contains("PACTES_DEV=1"));
}

#[test]
fn serve_refuses_to_start_without_a_key_outside_development_mode() {
    let dir = tempfile::tempdir().unwrap();
    let output = pactes()
        .args(["serve", "--listen", "127.0.0.1:0"])
        .env(
            "DATABASE_URL",
            format!("sqlite://{}/p.db?mode=rwc", dir.path().display()),
        )
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("no JWT key is configured"));
    assert!(
        !dir.path().join("p.db").exists(),
        "nothing is created before the configuration is valid"
    );
}

#[test]
fn migrate_applies_and_lists_the_migrations() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/p.db?mode=rwc", dir.path().display());
    let status = pactes()
        .args(["migrate", "--status"])
        .env("DATABASE_URL", &url)
        .output()
        .unwrap();
    let listed = String::from_utf8(status.stdout).unwrap();
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    assert!(
        listed.lines().count() >= 2 && listed.lines().all(|l| l.starts_with("pending")),
        "{listed}"
    );

    let applied = pactes().arg("migrate").env("DATABASE_URL", &url).output().unwrap();
    let listed = String::from_utf8(applied.stdout).unwrap();
    assert!(applied.status.success());
    assert!(listed.lines().all(|l| l.starts_with("applied")), "{listed}");
    assert!(listed.contains("m20261123_000001_directory"));
}

/// Keys that would let the wrong people in are refused at start-up, before anything is created: the public
/// development secret configured as if it were a real one, and an identity provider's public key trusted
/// without the issuer and audience that confine it to its own tokens.
#[test]
fn serve_refuses_keys_that_trust_too_much() {
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/es256-public.pem");
    // (case, setting, its value, what the refusal says)
    let cases = [
        (
            "the development secret as PACTES_JWT_SECRET",
            "PACTES_JWT_SECRET",
            "pactes-development-secret-not-for-production-use",
            "public development secret",
        ),
        (
            "a public key without issuer and audience",
            "PACTES_JWT_PUBLIC_KEY",
            fixtures,
            "PACTES_JWT_ISSUER and PACTES_JWT_AUDIENCE",
        ),
    ];
    for (case, key, value, expected) in cases {
        let dir = tempfile::tempdir().unwrap();
        let output = pactes()
            .args(["serve", "--listen", "127.0.0.1:0"])
            .env(
                "DATABASE_URL",
                format!("sqlite://{}/p.db?mode=rwc", dir.path().display()),
            )
            .env(key, value)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{case}");
        assert!(stderr.contains(expected), "{case}: {stderr}");
        assert!(!dir.path().join("p.db").exists(), "{case}: nothing is created");
    }
}

/// `pactes documents load` registers a manifest as graphql-codegen's client preset writes it (sha256 → document),
/// refusing an id that is not its document's hash; `list` shows what is registered.
#[test]
fn documents_are_loaded_from_a_manifest_and_listed() {
    let dir = tempfile::tempdir().unwrap();
    let database = format!("sqlite://{}/p.db?mode=rwc", dir.path().display());
    let document = "query PartnerCentres { centres { totalCount } }";
    let hash = pactes_server::commands::sha256_hex(document);
    let manifest = dir.path().join("persisted-documents.json");
    std::fs::write(&manifest, serde_json::json!({ hash.clone(): document }).to_string()).unwrap();
    let load = pactes()
        .args(["documents", "load", manifest.to_str().unwrap()])
        .env("DATABASE_URL", &database)
        .output()
        .unwrap();
    assert!(load.status.success(), "{}", String::from_utf8_lossy(&load.stderr));
    assert!(String::from_utf8_lossy(&load.stdout).contains("1 documents in the manifest, 1 new"));
    let list = pactes()
        .args(["documents", "list"])
        .env("DATABASE_URL", &database)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&list.stdout).starts_with(&format!("sha256:{hash}")));

    let forged = dir.path().join("forged.json");
    std::fs::write(
        &forged,
        serde_json::json!({ hash: "{ partners { totalCount } }" }).to_string(),
    )
    .unwrap();
    let refused = pactes()
        .args(["documents", "load", forged.to_str().unwrap()])
        .env("DATABASE_URL", &database)
        .output()
        .unwrap();
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("is not the sha256 of its document"));
}
