use passerelle_domain::AppError;
use passerelle_domain::case::{CaseId, CaseSummary};
use passerelle_domain::committee::{NewSession, OutcomeInput, Session, SessionDetail, SessionId};
use passerelle_domain::ipc::{
    DossierExportArgs, NoArgs, PackExportArgs, SessionArgs, SessionCaseArgs, SessionCreateArgs,
    SessionDecideArgs, SessionReorderArgs, SessionUpdateArgs, command,
};

use crate::ipc::invoke;

pub async fn list() -> Result<Vec<Session>, AppError> {
    invoke(command::SESSION_LIST, &NoArgs {}).await
}

pub async fn create(new: NewSession) -> Result<Session, AppError> {
    invoke(command::SESSION_CREATE, &SessionCreateArgs { new }).await
}

pub async fn update(id: SessionId, new: NewSession) -> Result<Session, AppError> {
    invoke(command::SESSION_UPDATE, &SessionUpdateArgs { id, new }).await
}

pub async fn detail(id: SessionId) -> Result<SessionDetail, AppError> {
    invoke(command::SESSION_DETAIL, &SessionArgs { id }).await
}

pub async fn candidates(id: SessionId) -> Result<Vec<CaseSummary>, AppError> {
    invoke(command::SESSION_CANDIDATES, &SessionArgs { id }).await
}

pub async fn add(id: SessionId, case_id: CaseId) -> Result<SessionDetail, AppError> {
    invoke(command::SESSION_ADD, &SessionCaseArgs { id, case_id }).await
}

pub async fn remove(id: SessionId, case_id: CaseId) -> Result<SessionDetail, AppError> {
    invoke(command::SESSION_REMOVE, &SessionCaseArgs { id, case_id }).await
}

pub async fn reorder(id: SessionId, order: Vec<CaseId>) -> Result<SessionDetail, AppError> {
    invoke(command::SESSION_REORDER, &SessionReorderArgs { id, order }).await
}

pub async fn decide(
    id: SessionId,
    case_id: CaseId,
    input: OutcomeInput,
) -> Result<SessionDetail, AppError> {
    invoke(
        command::SESSION_DECIDE,
        &SessionDecideArgs { id, case_id, input },
    )
    .await
}

/// The path written, or `None` when the user cancelled the save dialog.
pub async fn export_dossier(
    case_id: CaseId,
    pseudonymised: bool,
    session_id: Option<SessionId>,
) -> Result<Option<String>, AppError> {
    invoke(
        command::DOSSIER_EXPORT,
        &DossierExportArgs {
            case_id,
            pseudonymised,
            session_id,
        },
    )
    .await
}

pub async fn export_pack(id: SessionId, pseudonymised: bool) -> Result<Option<String>, AppError> {
    invoke(
        command::SESSION_PACK_EXPORT,
        &PackExportArgs { id, pseudonymised },
    )
    .await
}
