//! The `diagnostic` and `diagnostic_line` tables, and the links of case files to lines (see
//! migration 0014). Not journaled: counts about a company, no personal data.

use std::collections::HashMap;

use passerelle_domain::diagnostic::{Diagnostic, DiagnosticLine};
use rusqlite::{Connection, OptionalExtension, params};

use crate::codes::{code, decode, parse_date};
use crate::error::StorageError;

/// Where the diagnostic's establishment lies (copied for the dashboard's indexes).
pub(crate) struct Placed<'a> {
    pub territory: &'a str,
    pub epci: &'a str,
}

fn json(list: &[String]) -> String {
    serde_json::to_string(list).unwrap_or_else(|_| "[]".into())
}

fn list_of(text: String) -> Vec<String> {
    serde_json::from_str(&text).unwrap_or_default()
}

/// Inserts a new diagnostic and its lines (in the caller's transaction); its id.
pub(crate) fn insert(
    tx: &Connection,
    d: &Diagnostic,
    place: &Placed<'_>,
    now: &str,
) -> Result<i64, StorageError> {
    tx.prepare_cached(
        "INSERT INTO diagnostic (siret, date, author, drivers, horizon_months, stage, notes,
                                 territory, epci, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
    )?
    .execute(params![
        d.siret,
        d.date.to_string(),
        d.author,
        json(&d.drivers),
        d.horizon_months,
        code(d.stage),
        d.notes,
        place.territory,
        place.epci,
        now
    ])?;
    let id = tx.last_insert_rowid();
    write_lines(tx, id, &d.lines)?;
    Ok(id)
}

/// Rewrites a diagnostic and its lines (in the caller's transaction). Lines sent back with
/// their id are updated in place, so the case files linked to them stay linked; a line left
/// out is deleted — refused while a case file is linked to it.
pub(crate) fn update(tx: &Connection, d: &Diagnostic, now: &str) -> Result<(), StorageError> {
    let changed = tx
        .prepare_cached(
            "UPDATE diagnostic SET date = ?2, author = ?3, drivers = ?4, horizon_months = ?5,
                                   stage = ?6, notes = ?7, updated_at = ?8
             WHERE id = ?1 AND siret = ?9",
        )?
        .execute(params![
            d.id,
            d.date.to_string(),
            d.author,
            json(&d.drivers),
            d.horizon_months,
            code(d.stage),
            d.notes,
            now,
            d.siret
        ])?;
    if changed == 0 {
        return Err(StorageError::NotFound {
            entity: "Diagnostic",
            id: d.id.to_string(),
        });
    }
    let kept: Vec<i64> = d.lines.iter().map(|l| l.id).filter(|id| *id > 0).collect();
    let existing: Vec<(i64, i64)> = tx
        .prepare_cached(
            "SELECT l.id, (SELECT count(*) FROM case_diagnostic_line c WHERE c.line_id = l.id)
             FROM diagnostic_line l WHERE l.diagnostic_id = ?1",
        )?
        .query_map([d.id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    for id in &kept {
        if !existing.iter().any(|(e, _)| e == id) {
            return Err(StorageError::NotFound {
                entity: "Ligne de diagnostic",
                id: id.to_string(),
            });
        }
    }
    for (id, linked) in &existing {
        if kept.contains(id) {
            continue;
        }
        if *linked > 0 {
            return Err(StorageError::rule(
                "lines",
                format!(
                    "Une ligne retirée est rattachée à {linked} dossier{} : détachez-{} de la ligne d’abord (page de l’établissement).",
                    if *linked > 1 { "s" } else { "" },
                    if *linked > 1 { "les" } else { "le" }
                ),
            ));
        }
        tx.prepare_cached("DELETE FROM diagnostic_line WHERE id = ?1")?
            .execute([id])?;
    }
    write_lines(tx, d.id, &d.lines)
}

fn write_lines(
    tx: &Connection,
    diagnostic: i64,
    lines: &[DiagnosticLine],
) -> Result<(), StorageError> {
    for (position, l) in lines.iter().enumerate() {
        let values = params![
            diagnostic,
            position as i64,
            l.rome,
            l.appellation,
            l.headcount,
            l.at_risk,
            l.horizon_months,
            code(l.outlook),
            json(&l.skills_at_risk),
            json(&l.skills_needed),
            l.over_55,
            l.id
        ];
        if l.id > 0 {
            tx.prepare_cached(
                "UPDATE diagnostic_line SET diagnostic_id = ?1, position = ?2, rome = ?3,
                        appellation = ?4, headcount = ?5, at_risk = ?6, horizon_months = ?7,
                        outlook = ?8, skills_at_risk = ?9, skills_needed = ?10, over_55 = ?11
                 WHERE id = ?12",
            )?
            .execute(values)?;
        } else {
            tx.prepare_cached(
                "INSERT INTO diagnostic_line (diagnostic_id, position, rome, appellation, headcount,
                        at_risk, horizon_months, outlook, skills_at_risk, skills_needed, over_55)
                 SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11 WHERE ?12 = 0",
            )?
            .execute(values)?;
        }
    }
    Ok(())
}

/// Marks the establishment's latest diagnostic (by date, then id) as the one that counts.
pub(crate) fn refresh_latest(tx: &Connection, siret: &str) -> Result<(), StorageError> {
    tx.prepare_cached(
        "UPDATE diagnostic SET latest = (id = (SELECT id FROM diagnostic WHERE siret = ?1
                                               ORDER BY date DESC, id DESC LIMIT 1))
         WHERE siret = ?1",
    )?
    .execute([siret])?;
    Ok(())
}

