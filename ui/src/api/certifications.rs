use passerelle_domain::AppError;
use passerelle_domain::case::CaseId;
use passerelle_domain::certification::{Certification, Enrolment, Route};
use passerelle_domain::ipc::{
    BlocStatusArgs, CaseRecordsArgs, CertSearchArgs, EnrolmentCreateArgs, command,
};

use crate::ipc::invoke;

pub async fn search(text: String) -> Result<Vec<Certification>, AppError> {
    invoke(command::CERT_SEARCH, &CertSearchArgs { text }).await
}

pub async fn enrolments(case_id: CaseId) -> Result<Vec<Enrolment>, AppError> {
    invoke(command::ENROLMENT_LIST, &CaseRecordsArgs { case_id }).await
}

pub async fn enrol(
    case_id: CaseId,
    certification: String,
    route: Route,
) -> Result<Enrolment, AppError> {
    invoke(
        command::ENROLMENT_CREATE,
        &EnrolmentCreateArgs {
            case_id,
            certification,
            route,
        },
    )
    .await
}

pub async fn set_bloc(args: BlocStatusArgs) -> Result<(), AppError> {
    invoke(command::BLOC_STATUS_SET, &args).await
}
