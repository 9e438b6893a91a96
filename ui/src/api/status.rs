use passerelle_domain::AppError;
use passerelle_domain::ipc::{AppStatus, NoArgs, command};

use crate::ipc::invoke;

pub async fn app_status() -> Result<AppStatus, AppError> {
    invoke(command::APP_STATUS, &NoArgs {}).await
}
