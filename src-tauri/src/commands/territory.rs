//! The territory side: establishments and their contacts, company diagnostics, hiring needs,
//! the labels of trades, the Territoires dashboard with its map, and its exports.

use chrono::{Local, NaiveDate, Utc};
use passerelle_domain::AppError;
use passerelle_domain::ipc::{EstablishmentPage, Exported, TableFormat, cmd};
use passerelle_storage::{dashboard, diagnostics, establishments, needs};
use tauri::{AppHandle, Runtime, State};

use super::{Args, Reply};
use crate::Db;
use crate::export::{self, Export};

fn today() -> NaiveDate {
    Local::now().date_naive()
}

#[tauri::command]
pub async fn region_map(args: Args<cmd::RegionMapGet>) -> Reply<cmd::RegionMapGet> {
    let _ = args;
    crate::shielded(|| Ok(passerelle_domain::map::grand_est().clone()))
}

#[tauri::command]
pub async fn commune_place(args: Args<cmd::CommunePlaceGet>) -> Reply<cmd::CommunePlaceGet> {
    crate::shielded(|| Ok(passerelle_domain::place::commune_place(&args.insee)))
}

#[tauri::command]
pub async fn territory_dashboard(
    db: State<'_, Db>,
    args: Args<cmd::TerritoryDashboardGet>,
) -> Reply<cmd::TerritoryDashboardGet> {
    crate::shielded(|| db.with(|conn| dashboard::dashboard(conn, &args)))
}

/// The dashboard's tables as XLSX or CSV (ZIP), small counts suppressed (save dialog).
#[tauri::command]
pub async fn dashboard_export<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, Db>,
    args: Args<cmd::DashboardExport>,
) -> Reply<cmd::DashboardExport> {
    crate::shielded(|| {
        let (tables, threshold, source) =
            db.with(|conn| dashboard::export_tables(conn, &args.scope, today()))?;
        let rows = tables.iter().map(|t| t.rows.len() as u32).sum();
        let sheet_error = |e: passerelle_sheets::SheetError| AppError::Internal {
            message: e.to_string(),
        };
        let (bytes, extension, kind_label) = match args.format {
            TableFormat::Xlsx => (
                passerelle_sheets::xlsx(&tables, &source, threshold).map_err(sheet_error)?,
                "xlsx",
                "Classeur Excel (XLSX)",
            ),
            TableFormat::Csv => (
                passerelle_sheets::csv_zip(&tables, threshold).map_err(sheet_error)?,
                "zip",
                "Fichiers CSV (archive ZIP)",
            ),
        };
        let scope = if args.scope.epci.is_empty() {
            args.scope.territory.clone()
        } else {
            args.scope.epci.clone()
        };
        let name = format!(
            "territoire-{scope}-{}.{extension}",
            today().format("%Y-%m-%d")
        );
        let saved = export::save(
            &app,
            &Export {
                suggested_name: &name,
                kind_label,
                extension,
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

#[tauri::command]
pub async fn establishment_list(
    db: State<'_, Db>,
    args: Args<cmd::EstablishmentList>,
) -> Reply<cmd::EstablishmentList> {
    crate::shielded(|| {
        db.with(|conn| {
            let (rows, total) = establishments::list(
                conn,
                args.territory.trim(),
                args.epci.trim(),
                &args.query,
                args.limit.clamp(1, 500),
            )?;
            Ok(EstablishmentPage { rows, total })
        })
    })
}

#[tauri::command]
pub async fn establishment_get(
    db: State<'_, Db>,
    args: Args<cmd::EstablishmentGet>,
) -> Reply<cmd::EstablishmentGet> {
    crate::shielded(|| {
        db.with(|conn| establishments::detail(conn, &args.siret))?
            .ok_or_else(|| AppError::NotFound {
                entity: "Établissement".into(),
                id: args.siret.clone(),
            })
    })
}

#[tauri::command]
pub async fn establishment_save(
    db: State<'_, Db>,
    args: Args<cmd::EstablishmentSave>,
) -> Reply<cmd::EstablishmentSave> {
    crate::shielded(|| {
        db.with(|conn| establishments::save_manual(conn, &args, today(), Utc::now()))
    })
}

#[tauri::command]
pub async fn diagnostic_save(
    db: State<'_, Db>,
    args: Args<cmd::DiagnosticSave>,
) -> Reply<cmd::DiagnosticSave> {
    crate::shielded(|| db.with(|conn| diagnostics::save(conn, args, today(), Utc::now())))
}

#[tauri::command]
pub async fn driver_list(db: State<'_, Db>, args: Args<cmd::DriverList>) -> Reply<cmd::DriverList> {
    let _ = args;
    crate::shielded(|| db.with(|conn| diagnostics::drivers(conn)))
}

#[tauri::command]
pub async fn diagnostic_link(
    db: State<'_, Db>,
    args: Args<cmd::DiagnosticLink>,
) -> Reply<cmd::DiagnosticLink> {
    crate::shielded(|| db.with(|conn| diagnostics::link(conn, args.case_id, args.line_id)))
}

#[tauri::command]
pub async fn need_save(db: State<'_, Db>, args: Args<cmd::NeedSave>) -> Reply<cmd::NeedSave> {
    crate::shielded(|| db.with(|conn| needs::save(conn, args, today(), Utc::now())))
}

#[tauri::command]
pub async fn need_list(db: State<'_, Db>, args: Args<cmd::NeedList>) -> Reply<cmd::NeedList> {
    crate::shielded(|| db.with(|conn| needs::list(conn, &args)))
}

#[tauri::command]
pub async fn trade_label_save(
    db: State<'_, Db>,
    args: Args<cmd::TradeLabelSave>,
) -> Reply<cmd::TradeLabelSave> {
    crate::shielded(|| {
        db.write(|conn, actor| dashboard::save_label(conn, actor, args, today(), Utc::now()))
    })
}
