//! Aggregates' sums, computed by the database: for each indicator, each group of centres and each year, the sum
//! of the numerator's values (a derived indicator's components added up per centre), the sum of the
//! denominator's (a ratio), the centres that reported every component, and those that answered true — one
//! statement for the indicators that are one value per centre (grouped by code), one for the others (each
//! centre's components pivoted first), and one for how many centres each group has (coverage). A centre that
//! did not report is left out: a missing value lowers coverage, never a sum.

use std::collections::HashMap;

use pactes_domain::directory::{CentreKind, Management};
use pactes_domain::indicators::CampaignStatus;
use pactes_domain::indicators::{
    AggregateFilter, AggregateGroup, AggregateSums, GroupKey, GroupSums, Indicator, IndicatorCode,
};
use pactes_domain::repository::RepositoryResult;
use pactes_domain::{CentreId, FederationId, Scope, TerritoryId};
use sea_orm::{ConnectionTrait, DatabaseBackend, DbErr, QueryResult, Statement};
use uuid::Uuid;

use crate::database::Database;
use crate::error::{decode_code, storage};
use crate::sql::Sql;

/// Each grouping: its column as an expression on the centres `c`, on the values `iv` where they hold it, and
/// its alias.
const GROUPINGS: [(AggregateGroup, &str, Option<&str>, &str); 6] = [
    (
        AggregateGroup::Federation,
        "c.federation_id",
        Some("iv.federation_id"),
        "g_federation",
    ),
    (AggregateGroup::Territory, "c.territory_id", None, "g_territory"),
    (
        AggregateGroup::Departement,
        "SUBSTR(c.postal_code, 1, 2)",
        None,
        "g_departement",
    ),
    (AggregateGroup::CentreKind, "c.kind", None, "g_kind"),
    (AggregateGroup::Management, "c.management", None, "g_management"),
    (AggregateGroup::Centre, "c.id", Some("iv.centre_id"), "g_centre"),
];

/// The grouping columns, each as an expression on `c` (the centres) and its alias.
fn keys(group_by: &[AggregateGroup]) -> Vec<(&'static str, &'static str)> {
    GROUPINGS
        .iter()
        .filter(|(group, ..)| group_by.contains(group))
        .map(|(_, expr, _, alias)| (*expr, *alias))
        .collect()
}

/// The grouping columns as expressions on the values `iv`, when they hold every one of them.
fn value_keys(group_by: &[AggregateGroup]) -> Option<Vec<(&'static str, &'static str)>> {
    GROUPINGS
        .iter()
        .filter(|(group, ..)| group_by.contains(group))
        .map(|(_, _, expr, alias)| expr.map(|e| (e, *alias)))
        .collect()
}

/// The conditions on the values `iv` that narrow what is read through the index on (federation, code, year):
/// the scope's federation and the filter's, the one centre asked for, and, for a partner, only the years whose
/// campaign its federation has published (a partner never reads figures still being collected or checked).
fn value_conditions(sql: &mut Sql, scope: &Scope, filter: &AggregateFilter) -> String {
    let mut conditions = Vec::new();
    if crate::scope::TENANT_FILTER
        && let Some(own) = scope.federation()
    {
        conditions.push(format!("iv.federation_id = {}", sql.bind(own.as_uuid())));
    }
    if let Some(one) = filter.federation {
        conditions.push(format!("iv.federation_id = {}", sql.bind(one.as_uuid())));
    }
    if let Some(centre) = filter.centre {
        conditions.push(format!("iv.centre_id = {}", sql.bind(centre.as_uuid())));
    }
    if conditions.is_empty() {
        // Across federations: the values' key is led by the federation, so naming them all lets PostgreSQL
        // read each federation's part of the key instead of the whole table.
        conditions.push("iv.federation_id IN (SELECT f.id FROM federations f)".to_owned());
    }
    if scope.partner().is_some() {
        conditions.push(format!(
            "iv.year IN (SELECT p.year FROM campaigns p WHERE p.federation_id = iv.federation_id \
             AND p.status = {} AND p.archived_at IS NULL)",
            sql.bind(CampaignStatus::Published.code())
        ));
    }
    conditions.iter().map(|c| format!(" AND {c}")).collect()
}

