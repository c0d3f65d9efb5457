//! Configuration: flags and environment variables, in one clap definition. Secrets are wrapped so that no log
//! or debug print can show them.

use std::fmt;
use std::net::SocketAddr;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Parser, Debug)]
#[command(
    name = "pactes",
    version,
    about = "Pactes: the cooperation API of the federations of centres sociaux"
)]
pub struct Cli {
    /// Log lines as text (for people) or JSON (for collectors).
    #[arg(long, global = true, env = "PACTES_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Subcommand, Debug)]
// Parsed once at start-up and moved, never held in bulk: the size of its largest variant costs nothing.
#[allow(clippy::large_enum_variant)]
pub enum Command {
    /// Serve the GraphQL API (the default).
    Serve(ServeArgs),
    /// Apply pending database migrations, or list them with --status.
    Migrate(MigrateArgs),
    /// Print the GraphQL schema (SDL).
    Schema,
    /// Mint a token signed with the configured HS256 secret, for set-up and integrators.
    Token(TokenArgs),
    /// Trusted documents: load a manifest of persisted operations, or list the registered ones.
    Documents(DocumentsArgs),
    /// Import a spreadsheet (CSV) into a federation: all of it or, with a report of every bad row, nothing.
    Import(ImportArgs),
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    #[command(subcommand)]
    pub what: ImportWhat,

    #[command(flatten)]
    pub database: DatabaseArgs,
}

#[derive(Subcommand, Debug)]
pub enum ImportWhat {
    /// Payments against conventions' funding lines. Columns (a header row, UTF-8, comma-separated):
    /// `reference` (the convention's), `funder` (a partner's, a centre's or the federation's name), `year`,
    /// `paid_on` (YYYY-MM-DD), `amount` (1234.50), and optionally `beneficiary` and `nature` (when the funder
    /// has several lines that year), `payment_reference`, `idempotency_key` (derived from the row when absent:
    /// importing the same file again records nothing twice).
    Payments {
        file: std::path::PathBuf,
        /// The federation's slug.
        #[arg(long)]
        federation: String,
    },
    /// Centres' indicator values, into the year's open campaign. Long format: columns `centre`, `indicator`,
    /// `value` and `year` (or `--year`); wide format: a `centre` column and one column per indicator code (an
    /// empty cell is a missing value). A centre is named by its id, its SIRET or its exact name. One audit entry
    /// for the whole import.
    Indicators {
        file: std::path::PathBuf,
        #[arg(long)]
        federation: String,
        /// The year of every value, for a file without a `year` column.
        #[arg(long)]
        year: Option<i32>,
    },
    /// The national core catalogue of indicators (`shared/indicators/catalogue.csv`; this build ships a copy,
    /// loaded by `-` in place of a file), replacing the stored one as a whole: refused if it drops an
    /// indicator centres have values of. One audit entry.
    Catalogue { file: std::path::PathBuf },
}

#[derive(Args, Debug)]
pub struct DocumentsArgs {
    #[command(subcommand)]
    pub action: DocumentsAction,

    #[command(flatten)]
    pub database: DatabaseArgs,
}

#[derive(Subcommand, Debug)]
pub enum DocumentsAction {
    /// Registers the operations of a manifest: a JSON object of id → document, as graphql-codegen's client
    /// preset (`persisted-documents.json`) and Relay emit. A sha256 id must be the hash of its document.
    Load { manifest: std::path::PathBuf },
    /// Lists the registered documents' ids.
    List,
}

impl Cli {
    /// Parses the command line; without a sub-command, `pactes [flags]` means `pactes serve [flags]`.
    pub fn parse_or_serve() -> (LogFormat, Command) {
        let cli = Cli::parse();
        if let Some(command) = cli.command {
            return (cli.log_format, command);
        }
        let mut args: Vec<String> = std::env::args().collect();
        args.insert(1.min(args.len()), "serve".to_owned());
        let cli = Cli::parse_from(args);
        match cli.command {
            Some(command) => (cli.log_format, command),
            None => unreachable!("`serve` was inserted as the sub-command"),
        }
    }
}

/// A secret value: printed as `[redacted]`.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl std::str::FromStr for Secret {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Secret, Self::Err> {
        Ok(Secret(s.to_owned()))
    }
}

