//! Personal data: the « À purger » list, the purge (expired retention or erasure request), the
//! access-request export of a person, the record of processing activities.

use passerelle_domain::AppError;
use passerelle_domain::case::CaseId;
use passerelle_domain::ipc::{CaseIdArgs, CasePurgeArgs, NoArgs, cmd};
use passerelle_domain::retention::{PurgeReport, PurgeScope, RetentionItem};

use crate::ipc::call;

/// What the retention rules make due today, oldest first.
pub async fn list() -> Result<Vec<RetentionItem>, AppError> {
    call::<cmd::RetentionListGet>(&NoArgs {}).await
}

/// Purges a case's personal data, or only its documents; refused (`Blocked`, with the legal
/// reasons) while something obliges to keep them.
pub async fn purge(
    case_id: CaseId,
    scope: PurgeScope,
    reason: String,
) -> Result<PurgeReport, AppError> {
    call::<cmd::CasePurge>(&CasePurgeArgs {
        case_id,
        scope,
        reason,
    })
    .await
}

/// Everything held on a person (ZIP): the path written, `None` if the user cancelled.
pub async fn export_person(id: CaseId) -> Result<Option<String>, AppError> {
    call::<cmd::PersonExport>(&CaseIdArgs { id }).await
}

/// The record of processing activities (PDF): the path written, `None` if cancelled.
pub async fn export_registre() -> Result<Option<String>, AppError> {
    call::<cmd::RegistreExport>(&NoArgs {}).await
}
