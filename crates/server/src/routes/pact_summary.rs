//! `GET /pacts/{id}/summary.html`: the printable summary of a pact a federation hands its partners — its period
//! and status, axes and objectives, signatories and their signature dates, its action sheets with their roles,
//! means and totals, amendments — with print styles, for
//! the same token and scope as the API (a partner's token: the pacts its partner signs). Every text is escaped.

use std::collections::HashMap;
use std::fmt::Write as _;

use actix_web::http::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY};
use actix_web::{HttpRequest, HttpResponse, web};
use pactes_domain::directory::{CentreRepository, FederationRepository, PartnerRepository};
use pactes_domain::pacts::{
    ActionSheet, ActionSheetRepository, ActionStatus, EffectiveStatus, MeansKind, MeansTotals, Pact, PactKind,
    PactRepository, Party, SignatoryRole,
};
use pactes_domain::{Area, Permission, Scope};

use super::bearer::{authorized, refused};
use super::french::date as french_date;
use crate::state::AppState;

/// The names the summary shows for the parties of a pact, by party.
pub struct Names {
    pub federation: String,
    pub parties: HashMap<Party, String>,
}

/// Text made safe inside HTML elements and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn kind_label(kind: PactKind) -> &'static str {
    match kind {
        PactKind::Pacte => "Pacte de coopération",
        PactKind::Charte => "Charte de coopération",
        PactKind::Protocole => "Protocole de coopération",
    }
}

fn role_label(role: SignatoryRole) -> &'static str {
    match role {
        SignatoryRole::Member => "Membre",
        SignatoryRole::Partner => "Partenaire",
        SignatoryRole::Funder => "Financeur",
        SignatoryRole::Federation => "Fédération",
    }
}

fn status_label(status: EffectiveStatus) -> &'static str {
    match status {
        EffectiveStatus::Draft => "brouillon",
        EffectiveStatus::Consultation => "en consultation",
        EffectiveStatus::Signed => "signé, pas encore en vigueur",
        EffectiveStatus::Active => "en vigueur",
        EffectiveStatus::Expired => "échu",
        EffectiveStatus::Terminated => "résilié",
    }
}

fn action_status_label(status: ActionStatus) -> &'static str {
    match status {
        ActionStatus::Planned => "prévue",
        ActionStatus::InProgress => "en cours",
        ActionStatus::Done => "réalisée",
        ActionStatus::Cancelled => "annulée",
    }
}

fn means_label(kind: MeansKind) -> &'static str {
    match kind {
        MeansKind::Pooled => "mutualisé",
        MeansKind::Requested => "sollicité",
        MeansKind::Own => "propre",
    }
}

/// An amount as a French reader writes it: "2000,05 €".
fn euros(amount: pactes_domain::Money) -> String {
    format!("{} €", amount.to_string().replace('.', ","))
}

