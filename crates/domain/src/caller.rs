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

    fn grants(self, permission: Permission, centres: &[CentreId]) -> bool {
        use Permission::*;
        match self {
            Role::NationalAdmin => matches!(permission, ReadDirectory | ReadAudit | ManageFederations),
            Role::FederationAdmin => matches!(permission, ReadDirectory | WriteDirectory | EditCentre(_) | ReadAudit),
            Role::FederationStaff => matches!(permission, ReadDirectory | WriteDirectory | EditCentre(_)),
            Role::CentreManager => match permission {
                ReadDirectory => true,
                EditCentre(id) => centres.contains(&id),
                _ => false,
            },
            Role::Partner | Role::Viewer => permission == ReadDirectory,
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_claim())
    }
}

/// What a caller may do. Reads are scoped separately, by [`Scope`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Permission {
    ReadDirectory,
    /// Create, update and archive territories, centres and partners of the caller's federation.
    WriteDirectory,
    /// Update this one centre.
    EditCentre(CentreId),
    ReadAudit,
    ManageFederations,
}

/// Which tenants' rows a caller can see.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Every federation (national administration).
    National,
    Federation(FederationId),
}

impl Scope {
    /// The one federation this scope is bound to, if any.
    pub fn federation(&self) -> Option<FederationId> {
        match self {
            Scope::National => None,
            Scope::Federation(id) => Some(*id),
        }
    }

    pub fn includes(&self, federation: FederationId) -> bool {
        match self {
            Scope::National => true,
            Scope::Federation(id) => *id == federation,
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
    #[error("a token without a federation is valid only for the national-admin role")]
    MissingFederation,
    #[error("the token carries no known role")]
    NoKnownRole,
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
        let roles: BTreeSet<Role> = role_claims.iter().filter_map(|claim| Role::from_claim(claim)).collect();
        if roles.is_empty() {
            return Err(CallerError::NoKnownRole);
        }
        let scope = match federation {
            Some(id) => Scope::Federation(id),
            None if roles.contains(&Role::NationalAdmin) => Scope::National,
            None => return Err(CallerError::MissingFederation),
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
        let table = [
            ("viewer", Permission::ReadDirectory, true),
            ("viewer", Permission::WriteDirectory, false),
            ("viewer", Permission::EditCentre(own), false),
            ("partner", Permission::ReadDirectory, true),
            ("partner", Permission::EditCentre(own), false),
            ("centre-manager", Permission::EditCentre(own), true),
            ("centre-manager", Permission::EditCentre(other), false),
            ("centre-manager", Permission::WriteDirectory, false),
            ("federation-staff", Permission::WriteDirectory, true),
            ("federation-staff", Permission::ReadAudit, false),
            ("federation-admin", Permission::ReadAudit, true),
            ("federation-admin", Permission::ManageFederations, false),
        ];
        for (role, permission, expected) in table {
            let c = caller(&[role], fed, vec![own]).unwrap();
            assert_eq!(c.can(permission), expected, "{role} {permission:?}");
        }
        let national = caller(&["national-admin"], None, vec![]).unwrap();
        assert!(national.can(Permission::ManageFederations));
        assert!(!national.can(Permission::WriteDirectory));
        assert_eq!(national.tenant(), None);
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
