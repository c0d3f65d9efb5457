//! Reading a federation's finances: committed and paid amounts per group summed by the database in cents (one
//! statement), the funding lines as a spreadsheet shows them, and a centre's coverage by conventions in force,
//! renewals followed.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use pactes_domain::agreement::Party;
use pactes_domain::conventions::{
    CentreCoverage, ConventionData, ConventionFilter, ConventionKind, ConventionStatus, FundingFilter, FundingGroup,
    FundingLineRow, FundingNature, FundingTotals,
};
use pactes_domain::directory::{CentreRepository, FederationRepository, PartnerRepository};
use pactes_domain::repository::RepositoryResult;
use pactes_domain::{CentreId, FederationId, Money, PartnerId, Scope};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, Order, Query, SelectStatement};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseBackend, EntityTrait, QueryFilter, QueryResult, QuerySelect,
};
use uuid::Uuid;

use super::entity::{Column, Entity};
use super::filters::{conditions, filtered, party_is};
use super::parts::{lines, payments};
use crate::database::Database;
use crate::error::{decode_code, storage};
use crate::money::sum_cents_of;
use crate::party::party_of;
use crate::scope::tenant_condition;
use crate::tenant::{Readable, find_whole};

const PAID_BY_LINE: &str = "paid_by_line";

/// Which lines count: the conventions `filter` selects (signed ones unless `include_unsigned`), and the lines'
/// own fields.
fn line_conditions(scope: &Scope, filter: &FundingFilter, today: NaiveDate) -> Condition {
    let mut all = Condition::all()
        .add(conditions(scope, &filter.conventions, today))
        .add(tenant_condition(
            lines::Column::FederationId,
            scope,
            filter.conventions.federation,
        ));
    if !filter.include_unsigned {
        all = all.add(Column::Status.eq(ConventionStatus::Signed.code()));
    }
    if let Some(funder) = filter.funder {
        all = all.add(party_is(
            lines::Column::FunderCentreId,
            lines::Column::FunderPartnerId,
            funder,
        ));
    }
    if let Some(beneficiary) = filter.beneficiary {
        all = all.add(party_is(
            lines::Column::BeneficiaryCentreId,
            lines::Column::BeneficiaryPartnerId,
            beneficiary,
        ));
    }
    if let Some(year) = filter.year {
        all = all.add(lines::Column::Year.eq(year));
    }
    if let Some(nature) = filter.nature {
        all = all.add(lines::Column::Nature.eq(nature.code()));
    }
    all
}

/// `FROM convention_lines JOIN conventions LEFT JOIN (paid per line)`, filtered.
fn lines_with_paid(
    backend: DatabaseBackend,
    scope: &Scope,
    filter: &FundingFilter,
    today: NaiveDate,
) -> SelectStatement {
    let paid = Query::select()
        .column(payments::Column::LineId)
        .expr_as(
            sum_cents_of(backend, Expr::col(payments::Column::AmountCents)),
            Alias::new("paid"),
        )
        .from(payments::Entity)
        .cond_where(tenant_condition(
            payments::Column::FederationId,
            scope,
            filter.conventions.federation,
        ))
        .group_by_col(payments::Column::LineId)
        .to_owned();
    Query::select()
        .from(lines::Entity)
        .inner_join(
            Entity,
            Expr::col((Entity, Column::Id))
                .equals((lines::Entity, lines::Column::ConventionId))
                .and(Expr::col((Entity, Column::FederationId)).equals((lines::Entity, lines::Column::FederationId))),
        )
        .join_subquery(
            sea_orm::JoinType::LeftJoin,
            paid,
            Alias::new(PAID_BY_LINE),
            Expr::col((Alias::new(PAID_BY_LINE), payments::Column::LineId)).equals((lines::Entity, lines::Column::Id)),
        )
        .cond_where(line_conditions(scope, filter, today))
        .to_owned()
}

fn paid_column() -> Expr {
    Expr::col((Alias::new(PAID_BY_LINE), Alias::new("paid")))
}

