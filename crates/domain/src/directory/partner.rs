//! A partner of a federation: a funder (CAF, Département, Région, commune, EPCI, État) or another organisation.

use crate::audit::{AuditFields, Audited, FieldChange, diff, diff_parts_by_id};
use crate::directory::kinds::PartnerKind;
use crate::directory::values::{Email, PhoneNumber, Siret};
use crate::ids::{ContactId, FederationId, PartnerId};
use crate::page::{Direction, SortKey};
use crate::patch::Patch;
use crate::record::Record;
use crate::text::{Label, fold, non_blank};
use crate::validation::{FieldError, FieldErrorCode};
use crate::validation::{ValidationErrors, Validator};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContactDraft {
    /// The contact's id when it is one the partner already has; `None` for a new contact.
    pub id: Option<ContactId>,
    pub name: String,
    pub title: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// A person to reach at the partner. Its id stays the same across updates of the partner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contact {
    pub id: ContactId,
    pub name: Label,
    pub title: Option<Label>,
    pub email: Option<Email>,
    pub phone: Option<PhoneNumber>,
}

impl Contact {
    fn to_draft(&self) -> ContactDraft {
        ContactDraft {
            id: Some(self.id),
            name: self.name.as_str().to_owned(),
            title: self.title.as_ref().map(|t| t.as_str().to_owned()),
            email: self.email.as_ref().map(|e| e.as_str().to_owned()),
            phone: self.phone.as_ref().map(|p| p.digits().to_owned()),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartnerDraft {
    pub kind: PartnerKind,
    pub name: String,
    pub siret: Option<String>,
    pub contacts: Vec<ContactDraft>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartnerData {
    pub kind: PartnerKind,
    pub name: Label,
    pub siret: Option<Siret>,
    pub contacts: Vec<Contact>,
}

impl PartnerData {
    pub const MAX_CONTACTS: usize = 50;

    pub fn to_draft(&self) -> PartnerDraft {
        PartnerDraft {
            kind: self.kind,
            name: self.name.as_str().to_owned(),
            siret: self.siret.as_ref().map(|s| s.as_str().to_owned()),
            contacts: self.contacts.iter().map(Contact::to_draft).collect(),
        }
    }
}

impl PartnerDraft {
    /// A new partner's contacts get new ids; an id given here must be one of `known` (the contacts the partner
    /// already has).
    pub fn validate(self) -> Result<PartnerData, ValidationErrors> {
        self.validate_known(&[])
    }

    /// Validates a partner whose contacts `known` already exist (an update, or a partner read back).
    pub fn validate_known(self, known: &[ContactId]) -> Result<PartnerData, ValidationErrors> {
        let mut v = Validator::new();
        let name = v.check(&["name"], Label::parse(&self.name));
        let siret = v.check_optional(&["siret"], non_blank(self.siret.as_deref()), Siret::parse);
        if self.contacts.len() > PartnerData::MAX_CONTACTS {
            v.invalid(&["contacts"], format!("at most {} contacts", PartnerData::MAX_CONTACTS));
        }
        let contacts: Vec<Option<Contact>> = self
            .contacts
            .iter()
            .enumerate()
            .map(|(i, contact)| {
                v.nested(&["contacts", &i.to_string()], |v| {
                    let name = v.check(&["name"], Label::parse(&contact.name));
                    let title = v.check_optional(&["title"], non_blank(contact.title.as_deref()), Label::parse);
                    let email = v.check_optional(&["email"], non_blank(contact.email.as_deref()), Email::parse);
                    let phone = v.check_optional(&["phone"], non_blank(contact.phone.as_deref()), PhoneNumber::parse);
                    let id = match contact.id {
                        None => Some(ContactId::generate()),
                        Some(id) if known.contains(&id) => Some(id),
                        Some(_) => {
                            v.push(FieldError::new(
                                &["id"],
                                FieldErrorCode::NotFound,
                                "this partner has no contact with this id",
                            ));
                            None
                        }
                    };
                    Some(Contact {
                        id: id?,
                        name: name?,
                        title,
                        email,
                        phone,
                    })
                })
            })
            .collect();
        let given: Vec<ContactId> = self.contacts.iter().filter_map(|c| c.id).collect();
        for (i, contact) in self.contacts.iter().enumerate() {
            if let Some(id) = contact.id
                && given.iter().filter(|g| **g == id).count() > 1
            {
                v.invalid(&["contacts", &i.to_string(), "id"], "this contact is listed twice");
            }
        }
        v.finish(|| {
            Some(PartnerData {
                kind: self.kind,
                name: name?,
                siret,
                contacts: contacts.into_iter().collect::<Option<_>>()?,
            })
        })
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PartnerPatch {
    pub kind: Option<PartnerKind>,
    pub name: Option<String>,
    pub siret: Patch<String>,
    /// Replaces the whole list.
    pub contacts: Option<Vec<ContactDraft>>,
}

impl PartnerPatch {
    pub fn apply(self, current: &PartnerData) -> Result<PartnerData, ValidationErrors> {
        let d = current.to_draft();
        PartnerDraft {
            kind: self.kind.unwrap_or(d.kind),
            name: self.name.unwrap_or(d.name),
            siret: self.siret.apply(d.siret),
            contacts: self.contacts.unwrap_or(d.contacts),
        }
        .validate_known(&current.contacts.iter().map(|c| c.id).collect::<Vec<_>>())
    }
}

pub type Partner = Record<PartnerId, PartnerData>;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PartnerOrderField {
    #[default]
    Name,
    CreatedAt,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PartnerOrder {
    pub field: PartnerOrderField,
    pub direction: Direction,
}

impl Partner {
    pub fn sort_key(&self, field: PartnerOrderField) -> Option<SortKey> {
        match field {
            PartnerOrderField::Name => Some(SortKey::Text(self.data.name.folded())),
            PartnerOrderField::CreatedAt => None,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PartnerFilter {
    /// Only for national callers: one federation among all.
    pub federation: Option<FederationId>,
    pub kind: Option<PartnerKind>,
    pub search: Option<String>,
    pub include_archived: bool,
}

impl PartnerFilter {
    pub fn folded_search(&self) -> Option<String> {
        self.search.as_deref().map(fold).filter(|s| !s.is_empty())
    }
}

/// A contact's name, e-mail and phone are a person's data: the audit log records that they changed, not what
/// they were (see [`crate::audit::PERSONAL_DATA`]); the title is the post, not the person.
pub const CONTACT_PERSONAL_FIELDS: &[&str] = &["name", "email", "phone"];

impl Audited for PartnerData {
    const ENTITY: &'static str = "Partner";

    fn changes(before: Option<&Self>, after: &Self) -> Vec<FieldChange> {
        let mut changes = diff(before, after);
        fn parts(data: &PartnerData) -> Vec<(String, &Contact)> {
            data.contacts.iter().map(|c| (c.id.to_string(), c)).collect()
        }
        let old = before.map(parts).unwrap_or_default();
        changes.extend(diff_parts_by_id(
            "contacts",
            &old,
            &parts(after),
            CONTACT_PERSONAL_FIELDS,
        ));
        changes
    }
}

impl AuditFields for Contact {
    fn audit_fields(&self) -> Vec<(&'static str, Option<String>)> {
        vec![
            ("name", Some(self.name.as_str().to_owned())),
            ("title", self.title.as_ref().map(|t| t.as_str().to_owned())),
            ("email", self.email.as_ref().map(|e| e.as_str().to_owned())),
            ("phone", self.phone.as_ref().map(ToString::to_string)),
        ]
    }
}

impl AuditFields for PartnerData {
    /// The partner's own fields; its contacts are parts, diffed by id (see [`Audited::changes`]).
    fn audit_fields(&self) -> Vec<(&'static str, Option<String>)> {
        vec![
            ("kind", Some(self.kind.code().to_owned())),
            ("name", Some(self.name.as_str().to_owned())),
            ("siret", self.siret.as_ref().map(|s| s.as_str().to_owned())),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contact_errors_carry_the_contact_index() {
        let draft = PartnerDraft {
            kind: PartnerKind::Caf,
            name: "CAF du Nord".into(),
            siret: None,
            contacts: vec![
                ContactDraft {
                    id: None,
                    name: "Accueil".into(),
                    title: None,
                    email: Some("accueil@caf.fr".into()),
                    phone: None,
                },
                ContactDraft {
                    id: None,
                    name: "".into(),
                    title: None,
                    email: Some("caf.fr".into()),
                    phone: None,
                },
            ],
        };
        let errors = draft.validate().unwrap_err();
        let fields: Vec<String> = errors.errors().iter().map(|e| e.field.join(".")).collect();
        assert_eq!(fields, vec!["contacts.1.name", "contacts.1.email"]);
    }

    #[test]
    fn the_audit_diff_names_contacts_by_id_and_never_shows_their_personal_data() {
        let contact = |id, email: &str| ContactDraft {
            id,
            name: "Marie Dupont".into(),
            title: Some("Conseillère technique".into()),
            email: Some(email.into()),
            phone: Some("03 20 00 00 01".into()),
        };
        let draft = |contacts| PartnerDraft {
            kind: PartnerKind::Caf,
            name: "CAF du Nord".into(),
            siret: None,
            contacts,
        };
        let created = draft(vec![contact(None, "marie.dupont@caf59.fr")]).validate().unwrap();
        let id = created.contacts[0].id;
        let changed = draft(vec![contact(Some(id), "m.dupont@caf59.fr")])
            .validate_known(&[id])
            .unwrap();
        for changes in [
            <PartnerData as Audited>::changes(None, &created),
            <PartnerData as Audited>::changes(Some(&created), &changed),
            <PartnerData as Audited>::changes(Some(&changed), &draft(vec![]).validate().unwrap()),
        ] {
            let text = format!("{changes:?}");
            for personal in ["Marie", "Dupont", "dupont@", "03 20"] {
                assert!(!text.contains(personal), "{personal} in {text}");
            }
            assert!(
                changes.iter().any(|c| c.field.starts_with(&format!("contacts.{id}."))),
                "{text}"
            );
        }
        let update = <PartnerData as Audited>::changes(Some(&created), &changed);
        assert_eq!(
            update,
            vec![FieldChange {
                field: format!("contacts.{id}.email"),
                before: Some(crate::audit::PERSONAL_DATA.into()),
                after: Some(crate::audit::PERSONAL_DATA.into()),
            }],
            "the change is recorded, the values are not"
        );
    }

    #[test]
    fn contacts_keep_their_ids_and_unknown_ids_are_refused() {
        let contact = |id, name: &str| ContactDraft {
            id,
            name: name.into(),
            title: None,
            email: None,
            phone: None,
        };
        let current = PartnerDraft {
            kind: PartnerKind::Caf,
            name: "CAF du Nord".into(),
            siret: None,
            contacts: vec![contact(None, "Accueil"), contact(None, "Direction")],
        }
        .validate()
        .unwrap();
        let (accueil, direction) = (current.contacts[0].id, current.contacts[1].id);
        assert_ne!(accueil, direction);
        let updated = PartnerPatch {
            contacts: Some(vec![
                contact(Some(direction), "Direction"),
                contact(None, "Pôle familles"),
            ]),
            ..Default::default()
        }
        .apply(&current)
        .unwrap();
        assert_eq!(updated.contacts[0].id, direction, "an existing contact keeps its id");
        assert!(updated.contacts[1].id != accueil && updated.contacts[1].id != direction);

        let stranger = ContactId::generate();
        let errors = PartnerPatch {
            contacts: Some(vec![
                contact(Some(stranger), "X"),
                contact(Some(accueil), "A"),
                contact(Some(accueil), "B"),
            ]),
            ..Default::default()
        }
        .apply(&current)
        .unwrap_err();
        let found: Vec<(String, FieldErrorCode)> =
            errors.errors().iter().map(|e| (e.field.join("."), e.code)).collect();
        assert_eq!(
            found,
            vec![
                ("contacts.0.id".to_owned(), FieldErrorCode::NotFound),
                ("contacts.1.id".to_owned(), FieldErrorCode::Invalid),
                ("contacts.2.id".to_owned(), FieldErrorCode::Invalid),
            ]
        );
    }
}
