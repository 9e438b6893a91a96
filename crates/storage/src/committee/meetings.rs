//! Committee meetings and their agenda: created and changed from a checked form, cases put on
//! the agenda when the committee examines their step, taken off while undecided, reordered.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};
use passerelle_domain::case::{CaseId, CaseSummary};
use passerelle_domain::committee::{
    self as rules, AgendaItem, CommitteeKind, Meeting, MeetingDetail, MeetingId, NewMeeting,
};
use passerelle_domain::i18n::Label;
use passerelle_domain::parcours::ALL_STEPS;
use rusqlite::Connection;
use serde_json::{Value, json};

use crate::error::StorageError;
use crate::journal::{self, Change};
use crate::names::display_name;
use crate::tables::case_file;
use crate::tables::meeting::{self, AgendaRow, MeetingRow};

pub use crate::tables::meeting::{get, list};

/// What a meeting form gives, checked field by field: instance, date, members without blanks.
fn checked(
    new: &NewMeeting,
    today: NaiveDate,
) -> Result<(CommitteeKind, NaiveDate, Vec<String>), StorageError> {
    let errors = new.check(today);
    let (Some(kind), Some(held_on), true) = (new.kind, new.held_on, errors.is_empty()) else {
        return Err(StorageError::Invalid(errors));
    };
    let members = new
        .members
        .iter()
        .map(|m| m.trim().to_owned())
        .filter(|m| !m.is_empty())
        .collect();
    Ok((kind, held_on, members))
}

/// Creates a meeting; the input is checked field by field.
pub fn create(
    conn: &mut Connection,
    actor: &str,
    new: &NewMeeting,
    at: DateTime<Utc>,
) -> Result<Meeting, StorageError> {
    let (kind, held_on, members) = checked(new, crate::today_for(at))?;
    let row = MeetingRow {
        kind,
        held_on,
        place: new.place.trim(),
        members: &members,
    };
    let tx = conn.transaction()?;
    let id = meeting::insert(&tx, actor, &row, at)?;
    tx.commit()?;
    get(conn, id)
}

/// Changes a meeting's instance, date, place or members (a commission rescheduled, a member
/// replaced). The instance changes only while the agenda is empty: its dossiers were chosen for
/// the other one.
pub fn update(
    conn: &mut Connection,
    actor: &str,
    id: MeetingId,
    new: &NewMeeting,
    at: DateTime<Utc>,
) -> Result<Meeting, StorageError> {
    let (kind, held_on, members) = checked(new, crate::today_for(at))?;
    let tx = conn.transaction()?;
    let before = get(&tx, id)?;
    if kind != before.kind && before.dossier_count > 0 {
        return Err(StorageError::rule(
            "kind",
            "Instance : retirez d’abord les dossiers de l’ordre du jour, ils ont été choisis pour l’autre instance.",
        ));
    }
    let old = MeetingRow {
        kind: before.kind,
        held_on: before.held_on,
        place: &before.place,
        members: &before.members,
    };
    let row = MeetingRow {
        kind,
        held_on,
        place: new.place.trim(),
        members: &members,
    };
    let changes = journal::diff(&old.as_json(), &row.as_json());
    if changes.is_empty() {
        return Ok(before);
    }
    meeting::update(&tx, id, &row)?;
    meeting::journal(&tx, actor, id, "update", &changes, at)?;
    tx.commit()?;
    get(conn, id)
}

/// A meeting with its agenda in order.
pub fn detail(conn: &Connection, id: MeetingId) -> Result<MeetingDetail, StorageError> {
    let meeting = get(conn, id)?;
    let rows = meeting::agenda(conn, id, None)?;
    let mut dossiers = Vec::with_capacity(rows.len());
    for AgendaRow {
        case_id,
        position,
        pseudonym,
        outcome,
        motifs,
        granted,
        ..
    } in rows
    {
        let case = case_file::get(conn, case_id)?.ok_or_else(|| case_file::not_found(case_id))?;
        let b = &case.data.beneficiary;
        dossiers.push(AgendaItem {
            case_id,
            position,
            pseudonym,
            reference: case.reference.clone(),
            display_name: display_name(&b.birth_name, &b.usage_name, &b.first_names),
            step: case_file::step(conn, case_id)?,
            target_rome: case.data.project.target_rome.clone(),
            amount_requested_cents: case.data.parcours.amount_requested(),
            outcome,
            motifs,
            amount_granted_cents: granted,
        });
    }
    Ok(MeetingDetail { meeting, dossiers })
}

