//! Integration: the real command handlers through Tauri's mock runtime (no window system).
//! What goes over the wire here is exactly what the UI sends and receives.

use passerelle_app::{Db, with_commands};
use passerelle_storage::keys::KdfParams;

/// The passphrase of the test databases.
const PASSPHRASE: &str = "le merle chante sur le toit de Sarrebourg";
use passerelle_domain::ipc::{AppStatus, Command, cmd};
use passerelle_domain::profile::CounsellorProfile;
use serde_json::{Value, json};
use tauri::test::{
    INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder, mock_context, noop_assets,
};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

struct Harness {
    _app: App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    _dir: tempfile::TempDir,
    db_path: std::path::PathBuf,
}

fn harness() -> Harness {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("ipc.sqlite3");
    let app = with_commands(mock_builder())
        .manage(Db::open_or_create(db_path.clone(), PASSPHRASE, KdfParams::TEST).unwrap())
        .build(mock_context(noop_assets()))
        .unwrap();
    let window = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    Harness {
        _app: app,
        window,
        _dir: dir,
        db_path,
    }
}

/// Calls command `C` with `args` as the UI sends them (one `args` object).
fn invoke<C: Command>(h: &Harness, args: Value) -> Result<Value, Value> {
    invoke_raw(h, C::NAME, json!({ "args": args }))
}

