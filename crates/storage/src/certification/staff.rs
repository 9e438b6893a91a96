//! The certification staff's view over all candidates: sessions to come, candidates by
//! certification and status, success rates, and the rows of the CSV export. Archived case
//! files are left out.

use passerelle_domain::validate::bounds;
use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use passerelle_domain::case::CaseId;
use passerelle_domain::certification::{
    BlocStatus, CandidateCounts, CandidateRow, ExamKind, ExamOutcome, StaffOverview,
    candidate_status, success_rates,
};
use rusqlite::Connection;

use crate::codes::decode;
use crate::error::StorageError;
use crate::names::NAME_COLUMNS;
use crate::tables::exam_session;

/// Enrolments of active cases grouped by what the staff view needs (see `enrolment_progress`
/// in migration 0007): a few hundred groups however many candidates there are.
const PROGRESS: &str =
    "SELECT certification_code, territory, blocs, acquired, pending > 0, totales > 0,
        sum(totales), sum(partielles), sum(refus), count(*)
     FROM enrolment_progress WHERE archived = 0
     GROUP BY certification_code, territory, blocs, acquired, pending > 0, totales > 0";

/// Everything the staff view shows: sessions in the next `days` days and the last `days` days,
/// candidates by certification and status, success rates by certification and territory.
pub fn overview(
    conn: &Connection,
    today: NaiveDate,
    days: u32,
) -> Result<StaffOverview, StorageError> {
    let days = bounds::clamp_horizon(days);
    let upcoming = exam_session::between(conn, today, bounds::days_after(today, days), false)?;
    let recent = match today.pred_opt() {
        Some(yesterday) => {
            exam_session::between(conn, bounds::days_before(today, days), yesterday, true)?
        }
        None => Vec::new(),
    };
    let titles: HashMap<String, String> = conn
        .prepare_cached(
            "SELECT code, title FROM certification
             WHERE code IN (SELECT DISTINCT certification_code FROM enrolment_progress)",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let territories: HashMap<String, String> = crate::tables::territory::list(conn)?
        .into_iter()
        .map(|t| (t.code, t.label))
        .collect();
    let mut by: BTreeMap<String, CandidateCounts> = BTreeMap::new();
    let mut by_cert = Vec::new();
    let mut by_territory = Vec::new();
    let mut stmt = conn.prepare_cached(PROGRESS)?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let code: String = r.get(0)?;
        let territory: String = r.get(1)?;
        let (blocs, acquired): (u32, u32) = (r.get(2)?, r.get(3)?);
        let status = candidate_status(blocs as usize, acquired as usize, r.get(4)?, r.get(5)?);
        let title = titles.get(&code).cloned().unwrap_or_default();
        by.entry(code.clone())
            .or_insert_with(|| CandidateCounts {
                certification_code: code.clone(),
                certification_title: title.clone(),
                ..CandidateCounts::default()
            })
            .add(status, r.get(9)?);
        let label = match territories.get(&territory) {
            Some(l) => l.clone(),
            None if territory.is_empty() => "Sans territoire".to_owned(),
            None => territory.clone(),
        };
        for (outcome, col) in [
            (ExamOutcome::ValidationTotale, 6),
            (ExamOutcome::ValidationPartielle, 7),
            (ExamOutcome::Refus, 8),
        ] {
            let n: u32 = r.get(col)?;
            if n > 0 {
                by_cert.push((code.clone(), title.clone(), outcome, n));
                by_territory.push((territory.clone(), label.clone(), outcome, n));
            }
        }
    }
    Ok(StaffOverview {
        today,
        days,
        upcoming,
        recent,
        by_certification: by.into_values().collect(),
        rates_by_certification: success_rates(by_cert),
        rates_by_territory: success_rates(by_territory),
    })
}

type Head = (
    i64,
    i64,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
);

