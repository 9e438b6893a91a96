//! The parcours in the database: transitions (guarded, journaled), dated parameters, the
//! derived deadlines and missing documents, and the À faire overview.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use passerelle_domain::case::{CaseData, CaseId, DocumentKind};
use passerelle_domain::i18n::Label;
use passerelle_domain::parcours::{
    self as domain, DueItem, EmployerAnswer, GuardContext, IdleItem, MissingItem, ParamValue,
    Parameters, Step, TodoOverview, Transition,
};
use passerelle_domain::validate::bounds::{clamp_horizon, days_after, days_before};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde_json::Value;

use crate::codes::{code, decode};
use crate::journal::{self, Change};
use crate::{StorageError, cases, records};

fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The dated parameter values the user entered (the defaults are in the domain).
pub fn parameters(conn: &Connection) -> Result<Parameters, StorageError> {
    let mut stmt = conn.prepare_cached(
        "SELECT key, valid_from, value, note FROM parameter ORDER BY key, valid_from",
    )?;
    let rows = stmt.query_map([], |r| {
        let from: String = r.get(1)?;
        Ok(ParamValue {
            key: r.get(0)?,
            valid_from: from.parse().map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(
                    1,
                    rusqlite::types::Type::Text,
                    Box::new(e),
                )
            })?,
            value: r.get(2)?,
            note: r.get(3)?,
        })
    })?;
    Ok(Parameters {
        overrides: rows.collect::<Result<_, _>>()?,
    })
}

/// Records a dated value (replacing one with the same key and date); every case's deadlines
/// are recomputed in the same transaction.
pub fn set_parameter(
    conn: &mut Connection,
    actor: &str,
    value: &ParamValue,
    at: DateTime<Utc>,
) -> Result<(), StorageError> {
    // The same check as the form's: a known key, a value in its unit's range.
    let value = &value.clone().validated(crate::today_for(at))?;
    let tx = conn.transaction()?;
    tx.execute(
        "INSERT INTO parameter (key, valid_from, value, note) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (key, valid_from) DO UPDATE SET value = ?3, note = ?4",
        params![
            value.key,
            value.valid_from.to_string(),
            value.value,
            value.note
        ],
    )?;
    let id: i64 = tx.query_row(
        "SELECT id FROM parameter WHERE key = ?1 AND valid_from = ?2",
        params![value.key, value.valid_from.to_string()],
        |r| r.get(0),
    )?;
    journal::append(
        &tx,
        &journal::Record {
            at: &stamp(at),
            actor,
            entity: "parameter",
            entity_id: id,
            action: "update",
            changes: &[Change {
                field: format!("{} au {}", value.key, value.valid_from),
                before: Value::Null,
                after: serde_json::json!(value.value),
            }],
            row_hash: &parameter_hash(&value.key, &value.valid_from.to_string(), value.value),
        },
    )?;
    let ids: Vec<CaseId> = tx
        .prepare("SELECT id FROM case_file WHERE archived_at IS NULL")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for id in ids {
        refresh_derived(&tx, id)?;
    }
    tx.commit()?;
    Ok(())
}

fn parameter_hash(key: &str, from: &str, value: f64) -> String {
    journal::sha256_hex(&[key, from, &value.to_string()])
}