/// Sends a body as is (for malformed requests).
fn invoke_raw(h: &Harness, cmd: &str, body: Value) -> Result<Value, Value> {
    get_ipc_response(
        &h.window,
        InvokeRequest {
            cmd: cmd.into(),
            callback: tauri::ipc::CallbackFn(0),
            error: tauri::ipc::CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: tauri::ipc::InvokeBody::Json(body),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|body| body.deserialize::<Value>().unwrap())
}

#[test]
fn app_status_reports_the_open_database() {
    let h = harness();
    let status: AppStatus =
        serde_json::from_value(invoke::<cmd::AppStatusGet>(&h, json!({})).unwrap()).unwrap();
    assert_eq!(status.database_path, h.db_path.display().to_string());
    assert_eq!(
        status.schema_version,
        passerelle_storage::migrations::LATEST_VERSION
    );
    assert_eq!(status.case_count, 0);
    assert_eq!(status.app_version, env!("CARGO_PKG_VERSION"));
}

#[test]
fn the_window_asks_the_shell_where_a_commune_lies() {
    let h = harness();
    let place = invoke::<cmd::CommunePlaceGet>(&h, json!({ "insee": "57630" })).unwrap();
    assert_eq!(place["name"], "Sarrebourg");
    assert_eq!(place["territory"], "moselle-sud");
    let unknown = invoke::<cmd::CommunePlaceGet>(&h, json!({ "insee": "57400" })).unwrap();
    assert!(
        unknown.is_null(),
        "a postal code is not a commune: {unknown}"
    );
}

#[test]
fn profile_round_trips_and_is_trimmed() {
    let h = harness();
    assert_eq!(
        invoke::<cmd::ProfileGet>(&h, json!({})).unwrap(),
        Value::Null
    );
    let saved = invoke::<cmd::ProfileSave>(
        &h,
        json!({"profile": {"displayName": " Françoise Dupré ", "structure": "CIBC 54"}}),
    )
    .unwrap();
    assert_eq!(
        saved,
        json!({"displayName": "Françoise Dupré", "structure": "CIBC 54"})
    );
    let got: CounsellorProfile =
        serde_json::from_value(invoke::<cmd::ProfileGet>(&h, json!({})).unwrap()).unwrap();
    assert_eq!(got.display_name, "Françoise Dupré");
}

#[test]
fn a_validation_error_reaches_the_ui_as_the_shared_json_shape() {
    let h = harness();
    let err = invoke::<cmd::ProfileSave>(
        &h,
        json!({"profile": {"displayName": "", "structure": "CIBC 54"}}),
    )
    .unwrap_err();
    assert_eq!(err["kind"], "validation");
    let errors = err["detail"]["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["field"], "displayName");
    assert!(
        errors[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("Nom et prénom : champ obligatoire")
    );
    // And it decodes into the enum the UI matches on.
    let decoded: passerelle_domain::AppError = serde_json::from_value(err).unwrap();
    assert!(matches!(
        decoded,
        passerelle_domain::AppError::Validation { .. }
    ));
    // Nothing was written.
    assert_eq!(
        invoke::<cmd::ProfileGet>(&h, json!({})).unwrap(),
        Value::Null
    );
}

#[test]
fn a_malformed_request_is_an_error_not_a_crash() {
    let h = harness();
    let err = invoke::<cmd::ProfileSave>(&h, json!({"profile": 42})).unwrap_err();
    assert!(
        err.as_str().unwrap_or_default().contains("profile"),
        "{err}"
    );
}

#[test]
fn a_case_is_created_updated_and_journaled_through_the_commands() {
    let h = harness();
    let bad = json!({"data": {"beneficiary": {"birthName": "Lefèvre", "firstNames": "Anaïs",
                              "territory": "metz", "nir": "2 06 12 75 111 005 65"}}});
    let err = invoke::<cmd::CaseCreate>(&h, bad).unwrap_err();
    assert_eq!(err["kind"], "validation");
    assert_eq!(err["detail"]["errors"][0]["field"], "beneficiary.nir");

    let good = json!({"data": {"beneficiary": {"birthName": "Lefèvre", "firstNames": "Anaïs",
                               "territory": "metz", "nir": "2 06 12 75 111 005 64"}}});
    let saved = invoke::<cmd::CaseCreate>(&h, good).unwrap();
    let id = saved["case"]["id"].as_i64().unwrap();
    assert_eq!(
        saved["case"]["data"]["beneficiary"]["nir"],
        "206127511100564"
    );

    let mut data = saved["case"]["data"].clone();
    data["beneficiary"]["consents"] =
        json!([{"purpose": "Accompagnement CEP", "givenOn": "2026-11-02", "withdrawnOn": null}]);
    invoke::<cmd::CaseUpdate>(&h, json!({"id": id, "data": data})).unwrap();
    let read = invoke::<cmd::CaseGet>(&h, json!({"id": id})).unwrap();
    assert_eq!(
        read["data"]["beneficiary"]["consents"][0]["purpose"],
        "Accompagnement CEP"
    );

    let journal = invoke::<cmd::CaseJournal>(&h, json!({"id": id})).unwrap();
    let entries = journal.as_array().unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[1]["changes"][0]["field"], "beneficiary.consents");
    // Masked for display: the NIR of the creation entry.
    let nir = entries[0]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["field"] == "beneficiary.nir");
    assert_eq!(nir.unwrap()["after"], "•••• (masqué)");

    let missing = invoke::<cmd::CaseGet>(&h, json!({"id": 999})).unwrap_err();
    assert_eq!(
        missing,
        json!({"kind": "notFound", "detail": {"entity": "Dossier", "id": "999"}})
    );
}

#[test]
fn a_blocked_transition_comes_back_with_its_reasons() {
    let h = harness();
    let case = json!({"data": {"beneficiary": {"birthName": "Klein", "firstNames": "Paul", "territory": "metz"}}});
    let id = invoke::<cmd::CaseCreate>(&h, case).unwrap()["case"]["id"]
        .as_i64()
        .unwrap();
    let err = invoke::<cmd::ParcoursAdvance>(
        &h,
        json!({"caseId": id, "to": "ACCOMPAGNEMENT", "reason": ""}),
    )
    .unwrap_err();
    assert_eq!(
        err,
        json!({"kind": "blocked", "detail": {"step": "ACCOMPAGNEMENT",
               "unmet": ["Consentement RGPD non recueilli (onglet Identité)"]}})
    );
    let view = invoke::<cmd::ParcoursGet>(&h, json!({"caseId": id})).unwrap();
    assert_eq!(view["current"], "ACCUEIL");
    let closed = invoke::<cmd::ParcoursAdvance>(
        &h,
        json!({"caseId": id, "to": "CLOS_SANS_SUITE", "reason": "Injoignable"}),
    )
    .unwrap();
    assert_eq!(closed["current"], "CLOS_SANS_SUITE");
    let todo = invoke::<cmd::TodoOverviewGet>(&h, json!({"days": 30, "idleDays": 60})).unwrap();
    assert_eq!(todo["overdueTotal"], 0);
    let params = invoke::<cmd::ParameterList>(&h, json!({})).unwrap();
    assert!(
        params
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["key"] == "employer_answer_days" && p["value"] == 30.0)
    );
    let refused = invoke::<cmd::ParameterSet>(
        &h,
        json!({"value": {"key": "inconnu", "validFrom": "2026-01-01", "value": 1.0, "note": ""}}),
    )
    .unwrap_err();
    assert_eq!(refused["kind"], "validation");
}

