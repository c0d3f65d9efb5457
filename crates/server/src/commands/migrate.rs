use pactes_persistence::Database;

use super::CommandResult;
use crate::config::MigrateArgs;

pub async fn migrate(args: MigrateArgs) -> CommandResult {
    let db = Database::connect(&args.database.owner_settings()).await?;
    if !args.status {
        db.migrate().await?;
    }
    for state in db.migration_states().await? {
        println!("{}  {}", if state.applied { "applied" } else { "pending" }, state.name);
    }
    Ok(())
}
