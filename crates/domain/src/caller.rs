//! Who is calling, and what that lets them see and do.
//!
//! A [`Caller`] is built once per request from verified token claims. Its [`Scope`] is the only thing
//! repositories need for reads; [`Caller::authorize`] is the one place that maps roles to permissions.

use std::collections::BTreeSet;
use std::fmt;

use crate::ids::{CentreId, FederationId, PartnerId};

/// The roles a token may carry, spelled as in the `roles` claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Reads every federation; manages national reference data (the federations themselves).
    NationalAdmin,
    FederationAdmin,
    FederationStaff,
    /// Writes only the centres listed in the token's `centres` claim.
    CentreManager,
    /// A partner's integration (e.g. a CAF): read-only.
    Partner,
    Viewer,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::NationalAdmin,
        Role::FederationAdmin,
        Role::FederationStaff,
        Role::CentreManager,
        Role::Partner,
        Role::Viewer,
    ];

    pub fn as_claim(self) -> &'static str {
        match self {
            Role::NationalAdmin => "national-admin",
            Role::FederationAdmin => "federation-admin",
            Role::FederationStaff => "federation-staff",
            Role::CentreManager => "centre-manager",
            Role::Partner => "partner",
            Role::Viewer => "viewer",
        }
    }

    pub fn from_claim(claim: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.as_claim() == claim)
    }

    /// The one table of what each role may do.
    fn grants(self, permission: Permission, centres: &[CentreId]) -> bool {
        use Permission::*;
        match self {
            Role::NationalAdmin => {
                matches!(
                    permission,
                    Read(_) | ReadProgress | ReadAudit | ManageFederations | ManageCatalogue
                )
            }
            Role::FederationAdmin => {
                matches!(
                    permission,
                    Read(_) | ReadProgress | Write(_) | EditCentre(_) | ReadAudit | ReadPersonalData | ReopenSubmission
                )
            }
            Role::FederationStaff => matches!(
                permission,
                Read(_) | ReadProgress | Write(_) | EditCentre(_) | ReadPersonalData
            ),
            Role::CentreManager => match permission {
                Read(_) | ReadProgress => true,
                EditCentre(id) => centres.contains(&id),
                _ => false,
            },
            // A partner's integration reads what concerns its partner (the scope narrows each area); the
            // federation's internal governance, and its centres' progress through a campaign, are not its business.
            Role::Partner => matches!(permission, Read(area) if area != Area::Governance),
            Role::Viewer => matches!(permission, Read(_) | ReadProgress),
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_claim())
    }
}

/// The domain areas, each with its own read and write permissions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Area {
    /// Territories, centres and partners.
    Directory,
    Pacts,
    Conventions,
    Indicators,
    Governance,
}

impl Area {
    pub const ALL: [Area; 5] = [
        Area::Directory,
        Area::Pacts,
        Area::Conventions,
        Area::Indicators,
        Area::Governance,
    ];
}

/// What a caller may do. Reads are scoped separately, by [`Scope`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Permission {
    /// Read an area's objects (within the caller's scope).
    Read(Area),
    /// Create, update, archive and move through their lifecycle the area's objects of the caller's federation.
    Write(Area),
    /// Update this one centre.
    EditCentre(CentreId),
    ReadAudit,
    /// Read how a campaign is going inside the federation: each centre's submission (its status, and the comments
    /// exchanged with staff: "la directrice est en arrêt maladie") and the completeness counts. A partner reads a
    /// campaign's year, dates and status, and the aggregates once it is published, not this.
    ReadProgress,
    /// Create and update federations (national reference data).
    ManageFederations,
    /// Manage the national indicator catalogue.
    ManageCatalogue,
    /// Reopen a centre's validated indicator submission (its values are frozen otherwise): an admin's call.
    ReopenSubmission,
    /// Read people's data held by the federation (partners' contacts): the staff who manage the partnerships.
    /// A partner's token reads its own partner's contacts through its scope, not through this permission.
    ReadPersonalData,
}

/// Which tenants' rows a caller can see.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Every federation (national administration).
    National,
    Federation(FederationId),
    /// A partner's integration within one federation: each area narrows its reads to what concerns this
    /// partner (the pacts it signed, the conventions it is party to); the directory reads as a viewer's.
    Partner {
        federation: FederationId,
        partner: PartnerId,
    },
}

impl Scope {
    /// The one federation this scope is bound to, if any.
    pub fn federation(&self) -> Option<FederationId> {
        match self {
            Scope::National => None,
            Scope::Federation(id) | Scope::Partner { federation: id, .. } => Some(*id),
        }
    }

    /// The partner a partner scope is narrowed to.
    pub fn partner(&self) -> Option<PartnerId> {
        match self {
            Scope::Partner { partner, .. } => Some(*partner),
            _ => None,
        }
    }

