//! The keys tokens are verified (and, for HS256, minted) with.

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, decode_header, encode};

use super::claims::{Audience, Claims};
use super::issuers::{GrantError, Issuer, IssuerError, read_registry};
use crate::config::JwtArgs;

/// The development secret: public by design, used only in explicit dev mode.
pub const DEV_SECRET: &str = "pactes-development-secret-not-for-production-use";

const MIN_SECRET_BYTES: usize = 32;

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error(
        "no JWT key is configured: set PACTES_JWT_SECRET (HS256) or PACTES_JWT_PUBLIC_KEY (RS256/ES256), \
         or run in development mode with PACTES_DEV=1"
    )]
    NoKey,
    #[error("PACTES_JWT_SECRET must be at least {MIN_SECRET_BYTES} bytes long")]
    ShortSecret,
    #[error("PACTES_JWT_PUBLIC_KEY is neither an RSA nor an EC public key in PEM form")]
    BadPublicKey,
    #[error("cannot read the public key file {path}: {source}")]
    PublicKeyFile { path: String, source: std::io::Error },
    #[error("minting tokens needs an HS256 secret (PACTES_JWT_SECRET or development mode)")]
    CannotMint,
    #[error("PACTES_JWT_SECRET is the public development secret: anyone can sign with it; choose a secret of your own")]
    DevSecretConfigured,
    #[error(
        "an identity provider's public key is trusted only for its own tokens: set PACTES_JWT_ISSUER and \
         PACTES_JWT_AUDIENCE with PACTES_JWT_PUBLIC_KEY"
    )]
    PublicKeyWithoutIssuerOrAudience,
    #[error("a token may live at most {max}s; asked for {asked}s")]
    TooLong { asked: u64, max: u64 },
    #[error(transparent)]
    Issuers(#[from] IssuerError),
    #[error("cannot sign the token: {0}")]
    Sign(#[source] jsonwebtoken::errors::Error),
}

pub struct JwtKeys {
    secret: Option<(EncodingKey, DecodingKey)>,
    public: Option<(Algorithm, DecodingKey)>,
    issuers: Vec<Issuer>,
    issuer: Option<String>,
    audience: Option<String>,
    max_lifetime: u64,
    dev_mode: bool,
}

/// Why a token is refused.
#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    #[error(transparent)]
    Jwt(#[from] jsonwebtoken::errors::Error),
    #[error("the token lives longer than allowed")]
    TooLong,
    #[error("no trusted identity provider has this token's issuer and key")]
    UnknownKey,
    #[error(transparent)]
    Grant(#[from] GrantError),
}

/// What an identity provider's public key configured alone (`PACTES_JWT_PUBLIC_KEY`) may grant: every role of
/// any federation, but not `national-admin` (national tokens come from Pactes' own secret or a registry entry).
fn single_provider_grants(claims: &Claims) -> Result<(), GrantError> {
    match claims
        .roles
        .iter()
        .find(|r| r.as_str() == pactes_domain::Role::NationalAdmin.as_claim())
    {
        Some(role) => Err(GrantError::Role(role.clone())),
        None => Ok(()),
    }
}

#[derive(serde::Deserialize)]
struct IssuerOnly {
    #[serde(default)]
    iss: Option<String>,
}

impl JwtKeys {
    pub fn from_args(args: &JwtArgs) -> Result<JwtKeys, KeyError> {
        let mut dev_mode = false;
        if args.jwt_secret.as_ref().is_some_and(|s| s.expose() == DEV_SECRET) {
            return Err(KeyError::DevSecretConfigured);
        }
        if args.jwt_public_key.is_some() && (args.jwt_issuer.is_none() || args.jwt_audience.is_none()) {
            return Err(KeyError::PublicKeyWithoutIssuerOrAudience);
        }
        let issuers = match &args.jwt_issuers {
            Some(path) => read_registry(path)?,
            None => Vec::new(),
        };
        let secret = match (&args.jwt_secret, &args.jwt_public_key) {
            (Some(secret), _) => Some(secret.expose().to_owned()),
            (None, Some(_)) => None,
            (None, None) if !issuers.is_empty() => None,
            (None, None) if args.dev => {
                dev_mode = true;
                Some(DEV_SECRET.to_owned())
            }
            (None, None) => return Err(KeyError::NoKey),
        };
        if secret.as_ref().is_some_and(|s| s.len() < MIN_SECRET_BYTES) {
            return Err(KeyError::ShortSecret);
        }
        let public = args.jwt_public_key.as_deref().map(public_key).transpose()?;
        Ok(JwtKeys {
            secret: secret.map(|s| {
                (
                    EncodingKey::from_secret(s.as_bytes()),
                    DecodingKey::from_secret(s.as_bytes()),
                )
            }),
            public,
            issuers,
            issuer: args.jwt_issuer.clone(),
            audience: args.jwt_audience.clone(),
            max_lifetime: args.jwt_max_lifetime.as_secs(),
            dev_mode,
        })
    }

    pub fn dev_mode(&self) -> bool {
        self.dev_mode
    }

    /// The longest lifetime a token may have, in seconds.
    pub fn max_lifetime(&self) -> u64 {
        self.max_lifetime
    }

    /// Verifies signature, expiry, not-before, lifetime and (when configured) issuer and audience — `aud` as a
    /// string or an array. Only the configured algorithms are accepted: an `alg: none` or
    /// HS256-signed-with-the-public-key token is refused.
    pub async fn verify(&self, token: &str) -> Result<Claims, VerifyError> {
        use jsonwebtoken::errors::ErrorKind;
        let header = decode_header(token)?;
        if header.alg != Algorithm::HS256 && !self.issuers.is_empty() {
            // Which provider signed it decides which keys may verify it and what it may claim.
            let iss = jsonwebtoken::dangerous::insecure_decode::<IssuerOnly>(token)?
                .claims
                .iss;
            if let Some(provider) = self.issuers.iter().find(|i| Some(&i.issuer) == iss.as_ref()) {
                let kid = header.kid.as_deref().ok_or(VerifyError::UnknownKey)?;
                let (algorithm, key) = provider.key(kid).await.ok_or(VerifyError::UnknownKey)?;
                if algorithm != header.alg {
                    return Err(jsonwebtoken::errors::Error::from(ErrorKind::InvalidAlgorithm).into());
                }
                let claims = self.validate(
                    token,
                    &key,
                    header.alg,
                    Some(&provider.issuer),
                    Some(&provider.audience),
                )?;
                provider.check_grants(claims.fed.as_deref(), &claims.roles)?;
                return Ok(claims);
            }
        }
        let key = match (header.alg, &self.secret, &self.public) {
            (Algorithm::HS256, Some((_, key)), _) => key,
            (alg, _, Some((expected, key))) if alg == *expected => key,
            _ if !self.issuers.is_empty() && header.alg != Algorithm::HS256 => return Err(VerifyError::UnknownKey),
            _ => return Err(jsonwebtoken::errors::Error::from(ErrorKind::InvalidAlgorithm).into()),
        };
        let claims = self.validate(token, key, header.alg, self.issuer.as_ref(), self.audience.as_ref())?;
        if header.alg != Algorithm::HS256 {
            single_provider_grants(&claims)?;
        }
        Ok(claims)
    }

    /// Signature, expiry, not-before, lifetime, and the issuer and audience when given.
    fn validate(
        &self,
        token: &str,
        key: &DecodingKey,
        algorithm: Algorithm,
        issuer: Option<&String>,
        audience: Option<&String>,
    ) -> Result<Claims, VerifyError> {
        let mut validation = Validation::new(algorithm);
        validation.set_required_spec_claims(&["exp", "sub"]);
        validation.leeway = 30;
        validation.validate_nbf = true;
        if let Some(issuer) = issuer {
            validation.set_issuer(&[issuer]);
            validation.required_spec_claims.insert("iss".into());
        }
        match audience {
            Some(audience) => {
                validation.set_audience(&[audience]);
                validation.required_spec_claims.insert("aud".into());
            }
            None => validation.validate_aud = false,
        }
        let claims = decode::<Claims>(token, key, &validation)?.claims;
        let now = jsonwebtoken::get_current_timestamp();
        // Issued in the future counts as issued now: a token cannot shorten its own lifetime that way.
        let issued = claims.iat.map_or(now, |iat| iat.min(now));
        let lifetime = claims.exp.saturating_sub(issued);
        if lifetime > self.max_lifetime + validation.leeway {
            return Err(VerifyError::TooLong);
        }
        Ok(claims)
    }

    /// Mints an HS256 token carrying the configured issuer and audience.
    pub fn mint(&self, mut claims: Claims) -> Result<String, KeyError> {
        let (key, _) = self.secret.as_ref().ok_or(KeyError::CannotMint)?;
        claims.iss = claims.iss.or_else(|| self.issuer.clone());
        claims.aud = claims.aud.or_else(|| self.audience.clone().map(Audience::One));
        let lifetime = claims
            .exp
            .saturating_sub(claims.iat.unwrap_or_else(jsonwebtoken::get_current_timestamp));
        if lifetime > self.max_lifetime {
            return Err(KeyError::TooLong {
                asked: lifetime,
                max: self.max_lifetime,
            });
        }
        encode(&Header::new(Algorithm::HS256), &claims, key).map_err(KeyError::Sign)
    }
}

fn public_key(raw: &str) -> Result<(Algorithm, DecodingKey), KeyError> {
    let pem = if raw.trim_start().starts_with("-----BEGIN") {
        raw.to_owned()
    } else {
        std::fs::read_to_string(raw).map_err(|source| KeyError::PublicKeyFile {
            path: raw.to_owned(),
            source,
        })?
    };
    if let Ok(key) = DecodingKey::from_rsa_pem(pem.as_bytes()) {
        return Ok((Algorithm::RS256, key));
    }
    if let Ok(key) = DecodingKey::from_ec_pem(pem.as_bytes()) {
        return Ok((Algorithm::ES256, key));
    }
    Err(KeyError::BadPublicKey)
}
