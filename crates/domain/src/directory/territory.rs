//! A territory of a federation: an arrondissement (Douaisis), an EPCI, a group of communes (Calaisis).

use crate::audit::{AuditFields, Audited};
use crate::directory::kinds::TerritoryKind;
use crate::directory::values::InseeCode;
use crate::ids::{FederationId, TerritoryId};
use crate::page::{Direction, SortKey};
use crate::record::Record;
use crate::text::{Label, fold, non_blank};
use crate::validation::{ValidationErrors, Validator};

/// A commune as typed in: its name, and its INSEE code when known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommuneDraft {
    pub name: String,
    pub insee_code: Option<String>,
}

impl CommuneDraft {
    /// A commune known by its name only.
    pub fn named(name: impl Into<String>) -> CommuneDraft {
        CommuneDraft {
            name: name.into(),
            insee_code: None,
        }
    }
}

/// One commune of a territory. Stored as a row, so later areas can group figures by commune.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Commune {
    pub name: Label,
    pub insee_code: Option<InseeCode>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TerritoryDraft {
    pub name: String,
    pub kind: TerritoryKind,
    pub communes: Vec<CommuneDraft>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TerritoryData {
    pub name: Label,
    pub kind: TerritoryKind,
    pub communes: Vec<Commune>,
}

impl TerritoryData {
    pub const MAX_COMMUNES: usize = 1000;
}

impl TerritoryDraft {
    pub fn validate(self) -> Result<TerritoryData, ValidationErrors> {
        let mut v = Validator::new();
        let name = v.check(&["name"], Label::parse(&self.name));
        if self.communes.len() > TerritoryData::MAX_COMMUNES {
            v.invalid(
                &["communes"],
                format!("at most {} communes", TerritoryData::MAX_COMMUNES),
            );
        }
        let mut communes: Vec<Commune> = Vec::with_capacity(self.communes.len());
        for (i, raw) in self.communes.iter().enumerate() {
            let index = i.to_string();
            let insee_code = v.check_optional(
                &["communes", &index, "inseeCode"],
                non_blank(raw.insee_code.as_deref()),
                InseeCode::parse,
            );
            if let Some(name) = v.check(&["communes", &index], Label::parse(&raw.name)) {
                if communes.iter().any(|c| c.name.folded() == name.folded()) {
                    v.invalid(&["communes", &index], format!("{} is listed twice", name.as_str()));
                }
                communes.push(Commune { name, insee_code });
            }
        }
        v.finish(|| {
            Some(TerritoryData {
                name: name?,
                kind: self.kind,
                communes,
            })
        })
    }
}

impl TerritoryData {
    pub fn to_draft(&self) -> TerritoryDraft {
        TerritoryDraft {
            name: self.name.as_str().to_owned(),
            kind: self.kind,
            communes: self
                .communes
                .iter()
                .map(|c| CommuneDraft {
                    name: c.name.as_str().to_owned(),
                    insee_code: c.insee_code.as_ref().map(|i| i.as_str().to_owned()),
                })
                .collect(),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TerritoryPatch {
    pub name: Option<String>,
    pub kind: Option<TerritoryKind>,
    /// Replaces the whole list. A commune given without an INSEE code keeps the code it already had.
    pub communes: Option<Vec<CommuneDraft>>,
}

impl TerritoryPatch {
    pub fn apply(self, current: &TerritoryData) -> Result<TerritoryData, ValidationErrors> {
        let mut draft = current.to_draft();
        if let Some(name) = self.name {
            draft.name = name;
        }
        if let Some(kind) = self.kind {
            draft.kind = kind;
        }
        if let Some(communes) = self.communes {
            let known = |name: &str| {
                current
                    .communes
                    .iter()
                    .find(|c| c.name.folded() == fold(name))
                    .and_then(|c| c.insee_code.as_ref().map(|i| i.as_str().to_owned()))
            };
            draft.communes = communes
                .into_iter()
                .map(|c| CommuneDraft {
                    insee_code: c.insee_code.or_else(|| known(&c.name)),
                    name: c.name,
                })
                .collect();
        }
        draft.validate()
    }
}

pub type Territory = Record<TerritoryId, TerritoryData>;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TerritoryOrderField {
    #[default]
    Name,
    CreatedAt,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TerritoryOrder {
    pub field: TerritoryOrderField,
    pub direction: Direction,
}

impl Territory {
    /// The value this territory sorts by (with its id as tie-breaker) in `field` order.
    pub fn sort_key(&self, field: TerritoryOrderField) -> Option<SortKey> {
        match field {
            TerritoryOrderField::Name => Some(SortKey::Text(self.data.name.folded())),
            TerritoryOrderField::CreatedAt => None,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TerritoryFilter {
    /// Only for national callers: one federation among all.
    pub federation: Option<FederationId>,
    pub kind: Option<TerritoryKind>,
    /// Case- and accent-insensitive substring of the name.
    pub search: Option<String>,
    pub include_archived: bool,
}

impl TerritoryFilter {
    pub fn folded_search(&self) -> Option<String> {
        self.search.as_deref().map(fold).filter(|s| !s.is_empty())
    }
}

impl Audited for TerritoryData {
    const ENTITY: &'static str = "Territory";
}

impl AuditFields for TerritoryData {
    fn audit_fields(&self) -> Vec<(&'static str, Option<String>)> {
        vec![
            ("name", Some(self.name.as_str().to_owned())),
            ("kind", Some(self.kind.code().to_owned())),
            (
                "communes",
                Some(
                    self.communes
                        .iter()
                        .map(|c| match &c.insee_code {
                            Some(code) => format!("{} ({})", c.name.as_str(), code.as_str()),
                            None => c.name.as_str().to_owned(),
                        })
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

    #[test]
    fn communes_must_be_named_once() {
        let draft = TerritoryDraft {
            name: "Calaisis".into(),
            kind: TerritoryKind::CommuneGroup,
            communes: vec![
                CommuneDraft::named("Calais"),
                CommuneDraft::named("Marck"),
                CommuneDraft::named("CALAIS"),
                CommuneDraft::named(" "),
                CommuneDraft {
                    name: "Coulogne".into(),
                    insee_code: Some("6224".into()),
                },
            ],
        };
        let errors = draft.validate().unwrap_err();
        let fields: Vec<String> = errors.errors().iter().map(|e| e.field.join(".")).collect();
        assert_eq!(fields, vec!["communes.2", "communes.3", "communes.4.inseeCode"]);
    }

    #[test]
    fn a_patch_changes_only_what_it_names() {
        let current = TerritoryDraft {
            name: "Douaisis".into(),
            kind: TerritoryKind::Arrondissement,
            communes: vec![CommuneDraft {
                name: "Douai".into(),
                insee_code: Some("59178".into()),
            }],
        }
        .validate()
        .unwrap();
        let patched = TerritoryPatch {
            communes: Some(vec![CommuneDraft::named("DOUAI"), CommuneDraft::named("Auby")]),
            ..Default::default()
        }
        .apply(&current)
        .unwrap();
        assert_eq!(patched.name.as_str(), "Douaisis");
        assert_eq!(patched.communes.len(), 2);
        assert_eq!(
            patched.communes[0].insee_code.as_ref().map(|c| c.as_str()),
            Some("59178"),
            "a commune named again keeps its INSEE code"
        );
    }
}
