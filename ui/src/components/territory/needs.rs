//! A table of hiring needs: an establishment's, or a census campaign's (with the establishment
//! of each); each need opens the people in reconversion who fit it.

use leptos::prelude::*;
use leptos_router::components::A;
use passerelle_domain::i18n::{format_count, format_date};
use passerelle_domain::ipc::NeedRow;
use passerelle_domain::need::{HiringNeed, NeedStatus};

use super::{establishment_href, rome_label};
use crate::components::matching::NeedCandidatesPanel;
use crate::dom;

fn yes_no(b: bool) -> &'static str {
    if b { "oui" } else { "non" }
}

/// The needs of one establishment (its page): the same table without its name.
pub fn rows_of(needs: Vec<HiringNeed>) -> Vec<NeedRow> {
    needs
        .into_iter()
        .map(|need| NeedRow {
            need,
            establishment_name: String::new(),
            commune_name: String::new(),
        })
        .collect()
}

#[component]
pub fn NeedTable(id: &'static str, rows: Vec<NeedRow>, with_establishment: bool) -> impl IntoView {
    if rows.is_empty() {
        return view! {
            <p class="empty" id=id>
                "Aucun besoin de recrutement enregistré."
            </p>
        }
        .into_any();
    }
    // The need whose candidates are shown: (id, the panel's title).
    let open = RwSignal::new(None::<(i64, String)>);
    let on_close = Callback::new(move |()| {
        if let Some((need, _)) = open.get_untracked() {
            open.set(None);
            dom::focus(&format!("need-candidates-{need}"));
        }
    });
    view! {
        <table class="cases compact" id=id>
            <thead>
                <tr>
                    {with_establishment
                        .then(|| {
                            view! {
                                <th scope="col">"Établissement"</th>
                                <th scope="col">"Commune"</th>
                            }
                        })} <th scope="col">"Métier"</th> <th scope="col" class="num">
                        "Postes"
                    </th> <th scope="col">"Contrat"</th> <th scope="col">"Démarrage"</th>
                    <th scope="col">"Reconversion"</th> <th scope="col">"AFEST"</th>
                    <th scope="col">"Statut"</th> <th scope="col">"Source"</th>
                    <th scope="col">"Campagne"</th> <th scope="col">"Enregistré le"</th>
                    <th scope="col">
                        <span class="sr-only">"Action"</span>
                    </th>
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|r| {
                        let n = r.need;
                        let trade = if n.appellation.is_empty() {
                            rome_label(&n.rome).to_owned()
                        } else {
                            n.appellation.clone()
                        };
                        let name = if r.establishment_name.is_empty() {
                            n.siret.clone()
                        } else {
                            r.establishment_name
                        };
                        let need_id = n.id;
                        let title = if with_establishment {
                            format!("Personnes qui correspondent : {} {trade} — {name}", n.rome)
                        } else {
                            format!("Personnes qui correspondent : {} {trade}", n.rome)
                        };
                        let action = (need_id > 0 && n.status == NeedStatus::Ouvert)
                            .then(|| {
                                let label = format!("{title} (besoin n°{need_id})");
                                // Only an open need has people to match with (the others are filled
                                // or given up).
                                view! {
                                    <button
                                        type="button"
                                        class="secondary small"
                                        id=format!("need-candidates-{need_id}")
                                        aria-label=label
                                        aria-controls="need-candidates-panel"
                                        aria-expanded=move || {
                                            if open
                                                .with(|o| o.as_ref().is_some_and(|(i, _)| *i == need_id))
                                            {
                                                "true"
                                            } else {
                                                "false"
                                            }
                                        }
                                        on:click=move |_| {
                                            if open
                                                .with_untracked(|o| {
                                                    o.as_ref().is_some_and(|(i, _)| *i == need_id)
                                                })
                                            {
                                                open.set(None);
                                            } else {
                                                open.set(Some((need_id, title.clone())));
                                            }
                                        }
                                    >
                                        "Personnes qui correspondent"
                                    </button>
                                }
                            });
                        view! {
                            <tr>
                                {with_establishment
                                    .then(|| {
                                        view! {
                                            <td>
                                                <A href=establishment_href(&n.siret)>{name}</A>
                                            </td>
                                            <td>{r.commune_name}</td>
                                        }
                                    })} <td>
                                    <span class="mono">{n.rome.clone()}</span>
                                    " "
                                    {trade}
                                </td> <td class="num">{format_count(u64::from(n.posts))}</td>
                                <td>{n.contract.label()}</td>
                                <td>{n.wished_start.map(format_date).unwrap_or_default()}</td>
                                <td>{yes_no(n.reconversion_open)}</td> <td>{yes_no(n.afest)}</td>
                                <td>{n.status.label()}</td> <td>{n.source.label()}</td>
                                <td>{n.campaign}</td>
                                <td>{n.recorded_on.map(format_date).unwrap_or_default()}</td>
                                <td class="row-actions">{action}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
        {move || {
            open.get()
                .map(|(need_id, title)| {
                    view! { <NeedCandidatesPanel need_id title on_close /> }
                })
        }}
    }
    .into_any()
}