pub(crate) fn parameter_hashes(conn: &Connection) -> Result<Vec<(i64, String)>, StorageError> {
    let mut stmt = conn.prepare("SELECT id, key, valid_from, value FROM parameter")?;
    let rows = stmt.query_map([], |r| {
        let (key, from, value): (String, String, f64) = (r.get(1)?, r.get(2)?, r.get(3)?);
        Ok((r.get(0)?, parameter_hash(&key, &from, value)))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A case's current step.
pub fn current_step(conn: &Connection, case_id: CaseId) -> Result<Step, StorageError> {
    let status: Option<String> = conn
        .query_row(
            "SELECT status FROM case_file WHERE id = ?1",
            [case_id],
            |r| r.get(0),
        )
        .optional()?;
    let status = status.ok_or_else(|| StorageError::NotFound {
        entity: "Dossier",
        id: case_id.to_string(),
    })?;
    Step::from_code(&status).ok_or_else(|| StorageError::Json(format!("unknown step {status}")))
}

/// The recorded transitions of a case, oldest first.
pub fn transitions(conn: &Connection, case_id: CaseId) -> Result<Vec<Transition>, StorageError> {
    let mut stmt = conn.prepare_cached(
        "SELECT from_step, to_step, at, actor, reason, documents FROM parcours_transition
         WHERE case_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([case_id], |r| {
        let documents: String = r.get(5)?;
        Ok(Transition {
            from: decode(r.get(0)?)?,
            to: decode(r.get(1)?)?,
            at: r.get(2)?,
            actor: r.get(3)?,
            reason: r.get(4)?,
            documents: serde_json::from_str(&documents).map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(
                    5,
                    rusqlite::types::Type::Text,
                    Box::new(e),
                )
            })?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Writes one transition: the log row, the case's status, the journal entry and the derived
/// rows, in the caller's transaction. The caller has checked the guard.
pub(crate) fn record(
    tx: &Transaction<'_>,
    case_id: CaseId,
    transition: &Transition,
) -> Result<(), StorageError> {
    record_row(tx, case_id, transition)?;
    refresh_derived(tx, case_id)
}

/// [`record`] without refreshing the derived rows (the caller does it once at the end).
fn record_row(
    tx: &Transaction<'_>,
    case_id: CaseId,
    transition: &Transition,
) -> Result<(), StorageError> {
    tx.execute(
        "INSERT INTO parcours_transition (case_id, from_step, to_step, at, actor, reason, documents)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            case_id,
            transition.from.code(),
            transition.to.code(),
            transition.at,
            transition.actor,
            transition.reason,
            serde_json::to_string(&transition.documents).map_err(StorageError::json)?,
        ],
    )?;
    tx.execute(
        "UPDATE case_file SET status = ?1, updated_at = ?2 WHERE id = ?3",
        params![transition.to.code(), transition.at, case_id],
    )?;
    let mut changes = vec![Change {
        field: "status".into(),
        before: Value::String(transition.from.code()),
        after: Value::String(transition.to.code()),
    }];
    if !transition.documents.is_empty() {
        changes.push(Change {
            field: "documents".into(),
            before: Value::Null,
            after: serde_json::to_value(&transition.documents).map_err(StorageError::json)?,
        });
    }
    if !transition.reason.is_empty() {
        changes.push(Change {
            field: "reason".into(),
            before: Value::Null,
            after: Value::String(transition.reason.clone()),
        });
    }
    journal::append(
        tx,
        &journal::Record {
            at: &transition.at,
            actor: &transition.actor,
            entity: "case_file",
            entity_id: case_id,
            action: "update",
            changes: &changes,
            row_hash: &cases::current_row_hash(tx, case_id)?,
        },
    )
}

/// A case with its past: what the demo generator, or a migration from another tool, provides.
#[derive(Debug, Clone)]
pub struct CaseHistory {
    pub data: CaseData,
    pub created: DateTime<Utc>,
    /// Steps reached after ACCUEIL, with the time of each transition, in order.
    pub steps: Vec<(Step, DateTime<Utc>)>,
    pub documents: Vec<records::StoredDocument>,
}

/// Imports cases with their history in one transaction. Each step must follow the table from
/// the previous one (guards are not replayed: the past is taken as recorded).
pub fn import_histories(
    conn: &mut Connection,
    actor: &str,
    items: &[CaseHistory],
) -> Result<Vec<CaseId>, StorageError> {
    let tx = conn.transaction()?;
    let params = parameters(&tx)?;
    let mut ids = Vec::with_capacity(items.len());
    for item in items {
        let id = cases::insert(&tx, actor, &item.data, item.created, &params)?.id;
        for doc in &item.documents {
            records::insert_document(&tx, actor, id, doc, item.created)?;
        }
        let mut current = Step::Accueil;
        for &(to, at) in &item.steps {
            if !current.allows(to) {
                return Err(StorageError::Json(format!(
                    "history: {} → {} not allowed",
                    current.code(),
                    to.code()
                )));
            }
            let transition = Transition {
                from: current,
                to,
                at: stamp(at),
                actor: actor.to_owned(),
                reason: String::new(),
                documents: Vec::new(),
            };
            record_row(&tx, id, &transition)?;
            current = to;
        }
        let held: Vec<domain::Held> = item
            .documents
            .iter()
            .map(|d| domain::Held {
                kind: d.kind,
                validated: false,
            })
            .collect();
        write_derived(&tx, id, &item.data, current, &held, &params)?;
        ids.push(id);
    }
    tx.commit()?;
    Ok(ids)
}

/// Moves a case to `to` if the table and the guards allow it; otherwise
/// [`StorageError::Blocked`] lists, in French, what stops it, and nothing is written.
pub fn advance(
    conn: &mut Connection,
    actor: &str,
    case_id: CaseId,
    to: Step,
    reason: &str,
    today: NaiveDate,
    at: DateTime<Utc>,
) -> Result<Transition, StorageError> {
    let tx = conn.transaction()?;
    let transition = advance_in(&tx, actor, case_id, to, reason, today, at)?;
    tx.commit()?;
    Ok(transition)
}

/// [`advance`] inside the caller's transaction (a committee decision moves a case through
/// several steps at once, or not at all).
pub(crate) fn advance_in(
    tx: &Transaction<'_>,
    actor: &str,
    case_id: CaseId,
    to: Step,
    reason: &str,
    today: NaiveDate,
    at: DateTime<Utc>,
) -> Result<Transition, StorageError> {
    let blocked = |unmet: Vec<String>| StorageError::Blocked {
        step: to.code(),
        unmet,
    };
    let case = cases::get(tx, case_id)?.ok_or_else(|| StorageError::NotFound {
        entity: "Dossier",
        id: case_id.to_string(),
    })?;
    if case.archived_at.is_some() {
        return Err(blocked(vec![
            "Dossier archivé : restaurez-le avant de faire avancer son parcours".into(),
        ]));
    }
    let from = current_step(tx, case_id)?;
    let held = records::held(tx, case_id)?;
    let params = parameters(tx)?;
    let unmet = domain::unmet_conditions(
        from,
        to,
        GuardContext {
            case: &case.data,
            documents: &held,
            today,
            params: &params,
            reason: Some(reason),
        },
    );
    if !unmet.is_empty() {
        return Err(blocked(unmet));
    }
    let transition = Transition {
        from,
        to,
        at: stamp(at),
        actor: actor.to_owned(),
        reason: reason.trim().to_owned(),
        documents: held.iter().map(|h| h.kind).collect(),
    };
    record(tx, case_id, &transition)?;
    Ok(transition)
}

/// Rewrites a case's derived rows (deadlines, missing documents) from its data, step and
/// documents. Called in every transaction that changes one of them.
pub(crate) fn refresh_derived(tx: &Connection, case_id: CaseId) -> Result<(), StorageError> {
    // Archived (or missing) cases have no derived rows.
    let case = match cases::get(tx, case_id)? {
        Some(case) if case.archived_at.is_none() => case,
        _ => return clear_derived(tx, case_id),
    };
    let step = current_step(tx, case_id)?;
    let params = parameters(tx)?;
    write_derived(
        tx,
        case_id,
        &case.data,
        step,
        &records::held(tx, case_id)?,
        &params,
    )
}

fn clear_derived(tx: &Connection, case_id: CaseId) -> Result<(), StorageError> {
    tx.execute("DELETE FROM case_deadline WHERE case_id = ?1", [case_id])?;
    tx.execute(
        "DELETE FROM case_missing_document WHERE case_id = ?1",
        [case_id],
    )?;
    Ok(())
}

/// Replaces a case's derived rows with those of `data` at `step`.
pub(crate) fn write_derived(
    tx: &Connection,
    case_id: CaseId,
    data: &CaseData,
    step: Step,
    held: &[domain::Held],
    params: &Parameters,
) -> Result<(), StorageError> {
    clear_derived(tx, case_id)?;
    let mut insert = tx.prepare_cached(
        "INSERT OR REPLACE INTO case_deadline (case_id, kind, due, label, done) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for d in domain::deadlines(data, step, params) {
        insert.execute(params![
            case_id,
            code(d.kind),
            d.due.to_string(),
            d.label,
            d.done
        ])?;
    }
    if let Some(target) = domain::checklist_target(step, data) {
        let items = domain::checklist(target, data, held);
        let mut insert = tx.prepare_cached(
            "INSERT OR REPLACE INTO case_missing_document (case_id, step, kind) VALUES (?1, ?2, ?3)",
        )?;
        for kind in domain::missing(&items) {
            insert.execute(params![case_id, target.code(), code(kind)])?;
        }
    }
    Ok(())
}

/// Who signs what the app records by itself.
pub const RULE_ACTOR: &str = "Passerelle (règle automatique)";

/// Silence of the employer 30 days after receiving the absence request means agreement: record
/// it for every case whose delay has passed. Returns the cases changed.
pub fn apply_tacit_agreements(
    conn: &mut Connection,
    today: NaiveDate,
    at: DateTime<Utc>,
) -> Result<Vec<CaseId>, StorageError> {
    let tx = conn.transaction()?;
    let due: Vec<(CaseId, String)> = tx
        .prepare(
            "SELECT case_id, due FROM case_deadline
             WHERE kind = 'employer_answer' AND done = 0 AND due < ?1",
        )?
        .query_map([today.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut changed = Vec::new();
    for (case_id, due) in due {
        let Some(case) = cases::get(&tx, case_id)? else {
            continue;
        };
        let mut data = case.data.clone();
        data.parcours.employer_answer = Some(EmployerAnswer::AccordTacite);
        data.parcours.employer_answer_on = due.parse().ok();
        cases::update_in(&tx, RULE_ACTOR, case_id, &data, at)?;
        changed.push(case_id);
    }
    tx.commit()?;
    Ok(changed)
}

/// The À faire overview: deadlines overdue or due within `days`, missing documents, cases
/// untouched for `idle_days`. `counsellor` narrows to one counsellor's cases.
///
/// Archived cases have no derived rows, so the counts need no join unless a counsellor is
/// given; only the lines shown (at most 200 per list) read the case's names.
pub fn todo(
    conn: &Connection,
    today: NaiveDate,
    days: u32,
    idle_days: u32,
    counsellor: Option<&str>,
) -> Result<TodoOverview, StorageError> {
    const CUT: u32 = 200;
    let (days, idle_days) = (clamp_horizon(days), clamp_horizon(idle_days));
    let horizon = days_after(today, days).to_string();
    let idle_before = days_before(today, idle_days).to_string();
    let today_text = today.to_string();
    let who = counsellor.unwrap_or("");
    let mine = "(?3 = '' OR c.counsellor = ?3)";
    let name = "coalesce(nullif(json_extract(c.data, '$.beneficiary.usageName'), ''),
                json_extract(c.data, '$.beneficiary.birthName'))";
    let first = "json_extract(c.data, '$.beneficiary.firstNames')";
    let full_name = |surname: String, first: String| format!("{} {first}", surname.to_uppercase());
    let mut overview = TodoOverview {
        today: Some(today),
        ..TodoOverview::default()
    };

    let count = |sql: &str, args: &[&dyn rusqlite::ToSql]| -> Result<u64, StorageError> {
        Ok(conn
            .prepare_cached(sql)?
            .query_row(args, |r| r.get::<_, i64>(0))? as u64)
    };
    let (from_deadlines, from_missing) = if who.is_empty() {
        ("case_deadline d", "case_missing_document m")
    } else {
        (
            "case_deadline d JOIN case_file c ON c.id = d.case_id",
            "case_missing_document m JOIN case_file c ON c.id = m.case_id",
        )
    };
    // ?3 is bound either way; without a counsellor it is '' and the join is skipped.
    let filter = if who.is_empty() {
        " AND ?3 = ''"
    } else {
        " AND c.counsellor = ?3"
    };
    overview.overdue_total = count(
        &format!(
            "SELECT count(*) FROM {from_deadlines} WHERE d.done = 0 AND d.due < ?1 AND ?2 = ?2{filter}"
        ),
        &[&today_text, &horizon, &who],
    )?;
    overview.upcoming_total = count(
        &format!(
            "SELECT count(*) FROM {from_deadlines} WHERE d.done = 0 AND d.due >= ?1 AND d.due <= ?2{filter}"
        ),
        &[&today_text, &horizon, &who],
    )?;
    overview.missing_total = count(
        &format!(
            "SELECT count(DISTINCT m.case_id) FROM {from_missing} WHERE ?1 = ?1 AND ?2 = ?2{filter}"
        ),
        &[&today_text, &horizon, &who],
    )?;
    // Without a counsellor: answered by the partial index on updated_at alone.
    overview.idle_total = if who.is_empty() {
        count(
            "SELECT count(*) FROM case_file WHERE archived_at IS NULL AND updated_at < ?1",
            &[&idle_before],
        )?
    } else {
        count(
            "SELECT count(*) FROM case_file WHERE archived_at IS NULL AND counsellor = ?2
             AND updated_at < ?1",
            &[&idle_before, &who],
        )?
    };

    let due_sql = format!(
        "SELECT d.case_id, c.reference, {name}, {first}, d.kind, d.label, d.due
         FROM case_deadline d JOIN case_file c ON c.id = d.case_id
         WHERE d.done = 0 AND d.due >= ?1 AND d.due <= ?2 AND {mine}
         ORDER BY d.due, d.case_id LIMIT {CUT}"
    );
    let mut due_stmt = conn.prepare_cached(&due_sql)?;
    for (low, high, overdue) in [
        (String::new(), days_before(today, 1).to_string(), true),
        (today_text, horizon, false),
    ] {
        let rows = due_stmt.query_map(params![low, high, who], |r| {
            let due: String = r.get(6)?;
            Ok(DueItem {
                case_id: r.get(0)?,
                reference: r.get(1)?,
                name: full_name(r.get(2)?, r.get(3)?),
                kind: decode(r.get(4)?)?,
                label: r.get(5)?,
                due: due.parse().unwrap_or(today),
            })
        })?;
        let list = if overdue {
            &mut overview.overdue
        } else {
            &mut overview.upcoming
        };
        for item in rows {
            list.push(item?);
        }
    }

    let mut missing_stmt = conn.prepare_cached(
        &format!(
            "SELECT g.case_id, c.reference, {name}, {first}, g.step, g.kinds
         FROM (SELECT m.case_id, min(m.step) AS step, group_concat(m.kind) AS kinds
               FROM case_missing_document m JOIN case_file c ON c.id = m.case_id
               WHERE {mine} GROUP BY m.case_id ORDER BY m.case_id LIMIT {CUT}) g
         JOIN case_file c ON c.id = g.case_id
         ORDER BY g.case_id"
        )
        .replace("?3", "?1"),
    )?;
    let rows = missing_stmt.query_map([who], |r| {
        let kinds: String = r.get(5)?;
        let mut kinds: Vec<DocumentKind> = kinds
            .split(',')
            .filter_map(|k| decode(k.to_owned()).ok())
            .collect();
        // In the order of the vocabulary (the order of the funders' lists).
        kinds.sort_by_key(|k| <DocumentKind as Label>::ALL.iter().position(|x| x == k));
        Ok(MissingItem {
            case_id: r.get(0)?,
            reference: r.get(1)?,
            name: full_name(r.get(2)?, r.get(3)?),
            step: decode(r.get(4)?)?,
            kinds,
        })
    })?;
    for item in rows {
        overview.missing.push(item?);
    }

    let mut idle_stmt = conn.prepare_cached(&format!(
        "SELECT c.id, c.reference, {name}, {first}, c.status, c.updated_at
         FROM case_file c WHERE c.archived_at IS NULL AND c.updated_at < ?1
         AND (?2 = '' OR c.counsellor = ?2)
         ORDER BY c.updated_at, c.id LIMIT {CUT}"
    ))?;
    let rows = idle_stmt.query_map(params![idle_before, who], |r| {
        Ok(IdleItem {
            case_id: r.get(0)?,
            reference: r.get(1)?,
            name: full_name(r.get(2)?, r.get(3)?),
            step: decode(r.get(4)?)?,
            updated_at: r.get(5)?,
        })
    })?;
    for item in rows {
        overview.idle.push(item?);
    }
    Ok(overview)
}

/// Everything the Parcours tab shows for one case, evaluated on `today` (built by the domain).
pub fn view(
    conn: &Connection,
    case_id: CaseId,
    today: NaiveDate,
) -> Result<domain::ParcoursView, StorageError> {
    let case = cases::get(conn, case_id)?.ok_or_else(|| StorageError::NotFound {
        entity: "Dossier",
        id: case_id.to_string(),
    })?;
    Ok(domain::build_view(
        case_id,
        &case.data,
        current_step(conn, case_id)?,
        transitions(conn, case_id)?,
        &records::held(conn, case_id)?,
        today,
        &parameters(conn)?,
    ))
}
