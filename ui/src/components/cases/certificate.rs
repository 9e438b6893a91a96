//! Projet tab › the certificate of an enrolment whose blocs are all acquired.

use leptos::prelude::*;
use passerelle_domain::AppError;
use passerelle_domain::certification::Certificate;
use passerelle_domain::i18n::format_date;
use passerelle_domain::ids::EnrolmentId;
use passerelle_domain::validate::parse_date_fr;

use crate::api;

#[component]
pub fn CertificateForm(
    enrolment_id: EnrolmentId,
    issued: Option<Certificate>,
    reload: RwSignal<u32>,
) -> impl IntoView {
    if let Some(c) = issued {
        return view! {
            <p class="notice-ok" id=format!("certificate-{enrolment_id}")>
                {format!("Certificat n° {} délivré le {}.", c.number, format_date(c.issued_on))}
            </p>
        }
        .into_any();
    }
    let number = RwSignal::new(String::new());
    let on = RwSignal::new(crate::today().format("%d/%m/%Y").to_string());
    let error = RwSignal::new(None::<String>);
    let issue = Action::new_local(move |c: &Certificate| {
        api::certifications::issue_certificate(enrolment_id, c.clone())
    });
    Effect::new(move || match issue.value().get() {
        Some(Ok(_)) => reload.update(|n| *n += 1),
        Some(Err(AppError::Validation { errors })) => {
            error.set(Some(
                errors
                    .iter()
                    .map(|e| e.message.clone())
                    .collect::<Vec<_>>()
                    .join(" "),
            ));
        }
        Some(Err(e)) => error.set(Some(e.user_message())),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match parse_date_fr(&on.get_untracked()) {
            Ok(issued_on) => {
                issue.dispatch(Certificate {
                    number: number.get_untracked(),
                    issued_on,
                });
            }
            Err(e) => error.set(Some(format!("Date de délivrance : {e}"))),
        }
    };
    let id = |n: &str| format!("certificate-{enrolment_id}-{n}");
    view! {
        <form class="record-form" id=id("form") on:submit=on_submit novalidate=true>
            <div class="field">
                <label for=id("number")>"N° du certificat"</label>
                <input
                    id=id("number")
                    type="text"
                    prop:value=move || number.get()
                    on:input=move |ev| number.set(event_target_value(&ev))
                />
            </div>
            <div class="field">
                <label for=id("on")>"Délivré le"</label>
                <input
                    id=id("on")
                    type="text"
                    placeholder="jj/mm/aaaa"
                    prop:value=move || on.get()
                    on:input=move |ev| on.set(event_target_value(&ev))
                />
            </div>
            <div class="actions">
                <button type="submit" class="secondary" id=id("save")>
                    "Enregistrer le certificat"
                </button>
                <span class="notice-error" role="alert">
                    {move || error.get()}
                </span>
            </div>
        </form>
    }
    .into_any()
}
