use passerelle_domain::AppError;
use passerelle_domain::case::CaseId;
use passerelle_domain::ipc::{
    CaseRecordsArgs, DocumentValidateArgs, NoArgs, ParameterRow, ParameterSetArgs,
    ParcoursAdvanceArgs, TodoArgs, command,
};
use passerelle_domain::parcours::{ParamValue, ParcoursView, Step, TodoOverview};

use crate::ipc::invoke;

pub async fn view(case_id: CaseId) -> Result<ParcoursView, AppError> {
    invoke(command::PARCOURS_VIEW, &CaseRecordsArgs { case_id }).await
}

pub async fn advance(case_id: CaseId, to: Step, reason: String) -> Result<ParcoursView, AppError> {
    invoke(
        command::PARCOURS_ADVANCE,
        &ParcoursAdvanceArgs {
            case_id,
            to,
            reason,
        },
    )
    .await
}

pub async fn todo(days: u32, idle_days: u32) -> Result<TodoOverview, AppError> {
    invoke(command::TODO_OVERVIEW, &TodoArgs { days, idle_days }).await
}

pub async fn validate_document(document_id: i64, validated: bool) -> Result<(), AppError> {
    invoke(
        command::DOCUMENT_VALIDATE,
        &DocumentValidateArgs {
            document_id,
            validated,
        },
    )
    .await
}

pub async fn parameters() -> Result<Vec<ParameterRow>, AppError> {
    invoke(command::PARAMETER_LIST, &NoArgs {}).await
}

pub async fn set_parameter(value: ParamValue) -> Result<(), AppError> {
    invoke(command::PARAMETER_SET, &ParameterSetArgs { value }).await
}
