//! Dossiers: the searchable, filterable list of case files.

use leptos::prelude::*;
use leptos_router::components::A;
use passerelle_domain::case::CaseQuery;
use passerelle_domain::i18n::{Msg, count_noun, t};

use crate::components::common::Loaded;
use crate::components::filters::{CounsellorFilter, TerritoryFilter};
use crate::{api, dom};

const PAGE: u32 = 50;

/// Whether cases remain after the page starting at `offset` (a function: a `>=` written inside
/// a `view!` attribute is misread as the end of the tag).
fn has_next(offset: u32, total: u64) -> bool {
    u64::from(offset + PAGE) < total
}

/// A filter or sort order by its stored code (`metier_fragilise`, `recently_updated`; `""`: none).
/// These two enumerations have no French label in the domain (the options below carry theirs),
/// so they are not `Coded`.
fn stored_code<T: serde::de::DeserializeOwned>(code: String) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(code)).ok()
}

#[component]
pub fn CaseList() -> impl IntoView {
    dom::set_title(Msg::CasesTitle);
    let text = RwSignal::new(String::new());
    let territory = RwSignal::new(String::new());
    let flag = RwSignal::new(String::new());
    let counsellor = RwSignal::new(String::new());
    let archived = RwSignal::new(false);
    let sort = RwSignal::new(String::from("name"));
    let offset = RwSignal::new(0u32);
    // Any change of criteria goes back to the first page.
    Effect::new(move || {
        text.track();
        territory.track();
        flag.track();
        counsellor.track();
        archived.track();
        sort.track();
        offset.set(0);
    });
    let query = Memo::new(move |_| CaseQuery {
        text: text.get(),
        territory: Some(territory.get()).filter(|t| !t.is_empty()),
        flag: stored_code(flag.get()),
        counsellor: Some(counsellor.get()).filter(|c| !c.is_empty()),
        include_archived: archived.get(),
        sort: stored_code(sort.get()).unwrap_or_default(),
        offset: offset.get(),
        limit: PAGE,
        ..CaseQuery::default()
    });
    let page = LocalResource::new(move || api::cases::list(query.get()));
    let territories = LocalResource::new(api::cases::territories);
    let territory_label = super::territory_labeller(territories);

    view! {
        <section id="screen-cases" aria-labelledby="screen-cases-title">
            <div class="screen-head">
                <h1 id="screen-cases-title">{t(Msg::CasesTitle)}</h1>
                <div class="head-actions">
                    <A
                        href="/dossiers/importer"
                        attr:id="case-import"
                        attr:class="button secondary-link"
                    >
                        "Importer"
                    </A>
                    <A
                        href="/dossiers/nouveau"
                        attr:id="case-new"
                        attr:class="button"
                        attr:title="Ctrl+N"
                    >
                        "Nouveau dossier"
                    </A>
                </div>
            </div>
            <div class="filters" role="search">
                <div class="field search">
                    <label for="case-search">"Rechercher"</label>
                    <input
                        id="case-search"
                        type="search"
                        title="Ctrl+F"
                        placeholder="Nom, employeur, métier, notes…"
                        prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev))
                    />
                </div>
                <TerritoryFilter id="case-territory" value=territory territories />
                <div class="field">
                    <label for="case-flag">"Situation"</label>
                    <select id="case-flag" on:change=move |ev| flag.set(event_target_value(&ev))>
                        <option value="">"Toutes"</option>
                        <option value="metier_fragilise">"Métier fragilisé"</option>
                        <option value="oeth">"OETH / RQTH"</option>
                        <option value="inaptitude">"Inaptitude"</option>
                        <option value="long_absence">"Absence de 6 mois ou plus"</option>
                    </select>
                </div>
                <CounsellorFilter id="case-counsellor" value=counsellor />
                <div class="field">
                    <label for="case-sort">"Trier par"</label>
                    <select id="case-sort" on:change=move |ev| sort.set(event_target_value(&ev))>
                        <option value="name">"Nom / pertinence"</option>
                        <option value="recently_updated">"Modification la plus récente"</option>
                        <option value="reference">"Référence"</option>
                    </select>
                </div>
                <div class="field check">
                    <input
                        id="case-archived"
                        type="checkbox"
                        on:change=move |ev| archived.set(event_target_checked(&ev))
                    />
                    <label for="case-archived">"Inclure les archivés"</label>
                </div>
            </div>
            <Loaded from=page let:p>
                {if p.items.is_empty() {
                    view! {
                        <p class="empty" id="case-count">
                            {if query
                                .with(|q| {
                                    q.text.trim().is_empty() && q.territory.is_none()
                                        && q.flag.is_none() && q.counsellor.is_none()
                                })
                            {
                                t(Msg::CasesEmpty)
                            } else {
                                "Aucun dossier ne correspond."
                            }}
                        </p>
                    }
                        .into_any()
                } else {
                    let first = offset.get_untracked() + 1;
                    let last = offset.get_untracked() + p.items.len() as u32;
                    let total = p.total;
                    view! {
                        <p id="case-count" class="muted" aria-live="polite">
                            {format!("{first}–{last} sur {}", count_noun(total, "dossier"))}
                        </p>
                        <table class="cases">
                            <thead>
                                <tr>
                                    <th scope="col">"Nom"</th>
                                    <th scope="col">"Référence"</th>
                                    <th scope="col">"Territoire"</th>
                                    <th scope="col">"Employeur"</th>
                                    <th scope="col">"Métier actuel"</th>
                                    <th scope="col">"Métier visé"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {p
                                    .items
                                    .into_iter()
                                    .map(|s| {
                                        view! {
                                            <tr class:archived=s.archived>
                                                <td>
                                                    <A href=format!("/dossiers/{}", s.id)>{s.display_name}</A>
                                                    {s.archived.then_some(" (archivé)")}
                                                </td>
                                                <td class="mono">{s.reference}</td>
                                                <td>{territory_label(&s.territory)}</td>
                                                <td>{s.employer}</td>
                                                <td>{s.job}</td>
                                                <td>{s.target}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                        <div class="pager">
                            <button
                                type="button"
                                id="case-prev"
                                disabled=move || offset.get() == 0
                                on:click=move |_| offset.update(|o| *o = o.saturating_sub(PAGE))
                            >
                                "← Précédents"
                            </button>
                            <button
                                type="button"
                                id="case-next"
                                disabled=move || !has_next(offset.get(), total)
                                on:click=move |_| offset.update(|o| *o += PAGE)
                            >
                                "Suivants →"
                            </button>
                        </div>
                    }
                        .into_any()
                }}
            </Loaded>
        </section>
    }
}
