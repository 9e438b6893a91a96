//! Territoires: the dashboard of a territory or of one of its EPCIs. The scope is in the
//! address (`/territoires?territoire=moselle-sud&epci=200068146`), so that coming back from an
//! establishment's page finds the screen as it was left.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use passerelle_domain::AppError;
use passerelle_domain::dashboard::{Scope, TerritoryDashboard};
use passerelle_domain::i18n::{Msg, t};

use super::activity::{Certifications, Families, Outcomes, Timeline};
use super::establishments::EstablishmentSection;
use super::export::DashboardExport;
use super::figures::KeyFigures;
use super::map::{EpciMap, EpciTable, Metric};
use super::scope_href;
use super::trades::Trades;
use crate::components::common::Loaded;
use crate::components::filters::TerritoryOptions;
use crate::{api, dom};

/// The first territory of the list: the screen's scope when the address names none.
async fn default_scope() -> Result<Scope, AppError> {
    let territories = api::cases::territories().await?;
    Ok(Scope {
        territory: territories
            .into_iter()
            .next()
            .map(|t| t.code)
            .unwrap_or_default(),
        epci: String::new(),
    })
}

#[component]
pub fn Territories() -> impl IntoView {
    dom::set_title(Msg::TerritoriesTitle);
    let query = use_query_map();
    let requested = Memo::new(move |_| {
        let q = query.read();
        q.get("territoire")
            .filter(|t| !t.is_empty())
            .map(|territory| Scope {
                territory,
                epci: q.get("epci").unwrap_or_default(),
            })
    });
    let reload = RwSignal::new(0u32);
    let dashboard = LocalResource::new(move || {
        reload.track();
        let requested = requested.get();
        async move {
            let scope = match requested {
                Some(scope) => scope,
                None => default_scope().await?,
            };
            api::territory::dashboard(scope).await
        }
    });
    // The scope shown: the one the dashboard answered for.
    let scope = Memo::new(move |_| dashboard.get().and_then(Result::ok).map(|d| d.scope));
    let territories = LocalResource::new(api::cases::territories);
    let region_map = LocalResource::new(api::territory::region_map);
    let metric = RwSignal::new(Metric::AtRisk);
    let label_notice = RwSignal::new(None::<String>);
    // A label saved in one scope is not news in another.
    Effect::watch(
        move || scope.get(),
        move |_, _, _| label_notice.set(None),
        false,
    );
    // What gets the focus back once the dashboard is drawn again (the EPCI chosen by keyboard).
    let refocus = RwSignal::new(None::<String>);
    Effect::new(move || {
        if let Some(Ok(_)) = dashboard.get()
            && let Some(selector) = refocus.get_untracked()
        {
            refocus.set(None);
            request_animation_frame(move || {
                dom::focus_first(&selector);
            });
        }
    });
    let navigate = use_navigate();
    let go = Callback::new(move |href: String| navigate(&href, Default::default()));
    // An EPCI chosen on the map or in its table: its dashboard (in its own territory when it
    // belongs to another followed one); chosen again, the whole territory.
    let select_epci = Callback::new(move |(siren, territory): (String, String)| {
        let Some(current) = scope.get_untracked() else {
            return;
        };
        let territory = if territory.is_empty() {
            current.territory
        } else {
            territory
        };
        if current.epci == siren {
            go.run(scope_href(&territory, ""));
        } else {
            go.run(scope_href(&territory, &siren));
        }
    });
    let on_territory =
        move |ev: leptos::ev::Event| go.run(scope_href(&event_target_value(&ev), ""));
    let whole_territory = move |_| {
        if let Some(s) = scope.get_untracked() {
            refocus.set(Some("#territory-scope".into()));
            go.run(scope_href(&s.territory, ""));
        }
    };
    let scope_territory = Signal::derive(move || {
        scope.with(|s| s.as_ref().map(|s| s.territory.clone()).unwrap_or_default())
    });
    let has_epci = move || scope.with(|s| s.as_ref().is_some_and(|s| !s.epci.is_empty()));
    view! {
        <section id="screen-territories" aria-labelledby="screen-territories-title">
            <div class="screen-head">
                <h1 id="screen-territories-title">{t(Msg::TerritoriesTitle)}</h1>
                <div class="actions">
                    <A href="/territoires/besoins" attr:id="needs-census" attr:class="button">
                        "Recensement des besoins"
                    </A>
                </div>
            </div>
            <div class="filters scope-bar">
                <div class="field">
                    <label for="territory-scope">"Territoire"</label>
                    <select id="territory-scope" on:change=on_territory>
                        <TerritoryOptions territories=territories selected=scope_territory />
                    </select>
                </div>
                {move || {
                    has_epci()
                        .then(|| {
                            view! {
                                <button
                                    type="button"
                                    class="secondary"
                                    id="scope-all"
                                    on:click=whole_territory
                                >
                                    "Tout le territoire"
                                </button>
                            }
                        })
                }}
                <DashboardExport scope />
            </div>
            <Loaded from=dashboard let:d>
                {body(d, region_map, metric, select_epci, refocus, reload, label_notice)}
            </Loaded>
            <EstablishmentSection scope />
        </section>
    }
}

/// Everything the dashboard answered, drawn.
fn body(
    d: TerritoryDashboard,
    region_map: LocalResource<Result<passerelle_domain::map::RegionMap, AppError>>,
    metric: RwSignal<Metric>,
    select_epci: Callback<(String, String)>,
    refocus: RwSignal<Option<String>>,
    reload: RwSignal<u32>,
    label_notice: RwSignal<Option<String>>,
) -> impl IntoView {
    let epci_scope = !d.scope.epci.is_empty();
    // Trades are labelled for a followed territory: an EPCI's own, or the one shown.
    let label_territory = if epci_scope {
        d.epcis
            .iter()
            .find(|e| e.siren == d.scope.epci)
            .map(|e| e.territory.clone())
            .unwrap_or_default()
    } else {
        d.scope.territory.clone()
    };
    let scope_note = if epci_scope {
        "EPCI — les tableaux ci-dessous ne portent que sur lui."
    } else {
        "Territoire — choisissez un EPCI sur la carte ou dans le tableau pour n’afficher que lui."
    };
    let scope = d.scope.clone();
    let epcis = d.epcis.clone();
    let (table_epcis, table_scope) = (d.epcis.clone(), d.scope.clone());
    view! {
        <div class="scope-head">
            <h2 id="scope-label" aria-live="polite">
                {d.scope_label.clone()}
            </h2>
            <p class="muted">{scope_note}</p>
        </div>
        <KeyFigures d=d.clone() />
        <div class="territory-grid">
            <Loaded from=region_map let:map>
                <EpciMap
                    map
                    epcis=epcis.clone()
                    scope=scope.clone()
                    metric
                    on_select=select_epci
                    refocus
                />
            </Loaded>
            <div>
                <EpciTable epcis=table_epcis scope=table_scope on_select=select_epci refocus />
                <Families families=d.families.clone() />
            </div>
        </div>
        <Trades
            trades=d.trades.clone()
            territory=label_territory
            reload
            notice=label_notice
            refocus
        />
        <div class="territory-grid">
            <Outcomes outcomes=d.outcomes.clone() total=d.cases_opened />
            <div>
                <Timeline months=d.diagnostics_by_month.clone() />
                <Certifications certifications=d.certifications />
            </div>
        </div>
    }
}
