//! SIGTERM and SIGINT stop the server cleanly: it stops accepting, lets requests finish, and exits 0.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

fn start() -> (std::process::Child, u16) {
    let dir = std::env::temp_dir().join(format!("pactes-signals-{}", std::process::id()));
    let mut child = Command::new(env!("CARGO_BIN_EXE_pactes"))
        .args(["serve", "--listen", "127.0.0.1:0"])
        .env("DATABASE_URL", format!("sqlite://{}/p.db?mode=rwc", dir.display()))
        .env("PACTES_JWT_SECRET", "a-signal-test-secret-long-enough-for-hs256")
        .env("PACTES_DEMO", "0")
        .env("PACTES_LOG_FORMAT", "json")
        .env("RUST_LOG", "info")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("pactes starts");
    // Waits for the log line announcing the port: no sleeping, no polling.
    let stdout = child.stdout.take().expect("stdout");
    let mut port = None;
    for line in BufReader::new(stdout).lines() {
        let line = line.expect("a log line");
        let event: serde_json::Value = serde_json::from_str(&line).unwrap_or_default();
        if event["fields"]["message"] == "pactes is listening" {
            port = event["fields"]["port"].as_u64();
            break;
        }
    }
    (child, port.expect("the server announced its port") as u16)
}

#[test]
fn sigterm_and_sigint_exit_zero() {
    for signal in ["-TERM", "-INT"] {
        let (mut child, port) = start();
        let health = std::net::TcpStream::connect(("127.0.0.1", port));
        assert!(health.is_ok(), "the server accepts connections");
        drop(health);
        let sent = Command::new("kill")
            .args([signal, &child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(0), "{signal}");
    }
}
