//! Quick entry of hiring needs (the Metz cell's census): the form stays open after each save,
//! cleared for the next need but keeping the establishment, the contract, the status, the
//! source and the campaign.

use std::collections::HashSet;

use leptos::prelude::*;
use passerelle_domain::ipc::EstablishmentListArgs;
use passerelle_domain::need::{Contract, HiringNeed, NeedSource, NeedStatus};
use passerelle_domain::{AppError, FieldError};
use wasm_bindgen::JsCast;

use super::rome_label;
use crate::api;
use crate::components::common::{
    CheckField, DateField, FormCtx, SelectField, TextField, report_of,
};

fn blank(siret: String, campaign: String) -> HiringNeed {
    HiringNeed {
        id: 0,
        siret,
        rome: String::new(),
        appellation: String::new(),
        posts: 1,
        contract: Contract::Cdi,
        wished_start: None,
        reconversion_open: false,
        afest: false,
        status: NeedStatus::Ouvert,
        source: NeedSource::Recensement,
        campaign,
        notes: String::new(),
        recorded_on: None,
    }
}

macro_rules! options {
    ($ty:ty) => {
        Signal::derive(|| {
            <$ty>::ALL
                .iter()
                .map(|v| (v.code().to_owned(), v.label().to_owned()))
                .collect::<Vec<_>>()
        })
    };
}

/// What the census says of a SIRET no followed establishment has.
const UNKNOWN_SIRET: &str = "Aucun établissement suivi n’a ce SIRET : créez-le d’abord (Territoires › Nouvel établissement).";

/// Focuses a field and selects its text, so that typing replaces it.
fn focus_and_select(id: &str) {
    if let Some(input) = document()
        .get_element_by_id(id)
        .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        let _ = input.focus();
        input.select();
    }
}

