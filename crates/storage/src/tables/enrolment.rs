//! The `enrolment` and `enrolment_bloc` tables: a candidate's enrolment in a certification and
//! the status of each bloc. One journal entity, `enrolment`, whose row hash spans its blocs.

use chrono::{DateTime, NaiveDate, Utc};
use passerelle_domain::case::CaseId;
use passerelle_domain::certification::{BlocStatus, EnrolledBloc, Route};
use passerelle_domain::ids::EnrolmentId;
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Value, json};

use crate::codes::{code, decode, opt_date};
use crate::error::StorageError;
use crate::journal::{self, Change, Journaled, Write, sha256_hex, stamp};

pub(crate) const JOURNALED: Journaled = Journaled {
    entity: "enrolment",
    row_hashes,
};

/// Hash of an enrolment and all its blocs, as stored.
fn row_hash(conn: &Connection, id: i64) -> Result<String, StorageError> {
    let head: String = conn.query_row(
        "SELECT case_id || '|' || certification_code || '|' || route FROM enrolment WHERE id = ?1",
        [id],
        |r| r.get(0),
    )?;
    let blocs: Vec<String> = conn
        .prepare_cached(
            "SELECT bloc_code || '|' || status || '|' || coalesce(acquired_on, '') || '|' || evidence
             FROM enrolment_bloc WHERE enrolment_id = ?1 ORDER BY bloc_code",
        )?
        .query_map([id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut parts = vec![head.as_str()];
    parts.extend(blocs.iter().map(String::as_str));
    Ok(sha256_hex(&parts))
}

fn row_hashes(conn: &Connection) -> Result<Vec<(i64, String)>, StorageError> {
    journal::hashes_by_id(conn, "SELECT id FROM enrolment", row_hash)
}

/// Journals a write to an enrolment or its blocs made in `tx`.
pub(crate) fn journal(
    tx: &Connection,
    actor: &str,
    id: EnrolmentId,
    action: &str,
    changes: &[Change],
    at: DateTime<Utc>,
) -> Result<(), StorageError> {
    JOURNALED.append(
        tx,
        Write {
            at: &stamp(at),
            actor,
            entity_id: id.0,
            action,
            changes,
            row_hash: &row_hash(tx, id.0)?,
        },
    )
}

/// One bloc of an enrolment as written.
pub(crate) struct BlocRow<'a> {
    pub code: &'a str,
    pub status: BlocStatus,
    pub acquired_on: Option<NaiveDate>,
    pub evidence: &'a str,
}

/// An enrolment as written: its case, certification, route and blocs.
pub(crate) struct EnrolmentRow<'a> {
    pub case_id: CaseId,
    pub certification: &'a str,
    pub route: Route,
    pub blocs: &'a [BlocRow<'a>],
}

/// Inserts an enrolment with its blocs and journals its creation, in the caller's transaction.
pub(crate) fn insert(
    tx: &Connection,
    actor: &str,
    row: &EnrolmentRow<'_>,
    at: DateTime<Utc>,
) -> Result<EnrolmentId, StorageError> {
    tx.execute(
        "INSERT INTO enrolment (case_id, certification_code, route, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![row.case_id.0, row.certification, code(row.route), stamp(at)],
    )?;
    let id = EnrolmentId(tx.last_insert_rowid());
    for b in row.blocs {
        tx.execute(
            "INSERT INTO enrolment_bloc (enrolment_id, bloc_code, status, acquired_on, evidence)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                id.0,
                b.code,
                code(b.status),
                b.acquired_on.map(|d| d.to_string()),
                b.evidence
            ],
        )?;
    }
    let after = json!({"caseId": row.case_id, "certification": row.certification,
                       "route": code(row.route),
                       "blocs": row.blocs.iter().map(|b| b.code).collect::<Vec<_>>()});
    journal(
        tx,
        actor,
        id,
        "create",
        &journal::diff(&Value::Null, &after),
        at,
    )?;
    Ok(id)
}

