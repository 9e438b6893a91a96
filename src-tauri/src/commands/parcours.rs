//! The parcours: the Parcours tab, transitions, the À faire overview and its calendar export,
//! and the parameters.

use chrono::{Local, Utc};
use passerelle_domain::ipc::{ParameterRow, cmd};
use passerelle_storage::{parcours, todo};
use tauri::{AppHandle, Runtime, State};

use super::{Args, Reply};
use crate::Db;

/// The Parcours tab: step, history, next steps and why they are blocked, checklist, deadlines,
/// eligibility and backward plan.
#[tauri::command]
pub async fn parcours_view(
    db: State<'_, Db>,
    args: Args<cmd::ParcoursGet>,
) -> Reply<cmd::ParcoursGet> {
    crate::shielded(|| {
        db.with(|conn| parcours::view(conn, args.case_id, Local::now().date_naive()))
    })
}

/// Moves the case if the guards allow it; otherwise `Blocked` with the reasons.
#[tauri::command]
pub async fn parcours_advance(
    db: State<'_, Db>,
    args: Args<cmd::ParcoursAdvance>,
) -> Reply<cmd::ParcoursAdvance> {
    crate::shielded(|| {
        let today = Local::now().date_naive();
        db.write(|conn, actor| {
            parcours::advance(
                conn,
                actor,
                args.case_id,
                args.to,
                &args.reason,
                today,
                Utc::now(),
            )
        })?;
        db.with(|conn| parcours::view(conn, args.case_id, today))
    })
}

/// The À faire view. Employer silences past their delay are recorded first.
#[tauri::command]
pub async fn todo_overview(
    db: State<'_, Db>,
    args: Args<cmd::TodoOverviewGet>,
) -> Reply<cmd::TodoOverviewGet> {
    crate::shielded(|| {
        let today = Local::now().date_naive();
        db.with(|conn| {
            parcours::apply_tacit_agreements(conn, today, Utc::now())?;
            todo::overview(conn, today, args.days, args.idle_days, &args.filter)
        })
    })
}

/// The calendar of deadlines and sittings (.ics, save dialog).
#[tauri::command]
pub async fn calendar_export<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, Db>,
    args: Args<cmd::CalendarExport>,
) -> Reply<cmd::CalendarExport> {
    crate::shielded(|| {
        let today = Local::now().date_naive();
        let events = db.with(|conn| {
            parcours::apply_tacit_agreements(conn, today, Utc::now())?;
            passerelle_storage::calendar::events(conn, today, args.days, &args.filter)
        })?;
        let ics = passerelle_domain::calendar::ics(&events, Utc::now());
        let name = format!("echeances-passerelle-{}.ics", today.format("%Y-%m-%d"));
        let saved = crate::export::save(
            &app,
            &crate::export::Export {
                suggested_name: &name,
                kind_label: "Calendrier iCalendar",
                extension: "ics",
                bytes: ics.as_bytes(),
                open_after: false,
            },
        )?;
        Ok(saved.map(|p| p.display().to_string()))
    })
}

/// Parameters in force today, with their source.
#[tauri::command]
pub async fn parameter_list(
    db: State<'_, Db>,
    args: Args<cmd::ParameterList>,
) -> Reply<cmd::ParameterList> {
    let _ = args;
    crate::shielded(|| {
        let params = db.with(|conn| parcours::parameters(conn))?;
        Ok(params
            .in_force(Local::now().date_naive())
            .into_iter()
            .map(|(p, default)| ParameterRow {
                key: p.key,
                value: p.value,
                valid_from: p.valid_from,
                note: p.note,
                default,
            })
            .collect())
    })
}

/// Records a dated value (checked by the storage layer); every case's deadlines follow.
#[tauri::command]
pub async fn parameter_set(
    db: State<'_, Db>,
    args: Args<cmd::ParameterSet>,
) -> Reply<cmd::ParameterSet> {
    crate::shielded(|| {
        db.write(|conn, actor| parcours::set_parameter(conn, actor, &args.value, Utc::now()))
    })
}
