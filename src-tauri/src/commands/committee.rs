//! The Comités screen and the dossier export: meetings, agenda, outcomes, PDFs.

use chrono::{Local, Utc};
use passerelle_domain::AppError;
use passerelle_domain::committee::disclosure;
use passerelle_domain::ipc::cmd;
use passerelle_pdf::Generation;
use passerelle_storage::committee::{decisions, dossier, meetings};
use tauri::{AppHandle, Runtime, State};

use super::{Args, Reply};
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

/// When and by what the PDF is made, with the journal's head for its footer (and the
/// demonstration mark on a demo database).
fn generation(db: &Db) -> Result<Generation, AppError> {
    let (head, settings) = db.with(|conn| {
        Ok((
            passerelle_storage::journal::content_head(conn)?,
            passerelle_storage::setting::load(conn)?,
        ))
    })?;
    Ok(
        Generation::from_env_or(Utc::now(), env!("CARGO_PKG_VERSION"))
            .with_journal_head(head)
            .with_demo(settings.demo),
    )
}

#[tauri::command]
pub async fn meeting_list(
    db: State<'_, Db>,
    args: Args<cmd::MeetingList>,
) -> Reply<cmd::MeetingList> {
    let _ = args;
    crate::shielded(|| db.with(|conn| meetings::list(conn)))
}

#[tauri::command]
pub async fn meeting_create(
    db: State<'_, Db>,
    args: Args<cmd::MeetingCreate>,
) -> Reply<cmd::MeetingCreate> {
    crate::shielded(|| db.write(|conn, actor| meetings::create(conn, actor, &args.new, Utc::now())))
}

/// Reschedules a meeting, or changes its place or members.
#[tauri::command]
pub async fn meeting_update(
    db: State<'_, Db>,
    args: Args<cmd::MeetingUpdate>,
) -> Reply<cmd::MeetingUpdate> {
    crate::shielded(|| {
        db.write(|conn, actor| meetings::update(conn, actor, args.id, &args.new, Utc::now()))
    })
}

#[tauri::command]
pub async fn meeting_detail(
    db: State<'_, Db>,
    args: Args<cmd::MeetingGet>,
) -> Reply<cmd::MeetingGet> {
    crate::shielded(|| db.with(|conn| meetings::detail(conn, args.id)))
}

/// Cases the meeting could take (at a step its committee examines).
#[tauri::command]
pub async fn meeting_candidates(
    db: State<'_, Db>,
    args: Args<cmd::MeetingCandidates>,
) -> Reply<cmd::MeetingCandidates> {
    crate::shielded(|| db.with(|conn| meetings::candidates(conn, args.id)))
}

#[tauri::command]
pub async fn meeting_add(db: State<'_, Db>, args: Args<cmd::MeetingAdd>) -> Reply<cmd::MeetingAdd> {
    crate::shielded(|| {
        db.write(|conn, actor| meetings::add_case(conn, actor, args.id, args.case_id, Utc::now()))
    })
}

#[tauri::command]
pub async fn meeting_remove(
    db: State<'_, Db>,
    args: Args<cmd::MeetingRemove>,
) -> Reply<cmd::MeetingRemove> {
    crate::shielded(|| {
        db.write(|conn, actor| {
            meetings::remove_case(conn, actor, args.id, args.case_id, Utc::now())
        })
    })
}

#[tauri::command]
pub async fn meeting_reorder(
    db: State<'_, Db>,
    args: Args<cmd::MeetingReorder>,
) -> Reply<cmd::MeetingReorder> {
    crate::shielded(|| {
        db.write(|conn, actor| meetings::reorder(conn, actor, args.id, &args.order, Utc::now()))
    })
}

/// Records an opinion or a decision; a decision moves the parcours (or nothing is written).
#[tauri::command]
pub async fn meeting_decide(
    db: State<'_, Db>,
    args: Args<cmd::MeetingDecide>,
) -> Reply<cmd::MeetingDecide> {
    crate::shielded(|| {
        db.write(|conn, actor| {
            decisions::record_outcome(
                conn,
                actor,
                args.id,
                args.case_id,
                &args.input,
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
    args: Args<cmd::DossierExport>,
) -> Reply<cmd::DossierExport> {
    crate::shielded(|| {
        let view = db.with(|conn| {
            dossier::view(
                conn,
                args.case_id,
                args.pseudonymised,
                args.meeting_id,
                &args.recipients,
                Local::now().date_naive(),
            )
        })?;
        disclosure::ensure_cleared(&view.findings, args.confirmed)?;
        let bytes = passerelle_pdf::dossier_pdf(&view, &generation(&db)?);
        let name = format!(
            "dossier-{}{}.pdf",
            view.reference,
            if args.pseudonymised {
                "-pseudonymise"
            } else {
                ""
            }
        );
        save_pdf(&app, &name, &bytes)
    })
}

/// Exports a meeting pack (cover, agenda, every dossier) as one PDF.
#[tauri::command]
pub async fn meeting_pack_export<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, Db>,
    args: Args<cmd::MeetingPackExport>,
) -> Reply<cmd::MeetingPackExport> {
    crate::shielded(|| {
        let pack = db.with(|conn| {
            dossier::pack(
                conn,
                args.id,
                args.pseudonymised,
                &args.recipients,
                Local::now().date_naive(),
            )
        })?;
        let findings: Vec<disclosure::Finding> = pack
            .dossiers
            .iter()
            .flat_map(|d| {
                d.findings.iter().map(move |f| disclosure::Finding {
                    field: format!("{} — {}", d.identity, f.field),
                    ..f.clone()
                })
            })
            .collect();
        disclosure::ensure_cleared(&findings, args.confirmed)?;
        let bytes = passerelle_pdf::pack_pdf(&pack, &generation(&db)?);
        let name = format!(
            "seance-{}{}.pdf",
            pack.header.held_on,
            if args.pseudonymised {
                "-pseudonymisee"
            } else {
                ""
            }
        );
        save_pdf(&app, &name, &bytes)
    })
}
