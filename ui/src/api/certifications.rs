use passerelle_domain::AppError;
use passerelle_domain::case::CaseId;
use passerelle_domain::certification::{
    Certificate, Certification, Enrolment, ExamSessionDetail, ExamSessionSummary, NewExamSession,
    Route, StaffOverview, VaeFollowUp,
};
use passerelle_domain::ids::{EnrolmentId, ExamSessionId};
use passerelle_domain::ipc::{
    BlocStatusArgs, CaseRecordsArgs, CertSearchArgs, CertificateIssueArgs, EnrolmentCreateArgs,
    ExamSessionArgs, ExamSessionCreateArgs, ExamSessionRegisterArgs, ExamSessionResultArgs,
    Exported, NoArgs, StaffOverviewArgs, VaeSaveArgs, cmd,
};

use crate::ipc::call;

pub async fn search(text: String) -> Result<Vec<Certification>, AppError> {
    call::<cmd::CertSearch>(&CertSearchArgs { text }).await
}

pub async fn enrolments(case_id: CaseId) -> Result<Vec<Enrolment>, AppError> {
    call::<cmd::EnrolmentList>(&CaseRecordsArgs { case_id }).await
}

pub async fn enrol(
    case_id: CaseId,
    certification: String,
    route: Route,
) -> Result<Enrolment, AppError> {
    call::<cmd::EnrolmentCreate>(&EnrolmentCreateArgs {
        case_id,
        certification,
        route,
    })
    .await
}

pub async fn set_bloc(args: BlocStatusArgs) -> Result<(), AppError> {
    call::<cmd::BlocStatusSet>(&args).await
}

pub async fn staff_overview(days: u32) -> Result<StaffOverview, AppError> {
    call::<cmd::StaffOverviewGet>(&StaffOverviewArgs { days }).await
}

pub async fn create_exam_session(session: NewExamSession) -> Result<ExamSessionSummary, AppError> {
    call::<cmd::ExamSessionCreate>(&ExamSessionCreateArgs { session }).await
}

pub async fn exam_session(id: ExamSessionId) -> Result<ExamSessionDetail, AppError> {
    call::<cmd::ExamSessionGet>(&ExamSessionArgs { id }).await
}

pub async fn register(
    exam_session_id: ExamSessionId,
    enrolment_id: EnrolmentId,
) -> Result<(), AppError> {
    call::<cmd::ExamSessionRegister>(&ExamSessionRegisterArgs {
        exam_session_id,
        enrolment_id,
    })
    .await
}

pub async fn record_result(args: ExamSessionResultArgs) -> Result<(), AppError> {
    call::<cmd::ExamSessionResult>(&args).await
}

pub async fn issue_certificate(
    enrolment_id: EnrolmentId,
    certificate: Certificate,
) -> Result<Certificate, AppError> {
    call::<cmd::CertificateIssue>(&CertificateIssueArgs {
        enrolment_id,
        certificate,
    })
    .await
}

pub async fn save_vae(enrolment_id: EnrolmentId, follow_up: VaeFollowUp) -> Result<(), AppError> {
    call::<cmd::VaeSave>(&VaeSaveArgs {
        enrolment_id,
        follow_up,
    })
    .await
}

/// `None`: the user cancelled the save dialog.
pub async fn export_csv() -> Result<Option<Exported>, AppError> {
    call::<cmd::CandidatesCsvExport>(&NoArgs {}).await
}
