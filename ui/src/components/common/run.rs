//! A button that runs one command (a backup, an export), says so while it runs, and the status
//! line that announces its result: the pair every « do it now » action of the settings uses.

use leptos::prelude::*;

/// The button: disabled and relabelled (`busy`) while `pending`.
#[component]
pub fn RunButton(
    id: &'static str,
    label: &'static str,
    busy: &'static str,
    #[prop(into)] pending: Signal<bool>,
    on_run: Callback<()>,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class="secondary"
            id=id
            disabled=move || pending.get()
            on:click=move |_| on_run.run(())
        >
            {move || if pending.get() { busy } else { label }}
        </button>
    }
}

/// The result of the last run, announced (`role="status"`): a message, and whether it is an
/// error.
#[component]
pub fn RunOutcome(id: &'static str, result: RwSignal<Option<(String, bool)>>) -> impl IntoView {
    view! {
        <p
            id=id
            role="status"
            class=move || {
                if matches!(result.get(), Some((_, true))) {
                    "notice-error mono-path"
                } else {
                    "notice-ok mono-path"
                }
            }
        >
            {move || result.get().map(|(m, _)| m)}
        </p>
    }
}
