//! Hiring needs: one at a time (the census screen, the command line) or a whole spreadsheet in
//! one transaction; each placed in its establishment's territory and EPCI.

use chrono::{DateTime, NaiveDate, Utc};
use passerelle_domain::ipc::{NeedListArgs, NeedRow};
use passerelle_domain::need::HiringNeed;
use rusqlite::Connection;

use crate::error::StorageError;
use crate::establishments;
use crate::tables::hiring_need;

fn save_in(
    tx: &Connection,
    n: &HiringNeed,
    today: NaiveDate,
    now: &str,
) -> Result<i64, StorageError> {
    let e = establishments::required(tx, &n.siret)?;
    hiring_need::save(tx, n, &e.territory, &e.epci, &today.to_string(), now)
}

/// Creates (`id` 0) or updates a need, checked by the domain first; as saved.
pub fn save(
    conn: &mut Connection,
    input: HiringNeed,
    today: NaiveDate,
    at: DateTime<Utc>,
) -> Result<HiringNeed, StorageError> {
    let now = &crate::journal::stamp(at);
    let n = input.validated(today)?;
    let tx = conn.transaction()?;
    let id = save_in(&tx, &n, today, now)?;
    tx.commit()?;
    hiring_need::get(conn, id)?.ok_or(StorageError::NotFound {
        entity: "Besoin de recrutement",
        id: id.to_string(),
    })
}

/// Saves needs already checked, all or none (an import).
pub fn save_all(
    conn: &mut Connection,
    needs: &[HiringNeed],
    today: NaiveDate,
    at: DateTime<Utc>,
) -> Result<u64, StorageError> {
    let now = &crate::journal::stamp(at);
    let tx = conn.transaction()?;
    for n in needs {
        save_in(&tx, n, today, now)?;
    }
    tx.commit()?;
    Ok(needs.len() as u64)
}

/// The needs of a scope, an establishment or a campaign, newest first.
pub fn list(conn: &Connection, args: &NeedListArgs) -> Result<Vec<NeedRow>, StorageError> {
    Ok(hiring_need::list(
        conn,
        args.scope.territory.trim(),
        args.scope.epci.trim(),
        args.siret.trim(),
        args.campaign.trim(),
        args.limit.max(1),
    )?
    .into_iter()
    .map(|(need, establishment_name, commune_name)| NeedRow {
        need,
        establishment_name,
        commune_name,
    })
    .collect())
}
