//! The identity providers Pactes trusts, each only for what it may claim: its issuer (`iss`), its audience, its
//! keys (a JWKS file or URL, chosen by the token's `kid`, so keys rotate without a restart), and the federations
//! and roles it may grant. A provider limited to some federations can never grant `national-admin`.
//!
//! The registry is a JSON file (`PACTES_JWT_ISSUERS`):
//! `[{ "issuer": "https://login.caf59.fr", "audience": "pactes-api", "jwks": "/etc/pactes/caf59.jwks.json",
//!     "federations": ["nord"], "roles": ["partner"] }]` — `federations` left out means all of them;
//! `reload_seconds` (default 30) bounds how often an unknown `kid` makes Pactes read the keys again.

use std::sync::RwLock;
use std::time::{Duration, Instant};

use jsonwebtoken::jwk::{AlgorithmParameters, JwkSet};
use jsonwebtoken::{Algorithm, DecodingKey};
use pactes_domain::Role;
use serde::Deserialize;

/// How often, by default, a provider's keys may be read again because a token named an unknown `kid`: often
/// enough to follow a rotation, rarely enough that made-up `kid`s cannot hammer the provider.
const RELOAD_SECONDS: u64 = 30;

#[derive(Debug, thiserror::Error)]
pub enum IssuerError {
    #[error("cannot read the issuer registry {path}: {reason}")]
    Registry { path: String, reason: String },
    #[error("issuer {issuer}: {reason}")]
    Entry { issuer: String, reason: String },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    issuer: String,
    audience: String,
    /// A JWKS file's path, or an `https://` (or loopback `http://`) URL.
    jwks: String,
    #[serde(default)]
    federations: Option<Vec<String>>,
    roles: Vec<String>,
    #[serde(default = "default_reload")]
    reload_seconds: u64,
}

fn default_reload() -> u64 {
    RELOAD_SECONDS
}

/// One trusted identity provider.
pub struct Issuer {
    pub issuer: String,
    pub audience: String,
    jwks: String,
    federations: Option<Vec<String>>,
    roles: Vec<Role>,
    reload_every: Duration,
    keys: RwLock<Option<(JwkSet, Instant)>>,
}

/// Why a provider's token is refused beyond its signature.
#[derive(Debug, thiserror::Error)]
pub enum GrantError {
    #[error("this identity provider may not grant the role {0}")]
    Role(String),
    #[error("this identity provider may not name the federation {0}")]
    Federation(String),
    #[error("this identity provider grants roles within federations only: the token must name one")]
    NoFederation,
}

impl Issuer {
    /// Refuses claims this provider may not make.
    pub fn check_grants(&self, federation: Option<&str>, roles: &[String]) -> Result<(), GrantError> {
        for role in roles.iter().filter_map(|r| Role::from_claim(r)) {
            if !self.roles.contains(&role) {
                return Err(GrantError::Role(role.as_claim().to_owned()));
            }
        }
        match (&self.federations, federation) {
            (Some(allowed), Some(fed)) if !allowed.iter().any(|a| a == fed) => {
                Err(GrantError::Federation(fed.to_owned()))
            }
            (Some(_), None) => Err(GrantError::NoFederation),
            _ => Ok(()),
        }
    }

    /// The key `kid` names and its algorithm, reading the provider's keys again (at most every 30 s) when the
    /// `kid` is unknown (at most every `reload_seconds`), so that a rotated key is found. Only asymmetric keys
    /// are taken from a JWKS.
    pub async fn key(&self, kid: &str) -> Option<(Algorithm, DecodingKey)> {
        if let Some(found) = self.find(kid) {
            return Some(found);
        }
        let stale = self
            .keys
            .read()
            .ok()
            .and_then(|k| k.as_ref().map(|(_, at)| at.elapsed()))
            .is_none_or(|age| age >= self.reload_every);
        if stale {
            match load(&self.jwks).await {
                Ok(set) => {
                    if let Ok(mut keys) = self.keys.write() {
                        *keys = Some((set, Instant::now()));
                    }
                }
                Err(reason) => tracing::warn!(issuer = %self.issuer, %reason, "cannot read the issuer's keys"),
            }
        }
        self.find(kid)
    }

    fn find(&self, kid: &str) -> Option<(Algorithm, DecodingKey)> {
        let keys = self.keys.read().ok()?;
        let jwk = keys.as_ref()?.0.find(kid)?;
        let algorithm = match &jwk.algorithm {
            AlgorithmParameters::RSA(_) => Algorithm::RS256,
            AlgorithmParameters::EllipticCurve(_) => Algorithm::ES256,
            // A shared secret published in a key set would let anyone who reads it sign tokens.
            _ => return None,
        };
        let algorithm = jwk
            .common
            .key_algorithm
            .and_then(|a| a.to_string().parse::<Algorithm>().ok())
            .unwrap_or(algorithm);
        if matches!(algorithm, Algorithm::HS256 | Algorithm::HS384 | Algorithm::HS512) {
            return None;
        }
        Some((algorithm, DecodingKey::from_jwk(jwk).ok()?))
    }
}

