//! French postal codes: five digits, from 01000 to 98999.

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PostalCodeError {
    #[error("a postal code has exactly 5 digits, e.g. 59500")]
    Shape,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PostalCode(String);

impl PostalCode {
    pub fn parse(raw: &str) -> Result<PostalCode, PostalCodeError> {
        let code = raw.trim();
        let shaped = code.len() == 5
            && code.bytes().all(|b| b.is_ascii_digit())
            && !code.starts_with("00")
            && !code.starts_with("99");
        if shaped {
            Ok(PostalCode(code.to_owned()))
        } else {
            Err(PostalCodeError::Shape)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

crate::stored::stored_as_text!(PostalCode);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_digit_codes_are_accepted() {
        for raw in ["59500", "62100", "20000", "97400", " 57000 "] {
            assert!(PostalCode::parse(raw).is_ok(), "{raw}");
        }
    }

    #[test]
    fn other_shapes_are_refused() {
        for raw in ["5950", "595000", "59 500", "A9500", "00100", "99000", ""] {
            assert!(PostalCode::parse(raw).is_err(), "{raw}");
        }
    }
}
