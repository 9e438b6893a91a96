//! The `trade_label` table (see migration 0014): labels of trades per territory, never
//! overwritten — the latest row of a (territory, ROME) is the one in force.

use passerelle_domain::trade_label::TradeLabel;
use rusqlite::{Connection, Row, params};

use crate::codes::{code, decode, parse_date};
use crate::error::StorageError;

fn from_row(r: &Row<'_>) -> rusqlite::Result<TradeLabel> {
    Ok(TradeLabel {
        rome: r.get(0)?,
        territory: r.get(1)?,
        outlook: decode(r.get(2)?)?,
        suggested: decode(r.get(3)?)?,
        decided_on: parse_date(r.get(4)?)?,
        signed_by: r.get(5)?,
        comment: r.get(6)?,
        evidence: serde_json::from_str(&r.get::<_, String>(7)?).unwrap_or_default(),
    })
}

/// Appends a label (in the caller's transaction).
pub(crate) fn insert(tx: &Connection, l: &TradeLabel, now: &str) -> Result<(), StorageError> {
    tx.prepare_cached(
        "INSERT INTO trade_label (rome, territory, outlook, suggested, decided_on, signed_by,
                                  comment, evidence, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        l.rome,
        l.territory,
        code(l.outlook),
        code(l.suggested),
        l.decided_on.to_string(),
        l.signed_by,
        l.comment,
        serde_json::to_string(&l.evidence).map_err(StorageError::json)?,
        now
    ])?;
    Ok(())
}

/// The labels in force in a territory, one per trade.
pub fn current(conn: &Connection, territory: &str) -> Result<Vec<TradeLabel>, StorageError> {
    Ok(conn
        .prepare_cached(
            "SELECT rome, territory, outlook, suggested, decided_on, signed_by, comment, evidence
             FROM trade_label t
             WHERE territory = ?1
               AND id = (SELECT max(id) FROM trade_label u
                         WHERE u.territory = t.territory AND u.rome = t.rome)
             ORDER BY rome",
        )?
        .query_map([territory], from_row)?
        .collect::<Result<_, _>>()?)
}
