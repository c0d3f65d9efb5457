//! House rules held by tests over the source itself (rust-analyzer's "tidy" tests): a new area cannot add a
//! repository read that forgets the caller's scope without saying so in its name.

use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`.
pub(crate) fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// The methods of the repository traits in `source`: (trait, method, its first parameter after `&self`).
pub(crate) fn repository_methods(source: &str) -> Vec<(String, String, String)> {
    let text = source.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut methods = Vec::new();
    for part in text.split("pub trait ").skip(1) {
        let name: String = part.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        if !name.contains("Repository") && !name.starts_with("Records") {
            continue;
        }
        let body = part.split("\n}").next().unwrap_or(part);
        let body = body.split(" } ").next().unwrap_or(body);
        for signature in body.split(" fn ").skip(1) {
            let method: String = signature
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let params = signature.split_once('(').map(|(_, p)| p).unwrap_or_default();
            let first = params
                .trim_start()
                .trim_start_matches("&self")
                .trim_start_matches(',')
                .trim()
                .split([',', ')'])
                .next()
                .unwrap_or_default()
                .trim()
                .to_owned();
            methods.push((name.clone(), method, first));
        }
    }
    methods
}

/// Writes name the tenant they write to (or are national: the federations themselves).
fn is_write(method: &str) -> bool {
    [
        "create_",
        "update_",
        "archive_",
        "transition_",
        "amend_",
        "import_",
        "delete_",
        "record_",
        "adopt_",
        "plan_",
        "convene_",
        "hold_",
        "draft_",
        "cancel_",
        "erase_",
    ]
    .iter()
    .any(|verb| method.starts_with(verb))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_repository_read_takes_the_caller_s_scope_or_says_it_is_public() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut reads = 0;
        for path in sources(&root).into_iter().filter(|p| !p.ends_with("house_rules.rs")) {
            let source = std::fs::read_to_string(&path).unwrap();
            for (repository, method, first) in repository_methods(&source) {
                if is_write(&method) {
                    continue;
                }
                reads += 1;
                assert!(
                    first.starts_with("scope: &Scope") || method.ends_with("_public"),
                    "{}: {repository}::{method} reads without a scope (first parameter `{first}`); \
                     take `scope: &Scope` or name it `…_public`",
                    path.display()
                );
            }
        }
        assert!(
            reads >= 12,
            "the scan found only {reads} repository reads: is it still reading the traits?"
        );
    }

    #[test]
    fn the_scan_sees_a_read_that_forgets_its_scope() {
        let bad =
            "pub trait PactRepository {\n    fn pacts_by_ids(\n        &self,\n        ids: &[PactId],\n    ) -> X;\n}";
        assert_eq!(
            repository_methods(bad),
            vec![("PactRepository".into(), "pacts_by_ids".into(), "ids: &[PactId]".into())]
        );
    }
}