/// `siret`: the establishment's (its page), or `None` to type one per need (the census).
/// `campaign` is kept between entries and shared with the page.
#[component]
pub fn NeedForm(
    siret: Option<String>,
    campaign: RwSignal<String>,
    on_saved: Callback<HiringNeed>,
) -> impl IntoView {
    let fixed = siret.is_some();
    let ctx = FormCtx::new(
        blank(siret.unwrap_or_default(), campaign.get_untracked()),
        |d: HiringNeed| report_of(d.validated(crate::today())),
    );
    Effect::new(move || {
        let typed = ctx.data.with(|d| d.campaign.clone());
        if campaign.get_untracked() != typed {
            campaign.set(typed);
        }
    });
    // Fields are drawn again after each save: a date field keeps its own text.
    let generation = RwSignal::new(0u32);
    let notice = RwSignal::new(None::<(String, bool)>);
    let save = Action::new_local(|n: &HiringNeed| api::territory::save_need(n.clone()));
    Effect::new(move || match save.value().get() {
        Some(Ok(saved)) => {
            notice.set(Some((
                format!(
                    "Besoin enregistré : {} {} ({}).",
                    passerelle_domain::i18n::count_noun(u64::from(saved.posts), "poste"),
                    saved.rome,
                    saved.contract.label()
                ),
                false,
            )));
            ctx.data.update(|d| {
                *d = blank(d.siret.clone(), d.campaign.clone());
                d.contract = saved.contract;
                d.status = saved.status;
                d.source = saved.source;
            });
            ctx.show_all.set(false);
            ctx.touched.set(HashSet::new());
            ctx.server_errors.set(Vec::new());
            ctx.unreadable_dates.set(HashSet::new());
            generation.update(|n| *n += 1);
            on_saved.run(saved);
            request_animation_frame(move || {
                focus_and_select(if fixed { "need-rome" } else { "need-siret" });
            });
        }
        Some(Err(AppError::Validation { errors })) => {
            // On the establishment's page there is no SIRET field: its message is the notice.
            let siret_message = errors
                .iter()
                .find(|e| e.field == "siret")
                .map(|e| e.message.clone())
                .filter(|_| fixed);
            ctx.server_errors.set(errors);
            notice.set(Some((
                match siret_message {
                    Some(m) => format!("Le besoin n’est pas enregistré : {m}"),
                    None => "Le besoin n’est pas enregistré : corrigez les champs signalés.".into(),
                },
                true,
            )));
            if !fixed {
                request_animation_frame(|| {
                    crate::dom::focus_first("#need-form [aria-invalid=\"true\"]");
                });
            }
        }
        // The establishment went away between the check and the save: said at its field.
        Some(Err(AppError::NotFound { entity, .. })) if !fixed && entity == "Établissement" => {
            ctx.server_errors
                .set(vec![FieldError::new("siret", UNKNOWN_SIRET)]);
            notice.set(Some((
                "Le besoin n’est pas enregistré : corrigez les champs signalés.".into(),
                true,
            )));
            request_animation_frame(|| {
                crate::dom::focus("need-siret");
            });
        }
        Some(Err(other)) => notice.set(Some((
            format!(
                "Le besoin n’est pas enregistré : {} Vos saisies sont conservées.",
                other.user_message()
            ),
            true,
        ))),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if save.pending().get_untracked() {
            return;
        }
        ctx.show_all.set(true);
        if !ctx.ready() {
            notice.set(Some((
                "Le besoin n’est pas enregistré : corrigez les champs signalés.".into(),
                true,
            )));
            request_animation_frame(|| {
                crate::dom::focus_first("#need-form [aria-invalid=\"true\"]");
            });
            return;
        }
        notice.set(None);
        save.dispatch(ctx.data.get_untracked());
    };
    // The establishment a typed SIRET names (the census), to check before saving.
    let siret_typed = Memo::new(move |_| {
        ctx.data.with(|d| {
            d.siret
                .chars()
                .filter(|c| c.is_ascii_digit())
                .collect::<String>()
        })
    });
    let named = LocalResource::new(move || {
        let siret = siret_typed.get();
        async move {
            if fixed || siret.len() != 14 {
                return None;
            }
            // The list, not the whole establishment: its name is all that is shown.
            let page = api::territory::establishments(EstablishmentListArgs {
                territory: String::new(),
                epci: String::new(),
                query: siret.clone(),
                limit: 1,
            })
            .await;
            Some(match page {
                Ok(page) => page
                    .rows
                    .into_iter()
                    .find(|e| e.siret == siret)
                    .map(|e| format!("{} — {}", e.name, e.commune_name))
                    .ok_or_else(|| UNKNOWN_SIRET.to_owned()),
                Err(e) => Err(e.user_message()),
            })
        }
    });
    let trade = move || {
        ctx.data.with(|d| {
            let code = d.rome.trim().to_uppercase();
            (code.len() == 5)
                .then(|| rome_label(&code))
                .filter(|l| !l.is_empty())
        })
    };
    let fields = move || {
        generation.track();
        view! {
            {(!fixed)
                .then(|| {
                    view! {
                        <TextField
                            ctx
                            prefix="need-"
                            path="siret"
                            label="Établissement (SIRET)"
                            required=true
                            placeholder="14 chiffres"
                            get=|d| d.siret.clone()
                            set=|d, v| d.siret = v
                        />
                        <p class="help small field-side" id="need-establishment" aria-live="polite">
                            {move || match named.get().flatten() {
                                Some(Ok(name)) => view! { <span>{name}</span> }.into_any(),
                                Some(Err(m)) => {
                                    view! { <span class="notice-error">{m}</span> }.into_any()
                                }
                                None => ().into_any(),
                            }}
                        </p>
                    }
                })}
            <TextField
                ctx
                prefix="need-"
                path="rome"
                label="Métier (code ROME)"
                required=true
                placeholder="I1304"
                get=|d| d.rome.clone()
                set=|d, v| d.rome = v
            />
            <p class="help small field-side" id="need-rome-label" aria-live="polite">
                {trade}
            </p>
            <TextField
                ctx
                prefix="need-"
                path="appellation"
                label="Appellation"
                placeholder="Technicien de maintenance"
                get=|d| d.appellation.clone()
                set=|d, v| d.appellation = v
            />
            <TextField
                ctx
                prefix="need-"
                path="posts"
                label="Postes"
                kind="number"
                required=true
                get=|d| if d.posts == 0 { String::new() } else { d.posts.to_string() }
                set=|d, v| d.posts = super::number(&v)
            />
            <SelectField
                ctx
                prefix="need-"
                path="contract"
                label="Contrat"
                no_blank=true
                options=options!(Contract)
                get=|d| d.contract.code().to_owned()
                set=|d, v| {
                    if let Some(c) = Contract::parse(&v) {
                        d.contract = c;
                    }
                }
            />
            <DateField
                ctx
                prefix="need-"
                path="wishedStart"
                label="Démarrage souhaité"
                get=|d| d.wished_start
                set=|d, v| d.wished_start = v
            />
            <SelectField
                ctx
                prefix="need-"
                path="status"
                label="Statut"
                no_blank=true
                options=options!(NeedStatus)
                get=|d| d.status.code().to_owned()
                set=|d, v| {
                    if let Some(s) = NeedStatus::parse(&v) {
                        d.status = s;
                    }
                }
            />
            <SelectField
                ctx
                prefix="need-"
                path="source"
                label="Source"
                no_blank=true
                options=options!(NeedSource)
                get=|d| d.source.code().to_owned()
                set=|d, v| {
                    if let Some(s) = NeedSource::parse(&v) {
                        d.source = s;
                    }
                }
            />
            <TextField
                ctx
                prefix="need-"
                path="campaign"
                label="Campagne"
                placeholder="Recensement Metz 2026"
                get=|d| d.campaign.clone()
                set=|d, v| d.campaign = v
            />
            <div class="flags wide" role="group" aria-label="Ouverture du poste">
                <CheckField
                    ctx
                    prefix="need-"
                    path="reconversionOpen"
                    label="Ouvert à une personne en reconversion"
                    get=|d| d.reconversion_open
                    set=|d, v| d.reconversion_open = v
                />
                <CheckField
                    ctx
                    prefix="need-"
                    path="afest"
                    label="AFEST possible (formation en situation de travail)"
                    get=|d| d.afest
                    set=|d, v| d.afest = v
                />
            </div>
        }
    };
    view! {
        <form id="need-form" class="record-form need-form" on:submit=on_submit novalidate=true>
            {fields}
            <div class="actions">
                <button type="submit" id="need-save" disabled=move || save.pending().get()>
                    "Enregistrer le besoin"
                </button>
                <span
                    id="need-notice"
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
                </span>
            </div>
        </form>
    }
}
