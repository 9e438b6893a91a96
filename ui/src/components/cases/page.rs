//! One case file: header, tabs (Identité, Situation, Projet, Historique) and actions.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use passerelle_domain::case::{CaseData, CaseFile, CaseId, Flag};
use passerelle_domain::i18n::{Label, field_label, format_date};
use passerelle_domain::validate::rome_label;

use super::consents::Consents;
use super::enrolments::Enrolments;
use super::form::CaseForm;
use super::journal::Journal;
use super::parcours::Parcours;
use super::records::{Documents, Interviews};
use crate::api;

fn case_id() -> impl Fn() -> Option<CaseId> + Copy {
    let params = use_params_map();
    move || params.read().get("id").and_then(|s| s.parse().ok())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tab {
    Identity,
    Situation,
    Project,
    Parcours,
    Interviews,
    Documents,
    History,
}

const TABS: [(Tab, &str, &str); 7] = [
    (Tab::Identity, "tab-identity", "Identité"),
    (Tab::Situation, "tab-situation", "Situation"),
    (Tab::Project, "tab-project", "Projet"),
    (Tab::Parcours, "tab-parcours", "Parcours"),
    (Tab::Interviews, "tab-interviews", "Entretiens"),
    (Tab::Documents, "tab-documents", "Documents"),
    (Tab::History, "tab-history", "Historique"),
];

#[component]
pub fn CasePage() -> impl IntoView {
    let id = case_id();
    let reload = RwSignal::new(0u32);
    let case = LocalResource::new(move || {
        reload.track();
        let id = id();
        async move { api::cases::get(id.unwrap_or(0)).await }
    });
    let tab = RwSignal::new(Tab::Identity);
    view! {
        <section id="screen-case" aria-labelledby="case-title">
            {move || match case.get() {
                None => view! { <p class="muted">"Chargement…"</p> }.into_any(),
                Some(Err(e)) => view! { <p class="notice-error">{e.user_message()}</p> }.into_any(),
                Some(Ok(file)) => {
                    document().set_title(&format!("{} — Passerelle", file.data.beneficiary.display_name()));
                    view! { <CaseHeader file=file.clone() reload/> <Tabs tab/> <TabPanel file tab reload/> }.into_any()
                }
            }}
        </section>
    }
}

#[component]
fn CaseHeader(file: CaseFile, reload: RwSignal<u32>) -> impl IntoView {
    let id = file.id;
    let archived = file.archived_at.is_some();
    let archive = Action::new_local(move |archive: &bool| api::cases::set_archived(id, *archive));
    Effect::new(move || {
        if let Some(Ok(_)) = archive.value().get() {
            reload.update(|n| *n += 1);
        }
    });
    let on_archive = move |_| {
        let question = if archived {
            "Restaurer ce dossier ?"
        } else {
            "Archiver ce dossier ? Il restera consultable dans les archives."
        };
        if window().confirm_with_message(question).unwrap_or(false) {
            archive.dispatch(!archived);
        }
    };
    // PDF export: the shell asks where to save, then opens the file.
    let export = Action::new_local(move |pseudonymised: &bool| {
        api::committees::export_dossier(id, *pseudonymised, None)
    });
    let export_notice = move || match export.value().get() {
        Some(Ok(Some(path))) => Some(("notice-ok", format!("Dossier enregistré : {path}"))),
        Some(Ok(None)) => None,
        Some(Err(e)) => Some(("notice-error", e.user_message())),
        None => None,
    };
    view! {
        <div class="screen-head">
            <div>
                <h1 id="case-title">{file.data.beneficiary.display_name()}</h1>
                <p class="muted">
                    <span class="mono" id="case-reference">{file.reference.clone()}</span>
                    " · suivi par " {file.counsellor}
                    {archived.then_some(" · archivé")}
                </p>
            </div>
            <div class="actions">
                <A href=format!("/dossiers/{id}/modifier") attr:id="case-edit" attr:class="button">"Modifier"</A>
                <button type="button" id="case-export" class="secondary"
                    title="Dossier pour le comité, au format PDF"
                    disabled=move || export.pending().get()
                    on:click=move |_| { export.dispatch(false); }>"Dossier PDF"</button>
                <button type="button" id="case-export-pseudo" class="secondary"
                    title="Sans nom, NIR, coordonnées, adresse, date de naissance ni donnée de santé"
                    disabled=move || export.pending().get()
                    on:click=move |_| { export.dispatch(true); }>"PDF pseudonymisé"</button>
                <button type="button" id="case-archive" class="secondary" on:click=on_archive>
                    {if archived { "Restaurer" } else { "Archiver" }}
                </button>
            </div>
        </div>
        <p id="export-notice" role="status" class=move || export_notice().map_or("", |(c, _)| c)>
            {move || export.pending().get().then_some("Export du PDF…")}
            {move || export_notice().map(|(_, m)| m)}
        </p>
    }
}

#[component]
fn Tabs(tab: RwSignal<Tab>) -> impl IntoView {
    // Arrow keys move between tabs (WAI-ARIA tabs pattern); Tab moves into the panel.
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let i = TABS
            .iter()
            .position(|(t, _, _)| *t == tab.get_untracked())
            .unwrap_or(0);
        let next = match ev.key().as_str() {
            "ArrowRight" => (i + 1) % TABS.len(),
            "ArrowLeft" => (i + TABS.len() - 1) % TABS.len(),
            _ => return,
        };
        tab.set(TABS[next].0);
        if let Some(el) = document().get_element_by_id(TABS[next].1) {
            use wasm_bindgen::JsCast;
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    };
    view! {
        <div class="tabs" role="tablist" aria-label="Sections du dossier" on:keydown=on_key>
            {TABS.into_iter().map(|(t, id, label)| view! {
                <button type="button" role="tab" id=id
                    aria-selected=move || if tab.get() == t { "true" } else { "false" }
                    tabindex=move || if tab.get() == t { "0" } else { "-1" }
                    on:click=move |_| tab.set(t)>{label}</button>
            }).collect_view()}
        </div>
    }
}

fn row(label: &'static str, value: String) -> impl IntoView {
    let empty = value.trim().is_empty();
    view! {
        <dt>{label}</dt>
        <dd class:muted=empty>{if empty { "—".to_owned() } else { value }}</dd>
    }
}

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map(format_date).unwrap_or_default()
}

