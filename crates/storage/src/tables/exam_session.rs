//! The `cert_session` table: exam sessions and juries of a certification, journaled.

use chrono::{DateTime, NaiveDate, Utc};
use passerelle_domain::certification::{
    EligibleEnrolment, EnrolmentExam, ExamKind, ExamSessionSummary,
};
use passerelle_domain::ids::{CaseId, EnrolmentId, ExamSessionId};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde_json::{Value, json};

use crate::codes::{code, decode, opt_date};
use crate::error::StorageError;
use crate::journal::{self, Journaled, Write, sha256_hex, stamp};
use crate::names::{NAME_COLUMNS, display_name};

pub(crate) const JOURNALED: Journaled = Journaled {
    entity: "cert_session",
    row_hashes,
};

const ROW: &str = "SELECT date || '|' || place || '|' || kind || '|' || certification_code
     FROM cert_session WHERE id = ?1";

fn row_hash(conn: &Connection, id: i64) -> Result<String, StorageError> {
    let text: String = conn.query_row(ROW, [id], |r| r.get(0))?;
    Ok(sha256_hex(&[&text]))
}

fn row_hashes(conn: &Connection) -> Result<Vec<(i64, String)>, StorageError> {
    journal::hashes_by_id(conn, "SELECT id FROM cert_session", row_hash)
}

/// Inserts a session and journals it, in the caller's transaction.
pub(crate) fn insert(
    tx: &Connection,
    actor: &str,
    (date, place, kind, certification): (NaiveDate, &str, ExamKind, &str),
    at: DateTime<Utc>,
) -> Result<ExamSessionId, StorageError> {
    let now = stamp(at);
    tx.execute(
        "INSERT INTO cert_session (date, place, kind, certification_code, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![date.to_string(), place, code(kind), certification, now],
    )?;
    let id = tx.last_insert_rowid();
    let after = json!({"date": date, "place": place, "kind": code(kind),
                       "certification": certification});
    JOURNALED.append(
        tx,
        Write {
            at: &now,
            actor,
            entity_id: id,
            action: "create",
            changes: &journal::diff(&Value::Null, &after),
            row_hash: &row_hash(tx, id)?,
        },
    )?;
    Ok(ExamSessionId(id))
}

fn summary_row(r: &Row<'_>) -> rusqlite::Result<ExamSessionSummary> {
    Ok(ExamSessionSummary {
        id: ExamSessionId(r.get(0)?),
        date: opt_date(r.get(1)?).unwrap_or_default(),
        place: r.get(2)?,
        kind: decode(r.get(3)?)?,
        certification_code: r.get(4)?,
        certification_title: r.get(5)?,
        candidates: r.get(6)?,
        results: r.get(7)?,
    })
}

const SUMMARY: &str = "SELECT s.id, s.date, s.place, s.kind, s.certification_code, c.title,
        (SELECT count(*) FROM session_candidate sc WHERE sc.session_id = s.id),
        (SELECT count(*) FROM session_candidate sc WHERE sc.session_id = s.id AND sc.outcome IS NOT NULL)
     FROM cert_session s JOIN certification c ON c.code = s.certification_code";

/// One session with its counts.
pub fn get(
    conn: &Connection,
    id: ExamSessionId,
) -> Result<Option<ExamSessionSummary>, StorageError> {
    Ok(conn
        .prepare_cached(&format!("{SUMMARY} WHERE s.id = ?1"))?
        .query_row([id.0], summary_row)
        .optional()?)
}

pub(crate) fn not_found(id: ExamSessionId) -> StorageError {
    StorageError::NotFound {
        entity: "Session d’examen",
        id: id.to_string(),
    }
}

/// Sessions dated from `from` to `to` included, in date order (latest first if `latest_first`).
pub fn between(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    latest_first: bool,
) -> Result<Vec<ExamSessionSummary>, StorageError> {
    let order = if latest_first { "DESC" } else { "ASC" };
    let sql =
        format!("{SUMMARY} WHERE s.date BETWEEN ?1 AND ?2 ORDER BY s.date {order}, s.id {order}");
    Ok(conn
        .prepare_cached(&sql)?
        .query_map(params![from.to_string(), to.to_string()], summary_row)?
        .collect::<Result<_, _>>()?)
}

/// Sessions an enrolment is registered at, oldest first.
pub(crate) fn for_enrolment(
    conn: &Connection,
    enrolment_id: EnrolmentId,
) -> Result<Vec<EnrolmentExam>, StorageError> {
    Ok(conn
        .prepare_cached(
            "SELECT s.id, s.date, s.kind, s.place, sc.outcome FROM session_candidate sc
             JOIN cert_session s ON s.id = sc.session_id WHERE sc.enrolment_id = ?1
             ORDER BY s.date, s.id",
        )?
        .query_map([enrolment_id.0], |r| {
            let outcome: Option<String> = r.get(4)?;
            Ok(EnrolmentExam {
                exam_session_id: ExamSessionId(r.get(0)?),
                date: opt_date(r.get(1)?).unwrap_or_default(),
                kind: decode(r.get(2)?)?,
                place: r.get(3)?,
                outcome: outcome.map(decode).transpose()?,
            })
        })?
        .collect::<Result<_, _>>()?)
}

/// Most enrolments offered for registration on a session page.
const ELIGIBLE_MAX: u32 = 300;

/// Enrolments of the session's certification, not registered there nor waiting at another
/// session, with blocs left to acquire (and, for a jury VAE, on the VAE route with a favourable
/// recevabilité); the first [`ELIGIBLE_MAX`] by name.
pub(crate) fn eligible(
    conn: &Connection,
    session: &ExamSessionSummary,
) -> Result<Vec<EligibleEnrolment>, StorageError> {
    let vae_only = session.kind == ExamKind::JuryVae;
    let sql = format!(
        "SELECT e.id, e.case_id, e.route, {NAME_COLUMNS} FROM enrolment e
         JOIN case_file c ON c.id = e.case_id
         WHERE e.certification_code = ?1 AND c.archived_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM session_candidate sc WHERE sc.session_id = ?2 AND sc.enrolment_id = e.id)
           AND (EXISTS (SELECT 1 FROM enrolment_bloc eb WHERE eb.enrolment_id = e.id AND eb.status <> 'acquis')
                OR NOT EXISTS (SELECT 1 FROM enrolment_bloc eb WHERE eb.enrolment_id = e.id))
           AND NOT EXISTS (SELECT 1 FROM session_candidate x WHERE x.enrolment_id = e.id AND +x.outcome = 'validation_totale')
           AND NOT EXISTS (SELECT 1 FROM session_candidate y WHERE y.enrolment_id = e.id AND +y.outcome IS NULL)
           AND (?3 = 0 OR (e.route = 'vae' AND EXISTS (SELECT 1 FROM vae_follow_up v
                WHERE v.enrolment_id = e.id AND v.recevabilite = 'favorable')))
         ORDER BY c.sort_name LIMIT {ELIGIBLE_MAX}"
    );
    let mut out: Vec<EligibleEnrolment> = conn
        .prepare_cached(&sql)?
        .query_map(
            params![session.certification_code, session.id.0, vae_only],
            |r| {
                let name = display_name(
                    &r.get::<_, String>(4)?,
                    &r.get::<_, String>(5)?,
                    &r.get::<_, String>(6)?,
                );
                Ok(EligibleEnrolment {
                    enrolment_id: EnrolmentId(r.get(0)?),
                    case_id: CaseId(r.get(1)?),
                    route: decode(r.get(2)?)?,
                    reference: r.get(3)?,
                    name,
                })
            },
        )?
        .collect::<Result<_, _>>()?;
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}