/// Puts a case on a meeting's agenda, last. Only cases at a step the committee examines.
pub fn add_case(
    conn: &mut Connection,
    actor: &str,
    id: MeetingId,
    case_id: CaseId,
    at: DateTime<Utc>,
) -> Result<MeetingDetail, StorageError> {
    let tx = conn.transaction()?;
    let meeting = get(&tx, id)?;
    let case = case_file::get(&tx, case_id)?.ok_or_else(|| case_file::not_found(case_id))?;
    let refuse = |message: String| StorageError::rule("caseId", message);
    if case.archived_at.is_some() {
        return Err(refuse(format!(
            "Dossier {} archivé : restaurez-le avant de le présenter.",
            case.reference
        )));
    }
    let step = case_file::step(&tx, case_id)?;
    if !meeting.kind.accepts(step) {
        return Err(refuse(format!(
            "Dossier {} à l’étape « {} » : {}.",
            case.reference,
            step.label(),
            meeting.kind.accepted_steps_hint()
        )));
    }
    let pseudonym = rules::pseudonym(&meeting::salt(&tx, id)?, case_id);
    let Some(position) = meeting::append_item(&tx, id, case_id, &pseudonym)? else {
        return Err(refuse(format!(
            "Le dossier {} est déjà à l’ordre du jour de cette séance.",
            case.reference
        )));
    };
    let changes = [Change {
        field: "dossiers".into(),
        before: Value::Null,
        after: json!({"caseId": case_id, "reference": case.reference, "position": position}),
    }];
    meeting::journal(&tx, actor, id, "update", &changes, at)?;
    tx.commit()?;
    detail(conn, id)
}

/// Takes a case off the agenda (not once an outcome is recorded); the others close the gap.
pub fn remove_case(
    conn: &mut Connection,
    actor: &str,
    id: MeetingId,
    case_id: CaseId,
    at: DateTime<Utc>,
) -> Result<MeetingDetail, StorageError> {
    let tx = conn.transaction()?;
    if meeting::agenda_line(&tx, id, case_id)?.outcome.is_some() {
        return Err(StorageError::rule(
            "caseId",
            "Une issue est enregistrée pour ce dossier : il reste à l’ordre du jour de la séance.",
        ));
    }
    meeting::remove_item(&tx, id, case_id)?;
    let changes = [Change {
        field: "dossiers".into(),
        before: json!({"caseId": case_id}),
        after: Value::Null,
    }];
    meeting::journal(&tx, actor, id, "update", &changes, at)?;
    tx.commit()?;
    detail(conn, id)
}

/// Sets the agenda's order: `order` lists every case of the meeting exactly once.
pub fn reorder(
    conn: &mut Connection,
    actor: &str,
    id: MeetingId,
    order: &[CaseId],
    at: DateTime<Utc>,
) -> Result<MeetingDetail, StorageError> {
    let tx = conn.transaction()?;
    let current = meeting::order(&tx, id)?;
    let wanted: HashSet<_> = order.iter().collect();
    if order.len() != current.len()
        || wanted.len() != order.len()
        || current.iter().any(|c| !wanted.contains(c))
    {
        return Err(StorageError::rule(
            "order",
            "Ordre du jour : donnez chaque dossier de la séance une fois et une seule.",
        ));
    }
    if current == order {
        return detail(&tx, id);
    }
    meeting::set_order(&tx, id, order)?;
    let changes = [Change {
        field: "ordre".into(),
        before: json!(current),
        after: json!(order),
    }];
    meeting::journal(&tx, actor, id, "update", &changes, at)?;
    tx.commit()?;
    detail(conn, id)
}

/// Cases a meeting could take: at a step its committee examines, not archived, not already on
/// its agenda. For the Comités screen's picker.
pub fn candidates(conn: &Connection, id: MeetingId) -> Result<Vec<CaseSummary>, StorageError> {
    let meeting = get(conn, id)?;
    let steps: Vec<String> = ALL_STEPS
        .iter()
        .filter(|s| meeting.kind.accepts(**s))
        .map(|s| s.code())
        .collect();
    let mut out = Vec::new();
    for case_id in meeting::candidate_ids(conn, id, &steps)? {
        if let Some(case) = case_file::get(conn, case_id)? {
            out.push(case_file::summary(&case));
        }
    }
    Ok(out)
}
