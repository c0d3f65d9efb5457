//! Every kind of object with a global id, declared once: its name (in global ids and in the audit log) and its
//! area (whose read permission `node(id:)` checks); and what a type reachable by `node(id:)` implements. The
//! registry that maps each kind to its GraphQL type is `node.rs`, which knows every area; this file knows none.

use async_graphql::Context;
use pactes_domain::Area;
use uuid::Uuid;

/// A GraphQL type reachable by `node(id:)`.
pub(crate) trait NodeObject: Sized {
    /// The object `id` within the caller's scope; batched with the request's other look-ups of its kind.
    async fn load(ctx: &Context<'_>, id: Uuid) -> async_graphql::Result<Option<Self>>;
}

macro_rules! node_kinds {
    ($($kind:ident => $area:expr),+ $(,)?) => {
        /// Every kind of object with a global id.
        #[derive(async_graphql::Enum, Clone, Copy, Debug, PartialEq, Eq)]
        #[graphql(name = "EntityKind")]
        pub enum NodeKind { $($kind),+ }

        impl NodeKind {
            pub const ALL: &'static [NodeKind] = &[$(NodeKind::$kind),+];

            pub fn name(self) -> &'static str {
                match self { $(NodeKind::$kind => stringify!($kind)),+ }
            }

            /// The area whose read permission a caller needs to see this kind.
            pub fn area(self) -> Area {
                match self { $(NodeKind::$kind => $area),+ }
            }
        }
    };
}

node_kinds! {
    Federation => Area::Directory,
    Territory => Area::Directory,
    Centre => Area::Directory,
    Partner => Area::Directory,
    Pact => Area::Pacts,
    ActionSheet => Area::Pacts,
    Convention => Area::Conventions,
    Campaign => Area::Indicators,
    Body => Area::Governance,
    Meeting => Area::Governance,
    Decision => Area::Governance,
}

impl NodeKind {
    pub fn from_name(name: &str) -> Option<NodeKind> {
        NodeKind::ALL.iter().copied().find(|k| k.name() == name)
    }
}