#[derive(Args, Debug, Clone)]
pub struct DatabaseArgs {
    /// `sqlite://path?mode=rwc` (embedded, the default) or `postgres://user@host/db`.
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://data/pactes.db?mode=rwc")]
    pub database_url: Secret,

    /// PostgreSQL only: the tables' owner, who applies migrations (and loads the demo data) at start-up and in
    /// `pactes migrate`. The server itself then runs as `DATABASE_URL`, a login role of `pactes_runtime` that
    /// owns nothing and so stays under row-level security. Unset: `DATABASE_URL` does both.
    #[arg(long, env = "PACTES_MIGRATION_DATABASE_URL")]
    pub migration_database_url: Option<Secret>,

    /// PostgreSQL only: the schema to use instead of `public`.
    #[arg(long, env = "PACTES_DATABASE_SCHEMA")]
    pub database_schema: Option<String>,

    #[arg(long, env = "PACTES_DB_MAX_CONNECTIONS", default_value_t = 10)]
    pub db_max_connections: u32,

    /// The longest one SQL statement may run (PostgreSQL) or wait for the write lock (SQLite), e.g. 5s.
    #[arg(long, env = "PACTES_DB_STATEMENT_TIMEOUT", value_parser = parse_ttl, default_value = "5s")]
    pub db_statement_timeout: std::time::Duration,

    /// The fewest reporting centres in a group of indicators a partner's token reads: a smaller group's value is
    /// withheld, with enough of its neighbours that it cannot be worked out by subtraction (1 turns this off).
    #[arg(long, env = "PACTES_PARTNER_MIN_GROUP", default_value_t = pactes_domain::indicators::DEFAULT_MIN_GROUP,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub partner_min_group: u64,
}

impl DatabaseArgs {
    pub fn settings(&self) -> pactes_persistence::DatabaseSettings {
        pactes_persistence::DatabaseSettings {
            url: self.database_url.expose().to_owned(),
            schema: self.database_schema.clone(),
            max_connections: self.db_max_connections,
            statement_timeout: self.db_statement_timeout,
            partner_min_group: self.partner_min_group,
        }
    }

    /// The owner's settings, when they differ from the server's.
    pub fn migration_settings(&self) -> Option<pactes_persistence::DatabaseSettings> {
        self.migration_database_url
            .as_ref()
            .map(|url| pactes_persistence::DatabaseSettings {
                url: url.expose().to_owned(),
                max_connections: 2,
                ..self.settings()
            })
    }

    /// Where migrations are applied: the owner's settings, or the server's.
    pub fn owner_settings(&self) -> pactes_persistence::DatabaseSettings {
        self.migration_settings().unwrap_or_else(|| self.settings())
    }
}

#[derive(Args, Debug, Clone)]
pub struct JwtArgs {
    /// HS256 shared secret (at least 32 bytes).
    #[arg(long, env = "PACTES_JWT_SECRET")]
    pub jwt_secret: Option<Secret>,

    /// RS256 or ES256 public key of an identity provider: PEM text, or the path of a PEM file.
    #[arg(long, env = "PACTES_JWT_PUBLIC_KEY")]
    pub jwt_public_key: Option<String>,

    /// A JSON file listing the identity providers trusted for their own tokens: issuer, audience, keys (JWKS
    /// file or URL, by `kid`), and the federations and roles each may grant.
    #[arg(long, env = "PACTES_JWT_ISSUERS")]
    pub jwt_issuers: Option<String>,

    /// When set, tokens must carry this `iss`.
    #[arg(long, env = "PACTES_JWT_ISSUER")]
    pub jwt_issuer: Option<String>,

    /// When set, tokens must carry this `aud`.
    #[arg(long, env = "PACTES_JWT_AUDIENCE")]
    pub jwt_audience: Option<String>,

    /// The longest a token may be valid (`exp` − `iat`, or `exp` − now without `iat`), e.g. 8h, 24h.
    #[arg(long, env = "PACTES_JWT_MAX_LIFETIME", value_parser = parse_ttl, default_value = "24h")]
    pub jwt_max_lifetime: std::time::Duration,

    /// Development mode: without a configured key, use a fixed, public development secret. Never in production.
    #[arg(long, env = "PACTES_DEV", default_value_t = false, value_parser = clap::builder::FalseyValueParser::new())]
    pub dev: bool,
}

