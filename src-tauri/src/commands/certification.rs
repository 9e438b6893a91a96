//! Certifications: the catalogue, enrolments and blocs, exam sessions and results,
//! certificates, the VAE follow-up, and the staff's overview and export.

use chrono::{Local, NaiveDate, Utc};
use passerelle_domain::ipc::{Exported, cmd};
use passerelle_storage::catalogue;
use passerelle_storage::certification::{enrolments, exams, staff, vae};
use tauri::{AppHandle, Runtime, State};

use super::{Args, Reply};
use crate::Db;
use crate::export::{self, Export};

fn today() -> NaiveDate {
    Local::now().date_naive()
}

#[tauri::command]
pub async fn cert_search(db: State<'_, Db>, args: Args<cmd::CertSearch>) -> Reply<cmd::CertSearch> {
    crate::shielded(|| db.with(|conn| catalogue::search(conn, &args.text, 50)))
}

#[tauri::command]
pub async fn enrolment_list(
    db: State<'_, Db>,
    args: Args<cmd::EnrolmentList>,
) -> Reply<cmd::EnrolmentList> {
    crate::shielded(|| db.with(|conn| enrolments::for_case(conn, args.case_id)))
}

/// Enrols the case in every bloc of the certification (blocs acquired elsewhere carry over).
#[tauri::command]
pub async fn enrolment_create(
    db: State<'_, Db>,
    args: Args<cmd::EnrolmentCreate>,
) -> Reply<cmd::EnrolmentCreate> {
    crate::shielded(|| {
        db.write(|conn, actor| {
            enrolments::enrol(
                conn,
                actor,
                args.case_id,
                &args.certification,
                args.route,
                None,
                Utc::now(),
            )
        })
    })
}

/// A jury or exam result for one bloc.
#[tauri::command]
pub async fn bloc_status_set(
    db: State<'_, Db>,
    args: Args<cmd::BlocStatusSet>,
) -> Reply<cmd::BlocStatusSet> {
    crate::shielded(|| {
        db.write(|conn, actor| {
            enrolments::set_bloc_status(
                conn,
                actor,
                args.enrolment_id,
                &args.bloc,
                args.status,
                args.acquired_on,
                &args.evidence,
                Utc::now(),
            )
        })
    })
}

/// The staff view: exam sessions in the next (and last) `days` days, candidates by status,
/// success rates.
#[tauri::command]
pub async fn cert_staff_overview(
    db: State<'_, Db>,
    args: Args<cmd::StaffOverviewGet>,
) -> Reply<cmd::StaffOverviewGet> {
    crate::shielded(|| db.with(|conn| staff::overview(conn, today(), args.days)))
}

#[tauri::command]
pub async fn exam_session_create(
    db: State<'_, Db>,
    args: Args<cmd::ExamSessionCreate>,
) -> Reply<cmd::ExamSessionCreate> {
    crate::shielded(|| {
        db.write(|conn, actor| exams::create(conn, actor, &args.session, Utc::now()))
    })
}

#[tauri::command]
pub async fn exam_session_get(
    db: State<'_, Db>,
    args: Args<cmd::ExamSessionGet>,
) -> Reply<cmd::ExamSessionGet> {
    crate::shielded(|| db.with(|conn| exams::detail(conn, args.id)))
}

#[tauri::command]
pub async fn exam_session_register(
    db: State<'_, Db>,
    args: Args<cmd::ExamSessionRegister>,
) -> Reply<cmd::ExamSessionRegister> {
    crate::shielded(|| {
        db.write(|conn, actor| {
            exams::register(
                conn,
                actor,
                args.exam_session_id,
                args.enrolment_id,
                Utc::now(),
            )
        })
    })
}

/// A candidate's result at an exam session; the blocs are rewritten in the same transaction.
#[tauri::command]
pub async fn exam_session_result(
    db: State<'_, Db>,
    args: Args<cmd::ExamSessionResult>,
) -> Reply<cmd::ExamSessionResult> {
    crate::shielded(|| {
        db.write(|conn, actor| {
            exams::record_result(
                conn,
                actor,
                args.exam_session_id,
                args.enrolment_id,
                args.outcome,
                &args.blocs,
                today(),
                Utc::now(),
            )
        })
    })
}

#[tauri::command]
pub async fn certificate_issue(
    db: State<'_, Db>,
    args: Args<cmd::CertificateIssue>,
) -> Reply<cmd::CertificateIssue> {
    crate::shielded(|| {
        db.write(|conn, actor| {
            exams::issue_certificate(
                conn,
                actor,
                args.enrolment_id,
                &args.certificate,
                today(),
                Utc::now(),
            )
        })
    })
}

#[tauri::command]
pub async fn vae_save(db: State<'_, Db>, args: Args<cmd::VaeSave>) -> Reply<cmd::VaeSave> {
    crate::shielded(|| {
        db.write(|conn, actor| {
            vae::save(
                conn,
                actor,
                args.enrolment_id,
                &args.follow_up,
                today(),
                Utc::now(),
            )
        })
    })
}

/// Exports every candidate with their blocs, sessions and results as CSV (save dialog).
/// Returns what was written, or `None` if the user cancelled.
#[tauri::command]
pub async fn cert_export_csv<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, Db>,
    args: Args<cmd::CandidatesCsvExport>,
) -> Reply<cmd::CandidatesCsvExport> {
    let _ = args;
    crate::shielded(|| {
        let (bytes, rows) = db.with(|conn| staff::candidates_csv(conn))?;
        let name = format!(
            "candidats-certifications-{}.csv",
            today().format("%Y-%m-%d")
        );
        let saved = export::save(
            &app,
            &Export {
                suggested_name: &name,
                kind_label: "Fichier CSV (tableur)",
                extension: "csv",
                bytes: &bytes,
                open_after: false,
            },
        )?;
        Ok(saved.map(|p| Exported {
            path: p.display().to_string(),
            rows,
        }))
    })
}
