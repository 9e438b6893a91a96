//! Exam and jury sessions, registrations and results, certificates and the VAE follow-up.
//!
//! Every write is journaled in its own transaction; a result also rewrites the enrolment's blocs
//! (journaled as the enrolment) in that same transaction.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use passerelle_domain::certification::{
    Certificate, EligibleEnrolment, NewSession, Outcome, SessionCandidate, SessionDetail,
    SessionKind, SessionResult, SessionSummary, VaeFollowUp, apply_result, may_register,
};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};
use serde_json::{Value, json};

use crate::codes::{code, decode};
use crate::journal::{self, Record, sha256_hex};
use crate::{StorageError, enrolments};

fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn date(text: Option<String>) -> Option<NaiveDate> {
    text.and_then(|t| t.parse().ok())
}

/// « COLLIN Aurélie », as the case list writes names (usage name first when there is one).
pub(crate) fn display_name(birth: &str, usage: &str, first: &str) -> String {
    let surname = if usage.trim().is_empty() {
        birth
    } else {
        usage
    };
    format!("{} {}", surname.trim().to_uppercase(), first.trim())
        .trim()
        .to_owned()
}

/// SQL columns giving (reference, birth name, usage name, first names) of case file `c`.
pub(crate) const NAME_COLUMNS: &str = "c.reference, coalesce(c.data ->> '$.beneficiary.birthName', ''),
     coalesce(c.data ->> '$.beneficiary.usageName', ''), coalesce(c.data ->> '$.beneficiary.firstNames', '')";

// ---- journal row hashes --------------------------------------------------------------------

fn hash_of(conn: &Connection, sql: &str, id: i64) -> Result<String, StorageError> {
    let text: String = conn.query_row(sql, [id], |r| r.get(0))?;
    Ok(sha256_hex(&[&text]))
}

const SESSION_ROW: &str = "SELECT date || '|' || place || '|' || kind || '|' || certification_code
     FROM cert_session WHERE id = ?1";
const CANDIDATE_ROW: &str =
    "SELECT session_id || '|' || enrolment_id || '|' || coalesce(outcome, '')
     || '|' || validated_blocs FROM session_candidate WHERE id = ?1";
const VAE_ROW: &str = "SELECT coalesce(recevabilite_submitted_on, '') || '|' || coalesce(recevabilite_decided_on, '')
     || '|' || coalesce(recevabilite, '') || '|' || coalesce(support_hours, '') || '|' || coalesce(dossier_submitted_on, '')
     FROM vae_follow_up WHERE enrolment_id = ?1";
const CERTIFICATE_ROW: &str =
    "SELECT number || '|' || issued_on FROM certificate WHERE enrolment_id = ?1";

fn hashes(conn: &Connection, ids: &str, row: &str) -> Result<Vec<(i64, String)>, StorageError> {
    journal::hashes_by_id(conn, ids, |conn, id| hash_of(conn, row, id))
}

pub(crate) fn session_hashes(conn: &Connection) -> Result<Vec<(i64, String)>, StorageError> {
    hashes(conn, "SELECT id FROM cert_session", SESSION_ROW)
}

pub(crate) fn candidate_hashes(conn: &Connection) -> Result<Vec<(i64, String)>, StorageError> {
    hashes(conn, "SELECT id FROM session_candidate", CANDIDATE_ROW)
}

pub(crate) fn vae_hashes(conn: &Connection) -> Result<Vec<(i64, String)>, StorageError> {
    hashes(conn, "SELECT enrolment_id FROM vae_follow_up", VAE_ROW)
}

pub(crate) fn certificate_hashes(conn: &Connection) -> Result<Vec<(i64, String)>, StorageError> {
    hashes(
        conn,
        "SELECT enrolment_id FROM certificate",
        CERTIFICATE_ROW,
    )
}

#[allow(clippy::too_many_arguments)]
fn append(
    tx: &Transaction<'_>,
    actor: &str,
    entity: &str,
    id: i64,
    action: &str,
    changes: &[journal::Change],
    row_sql: &str,
    at: &str,
) -> Result<(), StorageError> {
    journal::append(
        tx,
        &Record {
            at,
            actor,
            entity,
            entity_id: id,
            action,
            changes,
            row_hash: &hash_of(tx, row_sql, id)?,
        },
    )
}

