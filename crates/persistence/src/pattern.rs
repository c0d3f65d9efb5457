//! Search patterns over folded keys.

/// A `LIKE` pattern matching `folded` anywhere, with the user's `%`, `_` and `\` taken literally.
pub(crate) fn contains_pattern(folded: &str) -> sea_orm::sea_query::LikeExpr {
    let escaped = folded.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    sea_orm::sea_query::LikeExpr::new(format!("%{escaped}%")).escape('\\')
}
