//! Recording a committee's outcome for one dossier: a decision moves the case through the
//! parcours and dates the facts it implies, all in one transaction with the agenda line.

use chrono::{DateTime, NaiveDate, Utc};
use passerelle_domain::case::CaseId;
use passerelle_domain::committee::{
    self as rules, Decision, MeetingDetail, MeetingId, Outcome, OutcomeInput,
};
use passerelle_domain::i18n::{Label, format_date};
use passerelle_domain::parcours::Step;
use rusqlite::Connection;
use serde_json::{Value, json};

use super::meetings;
use crate::error::StorageError;
use crate::journal::Change;
use crate::tables::{case_file, meeting};
use crate::{cases, parcours};

/// Records a committee's outcome for one dossier. A decision moves the case through the
/// parcours (PTP_EN_INSTRUCTION → PTP_ACCORD…) and dates the commission and, for a refusal, the
/// notice that starts the recours delay; an opinion moves a formalised project to the comité
/// step. All or nothing: a blocked transition leaves everything as it was.
pub fn record_outcome(
    conn: &mut Connection,
    actor: &str,
    id: MeetingId,
    case_id: CaseId,
    input: &OutcomeInput,
    today: NaiveDate,
    at: DateTime<Utc>,
) -> Result<MeetingDetail, StorageError> {
    let tx = conn.transaction()?;
    let meeting = meeting::get(&tx, id)?;
    if let Some(when) = meeting::agenda_line(&tx, id, case_id)?.decided_at {
        return Err(StorageError::rule(
            "outcome",
            format!(
                "Une issue est déjà enregistrée pour ce dossier (le {}).",
                when.get(..10).unwrap_or(&when)
            ),
        ));
    }
    let mut case = case_file::get(&tx, case_id)?.ok_or_else(|| case_file::not_found(case_id))?;
    let errors = input.check(meeting.kind, case.data.parcours.amount_requested());
    if !errors.is_empty() {
        return Err(StorageError::Invalid(errors));
    }
    let from = case_file::step(&tx, case_id)?;
    let reason = format!(
        "{} — {}, séance du {}",
        input.outcome.label(),
        meeting.kind.label(),
        format_date(meeting.held_on)
    );
    let path = match input.outcome {
        Outcome::Decision(d) => rules::decision_path(from, d)
            .map_err(|message| StorageError::rule("outcome", message))?,
        Outcome::Opinion(_) if from.allows(Step::ComiteTransitions) => {
            vec![Step::ComiteTransitions]
        }
        Outcome::Opinion(_) => Vec::new(),
    };
    // The dated facts the decision implies, journaled with the case.
    if let Outcome::Decision(d) = input.outcome {
        let facts = &mut case.data.parcours;
        facts.commission_on = Some(meeting.held_on);
        // A refusal of all or part of the request is notified (R6323-15) and opens the recours.
        if matches!(d, Decision::Refus | Decision::AccordPartiel)
            && facts.refusal_notified_on.is_none()
        {
            // The notice leaves the day of the meeting unless the counsellor dates it otherwise.
            facts.refusal_notified_on = Some(meeting.held_on);
        }
        cases::update_in(&tx, actor, case_id, &case.data, at)?;
    }
    for to in path {
        parcours::advance_in(&tx, actor, case_id, to, &reason, today, at)?;
    }
    let motifs = input.motifs.trim();
    meeting::set_outcome(
        &tx,
        id,
        case_id,
        input.outcome,
        motifs,
        input.amount_granted_cents,
        at,
    )?;
    let changes = [Change {
        field: "issue".into(),
        before: Value::Null,
        after: json!({"caseId": case_id, "outcome": input.outcome.code(),
                      "motifs": motifs, "amountGrantedCents": input.amount_granted_cents}),
    }];
    meeting::journal(&tx, actor, id, "update", &changes, at)?;
    tx.commit()?;
    meetings::detail(conn, id)
}
