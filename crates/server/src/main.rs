use pactes_server::commands;
use pactes_server::config::{Cli, Command};
use pactes_server::telemetry;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let (log_format, command) = Cli::parse_or_serve();
    telemetry::init(log_format);
    let outcome = match command {
        Command::Serve(args) => commands::serve(args).await,
        Command::Migrate(args) => commands::migrate(args).await,
        Command::Schema => commands::print_schema(),
        Command::Token(args) => commands::token(args),
        Command::Documents(args) => commands::documents(args).await,
        Command::Import(args) => commands::import(args).await,
    };
    match outcome {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!("{error:#}");
            eprintln!("pactes: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}
