//! The IPC contract: every command the shell offers, its arguments and its response, declared
//! once here. The shell's handlers and the UI's calls are typed by these declarations, so a
//! renamed field or a changed response breaks the build on both sides, not the running app.
//!
//! Each command takes one argument, `args` (Tauri's key is the Rust parameter name), of the
//! declared [`Command::Args`] type, and answers the declared [`Command::Response`]. Adding a
//! command is one line in [`commands!`] below, its handler in the shell, and its call in the UI.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::case::{
    CaseData, CaseFile, CaseId, CasePage, CaseQuery, CaseSummary, Document, DocumentKind,
    Interview, NewInterview,
};
use crate::certification::{
    Certificate, Certification, Enrolment, ExamOutcome, ExamSessionDetail, ExamSessionSummary,
    NewExamSession, Route, StaffOverview, VaeFollowUp,
};
use crate::committee::{Meeting, MeetingDetail, MeetingId, NewMeeting, OutcomeInput};
use crate::dashboard::{Scope, TerritoryDashboard};
use crate::diagnostic::Diagnostic;
use crate::establishment::{Contact, Establishment, EstablishmentInput};
use crate::ids::{DocumentId, EnrolmentId, ExamSessionId};
use crate::import::{
    CasesImportArgs, CasesPreview, ImportDone, ImportFile, ImportProgress, StagedPreview,
};
use crate::journal::JournalEntry;
use crate::map::RegionMap;
use crate::need::HiringNeed;
use crate::params::ParamValue;
use crate::parcours::{ParcoursView, Step, TodoFilter, TodoOverview};
use crate::profile::CounsellorProfile;
use crate::retention::{PurgeReport, PurgeScope, RetentionItem};
use crate::security::SecurityStatus;
use crate::trade_label::{LabelInput, TradeLabel};

/// One command of the shell: its name, what it takes, what it answers.
pub trait Command {
    const NAME: &'static str;
    type Args: Serialize + DeserializeOwned;
    type Response: Serialize + DeserializeOwned;
}