/// The date and evidence of `bloc` if the case acquired it through any enrolment (an earlier
/// enrolment, a partial validation).
pub(crate) fn acquired_elsewhere(
    conn: &Connection,
    case_id: CaseId,
    bloc: &str,
) -> Result<Option<(Option<NaiveDate>, String)>, StorageError> {
    Ok(conn
        .prepare_cached(
            "SELECT eb.acquired_on, eb.evidence FROM enrolment_bloc eb
             JOIN enrolment e ON e.id = eb.enrolment_id
             WHERE e.case_id = ?1 AND eb.bloc_code = ?2 AND eb.status = 'acquis' LIMIT 1",
        )?
        .query_row(params![case_id.0, bloc], |r| {
            Ok((opt_date(r.get(0)?), r.get(1)?))
        })
        .optional()?)
}

/// Sets one bloc's status; returns its status before, or `None` when the enrolment has no such
/// bloc (nothing written). The caller journals.
pub(crate) fn set_bloc(
    tx: &Connection,
    id: EnrolmentId,
    bloc: &BlocRow<'_>,
) -> Result<Option<BlocStatus>, StorageError> {
    let before: Option<String> = tx
        .query_row(
            "SELECT status FROM enrolment_bloc WHERE enrolment_id = ?1 AND bloc_code = ?2",
            params![id.0, bloc.code],
            |r| r.get(0),
        )
        .optional()?;
    let Some(before) = before else {
        return Ok(None);
    };
    tx.execute(
        "UPDATE enrolment_bloc SET status = ?1, acquired_on = ?2, evidence = ?3
         WHERE enrolment_id = ?4 AND bloc_code = ?5",
        params![
            code(bloc.status),
            bloc.acquired_on.map(|d| d.to_string()),
            bloc.evidence,
            id.0,
            bloc.code
        ],
    )?;
    Ok(Some(decode(before)?))
}

/// An enrolment's row: its case, certification (code and title) and route.
pub(crate) struct Head {
    pub case_id: CaseId,
    pub certification_code: String,
    pub certification_title: String,
    pub route: Route,
}

pub(crate) fn head(conn: &Connection, id: EnrolmentId) -> Result<Option<Head>, StorageError> {
    Ok(conn
        .prepare_cached(
            "SELECT e.case_id, e.certification_code, c.title, e.route FROM enrolment e
             JOIN certification c ON c.code = e.certification_code WHERE e.id = ?1",
        )?
        .query_row([id.0], |r| {
            Ok(Head {
                case_id: CaseId(r.get(0)?),
                certification_code: r.get(1)?,
                certification_title: r.get(2)?,
                route: decode(r.get(3)?)?,
            })
        })
        .optional()?)
}

/// An enrolment's blocs in the certification's order.
pub(crate) fn blocs(conn: &Connection, id: EnrolmentId) -> Result<Vec<EnrolledBloc>, StorageError> {
    Ok(conn
        .prepare_cached(
            "SELECT eb.bloc_code, b.title, eb.status, eb.acquired_on, eb.evidence
             FROM enrolment_bloc eb JOIN certification_bloc b ON b.code = eb.bloc_code
             WHERE eb.enrolment_id = ?1 ORDER BY b.position, b.code",
        )?
        .query_map([id.0], |r| {
            Ok(EnrolledBloc {
                code: r.get(0)?,
                title: r.get(1)?,
                status: decode(r.get(2)?)?,
                acquired_on: opt_date(r.get(3)?),
                evidence: r.get(4)?,
            })
        })?
        .collect::<Result<_, _>>()?)
}

/// A case's enrolments, oldest first.
pub(crate) fn ids_for_case(
    conn: &Connection,
    case_id: CaseId,
) -> Result<Vec<EnrolmentId>, StorageError> {
    Ok(conn
        .prepare_cached("SELECT id FROM enrolment WHERE case_id = ?1 ORDER BY id")?
        .query_map([case_id.0], |r| r.get(0).map(EnrolmentId))?
        .collect::<Result<_, _>>()?)
}

pub(crate) fn not_found(id: EnrolmentId) -> StorageError {
    StorageError::NotFound {
        entity: "Inscription",
        id: id.to_string(),
    }
}
