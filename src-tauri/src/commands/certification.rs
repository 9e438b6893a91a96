use chrono::{NaiveDate, Utc};
use passerelle_domain::AppError;
use passerelle_domain::case::CaseId;
use passerelle_domain::certification::{
    BlocStatus, Certificate, Certification, Enrolment, NewSession, Outcome, Route, SessionDetail,
    SessionSummary, StaffOverview, VaeFollowUp,
};
use passerelle_domain::ipc::Exported;
use passerelle_storage::{catalogue, cert_staff, enrolments, sessions};
use tauri::{AppHandle, Runtime, State};

use crate::Db;
use crate::export::{self, Export};

#[tauri::command]
pub async fn cert_search(db: State<'_, Db>, text: String) -> Result<Vec<Certification>, AppError> {
    crate::shielded(|| db.with(|conn| catalogue::search(conn, &text, 50)))
}

#[tauri::command]
pub async fn enrolment_list(
    db: State<'_, Db>,
    case_id: CaseId,
) -> Result<Vec<Enrolment>, AppError> {
    crate::shielded(|| db.with(|conn| enrolments::for_case(conn, case_id)))
}

/// Enrols the case in every bloc of the certification (blocs acquired elsewhere carry over).
#[tauri::command]
pub async fn enrolment_create(
    db: State<'_, Db>,
    case_id: CaseId,
    certification: String,
    route: Route,
) -> Result<Enrolment, AppError> {
    crate::shielded(|| {
        let code = certification.trim().to_ascii_uppercase();
        if code.is_empty() {
            return Err(AppError::invalid(
                "certification",
                "Certification : saisissez son code (ex. RNCP38596) ou choisissez-la dans le catalogue.",
            ));
        }
        db.write(|conn, actor| {
            enrolments::enrol(conn, actor, case_id, &code, route, None, Utc::now())
        })
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
    crate::shielded(|| {
        db.write(|conn, actor| {
            enrolments::set_bloc_status(
                conn,
                actor,
                enrolment_id,
                &bloc,
                status,
                acquired_on,
                &evidence,
                Utc::now(),
            )
        })
    })
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// The staff view: sessions in the next (and last) `days` days, candidates by status, rates.
#[tauri::command]
pub async fn cert_staff_overview(db: State<'_, Db>, days: u32) -> Result<StaffOverview, AppError> {
    crate::shielded(|| {
        let days = days.clamp(1, 366);
        db.with(|conn| cert_staff::overview(conn, today(), days))
    })
}

#[tauri::command]
pub async fn cert_session_create(
    db: State<'_, Db>,
    session: NewSession,
) -> Result<SessionSummary, AppError> {
    crate::shielded(|| {
        let session = session.validate(chrono::Local::now().date_naive())?;
        db.write(|conn, actor| sessions::create(conn, actor, &session, Utc::now()))
    })
}

#[tauri::command]
pub async fn cert_session_get(db: State<'_, Db>, id: i64) -> Result<SessionDetail, AppError> {
    crate::shielded(|| db.with(|conn| sessions::detail(conn, id)))
}

#[tauri::command]
pub async fn cert_session_register(
    db: State<'_, Db>,
    session_id: i64,
    enrolment_id: i64,
) -> Result<(), AppError> {
    crate::shielded(|| {
        db.write(|conn, actor| {
            sessions::register(conn, actor, session_id, enrolment_id, Utc::now())
        })
    })
}

/// A candidate's result at a session; the blocs are rewritten in the same transaction.
#[tauri::command]
pub async fn cert_session_result(
    db: State<'_, Db>,
    session_id: i64,
    enrolment_id: i64,
    outcome: Outcome,
    blocs: Vec<String>,
) -> Result<(), AppError> {
    crate::shielded(|| {
        db.write(|conn, actor| {
            sessions::record_result(
                conn,
                actor,
                session_id,
                enrolment_id,
                outcome,
                &blocs,
                today(),
                Utc::now(),
            )
        })
    })
}

#[tauri::command]
pub async fn certificate_issue(
    db: State<'_, Db>,
    enrolment_id: i64,
    certificate: Certificate,
) -> Result<Certificate, AppError> {
    crate::shielded(|| {
        db.write(|conn, actor| {
            sessions::issue_certificate(
                conn,
                actor,
                enrolment_id,
                &certificate,
                today(),
                Utc::now(),
            )
        })
    })
}

#[tauri::command]
pub async fn vae_save(
    db: State<'_, Db>,
    enrolment_id: i64,
    follow_up: VaeFollowUp,
) -> Result<(), AppError> {
    crate::shielded(|| {
        db.write(|conn, actor| {
            sessions::save_vae(conn, actor, enrolment_id, &follow_up, today(), Utc::now())
        })
    })
}

/// Exports every candidate with their blocs, sessions and results as CSV (save dialog). Returns
/// what was written, or `None` if the user cancelled.
#[tauri::command]
pub async fn cert_export_csv<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, Db>,
) -> Result<Option<Exported>, AppError> {
    crate::shielded(|| {
        let (bytes, rows) = db.with(|conn| cert_staff::candidates_csv(conn))?;
        let name = format!(
            "candidats-certifications-{}.csv",
            today().format("%Y-%m-%d")
        );
        let saved = export::save(
            &app,
            &Export {
                suggested_name: &name,
                kind_label: "Fichier CSV (tableur)",
                extension: "csv",
                bytes: &bytes,
                open_after: false,
            },
        )?;
        Ok(saved.map(|p| Exported {
            path: p.display().to_string(),
            rows,
        }))
    })
}
