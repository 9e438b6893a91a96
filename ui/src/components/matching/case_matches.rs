//! A case's Rapprochements: the trades its current trade leads to and the open needs within its
//! radius, internal reconversions first, every score explained; what was left out and why; for
//! each, the training sessions, and the choice that fills the project.

use leptos::prelude::*;
use passerelle_domain::case::CaseId;
use passerelle_domain::i18n::count_with;
use passerelle_domain::matching::{CaseMatches, Choice, Exclusion, Match};
use passerelle_domain::training::{SessionQuery, SessionRow};

use super::score::{
    Missing, PartsInline, PartsLegend, PartsList, ScoreBar, distance_text, need_text, trade_text,
    versions_text,
};
use super::sessions::{SessionFilters, SessionSearch, SessionTable, session_name};
use crate::components::common::{Loaded, first_message};
use crate::{api, dom};

/// Sessions listed in a match's panel.
const SESSION_LIMIT: u32 = 50;

/// `target_certification`: the case's, searched with a trade it prepares. `on_chosen` receives
/// the sentence saying what the project now is, once the shell has filled it.
#[component]
pub fn CaseMatchesPanel(
    case_id: CaseId,
    target_certification: String,
    on_chosen: Callback<String>,
) -> impl IntoView {
    let matches = LocalResource::new(move || api::matching::case_matches(case_id));
    let open = RwSignal::new(None::<usize>);
    let error = RwSignal::new(None::<String>);
    let choose = Action::new_local(|(choice, said): &(Choice, String)| {
        let (choice, said) = (choice.clone(), said.clone());
        async move { api::matching::choose(choice).await.map(|_| said) }
    });
    Effect::new(move || match choose.value().get() {
        Some(Ok(said)) => {
            error.set(None);
            on_chosen.run(said);
        }
        Some(Err(e)) => error.set(Some(format!(
            "Le projet n’est pas mis à jour : {}",
            first_message(&e).unwrap_or_default()
        ))),
        None => {}
    });
    let busy = choose.pending();
    let on_choose = Callback::new(move |(m, session): (Match, Option<SessionRow>)| {
        if busy.get_untracked() {
            return;
        }
        error.set(None);
        let need = m
            .need
            .as_ref()
            .map(|n| format!(", besoin de {}", n.establishment));
        let said = match &session {
            Some(s) => format!(
                "Projet mis à jour : métier visé {}{}, session {}.",
                trade_text(&m),
                need.unwrap_or_default(),
                session_name(s)
            ),
            None => format!(
                "Projet mis à jour : métier visé {}{}.",
                trade_text(&m),
                need.unwrap_or_default()
            ),
        };
        let choice = Choice {
            case_id,
            rome: m.rome.clone(),
            need_id: m.need.as_ref().map(|n| n.need_id),
            session_id: session.map(|s| s.session_id),
        };
        choose.dispatch((choice, said));
    });
    let count = move || {
        matches.get().map(|r| match r {
            Ok(cm) => count_text(&cm),
            Err(_) => String::new(),
        })
    };
    let target = StoredValue::new(target_certification);
    view! {
        <section id="matches" aria-labelledby="matches-heading">
            <h2 class="section" id="matches-heading">
                "Rapprochements"
            </h2>
            <p class="help">
                "Les métiers auxquels mène le métier actuel (mobilités du ROME) et les besoins de recrutement ouverts dans le rayon de mobilité ; les reconversions internes d’abord, puis par score. Chaque point du score est expliqué."
            </p>
            <p id="matches-count" role="status">
                {count}
            </p>
            <p id="match-notice" role="alert" class="notice-error">
                {move || error.get()}
            </p>
            <Loaded from=matches let:cm>
                {results(cm, target.get_value(), open, on_choose, busy.into())}
            </Loaded>
        </section>
    }
}

/// « 8 rapprochements, dont 2 reconversions internes ; 3 exclus. »
fn count_text(cm: &CaseMatches) -> String {
    let results = &cm.matches.results;
    let internal = results.iter().filter(|m| m.internal).count() as u64;
    let mut text = count_with(results.len() as u64, "rapprochement", "rapprochements");
    if internal > 0 {
        text.push_str(&format!(
            ", dont {}",
            count_with(internal, "reconversion interne", "reconversions internes")
        ));
    }
    text.push_str(&format!(
        " ; {}.",
        count_with(
            cm.matches.excluded.len() as u64 + u64::from(cm.matches.unrelated_needs),
            "exclu",
            "exclus"
        )
    ));
    text
}

/// Whether the case's target certification prepares the match's trade.
fn prepares(m: &Match) -> bool {
    m.prepared_by.is_some()
}

