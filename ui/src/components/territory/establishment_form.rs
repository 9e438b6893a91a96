//! Entering an establishment by hand, or correcting one: the Sirene facts (for one not in the
//! stock), what only people know (IDCC, OPCO, notes) and the contacts who agreed to be
//! recorded. Validated as typed by the domain's rules; a failed save keeps everything.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use passerelle_domain::AppError;
use passerelle_domain::establishment::{Contact, EstablishmentInput, headcount_label};
use passerelle_domain::i18n::{Msg, t};
use passerelle_domain::ipc::EstablishmentDetail;
use passerelle_domain::validate::parse_date_fr;

use super::establishment_href;
use crate::components::common::{FormCtx, Loaded, SelectField, TextArea, TextField, report_of};
use crate::{api, dom, guard};

/// Sirene's headcount bands, in order.
const HEADCOUNT_CODES: [&str; 15] = [
    "00", "01", "02", "03", "11", "12", "21", "22", "31", "32", "41", "42", "51", "52", "53",
];

fn headcount_options() -> Vec<(String, String)> {
    HEADCOUNT_CODES
        .iter()
        .filter_map(|c| Some(((*c).to_owned(), headcount_label(c)?.to_owned())))
        .collect()
}

fn blank() -> EstablishmentInput {
    EstablishmentInput {
        create: true,
        siret: String::new(),
        name: String::new(),
        naf: String::new(),
        headcount_band: String::new(),
        commune: String::new(),
        idcc: String::new(),
        opco: String::new(),
        notes: String::new(),
        contacts: Vec::new(),
    }
}

/// The form's data for an establishment as stored.
fn input_of(d: &EstablishmentDetail) -> EstablishmentInput {
    let e = &d.establishment;
    EstablishmentInput {
        create: false,
        siret: e.siret.clone(),
        name: e.name.clone(),
        naf: e.naf.clone(),
        headcount_band: e.headcount_band.clone(),
        commune: e.commune.clone(),
        idcc: e.idcc.clone(),
        opco: e.opco.clone(),
        notes: e.notes.clone(),
        contacts: d.contacts.clone(),
    }
}

/// `/territoires/etablissements/nouveau`
#[component]
pub fn NewEstablishment() -> impl IntoView {
    dom::set_title(Msg::EstablishmentNewTitle);
    view! {
        <section id="screen-establishment-new" aria-labelledby="establishment-new-title">
            <h1 id="establishment-new-title">{t(Msg::EstablishmentNewTitle)}</h1>
            <p class="help">
                "Pour un établissement absent de l’extrait Sirene importé. Sa commune (code INSEE) le place dans son EPCI et son territoire."
            </p>
            <EstablishmentForm initial=blank() editing=false />
        </section>
    }
}

/// `/territoires/etablissements/:siret/modifier`
#[component]
pub fn EditEstablishment() -> impl IntoView {
    let params = use_params_map();
    let detail = LocalResource::new(move || {
        let siret = params.read().get("siret").unwrap_or_default();
        api::territory::establishment(siret)
    });
    view! {
        <section id="screen-establishment-edit" aria-labelledby="establishment-edit-title">
            <Loaded from=detail let:d>
                {dom::set_title_text(&format!("Modifier — {}", d.establishment.name))}
                <h1 id="establishment-edit-title">
                    {format!("Modifier — {}", d.establishment.name)}
                </h1>
                <EstablishmentForm initial=input_of(&d) editing=true />
            </Loaded>
        </section>
    }
}