#[test]
fn a_committee_meeting_is_checked_field_by_field_then_created() {
    let h = harness();
    let err = invoke::<cmd::MeetingCreate>(
        &h,
        json!({"new": {"kind": null, "heldOn": null, "place": " ", "members": []}}),
    )
    .unwrap_err();
    assert_eq!(err["kind"], "validation");
    let fields: Vec<&str> = err["detail"]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["kind", "heldOn", "place"]);
    let created = invoke::<cmd::MeetingCreate>(
        &h,
        json!({"new": {"kind": "commission_paritaire", "heldOn": "2026-12-12",
                       "place": "Metz", "members": ["Mme A. Martin"]}}),
    )
    .unwrap();
    let id = created["id"].as_i64().unwrap();
    let detail = invoke::<cmd::MeetingGet>(&h, json!({"id": id})).unwrap();
    assert_eq!(detail["meeting"]["place"], "Metz");
    assert_eq!(detail["dossiers"], json!([]));
    let moved = invoke::<cmd::MeetingUpdate>(
        &h,
        json!({"id": id, "new": {"kind": "commission_paritaire", "heldOn": "2026-12-19",
                                 "place": "Nancy", "members": []}}),
    )
    .unwrap();
    assert_eq!(moved["heldOn"], "2026-12-19");
    assert_eq!(moved["members"], json!([]));
    let list = invoke::<cmd::MeetingList>(&h, json!({})).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
    // An empty agenda cannot be exported; the message says what to do.
    let err =
        invoke::<cmd::MeetingPackExport>(&h, json!({"id": id, "pseudonymised": true})).unwrap_err();
    assert!(
        err["detail"]["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("Ordre du jour vide")
    );
    let err = invoke::<cmd::MeetingGet>(&h, json!({"id": 999})).unwrap_err();
    assert_eq!(err["kind"], "notFound");
}