fn results(
    cm: CaseMatches,
    target_certification: String,
    open: RwSignal<Option<usize>>,
    on_choose: Callback<(Match, Option<SessionRow>)>,
    busy: Signal<bool>,
) -> impl IntoView {
    let around = (cm.home.clone(), cm.radius_km);
    let where_note = if cm.located {
        format!(
            "Distances à vol d’oiseau depuis la commune de la personne ; rayon de mobilité : {} km.",
            cm.radius_km
        )
    } else {
        format!(
            "Commune de la personne absente du référentiel : distances non calculées (rayon de mobilité : {} km).",
            cm.radius_km
        )
    };
    let list = if cm.matches.results.is_empty() {
        view! {
            <p class="empty" id="match-list">
                "Aucun rapprochement : renseignez le métier actuel (code ROME) dans la situation, ou élargissez le rayon de mobilité dans le projet."
            </p>
        }
        .into_any()
    } else {
        view! {
            <ol class="matches" id="match-list">
                {cm
                    .matches
                    .results
                    .into_iter()
                    .enumerate()
                    .map(|(n, m)| {
                        match_row(
                            n,
                            m,
                            target_certification.clone(),
                            around.clone(),
                            open,
                            on_choose,
                            busy,
                        )
                    })
                    .collect_view()}
            </ol>
        }
        .into_any()
    };
    view! {
        <p class="muted small" id="matches-where" class:notice-box=!cm.located>
            {where_note}
        </p>
        <PartsLegend id="matches-legend" />
        {list}
        {excluded(cm.matches.excluded, cm.matches.unrelated_needs)}
        <p class="muted small" id="matches-versions">
            {versions_text(&cm.matches.versions)}
        </p>
    }
}

/// The person's commune (INSEE code) and mobility radius: where sessions are looked for.
type Around = (Option<String>, u16);

fn match_row(
    n: usize,
    m: Match,
    target_certification: String,
    around: Around,
    open: RwSignal<Option<usize>>,
    on_choose: Callback<(Match, Option<SessionRow>)>,
    busy: Signal<bool>,
) -> impl IntoView {
    let panel_id = format!("trainings-{n}");
    let see_id = format!("see-trainings-{n}");
    let trade = trade_text(&m);
    let need = m.need.as_ref().map(need_text);
    let choose_label = match &m.need {
        Some(nd) => format!("Retenir ce métier : {trade}, chez {}", nd.establishment),
        None => format!("Retenir ce métier : {trade}"),
    };
    let certification = (prepares(&m) && !target_certification.trim().is_empty())
        .then(|| target_certification.trim().to_owned());
    let is_open = move || open.get() == Some(n);
    let toggle = move |_| {
        if open.get_untracked() == Some(n) {
            open.set(None);
        } else {
            open.set(Some(n));
        }
    };
    let chosen = m.clone();
    let for_panel = m.clone();
    let see_for_panel = see_id.clone();
    let panel = move || {
        is_open().then(|| {
            view! {
                <TrainingPanel
                    n
                    m=for_panel.clone()
                    certification=certification.clone()
                    around=around.clone()
                    on_choose
                    busy
                    on_close=Callback::new({
                        let see = see_for_panel.clone();
                        move |()| {
                            open.set(None);
                            dom::focus(&see);
                        }
                    })
                />
            }
        })
    };
    view! {
        <li
            class="match-row"
            class:internal=m.internal
            id=format!("match-{n}")
            data-rome=m.rome.clone()
            data-need=m.need.as_ref().map(|nd| nd.need_id.to_string())
        >
            <div class="match-head">
                <ScoreBar score=m.score parts=m.parts.clone() />
                <span class="match-trade">
                    <span class="mono">{m.rome.clone()}</span>
                    " "
                    {m.rome_label.clone()}
                </span>
                {m
                    .internal
                    .then(|| view! { <span class="badge internal">"Reconversion interne"</span> })}
                <span class="match-need">
                    {need
                        .unwrap_or_else(|| {
                            "Métier (sans besoin de recrutement précis)".to_owned()
                        })}
                </span>
                <span class="match-distance">
                    <span class="sr-only">"Distance : "</span>
                    {distance_text(m.distance_km)}
                </span>
            </div>
            <PartsInline parts=m.parts.clone() />
            <details class="match-detail" id=format!("match-{n}-detail")>
                <summary>"Détail du score et compétences manquantes"</summary>
                <PartsList parts=m.parts.clone() />
                <Missing missing=m.missing.clone() />
            </details>
            <div class="actions match-actions">
                <button
                    type="button"
                    class="secondary small"
                    id=see_id
                    aria-expanded=move || if is_open() { "true" } else { "false" }
                    aria-controls=panel_id
                    on:click=toggle
                >
                    "Voir les formations"
                </button>
                <button
                    type="button"
                    class="small"
                    id=format!("choose-trade-{n}")
                    aria-label=choose_label
                    disabled=move || busy.get()
                    on:click=move |_| on_choose.run((chosen.clone(), None))
                >
                    "Retenir ce métier"
                </button>
            </div>
            {panel}
        </li>
    }
}

