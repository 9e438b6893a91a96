use passerelle_domain::AppError;
use passerelle_domain::case::CaseId;
use passerelle_domain::ids::DocumentId;
use passerelle_domain::ipc::{
    CaseRecordsArgs, DocumentValidateArgs, NoArgs, ParameterRow, ParameterSetArgs,
    ParcoursAdvanceArgs, TodoArgs, cmd,
};
use passerelle_domain::params::ParamValue;
use passerelle_domain::parcours::{ParcoursView, Step, TodoFilter, TodoOverview};

use crate::ipc::call;

pub async fn view(case_id: CaseId) -> Result<ParcoursView, AppError> {
    call::<cmd::ParcoursGet>(&CaseRecordsArgs { case_id }).await
}

pub async fn advance(case_id: CaseId, to: Step, reason: String) -> Result<ParcoursView, AppError> {
    call::<cmd::ParcoursAdvance>(&ParcoursAdvanceArgs {
        case_id,
        to,
        reason,
    })
    .await
}

/// The deadlines and committee sittings ahead as a calendar file (save dialog): the path written,
/// `None` when cancelled.
pub async fn export_calendar(days: u32, filter: TodoFilter) -> Result<Option<String>, AppError> {
    call::<cmd::CalendarExport>(&TodoArgs {
        days,
        idle_days: 0,
        filter,
    })
    .await
}

pub async fn todo(days: u32, idle_days: u32, filter: TodoFilter) -> Result<TodoOverview, AppError> {
    call::<cmd::TodoOverviewGet>(&TodoArgs {
        days,
        idle_days,
        filter,
    })
    .await
}

pub async fn validate_document(document_id: DocumentId, validated: bool) -> Result<(), AppError> {
    call::<cmd::DocumentValidate>(&DocumentValidateArgs {
        document_id,
        validated,
    })
    .await
}

pub async fn parameters() -> Result<Vec<ParameterRow>, AppError> {
    call::<cmd::ParameterList>(&NoArgs {}).await
}

pub async fn set_parameter(value: ParamValue) -> Result<(), AppError> {
    call::<cmd::ParameterSet>(&ParameterSetArgs { value }).await
}
