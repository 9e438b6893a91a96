use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;
use passerelle_domain::i18n::{Msg, count_noun, format_date, t};
use passerelle_domain::security::BACKUP_WARNING_DAYS;

use crate::api;
use crate::components::common::local_date;
use crate::session::session;

/// The bottom line: which database is open, its schema version, how many case files it holds,
/// and when it was last backed up.
#[component]
pub fn StatusLine() -> impl IntoView {
    let location = use_location();
    let session = session();
    // Refreshed on every navigation (counts change when a case is created or archived), after
    // each unlock (a daily backup may have run) and after a backup.
    let status = LocalResource::new(move || {
        location.pathname.track();
        session.unlocks.track();
        session.refresh.track();
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
                        <BackupAge last=s.last_backup_at.clone() />
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

/// What the status line says about backups.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Backup {
    Never,
    On(chrono::NaiveDate),
    /// More than [`BACKUP_WARNING_DAYS`] days ago.
    Overdue(i64),
}

fn backup_age(last: Option<&str>, today: chrono::NaiveDate) -> Backup {
    match last.and_then(local_date) {
        None => Backup::Never,
        Some(on) => match (today - on).num_days() {
            days if days > BACKUP_WARNING_DAYS => Backup::Overdue(days),
            _ => Backup::On(on),
        },
    }
}

/// « Dernière sauvegarde : 12 mars 2026 », or a warning (words and a sign, not colour alone)
/// linking to Paramètres › Sécurité.
#[component]
fn BackupAge(last: Option<String>) -> impl IntoView {
    match backup_age(last.as_deref(), crate::today()) {
        Backup::On(on) => view! {
            <span id="status-backup" data-state="ok">
                "Dernière sauvegarde : "
                {format_date(on)}
            </span>
        }
        .into_any(),
        age => {
            let text = match age {
                Backup::Overdue(days) => format!("Aucune sauvegarde depuis {days} jours"),
                _ => "Aucune sauvegarde".to_owned(),
            };
            let unsaved = crate::guard::unsaved();
            view! {
                <span
                    id="status-backup"
                    class="status-warning"
                    data-state="warning"
                    on:click:capture=move |ev| {
                        if !unsaved.may_leave() {
                            ev.prevent_default();
                            ev.stop_propagation();
                        }
                    }
                >
                    <span aria-hidden="true">"⚠ "</span>
                    <A
                        href="/parametres/securite"
                        attr:title="Paramètres › Sécurité : sauvegarder"
                    >
                        {text}
                    </A>
                </span>
            }
            .into_any()
        }
    }
}
