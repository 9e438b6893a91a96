//! The training offer: imported formations with their actions and sessions (a file at a time,
//! all or nothing; a formation imported again replaces the earlier one whole), and the search
//! the counsellor and matching run over it.

use chrono::{DateTime, NaiveDate, Utc};
use passerelle_domain::code::Coded;
use passerelle_domain::text::fold_for_sort;
use passerelle_domain::training::{
    Formation, Provider, Recruitment, SessionQuery, SessionRow, Teaching, TrainingImportSummary,
};
use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter};

use crate::error::StorageError;

fn joined(codes: &[String]) -> String {
    codes.join(" ")
}

fn split(codes: &str) -> Vec<String> {
    codes.split_whitespace().map(str::to_owned).collect()
}

/// Saves the formations of one file in one transaction; returns what was written.
pub fn save(
    conn: &mut Connection,
    formations: &[Formation],
    source_file: &str,
    at: DateTime<Utc>,
) -> Result<TrainingImportSummary, StorageError> {
    let now = crate::journal::stamp(at);
    let tx = conn.transaction()?;
    let mut summary = TrainingImportSummary::default();
    {
        let mut delete =
            tx.prepare_cached("DELETE FROM training_formation WHERE origin = ?1 AND key = ?2")?;
        let mut formation_insert = tx.prepare_cached(
            "INSERT INTO training_formation (origin, key, title, title_folded, objective, romes,
                 formacodes, certifications, blocs, source_file, imported_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?;
        let mut target_insert = tx.prepare_cached(
            "INSERT OR IGNORE INTO training_target (code, formation_id) VALUES (?1, ?2)",
        )?;
        let mut action_insert = tx.prepare_cached(
            "INSERT INTO training_action (formation_id, key, teaching, afest, chantier_ecole,
                 hours_centre, hours_company, hours_total, price_cents, commune, place,
                 provider_siret, provider_name)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?;
        let mut session_insert = tx.prepare_cached(
            "INSERT INTO training_session (action_id, key, start, end, recruitment)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for f in formations {
            summary.replaced += delete.execute(params![f.origin.code(), f.key])? as u64;
            formation_insert.execute(params![
                f.origin.code(),
                f.key,
                f.title,
                fold_for_sort(&f.title),
                f.objective,
                joined(&f.romes),
                joined(&f.formacodes),
                joined(&f.certifications),
                joined(&f.blocs),
                source_file,
                now
            ])?;
            let formation_id = tx.last_insert_rowid();
            summary.formations += 1;
            for code in f.romes.iter().chain(&f.certifications).chain(&f.blocs) {
                target_insert.execute(params![code, formation_id])?;
            }
            for a in &f.actions {
                action_insert.execute(params![
                    formation_id,
                    a.key,
                    a.teaching.map(Coded::code),
                    a.afest,
                    a.chantier_ecole,
                    a.hours_centre,
                    a.hours_company,
                    a.hours_total,
                    a.price_cents,
                    a.commune,
                    a.place,
                    a.provider.siret,
                    a.provider.name
                ])?;
                let action_id = tx.last_insert_rowid();
                summary.actions += 1;
                for s in &a.sessions {
                    session_insert.execute(params![
                        action_id,
                        s.key,
                        s.start.map(|d| d.to_string()),
                        s.end.map(|d| d.to_string()),
                        s.recruitment.map(Coded::code)
                    ])?;
                    summary.sessions += 1;
                }
            }
        }
    }
    tx.commit()?;
    Ok(summary)
}

/// `text` for a LIKE pattern with `ESCAPE '\'`: a typed « % » or « _ » is not a wildcard.
fn like_escaped(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// When the offer was last imported (empty: never) — the version a match records.
pub fn offer_version(conn: &Connection) -> Result<String, StorageError> {
    Ok(conn
        .query_row("SELECT max(imported_at) FROM training_formation", [], |r| {
            r.get::<_, Option<String>>(0)
        })?
        .unwrap_or_default())
}

const SELECT: &str =
    "SELECT s.id, f.title, f.romes, f.certifications, f.blocs, a.teaching, a.afest,
        a.chantier_ecole, a.hours_centre, a.hours_company, a.hours_total, a.price_cents,
        a.commune, a.place, a.provider_siret, a.provider_name, s.start, s.end, s.recruitment
    FROM training_session s
    JOIN training_action a ON a.id = s.action_id
    JOIN training_formation f ON f.id = a.formation_id";

fn date(text: Option<String>) -> Option<NaiveDate> {
    text.and_then(|t| t.parse().ok())
}

fn row(r: &Row<'_>) -> rusqlite::Result<SessionRow> {
    let commune: String = r.get(12)?;
    let place = passerelle_domain::place::of_commune(&commune)
        .unwrap_or(passerelle_domain::place::Place::UNKNOWN);
    Ok(SessionRow {
        session_id: r.get(0)?,
        formation_title: r.get(1)?,
        romes: split(&r.get::<_, String>(2)?),
        certifications: split(&r.get::<_, String>(3)?),
        blocs: split(&r.get::<_, String>(4)?),
        teaching: r
            .get::<_, Option<String>>(5)?
            .as_deref()
            .and_then(|c| Teaching::parse_code(c).ok()),
        afest: r.get(6)?,
        chantier_ecole: r.get(7)?,
        hours_centre: r.get(8)?,
        hours_company: r.get(9)?,
        hours_total: r.get(10)?,
        price_cents: r.get(11)?,
        epci: place.epci.to_owned(),
        epci_name: place.epci_name.to_owned(),
        commune,
        place: r.get(13)?,
        provider: Provider {
            siret: r.get(14)?,
            name: r.get(15)?,
        },
        start: date(r.get(16)?),
        end: date(r.get(17)?),
        recruitment: r
            .get::<_, Option<String>>(18)?
            .as_deref()
            .and_then(|c| Recruitment::parse_code(c).ok()),
        distance_km: None,
        reasons: Vec::new(),
    })
}

/// One session, as a search shows it.
pub fn session(conn: &Connection, id: i64) -> Result<SessionRow, StorageError> {
    conn.query_row(&format!("{SELECT} WHERE s.id = ?1"), [id], row)
        .optional()?
        .ok_or(StorageError::NotFound {
            entity: "Session de formation",
            id: id.to_string(),
        })
}

/// The sessions a query asks for, nearest first (then earliest), each with its reasons.
pub fn search(conn: &Connection, q: &SessionQuery) -> Result<Vec<SessionRow>, StorageError> {
    if let Some(near) = q.near.as_deref().map(str::trim).filter(|c| !c.is_empty())
        && passerelle_domain::place::of_commune(near).is_none()
    {
        return Err(StorageError::Invalid(vec![
            passerelle_domain::place::unknown_commune("near", near),
        ]));
    }
    let mut clauses: Vec<String> = Vec::new();
    let mut values: Vec<String> = Vec::new();
    let mut codes: Vec<String> = Vec::new();
    codes.extend(q.rome.iter().filter(|c| !c.trim().is_empty()).cloned());
    if let Some(c) = q.certification.as_ref().filter(|c| !c.trim().is_empty()) {
        codes.push(c.trim().to_owned());
        // Its blocs too: a formation that prepares one bloc helps.
        codes.push(format!("{}BC%", like_escaped(c.trim())));
    }
    if !codes.is_empty() {
        let ors: Vec<String> = codes
            .iter()
            .map(|c| {
                values.push(c.clone());
                if c.ends_with('%') {
                    format!("t.code LIKE ?{} ESCAPE '\\'", values.len())
                } else {
                    format!("t.code = ?{}", values.len())
                }
            })
            .collect();
        clauses.push(format!(
            "f.id IN (SELECT t.formation_id FROM training_target t WHERE {})",
            ors.join(" OR ")
        ));
    }
    for word in fold_for_sort(&q.text).split_whitespace().take(5) {
        values.push(format!("%{}%", like_escaped(word)));
        clauses.push(format!("f.title_folded LIKE ?{} ESCAPE '\\'", values.len()));
    }
    if let Some(t) = q.teaching {
        values.push(t.code());
        clauses.push(format!("a.teaching = ?{}", values.len()));
    }
    if q.afest_only {
        clauses.push("a.afest = 1".into());
    }
    if let Some(d) = q.starts_after {
        values.push(d.to_string());
        clauses.push(format!("s.start >= ?{}", values.len()));
    }
    if let Some(d) = q.starts_before {
        values.push(d.to_string());
        clauses.push(format!("s.start <= ?{}", values.len()));
    }
    if let Some(h) = q.max_hours {
        values.push(h.to_string());
        clauses.push(format!(
            "coalesce(a.hours_total, a.hours_centre + a.hours_company, a.hours_centre, 0)
                 <= CAST(?{} AS INTEGER)",
            values.len()
        ));
    }
    if !q.include_closed {
        clauses.push("(s.recruitment IS NULL OR s.recruitment = 'open')".into());
    }
    let sql = if clauses.is_empty() {
        SELECT.to_owned()
    } else {
        format!("{SELECT} WHERE {}", clauses.join(" AND "))
    };
    let mut statement = conn.prepare(&sql)?;
    let rows = statement.query_map(params_from_iter(values.iter()), row)?;
    let near = q.near.as_deref().filter(|c| !c.trim().is_empty());
    let radius = q.radius_km.map(f64::from);
    let mut found = Vec::new();
    for r in rows {
        let mut s = r?;
        let remote = s.teaching == Some(Teaching::Distance);
        if let Some(home) = near {
            s.distance_km = passerelle_domain::place::distance_km(home, &s.commune);
            match (s.distance_km, radius) {
                (Some(d), Some(max)) if d > max && !remote => continue,
                (None, Some(_)) if !remote => continue,
                _ => {}
            }
        }
        s.reasons = reasons(&s, q);
        found.push(s);
    }
    found.sort_by(|a, b| {
        let key = |s: &SessionRow| {
            (
                s.distance_km.map_or(i64::MAX, |d| d.round() as i64),
                s.start,
                s.session_id,
            )
        };
        key(a).cmp(&key(b))
    });
    found.truncate(if q.limit == 0 { 200 } else { q.limit as usize });
    Ok(found)
}

/// Why a session fits the query, in French.
fn reasons(s: &SessionRow, q: &SessionQuery) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(c) = q.certification.as_deref().filter(|c| !c.is_empty()) {
        if s.certifications.iter().any(|x| x == c) {
            out.push(format!("Prépare {c}"));
        } else {
            let blocs: Vec<&str> = s
                .blocs
                .iter()
                .filter(|b| b.strip_prefix(c).is_some_and(|rest| rest.starts_with("BC")))
                .map(String::as_str)
                .collect();
            if !blocs.is_empty() {
                out.push(format!("Prépare les blocs {}", blocs.join(", ")));
            }
        }
    }
    if let Some(r) = q.rome.as_deref().filter(|r| !r.is_empty())
        && s.romes.iter().any(|x| x == r)
    {
        out.push(format!("Vise le métier {r}"));
    }
    match (s.teaching, s.distance_km) {
        (Some(Teaching::Distance), _) => out.push("À distance".into()),
        (_, Some(d)) => out.push(format!("{} km à vol d’oiseau", d.round() as i64)),
        _ => {}
    }
    if s.afest {
        out.push("AFEST (formation en situation de travail)".into());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_wildcards_are_escaped() {
        assert_eq!(like_escaped("100%_a\\b"), "100\\%\\_a\\\\b");
    }

    #[test]
    fn codes_are_stored_space_separated() {
        assert_eq!(joined(&["RNCP1".into(), "H2913".into()]), "RNCP1 H2913");
        assert_eq!(split(" RNCP1  H2913 "), ["RNCP1", "H2913"]);
    }
}