async fn load(location: &str) -> Result<JwkSet, String> {
    let text = if location.starts_with("https://") || location.starts_with("http://") {
        let response = reqwest::Client::builder()
            .timeout(Duration::from_secs(5))
            .build()
            .map_err(|e| e.to_string())?
            .get(location)
            .send()
            .await
            .map_err(|e| e.to_string())?;
        if !response.status().is_success() {
            return Err(format!("{location} answered {}", response.status()));
        }
        response.text().await.map_err(|e| e.to_string())?
    } else {
        tokio::fs::read_to_string(location).await.map_err(|e| e.to_string())?
    };
    serde_json::from_str(&text).map_err(|e| format!("{location} is not a JWKS: {e}"))
}

/// Reads and checks the registry file.
pub fn read_registry(path: &str) -> Result<Vec<Issuer>, IssuerError> {
    let registry = |reason: String| IssuerError::Registry {
        path: path.to_owned(),
        reason,
    };
    let text = std::fs::read_to_string(path).map_err(|e| registry(e.to_string()))?;
    let entries: Vec<Entry> = serde_json::from_str(&text).map_err(|e| registry(e.to_string()))?;
    let mut issuers = Vec::new();
    for entry in entries {
        let invalid = |reason: &str| IssuerError::Entry {
            issuer: entry.issuer.clone(),
            reason: reason.to_owned(),
        };
        if entry.issuer.trim().is_empty() || entry.audience.trim().is_empty() {
            return Err(invalid("issuer and audience must not be empty"));
        }
        let remote = entry.jwks.starts_with("https://") || entry.jwks.starts_with("http://");
        let loopback = ["http://127.0.0.1", "http://localhost", "http://[::1]"]
            .iter()
            .any(|p| entry.jwks.starts_with(p));
        if entry.jwks.starts_with("http://") && !loopback {
            return Err(invalid("keys are fetched over https (plain http only on this machine)"));
        }
        if !remote && !std::path::Path::new(&entry.jwks).is_file() {
            return Err(invalid("its jwks is neither a readable file nor a URL"));
        }
        let mut roles = Vec::new();
        for name in &entry.roles {
            roles.push(Role::from_claim(name).ok_or_else(|| invalid(&format!("unknown role {name}")))?);
        }
        if entry.federations.is_some() && roles.contains(&Role::NationalAdmin) {
            return Err(invalid(
                "an issuer limited to some federations cannot grant national-admin",
            ));
        }
        if issuers.iter().any(|i: &Issuer| i.issuer == entry.issuer) {
            return Err(invalid("listed twice"));
        }
        issuers.push(Issuer {
            issuer: entry.issuer,
            audience: entry.audience,
            jwks: entry.jwks,
            federations: entry.federations,
            roles,
            reload_every: Duration::from_secs(entry.reload_seconds),
            keys: RwLock::new(None),
        });
    }
    Ok(issuers)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registry(json: &str) -> Result<Vec<Issuer>, IssuerError> {
        let dir = tempfile::tempdir().unwrap();
        let jwks = dir.path().join("keys.json");
        std::fs::write(&jwks, r#"{"keys":[]}"#).unwrap();
        let path = dir.path().join("issuers.json");
        std::fs::write(&path, json.replace("JWKS", &jwks.display().to_string())).unwrap();
        read_registry(&path.display().to_string())
    }

    #[test]
    fn an_issuer_is_trusted_only_for_what_it_may_grant() {
        let issuers = registry(
            r#"[{ "issuer": "https://login.caf59.fr", "audience": "pactes-api", "jwks": "JWKS",
                  "federations": ["nord"], "roles": ["partner", "viewer"] }]"#,
        )
        .unwrap();
        let caf = &issuers[0];
        let roles = |r: &[&str]| r.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(caf.check_grants(Some("nord"), &roles(&["partner"])).is_ok());
        assert!(
            caf.check_grants(Some("nord"), &roles(&["partner", "some-other-app-role"]))
                .is_ok()
        );
        assert!(matches!(
            caf.check_grants(Some("pas-de-calais"), &roles(&["partner"])),
            Err(GrantError::Federation(_))
        ));
        assert!(matches!(
            caf.check_grants(Some("nord"), &roles(&["federation-admin"])),
            Err(GrantError::Role(_))
        ));
        assert!(matches!(
            caf.check_grants(None, &roles(&["viewer"])),
            Err(GrantError::NoFederation)
        ));
    }

    #[test]
    fn a_registry_that_would_trust_too_much_is_refused() {
        let cases = [
            (
                r#"[{ "issuer": "x", "audience": "a", "jwks": "JWKS", "federations": ["nord"], "roles": ["national-admin"] }]"#,
                "national-admin",
            ),
            (
                r#"[{ "issuer": "x", "audience": "a", "jwks": "http://idp.example/keys", "roles": ["viewer"] }]"#,
                "https",
            ),
            (
                r#"[{ "issuer": "x", "audience": "a", "jwks": "JWKS", "roles": ["superuser"] }]"#,
                "unknown role",
            ),
            (
                r#"[{ "issuer": "x", "audience": "", "jwks": "JWKS", "roles": ["viewer"] }]"#,
                "empty",
            ),
            (
                r#"[{ "issuer": "x", "audience": "a", "jwks": "/nowhere.json", "roles": ["viewer"] }]"#,
                "readable file",
            ),
            (
                r#"[{ "issuer": "x", "audience": "a", "jwks": "JWKS", "roles": ["viewer"], "typo": 1 }]"#,
                "unknown field",
            ),
        ];
        for (json, expected) in cases {
            let error = registry(json).err().map(|e| e.to_string()).unwrap_or_default();
            assert!(error.contains(expected), "{json}: {error}");
        }
    }
}
