//! The dashboard's charts with their table twins: employees at risk against posts to fill by
//! trade family, case files by outcome, certifications obtained, diagnostics by month.

use chrono::{Datelike, Months, NaiveDate};
use leptos::prelude::*;
use passerelle_domain::dashboard::{CertificationCount, FamilyFigures, MonthCount, OutcomeCount};
use passerelle_domain::i18n::{count_with, format_count};

use super::charts::{Bars, Column, Columns, Row, Series};

/// A block of the dashboard: its heading (`{id}-heading`) and what it shows.
#[component]
fn Panel(id: &'static str, title: &'static str, children: Children) -> impl IntoView {
    let heading = format!("{id}-heading");
    let labelled_by = heading.clone();
    view! {
        <section class="panel-block" aria-labelledby=labelled_by>
            <h2 class="section" id=heading>
                {title}
            </h2>
            {children()}
        </section>
    }
}

const AT_RISK: Series = Series {
    label: "Salariés exposés",
    class: "at-risk",
};
const OPEN_POSTS: Series = Series {
    label: "Postes à pourvoir",
    class: "open-posts",
};
const CASES: Series = Series {
    label: "Dossiers",
    class: "cases-bar",
};

#[component]
pub fn Families(families: Vec<FamilyFigures>) -> impl IntoView {
    let title = "Salariés exposés et postes à pourvoir, par famille de métiers";
    let body = if families.is_empty() {
        view! {
            <p class="empty" id="families-empty">
                "Aucun diagnostic ni besoin de recrutement sur ce périmètre."
            </p>
        }
        .into_any()
    } else {
        let rows = families
            .iter()
            .map(|f| Row {
                label: format!("{} · {}", f.family, f.label),
                values: vec![f.at_risk, f.open_posts],
            })
            .collect();
        view! {
            <Bars
                id="families-chart"
                title="Par famille de métiers (domaine ROME), en personnes et en postes".to_owned()
                series=vec![AT_RISK, OPEN_POSTS]
                rows
            />
            <details class="twin">
                <summary>"Tableau des familles de métiers"</summary>
                <table class="cases compact" id="families-table">
                    <caption class="sr-only">{title}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Famille"</th>
                            <th scope="col" class="num">
                                "Effectif"
                            </th>
                            <th scope="col" class="num">
                                "Salariés exposés"
                            </th>
                            <th scope="col" class="num">
                                "Postes à pourvoir"
                            </th>
                        </tr>
                    </thead>
                    <tbody>
                        {families
                            .into_iter()
                            .map(|f| {
                                view! {
                                    <tr>
                                        <th scope="row">
                                            <span class="mono">{f.family}</span>
                                            " "
                                            {f.label}
                                        </th>
                                        <td class="num">{format_count(f.headcount)}</td>
                                        <td class="num">{format_count(f.at_risk)}</td>
                                        <td class="num">{format_count(f.open_posts)}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </details>
        }
        .into_any()
    };
    view! {
        <Panel id="families" title=title>
            {body}
        </Panel>
    }
}

#[component]
pub fn Outcomes(outcomes: Vec<OutcomeCount>, total: u64) -> impl IntoView {
    let body = if outcomes.is_empty() {
        view! {
            <p class="empty" id="outcomes-empty">
                "Aucun dossier sur ce périmètre."
            </p>
        }
        .into_any()
    } else {
        let rows = outcomes
            .iter()
            .map(|o| Row {
                label: o.outcome.label().to_owned(),
                values: vec![o.count],
            })
            .collect();
        view! {
            <p class="muted" id="outcomes-total">
                {format!(
                    "{} sur ce périmètre.",
                    count_with(total, "dossier ouvert", "dossiers ouverts"),
                )}
            </p>
            <Bars
                id="outcomes-chart"
                title="Dossiers individuels par situation".to_owned()
                series=vec![CASES]
                rows
            />
            <details class="twin">
                <summary>"Tableau des situations"</summary>
                <table class="cases compact" id="outcomes-table">
                    <caption class="sr-only">"Dossiers individuels par situation"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Situation"</th>
                            <th scope="col" class="num">
                                "Dossiers"
                            </th>
                        </tr>
                    </thead>
                    <tbody>
                        {outcomes
                            .into_iter()
                            .map(|o| {
                                view! {
                                    <tr>
                                        <th scope="row">{o.outcome.label()}</th>
                                        <td class="num">{format_count(o.count)}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </details>
        }
        .into_any()
    };
    view! {
        <Panel id="outcomes" title="Dossiers par situation">
            {body}
        </Panel>
    }
}

#[component]
pub fn Certifications(certifications: Vec<CertificationCount>) -> impl IntoView {
    view! {
        <Panel id="certifications" title="Certifications obtenues">
            {if certifications.is_empty() {
                view! { <p class="empty">"Aucune certification obtenue sur ce périmètre."</p> }
                    .into_any()
            } else {
                view! {
                    <table class="cases compact" id="certifications-table">
                        <thead>
                            <tr>
                                <th scope="col">"Certification"</th>
                                <th scope="col" class="num">
                                    "Obtenues"
                                </th>
                            </tr>
                        </thead>
                        <tbody>
                            {certifications
                                .into_iter()
                                .map(|c| {
                                    view! {
                                        <tr>
                                            <th scope="row">
                                                <span class="mono">{c.code}</span>
                                                " "
                                                {c.title}
                                            </th>
                                            <td class="num">{format_count(c.count)}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                }
                    .into_any()
            }}
        </Panel>
    }
}

const MONTHS_SHORT: [&str; 12] = [
    "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
    "déc.",
];

fn first_day(month: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d").ok()
}

/// Every month from the first to the last with a diagnostic (a month without any is a zero,
/// not a gap), at most the last 36.
fn timeline(months: &[MonthCount]) -> Vec<Column> {
    let dated: Vec<(NaiveDate, u64)> = months
        .iter()
        .filter_map(|m| Some((first_day(&m.month)?, m.count)))
        .collect();
    let (Some(first), Some(last)) = (
        dated.iter().map(|(d, _)| *d).min(),
        dated.iter().map(|(d, _)| *d).max(),
    ) else {
        return Vec::new();
    };
    let first = first.max(last - Months::new(35));
    let mut columns = Vec::new();
    let mut month = first;
    while month <= last {
        let value = dated
            .iter()
            .filter(|(d, _)| *d == month)
            .map(|(_, n)| n)
            .sum();
        let show_year = month == first || month.month() == 1;
        columns.push(Column {
            top: MONTHS_SHORT[month.month0() as usize].to_owned(),
            bottom: if show_year {
                month.year().to_string()
            } else {
                String::new()
            },
            full: passerelle_domain::i18n::format_month_year(month),
            value,
        });
        month = month + Months::new(1);
    }
    columns
}

#[component]
pub fn Timeline(months: Vec<MonthCount>) -> impl IntoView {
    let columns = timeline(&months);
    // The twin lists the chart's columns: the same months, the empty ones included.
    let table_rows = columns.clone();
    view! {
        <Panel id="timeline" title="Diagnostics par mois">
            {if columns.is_empty() {
                view! { <p class="empty">"Aucun diagnostic sur ce périmètre."</p> }.into_any()
            } else {
                view! {
                    <Columns
                        id="diagnostics-chart"
                        title="Diagnostics d’établissement réalisés, par mois".to_owned()
                        columns
                    />
                    <details class="twin">
                        <summary>"Tableau des diagnostics par mois"</summary>
                        <table class="cases compact" id="diagnostics-table">
                            <caption class="sr-only">
                                "Diagnostics d’établissement réalisés, par mois"
                            </caption>
                            <thead>
                                <tr>
                                    <th scope="col">"Mois"</th>
                                    <th scope="col" class="num">
                                        "Diagnostics"
                                    </th>
                                </tr>
                            </thead>
                            <tbody>
                                {table_rows
                                    .into_iter()
                                    .map(|c| {
                                        view! {
                                            <tr>
                                                <th scope="row">{c.full}</th>
                                                <td class="num">{format_count(c.value)}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </details>
                }
                    .into_any()
            }}
        </Panel>
    }
}
