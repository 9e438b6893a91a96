//! `passerelle diagnostic add|link`: company diagnostics and the case files of the people
//! they concern.

use std::path::{Path, PathBuf};

use chrono::Utc;
use passerelle_domain::case::CaseId;
use passerelle_domain::diagnostic::Diagnostic;
use passerelle_domain::i18n::{count_with, format_date};
use passerelle_storage::diagnostics;

/// `diagnostic add --json FILE|-`: one diagnostic with its lines (the app's shape).
pub fn add(db: Option<PathBuf>, input: &Path) -> anyhow::Result<()> {
    let d: Diagnostic = crate::json_file(
        input,
        "un objet { \"siret\": …, \"date\": …, \"author\": …, \"drivers\": […], \"horizonMonths\": …, \"stage\": …, \"lines\": […] }",
    )?;
    let (_, mut conn) = crate::open_db(db)?;
    let saved = diagnostics::save(&mut conn, d, crate::today(), Utc::now())?;
    println!(
        "Diagnostic n°{} du {} enregistré : {}, {} exposés.",
        saved.id,
        format_date(saved.date),
        count_with(saved.lines.len() as u64, "métier", "métiers"),
        saved.at_risk()
    );
    for l in &saved.lines {
        println!(
            "  ligne {}\t{}\t{} / {}\t{}",
            l.id,
            l.rome,
            l.at_risk,
            l.headcount,
            l.outlook.label()
        );
    }
    Ok(())
}

/// `diagnostic link CASE LINE` (or `--unlink`): the person of a case comes from this line.
pub fn link(db: Option<PathBuf>, case: CaseId, line: Option<i64>) -> anyhow::Result<()> {
    let (_, mut conn) = crate::open_db(db)?;
    diagnostics::link(&mut conn, case, line)?;
    match line {
        Some(line) => println!(
            "Dossier {} rattaché à la ligne de diagnostic {line}.",
            case.0
        ),
        None => println!("Dossier {} détaché de sa ligne de diagnostic.", case.0),
    }
    Ok(())
}