/// Certification staff: a jury session, a registration (twice: refused), a partial validation,
/// then the case's enrolment and the staff view (the CSV export goes through the save dialog:
/// end-to-end test).
#[test]
fn a_jury_records_a_partial_validation_over_ipc() {
    use passerelle_domain::certification::{Bloc, Certification, Route};
    let h = harness();
    let (mut conn, _) =
        passerelle_storage::protect::open_or_create(&h.db_path, PASSPHRASE, KdfParams::TEST)
            .unwrap();
    let tx = conn.transaction().unwrap();
    let cert = Certification {
        code: "RNCP38596".into(),
        title: "Juriste d’entreprise".into(),
        active: true,
        ..Certification::default()
    };
    passerelle_storage::catalogue::upsert(&tx, &cert, chrono::Utc::now()).unwrap();
    for i in 1..=2 {
        let bloc = Bloc {
            code: format!("RNCP38596BC0{i}"),
            title: format!("Bloc {i}"),
        };
        passerelle_storage::catalogue::upsert_bloc(&tx, "RNCP38596", &bloc).unwrap();
    }
    tx.commit().unwrap();
    let mut data = passerelle_domain::case::CaseData::default();
    data.beneficiary.birth_name = "Collin".into();
    data.beneficiary.first_names = "Aurélie".into();
    data.beneficiary.territory = "metz".into();
    let case =
        passerelle_storage::cases::create(&mut conn, "t", &data, chrono::Utc::now()).unwrap();
    let enrolment = passerelle_storage::certification::enrolments::enrol(
        &mut conn,
        "t",
        case.id,
        "RNCP38596",
        Route::Formation,
        None,
        chrono::Utc::now(),
    )
    .unwrap();
    drop(conn);

    let yesterday = chrono::Local::now().date_naive().pred_opt().unwrap();
    let bad = invoke::<cmd::ExamSessionCreate>(&h, json!({"session": {"date": yesterday, "place": " ", "kind": "jury", "certificationCode": "rncp38596"}}),
    )
    .unwrap_err();
    assert_eq!(bad["detail"]["errors"][0]["field"], "place");
    let session = invoke::<cmd::ExamSessionCreate>(&h, json!({"session": {"date": yesterday, "place": "Metz", "kind": "jury", "certificationCode": "rncp38596"}}),
    )
    .unwrap();
    let session_id = session["id"].as_i64().unwrap();
    let register = json!({"examSessionId": session_id, "enrolmentId": enrolment.id});
    invoke::<cmd::ExamSessionRegister>(&h, register.clone()).unwrap();
    let twice = invoke::<cmd::ExamSessionRegister>(&h, register).unwrap_err();
    assert_eq!(twice["kind"], "validation");
    assert!(
        twice["detail"]["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("déjà inscrit")
    );
    invoke::<cmd::ExamSessionResult>(
        &h,
        json!({"examSessionId": session_id, "enrolmentId": enrolment.id,
               "outcome": "validation_partielle", "blocs": ["RNCP38596BC02"]}),
    )
    .unwrap();
    let detail = invoke::<cmd::ExamSessionGet>(&h, json!({"id": session_id})).unwrap();
    assert_eq!(
        detail["candidates"][0]["result"]["outcome"],
        "validation_partielle"
    );
    let list = invoke::<cmd::EnrolmentList>(&h, json!({"caseId": case.id})).unwrap();
    let blocs = &list[0]["blocs"];
    assert_eq!(blocs[0]["status"], "non_valide");
    assert_eq!(blocs[1]["status"], "acquis");
    assert!(
        blocs[1]["evidence"]
            .as_str()
            .unwrap()
            .starts_with("Jury du ")
    );
    let overview = invoke::<cmd::StaffOverviewGet>(&h, json!({"days": 60})).unwrap();
    assert_eq!(overview["recent"][0]["results"], 1);
    assert_eq!(overview["ratesByTerritory"][0]["partielles"], 1);
}

fn invoke_bytes(
    h: &Harness,
    cmd: &str,
    body: Vec<u8>,
    headers: &[(&str, String)],
) -> Result<Value, Value> {
    let mut map = tauri::http::HeaderMap::new();
    for (name, value) in headers {
        map.insert(
            tauri::http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
            value.parse().unwrap(),
        );
    }
    get_ipc_response(
        &h.window,
        InvokeRequest {
            cmd: cmd.into(),
            callback: tauri::ipc::CallbackFn(0),
            error: tauri::ipc::CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: tauri::ipc::InvokeBody::Raw(body),
            headers: map,
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|body| body.deserialize::<Value>().unwrap())
}

fn a_case(h: &Harness) -> passerelle_domain::ids::CaseId {
    let created = invoke::<cmd::CaseCreate>(
        h,
        json!({"data": {"beneficiary": {"birthName": "Weber", "firstNames": "Lucas", "territory": "metz"}}}),
    )
    .unwrap();
    passerelle_domain::ids::CaseId(created["case"]["id"].as_i64().unwrap())
}

/// Issue 10: a document's bytes cross as the raw body, its description in a header; the 25 MiB
/// limit and an empty file are refused with French field messages.
#[test]
fn r10_documents_arrive_as_raw_bytes_and_their_limits_hold() {
    use passerelle_domain::ipc::{DOCUMENT_META_HEADER, DocumentMeta, RawBodyMeta};
    let h = harness();
    let case_id = a_case(&h);
    let meta = DocumentMeta {
        case_id,
        kind: passerelle_domain::case::DocumentKind::Devis,
        file_name: "Devis n°3 — « été ».pdf".into(),
        received_on: chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
    };
    let header = [(DOCUMENT_META_HEADER, meta.to_header())];
    let saved = invoke_bytes(
        &h,
        <cmd::DocumentAdd as Command>::NAME,
        b"%PDF-1.4 devis".to_vec(),
        &header,
    )
    .unwrap();
    assert_eq!(saved["fileName"], "Devis n°3 — « été ».pdf");
    assert_eq!(saved["sizeBytes"], 14);
    let empty =
        invoke_bytes(&h, <cmd::DocumentAdd as Command>::NAME, Vec::new(), &header).unwrap_err();
    assert_eq!(empty["kind"], "validation");
    assert!(
        empty["detail"]["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("vide")
    );
    let huge = invoke_bytes(
        &h,
        <cmd::DocumentAdd as Command>::NAME,
        vec![0u8; 25 * 1024 * 1024 + 1],
        &header,
    )
    .unwrap_err();
    assert!(
        huge["detail"]["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("plus que les 25 Mo permis")
    );
    // A JSON body (the old way, 4 times larger) is a programming error, said so.
    let json_body = invoke::<cmd::DocumentAdd>(&h, json!({"content": [1, 2, 3]})).unwrap_err();
    assert_eq!(json_body["kind"], "ipc");
}

/// Issue 10 and 12: the same rules over IPC as in the CLI — day counts clamped, parameter values
/// bounded, an unknown territory refused.
#[test]
fn r10_unclamped_numbers_and_unknown_territories_are_refused_or_bounded() {
    let h = harness();
    let todo = invoke::<cmd::TodoOverviewGet>(
        &h,
        json!({"days": 999_999_999u32, "idleDays": 4_000_000_000u32}),
    );
    assert!(todo.is_ok(), "{todo:?}");
    let err = invoke::<cmd::ParameterSet>(&h, json!({"value": {"key": "employer_answer_days", "validFrom": "2027-01-01", "value": 999_999_999.0, "note": ""}}),
    )
    .unwrap_err();
    assert_eq!(err["kind"], "validation");
    assert_eq!(err["detail"]["errors"][0]["field"], "value");
    let err = invoke::<cmd::CaseCreate>(&h, json!({"data": {"beneficiary": {"birthName": "Weber", "firstNames": "Lucas", "territory": "lune"}}}),
    )
    .unwrap_err();
    assert_eq!(err["detail"]["errors"][0]["field"], "beneficiary.territory");
    assert!(
        err["detail"]["errors"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("Territoire « lune » inconnu")
    );
}

/// Issue 12: « a pack needs a non-empty agenda » is a storage rule, for the app and the CLI.
#[test]
fn r12_an_empty_agenda_cannot_be_packed() {
    let h = harness();
    let session = invoke::<cmd::MeetingCreate>(&h, json!({"new": {"kind": "commission_paritaire", "heldOn": "2027-03-01", "place": "Metz", "members": []}}),
    )
    .unwrap();
    let err =
        invoke::<cmd::MeetingPackExport>(&h, json!({"id": session["id"], "pseudonymised": true}))
            .unwrap_err();
    assert_eq!(err["kind"], "validation");
    assert!(
        err["detail"]["errors"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("Ordre du jour vide")
    );
}

/// A first launch: the app starts locked on no database.
fn locked_harness() -> Harness {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("data/passerelle.sqlite3");
    let app = with_commands(mock_builder())
        .manage(Db::locked(db_path.clone()))
        .build(mock_context(noop_assets()))
        .unwrap();
    let window = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    Harness {
        _app: app,
        window,
        _dir: dir,
        db_path,
    }
}

/// Issue 13: set-up, lock, unlock, a wrong passphrase, settings and a backup, over IPC.
#[test]
fn r13_the_app_is_set_up_locked_unlocked_and_backed_up_through_its_commands() {
    let h = locked_harness();
    let status = invoke::<cmd::SecurityStatusGet>(&h, json!({})).unwrap();
    assert_eq!(status["state"], "setup");
    // Locked: no data command answers.
    let locked = invoke::<cmd::CaseList>(&h, json!({"query": {}})).unwrap_err();
    assert_eq!(locked["kind"], "locked");

    let weak = invoke::<cmd::SecuritySetup>(&h, json!({"passphrase": "azerty123"})).unwrap_err();
    assert_eq!(weak["detail"]["errors"][0]["field"], "passphrase");
    let setup = invoke::<cmd::SecuritySetup>(&h, json!({"passphrase": PASSPHRASE})).unwrap();
    let recovery = setup["recoveryKey"].as_str().unwrap().to_owned();
    assert_eq!(recovery.len(), 39);
    assert!(passerelle_storage::keys::key_file_path(&h.db_path).exists());
    assert_eq!(
        invoke::<cmd::SecurityStatusGet>(&h, json!({})).unwrap()["state"],
        "unlocked"
    );
    invoke::<cmd::CaseList>(&h, json!({"query": {}})).unwrap();

    assert_eq!(
        invoke::<cmd::SecurityLock>(&h, json!({})).unwrap()["state"],
        "locked"
    );
    assert_eq!(
        invoke::<cmd::CaseList>(&h, json!({"query": {}})).unwrap_err()["kind"],
        "locked"
    );
    let wrong = invoke::<cmd::SecurityUnlock>(
        &h,
        json!({"passphrase": "une phrase qui n’est pas la bonne"}),
    )
    .unwrap_err();
    assert!(
        wrong["detail"]["errors"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("Phrase de passe incorrecte")
    );
    let unlocked = invoke::<cmd::SecurityUnlock>(&h, json!({"passphrase": PASSPHRASE})).unwrap();
    assert_eq!(unlocked["state"], "unlocked");
    assert_eq!(unlocked["idleLockMinutes"], 10);

    // The current passphrase is checked before a change.
    let change = invoke::<cmd::PassphraseChange>(
        &h,
        json!({"current": "pas la bonne du tout, non", "new": "une nouvelle phrase pour Metz"}),
    )
    .unwrap_err();
    assert_eq!(change["detail"]["errors"][0]["field"], "current");

    // Settings: a relative backup directory is refused, an absolute one kept; a backup goes
    // there and the status line knows.
    let relative = invoke::<cmd::SecuritySettingsSave>(
        &h,
        json!({"idleLockMinutes": 5, "backupDir": "sauvegardes", "backupKeep": 3}),
    )
    .unwrap_err();
    assert_eq!(relative["detail"]["errors"][0]["field"], "backupDir");
    let backups = h._dir.path().join("sauvegardes");
    let saved = invoke::<cmd::SecuritySettingsSave>(
        &h,
        json!({"idleLockMinutes": 5, "backupDir": backups, "backupKeep": 3}),
    )
    .unwrap();
    assert_eq!(saved["idleLockMinutes"], 5);
    assert_eq!(saved["idleLockSeconds"], 300);
    let done = invoke::<cmd::BackupNow>(&h, json!({})).unwrap();
    let path = std::path::PathBuf::from(done["path"].as_str().unwrap());
    assert!(path.starts_with(&backups) && path.exists(), "{done}");
    let status = invoke::<cmd::AppStatusGet>(&h, json!({})).unwrap();
    assert!(status["lastBackupAt"].is_string(), "{status}");
    passerelle_storage::backup::verify(&path, passerelle_storage::Secret::RecoveryKey(&recovery))
        .unwrap();
}

#[test]
fn r14_the_retention_list_and_an_erasure_request_through_the_commands() {
    // (The exports go through the save dialog: the end-to-end tests drive them.)
    let h = harness();
    let create = |name: &str| {
        let case = json!({"data": {"beneficiary": {"birthName": name, "firstNames": "Paul", "territory": "metz"}}});
        invoke::<cmd::CaseCreate>(&h, case).unwrap()["case"]["id"]
            .as_i64()
            .unwrap()
    };
    let (closed, open) = (create("Quintanilla"), create("Weber"));
    invoke::<cmd::ParcoursAdvance>(
        &h,
        json!({"caseId": closed, "to": "CLOS_SANS_SUITE", "reason": "Injoignable"}),
    )
    .unwrap();
    invoke::<cmd::CaseSetArchived>(&h, json!({"id": closed, "archived": true})).unwrap();
    assert_eq!(
        invoke::<cmd::RetentionListGet>(&h, json!({})).unwrap(),
        json!([])
    );

    // An erasure while the accompaniment runs: refused with the legal reason.
    let refused = invoke::<cmd::CasePurge>(
        &h,
        json!({"caseId": open, "scope": "case", "reason": "demande d’effacement"}),
    )
    .unwrap_err();
    assert_eq!(refused["kind"], "blocked");
    assert!(
        refused["detail"]["unmet"][0]
            .as_str()
            .unwrap()
            .starts_with("Accompagnement en cours")
    );
    // No reason: refused on the field; then done.
    let no_reason = invoke::<cmd::CasePurge>(
        &h,
        json!({"caseId": closed, "scope": "case", "reason": " "}),
    )
    .unwrap_err();
    assert_eq!(no_reason["detail"]["errors"][0]["field"], "reason");
    let report = invoke::<cmd::CasePurge>(
        &h,
        json!({"caseId": closed, "scope": "case", "reason": "demande d’effacement du 30 novembre 2026"}),
    )
    .unwrap();
    assert!(report["entriesRedacted"].as_u64().unwrap() >= 2, "{report}");
    let purged = invoke::<cmd::CaseGet>(&h, json!({"id": closed})).unwrap();
    assert_eq!(purged["data"]["beneficiary"]["birthName"], "");
}

/// The right key of Paul Klein's NIR in the import test (97 − 1800357463001 mod 97).
const KLEIN_NIR_KEY: &[u8; 2] = b"48";

/// Issue 17: the HR export staged once as raw bytes (Windows-1252, headers the import does not
/// know), previewed, mapped, refused while a line is wrong, imported all or nothing; the mapping
/// is remembered for the next file with the same headers, and locking forgets the staged file.
#[test]
fn a_spreadsheet_is_staged_mapped_and_imported_all_or_nothing() {
    use passerelle_domain::import::{ImportFile, ImportKind};
    use passerelle_domain::ipc::{IMPORT_FILE_HEADER, RawBodyMeta};
    let h = harness();
    let header = |name: &str| {
        let file = ImportFile {
            kind: ImportKind::Cases,
            file_name: name.into(),
        };
        [(IMPORT_FILE_HEADER, file.to_header())]
    };
    let stage = |name: &str, bytes: &[u8]| {
        invoke_bytes(
            &h,
            <cmd::ImportStage as Command>::NAME,
            bytes.to_vec(),
            &header(name),
        )
    };
    // « Mél. pro » is unknown; line 3's NIR has a wrong key.
    let wrong = b"Nom;Pr\xe9nom;N\xb0 de s\xe9curit\xe9 sociale;M\xe9l. pro;Type de contrat;Date d'entr\xe9e\r\n\
Dupr\xe9;Fran\xe7oise;2 06 12 75 111 005 64;f.dupre@example.fr;CDI;02/09/2019\r\n\
Klein;Paul;1 80 03 57 463 001 99;p.klein@example.fr;CDI;01/03/2015\r\n";
    let preview = stage("salaries.csv", wrong).unwrap();
    assert_eq!(preview["kind"], "cases");
    assert_eq!(preview["rows"], 2);
    assert_eq!(
        preview["sample"][0][1], "Françoise",
        "decoded from Windows-1252"
    );
    assert_eq!(preview["headers"][3]["matched"], "unknown");
    assert_eq!(preview["headers"][2]["field"], "beneficiary.nir");
    assert_eq!(preview["hasTerritoryColumn"], false);
    assert_eq!(preview["errors"][0]["column"], "territoire", "{preview}");

    let choices = json!({
        "mapping": [{"header": "Mél. pro", "field": "beneficiary.email"}],
        "territory": "metz",
        "remember": true,
    });
    let mapped = invoke::<cmd::CasesImportPreview>(&h, choices.clone()).unwrap();
    assert_eq!(mapped["headers"][3]["matched"], "chosen");
    let errors = mapped["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{mapped}");
    assert_eq!(
        (errors[0]["line"].as_u64(), errors[0]["column"].as_str()),
        (Some(3), Some("N° de sécurité sociale"))
    );
    let refused = invoke::<cmd::CasesImportRun>(&h, choices.clone()).unwrap_err();
    assert_eq!(refused["kind"], "validation");
    let count = |h: &Harness| {
        invoke::<cmd::AppStatusGet>(h, json!({})).unwrap()["caseCount"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(count(&h), 0, "nothing written");

    // The corrected file: same headers, so the mapping comes back by itself.
    let at = wrong.windows(10).position(|w| w == b"99;p.klein").unwrap();
    let mut right = wrong.to_vec();
    right[at..at + 2].copy_from_slice(KLEIN_NIR_KEY);
    let again = stage("salaries (2).csv", &right).unwrap();
    assert_eq!(
        again["headers"][3]["matched"], "unknown",
        "not remembered before an import"
    );
    let done = invoke::<cmd::CasesImportRun>(&h, choices).unwrap();
    assert_eq!(done["count"], 2);
    assert_eq!(count(&h), 2);
    let progress = invoke::<cmd::ImportProgressGet>(&h, json!({})).unwrap();
    assert_eq!(progress["phase"], "idle");
    // Imported: the file is forgotten.
    let gone =
        invoke::<cmd::CasesImportRun>(&h, json!({"mapping": [], "remember": false})).unwrap_err();
    assert!(
        gone["detail"]["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("Aucun fichier en attente"),
        "{gone}"
    );

    let next = stage("salaries-decembre.csv", &right).unwrap();
    assert_eq!(next["headers"][3]["matched"], "remembered");
    assert_eq!(next["headers"][3]["field"], "beneficiary.email");
    // Locking forgets the staged file with the connection.
    invoke::<cmd::SecurityLock>(&h, json!({})).unwrap();
    invoke::<cmd::SecurityUnlock>(&h, json!({"passphrase": PASSPHRASE})).unwrap();
    let forgotten =
        invoke::<cmd::CasesImportPreview>(&h, json!({"mapping": [], "remember": false}))
            .unwrap_err();
    assert_eq!(forgotten["kind"], "validation");
    // Not a spreadsheet: said at once.
    let zip = stage("export.zip", b"PK\x03\x04").unwrap_err();
    assert!(
        zip["detail"]["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("CSV ou un classeur XLSX")
    );
}
