use std::collections::BTreeMap;

use pactes_persistence::Database;
use sha2::{Digest, Sha256};

use super::CommandResult;
use crate::config::{DocumentsAction, DocumentsArgs};

/// The id a document is registered under: `sha256:<hex>` for a sha256 id (checked against the text), the
/// manifest's own id otherwise (Relay's, say).
pub fn document_id(id: &str, document: &str) -> Result<String, String> {
    let hex = id.strip_prefix("sha256:").unwrap_or(id);
    if hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        let digest = sha256_hex(document);
        if !digest.eq_ignore_ascii_case(hex) {
            return Err(format!("{id} is not the sha256 of its document ({digest})"));
        }
        return Ok(format!("sha256:{digest}"));
    }
    if id.trim().is_empty() || id.len() > 200 {
        return Err(format!("{id:?} is not a document id"));
    }
    Ok(id.to_owned())
}

pub fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub async fn documents(args: DocumentsArgs) -> CommandResult {
    let db = Database::connect(&args.database.settings()).await?;
    db.migrate().await?;
    match args.action {
        DocumentsAction::Load { manifest } => {
            let text = std::fs::read_to_string(&manifest)?;
            let entries: BTreeMap<String, String> = serde_json::from_str(&text)
                .map_err(|e| format!("{}: not a manifest of id → document: {e}", manifest.display()))?;
            let documents = entries
                .iter()
                .map(|(id, document)| Ok((document_id(id, document)?, document.clone())))
                .collect::<Result<Vec<_>, String>>()?;
            let added = db.add_trusted_documents_public(&documents).await?;
            println!("{} documents in the manifest, {added} new", documents.len());
        }
        DocumentsAction::List => {
            for (id, length) in db.list_trusted_documents_public().await? {
                println!("{id}\t{length} bytes");
            }
        }
    }
    Ok(())
}
