//! Prometheus metrics at `GET /metrics`, for the operators' scraper: requests by operation, outcome and status,
//! their latency, each request's SQL statements and database time, the pool, and refusals by code. Labels are
//! bounded: an operation is named by the client, so only the first 100 distinct well-formed names get a label
//! of their own (others are `other`); no token, id or free text ever becomes a label. The endpoint answers only
//! to `Authorization: Bearer <PACTES_METRICS_TOKEN>`, and does not exist without that setting.

use std::collections::HashSet;
use std::sync::Mutex;
use std::time::Duration;

use prometheus::{
    Encoder, Histogram, HistogramOpts, HistogramVec, IntCounter, IntCounterVec, IntGauge, IntGaugeVec, Opts, Registry,
};

const MAX_OPERATION_LABELS: usize = 100;

pub struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    duration: HistogramVec,
    statements: Histogram,
    database_time: Histogram,
    refusals: IntCounterVec,
    pool: IntGaugeVec,
    sql_statements: IntCounter,
    executing_peak: IntGauge,
    operations: Mutex<HashSet<String>>,
}

impl Metrics {
    pub fn new() -> Result<Metrics, prometheus::Error> {
        let registry = Registry::new_custom(Some("pactes".into()), None)?;
        let requests = IntCounterVec::new(
            Opts::new(
                "graphql_requests_total",
                "GraphQL requests by operation, outcome and HTTP status",
            ),
            &["operation", "outcome", "status"],
        )?;
        let duration = HistogramVec::new(
            HistogramOpts::new("graphql_request_duration_seconds", "Time to answer a GraphQL request"),
            &["operation"],
        )?;
        let statements = Histogram::with_opts(
            HistogramOpts::new(
                "graphql_request_sql_statements",
                "SQL statements one GraphQL request ran",
            )
            .buckets(vec![0.0, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0]),
        )?;
        let database_time = Histogram::with_opts(HistogramOpts::new(
            "graphql_request_database_seconds",
            "Time one GraphQL request spent in the database",
        ))?;
        let refusals = IntCounterVec::new(
            Opts::new(
                "graphql_refusals_total",
                "Requests refused before execution, by error code",
            ),
            &["code"],
        )?;
        let pool = IntGaugeVec::new(
            Opts::new("db_pool_connections", "Database pool connections"),
            &["state"],
        )?;
        let sql_statements = IntCounter::new("sql_statements_total", "SQL statements run by this replica")?;
        let executing_peak = IntGauge::new(
            "graphql_executing_peak",
            "The most GraphQL operations this replica executed at once (PACTES_MAX_EXECUTING bounds it)",
        )?;
        for collector in [
            Box::new(requests.clone()) as Box<dyn prometheus::core::Collector>,
            Box::new(duration.clone()),
            Box::new(statements.clone()),
            Box::new(database_time.clone()),
            Box::new(refusals.clone()),
            Box::new(pool.clone()),
            Box::new(sql_statements.clone()),
            Box::new(executing_peak.clone()),
        ] {
            registry.register(collector)?;
        }
        Ok(Metrics {
            registry,
            requests,
            duration,
            statements,
            database_time,
            refusals,
            pool,
            sql_statements,
            executing_peak,
            operations: Mutex::new(HashSet::new()),
        })
    }

    /// The label of an operation name: itself among the first 100 well-formed names, else `other`.
    fn operation(&self, name: &str) -> String {
        let well_formed = !name.is_empty()
            && name.len() <= 64
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b',');
        if !well_formed {
            return "other".to_owned();
        }
        let Ok(mut known) = self.operations.lock() else {
            return "other".to_owned();
        };
        if known.contains(name) || known.len() < MAX_OPERATION_LABELS {
            known.insert(name.to_owned());
            name.to_owned()
        } else {
            "other".to_owned()
        }
    }

    /// One answered request.
    pub fn request(
        &self,
        operation: &str,
        ok: bool,
        status: u16,
        elapsed: Duration,
        statements: u64,
        database: Duration,
    ) {
        let operation = self.operation(operation);
        let outcome = if ok { "ok" } else { "error" };
        self.requests
            .with_label_values(&[operation.as_str(), outcome, &status.to_string()])
            .inc();
        self.duration
            .with_label_values(&[operation.as_str()])
            .observe(elapsed.as_secs_f64());
        self.statements.observe(statements as f64);
        self.database_time.observe(database.as_secs_f64());
    }

    /// A request refused before execution (limits, authentication, deadline), by its code.
    pub fn refused(&self, code: &str) {
        self.refusals.with_label_values(&[code]).inc();
    }

    /// Every metric in Prometheus's text format, with the pool's connections, the peak of operations executing
    /// and the statements run so far as they are now.
    pub fn render(
        &self,
        usage: pactes_persistence::PoolUsage,
        executing_peak: usize,
        statements: u64,
    ) -> Result<Vec<u8>, prometheus::Error> {
        self.pool.with_label_values(&["in_use"]).set(i64::from(usage.in_use));
        self.pool.with_label_values(&["idle"]).set(i64::from(usage.idle));
        self.executing_peak
            .set(i64::try_from(executing_peak).unwrap_or(i64::MAX));
        self.sql_statements
            .inc_by(statements.saturating_sub(self.sql_statements.get()));
        let mut body = Vec::new();
        prometheus::TextEncoder::new().encode(&self.registry.gather(), &mut body)?;
        Ok(body)
    }
}