fn label_of<T: Label>(v: Option<T>) -> String {
    v.map(|v| v.label().to_owned()).unwrap_or_default()
}

fn rome(code: &str) -> String {
    match rome_label(code) {
        Some(label) => format!("{code} — {label}"),
        None => code.to_owned(),
    }
}

fn flag(f: &Flag) -> String {
    if !f.set {
        return "non".into();
    }
    match (f.proof.as_str(), f.proof_date) {
        ("", None) => "oui".into(),
        (proof, Some(d)) => format!("oui — {proof} ({})", format_date(d)),
        (proof, None) => format!("oui — {proof}"),
    }
}

fn nir_display(nir: &str) -> String {
    passerelle_domain::validate::validate_nir(nir)
        .map(|c| c.value.formatted())
        .unwrap_or_else(|_| nir.to_owned())
}

/// A personal value hidden until asked for (someone may be looking over the shoulder).
#[component]
fn Sensitive(value: String) -> impl IntoView {
    let shown = RwSignal::new(false);
    if value.is_empty() {
        return view! { <span class="muted">"—"</span> }.into_any();
    }
    view! {
        <span class="mono" id="nir-value">{move || if shown.get() { value.clone() } else { "•••• •••• ••••".to_owned() }}</span>
        " "
        <button type="button" class="link" aria-pressed=move || shown.get().to_string()
            on:click=move |_| shown.update(|s| *s = !*s)>
            {move || if shown.get() { "Masquer" } else { "Afficher" }}
        </button>
    }
    .into_any()
}

