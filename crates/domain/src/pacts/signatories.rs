//! Who signs a pact: member centres, partners (some of them funders) and the federation, each through a named
//! person, and the date each signed.

use chrono::NaiveDate;

pub use crate::agreement::Party;
use crate::text::{Label, non_blank};
use crate::validation::Validator;

use super::kinds::SignatoryRole;

const MAX_SIGNATORIES: usize = 200;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signatory {
    pub party: Party,
    pub role: SignatoryRole,
    /// The person who signs for the party.
    pub signer_name: Label,
    /// Their title ("Président", "Directrice").
    pub signer_title: Option<Label>,
    /// `None` until the party has signed.
    pub signed_on: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignatoryDraft {
    pub party: Party,
    pub role: SignatoryRole,
    pub signer_name: String,
    pub signer_title: Option<String>,
    pub signed_on: Option<NaiveDate>,
}

/// Why a role does not fit a party, if it does not: members are centres, partners and funders are partners,
/// and the federation signs as the federation.
fn role_mismatch(party: Party, role: SignatoryRole) -> Option<&'static str> {
    match (party, role) {
        (Party::Centre(_), SignatoryRole::Member)
        | (Party::Partner(_), SignatoryRole::Partner | SignatoryRole::Funder)
        | (Party::Federation, SignatoryRole::Federation) => None,
        (_, SignatoryRole::Member) => Some("a member is a centre"),
        (_, SignatoryRole::Partner | SignatoryRole::Funder) => Some("a partner or a funder is a partner"),
        (_, SignatoryRole::Federation) => Some("only the federation signs as the federation"),
    }
}

/// Each signatory valid, each party once; `None` if any is invalid (the errors are in `v`).
pub(crate) fn validate_signatories(v: &mut Validator, raw: &[SignatoryDraft]) -> Option<Vec<Signatory>> {
    if raw.len() > MAX_SIGNATORIES {
        v.invalid(&["signatories"], format!("at most {MAX_SIGNATORIES} signatories"));
    }
    let mut kept: Vec<Option<Signatory>> = Vec::with_capacity(raw.len());
    for (i, s) in raw.iter().enumerate() {
        let signatory = v.nested(&["signatories", &i.to_string()], |v| {
            if let Some(reason) = role_mismatch(s.party, s.role) {
                v.invalid(&["role"], reason);
            }
            if raw[..i].iter().any(|earlier| earlier.party == s.party) {
                v.invalid(&["party"], "this party is already a signatory");
            }
            let name = v.check(&["signerName"], Label::parse(&s.signer_name));
            let title = v.check_optional(&["signerTitle"], non_blank(s.signer_title.as_deref()), Label::parse);
            role_mismatch(s.party, s.role).is_none().then_some(())?;
            Some(Signatory {
                party: s.party,
                role: s.role,
                signer_name: name?,
                signer_title: title,
                signed_on: s.signed_on,
            })
        });
        kept.push(signatory);
    }
    kept.into_iter().collect()
}

impl Signatory {
    pub fn to_draft(&self) -> SignatoryDraft {
        SignatoryDraft {
            party: self.party,
            role: self.role,
            signer_name: self.signer_name.as_str().to_owned(),
            signer_title: self.signer_title.as_ref().map(|t| t.as_str().to_owned()),
            signed_on: self.signed_on,
        }
    }
}
