use passerelle_domain::AppError;
use passerelle_domain::case::CaseId;
use passerelle_domain::certification::{
    Certificate, Certification, Enrolment, NewSession, Route, SessionDetail, SessionSummary,
    StaffOverview, VaeFollowUp,
};
use passerelle_domain::ipc::{
    BlocStatusArgs, CaseRecordsArgs, CertSearchArgs, CertSessionCreateArgs, CertSessionIdArgs,
    CertSessionRegisterArgs, CertSessionResultArgs, CertificateIssueArgs, EnrolmentCreateArgs,
    Exported, NoArgs, StaffOverviewArgs, VaeSaveArgs, command,
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

pub async fn staff_overview(days: u32) -> Result<StaffOverview, AppError> {
    invoke(command::CERT_STAFF_OVERVIEW, &StaffOverviewArgs { days }).await
}

pub async fn create_session(session: NewSession) -> Result<SessionSummary, AppError> {
    invoke(
        command::CERT_SESSION_CREATE,
        &CertSessionCreateArgs { session },
    )
    .await
}

pub async fn session(id: i64) -> Result<SessionDetail, AppError> {
    invoke(command::CERT_SESSION_GET, &CertSessionIdArgs { id }).await
}

pub async fn register(session_id: i64, enrolment_id: i64) -> Result<(), AppError> {
    invoke(
        command::CERT_SESSION_REGISTER,
        &CertSessionRegisterArgs {
            session_id,
            enrolment_id,
        },
    )
    .await
}

pub async fn record_result(args: CertSessionResultArgs) -> Result<(), AppError> {
    invoke(command::CERT_SESSION_RESULT, &args).await
}

pub async fn issue_certificate(
    enrolment_id: i64,
    certificate: Certificate,
) -> Result<Certificate, AppError> {
    invoke(
        command::CERTIFICATE_ISSUE,
        &CertificateIssueArgs {
            enrolment_id,
            certificate,
        },
    )
    .await
}

pub async fn save_vae(enrolment_id: i64, follow_up: VaeFollowUp) -> Result<(), AppError> {
    invoke(
        command::VAE_SAVE,
        &VaeSaveArgs {
            enrolment_id,
            follow_up,
        },
    )
    .await
}

/// `None`: the user cancelled the save dialog.
pub async fn export_csv() -> Result<Option<Exported>, AppError> {
    invoke(command::CERT_EXPORT_CSV, &NoArgs {}).await
}