#[component]
fn TabPanel(file: CaseFile, tab: RwSignal<Tab>, reload: RwSignal<u32>) -> impl IntoView {
    let territory_label = super::territory_labeller(LocalResource::new(api::cases::territories));
    let id = file.id;
    let d: CaseData = file.data;
    let full = d.clone();
    let b = d.beneficiary.clone();
    let s = d.situation.clone();
    let p = d.project;
    let funding = d.parcours.funding;
    move || {
        let panel = match tab.get() {
            Tab::Identity => view! {
                <dl class="facts">
                    {row("Civilité", label_of(b.civility))}
                    {row("Nom de naissance", b.birth_name.clone())}
                    {row("Nom d’usage", b.usage_name.clone())}
                    {row("Prénoms", b.first_names.clone())}
                    {row("Date de naissance", date(b.birth_date))}
                    <dt>"NIR"</dt>
                    <dd><Sensitive value=nir_display(&b.nir)/></dd>
                    {row("E-mail", b.email.clone())}
                    {row("Téléphone", b.phone.clone())}
                    {row("Adresse", format!("{} {}", b.postal_code, b.commune))}
                    {row("Territoire", territory_label(&b.territory))}
                    {row("Niveau de diplôme", b.diploma_level.map(|n| format!("Niveau {n}")).unwrap_or_default())}
                </dl>
                <Consents case_id=id data=full.clone() reload/>
            }.into_any(),
            Tab::Situation => view! {
                <dl class="facts" id="panel-situation">
                    {row(field_label("situation.employer.name"), s.employer.name.clone())}
                    {row("SIRET", s.employer.siret.clone())}
                    {row("IDCC", s.employer.idcc.clone())}
                    {row("Code NAF", s.employer.naf.clone())}
                    {row("Effectif", label_of(s.employer.headcount))}
                    {row("OPCO", label_of(s.employer.opco))}
                    {row("Contrat", label_of(s.contract))}
                    {row("Période", match (s.contract_start, s.contract_end) {
                        (Some(a), Some(b)) => format!("du {} au {}", format_date(a), format_date(b)),
                        (Some(a), None) => format!("depuis le {}", format_date(a)),
                        _ => String::new(),
                    })}
                    {row("Temps de travail", label_of(s.working_time))}
                    {row("Poste occupé", s.job_title.clone())}
                    {row("Métier actuel (ROME)", rome(&s.job_rome))}
                    {row("Ancienneté salariée", s.seniority_months_total.map(|m| format!("{m} mois")).unwrap_or_default())}
                    {row("Dans l’entreprise", s.seniority_months_company.map(|m| format!("{m} mois")).unwrap_or_default())}
                    {row("Métier fragilisé", flag(&s.flags.metier_fragilise))}
                    {row("OETH / RQTH", flag(&s.flags.oeth))}
                    {row("Inaptitude", flag(&s.flags.inaptitude))}
                    {row("Absence ≥ 6 mois", flag(&s.flags.long_absence))}
                </dl>
            }.into_any(),
            Tab::Project => view! {
                <dl class="facts">
                    {row("Métier visé (ROME)", rome(&p.target_rome))}
                    {row("Certification visée", p.target_certification.clone())}
                    {row("Motif", p.motive.clone())}
                    {row("Notes", p.notes.clone())}
                    {row("Perspectives d’emploi", p.employment_prospects.clone())}
                    {row("Zone de mobilité", p.mobility_zone.clone())}
                    {row("Métier visé porteur", if p.target_in_demand { "oui (liste régionale)".into() } else { String::new() })}
                    {row("Avis du conseiller CEP", p.cep_opinion.clone())}
                </dl>
                {funding_table(&funding)}
                <Enrolments case_id=id target=p.target_certification.clone()/>
            }.into_any(),
            Tab::Parcours => view! { <Parcours case_id=id reload_case=reload/> }.into_any(),
            Tab::Interviews => view! { <Interviews case_id=id/> }.into_any(),
            Tab::Documents => view! { <Documents case_id=id/> }.into_any(),
            Tab::History => view! { <Journal id/> }.into_any(),
        };
        let current = tab.get();
        let labelled_by = TABS
            .iter()
            .find(|(t, _, _)| *t == current)
            .map_or("", |(_, id, _)| id);
        view! { <div role="tabpanel" class="panel" aria-labelledby=labelled_by>{panel}</div> }
    }
}

/// `/dossiers/nouveau`
#[component]
pub fn NewCase() -> impl IntoView {
    document().set_title("Nouveau dossier — Passerelle");
    view! {
        <section id="screen-case-new" aria-labelledby="case-new-title">
            <h1 id="case-new-title">"Nouveau dossier"</h1>
            <CaseForm id=None initial=CaseData::default()/>
        </section>
    }
}

/// `/dossiers/:id/modifier`
#[component]
pub fn EditCase() -> impl IntoView {
    let id = case_id();
    let case = LocalResource::new(move || {
        let id = id();
        async move { api::cases::get(id.unwrap_or(0)).await }
    });
    view! {
        <section id="screen-case-edit" aria-labelledby="case-edit-title">
            {move || match case.get() {
                None => view! { <p class="muted">"Chargement…"</p> }.into_any(),
                Some(Err(e)) => view! { <p class="notice-error">{e.user_message()}</p> }.into_any(),
                Some(Ok(file)) => view! {
                    <h1 id="case-edit-title">{format!("Modifier — {}", file.data.beneficiary.display_name())}</h1>
                    <CaseForm id=Some(file.id) initial=file.data/>
                }.into_any(),
            }}
        </section>
    }
}

/// The funding plan as the committee will read it.
fn funding_table(lines: &[passerelle_domain::parcours::FundingLine]) -> impl IntoView + use<> {
    use passerelle_domain::i18n::format_euros;
    if lines.is_empty() {
        return view! { <p class="muted" id="funding-empty">"Plan de financement non renseigné (formulaire « Modifier »)."</p> }.into_any();
    }
    let total: i64 = lines
        .iter()
        .fold(0i64, |t, l| t.saturating_add(l.amount_cents));
    let rows = lines
        .iter()
        .map(|l| view! {
            <tr><td>{l.funder.label()}</td><td>{l.covers.clone()}</td><td class="num">{format_euros(l.amount_cents)}</td></tr>
        })
        .collect_view();
    view! {
        <h2 class="section">"Plan de financement"</h2>
        <table class="cases" id="funding-plan">
            <thead><tr><th scope="col">"Financeur"</th><th scope="col">"Objet"</th><th scope="col" class="num">"Montant"</th></tr></thead>
            <tbody>{rows}</tbody>
            <tfoot><tr><th scope="row" colspan="2">"Total"</th><td class="num strong">{format_euros(total)}</td></tr></tfoot>
        </table>
    }.into_any()
}
