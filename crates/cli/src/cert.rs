//! `passerelle cert import FILE…`, `cert list`, `cert enrol`, `cert bloc`, `cert status`.
//!
//! The import reads the France compétences export as downloaded — the ZIP or its CSV files —
//! through [`passerelle_import::catalogue`].

use passerelle_domain::ids::{CaseId, EnrolmentId};
use std::path::PathBuf;

use chrono::Utc;
use passerelle_domain::i18n::format_count;
use passerelle_domain::validate::parse_date_fr;
use passerelle_storage::catalogue;

/// `cert import FILE… [--dry-run]`: the export's ZIP or CSV files, all or nothing.
pub fn import(db: Option<PathBuf>, files: &[PathBuf], dry_run: bool) -> anyhow::Result<()> {
    let mut inputs = Vec::new();
    for file in files {
        inputs.extend(passerelle_import::source::read_path(file)?);
    }
    let (_, mut conn) = crate::open_db(db)?;
    let summary = passerelle_import::catalogue::import(&mut conn, &inputs, dry_run, Utc::now())?;
    for n in &summary.notices {
        eprintln!("note : {n}");
    }
    let counts = format!(
        "{} fiches, {} blocs, {} codes ROME",
        format_count(summary.fiches as u64),
        format_count(summary.blocs as u64),
        format_count(summary.romes as u64)
    );
    if dry_run {
        println!("Vérification réussie : {counts} (--dry-run : rien n’a été écrit).");
    } else {
        println!(
            "{counts} importés ; {} fiches au catalogue.",
            format_count(summary.catalogue)
        );
    }
    Ok(())
}

pub fn list(db: Option<PathBuf>, search: &str, limit: u32, json: bool) -> anyhow::Result<()> {
    let (_, conn) = crate::open_db(db)?;
    let found = catalogue::search(&conn, search, limit)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&found)?);
        return Ok(());
    }
    for c in &found {
        let level = c.level.map(|l| format!("niveau {l}")).unwrap_or_default();
        println!(
            "{}\t{}\t{}\t{} blocs{}",
            c.code,
            c.title,
            level,
            c.blocs.len(),
            if c.active { "" } else { "\t(inactive)" }
        );
    }
    Ok(())
}

/// `cert enrol CASE_ID CODE [--route R] [--blocs A,B]`.
pub fn enrol(
    db: Option<PathBuf>,
    case_id: CaseId,
    code: &str,
    route: passerelle_domain::certification::Route,
    blocs: &[String],
) -> anyhow::Result<()> {
    let (_, mut conn) = crate::open_db(db)?;
    let actor = passerelle_storage::profile::actor(&conn)?;
    let code = code.trim().to_ascii_uppercase();
    let blocs: Vec<String> = blocs
        .iter()
        .map(|b| b.trim().to_ascii_uppercase())
        .collect();
    let chosen = (!blocs.is_empty()).then_some(blocs.as_slice());
    let e = passerelle_storage::certification::enrolments::enrol(
        &mut conn,
        &actor,
        case_id,
        &code,
        route,
        chosen,
        Utc::now(),
    )?;
    println!(
        "Inscription {} : dossier {} → {} ({} blocs)",
        e.id,
        e.case_id,
        e.certification_code,
        e.blocs.len()
    );
    Ok(())
}

/// `cert bloc ENROLMENT BLOC --status S [--on DATE] [--evidence TEXT]`.
pub fn set_bloc(
    db: Option<PathBuf>,
    enrolment: EnrolmentId,
    bloc: &str,
    status: passerelle_domain::certification::BlocStatus,
    on: Option<&str>,
    evidence: &str,
) -> anyhow::Result<()> {
    let on = on
        .map(parse_date_fr)
        .transpose()
        .map_err(|e| anyhow::anyhow!("--on : {e}"))?;
    let (_, mut conn) = crate::open_db(db)?;
    let actor = passerelle_storage::profile::actor(&conn)?;
    passerelle_storage::certification::enrolments::set_bloc_status(
        &mut conn,
        &actor,
        enrolment,
        &bloc.trim().to_ascii_uppercase(),
        status,
        on,
        evidence,
        Utc::now(),
    )?;
    println!(
        "Bloc {bloc} : {}",
        passerelle_domain::i18n::Label::label(status)
    );
    Ok(())
}

/// `cert status CASE_ID [--json]`: per enrolment, blocs acquired, in progress and remaining.
pub fn status(db: Option<PathBuf>, case_id: CaseId, json: bool) -> anyhow::Result<()> {
    let (_, conn) = crate::open_db(db)?;
    let enrolments = passerelle_storage::certification::enrolments::for_case(&conn, case_id)?;
    if json {
        let out: Vec<_> = enrolments
            .iter()
            .map(|e| {
                let (acquired, in_progress, remaining) = e.summary();
                let codes = |v: Vec<&passerelle_domain::certification::EnrolledBloc>| {
                    v.iter().map(|b| b.code.clone()).collect::<Vec<_>>()
                };
                serde_json::json!({
                    "enrolment": e.id, "certification": e.certification_code, "title": e.certification_title,
                    "route": e.route, "acquired": codes(acquired), "inProgress": codes(in_progress),
                    "remaining": codes(remaining),
                })
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(());
    }
    if enrolments.is_empty() {
        println!("Aucune inscription à une certification.");
    }
    for e in &enrolments {
        let (acquired, in_progress, remaining) = e.summary();
        println!(
            "{} — {} ({})",
            e.certification_code,
            e.certification_title,
            passerelle_domain::i18n::Label::label(e.route)
        );
        for (title, blocs) in [
            ("acquis", acquired),
            ("en cours", in_progress),
            ("restant", remaining),
        ] {
            let list: Vec<String> = blocs
                .iter()
                .map(|b| format!("{} {}", b.code, b.title))
                .collect();
            println!(
                "  {title} : {}",
                if list.is_empty() {
                    "—".to_owned()
                } else {
                    list.join(" ; ")
                }
            );
        }
    }
    Ok(())
}
