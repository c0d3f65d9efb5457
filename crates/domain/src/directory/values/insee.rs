//! INSEE codes: a commune's official code (5 characters, Corsica 2A/2B) and a département's code.

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InseeCodeError {
    #[error("an INSEE commune code has 5 characters: 2 for the département (2A/2B in Corsica), 3 digits, e.g. 59178")]
    Shape,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct InseeCode(String);

impl InseeCode {
    pub fn parse(raw: &str) -> Result<InseeCode, InseeCodeError> {
        let code = raw.trim().to_ascii_uppercase();
        if code.len() != 5 || !code.is_ascii() {
            return Err(InseeCodeError::Shape);
        }
        let (departement, commune) = code.split_at(2);
        let departement_ok =
            departement == "2A" || departement == "2B" || departement.bytes().all(|b| b.is_ascii_digit());
        if departement_ok && commune.bytes().all(|b| b.is_ascii_digit()) && departement != "00" {
            Ok(InseeCode(code))
        } else {
            Err(InseeCodeError::Shape)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DepartementCodeError {
    #[error("a département code is 01 to 95, 2A or 2B, or 971 to 976")]
    Unknown,
}

/// A département's code: "59", "2A", "974".
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DepartementCode(String);

impl DepartementCode {
    pub fn parse(raw: &str) -> Result<DepartementCode, DepartementCodeError> {
        let code = raw.trim().to_ascii_uppercase();
        let metropolitan = code.len() == 2
            && (code == "2A" || code == "2B" || code.parse::<u8>().is_ok_and(|n| (1..=95).contains(&n) && n != 20));
        let overseas = code.len() == 3 && code.parse::<u16>().is_ok_and(|n| (971..=976).contains(&n));
        if metropolitan || overseas {
            Ok(DepartementCode(code))
        } else {
            Err(DepartementCodeError::Unknown)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

crate::stored::stored_as_text!(InseeCode);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commune_codes() {
        for raw in ["59178", "2A004", "2b033", "97411"] {
            assert!(InseeCode::parse(raw).is_ok(), "{raw}");
        }
        for raw in ["5917", "591788", "2C004", "00123", "59A78"] {
            assert!(InseeCode::parse(raw).is_err(), "{raw}");
        }
        assert_eq!(InseeCode::parse("2b033").unwrap().as_str(), "2B033");
    }

    #[test]
    fn departement_codes() {
        for raw in ["59", "62", "09", "2A", "974"] {
            assert!(DepartementCode::parse(raw).is_ok(), "{raw}");
        }
        for raw in ["9", "00", "20", "96", "977", "599"] {
            assert!(DepartementCode::parse(raw).is_err(), "{raw}");
        }
    }
}
