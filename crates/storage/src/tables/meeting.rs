//! The `committee_session` and `session_dossier` tables: committee meetings and their agenda
//! (position, pseudonym, recorded outcome). One journal entity, `committee_session`, whose row
//! hash spans the agenda. (The table and entity names predate the word « meeting »: they are
//! data, kept as they are.)

use chrono::{DateTime, NaiveDate, Utc};
use passerelle_domain::case::CaseId;
use passerelle_domain::committee::{CommitteeKind, Decision, Meeting, MeetingId, Opinion, Outcome};
use rusqlite::{Connection, OptionalExtension, params, params_from_iter};
use serde_json::{Value, json};

use crate::codes::{code, decode, parse_date};
use crate::error::StorageError;
use crate::journal::{self, Change, Journaled, Write, sha256_hex, stamp};

pub(crate) const JOURNALED: Journaled = Journaled {
    entity: "committee_session",
    row_hashes,
};

/// Hash of a meeting and its whole agenda, as stored.
fn row_hash(conn: &Connection, id: i64) -> Result<String, StorageError> {
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

fn row_hashes(conn: &Connection) -> Result<Vec<(i64, String)>, StorageError> {
    journal::hashes_by_id(conn, "SELECT id FROM committee_session", row_hash)
}

/// Journals a write to a meeting or its agenda made in `tx`.
pub(crate) fn journal(
    tx: &Connection,
    actor: &str,
    id: MeetingId,
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

/// A meeting's columns as written.
pub(crate) struct MeetingRow<'a> {
    pub kind: CommitteeKind,
    pub held_on: NaiveDate,
    pub place: &'a str,
    pub members: &'a [String],
}

impl MeetingRow<'_> {
    /// What the journal shows of it.
    pub(crate) fn as_json(&self) -> Value {
        json!({"kind": code(self.kind), "heldOn": self.held_on.to_string(),
               "place": self.place, "members": self.members})
    }
}

/// Inserts a meeting (with a fresh random salt for its pseudonyms) and journals it.
pub(crate) fn insert(
    tx: &Connection,
    actor: &str,
    row: &MeetingRow<'_>,
    at: DateTime<Utc>,
) -> Result<MeetingId, StorageError> {
    tx.execute(
        "INSERT INTO committee_session (kind, held_on, place, members, salt, created_at)
         VALUES (?1, ?2, ?3, ?4, randomblob(16), ?5)",
        params![
            code(row.kind),
            row.held_on.to_string(),
            row.place,
            serde_json::to_string(row.members).map_err(StorageError::json)?,
            stamp(at)
        ],
    )?;
    let id = MeetingId(tx.last_insert_rowid());
    let changes = journal::diff(&Value::Null, &row.as_json());
    journal(tx, actor, id, "create", &changes, at)?;
    Ok(id)
}

/// Rewrites a meeting's columns; the caller journals the changes.
pub(crate) fn update(
    tx: &Connection,
    id: MeetingId,
    row: &MeetingRow<'_>,
) -> Result<(), StorageError> {
    tx.execute(
        "UPDATE committee_session SET kind = ?1, held_on = ?2, place = ?3, members = ?4 WHERE id = ?5",
        params![
            code(row.kind),
            row.held_on.to_string(),
            row.place,
            serde_json::to_string(row.members).map_err(StorageError::json)?,
            id.0
        ],
    )?;
    Ok(())
}

fn meeting_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Meeting> {
    let members: String = r.get(4)?;
    Ok(Meeting {
        id: MeetingId(r.get(0)?),
        kind: decode(r.get(1)?)?,
        held_on: parse_date(r.get(2)?)?,
        place: r.get(3)?,
        members: serde_json::from_str(&members).unwrap_or_default(),
        dossier_count: r.get(5)?,
        decided_count: r.get(6)?,
    })
}

const MEETING_SELECT: &str = "SELECT s.id, s.kind, s.held_on, s.place, s.members,
        (SELECT count(*) FROM session_dossier d WHERE d.session_id = s.id),
        (SELECT count(*) FROM session_dossier d WHERE d.session_id = s.id AND d.outcome IS NOT NULL)
     FROM committee_session s";

