//! `passerelle cert import FILE.csv… [--dry-run]` and `cert list [--search TEXT] [--json]`.
//!
//! Reads the CSV files of the France compétences open-data export (`;`, UTF-8 or Windows-1252):
//! the kind of each file is recognised by its headers —
//! Standard (`Numero_Fiche`, `Intitule`, optional `Nomenclature_Europe_Niveau`,
//! `Date_Decision`, `Date_Fin_Enregistrement`, `Actif`), Blocs de compétences (`Numero_Fiche`,
//! `Bloc_Competences_Code`, `Bloc_Competences_Libelle`), ROME (`Numero_Fiche`,
//! `Codes_Rome_Code`) and Certificateurs (`Numero_Fiche`, `Nom_Certificateur`). Unknown columns
//! are ignored. All files of one command are all or nothing; re-importing updates.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use chrono::Utc;
use passerelle_domain::certification::{Bloc, Certification, parse_level};
use passerelle_domain::i18n::format_count;
use passerelle_domain::validate::{CertificationCode, parse_certification_code, parse_date_fr};
use passerelle_storage::catalogue;

use crate::Reported;
use crate::import::{LineError, csv_reader, normalise_header, normalised_text, records};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Standard,
    Blocs,
    Rome,
    Certifiers,
}

/// What one file brings, validated.
#[derive(Debug, Default)]
pub struct Parsed {
    pub fiches: Vec<Certification>,
    pub blocs: Vec<(String, Bloc)>,
    pub romes: Vec<(String, String)>,
    pub certifiers: Vec<(String, String)>,
    pub errors: Vec<LineError>,
}

fn fiche_code(text: &str) -> Result<String, String> {
    match parse_certification_code(text) {
        Ok(CertificationCode::Rncp(c) | CertificationCode::Rs(c)) => Ok(c),
        Ok(CertificationCode::RncpBloc(c)) => Err(format!("« {c} » est un bloc, pas une fiche")),
        Err(e) => Err(e),
    }
}

