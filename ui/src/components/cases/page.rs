//! One case file: header, tabs (Identité, Situation, Projet, Parcours, Entretiens, Documents,
//! Historique) and actions; the new-case and edit screens.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use passerelle_domain::case::{CaseData, CaseFile, CaseId};

use super::facts::{Tab, tab_panels};
use super::form::CaseForm;
use crate::components::common::{Loaded, TabEntry, TabPanel, Tabs};
use crate::{api, dom};

fn case_id() -> impl Fn() -> Option<CaseId> + Copy {
    let params = use_params_map();
    move || params.read().get("id").and_then(|s| s.parse().ok())
}

const TABS: &[TabEntry<Tab>] = &[
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
        async move { api::cases::get(id.unwrap_or(CaseId(0))).await }
    });
    let tab = RwSignal::new(Tab::Identity);
    view! {
        <section id="screen-case" aria-labelledby="case-title">
            <Loaded from=case let:file>
                {dom::set_title_text(&file.data.beneficiary.display_name())}
                <CaseHeader file=file.clone() reload />
                <Tabs tabs=TABS current=tab label="Sections du dossier" />
                <TabPanel tabs=TABS current=tab render=tab_panels(file, reload) />
            </Loaded>
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
        api::meetings::export_dossier(id, *pseudonymised, None)
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
                    <span class="mono" id="case-reference">
                        {file.reference.clone()}
                    </span>
                    " · suivi par "
                    {file.counsellor}
                    {archived.then_some(" · archivé")}
                </p>
            </div>
            <div class="actions">
                <A href=format!("/dossiers/{id}/modifier") attr:id="case-edit" attr:class="button">
                    "Modifier"
                </A>
                <button
                    type="button"
                    id="case-export"
                    class="secondary"
                    title="Dossier pour le comité, au format PDF"
                    disabled=move || export.pending().get()
                    on:click=move |_| {
                        export.dispatch(false);
                    }
                >
                    "Dossier PDF"
                </button>
                <button
                    type="button"
                    id="case-export-pseudo"
                    class="secondary"
                    title="Sans nom, NIR, coordonnées, adresse, date de naissance ni donnée de santé"
                    disabled=move || export.pending().get()
                    on:click=move |_| {
                        export.dispatch(true);
                    }
                >
                    "PDF pseudonymisé"
                </button>
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

/// `/dossiers/nouveau`
#[component]
pub fn NewCase() -> impl IntoView {
    dom::set_title_text("Nouveau dossier");
    view! {
        <section id="screen-case-new" aria-labelledby="case-new-title">
            <h1 id="case-new-title">"Nouveau dossier"</h1>
            <CaseForm id=None initial=CaseData::default() />
        </section>
    }
}

/// `/dossiers/:id/modifier`
#[component]
pub fn EditCase() -> impl IntoView {
    let id = case_id();
    let case = LocalResource::new(move || {
        let id = id();
        async move { api::cases::get(id.unwrap_or(CaseId(0))).await }
    });
    view! {
        <section id="screen-case-edit" aria-labelledby="case-edit-title">
            <Loaded from=case let:file>
                <h1 id="case-edit-title">
                    {format!("Modifier — {}", file.data.beneficiary.display_name())}
                </h1>
                <CaseForm id=Some(file.id) initial=file.data />
            </Loaded>
        </section>
    }
}
