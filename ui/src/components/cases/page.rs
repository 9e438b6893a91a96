//! One case file: header, tabs (Identité, Situation, Projet, Rapprochements, Parcours,
//! Entretiens, Documents, Historique) and actions; the new-case and edit screens.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use passerelle_domain::case::{CaseData, CaseFile, CaseId};

use super::facts::{Tab, tab_panels};
use super::form::CaseForm;
use super::notice::CaseNotice;
use crate::components::common::{Loaded, TabEntry, TabPanel, Tabs};
use crate::components::meetings::{ExportDialog, ExportTarget};
use crate::{api, dom};

fn case_id() -> impl Fn() -> Option<CaseId> + Copy {
    let params = use_params_map();
    move || params.read().get("id").and_then(|s| s.parse().ok())
}

const TABS: &[TabEntry<Tab>] = &[
    (Tab::Identity, "tab-identity", "Identité"),
    (Tab::Situation, "tab-situation", "Situation"),
    (Tab::Project, "tab-project", "Projet"),
    (Tab::Matches, "tab-matches", "Rapprochements"),
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
    let notice = CaseNotice {
        message: RwSignal::new(None),
        refocus: RwSignal::new(None),
    };
    provide_context(notice);
    // Another case: nothing said about the previous one stays.
    Effect::new(move |before: Option<Option<CaseId>>| {
        let now = id();
        if before.is_some_and(|b| b != now) {
            notice.message.set(None);
        }
        now
    });
    Effect::new(move || {
        if let Some(Ok(_)) = case.get()
            && let Some(target) = notice.refocus.get_untracked()
        {
            notice.refocus.set(None);
            request_animation_frame(move || {
                dom::focus(target);
            });
        }
    });
    // A match chosen (Rapprochements): the project was filled; said, and shown.
    let on_chosen = Callback::new(move |said: String| {
        notice.ok(said);
        notice.refocus.set(Some("tab-project"));
        tab.set(Tab::Project);
        reload.update(|n| *n += 1);
    });
    view! {
        <section id="screen-case" aria-labelledby="case-title">
            <Loaded from=case let:file>
                {dom::set_title_text(&heading(&file))}
                <CaseHeader file=file.clone() reload />
                <Tabs tabs=TABS current=tab label="Sections du dossier" />
                <TabPanel tabs=TABS current=tab render=tab_panels(file, reload, on_chosen) />
            </Loaded>
        </section>
    }
}

/// The person's name; a purged case, which has none left, goes by its reference.
fn heading(file: &CaseFile) -> String {
    let name = file.data.beneficiary.display_name();
    if name.trim().is_empty() {
        format!("Dossier {}", file.reference)
    } else {
        name
    }
}

#[component]
fn CaseHeader(file: CaseFile, reload: RwSignal<u32>) -> impl IntoView {
    let id = file.id;
    let archived = file.archived_at.is_some();
    let notice = expect_context::<CaseNotice>();
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
    // PDF export: the dialog asks for whom, then the shell asks where to save and opens it.
    let exporting = RwSignal::new(None::<bool>);
    let on_exported = Callback::new(move |message: Option<String>| {
        exporting.set(None);
        match message {
            Some(m) => notice.ok(m),
            None => notice.message.set(None),
        }
    });
    let on_export_cancel = Callback::new(move |()| exporting.set(None));
    let open_export = move |pseudonymised: bool| {
        notice.message.set(None);
        exporting.set(Some(pseudonymised));
    };
    view! {
        <div class="screen-head">
            <div>
                <h1 id="case-title">{heading(&file)}</h1>
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
                    aria-haspopup="dialog"
                    on:click=move |_| open_export(false)
                >
                    "Dossier PDF…"
                </button>
                <button
                    type="button"
                    id="case-export-pseudo"
                    class="secondary"
                    title="Sans nom, NIR, coordonnées, adresse, date de naissance ni donnée de santé"
                    aria-haspopup="dialog"
                    on:click=move |_| open_export(true)
                >
                    "PDF pseudonymisé…"
                </button>
                <button type="button" id="case-archive" class="secondary" on:click=on_archive>
                    {if archived { "Restaurer" } else { "Archiver" }}
                </button>
            </div>
        </div>
        <p
            id="export-notice"
            role="status"
            class=move || match notice.message.get() {
                Some((true, _)) => "notice-ok mono-path",
                Some((false, _)) => "notice-error",
                None => "",
            }
        >
            {move || notice.message.get().map(|(_, m)| m)}
        </p>
        {move || {
            exporting
                .get()
                .map(|pseudonymised| {
                    view! {
                        <ExportDialog
                            target=ExportTarget::Dossier {
                                case_id: id,
                                meeting_id: None,
                            }
                            pseudonymised
                            on_cancel=on_export_cancel
                            on_done=on_exported
                        />
                    }
                })
        }}
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
