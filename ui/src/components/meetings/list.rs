//! `/comites`: the meetings, and a new one.

use leptos::prelude::*;
use leptos_router::components::A;
use passerelle_domain::i18n::{Label, Msg, format_date, t};

use super::form::MeetingForm;
use crate::components::common::Loaded;
use crate::{api, dom};

#[component]
pub fn Meetings() -> impl IntoView {
    dom::set_title(Msg::CommitteesTitle);
    let meetings = LocalResource::new(api::meetings::list);
    view! {
        <section id="screen-committees" aria-labelledby="screen-committees-title">
            <h1 id="screen-committees-title">{t(Msg::CommitteesTitle)}</h1>
            <p class="help">
                "Préparez les séances de la commission paritaire Transitions Pro et du comité des transitions individuelles : ordre du jour, dossiers PDF (complets ou pseudonymisés), décisions et avis."
            </p>
            <Loaded from=meetings let:list>
                {if list.is_empty() {
                    view! { <p class="empty">{t(Msg::CommitteesEmpty)}</p> }.into_any()
                } else {
                    view! {
                        <table class="cases" id="session-list">
                            <thead>
                                <tr>
                                    <th scope="col">"Date"</th>
                                    <th scope="col">"Instance"</th>
                                    <th scope="col">"Lieu"</th>
                                    <th scope="col" class="num">
                                        "Dossiers"
                                    </th>
                                    <th scope="col" class="num">
                                        "Traités"
                                    </th>
                                </tr>
                            </thead>
                            <tbody>
                                {list
                                    .into_iter()
                                    .map(|m| {
                                        view! {
                                            <tr>
                                                <td class="nowrap">
                                                    <A href=format!(
                                                        "/comites/{}",
                                                        m.id,
                                                    )>{format_date(m.held_on)}</A>
                                                </td>
                                                <td>{m.kind.label()}</td>
                                                <td>{m.place}</td>
                                                <td class="num">{m.dossier_count}</td>
                                                <td class="num">{m.decided_count}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    }
                        .into_any()
                }}
            </Loaded>
            <MeetingForm />
        </section>
    }
}
