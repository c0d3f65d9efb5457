//! From an `Authorization` header to a `Caller` bound to one federation.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use pactes_domain::directory::{FederationRepository, PartnerData};
use pactes_domain::lifecycle::RecordState;
use pactes_domain::repository::RecordsById;
use pactes_domain::{Caller, CallerError, CentreId, FederationId, PartnerId, Scope};
use pactes_persistence::Database;

use super::claims::Claims;
use super::keys::{JwtKeys, VerifyError};

/// Why a request is not authenticated. Messages are safe to return: they never quote the token.
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error("the Authorization header must be `Bearer <token>`")]
    MalformedHeader,
    #[error("the token has expired")]
    Expired,
    #[error("the token is not valid: {0}")]
    Invalid(&'static str),
    #[error("the token names an unknown federation")]
    UnknownFederation,
    #[error("the token's claims are inconsistent: {0}")]
    Claims(#[from] CallerError),
    #[error("the token's `{0}` claim holds an id that is not a {1} id")]
    BadId(&'static str, &'static str),
    #[error("the token's partner is not a partner of its federation")]
    UnknownPartner,
    #[error("the token claims more than its identity provider may grant: {0}")]
    NotGranted(String),
    #[error("cannot check the token right now")]
    Unavailable,
}

pub struct Authenticated {
    pub caller: Caller,
    /// Whose budget of cost points the caller spends (`throttle::payer`).
    pub payer: String,
    /// For logs: the federation as the token names it.
    pub federation_slug: Option<String>,
    /// When the token expires (`exp`, Unix seconds): a WebSocket it opened is closed then.
    pub expires_at: u64,
}

pub struct Authenticator {
    keys: JwtKeys,
    db: Database,
    /// Tokens verified lately, with their claims and when they were verified.
    verified: Mutex<HashMap<Box<str>, (Claims, Instant)>>,
}

/// How long a verified token is taken at its word before its signature is checked again: no longer than a
/// federation's slug is trusted, nor than a rotated key takes to be read again.
const VERIFIED_TTL: Duration = Duration::from_secs(30);
/// Tokens kept at once; past it the replica starts again empty.
const VERIFIED_CAPACITY: usize = 4096;

impl Authenticator {
    pub fn new(keys: JwtKeys, db: Database) -> Authenticator {
        Authenticator {
            keys,
            db,
            verified: Mutex::new(HashMap::new()),
        }
    }

    /// The token's claims: verified again (signature, issuer, audience, times) unless this replica verified
    /// the very same token less than [`VERIFIED_TTL`] ago and it has not expired since. Clients send one token
    /// for many requests, and checking its signature and decoding its claims was a twentieth of a request.
    async fn claims(&self, token: &str) -> Result<Claims, VerifyError> {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let kept = self.verified_tokens().get(token).and_then(|(claims, at)| {
            (at.elapsed() < VERIFIED_TTL && claims.exp > now && claims.nbf.is_none_or(|nbf| nbf <= now))
                .then(|| claims.clone())
        });
        if let Some(claims) = kept {
            return Ok(claims);
        }
        let claims = self.keys.verify(token).await?;
        let mut verified = self.verified_tokens();
        if verified.len() >= VERIFIED_CAPACITY {
            verified.clear();
        }
        verified.insert(token.into(), (claims.clone(), Instant::now()));
        Ok(claims)
    }

    fn verified_tokens(&self) -> std::sync::MutexGuard<'_, HashMap<Box<str>, (Claims, Instant)>> {
        // A panic while holding the lock leaves a map that is still whole.
        self.verified.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// `Ok(None)` when there is no `Authorization` header: the request is anonymous.
    pub async fn authenticate(&self, header: Option<&str>) -> Result<Option<Authenticated>, AuthError> {
        let Some(header) = header else { return Ok(None) };
        let token = header
            .strip_prefix("Bearer ")
            .or_else(|| header.strip_prefix("bearer "))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or(AuthError::MalformedHeader)?;
        let claims = self.claims(token).await.map_err(|error| match error {
            VerifyError::Jwt(error) => reason(error),
            VerifyError::TooLong => AuthError::Invalid("the token lives longer than this server allows"),
            VerifyError::UnknownKey => {
                AuthError::Invalid("no trusted identity provider has this token's issuer and key")
            }
            VerifyError::Grant(error) => AuthError::NotGranted(error.to_string()),
        })?;
        let federation = match &claims.fed {
            Some(slug) => Some(self.federation(slug).await?),
            None => None,
        };
        let partner = claims
            .partner
            .as_deref()
            .map(|raw| {
                pactes_api::claim_id(raw, "Partner")
                    .map(PartnerId::from_uuid)
                    .ok_or(AuthError::BadId("partner", "partner"))
            })
            .transpose()?;
        let centres = claims
            .centres
            .iter()
            .map(|raw| {
                pactes_api::claim_id(raw, "Centre")
                    .map(CentreId::from_uuid)
                    .ok_or(AuthError::BadId("centres", "centre"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let expires_at = claims.exp;
        let caller = Caller::new(claims.sub, &claims.roles, federation, partner, centres)?;
        if let Scope::Partner { federation, partner } = caller.scope() {
            self.ensure_partner(*federation, *partner).await?;
        }
        Ok(Some(Authenticated {
            payer: crate::throttle::payer(claims.iss.as_deref(), &caller),
            caller,
            federation_slug: claims.fed,
            expires_at,
        }))
    }

    /// A partner scope names a partner of the token's own federation, still in use: an identity provider
    /// cannot point a token at another federation's partner.
    async fn ensure_partner(&self, federation: FederationId, partner: PartnerId) -> Result<(), AuthError> {
        let found = RecordsById::<PartnerData>::record_states(&self.db, &Scope::Federation(federation), &[partner])
            .await
            .map_err(|error| {
                tracing::error!(%error, "cannot check a token's partner");
                AuthError::Unavailable
            })?;
        match found.first() {
            Some((_, RecordState::Active)) => Ok(()),
            _ => Err(AuthError::UnknownPartner),
        }
    }

    /// The active federation a token's slug names. Federations are kept in memory by the database handle
    /// (read again at once after this replica changes one, within `FEDERATIONS_TTL` after another replica
    /// does), so this costs no statement on most requests.
    async fn federation(&self, slug: &str) -> Result<FederationId, AuthError> {
        let found = self.db.federation_by_slug_public(slug).await.map_err(|error| {
            tracing::error!(%error, "cannot resolve a token's federation");
            AuthError::Unavailable
        })?;
        Ok(found
            .filter(|f| f.meta.archived_at.is_none())
            .ok_or(AuthError::UnknownFederation)?
            .id)
    }
}

fn reason(error: jsonwebtoken::errors::Error) -> AuthError {
    use jsonwebtoken::errors::ErrorKind::*;
    match error.kind() {
        ExpiredSignature => AuthError::Expired,
        InvalidSignature => AuthError::Invalid("bad signature"),
        InvalidAlgorithm | InvalidAlgorithmName | MissingAlgorithm => AuthError::Invalid("algorithm not accepted"),
        InvalidAudience => AuthError::Invalid("wrong audience"),
        InvalidIssuer => AuthError::Invalid("wrong issuer"),
        ImmatureSignature => AuthError::Invalid("not valid yet"),
        MissingRequiredClaim(_) => AuthError::Invalid("a required claim (exp, sub, iss or aud) is missing"),
        _ => AuthError::Invalid("malformed token"),
    }
}