/// The conditions on the centres `c`: the scope's federations (row-level security holds the same wall below,
/// on the values and the centres alike), and the filter.
fn centre_conditions(sql: &mut Sql, scope: &Scope, filter: &AggregateFilter) -> String {
    let mut conditions = Vec::new();
    // As `tenant_condition`: the caller's federation, narrowed to the one a national caller asks for (a
    // federation asking for another gets nothing).
    if crate::scope::TENANT_FILTER
        && let Some(own) = scope.federation()
    {
        conditions.push(format!("c.federation_id = {}", sql.bind(own.as_uuid())));
    }
    if let Some(one) = filter.federation {
        conditions.push(format!("c.federation_id = {}", sql.bind(one.as_uuid())));
    }
    if let Some(territory) = filter.territory {
        conditions.push(format!("c.territory_id = {}", sql.bind(territory.as_uuid())));
    }
    if let Some(kind) = filter.centre_kind {
        conditions.push(format!("c.kind = {}", sql.bind(kind.code())));
    }
    if let Some(centre) = filter.centre {
        conditions.push(format!("c.id = {}", sql.bind(centre.as_uuid())));
    }
    if conditions.is_empty() {
        "1 = 1".to_owned()
    } else {
        conditions.join(" AND ")
    }
}

/// `SUM(expr)` as a whole number, 0 over no row. PostgreSQL sums integers into a numeric, brought back to
/// `BIGINT` here (a sum of hundredths stays far below its limit).
fn sum(backend: DatabaseBackend, expr: &str, only: Option<&str>) -> String {
    let only = only.map(|c| format!(" FILTER (WHERE {c})")).unwrap_or_default();
    match backend {
        DatabaseBackend::Postgres => format!("COALESCE(CAST(SUM({expr}){only} AS BIGINT), 0)"),
        _ => format!("COALESCE(SUM({expr}){only}, 0)"),
    }
}

fn group_key(row: &QueryResult, group_by: &[AggregateGroup]) -> RepositoryResult<GroupKey> {
    let get_uuid = |alias: &str| row.try_get::<Option<Uuid>>("", alias).map_err(storage);
    let get_text = |alias: &str| row.try_get::<Option<String>>("", alias).map_err(storage);
    let mut key = GroupKey::default();
    if group_by.contains(&AggregateGroup::Federation) {
        key.federation = get_uuid("g_federation")?.map(FederationId::from_uuid);
    }
    if group_by.contains(&AggregateGroup::Territory) {
        key.territory = Some(get_uuid("g_territory")?.map(TerritoryId::from_uuid));
    }
    if group_by.contains(&AggregateGroup::Departement) {
        key.departement = Some(get_text("g_departement")?);
    }
    if group_by.contains(&AggregateGroup::CentreKind) {
        let kind = get_text("g_kind")?.unwrap_or_default();
        key.centre_kind = Some(decode_code::<CentreKind>("centres.kind", &kind)?);
    }
    if group_by.contains(&AggregateGroup::Centre) {
        key.centre = get_uuid("g_centre")?.map(CentreId::from_uuid);
    }
    if group_by.contains(&AggregateGroup::Management) {
        key.management = Some(
            get_text("g_management")?
                .map(|m| decode_code::<Management>("centres.management", &m))
                .transpose()?,
        );
    }
    Ok(key)
}

