//! A centre social or an espace de vie sociale (EVS), with its contact details and CAF accreditation.

use crate::audit::{AuditFields, Audited};
use crate::directory::accreditation::{Accreditation, AccreditationDraft};
use crate::directory::kinds::{ActionDomain, CentreKind, Management};
use crate::directory::values::{Email, InseeCode, PhoneNumber, PostalCode, Siret, Website};
use crate::ids::{CentreId, FederationId, TerritoryId};
use crate::page::{Direction, SortKey};
use crate::patch::Patch;
use crate::record::Record;
use crate::text::{Label, collapse_spaces, fold, non_blank};
use crate::validation::{ValidationErrors, Validator};

/// A centre as typed in, before validation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CentreDraft {
    pub kind: CentreKind,
    pub name: String,
    pub management: Option<Management>,
    pub address: Option<String>,
    pub postal_code: Option<String>,
    pub commune: String,
    pub insee_code: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub siret: Option<String>,
    pub accreditation: Option<AccreditationDraft>,
    pub territory_id: Option<TerritoryId>,
    pub action_domains: Vec<ActionDomain>,
}

/// A valid centre. Whether `territory_id` names a territory of the same federation is checked by the
/// repository, which alone can see the territories.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CentreData {
    pub kind: CentreKind,
    pub name: Label,
    /// `None` where the sources do not say who runs the centre.
    pub management: Option<Management>,
    pub address: Option<String>,
    pub postal_code: Option<PostalCode>,
    pub commune: Label,
    pub insee_code: Option<InseeCode>,
    pub phone: Option<PhoneNumber>,
    pub email: Option<Email>,
    pub website: Option<Website>,
    pub siret: Option<Siret>,
    pub accreditation: Option<Accreditation>,
    pub territory_id: Option<TerritoryId>,
    pub action_domains: Vec<ActionDomain>,
}

impl CentreDraft {
    /// Blank optional fields count as absent; every invalid field is reported.
    pub fn validate(self) -> Result<CentreData, ValidationErrors> {
        let mut v = Validator::new();
        let name = v.check(&["name"], Label::parse(&self.name));
        let commune = v.check(&["commune"], Label::parse(&self.commune));
        let address = non_blank(self.address.as_deref()).map(collapse_spaces);
        if address.as_ref().is_some_and(|a| a.chars().count() > 300) {
            v.invalid(&["address"], "an address has at most 300 characters");
        }
        let postal_code = v.check_optional(
            &["postalCode"],
            non_blank(self.postal_code.as_deref()),
            PostalCode::parse,
        );
        let insee_code = v.check_optional(&["inseeCode"], non_blank(self.insee_code.as_deref()), InseeCode::parse);
        if let (Some(postal), Some(insee)) = (&postal_code, &insee_code)
            && !same_departement(postal, insee)
        {
            v.invalid(
                &["inseeCode"],
                "the INSEE code and the postal code are in different départements",
            );
        }
        let phone = v.check_optional(&["phone"], non_blank(self.phone.as_deref()), PhoneNumber::parse);
        let email = v.check_optional(&["email"], non_blank(self.email.as_deref()), Email::parse);
        let website = v.check_optional(&["website"], non_blank(self.website.as_deref()), Website::parse);
        let siret = v.check_optional(&["siret"], non_blank(self.siret.as_deref()), Siret::parse);
        let accreditation = self
            .accreditation
            .and_then(|draft| v.check(&["accreditation"], Accreditation::new(draft)));
        let mut action_domains = self.action_domains;
        action_domains.sort();
        action_domains.dedup();
        v.finish(|| {
            Some(CentreData {
                kind: self.kind,
                name: name?,
                management: self.management,
                address,
                postal_code,
                commune: commune?,
                insee_code,
                phone,
                email,
                website,
                siret,
                accreditation,
                territory_id: self.territory_id,
                action_domains,
            })
        })
    }
}

/// Postal codes and INSEE codes share their first two digits, except in Corsica (20xxx / 2A, 2B) and overseas.
fn same_departement(postal: &PostalCode, insee: &InseeCode) -> bool {
    let (p, i) = (&postal.as_str()[..2], &insee.as_str()[..2]);
    p == i || (p == "20" && (i == "2A" || i == "2B"))
}

impl CentreData {
    pub fn to_draft(&self) -> CentreDraft {
        CentreDraft {
            kind: self.kind,
            name: self.name.as_str().to_owned(),
            management: self.management,
            address: self.address.clone(),
            postal_code: self.postal_code.as_ref().map(|p| p.as_str().to_owned()),
            commune: self.commune.as_str().to_owned(),
            insee_code: self.insee_code.as_ref().map(|c| c.as_str().to_owned()),
            phone: self.phone.as_ref().map(|p| p.digits().to_owned()),
            email: self.email.as_ref().map(|e| e.as_str().to_owned()),
            website: self.website.as_ref().map(|w| w.as_str().to_owned()),
            siret: self.siret.as_ref().map(|s| s.as_str().to_owned()),
            accreditation: self.accreditation.map(|a| a.draft()),
            territory_id: self.territory_id,
            action_domains: self.action_domains.clone(),
        }
    }
}

