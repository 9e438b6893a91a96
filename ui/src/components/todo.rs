//! À faire: the counsellor's day across all cases — deadlines overdue and coming, documents
//! missing, cases asleep.

use leptos::prelude::*;
use leptos_router::components::A;
use passerelle_domain::case::CaseId;
use passerelle_domain::i18n::{Label, Msg, count_noun, format_date, t};
use passerelle_domain::parcours::{DueItem, TodoFilter, TodoOverview};

use crate::components::common::{Loaded, RunButton, RunOutcome, first_message};
use crate::components::filters::{CounsellorFilter, TerritoryFilter};
use crate::{api, dom};

const HORIZON_DAYS: u32 = 30;
const IDLE_DAYS: u32 = 60;

fn case_link(case_id: CaseId, name: String) -> impl IntoView {
    view! { <A href=format!("/dossiers/{case_id}")>{name}</A> }
}

fn due_rows(items: Vec<DueItem>, class: &'static str) -> impl IntoView {
    items
        .into_iter()
        .map(|i| {
            view! {
                <tr class=class>
                    <td class="nowrap">{format_date(i.due)}</td>
                    <td>{case_link(i.case_id, i.name)}</td>
                    <td class="mono">{i.reference}</td>
                    <td>{i.label}</td>
                </tr>
            }
        })
        .collect_view()
}

fn more(total: u64, shown: usize) -> Option<String> {
    (total > shown as u64).then(|| format!("… et {} de plus.", total - shown as u64))
}

#[component]
pub fn Todo() -> impl IntoView {
    dom::set_title(Msg::TodoTitle);
    // Whose day: one counsellor's cases, one territory's, or all of them.
    let counsellor = RwSignal::new(String::new());
    let territory = RwSignal::new(String::new());
    let overview = LocalResource::new(move || {
        let filter = TodoFilter {
            counsellor: counsellor.get(),
            territory: territory.get(),
        };
        api::parcours::todo(HORIZON_DAYS, IDLE_DAYS, filter)
    });
    let territories = LocalResource::new(api::cases::territories);
    view! {
        <section id="screen-todo" aria-labelledby="screen-todo-title">
            <h1 id="screen-todo-title">{t(Msg::TodoTitle)}</h1>
            <div class="filters" role="search" aria-label="Filtrer les échéances">
                <CounsellorFilter id="todo-counsellor" value=counsellor />
                <TerritoryFilter id="todo-territory" value=territory territories />
            </div>
            <CalendarExport counsellor territory />
            <Loaded from=overview let:o>
                {render(o)}
            </Loaded>
        </section>
    }
}

/// « Exporter le calendrier (.ics) »: the deadlines of the filter's cases and the committee
/// sittings ahead, for the counsellor's calendar (references, never names).
#[component]
fn CalendarExport(counsellor: RwSignal<String>, territory: RwSignal<String>) -> impl IntoView {
    let result = RwSignal::new(None::<(String, bool)>);
    let export = Action::new_local(|filter: &TodoFilter| {
        api::parcours::export_calendar(HORIZON_DAYS, filter.clone())
    });
    Effect::new(move || match export.value().get() {
        Some(Ok(Some(path))) => {
            result.set(Some((format!("Calendrier enregistré : {path}"), false)));
        }
        // Cancelled: nothing was written, nothing to say.
        Some(Ok(None)) => result.set(None),
        Some(Err(e)) => result.set(first_message(&e).map(|m| (m, true))),
        None => {}
    });
    view! {
        <div class="actions">
            <RunButton
                id="todo-ics"
                label="Exporter le calendrier (.ics)"
                busy="Export en cours…"
                pending=export.pending()
                on_run=Callback::new(move |()| {
                    result.set(None);
                    export
                        .dispatch(TodoFilter {
                            counsellor: counsellor.get_untracked(),
                            territory: territory.get_untracked(),
                        });
                })
            />
            <span class="help">
                "Échéances des 30 prochains jours (et en retard) et séances de comité, avec la référence des dossiers, sans nom."
            </span>
        </div>
        <RunOutcome id="todo-ics-notice" result />
    }
}