/// The statement of the sums, in one pass over the values: each centre's year pivoted into one column per
/// component code (its value, NULL when it did not report it), then, per group and year, four sums per
/// indicator over the centres that reported all its components — numerator, denominator, how many, how many
/// true — named `n_<i>`, `d_<i>`, `r_<i>`, `t_<i>` after the indicator's place in `requested`. The pivot takes
/// `MAX(value) FILTER (…)`, one value per centre, code and year: an aggregate whose state is the value itself,
/// where `SUM(CASE …)` and a count per code kept two states per code and centre (the national pivot went from
/// 54 to 22 ms in psql).
fn sums_statement(
    backend: DatabaseBackend,
    scope: &Scope,
    catalogue: &[Indicator],
    requested: &[&Indicator],
    years: &[i32],
    group_by: &[AggregateGroup],
    filter: &AggregateFilter,
) -> Statement {
    let keys = keys(group_by);
    let mut sql = Sql::new(backend);
    let components: Vec<_> = requested.iter().map(|i| i.components(catalogue)).collect();
    let mut codes: Vec<&str> = components
        .iter()
        .flat_map(|c| c.numerator.iter().chain(&c.denominator))
        .map(IndicatorCode::as_str)
        .collect();
    codes.sort_unstable();
    codes.dedup();
    let column = |code: &IndicatorCode| codes.iter().position(|c| *c == code.as_str()).unwrap_or(0);
    let mut pivot = Vec::new();
    for (k, code) in codes.iter().enumerate() {
        let code = sql.bind(*code);
        pivot.push(format!("MAX(iv.value) FILTER (WHERE iv.code = {code}) AS v{k}"));
    }
    let year_list = sql.list(years);
    let code_list = sql.list(&codes.iter().map(|c| (*c).to_owned()).collect::<Vec<_>>());
    let narrowed = value_conditions(&mut sql, scope, filter);
    let centres = centre_conditions(&mut sql, scope, filter);
    let mut measures = Vec::new();
    for (i, parts) in components.iter().enumerate() {
        let all: Vec<String> = parts
            .numerator
            .iter()
            .chain(&parts.denominator)
            .map(|c| format!("v.v{} IS NOT NULL", column(c)))
            .collect();
        let complete = all.join(" AND ");
        let added = |list: &[IndicatorCode]| {
            if list.is_empty() {
                "0".to_owned()
            } else {
                list.iter()
                    .map(|c| format!("v.v{}", column(c)))
                    .collect::<Vec<_>>()
                    .join(" + ")
            }
        };
        let (numerator, denominator) = (added(&parts.numerator), added(&parts.denominator));
        measures.push(format!(
            "{} AS n_{i}, {} AS d_{i}, COUNT(*) FILTER (WHERE {complete}) AS r_{i}, \
             COUNT(*) FILTER (WHERE {complete} AND ({numerator}) <> 0) AS t_{i}",
            sum(backend, &numerator, Some(&complete)),
            sum(backend, &denominator, Some(&complete)),
        ));
    }
    let select_keys: String = keys.iter().map(|(e, a)| format!(", {e} AS {a}")).collect();
    let group_keys: String = keys.iter().map(|(e, _)| format!(", {e}")).collect();
    sql.text = format!(
        "SELECT v.year AS year{select_keys}, {measures} \
         FROM (SELECT iv.centre_id, iv.year, {pivot} FROM indicator_values iv \
               WHERE iv.year IN ({year_list}) AND iv.code IN ({code_list}){narrowed} \
               GROUP BY iv.centre_id, iv.year) v \
         JOIN centres c ON c.id = v.centre_id \
         WHERE {centres} \
         GROUP BY v.year{group_keys}",
        measures = measures.join(", "),
        pivot = pivot.join(", "),
    );
    Statement::from_sql_and_values(backend, &sql.text, sql.values)
}

/// Whether an indicator's value per centre is one collected value (a collected indicator, or a derived one of a
/// single input and no denominator): its sums need no pivot, only a grouping by code.
fn single(indicator: &Indicator, catalogue: &[Indicator]) -> Option<IndicatorCode> {
    let components = indicator.components(catalogue);
    match (components.numerator.as_slice(), components.denominator.is_empty()) {
        ([one], true) => Some(one.clone()),
        _ => None,
    }
}

