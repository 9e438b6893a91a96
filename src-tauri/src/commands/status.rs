//! The status line, the Aide screen and the error report.

use passerelle_domain::ipc::{AppStatus, HelpInfo, cmd};
use passerelle_storage::{log_file, migrations, status};
use tauri::State;

use super::{Args, Reply};
use crate::Db;

/// Where the data is and how much of it there is.
#[tauri::command]
pub async fn app_status(
    db: State<'_, Db>,
    args: Args<cmd::AppStatusGet>,
) -> Reply<cmd::AppStatusGet> {
    let _ = args;
    crate::shielded(|| {
        let (schema_version, case_count, settings) = db.with(|conn| {
            Ok((
                migrations::schema_version(conn)?,
                status::count_active_case_files(conn)?,
                passerelle_storage::setting::load(conn)?,
            ))
        })?;
        Ok(AppStatus {
            app_version: env!("CARGO_PKG_VERSION").to_owned(),
            database_path: db.path().display().to_string(),
            schema_version,
            case_count,
            last_backup_at: settings.last_backup_at,
            demo: settings.demo,
            demo_opened_in_app: db.in_demo(),
        })
    })
}

/// The Aide screen: the deadlines' rules with the parameters in force today, where the log and
/// the backups are.
#[tauri::command]
pub async fn help_get(db: State<'_, Db>, args: Args<cmd::HelpGet>) -> Reply<cmd::HelpGet> {
    let _ = args;
    crate::shielded(|| {
        let today = chrono::Local::now().date_naive();
        let (params, settings) = db.with(|conn| {
            Ok((
                passerelle_storage::parcours::parameters(conn)?,
                passerelle_storage::setting::load(conn)?,
            ))
        })?;
        Ok(HelpInfo {
            deadline_rules: passerelle_domain::parcours::deadline_rules(&params, today),
            log_file: log_file::file_for(&db.path()).display().to_string(),
            backup_dir: settings.backup_dir,
        })
    })
}

/// « Copier un rapport d'erreur » : what support needs first, and nothing about anyone — the
/// log it quotes is already free of personal data (see `passerelle_storage::log_file`).
#[tauri::command]
pub async fn error_report(
    db: State<'_, Db>,
    args: Args<cmd::ErrorReportGet>,
) -> Reply<cmd::ErrorReportGet> {
    let _ = args;
    crate::shielded(|| {
        let data = match db.with(|conn| {
            Ok((
                migrations::schema_version(conn)?,
                status::count_active_case_files(conn)?,
            ))
        }) {
            Ok((schema, cases)) => format!("ouverte, schéma {schema}, {cases} dossiers actifs"),
            Err(passerelle_domain::AppError::Locked) => "verrouillée".to_owned(),
            Err(err) => format!("illisible ({})", err.log_summary()),
        };
        let mut report = format!(
            "Rapport d’erreur Passerelle\nVersion : {}\nSystème : {} ({} {})\nBase : {data}\nÉtabli le : {}\n\nDernières lignes du journal technique :\n",
            env!("CARGO_PKG_VERSION"),
            os_name(),
            std::env::consts::OS,
            std::env::consts::ARCH,
            chrono::Utc::now().format("%Y-%m-%d %H:%M UTC"),
        );
        let lines = log_file::tail(&db.path(), 40);
        if lines.is_empty() {
            report.push_str("(journal vide)\n");
        }
        for line in lines {
            report.push_str(&line);
            report.push('\n');
        }
        Ok(report)
    })
}

/// The distribution's name (`PRETTY_NAME` of /etc/os-release), or the OS family.
fn os_name() -> String {
    std::fs::read_to_string("/etc/os-release")
        .ok()
        .and_then(|text| {
            text.lines()
                .find_map(|l| l.strip_prefix("PRETTY_NAME="))
                .map(|v| v.trim_matches('"').to_owned())
        })
        .unwrap_or_else(|| std::env::consts::OS.to_owned())
}
