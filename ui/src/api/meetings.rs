use passerelle_domain::AppError;
use passerelle_domain::case::{CaseId, CaseSummary};
use passerelle_domain::committee::{Meeting, MeetingDetail, MeetingId, NewMeeting, OutcomeInput};
use passerelle_domain::ipc::{
    DossierExportArgs, MeetingArgs, MeetingCaseArgs, MeetingCreateArgs, MeetingDecideArgs,
    MeetingReorderArgs, MeetingUpdateArgs, NoArgs, PackExportArgs, cmd,
};

use crate::ipc::call;

pub async fn list() -> Result<Vec<Meeting>, AppError> {
    call::<cmd::MeetingList>(&NoArgs {}).await
}

pub async fn create(new: NewMeeting) -> Result<Meeting, AppError> {
    call::<cmd::MeetingCreate>(&MeetingCreateArgs { new }).await
}

pub async fn update(id: MeetingId, new: NewMeeting) -> Result<Meeting, AppError> {
    call::<cmd::MeetingUpdate>(&MeetingUpdateArgs { id, new }).await
}

pub async fn detail(id: MeetingId) -> Result<MeetingDetail, AppError> {
    call::<cmd::MeetingGet>(&MeetingArgs { id }).await
}

/// Cases the meeting could take (at a step its committee examines).
pub async fn candidates(id: MeetingId) -> Result<Vec<CaseSummary>, AppError> {
    call::<cmd::MeetingCandidates>(&MeetingArgs { id }).await
}

pub async fn add(id: MeetingId, case_id: CaseId) -> Result<MeetingDetail, AppError> {
    call::<cmd::MeetingAdd>(&MeetingCaseArgs { id, case_id }).await
}

pub async fn remove(id: MeetingId, case_id: CaseId) -> Result<MeetingDetail, AppError> {
    call::<cmd::MeetingRemove>(&MeetingCaseArgs { id, case_id }).await
}

pub async fn reorder(id: MeetingId, order: Vec<CaseId>) -> Result<MeetingDetail, AppError> {
    call::<cmd::MeetingReorder>(&MeetingReorderArgs { id, order }).await
}

pub async fn decide(
    id: MeetingId,
    case_id: CaseId,
    input: OutcomeInput,
) -> Result<MeetingDetail, AppError> {
    call::<cmd::MeetingDecide>(&MeetingDecideArgs { id, case_id, input }).await
}

/// Who an export is for, and whether the counsellor read what the scan of the free texts found
/// and exports anyway (a pseudonymised export is refused until then).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Disclosure {
    pub recipients: Vec<String>,
    pub confirmed: bool,
}

/// The path written, or `None` when the user cancelled the save dialog.
pub async fn export_dossier(
    case_id: CaseId,
    pseudonymised: bool,
    meeting_id: Option<MeetingId>,
    disclosure: Disclosure,
) -> Result<Option<String>, AppError> {
    call::<cmd::DossierExport>(&DossierExportArgs {
        case_id,
        pseudonymised,
        meeting_id,
        recipients: disclosure.recipients,
        confirmed: disclosure.confirmed,
    })
    .await
}

pub async fn export_pack(
    id: MeetingId,
    pseudonymised: bool,
    disclosure: Disclosure,
) -> Result<Option<String>, AppError> {
    call::<cmd::MeetingPackExport>(&PackExportArgs {
        id,
        pseudonymised,
        recipients: disclosure.recipients,
        confirmed: disclosure.confirmed,
    })
    .await
}