/// The pact's action sheets, with the totals of their means by kind (summed by the database).
pub struct Actions {
    pub sheets: Vec<ActionSheet>,
    pub totals: HashMap<pactes_domain::ActionSheetId, MeansTotals>,
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:2rem;color:#222;line-height:1.4}\
h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.15rem;border-bottom:1px solid #999;margin-top:1.6rem}\
.meta{color:#555}table{border-collapse:collapse;width:100%}td,th{border:1px solid #bbb;padding:.25rem .5rem;\
text-align:left;font-size:.9rem}ol{padding-left:1.4rem}h3{font-size:1rem;margin:1rem 0 .2rem}\
@media print{body{margin:1cm}h2,h3{break-after:avoid}tr,li,section{break-inside:avoid}a{color:inherit}}";

/// The summary's HTML.
pub fn render(pact: &Pact, actions: &Actions, names: &Names, today: chrono::NaiveDate) -> String {
    let c = &pact.data.content;
    let mut html = String::new();
    let status = pact.data.effective_status(today);
    let _ = write!(
        html,
        "<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>{title}</title>\
         <style>{STYLE}</style></head><body><h1>{title}</h1>\
         <p class=\"meta\">{kind} n°{sequence} · {federation} · du {start} au {end} · {status}</p>",
        title = escape(c.title.as_str()),
        kind = kind_label(c.kind),
        sequence = c.sequence,
        federation = escape(&names.federation),
        start = french_date(c.period.start()),
        end = french_date(c.period.end()),
        status = status_label(status),
    );
    if let Some(preamble) = &c.preamble {
        let _ = write!(html, "<p>{}</p>", escape(preamble));
    }
    let list = |title: &str, items: &[pactes_domain::text::Label]| {
        if items.is_empty() {
            return String::new();
        }
        let items: Vec<String> = items.iter().map(|i| escape(i.as_str())).collect();
        format!("<p><strong>{title}</strong> : {}</p>", items.join(", "))
    };
    html.push_str(&list("Valeurs", &c.values));
    html.push_str(&list("Enjeux", &c.stakes));
    if !c.axes.is_empty() {
        html.push_str("<h2>Axes et objectifs</h2><ol class=\"axes\">");
        for axis in &c.axes {
            let _ = write!(html, "<li><strong>{}</strong>", escape(axis.title.as_str()));
            if let Some(subtitle) = &axis.subtitle {
                let _ = write!(html, " — {}", escape(subtitle.as_str()));
            }
            html.push_str("<ol>");
            for objective in &axis.objectives {
                let _ = write!(html, "<li>{}", escape(objective.title.as_str()));
                for criterion in &objective.criteria {
                    let target = criterion
                        .target
                        .as_ref()
                        .map(|t| format!(" ({})", escape(t.as_str())))
                        .unwrap_or_default();
                    let _ = write!(
                        html,
                        "<br><small>Critère : {}{target}</small>",
                        escape(criterion.label.as_str())
                    );
                }
                html.push_str("</li>");
            }
            html.push_str("</ol></li>");
        }
        html.push_str("</ol>");
    }
    let _ = write!(
        html,
        "<h2>Signataires ({})</h2><table class=\"signatories\"><thead><tr><th>Signataire</th><th>Rôle</th>\
         <th>Représenté par</th><th>Signé le</th></tr></thead><tbody>",
        c.signatories.len()
    );
    for s in &c.signatories {
        let party = names.parties.get(&s.party).map_or("—", String::as_str);
        let signer = match &s.signer_title {
            Some(title) => format!("{}, {}", s.signer_name.as_str(), title.as_str()),
            None => s.signer_name.as_str().to_owned(),
        };
        let _ = write!(
            html,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(party),
            role_label(s.role),
            escape(&signer),
            s.signed_on.map(french_date).unwrap_or_else(|| "—".to_owned()),
        );
    }
    html.push_str("</tbody></table>");
    render_actions(&mut html, pact, actions, names);
    if !pact.data.amendments.is_empty() {
        html.push_str("<h2>Avenants</h2><ol class=\"amendments\">");
        for a in &pact.data.amendments {
            let _ = write!(
                html,
                "<li>Avenant n°{} du {} : {} ({} modification{})</li>",
                a.number,
                french_date(a.dated),
                escape(&a.description),
                a.changes.len(),
                if a.changes.len() > 1 { "s" } else { "" }
            );
        }
        html.push_str("</ol>");
    }
    if let Some(reason) = &pact.data.termination_reason {
        let _ = write!(html, "<p><strong>Résilié</strong> : {}</p>", escape(reason));
    }
    html.push_str("</body></html>");
    html
}

fn render_actions(html: &mut String, pact: &Pact, actions: &Actions, names: &Names) {
    if actions.sheets.is_empty() {
        return;
    }
    let name = |party: &Party| escape(names.parties.get(party).map_or("—", String::as_str));
    let objectives: HashMap<_, _> = pact
        .data
        .content
        .axes
        .iter()
        .flat_map(|a| &a.objectives)
        .map(|o| (o.id, o.title.as_str()))
        .collect();
    let _ = write!(html, "<h2>Fiches action ({})</h2>", actions.sheets.len());
    for sheet in &actions.sheets {
        let d = &sheet.data;
        let _ = write!(
            html,
            "<section class=\"action\"><h3>{}</h3><p class=\"meta\">{}",
            escape(d.title.as_str()),
            action_status_label(d.status)
        );
        if let Some(period) = &d.period {
            let _ = write!(
                html,
                " · du {} au {}",
                french_date(period.start()),
                french_date(period.end())
            );
        }
        if let Some(lead) = &d.lead {
            let _ = write!(html, " · porteur : {}", name(lead));
        }
        html.push_str("</p>");
        if let Some(objective) = d.objective_id.and_then(|o| objectives.get(&o)) {
            let _ = write!(
                html,
                "<p><strong>Objectif du pacte</strong> : {}</p>",
                escape(objective)
            );
        }
        if let Some(description) = &d.description {
            let _ = write!(html, "<p>{}</p>", escape(description));
        }
        if !d.objectives.is_empty() {
            let items: Vec<String> = d.objectives.iter().map(|o| escape(o.as_str())).collect();
            let _ = write!(html, "<p><strong>Objectifs</strong> : {}</p>", items.join(" ; "));
        }
        if !d.roles.is_empty() {
            html.push_str("<p><strong>Rôles</strong></p><ul class=\"roles\">");
            for role in &d.roles {
                let _ = write!(html, "<li>{} : {}</li>", name(&role.actor), escape(role.role.as_str()));
            }
            html.push_str("</ul>");
        }
        if !d.means.is_empty() {
            html.push_str(
                "<table class=\"means\"><thead><tr><th>Moyen</th><th>Nature</th><th>Acteur</th><th>Montant</th>\
                 </tr></thead><tbody>",
            );
            for m in &d.means {
                let _ = write!(
                    html,
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    escape(m.description.as_str()),
                    means_label(m.kind),
                    name(&m.actor),
                    m.amount.map(euros).unwrap_or_else(|| "—".to_owned()),
                );
            }
            html.push_str("</tbody></table>");
        }
        if let Some(totals) = actions.totals.get(&sheet.id) {
            let _ = write!(
                html,
                "<p class=\"totals\">Total mutualisé : {} · total sollicité : {}</p>",
                euros(totals.pooled),
                euros(totals.requested)
            );
        }
        html.push_str("</section>");
    }
}

/// `GET /pacts/{id}/summary.html`, `id` being the pact's global id (as the API shows it).
pub async fn summary(req: HttpRequest, id: web::Path<String>, state: web::Data<AppState>) -> HttpResponse {
    use actix_web::http::StatusCode;
    let caller = match authorized(&req, &state, Permission::Read(Area::Pacts), "reading pacts").await {
        Ok(caller) => caller,
        Err(refusal) => return refusal,
    };
    let scope = *caller.scope();
    let Some(uuid) = pactes_api::claim_id(&id, "Pact") else {
        return refused(StatusCode::NOT_FOUND, "no such pact");
    };
    let found = state
        .db
        .pacts_by_ids(&scope, &[pactes_domain::PactId::from_uuid(uuid)])
        .await;
    let pact = match found.map(|mut found| found.pop()) {
        Ok(Some(pact)) => pact,
        Ok(None) => return refused(StatusCode::NOT_FOUND, "no such pact"),
        Err(error) => {
            tracing::error!(%error, "cannot read a pact for its summary");
            return refused(StatusCode::SERVICE_UNAVAILABLE, "cannot read the pact right now; retry");
        }
    };
    let actions = match actions(&state, &scope, &pact).await {
        Ok(actions) => actions,
        Err(error) => {
            tracing::error!(%error, "cannot read a pact's action sheets for its summary");
            return refused(StatusCode::SERVICE_UNAVAILABLE, "cannot read the pact right now; retry");
        }
    };
    let names = match names(&state, &scope, &pact, &actions.sheets).await {
        Ok(names) => names,
        Err(error) => {
            tracing::error!(%error, "cannot read a pact's parties for its summary");
            return refused(StatusCode::SERVICE_UNAVAILABLE, "cannot read the pact right now; retry");
        }
    };
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((CACHE_CONTROL, "no-store"))
        .insert_header((
            CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
        ))
        .body(render(&pact, &actions, &names, chrono::Utc::now().date_naive()))
}

async fn actions(state: &AppState, scope: &Scope, pact: &Pact) -> Result<Actions, pactes_domain::RepositoryError> {
    let sheets = state.db.actions_of_pacts(scope, &[pact.id]).await?;
    let ids: Vec<_> = sheets.iter().map(|s| s.id).collect();
    let totals = state.db.means_totals(scope, &ids).await?.into_iter().collect();
    Ok(Actions { sheets, totals })
}

/// The names of the pact's federation and parties (its signatories and its sheets' actors), read in one statement
/// per kind.
async fn names(
    state: &AppState,
    scope: &Scope,
    pact: &Pact,
    sheets: &[ActionSheet],
) -> Result<Names, pactes_domain::RepositoryError> {
    let mut named: Vec<Party> = pact.data.content.signatories.iter().map(|s| s.party).collect();
    for sheet in sheets {
        let d = &sheet.data;
        named.extend(d.lead);
        named.extend(d.roles.iter().map(|r| r.actor));
        named.extend(d.means.iter().map(|m| m.actor));
    }
    named.sort_unstable_by_key(|p| p.to_string());
    named.dedup();
    let centres: Vec<_> = named
        .iter()
        .filter_map(|p| match p {
            Party::Centre(id) => Some(*id),
            _ => None,
        })
        .collect();
    let partners: Vec<_> = named
        .iter()
        .filter_map(|p| match p {
            Party::Partner(id) => Some(*id),
            _ => None,
        })
        .collect();
    let federation = state
        .db
        .federations_by_ids_public(&[pact.federation_id])
        .await?
        .pop()
        .map(|f| f.data.name.as_str().to_owned())
        .unwrap_or_default();
    let mut parties = HashMap::new();
    for centre in state.db.centres_by_ids(scope, &centres).await? {
        let name = format!("{} ({})", centre.data.name.as_str(), centre.data.commune.as_str());
        parties.insert(Party::Centre(centre.id), name);
    }
    for partner in state.db.partners_by_ids(scope, &partners).await? {
        parties.insert(Party::Partner(partner.id), partner.data.name.as_str().to_owned());
    }
    parties.insert(Party::Federation, federation.clone());
    Ok(Names { federation, parties })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("<script>\"&'"), "&lt;script&gt;&quot;&amp;&#39;");
    }
}