#[derive(Args, Debug, Clone)]
pub struct LimitArgs {
    #[arg(long, env = "PACTES_MAX_BODY_BYTES", default_value_t = 64 * 1024)]
    pub max_body_bytes: usize,
    /// Bytes of a multipart request carrying a file (a spreadsheet of values), the file included.
    #[arg(long, env = "PACTES_MAX_UPLOAD_BYTES", default_value_t = 16 * 1024 * 1024)]
    pub max_upload_bytes: usize,
    #[arg(long, env = "PACTES_MAX_DEPTH", default_value_t = 12)]
    pub max_depth: usize,
    #[arg(long, env = "PACTES_MAX_COMPLEXITY", default_value_t = 5_000)]
    pub max_complexity: usize,
    #[arg(long, env = "PACTES_MAX_ALIASES", default_value_t = 30)]
    pub max_aliases: usize,
    /// Fields of a query once its fragments are written out (an exponential document is refused at once).
    #[arg(long, env = "PACTES_MAX_FIELDS", default_value_t = 2_000)]
    pub max_fields: usize,
    /// Root fields of one request, the operations of a batch together (each may reach the database).
    #[arg(long, env = "PACTES_MAX_ROOT_FIELDS", default_value_t = 20)]
    pub max_root_fields: usize,
    /// Operations in one batched request.
    #[arg(long, env = "PACTES_MAX_BATCH", default_value_t = 10)]
    pub max_batch: usize,
    /// Bytes of one response; a larger one is replaced by a RESPONSE_TOO_LARGE error.
    #[arg(long, env = "PACTES_MAX_RESPONSE_BYTES", default_value_t = 4 * 1024 * 1024)]
    pub max_response_bytes: usize,
    /// GraphQL operations this replica executes at once; the others wait their turn within their deadline. A
    /// few times the database pool: more would only wait for a connection, each holding its memory.
    #[arg(long, env = "PACTES_MAX_EXECUTING", default_value_t = 32)]
    pub max_executing: usize,
    /// The deadline of one request, e.g. 10s: past it the request is stopped with TIMEOUT (HTTP 503).
    #[arg(long, env = "PACTES_REQUEST_TIMEOUT", value_parser = parse_ttl, default_value = "10s")]
    pub request_timeout: std::time::Duration,
    /// Cost points each caller may spend per minute on this replica (`extensions.cost.actual`); 0 turns it off.
    #[arg(long, env = "PACTES_COST_BUDGET", default_value_t = 1_000_000)]
    pub cost_budget: u64,
}

impl LimitArgs {
    pub fn schema_limits(&self) -> pactes_api::Limits {
        pactes_api::Limits {
            max_depth: self.max_depth,
            max_complexity: self.max_complexity,
            max_aliases: self.max_aliases,
            max_fields: self.max_fields,
            max_root_fields: self.max_root_fields,
        }
    }
}

#[derive(Args, Debug, Clone)]
pub struct ServeArgs {
    #[arg(long, env = "PACTES_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,

    /// Load the demo federations and centres into an empty database. Off unless asked (`cargo run` asks): a
    /// production database must never start with made-up tenants.
    #[arg(long, env = "PACTES_DEMO", default_value_t = false, value_parser = clap::builder::FalseyValueParser::new())]
    pub demo: bool,

    /// HTTP worker threads (default: one per core).
    #[arg(long, env = "PACTES_WORKERS")]
    pub workers: Option<usize>,

    /// Seconds to let in-flight requests finish after SIGTERM/SIGINT.
    #[arg(long, env = "PACTES_SHUTDOWN_TIMEOUT", default_value_t = 30)]
    pub shutdown_timeout: u64,

    #[command(flatten)]
    pub database: DatabaseArgs,

    #[command(flatten)]
    pub jwt: JwtArgs,

    #[command(flatten)]
    pub limits: LimitArgs,

    #[command(flatten)]
    pub mail: MailArgs,

    /// Origins whose browser front-ends may call the API (CORS), comma-separated, e.g.
    /// `https://app.fcsnord.org`. None by default; `*` is not accepted.
    #[arg(long, env = "PACTES_CORS_ORIGINS", value_delimiter = ',')]
    pub cors_origins: Vec<String>,

    /// The bearer token the metrics scraper presents at `GET /metrics`; without it, there is no `/metrics`.
    #[arg(long, env = "PACTES_METRICS_TOKEN")]
    pub metrics_token: Option<Secret>,