/// The SIRET of a diagnostic.
pub(crate) fn siret_of(conn: &Connection, id: i64) -> Result<Option<String>, StorageError> {
    Ok(conn
        .prepare_cached("SELECT siret FROM diagnostic WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?)
}

/// The establishment's diagnostics, newest first, with their lines and linked cases counted.
pub fn for_establishment(conn: &Connection, siret: &str) -> Result<Vec<Diagnostic>, StorageError> {
    let mut diagnostics: Vec<Diagnostic> = conn
        .prepare_cached(
            "SELECT id, siret, date, author, drivers, horizon_months, stage, notes
             FROM diagnostic WHERE siret = ?1 ORDER BY date DESC, id DESC",
        )?
        .query_map([siret], |r| {
            Ok(Diagnostic {
                id: r.get(0)?,
                siret: r.get(1)?,
                date: parse_date(r.get(2)?)?,
                author: r.get(3)?,
                drivers: list_of(r.get(4)?),
                horizon_months: r.get(5)?,
                stage: decode(r.get(6)?)?,
                notes: r.get(7)?,
                lines: Vec::new(),
            })
        })?
        .collect::<Result<_, _>>()?;
    let mut index: HashMap<i64, usize> = HashMap::new();
    for (i, d) in diagnostics.iter().enumerate() {
        index.insert(d.id, i);
    }
    let mut lines = conn.prepare_cached(
        "SELECT l.diagnostic_id, l.id, l.rome, l.appellation, l.headcount, l.at_risk,
                l.horizon_months, l.outlook, l.skills_at_risk, l.skills_needed, l.over_55,
                (SELECT count(*) FROM case_diagnostic_line c WHERE c.line_id = l.id)
         FROM diagnostic_line l JOIN diagnostic d ON d.id = l.diagnostic_id
         WHERE d.siret = ?1 ORDER BY l.diagnostic_id, l.position",
    )?;
    let rows = lines.query_map([siret], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            DiagnosticLine {
                id: r.get(1)?,
                rome: r.get(2)?,
                appellation: r.get(3)?,
                headcount: r.get(4)?,
                at_risk: r.get(5)?,
                horizon_months: r.get(6)?,
                outlook: decode(r.get(7)?)?,
                skills_at_risk: list_of(r.get(8)?),
                skills_needed: list_of(r.get(9)?),
                over_55: r.get(10)?,
                linked_cases: r.get(11)?,
            },
        ))
    })?;
    for row in rows {
        let (diagnostic, line) = row?;
        if let Some(i) = index.get(&diagnostic) {
            diagnostics[*i].lines.push(line);
        }
    }
    Ok(diagnostics)
}

/// Every driver of change already used, alphabetical.
pub fn drivers(conn: &Connection) -> Result<Vec<String>, StorageError> {
    Ok(conn
        .prepare_cached(
            "SELECT DISTINCT j.value FROM diagnostic d, json_each(d.drivers) j ORDER BY 1",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?)
}

/// The establishment (SIRET) a diagnostic line belongs to.
pub(crate) fn line_siret(conn: &Connection, line: i64) -> Result<Option<String>, StorageError> {
    Ok(conn
        .prepare_cached(
            "SELECT d.siret FROM diagnostic_line l JOIN diagnostic d ON d.id = l.diagnostic_id
             WHERE l.id = ?1",
        )?
        .query_row([line], |r| r.get(0))
        .optional()?)
}

/// Links a case file to a line, or unlinks it (in the caller's transaction).
pub(crate) fn link(tx: &Connection, case_id: i64, line: Option<i64>) -> Result<(), StorageError> {
    match line {
        Some(line) => tx
            .prepare_cached(
                "INSERT INTO case_diagnostic_line (case_id, line_id) VALUES (?1, ?2)
                 ON CONFLICT (case_id) DO UPDATE SET line_id = excluded.line_id",
            )?
            .execute(params![case_id, line])?,
        None => tx
            .prepare_cached("DELETE FROM case_diagnostic_line WHERE case_id = ?1")?
            .execute([case_id])?,
    };
    Ok(())
}
