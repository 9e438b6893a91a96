//! The establishments of the scope, searchable, each a link to its page; and the way to enter
//! one by hand.

use leptos::prelude::*;
use leptos_router::components::A;
use passerelle_domain::dashboard::Scope;
use passerelle_domain::establishment::headcount_label;
use passerelle_domain::i18n::count_noun;
use passerelle_domain::ipc::EstablishmentListArgs;

use super::establishment_href;
use crate::api;
use crate::components::common::Loaded;

const LIMIT: u32 = 100;

#[component]
pub fn EstablishmentSection(scope: Memo<Option<Scope>>) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let page = LocalResource::new(move || {
        let scope = scope.get();
        let query = text.get();
        async move {
            let Some(scope) = scope else {
                return Ok(None);
            };
            api::territory::establishments(EstablishmentListArgs {
                territory: scope.territory,
                epci: scope.epci,
                query,
                limit: LIMIT,
            })
            .await
            .map(Some)
        }
    });
    view! {
        <section aria-labelledby="establishments-heading">
            <div class="section-head">
                <h2 class="section" id="establishments-heading">
                    "Établissements"
                </h2>
                <A
                    href="/territoires/etablissements/nouveau"
                    attr:id="establishment-new"
                    attr:class="button"
                >
                    "Nouvel établissement"
                </A>
            </div>
            <div class="filters" role="search">
                <div class="field search">
                    <label for="establishment-search">"Rechercher un établissement"</label>
                    <input
                        id="establishment-search"
                        type="search"
                        placeholder="Raison sociale, SIRET ou code NAF…"
                        prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev))
                    />
                </div>
            </div>
            <Loaded from=page let:p>
                {p
                    .map(|p| {
                        let shown = p.rows.len() as u64;
                        let count = if shown < p.total {
                            format!(
                                "{shown} premiers sur {}",
                                count_noun(p.total, "établissement"),
                            )
                        } else {
                            count_noun(p.total, "établissement")
                        };
                        view! {
                            <p id="establishment-count" class="muted" aria-live="polite">
                                {count}
                            </p>
                            {(!p.rows.is_empty())
                                .then(|| {
                                    view! {
                                        <table class="cases" id="establishment-list">
                                            <thead>
                                                <tr>
                                                    <th scope="col">"Raison sociale"</th>
                                                    <th scope="col">"SIRET"</th>
                                                    <th scope="col">"NAF"</th>
                                                    <th scope="col">"Commune"</th>
                                                    <th scope="col">"Effectif"</th>
                                                </tr>
                                            </thead>
                                            <tbody>
                                                {p
                                                    .rows
                                                    .into_iter()
                                                    .map(|e| {
                                                        let name = if e.name.is_empty() {
                                                            format!("Établissement {}", e.siret)
                                                        } else {
                                                            e.name.clone()
                                                        };
                                                        view! {
                                                            <tr>
                                                                <td>
                                                                    <A href=establishment_href(&e.siret)>{name}</A>
                                                                </td>
                                                                <td class="mono">{e.siret.clone()}</td>
                                                                <td class="mono">{e.naf}</td>
                                                                <td>{e.commune_name}</td>
                                                                <td>
                                                                    {headcount_label(&e.headcount_band).unwrap_or("—")}
                                                                </td>
                                                            </tr>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </tbody>
                                        </table>
                                    }
                                })}
                        }
                    })}
            </Loaded>
        </section>
    }
}