/// Every meeting, the latest first.
pub fn list(conn: &Connection) -> Result<Vec<Meeting>, StorageError> {
    let mut stmt = conn.prepare(&format!(
        "{MEETING_SELECT} ORDER BY s.held_on DESC, s.id DESC"
    ))?;
    let rows = stmt.query_map([], meeting_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One meeting with its counts; not found is an error.
pub fn get(conn: &Connection, id: MeetingId) -> Result<Meeting, StorageError> {
    conn.query_row(
        &format!("{MEETING_SELECT} WHERE s.id = ?1"),
        [id.0],
        meeting_from_row,
    )
    .optional()?
    .ok_or_else(|| not_found(id))
}

fn not_found(id: MeetingId) -> StorageError {
    StorageError::NotFound {
        entity: "Séance",
        id: id.to_string(),
    }
}

/// The meetings that examined a case, oldest first: the meeting, the case's position, and its
/// outcome, motifs and amount granted once recorded (an access request lists them).
#[allow(clippy::type_complexity)]
pub(crate) fn for_case(
    conn: &Connection,
    case_id: CaseId,
) -> Result<Vec<(Meeting, u32, Option<Outcome>, String, Option<i64>)>, StorageError> {
    let rows: Vec<(i64, u32, Option<String>, String, Option<i64>)> = conn
        .prepare(
            "SELECT d.session_id, d.position, d.outcome, d.motifs, d.amount_granted_cents
             FROM session_dossier d JOIN committee_session s ON s.id = d.session_id
             WHERE d.case_id = ?1 ORDER BY s.held_on, s.id",
        )?
        .query_map([case_id.0], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<Result<_, _>>()?;
    rows.into_iter()
        .map(|(id, position, outcome, motifs, granted)| {
            Ok((
                get(conn, MeetingId(id))?,
                position,
                decode_outcome(outcome)?,
                motifs,
                granted,
            ))
        })
        .collect()
}

/// The salt of a meeting's pseudonyms.
pub(crate) fn salt(conn: &Connection, id: MeetingId) -> Result<Vec<u8>, StorageError> {
    conn.query_row(
        "SELECT salt FROM committee_session WHERE id = ?1",
        [id.0],
        |r| r.get(0),
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

/// One stored line of an agenda.
pub(crate) struct AgendaRow {
    pub case_id: CaseId,
    pub position: u32,
    pub pseudonym: String,
    pub outcome: Option<Outcome>,
    pub motifs: String,
    pub granted: Option<i64>,
    pub decided_at: Option<String>,
}

/// A meeting's agenda in order, or one case's line.
pub(crate) fn agenda(
    conn: &Connection,
    id: MeetingId,
    case_id: Option<CaseId>,
) -> Result<Vec<AgendaRow>, StorageError> {
    let mut stmt = conn.prepare_cached(
        "SELECT case_id, position, pseudonym, outcome, motifs, amount_granted_cents, decided_at
         FROM session_dossier WHERE session_id = ?1 AND (?2 IS NULL OR case_id = ?2)
         ORDER BY position",
    )?;
    let rows = stmt.query_map(params![id.0, case_id.map(|c| c.0)], |r| {
        Ok(AgendaRow {
            case_id: CaseId(r.get(0)?),
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
pub(crate) fn agenda_line(
    conn: &Connection,
    id: MeetingId,
    case_id: CaseId,
) -> Result<AgendaRow, StorageError> {
    agenda(conn, id, Some(case_id))?
        .pop()
        .ok_or_else(|| StorageError::NotFound {
            entity: "Dossier de la séance",
            id: case_id.to_string(),
        })
}

/// The cases of an agenda, in order.
pub(crate) fn order(conn: &Connection, id: MeetingId) -> Result<Vec<CaseId>, StorageError> {
    Ok(conn
        .prepare_cached(
            "SELECT case_id FROM session_dossier WHERE session_id = ?1 ORDER BY position",
        )?
        .query_map([id.0], |r| r.get(0).map(CaseId))?
        .collect::<Result<_, _>>()?)
}

/// Numbers the agenda 1, 2, 3… in the order given.
pub(crate) fn set_order(
    tx: &Connection,
    id: MeetingId,
    order: &[CaseId],
) -> Result<(), StorageError> {
    let mut stmt = tx.prepare_cached(
        "UPDATE session_dossier SET position = ?1 WHERE session_id = ?2 AND case_id = ?3",
    )?;
    for (i, case_id) in order.iter().enumerate() {
        stmt.execute(params![i as u32 + 1, id.0, case_id.0])?;
    }
    Ok(())
}

/// Puts a case last on the agenda; returns its position, or `None` if it is there already.
pub(crate) fn append_item(
    tx: &Connection,
    id: MeetingId,
    case_id: CaseId,
    pseudonym: &str,
) -> Result<Option<u32>, StorageError> {
    let position: u32 = tx.query_row(
        "SELECT coalesce(max(position), 0) + 1 FROM session_dossier WHERE session_id = ?1",
        [id.0],
        |r| r.get(0),
    )?;
    let inserted = tx.execute(
        "INSERT INTO session_dossier (session_id, case_id, position, pseudonym) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT DO NOTHING",
        params![id.0, case_id.0, position, pseudonym],
    )?;
    Ok((inserted == 1).then_some(position))
}

/// Takes a case off the agenda and closes the gap.
pub(crate) fn remove_item(
    tx: &Connection,
    id: MeetingId,
    case_id: CaseId,
) -> Result<(), StorageError> {
    tx.execute(
        "DELETE FROM session_dossier WHERE session_id = ?1 AND case_id = ?2",
        params![id.0, case_id.0],
    )?;
    set_order(tx, id, &order(tx, id)?)
}

/// Records an agenda line's outcome.
pub(crate) fn set_outcome(
    tx: &Connection,
    id: MeetingId,
    case_id: CaseId,
    outcome: Outcome,
    motifs: &str,
    granted: Option<i64>,
    at: DateTime<Utc>,
) -> Result<(), StorageError> {
    tx.execute(
        "UPDATE session_dossier SET outcome = ?1, motifs = ?2, amount_granted_cents = ?3, decided_at = ?4
         WHERE session_id = ?5 AND case_id = ?6",
        params![outcome.code(), motifs, granted, stamp(at), id.0, case_id.0],
    )?;
    Ok(())
}

/// The last outcome a case received at a meeting other than `except` (any, if `None`): the
/// meeting's date, the outcome's label and when it was recorded.
pub(crate) fn previous_outcome(
    conn: &Connection,
    case_id: CaseId,
    except: Option<MeetingId>,
) -> Result<Option<(NaiveDate, &'static str, String)>, StorageError> {
    let row: Option<(String, String, String)> = conn
        .query_row(
            "SELECT s.held_on, d.outcome, d.decided_at FROM session_dossier d
             JOIN committee_session s ON s.id = d.session_id
             WHERE d.case_id = ?1 AND d.outcome IS NOT NULL AND s.id IS NOT ?2
             ORDER BY d.decided_at DESC LIMIT 1",
            params![case_id.0, except.map(|m| m.0)],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((held_on, outcome, decided_at)) = row else {
        return Ok(None);
    };
    let label = decode_outcome(Some(outcome))?.map_or("", Outcome::label);
    Ok(held_on.parse().ok().map(|d| (d, label, decided_at)))
}

/// Active cases at one of `steps` not on the meeting's agenda, by name (at most 500).
pub(crate) fn candidate_ids(
    conn: &Connection,
    id: MeetingId,
    steps: &[String],
) -> Result<Vec<CaseId>, StorageError> {
    let placeholders = vec!["?"; steps.len()].join(", ");
    let sql = format!(
        "SELECT id FROM case_file
         WHERE archived_at IS NULL AND status IN ({placeholders})
           AND id NOT IN (SELECT case_id FROM session_dossier WHERE session_id = ?)
         ORDER BY sort_name LIMIT 500"
    );
    let mut values: Vec<rusqlite::types::Value> = steps
        .iter()
        .cloned()
        .map(rusqlite::types::Value::Text)
        .collect();
    values.push(rusqlite::types::Value::Integer(id.0));
    Ok(conn
        .prepare(&sql)?
        .query_map(params_from_iter(values), |r| r.get(0).map(CaseId))?
        .collect::<Result<_, _>>()?)
}
