//! The committee dossier read model: everything a dossier PDF shows for one case, gathered from
//! the case, its parcours, enrolments, documents, earlier outcomes and the meeting, then built
//! by the domain (`passerelle_domain::committee::build`), full or pseudonymised.

use std::collections::HashSet;

use chrono::NaiveDate;
use passerelle_domain::case::{CaseId, sharing_withdrawn};
use passerelle_domain::certification::{BlocStatus, Certification};
use passerelle_domain::committee::{
    self as rules, ChangesSince, DossierInput, DossierView, MeetingId, MeetingPack, Variant,
};
use passerelle_domain::i18n::format_date;
use passerelle_domain::params::key;
use passerelle_domain::parcours::{Step, checklist};
use passerelle_domain::validate::{CertificationCode, parse_certification_code};
use rusqlite::Connection;

use super::meetings;
use crate::certification::enrolments;
use crate::error::StorageError;
use crate::journal;
use crate::parcours;
use crate::tables::{
    case_file, catalogue, document, export, meeting, parameter, profile, territory,
};

/// The certification a project targets (the parent of a bloc code), from the catalogue.
fn target_certification(
    conn: &Connection,
    code: &str,
) -> Result<Option<Certification>, StorageError> {
    let code = match parse_certification_code(code) {
        Ok(CertificationCode::RncpBloc(bloc)) => {
            bloc.split("BC").next().unwrap_or_default().to_owned()
        }
        Ok(other) => other.as_str().to_owned(),
        Err(_) => return Ok(None),
    };
    catalogue::get(conn, &code)
}

/// The committee dossier of a case, full or pseudonymised, for a meeting or on its own;
/// `recipients`: who it is for (its watermark). Refused when the person withdrew the consent
/// to share the dossier with funders or a committee.
pub fn view(
    conn: &Connection,
    case_id: CaseId,
    pseudonymised: bool,
    meeting_id: Option<MeetingId>,
    recipients: &[String],
    today: NaiveDate,
) -> Result<DossierView, StorageError> {
    let mut case = case_file::get(conn, case_id)?.ok_or_else(|| case_file::not_found(case_id))?;
    if let Some(withdrawn) = sharing_withdrawn(&case.data.beneficiary.consents) {
        return Err(StorageError::rule(
            "consent",
            format!(
                "Dossier {} : la personne a retiré le {} son consentement au partage avec les financeurs ou le comité ; il ne peut pas leur être transmis. Recueillez à nouveau son consentement (onglet Identité), ou retirez le dossier de l’ordre du jour.",
                case.reference,
                format_date(withdrawn)
            ),
        ));
    }
    // Committee members read the territory's name, not its code.
    let territory = &mut case.data.beneficiary.territory;
    if let Some(t) = territory::list(conn)?
        .into_iter()
        .find(|t| &t.code == territory)
    {
        *territory = t.label;
    }
    let parcours_view = parcours::view(conn, case_id, today)?;
    let params = parameter::load(conn)?;
    let certification = target_certification(conn, &case.data.project.target_certification)?;
    let acquired: HashSet<String> = enrolments::for_case(conn, case_id)?
        .into_iter()
        .flat_map(|e| e.blocs)
        .filter(|b| b.status == BlocStatus::Acquis)
        .map(|b| b.code)
        .collect();
    // A PTP dossier is judged on the funding file's documents, wherever the case stands now.
    let (checklist_step, items) = if parcours_view.current.code().starts_with("PTP_") {
        let held = document::held(conn, case_id)?;
        (
            Some(Step::PtpDossierDepose),
            checklist(Step::PtpDossierDepose, &case.data, &held),
        )
    } else {
        (
            parcours_view.checklist_step,
            parcours_view.checklist.clone(),
        )
    };
    let mut header = None;
    let mut outcome = None;
    let mut pseudonym = None;
    if let Some(mid) = meeting_id {
        let m = meeting::get(conn, mid)?;
        let Some(row) = meeting::agenda(conn, mid, Some(case_id))?.pop() else {
            return Err(StorageError::rule(
                "caseId",
                format!(
                    "Le dossier {} n’est pas à l’ordre du jour de cette séance.",
                    case.reference
                ),
            ));
        };
        pseudonym = Some(row.pseudonym);
        outcome = row.outcome.map(|o| (o, row.motifs, row.granted));
        header = Some(m.header(Some(row.position)));
    }
    let changes_since = match meeting::previous_outcome(conn, case_id, meeting_id)? {
        Some((meeting_on, label, decided_at)) => {
            let mut changes = Vec::new();
            for entry in journal::entries_for(conn, case_file::JOURNALED.entity, case_id.0)? {
                if entry.at > decided_at {
                    for change in entry.changes {
                        changes.push((entry.at.clone(), change));
                    }
                }
            }
            Some(ChangesSince {
                meeting_on,
                outcome: label.to_owned(),
                changes,
            })
        }
        None => None,
    };
    let variant = if pseudonymised {
        let pseudonym = match pseudonym {
            Some(p) => p,
            // Outside a meeting: a fresh salt for each export, so two exports cannot be
            // linked to each other through their pseudonyms.
            None => {
                let mut salt = [0u8; 16];
                getrandom::fill(&mut salt).map_err(|e| {
                    StorageError::Internal(format!("générateur aléatoire indisponible : {e}"))
                })?;
                rules::pseudonym(&salt, case_id)
            }
        };
        Variant::Pseudonymised { pseudonym }
    } else {
        Variant::Full
    };
    let structure = profile::get(conn)?.map(|p| p.structure).unwrap_or_default();
    let matched = crate::matching::chosen(conn, case_id)?;
    let at = header.as_ref().map_or(today, |h| h.held_on);
    let input = DossierInput {
        case: &case,
        parcours: &parcours_view,
        params: &params,
        certification: certification.as_ref(),
        acquired_blocs: &acquired,
        checklist_step,
        checklist: &items,
        counsellor: &case.counsellor,
        structure: &structure,
        meeting: header,
        changes_since,
        outcome,
        at,
        recipients,
        show_provider: params.value(key::PSEUDONYM_SHOW_PROVIDER, at) == Some(1.0),
        matched: matched.as_ref(),
    };
    Ok(rules::build(&input, &variant))
}

