use passerelle_domain::AppError;
use passerelle_domain::import::{
    CasesImportArgs, CasesPreview, ImportDone, ImportFile, ImportKind, ImportProgress,
    StagedPreview,
};
use passerelle_domain::ipc::{IMPORT_FILE_HEADER, NoArgs, RawBodyMeta, cmd};

use crate::ipc::{call, invoke_bytes};

/// Sends the file once (its bytes as the raw body); the shell keeps it and answers its preview.
pub async fn stage(
    kind: ImportKind,
    file_name: String,
    content: &[u8],
) -> Result<StagedPreview, AppError> {
    let file = ImportFile { kind, file_name };
    invoke_bytes::<cmd::ImportStage>(content, (IMPORT_FILE_HEADER, &file.to_header())).await
}

pub async fn cases_preview(args: CasesImportArgs) -> Result<CasesPreview, AppError> {
    call::<cmd::CasesImportPreview>(&args).await
}

pub async fn cases_run(args: CasesImportArgs) -> Result<ImportDone, AppError> {
    call::<cmd::CasesImportRun>(&args).await
}

pub async fn catalogue_run() -> Result<ImportDone, AppError> {
    call::<cmd::CatalogueImportRun>(&NoArgs {}).await
}

pub async fn progress() -> Result<ImportProgress, AppError> {
    call::<cmd::ImportProgressGet>(&NoArgs {}).await
}
