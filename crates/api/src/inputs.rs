//! Input pieces every area uses: ids of objects named in an input, optional fields that may be cleared, and
//! the archive input.

use async_graphql::{ID, InputObject, MaybeUndefined};
use pactes_domain::agreement::Party;
use pactes_domain::patch::Patch;
use pactes_domain::{CentreId, PartnerId};

use crate::error::{UserError, UserErrorCode};
use crate::ids::decode_as;
use crate::node_kind::NodeKind;

/// Left out: keep; null: clear; a value: set.
pub(crate) fn patch<T, U>(value: MaybeUndefined<T>, convert: impl FnOnce(T) -> U) -> Patch<U> {
    match value {
        MaybeUndefined::Undefined => Patch::Keep,
        MaybeUndefined::Null => Patch::Clear,
        MaybeUndefined::Value(v) => Patch::Set(convert(v)),
    }
}

fn not_found(field: &str, what: &str) -> UserError {
    UserError::new(
        &["input", field],
        UserErrorCode::NotFound,
        format!("no such {what} in your federation"),
    )
}

/// The uuid behind `id` when it is an id of `kind`; a malformed id or one of another kind is "not found".
pub(crate) fn object_id(id: &ID, kind: NodeKind, field: &str) -> Result<uuid::Uuid, Vec<UserError>> {
    decode_as(id, kind).ok_or_else(|| vec![not_found(field, &kind.name().to_lowercase())])
}

/// Archives an object: it leaves the lists (unless `includeArchived`), keeps its history, and stays readable
/// by id.
#[derive(InputObject)]
pub struct ArchiveInput {
    pub id: ID,
    pub version: i64,
}

/// A party: a centre (`centreId`), a partner (`partnerId`), or the federation (`federation: true`).
#[derive(InputObject)]
pub struct PartyInput {
    pub centre_id: Option<ID>,
    pub partner_id: Option<ID>,
    #[graphql(default)]
    pub federation: bool,
}

impl PartyInput {
    /// The party named, or an error at `rest` (under the collector's path) when it names none or several.
    pub(crate) fn party(&self, ids: &mut Ids<'_>, rest: &[&str]) -> Option<Party> {
        ids.party(self.centre_id.as_ref(), self.partner_id.as_ref(), self.federation, rest)
    }
}

/// Collects the ids of an input that do not name an object of the right kind, each at its path.
pub(crate) struct Ids<'a> {
    pub at: &'a [&'a str],
    pub errors: Vec<UserError>,
}

impl Ids<'_> {
    /// A party named by one of a centre's id, a partner's id or `federation: true`, at `rest`.
    pub fn party(
        &mut self,
        centre_id: Option<&ID>,
        partner_id: Option<&ID>,
        federation: bool,
        rest: &[&str],
    ) -> Option<Party> {
        let named = usize::from(centre_id.is_some()) + usize::from(partner_id.is_some()) + usize::from(federation);
        if named != 1 {
            let message = "name one party: a centreId, a partnerId, or federation: true".to_owned();
            self.error(rest, UserErrorCode::Validation, message);
            return None;
        }
        let field = |name: &'static str| rest.iter().copied().chain([name]).collect::<Vec<_>>();
        if centre_id.is_some() {
            return self
                .global(centre_id, NodeKind::Centre, &field("centreId"), CentreId::from_uuid)
                .map(Party::Centre);
        }
        if partner_id.is_some() {
            return self
                .global(partner_id, NodeKind::Partner, &field("partnerId"), PartnerId::from_uuid)
                .map(Party::Partner);
        }
        Some(Party::Federation)
    }

    fn path(&self, rest: &[&str]) -> Vec<String> {
        self.at.iter().chain(rest).map(|s| s.to_string()).collect()
    }

    fn error(&mut self, rest: &[&str], code: UserErrorCode, message: String) {
        self.errors.push(UserError {
            field: self.path(rest),
            code,
            message,
        });
    }

    pub fn global<T>(
        &mut self,
        id: Option<&ID>,
        kind: NodeKind,
        rest: &[&str],
        make: fn(uuid::Uuid) -> T,
    ) -> Option<T> {
        let id = id?;
        let found = decode_as(id, kind).map(make);
        if found.is_none() {
            let what = kind.name().to_lowercase();
            self.error(
                rest,
                UserErrorCode::NotFound,
                format!("no such {what} in your federation"),
            );
        }
        found
    }

    pub fn part<T>(&mut self, id: Option<&ID>, rest: &[&str], make: fn(uuid::Uuid) -> T) -> Option<T> {
        let id = id?;
        let found = uuid::Uuid::parse_str(id.as_str()).ok().map(make);
        if found.is_none() {
            self.error(rest, UserErrorCode::NotFound, "no such element here".to_owned());
        }
        found
    }
}
