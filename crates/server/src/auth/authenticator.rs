//! From an `Authorization` header to a `Caller` bound to one federation.

use std::collections::HashMap;
use std::sync::RwLock;
use std::time::{Duration, Instant};

use pactes_domain::directory::{FederationRepository, PartnerData};
use pactes_domain::lifecycle::RecordState;
use pactes_domain::repository::RecordsById;
use pactes_domain::{Caller, CallerError, CentreId, FederationId, PartnerId, Scope};
use pactes_persistence::Database;

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
    /// For logs: the federation as the token names it.
    pub federation_slug: Option<String>,
    /// When the token expires (`exp`, Unix seconds): a WebSocket it opened is closed then.
    pub expires_at: u64,
}

pub struct Authenticator {
    keys: JwtKeys,
    db: Database,
    /// Slug → id of an active federation. A miss reads the database (a federation created a moment ago is
    /// found). An archive empties it at once on the replica that made it; other replicas read it again
    /// within [`SLUG_TTL`].
    slugs: RwLock<SlugCache>,
}

/// How long a replica trusts that a federation it looked up is still active.
pub const SLUG_TTL: Duration = Duration::from_secs(30);

#[derive(Default)]
struct SlugCache {
    /// [`Database::federation_changes`] when the entries were read.
    changes: u64,
    entries: HashMap<String, (FederationId, Instant)>,
}

impl Authenticator {
    pub fn new(keys: JwtKeys, db: Database) -> Authenticator {
        Authenticator {
            keys,
            db,
            slugs: RwLock::new(SlugCache::default()),
        }
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
        let claims = self.keys.verify(token).await.map_err(|error| match error {
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

    async fn federation(&self, slug: &str) -> Result<FederationId, AuthError> {
        let changes = self.db.federation_changes();
        let cached = self.slugs.read().ok().and_then(|cache| {
            let (id, read_at) = cache.entries.get(slug)?;
            (cache.changes == changes && read_at.elapsed() < SLUG_TTL).then_some(*id)
        });
        if let Some(id) = cached {
            return Ok(id);
        }
        let found = self.db.federation_by_slug_public(slug).await.map_err(|error| {
            tracing::error!(%error, "cannot resolve a token's federation");
            AuthError::Unavailable
        })?;
        let id = found
            .filter(|f| f.meta.archived_at.is_none())
            .ok_or(AuthError::UnknownFederation)?
            .id;
        if let Ok(mut cache) = self.slugs.write() {
            if cache.changes != changes {
                *cache = SlugCache {
                    changes,
                    entries: HashMap::new(),
                };
            }
            cache.entries.insert(slug.to_owned(), (id, Instant::now()));
        }
        Ok(id)
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
