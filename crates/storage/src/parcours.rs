//! The parcours in the database: guarded transitions, dated parameters, the imported histories,
//! the tacit agreements and the À faire overview. The rules themselves are the domain's
//! (`passerelle_domain::parcours`); this module loads what they need and writes what they decide.

use chrono::{DateTime, NaiveDate, Utc};
use passerelle_domain::case::{CaseData, CaseId};
use passerelle_domain::i18n::Label;
use passerelle_domain::params::ParamValue;
use passerelle_domain::parcours::{
    self as rules, EmployerAnswer, GuardContext, Held, Step, Transition,
};
use rusqlite::Connection;

use crate::cases;
use crate::derived;
use crate::error::StorageError;
use crate::journal::stamp;
use crate::tables::{case_file, derived_rows, document, parameter, transition};

/// A case's current step.
pub use crate::tables::case_file::step as current_step;
/// The dated parameter values the user entered (the defaults are in the domain).
pub use crate::tables::parameter::load as parameters;
/// The recorded transitions of a case, oldest first.
pub use crate::tables::transition::for_case as transitions;

/// Who signs what the app records by itself.
pub const RULE_ACTOR: &str = "Passerelle (règle automatique)";

/// Records a dated value (replacing one with the same key and date); every case's deadlines
/// are recomputed in the same transaction.
pub fn set_parameter(
    conn: &mut Connection,
    actor: &str,
    value: &ParamValue,
    at: DateTime<Utc>,
) -> Result<(), StorageError> {
    // The same check as the form's: a known key, a value in its unit's range.
    let value = value.clone().validated(crate::today_for(at))?;
    let tx = conn.transaction()?;
    parameter::upsert(&tx, actor, &value, at)?;
    for id in case_file::active_ids(&tx)? {
        derived::refresh(&tx, id)?;
    }
    tx.commit()?;
    Ok(())
}

/// Writes one transition: the log row, the case's step with its journal entry, and — unless
/// the caller does it once at the end — the derived rows. The caller has checked the guard.
fn record(
    tx: &Connection,
    case_id: CaseId,
    transition: &Transition,
    refresh: bool,
) -> Result<(), StorageError> {
    transition::insert(tx, case_id, transition)?;
    case_file::set_step(tx, case_id, transition)?;
    if refresh {
        derived::refresh(tx, case_id)?;
    }
    Ok(())
}

/// A case with its past: what the demo generator, or a migration from another tool, provides.
#[derive(Debug, Clone)]
pub struct CaseHistory {
    pub data: CaseData,
    pub created: DateTime<Utc>,
    /// Steps reached after ACCUEIL, with the time of each transition, in order.
    pub steps: Vec<(Step, DateTime<Utc>)>,
    pub documents: Vec<document::StoredDocument>,
}

/// Imports cases with their history in one transaction. Each step must follow the table from
/// the previous one (guards are not replayed: the past is taken as recorded).
pub fn import_histories(
    conn: &mut Connection,
    actor: &str,
    items: &[CaseHistory],
) -> Result<Vec<CaseId>, StorageError> {
    let tx = conn.transaction()?;
    let params = parameter::load(&tx)?;
    let mut ids = Vec::with_capacity(items.len());
    for item in items {
        let id = cases::insert_with(&tx, actor, &item.data, item.created, &params)?.id;
        for doc in &item.documents {
            document::insert(&tx, actor, id, doc, item.created)?;
        }
        let mut current = Step::Accueil;
        for &(to, at) in &item.steps {
            if !current.allows(to) {
                return Err(StorageError::rule(
                    "status",
                    format!(
                        "historique du dossier {} : passage de {} à {} impossible",
                        ids.len() + 1,
                        current.label(),
                        to.label()
                    ),
                ));
            }
            let transition = Transition {
                from: current,
                to,
                at: stamp(at),
                actor: actor.to_owned(),
                reason: String::new(),
                documents: Vec::new(),
            };
            record(&tx, id, &transition, false)?;
            current = to;
        }
        let held: Vec<Held> = item
            .documents
            .iter()
            .map(|d| Held {
                kind: d.kind,
                validated: false,
            })
            .collect();
        derived::write(&tx, id, &item.data, current, &held, &params)?;
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
    tx: &Connection,
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
    let case = case_file::get(tx, case_id)?.ok_or_else(|| case_file::not_found(case_id))?;
    if case.archived_at.is_some() {
        return Err(blocked(vec![
            "Dossier archivé : restaurez-le avant de faire avancer son parcours".into(),
        ]));
    }
    let from = case_file::step(tx, case_id)?;
    let held = document::held(tx, case_id)?;
    let params = parameter::load(tx)?;
    let unmet = rules::unmet_conditions(
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
    record(tx, case_id, &transition, true)?;
    Ok(transition)
}

/// Silence of the employer 30 days after receiving the absence request means agreement: record
/// it for every case whose delay has passed. Returns the cases changed.
pub fn apply_tacit_agreements(
    conn: &mut Connection,
    today: NaiveDate,
    at: DateTime<Utc>,
) -> Result<Vec<CaseId>, StorageError> {
    let tx = conn.transaction()?;
    let mut changed = Vec::new();
    for (case_id, due) in derived_rows::unanswered_employer(&tx, &today.to_string())? {
        let Some(case) = case_file::get(&tx, case_id)? else {
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

/// Everything the Parcours tab shows for one case, evaluated on `today` (built by the domain).
pub fn view(
    conn: &Connection,
    case_id: CaseId,
    today: NaiveDate,
) -> Result<rules::ParcoursView, StorageError> {
    let case = case_file::get(conn, case_id)?.ok_or_else(|| case_file::not_found(case_id))?;
    Ok(rules::build_view(
        case_id,
        &case.data,
        case_file::step(conn, case_id)?,
        transition::for_case(conn, case_id)?,
        &document::held(conn, case_id)?,
        today,
        &parameter::load(conn)?,
    ))
}
