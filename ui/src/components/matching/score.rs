//! A score and its parts: the stacked bar (each part its colour, the whole said in words for
//! screen readers), the legend of the colours, and the parts written out with their reasons.

use leptos::prelude::*;
use passerelle_domain::i18n::{count_with, format_count, format_stamp_date};
use passerelle_domain::matching::{Component, Match, NeedOffer, ScorePart, Versions};

/// The CSS class colouring a part (an SVG fill: the CSP forbids inline styles).
pub fn part_class(c: Component) -> &'static str {
    match c {
        Component::Trade => "part-trade",
        Component::Competences => "part-competences",
        Component::Certification => "part-certification",
        Component::Distance => "part-distance",
        Component::Employer => "part-employer",
        Component::Outlook => "part-outlook",
    }
}

/// A part's colour, as a small square before its text.
fn swatch(c: Component) -> impl IntoView {
    view! {
        <svg class="swatch" width="12" height="12" aria-hidden="true">
            <rect width="12" height="12" class=format!("score-part {}", part_class(c)) />
        </svg>
    }
}

/// « Score 72 sur 100 : proximité du métier 34 sur 40, … ».
fn spoken(score: u32, parts: &[ScorePart]) -> String {
    let parts = parts
        .iter()
        .map(|p| {
            format!(
                "{} {} sur {}",
                p.component.label().to_lowercase(),
                p.points,
                p.max
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    format!("Score {score} sur 100 : {parts}")
}

/// The score out of 100 as a bar of its parts, followed by the figure.
#[component]
pub fn ScoreBar(score: u32, parts: Vec<ScorePart>) -> impl IntoView {
    let said = spoken(score, &parts);
    let title = said.clone();
    let mut x = 0u32;
    let rects = parts
        .iter()
        .filter(|p| p.points > 0)
        .map(|p| {
            let at = x;
            x += p.points;
            view! {
                <rect
                    x=at
                    y="0"
                    width=p.points
                    height="10"
                    class=format!("score-part {}", part_class(p.component))
                />
            }
        })
        .collect_view();
    view! {
        <span class="score">
            <svg
                class="score-bar"
                viewBox="0 0 100 10"
                width="100"
                height="10"
                preserveAspectRatio="none"
                role="img"
                aria-label=said
            >
                <title>{title}</title>
                <rect class="score-track" x="0" y="0" width="100" height="10" />
                {rects}
            </svg>
            <strong class="score-value">{format!("{score}/100")}</strong>
        </span>
    }
}

/// A part's name in a line of all six.
fn short_label(c: Component) -> &'static str {
    match c {
        Component::Trade => "métier",
        Component::Competences => "compétences",
        Component::Certification => "certification",
        Component::Distance => "distance",
        Component::Employer => "employeur",
        Component::Outlook => "perspectives",
    }
}

/// The bar's text twin, on one line: « métier 34/40 · compétences 20/30 · … ».
#[component]
pub fn PartsInline(parts: Vec<ScorePart>) -> impl IntoView {
    let text = parts
        .iter()
        .map(|p| format!("{} {}/{}", short_label(p.component), p.points, p.max))
        .collect::<Vec<_>>()
        .join(" · ");
    view! {
        <p class="parts-inline small muted" aria-hidden="true">
            {text}
        </p>
    }
}

/// What each colour of the bars stands for, and the most each part gives.
#[component]
pub fn PartsLegend(id: &'static str) -> impl IntoView {
    view! {
        <ul class="chart-legend score-legend" id=id aria-label="Parts du score">
            {Component::ALL
                .into_iter()
                .map(|c| {
                    view! { <li>{swatch(c)} {format!("{} ({} points)", c.label(), c.max())}</li> }
                })
                .collect_view()}
        </ul>
    }
}

/// Every part written out: « 34/40 — Proximité du métier : Mobilité n°2 du ROME depuis H2913 ».
#[component]
pub fn PartsList(parts: Vec<ScorePart>) -> impl IntoView {
    view! {
        <ul class="score-parts">
            {parts
                .into_iter()
                .map(|p| {
                    view! {
                        <li class=format!(
                            "score-part-row {}",
                            part_class(p.component),
                        )>
                            {swatch(p.component)}
                            <span class="num">{format!("{}/{}", p.points, p.max)}</span> " — "
                            <strong>{p.component.label()}</strong> " : " {p.reason}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// The core competences of the target the person does not hold.
#[component]
pub fn Missing(missing: Vec<String>) -> impl IntoView {
    if missing.is_empty() {
        return view! { <p class="small muted">"Toutes les compétences clés sont détenues."</p> }
            .into_any();
    }
    view! {
        <p class="small strong">
            {format!(
                "{} à acquérir :",
                count_with(missing.len() as u64, "compétence clé", "compétences clés"),
            )}
        </p>
        <ul class="reasons missing-skills">
            {missing.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
        </ul>
    }
    .into_any()
}

/// « Soudure Industrie — Sarrebourg · 3 postes, ouvert à la reconversion ».
pub fn need_text(n: &NeedOffer) -> String {
    let commune = if n.commune_name.is_empty() {
        &n.commune
    } else {
        &n.commune_name
    };
    format!(
        "{} — {} · {}{}",
        n.establishment,
        commune,
        count_with(u64::from(n.posts), "poste", "postes"),
        if n.open_to_reconversion {
            ", ouvert à la reconversion"
        } else {
            ""
        }
    )
}

/// « 12 km », or « — » when unknown.
pub fn distance_text(km: Option<u32>) -> String {
    km.map_or_else(
        || "—".to_owned(),
        |k| format!("{} km", format_count(u64::from(k))),
    )
}

/// « J1501 Soins d’hygiène, de confort du patient ».
pub fn trade_text(m: &Match) -> String {
    format!("{} {}", m.rome, m.rome_label)
}

/// « Référentiel ROME 4.60 ; offre de formation importée le 2 mars 2026 ».
pub fn versions_text(v: &Versions) -> String {
    let offer = if v.offer.trim().is_empty() {
        "aucune offre de formation importée".to_owned()
    } else {
        format!(
            "offre de formation importée le {}",
            format_stamp_date(&v.offer)
        )
    };
    format!("Référentiel ROME {} ; {offer}", v.rome)
}
