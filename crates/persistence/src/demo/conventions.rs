//! The demo's partner conventions, after the conventions the seeds speak of: the Calaisis quadripartite
//! convention (federation, CAF, Conseil Général, Conseil Régional), a CAF *convention d'objectifs et de
//! financement* for Douaisis centres with yearly lines 2014-2017, and an annex convention to the Calaisis
//! charter for its youth trip. The documents give no amounts: **every amount here is invented** for the
//! demonstration, and each convention's title says so.

use chrono::NaiveDate;
use pactes_domain::agreement::Party;
use pactes_domain::conventions::{
    ConventionData, ConventionDraft, ConventionKind, ConventionParty, ConventionRole, ConventionStatus,
    FundingLineDraft, FundingNature, PaymentDraft, validate_payments,
};
use pactes_domain::record::Record;
use pactes_domain::{ActionSheetId, Actor, CentreId, FederationId, Money, PactId, PartnerId, RepositoryError};

use crate::tenant::insert_in;
use crate::write::Write;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

fn euros(amount: i64) -> Money {
    Money::from_cents(amount * 100)
}

fn party(party: Party, role: ConventionRole) -> ConventionParty {
    ConventionParty { party, role }
}

fn line(funder: Party, beneficiary: Party, year: i32, nature: FundingNature, amount: i64) -> FundingLineDraft {
    FundingLineDraft {
        id: None,
        funder,
        beneficiary,
        year,
        nature,
        committed: euros(amount),
        overpayment_allowed: false,
    }
}

/// Writes the convention as signed, with a payment of each of its lines of the years before `paid_until`
/// (inclusive), made on the 30th of June of the line's year.
async fn signed(
    write: &Write,
    actor: &Actor,
    federation: FederationId,
    draft: ConventionDraft,
    paid_until: i32,
) -> Result<(), RepositoryError> {
    let content = draft.validate()?;
    let payments: Vec<PaymentDraft> = content
        .lines
        .iter()
        .filter(|l| l.year <= paid_until)
        .map(|l| PaymentDraft {
            line_id: l.id,
            paid_on: day(l.year, 6, 30),
            amount: l.committed,
            reference: Some(format!("Versement {}", l.year)),
            idempotency_key: Some(format!("demo-{}-{}", content.reference.as_str(), l.id)),
        })
        .collect();
    let payments = validate_payments(&content, &[], payments)?;
    let data = ConventionData {
        status: ConventionStatus::Signed,
        payments,
        ..ConventionData::draft(content)
    };
    insert_in(write, actor, Record::create(federation, data)).await?;
    Ok(())
}

/// The Calaisis quadripartite convention: the CAF, the Conseil Général and the Conseil Régional fund the
/// federation's coordination of the Calaisis collective, 2014-2017; and the annex to the charter for the youth
/// trip, funded by the agglomeration. `partners` are the Pas-de-Calais demo partners in their order (CAF,
/// Conseil Général, Conseil Régional, CAP Calaisis).
pub(super) async fn calaisis(
    write: &Write,
    actor: &Actor,
    federation: FederationId,
    partners: &[PartnerId],
    centres: &[CentreId],
    charter: PactId,
    trip: ActionSheetId,
) -> Result<usize, RepositoryError> {
    let [caf, cg, cr, agglo] = [0, 1, 2, 3].map(|i| Party::Partner(partners[i]));
    let fed = Party::Federation;
    let mut lines = Vec::new();
    for year in 2014..=2017 {
        lines.push(line(caf, fed, year, FundingNature::Fonctionnement, 18_000));
        lines.push(line(cg, fed, year, FundingNature::Fonctionnement, 12_500));
        lines.push(line(cr, fed, year, FundingNature::Projet, 7_500));
    }
    let quadripartite = ConventionDraft {
        kind: ConventionKind::Quadripartite,
        reference: "PDC-QUADRI-2014".to_owned(),
        title: "Convention quadripartite de soutien au collectif des centres sociaux du Calaisis (montants \
                inventés pour la démonstration)"
            .to_owned(),
        objectives: vec![
            "Soutenir la coordination du collectif des centres sociaux du Calaisis".to_owned(),
            "Donner aux centres sociaux la stabilité financière de leurs projets".to_owned(),
        ],
        start: day(2014, 1, 1),
        end: day(2017, 12, 31),
        renews: None,
        pact_id: None,
        action_sheets: Vec::new(),
        parties: vec![
            party(fed, ConventionRole::Signatory),
            party(fed, ConventionRole::Beneficiary),
            party(caf, ConventionRole::Funder),
            party(cg, ConventionRole::Funder),
            party(cr, ConventionRole::Funder),
        ],
        lines,
    };
    signed(write, actor, federation, quadripartite, 2016).await?;
    let lead = Party::Centre(centres[0]);
    let annex = ConventionDraft {
        kind: ConventionKind::Annexe,
        reference: "PDC-ANNEXE-2015-01".to_owned(),
        title: "Convention annexe à la charte du Calaisis : voyage en Angleterre pour des jeunes (montant inventé \
                pour la démonstration)"
            .to_owned(),
        objectives: vec!["Ouvrir les jeunes du Calaisis à l'Europe".to_owned()],
        start: day(2015, 3, 1),
        end: day(2015, 12, 31),
        renews: None,
        pact_id: Some(charter),
        action_sheets: vec![trip],
        parties: vec![
            party(fed, ConventionRole::Signatory),
            party(agglo, ConventionRole::Funder),
            party(lead, ConventionRole::Beneficiary),
            party(lead, ConventionRole::Operator),
        ],
        lines: vec![line(agglo, lead, 2015, FundingNature::Projet, 1_500)],
    };
    signed(write, actor, federation, annex, 2015).await?;
    Ok(2)
}

/// The CAF du Nord's *convention d'objectifs et de financement* of the *prestation de service animation
/// globale* for four Douaisis centres, 2014-2017: a yearly line per centre. `caf` is the CAF du Nord.
pub(super) async fn douaisis_cof(
    write: &Write,
    actor: &Actor,
    federation: FederationId,
    caf: PartnerId,
    centres: &[CentreId],
) -> Result<usize, RepositoryError> {
    let caf = Party::Partner(caf);
    let funded: Vec<Party> = centres.iter().take(4).map(|c| Party::Centre(*c)).collect();
    let mut parties = vec![
        party(caf, ConventionRole::Funder),
        party(Party::Federation, ConventionRole::Signatory),
    ];
    parties.extend(funded.iter().map(|c| party(*c, ConventionRole::Beneficiary)));
    let mut lines = Vec::new();
    for year in 2014..=2017 {
        for (i, centre) in funded.iter().enumerate() {
            // Invented: 68,000 € a year, a little more each year and for each centre.
            let amount = 68_000 + 1_250 * i64::from(year - 2014) + 500 * i as i64;
            lines.push(line(caf, *centre, year, FundingNature::PrestationService, amount));
        }
    }
    let cof = ConventionDraft {
        kind: ConventionKind::Cof,
        reference: "CAF59-COF-AG-2014".to_owned(),
        title: "Convention d'objectifs et de financement — prestation de service animation globale, centres \
                sociaux du Douaisis (montants inventés pour la démonstration)"
            .to_owned(),
        objectives: vec!["Financer l'animation globale et la coordination des centres sociaux agréés".to_owned()],
        start: day(2014, 1, 1),
        end: day(2017, 12, 31),
        renews: None,
        pact_id: None,
        action_sheets: Vec::new(),
        parties,
        lines,
    };
    signed(write, actor, federation, cof, 2016).await?;
    Ok(1)
}