/// The statement of the single-component indicators' sums, straight from the values grouped by code: per group,
/// year and code, the sum, how many centres reported it and how many answered true (non-zero).
fn by_code_statement(
    backend: DatabaseBackend,
    scope: &Scope,
    codes: &[String],
    years: &[i32],
    group_by: &[AggregateGroup],
    filter: &AggregateFilter,
) -> Statement {
    let mut sql = Sql::new(backend);
    let year_list = sql.list(years);
    let code_list = sql.list(codes);
    let narrowed = value_conditions(&mut sql, scope, filter);
    // The values hold their federation and centre: the centres are joined only for another key or filter (a
    // national sum by federation reads the index alone).
    let on_values = value_keys(group_by).filter(|_| filter.territory.is_none() && filter.centre_kind.is_none());
    let (join, centres, keys) = match on_values {
        Some(keys) => ("", String::new(), keys),
        None => {
            let centres = centre_conditions(&mut sql, scope, filter);
            (
                " JOIN centres c ON c.id = iv.centre_id",
                format!(" AND {centres}"),
                keys(group_by),
            )
        }
    };
    let select_keys: String = keys.iter().map(|(e, a)| format!(", {e} AS {a}")).collect();
    let group_keys: String = keys.iter().map(|(e, _)| format!(", {e}")).collect();
    sql.text = format!(
        "SELECT iv.year AS year{select_keys}, iv.code AS code, {} AS n, COUNT(*) AS r, \
         COUNT(*) FILTER (WHERE iv.value <> 0) AS t \
         FROM indicator_values iv{join} \
         WHERE iv.year IN ({year_list}) AND iv.code IN ({code_list}){narrowed}{centres} \
         GROUP BY iv.year{group_keys}, iv.code",
        sum(backend, "iv.value", None)
    );
    Statement::from_sql_and_values(backend, &sql.text, sql.values)
}

/// How the sums of `requested` are read: the indicators made of one collected value, by that value's code (HR_FTE
/// and its mean HR_FTE_AVG share HR_FTE's sums), and the others, pivoted per centre — each by its place in
/// `requested`.
struct Split {
    made_of: HashMap<String, Vec<usize>>,
    pivoted: Vec<usize>,
}

impl Split {
    fn of(requested: &[&Indicator], catalogue: &[Indicator]) -> Split {
        let mut split = Split {
            made_of: HashMap::new(),
            pivoted: Vec::new(),
        };
        for (i, indicator) in requested.iter().enumerate() {
            match single(indicator, catalogue) {
                Some(code) => split.made_of.entry(code.as_str().to_owned()).or_default().push(i),
                None => split.pivoted.push(i),
            }
        }
        split
    }
}

/// The statements of the sums of `requested`: the single-component indicators' grouped by code, the others'
/// pivoted per centre (either left out when it has no indicator).
#[allow(clippy::too_many_arguments)]
fn statements(
    backend: DatabaseBackend,
    scope: &Scope,
    catalogue: &[Indicator],
    requested: &[&Indicator],
    split: &Split,
    years: &[i32],
    group_by: &[AggregateGroup],
    filter: &AggregateFilter,
) -> (Option<Statement>, Option<Statement>) {
    let mut codes: Vec<String> = split.made_of.keys().cloned().collect();
    codes.sort_unstable();
    let pivoted: Vec<&Indicator> = split.pivoted.iter().map(|i| requested[*i]).collect();
    let by_code = (!codes.is_empty()).then(|| by_code_statement(backend, scope, &codes, years, group_by, filter));
    let pivot =
        (!pivoted.is_empty()).then(|| sums_statement(backend, scope, catalogue, &pivoted, years, group_by, filter));
    (by_code, pivot)
}

