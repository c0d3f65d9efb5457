//! A territory of a federation: an arrondissement (Douaisis), an EPCI, a group of communes (Calaisis).

use crate::audit::Audited;
use crate::directory::kinds::TerritoryKind;
use crate::ids::{FederationId, TerritoryId};
use crate::page::Direction;
use crate::record::RecordMeta;
use crate::text::{Label, fold};
use crate::validation::{ValidationErrors, Validator};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TerritoryDraft {
    pub name: String,
    pub kind: TerritoryKind,
    pub communes: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TerritoryData {
    pub name: Label,
    pub kind: TerritoryKind,
    pub communes: Vec<Label>,
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
        let mut communes: Vec<Label> = Vec::with_capacity(self.communes.len());
        for (i, raw) in self.communes.iter().enumerate() {
            let index = i.to_string();
            if let Some(commune) = v.check(&["communes", &index], Label::parse(raw)) {
                if communes.iter().any(|c| c.folded() == commune.folded()) {
                    v.invalid(&["communes", &index], format!("{} is listed twice", commune.as_str()));
                }
                communes.push(commune);
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
            communes: self.communes.iter().map(|c| c.as_str().to_owned()).collect(),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TerritoryPatch {
    pub name: Option<String>,
    pub kind: Option<TerritoryKind>,
    pub communes: Option<Vec<String>>,
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
            draft.communes = communes;
        }
        draft.validate()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Territory {
    pub id: TerritoryId,
    pub federation_id: FederationId,
    pub data: TerritoryData,
    pub meta: RecordMeta,
}

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
    pub fn sort_key(&self, field: TerritoryOrderField) -> Option<String> {
        match field {
            TerritoryOrderField::Name => Some(self.data.name.folded()),
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

    fn audit_fields(&self) -> Vec<(&'static str, Option<String>)> {
        vec![
            ("name", Some(self.name.as_str().to_owned())),
            ("kind", Some(self.kind.code().to_owned())),
            (
                "communes",
                Some(self.communes.iter().map(Label::as_str).collect::<Vec<_>>().join(", ")),
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
            communes: vec!["Calais".into(), "Marck".into(), "CALAIS".into(), " ".into()],
        };
        let errors = draft.validate().unwrap_err();
        let fields: Vec<String> = errors.errors().iter().map(|e| e.field.join(".")).collect();
        assert_eq!(fields, vec!["communes.2", "communes.3"]);
    }

    #[test]
    fn a_patch_changes_only_what_it_names() {
        let current = TerritoryDraft {
            name: "Douaisis".into(),
            kind: TerritoryKind::Arrondissement,
            communes: vec!["Douai".into()],
        }
        .validate()
        .unwrap();
        let patched = TerritoryPatch {
            communes: Some(vec!["Douai".into(), "Auby".into()]),
            ..Default::default()
        }
        .apply(&current)
        .unwrap();
        assert_eq!(patched.name.as_str(), "Douaisis");
        assert_eq!(patched.communes.len(), 2);
    }
}
