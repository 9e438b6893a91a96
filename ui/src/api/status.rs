use passerelle_domain::AppError;
use passerelle_domain::ipc::{AppStatus, NoArgs, cmd};

use crate::ipc::call;

pub async fn app_status() -> Result<AppStatus, AppError> {
    call::<cmd::AppStatusGet>(&NoArgs {}).await
}
