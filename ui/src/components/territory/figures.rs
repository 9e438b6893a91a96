//! The scope's key figures, in large type.

use leptos::prelude::*;
use passerelle_domain::dashboard::TerritoryDashboard;
use passerelle_domain::i18n::format_count;

#[component]
pub fn KeyFigures(d: TerritoryDashboard) -> impl IntoView {
    let at_risk: u64 = d.families.iter().map(|f| f.at_risk).sum();
    let open_posts: u64 = d.families.iter().map(|f| f.open_posts).sum();
    let figures = [
        (
            "fig-establishments",
            "Établissements suivis",
            d.establishments,
        ),
        ("fig-diagnosed", "Établissements diagnostiqués", d.diagnosed),
        (
            "fig-with-needs",
            "Établissements avec besoins ouverts",
            d.with_needs,
        ),
        ("fig-cases", "Dossiers ouverts", d.cases_opened),
        ("fig-at-risk", "Salariés exposés", at_risk),
        ("fig-open-posts", "Postes à pourvoir", open_posts),
    ];
    view! {
        <dl class="key-figures" aria-label="Chiffres clés">
            {figures
                .into_iter()
                .map(|(id, label, n)| {
                    view! {
                        <div class="key-figure">
                            <dt>{label}</dt>
                            <dd id=id>{format_count(n)}</dd>
                        </div>
                    }
                })
                .collect_view()}
        </dl>
    }
}
