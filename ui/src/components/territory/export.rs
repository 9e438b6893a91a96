//! The dashboard's tables for funders and partners, as XLSX or CSV (small counts suppressed by
//! the shell, below the threshold set in Paramètres).

use leptos::prelude::*;
use passerelle_domain::dashboard::Scope;
use passerelle_domain::ipc::TableFormat;

use crate::api;
use crate::components::common::{RunButton, RunOutcome};

#[component]
pub fn DashboardExport(scope: Memo<Option<Scope>>) -> impl IntoView {
    let result = RwSignal::new(None::<(String, bool)>);
    let export = Action::new_local(move |format: &TableFormat| {
        let format = *format;
        let scope = scope.get_untracked();
        async move {
            match scope {
                Some(scope) => api::territory::export(scope, format).await,
                None => Ok(None),
            }
        }
    });
    Effect::new(move || match export.value().get() {
        Some(Ok(Some(done))) => result.set(Some((format!("Exporté : {}", done.path), false))),
        // The save dialog was cancelled: nothing written, nothing to say.
        Some(Ok(None)) => result.set(None),
        Some(Err(e)) => result.set(Some((e.user_message(), true))),
        None => {}
    });
    let run = move |format| {
        Callback::new(move |()| {
            result.set(None);
            export.dispatch(format);
        })
    };
    view! {
        <div class="export-bar" role="group" aria-label="Export des tableaux">
            <RunButton
                id="dashboard-export-xlsx"
                label="Exporter (XLSX)"
                busy="Export en cours…"
                pending=export.pending()
                on_run=run(TableFormat::Xlsx)
            />
            <RunButton
                id="dashboard-export-csv"
                label="Exporter (CSV)"
                busy="Export en cours…"
                pending=export.pending()
                on_run=run(TableFormat::Csv)
            />
            <RunOutcome id="dashboard-export-notice" result />
        </div>
    }
}
