//! Personal data over its whole life: the « À purger » list, the purge (expired retention or
//! erasure request), the access-request export and the registre of the processing.

use chrono::{Local, Utc};
use passerelle_domain::AppError;
use passerelle_domain::ipc::cmd;
use passerelle_pdf::Generation;
use passerelle_storage::{access, parcours, profile, retention};
use tauri::{AppHandle, Runtime, State};

use super::{Args, Reply};
use crate::export::{self, Export};
use crate::state::Db;

/// When and by what the PDF is made, marked when the database is a demonstration one.
fn generation(db: &Db) -> Generation {
    let demo = db
        .with(|conn| passerelle_storage::setting::load(conn))
        .is_ok_and(|s| s.demo);
    Generation::from_env_or(Utc::now(), env!("CARGO_PKG_VERSION")).with_demo(demo)
}

#[tauri::command]
pub async fn retention_list(
    db: State<'_, Db>,
    args: Args<cmd::RetentionListGet>,
) -> Reply<cmd::RetentionListGet> {
    let _ = args;
    crate::shielded(|| db.with(|conn| retention::list(conn, Local::now().date_naive())))
}

/// Purges after the counsellor confirmed in the dialog (the reason is required).
#[tauri::command]
pub async fn case_purge(db: State<'_, Db>, args: Args<cmd::CasePurge>) -> Reply<cmd::CasePurge> {
    crate::shielded(|| {
        let documents_dir = db.documents_dir();
        db.write(|conn, actor| {
            retention::purge(
                conn,
                actor,
                args.case_id,
                args.scope,
                &args.reason,
                &documents_dir,
                Local::now().date_naive(),
                Utc::now(),
            )
        })
    })
}

#[tauri::command]
pub async fn person_export<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, Db>,
    args: Args<cmd::PersonExport>,
) -> Reply<cmd::PersonExport> {
    crate::shielded(|| {
        let documents_dir = db.documents_dir();
        let export = db.with(|conn| {
            access::gather(conn, args.id, &documents_dir, Local::now().date_naive())
        })?;
        let summary =
            passerelle_pdf::person_pdf(&export.record, &export.unreadable, &generation(&db));
        let bytes = access::zip(&export, &summary).map_err(AppError::from)?;
        let name = format!("donnees-{}.zip", export.record.case.reference);
        let saved = export::save(
            &app,
            &Export {
                suggested_name: &name,
                kind_label: "Archive ZIP",
                extension: "zip",
                bytes: &bytes,
                open_after: false,
            },
        )?;
        Ok(saved.map(|p| p.display().to_string()))
    })
}

#[tauri::command]
pub async fn registre_export<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, Db>,
    args: Args<cmd::RegistreExport>,
) -> Reply<cmd::RegistreExport> {
    let _ = args;
    crate::shielded(|| {
        let today = Local::now().date_naive();
        let registre = db.with(|conn| {
            let params = parcours::parameters(conn)?;
            let structure = profile::get(conn)?.map(|p| p.structure).unwrap_or_default();
            Ok(passerelle_domain::registre::registre(
                &params, &structure, today,
            ))
        })?;
        let bytes = passerelle_pdf::registre_pdf(&registre, &generation(&db));
        let name = format!("registre-traitements-{}.pdf", today.format("%Y-%m-%d"));
        let saved = export::save(
            &app,
            &Export {
                suggested_name: &name,
                kind_label: "Document PDF",
                extension: "pdf",
                bytes: &bytes,
                open_after: true,
            },
        )?;
        Ok(saved.map(|p| p.display().to_string()))
    })
}
