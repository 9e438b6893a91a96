//! Committee sessions, their agenda, the outcomes recorded, and the dossiers exported to them.
//! Every write is journaled (entity `committee_session`); a decision moves the case through the
//! parcours in the same transaction, or nothing is written.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use passerelle_domain::FieldError;
use passerelle_domain::case::CaseId;
use passerelle_domain::certification::BlocStatus;
use passerelle_domain::committee::{
    self as domain, ChangesSince, CommitteeKind, Decision, DossierInput, DossierView, NewSession,
    Opinion, Outcome, OutcomeInput, Session, SessionDetail, SessionDossier, SessionHeader,
    SessionId, Variant,
};
use passerelle_domain::i18n::{Label, format_date};
use passerelle_domain::parcours::{Step, checklist};
use passerelle_domain::validate::{CertificationCode, parse_certification_code};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde_json::{Value, json};

use crate::codes::{code, decode};
use crate::journal::{self, Record, sha256_hex};
use crate::{StorageError, cases, catalogue, enrolments, parcours, profile, records};

const ENTITY: &str = "committee_session";

fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn invalid(field: &str, message: impl Into<String>) -> StorageError {
    StorageError::Invalid(vec![FieldError::new(field, message)])
}

fn not_found(id: SessionId) -> StorageError {
    StorageError::NotFound {
        entity: "Séance",
        id: id.to_string(),
    }
}