fn render(o: TodoOverview) -> impl IntoView {
    let nothing = o.overdue_total + o.upcoming_total + o.missing_total + o.idle_total == 0;
    let more_overdue = more(o.overdue_total, o.overdue.len());
    let more_upcoming = more(o.upcoming_total, o.upcoming.len());
    let more_missing = more(o.missing_total, o.missing.len());
    let more_idle = more(o.idle_total, o.idle.len());
    view! {
        <div class="todo-summary" id="todo-summary">
            <span class="pill overdue">
                {passerelle_domain::i18n::count_with(
                    o.overdue_total,
                    "échéance dépassée",
                    "échéances dépassées",
                )}
            </span>
            <span class="pill soon">
                {format!(
                    "{} dans les {HORIZON_DAYS} jours",
                    count_noun(o.upcoming_total, "échéance"),
                )}
            </span>
            <span class="pill">
                {passerelle_domain::i18n::count_with(
                    o.missing_total,
                    "dossier incomplet",
                    "dossiers incomplets",
                )}
            </span>
            <span class="pill">
                {format!(
                    "{} sans activité depuis {IDLE_DAYS} jours",
                    count_noun(o.idle_total, "dossier"),
                )}
            </span>
        </div>
        {nothing.then(|| view! { <p class="empty">{t(Msg::TodoEmpty)}</p> })}
        {(o.overdue_total > 0)
            .then(|| {
                view! {
                    <h2 class="section">"En retard"</h2>
                    <table class="cases" id="todo-overdue">
                        <tbody>{due_rows(o.overdue, "overdue")}</tbody>
                    </table>
                    {more_overdue.map(|m| view! { <p class="muted">{m}</p> })}
                }
            })}
        {(o.upcoming_total > 0)
            .then(|| {
                view! {
                    <h2 class="section">{format!("Dans les {HORIZON_DAYS} prochains jours")}</h2>
                    <table class="cases" id="todo-upcoming">
                        <tbody>{due_rows(o.upcoming, "")}</tbody>
                    </table>
                    {more_upcoming.map(|m| view! { <p class="muted">{m}</p> })}
                }
            })}
        {(o.missing_total > 0)
            .then(|| {
                view! {
                    <h2 class="section">"Pièces manquantes"</h2>
                    <table class="cases" id="todo-missing">
                        <tbody>
                            {o
                                .missing
                                .into_iter()
                                .map(|m| {
                                    view! {
                                        <tr>
                                            <td>{case_link(m.case_id, m.name)}</td>
                                            <td class="mono">{m.reference}</td>
                                            <td>
                                                {format!(
                                                    "Pour « {} » : {}",
                                                    m.step.label(),
                                                    m
                                                        .kinds
                                                        .iter()
                                                        .map(|k| k.label())
                                                        .collect::<Vec<_>>()
                                                        .join(", "),
                                                )}
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                    {more_missing.map(|m| view! { <p class="muted">{m}</p> })}
                }
            })}
        {(o.idle_total > 0)
            .then(|| {
                view! {
                    <h2 class="section">
                        {format!("Sans activité depuis plus de {IDLE_DAYS} jours")}
                    </h2>
                    <table class="cases" id="todo-idle">
                        <tbody>
                            {o
                                .idle
                                .into_iter()
                                .map(|i| {
                                    view! {
                                        <tr>
                                            <td>{case_link(i.case_id, i.name)}</td>
                                            <td class="mono">{i.reference}</td>
                                            <td>{i.step.label()}</td>
                                            <td class="muted">
                                                {format!(
                                                    "modifié le {}",
                                                    super::cases::when_date(&i.updated_at),
                                                )}
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                    {more_idle.map(|m| view! { <p class="muted">{m}</p> })}
                }
            })}
    }
}
