//! Certifications › Candidats et résultats: candidates by certification and status, success
//! rates by certification and by territory (table and chart), and the CSV export.

use leptos::prelude::*;
use passerelle_domain::certification::{CandidateStatus, StaffOverview, SuccessRate, format_rate};
use passerelle_domain::i18n::{Label, format_count};

use super::HORIZON_DAYS;
use super::chart::{Bar, BarChart};
use super::export::Export;
use crate::api;
use crate::components::common::Loaded;

#[component]
pub fn Stats() -> impl IntoView {
    let overview = LocalResource::new(|| api::certifications::staff_overview(HORIZON_DAYS));
    view! {
        <Loaded from=overview let:o>
            {render(o)}
        </Loaded>
        <Export />
    }
}

fn render(o: StaffOverview) -> impl IntoView {
    let statuses = CandidateStatus::ALL;
    let totals: Vec<u32> = statuses
        .iter()
        .map(|s| o.by_certification.iter().map(|c| c.get(*s)).sum())
        .collect();
    let grand: u32 = totals.iter().sum();
    view! {
        <h2 class="section">"Candidats par certification et statut"</h2>
        {if o.by_certification.is_empty() {
            view! { <p class="empty">"Aucun candidat inscrit à une certification."</p> }.into_any()
        } else {
            view! {
                <table class="cases" id="candidates-by-status">
                    <thead>
                        <tr>
                            <th scope="col">"Certification"</th>
                            {statuses
                                .iter()
                                .map(|s| {
                                    view! {
                                        <th scope="col" class="num">
                                            {column(*s)}
                                        </th>
                                    }
                                })
                                .collect_view()}
                            <th scope="col" class="num">
                                "Total"
                            </th>
                        </tr>
                    </thead>
                    <tbody>
                        {o
                            .by_certification
                            .into_iter()
                            .map(|c| {
                                view! {
                                    <tr>
                                        <th scope="row">
                                            <span class="mono">{c.certification_code.clone()}</span>
                                            " "
                                            {c.certification_title.clone()}
                                        </th>
                                        {statuses
                                            .iter()
                                            .map(|s| {
                                                view! {
                                                    <td class="num">{format_count(u64::from(c.get(*s)))}</td>
                                                }
                                            })
                                            .collect_view()}
                                        <td class="num">
                                            <strong>{format_count(u64::from(c.total()))}</strong>
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                    <tfoot>
                        <tr>
                            <th scope="row">"Ensemble"</th>
                            {totals
                                .into_iter()
                                .map(|n| {
                                    view! {
                                        <td class="num">
                                            <strong>{format_count(u64::from(n))}</strong>
                                        </td>
                                    }
                                })
                                .collect_view()}
                            <td class="num">
                                <strong>{format_count(u64::from(grand))}</strong>
                            </td>
                        </tr>
                    </tfoot>
                </table>
            }
                .into_any()
        }}
        <h2 class="section">"Taux de réussite"</h2>
        <p class="help">
            "Validations totales rapportées à l’ensemble des résultats de jury et d’examen (totales, partielles et refus)."
        </p>
        <div class="rates">
            {rates("rates-certification", "Par certification", o.rates_by_certification)}
            {rates("rates-territory", "Par territoire", o.rates_by_territory)}
        </div>
    }
}

/// Column headers: the statuses in the plural.
fn column(s: CandidateStatus) -> &'static str {
    match s {
        CandidateStatus::EnParcours => "En parcours",
        CandidateStatus::InscritSession => "Inscrits à une session",
        CandidateStatus::ValidePartiellement => "Validés partiellement",
        CandidateStatus::Certifie => "Certifiés",
    }
}

fn rates(id: &'static str, title: &'static str, list: Vec<SuccessRate>) -> impl IntoView {
    if list.is_empty() {
        return view! {
            <section class="rate-block">
                <h3>{title}</h3>
                <p class="empty">"Aucun résultat enregistré."</p>
            </section>
        }
        .into_any();
    }
    let bars: Vec<Bar> = list
        .iter()
        .filter_map(|r| {
            r.rate().map(|rate| Bar {
                label: r.label.clone(),
                rate,
                detail: format!("{} sur {}", r.totales, r.results()),
            })
        })
        .collect();
    view! {
        <section class="rate-block">
            <h3>{title}</h3>
            <BarChart id=id title=format!("Taux de réussite {}", title.to_lowercase()) bars />
            <table class="cases" id=format!("{id}-table")>
                <thead>
                    <tr>
                        <th scope="col">
                            {if id == "rates-territory" { "Territoire" } else { "Certification" }}
                        </th>
                        <th scope="col" class="num">
                            "Résultats"
                        </th>
                        <th scope="col" class="num">
                            "Totales"
                        </th>
                        <th scope="col" class="num">
                            "Partielles"
                        </th>
                        <th scope="col" class="num">
                            "Refus"
                        </th>
                        <th scope="col" class="num">
                            "Taux"
                        </th>
                    </tr>
                </thead>
                <tbody>
                    {list
                        .into_iter()
                        .map(|r| {
                            view! {
                                <tr>
                                    <th scope="row">{r.label.clone()}</th>
                                    <td class="num">{r.results()}</td>
                                    <td class="num">{r.totales}</td>
                                    <td class="num">{r.partielles}</td>
                                    <td class="num">{r.refus}</td>
                                    <td class="num">
                                        <strong>
                                            {r.rate().map(format_rate).unwrap_or_else(|| "—".into())}
                                        </strong>
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </section>
    }
    .into_any()
}
