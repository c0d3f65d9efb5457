//! Web addresses, normalised to an absolute http(s) URL.

use url::Url;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WebsiteError {
    #[error("a website is a web address such as https://www.centre-social.fr")]
    Shape,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Website(String);

impl Website {
    /// "www.csdouai.fr" is read as "https://www.csdouai.fr".
    pub fn parse(raw: &str) -> Result<Website, WebsiteError> {
        let trimmed = raw.trim();
        let absolute = if trimmed.contains("://") {
            trimmed.to_owned()
        } else {
            format!("https://{trimmed}")
        };
        let url = Url::parse(&absolute).map_err(|_| WebsiteError::Shape)?;
        let host_ok = url.host_str().is_some_and(|host| host.contains('.'));
        if matches!(url.scheme(), "http" | "https") && host_ok {
            Ok(Website(url.to_string()))
        } else {
            Err(WebsiteError::Shape)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

crate::stored::stored_as_text!(Website);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn websites() {
        assert_eq!(
            Website::parse("www.centres-sociaux.fr").unwrap().as_str(),
            "https://www.centres-sociaux.fr/"
        );
        assert!(Website::parse("http://nord.centres-sociaux.fr/annuaire").is_ok());
        for raw in ["ftp://x.fr", "not a url", "https://localhost", ""] {
            assert!(Website::parse(raw).is_err(), "{raw}");
        }
    }
}
