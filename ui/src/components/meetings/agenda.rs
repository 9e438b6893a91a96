//! A meeting's agenda: the dossiers in order (move up, down, remove, open the outcome form) and
//! the total requested.

use leptos::prelude::*;
use leptos_router::components::A;
use passerelle_domain::AppError;
use passerelle_domain::case::CaseId;
use passerelle_domain::committee::{AgendaItem, CommitteeKind, MeetingDetail, Outcome};
use passerelle_domain::i18n::{Label, format_euros};
use passerelle_domain::validate::rome_label;

/// The French label of a decision or an opinion (the domain labels each).
/// The meeting as last loaded or changed: every agenda change answers the new agenda.
pub type Shown = RwSignal<Option<Result<MeetingDetail, AppError>>>;

type Change<I> = Action<I, Result<MeetingDetail, AppError>>;

pub fn agenda_table(
    items: &[AgendaItem],
    kind: CommitteeKind,
    reorder: Change<Vec<CaseId>>,
    remove: Change<CaseId>,
    selected: RwSignal<Option<AgendaItem>>,
) -> impl IntoView + use<> {
    let count = items.len();
    if count == 0 {
        return view! {
            <p class="empty" id="agenda-empty">
                "Aucun dossier à l’ordre du jour."
            </p>
        }
        .into_any();
    }
    let order: Vec<CaseId> = items.iter().map(|d| d.case_id).collect();
    let rows = items
        .iter()
        .cloned()
        .enumerate()
        .map(|(i, d)| {
            let up = (i > 0).then(|| {
                let mut o = order.clone();
                o.swap(i, i - 1);
                o
            });
            let down = (i + 1 < count).then(|| {
                let mut o = order.clone();
                o.swap(i, i + 1);
                o
            });
            let case_id = d.case_id;
            let decided = d.outcome.is_some();
            let for_form = d.clone();
            let target = if d.target_rome.is_empty() {
                "—".to_owned()
            } else {
                format!(
                    "{} {}",
                    d.target_rome,
                    rome_label(&d.target_rome).unwrap_or_default()
                )
            };
            view! {
                <tr id=format!("agenda-{case_id}")>
                    <td class="num">{d.position}</td>
                    <td>
                        <A href=format!("/dossiers/{case_id}")>{d.display_name.clone()}</A>
                        <br />
                        <span class="mono muted">{d.reference.clone()}</span>
                    </td>
                    <td class="mono">{d.pseudonym.clone()}</td>
                    <td>{d.step.label()}</td>
                    <td>{target}</td>
                    <td class="num">{format_euros(d.amount_requested_cents)}</td>
                    <td class="outcome">
                        {d.outcome.map(Outcome::label).unwrap_or("—")}
                        {d.amount_granted_cents.map(|c| format!(" ({})", format_euros(c)))}
                    </td>
                    <td class="row-actions">
                        <button
                            type="button"
                            class="link"
                            aria-label=format!("Monter le dossier {}", d.position)
                            disabled=up.is_none()
                            on:click=move |_| {
                                if let Some(o) = up.clone() {
                                    reorder.dispatch(o);
                                }
                            }
                        >
                            "↑"
                        </button>
                        <button
                            type="button"
                            class="link"
                            aria-label=format!("Descendre le dossier {}", d.position)
                            disabled=down.is_none()
                            on:click=move |_| {
                                if let Some(o) = down.clone() {
                                    reorder.dispatch(o);
                                }
                            }
                        >
                            "↓"
                        </button>
                        <button
                            type="button"
                            class="link"
                            id=format!("outcome-open-{case_id}")
                            disabled=decided
                            on:click=move |_| selected.set(Some(for_form.clone()))
                        >
                            {if kind == CommitteeKind::ComiteLocal {
                                "Avis…"
                            } else {
                                "Décision…"
                            }}
                        </button>
                        <button
                            type="button"
                            class="link"
                            disabled=decided
                            on:click=move |_| {
                                if window()
                                    .confirm_with_message(
                                        "Retirer ce dossier de l’ordre du jour ?",
                                    )
                                    .unwrap_or(false)
                                {
                                    remove.dispatch(case_id);
                                }
                            }
                        >
                            "Retirer"
                        </button>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let total: i64 = items.iter().map(|d| d.amount_requested_cents).sum();
    view! {
        <table class="cases" id="agenda">
            <thead>
                <tr>
                    <th scope="col" class="num">
                        "N°"
                    </th>
                    <th scope="col">"Bénéficiaire"</th>
                    <th scope="col">"Pseudonyme"</th>
                    <th scope="col">"Étape"</th>
                    <th scope="col">"Métier visé"</th>
                    <th scope="col" class="num">
                        "Demandé"
                    </th>
                    <th scope="col">"Issue"</th>
                    <th scope="col">
                        <span class="sr-only">"Actions"</span>
                    </th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
            <tfoot>
                <tr>
                    <th scope="row" colspan="5">
                        "Total demandé"
                    </th>
                    <td class="num strong">{format_euros(total)}</td>
                    <td colspan="2"></td>
                </tr>
            </tfoot>
        </table>
    }
    .into_any()
}
