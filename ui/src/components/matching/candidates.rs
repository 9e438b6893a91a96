//! The people in reconversion who fit a hiring need, pseudonymised: a name is given only with
//! the person's consent, on request, and the shell journals it.

use std::collections::HashMap;

use leptos::prelude::*;
use passerelle_domain::case::CaseId;
use passerelle_domain::i18n::count_with;
use passerelle_domain::matching::{Candidate, NeedCandidates};

use super::score::{Missing, PartsLegend, PartsList, ScoreBar, distance_text, versions_text};
use crate::components::common::{Loaded, first_message};
use crate::{api, dom};

/// The panel of one need (`title` names it before it has loaded); `on_close` hides it.
#[component]
pub fn NeedCandidatesPanel(need_id: i64, title: String, on_close: Callback<()>) -> impl IntoView {
    let found = LocalResource::new(move || api::matching::need_candidates(need_id));
    // Names given during this visit (the list itself says those given before).
    let disclosed = RwSignal::new(HashMap::<CaseId, String>::new());
    let notice = RwSignal::new(None::<(String, bool)>);
    let disclose = Action::new_local(move |(case, pseudonym): &(CaseId, String)| {
        let (case, pseudonym) = (*case, pseudonym.clone());
        async move {
            api::matching::disclose(need_id, case)
                .await
                .map(|name| (case, pseudonym.clone(), name))
                .map_err(|e| (pseudonym, e))
        }
    });
    Effect::new(move || match disclose.value().get() {
        Some(Ok((case, pseudonym, name))) => {
            notice.set(Some((
                format!("Nom de {pseudonym} communiqué : {name} (communication journalisée)."),
                false,
            )));
            disclosed.update(|d| {
                d.insert(case, name);
            });
            // The button is gone: the focus goes to the name that replaced it.
            request_animation_frame(move || {
                dom::refocus(&format!("need-candidate-{case}-name"));
            });
        }
        Some(Err((pseudonym, e))) => notice.set(Some((
            format!(
                "Nom de {pseudonym} non communiqué : {}",
                first_message(&e).unwrap_or_default()
            ),
            true,
        ))),
        None => {}
    });
    request_animation_frame(|| {
        dom::focus("need-candidates-title");
    });
    let count = move || {
        found.get().map(|r| match r {
            Ok(nc) => format!(
                "{} ; {}.",
                count_with(
                    nc.candidates.len() as u64,
                    "personne correspond",
                    "personnes correspondent"
                ),
                count_with(nc.excluded.len() as u64, "exclue", "exclues")
            ),
            Err(_) => String::new(),
        })
    };
    view! {
        <section
            class="panel-block candidates-panel"
            id="need-candidates-panel"
            aria-labelledby="need-candidates-title"
        >
            <div class="section-head">
                <h3 id="need-candidates-title" tabindex="-1">
                    {title}
                </h3>
                <button
                    type="button"
                    class="secondary small"
                    id="need-candidates-close"
                    on:click=move |_| on_close.run(())
                >
                    "Fermer"
                </button>
            </div>
            <p class="help">
                "Personnes en reconversion dont le métier mène à celui-ci, dans leur rayon de mobilité, désignées par un pseudonyme. Le nom ne se communique qu’avec l’accord de la personne (« Présentation du profil aux employeurs qui recrutent »), et chaque communication est journalisée."
            </p>
            <p id="need-candidates-count" role="status">
                {count}
            </p>
            <p
                id="need-candidates-notice"
                role="status"
                class=move || {
                    if matches!(notice.get(), Some((_, true))) {
                        "notice-error"
                    } else {
                        "notice-ok"
                    }
                }
            >
                {move || notice.get().map(|(m, _)| m)}
            </p>
            <Loaded from=found let:nc>
                {candidates_view(nc, disclosed, disclose)}
            </Loaded>
        </section>
    }
}

type DiscloseAction = Action<
    (CaseId, String),
    Result<(CaseId, String, String), (String, passerelle_domain::AppError)>,
>;

