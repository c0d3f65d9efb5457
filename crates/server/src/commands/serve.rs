use tokio::signal::unix::{SignalKind, signal};

use super::CommandResult;
use crate::config::ServeArgs;
use crate::startup::Application;

/// Serves until SIGTERM or SIGINT, then stops accepting, lets in-flight requests finish (up to the shutdown
/// timeout) and returns. The handlers are installed before the server starts, so a signal arriving at any
/// moment after start-up is a graceful stop, never the default abrupt exit.
pub async fn serve(args: ServeArgs) -> CommandResult {
    let mut terminate = signal(SignalKind::terminate())?;
    let mut interrupt = signal(SignalKind::interrupt())?;
    let app = Application::build(args).await?;
    let handle = app.handle();
    let mut server = tokio::spawn(app.run_until_stopped());
    let signal = tokio::select! {
        _ = terminate.recv() => "SIGTERM",
        _ = interrupt.recv() => "SIGINT",
        finished = &mut server => {
            finished??;
            return Ok(());
        }
    };
    tracing::info!(signal, "stopping: no new connections, finishing in-flight requests");
    handle.stop(true).await;
    server.await??;
    tracing::info!("pactes stopped");
    Ok(())
}
