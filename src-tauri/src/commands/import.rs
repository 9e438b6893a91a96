//! « Importer » from the window. The file crosses once, as the raw body of `import_stage`, and
//! stays in the shell (with the unlocked database, forgotten on lock); the window then asks for
//! its preview with the mapping it shows, and imports it all or nothing while it polls the
//! progress. The reading and the rules are the import crate's, as for the command line.

use chrono::Utc;
use passerelle_domain::AppError;
use passerelle_domain::import::{
    CasesImportArgs, CasesPreview, CataloguePreview, ImportDone, ImportFile, ImportKind,
    ImportPhase, ImportProblem, ImportProgress, StagedPreview,
};
use passerelle_domain::ipc::{IMPORT_FILE_HEADER, RawBodyMeta, cmd};
use passerelle_domain::validate::bounds;
use passerelle_import::cases::{self, ColumnMap, Options};
use passerelle_import::{ImportError, Input, LineError, catalogue, source};
use passerelle_storage::{Connection, import_mapping, territory};
use tauri::State;

use super::{Args, Reply};
use crate::Db;
use crate::state::Staged;

fn problem(e: LineError) -> ImportProblem {
    ImportProblem {
        file: e.file,
        line: e.line,
        column: e.column,
        reason: e.reason,
    }
}

/// A whole-file problem (unreadable, wrong kind) as the form's error on the file field.
fn file_error(e: &LineError) -> AppError {
    AppError::invalid("file", format!("« {} » : {}.", e.file, e.reason))
}

/// Keeps the file sent as the raw body and answers its preview.
#[tauri::command]
pub async fn import_stage(
    db: State<'_, Db>,
    request: tauri::ipc::Request<'_>,
) -> Reply<cmd::ImportStage> {
    crate::shielded(|| {
        let tauri::ipc::InvokeBody::Raw(bytes) = request.body() else {
            return Err(AppError::Ipc {
                message: "import_stage : le fichier doit arriver en octets bruts".into(),
            });
        };
        let header = request
            .headers()
            .get(IMPORT_FILE_HEADER)
            .and_then(|v| v.to_str().ok())
            .ok_or_else(|| AppError::Ipc {
                message: format!("import_stage : en-tête {IMPORT_FILE_HEADER} absent"),
            })?;
        let file: Args<cmd::ImportStage> = ImportFile::from_header(header)?;
        let name = file.file_name.clone();
        if bytes.len() as u64 > bounds::IMPORT_MAX_BYTES {
            return Err(AppError::invalid(
                "file",
                format!(
                    "« {name} » : fichier trop volumineux ({} Mo au plus) ; scindez-le en plusieurs fichiers.",
                    bounds::IMPORT_MAX_BYTES / (1024 * 1024)
                ),
            ));
        }
        let lower = name.to_lowercase();
        let inputs = match file.kind {
            ImportKind::Cases => {
                if ![".csv", ".txt", ".xlsx"].iter().any(|e| lower.ends_with(e)) {
                    return Err(AppError::invalid(
                        "file",
                        format!("« {name} » : choisissez un fichier CSV ou un classeur XLSX."),
                    ));
                }
                vec![Input {
                    name: name.clone(),
                    file_name: name.clone(),
                    bytes: bytes.clone(),
                }]
            }
            ImportKind::Catalogue => source::inputs_from_bytes(&name, &name, bytes.clone())
                .map_err(|e| file_error(&e))?,
        };
        let staged = Staged {
            kind: file.kind,
            file_name: name,
            inputs,
        };
        db.stage(staged, |conn, staged| match staged.kind {
            ImportKind::Cases => {
                cases_preview(conn, staged, &CasesImportArgs::default()).map(StagedPreview::Cases)
            }
            ImportKind::Catalogue => catalogue_preview(conn, staged).map(StagedPreview::Catalogue),
        })
    })
}

/// The staged case file read again with the mapping the window shows.
#[tauri::command]
pub async fn cases_import_preview(
    db: State<'_, Db>,
    args: Args<cmd::CasesImportPreview>,
) -> Reply<cmd::CasesImportPreview> {
    crate::shielded(|| {
        db.with_staged(|conn, _, staged| Ok((cases_preview(conn, staged, &args)?, false)))
    })
}

/// Imports the staged case file, all or nothing, and remembers the mapping for its source.
#[tauri::command]
pub async fn cases_import_run(
    db: State<'_, Db>,
    args: Args<cmd::CasesImportRun>,
) -> Reply<cmd::CasesImportRun> {
    crate::shielded(|| {
        let outcome = db.with_staged(|conn, actor, staged| {
            let input = cases_input(staged)?;
            let (options, source) = options_for(conn, input, &args)?;
            db.set_progress(ImportProgress {
                phase: ImportPhase::Checking,
                ..ImportProgress::default()
            });
            let summary = cases::import(
                conn,
                actor,
                std::slice::from_ref(input),
                &options,
                false,
                Utc::now(),
                &mut |done, total| {
                    db.set_progress(ImportProgress {
                        phase: ImportPhase::Writing,
                        done: done as u64,
                        total: total as u64,
                    });
                },
            )
            .map_err(refused)?;
            if args.remember {
                // What was remembered stays, unless chosen otherwise this time.
                let mut merged = options.remembered.clone();
                merged.extend(options.map.iter().map(|(h, f)| (h.clone(), *f)));
                let mapping: Vec<(String, String)> =
                    merged.into_iter().map(|(h, f)| (h, f.to_owned())).collect();
                // The cases are committed: failing to remember must not look like a failed import.
                if let Err(e) = import_mapping::remember(conn, &source, &mapping) {
                    log::warn!("correspondance de colonnes non mémorisée : {e}");
                }
            }
            Ok((
                ImportDone {
                    count: summary.cases as u64,
                    catalogue: None,
                    notices: summary.notices.iter().map(ToString::to_string).collect(),
                },
                true,
            ))
        });
        db.set_progress(ImportProgress::default());
        outcome
    })
}

