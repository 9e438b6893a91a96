use leptos::prelude::*;
use passerelle_domain::i18n::{Msg, t};

/// A screen whose content later issues fill in: its title and an honest empty state.
#[component]
pub fn EmptyScreen(id: &'static str, title: Msg, empty: Msg) -> impl IntoView {
    crate::app::set_title(title);
    view! {
        <section id=id aria-labelledby=format!("{id}-title")>
            <h1 id=format!("{id}-title")>{t(title)}</h1>
            <p class="empty">{t(empty)}</p>
        </section>
    }
}
