//! Governance: bodies, their meetings and decisions — their tables, parts, row mapping, references and the
//! repository. No partner's scope reads any of it (the walls: [`hidden_from_partners`] and, on PostgreSQL, a
//! restrictive policy).

mod bodies;
mod decisions;
mod meetings;
mod outbox;
mod references;
mod repository;

pub use outbox::{Delivery, Outgoing};

use pactes_domain::Scope;
use sea_orm::Condition;
use sea_orm::sea_query::{Expr, ExprTrait};

/// What a scope sees of the governance area beyond its federation: nothing for a partner.
fn hidden_from_partners(scope: &Scope) -> Option<Condition> {
    scope.partner().map(|_| Condition::all().add(Expr::val(1).eq(0)))
}
