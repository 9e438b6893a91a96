//! Bulk loading of certification history (the demo generator, a migration from another tool):
//! enrolments with their bloc results, exam sessions with their candidates and results, VAE
//! follow-ups and certificates. The past is taken as recorded: the workflow's rules are not
//! replayed, but every row is journaled like a row typed in the app.

use chrono::{DateTime, NaiveDate, Utc};
use passerelle_domain::case::CaseId;
use passerelle_domain::certification::{
    BlocStatus, Certificate, ExamKind, ExamResult, Route, VaeFollowUp,
};
use passerelle_domain::ids::EnrolmentId;
use rusqlite::Connection;

use crate::error::StorageError;
use crate::tables::enrolment::{self, BlocRow, EnrolmentRow};
use crate::tables::{certificate, exam_candidate, exam_session, vae};

/// An enrolment with its bloc results.
#[derive(Debug, Clone)]
pub struct EnrolmentHistory {
    pub case_id: CaseId,
    pub certification: String,
    pub route: Route,
    /// Bloc codes with their status and date (acquired ones).
    pub blocs: Vec<(String, BlocStatus, Option<NaiveDate>)>,
    /// Evidence of the acquired blocs (« Jury du 12 mars 2026 »); « Jury » when empty.
    pub evidence: String,
}

/// Writes many enrolments in one transaction; returns their ids in order.
pub fn import_enrolments(
    conn: &mut Connection,
    actor: &str,
    items: &[EnrolmentHistory],
    at: DateTime<Utc>,
) -> Result<Vec<EnrolmentId>, StorageError> {
    let tx = conn.transaction()?;
    let mut ids = Vec::with_capacity(items.len());
    for item in items {
        let blocs: Vec<BlocRow<'_>> = item
            .blocs
            .iter()
            .map(|(bloc, status, on)| BlocRow {
                code: bloc,
                status: *status,
                acquired_on: *on,
                evidence: match (on, item.evidence.as_str()) {
                    (None, _) => "",
                    (Some(_), "") => "Jury",
                    (Some(_), e) => e,
                },
            })
            .collect();
        let row = EnrolmentRow {
            case_id: item.case_id,
            certification: &item.certification,
            route: item.route,
            blocs: &blocs,
        };
        ids.push(enrolment::insert(&tx, actor, &row, at)?);
    }
    tx.commit()?;
    Ok(ids)
}

/// An exam session with its candidates and their results. The blocs are written by
/// [`import_enrolments`] to match the results.
#[derive(Debug, Clone)]
pub struct ExamSessionHistory {
    pub date: NaiveDate,
    pub place: String,
    pub kind: ExamKind,
    pub certification: String,
    /// Enrolments registered, with their result once judged.
    pub candidates: Vec<(EnrolmentId, Option<ExamResult>)>,
}

/// Writes sessions, registrations and results in one transaction.
pub fn import_exam_sessions(
    conn: &mut Connection,
    actor: &str,
    items: &[ExamSessionHistory],
    at: DateTime<Utc>,
) -> Result<(), StorageError> {
    let tx = conn.transaction()?;
    for s in items {
        let id =
            exam_session::insert(&tx, actor, (s.date, &s.place, s.kind, &s.certification), at)?;
        for (enrolment, result) in &s.candidates {
            if !exam_candidate::insert(&tx, actor, id, *enrolment, result.as_ref(), at)? {
                return Err(StorageError::rule(
                    "candidates",
                    format!(
                        "inscription {enrolment} présente deux fois à la session du {}",
                        s.date
                    ),
                ));
            }
        }
    }
    tx.commit()?;
    Ok(())
}

/// Writes VAE follow-ups and certificates in one transaction.
pub fn import_follow_ups(
    conn: &mut Connection,
    actor: &str,
    follow_ups: &[(EnrolmentId, VaeFollowUp)],
    certificates: &[(EnrolmentId, Certificate)],
    at: DateTime<Utc>,
) -> Result<(), StorageError> {
    let tx = conn.transaction()?;
    for (enrolment, f) in follow_ups {
        vae::upsert(&tx, actor, *enrolment, f, at)?;
    }
    for (enrolment, c) in certificates {
        certificate::upsert(&tx, actor, *enrolment, c, at)?;
    }
    tx.commit()?;
    Ok(())
}
