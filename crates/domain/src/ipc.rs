//! The IPC contract: command names and the request/response types of each command.
//!
//! The shell registers handlers under these names and the UI's `api` module calls them; both
//! sides use the same types, so a renamed field breaks the build, not the running app.
//! Argument keys are the Rust parameter names of the commands, in camelCase (Tauri's rule).

use serde::{Deserialize, Serialize};

/// Command names, one constant per `#[tauri::command]`.
pub mod command {
    pub const APP_STATUS: &str = "app_status";
    pub const PROFILE_GET: &str = "profile_get";
    pub const PROFILE_SAVE: &str = "profile_save";
    pub const TERRITORY_LIST: &str = "territory_list";
    pub const TERRITORY_ADD: &str = "territory_add";
    pub const COUNSELLOR_LIST: &str = "counsellor_list";
    pub const CASE_LIST: &str = "case_list";
    pub const CASE_GET: &str = "case_get";
    pub const CASE_CREATE: &str = "case_create";
    pub const CASE_UPDATE: &str = "case_update";
    pub const CASE_SET_ARCHIVED: &str = "case_set_archived";
    pub const CASE_JOURNAL: &str = "case_journal";
    pub const INTERVIEW_LIST: &str = "interview_list";
    pub const INTERVIEW_ADD: &str = "interview_add";
    pub const DOCUMENT_LIST: &str = "document_list";
    pub const DOCUMENT_ADD: &str = "document_add";
    pub const DOCUMENT_VALIDATE: &str = "document_validate";
    pub const PARCOURS_VIEW: &str = "parcours_view";
    pub const PARCOURS_ADVANCE: &str = "parcours_advance";
    pub const TODO_OVERVIEW: &str = "todo_overview";
    pub const PARAMETER_LIST: &str = "parameter_list";
    pub const PARAMETER_SET: &str = "parameter_set";
    pub const CERT_SEARCH: &str = "cert_search";
    pub const ENROLMENT_LIST: &str = "enrolment_list";
    pub const ENROLMENT_CREATE: &str = "enrolment_create";
    pub const BLOC_STATUS_SET: &str = "bloc_status_set";
    pub const SESSION_LIST: &str = "session_list";
    pub const SESSION_CREATE: &str = "session_create";
    pub const SESSION_UPDATE: &str = "session_update";
    pub const SESSION_DETAIL: &str = "session_detail";
    pub const SESSION_CANDIDATES: &str = "session_candidates";
    pub const SESSION_ADD: &str = "session_add";
    pub const SESSION_REMOVE: &str = "session_remove";
    pub const SESSION_REORDER: &str = "session_reorder";
    pub const SESSION_DECIDE: &str = "session_decide";
    pub const DOSSIER_EXPORT: &str = "dossier_export";
    pub const SESSION_PACK_EXPORT: &str = "session_pack_export";
    pub const CERT_STAFF_OVERVIEW: &str = "cert_staff_overview";
    pub const CERT_SESSION_CREATE: &str = "cert_session_create";
    pub const CERT_SESSION_GET: &str = "cert_session_get";
    pub const CERT_SESSION_REGISTER: &str = "cert_session_register";
    pub const CERT_SESSION_RESULT: &str = "cert_session_result";
    pub const CERTIFICATE_ISSUE: &str = "certificate_issue";
    pub const VAE_SAVE: &str = "vae_save";
    pub const CERT_EXPORT_CSV: &str = "cert_export_csv";

    /// Every command, as declared to tauri-build for the permission system.
    pub const ALL: &[&str] = &[
        APP_STATUS,
        PROFILE_GET,
        PROFILE_SAVE,
        TERRITORY_LIST,
        TERRITORY_ADD,
        COUNSELLOR_LIST,
        CASE_LIST,
        CASE_GET,
        CASE_CREATE,
        CASE_UPDATE,
        CASE_SET_ARCHIVED,
        CASE_JOURNAL,
        INTERVIEW_LIST,
        INTERVIEW_ADD,
        DOCUMENT_LIST,
        DOCUMENT_ADD,
        DOCUMENT_VALIDATE,
        PARCOURS_VIEW,
        PARCOURS_ADVANCE,
        TODO_OVERVIEW,
        PARAMETER_LIST,
        PARAMETER_SET,
        CERT_SEARCH,
        ENROLMENT_LIST,
        ENROLMENT_CREATE,
        BLOC_STATUS_SET,
        SESSION_LIST,
        SESSION_CREATE,
        SESSION_UPDATE,
        SESSION_DETAIL,
        SESSION_CANDIDATES,
        SESSION_ADD,
        SESSION_REMOVE,
        SESSION_REORDER,
        SESSION_DECIDE,
        DOSSIER_EXPORT,
        SESSION_PACK_EXPORT,
        CERT_STAFF_OVERVIEW,
        CERT_SESSION_CREATE,
        CERT_SESSION_GET,
        CERT_SESSION_REGISTER,
        CERT_SESSION_RESULT,
        CERTIFICATE_ISSUE,
        VAE_SAVE,
        CERT_EXPORT_CSV,
    ];
}