/// How many centres in use each group has: what coverage is reckoned against.
fn sizes_statement(
    backend: DatabaseBackend,
    scope: &Scope,
    group_by: &[AggregateGroup],
    filter: &AggregateFilter,
) -> Statement {
    let mut counting = Sql::new(backend);
    let centres = centre_conditions(&mut counting, scope, filter);
    let keys = keys(group_by);
    let key_exprs: Vec<String> = keys.iter().map(|(e, a)| format!("{e} AS {a}")).collect();
    let key_group: Vec<&str> = keys.iter().map(|(e, _)| *e).collect();
    let select_keys = if key_exprs.is_empty() {
        String::new()
    } else {
        format!("{}, ", key_exprs.join(", "))
    };
    let group_keys = if key_group.is_empty() {
        String::new()
    } else {
        format!(" GROUP BY {}", key_group.join(", "))
    };
    counting.text = format!(
        "SELECT {select_keys}COUNT(*) AS expected FROM centres c WHERE c.archived_at IS NULL AND {centres}{group_keys}"
    );
    Statement::from_sql_and_values(backend, &counting.text, counting.values)
}

/// The catalogue's indicators of `codes`, in their order (a code not in it is left out).
fn requested<'a>(catalogue: &'a [Indicator], codes: &[IndicatorCode]) -> Vec<&'a Indicator> {
    codes
        .iter()
        .filter_map(|code| catalogue.iter().find(|i| &i.code == code))
        .collect()
}

/// How PostgreSQL runs the sums' statement for these arguments, as the caller's scope (row-level security
/// included): `EXPLAIN (ANALYZE, BUFFERS)`'s lines. For the indicators benchmark.
#[cfg(feature = "test-support")]
pub(super) async fn explain_sums(
    db: &Database,
    scope: &Scope,
    catalogue: &[Indicator],
    indicators: &[IndicatorCode],
    years: &[i32],
    group_by: &[AggregateGroup],
    filter: &AggregateFilter,
) -> RepositoryResult<Vec<String>> {
    let conn = db.scoped(scope);
    let backend = conn.get_database_backend();
    let requested = requested(catalogue, indicators);
    let split = Split::of(&requested, catalogue);
    let (by_code, pivot) = statements(backend, scope, catalogue, &requested, &split, years, group_by, filter);
    let mut lines = Vec::new();
    for statement in [by_code, pivot].into_iter().flatten() {
        let explain = Statement::from_sql_and_values(
            backend,
            format!("EXPLAIN (ANALYZE, BUFFERS) {}", statement.sql),
            statement.values.map(|v| v.0).unwrap_or_default(),
        );
        let rows = conn.query_all_raw(explain).await.map_err(storage)?;
        for row in &rows {
            lines.push(row.try_get_by_index::<String>(0).map_err(storage)?);
        }
    }
    Ok(lines)
}

