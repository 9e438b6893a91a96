//! `passerelle dossier …` and `passerelle session …`: committee dossiers as PDF, sessions, their
//! agenda, session packs and outcomes.

use std::path::{Path, PathBuf};

use chrono::Utc;
use passerelle_domain::case::CaseId;
use passerelle_domain::committee::{
    CommitteeKind, NewSession, Outcome, OutcomeInput, SessionDetail, SessionId,
};
use passerelle_domain::i18n::{Label, format_date, format_euros, parse_euros};
use passerelle_domain::validate::parse_date_fr;
use passerelle_pdf::{Generation, SessionPack};
use passerelle_storage::{committees, profile};

/// Version printed in every PDF footer.
const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

fn generation() -> Generation {
    Generation::from_env_or(Utc::now(), APP_VERSION)
}

/// Writes the file whole or not at all (see [`passerelle_storage::files::write_atomic`]).
fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    passerelle_storage::files::write_atomic(path, bytes)?;
    Ok(())
}

pub fn dossier_pdf(
    db: Option<PathBuf>,
    case_id: CaseId,
    output: &Path,
    pseudonymise: bool,
    session: Option<SessionId>,
) -> anyhow::Result<()> {
    let (_, conn) = crate::open_db(db)?;
    let view = committees::dossier_view(&conn, case_id, pseudonymise, session, crate::today())?;
    let bytes = passerelle_pdf::dossier_pdf(&view, &generation());
    write_atomically(output, &bytes)?;
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
    let new = NewSession {
        kind: Some(kind),
        held_on,
        place: place.to_owned(),
        members: members.to_vec(),
    };
    let session = committees::create_session(&mut conn, &actor, &new, Utc::now())?;
    println!(
        "Séance {} : {}, {} ({})",
        session.id,
        session.kind.label(),
        format_date(session.held_on),
        session.place
    );
    Ok(())
}

pub fn list(db: Option<PathBuf>, json: bool) -> anyhow::Result<()> {
    let (_, conn) = crate::open_db(db)?;
    let sessions = committees::sessions(&conn)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&sessions)?);
        return Ok(());
    }
    for s in sessions {
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

fn print_detail(detail: &SessionDetail) {
    let s = &detail.session;
    println!(
        "Séance {} — {}, {} ({})",
        s.id,
        s.kind.label(),
        format_date(s.held_on),
        s.place
    );
    for d in &detail.dossiers {
        let outcome = d.outcome.map_or("—".to_owned(), |o| match o {
            Outcome::Decision(x) => x.label().to_owned(),
            Outcome::Opinion(x) => x.label().to_owned(),
        });
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

pub fn show(db: Option<PathBuf>, id: SessionId, json: bool) -> anyhow::Result<()> {
    let (_, conn) = crate::open_db(db)?;
    let detail = committees::detail(&conn, id)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&detail)?);
    } else {
        print_detail(&detail);
    }
    Ok(())
}

pub fn add(db: Option<PathBuf>, id: SessionId, cases: &[CaseId]) -> anyhow::Result<()> {
    let (_, mut conn) = crate::open_db(db)?;
    let actor = profile::actor(&conn)?;
    let mut detail = None;
    for &case_id in cases {
        detail = Some(committees::add_case(
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

pub fn order(db: Option<PathBuf>, id: SessionId, cases: &[CaseId]) -> anyhow::Result<()> {
    let (_, mut conn) = crate::open_db(db)?;
    let actor = profile::actor(&conn)?;
    let detail = committees::reorder(&mut conn, &actor, id, cases, Utc::now())?;
    print_detail(&detail);
    Ok(())
}

pub fn pack(
    db: Option<PathBuf>,
    id: SessionId,
    output: &Path,
    pseudonymise: bool,
) -> anyhow::Result<()> {
    let (_, conn) = crate::open_db(db)?;
    let (session, dossiers) = committees::pack_views(&conn, id, pseudonymise, crate::today())?;
    let pack = SessionPack {
        header: committees::header(&session),
        members: session.members.clone(),
        pseudonymised: pseudonymise,
        dossiers,
    };
    let bytes = passerelle_pdf::pack_pdf(&pack, &generation());
    write_atomically(output, &bytes)?;
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
    id: SessionId,
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
    let detail = committees::record_outcome(
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
