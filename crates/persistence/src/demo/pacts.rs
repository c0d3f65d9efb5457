//! The demo's pacts, from the federations' own documents: the Douaisis pact of cooperation 2014-2017, the
//! second territorial pact of the Collectif des Centres Sociaux du Douaisis (`001_…` in the seeds), with its
//! four axes and their objectives as the document words them, and the first pact (2010-2013) it follows.

use chrono::NaiveDate;
use pactes_domain::pacts::{
    AxisDraft, ConsultationDraft, ObjectiveDraft, PactContent, PactData, PactDraft, PactKind, PactStatus, Party,
    SignatoryDraft, SignatoryRole,
};
use pactes_domain::record::Record;
use pactes_domain::{Actor, CentreId, FederationId, PactId, PartnerId, RepositoryError, TerritoryId};

use crate::tenant::insert_in;
use crate::write::Write;

/// The four axes of the 2014-2017 pact and, under each, its objectives.
const AXES: [(&str, &str, &[&str]); 4] = [
    (
        "Le territoire et ses habitants",
        "La coopération comme réponse aux enjeux du territoire",
        &[
            "Définir les spécificités et les besoins du Douaisis",
            "Deux grands enjeux : la mobilité et la participation des habitants",
            "Apporter une plus-value aux territoires",
        ],
    ),
    (
        "Les centres sociaux et le territoire",
        "Asseoir la légitimité du Collectif sur le territoire",
        &[
            "Promouvoir le projet centre social auprès des partenaires",
            "Faire du Collectif un relais sur le territoire",
        ],
    ),
    (
        "Les pratiques professionnelles",
        "Qualifier et adapter les pratiques à l'évolution des besoins du territoire",
        &[
            "Favoriser la montée en compétence des acteurs",
            "Impulser et faciliter l'innovation et le développement",
        ],
    ),
    (
        "L'organisation collective",
        "Développer des pratiques collectives et une culture coopérative sur le territoire",
        &[
            "Savoir communiquer",
            "Favoriser les pratiques de coopération, l'ouverture et la participation du Collectif",
            "Renforcer l'organisation et les outils du Collectif",
        ],
    ),
];

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

fn signatories(members: &[CentreId], funders: &[PartnerId], signed_on: NaiveDate) -> Vec<SignatoryDraft> {
    let sign = |party, role, name: &str| SignatoryDraft {
        party,
        role,
        signer_name: name.to_owned(),
        signer_title: None,
        signed_on: Some(signed_on),
    };
    let mut all: Vec<SignatoryDraft> = members
        .iter()
        .map(|c| sign(Party::Centre(*c), SignatoryRole::Member, "Présidence du centre"))
        .collect();
    all.extend(
        funders
            .iter()
            .map(|p| sign(Party::Partner(*p), SignatoryRole::Funder, "Direction")),
    );
    all.push(sign(
        Party::Federation,
        SignatoryRole::Federation,
        "Présidence de la Fédération des centres sociaux du Nord",
    ));
    all
}

/// The two Douaisis pacts, signed: the document gives no signature dates, so each period's first day stands
/// in for them.
pub(super) async fn douaisis(
    write: &Write,
    actor: &Actor,
    federation: FederationId,
    territory: TerritoryId,
    members: &[CentreId],
    funders: &[PartnerId],
) -> Result<usize, RepositoryError> {
    let title = "Le pacte de coopération des centres sociaux du Douaisis et de leurs partenaires";
    let first = PactDraft {
        kind: PactKind::Pacte,
        title: format!("{title} (premier pacte)"),
        territory_id: Some(territory),
        start: day(2010, 1, 1),
        end: day(2013, 12, 31),
        sequence: 1,
        predecessor_id: None,
        preamble: Some(
            "Un cadre politique et opérationnel à la coopération des centres sociaux du Douaisis, avec les \
             habitants et leurs partenaires : la CAF, le Conseil Général, le Conseil Régional, les collectivités \
             locales."
                .to_owned(),
        ),
        values: Vec::new(),
        stakes: Vec::new(),
        axes: Vec::new(),
        signatories: signatories(members, funders, day(2010, 1, 1)),
        consultations: Vec::new(),
    };
    let first = signed(write, actor, federation, first.validate()?).await?;
    let second = PactDraft {
        kind: PactKind::Pacte,
        title: title.to_owned(),
        territory_id: Some(territory),
        start: day(2014, 1, 1),
        end: day(2017, 12, 31),
        sequence: 2,
        predecessor_id: Some(first),
        preamble: Some(
            "Deuxième pacte territorial pour avancer ensemble. Le Pacte de coopération est un projet commun de \
             développement social à l'échelle de l'arrondissement ; il intervient comme un outil supplémentaire \
             au projet de chaque centre social."
                .to_owned(),
        ),
        values: vec!["dignité humaine".into(), "démocratie".into(), "solidarité".into()],
        stakes: vec!["mobilité".into(), "participation des habitants".into()],
        axes: AXES
            .iter()
            .map(|(title, subtitle, objectives)| AxisDraft {
                id: None,
                title: (*title).to_owned(),
                subtitle: Some((*subtitle).to_owned()),
                objectives: objectives
                    .iter()
                    .map(|o| ObjectiveDraft {
                        title: (*o).to_owned(),
                        ..Default::default()
                    })
                    .collect(),
            })
            .collect(),
        signatories: signatories(members, funders, day(2014, 1, 1)),
        consultations: vec![ConsultationDraft {
            group: "Usagers, salariés, administrateurs et partenaires du Collectif".to_owned(),
            people: 4,
            held_on: day(2013, 6, 1),
            summary: Some(
                "Toutes les parties prenantes du Collectif consultées pour recueillir leurs attentes.".to_owned(),
            ),
        }],
    };
    signed(write, actor, federation, second.validate()?).await?;
    Ok(2)
}

async fn signed(
    write: &Write,
    actor: &Actor,
    federation: FederationId,
    content: PactContent,
) -> Result<PactId, RepositoryError> {
    let data = PactData {
        status: PactStatus::Signed,
        ..PactData::draft(content)
    };
    Ok(insert_in(write, actor, Record::create(federation, data)).await?.id)
}
