//! `passerelle dossier …` and `passerelle meeting …`: committee dossiers as PDF, meetings, their
//! agenda, meeting packs and outcomes.

use std::path::{Path, PathBuf};

use chrono::Utc;
use passerelle_domain::case::CaseId;
use passerelle_domain::committee::disclosure;
use passerelle_domain::committee::{
    CommitteeKind, MeetingDetail, MeetingId, NewMeeting, Outcome, OutcomeInput,
};
use passerelle_domain::i18n::{Label, format_date, format_euros, parse_euros};
use passerelle_domain::validate::parse_date_fr;
use passerelle_pdf::Generation;
use passerelle_storage::committee::{decisions, dossier, meetings};
use passerelle_storage::files::write_atomic;
use passerelle_storage::profile;

/// Version printed in every PDF footer.
const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// When and by what the PDF is made, with the journal's head for its footer.
fn generation(conn: &passerelle_storage::Connection) -> anyhow::Result<Generation> {
    Ok(Generation::from_env_or(Utc::now(), APP_VERSION)
        .with_journal_head(passerelle_storage::journal::content_head(conn)?)
        .with_demo(passerelle_storage::setting::load(conn)?.demo))
}

pub fn dossier_pdf(
    db: Option<PathBuf>,
    case_id: CaseId,
    output: &Path,
    pseudonymise: bool,
    meeting: Option<MeetingId>,
    recipients: &[String],
    confirmed: bool,
) -> anyhow::Result<()> {
    let (_, mut conn) = crate::open_db(db)?;
    let view = dossier::view(
        &conn,
        case_id,
        pseudonymise,
        meeting,
        recipients,
        crate::today(),
    )?;
    disclosure::ensure_cleared(&view.findings, confirmed)?;
    let bytes = passerelle_pdf::dossier_pdf(&view, &generation(&conn)?);
    write_atomic(output, &bytes)?;
    let actor = profile::actor(&conn)?;
    dossier::record_export(
        &mut conn,
        &actor,
        Some(case_id),
        meeting,
        pseudonymise,
        recipients,
        &view.content_hash(),
        Utc::now(),
    )?;
    println!(
        "{} ({} octets, empreinte {})",
        output.display(),
        bytes.len(),
        &view.content_hash()[..16]
    );
    Ok(())
}

pub fn create(
    db: Option<PathBuf>,
    kind: CommitteeKind,
    date: &str,
    place: &str,
    members: &[String],
) -> anyhow::Result<()> {
    let held_on = Some(parse_date_fr(date).map_err(|m| anyhow::anyhow!("--date : {m}"))?);
    let (_, mut conn) = crate::open_db(db)?;
    let actor = profile::actor(&conn)?;
    let new = NewMeeting {
        kind: Some(kind),
        held_on,
        place: place.to_owned(),
        members: members.to_vec(),
    };
    let meeting = meetings::create(&mut conn, &actor, &new, Utc::now())?;
    println!(
        "Séance {} : {}, {} ({})",
        meeting.id,
        meeting.kind.label(),
        format_date(meeting.held_on),
        meeting.place
    );
    Ok(())
}

pub fn list(db: Option<PathBuf>, json: bool) -> anyhow::Result<()> {
    let (_, conn) = crate::open_db(db)?;
    let all = meetings::list(&conn)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&all)?);
        return Ok(());
    }
    for s in all {
        println!(
            "{:>4}  {:<18}  {:<38}  {:<24}  {} / {} traités",
            s.id,
            format_date(s.held_on),
            s.kind.label(),
            s.place,
            s.decided_count,
            s.dossier_count
        );
    }
    Ok(())
}

fn print_detail(detail: &MeetingDetail) {
    let s = &detail.meeting;
    println!(
        "Séance {} — {}, {} ({})",
        s.id,
        s.kind.label(),
        format_date(s.held_on),
        s.place
    );
    for d in &detail.dossiers {
        let outcome = d.outcome.map_or("—", Outcome::label);
        println!(
            "{:>3}. {:<8} {:<16} {:<28} {:>14}  {}",
            d.position,
            d.case_id,
            d.pseudonym,
            d.display_name,
            format_euros(d.amount_requested_cents),
            outcome
        );
    }
}

pub fn show(db: Option<PathBuf>, id: MeetingId, json: bool) -> anyhow::Result<()> {
    let (_, conn) = crate::open_db(db)?;
    let detail = meetings::detail(&conn, id)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&detail)?);
    } else {
        print_detail(&detail);
    }
    Ok(())
}

pub fn add(db: Option<PathBuf>, id: MeetingId, cases: &[CaseId]) -> anyhow::Result<()> {
    let (_, mut conn) = crate::open_db(db)?;
    let actor = profile::actor(&conn)?;
    let mut detail = None;
    for &case_id in cases {
        detail = Some(meetings::add_case(
            &mut conn,
            &actor,
            id,
            case_id,
            Utc::now(),
        )?);
    }
    if let Some(d) = detail {
        print_detail(&d);
    }
    Ok(())
}

pub fn order(db: Option<PathBuf>, id: MeetingId, cases: &[CaseId]) -> anyhow::Result<()> {
    let (_, mut conn) = crate::open_db(db)?;
    let actor = profile::actor(&conn)?;
    let detail = meetings::reorder(&mut conn, &actor, id, cases, Utc::now())?;
    print_detail(&detail);
    Ok(())
}

pub fn pack(
    db: Option<PathBuf>,
    id: MeetingId,
    output: &Path,
    pseudonymise: bool,
    recipients: &[String],
    confirmed: bool,
) -> anyhow::Result<()> {
    let (_, mut conn) = crate::open_db(db)?;
    let pack = dossier::pack(&conn, id, pseudonymise, recipients, crate::today())?;
    let findings: Vec<_> = pack
        .dossiers
        .iter()
        .flat_map(|d| {
            d.findings.iter().map(move |f| disclosure::Finding {
                field: format!("{} — {}", d.identity, f.field),
                ..f.clone()
            })
        })
        .collect();
    disclosure::ensure_cleared(&findings, confirmed)?;
    let bytes = passerelle_pdf::pack_pdf(&pack, &generation(&conn)?);
    write_atomic(output, &bytes)?;
    let actor = profile::actor(&conn)?;
    dossier::record_export(
        &mut conn,
        &actor,
        None,
        Some(id),
        pseudonymise,
        recipients,
        &pack.content_hash(),
        Utc::now(),
    )?;
    println!(
        "{} ({} dossiers, {} octets)",
        output.display(),
        pack.dossiers.len(),
        bytes.len()
    );
    Ok(())
}

pub fn decide(
    db: Option<PathBuf>,
    id: MeetingId,
    case_id: CaseId,
    outcome: Outcome,
    motifs: &str,
    amount: Option<&str>,
) -> anyhow::Result<()> {
    let amount_granted_cents = match amount {
        None => None,
        Some(text) => Some(parse_euros(text).ok_or_else(|| {
            anyhow::anyhow!(
                "--amount : montant illisible « {} » ; écrivez par exemple 12500 ou « 12 500,00 »",
                passerelle_domain::validate::excerpt(text)
            )
        })?),
    };
    let (_, mut conn) = crate::open_db(db)?;
    let actor = profile::actor(&conn)?;
    let input = OutcomeInput {
        outcome,
        motifs: motifs.to_owned(),
        amount_granted_cents,
    };
    let detail = decisions::record_outcome(
        &mut conn,
        &actor,
        id,
        case_id,
        &input,
        crate::today(),
        Utc::now(),
    )?;
    print_detail(&detail);
    Ok(())
}
