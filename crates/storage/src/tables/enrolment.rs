//! Candidates' enrolments and bloc statuses, journaled like every other write.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use passerelle_domain::case::CaseId;
use passerelle_domain::certification::{BlocStatus, EnrolledBloc, Enrolment, Route, vae_view};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde_json::{Value, json};

use crate::codes::{code, decode};
use crate::journal::{self, Record, sha256_hex};
use crate::{StorageError, catalogue, sessions};

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

pub(crate) fn row_hashes(conn: &Connection) -> Result<Vec<(i64, String)>, StorageError> {
    journal::hashes_by_id(conn, "SELECT id FROM enrolment", row_hash)
}

fn append(
    tx: &Transaction<'_>,
    actor: &str,
    id: i64,
    action: &str,
    changes: &[journal::Change],
    at: &str,
) -> Result<(), StorageError> {
    journal::append(
        tx,
        &Record {
            at,
            actor,
            entity: "enrolment",
            entity_id: id,
            action,
            changes,
            row_hash: &row_hash(tx, id)?,
        },
    )
}

/// Enrols a case in a certification: every bloc, or only `blocs` (codes of that certification).
/// Blocs the candidate already acquired through another enrolment start as acquired.
pub fn enrol(
    conn: &mut Connection,
    actor: &str,
    case_id: CaseId,
    certification: &str,
    route: Route,
    blocs: Option<&[String]>,
    at: DateTime<Utc>,
) -> Result<Enrolment, StorageError> {
    let Some(cert) = catalogue::get(conn, certification)? else {
        return Err(StorageError::NotFound {
            entity: "Certification",
            id: certification.to_owned(),
        });
    };
    let chosen: Vec<_> = match blocs {
        None => cert.blocs,
        Some(codes) => {
            for c in codes {
                if !cert.blocs.iter().any(|b| &b.code == c) {
                    return Err(StorageError::NotFound {
                        entity: "Bloc",
                        id: c.clone(),
                    });
                }
            }
            cert.blocs
                .iter()
                .filter(|b| codes.contains(&b.code))
                .cloned()
                .collect()
        }
    };
    let now = at.to_rfc3339_opts(SecondsFormat::Secs, true);
    let tx = conn.transaction()?;
    let exists: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM case_file WHERE id = ?1)",
        [case_id],
        |r| r.get(0),
    )?;
    if !exists {
        return Err(StorageError::NotFound {
            entity: "Dossier",
            id: case_id.to_string(),
        });
    }
    tx.execute(
        "INSERT INTO enrolment (case_id, certification_code, route, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![case_id, certification, code(route), now],
    )?;
    let id = tx.last_insert_rowid();
    for b in &chosen {
        // Acquired elsewhere already (an earlier enrolment, a partial validation)?
        let earlier: Option<(Option<String>, String)> = tx
            .query_row(
                "SELECT eb.acquired_on, eb.evidence FROM enrolment_bloc eb JOIN enrolment e ON e.id = eb.enrolment_id
                 WHERE e.case_id = ?1 AND eb.bloc_code = ?2 AND eb.status = 'acquis' LIMIT 1",
                params![case_id, b.code],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let (status, acquired_on, evidence) = match earlier {
            Some((on, evidence)) => (BlocStatus::Acquis, on, evidence),
            None => (BlocStatus::AAcquerir, None, String::new()),
        };
        insert_bloc(&tx, id, &b.code, status, acquired_on.as_deref(), &evidence)?;
    }
    let after = json!({"caseId": case_id, "certification": certification, "route": code(route),
                       "blocs": chosen.iter().map(|b| b.code.clone()).collect::<Vec<_>>()});
    append(
        &tx,
        actor,
        id,
        "create",
        &journal::diff(&Value::Null, &after),
        &now,
    )?;
    tx.commit()?;
    get(conn, id)?.ok_or_else(|| StorageError::NotFound {
        entity: "Inscription",
        id: id.to_string(),
    })
}

fn insert_bloc(
    tx: &Transaction<'_>,
    enrolment_id: i64,
    bloc: &str,
    status: BlocStatus,
    acquired_on: Option<&str>,
    evidence: &str,
) -> Result<(), StorageError> {
    tx.execute(
        "INSERT INTO enrolment_bloc (enrolment_id, bloc_code, status, acquired_on, evidence)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![enrolment_id, bloc, code(status), acquired_on, evidence],
    )?;
    Ok(())
}

/// Records a bloc's new status (acquired with its date and evidence, in progress, not validated).
#[allow(clippy::too_many_arguments)]
pub fn set_bloc_status(
    conn: &mut Connection,
    actor: &str,
    enrolment_id: i64,
    bloc: &str,
    status: BlocStatus,
    acquired_on: Option<NaiveDate>,
    evidence: &str,
    at: DateTime<Utc>,
) -> Result<(), StorageError> {
    passerelle_domain::certification::check_bloc_status(
        status,
        acquired_on,
        evidence,
        crate::today_for(at),
    )?;
    let now = at.to_rfc3339_opts(SecondsFormat::Secs, true);
    let tx = conn.transaction()?;
    let before: Option<String> = tx
        .query_row(
            "SELECT status FROM enrolment_bloc WHERE enrolment_id = ?1 AND bloc_code = ?2",
            params![enrolment_id, bloc],
            |r| r.get(0),
        )
        .optional()?;
    let Some(before) = before else {
        return Err(StorageError::NotFound {
            entity: "Bloc inscrit",
            id: format!("{enrolment_id}/{bloc}"),
        });
    };
    tx.execute(
        "UPDATE enrolment_bloc SET status = ?1, acquired_on = ?2, evidence = ?3 WHERE enrolment_id = ?4 AND bloc_code = ?5",
        params![code(status), acquired_on.map(|d| d.to_string()), evidence.trim(), enrolment_id, bloc],
    )?;
    let changes = [journal::Change {
        field: format!("bloc {bloc}"),
        before: Value::String(before),
        after: Value::String(code(status)),
    }];
    append(&tx, actor, enrolment_id, "update", &changes, &now)?;
    tx.commit()?;
    Ok(())
}

