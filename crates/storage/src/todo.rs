//! The À faire overview: a read model over the derived rows (`case_deadline`,
//! `case_missing_document`) and the cases' last change, counted in full and listed up to a cut.

use chrono::NaiveDate;
use passerelle_domain::case::{CaseId, DocumentKind};
use passerelle_domain::i18n::Label;
use passerelle_domain::parcours::{DueItem, IdleItem, MissingItem, TodoFilter, TodoOverview};
use passerelle_domain::validate::bounds::{clamp_horizon, days_after, days_before};
use rusqlite::{Connection, params};

use crate::codes::decode;
use crate::error::StorageError;

/// The À faire overview: deadlines overdue or due within `days`, missing documents, cases
/// untouched for `idle_days`, narrowed by `filter` to one counsellor's or one territory's cases.
///
/// Archived cases have no derived rows, and the rows carry their case's counsellor and
/// territory (migration 0011): the counts read the rows and their indexes alone; only the lines
/// shown (at most 200 per list) read the case's names.
pub fn overview(
    conn: &Connection,
    today: NaiveDate,
    days: u32,
    idle_days: u32,
    filter: &TodoFilter,
) -> Result<TodoOverview, StorageError> {
    const CUT: u32 = 200;
    let (days, idle_days) = (clamp_horizon(days), clamp_horizon(idle_days));
    let horizon = days_after(today, days).to_string();
    let idle_before = days_before(today, idle_days).to_string();
    let today_text = today.to_string();
    let (who, territory) = (filter.counsellor.trim(), filter.territory.trim());
    // ?3 (counsellor) and ?4 (territory) are bound either way; an empty one is no condition.
    // Written out, not as `(?3 = '' OR …)`, so that SQLite picks the column's index.
    let narrowed = |alias: &str| {
        let mut sql = String::from(" AND ?3 = ?3 AND ?4 = ?4");
        if !who.is_empty() {
            sql.push_str(&format!(" AND {alias}.counsellor = ?3"));
        }
        if !territory.is_empty() {
            sql.push_str(&format!(" AND {alias}.territory = ?4"));
        }
        sql
    };
    let (on_deadline, on_missing, on_case) = (narrowed("d"), narrowed("m"), narrowed("c"));
    let name = "coalesce(nullif(json_extract(c.data, '$.beneficiary.usageName'), ''),
                json_extract(c.data, '$.beneficiary.birthName'))";
    let first = "json_extract(c.data, '$.beneficiary.firstNames')";
    let full_name = |surname: String, first: String| format!("{} {first}", surname.to_uppercase());
    let mut overview = TodoOverview {
        today: Some(today),
        ..TodoOverview::default()
    };

    let count = |sql: &str| -> Result<u64, StorageError> {
        Ok(conn
            .prepare_cached(sql)?
            .query_row(params![today_text, horizon, who, territory], |r| {
                r.get::<_, i64>(0)
            })? as u64)
    };
    overview.overdue_total = count(&format!(
        "SELECT count(*) FROM case_deadline d WHERE d.done = 0 AND d.due < ?1 AND ?2 = ?2{on_deadline}"
    ))?;
    overview.upcoming_total = count(&format!(
        "SELECT count(*) FROM case_deadline d WHERE d.done = 0 AND d.due >= ?1 AND d.due <= ?2{on_deadline}"
    ))?;
    overview.missing_total = count(&format!(
        "SELECT count(DISTINCT m.case_id) FROM case_missing_document m WHERE ?1 = ?1 AND ?2 = ?2{on_missing}"
    ))?;
    // Answered by a partial index on updated_at (alone, or after the counsellor or territory).
    overview.idle_total = conn
        .prepare_cached(&format!(
            "SELECT count(*) FROM case_file c WHERE c.archived_at IS NULL AND c.updated_at < ?1
             AND ?2 = ?2{on_case}"
        ))?
        .query_row(params![idle_before, horizon, who, territory], |r| {
            r.get::<_, i64>(0)
        })? as u64;

    let due_sql = format!(
        "SELECT d.case_id, c.reference, {name}, {first}, d.kind, d.label, d.due
         FROM case_deadline d JOIN case_file c ON c.id = d.case_id
         WHERE d.done = 0 AND d.due >= ?1 AND d.due <= ?2{on_deadline}
         ORDER BY d.due, d.case_id LIMIT {CUT}"
    );
    let mut due_stmt = conn.prepare_cached(&due_sql)?;
    for (low, high, overdue) in [
        (String::new(), days_before(today, 1).to_string(), true),
        (today_text.clone(), horizon.clone(), false),
    ] {
        let rows = due_stmt.query_map(params![low, high, who, territory], |r| {
            let due: String = r.get(6)?;
            Ok(DueItem {
                case_id: CaseId(r.get(0)?),
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

    let mut missing_stmt = conn.prepare_cached(&format!(
        "SELECT g.case_id, c.reference, {name}, {first}, g.step, g.kinds
         FROM (SELECT m.case_id, min(m.step) AS step, group_concat(m.kind) AS kinds
               FROM case_missing_document m WHERE ?1 = ?1 AND ?2 = ?2{on_missing}
               GROUP BY m.case_id ORDER BY m.case_id LIMIT {CUT}) g
         JOIN case_file c ON c.id = g.case_id
         ORDER BY g.case_id"
    ))?;
    let rows = missing_stmt.query_map(params![today_text, horizon, who, territory], |r| {
        let kinds: String = r.get(5)?;
        let mut kinds: Vec<DocumentKind> = kinds
            .split(',')
            .filter_map(|k| decode(k.to_owned()).ok())
            .collect();
        // In the order of the vocabulary (the order of the funders' lists).
        kinds.sort_by_key(|k| <DocumentKind as Label>::ALL.iter().position(|x| x == k));
        Ok(MissingItem {
            case_id: CaseId(r.get(0)?),
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
         AND ?2 = ?2{on_case}
         ORDER BY c.updated_at, c.id LIMIT {CUT}"
    ))?;
    let rows = idle_stmt.query_map(params![idle_before, horizon, who, territory], |r| {
        Ok(IdleItem {
            case_id: CaseId(r.get(0)?),
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
