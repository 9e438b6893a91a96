//! Tabs following the WAI-ARIA pattern: one tab stop for the list, arrow keys move between
//! tabs, Tab moves into the panel, which is labelled by its tab.

use leptos::prelude::*;

use crate::dom;

/// One tab: what it selects, its button's id, its label.
pub type TabEntry<K> = (K, &'static str, &'static str);

/// The tab list. `label` names it for screen readers (« Sections du dossier »).
#[component]
pub fn Tabs<K>(
    tabs: &'static [TabEntry<K>],
    current: RwSignal<K>,
    label: &'static str,
) -> impl IntoView
where
    K: Copy + PartialEq + Send + Sync + 'static,
{
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let i = tabs
            .iter()
            .position(|(t, _, _)| *t == current.get_untracked())
            .unwrap_or(0);
        let next = match ev.key().as_str() {
            "ArrowRight" => (i + 1) % tabs.len(),
            "ArrowLeft" => (i + tabs.len() - 1) % tabs.len(),
            _ => return,
        };
        current.set(tabs[next].0);
        dom::focus(tabs[next].1);
    };
    view! {
        <div class="tabs" role="tablist" aria-label=label on:keydown=on_key>
            {tabs
                .iter()
                .map(|&(t, id, text)| {
                    view! {
                        <button
                            type="button"
                            role="tab"
                            id=id
                            aria-selected=move || if current.get() == t { "true" } else { "false" }
                            tabindex=move || if current.get() == t { "0" } else { "-1" }
                            on:click=move |_| current.set(t)
                        >
                            {text}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}

/// The panel of the current tab, as `render` draws it.
#[component]
pub fn TabPanel<K, F, V>(
    tabs: &'static [TabEntry<K>],
    current: RwSignal<K>,
    render: F,
) -> impl IntoView
where
    K: Copy + PartialEq + Send + Sync + 'static,
    F: Fn(K) -> V + Send + 'static,
    V: IntoView + 'static,
{
    move || {
        let shown = current.get();
        let panel = render(shown);
        let labelled_by = tabs
            .iter()
            .find(|(t, _, _)| *t == shown)
            .map_or("", |(_, id, _)| id);
        view! {
            <div role="tabpanel" class="panel" aria-labelledby=labelled_by>
                {panel}
            </div>
        }
    }
}
