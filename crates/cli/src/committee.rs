//! `passerelle dossier …` and `passerelle session …`: committee dossiers as PDF, sessions, their
//! agenda, session packs and outcomes.

use std::path::{Path, PathBuf};

use anyhow::Context;
use chrono::Utc;
use passerelle_domain::case::CaseId;
use passerelle_domain::committee::{
    CommitteeKind, Decision, NewSession, Opinion, Outcome, OutcomeInput, SessionDetail, SessionId,
};
use passerelle_domain::i18n::{Label, format_date, format_euros, parse_euros};
use passerelle_domain::validate::parse_date_fr;
use passerelle_pdf::{Generation, SessionPack};
use passerelle_storage::{StorageError, committees, profile};

use crate::Reported;

/// Version printed in every PDF footer.
const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

fn generation() -> Generation {
    Generation::from_env_or(Utc::now(), APP_VERSION)
}

/// Prints a storage refusal the way a user can act on it; other errors go up.
fn explain(err: StorageError) -> anyhow::Error {
    match err {
        StorageError::Invalid(errors) => {
            // Each message starts with its field's French name.
            for e in errors {
                eprintln!("{}", e.message);
            }
            Reported.into()
        }
        StorageError::Blocked { step, unmet } => {
            eprintln!("Passage à {step} refusé :");
            for u in unmet {
                eprintln!("  - {u}");
            }
            Reported.into()
        }
        other => other.into(),
    }
}

/// Writes the file whole or not at all (temporary file, then rename).
fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".{}.part",
        path.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("export")
    ));
    std::fs::write(&tmp, bytes).with_context(|| format!("écriture de {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("écriture de {}", path.display()))?;
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
    let view = committees::dossier_view(&conn, case_id, pseudonymise, session, crate::today())
        .map_err(explain)?;
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
    let held_on = match parse_date_fr(date) {
        Ok(d) => Some(d),
        Err(message) => {
            eprintln!("--date : {message}");
            return Err(Reported.into());
        }
    };
    let (_, mut conn) = crate::open_db(db)?;
    let actor = profile::actor(&conn)?;
    let new = NewSession {
        kind: Some(kind),
        held_on,
        place: place.to_owned(),
        members: members.to_vec(),
    };
    let session =
        committees::create_session(&mut conn, &actor, &new, Utc::now()).map_err(explain)?;
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
        detail = Some(
            committees::add_case(&mut conn, &actor, id, case_id, Utc::now()).map_err(explain)?,
        );
    }
    if let Some(d) = detail {
        print_detail(&d);
    }
    Ok(())
}

pub fn order(db: Option<PathBuf>, id: SessionId, cases: &[CaseId]) -> anyhow::Result<()> {
    let (_, mut conn) = crate::open_db(db)?;
    let actor = profile::actor(&conn)?;
    let detail = committees::reorder(&mut conn, &actor, id, cases, Utc::now()).map_err(explain)?;
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
    let (session, dossiers) =
        committees::pack_views(&conn, id, pseudonymise, crate::today()).map_err(explain)?;
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

/// `favorable`, `accord_partiel`… (the stored codes) or their French labels.
pub fn parse_outcome(text: &str) -> Option<Outcome> {
    if let Some(d) = Decision::from_text(text, |d| serde_code(&d)) {
        return Some(Outcome::Decision(d));
    }
    Opinion::from_text(text, |o| serde_code(&o)).map(Outcome::Opinion)
}

fn serde_code<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

pub fn decide(
    db: Option<PathBuf>,
    id: SessionId,
    case_id: CaseId,
    outcome: &str,
    motifs: &str,
    amount: Option<&str>,
) -> anyhow::Result<()> {
    let Some(outcome) = parse_outcome(outcome) else {
        eprintln!(
            "--outcome : issue inconnue « {outcome} ». Décisions : accord, accord_partiel, refus, irrecevable, ajourne ; avis : favorable, reserve, defavorable."
        );
        return Err(Reported.into());
    };
    let amount_granted_cents = match amount {
        None => None,
        Some(text) => match parse_euros(text) {
            Some(c) => Some(c),
            None => {
                eprintln!(
                    "--amount : montant illisible « {text} » ; écrivez par exemple 12500 ou « 12 500,00 »."
                );
                return Err(Reported.into());
            }
        },
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
    )
    .map_err(explain)?;
    print_detail(&detail);
    Ok(())
}
