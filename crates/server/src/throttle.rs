//! A budget of cost points per caller (its issuer, federation and subject, or its partner), refilled continuously: past it, a
//! request is refused with THROTTLED and `Retry-After`. Each request is charged the `actual` cost its response
//! reports. The buckets live in this replica's memory — a deliberate exception to "PostgreSQL holds all state":
//! checking a shared budget would cost a statement per request. Behind a load balancer spreading a caller over
//! N replicas, the caller's effective budget is up to N times the configured one.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use pactes_domain::{Caller, Scope};

/// Whose budget a request spends: a partner's integrations share their partner's; anyone else is its identity
/// provider's subject within its federation (or nationally), so that two providers' or two federations' callers
/// with one `sub` never throttle each other. The issuer's length comes first: no issuer and subject can be
/// read as another pair.
pub fn payer(issuer: Option<&str>, caller: &Caller) -> String {
    let issuer = issuer.unwrap_or_default();
    let prefix = format!("{}:{issuer}", issuer.len());
    match caller.scope() {
        Scope::Partner { federation, partner } => format!("partner|{federation}|{partner}"),
        Scope::Federation(federation) => format!("{prefix}|{federation}|{}", caller.subject()),
        Scope::National => format!("{prefix}|national|{}", caller.subject()),
    }
}

/// Buckets kept at most; past it the least recently used is forgotten (it was full again anyway, or soon).
const MAX_CALLERS: usize = 10_000;

struct Bucket {
    points: f64,
    at: Instant,
}

pub struct Throttle {
    /// Points per minute, and the bucket's size; 0 turns budgets off.
    per_minute: u64,
    buckets: Mutex<HashMap<String, Bucket>>,
}

impl Throttle {
    pub fn new(per_minute: u64) -> Throttle {
        Throttle {
            per_minute,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    pub fn per_minute(&self) -> u64 {
        self.per_minute
    }

    fn refilled(&self, bucket: &mut Bucket, now: Instant) {
        let per_second = self.per_minute as f64 / 60.0;
        let elapsed = now.duration_since(bucket.at).as_secs_f64();
        bucket.points = (bucket.points + elapsed * per_second).min(self.per_minute as f64);
        bucket.at = now;
    }

    /// `Ok` with the points left when `caller` may go on; otherwise how long until its budget is positive again.
    pub fn check(&self, caller: &str) -> Result<u64, Duration> {
        if self.per_minute == 0 {
            return Ok(u64::MAX);
        }
        let now = Instant::now();
        let Ok(mut buckets) = self.buckets.lock() else {
            return Ok(0);
        };
        let Some(bucket) = buckets.get_mut(caller) else {
            return Ok(self.per_minute);
        };
        self.refilled(bucket, now);
        if bucket.points > 0.0 {
            return Ok(bucket.points as u64);
        }
        let per_second = self.per_minute as f64 / 60.0;
        Err(Duration::from_secs_f64((-bucket.points / per_second).max(1.0)))
    }

    /// Charges `cost` points to `caller`; the budget may go negative, which the next check refuses.
    pub fn charge(&self, caller: &str, cost: u64) {
        if self.per_minute == 0 || cost == 0 {
            return;
        }
        let now = Instant::now();
        let Ok(mut buckets) = self.buckets.lock() else { return };
        if !buckets.contains_key(caller)
            && buckets.len() >= MAX_CALLERS
            && let Some(oldest) = buckets.iter().min_by_key(|(_, b)| b.at).map(|(k, _)| k.clone())
        {
            buckets.remove(&oldest);
        }
        let bucket = buckets.entry(caller.to_owned()).or_insert(Bucket {
            points: self.per_minute as f64,
            at: now,
        });
        self.refilled(bucket, now);
        bucket.points -= cost as f64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_caller_past_its_budget_waits_and_others_do_not() {
        let throttle = Throttle::new(600);
        assert_eq!(throttle.check("a"), Ok(600));
        throttle.charge("a", 900);
        let wait = throttle.check("a").unwrap_err();
        // 300 points short at 10 points a second.
        assert!(
            wait >= Duration::from_secs(29) && wait <= Duration::from_secs(31),
            "{wait:?}"
        );
        assert_eq!(throttle.check("b"), Ok(600));
        assert_eq!(Throttle::new(0).check("a"), Ok(u64::MAX), "0 turns budgets off");
    }

    #[test]
    fn a_payer_is_an_issuers_subject_in_a_federation_or_a_partner() {
        let federation = |n: u128| Some(pactes_domain::FederationId::from_uuid(uuid::Uuid::from_u128(n)));
        let viewer = |sub: &str, fed| Caller::new(sub.into(), &["viewer".to_owned()], fed, None, Vec::new()).unwrap();
        let nord = viewer("agent-1", federation(1));
        assert_ne!(
            payer(Some("idp"), &nord),
            payer(Some("idp"), &viewer("agent-1", federation(2)))
        );
        assert_ne!(payer(Some("idp"), &nord), payer(Some("other-idp"), &nord));
        assert_ne!(
            payer(Some("a"), &viewer("b|c", federation(1))),
            payer(Some("a|b"), &viewer("c", federation(1)))
        );
        assert_eq!(
            payer(Some("idp"), &nord),
            payer(Some("idp"), &viewer("agent-1", federation(1)))
        );
        let partner = pactes_domain::PartnerId::from_uuid(uuid::Uuid::from_u128(9));
        let caf = |sub: &str| {
            Caller::new(
                sub.into(),
                &["partner".to_owned()],
                federation(1),
                Some(partner),
                Vec::new(),
            )
            .unwrap()
        };
        assert_eq!(
            payer(Some("idp"), &caf("batch")),
            payer(Some("other"), &caf("sync")),
            "a partner's budget"
        );
    }
}
