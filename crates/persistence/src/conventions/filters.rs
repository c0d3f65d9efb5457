//! Which conventions a read selects: the walls of the scope, then the filter's conditions, as a `Readable` for
//! the repository's pages and as a condition for the totals' own statements.

use chrono::{Days, NaiveDate};
use pactes_domain::Scope;
use pactes_domain::agreement::Party;
use pactes_domain::conventions::{ConventionData, ConventionFilter, ConventionState, ConventionStatus};
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, Condition};

use super::entity::{Column, Entity};
use super::parts::{lines, parties};
use super::record::bound_to;
use crate::tenant::Readable;

/// The rows of a party's two columns.
pub(crate) fn party_is(centre: impl ColumnTrait, partner: impl ColumnTrait, party: Party) -> Condition {
    match party {
        Party::Centre(id) => Condition::all().add(centre.eq(id.as_uuid())),
        Party::Partner(id) => Condition::all().add(partner.eq(id.as_uuid())),
        Party::Federation => Condition::all().add(centre.is_null()).add(partner.is_null()),
    }
}

/// The conventions with a funding line matching `condition`.
fn with_line(condition: Condition) -> Condition {
    Condition::all().add(
        Column::Id.in_subquery(
            Query::select()
                .column(lines::Column::ConventionId)
                .from(lines::Entity)
                .cond_where(condition)
                .to_owned(),
        ),
    )
}

pub(crate) fn state_condition(state: ConventionState, today: NaiveDate) -> Condition {
    let stored = |s: ConventionStatus| Column::Status.eq(s.code());
    let signed = Condition::all().add(stored(ConventionStatus::Signed));
    match state {
        ConventionState::Draft => Condition::all().add(stored(ConventionStatus::Draft)),
        ConventionState::Negotiation => Condition::all().add(stored(ConventionStatus::Negotiation)),
        ConventionState::Terminated => Condition::all().add(stored(ConventionStatus::Terminated)),
        ConventionState::Signed => signed.add(Column::StartDate.gt(today)),
        ConventionState::Active => signed.add(Column::StartDate.lte(today)).add(Column::EndDate.gte(today)),
        ConventionState::Expired => signed.add(Column::EndDate.lt(today)),
    }
}

/// Not renewed: no signed convention in use names it as the one it renews (a renewal still in negotiation leaves
/// the gap open). A partner counts only the renewals it is party to: one it cannot read is no renewal to it, and
/// its existence is not its to learn.
pub(crate) fn not_renewed(scope: &Scope) -> Condition {
    let renewing = Condition::all()
        .add(Readable::<ConventionData>::condition(scope, None, false))
        .add(Column::RenewsId.is_not_null())
        .add(Column::Status.eq(ConventionStatus::Signed.code()));
    Condition::all().add(
        Column::Id.not_in_subquery(
            Query::select()
                .column(Column::RenewsId)
                .from(Entity)
                .cond_where(renewing)
                .to_owned(),
        ),
    )
}

/// The conditions of `filter` on the conventions table, within the walls of the scope ([`Readable`]): for the
/// totals' own statements over a join.
pub(crate) fn conditions(scope: &Scope, filter: &ConventionFilter, today: NaiveDate) -> Condition {
    Readable::<ConventionData>::condition(scope, filter.federation, filter.include_archived)
        .add(narrowing(scope, filter, today))
}

/// The conventions `filter` selects, within the walls of the scope.
pub(crate) fn filtered(scope: &Scope, filter: &ConventionFilter, today: NaiveDate) -> Readable<ConventionData> {
    Readable::rows(scope, filter.federation, filter.include_archived).filter(narrowing(scope, filter, today))
}

/// What `filter` asks for beyond the walls.
fn narrowing(scope: &Scope, filter: &ConventionFilter, today: NaiveDate) -> Condition {
    let mut all = Condition::all();
    if let Some(kind) = filter.kind {
        all = all.add(Column::Kind.eq(kind.code()));
    }
    if let Some(state) = filter.status {
        all = all.add(state_condition(state, today));
    }
    if let Some(party) = filter.party {
        all = all.add(bound_to(
            Column::Id,
            party_is(parties::Column::CentreId, parties::Column::PartnerId, party),
        ));
    }
    if let Some(funder) = filter.funder {
        all = all.add(with_line(party_is(
            lines::Column::FunderCentreId,
            lines::Column::FunderPartnerId,
            funder,
        )));
    }
    if let Some(beneficiary) = filter.beneficiary {
        all = all.add(with_line(party_is(
            lines::Column::BeneficiaryCentreId,
            lines::Column::BeneficiaryPartnerId,
            beneficiary,
        )));
    }
    if let Some(day) = filter.in_force_on {
        all = all.add(state_condition(ConventionState::Active, day));
    }
    if let Some(year) = filter.year {
        all = all.add(with_line(Condition::all().add(lines::Column::Year.eq(year))));
    }
    if let Some(days) = filter.expiring_within_days {
        let last = today
            .checked_add_days(Days::new(u64::from(days)))
            .unwrap_or(NaiveDate::MAX);
        all = all
            .add(state_condition(ConventionState::Active, today))
            .add(Column::EndDate.lte(last))
            .add(not_renewed(scope));
    }
    all
}
