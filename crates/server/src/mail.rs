//! The sender of convocation letters: every replica with a mail server configured looks for letters due, claims
//! them under a lease (so two replicas never send one letter), sends each over SMTP with its invitation attached,
//! and records the delivery — or, when the server refuses or cannot be reached, the error and a later attempt
//! time, doubling from one second up to `--mail-retry-max`. A letter's `Message-ID` is its outbox id, so a copy a
//! crash made possible (sent, not yet marked) is recognisable as the same letter.

use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use pactes_persistence::{Database, Outgoing};

use crate::config::MailArgs;

/// Letters claimed at once by one replica.
const BATCH: u32 = 20;
/// How long a claim holds: a letter whose sender died is sent by another after it.
const LEASE_SECONDS: i64 = 300;

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("PACTES_SMTP_URL: {0}")]
    Url(String),
    #[error("PACTES_MAIL_FROM: {0}")]
    From(String),
}

pub struct Sender {
    db: Database,
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    poll: Duration,
    retry_max: Duration,
}

impl Sender {
    /// The sender `args` configure; `None` without a mail server (letters then wait in the outbox).
    pub fn new(db: Database, args: &MailArgs) -> Result<Option<Sender>, MailError> {
        let Some(url) = &args.smtp_url else {
            return Ok(None);
        };
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose())
            .map_err(|e| MailError::Url(e.to_string()))?
            .timeout(Some(Duration::from_secs(20)))
            .build();
        let from = args
            .mail_from
            .parse()
            .map_err(|e: lettre::address::AddressError| MailError::From(e.to_string()))?;
        Ok(Some(Sender {
            db,
            transport,
            from,
            poll: args.mail_poll,
            retry_max: args.mail_retry_max,
        }))
    }

    /// Sends letters as they fall due, until the task is stopped.
    pub async fn run(self) {
        tracing::info!("sending convocation letters");
        loop {
            match self.round().await {
                // A full batch: there may be more due at once.
                Ok(sent) if sent == BATCH as usize => continue,
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "cannot read the outbox; trying again"),
            }
            tokio::time::sleep(self.poll).await;
        }
    }

    async fn round(&self) -> Result<usize, pactes_domain::RepositoryError> {
        let now = chrono::Utc::now();
        let due = self
            .db
            .claim_letters(now, BATCH, chrono::Duration::seconds(LEASE_SECONDS))
            .await?;
        for letter in &due {
            match self.send(letter).await {
                Ok(()) => self.db.letter_sent(letter.id, chrono::Utc::now()).await?,
                Err(error) => {
                    let wait = retry_after(letter.attempts, self.retry_max);
                    tracing::warn!(letter = %letter.id, attempts = letter.attempts, %error, ?wait, "a letter was not sent");
                    let retry_at = chrono::Utc::now() + chrono::Duration::from_std(wait).unwrap_or_default();
                    self.db.letter_failed(letter.id, &error, retry_at).await?;
                }
            }
        }
        Ok(due.len())
    }

    async fn send(&self, letter: &Outgoing) -> Result<(), String> {
        let to: Mailbox = letter
            .recipient
            .parse()
            .map_err(|e| format!("address {}: {e}", letter.recipient))?;
        let calendar = ContentType::parse("text/calendar; method=REQUEST; charset=utf-8").map_err(|e| e.to_string())?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(&letter.subject)
            .message_id(Some(format!("<{}@pactes>", letter.id)))
            .multipart(
                MultiPart::mixed()
                    .singlepart(SinglePart::plain(letter.body.clone()))
                    .singlepart(Attachment::new("convocation.ics".to_owned()).body(letter.calendar.clone(), calendar)),
            )
            .map_err(|e| e.to_string())?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}

/// The wait after `attempts` failed attempts: 1 s, 2 s, 4 s… up to `max`.
fn retry_after(attempts: u32, max: Duration) -> Duration {
    let doubled = Duration::from_secs(1u64 << attempts.saturating_sub(1).min(20));
    doubled.min(max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_longer_each_time_up_to_the_maximum() {
        let max = Duration::from_secs(900);
        let waits: Vec<u64> = (1..=12).map(|a| retry_after(a, max).as_secs()).collect();
        assert_eq!(waits, [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900]);
        assert_eq!(retry_after(40, max), max);
    }
}
