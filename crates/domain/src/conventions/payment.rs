//! Payments against a funding line: appended as they are made, never rewritten, each with an idempotency key so
//! that recording the same payment twice (a re-run import, a retried request) counts it once. What a line has
//! been paid is the sum of its payments; it never exceeds the committed amount unless the line says it may.

use chrono::NaiveDate;

use crate::ids::{FundingLineId, PaymentId};
use crate::money::Money;
use crate::text::{Label, non_blank};
use crate::validation::{ValidationErrors, Validator};

use super::content::{ConventionContent, FundingLine};

const MAX_KEY: usize = 200;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Payment {
    pub id: PaymentId,
    pub line_id: FundingLineId,
    pub paid_on: NaiveDate,
    pub amount: Money,
    /// The payer's own reference (a mandate number).
    pub reference: Option<Label>,
    /// Unique within the federation: the same key is the same payment.
    pub idempotency_key: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaymentDraft {
    pub line_id: FundingLineId,
    pub paid_on: NaiveDate,
    pub amount: Money,
    pub reference: Option<String>,
    /// Given by the client (an import gives one per row); a new one when absent.
    pub idempotency_key: Option<String>,
}

/// What a line has been paid: the sum of its payments among `payments`, exact to the cent (`None` past the
/// range of an amount).
pub fn paid(line: FundingLineId, payments: &[Payment]) -> Option<Money> {
    Money::checked_sum(payments.iter().filter(|p| p.line_id == line).map(|p| p.amount))
}

/// The payments `drafts` adds to `existing` for `content`'s lines, every invalid one reported at its index;
/// a draft whose key is already recorded is left out (counted once), not an error.
pub fn validate_payments(
    content: &ConventionContent,
    existing: &[Payment],
    drafts: Vec<PaymentDraft>,
) -> Result<Vec<Payment>, ValidationErrors> {
    let mut v = Validator::new();
    let mut added: Vec<Payment> = Vec::with_capacity(drafts.len());
    for (i, draft) in drafts.into_iter().enumerate() {
        let index = i.to_string();
        let key = non_blank(draft.idempotency_key.as_deref()).map(|k| k.trim().to_owned());
        if let Some(key) = &key
            && (existing.iter().chain(&added).any(|p| &p.idempotency_key == key))
        {
            continue;
        }
        let payment = v.nested(&["payments", &index], |v| {
            if key.as_ref().is_some_and(|k| k.chars().count() > MAX_KEY) {
                v.invalid(&["idempotencyKey"], format!("at most {MAX_KEY} characters"));
            }
            let reference = v.check_optional(&["reference"], non_blank(draft.reference.as_deref()), Label::parse);
            if draft.amount.is_negative() || draft.amount == Money::ZERO {
                v.invalid(&["amount"], "a payment is a positive amount");
            }
            let Some(line) = content.line(draft.line_id) else {
                v.invalid(&["lineId"], "this convention has no such funding line");
                return None;
            };
            check_within_committed(v, line, existing.iter().chain(&added), draft.amount);
            Some(Payment {
                id: PaymentId::generate(),
                line_id: draft.line_id,
                paid_on: draft.paid_on,
                amount: draft.amount,
                reference,
                idempotency_key: key.clone().unwrap_or_else(|| uuid::Uuid::now_v7().to_string()),
            })
        });
        if let Some(payment) = payment {
            added.push(payment);
        }
    }
    v.finish(|| Some(added))
}

fn check_within_committed<'a>(
    v: &mut Validator,
    line: &FundingLine,
    payments: impl Iterator<Item = &'a Payment>,
    amount: Money,
) {
    let before = Money::checked_sum(payments.filter(|p| p.line_id == line.id).map(|p| p.amount));
    match before.and_then(|b| b.checked_add(amount)) {
        None => v.invalid(&["amount"], "the payments add up past what an amount can hold"),
        Some(total) if total > line.committed && !line.overpayment_allowed => v.invalid(
            &["amount"],
            format!(
                "this payment brings the line to {total}, above the {} committed (the line does not allow over-payment)",
                line.committed
            ),
        ),
        Some(_) => {}
    }
}

/// A content replacing one whose lines have `payments`: a line with payments may not be removed, nor its
/// commitment lowered below what it was paid unless it allows over-payment.
pub fn check_lines_keep_payments(content: &ConventionContent, payments: &[Payment]) -> Result<(), ValidationErrors> {
    let mut v = Validator::new();
    let mut lines_paid: Vec<FundingLineId> = payments.iter().map(|p| p.line_id).collect();
    lines_paid.sort_unstable_by_key(|id| id.as_uuid());
    lines_paid.dedup();
    for id in lines_paid {
        match content.lines.iter().position(|l| l.id == id) {
            None => v.push(crate::validation::FieldError::new(
                &["lines"],
                crate::validation::FieldErrorCode::InvalidState,
                "a funding line with payments may not be removed",
            )),
            Some(i) => {
                let line = &content.lines[i];
                if let Some(total) = paid(id, payments)
                    && total > line.committed
                    && !line.overpayment_allowed
                {
                    v.invalid(
                        &["lines", &i.to_string(), "committed"],
                        format!("{total} is already paid on this line: commit at least that much"),
                    );
                }
            }
        }
    }
    v.finish(|| Some(()))
}
