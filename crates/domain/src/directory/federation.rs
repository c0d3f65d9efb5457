//! A federation of centres sociaux: the tenant. Its slug names it in tokens (`fed` claim) and never changes.

use std::fmt;

use crate::audit::{AuditFields, Audited};
use crate::directory::kinds::FederationKind;
use crate::directory::values::DepartementCode;
use crate::ids::FederationId;
use crate::record::RecordMeta;
use crate::text::Label;
use crate::validation::{ValidationErrors, Validator};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SlugError {
    #[error("a slug is 2 to 60 lower-case letters, digits and single hyphens, e.g. pas-de-calais")]
    Shape,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Slug(String);

impl Slug {
    pub fn parse(raw: &str) -> Result<Slug, SlugError> {
        let ok = (2..=60).contains(&raw.len())
            && raw
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !raw.starts_with('-')
            && !raw.ends_with('-')
            && !raw.contains("--");
        if ok {
            Ok(Slug(raw.to_owned()))
        } else {
            Err(SlugError::Shape)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FederationDraft {
    pub slug: String,
    pub name: String,
    pub kind: FederationKind,
    pub departements: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FederationData {
    pub slug: Slug,
    pub name: Label,
    pub kind: FederationKind,
    pub departements: Vec<DepartementCode>,
}

impl FederationDraft {
    pub fn validate(self) -> Result<FederationData, ValidationErrors> {
        let mut v = Validator::new();
        let slug = v.check(&["slug"], Slug::parse(&self.slug));
        let name = v.check(&["name"], Label::parse(&self.name));
        let mut departements = Vec::new();
        for (i, raw) in self.departements.iter().enumerate() {
            if let Some(code) = v.check(&["departements", &i.to_string()], DepartementCode::parse(raw)) {
                if departements.contains(&code) {
                    v.invalid(
                        &["departements", &i.to_string()],
                        format!("{} is listed twice", code.as_str()),
                    );
                }
                departements.push(code);
            }
        }
        match self.kind {
            FederationKind::Departmental if self.departements.len() != 1 => v.invalid(
                &["departements"],
                "a departmental federation covers exactly one département",
            ),
            FederationKind::Interdepartmental if self.departements.len() < 2 => v.invalid(
                &["departements"],
                "an interdepartmental federation covers at least two départements",
            ),
            _ => {}
        }
        v.finish(|| {
            Some(FederationData {
                slug: slug?,
                name: name?,
                kind: self.kind,
                departements,
            })
        })
    }
}

/// The slug is not patchable: tokens already issued name it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FederationPatch {
    pub name: Option<String>,
    pub kind: Option<FederationKind>,
    pub departements: Option<Vec<String>>,
}

impl FederationPatch {
    pub fn apply(self, current: &FederationData) -> Result<FederationData, ValidationErrors> {
        FederationDraft {
            slug: current.slug.as_str().to_owned(),
            name: self.name.unwrap_or_else(|| current.name.as_str().to_owned()),
            kind: self.kind.unwrap_or(current.kind),
            departements: self
                .departements
                .unwrap_or_else(|| current.departements.iter().map(|d| d.as_str().to_owned()).collect()),
        }
        .validate()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Federation {
    pub id: FederationId,
    pub data: FederationData,
    pub meta: RecordMeta,
}

impl Audited for FederationData {
    const ENTITY: &'static str = "Federation";
}

impl AuditFields for FederationData {
    fn audit_fields(&self) -> Vec<(&'static str, Option<String>)> {
        vec![
            ("slug", Some(self.slug.to_string())),
            ("name", Some(self.name.as_str().to_owned())),
            ("kind", Some(self.kind.code().to_owned())),
            (
                "departements",
                Some(
                    self.departements
                        .iter()
                        .map(|d| d.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            ),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(kind: FederationKind, departements: &[&str]) -> FederationDraft {
        FederationDraft {
            slug: "garonne-occitanie".into(),
            name: "Fédération Garonne Occitanie".into(),
            kind,
            departements: departements.iter().map(|d| d.to_string()).collect(),
        }
    }

    #[test]
    fn slugs() {
        for ok in ["nord", "pas-de-calais", "fd57"] {
            assert!(Slug::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "Nord",
            "pas--de-calais",
            "-nord",
            "nord-",
            "n",
            "pas de calais",
            "périgord",
        ] {
            assert!(Slug::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_kind_fixes_how_many_departements_a_federation_covers() {
        assert!(draft(FederationKind::Departmental, &["59"]).validate().is_ok());
        assert!(draft(FederationKind::Departmental, &["59", "62"]).validate().is_err());
        assert!(
            draft(FederationKind::Interdepartmental, &["31", "09", "81"])
                .validate()
                .is_ok()
        );
        let errors = draft(FederationKind::Interdepartmental, &["31"])
            .validate()
            .unwrap_err();
        assert_eq!(errors.errors()[0].field, vec!["departements"]);
    }

    #[test]
    fn every_bad_departement_is_reported_with_its_index() {
        let errors = draft(FederationKind::Interdepartmental, &["31", "xx", "31"])
            .validate()
            .unwrap_err();
        let fields: Vec<String> = errors.errors().iter().map(|e| e.field.join(".")).collect();
        assert_eq!(fields, vec!["departements.1", "departements.2"]);
    }
}
