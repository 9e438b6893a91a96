//! A horizontal bar chart in plain SVG: every bar carries its label and value as text, and the
//! figure is described for screen readers (the table beside it has the same numbers).

use leptos::prelude::*;
use passerelle_domain::certification::format_rate;
use passerelle_domain::text::shortened;

/// One bar: label, rate (0–1), and the counts behind it (« 3 sur 4 »).
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub rate: f64,
    pub detail: String,
}

// Sized for half the screen at 1 280 px so that the 12-unit text renders at about 12 px.
const WIDTH: f64 = 520.0;
const LABEL_W: f64 = 190.0;
const BAR_MAX: f64 = 205.0;
const ROW_H: f64 = 26.0;
/// Labels longer than this are cut with « … » (the full label is the bar's tooltip and in
/// the table below).
const LABEL_CHARS: usize = 25;

#[component]
pub fn BarChart(id: &'static str, title: String, bars: Vec<Bar>) -> impl IntoView {
    let height = ROW_H * bars.len() as f64 + 8.0;
    let description = bars
        .iter()
        .map(|b| format!("{} : {} ({})", b.label, format_rate(b.rate), b.detail))
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
                viewBox=format!("0 0 {WIDTH} {height}")
                width="100%"
                class="chart-rates"
            >
                <title id=title_id>{title}</title>
                <desc id=desc_id>{description}</desc>
                {bars
                    .into_iter()
                    .enumerate()
                    .map(|(i, b)| {
                        let y = 4.0 + ROW_H * i as f64;
                        let w = (b.rate.clamp(0.0, 1.0) * BAR_MAX).max(1.0);
                        view! {
                            <g>
                                <title>{b.label.clone()}</title>
                                <text x="0" y=y + 17.0 class="chart-label">
                                    {shortened(&b.label, LABEL_CHARS)}
                                </text>
                                <rect
                                    x=LABEL_W
                                    y=y + 4.0
                                    width=BAR_MAX
                                    height=ROW_H - 8.0
                                    class="chart-track"
                                />
                                <rect
                                    x=LABEL_W
                                    y=y + 4.0
                                    width=w
                                    height=ROW_H - 8.0
                                    class="chart-bar"
                                />
                                <text x=LABEL_W + BAR_MAX + 8.0 y=y + 17.0 class="chart-value">
                                    {format!("{} · {}", format_rate(b.rate), b.detail)}
                                </text>
                            </g>
                        }
                    })
                    .collect_view()}
            </svg>
        </figure>
    }
}
