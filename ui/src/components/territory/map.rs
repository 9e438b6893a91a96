//! The choropleth of the Grand Est EPCIs (SVG paths drawn once by the import tools, no map
//! library): coloured by a figure in five classes, the territory's EPCIs outlined, the chosen
//! one highlighted. Every EPCI is a button (click, Enter or Space chooses it); only the
//! territory's and the chosen one are in the tab order (the others are a territory away), and
//! the table below the map gives the same figures for them.

use std::collections::HashMap;

use leptos::prelude::*;
use passerelle_domain::dashboard::{EpciFigures, Scope};
use passerelle_domain::i18n::{count_noun, count_with, format_count};
use passerelle_domain::map::RegionMap;

use crate::dom;

/// The figure the map is coloured by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    AtRisk,
    OpenPosts,
    Establishments,
}

impl Metric {
    const ALL: [Metric; 3] = [Self::AtRisk, Self::OpenPosts, Self::Establishments];

    fn index(self) -> usize {
        self as usize
    }

    fn code(self) -> &'static str {
        match self {
            Self::AtRisk => "at_risk",
            Self::OpenPosts => "open_posts",
            Self::Establishments => "establishments",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Self::AtRisk => "Salariés exposés",
            Self::OpenPosts => "Postes à pourvoir",
            Self::Establishments => "Établissements suivis",
        }
    }

    fn value(self, e: &EpciFigures) -> u64 {
        match self {
            Self::AtRisk => e.at_risk,
            Self::OpenPosts => e.open_posts,
            Self::Establishments => e.establishments,
        }
    }

    /// « 12 salariés exposés ».
    fn count(self, n: u64) -> String {
        match self {
            Self::AtRisk => count_with(n, "salarié exposé", "salariés exposés"),
            Self::OpenPosts => count_with(n, "poste à pourvoir", "postes à pourvoir"),
            Self::Establishments => count_noun(n, "établissement"),
        }
    }

    /// Five sequential shades, light to dark (ColorBrewer OrRd, Blues, Greens).
    fn palette(self) -> Palette {
        match self {
            Self::AtRisk => ["#fdd49e", "#fdbb84", "#fc8d59", "#d7301f", "#990000"],
            Self::OpenPosts => ["#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"],
            Self::Establishments => ["#c7e9c0", "#a1d99b", "#74c476", "#31a354", "#006d2c"],
        }
    }
}

/// An outline above every shape (the focused or the chosen EPCI): a dark line on a white halo,
/// which stands out against every palette and the neighbours' borders alike.
fn ring(d: String) -> impl IntoView {
    view! {
        <path class="halo" d=d.clone() />
        <path class="edge" d=d />
    }
}

/// The fill of an EPCI without any (0).
const NONE_FILL: &str = "#e4e7eb";

/// Upper bounds of at most five classes of the non-zero values (quantiles, each bound a value
/// that occurs, so no class is empty).
fn class_bounds(values: impl Iterator<Item = u64>) -> Vec<u64> {
    let mut v: Vec<u64> = values.filter(|n| *n > 0).collect();
    v.sort_unstable();
    let mut bounds: Vec<u64> = Vec::new();
    if v.is_empty() {
        return bounds;
    }
    for k in 1..=5 {
        let upper = v[(k * v.len()).div_ceil(5) - 1];
        if bounds.last() != Some(&upper) {
            bounds.push(upper);
        }
    }
    bounds
}

/// Five sequential shades, light to dark.
type Palette = [&'static str; 5];

/// The palette entry of each class: the whole range even with fewer than five classes.
fn shade(palette: Palette, class: usize, classes: usize) -> &'static str {
    let i = if classes <= 1 {
        2
    } else {
        class * 4 / (classes - 1)
    };
    palette[i.min(4)]
}

fn fill(palette: Palette, n: u64, bounds: &[u64]) -> &'static str {
    if n == 0 || bounds.is_empty() {
        return NONE_FILL;
    }
    let class = bounds
        .iter()
        .position(|b| n <= *b)
        .unwrap_or(bounds.len() - 1);
    shade(palette, class, bounds.len())
}

/// The legend's rows: (colour, « 1 à 3 »).
fn legend(palette: Palette, bounds: &[u64]) -> Vec<(&'static str, String)> {
    let mut rows = vec![(NONE_FILL, "0".to_owned())];
    let mut lower = 1;
    for (class, upper) in bounds.iter().enumerate() {
        let text = if lower == *upper {
            format_count(*upper)
        } else {
            format!("{} à {}", format_count(lower), format_count(*upper))
        };
        rows.push((shade(palette, class, bounds.len()), text));
        lower = upper + 1;
    }
    rows
}

