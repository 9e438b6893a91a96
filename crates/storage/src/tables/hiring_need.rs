//! The `hiring_need` table (see migration 0014). Not journaled: a company's needs, no personal
//! data; `updated_at` says when a need last changed.

use passerelle_domain::need::HiringNeed;
use rusqlite::{Connection, Row, params};

use crate::codes::{code, decode, opt_date};
use crate::error::StorageError;

const COLUMNS: &str = "id, siret, rome, appellation, posts, contract, wished_start,
                       reconversion_open, afest, status, source, campaign, notes, recorded_on";

fn from_row(r: &Row<'_>) -> rusqlite::Result<HiringNeed> {
    Ok(HiringNeed {
        id: r.get(0)?,
        siret: r.get(1)?,
        rome: r.get(2)?,
        appellation: r.get(3)?,
        posts: r.get(4)?,
        contract: decode(r.get(5)?)?,
        wished_start: opt_date(r.get(6)?),
        reconversion_open: r.get(7)?,
        afest: r.get(8)?,
        status: decode(r.get(9)?)?,
        source: decode(r.get(10)?)?,
        campaign: r.get(11)?,
        notes: r.get(12)?,
        recorded_on: opt_date(r.get(13)?),
    })
}

/// Inserts (`id` 0) or updates a need (in the caller's transaction); its id. `territory` and
/// `epci` are its establishment's.
pub(crate) fn save(
    tx: &Connection,
    n: &HiringNeed,
    territory: &str,
    epci: &str,
    today: &str,
    now: &str,
) -> Result<i64, StorageError> {
    let values = params![
        n.siret,
        n.rome,
        n.appellation,
        n.posts,
        code(n.contract),
        n.wished_start.map(|d| d.to_string()),
        n.reconversion_open,
        n.afest,
        code(n.status),
        code(n.source),
        n.campaign,
        n.notes,
        territory,
        epci,
        today,
        now,
        n.id
    ];
    if n.id == 0 {
        tx.prepare_cached(
            "INSERT INTO hiring_need (siret, rome, appellation, posts, contract, wished_start,
                     reconversion_open, afest, status, source, campaign, notes, territory, epci,
                     recorded_on, updated_at)
             SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16
             WHERE ?17 = 0",
        )?
        .execute(values)?;
        return Ok(tx.last_insert_rowid());
    }
    let changed = tx
        .prepare_cached(
            "UPDATE hiring_need SET siret = ?1, rome = ?2, appellation = ?3, posts = ?4,
                    contract = ?5, wished_start = ?6, reconversion_open = ?7, afest = ?8,
                    status = ?9, source = ?10, campaign = ?11, notes = ?12, territory = ?13,
                    epci = ?14, updated_at = ?16
             WHERE id = ?17 AND ?15 = ?15",
        )?
        .execute(values)?;
    if changed == 0 {
        return Err(StorageError::NotFound {
            entity: "Besoin de recrutement",
            id: n.id.to_string(),
        });
    }
    Ok(n.id)
}

pub fn get(conn: &Connection, id: i64) -> Result<Option<HiringNeed>, StorageError> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM hiring_need WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?)
}

/// A need with its establishment's name and commune.
pub type NeedWithPlace = (HiringNeed, String, String);

/// Needs of a territory (or an EPCI, or one establishment, or one campaign), newest first.
pub fn list(
    conn: &Connection,
    territory: &str,
    epci: &str,
    siret: &str,
    campaign: &str,
    limit: u32,
) -> Result<Vec<NeedWithPlace>, StorageError> {
    let columns: String = COLUMNS
        .split(',')
        .map(|c| format!("n.{}", c.trim()))
        .collect::<Vec<_>>()
        .join(", ");
    let mut filters = vec!["1 = 1"];
    if !siret.is_empty() {
        filters.push("n.siret = ?3");
    } else if !epci.is_empty() {
        filters.push("n.epci = ?2");
    } else if !territory.is_empty() {
        filters.push("n.territory = ?1");
    }
    if !campaign.is_empty() {
        filters.push("n.campaign = ?4");
    }
    let sql = format!(
        "SELECT {columns}, e.name, e.commune_name FROM hiring_need n
         JOIN establishment e ON e.siret = n.siret
         WHERE {} AND ?1 = ?1 AND ?2 = ?2 AND ?3 = ?3 AND ?4 = ?4
         ORDER BY n.id DESC LIMIT ?5",
        filters.join(" AND ")
    );
    Ok(conn
        .prepare(&sql)?
        .query_map(params![territory, epci, siret, campaign, limit], |r| {
            Ok((from_row(r)?, r.get(14)?, r.get(15)?))
        })?
        .collect::<Result<_, _>>()?)
}