/// An update: `None`/`Keep` leaves a field as it is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CentrePatch {
    pub kind: Option<CentreKind>,
    pub name: Option<String>,
    pub management: Patch<Management>,
    pub address: Patch<String>,
    pub postal_code: Patch<String>,
    pub commune: Option<String>,
    pub insee_code: Patch<String>,
    pub phone: Patch<String>,
    pub email: Patch<String>,
    pub website: Patch<String>,
    pub siret: Patch<String>,
    pub accreditation: Patch<AccreditationDraft>,
    pub territory_id: Patch<TerritoryId>,
    pub action_domains: Option<Vec<ActionDomain>>,
}

impl CentrePatch {
    /// The centre after the patch, validated as a whole (so cross-field rules see the merged result).
    pub fn apply(self, current: &CentreData) -> Result<CentreData, ValidationErrors> {
        let d = current.to_draft();
        CentreDraft {
            kind: self.kind.unwrap_or(d.kind),
            name: self.name.unwrap_or(d.name),
            management: self.management.apply(d.management),
            address: self.address.apply(d.address),
            postal_code: self.postal_code.apply(d.postal_code),
            commune: self.commune.unwrap_or(d.commune),
            insee_code: self.insee_code.apply(d.insee_code),
            phone: self.phone.apply(d.phone),
            email: self.email.apply(d.email),
            website: self.website.apply(d.website),
            siret: self.siret.apply(d.siret),
            accreditation: self.accreditation.apply(d.accreditation),
            territory_id: self.territory_id.apply(d.territory_id),
            action_domains: self.action_domains.unwrap_or(d.action_domains),
        }
        .validate()
    }
}

pub type Centre = Record<CentreId, CentreData>;

/// Where centres without an accreditation sort by accreditation end: after every real date.
pub const NO_ACCREDITATION_END: chrono::NaiveDate = match chrono::NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(date) => date,
    None => chrono::NaiveDate::MAX,
};

impl Centre {
    pub fn sort_key(&self, field: CentreOrderField) -> Option<SortKey> {
        sort_key(
            field,
            &self.data.name,
            &self.data.commune,
            self.data.accreditation.map(|a| a.end()),
        )
    }
}

/// What a list shows of a centre when it shows no more than its name, kind and place: read without the rest
/// of the record (contact details, metadata), which a client asking for more gets from the whole record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CentreSummary {
    pub id: CentreId,
    pub federation_id: FederationId,
    pub kind: CentreKind,
    pub name: Label,
    pub commune: Label,
    pub territory_id: Option<TerritoryId>,
    /// The last day of its accreditation, for its place in that order.
    pub accreditation_end: Option<chrono::NaiveDate>,
}

impl CentreSummary {
    pub fn sort_key(&self, field: CentreOrderField) -> Option<SortKey> {
        sort_key(field, &self.name, &self.commune, self.accreditation_end)
    }
}

impl From<&Centre> for CentreSummary {
    fn from(centre: &Centre) -> CentreSummary {
        CentreSummary {
            id: centre.id,
            federation_id: centre.federation_id,
            kind: centre.data.kind,
            name: centre.data.name.clone(),
            commune: centre.data.commune.clone(),
            territory_id: centre.data.territory_id,
            accreditation_end: centre.data.accreditation.map(|a| a.end()),
        }
    }
}

