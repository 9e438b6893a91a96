use chrono::{NaiveDate, Utc};
use passerelle_domain::AppError;
use passerelle_domain::case::CaseId;
use passerelle_domain::certification::{BlocStatus, Certification, Enrolment, Route};
use passerelle_storage::{catalogue, enrolments, profile};
use tauri::State;

use crate::Db;

#[tauri::command]
pub async fn cert_search(db: State<'_, Db>, text: String) -> Result<Vec<Certification>, AppError> {
    db.with(|conn| catalogue::search(conn, &text, 50))
}

#[tauri::command]
pub async fn enrolment_list(
    db: State<'_, Db>,
    case_id: CaseId,
) -> Result<Vec<Enrolment>, AppError> {
    db.with(|conn| enrolments::for_case(conn, case_id))
}

/// Enrols the case in every bloc of the certification (blocs acquired elsewhere carry over).
#[tauri::command]
pub async fn enrolment_create(
    db: State<'_, Db>,
    case_id: CaseId,
    certification: String,
    route: Route,
) -> Result<Enrolment, AppError> {
    let code = certification.trim().to_ascii_uppercase();
    if code.is_empty() {
        return Err(AppError::invalid(
            "certification",
            "Certification : saisissez son code (ex. RNCP38596) ou choisissez-la dans le catalogue.",
        ));
    }
    db.with(|conn| {
        let actor = profile::actor(conn)?;
        enrolments::enrol(conn, &actor, case_id, &code, route, None, Utc::now())
    })
}

/// A jury or exam result for one bloc.
#[tauri::command]
pub async fn bloc_status_set(
    db: State<'_, Db>,
    enrolment_id: i64,
    bloc: String,
    status: BlocStatus,
    acquired_on: Option<NaiveDate>,
    evidence: String,
) -> Result<(), AppError> {
    if status == BlocStatus::Acquis && acquired_on.is_none() {
        return Err(AppError::invalid(
            "acquiredOn",
            "Date d’acquisition : obligatoire pour un bloc acquis (date du jury ou de l’examen, jj/mm/aaaa).",
        ));
    }
    db.with(|conn| {
        let actor = profile::actor(conn)?;
        enrolments::set_bloc_status(
            conn,
            &actor,
            enrolment_id,
            &bloc,
            status,
            acquired_on,
            &evidence,
            Utc::now(),
        )
    })
}