/// « Exclus parce que… »: every candidate left out, with its reasons.
fn excluded(list: Vec<Exclusion>, unrelated_needs: u32) -> impl IntoView {
    let count = list.len() + unrelated_needs as usize;
    let unrelated = (unrelated_needs > 0).then(|| {
        view! {
            <p class="muted small" id="matches-unrelated">
                {format!(
                    "{} pour des métiers sans lien ROME avec le métier actuel (ni même métier, ni mobilité, ni même domaine).",
                    count_with(u64::from(unrelated_needs), "besoin ouvert", "besoins ouverts"),
                )}
            </p>
        }
    });
    view! {
        <details class="excluded" id="matches-excluded">
            <summary>{format!("Exclus parce que… ({count})")}</summary>
            {unrelated}
            {if list.is_empty() {
                view! { <p class="muted small">"Aucun autre rapprochement exclu."</p> }.into_any()
            } else {
                view! {
                    <ul class="excluded-list">
                        {list
                            .into_iter()
                            .map(|e| {
                                let what = match &e.need {
                                    Some(n) => {
                                        format!("{} {} — {}", e.rome, e.rome_label, need_text(n))
                                    }
                                    None => format!("{} {}", e.rome, e.rome_label),
                                };
                                view! {
                                    <li class="excluded-row">
                                        <strong>{what}</strong>
                                        " : "
                                        {e.reasons.join(" ; ")}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </details>
    }
}

/// A match's training sessions, with filters; each session can be chosen with the match.
#[component]
fn TrainingPanel(
    n: usize,
    m: Match,
    certification: Option<String>,
    around: Around,
    on_choose: Callback<(Match, Option<SessionRow>)>,
    busy: Signal<bool>,
    on_close: Callback<()>,
) -> impl IntoView {
    // Within the person's mobility radius (sessions at a distance always fit).
    let (near, radius) = around;
    let radius_km = near.as_ref().map(|_| u32::from(radius));
    let filters = SessionFilters::new(m.rome.clone(), certification.clone().unwrap_or_default());
    let query = RwSignal::new(SessionQuery {
        rome: Some(m.rome.clone()),
        certification: certification.clone(),
        near: near.clone(),
        radius_km,
        limit: SESSION_LIMIT,
        ..SessionQuery::default()
    });
    let found = LocalResource::new(move || api::matching::training_search(query.get()));
    let searching = Memo::new(move |_| found.get().is_none());
    let title_id = format!("trainings-{n}-title");
    let focus_title = title_id.clone();
    let labelled_by = title_id.clone();
    request_animation_frame(move || {
        dom::focus(&focus_title);
    });
    let within = if radius_km.is_some() {
        format!(" à moins de {radius} km (ou à distance)")
    } else {
        String::new()
    };
    let heading = match &certification {
        Some(c) => format!(
            "Formations pour {} ou préparant {c}{within}",
            trade_text(&m)
        ),
        None => format!("Formations pour {}{within}", trade_text(&m)),
    };
    let count = move || {
        found.get().map(|r| match r {
            Ok(rows) if rows.len() as u32 >= SESSION_LIMIT => format!(
                "{} (les {SESSION_LIMIT} premières : précisez les filtres).",
                count_with(rows.len() as u64, "session trouvée", "sessions trouvées")
            ),
            Ok(rows) => format!(
                "{}.",
                count_with(rows.len() as u64, "session trouvée", "sessions trouvées")
            ),
            Err(e) => e.user_message(),
        })
    };
    let caption = heading.clone();
    let pick = Callback::new(move |s: SessionRow| on_choose.run((m.clone(), Some(s))));
    view! {
        <section
            class="panel-block trainings-panel"
            id=format!("trainings-{n}")
            aria-labelledby=labelled_by
        >
            <div class="section-head">
                <h3 id=title_id tabindex="-1">
                    {heading}
                </h3>
                <button
                    type="button"
                    class="secondary small"
                    id=format!("trainings-close-{n}")
                    on:click=move |_| on_close.run(())
                >
                    "Fermer les formations"
                </button>
            </div>
            <SessionSearch
                prefix="match-training-"
                filters
                full=false
                limit=SESSION_LIMIT
                pending=searching
                on_search=Callback::new(move |mut q: SessionQuery| {
                    q.near.clone_from(&near);
                    q.radius_km = radius_km;
                    query.set(q);
                })
            />
            <p class="muted" id=format!("trainings-{n}-count") role="status">
                {count}
            </p>
            <Loaded from=found let:rows>
                <SessionTable
                    id="match-sessions"
                    rows
                    caption=caption.clone()
                    on_choose=pick
                    busy
                />
            </Loaded>
        </section>
    }
}