async fn rows(db: &impl ConnectionTrait, statement: &SelectStatement) -> RepositoryResult<Vec<QueryResult>> {
    let built = db.get_database_backend().build(statement);
    db.query_all_raw(built).await.map_err(storage)
}

fn get<T: sea_orm::TryGetable>(row: &QueryResult, column: &str) -> RepositoryResult<T> {
    row.try_get::<T>("", column).map_err(storage)
}

fn party(row: &QueryResult, centre: &str, partner: &str, what: &str) -> RepositoryResult<Party> {
    party_of(
        what,
        get::<Option<Uuid>>(row, centre)?,
        get::<Option<Uuid>>(row, partner)?,
    )
}

pub(super) async fn funding_totals(
    db: &Database,
    scope: &Scope,
    group_by: &[FundingGroup],
    filter: &FundingFilter,
    today: NaiveDate,
) -> RepositoryResult<Vec<FundingTotals>> {
    let conn = db.scoped(scope);
    let backend = conn.get_database_backend();
    let mut statement = lines_with_paid(backend, scope, filter, today);
    let mut keys: Vec<(Expr, &'static str)> = Vec::new();
    let grouped = |g: FundingGroup| group_by.contains(&g);
    if grouped(FundingGroup::Federation) {
        keys.push((Expr::col((Entity, Column::FederationId)), "federation_id"));
    }
    if grouped(FundingGroup::Funder) {
        keys.push((
            Expr::col((lines::Entity, lines::Column::FunderCentreId)),
            "funder_centre",
        ));
        keys.push((
            Expr::col((lines::Entity, lines::Column::FunderPartnerId)),
            "funder_partner",
        ));
    }
    if grouped(FundingGroup::Beneficiary) {
        keys.push((
            Expr::col((lines::Entity, lines::Column::BeneficiaryCentreId)),
            "beneficiary_centre",
        ));
        keys.push((
            Expr::col((lines::Entity, lines::Column::BeneficiaryPartnerId)),
            "beneficiary_partner",
        ));
    }
    if grouped(FundingGroup::Year) {
        keys.push((Expr::col((lines::Entity, lines::Column::Year)), "year"));
    }
    if grouped(FundingGroup::Nature) {
        keys.push((Expr::col((lines::Entity, lines::Column::Nature)), "nature"));
    }
    if grouped(FundingGroup::Kind) {
        keys.push((Expr::col((Entity, Column::Kind)), "kind"));
    }
    for (expr, alias) in &keys {
        statement.expr_as(expr.clone(), Alias::new(*alias));
        statement.add_group_by([expr.clone()]);
        statement.order_by_expr(expr.clone(), Order::Asc);
    }
    statement
        .expr_as(
            sum_cents_of(backend, Expr::col((lines::Entity, lines::Column::CommittedCents))),
            Alias::new("committed"),
        )
        .expr_as(
            sum_cents_of(backend, Expr::expr(Func::coalesce([paid_column(), Expr::val(0i64)]))),
            Alias::new("paid"),
        );
    let found = rows(&conn, &statement).await?;
    found
        .iter()
        .map(|row| {
            Ok(FundingTotals {
                federation: if grouped(FundingGroup::Federation) {
                    Some(FederationId::from_uuid(get::<Uuid>(row, "federation_id")?))
                } else {
                    None
                },
                funder: if grouped(FundingGroup::Funder) {
                    Some(party(
                        row,
                        "funder_centre",
                        "funder_partner",
                        "convention_lines.funder",
                    )?)
                } else {
                    None
                },
                beneficiary: if grouped(FundingGroup::Beneficiary) {
                    Some(party(
                        row,
                        "beneficiary_centre",
                        "beneficiary_partner",
                        "convention_lines.beneficiary",
                    )?)
                } else {
                    None
                },
                year: if grouped(FundingGroup::Year) {
                    Some(get::<i32>(row, "year")?)
                } else {
                    None
                },
                nature: if grouped(FundingGroup::Nature) {
                    Some(decode_code::<FundingNature>(
                        "convention_lines.nature",
                        &get::<String>(row, "nature")?,
                    )?)
                } else {
                    None
                },
                kind: if grouped(FundingGroup::Kind) {
                    Some(decode_code::<ConventionKind>(
                        "conventions.kind",
                        &get::<String>(row, "kind")?,
                    )?)
                } else {
                    None
                },
                committed: Money::from_cents(get::<i64>(row, "committed")?),
                paid: Money::from_cents(get::<i64>(row, "paid")?),
            })
        })
        .collect()
}

/// The display names of parties: one statement per kind of party.
async fn names(
    db: &Database,
    scope: &Scope,
    parties: &HashSet<(FederationId, Party)>,
) -> RepositoryResult<HashMap<(FederationId, Party), String>> {
    let centres: Vec<CentreId> = parties
        .iter()
        .filter_map(|(_, p)| match p {
            Party::Centre(id) => Some(*id),
            _ => None,
        })
        .collect();
    let partners: Vec<PartnerId> = parties
        .iter()
        .filter_map(|(_, p)| match p {
            Party::Partner(id) => Some(*id),
            _ => None,
        })
        .collect();
    let federations: Vec<FederationId> = parties
        .iter()
        .map(|(f, _)| *f)
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let mut named = HashMap::new();
    for centre in db.centres_by_ids(scope, &centres).await? {
        named.insert(
            (centre.federation_id, Party::Centre(centre.id)),
            centre.data.name.as_str().to_owned(),
        );
    }
    for partner in db.partners_by_ids(scope, &partners).await? {
        named.insert(
            (partner.federation_id, Party::Partner(partner.id)),
            partner.data.name.as_str().to_owned(),
        );
    }
    for federation in db.federations_by_ids_public(&federations).await? {
        named.insert(
            (federation.id, Party::Federation),
            federation.data.name.as_str().to_owned(),
        );
    }
    Ok(named)
}

pub(super) async fn funding_lines(
    db: &Database,
    scope: &Scope,
    filter: &FundingFilter,
    today: NaiveDate,
) -> RepositoryResult<Vec<FundingLineRow>> {
    let conn = db.scoped(scope);
    let backend = conn.get_database_backend();
    let mut statement = lines_with_paid(backend, scope, filter, today);
    for (table_column, alias) in [
        (Expr::col((Entity, Column::FederationId)), "federation_id"),
        (Expr::col((Entity, Column::Reference)), "reference"),
        (Expr::col((Entity, Column::Kind)), "kind"),
        (Expr::col((Entity, Column::Title)), "title"),
        (
            Expr::col((lines::Entity, lines::Column::FunderCentreId)),
            "funder_centre",
        ),
        (
            Expr::col((lines::Entity, lines::Column::FunderPartnerId)),
            "funder_partner",
        ),
        (
            Expr::col((lines::Entity, lines::Column::BeneficiaryCentreId)),
            "beneficiary_centre",
        ),
        (
            Expr::col((lines::Entity, lines::Column::BeneficiaryPartnerId)),
            "beneficiary_partner",
        ),
        (Expr::col((lines::Entity, lines::Column::Year)), "year"),
        (Expr::col((lines::Entity, lines::Column::Nature)), "nature"),
        (Expr::col((lines::Entity, lines::Column::CommittedCents)), "committed"),
    ] {
        statement.expr_as(table_column, Alias::new(alias));
    }
    statement
        .expr_as(Func::coalesce([paid_column(), Expr::val(0i64)]), Alias::new("paid"))
        .order_by((Entity, Column::ReferenceKey), Order::Asc)
        .order_by((lines::Entity, lines::Column::Position), Order::Asc);
    let found = rows(&conn, &statement).await?;
    struct Raw {
        federation: FederationId,
        funder: Party,
        beneficiary: Party,
        row: FundingLineRow,
    }
    let raws = found
        .iter()
        .map(|r| {
            Ok(Raw {
                federation: FederationId::from_uuid(get::<Uuid>(r, "federation_id")?),
                funder: party(r, "funder_centre", "funder_partner", "convention_lines.funder")?,
                beneficiary: party(
                    r,
                    "beneficiary_centre",
                    "beneficiary_partner",
                    "convention_lines.beneficiary",
                )?,
                row: FundingLineRow {
                    reference: get::<String>(r, "reference")?,
                    kind: decode_code::<ConventionKind>("conventions.kind", &get::<String>(r, "kind")?)?,
                    convention_title: get::<String>(r, "title")?,
                    funder: String::new(),
                    beneficiary: String::new(),
                    year: get::<i32>(r, "year")?,
                    nature: decode_code::<FundingNature>("convention_lines.nature", &get::<String>(r, "nature")?)?,
                    committed: Money::from_cents(get::<i64>(r, "committed")?),
                    paid: Money::from_cents(get::<i64>(r, "paid")?),
                },
            })
        })
        .collect::<RepositoryResult<Vec<_>>>()?;
    let parties: HashSet<(FederationId, Party)> = raws
        .iter()
        .flat_map(|r| [(r.federation, r.funder), (r.federation, r.beneficiary)])
        .collect();
    let named = names(db, scope, &parties).await?;
    let name = |federation, party| named.get(&(federation, party)).cloned().unwrap_or_default();
    Ok(raws
        .into_iter()
        .map(|r| FundingLineRow {
            funder: name(r.federation, r.funder),
            beneficiary: name(r.federation, r.beneficiary),
            ..r.row
        })
        .collect())
}

/// How many renewals deep a chain is followed: far beyond any real one (a convention renewed every year for a
/// century), so a cycle cannot loop.
const MAX_RENEWALS: usize = 100;

pub(super) async fn centre_coverage(
    db: &Database,
    scope: &Scope,
    centre: CentreId,
    today: NaiveDate,
) -> RepositoryResult<CentreCoverage> {
    let conn = db.scoped(scope);
    let filter = ConventionFilter {
        party: Some(Party::Centre(centre)),
        in_force_on: Some(today),
        ..Default::default()
    };
    let in_force = find_whole::<ConventionData>(&conn, scope, filtered(scope, &filter, today)).await?;
    // Each convention's end, pushed back by its signed renewals, one level per statement.
    let mut end_of: HashMap<Uuid, NaiveDate> = in_force
        .iter()
        .map(|c| (c.id.as_uuid(), c.data.content.period.end()))
        .collect();
    let mut chain: HashMap<Uuid, Uuid> = end_of.keys().map(|id| (*id, *id)).collect();
    let mut frontier: Vec<Uuid> = end_of.keys().copied().collect();
    for _ in 0..MAX_RENEWALS {
        if frontier.is_empty() {
            break;
        }
        let renewals: Vec<(Uuid, Option<Uuid>, NaiveDate)> = Entity::find()
            .select_only()
            .column(Column::Id)
            .column(Column::RenewsId)
            .column(Column::EndDate)
            // A partner follows only the renewals it is party to: the end of one it cannot read is not its to see.
            .filter(Readable::<ConventionData>::condition(scope, None, false))
            .filter(Column::RenewsId.is_in(frontier.iter().copied()))
            .filter(Column::Status.eq(ConventionStatus::Signed.code()))
            .into_tuple()
            .all(&conn)
            .await
            .map_err(storage)?;
        frontier.clear();
        for (id, renews, end) in renewals {
            let Some(renewed) = renews.and_then(|r| chain.get(&r).copied()) else {
                continue;
            };
            if chain.insert(id, renewed).is_none() {
                let current = end_of.entry(renewed).or_insert(end);
                *current = Ord::max(*current, end);
                frontier.push(id);
            }
        }
    }
    let first_expiry = in_force
        .iter()
        .filter_map(|c| end_of.get(&c.id.as_uuid()).copied())
        .min();
    Ok(CentreCoverage { in_force, first_expiry })
}
