//! Charts of counts in plain SVG: horizontal bars (one or two series per row) and columns over
//! time. Every bar carries its value as text, the figure is described for screen readers, and
//! each chart has a table twin beside it with the same numbers.

use leptos::prelude::*;
use passerelle_domain::i18n::format_count;
use passerelle_domain::text::shortened;

/// A series of bars: its name (legend) and its CSS class (colour).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Series {
    pub label: &'static str,
    pub class: &'static str,
}

/// One row: its label and one value per series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub label: String,
    pub values: Vec<u64>,
}

const WIDTH: f64 = 560.0;
const LABEL_W: f64 = 210.0;
const BAR_MAX: f64 = 290.0;
const BAR_H: f64 = 13.0;
const BAR_GAP: f64 = 3.0;
const ROW_PAD: f64 = 10.0;
/// Labels longer than this are cut with « … » (the full label is the row's tooltip and in the
/// table).
const LABEL_CHARS: usize = 30;

/// The series' names with their colours, above a chart of several. (Colours are SVG fills:
/// the CSP forbids inline styles.)
#[component]
pub fn Legend(series: Vec<Series>) -> impl IntoView {
    view! {
        <ul class="chart-legend">
            {series
                .into_iter()
                .map(|s| {
                    view! {
                        <li>
                            <svg class="swatch" width="16" height="12" aria-hidden="true">
                                <rect
                                    width="16"
                                    height="12"
                                    class=format!("chart-bar {}", s.class)
                                />
                            </svg>
                            {s.label}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// Horizontal bars: a row per label, a bar per series, scaled to the largest value.
#[component]
pub fn Bars(id: &'static str, title: String, series: Vec<Series>, rows: Vec<Row>) -> impl IntoView {
    let per_row = series.len().max(1) as f64;
    let row_h = per_row * (BAR_H + BAR_GAP) - BAR_GAP + ROW_PAD;
    let height = row_h * rows.len() as f64 + 4.0;
    let max = rows
        .iter()
        .flat_map(|r| r.values.iter().copied())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let description = rows
        .iter()
        .map(|r| {
            let values = series
                .iter()
                .zip(&r.values)
                .map(|(s, v)| format!("{} {}", s.label.to_lowercase(), format_count(*v)))
                .collect::<Vec<_>>()
                .join(", ");
            format!("{} : {values}", r.label)
        })
        .collect::<Vec<_>>()
        .join(" ; ");
    let (title_id, desc_id) = (format!("{id}-title"), format!("{id}-desc"));
    let labelled_by = format!("{title_id} {desc_id}");
    let multi = series.len() > 1;
    view! {
        <figure class="chart" id=id>
            <figcaption>{title.clone()}</figcaption>
            {multi.then(|| view! { <Legend series=series.clone() /> })}
            <svg
                role="img"
                aria-labelledby=labelled_by
                viewBox=format!("0 0 {WIDTH} {height}")
                width=WIDTH
                height=height
                class="chart-svg"
            >
                <title id=title_id>{title}</title>
                <desc id=desc_id>{description}</desc>
                {rows
                    .into_iter()
                    .enumerate()
                    .map(|(i, r)| {
                        let y = 2.0 + row_h * i as f64;
                        let label_y = y + (row_h - ROW_PAD) / 2.0 + 4.0;
                        let bars = series
                            .iter()
                            .zip(r.values.iter().copied())
                            .enumerate()
                            .map(|(k, (s, v))| {
                                let by = y + k as f64 * (BAR_H + BAR_GAP);
                                let w = if v == 0 {
                                    0.0
                                } else {
                                    (v as f64 / max * BAR_MAX).max(2.0)
                                };
                                view! {
                                    <rect
                                        x=LABEL_W
                                        y=by
                                        width=w
                                        height=BAR_H
                                        class=format!("chart-bar {}", s.class)
                                    />
                                    <text
                                        x=LABEL_W + w + 5.0
                                        y=by + BAR_H - 2.5
                                        class="chart-value"
                                    >
                                        {format_count(v)}
                                    </text>
                                }
                            })
                            .collect_view();
                        view! {
                            <g>
                                <title>{r.label.clone()}</title>
                                <text x="0" y=label_y class="chart-label">
                                    {shortened(&r.label, LABEL_CHARS)}
                                </text>
                                <line
                                    x1=LABEL_W
                                    x2=LABEL_W
                                    y1=y - 2.0
                                    y2=y + row_h - ROW_PAD + 2.0
                                    class="chart-axis"
                                />
                                {bars}
                            </g>
                        }
                    })
                    .collect_view()}
            </svg>
        </figure>
    }
}

/// One column: its label under the axis (two short lines) and its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub top: String,
    pub bottom: String,
    pub full: String,
    pub value: u64,
}

const COL_W: f64 = 34.0;
const PLOT_H: f64 = 110.0;
const AXIS_Y: f64 = PLOT_H + 18.0;

/// Columns over time (a month each), scaled to the largest value.
#[component]
pub fn Columns(id: &'static str, title: String, columns: Vec<Column>) -> impl IntoView {
    // At least six columns wide: a lone month stays a column, not a slab.
    let width = 8.0 + COL_W * columns.len().max(6) as f64;
    let height = AXIS_Y + 32.0;
    let max = columns.iter().map(|c| c.value).max().unwrap_or(0).max(1) as f64;
    let description = columns
        .iter()
        .map(|c| format!("{} : {}", c.full, format_count(c.value)))
        .collect::<Vec<_>>()
        .join(" ; ");
    let (title_id, desc_id) = (format!("{id}-title"), format!("{id}-desc"));
    let labelled_by = format!("{title_id} {desc_id}");
    view! {
        <figure class="chart" id=id>
            <figcaption>{title.clone()}</figcaption>
            <svg
                role="img"
                aria-labelledby=labelled_by
                viewBox=format!("0 0 {width} {height}")
                width=width
                height=height
                class="chart-svg"
            >
                <title id=title_id>{title}</title>
                <desc id=desc_id>{description}</desc>
                <line x1="4" x2=width - 4.0 y1=AXIS_Y y2=AXIS_Y class="chart-axis" />
                {columns
                    .into_iter()
                    .enumerate()
                    .map(|(i, c)| {
                        let x = 4.0 + COL_W * i as f64;
                        let h = if c.value == 0 {
                            0.0
                        } else {
                            (c.value as f64 / max * PLOT_H).max(2.0)
                        };
                        let mid = x + COL_W / 2.0;
                        view! {
                            <g>
                                <title>{format!("{} : {}", c.full, format_count(c.value))}</title>
                                <rect
                                    x=x + 5.0
                                    y=AXIS_Y - h
                                    width=COL_W - 10.0
                                    height=h
                                    class="chart-bar"
                                />
                                <text
                                    x=mid
                                    y=AXIS_Y - h - 4.0
                                    text-anchor="middle"
                                    class="chart-value"
                                >
                                    {(c.value > 0).then(|| format_count(c.value))}
                                </text>
                                <text
                                    x=mid
                                    y=AXIS_Y + 14.0
                                    text-anchor="middle"
                                    class="chart-label"
                                >
                                    {c.top}
                                </text>
                                <text
                                    x=mid
                                    y=AXIS_Y + 27.0
                                    text-anchor="middle"
                                    class="chart-label"
                                >
                                    {c.bottom}
                                </text>
                            </g>
                        }
                    })
                    .collect_view()}
            </svg>
        </figure>
    }
}
