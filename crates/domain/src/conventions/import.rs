//! A spreadsheet of payments, row by row: each names a convention by its reference, the funder (by name, as the
//! spreadsheet has it, or by id), the year, and optionally the beneficiary and nature where a funder has several
//! lines that year. Every bad row is reported (line, column, reason) and nothing is written unless every row is
//! good. A row's idempotency key, when the file has none, is derived from its content, so the same file
//! imported twice records each payment once.

use std::collections::HashMap;

use crate::agreement::Party;
use crate::ids::ConventionId;
use crate::money::Money;
use crate::text::fold;

use super::content::ConventionContent;
use super::kinds::FundingNature;
use super::payment::PaymentDraft;

/// One row as read from the file: text, checked here.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PaymentRow {
    /// The row's line in the file (the header is line 1).
    pub line: usize,
    pub reference: String,
    pub funder: String,
    pub beneficiary: Option<String>,
    pub nature: Option<String>,
    pub year: String,
    pub paid_on: String,
    pub amount: String,
    pub payment_reference: Option<String>,
    pub idempotency_key: Option<String>,
}

/// What is wrong with one row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    pub line: usize,
    pub column: String,
    pub reason: String,
}

impl RowError {
    pub fn new(line: usize, column: &str, reason: impl Into<String>) -> RowError {
        RowError {
            line,
            column: column.to_owned(),
            reason: reason.into(),
        }
    }
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}, column {}: {}", self.line, self.column, self.reason)
    }
}

/// What an import did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub rows: usize,
    /// Payments written by this import.
    pub recorded: usize,
    /// Rows whose payment an earlier import (or request) recorded already: counted once.
    pub already_recorded: usize,
    pub conventions: usize,
}

/// A good row: the payment for the convention, and the row's line (to report what storage refuses).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolvedPayment {
    pub line: usize,
    pub convention: ConventionId,
    pub payment: PaymentDraft,
}

/// Resolves every row against the federation's conventions (by folded reference) and parties (by folded
/// name), or reports every bad row.
pub fn resolve_rows(
    rows: &[PaymentRow],
    conventions: &HashMap<String, (ConventionId, ConventionContent)>,
    parties: &HashMap<String, Party>,
) -> Result<Vec<ResolvedPayment>, Vec<RowError>> {
    let mut errors = Vec::new();
    let mut resolved = Vec::new();
    let mut occurrences: HashMap<String, usize> = HashMap::new();
    for row in rows {
        let before = errors.len();
        let err = |column: &str, reason: String| RowError::new(row.line, column, reason);
        let year = row
            .year
            .trim()
            .parse::<i32>()
            .map_err(|_| err("year", format!("{:?} is not a year", row.year)));
        let paid_on = crate::calendar::parse_date(row.paid_on.trim())
            .map_err(|e| err("paid_on", format!("{:?}: {e}", row.paid_on)));
        let amount = Money::parse(row.amount.trim()).map_err(|e| err("amount", format!("{:?}: {e}", row.amount)));
        let party = |column: &str, name: &str| {
            parties
                .get(&fold(name))
                .copied()
                .ok_or_else(|| err(column, format!("{name:?} is not a partner, centre or the federation")))
        };
        let funder = party("funder", &row.funder);
        let beneficiary = row
            .beneficiary
            .as_deref()
            .filter(|b| !b.trim().is_empty())
            .map(|b| party("beneficiary", b))
            .transpose();
        let nature = row
            .nature
            .as_deref()
            .filter(|n| !n.trim().is_empty())
            .map(|n| {
                FundingNature::from_code(n.trim())
                    .ok_or_else(|| err("nature", format!("{n:?} is not a funding nature")))
            })
            .transpose();
        let convention = conventions.get(&fold(&row.reference)).ok_or_else(|| {
            err(
                "reference",
                format!("no convention has the reference {:?}", row.reference),
            )
        });
        for failed in [year.as_ref().err(), paid_on.as_ref().err(), amount.as_ref().err()] {
            errors.extend(failed.cloned());
        }
        for failed in [funder.as_ref().err(), beneficiary.as_ref().err(), nature.as_ref().err()] {
            errors.extend(failed.cloned());
        }
        errors.extend(convention.as_ref().err().cloned());
        if errors.len() > before {
            continue;
        }
        let (Ok(year), Ok(paid_on), Ok(amount), Ok(funder), Ok(beneficiary), Ok(nature), Ok((id, content))) =
            (year, paid_on, amount, funder, beneficiary, nature, convention)
        else {
            continue;
        };
        let matching: Vec<_> = content
            .lines
            .iter()
            .filter(|l| l.funder == funder && l.year == year)
            .filter(|l| beneficiary.is_none_or(|b| l.beneficiary == b))
            .filter(|l| nature.is_none_or(|n| l.nature == n))
            .collect();
        let line = match matching.as_slice() {
            [line] => line,
            [] => {
                errors.push(err(
                    "year",
                    format!("the convention has no line of this funder for {year}"),
                ));
                continue;
            }
            _ => {
                errors.push(err(
                    "beneficiary",
                    format!(
                        "the funder has {} lines in {year}: name the beneficiary and the nature",
                        matching.len()
                    ),
                ));
                continue;
            }
        };
        let key = match row.idempotency_key.as_deref().map(str::trim).filter(|k| !k.is_empty()) {
            Some(key) => key.to_owned(),
            None => {
                // The same content twice in one file is two payments: the occurrence number tells them apart.
                let content = format!(
                    "{}|{}|{}|{}|{}|{}",
                    fold(&row.reference),
                    line.id,
                    paid_on,
                    amount,
                    row.payment_reference.as_deref().unwrap_or("").trim(),
                    year
                );
                let n = occurrences.entry(content.clone()).or_default();
                *n += 1;
                format!("import:{content}#{n}")
            }
        };
        resolved.push(ResolvedPayment {
            line: row.line,
            convention: *id,
            payment: PaymentDraft {
                line_id: line.id,
                paid_on,
                amount,
                reference: row.payment_reference.clone().filter(|r| !r.trim().is_empty()),
                idempotency_key: Some(key),
            },
        });
    }
    if errors.is_empty() { Ok(resolved) } else { Err(errors) }
}
