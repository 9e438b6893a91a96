//! `passerelle rome import|info`, `training import|search`, `match case|need|choose`: the ROME
//! reference in use, the training offer, and matching people with trades, needs and sessions.

use std::path::{Path, PathBuf};

use anyhow::bail;
use chrono::{NaiveDate, Utc};
use passerelle_domain::case::CaseId;
use passerelle_domain::code::Coded;
use passerelle_domain::i18n::{count_with, format_count, format_date};
use passerelle_domain::matching::Match;
use passerelle_domain::training::{SessionQuery, SessionRow, Teaching};
use passerelle_storage::{matching, profile, rome, training};

/// `rome info`: which reference matching uses.
pub fn rome_info(db: Option<PathBuf>, json: bool) -> anyhow::Result<()> {
    let (_, conn) = crate::open_db(db)?;
    let used = rome::in_use(&conn)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&used)?);
        return Ok(());
    }
    let origin = if used.imported_at.is_empty() {
        "livré avec l’application".to_owned()
    } else {
        format!("importé le {} par {}", used.imported_at, used.imported_by)
    };
    println!(
        "ROME {} ({origin}) : {}, {}.",
        used.version,
        count_with(used.fiches as u64, "fiche", "fiches"),
        count_with(used.competences as u64, "compétence", "compétences")
    );
    Ok(())
}

/// `rome import DIR`: France Travail's CSV files of a new version of the ROME.
pub fn rome_import(db: Option<PathBuf>, dir: &Path) -> anyhow::Result<()> {
    let assets = passerelle_import::rome::read_dir(dir)?;
    let (_, conn) = crate::open_db(db)?;
    let actor = profile::actor(&conn)?;
    let used = rome::import(&conn, &actor, assets.files(), Utc::now())?;
    println!(
        "ROME {} importé : {}, {} ; il remplace la version précédente pour les rapprochements.",
        used.version,
        count_with(used.fiches as u64, "fiche", "fiches"),
        count_with(used.competences as u64, "compétence", "compétences")
    );
    Ok(())
}

/// `training import FILE…`: LHEO (`.xml`) or Mon Compte Formation (`.csv`), a file at a time, each
/// all or nothing.
pub fn training_import(db: Option<PathBuf>, files: &[PathBuf]) -> anyhow::Result<()> {
    let (_, mut conn) = crate::open_db(db)?;
    for file in files {
        let bytes = passerelle_import::source::read_bytes(file)?;
        let name = file.display().to_string();
        let is_xml = file
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xml"))
            || bytes.trim_ascii_start().starts_with(b"<");
        let formations = if is_xml {
            passerelle_import::lheo::read_lheo(&bytes, &name)?
        } else {
            passerelle_import::mcf::read_mcf(&bytes, &name)?
        };
        let s = training::save(&mut conn, &formations, &name, Utc::now())?;
        println!(
            "{name} : {} formations, {} actions, {} sessions importées{}.",
            format_count(s.formations),
            format_count(s.actions),
            format_count(s.sessions),
            if s.replaced > 0 {
                format!(
                    " ({} formations d’un import précédent remplacées)",
                    format_count(s.replaced)
                )
            } else {
                String::new()
            }
        );
    }
    Ok(())
}

fn money(cents: Option<i64>) -> String {
    cents.map_or_else(
        || "prix non communiqué".into(),
        |c| format!("{} €", format_count((c / 100) as u64)),
    )
}

fn session_line(s: &SessionRow) -> String {
    let dates = match (s.start, s.end) {
        (Some(a), Some(b)) => format!("{} → {}", format_date(a), format_date(b)),
        (Some(a), None) => format!("dès le {}", format_date(a)),
        _ => "dates non communiquées".into(),
    };
    format!(
        "{}\t{}\t{}\t{}\t{}\t{} h\t{}\t{}",
        s.session_id,
        s.formation_title,
        s.provider.name,
        if s.place.is_empty() { "—" } else { &s.place },
        dates,
        s.hours_total.map_or("?".into(), |h| h.to_string()),
        money(s.price_cents),
        s.reasons.join(" ; ")
    )
}

/// The filters of `training search`.
pub struct SearchArgs {
    pub rome: Option<String>,
    pub certification: Option<String>,
    pub text: String,
    pub modality: Option<String>,
    pub afest: bool,
    pub near: Option<String>,
    pub radius: Option<u32>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub max_hours: Option<u32>,
    pub closed: bool,
    pub limit: u32,
}

pub fn training_search(db: Option<PathBuf>, a: SearchArgs, json: bool) -> anyhow::Result<()> {
    let teaching = match a.modality.as_deref() {
        None => None,
        Some(m) => Some(Teaching::parse_code(m).map_err(|e| anyhow::anyhow!("modalité : {e}"))?),
    };
    if let Some(c) = &a.near
        && passerelle_domain::place::of_commune(c).is_none()
    {
        bail!(
            "commune « {c} » inconnue : donnez le code INSEE d’une commune du Grand Est (08105 pour Charleville-Mézières)"
        );
    }
    let (_, conn) = crate::open_db(db)?;
    let rows = training::search(
        &conn,
        &SessionQuery {
            rome: a.rome,
            certification: a.certification,
            text: a.text,
            teaching,
            afest_only: a.afest,
            starts_after: a.from,
            starts_before: a.to,
            near: a.near,
            radius_km: a.radius,
            max_hours: a.max_hours,
            include_closed: a.closed,
            limit: a.limit,
        },
    )?;
    if json {
        println!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(());
    }
    for s in &rows {
        println!("{}", session_line(s));
    }
    println!("{}.", count_with(rows.len() as u64, "session", "sessions"));
    Ok(())
}