    pub fn includes(&self, federation: FederationId) -> bool {
        match self.federation() {
            None => true,
            Some(id) => id == federation,
        }
    }
}

/// Who did something, as the audit log records it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub subject: String,
    pub roles: Vec<String>,
}

impl Actor {
    /// The actor of changes the system makes itself (demo data, maintenance).
    pub fn system(name: &str) -> Actor {
        Actor {
            subject: format!("system:{name}"),
            roles: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CallerError {
    #[error("the token names no subject (`sub`): every caller is someone")]
    MissingSubject,
    #[error("a token without a federation is valid only for the national-admin role")]
    MissingFederation,
    #[error("the token carries no known role")]
    NoKnownRole,
    #[error("a partner token must name its partner (`partner` claim)")]
    MissingPartner,
    #[error("a national-admin token is national: it cannot also name a federation")]
    NationalWithFederation,
}

/// A verified caller, bound to one scope for the whole request.
#[derive(Clone, Debug)]
pub struct Caller {
    subject: String,
    roles: BTreeSet<Role>,
    scope: Scope,
    partner: Option<PartnerId>,
    centres: Vec<CentreId>,
}

impl Caller {
    /// `federation` is the federation the token names (already resolved from its slug). Unknown role names are
    /// ignored so that an identity provider may carry roles for other applications.
    pub fn new(
        subject: String,
        role_claims: &[String],
        federation: Option<FederationId>,
        partner: Option<PartnerId>,
        centres: Vec<CentreId>,
    ) -> Result<Caller, CallerError> {
        // A caller's budget, its audit entries and its logs are keyed by who it is: an empty subject is nobody.
        if subject.trim().is_empty() {
            return Err(CallerError::MissingSubject);
        }
        let roles: BTreeSet<Role> = role_claims.iter().filter_map(|claim| Role::from_claim(claim)).collect();
        if roles.is_empty() {
            return Err(CallerError::NoKnownRole);
        }
        if roles.contains(&Role::NationalAdmin) && federation.is_some() {
            return Err(CallerError::NationalWithFederation);
        }
        let scope = match (federation, roles.contains(&Role::Partner)) {
            (Some(federation), true) => Scope::Partner {
                federation,
                partner: partner.ok_or(CallerError::MissingPartner)?,
            },
            (Some(id), false) => Scope::Federation(id),
            (None, false) if roles.contains(&Role::NationalAdmin) => Scope::National,
            (None, _) => return Err(CallerError::MissingFederation),
        };
        Ok(Caller {
            subject,
            roles,
            scope,
            partner,
            centres,
        })
    }

    pub fn subject(&self) -> &str {
        &self.subject
    }

    pub fn roles(&self) -> impl Iterator<Item = Role> + '_ {
        self.roles.iter().copied()
    }

    pub fn scope(&self) -> &Scope {
        &self.scope
    }

    pub fn partner(&self) -> Option<PartnerId> {
        self.partner
    }

    pub fn centres(&self) -> &[CentreId] {
        &self.centres
    }

    pub fn can(&self, permission: Permission) -> bool {
        self.roles.iter().any(|role| role.grants(permission, &self.centres))
    }

    /// The federation a write goes to: writes are always bound to exactly one tenant, so a national caller
    /// (who has no tenant) cannot write tenant rows.
    pub fn tenant(&self) -> Option<FederationId> {
        self.scope.federation()
    }

    pub fn actor(&self) -> Actor {
        Actor {
            subject: self.subject.clone(),
            roles: self.roles.iter().map(|r| r.as_claim().to_owned()).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caller(roles: &[&str], federation: Option<FederationId>, centres: Vec<CentreId>) -> Result<Caller, CallerError> {
        let roles: Vec<String> = roles.iter().map(|r| r.to_string()).collect();
        Caller::new("user-1".into(), &roles, federation, None, centres)
    }

    #[test]
    fn a_caller_is_someone() {
        let nord = Some(FederationId::from_uuid(uuid::Uuid::nil()));
        for empty in ["", " ", "\t"] {
            assert_eq!(
                Caller::new(empty.into(), &["viewer".to_owned()], nord, None, Vec::new()).err(),
                Some(CallerError::MissingSubject)
            );
        }
    }

    #[test]
    fn a_token_without_federation_needs_the_national_admin_role() {
        assert_eq!(
            caller(&["viewer"], None, vec![]).unwrap_err(),
            CallerError::MissingFederation
        );
        assert_eq!(
            caller(&["national-admin"], None, vec![]).unwrap().scope(),
            &Scope::National
        );
    }

    #[test]
    fn a_national_admin_token_cannot_name_a_federation() {
        let fed = Some(FederationId::generate());
        assert_eq!(
            caller(&["national-admin"], fed, vec![]).unwrap_err(),
            CallerError::NationalWithFederation
        );
        assert_eq!(
            caller(&["national-admin", "viewer"], fed, vec![]).unwrap_err(),
            CallerError::NationalWithFederation
        );
    }

    #[test]
    fn unknown_roles_are_ignored_but_at_least_one_must_be_known() {
        let fed = Some(FederationId::generate());
        assert_eq!(
            caller(&["superuser"], fed, vec![]).unwrap_err(),
            CallerError::NoKnownRole
        );
        let c = caller(&["superuser", "viewer"], fed, vec![]).unwrap();
        assert_eq!(c.roles().collect::<Vec<_>>(), vec![Role::Viewer]);
    }

    #[test]
    fn permissions_by_role() {
        let fed = Some(FederationId::generate());
        let own = CentreId::generate();
        let other = CentreId::generate();
        // (role, permission, expected)
        use Area::*;
        use Permission::*;
        let table = [
            ("viewer", Read(Directory), true),
            ("viewer", Read(Governance), true),
            ("viewer", Write(Directory), false),
            ("viewer", EditCentre(own), false),
            ("partner", Read(Directory), true),
            ("partner", Read(Pacts), true),
            ("partner", Read(Conventions), true),
            ("partner", Read(Governance), false),
            ("partner", Write(Pacts), false),
            ("partner", EditCentre(own), false),
            ("centre-manager", EditCentre(own), true),
            ("centre-manager", EditCentre(other), false),
            ("centre-manager", Write(Directory), false),
            ("centre-manager", Read(Indicators), true),
            ("federation-staff", Write(Directory), true),
            ("federation-staff", Write(Pacts), true),
            ("federation-staff", Write(Governance), true),
            ("federation-staff", ReadAudit, false),
            ("federation-staff", ManageCatalogue, false),
            ("federation-admin", ReadAudit, true),
            ("federation-admin", ManageFederations, false),
            ("federation-admin", ManageCatalogue, false),
            ("federation-admin", ReadPersonalData, true),
            ("federation-admin", ReopenSubmission, true),
            ("federation-staff", ReopenSubmission, false),
            ("federation-staff", ReadPersonalData, true),
            ("centre-manager", ReadPersonalData, false),
            ("viewer", ReadPersonalData, false),
            ("partner", ReadPersonalData, false),
        ];
        for (role, permission, expected) in table {
            let partner = Some(PartnerId::generate());
            let c = Caller::new("user-1".into(), &[role.to_owned()], fed, partner, vec![own]).unwrap();
            assert_eq!(c.can(permission), expected, "{role} {permission:?}");
        }
        let national = caller(&["national-admin"], None, vec![]).unwrap();
        assert!(national.can(ManageFederations));
        assert!(national.can(ManageCatalogue));
        assert!(!national.can(ReadPersonalData));
        for area in Area::ALL {
            assert!(national.can(Read(area)), "{area:?}");
            assert!(!national.can(Write(area)), "{area:?}");
        }
        assert_eq!(national.tenant(), None);
    }

    #[test]
    fn a_partner_token_is_scoped_to_its_partner_and_must_name_it() {
        let fed = FederationId::generate();
        let caf = PartnerId::generate();
        let roles = vec!["partner".to_owned()];
        let c = Caller::new("caf-59".into(), &roles, Some(fed), Some(caf), vec![]).unwrap();
        assert_eq!(
            c.scope(),
            &Scope::Partner {
                federation: fed,
                partner: caf
            }
        );
        assert_eq!(c.scope().federation(), Some(fed));
        assert_eq!(c.scope().partner(), Some(caf));
        assert!(
            !c.can(Permission::ReadProgress),
            "a campaign's progress is the federation's"
        );
        assert!(!c.can(Permission::Read(Area::Governance)));
        assert!(c.can(Permission::Read(Area::Indicators)));
        for role in ["viewer", "centre-manager", "federation-staff", "federation-admin"] {
            let other = Caller::new("x".into(), &[role.to_owned()], Some(fed), None, vec![]).unwrap();
            assert!(other.can(Permission::ReadProgress), "{role}");
        }
        assert_eq!(
            Caller::new("caf-59".into(), &roles, Some(fed), None, vec![]).unwrap_err(),
            CallerError::MissingPartner
        );
        assert_eq!(
            Caller::new("caf-59".into(), &roles, None, Some(caf), vec![]).unwrap_err(),
            CallerError::MissingFederation
        );
        // A viewer's token may mention a partner; it does not narrow a viewer's scope.
        let viewer = Caller::new("v".into(), &["viewer".to_owned()], Some(fed), Some(caf), vec![]).unwrap();
        assert_eq!(viewer.scope(), &Scope::Federation(fed));
    }

    #[test]
    fn federation_scope_includes_only_its_federation() {
        let nord = FederationId::generate();
        let pdc = FederationId::generate();
        assert!(Scope::Federation(nord).includes(nord));
        assert!(!Scope::Federation(nord).includes(pdc));
        assert!(Scope::National.includes(pdc));
    }
}