/// What the status line shows: where the data is and how much of it there is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppStatus {
    pub app_version: String,
    pub database_path: String,
    pub schema_version: u32,
    pub case_count: u64,
}

/// Arguments of `profile_save`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProfileSaveArgs {
    pub profile: crate::profile::CounsellorProfile,
}

/// Arguments of commands that take none: Tauri still expects an object.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
pub struct NoArgs {}

/// A territory a case can be attached to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Territory {
    pub code: String,
    pub label: String,
}

/// Arguments of `case_list`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CaseListArgs {
    pub query: crate::case::CaseQuery,
}

/// Arguments of `case_get` and `case_journal`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct CaseIdArgs {
    pub id: crate::case::CaseId,
}

/// Arguments of `case_create`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CaseCreateArgs {
    pub data: crate::case::CaseData,
}

/// Arguments of `case_update`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CaseUpdateArgs {
    pub id: crate::case::CaseId,
    pub data: crate::case::CaseData,
}

/// Arguments of `case_set_archived`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct CaseSetArchivedArgs {
    pub id: crate::case::CaseId,
    pub archived: bool,
}

/// A saved case and the warnings its data raised (shown, not blocking).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseSaved {
    pub case: crate::case::CaseFile,
    pub warnings: Vec<crate::FieldError>,
}

/// Arguments of `interview_list` and `document_list`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseRecordsArgs {
    pub case_id: crate::case::CaseId,
}

/// Arguments of `interview_add`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InterviewAddArgs {
    pub case_id: crate::case::CaseId,
    pub interview: crate::case::NewInterview,
}

/// What `document_add` receives besides the file: the file's bytes are the request's raw body
/// (a JSON array of numbers would be 4 times larger and parsed number by number), and this
/// description travels in the [`DOCUMENT_META_HEADER`] header, as percent-encoded JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentMeta {
    pub case_id: crate::case::CaseId,
    pub kind: crate::case::DocumentKind,
    pub file_name: String,
    pub received_on: chrono::NaiveDate,
}

/// The header of `document_add` that carries its [`DocumentMeta`].
pub const DOCUMENT_META_HEADER: &str = "x-passerelle-document";

impl DocumentMeta {
    /// The header value: JSON, percent-encoded so that any file name is a valid header.
    pub fn to_header(&self) -> String {
        let json = serde_json::to_string(self).unwrap_or_default();
        let mut out = String::with_capacity(json.len() * 3);
        for b in json.bytes() {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                out.push(char::from(b));
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
        out
    }

    /// Reads a header written by [`DocumentMeta::to_header`].
    pub fn from_header(value: &str) -> Result<Self, crate::AppError> {
        let bad = |why: &str| crate::AppError::Ipc {
            message: format!("{DOCUMENT_META_HEADER} : {why}"),
        };
        let bytes = value.as_bytes();
        let mut decoded = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                let hex = value
                    .get(i + 1..i + 3)
                    .ok_or_else(|| bad("encodage tronqué"))?;
                decoded.push(u8::from_str_radix(hex, 16).map_err(|_| bad("encodage invalide"))?);
                i += 3;
            } else {
                decoded.push(bytes[i]);
                i += 1;
            }
        }
        serde_json::from_slice(&decoded).map_err(|e| bad(&e.to_string()))
    }
}

/// Arguments of `territory_add`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TerritoryAddArgs {
    pub label: String,
}

/// Arguments of `document_validate`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentValidateArgs {
    pub document_id: i64,
    pub validated: bool,
}

