//! The filter selects several screens share (the case list, À faire): « Territoire » and
//! « Suivi par », each with « Tous » first.

use leptos::prelude::*;
use passerelle_domain::AppError;
use passerelle_domain::ipc::Territory;

use crate::api;

/// « Territoire »: the territories by label, their code as the value.
#[component]
pub fn TerritoryFilter(
    id: &'static str,
    value: RwSignal<String>,
    /// Loaded by the screen (it also labels its rows with them).
    territories: LocalResource<Result<Vec<Territory>, AppError>>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>"Territoire"</label>
            <select id=id on:change=move |ev| value.set(event_target_value(&ev))>
                <option value="">"Tous"</option>
                <TerritoryOptions territories=territories selected=value />
            </select>
        </div>
    }
}

/// The territories as the options of a select: their label shown, their code as the value, the
/// one whose code is `selected` selected.
#[component]
pub fn TerritoryOptions(
    territories: LocalResource<Result<Vec<Territory>, AppError>>,
    #[prop(into)] selected: Signal<String>,
) -> impl IntoView {
    move || {
        territories
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .map(|t| {
                let code = t.code.clone();
                view! {
                    <option value=t.code selected=move || selected.with(|s| *s == code)>
                        {t.label}
                    </option>
                }
            })
            .collect_view()
    }
}

/// « Suivi par »: the counsellors following active cases.
#[component]
pub fn CounsellorFilter(id: &'static str, value: RwSignal<String>) -> impl IntoView {
    let counsellors = LocalResource::new(api::cases::counsellors);
    view! {
        <div class="field">
            <label for=id>"Suivi par"</label>
            <select id=id on:change=move |ev| value.set(event_target_value(&ev))>
                <option value="">"Tous"</option>
                {move || {
                    counsellors
                        .get()
                        .and_then(Result::ok)
                        .unwrap_or_default()
                        .into_iter()
                        .map(|c| {
                            let label = c.clone();
                            view! { <option value=c>{label}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}