/// Journals an update of an enrolment's blocs made in `tx` (a session result).
pub(crate) fn journal_update(
    tx: &Transaction<'_>,
    actor: &str,
    id: i64,
    changes: &[journal::Change],
    at: &str,
) -> Result<(), StorageError> {
    append(tx, actor, id, "update", changes, at)
}

/// One enrolment with its blocs, VAE follow-up, certificate and sessions.
pub(crate) fn get(conn: &Connection, id: i64) -> Result<Option<Enrolment>, StorageError> {
    let head = conn
        .query_row(
            "SELECT e.case_id, e.certification_code, c.title, e.route FROM enrolment e
             JOIN certification c ON c.code = e.certification_code WHERE e.id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, decode::<Route>(r.get(3)?)?)),
        )
        .optional()?;
    let Some((case_id, certification_code, certification_title, route)) = head else {
        return Ok(None);
    };
    let blocs = conn
        .prepare_cached(
            "SELECT eb.bloc_code, b.title, eb.status, eb.acquired_on, eb.evidence FROM enrolment_bloc eb
             JOIN certification_bloc b ON b.code = eb.bloc_code WHERE eb.enrolment_id = ?1
             ORDER BY b.position, b.code",
        )?
        .query_map([id], |r| {
            let on: Option<String> = r.get(3)?;
            Ok(EnrolledBloc {
                code: r.get(0)?,
                title: r.get(1)?,
                status: decode(r.get(2)?)?,
                acquired_on: on.and_then(|d| d.parse().ok()),
                evidence: r.get(4)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let sessions = sessions::for_enrolment(conn, id)?;
    let vae = match route {
        Route::Vae => {
            let follow_up = sessions::vae(conn, id)?.unwrap_or_default();
            let jury = sessions.last().map(|s| s.outcome);
            let params = crate::parcours::parameters(conn)?;
            Some(vae_view(&follow_up, jury, &params))
        }
        _ => None,
    };
    Ok(Some(Enrolment {
        id,
        case_id,
        certification_code,
        certification_title,
        route,
        blocs,
        vae,
        certificate: sessions::certificate(conn, id)?,
        sessions,
    }))
}

/// A case's enrolments, oldest first.
pub fn for_case(conn: &Connection, case_id: CaseId) -> Result<Vec<Enrolment>, StorageError> {
    let ids: Vec<i64> = conn
        .prepare_cached("SELECT id FROM enrolment WHERE case_id = ?1 ORDER BY id")?
        .query_map([case_id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut out = Vec::new();
    for id in ids {
        out.extend(get(conn, id)?);
    }
    Ok(out)
}

/// An enrolment with its bloc results, as a migration or the demo provides it.
#[derive(Debug, Clone)]
pub struct EnrolmentImport {
    pub case_id: CaseId,
    pub certification: String,
    pub route: Route,
    /// Bloc codes with their status and date (acquired ones).
    pub blocs: Vec<(String, BlocStatus, Option<NaiveDate>)>,
    /// Evidence of the acquired blocs (« Jury du 12 mars 2026 »); « Jury » when empty.
    pub evidence: String,
}

/// Writes many enrolments in one transaction, each journaled; returns their ids in order.
pub fn import_many(
    conn: &mut Connection,
    actor: &str,
    items: &[EnrolmentImport],
    at: DateTime<Utc>,
) -> Result<Vec<i64>, StorageError> {
    let mut ids = Vec::with_capacity(items.len());
    let now = at.to_rfc3339_opts(SecondsFormat::Secs, true);
    let tx = conn.transaction()?;
    for item in items {
        tx.execute(
            "INSERT INTO enrolment (case_id, certification_code, route, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![item.case_id, item.certification, code(item.route), now],
        )?;
        let id = tx.last_insert_rowid();
        ids.push(id);
        for (bloc, status, on) in &item.blocs {
            let on = on.map(|d| d.to_string());
            let evidence = match (&on, item.evidence.as_str()) {
                (None, _) => "",
                (Some(_), "") => "Jury",
                (Some(_), e) => e,
            };
            insert_bloc(&tx, id, bloc, *status, on.as_deref(), evidence)?;
        }
        let after = json!({"caseId": item.case_id, "certification": item.certification, "route": code(item.route)});
        append(
            &tx,
            actor,
            id,
            "create",
            &journal::diff(&Value::Null, &after),
            &now,
        )?;
    }
    tx.commit()?;
    Ok(ids)
}
