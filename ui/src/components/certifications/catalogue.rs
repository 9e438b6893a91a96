//! Certifications › Catalogue: RNCP, RS and CléA fiches, searched as you type.

use leptos::prelude::*;

use crate::api;
use crate::components::common::Loaded;
use crate::components::imports::CatalogueImport;

#[component]
pub fn Catalogue() -> impl IntoView {
    let text = RwSignal::new(String::new());
    let reload = RwSignal::new(0u32);
    let found = LocalResource::new(move || {
        reload.track();
        api::certifications::search(text.get())
    });
    view! {
        <p class="help">
            "Le catalogue se remplit avec l’export de France compétences (ci-dessous, ou « passerelle cert import ») ; CléA et CléA numérique sont intégrés."
        </p>
        <CatalogueImport on_imported=Callback::new(move |()| reload.update(|n| *n += 1)) />
        <div class="field search">
            <label for="cert-search">"Rechercher une certification"</label>
            <input
                id="cert-search"
                type="search"
                placeholder="Code, intitulé, bloc…"
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
            />
        </div>
        <Loaded from=found let:list>
            {if list.is_empty() {
                view! { <p class="empty">"Aucune certification ne correspond."</p> }.into_any()
            } else {
                view! {
                    <table class="cases" id="cert-list">
                        <thead>
                            <tr>
                                <th scope="col">"Code"</th>
                                <th scope="col">"Intitulé"</th>
                                <th scope="col">"Niveau"</th>
                                <th scope="col">"Blocs"</th>
                                <th scope="col">"Certificateur"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {list
                                .into_iter()
                                .map(|c| {
                                    view! {
                                        <tr class:archived=!c.active>
                                            <td class="mono">{c.code}</td>
                                            <td>{c.title}{(!c.active).then_some(" (inactive)")}</td>
                                            <td>
                                                {c
                                                    .level
                                                    .map(|l| l.to_string())
                                                    .unwrap_or_else(|| "—".into())}
                                            </td>
                                            <td>{c.blocs.len()}</td>
                                            <td>{c.certifier}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                }
                    .into_any()
            }}
        </Loaded>
    }
}
