//! Authentication: bearer JWTs verified against the configured key, and turned into a domain `Caller`.

mod authenticator;
mod claims;
mod issuers;
mod keys;

pub use authenticator::{AuthError, Authenticated, Authenticator};
pub use claims::Claims;
pub use keys::{DEV_SECRET, JwtKeys, KeyError};
