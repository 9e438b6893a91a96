//! `/formations`: the training offer imported (LHEO feeds, Mon Compte Formation), searched by
//! words, trade, certification, modality, place, dates and hours; the sessions found on the map
//! of the EPCIs, with its table twin, and in a table.

use std::collections::BTreeMap;

use leptos::prelude::*;
use passerelle_domain::AppError;
use passerelle_domain::i18n::{count_noun, count_with, format_count, format_stamp_date};
use passerelle_domain::map::RegionMap;
use passerelle_domain::rome::ReferenceInUse;
use passerelle_domain::training::{SessionQuery, SessionRow};

use super::sessions::{SessionFilters, SessionSearch, SessionTable};
use crate::components::common::Loaded;
use crate::components::territory::EpciCountMap;
use crate::{api, dom};

/// Sessions one search lists at most.
const LIMIT: u32 = 200;

/// The EPCI (SIREN) a session takes place in, when its commune is a Grand Est one.
fn epci_of(s: &SessionRow) -> Option<&str> {
    Some(s.epci.as_str()).filter(|e| !e.is_empty())
}

/// One EPCI's sessions: (SIREN, name, count), by name.
fn by_epci(rows: &[SessionRow]) -> Vec<(String, String, u64)> {
    let mut counts: BTreeMap<&str, (&str, u64)> = BTreeMap::new();
    for s in rows {
        if let Some(e) = epci_of(s) {
            counts.entry(e).or_insert((&s.epci_name, 0)).1 += 1;
        }
    }
    let mut list: Vec<(String, String, u64)> = counts
        .into_iter()
        .map(|(siren, (name, n))| (siren.to_owned(), name.to_owned(), n))
        .collect();
    list.sort_by(|a, b| a.1.cmp(&b.1));
    list
}

/// « Référentiel ROME 4.60 (livré avec l’application) : 1 584 fiches, 14 000 compétences. »
fn reference_text(r: &ReferenceInUse) -> String {
    let origin = if r.imported_at.trim().is_empty() {
        "livré avec l’application".to_owned()
    } else {
        format!(
            "importé le {} par {}",
            format_stamp_date(&r.imported_at),
            r.imported_by
        )
    };
    format!(
        "Référentiel ROME {} ({origin}) : {}, {}.",
        r.version,
        count_noun(r.fiches as u64, "fiche"),
        count_noun(r.competences as u64, "compétence")
    )
}

#[component]
pub fn Trainings() -> impl IntoView {
    dom::set_title_text("Formations");
    let filters = SessionFilters::new(String::new(), String::new());
    // The offer as it stands (open recruitment) until the first search.
    let query = RwSignal::new(SessionQuery {
        limit: LIMIT,
        ..SessionQuery::default()
    });
    let found = LocalResource::new(move || api::matching::training_search(query.get()));
    let searching = Memo::new(move |_| found.get().is_none());
    let region_map = LocalResource::new(api::territory::region_map);
    let reference = LocalResource::new(api::matching::rome_in_use);
    let epci = RwSignal::new(None::<String>);
    let on_search = Callback::new(move |q: SessionQuery| {
        epci.set(None);
        query.set(q);
    });
    let count = move || {
        found.get().map(|r| match r {
            Ok(rows) => {
                let n = rows.len() as u64;
                let mut text = count_with(n, "session trouvée", "sessions trouvées");
                if n >= u64::from(LIMIT) {
                    text.push_str(&format!(
                        " (les {} premières : précisez la recherche)",
                        format_count(n)
                    ));
                }
                let elsewhere = rows.iter().filter(|s| epci_of(s).is_none()).count() as u64;
                if elsewhere > 0 {
                    text.push_str(&format!(
                        ", dont {} à distance, sans lieu ou hors Grand Est",
                        format_count(elsewhere)
                    ));
                }
                text.push('.');
                text
            }
            Err(e) => e.user_message(),
        })
    };
    view! {
        <section id="screen-trainings" aria-labelledby="screen-trainings-title">
            <h1 id="screen-trainings-title">"Formations"</h1>
            <p class="help">
                "L’offre de formation importée (flux LHEO du Carif-Oref, catalogue Mon Compte Formation), session par session ; par défaut, les sessions dont le recrutement est ouvert. Pour retenir une session dans un projet, passez par l’onglet « Rapprochements » du dossier."
            </p>
            <SessionSearch
                prefix="training-"
                filters
                full=true
                limit=LIMIT
                pending=searching
                on_search
            />
            <p id="training-count" role="status">
                {count}
            </p>
            <Loaded from=found let:rows>
                {results(rows, region_map, epci)}
            </Loaded>
            <p class="muted small" id="training-reference">
                {move || reference.get().and_then(Result::ok).map(|r| reference_text(&r))}
            </p>
        </section>
    }
}