/// One row per enrolment of an active case, by certification then name: the CSV export.
pub fn candidate_rows(conn: &Connection) -> Result<Vec<CandidateRow>, StorageError> {
    let heads: Vec<Head> = conn
        .prepare(&format!(
            "SELECT e.id, e.case_id, {NAME_COLUMNS}, coalesce(t.label, c.territory, ''),
                    e.certification_code, k.title, e.route
             FROM enrolment e JOIN case_file c ON c.id = e.case_id
             JOIN certification k ON k.code = e.certification_code
             LEFT JOIN territory t ON t.code = c.territory
             WHERE c.archived_at IS NULL ORDER BY e.certification_code, c.sort_name, e.id"
        ))?
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
                r.get(9)?,
            ))
        })?
        .collect::<Result<_, _>>()?;
    // Blocs, sessions and certificates of every enrolment, read once each.
    let mut blocs: HashMap<i64, Vec<(String, BlocStatus)>> = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT eb.enrolment_id, eb.bloc_code, eb.status FROM enrolment_bloc eb
         JOIN certification_bloc b ON b.code = eb.bloc_code ORDER BY eb.enrolment_id, b.position, b.code",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        blocs
            .entry(r.get(0)?)
            .or_default()
            .push((r.get(1)?, decode(r.get(2)?)?));
    }
    type Sitting = (ExamKind, NaiveDate, Option<ExamOutcome>);
    let mut sittings: HashMap<i64, Vec<Sitting>> = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT sc.enrolment_id, s.kind, s.date, sc.outcome FROM session_candidate sc
         JOIN cert_session s ON s.id = sc.session_id ORDER BY s.date, s.id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let on: String = r.get(2)?;
        let outcome: Option<String> = r.get(3)?;
        sittings.entry(r.get(0)?).or_default().push((
            decode(r.get(1)?)?,
            on.parse().unwrap_or_default(),
            outcome.map(decode).transpose()?,
        ));
    }
    let mut certificates: HashMap<i64, (String, NaiveDate)> = HashMap::new();
    let mut stmt = conn.prepare("SELECT enrolment_id, number, issued_on FROM certificate")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let on: String = r.get(2)?;
        certificates.insert(r.get(0)?, (r.get(1)?, on.parse().unwrap_or_default()));
    }
    let mut out = Vec::with_capacity(heads.len());
    for (id, case_id, reference, birth, usage, first, territory, code, title, route) in heads {
        let mine = blocs.remove(&id).unwrap_or_default();
        let with = |s: &[BlocStatus]| {
            mine.iter()
                .filter(|(_, st)| s.contains(st))
                .map(|(c, _)| c.clone())
                .collect::<Vec<_>>()
        };
        let acquired = with(&[BlocStatus::Acquis]);
        let sat = sittings.remove(&id).unwrap_or_default();
        let pending = sat.iter().any(|s| s.2.is_none());
        let validated = sat
            .iter()
            .any(|s| s.2 == Some(ExamOutcome::ValidationTotale));
        out.push(CandidateRow {
            case_id: CaseId(case_id),
            // The name in use, as the case list shows it.
            birth_name: if usage.trim().is_empty() {
                birth
            } else {
                usage
            },
            first_names: first,
            reference,
            territory,
            certification_code: code,
            certification_title: title,
            route: decode(route)?,
            status: candidate_status(mine.len(), acquired.len(), pending, validated),
            in_progress: with(&[BlocStatus::EnCours]),
            remaining: with(&[BlocStatus::AAcquerir, BlocStatus::NonValide]),
            acquired,
            last_session: sat.last().copied(),
            certificate: certificates.remove(&id),
        });
    }
    Ok(out)
}

/// The CSV export of every candidate (see [`candidate_rows`]), with its row count.
pub fn candidates_csv(conn: &Connection) -> Result<(Vec<u8>, u32), StorageError> {
    let rows = candidate_rows(conn)?;
    Ok((
        passerelle_domain::certification::candidates_csv(&rows),
        rows.len() as u32,
    ))
}
