//! Text normalisation: the trimmed display form of a name, and the folded key used to search and to sort.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower-case, accent-free, single-spaced: "Résidence  GAYANT" → "residence gayant". Search compares folded
/// forms, so "Dechy" finds "DECHY" and "esquerchin" finds "Faubourg d'Esquerchin".
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.nfd().filter(|c| !is_combining_mark(*c)) {
        match c {
            'œ' | 'Œ' => folded.push_str("oe"),
            'æ' | 'Æ' => folded.push_str("ae"),
            'ß' => folded.push_str("ss"),
            '’' | 'ʼ' => folded.push('\''),
            c => folded.extend(c.to_lowercase()),
        }
    }
    collapse_spaces(&folded)
}

/// An optional input where blank counts as absent: `Some("  ")` is `None`.
pub fn non_blank(raw: Option<&str>) -> Option<&str> {
    raw.filter(|s| !s.trim().is_empty())
}

/// Trims and collapses runs of whitespace into one space.
pub fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    #[error("must not be empty")]
    Empty,
    #[error("must be at most {max} characters")]
    TooLong { max: usize },
}

/// A required, single-line label (a name, a title, a commune).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label(String);

impl Label {
    pub const MAX_CHARS: usize = 200;

    pub fn parse(raw: &str) -> Result<Label, NameError> {
        let text = collapse_spaces(raw);
        if text.is_empty() {
            return Err(NameError::Empty);
        }
        if text.chars().count() > Self::MAX_CHARS {
            return Err(NameError::TooLong { max: Self::MAX_CHARS });
        }
        Ok(Label(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn folded(&self) -> String {
        fold(&self.0)
    }
}

crate::stored::stored_as_text!(Label);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_accents_and_spacing() {
        let cases = [
            ("DECHY", "dechy"),
            ("Résidence  Gayant", "residence gayant"),
            ("Faubourg d’Esquerchin", "faubourg d'esquerchin"),
            ("L'Ostrevent et la Sensée", "l'ostrevent et la sensee"),
            ("Cœur de ville", "coeur de ville"),
            ("  PÉCQUENCOURT ", "pecquencourt"),
        ];
        for (input, expected) in cases {
            assert_eq!(fold(input), expected, "{input}");
        }
    }

    #[test]
    fn labels_are_trimmed_non_empty_and_bounded() {
        assert_eq!(Label::parse("  Centre   social ").unwrap().as_str(), "Centre social");
        assert_eq!(Label::parse("   "), Err(NameError::Empty));
        assert_eq!(Label::parse(&"é".repeat(201)), Err(NameError::TooLong { max: 200 }));
        assert!(Label::parse(&"é".repeat(200)).is_ok());
    }
}