/// Parses one export file; writes nothing.
pub fn parse(bytes: &[u8]) -> Parsed {
    let text = normalised_text(bytes);
    let mut reader = csv_reader(&text);
    let mut out = Parsed::default();
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(normalise_header).collect(),
        Err(e) => {
            out.errors.push(LineError {
                line: 1,
                column: String::new(),
                reason: format!("en-tête illisible : {e}"),
            });
            return out;
        }
    };
    let col = |name: &str| headers.iter().position(|h| h == name);
    let Some(fiche_col) = col("numero_fiche") else {
        out.errors.push(LineError {
            line: 1,
            column: "Numero_Fiche".into(),
            reason: "colonne obligatoire absente".into(),
        });
        return out;
    };
    let kind = if col("bloc_competences_code").is_some() {
        Kind::Blocs
    } else if col("codes_rome_code").is_some() {
        Kind::Rome
    } else if col("nom_certificateur").is_some() {
        Kind::Certifiers
    } else if col("intitule").is_some() {
        Kind::Standard
    } else {
        out.errors.push(LineError {
            line: 1,
            column: String::new(),
            reason: "fichier non reconnu : en-têtes attendus Intitule, Bloc_Competences_Code, Codes_Rome_Code ou Nom_Certificateur".into(),
        });
        return out;
    };
    for item in records(&mut reader) {
        let (line, record) = match item {
            Ok(r) => r,
            Err(e) => {
                out.errors.push(e);
                continue;
            }
        };
        let cell = |name: &str| {
            col(name)
                .and_then(|i| record.get(i))
                .map(str::trim)
                .unwrap_or("")
        };
        let mut error = |column: &str, reason: String| {
            out.errors.push(LineError {
                line,
                column: column.to_owned(),
                reason,
            });
        };
        let fiche = match fiche_code(record.get(fiche_col).unwrap_or("")) {
            Ok(code) => code,
            Err(e) => {
                error("Numero_Fiche", e);
                continue;
            }
        };
        match kind {
            Kind::Standard => {
                let title = cell("intitule");
                if title.is_empty() {
                    error("Intitule", "intitulé vide".into());
                    continue;
                }
                let level_text = cell("nomenclature_europe_niveau");
                let level = parse_level(level_text);
                if !level_text.is_empty() && level.is_none() {
                    error(
                        "Nomenclature_Europe_Niveau",
                        format!("niveau « {level_text} » : NIV1 à NIV8 attendu"),
                    );
                    continue;
                }
                let mut dates = [None, None];
                let mut bad = false;
                for (i, name) in ["date_decision", "date_fin_enregistrement"]
                    .iter()
                    .enumerate()
                {
                    let t = cell(name);
                    if !t.is_empty() {
                        match parse_date_fr(t) {
                            Ok(d) => dates[i] = Some(d),
                            Err(e) => {
                                error(
                                    if i == 0 {
                                        "Date_Decision"
                                    } else {
                                        "Date_Fin_Enregistrement"
                                    },
                                    e,
                                );
                                bad = true;
                            }
                        }
                    }
                }
                if bad {
                    continue;
                }
                out.fiches.push(Certification {
                    code: fiche,
                    title: title.to_owned(),
                    level,
                    registered_on: dates[0],
                    expires_on: dates[1],
                    active: !cell("actif").eq_ignore_ascii_case("INACTIVE"),
                    ..Certification::default()
                });
            }
            Kind::Blocs => {
                let code = cell("bloc_competences_code").to_ascii_uppercase();
                match parse_certification_code(&code) {
                    Ok(CertificationCode::RncpBloc(c)) if c.starts_with(&format!("{fiche}BC")) => {
                        let title = cell("bloc_competences_libelle");
                        if title.is_empty() {
                            error("Bloc_Competences_Libelle", "libellé du bloc vide".into());
                        } else {
                            out.blocs.push((
                                fiche,
                                Bloc {
                                    code: c,
                                    title: title.to_owned(),
                                },
                            ));
                        }
                    }
                    Ok(_) => error(
                        "Bloc_Competences_Code",
                        format!(
                            "« {code} » n’est pas un bloc de la fiche {fiche} ({fiche}BC01, {fiche}BC02…)"
                        ),
                    ),
                    Err(e) => error("Bloc_Competences_Code", e),
                }
            }
            Kind::Rome => {
                let rome = cell("codes_rome_code").to_ascii_uppercase();
                let b = rome.as_bytes();
                if b.len() == 5
                    && (b'A'..=b'N').contains(&b[0])
                    && b[1..].iter().all(u8::is_ascii_digit)
                {
                    out.romes.push((fiche, rome));
                } else {
                    error(
                        "Codes_Rome_Code",
                        format!(
                            "code ROME « {rome} » : une lettre de A à N et 4 chiffres attendus"
                        ),
                    );
                }
            }
            Kind::Certifiers => {
                let name = cell("nom_certificateur");
                if !name.is_empty() {
                    out.certifiers.push((fiche, name.to_owned()));
                }
            }
        }
    }
    out
}

