//! Opaque global ids: `base64url("Centre:<uuid>")`. The type prefix lets `node(id:)` find the object, and ids
//! of one kind cannot be passed where another is expected.

use async_graphql::ID;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use uuid::Uuid;

pub use crate::node_kind::NodeKind;

pub fn encode(kind: NodeKind, id: Uuid) -> ID {
    encode_named(kind.name(), id)
}

/// For ids whose type is known only by name (the audit log's entity types).
pub fn encode_named(kind: &str, id: Uuid) -> ID {
    ID(URL_SAFE_NO_PAD.encode(format!("{kind}:{id}")))
}

pub fn decode(id: &ID) -> Option<(NodeKind, Uuid)> {
    let bytes = URL_SAFE_NO_PAD.decode(id.as_str()).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let (kind, uuid) = text.split_once(':')?;
    Some((NodeKind::from_name(kind)?, Uuid::parse_str(uuid).ok()?))
}

/// The uuid of an id of `kind`; `None` for a malformed id or one of another kind.
pub fn decode_as(id: &ID, kind: NodeKind) -> Option<Uuid> {
    decode(id).filter(|(k, _)| *k == kind).map(|(_, uuid)| uuid)
}

/// The party a global id names: a centre, a partner, or a federation (as a party, the federation itself).
pub fn decode_party(id: &ID) -> Option<pactes_domain::agreement::Party> {
    use pactes_domain::agreement::Party;
    match decode(id)? {
        (NodeKind::Centre, uuid) => Some(Party::Centre(pactes_domain::CentreId::from_uuid(uuid))),
        (NodeKind::Partner, uuid) => Some(Party::Partner(pactes_domain::PartnerId::from_uuid(uuid))),
        (NodeKind::Federation, _) => Some(Party::Federation),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_keep_their_kind() {
        let uuid = Uuid::now_v7();
        let id = encode(NodeKind::Centre, uuid);
        assert_eq!(decode(&id), Some((NodeKind::Centre, uuid)));
        assert_eq!(decode_as(&id, NodeKind::Centre), Some(uuid));
        assert_eq!(decode_as(&id, NodeKind::Partner), None);
        assert_eq!(decode(&ID("not-an-id".into())), None);
        assert_eq!(decode(&ID(URL_SAFE_NO_PAD.encode("Pact:123"))), None);
    }
}
