//! The demo's pacts, from the federations' own documents: the Douaisis pact of cooperation 2014-2017, the
//! second territorial pact of the Collectif des Centres Sociaux du Douaisis (`001_…` in the seeds), with its
//! four axes and their objectives as the document words them, and the first pact (2010-2013) it follows; the
//! Calaisis charter (`002_…`) and the Finistère protocol (`000_…`).

use chrono::NaiveDate;
use pactes_domain::pacts::{
    ActionSheetData, ActionSheetDraft, ActionStatus, ActorRoleDraft, AxisDraft, ConsultationDraft, MeansDraft,
    MeansKind, ObjectiveDraft, PactContent, PactData, PactDraft, PactKind, PactStatus, Party, SignatoryDraft,
    SignatoryRole,
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
        "Présidence de la fédération",
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

/// The cooperation charter of the Collectif des Centres Sociaux du Calaisis (`002_…`): its four centres and the
/// federation sign it; its shared objectives stand as one axis. The document gives no dates: 2014-2017 (the
/// charter follows the 2013 congress it cites) stands in for its period, and its first day for the signatures.
pub(super) async fn calaisis(
    write: &Write,
    actor: &Actor,
    federation: FederationId,
    territory: TerritoryId,
    members: &[CentreId],
) -> Result<Charter, RepositoryError> {
    let objectives = [
        "Permettre la mise en œuvre d'un projet de Développement Social à l'échelle du Calaisis, en parfaite \
         complémentarité avec les projets de chaque centre, et dans le respect de l'autonomie de chaque projet",
        "Mettre en œuvre un levier stratégique pour gagner en capacité d'agir et en crédibilité",
        "Renforcer la reconnaissance des partenaires",
        "Encourager une capacité spécifique des Centres Sociaux : développer une action sociale collective \
         inscrite dans un projet de développement, des personnes et des territoires",
        "Favoriser la participation des habitants à la vie locale, permettre à chaque citoyen d'apporter sa \
         contribution",
    ];
    let charter = PactDraft {
        kind: PactKind::Charte,
        title: "Charte de coopération du collectif des Centres Sociaux du Calaisis".to_owned(),
        territory_id: Some(territory),
        start: day(2014, 1, 1),
        end: day(2017, 12, 31),
        sequence: 1,
        predecessor_id: None,
        preamble: Some(
            "La présente charte a pour objet de définir les fondamentaux de la coopération entre les 4 Centres \
             Sociaux du Calaisis : les valeurs de référence, les façons d'agir, les objectifs communs sur un \
             territoire élargi."
                .to_owned(),
        ),
        values: vec![
            "participation des habitants".into(),
            "dignité humaine".into(),
            "solidarité".into(),
            "démocratie".into(),
        ],
        stakes: vec!["participation des habitants".into()],
        axes: vec![AxisDraft {
            id: None,
            title: "Objectifs partagés".to_owned(),
            subtitle: None,
            objectives: objectives
                .iter()
                .map(|o| ObjectiveDraft {
                    title: label(o),
                    description: Some((*o).to_owned()),
                    ..Default::default()
                })
                .collect(),
        }],
        signatories: signatories(members, &[], day(2014, 1, 1)),
        consultations: Vec::new(),
    };
    let content = charter.validate()?;
    let collective_action = content.axes[0].objectives[3].id;
    let pact = signed(write, actor, federation, content).await?;
    let trip = insert_in(
        write,
        actor,
        Record::create(federation, youth_trip(pact, collective_action, members)?),
    )
    .await?
    .id;
    Ok(Charter { pact, trip })
}

/// The Calaisis charter and its action sheet, which the annex convention covers.
pub(super) struct Charter {
    pub pact: PactId,
    pub trip: pactes_domain::ActionSheetId,
}

/// One of the common actions the Calaisis charter names, "voyage en Angleterre pour des jeunes", as a fiche
/// action: the first centre leads, the others mobilise their young people. The document gives no dates nor
/// amounts: July 2015 and the amounts are invented for the demonstration, and the sheet says so.
fn youth_trip(
    pact: PactId,
    objective: pactes_domain::ObjectiveId,
    members: &[CentreId],
) -> Result<ActionSheetData, RepositoryError> {
    let centre = |i: usize| Party::Centre(members[i % members.len()]);
    let means = |kind, description: &str, actor, amount: Option<&str>| MeansDraft {
        kind,
        description: description.to_owned(),
        actor,
        amount: amount.map(str::to_owned),
    };
    let draft = ActionSheetDraft {
        pact_id: pact,
        objective_id: Some(objective),
        title: "Voyage en Angleterre pour des jeunes".to_owned(),
        description: Some(
            "Action commune citée par la charte. Dates et montants inventés pour la démonstration.".to_owned(),
        ),
        start: Some(day(2015, 7, 6)),
        end: Some(day(2015, 7, 12)),
        lead: Some(centre(0)),
        roles: std::iter::once(ActorRoleDraft {
            actor: centre(0),
            role: "porteur de l'action".to_owned(),
        })
        .chain((1..members.len()).map(|i| ActorRoleDraft {
            actor: centre(i),
            role: "mobilisation des jeunes".to_owned(),
        }))
        .collect(),
        objectives: vec!["Ouvrir les jeunes à l'Europe".to_owned()],
        means: vec![
            means(MeansKind::Pooled, "Minibus du centre", centre(0), None),
            means(MeansKind::Pooled, "Animateur jeunesse", centre(1), Some("1200.00")),
            means(
                MeansKind::Pooled,
                "Participation aux frais de traversée",
                centre(2),
                Some("850.50"),
            ),
            means(MeansKind::Own, "Hébergement", centre(0), Some("2400.00")),
        ],
    };
    // Past: the trip took place.
    Ok(draft.validate_with(ActionStatus::Done)?)
}

/// The cooperation protocol of the Finistère federation with the CAF and the Conseil Général (`000_…`). The
/// document gives no dates: 2014-2017 stands in, and its first day for the signatures.
pub(super) async fn finistere(
    write: &Write,
    actor: &Actor,
    federation: FederationId,
    funders: &[PartnerId],
) -> Result<usize, RepositoryError> {
    let protocol = PactDraft {
        kind: PactKind::Protocole,
        title: "Protocole de coopération entre la Fédération des centres sociaux du Finistère, la CAF et le \
                Conseil Général"
            .to_owned(),
        territory_id: None,
        start: day(2014, 1, 1),
        end: day(2017, 12, 31),
        sequence: 1,
        predecessor_id: None,
        preamble: Some(
            "Basé sur des constats et des objectifs partagés, ce protocole constitue bien plus qu'une simple \
             convention formalisée supplémentaire : un véritable accord « politique », une alliance face aux \
             enjeux de société qui place au centre l'intérêt général."
                .to_owned(),
        ),
        values: Vec::new(),
        stakes: vec![
            "autonomie négociée du projet centre social".into(),
            "stabilisation financière".into(),
        ],
        axes: Vec::new(),
        signatories: signatories(&[], funders, day(2014, 1, 1)),
        consultations: Vec::new(),
    };
    signed(write, actor, federation, protocol.validate()?).await?;
    Ok(1)
}

/// An objective's title: its text up to the first comma or colon, at most a label's length.
fn label(text: &str) -> String {
    let short = text.split([',', ':']).next().unwrap_or(text).trim();
    short.chars().take(pactes_domain::text::Label::MAX_CHARS).collect()
}