fn candidates_view(
    nc: NeedCandidates,
    disclosed: RwSignal<HashMap<CaseId, String>>,
    disclose: DiscloseAction,
) -> impl IntoView {
    let establishment = nc.need.establishment.clone();
    let table = if nc.candidates.is_empty() {
        view! {
            <p class="empty" id="need-candidates-table">
                "Personne ne correspond : aucun dossier actif dont le métier mène à celui-ci dans son rayon de mobilité."
            </p>
        }
        .into_any()
    } else {
        view! {
            <PartsLegend id="need-candidates-legend" />
            <div
                class="table-scroll"
                tabindex="0"
                role="region"
                aria-label="Personnes qui correspondent au besoin"
            >
                <table class="cases compact candidates-table" id="need-candidates-table">
                    <caption class="sr-only">"Personnes qui correspondent au besoin"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Personne"</th>
                            <th scope="col">"Âge"</th>
                            <th scope="col">"Métier actuel"</th>
                            <th scope="col" class="num">
                                "Distance"
                            </th>
                            <th scope="col">"Score"</th>
                            <th scope="col">"Compétences manquantes"</th>
                            <th scope="col">"Nom"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {nc
                            .candidates
                            .into_iter()
                            .map(|c| candidate_row(c, establishment.clone(), disclosed, disclose))
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    };
    let excluded = nc.excluded;
    let count = excluded.len();
    view! {
        {table}
        <details class="excluded" id="need-candidates-excluded">
            <summary>{format!("Exclus parce que… ({count})")}</summary>
            {if excluded.is_empty() {
                view! { <p class="muted small">"Personne n’est exclu."</p> }.into_any()
            } else {
                view! {
                    <ul class="excluded-list">
                        {excluded
                            .into_iter()
                            .map(|(who, reasons)| {
                                view! {
                                    <li class="excluded-row">
                                        <strong class="mono">{who}</strong>
                                        " : "
                                        {reasons.join(" ; ")}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </details>
        <p class="muted small" id="need-candidates-versions">
            {versions_text(&nc.versions)}
        </p>
    }
}

fn candidate_row(
    c: Candidate,
    establishment: String,
    disclosed: RwSignal<HashMap<CaseId, String>>,
    disclose: DiscloseAction,
) -> impl IntoView {
    let case = c.case_id;
    let pseudonym = c.pseudonym.clone();
    let known = c.name.clone();
    let consented = c.consented;
    let pending = disclose.pending();
    let name_cell = move || {
        let name = disclosed
            .with(|d| d.get(&case).cloned())
            .or_else(|| known.clone());
        match name {
            Some(name) => view! {
                <span id=format!("need-candidate-{case}-name") tabindex="-1">
                    <strong>{name}</strong>
                    <br />
                    <span class="muted small">"communication journalisée"</span>
                </span>
            }
            .into_any(),
            None if consented => {
                let (who, whom) = (pseudonym.clone(), establishment.clone());
                view! {
                    <button
                        type="button"
                        class="secondary small"
                        id=format!("disclose-{case}")
                        aria-label=format!("Communiquer le nom de {who}")
                        disabled=move || pending.get()
                        on:click=move |_| {
                            let question = format!(
                                "Communiquer le nom de {who} à {whom} ? La communication est journalisée.",
                            );
                            if window().confirm_with_message(&question).unwrap_or(false) {
                                disclose.dispatch((case, who.clone()));
                            }
                        }
                    >
                        "Communiquer le nom"
                    </button>
                }
                .into_any()
            }
            None => view! {
                <span class="muted" id=format!("need-candidate-{case}-name")>
                    "Pas d’accord de la personne"
                </span>
            }
            .into_any(),
        }
    };
    let fit = c.fit;
    view! {
        <tr class="candidate-row" id=format!("need-candidate-{case}")>
            <th scope="row" class="mono">
                {c.pseudonym}
            </th>
            <td class="nowrap">{c.age_band}</td>
            <td>
                {if c.current_rome.is_empty() {
                    "non renseigné".to_owned()
                } else {
                    format!("{} {}", c.current_rome, c.current_label)
                }}
            </td>
            <td class="num nowrap">{distance_text(fit.distance_km)}</td>
            <td>
                <ScoreBar score=fit.score parts=fit.parts.clone() />
                <details class="match-detail" id=format!("need-candidate-{case}-detail")>
                    <summary>"Détail du score"</summary>
                    <PartsList parts=fit.parts />
                </details>
            </td>
            <td>
                <Missing missing=fit.missing />
            </td>
            <td>{name_cell}</td>
        </tr>
    }
}
