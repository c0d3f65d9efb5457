//! A replica's start-up work, under PostgreSQL's start-up lock so that replicas starting together do not race:
//! the pending migrations, then, for a developer's first run, the demo data.

use crate::database::Database;
use crate::error::ConnectError;

impl Database {
    /// Applies pending migrations and, when asked and the database holds no federation yet, loads the demo
    /// data. Returns whether the demo data was loaded.
    pub async fn prepare(&self, load_demo: bool) -> Result<bool, ConnectError> {
        self.with_startup_lock(async {
            self.migrate_pending().await?;
            if load_demo && crate::demo::is_empty(self).await.map_err(ConnectError::Demo)? {
                crate::demo::load(self).await.map_err(ConnectError::Demo)?;
                return Ok(true);
            }
            Ok(false)
        })
        .await
    }
}