/// Declares the commands: `Type = "name": Args => Response;`. Generates a marker type per
/// command implementing [`Command`], and [`command::ALL`], the list tauri-build declares to the
/// permission system.
macro_rules! commands {
    ($($(#[$doc:meta])* $ty:ident = $name:literal : $args:ty => $response:ty;)*) => {
        /// The commands, one marker type each (see [`Command`]).
        pub mod cmd {
            #[allow(unused_imports)]
            use super::*;
            $(
                $(#[$doc])*
                #[derive(Debug)]
                pub enum $ty {}
                impl super::Command for $ty {
                    const NAME: &'static str = $name;
                    type Args = $args;
                    type Response = $response;
                }
            )*
        }

        /// Command names, for the permission system and the capability file.
        pub mod command {
            /// Every command, as declared to tauri-build.
            pub const ALL: &[&str] = &[$($name),*];
        }
    };
}

commands! {
    /// Where the data is and how much of it there is (the status line).
    AppStatusGet = "app_status": NoArgs => AppStatus;
    ProfileGet = "profile_get": NoArgs => Option<CounsellorProfile>;
    ProfileSave = "profile_save": ProfileSaveArgs => CounsellorProfile;
    TerritoryList = "territory_list": NoArgs => Vec<Territory>;
    TerritoryAdd = "territory_add": TerritoryAddArgs => Territory;
    /// Counsellors following active case files (the list's « Suivi par » filter).
    CounsellorList = "counsellor_list": NoArgs => Vec<String>;
    CaseList = "case_list": CaseListArgs => CasePage;
    CaseGet = "case_get": CaseIdArgs => CaseFile;
    CaseCreate = "case_create": CaseCreateArgs => CaseSaved;
    CaseUpdate = "case_update": CaseUpdateArgs => CaseSaved;
    CaseSetArchived = "case_set_archived": CaseSetArchivedArgs => CaseFile;
    CaseJournal = "case_journal": CaseIdArgs => Vec<JournalEntry>;
    InterviewList = "interview_list": CaseRecordsArgs => Vec<Interview>;
    InterviewAdd = "interview_add": InterviewAddArgs => Interview;
    DocumentList = "document_list": CaseRecordsArgs => Vec<Document>;
    /// The file's bytes are the raw request body and [`DocumentMeta`] its header: the one
    /// command without an `args` object.
    DocumentAdd = "document_add": DocumentMeta => Document;
    DocumentValidate = "document_validate": DocumentValidateArgs => ();
    /// Keeps a file to import in the shell (its bytes are the raw request body, [`ImportFile`]
    /// its header) and answers its preview; the next calls work on it without sending it again.
    ImportStage = "import_stage": ImportFile => StagedPreview;
    /// The staged case file read again with the user's mapping and territory.
    CasesImportPreview = "cases_import_preview": CasesImportArgs => CasesPreview;
    /// Imports the staged case file, all or nothing (refused with every error located).
    CasesImportRun = "cases_import_run": CasesImportArgs => ImportDone;
    /// Imports the staged catalogue export, all or nothing.
    CatalogueImportRun = "catalogue_import_run": NoArgs => ImportDone;
    /// Where the running import stands (the progress bar polls it).
    ImportProgressGet = "import_progress": NoArgs => ImportProgress;
    ParcoursGet = "parcours_view": CaseRecordsArgs => ParcoursView;
    ParcoursAdvance = "parcours_advance": ParcoursAdvanceArgs => ParcoursView;
    TodoOverviewGet = "todo_overview": TodoArgs => TodoOverview;
    /// The deadlines of the À faire filter (its horizon) and the committee sittings ahead as an
    /// iCalendar file, named by case reference, never by person (save dialog): the path
    /// written, or `None`.
    CalendarExport = "calendar_export": TodoArgs => Option<String>;
    ParameterList = "parameter_list": NoArgs => Vec<ParameterRow>;
    ParameterSet = "parameter_set": ParameterSetArgs => ();
    CertSearch = "cert_search": CertSearchArgs => Vec<Certification>;
    EnrolmentList = "enrolment_list": CaseRecordsArgs => Vec<Enrolment>;
    EnrolmentCreate = "enrolment_create": EnrolmentCreateArgs => Enrolment;
    BlocStatusSet = "bloc_status_set": BlocStatusArgs => ();
    MeetingList = "meeting_list": NoArgs => Vec<Meeting>;
    MeetingCreate = "meeting_create": MeetingCreateArgs => Meeting;
    MeetingUpdate = "meeting_update": MeetingUpdateArgs => Meeting;
    MeetingGet = "meeting_detail": MeetingArgs => MeetingDetail;
    /// Cases a meeting could take (at a step its committee examines).
    MeetingCandidates = "meeting_candidates": MeetingArgs => Vec<CaseSummary>;
    MeetingAdd = "meeting_add": MeetingCaseArgs => MeetingDetail;
    MeetingRemove = "meeting_remove": MeetingCaseArgs => MeetingDetail;
    MeetingReorder = "meeting_reorder": MeetingReorderArgs => MeetingDetail;
    MeetingDecide = "meeting_decide": MeetingDecideArgs => MeetingDetail;
    /// Exports a case's committee dossier (save dialog, then the viewer): the path written, or
    /// `None` when the user cancelled.
    DossierExport = "dossier_export": DossierExportArgs => Option<String>;
    MeetingPackExport = "meeting_pack_export": PackExportArgs => Option<String>;
    StaffOverviewGet = "cert_staff_overview": StaffOverviewArgs => StaffOverview;
    ExamSessionCreate = "exam_session_create": ExamSessionCreateArgs => ExamSessionSummary;
    ExamSessionGet = "exam_session_get": ExamSessionArgs => ExamSessionDetail;
    ExamSessionRegister = "exam_session_register": ExamSessionRegisterArgs => ();
    ExamSessionResult = "exam_session_result": ExamSessionResultArgs => ();
    CertificateIssue = "certificate_issue": CertificateIssueArgs => Certificate;
    VaeSave = "vae_save": VaeSaveArgs => ();
    CandidatesCsvExport = "cert_export_csv": NoArgs => Option<Exported>;
    /// Where the app stands (set-up, migration, locked, unlocked) and its protection settings.
    SecurityStatusGet = "security_status": NoArgs => SecurityStatus;
    /// First launch, or a database from before encryption: protects it with the passphrase;
    /// answers the recovery key, to show once.
    SecuritySetup = "security_setup": SecuritySetupArgs => RecoveryKey;
    SecurityUnlock = "security_unlock": SecurityUnlockArgs => SecurityStatus;
    /// A forgotten passphrase: the recovery key sets a new one, and unlocks.
    SecurityRecover = "security_recover": SecurityRecoverArgs => SecurityStatus;
    SecurityLock = "security_lock": NoArgs => SecurityStatus;
    PassphraseChange = "passphrase_change": PassphraseChangeArgs => ();
    /// A new recovery key (the old kit stops working), with its printable kit (save dialog):
    /// the key to show, and the path of the kit written (`None` if the dialog was cancelled).
    RecoveryKitRegenerate = "recovery_kit_regenerate": RecoveryKitArgs => RecoveryKit;
    /// The printable kit of the recovery key just shown at set-up (checked against the key
    /// file first): the path written, or `None` if the dialog was cancelled.
    RecoveryKitExport = "recovery_kit_export": RecoveryKey => Option<String>;
    SecuritySettingsSave = "security_settings_save": SecuritySettingsArgs => SecurityStatus;
    /// A backup now: into the backup directory if one is set, else where the user chooses.
    BackupNow = "backup_now": NoArgs => Option<BackupDone>;
    /// The « À purger » list: what the retention rules make due today, and why.
    RetentionListGet = "retention_list": NoArgs => Vec<RetentionItem>;
    /// Purges a case's personal data (or only its documents), after the counsellor confirmed:
    /// an expired retention, or an erasure request (refused, with the legal reasons, while
    /// something obliges to keep the data).
    CasePurge = "case_purge": CasePurgeArgs => PurgeReport;
    /// The access-request export of a person (ZIP: readable summary, JSON of everything held,
    /// documents; save dialog): the path written, or `None` when the user cancelled.
    PersonExport = "person_export": CaseIdArgs => Option<String>;
    /// The one-page description of the processing for the record of processing activities
    /// (save dialog): the path written, or `None`.
    RegistreExport = "registre_export": NoArgs => Option<String>;
    /// The Grand Est EPCIs as SVG paths (the Territoires map), the same for every call.
    RegionMapGet = "region_map": NoArgs => RegionMap;
    /// A Grand Est commune by its INSEE code and where it lies (`None`: unknown to the
    /// reference), for the forms that show it as it is typed.
    CommunePlaceGet = "commune_place": CommuneArgs => Option<crate::place::CommunePlace>;
    /// The Territoires screen for a territory or one EPCI.
    TerritoryDashboardGet = "territory_dashboard": Scope => TerritoryDashboard;
    /// The dashboard's tables as XLSX or CSV (save dialog), small counts suppressed below the
    /// `export_small_count_threshold` parameter: the path written, or `None`.
    DashboardExport = "dashboard_export": DashboardExportArgs => Option<Exported>;
    EstablishmentList = "establishment_list": EstablishmentListArgs => EstablishmentPage;
    EstablishmentGet = "establishment_get": SiretArgs => EstablishmentDetail;
    /// Creates or corrects an establishment by hand (its contacts replaced by the ones sent).
    EstablishmentSave = "establishment_save": EstablishmentInput => EstablishmentDetail;
    /// Creates (`id` 0) or replaces a diagnostic; its lines keep the cases linked to them when
    /// their ids are sent back.
    DiagnosticSave = "diagnostic_save": Diagnostic => Diagnostic;
    /// The drivers of change to offer: the built-in ones and every one already used.
    DriverList = "driver_list": NoArgs => Vec<String>;
    /// Links a case file to the diagnostic line its person comes from (`None`: unlinks).
    DiagnosticLink = "diagnostic_link": DiagnosticLinkArgs => ();
    /// Creates (`id` 0) or updates a hiring need.
    NeedSave = "need_save": HiringNeed => HiringNeed;
    NeedList = "need_list": NeedListArgs => Vec<NeedRow>;
    /// A coordinator's label for a trade in a territory, dated today and signed with the
    /// profile's name, with the evidence as it stands.
    TradeLabelSave = "trade_label_save": LabelInput => TradeLabel;
    /// ROME 4.0 job titles matching the words typed (« soudeur tig »), best first.
    RomeSearch = "rome_search": RomeSearchArgs => Vec<crate::rome::Appellation>;
    /// The ROME reference matching uses (shipped or imported) and its version.
    RomeInUse = "rome_in_use": NoArgs => crate::rome::ReferenceInUse;
    /// A case against the open needs and the trades its ROME leads to, every score explained,
    /// exclusions with their reasons.
    CaseMatchesGet = "case_matches": CaseIdArgs => crate::matching::CaseMatches;
    /// The person's competences (current trade, certifications, declared) against the target
    /// fiche.
    CaseSkillsGet = "case_skills": CaseIdArgs => crate::matching::CaseSkills;
    /// The people in reconversion who fit a need, pseudonymised.
    NeedCandidatesGet = "need_candidates": NeedIdArgs => crate::matching::NeedCandidates;
    /// A person's name for a need, with their consent only; journaled.
    CandidateDisclose = "candidate_disclose": DiscloseArgs => String;
    /// Training sessions by trade, certification, modality, dates, distance and hours.
    TrainingSearch = "training_search": crate::training::SessionQuery => Vec<crate::training::SessionRow>;
    /// Fills a case's project from a match (and a session), keeping the match with its versions.
    MatchChoose = "match_choose": crate::matching::Choice => CaseFile;
    /// The match the case's project was last filled from.
    MatchChosenGet = "match_chosen": CaseIdArgs => Option<crate::matching::ChosenMatch>;
    /// The Aide screen: every deadline's rule with the parameters in force today, where the
    /// log file and the backups are.
    HelpGet = "help_get": NoArgs => HelpInfo;
    /// « Copier un rapport d’erreur » : version, system, schema and the log's last lines —
    /// nothing about the people in the case files.
    ErrorReportGet = "error_report": NoArgs => String;
    /// « Découvrir avec des données de démonstration » (first launch): opens the separate
    /// demonstration database, created the first time.
    DemoOpen = "demo_open": NoArgs => SecurityStatus;
    /// « Quitter la démonstration »: back to the user's own database.
    DemoClose = "demo_close": NoArgs => SecurityStatus;
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RomeSearchArgs {
    pub text: String,
    pub limit: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NeedIdArgs {
    pub id: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DiscloseArgs {
    pub need_id: i64,
    pub case_id: CaseId,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CasePurgeArgs {
    pub case_id: CaseId,
    pub scope: PurgeScope,
    /// Recorded in the journal: « durée de conservation écoulée », « demande d’effacement du… ».
    pub reason: String,
}

/// A recovery key, as shown once: « 7K3Q-9ZD2-… ».
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecoveryKey {
    pub recovery_key: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SecuritySetupArgs {
    pub passphrase: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SecurityUnlockArgs {
    pub passphrase: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SecurityRecoverArgs {
    pub recovery_key: String,
    pub new_passphrase: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PassphraseChangeArgs {
    pub current: String,
    pub new: String,
}

/// The current passphrase, asked again before a new kit replaces the old one.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RecoveryKitArgs {
    pub passphrase: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecoveryKit {
    pub recovery_key: String,
    pub kit_path: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SecuritySettingsArgs {
    pub idle_lock_minutes: u32,
    pub backup_dir: Option<String>,
    pub backup_keep: u32,
}

/// A backup written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BackupDone {
    pub path: String,
    pub created_at: String,
    pub cases: u64,
    pub documents: u64,
    pub bytes: u64,
}

/// What the status line shows: where the data is and how much of it there is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppStatus {
    pub app_version: String,
    pub database_path: String,
    pub schema_version: u32,
    pub case_count: u64,
    /// When the last backup was written (RFC 3339), if ever.
    pub last_backup_at: Option<String>,
    /// A demonstration database: « DÉMONSTRATION » on every screen.
    pub demo: bool,
    /// The demonstration was opened from the first-run screen: it can be left for the user's
    /// own database.
    pub demo_opened_in_app: bool,
}

/// What the Aide screen needs from the shell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HelpInfo {
    pub deadline_rules: Vec<crate::parcours::DeadlineRule>,
    pub log_file: String,
    /// The automatic backups' directory, when one is set (Paramètres › Sécurité).
    pub backup_dir: Option<String>,
}

/// Arguments of commands that take none: Tauri still expects an object.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
pub struct NoArgs {}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProfileSaveArgs {
    pub profile: CounsellorProfile,
}

/// A territory a case can be attached to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Territory {
    pub code: String,
    pub label: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TerritoryAddArgs {
    pub label: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CaseListArgs {
    pub query: CaseQuery,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct CaseIdArgs {
    pub id: CaseId,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CaseCreateArgs {
    pub data: CaseData,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CaseUpdateArgs {
    pub id: CaseId,
    pub data: CaseData,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct CaseSetArchivedArgs {
    pub id: CaseId,
    pub archived: bool,
}

/// A saved case and the warnings its data raised (shown, not blocking).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseSaved {
    pub case: CaseFile,
    pub warnings: Vec<crate::FieldError>,
}

/// Arguments of the commands about one case's records (interviews, documents, parcours,
/// enrolments).
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseRecordsArgs {
    pub case_id: CaseId,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InterviewAddArgs {
    pub case_id: CaseId,
    pub interview: NewInterview,
}

/// What `document_add` receives besides the file: the file's bytes are the request's raw body
/// (a JSON array of numbers would be 4 times larger and parsed number by number), and this
/// description travels in the [`DOCUMENT_META_HEADER`] header, as percent-encoded JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentMeta {
    pub case_id: crate::case::CaseId,
    pub kind: DocumentKind,
    pub file_name: String,
    pub received_on: chrono::NaiveDate,
}

/// The header of `document_add` that carries its [`DocumentMeta`].
pub const DOCUMENT_META_HEADER: &str = "x-passerelle-document";

impl RawBodyMeta for DocumentMeta {
    const HEADER: &'static str = DOCUMENT_META_HEADER;
}

/// The header of `import_stage` that carries its [`ImportFile`].
pub const IMPORT_FILE_HEADER: &str = "x-passerelle-import";

impl RawBodyMeta for ImportFile {
    const HEADER: &'static str = IMPORT_FILE_HEADER;
}

/// The description of a command whose input is a file: the file's bytes are the request's raw
/// body, and this value travels in the [`RawBodyMeta::HEADER`] header, as percent-encoded JSON
/// (so that any file name is a valid header).
pub trait RawBodyMeta: Serialize + DeserializeOwned {
    const HEADER: &'static str;

    /// The header value.
    fn to_header(&self) -> String {
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

    /// Reads a header written by [`RawBodyMeta::to_header`].
    fn from_header(value: &str) -> Result<Self, crate::AppError> {
        let bad = |why: &str| crate::AppError::Ipc {
            message: format!("{} : {why}", Self::HEADER),
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

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentValidateArgs {
    pub document_id: DocumentId,
    pub validated: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ParcoursAdvanceArgs {
    pub case_id: CaseId,
    pub to: Step,
    pub reason: String,
}

/// The À faire horizon and the idle delay, in days (clamped by the storage layer), and whose.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TodoArgs {
    pub days: u32,
    pub idle_days: u32,
    /// One counsellor's or one territory's cases (empty: all).
    #[serde(default)]
    pub filter: TodoFilter,
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

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ParameterSetArgs {
    pub value: ParamValue,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CertSearchArgs {
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EnrolmentCreateArgs {
    pub case_id: CaseId,
    pub certification: String,
    pub route: Route,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BlocStatusArgs {
    pub enrolment_id: EnrolmentId,
    pub bloc: String,
    pub status: crate::certification::BlocStatus,
    pub acquired_on: Option<chrono::NaiveDate>,
    pub evidence: String,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct MeetingArgs {
    pub id: MeetingId,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MeetingCreateArgs {
    pub new: NewMeeting,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MeetingUpdateArgs {
    pub id: MeetingId,
    pub new: NewMeeting,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MeetingCaseArgs {
    pub id: MeetingId,
    pub case_id: CaseId,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MeetingReorderArgs {
    pub id: MeetingId,
    pub order: Vec<CaseId>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MeetingDecideArgs {
    pub id: MeetingId,
    pub case_id: CaseId,
    pub input: OutcomeInput,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DossierExportArgs {
    pub case_id: CaseId,
    pub pseudonymised: bool,
    pub meeting_id: Option<MeetingId>,
    /// Who it is for: printed on every page and recorded.
    #[serde(default)]
    pub recipients: Vec<String>,
    /// The counsellor read what the scan of the free texts found, and exports anyway.
    #[serde(default)]
    pub confirmed: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PackExportArgs {
    pub id: MeetingId,
    pub pseudonymised: bool,
    #[serde(default)]
    pub recipients: Vec<String>,
    #[serde(default)]
    pub confirmed: bool,
}

/// The horizon of upcoming (and recent) exam sessions, in days.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct StaffOverviewArgs {
    pub days: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExamSessionCreateArgs {
    pub session: NewExamSession,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct ExamSessionArgs {
    pub id: ExamSessionId,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExamSessionRegisterArgs {
    pub exam_session_id: ExamSessionId,
    pub enrolment_id: EnrolmentId,
}

/// `blocs` are the blocs validated (validation partielle only).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExamSessionResultArgs {
    pub exam_session_id: ExamSessionId,
    pub enrolment_id: EnrolmentId,
    pub outcome: ExamOutcome,
    pub blocs: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CertificateIssueArgs {
    pub enrolment_id: EnrolmentId,
    pub certificate: Certificate,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VaeSaveArgs {
    pub enrolment_id: EnrolmentId,
    pub follow_up: VaeFollowUp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum TableFormat {
    Xlsx,
    /// One CSV file per table, in a ZIP.
    Csv,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DashboardExportArgs {
    pub scope: Scope,
    pub format: TableFormat,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EstablishmentListArgs {
    /// Empty: every territory.
    pub territory: String,
    /// Empty: the whole territory.
    #[serde(default)]
    pub epci: String,
    /// Part of the name or of the SIRET, or a NAF code; empty: all.
    #[serde(default)]
    pub query: String,
    pub limit: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EstablishmentPage {
    pub rows: Vec<Establishment>,
    pub total: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SiretArgs {
    pub siret: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CommuneArgs {
    /// INSEE code (« 57630 »).
    pub insee: String,
}

/// A case file of an establishment's employee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EstablishmentCase {
    pub id: CaseId,
    pub reference: String,
    /// « NOM Prénoms ».
    pub name: String,
    pub archived: bool,
    /// The diagnostic line the person comes from, if linked.
    pub diagnostic_line: Option<i64>,
}

/// An establishment's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EstablishmentDetail {
    pub establishment: Establishment,
    pub contacts: Vec<Contact>,
    pub cases: Vec<EstablishmentCase>,
    /// Newest first.
    pub diagnostics: Vec<Diagnostic>,
    pub needs: Vec<HiringNeed>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DiagnosticLinkArgs {
    pub case_id: CaseId,
    pub line_id: Option<i64>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NeedListArgs {
    pub scope: Scope,
    /// Only this establishment's needs (empty: all of the scope).
    #[serde(default)]
    pub siret: String,
    /// Only this census campaign's (empty: all).
    #[serde(default)]
    pub campaign: String,
    pub limit: u32,
}

/// A need with its establishment's name, for lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NeedRow {
    pub need: HiringNeed,
    pub establishment_name: String,
    pub commune_name: String,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Exported {
    pub path: String,
    pub rows: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_meta_survives_a_header_with_any_file_name() {
        let meta = DocumentMeta {
            case_id: crate::ids::CaseId(42),
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

    #[test]
    fn the_staged_file_survives_its_header() {
        let file = ImportFile {
            kind: crate::import::ImportKind::Cases,
            file_name: "Salariés concernés — « PSE » 2026.csv".into(),
        };
        assert_eq!(ImportFile::from_header(&file.to_header()).unwrap(), file);
    }
}
