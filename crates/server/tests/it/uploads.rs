//! A staff upload at the size limit, against a `pactes serve` process of its own so that its memory is the
//! server's alone: the worst spreadsheet the limits let through is refused early, answers a short list of
//! errors, and keeps the process within the bound the README states.

use serde_json::{Value, json};

use crate::subscriptions::{Replica, token};

/// `PACTES_MAX_UPLOAD_BYTES`'s default.
const SIZE_LIMIT: usize = 16 * 1024 * 1024;
/// The README's bound on a server's peak resident memory through the worst values import.
const MEMORY_BOUND: u64 = 256 * 1024 * 1024;

async fn upload(replica: &Replica, token: &str, csv: Vec<u8>) -> (u16, Value, usize) {
    let operations = json!({
        "query": "mutation($file: Upload!) { importIndicatorValues(file: $file, year: 2024) \
                  { imported userErrors { field code message } } }",
        "variables": { "file": null },
    });
    let form = reqwest::multipart::Form::new()
        .text("operations", operations.to_string())
        .text("map", json!({ "0": ["variables.file"] }).to_string())
        .part(
            "0",
            reqwest::multipart::Part::bytes(csv)
                .file_name("valeurs-2024.csv")
                .mime_str("text/csv")
                .unwrap(),
        );
    let reply = reqwest::Client::new()
        .post(format!("http://127.0.0.1:{}/graphql", replica.port))
        .bearer_auth(token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    let status = reply.status().as_u16();
    let body = reply.bytes().await.unwrap();
    (status, serde_json::from_slice(&body).unwrap(), body.len())
}

/// A wide spreadsheet of `columns` indicator columns named `header`-long, each row's centre `centre`-long and
/// each value `value`-long, as many rows as fit in `size` bytes.
fn wide(columns: usize, header: usize, centre: usize, value: usize, size: usize) -> Vec<u8> {
    let mut csv = String::from("centre");
    for c in 0..columns {
        csv.push_str(&format!(",{:X<header$}", format!("C{c}_")));
    }
    csv.push('\n');
    let row = format!(
        "{}{}\n",
        "N".repeat(centre),
        format!(",{}", "7".repeat(value)).repeat(columns)
    );
    while csv.len() + row.len() <= size {
        csv.push_str(&row);
    }
    csv.into_bytes()
}

#[tokio::test]
async fn the_worst_values_upload_at_the_size_limit_is_refused_early_and_stays_within_its_memory_bound() {
    let dir = tempfile::tempdir().unwrap();
    let replica = Replica::start(&format!("sqlite://{}/p.db?mode=rwc", dir.path().display())).await;
    let staff = token("nord", &["federation-staff"], 600);

    // The review's file: a thousand unknown columns of short cells. Refused at the header.
    let (status, reply, _) = upload(&replica, &staff, wide(1_000, 8, 20, 1, SIZE_LIMIT - 64 * 1024)).await;
    assert_eq!(status, 200);
    let errors = reply["data"]["importIndicatorValues"]["userErrors"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(errors.len(), 1, "{} errors", errors.len());
    assert_eq!(errors[0]["field"], json!(["file", "1", "header"]), "{}", errors[0]);

    // As many columns as allowed, short values: more cells than a file may hold, refused when the limit is
    // reached.
    let (status, reply, _) = upload(&replica, &staff, wide(399, 200, 200, 20, SIZE_LIMIT - 64 * 1024)).await;
    assert_eq!(status, 200);
    let errors = reply["data"]["importIndicatorValues"]["userErrors"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0]["message"].as_str().unwrap().contains("50000 cells"),
        "{}",
        errors[0]
    );

    // As many columns as allowed, each header, centre and value as long as allowed, up to the cell limit, every
    // cell bad (no such centre, no such indicator): the first hundred errors and their count.
    let (status, reply, bytes) = upload(&replica, &staff, wide(399, 200, 200, 200, 125 * 399 * 201)).await;
    assert_eq!(status, 200);
    let payload = &reply["data"]["importIndicatorValues"];
    assert_eq!(payload["imported"], 0);
    let errors = payload["userErrors"].as_array().unwrap();
    assert_eq!(errors.len(), 101, "the first hundred, then the count");
    assert!(
        errors[100]["message"].as_str().unwrap().contains("bad cells in all"),
        "{}",
        errors[100]
    );
    assert!(bytes < 128 * 1024, "{bytes} bytes of answer");

    let peak = replica.peak_memory();
    eprintln!("peak resident memory of the server: {:.1} MB", peak as f64 / 1e6);
    assert!(peak < MEMORY_BOUND, "peak resident memory {peak} bytes");
}