/// Hash of a session and its whole agenda, as stored.
fn row_hash(conn: &Connection, id: SessionId) -> Result<String, StorageError> {
    let head: String = conn.query_row(
        "SELECT kind || '|' || held_on || '|' || place || '|' || members || '|' || hex(salt)
         FROM committee_session WHERE id = ?1",
        [id],
        |r| r.get(0),
    )?;
    let rows: Vec<String> = conn
        .prepare_cached(
            "SELECT case_id || '|' || position || '|' || pseudonym || '|' || coalesce(outcome, '')
                    || '|' || motifs || '|' || coalesce(amount_granted_cents, '') || '|'
                    || coalesce(decided_at, '')
             FROM session_dossier WHERE session_id = ?1 ORDER BY case_id",
        )?
        .query_map([id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut parts = vec![head.as_str()];
    parts.extend(rows.iter().map(String::as_str));
    Ok(sha256_hex(&parts))
}

pub(crate) fn row_hashes(conn: &Connection) -> Result<Vec<(i64, String)>, StorageError> {
    journal::hashes_by_id(conn, "SELECT id FROM committee_session", row_hash)
}

fn append(
    tx: &Transaction<'_>,
    actor: &str,
    id: SessionId,
    action: &str,
    changes: &[journal::Change],
    at: &str,
) -> Result<(), StorageError> {
    journal::append(
        tx,
        &Record {
            at,
            actor,
            entity: ENTITY,
            entity_id: id,
            action,
            changes,
            row_hash: &row_hash(tx, id)?,
        },
    )
}

/// What a session form gives, checked field by field: instance, date, members without blanks.
fn checked(
    new: &NewSession,
    today: NaiveDate,
) -> Result<(CommitteeKind, NaiveDate, Vec<String>), StorageError> {
    let errors = new.check(today);
    let (Some(kind), Some(held_on), true) = (new.kind, new.held_on, errors.is_empty()) else {
        return Err(StorageError::Invalid(errors));
    };
    let members = new
        .members
        .iter()
        .map(|m| m.trim().to_owned())
        .filter(|m| !m.is_empty())
        .collect();
    Ok((kind, held_on, members))
}

/// Creates a session; the input is checked field by field.
pub fn create_session(
    conn: &mut Connection,
    actor: &str,
    new: &NewSession,
    at: DateTime<Utc>,
) -> Result<Session, StorageError> {
    let (kind, held_on, members) = checked(new, crate::today_for(at))?;
    let members_json = serde_json::to_string(&members).map_err(StorageError::json)?;
    let now = stamp(at);
    let tx = conn.transaction()?;
    tx.execute(
        "INSERT INTO committee_session (kind, held_on, place, members, salt, created_at)
         VALUES (?1, ?2, ?3, ?4, randomblob(16), ?5)",
        params![
            code(kind),
            held_on.to_string(),
            new.place.trim(),
            members_json,
            now
        ],
    )?;
    let id = tx.last_insert_rowid();
    let after = json!({"kind": code(kind), "heldOn": held_on.to_string(),
                       "place": new.place.trim(), "members": members});
    append(
        &tx,
        actor,
        id,
        "create",
        &journal::diff(&Value::Null, &after),
        &now,
    )?;
    tx.commit()?;
    session(conn, id)
}

/// Changes a session's instance, date, place or members (a commission rescheduled, a member
/// replaced). The instance changes only while the agenda is empty: its dossiers were chosen for
/// the other one.
pub fn update_session(
    conn: &mut Connection,
    actor: &str,
    id: SessionId,
    new: &NewSession,
    at: DateTime<Utc>,
) -> Result<Session, StorageError> {
    let (kind, held_on, members) = checked(new, crate::today_for(at))?;
    let tx = conn.transaction()?;
    let before = session(&tx, id)?;
    if kind != before.kind && before.dossier_count > 0 {
        return Err(invalid(
            "kind",
            "Instance : retirez d’abord les dossiers de l’ordre du jour, ils ont été choisis pour l’autre instance.",
        ));
    }
    let as_json = |kind: CommitteeKind, held_on: NaiveDate, place: &str, members: &[String]| json!({"kind": code(kind), "heldOn": held_on.to_string(), "place": place, "members": members});
    let changes = journal::diff(
        &as_json(before.kind, before.held_on, &before.place, &before.members),
        &as_json(kind, held_on, new.place.trim(), &members),
    );
    if changes.is_empty() {
        return Ok(before);
    }
    tx.execute(
        "UPDATE committee_session SET kind = ?1, held_on = ?2, place = ?3, members = ?4 WHERE id = ?5",
        params![
            code(kind),
            held_on.to_string(),
            new.place.trim(),
            serde_json::to_string(&members).map_err(StorageError::json)?,
            id
        ],
    )?;
    append(&tx, actor, id, "update", &changes, &stamp(at))?;
    tx.commit()?;
    session(conn, id)
}

fn session_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Session> {
    let held_on: String = r.get(2)?;
    let members: String = r.get(4)?;
    Ok(Session {
        id: r.get(0)?,
        kind: decode(r.get(1)?)?,
        held_on: held_on.parse().map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, Box::new(e))
        })?,
        place: r.get(3)?,
        members: serde_json::from_str(&members).unwrap_or_default(),
        dossier_count: r.get(5)?,
        decided_count: r.get(6)?,
    })
}

const SESSION_SELECT: &str = "SELECT s.id, s.kind, s.held_on, s.place, s.members,
        (SELECT count(*) FROM session_dossier d WHERE d.session_id = s.id),
        (SELECT count(*) FROM session_dossier d WHERE d.session_id = s.id AND d.outcome IS NOT NULL)
     FROM committee_session s";