pub fn import(db: Option<PathBuf>, files: &[PathBuf], dry_run: bool) -> anyhow::Result<()> {
    let (_, mut conn) = crate::open_db(db)?;
    let mut all = Vec::new();
    let mut failed = false;
    for file in files {
        let parsed = parse(&crate::cases::read_input(file)?);
        for e in &parsed.errors {
            failed = true;
            e.print(file);
        }
        all.push((file.clone(), parsed));
    }
    // Blocs, ROME codes and certifiers must point to a fiche known now or in this import.
    let new_fiches: HashSet<String> = all
        .iter()
        .flat_map(|(_, p)| p.fiches.iter().map(|f| f.code.clone()))
        .collect();
    for (file, p) in &all {
        let refs = p
            .blocs
            .iter()
            .map(|(f, _)| f)
            .chain(p.romes.iter().map(|(f, _)| f))
            .chain(p.certifiers.iter().map(|(f, _)| f));
        let mut unknown: HashMap<&String, ()> = HashMap::new();
        for fiche in refs {
            if !new_fiches.contains(fiche)
                && !catalogue::exists(&conn, fiche)?
                && unknown.insert(fiche, ()).is_none()
            {
                failed = true;
                eprintln!(
                    "{} : fiche {fiche} inconnue : importez aussi le fichier des fiches (Standard)",
                    file.display()
                );
            }
        }
    }
    if failed {
        eprintln!("Aucune fiche importée. Corrigez les fichiers puis relancez l’import.");
        return Err(Reported.into());
    }
    let counts = all.iter().fold((0, 0, 0), |acc, (_, p)| {
        (
            acc.0 + p.fiches.len(),
            acc.1 + p.blocs.len(),
            acc.2 + p.romes.len(),
        )
    });
    if dry_run {
        println!(
            "Vérification réussie : {} fiches, {} blocs, {} codes ROME (--dry-run : rien n’a été écrit).",
            format_count(counts.0 as u64),
            format_count(counts.1 as u64),
            format_count(counts.2 as u64)
        );
        return Ok(());
    }
    let tx = conn.transaction()?;
    let now = Utc::now();
    for (_, p) in &all {
        for f in &p.fiches {
            catalogue::upsert(&tx, f, now)?;
        }
    }
    for (_, p) in &all {
        for (fiche, bloc) in &p.blocs {
            catalogue::upsert_bloc(&tx, fiche, bloc)?;
        }
        for (fiche, rome) in &p.romes {
            catalogue::add_rome(&tx, fiche, rome)?;
        }
        for (fiche, name) in &p.certifiers {
            catalogue::set_certifier(&tx, fiche, name)?;
        }
    }
    tx.commit()?;
    println!(
        "{} fiches, {} blocs, {} codes ROME importés ; {} fiches au catalogue.",
        format_count(counts.0 as u64),
        format_count(counts.1 as u64),
        format_count(counts.2 as u64),
        format_count(catalogue::count(&conn)?)
    );
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
    case_id: i64,
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
    let e = passerelle_storage::enrolments::enrol(
        &mut conn,
        &actor,
        case_id,
        &code,
        route,
        chosen,
        Utc::now(),
    )
    .map_err(|e| anyhow::anyhow!(passerelle_domain::AppError::from(e).user_message()))?;
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
    enrolment: i64,
    bloc: &str,
    status: passerelle_domain::certification::BlocStatus,
    on: Option<&str>,
    evidence: &str,
) -> anyhow::Result<()> {
    use passerelle_domain::certification::BlocStatus;
    let on = on
        .map(parse_date_fr)
        .transpose()
        .map_err(|e| anyhow::anyhow!("--on : {e}"))?;
    if status == BlocStatus::Acquis && on.is_none() {
        anyhow::bail!(
            "Un bloc acquis a une date : ajoutez --on jj/mm/aaaa (date du jury ou de l’examen)."
        );
    }
    let (_, mut conn) = crate::open_db(db)?;
    let actor = passerelle_storage::profile::actor(&conn)?;
    passerelle_storage::enrolments::set_bloc_status(
        &mut conn,
        &actor,
        enrolment,
        &bloc.trim().to_ascii_uppercase(),
        status,
        on,
        evidence,
        Utc::now(),
    )
    .map_err(|e| anyhow::anyhow!(passerelle_domain::AppError::from(e).user_message()))?;
    println!(
        "Bloc {bloc} : {}",
        passerelle_domain::i18n::Label::label(status)
    );
    Ok(())
}

/// `cert status CASE_ID [--json]`: per enrolment, blocs acquired, in progress and remaining.
pub fn status(db: Option<PathBuf>, case_id: i64, json: bool) -> anyhow::Result<()> {
    let (_, conn) = crate::open_db(db)?;
    let enrolments = passerelle_storage::enrolments::for_case(&conn, case_id)?;
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