/// Imports the staged catalogue export, all or nothing.
#[tauri::command]
pub async fn catalogue_import_run(
    db: State<'_, Db>,
    args: Args<cmd::CatalogueImportRun>,
) -> Reply<cmd::CatalogueImportRun> {
    let _ = args;
    crate::shielded(|| {
        let outcome = db.with_staged(|conn, _, staged| {
            if staged.kind != ImportKind::Catalogue {
                return Err(not_staged_as("l’export du catalogue"));
            }
            db.set_progress(ImportProgress {
                phase: ImportPhase::Writing,
                ..ImportProgress::default()
            });
            let summary =
                catalogue::import(conn, &staged.inputs, false, Utc::now()).map_err(refused)?;
            Ok((
                ImportDone {
                    count: summary.fiches as u64,
                    catalogue: Some(summary.catalogue),
                    notices: summary.notices.iter().map(ToString::to_string).collect(),
                },
                true,
            ))
        });
        db.set_progress(ImportProgress::default());
        outcome
    })
}

#[tauri::command]
pub async fn import_progress(
    db: State<'_, Db>,
    args: Args<cmd::ImportProgressGet>,
) -> Reply<cmd::ImportProgressGet> {
    let _ = args;
    Ok(db.progress())
}

fn not_staged_as(what: &str) -> AppError {
    AppError::invalid(
        "file",
        format!("Le fichier en attente n’est pas {what} : choisissez-le de nouveau."),
    )
}

/// An import refused at write time (the preview showed no error, but the data changed since):
/// nothing was written, and the preview, asked again, lists why.
fn refused(e: ImportError) -> AppError {
    match e {
        ImportError::Refused { errors, .. } => AppError::invalid(
            "file",
            format!(
                "{} erreur(s) : rien n’a été importé. Revoyez la liste des erreurs, corrigez le fichier et choisissez-le de nouveau.",
                errors.len()
            ),
        ),
        ImportError::Storage(e) => e.into(),
    }
}

fn cases_input(staged: &Staged) -> Result<&Input, AppError> {
    match (staged.kind, staged.inputs.as_slice()) {
        (ImportKind::Cases, [input]) => Ok(input),
        _ => Err(not_staged_as("une liste de dossiers")),
    }
}

/// The import's options from the window's choices, with what is remembered for the file's
/// source; and that source.
fn options_for(
    conn: &Connection,
    input: &Input,
    args: &CasesImportArgs,
) -> Result<(Options, String), AppError> {
    let headers = cases::headers_of(input).unwrap_or_default();
    let source = cases::source_key(&headers);
    let mut remembered = ColumnMap::new();
    for (header, field) in import_mapping::remembered(conn, &source)? {
        // A field a later version no longer has is forgotten, not an error.
        if let Some(field) = cases::field_of(&field) {
            remembered.insert(header, field);
        }
    }
    let mut map = ColumnMap::new();
    for m in &args.mapping {
        let field = cases::field_of(&m.field).ok_or_else(|| {
            AppError::invalid(
                "mapping",
                format!(
                    "Colonne « {} » inconnue pour l’en-tête « {} » : choisissez-la dans la liste.",
                    m.field, m.header
                ),
            )
        })?;
        map.insert(passerelle_import::normalise_header(&m.header), field);
    }
    let options = Options {
        map,
        remembered,
        territory: args.territory.clone().filter(|t| !t.trim().is_empty()),
    };
    Ok((options, source))
}

fn cases_preview(
    conn: &mut Connection,
    staged: &Staged,
    args: &CasesImportArgs,
) -> Result<CasesPreview, AppError> {
    let input = cases_input(staged)?;
    let (options, _) = options_for(conn, input, args)?;
    let territories = territory::list(conn)?;
    let parsed = cases::parse_with(
        input,
        &territories,
        chrono::Local::now().date_naive(),
        &options,
    );
    let has_territory_column = parsed
        .headers
        .iter()
        .any(|h| h.field.as_deref() == Some("beneficiary.territory"));
    Ok(CasesPreview {
        file_name: staged.file_name.clone(),
        headers: parsed.headers,
        sample: parsed.sample,
        rows: parsed.rows,
        ready: parsed.cases.len() as u64,
        has_territory_column,
        targets: cases::targets(),
        errors: parsed.errors.into_iter().map(problem).collect(),
        notices: parsed.notices.iter().map(ToString::to_string).collect(),
    })
}

fn catalogue_preview(conn: &mut Connection, staged: &Staged) -> Result<CataloguePreview, AppError> {
    let mut preview = CataloguePreview {
        file_name: staged.file_name.clone(),
        entries: staged.inputs.iter().map(|i| i.file_name.clone()).collect(),
        fiches: 0,
        blocs: 0,
        romes: 0,
        errors: Vec::new(),
        notices: Vec::new(),
    };
    match catalogue::import(conn, &staged.inputs, true, Utc::now()) {
        Ok(summary) => {
            preview.fiches = summary.fiches as u64;
            preview.blocs = summary.blocs as u64;
            preview.romes = summary.romes as u64;
            preview.notices = summary.notices.iter().map(ToString::to_string).collect();
        }
        Err(ImportError::Refused { errors, notices }) => {
            preview.errors = errors.into_iter().map(problem).collect();
            preview.notices = notices.iter().map(ToString::to_string).collect();
        }
        Err(ImportError::Storage(e)) => return Err(e.into()),
    }
    Ok(preview)
}
