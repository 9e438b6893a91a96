//! Passerelle's desktop shell: a thin Tauri layer around the domain and storage crates.
//!
//! [`with_commands`] registers the commands on any runtime, so integration tests drive the very
//! same handlers through Tauri's mock runtime; [`run`] adds the real start-up (open the
//! database in the app data directory) and starts the event loop.

mod commands;
pub mod export;
mod state;

use passerelle_storage::keys::KdfParams;
use tauri::{Manager, Runtime};

pub use state::Db;

/// Runs a command's body and turns a panic into [`AppError::Internal`]: without it an async
/// command that panics never answers and its screen waits forever. The message names where the
/// bug is, never the data it was working on (a panic message can quote a NIR).
///
/// A failure is logged with the command's place in the code and the error's kind
/// ([`AppError::log_summary`](passerelle_domain::AppError::log_summary)), never its message.
#[track_caller]
pub(crate) fn shielded<T>(
    body: impl FnOnce() -> Result<T, passerelle_domain::AppError>,
) -> Result<T, passerelle_domain::AppError> {
    use passerelle_domain::AppError;
    let caller = std::panic::Location::caller();
    let result =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(body)).unwrap_or_else(|_| {
            Err(AppError::Internal {
                message: state::last_panic_location(),
            })
        });
    if let Err(err) = &result {
        let at = format!("{}:{}", caller.file(), caller.line());
        match err {
            // What people do every day (a typo, a step not ready yet): worth a line, not a warning.
            AppError::Validation { .. }
            | AppError::Blocked { .. }
            | AppError::NotFound { .. }
            | AppError::Locked => log::info!("{at} : {}", err.log_summary()),
            _ => log::warn!("{at} : {}", err.log_summary()),
        }
    }
    result
}

/// Whether two names are the same, at compile time.
const fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The handlers, each with the command it answers. The build fails if a handler's name is not
/// its command's declared name, or if a declared command has no handler: the UI calls commands
/// by their declaration, so neither could work at run time.
macro_rules! handlers {
    ($($module:ident :: $handler:ident => $command:ident,)*) => {
        $(
            const _: () = assert!(
                same_name(
                    <passerelle_domain::ipc::cmd::$command as passerelle_domain::ipc::Command>::NAME,
                    stringify!($handler),
                ),
                concat!("handler ", stringify!($handler), " does not answer ", stringify!($command)),
            );
        )*
        const _: () = assert!(
            passerelle_domain::ipc::command::ALL.len() == [$(stringify!($handler)),*].len(),
            "every command declared in passerelle_domain::ipc needs a handler here",
        );

        /// Registers every command of the app on a builder.
        pub fn with_commands<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
            builder.invoke_handler(tauri::generate_handler![$(commands::$module::$handler),*])
        }
    };
}

handlers! {
    status::app_status => AppStatusGet,
    profile::profile_get => ProfileGet,
    profile::profile_save => ProfileSave,
    case::territory_list => TerritoryList,
    case::territory_add => TerritoryAdd,
    case::counsellor_list => CounsellorList,
    case::case_list => CaseList,
    case::case_get => CaseGet,
    case::case_create => CaseCreate,
    case::case_update => CaseUpdate,
    case::case_set_archived => CaseSetArchived,
    case::case_journal => CaseJournal,
    records::interview_list => InterviewList,
    records::interview_add => InterviewAdd,
    records::document_list => DocumentList,
    records::document_add => DocumentAdd,
    records::document_validate => DocumentValidate,
    import::import_stage => ImportStage,
    import::cases_import_preview => CasesImportPreview,
    import::cases_import_run => CasesImportRun,
    import::catalogue_import_run => CatalogueImportRun,
    import::import_progress => ImportProgressGet,
    parcours::parcours_view => ParcoursGet,
    parcours::parcours_advance => ParcoursAdvance,
    parcours::todo_overview => TodoOverviewGet,
    parcours::parameter_list => ParameterList,
    parcours::parameter_set => ParameterSet,
    certification::cert_search => CertSearch,
    certification::enrolment_list => EnrolmentList,
    certification::enrolment_create => EnrolmentCreate,
    certification::bloc_status_set => BlocStatusSet,
    committee::meeting_list => MeetingList,
    committee::meeting_create => MeetingCreate,
    committee::meeting_update => MeetingUpdate,
    committee::meeting_detail => MeetingGet,
    committee::meeting_candidates => MeetingCandidates,
    committee::meeting_add => MeetingAdd,
    committee::meeting_remove => MeetingRemove,
    committee::meeting_reorder => MeetingReorder,
    committee::meeting_decide => MeetingDecide,
    committee::dossier_export => DossierExport,
    committee::meeting_pack_export => MeetingPackExport,
    certification::cert_staff_overview => StaffOverviewGet,
    certification::exam_session_create => ExamSessionCreate,
    certification::exam_session_get => ExamSessionGet,
    certification::exam_session_register => ExamSessionRegister,
    certification::exam_session_result => ExamSessionResult,
    certification::certificate_issue => CertificateIssue,
    certification::vae_save => VaeSave,
    certification::cert_export_csv => CandidatesCsvExport,
    security::security_status => SecurityStatusGet,
    security::security_setup => SecuritySetup,
    security::security_unlock => SecurityUnlock,
    security::security_recover => SecurityRecover,
    security::security_lock => SecurityLock,
    security::passphrase_change => PassphraseChange,
    security::recovery_kit_regenerate => RecoveryKitRegenerate,
    security::recovery_kit_export => RecoveryKitExport,
    security::security_settings_save => SecuritySettingsSave,
    security::backup_now => BackupNow,
    privacy::retention_list => RetentionListGet,
    privacy::case_purge => CasePurge,
    privacy::person_export => PersonExport,
    privacy::registre_export => RegistreExport,
    territory::region_map => RegionMapGet,
    territory::commune_place => CommunePlaceGet,
    territory::territory_dashboard => TerritoryDashboardGet,
    territory::dashboard_export => DashboardExport,
    territory::establishment_list => EstablishmentList,
    territory::establishment_get => EstablishmentGet,
    territory::establishment_save => EstablishmentSave,
    territory::diagnostic_save => DiagnosticSave,
    territory::driver_list => DriverList,
    territory::diagnostic_link => DiagnosticLink,
    territory::need_save => NeedSave,
    territory::need_list => NeedList,
    territory::trade_label_save => TradeLabelSave,
    parcours::calendar_export => CalendarExport,
    matching::rome_search => RomeSearch,
    matching::rome_in_use => RomeInUse,
    matching::case_matches => CaseMatchesGet,
    matching::case_skills => CaseSkillsGet,
    matching::need_candidates => NeedCandidatesGet,
    matching::candidate_disclose => CandidateDisclose,
    matching::training_search => TrainingSearch,
    matching::match_choose => MatchChoose,
    matching::match_chosen => MatchChosenGet,
    status::help_get => HelpGet,
    status::error_report => ErrorReportGet,
    security::demo_open => DemoOpen,
    security::demo_close => DemoClose,
}

