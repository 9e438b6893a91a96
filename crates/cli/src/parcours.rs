//! `passerelle parcours show|advance`, `deadlines` and `eligibility`.

use std::path::PathBuf;

use anyhow::bail;
use chrono::{NaiveDate, Utc};
use passerelle_domain::case::CaseId;
use passerelle_domain::i18n::{Label, format_date};
use passerelle_domain::parcours::{DocStatus, RuleOutcome, Step};
use passerelle_domain::validate::parse_date_fr;
use passerelle_storage::{cases, parcours, profile, todo};

pub fn show(db: Option<PathBuf>, id: CaseId, json: bool) -> anyhow::Result<()> {
    let (_, conn) = crate::open_db(db)?;
    let view = parcours::view(&conn, id, crate::today())?;
    if json {
        println!("{}", serde_json::to_string_pretty(&view)?);
        return Ok(());
    }
    println!(
        "Étape actuelle : {} ({})",
        view.current.label(),
        view.current.code()
    );
    for t in &view.history {
        println!(
            "  {} : {} → {} ({}){}",
            t.at,
            t.from.code(),
            t.to.code(),
            t.actor,
            if t.reason.is_empty() {
                String::new()
            } else {
                format!(" — {}", t.reason)
            }
        );
    }
    println!("Étapes possibles :");
    for n in &view.next {
        if n.unmet.is_empty() {
            println!("  {} : possible", n.step.code());
        } else {
            println!("  {} : bloquée — {}", n.step.code(), n.unmet.join(" ; "));
        }
    }
    if let Some(target) = view.checklist_step {
        println!("Pièces pour « {} » :", target.label());
        for item in &view.checklist {
            let status = match item.status {
                DocStatus::Manquant => "manquant",
                DocStatus::Recu => "reçu",
                DocStatus::Valide => "validé",
                DocStatus::NonApplicable => "non applicable",
            };
            println!(
                "  {} : {status}{}",
                item.kind.label(),
                if item.required {
                    ""
                } else {
                    " (le cas échéant)"
                }
            );
        }
    }
    for d in &view.deadlines {
        println!(
            "Échéance {} : {}{}",
            format_date(d.due),
            d.label,
            if d.done { " (fait)" } else { "" }
        );
    }
    for note in &view.notes {
        println!("À savoir : {note}");
    }
    Ok(())
}

pub fn advance(db: Option<PathBuf>, id: CaseId, to: Step, reason: &str) -> anyhow::Result<()> {
    let (_, mut conn) = crate::open_db(db)?;
    let actor = profile::actor(&conn)?;
    let t = parcours::advance(
        &mut conn,
        &actor,
        id,
        to,
        reason,
        crate::today(),
        Utc::now(),
    )?;
    println!("{} → {}", t.from.code(), t.to.code());
    Ok(())
}

pub fn deadlines(
    db: Option<PathBuf>,
    days: u32,
    filter: &passerelle_domain::parcours::TodoFilter,
    json: bool,
) -> anyhow::Result<()> {
    let (_, mut conn) = crate::open_db(db)?;
    let today = crate::today();
    parcours::apply_tacit_agreements(&mut conn, today, Utc::now())?;
    let todo = todo::overview(&conn, today, days, 60, filter)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&todo)?);
        return Ok(());
    }
    for (title, items) in [("En retard", &todo.overdue), ("À venir", &todo.upcoming)] {
        println!("{title} :");
        for i in items {
            println!(
                "  {}\t{}\t{}\t{}",
                format_date(i.due),
                i.reference,
                i.name,
                i.label
            );
        }
    }
    eprintln!(
        "{} en retard, {} dans les {} jours",
        todo.overdue_total,
        todo.upcoming_total,
        passerelle_domain::validate::bounds::clamp_horizon(days)
    );
    Ok(())
}

/// `deadlines --ics FILE`: the deadlines and committee sittings ahead as an iCalendar file.
pub fn calendar(
    db: Option<PathBuf>,
    days: u32,
    filter: &passerelle_domain::parcours::TodoFilter,
    file: &std::path::Path,
) -> anyhow::Result<()> {
    let (_, mut conn) = crate::open_db(db)?;
    let today = crate::today();
    parcours::apply_tacit_agreements(&mut conn, today, Utc::now())?;
    let events = passerelle_storage::calendar::events(&conn, today, days, filter)?;
    let ics = passerelle_domain::calendar::ics(&events, Utc::now());
    std::fs::write(file, ics)
        .map_err(|e| anyhow::anyhow!("{} : écriture impossible ({e})", file.display()))?;
    let sittings = events
        .iter()
        .filter(|e| e.category == "Séance de comité")
        .count() as u64;
    println!(
        "{} et {} écrites dans {} (références des dossiers, sans nom).",
        passerelle_domain::i18n::count_with(
            events.len() as u64 - sittings,
            "échéance",
            "échéances"
        ),
        passerelle_domain::i18n::count_with(sittings, "séance de comité", "séances de comité"),
        file.display()
    );
    Ok(())
}

pub fn eligibility(
    db: Option<PathBuf>,
    id: CaseId,
    at: Option<&str>,
    json: bool,
) -> anyhow::Result<()> {
    let (_, conn) = crate::open_db(db)?;
    let Some(case) = cases::get(&conn, id)? else {
        bail!("Dossier {id} introuvable.")
    };
    let today = crate::today();
    let at: NaiveDate = match at {
        Some(text) => parse_date_fr(text).map_err(|e| anyhow::anyhow!("--at : {e}"))?,
        None => case.data.parcours.training.start.unwrap_or(today),
    };
    let params = parcours::parameters(&conn)?;
    let rules = passerelle_domain::parcours::ptp_eligibility(&case.data, at, &params);
    // Démission-reconversion: counted back from the planned end of the contract.
    let demission_at = passerelle_domain::parcours::demission_reference(&case.data, today);
    let demission = passerelle_domain::parcours::demission_eligibility(&case.data, today, &params);
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({
                "at": at,
                "rules": rules,
                "demission": {"at": demission_at, "rules": demission},
            }))?
        );
        return Ok(());
    }
    let print = |rules: &[passerelle_domain::parcours::RuleResult]| {
        for r in rules {
            let mark = match r.outcome {
                RuleOutcome::Met => "remplie",
                RuleOutcome::Exempt => "non exigée",
                RuleOutcome::Unmet => "NON remplie",
                RuleOutcome::Unknown => "à compléter",
            };
            println!("  {} : {mark} — {}", r.rule, r.explanation);
        }
    };
    println!(
        "Éligibilité au projet de transition professionnelle, au {} :",
        format_date(at)
    );
    print(&rules);
    println!(
        "Démission-reconversion, à la fin du contrat prévue ({}) :",
        format_date(demission_at)
    );
    print(&demission);
    Ok(())
}
