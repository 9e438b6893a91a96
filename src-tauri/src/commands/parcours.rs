use chrono::{Local, Utc};
use passerelle_domain::AppError;
use passerelle_domain::case::CaseId;
use passerelle_domain::ipc::ParameterRow;
use passerelle_domain::parcours::{ParamValue, ParcoursView, Step, TodoOverview};
use passerelle_storage::{parcours, records};
use tauri::State;

use crate::Db;

/// The Parcours tab: step, history, next steps and why they are blocked, checklist, deadlines,
/// eligibility and backward plan.
#[tauri::command]
pub async fn parcours_view(db: State<'_, Db>, case_id: CaseId) -> Result<ParcoursView, AppError> {
    crate::shielded(|| db.with(|conn| parcours::view(conn, case_id, Local::now().date_naive())))
}

/// Moves the case if the guards allow it; otherwise `Blocked` with the reasons.
#[tauri::command]
pub async fn parcours_advance(
    db: State<'_, Db>,
    case_id: CaseId,
    to: Step,
    reason: String,
) -> Result<ParcoursView, AppError> {
    crate::shielded(|| {
        let today = Local::now().date_naive();
        db.write(|conn, actor| {
            parcours::advance(conn, actor, case_id, to, &reason, today, Utc::now())
        })?;
        db.with(|conn| parcours::view(conn, case_id, today))
    })
}

/// The À faire view. Employer silences past their delay are recorded first.
#[tauri::command]
pub async fn todo_overview(
    db: State<'_, Db>,
    days: u32,
    idle_days: u32,
) -> Result<TodoOverview, AppError> {
    crate::shielded(|| {
        let today = Local::now().date_naive();
        db.with(|conn| {
            parcours::apply_tacit_agreements(conn, today, Utc::now())?;
            parcours::todo(conn, today, days, idle_days, None)
        })
    })
}

#[tauri::command]
pub async fn document_validate(
    db: State<'_, Db>,
    document_id: i64,
    validated: bool,
) -> Result<(), AppError> {
    crate::shielded(|| {
        db.write(|conn, actor| {
            records::set_document_validated(conn, actor, document_id, validated, Utc::now())
        })
    })
}

/// Parameters in force today, with their source.
#[tauri::command]
pub async fn parameter_list(db: State<'_, Db>) -> Result<Vec<ParameterRow>, AppError> {
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

/// Records a dated value; every case's deadlines follow.
#[tauri::command]
pub async fn parameter_set(db: State<'_, Db>, value: ParamValue) -> Result<(), AppError> {
    crate::shielded(|| {
        let value = value.validated(Local::now().date_naive())?;
        db.write(|conn, actor| parcours::set_parameter(conn, actor, &value, Utc::now()))
    })
}
