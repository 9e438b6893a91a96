//! `passerelle cert juries|exam|register|result|certificate|stats`: exam and jury sessions,
//! results, certificates and the staff's figures, without the window.

use std::path::{Path, PathBuf};

use chrono::Utc;
use passerelle_domain::certification::{
    CandidateStatus, Certificate, ExamKind, ExamOutcome, NewExamSession, SuccessRate, format_rate,
};
use passerelle_domain::i18n::{Label, count_noun, format_date};
use passerelle_domain::ids::{EnrolmentId, ExamSessionId};
use passerelle_domain::validate::parse_date_fr;
use passerelle_storage::certification::{exams, staff};
use passerelle_storage::profile;

fn date(flag: &str, text: &str) -> anyhow::Result<chrono::NaiveDate> {
    parse_date_fr(text).map_err(|e| anyhow::anyhow!("{flag} : {e}"))
}

/// `cert juries [--days N] [--json]`: exams and juries of the next N days with their candidates.
pub fn juries(db: Option<PathBuf>, days: u32, json: bool) -> anyhow::Result<()> {
    let (_, conn) = crate::open_db(db)?;
    let today = crate::today();
    let list = exams::between(
        &conn,
        today,
        passerelle_domain::validate::bounds::days_after(
            today,
            passerelle_domain::validate::bounds::clamp_horizon(days),
        ),
        false,
    )?;
    if json {
        println!("{}", serde_json::to_string_pretty(&list)?);
        return Ok(());
    }
    if list.is_empty() {
        println!("Aucun examen ni jury dans les {days} prochains jours.");
    }
    for s in &list {
        println!(
            "{}\t{}\t{}\t{}\t{}\t{}",
            s.id,
            format_date(s.date),
            s.kind.label(),
            s.certification_code,
            s.place,
            count_noun(u64::from(s.candidates), "candidat")
        );
    }
    Ok(())
}

/// `cert session add --date D --kind K --certification CODE --place TEXT`.
pub fn add(
    db: Option<PathBuf>,
    on: &str,
    kind: ExamKind,
    certification: &str,
    place: &str,
) -> anyhow::Result<()> {
    let session = NewExamSession {
        date: date("--date", on)?,
        place: place.to_owned(),
        kind,
        certification_code: certification.to_owned(),
    }
    .validate(crate::today())?;
    let (_, mut conn) = crate::open_db(db)?;
    let actor = profile::actor(&conn)?;
    let s = exams::create(&mut conn, &actor, &session, Utc::now())?;
    println!(
        "Session {} : {} — {} ({})",
        s.id,
        s.title(),
        s.certification_code,
        s.place
    );
    Ok(())
}

/// `cert session show ID [--json]`: the candidates of a session and their results.
pub fn show(db: Option<PathBuf>, id: ExamSessionId, json: bool) -> anyhow::Result<()> {
    let (_, conn) = crate::open_db(db)?;
    let d = exams::detail(&conn, id)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&d)?);
        return Ok(());
    }
    println!(
        "{} — {} {} ({})",
        d.session.title(),
        d.session.certification_code,
        d.session.certification_title,
        d.session.place
    );
    for c in &d.candidates {
        let result = c
            .result
            .as_ref()
            .map_or("résultat à saisir".to_owned(), |r| {
                if r.validated_blocs.is_empty() {
                    r.outcome.label().to_owned()
                } else {
                    format!("{} : {}", r.outcome.label(), r.validated_blocs.join(", "))
                }
            });
        println!(
            "  inscription {}\t{}\t{}\t{result}",
            c.enrolment_id, c.reference, c.name
        );
    }
    Ok(())
}

/// `cert register SESSION ENROLMENT`.
pub fn register(
    db: Option<PathBuf>,
    session: ExamSessionId,
    enrolment: EnrolmentId,
) -> anyhow::Result<()> {
    let (_, mut conn) = crate::open_db(db)?;
    let actor = profile::actor(&conn)?;
    exams::register(&mut conn, &actor, session, enrolment, Utc::now())?;
    println!("Inscription {enrolment} inscrite à la session {session}.");
    Ok(())
}

/// `cert result SESSION ENROLMENT --outcome O [--blocs A,B]`.
pub fn result(
    db: Option<PathBuf>,
    session: ExamSessionId,
    enrolment: EnrolmentId,
    outcome: ExamOutcome,
    blocs: &[String],
) -> anyhow::Result<()> {
    let (_, mut conn) = crate::open_db(db)?;
    let actor = profile::actor(&conn)?;
    exams::record_result(
        &mut conn,
        &actor,
        session,
        enrolment,
        outcome,
        blocs,
        crate::today(),
        Utc::now(),
    )?;
    println!("Résultat enregistré : {}.", outcome.label());
    Ok(())
}

/// `cert certificate ENROLMENT --number N --on DATE`.
pub fn certificate(
    db: Option<PathBuf>,
    enrolment: EnrolmentId,
    number: &str,
    on: &str,
) -> anyhow::Result<()> {
    let c = Certificate {
        number: number.to_owned(),
        issued_on: date("--on", on)?,
    };
    let (_, mut conn) = crate::open_db(db)?;
    let actor = profile::actor(&conn)?;
    let c = exams::issue_certificate(&mut conn, &actor, enrolment, &c, crate::today(), Utc::now())?;
    println!(
        "Certificat n° {} délivré le {}.",
        c.number,
        format_date(c.issued_on)
    );
    Ok(())
}

fn print_rates(title: &str, rates: &[SuccessRate]) {
    println!("{title}");
    if rates.is_empty() {
        println!("  aucun résultat enregistré");
    }
    for r in rates {
        println!(
            "  {}\t{}\t{} sur {} (partielles {}, refus {})",
            r.label,
            r.rate().map(format_rate).unwrap_or_else(|| "—".into()),
            r.totales,
            r.results(),
            r.partielles,
            r.refus
        );
    }
}

/// `cert stats [--days N] [--json] [--csv FILE]`: candidates by certification and status,
/// success rates; `--csv` writes the export of every candidate.
pub fn stats(db: Option<PathBuf>, days: u32, json: bool, csv: Option<&Path>) -> anyhow::Result<()> {
    let (_, conn) = crate::open_db(db)?;
    if let Some(path) = csv {
        let (bytes, rows) = staff::candidates_csv(&conn)?;
        passerelle_storage::files::write_atomic(path, &bytes)?;
        eprintln!(
            "{} exportés dans {}.",
            count_noun(u64::from(rows), "candidat"),
            path.display()
        );
    }
    let o = staff::overview(&conn, crate::today(), days)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&o)?);
        return Ok(());
    }
    println!("Candidats par certification");
    for c in &o.by_certification {
        let by: Vec<String> = CandidateStatus::ALL
            .iter()
            .map(|s| format!("{} : {}", s.label(), c.get(*s)))
            .collect();
        println!(
            "  {}\t{}\t{}",
            c.certification_code,
            c.total(),
            by.join(", ")
        );
    }
    print_rates(
        "Taux de réussite par certification",
        &o.rates_by_certification,
    );
    print_rates("Taux de réussite par territoire", &o.rates_by_territory);
    Ok(())
}