/// Starts the desktop app.
pub fn run() {
    state::install_panic_hook();
    if let Ok(path) = passerelle_storage::paths::resolve_database_path(None) {
        passerelle_storage::log_file::install(&path);
    }
    log::info!(
        "Passerelle {} démarre ({} {})",
        env!("CARGO_PKG_VERSION"),
        std::env::consts::OS,
        std::env::consts::ARCH
    );
    with_commands(tauri::Builder::default())
        .plugin(tauri_plugin_notification::init())
        // No script in the page: links are not opened by the plugin, only files from Rust.
        .plugin(
            tauri_plugin_opener::Builder::default()
                .open_js_links_on_click(false)
                .build(),
        )
        .setup(|app| {
            // The same file the command line uses (`passerelle info` prints it).
            let path = passerelle_storage::paths::resolve_database_path(None)?;
            let db = match automation_passphrase() {
                // Scripts and end-to-end tests: unlocked (or created) at once.
                Some(passphrase) => {
                    match Db::open_or_create(path.clone(), &passphrase, KdfParams::for_env()) {
                        Ok(db) => db,
                        Err(err) => fail_to_start(&path, &err.to_string()),
                    }
                }
                // People: the window opens on the set-up or lock screen.
                None => Db::locked(path),
            };
            let unlocked = db.is_unlocked();
            app.manage(db);
            if unlocked {
                after_unlock(app.handle(), &app.state::<Db>());
            }
            Ok(())
        })
        .build(tauri::generate_context!("../tauri.conf.json"))
        .expect("error while starting Passerelle")
        .run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                backup_on_exit(app);
            }
        });
}

/// The passphrase given by `PASSERELLE_PASSPHRASE_FILE` (automation only; never an argument).
fn automation_passphrase() -> Option<zeroize::Zeroizing<String>> {
    let file = std::env::var_os("PASSERELLE_PASSPHRASE_FILE").filter(|f| !f.is_empty())?;
    let text = std::fs::read_to_string(file).ok()?;
    Some(zeroize::Zeroizing::new(
        text.strip_suffix('\n').unwrap_or(&text).to_owned(),
    ))
}

/// No window without a database: says why in French, then stops cleanly.
fn fail_to_start(path: &std::path::Path, err: &str) -> ! {
    let message = format!(
        "La base de données « {} » ne peut pas être ouverte : {err}.\n\nRien n’a été modifié. Vérifiez le fichier ou restaurez une sauvegarde, puis relancez Passerelle.",
        path.display()
    );
    log::error!("database not opened");
    eprintln!("passerelle : {message}");
    if std::env::var_os("PASSERELLE_NO_DIALOG").is_none() {
        let _ = rfd::MessageDialog::new()
            .set_level(rfd::MessageLevel::Error)
            .set_title("Passerelle ne peut pas démarrer")
            .set_description(&message)
            .set_buttons(rfd::MessageButtons::Ok)
            .show();
    }
    std::process::exit(1);
}

