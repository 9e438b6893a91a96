//! RGPD consents of the beneficiary: recorded, and withdrawn, one journaled update at a time.

use leptos::prelude::*;
use passerelle_domain::case::{CONSENT_PURPOSES, CaseData, CaseId, Consent};
use passerelle_domain::i18n::format_date;
use passerelle_domain::validate::parse_date_fr;

use crate::api;

#[component]
pub fn Consents(case_id: CaseId, data: CaseData, reload: RwSignal<u32>) -> impl IntoView {
    let purpose = RwSignal::new(CONSENT_PURPOSES[0].to_owned());
    let given = RwSignal::new(crate::today().format("%d/%m/%Y").to_string());
    let error = RwSignal::new(None::<String>);
    let save = Action::new_local(move |data: &CaseData| api::cases::update(case_id, data.clone()));
    Effect::new(move || match save.value().get() {
        Some(Ok(_)) => {
            error.set(None);
            reload.update(|n| *n += 1);
        }
        Some(Err(e)) => error.set(Some(e.user_message())),
        None => {}
    });
    let consents = data.beneficiary.consents.clone();
    let base = StoredValue::new(data);
    let on_add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = purpose.get_untracked().trim().to_owned();
        if text.is_empty() {
            error.set(Some(
                "Finalité : précisez à quoi la personne consent.".into(),
            ));
            return;
        }
        match parse_date_fr(&given.get_untracked()) {
            Ok(date) => {
                let mut d = base.get_value();
                d.beneficiary.consents.push(Consent {
                    purpose: text,
                    given_on: Some(date),
                    withdrawn_on: None,
                });
                save.dispatch(d);
            }
            Err(e) => error.set(Some(format!("Date du consentement : {e}"))),
        }
    };
    let withdraw = move |index: usize| {
        if !window()
            .confirm_with_message("Enregistrer le retrait de ce consentement à la date du jour ?")
            .unwrap_or(false)
        {
            return;
        }
        let mut d = base.get_value();
        if let Some(c) = d.beneficiary.consents.get_mut(index) {
            c.withdrawn_on = Some(crate::today());
        }
        save.dispatch(d);
    };
    view! {
        <h2 class="section">"Consentements RGPD"</h2>
        {if consents.is_empty() {
            view! { <p class="empty">"Aucun consentement enregistré."</p> }.into_any()
        } else {
            view! {
                <table class="cases" id="consent-list">
                    <thead>
                        <tr>
                            <th scope="col">"Finalité"</th>
                            <th scope="col">"Recueilli le"</th>
                            <th scope="col">"Retiré le"</th>
                            <th scope="col">
                                <span class="sr-only">"Action"</span>
                            </th>
                        </tr>
                    </thead>
                    <tbody>
                        {consents
                            .into_iter()
                            .enumerate()
                            .map(|(i, c)| {
                                let withdrawn = c.withdrawn_on.is_some();
                                view! {
                                    <tr class:archived=withdrawn>
                                        <td>{c.purpose}</td>
                                        <td>{c.given_on.map(format_date).unwrap_or_default()}</td>
                                        <td>
                                            {c
                                                .withdrawn_on
                                                .map(format_date)
                                                .unwrap_or_else(|| "—".into())}
                                        </td>
                                        <td>
                                            {(!withdrawn)
                                                .then(|| {
                                                    view! {
                                                        <button
                                                            type="button"
                                                            class="link"
                                                            on:click=move |_| withdraw(i)
                                                        >
                                                            "Enregistrer le retrait"
                                                        </button>
                                                    }
                                                })}
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            }
                .into_any()
        }}
        <form id="consent-form" class="record-form" on:submit=on_add novalidate=true>
            <div class="field wide">
                <label for="consent-purpose">"Finalité"</label>
                <input
                    id="consent-purpose"
                    type="text"
                    list="consent-purposes"
                    prop:value=move || purpose.get()
                    on:input=move |ev| purpose.set(event_target_value(&ev))
                />
                <datalist id="consent-purposes">
                    {CONSENT_PURPOSES
                        .into_iter()
                        .map(|p| view! { <option value=p></option> })
                        .collect_view()}
                </datalist>
            </div>
            <div class="field">
                <label for="consent-date">"Recueilli le"</label>
                <input
                    id="consent-date"
                    type="text"
                    placeholder="jj/mm/aaaa"
                    prop:value=move || given.get()
                    on:input=move |ev| given.set(event_target_value(&ev))
                />
            </div>
            <div class="actions">
                <button type="submit" id="consent-add" disabled=move || save.pending().get()>
                    "Enregistrer le consentement"
                </button>
                <span class="notice-error" role="alert">
                    {move || error.get()}
                </span>
            </div>
        </form>
    }
}