/// Arguments of `parcours_advance`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ParcoursAdvanceArgs {
    pub case_id: crate::case::CaseId,
    pub to: crate::parcours::Step,
    pub reason: String,
}

/// Arguments of `todo_overview`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TodoArgs {
    pub days: u32,
    pub idle_days: u32,
}

/// One parameter as Paramètres shows it: its current value and where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ParameterRow {
    pub key: String,
    pub value: f64,
    pub valid_from: chrono::NaiveDate,
    pub note: String,
    /// True when the value is the app's default, false when the user entered it.
    pub default: bool,
}

/// Arguments of `parameter_set`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ParameterSetArgs {
    pub value: crate::parcours::ParamValue,
}

/// Arguments of `cert_search`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CertSearchArgs {
    pub text: String,
}

/// Arguments of `enrolment_create`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EnrolmentCreateArgs {
    pub case_id: crate::case::CaseId,
    pub certification: String,
    pub route: crate::certification::Route,
}

/// Arguments of `bloc_status_set`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BlocStatusArgs {
    pub enrolment_id: i64,
    pub bloc: String,
    pub status: crate::certification::BlocStatus,
    pub acquired_on: Option<chrono::NaiveDate>,
    pub evidence: String,
}

/// Arguments of the session commands that name only the session.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionArgs {
    pub id: crate::committee::SessionId,
}

/// Arguments of `session_create`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionCreateArgs {
    pub new: crate::committee::NewSession,
}

/// Arguments of `session_add` and `session_remove`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionCaseArgs {
    pub id: crate::committee::SessionId,
    pub case_id: crate::case::CaseId,
}

/// Arguments of `session_reorder`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionReorderArgs {
    pub id: crate::committee::SessionId,
    pub order: Vec<crate::case::CaseId>,
}

/// Arguments of `session_decide`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionDecideArgs {
    pub id: crate::committee::SessionId,
    pub case_id: crate::case::CaseId,
    pub input: crate::committee::OutcomeInput,
}

/// Arguments of `dossier_export`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DossierExportArgs {
    pub case_id: crate::case::CaseId,
    pub pseudonymised: bool,
    pub session_id: Option<crate::committee::SessionId>,
}

/// Arguments of `session_pack_export`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PackExportArgs {
    pub id: crate::committee::SessionId,
    pub pseudonymised: bool,
}

/// Arguments of `cert_staff_overview`: the horizon of upcoming (and recent) sessions.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct StaffOverviewArgs {
    pub days: u32,
}

/// Arguments of `cert_session_create`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CertSessionCreateArgs {
    pub session: crate::certification::NewSession,
}

/// Arguments of `cert_session_register`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CertSessionRegisterArgs {
    pub session_id: i64,
    pub enrolment_id: i64,
}

/// Arguments of `cert_session_result`: `blocs` are the blocs validated (validation partielle only).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CertSessionResultArgs {
    pub session_id: i64,
    pub enrolment_id: i64,
    pub outcome: crate::certification::Outcome,
    pub blocs: Vec<String>,
}

/// Arguments of `certificate_issue`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CertificateIssueArgs {
    pub enrolment_id: i64,
    pub certificate: crate::certification::Certificate,
}

/// Arguments of `vae_save`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VaeSaveArgs {
    pub enrolment_id: i64,
    pub follow_up: crate::certification::VaeFollowUp,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Exported {
    pub path: String,
    pub rows: u32,
}

/// Arguments of `cert_session_get`.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct CertSessionIdArgs {
    pub id: i64,
}

/// Arguments of `session_update`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionUpdateArgs {
    pub id: crate::committee::SessionId,
    pub new: crate::committee::NewSession,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_meta_survives_a_header_with_any_file_name() {
        let meta = DocumentMeta {
            case_id: 42,
            kind: crate::case::DocumentKind::Devis,
            file_name: "Devis n°3 — « été » 100%.pdf".into(),
            received_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
        };
        let header = meta.to_header();
        assert!(header.bytes().all(|b| b.is_ascii_graphic()), "{header}");
        assert_eq!(DocumentMeta::from_header(&header).unwrap(), meta);
        assert!(DocumentMeta::from_header("%E").is_err());
        assert!(DocumentMeta::from_header("%é9").is_err());
        assert!(DocumentMeta::from_header("{}").is_err());
    }
}