// ---- sessions ------------------------------------------------------------------------------

fn summary_row(r: &Row<'_>) -> rusqlite::Result<SessionSummary> {
    Ok(SessionSummary {
        id: r.get(0)?,
        date: date(r.get(1)?).unwrap_or_default(),
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

/// Inserts a session row and journals it; returns its id.
fn insert_session(
    tx: &Transaction<'_>,
    actor: &str,
    (date, place, kind, certification): (NaiveDate, &str, SessionKind, &str),
    now: &str,
) -> Result<i64, StorageError> {
    tx.execute(
        "INSERT INTO cert_session (date, place, kind, certification_code, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![date.to_string(), place, code(kind), certification, now],
    )?;
    let id = tx.last_insert_rowid();
    let after = json!({"date": date, "place": place, "kind": code(kind),
                       "certification": certification});
    append(
        tx,
        actor,
        "cert_session",
        id,
        "create",
        &journal::diff(&Value::Null, &after),
        SESSION_ROW,
        now,
    )?;
    Ok(id)
}

/// Creates a session (validated by the caller with [`NewSession::validate`]).
pub fn create(
    conn: &mut Connection,
    actor: &str,
    s: &NewSession,
    at: DateTime<Utc>,
) -> Result<SessionSummary, StorageError> {
    let now = stamp(at);
    let tx = conn.transaction()?;
    if !crate::catalogue::exists(&tx, &s.certification_code)? {
        return Err(StorageError::NotFound {
            entity: "Certification",
            id: s.certification_code.clone(),
        });
    }
    let id = insert_session(
        &tx,
        actor,
        (s.date, &s.place, s.kind, &s.certification_code),
        &now,
    )?;
    tx.commit()?;
    get(conn, id)?.ok_or_else(|| not_found("Session", id))
}

fn not_found(entity: &'static str, id: i64) -> StorageError {
    StorageError::NotFound {
        entity,
        id: id.to_string(),
    }
}

/// One session with its counts.
pub fn get(conn: &Connection, id: i64) -> Result<Option<SessionSummary>, StorageError> {
    Ok(conn
        .prepare_cached(&format!("{SUMMARY} WHERE s.id = ?1"))?
        .query_row([id], summary_row)
        .optional()?)
}

/// Sessions dated from `from` to `to` included, in date order (latest first if `latest_first`).
pub fn between(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    latest_first: bool,
) -> Result<Vec<SessionSummary>, StorageError> {
    let order = if latest_first { "DESC" } else { "ASC" };
    let sql =
        format!("{SUMMARY} WHERE s.date BETWEEN ?1 AND ?2 ORDER BY s.date {order}, s.id {order}");
    Ok(conn
        .prepare_cached(&sql)?
        .query_map(params![from.to_string(), to.to_string()], summary_row)?
        .collect::<Result<_, _>>()?)
}

/// A session, its candidates (by name) with their blocs and results, and the enrolments of its
/// certification that could still be registered.
pub fn detail(conn: &Connection, id: i64) -> Result<SessionDetail, StorageError> {
    let session = get(conn, id)?.ok_or_else(|| not_found("Session", id))?;
    let rows: Vec<(i64, i64, String, String, String, String, String)> = conn
        .prepare_cached(&format!(
            "SELECT sc.enrolment_id, e.case_id, {NAME_COLUMNS}, coalesce(t.label, c.territory, '')
             FROM session_candidate sc JOIN enrolment e ON e.id = sc.enrolment_id
             JOIN case_file c ON c.id = e.case_id LEFT JOIN territory t ON t.code = c.territory
             WHERE sc.session_id = ?1"
        ))?
        .query_map([id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })?
        .collect::<Result<_, _>>()?;
    let mut candidates = Vec::with_capacity(rows.len());
    for (enrolment_id, case_id, reference, birth, usage, first, territory) in rows {
        let Some(e) = enrolments::get(conn, enrolment_id)? else {
            continue;
        };
        let result = result_of(conn, id, enrolment_id)?;
        candidates.push(SessionCandidate {
            enrolment_id,
            case_id,
            reference,
            name: display_name(&birth, &usage, &first),
            territory,
            route: e.route,
            blocs: e.blocs,
            result,
            certificate: e.certificate,
        });
    }
    candidates.sort_by(|a, b| {
        a.name
            .cmp(&b.name)
            .then(a.enrolment_id.cmp(&b.enrolment_id))
    });
    let eligible = eligible(conn, &session)?;
    Ok(SessionDetail {
        session,
        candidates,
        eligible,
    })
}

fn result_of(
    conn: &Connection,
    session_id: i64,
    enrolment_id: i64,
) -> Result<Option<SessionResult>, StorageError> {
    let row: Option<(Option<String>, String)> = conn
        .prepare_cached(
            "SELECT outcome, validated_blocs FROM session_candidate
             WHERE session_id = ?1 AND enrolment_id = ?2",
        )?
        .query_row(params![session_id, enrolment_id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let Some((Some(outcome), blocs)) = row else {
        return Ok(None);
    };
    Ok(Some(SessionResult {
        outcome: decode(outcome)?,
        validated_blocs: serde_json::from_str(&blocs).map_err(StorageError::json)?,
    }))
}

/// Most enrolments offered for registration on a session page.
const ELIGIBLE_MAX: u32 = 300;

/// Enrolments of the session's certification, not registered there nor waiting at another
/// session, with blocs left to acquire (and, for a jury VAE, on the VAE route with a favourable
/// recevabilité); the first [`ELIGIBLE_MAX`] by name.
fn eligible(
    conn: &Connection,
    session: &SessionSummary,
) -> Result<Vec<EligibleEnrolment>, StorageError> {
    let vae_only = session.kind == SessionKind::JuryVae;
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
            params![session.certification_code, session.id, vae_only],
            |r| {
                let name = display_name(
                    &r.get::<_, String>(4)?,
                    &r.get::<_, String>(5)?,
                    &r.get::<_, String>(6)?,
                );
                Ok(EligibleEnrolment {
                    enrolment_id: r.get(0)?,
                    case_id: r.get(1)?,
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

/// Registers an enrolment at a session. Refused (with the reason) when it is there already, on
/// another certification, fully acquired, or not ready for a jury VAE.
pub fn register(
    conn: &mut Connection,
    actor: &str,
    session_id: i64,
    enrolment_id: i64,
    at: DateTime<Utc>,
) -> Result<(), StorageError> {
    let session = get(conn, session_id)?.ok_or_else(|| not_found("Session", session_id))?;
    let e = enrolments::get(conn, enrolment_id)?
        .ok_or_else(|| not_found("Inscription", enrolment_id))?;
    let recevable = e.vae.as_ref().is_some_and(|v| v.follow_up.recevable());
    may_register(
        &session,
        &e.certification_code,
        e.route,
        &e.blocs,
        recevable,
    )?;
    if e.sessions
        .iter()
        .any(|s| s.outcome == Some(Outcome::ValidationTotale))
    {
        return Err(StorageError::rule(
            "enrolmentId",
            "Inscription à la session : ce candidat a déjà obtenu une validation totale.",
        ));
    }
    let now = stamp(at);
    let tx = conn.transaction()?;
    let inserted = tx.execute(
        "INSERT INTO session_candidate (session_id, enrolment_id, registered_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (session_id, enrolment_id) DO NOTHING",
        params![session_id, enrolment_id, now],
    )?;
    if inserted == 0 {
        return Err(StorageError::rule(
            "enrolmentId",
            format!(
                "Inscription à la session : ce candidat est déjà inscrit à la session « {} ».",
                session.title()
            ),
        ));
    }
    let id = tx.last_insert_rowid();
    let after = json!({"session": session_id, "enrolment": enrolment_id});
    append(
        &tx,
        actor,
        "session_candidate",
        id,
        "create",
        &journal::diff(&Value::Null, &after),
        CANDIDATE_ROW,
        &now,
    )?;
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
    session_id: i64,
    enrolment_id: i64,
    outcome: Outcome,
    chosen: &[String],
    today: NaiveDate,
    at: DateTime<Utc>,
) -> Result<(), StorageError> {
    let session = get(conn, session_id)?.ok_or_else(|| not_found("Session", session_id))?;
    if session.date > today {
        return Err(StorageError::rule(
            "outcome",
            format!(
                "Résultat : la session « {} » n’a pas encore eu lieu.",
                session.title()
            ),
        ));
    }
    let e = enrolments::get(conn, enrolment_id)?
        .ok_or_else(|| not_found("Inscription", enrolment_id))?;
    let now = stamp(at);
    let tx = conn.transaction()?;
    let row: Option<(i64, Option<String>)> = tx
        .query_row(
            "SELECT id, outcome FROM session_candidate WHERE session_id = ?1 AND enrolment_id = ?2",
            params![session_id, enrolment_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((row_id, before)) = row else {
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
    let chosen: Vec<String> = if outcome == Outcome::ValidationPartielle {
        chosen
            .iter()
            .map(|c| c.trim().to_ascii_uppercase())
            .collect()
    } else {
        Vec::new()
    };
    let updates = apply_result(session.kind, session.date, &e.blocs, outcome, &chosen)?;
    let blocs_json = serde_json::to_string(&chosen).map_err(StorageError::json)?;
    tx.execute(
        "UPDATE session_candidate SET outcome = ?1, validated_blocs = ?2, result_at = ?3 WHERE id = ?4",
        params![code(outcome), blocs_json, now, row_id],
    )?;
    let mut changes = vec![journal::Change {
        field: "outcome".into(),
        before: Value::Null,
        after: Value::String(code(outcome)),
    }];
    if !chosen.is_empty() {
        changes.push(journal::Change {
            field: "validatedBlocs".into(),
            before: Value::Null,
            after: json!(chosen),
        });
    }
    append(
        &tx,
        actor,
        "session_candidate",
        row_id,
        "update",
        &changes,
        CANDIDATE_ROW,
        &now,
    )?;
    let mut bloc_changes = Vec::new();
    for u in &updates {
        let before = e
            .blocs
            .iter()
            .find(|b| b.code == u.code)
            .map(|b| code(b.status))
            .unwrap_or_default();
        tx.execute(
            "UPDATE enrolment_bloc SET status = ?1, acquired_on = ?2, evidence = ?3
             WHERE enrolment_id = ?4 AND bloc_code = ?5",
            params![
                code(u.status),
                u.acquired_on.map(|d| d.to_string()),
                u.evidence,
                enrolment_id,
                u.code
            ],
        )?;
        bloc_changes.push(journal::Change {
            field: format!("bloc {}", u.code),
            before: Value::String(before),
            after: Value::String(code(u.status)),
        });
    }
    enrolments::journal_update(&tx, actor, enrolment_id, &bloc_changes, &now)?;
    tx.commit()?;
    Ok(())
}

/// Records the certificate of an enrolment whose blocs are all acquired; `today` bounds its date.
pub fn issue_certificate(
    conn: &mut Connection,
    actor: &str,
    enrolment_id: i64,
    certificate: &Certificate,
    today: NaiveDate,
    at: DateTime<Utc>,
) -> Result<Certificate, StorageError> {
    let e = enrolments::get(conn, enrolment_id)?
        .ok_or_else(|| not_found("Inscription", enrolment_id))?;
    let c = certificate.validate(&e.blocs, today)?;
    let now = stamp(at);
    let tx = conn.transaction()?;
    let taken: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM certificate k JOIN enrolment e ON e.id = k.enrolment_id
         WHERE k.number = ?1 AND e.certification_code = ?2 AND k.enrolment_id <> ?3)",
        params![c.number, e.certification_code, enrolment_id],
        |r| r.get(0),
    )?;
    if taken {
        return Err(StorageError::rule(
            "number",
            format!(
                "Numéro du certificat : le n° {} est déjà attribué pour {} ; vérifiez le parchemin.",
                c.number, e.certification_code
            ),
        ));
    }
    let before = e.certificate.as_ref().map_or(
        Value::Null,
        |k| json!({"number": k.number, "issuedOn": k.issued_on}),
    );
    tx.execute(
        "INSERT INTO certificate (enrolment_id, number, issued_on, created_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (enrolment_id) DO UPDATE SET number = ?2, issued_on = ?3",
        params![enrolment_id, c.number, c.issued_on.to_string(), now],
    )?;
    let after = json!({"number": c.number, "issuedOn": c.issued_on});
    let action = if before.is_null() { "create" } else { "update" };
    append(
        &tx,
        actor,
        "certificate",
        enrolment_id,
        action,
        &journal::diff(&before, &after),
        CERTIFICATE_ROW,
        &now,
    )?;
    tx.commit()?;
    Ok(c)
}

/// Reads the VAE follow-up of an enrolment, if any.
pub fn vae(conn: &Connection, enrolment_id: i64) -> Result<Option<VaeFollowUp>, StorageError> {
    Ok(conn
        .prepare_cached(
            "SELECT recevabilite_submitted_on, recevabilite_decided_on, recevabilite, support_hours,
                    dossier_submitted_on FROM vae_follow_up WHERE enrolment_id = ?1",
        )?
        .query_row([enrolment_id], |r| {
            let decision: Option<String> = r.get(2)?;
            Ok(VaeFollowUp {
                recevabilite_submitted_on: date(r.get(0)?),
                recevabilite_decided_on: date(r.get(1)?),
                recevabilite: decision.map(decode).transpose()?,
                support_hours: r.get(3)?,
                dossier_submitted_on: date(r.get(4)?),
            })
        })
        .optional()?)
}

/// Saves the VAE follow-up of a VAE enrolment, validated against `today`.
pub fn save_vae(
    conn: &mut Connection,
    actor: &str,
    enrolment_id: i64,
    f: &VaeFollowUp,
    today: NaiveDate,
    at: DateTime<Utc>,
) -> Result<(), StorageError> {
    let e = enrolments::get(conn, enrolment_id)?
        .ok_or_else(|| not_found("Inscription", enrolment_id))?;
    if e.route != passerelle_domain::certification::Route::Vae {
        return Err(StorageError::rule(
            "enrolmentId",
            "Suivi VAE : cette inscription n’est pas en VAE (voie formation ou CléA).",
        ));
    }
    f.validate(today)?;
    let before = vae(conn, enrolment_id)?;
    let now = stamp(at);
    let tx = conn.transaction()?;
    let d = |d: Option<NaiveDate>| d.map(|d| d.to_string());
    tx.execute(
        "INSERT INTO vae_follow_up (enrolment_id, recevabilite_submitted_on, recevabilite_decided_on,
             recevabilite, support_hours, dossier_submitted_on, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (enrolment_id) DO UPDATE SET recevabilite_submitted_on = ?2,
             recevabilite_decided_on = ?3, recevabilite = ?4, support_hours = ?5,
             dossier_submitted_on = ?6, updated_at = ?7",
        params![
            enrolment_id,
            d(f.recevabilite_submitted_on),
            d(f.recevabilite_decided_on),
            f.recevabilite.map(code),
            f.support_hours,
            d(f.dossier_submitted_on),
            now
        ],
    )?;
    let as_json = |v: &Option<VaeFollowUp>| {
        v.as_ref().map_or(Value::Null, |v| {
            serde_json::to_value(v).unwrap_or(Value::Null)
        })
    };
    let changes = journal::diff(&as_json(&before), &as_json(&Some(f.clone())));
    let action = if before.is_none() { "create" } else { "update" };
    append(
        &tx,
        actor,
        "vae",
        enrolment_id,
        action,
        &changes,
        VAE_ROW,
        &now,
    )?;
    tx.commit()?;
    Ok(())
}

/// Sessions an enrolment is registered at, oldest first.
pub fn for_enrolment(
    conn: &Connection,
    enrolment_id: i64,
) -> Result<Vec<passerelle_domain::certification::EnrolmentSession>, StorageError> {
    Ok(conn
        .prepare_cached(
            "SELECT s.id, s.date, s.kind, s.place, sc.outcome FROM session_candidate sc
             JOIN cert_session s ON s.id = sc.session_id WHERE sc.enrolment_id = ?1
             ORDER BY s.date, s.id",
        )?
        .query_map([enrolment_id], |r| {
            let outcome: Option<String> = r.get(4)?;
            Ok(passerelle_domain::certification::EnrolmentSession {
                session_id: r.get(0)?,
                date: date(r.get(1)?).unwrap_or_default(),
                kind: decode(r.get(2)?)?,
                place: r.get(3)?,
                outcome: outcome.map(decode).transpose()?,
            })
        })?
        .collect::<Result<_, _>>()?)
}

/// The certificate of an enrolment, if issued.
pub fn certificate(
    conn: &Connection,
    enrolment_id: i64,
) -> Result<Option<Certificate>, StorageError> {
    Ok(conn
        .prepare_cached("SELECT number, issued_on FROM certificate WHERE enrolment_id = ?1")?
        .query_row([enrolment_id], |r| {
            Ok(Certificate {
                number: r.get(0)?,
                issued_on: date(r.get(1)?).unwrap_or_default(),
            })
        })
        .optional()?)
}

/// A session with its candidates and their results, as the demo (or a migration) provides it.
/// The blocs are written by [`enrolments::import_many`] to match the results.
#[derive(Debug, Clone)]
pub struct SessionImport {
    pub date: NaiveDate,
    pub place: String,
    pub kind: SessionKind,
    pub certification: String,
    /// Enrolments registered, with their result once judged.
    pub candidates: Vec<(i64, Option<SessionResult>)>,
}

/// Writes sessions, registrations and results in one transaction, each journaled.
pub fn import_many(
    conn: &mut Connection,
    actor: &str,
    items: &[SessionImport],
    at: DateTime<Utc>,
) -> Result<(), StorageError> {
    let now = stamp(at);
    let tx = conn.transaction()?;
    for s in items {
        let id = insert_session(
            &tx,
            actor,
            (s.date, &s.place, s.kind, &s.certification),
            &now,
        )?;
        for (enrolment, result) in &s.candidates {
            let (outcome, blocs) = match result {
                Some(r) => (
                    Some(code(r.outcome)),
                    serde_json::to_string(&r.validated_blocs).map_err(StorageError::json)?,
                ),
                None => (None, "[]".to_owned()),
            };
            tx.execute(
                "INSERT INTO session_candidate (session_id, enrolment_id, registered_at, outcome, validated_blocs, result_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, CASE WHEN ?4 IS NULL THEN NULL ELSE ?3 END)",
                params![id, enrolment, now, outcome, blocs],
            )?;
            let row = tx.last_insert_rowid();
            let after = json!({"session": id, "enrolment": enrolment, "outcome": outcome});
            let changes = journal::diff(&Value::Null, &after);
            append(
                &tx,
                actor,
                "session_candidate",
                row,
                "create",
                &changes,
                CANDIDATE_ROW,
                &now,
            )?;
        }
    }
    tx.commit()?;
    Ok(())
}

/// Writes VAE follow-ups and certificates (demo data), each journaled, in one transaction.
pub fn import_follow_ups(
    conn: &mut Connection,
    actor: &str,
    vae: &[(i64, VaeFollowUp)],
    certificates: &[(i64, Certificate)],
    at: DateTime<Utc>,
) -> Result<(), StorageError> {
    let now = stamp(at);
    let tx = conn.transaction()?;
    let d = |d: Option<NaiveDate>| d.map(|d| d.to_string());
    for (enrolment, f) in vae {
        tx.execute(
            "INSERT INTO vae_follow_up (enrolment_id, recevabilite_submitted_on, recevabilite_decided_on,
                 recevabilite, support_hours, dossier_submitted_on, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                enrolment,
                d(f.recevabilite_submitted_on),
                d(f.recevabilite_decided_on),
                f.recevabilite.map(code),
                f.support_hours,
                d(f.dossier_submitted_on),
                now
            ],
        )?;
        let after = serde_json::to_value(f).map_err(StorageError::json)?;
        let changes = journal::diff(&Value::Null, &after);
        append(
            &tx, actor, "vae", *enrolment, "create", &changes, VAE_ROW, &now,
        )?;
    }
    for (enrolment, c) in certificates {
        tx.execute(
            "INSERT INTO certificate (enrolment_id, number, issued_on, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![enrolment, c.number, c.issued_on.to_string(), now],
        )?;
        let after = json!({"number": c.number, "issuedOn": c.issued_on});
        let changes = journal::diff(&Value::Null, &after);
        append(
            &tx,
            actor,
            "certificate",
            *enrolment,
            "create",
            &changes,
            CERTIFICATE_ROW,
            &now,
        )?;
    }
    tx.commit()?;
    Ok(())
}
