//! French telephone numbers, as the directory prints them: "03 27 88 59 26".

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    #[error("a phone number may contain only digits, spaces, dots, dashes and a leading +")]
    Characters,
    #[error("a French phone number has 10 digits starting with 0 (or +33 followed by 9 digits)")]
    Shape,
}

/// A French number (metropolitan or overseas), stored in its ten-digit national form.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PhoneNumber(String);

/// Country codes of the overseas départements and collectivities, whose numbers are dialled nationally with 0 +
/// the same nine digits.
const OVERSEAS_CODES: [&str; 9] = ["262", "269", "508", "590", "594", "596", "681", "687", "689"];

impl PhoneNumber {
    /// Accepts "03 27 88 59 26", "03.27.88.59.26", "0327885926", "+33 3 27 88 59 26", "0033 3 27 88 59 26".
    pub fn parse(raw: &str) -> Result<PhoneNumber, PhoneError> {
        let trimmed = raw.trim();
        if !trimmed
            .chars()
            .all(|c| c.is_ascii_digit() || " .-()".contains(c) || c == '+')
        {
            return Err(PhoneError::Characters);
        }
        if trimmed.rfind('+').is_some_and(|i| i > 0) {
            return Err(PhoneError::Characters);
        }
        let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
        let international = if let Some(rest) = trimmed.strip_prefix('+') {
            Some(rest.chars().filter(char::is_ascii_digit).collect::<String>())
        } else {
            digits.strip_prefix("00").map(str::to_owned)
        };
        let national = match international {
            Some(number) => {
                let subscriber = number
                    .strip_prefix("33")
                    .or_else(|| OVERSEAS_CODES.iter().find_map(|code| number.strip_prefix(code)))
                    .ok_or(PhoneError::Shape)?;
                // "+33 (0)3 27…" is a common way of writing it: the trunk 0 is dropped.
                let subscriber = if subscriber.len() == 10 {
                    subscriber.strip_prefix('0').unwrap_or("")
                } else {
                    subscriber
                };
                format!("0{subscriber}")
            }
            None => digits,
        };
        let bytes = national.as_bytes();
        if bytes.len() != 10 || bytes[0] != b'0' || bytes[1] == b'0' {
            return Err(PhoneError::Shape);
        }
        Ok(PhoneNumber(national))
    }

    /// Ten digits, no separators: "0327885926".
    pub fn digits(&self) -> &str {
        &self.0
    }

    /// The international form: "+33327885926".
    pub fn e164(&self) -> String {
        format!("+33{}", &self.0[1..])
    }
}

impl fmt::Display for PhoneNumber {
    /// The form French directories print: pairs of digits, "03 27 88 59 26".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pairs: Vec<&str> = (0..5).map(|i| &self.0[i * 2..i * 2 + 2]).collect();
        f.write_str(&pairs.join(" "))
    }
}

crate::stored::stored_as_text!(PhoneNumber);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepted_spellings_normalise_to_one_form() {
        for raw in [
            "03 27 88 59 26",
            "03.27.88.59.26",
            "0327885926",
            "03-27-88-59-26",
            "+33 3 27 88 59 26",
            "+33 (0)3 27 88 59 26",
            "0033 3 27 88 59 26",
            " 03 27 88 59 26 ",
        ] {
            let phone = PhoneNumber::parse(raw).unwrap_or_else(|e| panic!("{raw}: {e}"));
            assert_eq!(phone.to_string(), "03 27 88 59 26", "{raw}");
            assert_eq!(phone.e164(), "+33327885926", "{raw}");
        }
    }

    #[test]
    fn overseas_numbers_keep_their_national_form() {
        assert_eq!(
            PhoneNumber::parse("+262 262 12 34 56").unwrap().to_string(),
            "02 62 12 34 56"
        );
    }

    #[test]
    fn malformed_numbers_are_refused() {
        for raw in [
            "",
            "03 27 88 59",
            "03 27 88 59 26 1",
            "00 27 88 59 26",
            "3 27 88 59 26",
            "+44 20 7946 0958",
            "03 27 88 59 2a",
            "03+27885926",
        ] {
            assert!(PhoneNumber::parse(raw).is_err(), "{raw} should be refused");
        }
    }
}