#[component]
fn EstablishmentForm(initial: EstablishmentInput, editing: bool) -> impl IntoView {
    // A commune code the shell looked up and does not know (the window checks only shapes).
    let unknown = RwSignal::new(None::<String>);
    let ctx = FormCtx::new(initial.clone(), move |d: EstablishmentInput| {
        let mut report = report_of(d.validated_in_window(crate::today()));
        if unknown.with(|u| u.as_deref() == Some(d.commune.trim())) {
            report
                .errors
                .push(passerelle_domain::place::unknown_commune(
                    "commune", &d.commune,
                ));
        }
        report
    });
    let unsaved = guard::unsaved();
    Effect::new(move || unsaved.0.set(ctx.data.with(|d| *d != initial)));
    on_cleanup(move || unsaved.0.set(false));
    let notice = RwSignal::new(None::<String>);
    let navigate = use_navigate();
    let save =
        Action::new_local(|d: &EstablishmentInput| api::territory::save_establishment(d.clone()));
    Effect::new(move || match save.value().get() {
        Some(Ok(saved)) => {
            unsaved.0.set(false);
            navigate(
                &establishment_href(&saved.establishment.siret),
                Default::default(),
            );
        }
        Some(Err(AppError::Validation { errors })) => {
            ctx.server_errors.set(errors);
            notice.set(Some(
                "L’établissement n’est pas enregistré : corrigez les champs signalés.".into(),
            ));
        }
        Some(Err(other)) => notice.set(Some(format!(
            "L’établissement n’est pas enregistré : {} Vos saisies sont conservées.",
            other.user_message()
        ))),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        ctx.show_all.set(true);
        if !ctx.ready() {
            notice.set(Some(
                "L’établissement n’est pas enregistré : corrigez les champs signalés.".into(),
            ));
            request_animation_frame(|| {
                dom::focus_first("#establishment-form [aria-invalid=\"true\"]");
            });
            return;
        }
        notice.set(None);
        save.dispatch(ctx.data.get_untracked());
    };
    // The commune's name and EPCI as it is typed, from the shell (it holds the commune table);
    // a code it does not know becomes the field's error.
    let commune = Memo::new(move |_| ctx.data.with(|d| d.commune.trim().to_owned()));
    let found = LocalResource::new(move || {
        let code = commune.get();
        async move {
            if !passerelle_domain::place::is_insee_shaped(&code) {
                return None;
            }
            match api::territory::commune_place(code.clone()).await {
                Ok(None) => {
                    unknown.set(Some(code));
                    None
                }
                found => found.ok().flatten(),
            }
        }
    });
    let place = move || {
        found.get().flatten().map(|p| {
            if p.territory.is_empty() {
                format!("{} — {}", p.name, p.epci_name)
            } else {
                format!("{} — {} (territoire suivi)", p.name, p.epci_name)
            }
        })
    };
    let siret = ctx.data.with_untracked(|d| d.siret.clone());
    view! {
        <form id="establishment-form" class="case-form" on:submit=on_submit novalidate=true>
            <fieldset>
                <legend>"Établissement"</legend>
                <div class="grid">
                    {if editing {
                        view! {
                            <div class="field">
                                <span class="label">"SIRET"</span>
                                <p class="mono" id="establishment-siret">
                                    {siret}
                                </p>
                            </div>
                        }
                            .into_any()
                    } else {
                        view! {
                            <TextField
                                ctx
                                prefix="establishment-"
                                path="siret"
                                label="SIRET"
                                required=true
                                placeholder="14 chiffres"
                                get=|d| d.siret.clone()
                                set=|d, v| d.siret = v
                            />
                        }
                            .into_any()
                    }}
                    <TextField
                        ctx
                        prefix="establishment-"
                        path="name"
                        label="Raison sociale"
                        required=true
                        get=|d| d.name.clone()
                        set=|d, v| d.name = v
                    />
                    <TextField
                        ctx
                        prefix="establishment-"
                        path="naf"
                        label="Code NAF (APE)"
                        required=true
                        placeholder="23.13Z"
                        get=|d| d.naf.clone()
                        set=|d, v| d.naf = v
                    />
                    <SelectField
                        ctx
                        prefix="establishment-"
                        path="headcountBand"
                        label="Tranche d’effectif"
                        options=Signal::derive(headcount_options)
                        get=|d| d.headcount_band.clone()
                        set=|d, v| d.headcount_band = v
                    />
                    <TextField
                        ctx
                        prefix="establishment-"
                        path="commune"
                        label="Commune (code INSEE)"
                        required=true
                        placeholder="57630"
                        get=|d| d.commune.clone()
                        set=|d, v| d.commune = v
                    /> <p class="help small place-help" id="establishment-place" aria-live="polite">
                        {place}
                    </p>
                    <TextField
                        ctx
                        prefix="establishment-"
                        path="idcc"
                        label="IDCC (convention collective)"
                        placeholder="3248"
                        get=|d| d.idcc.clone()
                        set=|d, v| d.idcc = v
                    />
                    <TextField
                        ctx
                        prefix="establishment-"
                        path="opco"
                        label="OPCO"
                        placeholder="OPCO 2i"
                        get=|d| d.opco.clone()
                        set=|d, v| d.opco = v
                    />
                </div>
                <TextArea
                    ctx
                    prefix="establishment-"
                    path="notes"
                    label="Notes"
                    get=|d| d.notes.clone()
                    set=|d, v| d.notes = v
                />
            </fieldset>
            <fieldset>
                <legend>"Contacts"</legend>
                <ContactsEditor ctx />
            </fieldset>
            <div class="actions sticky">
                <button type="submit" id="establishment-save" disabled=move || save.pending().get()>
                    "Enregistrer"
                </button>
                <span id="establishment-notice" role="status" class="notice-error">
                    {move || notice.get()}
                </span>
            </div>
        </form>
    }
}

/// The contacts, one row each; a contact is recorded only with the date they agreed.
#[component]
fn ContactsEditor(ctx: FormCtx<EstablishmentInput>) -> impl IntoView {
    let count = Memo::new(move |_| ctx.data.with(|d| d.contacts.len()));
    let add = move |_| {
        ctx.data.update(|d| {
            d.contacts.push(Contact {
                name: String::new(),
                role: String::new(),
                email: String::new(),
                phone: String::new(),
                consent_on: None,
            });
        });
        let last = count.get_untracked().saturating_sub(1);
        request_animation_frame(move || {
            dom::focus(&format!("establishment-contacts-{last}-name"));
        });
    };
    view! {
        <p class="help">
            "N’enregistrez une personne qu’avec son accord : la date à laquelle elle l’a donné est obligatoire."
        </p>
        <table class="cases compact" id="establishment-contacts-editor">
            <thead>
                <tr>
                    <th scope="col">"Nom *"</th>
                    <th scope="col">"Fonction"</th>
                    <th scope="col">"Courriel"</th>
                    <th scope="col">"Téléphone"</th>
                    <th scope="col">"Date de l’accord *"</th>
                    <th scope="col">
                        <span class="sr-only">"Action"</span>
                    </th>
                </tr>
            </thead>
            <tbody>{move || (0..count.get()).map(|i| contact_row(ctx, i)).collect_view()}</tbody>
        </table>
        <p class="field-error" role="alert">
            {ctx.message_at("contacts".into())}
        </p>
        <button type="button" class="secondary" id="establishment-contact-add" on:click=add>
            "Ajouter un contact"
        </button>
    }
}

type Setter = fn(&mut Contact, String);

fn contact_row(ctx: FormCtx<EstablishmentInput>, i: usize) -> impl IntoView {
    let Some(c) = ctx.data.with_untracked(|d| d.contacts.get(i).cloned()) else {
        return ().into_any();
    };
    let n = i + 1;
    let text = move |field: &'static str,
                     label: &'static str,
                     kind: &'static str,
                     value: String,
                     set: Setter| {
        let path = format!("contacts.{i}.{field}");
        let id = format!("establishment-contacts-{i}-{field}");
        let message = ctx.message_at(path.clone());
        let invalid = message.clone();
        view! {
            <td>
                <input
                    type=kind
                    id=id.clone()
                    aria-label=format!("{label}, contact {n}")
                    aria-required=(field == "name").then_some("true")
                    value=value
                    aria-invalid=move || if invalid().is_some() { "true" } else { "false" }
                    aria-describedby=format!("{id}-msg")
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        ctx.data
                            .update(|d| {
                                if let Some(c) = d.contacts.get_mut(i) {
                                    set(c, v);
                                }
                            });
                    }
                    on:blur=move |_| ctx.touch_at(&path)
                />
                <p id=format!("{id}-msg") class="field-error" role="alert">
                    {message}
                </p>
            </td>
        }
    };
    // The consent date: unreadable text is kept and said so (and blocks the save: no date).
    let consent_path = format!("contacts.{i}.consentOn");
    let consent_id = format!("establishment-contacts-{i}-consentOn");
    let consent_text = RwSignal::new(
        c.consent_on
            .map(|d| d.format("%d/%m/%Y").to_string())
            .unwrap_or_default(),
    );
    let domain_message = ctx.message_at(consent_path.clone());
    let left = consent_path.clone();
    let consent_message = move || {
        let typed = consent_text.get();
        let visible = ctx.show_all.get() || ctx.touched.with(|t| t.contains(&left));
        match parse_date_fr(&typed) {
            Err(e) if visible && !typed.trim().is_empty() => {
                Some(format!("Date de l’accord du contact n°\u{a0}{n} : {e}"))
            }
            _ => domain_message(),
        }
    };
    let consent_invalid = consent_message.clone();
    let remove = move |_| {
        ctx.data.update(|d| {
            if i < d.contacts.len() {
                d.contacts.remove(i);
            }
        });
        ctx.forget_row("contacts", i);
        // The focus goes to the row that took its place, else to « Ajouter un contact ».
        let left = ctx.data.with_untracked(|d| d.contacts.len());
        request_animation_frame(move || {
            if i < left {
                dom::focus(&format!("establishment-contacts-{i}-remove"));
            } else {
                dom::focus("establishment-contact-add");
            }
        });
    };
    view! {
        <tr>
            {text("name", "Nom", "text", c.name, |c, v| c.name = v)}
            {text("role", "Fonction", "text", c.role, |c, v| c.role = v)}
            {text("email", "Courriel", "email", c.email, |c, v| c.email = v)}
            {text("phone", "Téléphone", "tel", c.phone, |c, v| c.phone = v)} <td>
                <input
                    type="text"
                    inputmode="numeric"
                    placeholder="jj/mm/aaaa"
                    id=consent_id.clone()
                    aria-label=format!("Date de l’accord du contact n°\u{a0}{n}")
                    aria-required="true"
                    prop:value=move || consent_text.get()
                    aria-invalid=move || if consent_invalid().is_some() { "true" } else { "false" }
                    aria-describedby=format!("{consent_id}-msg")
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        let date = parse_date_fr(&v).ok();
                        consent_text.set(v);
                        ctx.data
                            .update(|d| {
                                if let Some(c) = d.contacts.get_mut(i) {
                                    c.consent_on = date;
                                }
                            });
                    }
                    on:blur=move |_| ctx.touch_at(&consent_path)
                />
                <p id=format!("{consent_id}-msg") class="field-error" role="alert">
                    {consent_message}
                </p>
            </td> <td>
                <button
                    type="button"
                    class="link"
                    id=format!("establishment-contacts-{i}-remove")
                    aria-label=format!("Retirer le contact {n}")
                    on:click=remove
                >
                    "Retirer"
                </button>
            </td>
        </tr>
    }
    .into_any()
}
