use super::CommandResult;
use crate::config::ServeArgs;
use crate::startup::Application;

pub async fn serve(args: ServeArgs) -> CommandResult {
    let app = Application::build(args, true).await?;
    app.run_until_stopped().await?;
    tracing::info!("pactes stopped");
    Ok(())
}
