//! `passerelle territory list|add`.

use std::path::PathBuf;

use anyhow::bail;
use chrono::Utc;
use passerelle_storage::profile;
use passerelle_storage::territory as territories;

pub fn list(db: Option<PathBuf>, json: bool) -> anyhow::Result<()> {
    let (_, conn) = crate::open_db(db)?;
    let all = territories::list(&conn)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&all)?);
    } else {
        for t in all {
            println!("{}\t{}", t.code, t.label);
        }
    }
    Ok(())
}

pub fn add(db: Option<PathBuf>, label: &str) -> anyhow::Result<()> {
    if territories::code_for(label).is_empty() {
        bail!("Nom du territoire vide : saisissez un nom, ex. « Pays de Sarrebourg ».");
    }
    let (_, mut conn) = crate::open_db(db)?;
    let actor = profile::actor(&conn)?;
    let added = territories::add(&mut conn, &actor, label, Utc::now())?;
    println!("{}\t{}", added.code, added.label);
    Ok(())
}

/// `territory dashboard CODE [--epci SIREN]`: the Territoires screen as text or JSON, and its
/// tables as XLSX or CSV (ZIP) with small counts suppressed.
pub fn dashboard(
    db: Option<PathBuf>,
    scope: &passerelle_domain::dashboard::Scope,
    json: bool,
    xlsx: Option<&std::path::Path>,
    csv: Option<&std::path::Path>,
) -> anyhow::Result<()> {
    use passerelle_domain::i18n::format_count;
    use passerelle_storage::dashboard;
    let (_, conn) = crate::open_db(db)?;
    if xlsx.is_some() || csv.is_some() {
        let (tables, threshold, source) = dashboard::export_tables(&conn, scope, crate::today())?;
        if let Some(path) = xlsx {
            let bytes = passerelle_sheets::xlsx(&tables, &source, threshold)?;
            passerelle_storage::files::write_atomic(path, &bytes)?;
            eprintln!(
                "{} écrit (effectifs inférieurs à {threshold} masqués).",
                path.display()
            );
        }
        if let Some(path) = csv {
            let bytes = passerelle_sheets::csv_zip(&tables, threshold)?;
            passerelle_storage::files::write_atomic(path, &bytes)?;
            eprintln!(
                "{} écrit (effectifs inférieurs à {threshold} masqués).",
                path.display()
            );
        }
    }
    let d = dashboard::dashboard(&conn, scope)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&d)?);
        return Ok(());
    }
    if xlsx.is_some() || csv.is_some() {
        return Ok(());
    }
    println!("{}", d.scope_label);
    println!(
        "Établissements suivis : {} (diagnostiqués : {}, avec besoins ouverts : {})",
        format_count(d.establishments),
        format_count(d.diagnosed),
        format_count(d.with_needs)
    );
    println!("Familles de métiers (exposés / postes à pourvoir) :");
    for f in &d.families {
        println!(
            "  {}\t{}\t{} / {}",
            f.family, f.label, f.at_risk, f.open_posts
        );
    }
    println!("Métiers :");
    for t in &d.trades {
        println!(
            "  {}\t{}\t{}{}\t{} exposés, {} postes",
            t.rome,
            t.label,
            t.outlook().label(),
            if t.decided.is_some() {
                ""
            } else {
                " (suggéré)"
            },
            t.evidence.at_risk,
            t.evidence.open_posts
        );
    }
    println!("Dossiers ouverts : {}", format_count(d.cases_opened));
    for o in d.outcomes.iter().filter(|o| o.count > 0) {
        println!("  {}\t{}", o.outcome.label(), format_count(o.count));
    }
    if !d.certifications.is_empty() {
        println!("Certifications obtenues :");
        for c in &d.certifications {
            println!("  {}\t{}\t{}", c.code, c.title, c.count);
        }
    }
    Ok(())
}

/// `territory label CODE ROME OUTLOOK [--comment TEXT]`: a coordinator's label for a trade.
pub fn label(
    db: Option<PathBuf>,
    territory: &str,
    rome: &str,
    outlook: &str,
    comment: &str,
) -> anyhow::Result<()> {
    use passerelle_domain::diagnostic::Outlook;
    let Some(outlook) = Outlook::from_code(outlook) else {
        bail!("libellé « {outlook} » inconnu : écrivez peril, mutation, stable ou devenir");
    };
    let (_, mut conn) = crate::open_db(db)?;
    let actor = profile::actor(&conn)?;
    let input = passerelle_domain::trade_label::LabelInput {
        rome: rome.to_owned(),
        territory: territory.to_owned(),
        outlook,
        comment: comment.to_owned(),
    };
    let l = passerelle_storage::dashboard::save_label(
        &mut conn,
        &actor,
        input,
        crate::today(),
        Utc::now(),
    )?;
    println!(
        "{} « {} » sur {} (suggestion : « {} »), signé {} le {}.",
        l.rome,
        l.outlook.label(),
        l.territory,
        l.suggested.label(),
        l.signed_by,
        passerelle_domain::i18n::format_date(l.decided_on)
    );
    Ok(())
}
