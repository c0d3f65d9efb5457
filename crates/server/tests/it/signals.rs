//! SIGTERM and SIGINT stop the server cleanly: it stops accepting, lets in-flight requests finish, and exits 0.
//! Synchronised on the server's own log lines: no sleeping, no polling.

use std::io::{BufRead, BufReader, Lines, Read, Write};
use std::net::TcpStream;
use std::process::{Child, ChildStdout, Command, Stdio};

struct Server {
    _dir: tempfile::TempDir,
    child: Child,
    port: u16,
    log: Lines<BufReader<ChildStdout>>,
}

impl Server {
    fn start() -> Server {
        let dir = tempfile::tempdir().unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_pactes"))
            .args(["serve", "--listen", "127.0.0.1:0"])
            .env(
                "DATABASE_URL",
                format!("sqlite://{}/p.db?mode=rwc", dir.path().display()),
            )
            .env("PACTES_JWT_SECRET", "a-signal-test-secret-long-enough-for-hs256")
            .env("PACTES_DEMO", "1")
            .env("PACTES_LOG_FORMAT", "json")
            .env("RUST_LOG", "info")
            .env_remove("PACTES_DEV")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("pactes starts");
        let log = BufReader::new(child.stdout.take().expect("stdout")).lines();
        let mut server = Server {
            _dir: dir,
            child,
            port: 0,
            log,
        };
        let listening = server.wait_for("pactes is listening");
        server.port = listening["fields"]["port"].as_u64().expect("a port") as u16;
        server
    }

    /// Reads the log until a line with this message, and returns it.
    fn wait_for(&mut self, message: &str) -> serde_json::Value {
        for line in self.log.by_ref() {
            let event: serde_json::Value = serde_json::from_str(&line.expect("a log line")).unwrap_or_default();
            if event["fields"]["message"] == message {
                return event;
            }
        }
        panic!("the server never logged {message:?}");
    }

    fn signal(&self, signal: &str) {
        assert!(
            Command::new("kill")
                .args([signal, &self.child.id().to_string()])
                .status()
                .unwrap()
                .success()
        );
    }
}

#[test]
fn sigterm_and_sigint_exit_zero() {
    for signal in ["-TERM", "-INT"] {
        let mut server = Server::start();
        server.signal(signal);
        server.wait_for("pactes stopped");
        assert_eq!(server.child.wait().unwrap().code(), Some(0), "{signal}");
    }
}

/// Reads one HTTP/1.1 response (headers, then `Content-Length` bytes of body) from a kept-alive connection.
fn read_response(stream: &mut TcpStream) -> String {
    let mut bytes = Vec::new();
    let mut byte = [0u8; 1];
    while !bytes.ends_with(b"\r\n\r\n") {
        stream.read_exact(&mut byte).expect("response headers");
        bytes.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&bytes).to_string();
    let length: usize = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-length:")
                .map(|v| v.trim().parse().unwrap())
        })
        .expect("a content length");
    let mut body = vec![0u8; length];
    stream.read_exact(&mut body).expect("response body");
    head + &String::from_utf8_lossy(&body)
}

#[test]
fn a_request_in_flight_at_sigterm_is_answered() {
    let mut server = Server::start();
    let body = br#"{"query":"{ federations { slug } }"}"#;
    let head = format!(
        "POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    // A first, complete request: once it is answered, a worker owns this connection (it is no longer waiting
    // in the listener's queue, where a stopping server would rightly drop it).
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    assert!(read_response(&mut stream).starts_with("HTTP/1.1 200"));

    // The second request is half sent when SIGTERM arrives. It asks to be told to go on (`Expect:
    // 100-continue`) and waits for that: the server has then read its head, so the request is in flight when
    // the signal comes, not bytes the server has yet to look at (a stopping server closes a connection with
    // nothing read on it, as it should).
    let expecting = head.replace("\r\n\r\n", "\r\nExpect: 100-continue\r\n\r\n");
    stream.write_all(expecting.as_bytes()).unwrap();
    let mut interim = Vec::new();
    let mut byte = [0u8; 1];
    while !interim.ends_with(b"\r\n\r\n") {
        stream.read_exact(&mut byte).expect("an interim response");
        interim.push(byte[0]);
    }
    assert!(
        interim.starts_with(b"HTTP/1.1 100"),
        "{}",
        String::from_utf8_lossy(&interim)
    );
    stream.write_all(&body[..10]).unwrap();
    stream.flush().unwrap();
    server.signal("-TERM");
    server.wait_for("stopping: no new connections, finishing in-flight requests");
    stream.write_all(&body[10..]).unwrap();
    let response = read_response(&mut stream);
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(
        response.contains(r#"{"data":{"federations":[{"slug":"finistere"}"#),
        "{response}"
    );
    assert_eq!(server.child.wait().unwrap().code(), Some(0));
}

/// Item 10: whatever a request carries, neither the token nor the configured secret reaches the logs.
#[test]
fn tokens_and_secrets_never_reach_the_logs() {
    let mut server = Server::start();
    let secret = "a-signal-test-secret-long-enough-for-hs256";
    let claims = serde_json::json!({ "sub": "alice", "exp": 4_000_000_000u64, "fed": "nord", "roles": ["viewer"] });
    let token = jsonwebtoken::encode(
        &jsonwebtoken::Header::default(),
        &claims,
        &jsonwebtoken::EncodingKey::from_secret(secret.as_bytes()),
    )
    .unwrap();
    let body = br#"{"query":"{ centres { totalCount } }"}"#;
    for bearer in [token.as_str(), "forged.token.value"] {
        let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        let request = format!(
            "POST /graphql?access_token={bearer} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {bearer}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
            body.len()
        );
        stream.write_all(request.as_bytes()).unwrap();
        stream.write_all(body).unwrap();
        assert!(read_response(&mut stream).starts_with("HTTP/1.1"));
    }
    server.signal("-TERM");
    let lines: Vec<String> = server.log.by_ref().map(|l| l.unwrap()).collect();
    assert!(
        lines
            .iter()
            .any(|l| l.contains("request completed") && l.contains("outcome")),
        "{lines:?}"
    );
    for line in &lines {
        assert!(!line.contains(&token), "a log line holds the token: {line}");
        assert!(!line.contains("forged.token.value"), "a log line holds a token: {line}");
        assert!(!line.contains(secret), "a log line holds the secret: {line}");
    }
    assert_eq!(server.child.wait().unwrap().code(), Some(0));
}
