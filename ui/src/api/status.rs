use passerelle_domain::AppError;
use passerelle_domain::ipc::{AppStatus, HelpInfo, NoArgs, cmd};

use crate::ipc::call;

pub async fn app_status() -> Result<AppStatus, AppError> {
    call::<cmd::AppStatusGet>(&NoArgs {}).await
}

pub async fn help() -> Result<HelpInfo, AppError> {
    call::<cmd::HelpGet>(&NoArgs {}).await
}

pub async fn error_report() -> Result<String, AppError> {
    call::<cmd::ErrorReportGet>(&NoArgs {}).await
}