/// Every session, the latest first.
pub fn sessions(conn: &Connection) -> Result<Vec<Session>, StorageError> {
    let mut stmt = conn.prepare(&format!(
        "{SESSION_SELECT} ORDER BY s.held_on DESC, s.id DESC"
    ))?;
    let rows = stmt.query_map([], session_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn session(conn: &Connection, id: SessionId) -> Result<Session, StorageError> {
    conn.query_row(
        &format!("{SESSION_SELECT} WHERE s.id = ?1"),
        [id],
        session_from_row,
    )
    .optional()?
    .ok_or_else(|| not_found(id))
}

fn decode_outcome(text: Option<String>) -> rusqlite::Result<Option<Outcome>> {
    let Some(text) = text else { return Ok(None) };
    if let Ok(d) = decode::<Decision>(text.clone()) {
        return Ok(Some(Outcome::Decision(d)));
    }
    Ok(Some(Outcome::Opinion(decode::<Opinion>(text)?)))
}

fn outcome_code(outcome: Outcome) -> String {
    match outcome {
        Outcome::Decision(d) => code(d),
        Outcome::Opinion(o) => code(o),
    }
}

/// One stored line of an agenda.
struct AgendaRow {
    case_id: CaseId,
    position: u32,
    pseudonym: String,
    outcome: Option<Outcome>,
    motifs: String,
    granted: Option<i64>,
    decided_at: Option<String>,
}

/// A session's agenda in order, or one case's line.
fn agenda(
    conn: &Connection,
    id: SessionId,
    case_id: Option<CaseId>,
) -> Result<Vec<AgendaRow>, StorageError> {
    let mut stmt = conn.prepare_cached(
        "SELECT case_id, position, pseudonym, outcome, motifs, amount_granted_cents, decided_at
         FROM session_dossier WHERE session_id = ?1 AND (?2 IS NULL OR case_id = ?2)
         ORDER BY position",
    )?;
    let rows = stmt.query_map(params![id, case_id], |r| {
        Ok(AgendaRow {
            case_id: r.get(0)?,
            position: r.get(1)?,
            pseudonym: r.get(2)?,
            outcome: decode_outcome(r.get(3)?)?,
            motifs: r.get(4)?,
            granted: r.get(5)?,
            decided_at: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One case's line of an agenda; not on it is `NotFound`.
fn agenda_line(
    conn: &Connection,
    id: SessionId,
    case_id: CaseId,
) -> Result<AgendaRow, StorageError> {
    agenda(conn, id, Some(case_id))?
        .pop()
        .ok_or_else(|| StorageError::NotFound {
            entity: "Dossier de la séance",
            id: case_id.to_string(),
        })
}

/// A session with its agenda in order.
pub fn detail(conn: &Connection, id: SessionId) -> Result<SessionDetail, StorageError> {
    let session = session(conn, id)?;
    let rows = agenda(conn, id, None)?;
    let mut dossiers = Vec::with_capacity(rows.len());
    for AgendaRow {
        case_id,
        position,
        pseudonym,
        outcome,
        motifs,
        granted,
        ..
    } in rows
    {
        let case = cases::get(conn, case_id)?.ok_or_else(|| StorageError::NotFound {
            entity: "Dossier",
            id: case_id.to_string(),
        })?;
        let b = &case.data.beneficiary;
        let name = if b.usage_name.trim().is_empty() {
            &b.birth_name
        } else {
            &b.usage_name
        };
        dossiers.push(SessionDossier {
            case_id,
            position,
            pseudonym,
            reference: case.reference.clone(),
            display_name: format!("{} {}", name.trim().to_uppercase(), b.first_names.trim()),
            step: parcours::current_step(conn, case_id)?,
            target_rome: case.data.project.target_rome.clone(),
            amount_requested_cents: case.data.parcours.amount_requested(),
            outcome,
            motifs,
            amount_granted_cents: granted,
        });
    }
    Ok(SessionDetail { session, dossiers })
}

fn salt_of(conn: &Connection, id: SessionId) -> Result<Vec<u8>, StorageError> {
    conn.query_row(
        "SELECT salt FROM committee_session WHERE id = ?1",
        [id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| not_found(id))
}

/// Puts a case on a session's agenda, last. Only cases at a step the committee examines.
pub fn add_case(
    conn: &mut Connection,
    actor: &str,
    id: SessionId,
    case_id: CaseId,
    at: DateTime<Utc>,
) -> Result<SessionDetail, StorageError> {
    let tx = conn.transaction()?;
    let session = session(&tx, id)?;
    let case = cases::get(&tx, case_id)?.ok_or_else(|| StorageError::NotFound {
        entity: "Dossier",
        id: case_id.to_string(),
    })?;
    if case.archived_at.is_some() {
        return Err(invalid(
            "caseId",
            format!(
                "Dossier {} archivé : restaurez-le avant de le présenter.",
                case.reference
            ),
        ));
    }
    let step = parcours::current_step(&tx, case_id)?;
    if !session.kind.accepts(step) {
        return Err(invalid(
            "caseId",
            format!(
                "Dossier {} à l’étape « {} » : {}.",
                case.reference,
                step.label(),
                session.kind.accepted_steps_hint()
            ),
        ));
    }
    let already: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM session_dossier WHERE session_id = ?1 AND case_id = ?2)",
        params![id, case_id],
        |r| r.get(0),
    )?;
    if already {
        return Err(invalid(
            "caseId",
            format!(
                "Le dossier {} est déjà à l’ordre du jour de cette séance.",
                case.reference
            ),
        ));
    }
    let position: u32 = tx.query_row(
        "SELECT coalesce(max(position), 0) + 1 FROM session_dossier WHERE session_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    let pseudonym = domain::pseudonym(&salt_of(&tx, id)?, case_id);
    tx.execute(
        "INSERT INTO session_dossier (session_id, case_id, position, pseudonym) VALUES (?1, ?2, ?3, ?4)",
        params![id, case_id, position, pseudonym],
    )?;
    let now = stamp(at);
    append(
        &tx,
        actor,
        id,
        "update",
        &[journal::Change {
            field: "dossiers".into(),
            before: Value::Null,
            after: json!({"caseId": case_id, "reference": case.reference, "position": position}),
        }],
        &now,
    )?;
    tx.commit()?;
    detail(conn, id)
}

/// Takes a case off the agenda (not once an outcome is recorded); the others close the gap.
pub fn remove_case(
    conn: &mut Connection,
    actor: &str,
    id: SessionId,
    case_id: CaseId,
    at: DateTime<Utc>,
) -> Result<SessionDetail, StorageError> {
    let tx = conn.transaction()?;
    if agenda_line(&tx, id, case_id)?.outcome.is_some() {
        return Err(invalid(
            "caseId",
            "Une issue est enregistrée pour ce dossier : il reste à l’ordre du jour de la séance.",
        ));
    }
    tx.execute(
        "DELETE FROM session_dossier WHERE session_id = ?1 AND case_id = ?2",
        params![id, case_id],
    )?;
    renumber(&tx, id)?;
    append(
        &tx,
        actor,
        id,
        "update",
        &[journal::Change {
            field: "dossiers".into(),
            before: json!({"caseId": case_id}),
            after: Value::Null,
        }],
        &stamp(at),
    )?;
    tx.commit()?;
    detail(conn, id)
}

fn renumber(tx: &Transaction<'_>, id: SessionId) -> Result<(), StorageError> {
    let ids: Vec<CaseId> = tx
        .prepare("SELECT case_id FROM session_dossier WHERE session_id = ?1 ORDER BY position")?
        .query_map([id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    set_order(tx, id, &ids)
}

fn set_order(tx: &Transaction<'_>, id: SessionId, order: &[CaseId]) -> Result<(), StorageError> {
    let mut stmt = tx.prepare_cached(
        "UPDATE session_dossier SET position = ?1 WHERE session_id = ?2 AND case_id = ?3",
    )?;
    for (i, case_id) in order.iter().enumerate() {
        stmt.execute(params![i as u32 + 1, id, case_id])?;
    }
    Ok(())
}

/// Sets the agenda's order: `order` lists every case of the session exactly once.
pub fn reorder(
    conn: &mut Connection,
    actor: &str,
    id: SessionId,
    order: &[CaseId],
    at: DateTime<Utc>,
) -> Result<SessionDetail, StorageError> {
    let tx = conn.transaction()?;
    let current: Vec<CaseId> = tx
        .prepare("SELECT case_id FROM session_dossier WHERE session_id = ?1 ORDER BY position")?
        .query_map([id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let wanted: HashSet<_> = order.iter().collect();
    if order.len() != current.len()
        || wanted.len() != order.len()
        || current.iter().any(|c| !wanted.contains(c))
    {
        return Err(invalid(
            "order",
            "Ordre du jour : donnez chaque dossier de la séance une fois et une seule.",
        ));
    }
    if current == order {
        return detail(&tx, id);
    }
    set_order(&tx, id, order)?;
    append(
        &tx,
        actor,
        id,
        "update",
        &[journal::Change {
            field: "ordre".into(),
            before: json!(current),
            after: json!(order),
        }],
        &stamp(at),
    )?;
    tx.commit()?;
    detail(conn, id)
}

/// Records a committee's outcome for one dossier. A decision moves the case through the
/// parcours (PTP_EN_INSTRUCTION → PTP_ACCORD…) and dates the commission and, for a refusal, the
/// notice that starts the recours delay; an opinion moves a formalised project to the comité
/// step. All or nothing: a blocked transition leaves everything as it was.
pub fn record_outcome(
    conn: &mut Connection,
    actor: &str,
    id: SessionId,
    case_id: CaseId,
    input: &OutcomeInput,
    today: NaiveDate,
    at: DateTime<Utc>,
) -> Result<SessionDetail, StorageError> {
    let tx = conn.transaction()?;
    let session = session(&tx, id)?;
    if let Some(when) = agenda_line(&tx, id, case_id)?.decided_at {
        return Err(invalid(
            "outcome",
            format!(
                "Une issue est déjà enregistrée pour ce dossier (le {}).",
                when.get(..10).unwrap_or(&when)
            ),
        ));
    }
    let mut case = cases::get(&tx, case_id)?.ok_or_else(|| StorageError::NotFound {
        entity: "Dossier",
        id: case_id.to_string(),
    })?;
    let errors = input.check(session.kind, case.data.parcours.amount_requested());
    if !errors.is_empty() {
        return Err(StorageError::Invalid(errors));
    }
    let from = parcours::current_step(&tx, case_id)?;
    let label = match input.outcome {
        Outcome::Decision(d) => d.label(),
        Outcome::Opinion(o) => o.label(),
    };
    let reason = format!(
        "{} — {}, séance du {}",
        label,
        session.kind.label(),
        format_date(session.held_on)
    );
    let path = match input.outcome {
        Outcome::Decision(d) => {
            domain::decision_path(from, d).map_err(|message| invalid("outcome", message))?
        }
        Outcome::Opinion(_) if from.allows(Step::ComiteTransitions) => {
            vec![Step::ComiteTransitions]
        }
        Outcome::Opinion(_) => Vec::new(),
    };
    // The dated facts the decision implies, journaled with the case.
    if let Outcome::Decision(d) = input.outcome {
        let facts = &mut case.data.parcours;
        facts.commission_on = Some(session.held_on);
        // A refusal of all or part of the request is notified (R6323-15) and opens the recours.
        if matches!(d, Decision::Refus | Decision::AccordPartiel)
            && facts.refusal_notified_on.is_none()
        {
            // The notice leaves the day of the session unless the counsellor dates it otherwise.
            facts.refusal_notified_on = Some(session.held_on);
        }
        cases::update_in(&tx, actor, case_id, &case.data, at)?;
    }
    for to in path {
        parcours::advance_in(&tx, actor, case_id, to, &reason, today, at)?;
    }
    let now = stamp(at);
    tx.execute(
        "UPDATE session_dossier SET outcome = ?1, motifs = ?2, amount_granted_cents = ?3, decided_at = ?4
         WHERE session_id = ?5 AND case_id = ?6",
        params![
            outcome_code(input.outcome),
            input.motifs.trim(),
            input.amount_granted_cents,
            now,
            id,
            case_id
        ],
    )?;
    append(
        &tx,
        actor,
        id,
        "update",
        &[journal::Change {
            field: "issue".into(),
            before: Value::Null,
            after: json!({"caseId": case_id, "outcome": outcome_code(input.outcome),
                          "motifs": input.motifs.trim(), "amountGrantedCents": input.amount_granted_cents}),
        }],
        &now,
    )?;
    tx.commit()?;
    detail(conn, id)
}

/// The certification a project targets (the parent of a bloc code), from the catalogue.
fn target_certification(
    conn: &Connection,
    code: &str,
) -> Result<Option<passerelle_domain::certification::Certification>, StorageError> {
    let code = match parse_certification_code(code) {
        Ok(CertificationCode::RncpBloc(bloc)) => {
            bloc.split("BC").next().unwrap_or_default().to_owned()
        }
        Ok(other) => other.as_str().to_owned(),
        Err(_) => return Ok(None),
    };
    catalogue::get(conn, &code)
}

/// The last session before `id` (any, if `None`) where this case received an outcome.
fn previous_outcome(
    conn: &Connection,
    case_id: CaseId,
    except: Option<SessionId>,
) -> Result<Option<(NaiveDate, String, String)>, StorageError> {
    let row: Option<(String, String, String)> = conn
        .query_row(
            "SELECT s.held_on, d.outcome, d.decided_at FROM session_dossier d
             JOIN committee_session s ON s.id = d.session_id
             WHERE d.case_id = ?1 AND d.outcome IS NOT NULL AND s.id IS NOT ?2
             ORDER BY d.decided_at DESC LIMIT 1",
            params![case_id, except],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    Ok(match row {
        Some((held_on, outcome, decided_at)) => {
            let label = decode_outcome(Some(outcome))?
                .map(|o| match o {
                    Outcome::Decision(d) => d.label(),
                    Outcome::Opinion(o) => o.label(),
                })
                .unwrap_or_default();
            held_on
                .parse()
                .ok()
                .map(|d| (d, label.to_owned(), decided_at))
        }
        None => None,
    })
}

/// The committee dossier of a case, full or pseudonymised, for a session or on its own.
pub fn dossier_view(
    conn: &Connection,
    case_id: CaseId,
    pseudonymised: bool,
    session_id: Option<SessionId>,
    today: NaiveDate,
) -> Result<DossierView, StorageError> {
    let mut case = cases::get(conn, case_id)?.ok_or_else(|| StorageError::NotFound {
        entity: "Dossier",
        id: case_id.to_string(),
    })?;
    // Committee members read the territory's name, not its code.
    let territory = &mut case.data.beneficiary.territory;
    if let Some(t) = crate::territories::list(conn)?
        .into_iter()
        .find(|t| &t.code == territory)
    {
        *territory = t.label;
    }
    let parcours_view = parcours::view(conn, case_id, today)?;
    let params = parcours::parameters(conn)?;
    let certification = target_certification(conn, &case.data.project.target_certification)?;
    let acquired: HashSet<String> = enrolments::for_case(conn, case_id)?
        .into_iter()
        .flat_map(|e| e.blocs)
        .filter(|b| b.status == BlocStatus::Acquis)
        .map(|b| b.code)
        .collect();
    // A PTP dossier is judged on the funding file's documents, wherever the case stands now.
    let (checklist_step, items) = if parcours_view.current.code().starts_with("PTP_") {
        let held = records::held(conn, case_id)?;
        (
            Some(Step::PtpDossierDepose),
            checklist(Step::PtpDossierDepose, &case.data, &held),
        )
    } else {
        (
            parcours_view.checklist_step,
            parcours_view.checklist.clone(),
        )
    };
    let mut session = None;
    let mut outcome = None;
    let mut pseudonym = None;
    if let Some(sid) = session_id {
        let s = self::session(conn, sid)?;
        let Some(row) = agenda(conn, sid, Some(case_id))?.pop() else {
            return Err(invalid(
                "caseId",
                format!(
                    "Le dossier {} n’est pas à l’ordre du jour de cette séance.",
                    case.reference
                ),
            ));
        };
        let (position, p) = (row.position, row.pseudonym);
        let (o, motifs, granted) = (row.outcome, row.motifs, row.granted);
        pseudonym = Some(p);
        outcome = o.map(|o| (o, motifs, granted));
        session = Some(SessionHeader {
            kind: s.kind,
            held_on: s.held_on,
            place: s.place,
            position: Some(position),
        });
    }
    let changes_since = match previous_outcome(conn, case_id, session_id)? {
        Some((session_on, label, decided_at)) => {
            let mut changes = Vec::new();
            for entry in journal::entries_for(conn, "case_file", case_id)? {
                if entry.at > decided_at {
                    for change in entry.changes {
                        changes.push((entry.at.clone(), change));
                    }
                }
            }
            Some(ChangesSince {
                session_on,
                outcome: label,
                changes,
            })
        }
        None => None,
    };
    let variant = if pseudonymised {
        let pseudonym = match pseudonym {
            Some(p) => p,
            None => {
                let salt: Vec<u8> =
                    conn.query_row("SELECT salt FROM app_secret WHERE id = 1", [], |r| r.get(0))?;
                domain::pseudonym(&salt, case_id)
            }
        };
        Variant::Pseudonymised { pseudonym }
    } else {
        Variant::Full
    };
    let structure = profile::get(conn)?.map(|p| p.structure).unwrap_or_default();
    let at = session.as_ref().map_or(today, |s| s.held_on);
    let input = DossierInput {
        case: &case,
        parcours: &parcours_view,
        params: &params,
        certification: certification.as_ref(),
        acquired_blocs: &acquired,
        checklist_step,
        checklist: &items,
        counsellor: &case.counsellor,
        structure: &structure,
        session,
        changes_since,
        outcome,
        at,
    };
    Ok(domain::build(&input, &variant))
}

/// The views of every dossier of a session, in agenda order.
pub fn pack_views(
    conn: &Connection,
    id: SessionId,
    pseudonymised: bool,
    today: NaiveDate,
) -> Result<(Session, Vec<DossierView>), StorageError> {
    let detail = detail(conn, id)?;
    if detail.dossiers.is_empty() {
        return Err(StorageError::rule(
            "dossiers",
            "Ordre du jour vide : ajoutez au moins un dossier avant d’exporter la séance.",
        ));
    }
    let views = detail
        .dossiers
        .iter()
        .map(|d| dossier_view(conn, d.case_id, pseudonymised, Some(id), today))
        .collect::<Result<_, _>>()?;
    Ok((detail.session, views))
}

/// The session header of a session (for the pack's cover).
pub fn header(session: &Session) -> SessionHeader {
    SessionHeader {
        kind: session.kind,
        held_on: session.held_on,
        place: session.place.clone(),
        position: None,
    }
}

/// Cases a session could take: at a step its committee examines, not archived, not already on
/// its agenda. For the Comités screen's picker.
pub fn candidates(
    conn: &Connection,
    id: SessionId,
) -> Result<Vec<passerelle_domain::case::CaseSummary>, StorageError> {
    let session = session(conn, id)?;
    let steps: Vec<String> = passerelle_domain::parcours::ALL_STEPS
        .iter()
        .filter(|s| session.kind.accepts(**s))
        .map(|s| s.code())
        .collect();
    let placeholders = vec!["?"; steps.len()].join(", ");
    let sql = format!(
        "SELECT id FROM case_file
         WHERE archived_at IS NULL AND status IN ({placeholders})
           AND id NOT IN (SELECT case_id FROM session_dossier WHERE session_id = ?)
         ORDER BY sort_name LIMIT 500"
    );
    let mut values: Vec<rusqlite::types::Value> = steps
        .into_iter()
        .map(rusqlite::types::Value::Text)
        .collect();
    values.push(rusqlite::types::Value::Integer(id));
    let ids: Vec<CaseId> = conn
        .prepare(&sql)?
        .query_map(rusqlite::params_from_iter(values), |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut out = Vec::with_capacity(ids.len());
    for case_id in ids {
        if let Some(case) = cases::get(conn, case_id)? {
            out.push(cases::summary(&case));
        }
    }
    Ok(out)
}
