//! Keeping a case's derived rows (deadlines, missing documents) in step with their sources:
//! every transaction that changes a case's data, step or documents, or a parameter, calls
//! [`refresh`] before it commits, so the À faire overview never reads a stale row.

use passerelle_domain::case::{CaseData, CaseId, DocumentKind};
use passerelle_domain::params::Parameters;
use passerelle_domain::parcours::{self as rules, Held, Step};
use rusqlite::Connection;

use crate::error::StorageError;
use crate::tables::{case_file, derived_rows, document, parameter};

/// Rewrites a case's derived rows from what is stored now.
pub(crate) fn refresh(tx: &Connection, case_id: CaseId) -> Result<(), StorageError> {
    // Archived (or missing) cases have no derived rows.
    let case = match case_file::get(tx, case_id)? {
        Some(case) if case.archived_at.is_none() => case,
        _ => return derived_rows::clear(tx, case_id),
    };
    write(
        tx,
        case_id,
        &case.data,
        case_file::step(tx, case_id)?,
        &document::held(tx, case_id)?,
        &parameter::load(tx)?,
    )
}

/// Writes the derived rows of `data` at `step` (a caller that already holds them: a new case,
/// an imported history).
pub(crate) fn write(
    tx: &Connection,
    case_id: CaseId,
    data: &CaseData,
    step: Step,
    held: &[Held],
    params: &Parameters,
) -> Result<(), StorageError> {
    let deadlines = rules::deadlines(data, step, params);
    let missing = rules::checklist_target(step, data).map(|target| {
        let kinds: Vec<DocumentKind> =
            rules::missing(&rules::checklist(target, data, held)).collect();
        (target, kinds)
    });
    derived_rows::replace(
        tx,
        case_id,
        &deadlines,
        missing.as_ref().map(|(t, k)| (*t, k.as_slice())),
    )
}
