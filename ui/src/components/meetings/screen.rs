//! `/comites/:id`: one meeting — its header and actions (edit, pack export), its agenda, the
//! outcome form and the dossiers that can still be added.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use passerelle_domain::AppError;
use passerelle_domain::case::CaseId;
use passerelle_domain::committee::{AgendaItem, MeetingDetail, MeetingId};
use passerelle_domain::i18n::{Label, Msg, format_date, t};

use super::add::AddAgendaItem;
use super::agenda::Shown;
use super::agenda::agenda_table;
use super::export::{ExportDialog, ExportTarget};
use super::form::MeetingForm;
use super::outcome::OutcomeForm;
use crate::components::common::Loaded;
use crate::{api, dom};

fn meeting_id() -> impl Fn() -> Option<MeetingId> + Copy {
    let params = use_params_map();
    move || params.read().get("id").and_then(|s| s.parse().ok())
}

#[component]
pub fn MeetingScreen() -> impl IntoView {
    dom::set_title(Msg::CommitteesTitle);
    let id = meeting_id();
    let detail: Shown = RwSignal::new(None);
    let reload = RwSignal::new(0u32);
    let loaded = LocalResource::new(move || {
        reload.get();
        let id = id();
        async move {
            match id {
                Some(id) => api::meetings::detail(id).await,
                None => Err(AppError::NotFound {
                    entity: "Séance".into(),
                    id: String::new(),
                }),
            }
        }
    });
    Effect::new(move || {
        if let Some(r) = loaded.get() {
            detail.set(Some(r));
        }
    });
    view! {
        <section id="screen-session" aria-labelledby="session-title">
            <p>
                <A href="/comites">"← Toutes les séances"</A>
            </p>
            <Loaded from=detail let:d>
                <MeetingView detail=d on_change=detail reload />
            </Loaded>
        </section>
    }
}

#[component]
fn MeetingView(detail: MeetingDetail, on_change: Shown, reload: RwSignal<u32>) -> impl IntoView {
    let m = detail.meeting.clone();
    let for_form = m.clone();
    let editing = RwSignal::new(false);
    let id = m.id;
    let kind = m.kind;
    let notice = RwSignal::new(None::<(bool, String)>);
    // Every agenda change returns the new agenda: show it.
    let apply = move |result: Result<MeetingDetail, AppError>| match result {
        Ok(d) => {
            notice.set(None);
            on_change.set(Some(Ok(d)));
        }
        Err(e) => notice.set(Some((false, e.user_message()))),
    };
    let reorder =
        Action::new_local(move |order: &Vec<CaseId>| api::meetings::reorder(id, order.clone()));
    Effect::new(move || {
        if let Some(r) = reorder.value().get() {
            apply(r);
        }
    });
    let remove = Action::new_local(move |case_id: &CaseId| api::meetings::remove(id, *case_id));
    Effect::new(move || {
        if let Some(r) = remove.value().get() {
            apply(r);
        }
    });
    // The export dialog, open for the full (false) or the pseudonymised (true) pack.
    let exporting = RwSignal::new(None::<bool>);
    let on_exported = Callback::new(move |message: Option<String>| {
        exporting.set(None);
        notice.set(message.map(|m| (true, m)));
    });
    let on_export_cancel = Callback::new(move |()| exporting.set(None));
    let selected = RwSignal::new(None::<AgendaItem>);
    let count = detail.dossiers.len();
    view! {
        <div class="screen-head">
            <div>
                <h1 id="session-title">
                    {format!("{} — {}", kind.label(), format_date(m.held_on))}
                </h1>
                <p class="muted">
                    {m.place.clone()}
                    {(!m.members.is_empty())
                        .then(|| format!(" · membres : {}", m.members.join(", ")))}
                </p>
            </div>
            <div class="actions">
                <button
                    type="button"
                    id="session-edit-open"
                    class="secondary"
                    aria-expanded=move || editing.get().to_string()
                    on:click=move |_| editing.update(|e| *e = !*e)
                >
                    "Modifier"
                </button>
                <button
                    type="button"
                    id="pack-export"
                    aria-haspopup="dialog"
                    disabled=count == 0
                    on:click=move |_| {
                        notice.set(None);
                        exporting.set(Some(false));
                    }
                >
                    "Exporter la séance (PDF)…"
                </button>
                <button
                    type="button"
                    id="pack-export-pseudo"
                    class="secondary"
                    aria-haspopup="dialog"
                    disabled=count == 0
                    on:click=move |_| {
                        notice.set(None);
                        exporting.set(Some(true));
                    }
                >
                    "PDF pseudonymisé…"
                </button>
            </div>
        </div>
        {move || editing.get().then(|| view! { <MeetingForm editing=for_form.clone() reload /> })}
        <p
            id="session-notice"
            role="status"
            class=move || match notice.get() {
                Some((true, _)) => "notice-ok",
                Some((false, _)) => "notice-error",
                None => "",
            }
        >
            {move || notice.get().map(|(_, m)| m)}
        </p>
        {move || {
            exporting
                .get()
                .map(|pseudonymised| {
                    view! {
                        <ExportDialog
                            target=ExportTarget::Pack(id)
                            pseudonymised
                            on_cancel=on_export_cancel
                            on_done=on_exported
                        />
                    }
                })
        }}
        <h2 class="section">{t(Msg::PackAgenda)}</h2>
        {agenda_table(&detail.dossiers, kind, reorder, remove, selected)}
        {move || {
            selected
                .get()
                .map(|d| view! { <OutcomeForm meeting=id kind item=d selected on_change reload /> })
        }}
        <AddAgendaItem meeting=id on_change />
    }
}
