//! Exam sessions and juries as the app runs them: created for a known certification,
//! candidates registered when the domain allows it, results recorded once per candidate with
//! what they mean for each bloc, certificates issued. Each write is one transaction; a result
//! also rewrites the enrolment's blocs (journaled as the enrolment) in that same transaction.

use chrono::{DateTime, NaiveDate, Utc};
use passerelle_domain::certification::{
    Certificate, ExamCandidate, ExamOutcome, ExamSessionDetail, ExamSessionSummary, NewExamSession,
    apply_result, may_register,
};
use passerelle_domain::ids::{EnrolmentId, ExamSessionId};
use rusqlite::Connection;
use serde_json::Value;

use super::enrolments;
use crate::codes::code;
use crate::error::StorageError;
use crate::journal::Change;
use crate::names::display_name;
use crate::tables::enrolment::{self, BlocRow};
use crate::tables::{catalogue, certificate, exam_candidate, exam_session};

pub use crate::tables::exam_session::{between, get};

fn existing(conn: &Connection, id: ExamSessionId) -> Result<ExamSessionSummary, StorageError> {
    get(conn, id)?.ok_or_else(|| exam_session::not_found(id))
}

/// Creates a session (validated by the domain first).
pub fn create(
    conn: &mut Connection,
    actor: &str,
    new: &NewExamSession,
    at: DateTime<Utc>,
) -> Result<ExamSessionSummary, StorageError> {
    let new = &new.validate(crate::today_for(at))?;
    let tx = conn.transaction()?;
    if !catalogue::exists(&tx, &new.certification_code)? {
        return Err(StorageError::NotFound {
            entity: "Certification",
            id: new.certification_code.clone(),
        });
    }
    let id = exam_session::insert(
        &tx,
        actor,
        (new.date, &new.place, new.kind, &new.certification_code),
        at,
    )?;
    tx.commit()?;
    existing(conn, id)
}

/// A session, its candidates (by name) with their blocs and results, and the enrolments of its
/// certification that could still be registered.
pub fn detail(conn: &Connection, id: ExamSessionId) -> Result<ExamSessionDetail, StorageError> {
    let session = existing(conn, id)?;
    let mut candidates = Vec::new();
    for r in exam_candidate::registered(conn, id)? {
        let Some(e) = enrolments::get(conn, r.enrolment_id)? else {
            continue;
        };
        candidates.push(ExamCandidate {
            enrolment_id: r.enrolment_id,
            case_id: r.case_id,
            reference: r.reference,
            name: display_name(&r.birth_name, &r.usage_name, &r.first_names),
            territory: r.territory,
            route: e.route,
            blocs: e.blocs,
            result: exam_candidate::result(conn, id, r.enrolment_id)?,
            certificate: e.certificate,
        });
    }
    candidates.sort_by(|a, b| {
        a.name
            .cmp(&b.name)
            .then(a.enrolment_id.cmp(&b.enrolment_id))
    });
    let eligible = exam_session::eligible(conn, &session)?;
    Ok(ExamSessionDetail {
        session,
        candidates,
        eligible,
    })
}

/// Registers an enrolment at a session. Refused (with the reason) when it is there already, on
/// another certification, fully acquired, or not ready for a jury VAE.
pub fn register(
    conn: &mut Connection,
    actor: &str,
    session_id: ExamSessionId,
    enrolment_id: EnrolmentId,
    at: DateTime<Utc>,
) -> Result<(), StorageError> {
    let session = existing(conn, session_id)?;
    let e = enrolments::existing(conn, enrolment_id)?;
    let recevable = e.vae.as_ref().is_some_and(|v| v.follow_up.recevable());
    may_register(
        &session,
        &e.certification_code,
        e.route,
        &e.blocs,
        recevable,
    )?;
    if e.exams
        .iter()
        .any(|s| s.outcome == Some(ExamOutcome::ValidationTotale))
    {
        return Err(StorageError::rule(
            "enrolmentId",
            "Inscription à la session : ce candidat a déjà obtenu une validation totale.",
        ));
    }
    let tx = conn.transaction()?;
    if !exam_candidate::insert(&tx, actor, session_id, enrolment_id, None, at)? {
        return Err(StorageError::rule(
            "enrolmentId",
            format!(
                "Inscription à la session : ce candidat est déjà inscrit à la session « {} ».",
                session.title()
            ),
        ));
    }
    tx.commit()?;
    Ok(())
}

