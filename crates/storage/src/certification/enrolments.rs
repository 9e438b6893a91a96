//! Enrolments as the app writes and shows them: a case enrolled in a certification (blocs
//! already acquired elsewhere start acquired), bloc statuses checked by the domain, and the
//! enrolment view (blocs, exam sessions, VAE follow-up with its deadlines, certificate).

use chrono::{DateTime, NaiveDate, Utc};
use passerelle_domain::case::CaseId;
use passerelle_domain::certification::{BlocStatus, Enrolment, Route, vae_view};
use passerelle_domain::ids::EnrolmentId;
use rusqlite::Connection;
use serde_json::Value;

use crate::codes::code;
use crate::error::StorageError;
use crate::journal::Change;
use crate::tables::enrolment::{self, BlocRow, EnrolmentRow};
use crate::tables::{case_file, catalogue, certificate, exam_session, parameter, vae};

/// Enrols a case in a certification: every bloc, or only `blocs` (codes of that certification).
/// Blocs the candidate already acquired through another enrolment start as acquired.
pub fn enrol(
    conn: &mut Connection,
    actor: &str,
    case_id: CaseId,
    certification: &str,
    route: Route,
    blocs: Option<&[String]>,
    at: DateTime<Utc>,
) -> Result<Enrolment, StorageError> {
    let certification = &certification.trim().to_ascii_uppercase();
    if certification.is_empty() {
        return Err(StorageError::rule(
            "certification",
            "Certification : saisissez son code (ex. RNCP38596) ou choisissez-la dans le catalogue.",
        ));
    }
    let Some(cert) = catalogue::get(conn, certification)? else {
        return Err(StorageError::NotFound {
            entity: "Certification",
            id: certification.to_owned(),
        });
    };
    if let Some(codes) = blocs
        && let Some(unknown) = codes
            .iter()
            .find(|c| !cert.blocs.iter().any(|b| &b.code == *c))
    {
        return Err(StorageError::NotFound {
            entity: "Bloc",
            id: unknown.clone(),
        });
    }
    let chosen: Vec<_> = cert
        .blocs
        .iter()
        .filter(|b| blocs.is_none_or(|codes| codes.contains(&b.code)))
        .collect();
    let tx = conn.transaction()?;
    if !case_file::exists(&tx, case_id)? {
        return Err(case_file::not_found(case_id));
    }
    let mut earlier = Vec::with_capacity(chosen.len());
    for b in &chosen {
        earlier.push(enrolment::acquired_elsewhere(&tx, case_id, &b.code)?);
    }
    let rows: Vec<BlocRow<'_>> = chosen
        .iter()
        .zip(&earlier)
        .map(|(b, earlier)| match earlier {
            Some((on, evidence)) => BlocRow {
                code: &b.code,
                status: BlocStatus::Acquis,
                acquired_on: *on,
                evidence,
            },
            None => BlocRow {
                code: &b.code,
                status: BlocStatus::AAcquerir,
                acquired_on: None,
                evidence: "",
            },
        })
        .collect();
    let row = EnrolmentRow {
        case_id,
        certification,
        route,
        blocs: &rows,
    };
    let id = enrolment::insert(&tx, actor, &row, at)?;
    tx.commit()?;
    get(conn, id)?.ok_or_else(|| enrolment::not_found(id))
}

/// Records a bloc's new status (acquired with its date and evidence, in progress, not
/// validated), checked by the domain.
#[allow(clippy::too_many_arguments)]
pub fn set_bloc_status(
    conn: &mut Connection,
    actor: &str,
    id: EnrolmentId,
    bloc: &str,
    status: BlocStatus,
    acquired_on: Option<NaiveDate>,
    evidence: &str,
    at: DateTime<Utc>,
) -> Result<(), StorageError> {
    passerelle_domain::certification::check_bloc_status(
        status,
        acquired_on,
        evidence,
        crate::today_for(at),
    )?;
    let tx = conn.transaction()?;
    let row = BlocRow {
        code: bloc,
        status,
        acquired_on,
        evidence: evidence.trim(),
    };
    let Some(before) = enrolment::set_bloc(&tx, id, &row)? else {
        return Err(StorageError::NotFound {
            entity: "Bloc inscrit",
            id: format!("{id}/{bloc}"),
        });
    };
    let changes = [Change {
        field: format!("bloc {bloc}"),
        before: Value::String(code(before)),
        after: Value::String(code(status)),
    }];
    enrolment::journal(&tx, actor, id, "update", &changes, at)?;
    tx.commit()?;
    Ok(())
}

/// One enrolment with its blocs, exam sessions, VAE follow-up and certificate.
pub fn get(conn: &Connection, id: EnrolmentId) -> Result<Option<Enrolment>, StorageError> {
    let Some(head) = enrolment::head(conn, id)? else {
        return Ok(None);
    };
    let exams = exam_session::for_enrolment(conn, id)?;
    let vae = match head.route {
        Route::Vae => {
            let follow_up = vae::get(conn, id)?.unwrap_or_default();
            let jury = exams.last().map(|s| s.outcome);
            Some(vae_view(&follow_up, jury, &parameter::load(conn)?))
        }
        _ => None,
    };
    Ok(Some(Enrolment {
        id,
        case_id: head.case_id,
        certification_code: head.certification_code,
        certification_title: head.certification_title,
        route: head.route,
        blocs: enrolment::blocs(conn, id)?,
        vae,
        certificate: certificate::get(conn, id)?,
        exams,
    }))
}

/// A case's enrolments, oldest first.
pub fn for_case(conn: &Connection, case_id: CaseId) -> Result<Vec<Enrolment>, StorageError> {
    let mut out = Vec::new();
    for id in enrolment::ids_for_case(conn, case_id)? {
        out.extend(get(conn, id)?);
    }
    Ok(out)
}

/// [`get`], or not found.
pub(crate) fn existing(conn: &Connection, id: EnrolmentId) -> Result<Enrolment, StorageError> {
    get(conn, id)?.ok_or_else(|| enrolment::not_found(id))
}
