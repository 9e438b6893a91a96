use leptos::prelude::*;
use leptos_router::hooks::use_location;
use passerelle_domain::i18n::{Msg, count_noun, t};

use crate::api;

/// The bottom line: which database is open, its schema version and how many case files it holds.
#[component]
pub fn StatusLine() -> impl IntoView {
    let location = use_location();
    // Refreshed on every navigation: counts change when a case is created or archived.
    let status = LocalResource::new(move || {
        location.pathname.track();
        api::status::app_status()
    });
    view! {
        <footer id="status-line" class="status-line" role="status">
            {move || match status.get() {
                None => view! { <span>{t(Msg::StatusLoading)}</span> }.into_any(),
                Some(Ok(s)) => {
                    view! {
                        <span id="status-db" title=s.database_path.clone()>
                            {t(Msg::StatusDatabase)}
                            " : "
                            {s.database_path.clone()}
                        </span>
                        <span id="status-schema" data-value=s.schema_version>
                            {t(Msg::StatusSchema)}
                            " "
                            {s.schema_version}
                        </span>
                        <span id="status-cases" data-value=s.case_count>
                            {count_noun(s.case_count, t(Msg::StatusCases))}
                        </span>
                        <span class="version">"v" {s.app_version}</span>
                    }
                        .into_any()
                }
                Some(Err(e)) => {
                    view! {
                        <span class="error">
                            {t(Msg::StatusUnavailable)} " : " {e.user_message()}
                        </span>
                    }
                        .into_any()
                }
            }}
        </footer>
    }
}
