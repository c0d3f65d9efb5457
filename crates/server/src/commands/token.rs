use super::CommandResult;
use crate::auth::{Claims, JwtKeys};
use crate::config::TokenArgs;

pub fn token(args: TokenArgs) -> CommandResult {
    for role in &args.roles {
        if pactes_domain::Role::from_claim(role).is_none() {
            let known: Vec<&str> = pactes_domain::Role::ALL.iter().map(|r| r.as_claim()).collect();
            return Err(format!("unknown role {role}; known roles: {}", known.join(", ")).into());
        }
    }
    let keys = JwtKeys::from_args(&args.jwt)?;
    if keys.dev_mode() {
        eprintln!("warning: signed with the public development secret; only a server in development mode accepts it");
    }
    let now = chrono::Utc::now().timestamp() as u64;
    let claims = Claims {
        // Each minted token is a caller of its own (its budget, its audit entries), unless told who it is.
        sub: args
            .sub
            .unwrap_or_else(|| format!("cli:{}:{}", args.roles[0], uuid::Uuid::now_v7())),
        exp: now + args.ttl.as_secs(),
        iat: Some(now),
        fed: args.federation,
        roles: args.roles,
        partner: args.partner,
        centres: args.centres,
        iss: None,
        aud: None,
        nbf: None,
    };
    println!("{}", keys.mint(claims)?);
    Ok(())
}
