//! What the benchmarks share: a server's settings as a production replica would have them, and its tokens.
#![allow(dead_code)]

use pactes_server::config::{DatabaseArgs, JwtArgs, LimitArgs, Secret, ServeArgs};
use serde_json::json;

pub const SECRET: &str = "a-benchmark-secret-long-enough-for-hs256";

/// A release server's settings on `url`, with the default limits and HS256 tokens signed with [`SECRET`].
pub fn serve_args(url: &str, schema: Option<String>, demo: bool) -> ServeArgs {
    ServeArgs {
        listen: "127.0.0.1:0".parse().unwrap(),
        demo,
        workers: None,
        shutdown_timeout: 1,
        database: DatabaseArgs {
            database_url: Secret::new(url.to_owned()),
            migration_database_url: None,
            database_schema: schema,
            db_max_connections: 16,
            db_statement_timeout: std::time::Duration::from_secs(5),
            partner_min_group: pactes_domain::indicators::DEFAULT_MIN_GROUP,
        },
        jwt: JwtArgs {
            jwt_secret: Some(Secret::new(SECRET)),
            jwt_public_key: None,
            jwt_issuers: None,
            jwt_issuer: None,
            jwt_audience: None,
            jwt_max_lifetime: std::time::Duration::from_secs(24 * 3600),
            dev: false,
        },
        cors_origins: Vec::new(),
        metrics_token: None,
        trusted_documents_only: Vec::new(),
        mail: pactes_server::config::MailArgs {
            smtp_url: None,
            mail_from: "Pactes <convocations@localhost>".to_owned(),
            mail_poll: std::time::Duration::from_secs(1),
            mail_retry_max: std::time::Duration::from_secs(1),
        },
        limits: LimitArgs {
            max_body_bytes: 64 * 1024,
            max_upload_bytes: 16 * 1024 * 1024,
            max_depth: 12,
            max_complexity: 5_000,
            max_aliases: 30,
            max_fields: 2_000,
            max_root_fields: 20,
            max_batch: 10,
            max_response_bytes: 4 * 1024 * 1024,
            max_executing: 32,
            request_timeout: std::time::Duration::from_secs(10),
            cost_budget: 0,
        },
    }
}

/// A token of `federation` (none: a national token) with `roles`.
pub fn token(federation: Option<&str>, roles: &[&str]) -> String {
    let mut claims = json!({ "sub": "bench", "exp": chrono::Utc::now().timestamp() + 3600, "roles": roles });
    if let Some(federation) = federation {
        claims["fed"] = json!(federation);
    }
    jsonwebtoken::encode(
        &jsonwebtoken::Header::default(),
        &claims,
        &jsonwebtoken::EncodingKey::from_secret(SECRET.as_bytes()),
    )
    .unwrap()
}
