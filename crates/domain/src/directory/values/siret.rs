//! SIRET: the 14-digit identifier of an establishment (SIREN + NIC), checked with the Luhn key.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SiretError {
    #[error("a SIRET has exactly 14 digits")]
    Shape,
    #[error("this SIRET fails its check digit (Luhn): check for a typing error")]
    CheckDigit,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Siret(String);

/// La Poste's establishments share one SIREN and are numbered beyond what Luhn allows; INSEE checks them with
/// "sum of the digits is a multiple of 5" instead.
const LA_POSTE_SIREN: &str = "356000000";

impl Siret {
    /// Spaces are ignored: "130 025 265 00013" is accepted.
    pub fn parse(raw: &str) -> Result<Siret, SiretError> {
        let digits: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
        if digits.len() != 14 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(SiretError::Shape);
        }
        let valid = if digits.starts_with(LA_POSTE_SIREN) {
            digits
                .bytes()
                .map(|b| u32::from(b - b'0'))
                .sum::<u32>()
                .is_multiple_of(5)
        } else {
            luhn_valid(&digits)
        };
        if valid {
            Ok(Siret(digits))
        } else {
            Err(SiretError::CheckDigit)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The SIREN: the legal entity the establishment belongs to.
    pub fn siren(&self) -> &str {
        &self.0[..9]
    }
}

impl fmt::Display for Siret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn luhn_valid(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let doubled = d * 2;
                if doubled > 9 { doubled - 9 } else { doubled }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

crate::stored::stored_as_text!(Siret);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_sirets_are_accepted_with_or_without_spaces() {
        // A Luhn-valid SIRET, and a La Poste office that fails Luhn but passes the multiple-of-5 rule.
        for raw in ["12002701600357", "120 027 016 00357", "35600000049837"] {
            assert!(Siret::parse(raw).is_ok(), "{raw}");
        }
        assert_eq!(Siret::parse("120 027 016 00357").unwrap().siren(), "120027016");
    }

    #[test]
    fn a_typing_error_fails_the_check_digit() {
        assert_eq!(Siret::parse("12002701600358"), Err(SiretError::CheckDigit));
        assert_eq!(Siret::parse("35600000000049"), Err(SiretError::CheckDigit));
        // Luhn-valid, but La Poste's numbers follow their own rule.
        assert_eq!(Siret::parse("35600000000048"), Err(SiretError::CheckDigit));
    }

    #[test]
    fn wrong_lengths_and_letters_are_refused() {
        for raw in ["1200270160035", "120027016003570", "1200270160035A", ""] {
            assert_eq!(Siret::parse(raw), Err(SiretError::Shape), "{raw}");
        }
    }
}