/// Records the result of a registered candidate and writes what it means for each bloc (see
/// [`apply_result`]), all in one transaction. A session judges after it took place (`today`),
/// and once per candidate.
#[allow(clippy::too_many_arguments)]
pub fn record_result(
    conn: &mut Connection,
    actor: &str,
    session_id: ExamSessionId,
    enrolment_id: EnrolmentId,
    outcome: ExamOutcome,
    chosen: &[String],
    today: NaiveDate,
    at: DateTime<Utc>,
) -> Result<(), StorageError> {
    let session = existing(conn, session_id)?;
    if session.date > today {
        return Err(StorageError::rule(
            "outcome",
            format!(
                "Résultat : la session « {} » n’a pas encore eu lieu.",
                session.title()
            ),
        ));
    }
    let e = enrolments::existing(conn, enrolment_id)?;
    let tx = conn.transaction()?;
    let Some((row, before)) = exam_candidate::registration(&tx, session_id, enrolment_id)? else {
        return Err(StorageError::rule(
            "enrolmentId",
            "Résultat : ce candidat n’est pas inscrit à cette session ; inscrivez-le d’abord.",
        ));
    };
    if before.is_some() {
        return Err(StorageError::rule(
            "outcome",
            "Résultat : il est déjà enregistré pour ce candidat à cette session. Corrigez au besoin le statut des blocs dans son dossier.",
        ));
    }
    let chosen: Vec<String> = if outcome == ExamOutcome::ValidationPartielle {
        chosen
            .iter()
            .map(|c| c.trim().to_ascii_uppercase())
            .collect()
    } else {
        Vec::new()
    };
    let updates = apply_result(session.kind, session.date, &e.blocs, outcome, &chosen)?;
    exam_candidate::set_result(&tx, actor, row, outcome, &chosen, at)?;
    let mut bloc_changes = Vec::new();
    for u in &updates {
        let bloc = BlocRow {
            code: &u.code,
            status: u.status,
            acquired_on: u.acquired_on,
            evidence: &u.evidence,
        };
        let before = enrolment::set_bloc(&tx, enrolment_id, &bloc)?;
        bloc_changes.push(Change {
            field: format!("bloc {}", u.code),
            before: Value::String(before.map(code).unwrap_or_default()),
            after: Value::String(code(u.status)),
        });
    }
    enrolment::journal(&tx, actor, enrolment_id, "update", &bloc_changes, at)?;
    tx.commit()?;
    Ok(())
}

/// Records the certificate of an enrolment whose blocs are all acquired; `today` bounds its date.
pub fn issue_certificate(
    conn: &mut Connection,
    actor: &str,
    enrolment_id: EnrolmentId,
    certificate: &Certificate,
    today: NaiveDate,
    at: DateTime<Utc>,
) -> Result<Certificate, StorageError> {
    let e = enrolments::existing(conn, enrolment_id)?;
    let c = certificate.validate(&e.blocs, today)?;
    let tx = conn.transaction()?;
    if certificate::number_taken(&tx, &c.number, &e.certification_code, enrolment_id)? {
        return Err(StorageError::rule(
            "number",
            format!(
                "Numéro du certificat : le n° {} est déjà attribué pour {} ; vérifiez le parchemin.",
                c.number, e.certification_code
            ),
        ));
    }
    certificate::upsert(&tx, actor, enrolment_id, &c, at)?;
    tx.commit()?;
    Ok(c)
}