pub(super) async fn aggregate_sums(
    db: &Database,
    scope: &Scope,
    catalogue: &[Indicator],
    indicators: &[IndicatorCode],
    years: &[i32],
    group_by: &[AggregateGroup],
    filter: &AggregateFilter,
) -> RepositoryResult<Vec<AggregateSums>> {
    let conn = db.scoped(scope);
    let backend = conn.get_database_backend();
    let requested = requested(catalogue, indicators);
    // A partner reads groups over the published years, never one centre's figures.
    let one_centre = group_by.contains(&AggregateGroup::Centre) || filter.centre.is_some();
    if requested.is_empty() || years.is_empty() || (scope.partner().is_some() && one_centre) {
        return Ok(Vec::new());
    }
    let split = Split::of(&requested, catalogue);
    let (by_code, pivot) = statements(backend, scope, catalogue, &requested, &split, years, group_by, filter);
    let sizes = sizes_statement(backend, scope, group_by, filter);
    // The groups' sizes first, on the request's connection; then the pivot, the costlier, runs beside the sums by
    // code on a second connection when one is idle (on two cores, the national sums take half the time); else
    // after them, on the request's. The request holds its connection from the sizes to the sums, so the spare is
    // only ever taken beside a connection held, never while waiting for one.
    let lanes = async {
        let groups = conn.query_all_raw(sizes).await?;
        let spare = match pivot {
            Some(_) => conn.spare().await,
            None => None,
        };
        let first_lane = async {
            match by_code {
                Some(statement) => conn.query_all_raw(statement).await,
                None => Ok(Vec::new()),
            }
        };
        let second_lane = async {
            match (pivot, spare) {
                (Some(statement), Some(spare)) => conn.query_beside(spare, &statement).await,
                (Some(statement), None) => conn.query_all_raw(statement).await,
                (None, _) => Ok(Vec::new()),
            }
        };
        let (first, second) = tokio::join!(first_lane, second_lane);
        Ok::<_, DbErr>((groups, first, second))
    };
    let (groups, first, second) = match crate::request_stats::current() {
        Some(stats) => stats.session.holding(lanes).await,
        None => lanes.await,
    }
    .map_err(storage)?;
    let (by_code_rows, pivot_rows) = (first.map_err(storage)?, second.map_err(storage)?);
    // Each group's sums, by the indicator's place in `requested` and the year.
    let mut sums: HashMap<GroupKey, HashMap<(usize, i32), GroupSums>> = HashMap::new();
    for row in &by_code_rows {
        let key = group_key(row, group_by)?;
        let year: i32 = row.try_get("", "year").map_err(storage)?;
        let code: String = row.try_get("", "code").map_err(storage)?;
        let number = |alias: &str| -> RepositoryResult<i64> { row.try_get("", alias).map_err(storage) };
        let found = GroupSums {
            numerator: i128::from(number("n")?),
            denominator: 0,
            reporting: u64::try_from(number("r")?).unwrap_or(0),
            trues: u64::try_from(number("t")?).unwrap_or(0),
        };
        let group = sums.entry(key).or_default();
        for i in split.made_of.get(&code).into_iter().flatten() {
            group.insert((*i, year), found);
        }
    }
    for row in &pivot_rows {
        let key = group_key(row, group_by)?;
        let year: i32 = row.try_get("", "year").map_err(storage)?;
        let number = |alias: String| -> RepositoryResult<i64> { row.try_get("", &alias).map_err(storage) };
        let group = sums.entry(key).or_default();
        for (k, i) in split.pivoted.iter().enumerate() {
            let found = GroupSums {
                numerator: i128::from(number(format!("n_{k}"))?),
                denominator: i128::from(number(format!("d_{k}"))?),
                reporting: u64::try_from(number(format!("r_{k}"))?).unwrap_or(0),
                trues: u64::try_from(number(format!("t_{k}"))?).unwrap_or(0),
            };
            group.insert((*i, year), found);
        }
    }

    let mut expected: HashMap<GroupKey, u64> = HashMap::new();
    for row in &groups {
        let n: i64 = row.try_get("", "expected").map_err(storage)?;
        expected.insert(group_key(row, group_by)?, u64::try_from(n).unwrap_or(0));
    }
    // Every group that has centres or reported values, for every indicator and year: a group where nobody
    // reported shows with no value and its coverage.
    let mut all_keys: Vec<GroupKey> = expected.keys().cloned().collect();
    all_keys.extend(sums.keys().filter(|k| !expected.contains_key(*k)).cloned());
    all_keys.sort();
    let none = HashMap::new();
    let mut result = Vec::with_capacity(all_keys.len() * requested.len() * years.len());
    for key in all_keys {
        let group = sums.get(&key).unwrap_or(&none);
        let size = expected.get(&key).copied().unwrap_or(0);
        for (i, indicator) in requested.iter().enumerate() {
            for year in years {
                result.push(AggregateSums {
                    key: key.clone(),
                    code: indicator.code.clone(),
                    year: *year,
                    sums: group.get(&(i, *year)).copied().unwrap_or_default(),
                    expected: size,
                    withheld: false,
                });
            }
        }
    }
    Ok(result)
}
