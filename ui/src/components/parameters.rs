use leptos::prelude::*;
use passerelle_domain::i18n::format_date;
use passerelle_domain::params::ParamValue;
use passerelle_domain::validate::parse_date_fr;

use crate::api;
use crate::components::common::first_message;

/// Paramètres › Valeurs réglementaires: what the rules read today, and a dated new value.
#[component]
pub fn Parameters() -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let list = LocalResource::new(move || {
        reload.track();
        api::parcours::parameters()
    });
    let key = RwSignal::new(String::new());
    let value = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let message = RwSignal::new(None::<(String, bool)>);
    let save = Action::new_local(|v: &ParamValue| api::parcours::set_parameter(v.clone()));
    Effect::new(move || match save.value().get() {
        Some(Ok(())) => {
            message.set(Some((
                "Valeur enregistrée ; les échéances des dossiers sont recalculées.".into(),
                false,
            )));
            value.set(String::new());
            reload.update(|n| *n += 1);
        }
        Some(Err(e)) => message.set(first_message(&e).map(|m| (m, true))),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let number = value
            .get_untracked()
            .trim()
            .replace(',', ".")
            .replace(['\u{202F}', ' '], "");
        let Ok(number) = number.parse::<f64>() else {
            message.set(Some(("Valeur : un nombre, ex. 1 823,03.".into(), true)));
            return;
        };
        let valid_from = match parse_date_fr(&from.get_untracked()) {
            Ok(d) => d,
            Err(e) => {
                message.set(Some((format!("En vigueur à partir du : {e}"), true)));
                return;
            }
        };
        if key.get_untracked().is_empty() {
            message.set(Some((
                "Paramètre : choisissez-le dans la liste.".into(),
                true,
            )));
            return;
        }
        save.dispatch(ParamValue {
            key: key.get_untracked(),
            valid_from,
            value: number,
            note: note.get_untracked(),
        });
    };
    view! {
        <section class="form wide-form" aria-labelledby="parameters-title">
            <h2 id="parameters-title">"Valeurs réglementaires"</h2>
            <p class="help">
                "Les règles lisent la valeur en vigueur à la date qui les concerne. Une nouvelle valeur s’applique à partir de sa date."
            </p>
            <table class="cases" id="parameter-list">
                <thead>
                    <tr>
                        <th scope="col">"Paramètre"</th>
                        <th scope="col">"Valeur"</th>
                        <th scope="col">"Depuis le"</th>
                        <th scope="col">"Source"</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        list.get()
                            .and_then(Result::ok)
                            .unwrap_or_default()
                            .into_iter()
                            .map(|p| {
                                view! {
                                    <tr>
                                        <td class="mono">{p.key}</td>
                                        <td class="num">{p.value.to_string().replace('.', ",")}</td>
                                        <td class="nowrap">{format_date(p.valid_from)}</td>
                                        <td>
                                            {if p.default {
                                                format!("Par défaut — {}", p.note)
                                            } else {
                                                format!("Saisie — {}", p.note)
                                            }}
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
            <form id="parameter-form" class="record-form" on:submit=on_submit novalidate=true>
                <div class="field">
                    <label for="parameter-key">"Paramètre"</label>
                    <select id="parameter-key" on:change=move |ev| key.set(event_target_value(&ev))>
                        <option value="">"—"</option>
                        {passerelle_domain::params::key::ALL
                            .iter()
                            .map(|k| view! { <option value=*k>{*k}</option> })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="parameter-value">"Valeur"</label>
                    <input
                        id="parameter-value"
                        type="text"
                        inputmode="decimal"
                        prop:value=move || value.get()
                        on:input=move |ev| value.set(event_target_value(&ev))
                    />
                </div>
                <div class="field">
                    <label for="parameter-from">"En vigueur à partir du"</label>
                    <input
                        id="parameter-from"
                        type="text"
                        placeholder="jj/mm/aaaa"
                        prop:value=move || from.get()
                        on:input=move |ev| from.set(event_target_value(&ev))
                    />
                </div>
                <div class="field wide">
                    <label for="parameter-note">"Source (texte, arrêté, délibération)"</label>
                    <input
                        id="parameter-note"
                        type="text"
                        prop:value=move || note.get()
                        on:input=move |ev| note.set(event_target_value(&ev))
                    />
                </div>
                <div class="actions">
                    <button type="submit" id="parameter-save" disabled=move || save.pending().get()>
                        "Enregistrer la valeur"
                    </button>
                    <span
                        id="parameter-message"
                        role="status"
                        class=move || {
                            if matches!(message.get(), Some((_, true))) {
                                "notice-error"
                            } else {
                                "notice-ok"
                            }
                        }
                    >
                        {move || message.get().map(|(m, _)| m)}
                    </span>
                </div>
            </form>
        </section>
    }
}