/// Once the data is unlocked: employer silences that became agreements are recorded before any
/// screen shows a case; then, off the start-up path (the window and the first screen do not wait
/// for them), the counsellor is told what is due today and the daily backup is made if one is due
/// — a backup of a large database takes seconds.
pub(crate) fn after_unlock<R: Runtime>(app: &tauri::AppHandle<R>, db: &Db) {
    log::info!("données déverrouillées");
    let today = chrono::Local::now().date_naive();
    if let Err(e) = db.with(|conn| {
        passerelle_storage::parcours::apply_tacit_agreements(conn, today, chrono::Utc::now())
    }) {
        log::warn!("employer silences not recorded: {e}");
    }
    let app = app.clone();
    let spawned = std::thread::Builder::new()
        .name("after-unlock".into())
        .spawn(move || {
            let Some(db) = app.try_state::<Db>() else {
                return;
            };
            notify_due_today(&app, &db);
            daily_backup(&db);
        });
    if let Err(e) = spawned {
        log::warn!("start-up tasks not run: {e}");
    }
}

/// The automatic backup of the day, if a backup directory is set and the last one is a day old.
fn daily_backup(db: &Db) {
    let due = db
        .with(|conn| passerelle_storage::setting::load(conn))
        .ok()
        .is_some_and(|s| {
            s.backup_dir.is_some()
                && s.last_backup_at
                    .and_then(|at| chrono::DateTime::parse_from_rfc3339(&at).ok())
                    .is_none_or(|at| chrono::Utc::now() - at.to_utc() > chrono::Duration::days(1))
        });
    if due
        && let Err(e) =
            db.with_key(|conn, key, path| passerelle_storage::backup::automatic(conn, path, key))
    {
        log::warn!("daily backup not written: {e}");
    }
}

/// The automatic backup when the app closes, into the backup directory if one is set.
fn backup_on_exit<R: Runtime>(app: &tauri::AppHandle<R>) {
    let Some(db) = app.try_state::<Db>() else {
        return;
    };
    if let Err(e) =
        db.with_key(|conn, key, path| passerelle_storage::backup::automatic(conn, path, key))
        && e != passerelle_domain::AppError::Locked
    {
        log::warn!("backup on exit not written: {e}");
    }
}

/// At start-up: tell the counsellor what is due today or late, with a desktop notification. A
/// failure here never stops the app.
fn notify_due_today<R: Runtime>(app: &tauri::AppHandle<R>, db: &Db) {
    use tauri_plugin_notification::NotificationExt;
    let today = chrono::Local::now().date_naive();
    let todo =
        db.with(|conn| passerelle_storage::todo::overview(conn, today, 0, 60, &Default::default()));
    let Ok(todo) = todo else { return };
    let (late, due) = (todo.overdue_total, todo.upcoming_total);
    if late + due == 0 {
        return;
    }
    use passerelle_domain::i18n::count_with;
    let body = format!(
        "{} · {}. Voir « À faire ».",
        count_with(due, "échéance aujourd’hui", "échéances aujourd’hui"),
        count_with(late, "échéance en retard", "échéances en retard"),
    );
    if let Err(e) = app
        .notification()
        .builder()
        .title("Passerelle — à faire aujourd’hui")
        .body(body)
        .show()
    {
        log::warn!("desktop notification not shown: {e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The window may call exactly the declared commands: a command added to the IPC contract
    /// without its `allow-…` line in capabilities/default.json would be refused at run time. Of
    /// Tauri's own commands, only the zoom.
    #[test]
    fn the_capability_grants_every_declared_command_and_nothing_else() {
        let file: serde_json::Value =
            serde_json::from_str(include_str!("../capabilities/default.json")).unwrap();
        let mut granted: Vec<String> = file["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap().to_owned())
            .collect();
        // The zoom hotkeys (tauri.conf.json) call Tauri's own zoom command: people with low
        // vision enlarge the window to 200 % (RGAA, WCAG 1.4.4).
        let mut declared: Vec<String> = passerelle_domain::ipc::command::ALL
            .iter()
            .map(|name| format!("allow-{}", name.replace('_', "-")))
            .chain(["core:webview:allow-set-webview-zoom".to_owned()])
            .collect();
        granted.sort();
        declared.sort();
        assert_eq!(granted, declared);
    }

    #[test]
    fn a_panic_in_a_command_becomes_an_internal_error() {
        state::install_panic_hook();
        let result: Result<(), passerelle_domain::AppError> =
            shielded(|| panic!("index 5 of `1234é6789012345`"));
        let _ = std::panic::take_hook();
        match result {
            Err(passerelle_domain::AppError::Internal { message }) => {
                assert!(message.starts_with("panique à src"), "{message}");
                assert!(
                    !message.contains("1234"),
                    "no data in the message: {message}"
                );
            }
            other => panic!("{other:?}"),
        }
    }
}