/// A meeting's pack: its header and members, and every dossier of its agenda in order. An
/// empty agenda is refused: a pack of no dossier is not a document to send to a committee.
pub fn pack(
    conn: &Connection,
    id: MeetingId,
    pseudonymised: bool,
    recipients: &[String],
    today: NaiveDate,
) -> Result<MeetingPack, StorageError> {
    let detail = meetings::detail(conn, id)?;
    if detail.dossiers.is_empty() {
        return Err(StorageError::rule(
            "dossiers",
            "Ordre du jour vide : ajoutez au moins un dossier avant d’exporter la séance.",
        ));
    }
    let dossiers = detail
        .dossiers
        .iter()
        .map(|d| view(conn, d.case_id, pseudonymised, Some(id), recipients, today))
        .collect::<Result<_, _>>()?;
    Ok(MeetingPack {
        header: detail.meeting.header(None),
        members: detail.meeting.members,
        pseudonymised,
        dossiers,
    })
}

/// Records that a dossier or a pack left the app, for whom, with its content's SHA-256
/// (journaled): an access request lists it, and a leak can be traced to its copy.
#[allow(clippy::too_many_arguments)]
pub fn record_export(
    conn: &mut Connection,
    actor: &str,
    case_id: Option<CaseId>,
    meeting_id: Option<MeetingId>,
    pseudonymised: bool,
    recipients: &[String],
    content_hash: &str,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<(), StorageError> {
    let tx = conn.transaction()?;
    export::insert(
        &tx,
        actor,
        &export::ExportRow {
            kind: if case_id.is_some() { "dossier" } else { "pack" },
            case_id,
            meeting_id,
            pseudonymised,
            recipients,
            content_hash,
        },
        at,
    )?;
    tx.commit()?;
    Ok(())
}
