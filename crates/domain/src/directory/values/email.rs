//! E-mail addresses: a deliberately light check (one @, a dotted domain, no spaces). Only sending a message
//! proves an address; this catches typing errors without refusing unusual valid ones.

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("an e-mail address looks like name@domain.fr")]
    Shape,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Email, EmailError> {
        let address = raw.trim();
        let Some((local, domain)) = address.rsplit_once('@') else {
            return Err(EmailError::Shape);
        };
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '-');
        let local_ok = !local.is_empty() && !local.contains('@') && !local.chars().any(char::is_whitespace);
        if local_ok && domain_ok && address.len() <= 254 {
            // The domain part is case-insensitive; the local part, strictly, is not.
            Ok(Email(format!("{local}@{}", domain.to_lowercase())))
        } else {
            Err(EmailError::Shape)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

crate::stored::stored_as_text!(Email);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        assert_eq!(
            Email::parse(" accueil@CS-Dechy.fr ").unwrap().as_str(),
            "accueil@cs-dechy.fr"
        );
        for raw in [
            "accueil",
            "accueil@",
            "@dechy.fr",
            "a b@dechy.fr",
            "a@dechy",
            "a@.fr",
            "a@dechy..fr",
        ] {
            assert!(Email::parse(raw).is_err(), "{raw}");
        }
    }
}
