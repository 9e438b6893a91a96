//! The Comités screen and the dossier export: sessions, agenda, outcomes, PDFs.

use chrono::{Local, Utc};
use passerelle_domain::AppError;
use passerelle_domain::case::{CaseId, CaseSummary};
use passerelle_domain::committee::{NewSession, OutcomeInput, Session, SessionDetail, SessionId};
use passerelle_pdf::{Generation, SessionPack};
use passerelle_storage::committees;
use tauri::{AppHandle, Runtime, State};

use crate::Db;
use crate::export::{self, Export};

/// Offers a PDF to save (then opens it); the path written, or `None` if cancelled.
fn save_pdf<R: Runtime>(
    app: &AppHandle<R>,
    name: &str,
    bytes: &[u8],
) -> Result<Option<String>, AppError> {
    let saved = export::save(
        app,
        &Export {
            suggested_name: name,
            kind_label: "Document PDF",
            extension: "pdf",
            bytes,
            open_after: true,
        },
    )?;
    Ok(saved.map(|p| p.display().to_string()))
}

fn generation() -> Generation {
    Generation::from_env_or(Utc::now(), env!("CARGO_PKG_VERSION"))
}

#[tauri::command]
pub async fn session_list(db: State<'_, Db>) -> Result<Vec<Session>, AppError> {
    crate::shielded(|| db.with(|conn| committees::sessions(conn)))
}

#[tauri::command]
pub async fn session_create(db: State<'_, Db>, new: NewSession) -> Result<Session, AppError> {
    crate::shielded(|| {
        db.write(|conn, actor| committees::create_session(conn, actor, &new, Utc::now()))
    })
}

/// Reschedules a session, or changes its place or members.
#[tauri::command]
pub async fn session_update(
    db: State<'_, Db>,
    id: SessionId,
    new: NewSession,
) -> Result<Session, AppError> {
    crate::shielded(|| {
        db.write(|conn, actor| committees::update_session(conn, actor, id, &new, Utc::now()))
    })
}

#[tauri::command]
pub async fn session_detail(db: State<'_, Db>, id: SessionId) -> Result<SessionDetail, AppError> {
    crate::shielded(|| db.with(|conn| committees::detail(conn, id)))
}

/// Cases the session could take (at a step its committee examines).
#[tauri::command]
pub async fn session_candidates(
    db: State<'_, Db>,
    id: SessionId,
) -> Result<Vec<CaseSummary>, AppError> {
    crate::shielded(|| db.with(|conn| committees::candidates(conn, id)))
}

#[tauri::command]
pub async fn session_add(
    db: State<'_, Db>,
    id: SessionId,
    case_id: CaseId,
) -> Result<SessionDetail, AppError> {
    crate::shielded(|| {
        db.write(|conn, actor| committees::add_case(conn, actor, id, case_id, Utc::now()))
    })
}

#[tauri::command]
pub async fn session_remove(
    db: State<'_, Db>,
    id: SessionId,
    case_id: CaseId,
) -> Result<SessionDetail, AppError> {
    crate::shielded(|| {
        db.write(|conn, actor| committees::remove_case(conn, actor, id, case_id, Utc::now()))
    })
}

#[tauri::command]
pub async fn session_reorder(
    db: State<'_, Db>,
    id: SessionId,
    order: Vec<CaseId>,
) -> Result<SessionDetail, AppError> {
    crate::shielded(|| {
        db.write(|conn, actor| committees::reorder(conn, actor, id, &order, Utc::now()))
    })
}

/// Records an opinion or a decision; a decision moves the parcours (or nothing is written).
#[tauri::command]
pub async fn session_decide(
    db: State<'_, Db>,
    id: SessionId,
    case_id: CaseId,
    input: OutcomeInput,
) -> Result<SessionDetail, AppError> {
    crate::shielded(|| {
        db.write(|conn, actor| {
            committees::record_outcome(
                conn,
                actor,
                id,
                case_id,
                &input,
                Local::now().date_naive(),
                Utc::now(),
            )
        })
    })
}

/// Exports a case's dossier as PDF (save dialog, then the system's viewer). Returns the path
/// written, or `None` if the user cancelled.
#[tauri::command]
pub async fn dossier_export<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, Db>,
    case_id: CaseId,
    pseudonymised: bool,
    session_id: Option<SessionId>,
) -> Result<Option<String>, AppError> {
    crate::shielded(|| {
        let view = db.with(|conn| {
            committees::dossier_view(
                conn,
                case_id,
                pseudonymised,
                session_id,
                Local::now().date_naive(),
            )
        })?;
        let bytes = passerelle_pdf::dossier_pdf(&view, &generation());
        let name = format!(
            "dossier-{}{}.pdf",
            view.reference,
            if pseudonymised { "-pseudonymise" } else { "" }
        );
        save_pdf(&app, &name, &bytes)
    })
}

/// Exports a session pack (cover, agenda, every dossier) as one PDF.
#[tauri::command]
pub async fn session_pack_export<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, Db>,
    id: SessionId,
    pseudonymised: bool,
) -> Result<Option<String>, AppError> {
    crate::shielded(|| {
        let (session, dossiers) = db.with(|conn| {
            committees::pack_views(conn, id, pseudonymised, Local::now().date_naive())
        })?;
        let pack = SessionPack {
            header: committees::header(&session),
            members: session.members.clone(),
            pseudonymised,
            dossiers,
        };
        let bytes = passerelle_pdf::pack_pdf(&pack, &generation());
        let name = format!(
            "seance-{}{}.pdf",
            session.held_on,
            if pseudonymised { "-pseudonymisee" } else { "" }
        );
        save_pdf(&app, &name, &bytes)
    })
}