fn sort_key(
    field: CentreOrderField,
    name: &Label,
    commune: &Label,
    accreditation_end: Option<chrono::NaiveDate>,
) -> Option<SortKey> {
    match field {
        CentreOrderField::Name => Some(SortKey::Text(name.folded())),
        CentreOrderField::Commune => Some(SortKey::Text(commune.folded())),
        CentreOrderField::AccreditationEnd => Some(SortKey::Date(accreditation_end.unwrap_or(NO_ACCREDITATION_END))),
        CentreOrderField::CreatedAt => None,
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CentreOrderField {
    #[default]
    Name,
    Commune,
    /// The accreditation's last day (renewals first); centres without one come last.
    AccreditationEnd,
    CreatedAt,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CentreOrder {
    pub field: CentreOrderField,
    pub direction: Direction,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CentreFilter {
    /// Only for national callers: one federation among all.
    pub federation: Option<FederationId>,
    pub territory: Option<TerritoryId>,
    /// Exact commune, ignoring case and accents.
    pub commune: Option<String>,
    pub kind: Option<CentreKind>,
    pub management: Option<Management>,
    /// Case- and accent-insensitive substring of the name or the commune.
    pub search: Option<String>,
    pub include_archived: bool,
}

impl CentreFilter {
    pub fn folded_commune(&self) -> Option<String> {
        self.commune.as_deref().map(fold).filter(|s| !s.is_empty())
    }

    pub fn folded_search(&self) -> Option<String> {
        self.search.as_deref().map(fold).filter(|s| !s.is_empty())
    }
}

impl Audited for CentreData {
    const ENTITY: &'static str = "Centre";
}

impl AuditFields for CentreData {
    fn audit_fields(&self) -> Vec<(&'static str, Option<String>)> {
        let text = |s: Option<&str>| s.map(str::to_owned);
        vec![
            ("kind", Some(self.kind.code().to_owned())),
            ("name", Some(self.name.as_str().to_owned())),
            ("management", self.management.map(|m| m.code().to_owned())),
            ("address", self.address.clone()),
            ("postalCode", text(self.postal_code.as_ref().map(PostalCode::as_str))),
            ("commune", Some(self.commune.as_str().to_owned())),
            ("inseeCode", text(self.insee_code.as_ref().map(InseeCode::as_str))),
            ("phone", self.phone.as_ref().map(ToString::to_string)),
            ("email", text(self.email.as_ref().map(Email::as_str))),
            ("website", text(self.website.as_ref().map(Website::as_str))),
            ("siret", text(self.siret.as_ref().map(Siret::as_str))),
            (
                "accreditation",
                self.accreditation.map(|a| format!("{} – {}", a.start(), a.end())),
            ),
            ("territoryId", self.territory_id.map(|t| t.to_string())),
            (
                "actionDomains",
                Some(
                    self.action_domains
                        .iter()
                        .map(|d| d.code())
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

    fn dechy() -> CentreDraft {
        CentreDraft {
            kind: CentreKind::CentreSocial,
            name: "Centre socioculturel municipal Henri-Martel".into(),
            management: Some(Management::Municipal),
            address: None,
            postal_code: Some("59187".into()),
            commune: "DECHY".into(),
            insee_code: None,
            phone: Some("03 27 96 90 33".into()),
            email: None,
            website: None,
            siret: None,
            accreditation: None,
            territory_id: None,
            action_domains: vec![ActionDomain::Youth, ActionDomain::Families, ActionDomain::Youth],
        }
    }

    fn date(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_valid_draft_is_normalised() {
        let data = dechy().validate().unwrap();
        assert_eq!(data.phone.unwrap().to_string(), "03 27 96 90 33");
        assert_eq!(data.action_domains, vec![ActionDomain::Youth, ActionDomain::Families]);
    }

    #[test]
    fn every_invalid_field_is_reported_with_its_name() {
        let draft = CentreDraft {
            name: "  ".into(),
            postal_code: Some("5918".into()),
            phone: Some("03 27".into()),
            email: Some("accueil".into()),
            siret: Some("12345678901234".into()),
            accreditation: Some(AccreditationDraft {
                start: date(2024, 1, 1),
                end: date(2029, 1, 1),
            }),
            ..dechy()
        };
        let errors = draft.validate().unwrap_err();
        let fields: Vec<String> = errors.errors().iter().map(|e| e.field.join(".")).collect();
        assert_eq!(
            fields,
            vec!["name", "postalCode", "phone", "email", "siret", "accreditation"]
        );
    }

    #[test]
    fn blank_optional_fields_are_absent() {
        let data = CentreDraft {
            email: Some("  ".into()),
            ..dechy()
        }
        .validate()
        .unwrap();
        assert_eq!(data.email, None);
    }

    #[test]
    fn insee_and_postal_codes_must_agree_on_the_departement() {
        let wrong = CentreDraft {
            insee_code: Some("62193".into()),
            ..dechy()
        };
        assert_eq!(wrong.validate().unwrap_err().errors()[0].field, vec!["inseeCode"]);
        assert!(
            CentreDraft {
                insee_code: Some("59170".into()),
                ..dechy()
            }
            .validate()
            .is_ok()
        );
    }

    #[test]
    fn a_patch_is_validated_against_the_merged_centre() {
        let current = dechy().validate().unwrap();
        let patch = CentrePatch {
            phone: Patch::Clear,
            name: Some("Henri-Martel".into()),
            ..Default::default()
        };
        let updated = patch.apply(&current).unwrap();
        assert_eq!(updated.phone, None);
        assert_eq!(updated.name.as_str(), "Henri-Martel");
        assert_eq!(updated.commune, current.commune);

        let bad = CentrePatch {
            insee_code: Patch::Set("62193".into()),
            ..Default::default()
        };
        assert!(bad.apply(&current).is_err());
    }

    #[test]
    fn the_audit_diff_names_the_changed_fields() {
        let before = dechy().validate().unwrap();
        let after = CentrePatch {
            phone: Patch::Set("0327969034".into()),
            ..Default::default()
        }
        .apply(&before)
        .unwrap();
        let changes = crate::audit::diff(Some(&before), &after);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].field, "phone");
        assert_eq!(changes[0].before.as_deref(), Some("03 27 96 90 33"));
        assert_eq!(changes[0].after.as_deref(), Some("03 27 96 90 34"));
    }
}
