//! Projet tab › an enrolment on the VAE route: recevabilité (submitted, decided, deadline),
//! support hours, dossier de validation; the jury is the session it is registered at.

use leptos::prelude::*;
use passerelle_domain::FieldError;
use passerelle_domain::certification::{Recevabilite, VaeFollowUp, VaeView};
use passerelle_domain::code::Coded;
use passerelle_domain::i18n::{Label, format_date};
use passerelle_domain::ids::EnrolmentId;
use passerelle_domain::validate::parse_date_fr;

use crate::api;
use crate::components::common::{field_errors, message_for, option_tags};

fn date_text(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_default()
}

#[component]
pub fn VaeForm(enrolment_id: EnrolmentId, view: VaeView, reload: RwSignal<u32>) -> impl IntoView {
    let f = view.follow_up.clone();
    let submitted = RwSignal::new(date_text(f.recevabilite_submitted_on));
    let decided = RwSignal::new(date_text(f.recevabilite_decided_on));
    let decision = RwSignal::new(f.recevabilite.map(Coded::code).unwrap_or_default());
    let hours = RwSignal::new(
        f.support_hours
            .map(|h| h.to_string().replace('.', ","))
            .unwrap_or_default(),
    );
    let dossier = RwSignal::new(date_text(f.dossier_submitted_on));
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let saved = RwSignal::new(false);
    let save = Action::new_local(move |f: &VaeFollowUp| {
        api::certifications::save_vae(enrolment_id, f.clone())
    });
    Effect::new(move || match save.value().get() {
        Some(Ok(())) => {
            errors.set(Vec::new());
            saved.set(true);
            reload.update(|n| *n += 1);
        }
        Some(Err(e)) => errors.set(field_errors(&e)),
        None => {}
    });
    let error_for = move |field: &'static str| message_for(errors, field);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let mut bad = Vec::new();
        let mut date = |field: &str, label: &str, text: String| {
            if text.trim().is_empty() {
                return None;
            }
            parse_date_fr(&text)
                .map_err(|e| bad.push(FieldError::new(field, format!("{label} : {e}"))))
                .ok()
        };
        let follow_up = VaeFollowUp {
            recevabilite_submitted_on: date(
                "recevabiliteSubmittedOn",
                "Dépôt de la recevabilité",
                submitted.get_untracked(),
            ),
            recevabilite_decided_on: date(
                "recevabiliteDecidedOn",
                "Décision de recevabilité",
                decided.get_untracked(),
            ),
            dossier_submitted_on: date(
                "dossierSubmittedOn",
                "Dépôt du dossier de validation",
                dossier.get_untracked(),
            ),
            recevabilite: Recevabilite::parse_code(&decision.get_untracked()).ok(),
            support_hours: None,
        };
        let hours_text = hours.get_untracked().trim().replace(',', ".");
        let support_hours = if hours_text.is_empty() {
            None
        } else {
            match hours_text.parse::<f64>() {
                Ok(h) => Some(h),
                Err(_) => {
                    bad.push(FieldError::new(
                        "supportHours",
                        "Heures d’accompagnement : un nombre d’heures attendu (ex. 24 ou 1,5).",
                    ));
                    None
                }
            }
        };
        if !bad.is_empty() {
            errors.set(bad);
            return;
        }
        save.dispatch(VaeFollowUp {
            support_hours,
            ..follow_up
        });
    };
    let late = view.late(crate::today());
    let deemed = view.deemed_admissible(crate::today());
    let id = |name: &str| format!("vae-{enrolment_id}-{name}");
    let input = move |name: &'static str,
                      field: &'static str,
                      label: &'static str,
                      placeholder: &'static str,
                      value: RwSignal<String>| {
        let input_id = id(name);
        view! {
            <div class="field">
                <label for=input_id.clone()>{label}</label>
                <input
                    id=input_id
                    type="text"
                    placeholder=placeholder
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                    aria-invalid=move || error_for(field)().is_some().to_string()
                />
                <p class="field-error" role="alert">
                    {error_for(field)}
                </p>
            </div>
        }
    };
    view! {
        <div class="vae" id=id("panel")>
            <p>
                <strong>"VAE : "</strong>
                <span id=id("stage")>{view.stage.label()}</span>
                {view
                    .recevabilite_due
                    .map(|due| {
                        view! {
                            " · "
                            <span class=if late { "badge missing" } else { "badge" } id=id("due")>
                                {if deemed {
                                    format!(
                                        "réputée recevable : pas de décision au {} (silence de 2 mois)",
                                        format_date(due),
                                    )
                                } else if late {
                                    format!(
                                        "décision de recevabilité en retard (attendue au plus tard le {})",
                                        format_date(due),
                                    )
                                } else {
                                    format!(
                                        "décision de recevabilité attendue au plus tard le {}",
                                        format_date(due),
                                    )
                                }}
                            </span>
                        }
                    })}
            </p>
            <form class="record-form" id=id("form") on:submit=on_submit novalidate=true>
                {input(
                    "submitted",
                    "recevabiliteSubmittedOn",
                    "Dossier de recevabilité complet reçu le",
                    "jj/mm/aaaa",
                    submitted,
                )}
                <div class="field">
                    <label for=id("decision")>"Décision de recevabilité"</label>
                    <select
                        id=id("decision")
                        on:change=move |ev| decision.set(event_target_value(&ev))
                        aria-invalid=move || error_for("recevabilite")().is_some().to_string()
                    >
                        <option value="" selected=f.recevabilite.is_none()>
                            "— En attente —"
                        </option>
                        {option_tags(f.recevabilite)}
                    </select>
                    <p class="field-error" role="alert">
                        {error_for("recevabilite")}
                    </p>
                </div>
                {input(
                    "decided",
                    "recevabiliteDecidedOn",
                    "Décision rendue le",
                    "jj/mm/aaaa",
                    decided,
                )}
                {input("hours", "supportHours", "Heures d’accompagnement", "ex. 24", hours)}
                {input(
                    "dossier",
                    "dossierSubmittedOn",
                    "Dossier de validation déposé le",
                    "jj/mm/aaaa",
                    dossier,
                )}
                <div class="actions">
                    <button type="submit" class="secondary" id=id("save")>
                        "Enregistrer le suivi VAE"
                    </button>
                    <span class="notice-error" role="alert">
                        {error_for("")}
                    </span>
                    <span class="notice-ok" role="status">
                        {move || saved.get().then_some("Suivi VAE enregistré.")}
                    </span>
                </div>
            </form>
        </div>
    }
}