    /// Roles that may only run trusted documents (comma-separated, e.g. `partner`): a caller holding one sends
    /// a `documentId`, never a document of its own.
    #[arg(long, env = "PACTES_TRUSTED_DOCUMENTS_ONLY", value_delimiter = ',')]
    pub trusted_documents_only: Vec<String>,
}

#[derive(Args, Debug, Clone)]
pub struct MigrateArgs {
    /// List the migrations and whether each is applied, without applying any.
    #[arg(long)]
    pub status: bool,

    #[command(flatten)]
    pub database: DatabaseArgs,
}

#[derive(Args, Debug, Clone)]
pub struct TokenArgs {
    /// The federation's slug (omit for a national-admin token).
    #[arg(long)]
    pub federation: Option<String>,

    /// One or more roles: national-admin, federation-admin, federation-staff, centre-manager, partner, viewer.
    #[arg(long = "role", required = true, value_delimiter = ',')]
    pub roles: Vec<String>,

    /// The subject (`sub`); defaults to `cli:<first role>:<a new id>`, a caller of its own.
    #[arg(long)]
    pub sub: Option<String>,

    /// The partner the token acts for (its id).
    #[arg(long)]
    pub partner: Option<String>,

    /// The centres a centre-manager may update (ids, comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub centres: Vec<String>,

    /// Lifetime: 30m, 8h, 7d…
    #[arg(long, default_value = "8h", value_parser = parse_ttl)]
    pub ttl: std::time::Duration,

    #[command(flatten)]
    pub jwt: JwtArgs,
}

pub fn parse_ttl(raw: &str) -> Result<std::time::Duration, String> {
    let split = raw.find(|c: char| !c.is_ascii_digit()).unwrap_or(raw.len());
    let (digits, unit) = raw.split_at(split);
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("{raw}: expected a number and a unit, e.g. 8h"))?;
    let seconds = match unit {
        "s" => n,
        "m" => n * 60,
        "h" | "" => n * 3600,
        "d" => n * 86_400,
        _ => return Err(format!("{raw}: the unit is s, m, h or d")),
    };
    if seconds == 0 {
        return Err("a token must live at least one second".into());
    }
    Ok(std::time::Duration::from_secs(seconds))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_print() {
        let secret = Secret::new("hunter2-hunter2-hunter2-hunter2!");
        assert_eq!(format!("{secret:?}"), "[redacted]");
        let args = JwtArgs {
            jwt_secret: Some(secret),
            jwt_public_key: None,
            jwt_issuers: None,
            jwt_issuer: None,
            jwt_audience: None,
            jwt_max_lifetime: std::time::Duration::from_secs(3600),
            dev: false,
        };
        assert!(!format!("{args:?}").contains("hunter2"));
    }

    #[test]
    fn ttls() {
        assert_eq!(parse_ttl("8h").unwrap().as_secs(), 8 * 3600);
        assert_eq!(parse_ttl("30m").unwrap().as_secs(), 1800);
        assert_eq!(parse_ttl("7d").unwrap().as_secs(), 7 * 86_400);
        assert!(parse_ttl("0h").is_err());
        assert!(parse_ttl("8y").is_err());
        assert!(parse_ttl("h").is_err());
    }
}

/// Where convocation letters go. Without a mail server, letters wait in the outbox (and the API says so); any
/// replica with one sends them, each once.
#[derive(Args, Debug, Clone)]
pub struct MailArgs {
    /// The mail server: `smtp://host:25` (plain; `?tls=required` for STARTTLS), `smtps://host:465`; a user and
    /// password, if any, in the URL.
    #[arg(long = "smtp-url", env = "PACTES_SMTP_URL")]
    pub smtp_url: Option<Secret>,

    /// Who convocation letters come from, e.g. `Fédération des centres sociaux <convocations@example.fr>`.
    #[arg(long, env = "PACTES_MAIL_FROM", default_value = "Pactes <convocations@localhost>")]
    pub mail_from: String,

    /// How often a replica looks for letters due.
    #[arg(long, env = "PACTES_MAIL_POLL", value_parser = parse_ttl, default_value = "2s")]
    pub mail_poll: std::time::Duration,

    /// The longest wait before a letter the mail server refused, or could not be reached for, is tried again
    /// (the wait doubles from one second up to it).
    #[arg(long, env = "PACTES_MAIL_RETRY_MAX", value_parser = parse_ttl, default_value = "15m")]
    pub mail_retry_max: std::time::Duration,
}