/// The legend's rows as list items: a swatch of the colour, the range.
fn legend_items(rows: Vec<(&'static str, String)>) -> impl IntoView {
    rows.into_iter()
        .map(|(colour, text)| {
            view! {
                <li>
                    <svg class="swatch" width="16" height="12" aria-hidden="true">
                        <rect width="16" height="12" fill=colour class="swatch-fill" />
                    </svg>
                    {text}
                </li>
            }
        })
        .collect_view()
}

/// One EPCI as drawn, for each metric: its fill and its accessible name.
struct Drawn {
    siren: String,
    territory: String,
    path: String,
    tooltip: String,
    fills: [&'static str; 3],
    names: [String; 3],
    in_territory: bool,
    selected: bool,
}

#[component]
pub fn EpciMap(
    map: RegionMap,
    epcis: Vec<EpciFigures>,
    scope: Scope,
    metric: RwSignal<Metric>,
    /// (SIREN, its followed territory or "").
    on_select: Callback<(String, String)>,
    refocus: RwSignal<Option<String>>,
) -> impl IntoView {
    let bounds: Vec<Vec<u64>> = Metric::ALL
        .iter()
        .map(|m| class_bounds(epcis.iter().map(|e| m.value(e))))
        .collect();
    let figures: HashMap<&str, &EpciFigures> =
        epcis.iter().map(|e| (e.siren.as_str(), e)).collect();
    let blank = EpciFigures::default();
    let outlines: HashMap<String, String> = map
        .epcis
        .iter()
        .map(|shape| (shape.siren.clone(), shape.path.clone()))
        .collect();
    let outlines = StoredValue::new(outlines);
    let outline = move |siren: &str| outlines.with_value(|o| o.get(siren).cloned());
    let chosen_outline = outline(&scope.epci);
    // The EPCI with the keyboard focus, outlined above the others.
    let focused = RwSignal::new(None::<String>);
    let mut drawn: Vec<Drawn> = map
        .epcis
        .iter()
        .map(|shape| {
            let f = figures.get(shape.siren.as_str()).copied().unwrap_or(&blank);
            let per = |m: Metric| {
                (
                    fill(m.palette(), m.value(f), &bounds[m.index()]),
                    format!("{} : {}", shape.name, m.count(m.value(f))),
                )
            };
            let [(f0, n0), (f1, n1), (f2, n2)] = Metric::ALL.map(per);
            Drawn {
                siren: shape.siren.clone(),
                territory: f.territory.clone(),
                path: shape.path.clone(),
                tooltip: format!(
                    "{}\n{} · {} · {}",
                    shape.name,
                    Metric::AtRisk.count(f.at_risk),
                    Metric::OpenPosts.count(f.open_posts),
                    Metric::Establishments.count(f.establishments)
                ),
                fills: [f0, f1, f2],
                names: [n0, n1, n2],
                in_territory: !scope.territory.is_empty() && f.territory == scope.territory,
                selected: shape.siren == scope.epci,
            }
        })
        .collect();
    // Outlines on top: the territory's EPCIs after the others, the chosen one last.
    drawn.sort_by_key(|d| (d.selected, d.in_territory));
    let paths = drawn
        .into_iter()
        .map(|d| {
            let Drawn {
                siren,
                territory,
                path,
                tooltip,
                fills,
                names,
                in_territory,
                selected,
            } = d;
            let choose = {
                let (siren, territory) = (siren.clone(), territory);
                move || on_select.run((siren.clone(), territory.clone()))
            };
            let on_click = {
                let choose = choose.clone();
                move |_| choose()
            };
            let selector = format!("path[data-siren=\"{siren}\"]");
            let (on_focus, on_blur) = {
                let (here, left) = (siren.clone(), siren.clone());
                (
                    move |_| focused.set(Some(here.clone())),
                    move |_| {
                        if focused.with_untracked(|f| f.as_ref() == Some(&left)) {
                            focused.set(None);
                        }
                    },
                )
            };
            let on_key = move |ev: leptos::ev::KeyboardEvent| {
                if ev.key() == "Enter" || ev.key() == " " {
                    ev.prevent_default();
                    refocus.set(Some(selector.clone()));
                    choose();
                }
            };
            view! {
                <path
                    d=path
                    data-siren=siren
                    class="epci"
                    class:in-territory=in_territory
                    class:selected=selected
                    fill=move || fills[metric.get().index()]
                    tabindex=if in_territory || selected { "0" } else { "-1" }
                    role="button"
                    aria-pressed=if selected { "true" } else { "false" }
                    aria-label=move || names[metric.get().index()].clone()
                    on:click=on_click
                    on:keydown=on_key
                    on:focus=on_focus
                    on:blur=on_blur
                >
                    <title>{tooltip}</title>
                </path>
            }
        })
        .collect_view();
    let legend_rows = move || legend(metric.get().palette(), &bounds[metric.get().index()]);
    let caption = move || format!("EPCI du Grand Est — {}", metric.get().label());
    view! {
        <figure class="map-figure" id="epci-map-figure">
            <figcaption id="epci-map-caption">{caption}</figcaption>
            <div class="map-tools">
                <div class="field inline">
                    <label for="map-metric">"Colorer selon"</label>
                    <select
                        id="map-metric"
                        on:change=move |ev| {
                            let code = event_target_value(&ev);
                            if let Some(m) = Metric::ALL.into_iter().find(|m| m.code() == code) {
                                metric.set(m);
                            }
                        }
                    >
                        {Metric::ALL
                            .into_iter()
                            .map(|m| {
                                view! {
                                    <option value=m.code() selected=move || metric.get() == m>
                                        {m.label()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <button
                    type="button"
                    class="link skip-link"
                    on:click=move |_| {
                        dom::focus("epci-table");
                    }
                >
                    "Passer la carte : aller au tableau des EPCI"
                </button>
            </div>
            <svg
                id="epci-map"
                class="epci-map"
                viewBox=map.view_box.clone()
                role="group"
                aria-labelledby="epci-map-caption"
            >
                {paths}
                <g class="epci-overlay" aria-hidden="true" pointer-events="none">
                    {chosen_outline.map(ring)}
                    {move || focused.get().and_then(|siren| outline(&siren)).map(ring)}
                </g>
            </svg>
            <ul
                class="map-legend"
                id="map-legend"
                aria-label=move || format!("Légende : {}", metric.get().label().to_lowercase())
            >
                {move || legend_items(legend_rows())}
                <li>
                    <svg class="swatch" width="16" height="12" aria-hidden="true">
                        <rect x="1" y="1" width="14" height="10" class="outline-territory" />
                    </svg>
                    "EPCI du territoire"
                </li>
                <li>
                    <svg class="swatch" width="16" height="12" aria-hidden="true">
                        <rect x="2.5" y="2.5" width="11" height="7" class="outline-halo" />
                        <rect x="2.5" y="2.5" width="11" height="7" class="outline-selected" />
                    </svg>
                    "EPCI choisi"
                </li>
            </ul>
            <p class="attribution" id="map-attribution">
                {map.attribution}
            </p>
        </figure>
    }
}

/// The map's twin: the figures of the territory's EPCIs (and of the chosen one), each a button
/// choosing it.
#[component]
pub fn EpciTable(
    epcis: Vec<EpciFigures>,
    scope: Scope,
    on_select: Callback<(String, String)>,
    /// Where the focus goes once the dashboard is drawn again: the chosen EPCI's button.
    refocus: RwSignal<Option<String>>,
) -> impl IntoView {
    let mut rows: Vec<EpciFigures> = epcis
        .into_iter()
        .filter(|e| {
            (!scope.territory.is_empty() && e.territory == scope.territory) || e.siren == scope.epci
        })
        .collect();
    rows.sort_by(|a, b| a.name.cmp(&b.name));
    view! {
        <table class="cases compact epci-table" id="epci-table" tabindex="-1">
            <caption>"EPCI du territoire"</caption>
            <thead>
                <tr>
                    <th scope="col">"EPCI"</th>
                    <th scope="col" class="num">
                        "Établissements"
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
                {rows
                    .into_iter()
                    .map(|e| {
                        let selected = e.siren == scope.epci;
                        let choice = (e.siren.clone(), e.territory.clone());
                        let button = format!("#epci-{}", e.siren);
                        view! {
                            <tr class:selected=selected>
                                <th scope="row">
                                    <button
                                        type="button"
                                        class="link"
                                        id=format!("epci-{}", e.siren)
                                        aria-pressed=if selected { "true" } else { "false" }
                                        on:click=move |_| {
                                            refocus.set(Some(button.clone()));
                                            on_select.run(choice.clone());
                                        }
                                    >
                                        {e.name}
                                    </button>
                                    " "
                                    <span class="muted mono">{e.siren}</span>
                                </th>
                                <td class="num">{format_count(e.establishments)}</td>
                                <td class="num">{format_count(e.at_risk)}</td>
                                <td class="num">{format_count(e.open_posts)}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

/// The shades of a map of counts (ColorBrewer Purples: no other map uses them).
const COUNT_PALETTE: Palette = ["#dadaeb", "#bcbddc", "#9e9ac8", "#756bb1", "#54278f"];

/// A map of one count per EPCI (the sessions of a search of the training offer, say), in five
/// classes. The EPCIs with a count are buttons in the tab order: choosing one sets `selected`
/// (chosen again, clears it). The table twin is the caller's (`table_id`, the skip link's
/// target).
#[component]
pub fn EpciCountMap(
    id: &'static str,
    map: RegionMap,
    /// (SIREN, count); EPCIs left out count 0.
    counts: Vec<(String, u64)>,
    caption: String,
    /// The counted thing, singular and plural (« session », « sessions »).
    noun: (&'static str, &'static str),
    selected: RwSignal<Option<String>>,
    table_id: &'static str,
) -> impl IntoView {
    let bounds = class_bounds(counts.iter().map(|(_, n)| *n));
    let by_siren: HashMap<String, u64> = counts.into_iter().collect();
    let outlines: HashMap<String, String> = map
        .epcis
        .iter()
        .map(|shape| (shape.siren.clone(), shape.path.clone()))
        .collect();
    let outlines = StoredValue::new(outlines);
    let outline = move |siren: &str| outlines.with_value(|o| o.get(siren).cloned());
    let focused = RwSignal::new(None::<String>);
    let mut shapes: Vec<(u64, &passerelle_domain::map::EpciShape)> = map
        .epcis
        .iter()
        .map(|shape| (by_siren.get(&shape.siren).copied().unwrap_or(0), shape))
        .collect();
    // Those with a count drawn last: their outline on top.
    shapes.sort_by_key(|(n, _)| *n > 0);
    let paths = shapes
        .into_iter()
        .map(|(n, shape)| {
            let siren = shape.siren.clone();
            let counted = n > 0;
            let name = format!("{} : {}", shape.name, count_with(n, noun.0, noun.1));
            let tooltip = name.clone();
            let toggle = {
                let siren = siren.clone();
                move || {
                    if selected.get_untracked().as_deref() == Some(siren.as_str()) {
                        selected.set(None);
                    } else {
                        selected.set(Some(siren.clone()));
                    }
                }
            };
            let on_click = {
                let toggle = toggle.clone();
                move |_| toggle()
            };
            let on_key = move |ev: leptos::ev::KeyboardEvent| {
                if ev.key() == "Enter" || ev.key() == " " {
                    ev.prevent_default();
                    toggle();
                }
            };
            let (here, left) = (siren.clone(), siren.clone());
            let is_selected = {
                let siren = siren.clone();
                move || selected.with(|s| s.as_deref() == Some(siren.as_str()))
            };
            let focusable = {
                let is_selected = is_selected.clone();
                move || if n > 0 || is_selected() { "0" } else { "-1" }
            };
            let pressed = {
                let is_selected = is_selected.clone();
                move || if is_selected() { "true" } else { "false" }
            };
            view! {
                <path
                    d=shape.path.clone()
                    data-siren=siren
                    class="epci"
                    class:in-territory=counted
                    class:selected=is_selected
                    fill=fill(COUNT_PALETTE, n, &bounds)
                    tabindex=focusable
                    role="button"
                    aria-pressed=pressed
                    aria-label=name
                    on:click=on_click
                    on:keydown=on_key
                    on:focus=move |_| focused.set(Some(here.clone()))
                    on:blur=move |_| {
                        if focused.with_untracked(|f| f.as_ref() == Some(&left)) {
                            focused.set(None);
                        }
                    }
                >
                    <title>{tooltip}</title>
                </path>
            }
        })
        .collect_view();
    let caption_id = format!("{id}-caption");
    let legend_label = format!("Légende : {}", noun.1);
    view! {
        <figure class="map-figure" id=format!("{id}-figure")>
            <figcaption id=caption_id.clone()>{caption}</figcaption>
            <div class="map-tools">
                <button
                    type="button"
                    class="link skip-link"
                    on:click=move |_| {
                        dom::focus(table_id);
                    }
                >
                    "Passer la carte : aller au tableau des EPCI"
                </button>
            </div>
            <svg
                id=id
                class="epci-map"
                viewBox=map.view_box.clone()
                role="group"
                aria-labelledby=caption_id
            >
                {paths}
                <g class="epci-overlay" aria-hidden="true" pointer-events="none">
                    {move || selected.get().and_then(|siren| outline(&siren)).map(ring)}
                    {move || focused.get().and_then(|siren| outline(&siren)).map(ring)}
                </g>
            </svg>
            <ul class="map-legend" id=format!("{id}-legend") aria-label=legend_label>
                {legend_items(legend(COUNT_PALETTE, &bounds))}
                <li>
                    <svg class="swatch" width="16" height="12" aria-hidden="true">
                        <rect x="1" y="1" width="14" height="10" class="outline-territory" />
                    </svg>
                    {format!("EPCI avec au moins une {}", noun.0)}
                </li>
                <li>
                    <svg class="swatch" width="16" height="12" aria-hidden="true">
                        <rect x="2.5" y="2.5" width="11" height="7" class="outline-halo" />
                        <rect x="2.5" y="2.5" width="11" height="7" class="outline-selected" />
                    </svg>
                    "EPCI choisi"
                </li>
            </ul>
            <p class="attribution" id=format!("{id}-attribution")>
                {map.attribution}
            </p>
        </figure>
    }
}