fn print_match(m: &Match) {
    let target = match &m.need {
        Some(n) => format!(
            "besoin n° {} — {} ({}), {}",
            n.need_id,
            n.establishment,
            n.commune_name,
            count_with(u64::from(n.posts), "poste", "postes")
        ),
        None => "métier".to_owned(),
    };
    println!(
        "{:>3}/100  {} {}  [{}]{}",
        m.score,
        m.rome,
        m.rome_label,
        target,
        if m.internal {
            "  ← reconversion interne"
        } else {
            ""
        }
    );
    for p in &m.parts {
        println!(
            "         {:>2}/{:<2} {} : {}",
            p.points,
            p.max,
            p.component.label(),
            p.reason
        );
    }
}

/// `match case ID`: the trades and needs for a person, with their reasons and exclusions.
pub fn for_case(db: Option<PathBuf>, id: i64, limit: usize, json: bool) -> anyhow::Result<()> {
    let (_, conn) = crate::open_db(db)?;
    let found = matching::for_case(&conn, CaseId(id))?;
    if json {
        println!("{}", serde_json::to_string_pretty(&found)?);
        return Ok(());
    }
    if !found.located {
        println!(
            "Commune de la personne introuvable dans le référentiel : distances non calculées."
        );
    }
    for m in found.matches.results.iter().take(limit) {
        print_match(m);
    }
    let unrelated = found.matches.unrelated_needs;
    if !found.matches.excluded.is_empty() || unrelated > 0 {
        println!(
            "Exclus parce que… ({})",
            found.matches.excluded.len() + unrelated as usize
        );
        if unrelated > 0 {
            println!(
                "  {} pour des métiers sans lien ROME avec le métier actuel (ni même métier, ni mobilité, ni même domaine)",
                count_with(u64::from(unrelated), "besoin ouvert", "besoins ouverts")
            );
        }
        for e in found.matches.excluded.iter().take(limit) {
            let what = e.need.as_ref().map_or_else(
                || e.rome.clone(),
                |n| format!("besoin n°{} — {} ({})", n.need_id, n.establishment, e.rome),
            );
            println!("  {what} : {}", e.reasons.join(" ; "));
        }
    }
    println!(
        "Référentiel ROME {} ; offre de formation {}.",
        found.matches.versions.rome,
        if found.matches.versions.offer.is_empty() {
            "non importée".to_owned()
        } else {
            format!("importée le {}", found.matches.versions.offer)
        }
    );
    Ok(())
}

/// `match need ID [--reveal CASE]`: people who fit a need, pseudonymised; a name only with the
/// person's consent, each disclosure journaled.
pub fn for_need(
    db: Option<PathBuf>,
    id: i64,
    reveal: Option<i64>,
    json: bool,
) -> anyhow::Result<()> {
    let (_, mut conn) = crate::open_db(db)?;
    if let Some(case) = reveal {
        let actor = profile::actor(&conn)?;
        let name = matching::disclose(&mut conn, &actor, id, CaseId(case), Utc::now())?;
        println!("{name} (communication enregistrée au journal).");
        return Ok(());
    }
    let found = matching::for_need(&conn, id, crate::today())?;
    if json {
        println!("{}", serde_json::to_string_pretty(&found)?);
        return Ok(());
    }
    for c in &found.candidates {
        println!(
            "{:>3}/100  {}  {}  {} {}  {}  {}",
            c.fit.score,
            c.pseudonym,
            c.age_band,
            c.current_rome,
            c.current_label,
            c.fit
                .distance_km
                .map_or("distance inconnue".into(), |d| format!("{d} km")),
            match (&c.name, c.consented) {
                (Some(n), _) => n.clone(),
                (None, true) => format!("accord donné : --reveal {}", c.case_id.0),
                (None, false) => "nom non communicable (pas d’accord)".into(),
            }
        );
        if !c.fit.missing.is_empty() {
            println!("         à acquérir : {}", c.fit.missing.join(", "));
        }
    }
    if !found.excluded.is_empty() {
        println!("Exclus parce que… ({})", found.excluded.len());
        for (p, reasons) in &found.excluded {
            println!("  {p} : {}", reasons.join(" ; "));
        }
    }
    println!(
        "{}.",
        count_with(found.candidates.len() as u64, "personne", "personnes")
    );
    Ok(())
}

/// `match choose CASE --rome R [--need N] [--session S]`: fills the case's project.
pub fn choose(
    db: Option<PathBuf>,
    case: i64,
    rome: String,
    need: Option<i64>,
    session: Option<i64>,
) -> anyhow::Result<()> {
    let (_, mut conn) = crate::open_db(db)?;
    let actor = profile::actor(&conn)?;
    let file = matching::choose(
        &mut conn,
        &actor,
        &passerelle_domain::matching::Choice {
            case_id: CaseId(case),
            rome,
            need_id: need,
            session_id: session,
        },
        Utc::now(),
    )?;
    let p = &file.data.project;
    let t = &file.data.parcours.training;
    println!(
        "Projet de {} mis à jour : métier visé {}, certification {}, formation « {} » ({}).",
        file.reference,
        p.target_rome,
        if p.target_certification.is_empty() {
            "—"
        } else {
            &p.target_certification
        },
        if t.title.is_empty() { "—" } else { &t.title },
        if t.provider.is_empty() {
            "—"
        } else {
            &t.provider
        }
    );
    Ok(())
}
