//! A centre's yearly series of indicators, each point placed among the centres of its federation (median,
//! quartiles and the quarter it falls in) for dashboards. The federation's values of the components are read in
//! one statement however many centres of it a response shows, and each centre's value is made from its own
//! (a ratio of its own sums); a group's series is `indicatorAggregates` over years.

use std::collections::HashMap;
use std::sync::Arc;

use async_graphql::dataloader::Loader;
use async_graphql::{Context, Object};
use pactes_domain::indicators::{
    Components, GroupSums, Indicator, IndicatorCode, IndicatorRepository, Position, format_hundredths,
};
use pactes_domain::{Area, CentreId, FederationId, RepositoryError, Scope};
use pactes_persistence::Database;

use super::types;
use crate::bounds;
use crate::context::{read_scope, request};
use crate::error::{ErrorCode, internal};

/// At most this many indicator-years in one centre's series.
pub(crate) const MAX_POINTS: usize = 400;

/// The figures of every centre of one federation, for some indicators and years.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PeersKey {
    federation: FederationId,
    codes: Vec<IndicatorCode>,
    years: Vec<i32>,
}

/// Each centre's sums by indicator and year, and the catalogue they are read with.
pub struct Peers {
    catalogue: Vec<Indicator>,
    sums: HashMap<(IndicatorCode, i32), Vec<(CentreId, GroupSums)>>,
}

pub struct PeersLoader {
    db: Database,
    scope: Scope,
}

impl Loader<PeersKey> for PeersLoader {
    type Value = Arc<Peers>;
    type Error = Arc<RepositoryError>;

    async fn load(&self, keys: &[PeersKey]) -> Result<HashMap<PeersKey, Arc<Peers>>, Self::Error> {
        let catalogue = self.db.catalogue(&self.scope).await?;
        let mut loaded = HashMap::new();
        for key in keys {
            // The federation's values of every component, each centre's sums made here: a centre's own figures
            // need no grouping in the database. A national caller reads the one federation asked for.
            let scope = match self.scope {
                Scope::National => Scope::Federation(key.federation),
                other => other,
            };
            let wanted: Vec<(&IndicatorCode, Components)> = key
                .codes
                .iter()
                .filter_map(|code| catalogue.iter().find(|i| &i.code == code))
                .map(|i| (&i.code, i.components(&catalogue)))
                .collect();
            let mut codes: Vec<IndicatorCode> = wanted
                .iter()
                .flat_map(|(_, c)| c.numerator.iter().chain(&c.denominator).cloned())
                .collect();
            codes.sort();
            codes.dedup();
            let mut values: HashMap<(CentreId, i32), HashMap<IndicatorCode, i128>> = HashMap::new();
            if !codes.is_empty() {
                for v in self.db.centre_values(&scope, &codes, &key.years).await? {
                    values
                        .entry((v.centre, v.year))
                        .or_default()
                        .insert(v.code, i128::from(v.value.hundredths()));
                }
            }
            let mut sums: HashMap<(IndicatorCode, i32), Vec<(CentreId, GroupSums)>> = HashMap::new();
            for ((centre, year), own) in &values {
                for (code, components) in &wanted {
                    if let Some(found) = GroupSums::of_centre(components, |c| own.get(c).copied()) {
                        sums.entry(((*code).clone(), *year)).or_default().push((*centre, found));
                    }
                }
            }
            let peers = Peers {
                catalogue: catalogue.clone(),
                sums,
            };
            loaded.insert(key.clone(), Arc::new(peers));
        }
        Ok(loaded)
    }
}

/// One indicator of one centre for one year, among its federation's centres.
pub struct SeriesPoint {
    indicator: Indicator,
    year: i32,
    position: Position,
}

#[Object]
impl SeriesPoint {
    async fn code(&self) -> &str {
        self.indicator.code.as_str()
    }
    async fn indicator(&self) -> types::Indicator {
        types::Indicator(self.indicator.clone())
    }
    async fn year(&self) -> i32 {
        self.year
    }
    /// The centre's own value by the indicator's rule (a ratio of its own sums), a decimal string; null when it
    /// did not report.
    async fn value(&self) -> Option<String> {
        self.position.value.map(|v| v.display(&self.indicator))
    }
    /// Centres of the federation with a value this year, this one included.
    async fn peers(&self) -> u64 {
        self.position.peers
    }
    /// The first quartile of the federation's centres' values (nearest rank).
    async fn first_quartile(&self) -> Option<String> {
        self.position.quartiles.map(|q| format_hundredths(q[0]))
    }
    async fn median(&self) -> Option<String> {
        self.position.quartiles.map(|q| format_hundredths(q[1]))
    }
    async fn third_quartile(&self) -> Option<String> {
        self.position.quartiles.map(|q| format_hundredths(q[2]))
    }
    /// The quarter the centre falls in: 1 at or below the first quartile, 4 above the third.
    async fn quartile(&self) -> Option<u8> {
        self.position.quartile
    }
}

/// The series of `codes` from `from_year` to `to_year` of `centre` (of `federation`), each point placed among
/// the federation's centres. A partner reads groups, never a centre's own figures.
pub(crate) async fn centre_series(
    ctx: &Context<'_>,
    centre: CentreId,
    federation: FederationId,
    codes: &[String],
    from_year: i32,
    to_year: i32,
) -> async_graphql::Result<Vec<SeriesPoint>> {
    let scope = read_scope(ctx, Area::Indicators)?;
    if scope.partner().is_some() {
        return Err(ErrorCode::Forbidden.error("a partner reads published aggregates, not a centre's own figures"));
    }
    // Counted before anything is built from it: a span of two billion years once allocated 16 GiB here.
    let years = bounds::indicator_span(codes.len(), from_year, to_year, MAX_POINTS)?;
    let mut wanted = Vec::with_capacity(codes.len());
    for raw in codes {
        wanted.push(IndicatorCode::parse(raw).map_err(|e| ErrorCode::InvalidArgument.error(e))?);
    }
    let mut key_codes = wanted.clone();
    key_codes.sort();
    key_codes.dedup();
    let key = PeersKey {
        federation,
        codes: key_codes,
        years: years.clone(),
    };
    let loader = request(ctx).loaders.area::<_, PeersKey>(|db| PeersLoader { db, scope });
    let peers = loader
        .load_one(key)
        .await
        .map_err(internal)?
        .ok_or_else(|| internal("the peers' batch left out its key"))?;
    let mut points = Vec::with_capacity(wanted.len() * years.len());
    for code in &wanted {
        let Some(indicator) = peers.catalogue.iter().find(|i| &i.code == code) else {
            return Err(ErrorCode::InvalidArgument.error(format!("{code} is not in the catalogue")));
        };
        for year in &years {
            let all = peers.sums.get(&(code.clone(), *year)).map(Vec::as_slice).unwrap_or(&[]);
            let own = all.iter().find(|(c, _)| *c == centre).map(|(_, s)| s);
            points.push(SeriesPoint {
                indicator: indicator.clone(),
                year: *year,
                position: Position::among(indicator, own, all.iter().map(|(_, s)| s)),
            });
        }
    }
    Ok(points)
}