fn results(
    rows: Vec<SessionRow>,
    region_map: LocalResource<Result<RegionMap, AppError>>,
    epci: RwSignal<Option<String>>,
) -> impl IntoView {
    let epcis = by_epci(&rows);
    let counts: Vec<(String, u64)> = epcis.iter().map(|(s, _, n)| (s.clone(), *n)).collect();
    let names: Vec<(String, String)> = epcis
        .iter()
        .map(|(s, name, _)| (s.clone(), name.clone()))
        .collect();
    let name_of = move |siren: &str| {
        names
            .iter()
            .find(|(s, _)| s == siren)
            .map(|(_, n)| n.clone())
            .unwrap_or_else(|| siren.to_owned())
    };
    let rows = StoredValue::new(rows);
    let shown = move || {
        let chosen = epci.get();
        rows.with_value(|rows| {
            rows.iter()
                .filter(|s| chosen.is_none() || epci_of(s) == chosen.as_deref())
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let heading = {
        let name_of = name_of.clone();
        move || match epci.get() {
            Some(siren) => format!("Sessions de {}", name_of(&siren)),
            None => "Toutes les sessions trouvées".to_owned(),
        }
    };
    let caption = Signal::derive(heading.clone());
    view! {
        <div class="territory-grid">
            <Loaded from=region_map let:map>
                <EpciCountMap
                    id="training-map"
                    map
                    counts=counts.clone()
                    caption="Sessions trouvées par EPCI du Grand Est".to_owned()
                    noun=("session", "sessions")
                    selected=epci
                    table_id="training-epci-table"
                />
            </Loaded>
            {epci_table(epcis, epci)}
        </div>
        <div class="section-head">
            <h2 class="section" id="training-sessions-heading" aria-live="polite">
                {heading}
            </h2>
            {move || {
                epci.get()
                    .is_some()
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="secondary small"
                                id="training-epci-all"
                                on:click=move |_| {
                                    epci.set(None);
                                    dom::focus("training-sessions-heading");
                                }
                            >
                                "Toutes les sessions"
                            </button>
                        }
                    })
            }}
        </div>
        {move || view! { <SessionTable id="training-sessions" rows=shown() caption /> }}
    }
}

/// The map's twin: the sessions by EPCI, each EPCI a button narrowing the table to it.
fn epci_table(epcis: Vec<(String, String, u64)>, epci: RwSignal<Option<String>>) -> impl IntoView {
    if epcis.is_empty() {
        return view! {
            <p class="empty" id="training-epci-table" tabindex="-1">
                "Aucune session dans une commune du Grand Est."
            </p>
        }
        .into_any();
    }
    view! {
        <table class="cases compact epci-table" id="training-epci-table" tabindex="-1">
            <caption>"Sessions par EPCI"</caption>
            <thead>
                <tr>
                    <th scope="col">"EPCI"</th>
                    <th scope="col" class="num">
                        "Sessions"
                    </th>
                </tr>
            </thead>
            <tbody>
                {epcis
                    .into_iter()
                    .map(|(siren, name, n)| {
                        let (mine, pressed, choose) = (siren.clone(), siren.clone(), siren.clone());
                        let button_id = format!("training-epci-{siren}");
                        let is_chosen = move || {
                            epci.with(|e| e.as_deref() == Some(mine.as_str()))
                        };
                        view! {
                            <tr class:selected=is_chosen>
                                <th scope="row">
                                    <button
                                        type="button"
                                        class="link"
                                        id=button_id
                                        aria-pressed=move || {
                                            if epci.with(|e| e.as_deref() == Some(pressed.as_str())) {
                                                "true"
                                            } else {
                                                "false"
                                            }
                                        }
                                        on:click=move |_| {
                                            if epci.get_untracked().as_deref() == Some(choose.as_str())
                                            {
                                                epci.set(None);
                                            } else {
                                                epci.set(Some(choose.clone()));
                                            }
                                        }
                                    >
                                        {name}
                                    </button>
                                    " "
                                    <span class="muted mono">{siren}</span>
                                </th>
                                <td class="num">{format_count(n)}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
