//! `passerelle retention list`, `purge`, `export person` and `registre`: personal data over its
//! whole life — what the retention rules make due, the purge (expired or on request), the
//! access-request export, and the registre of the processing.

use std::path::{Path, PathBuf};

use chrono::Utc;
use passerelle_domain::case::CaseId;
use passerelle_domain::i18n::format_date;
use passerelle_domain::retention::{PurgeScope, RetentionKind};
use passerelle_pdf::Generation;
use passerelle_storage::{access, files, profile, retention};

const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

fn kind_label(kind: RetentionKind) -> &'static str {
    match kind {
        RetentionKind::Inactive => "sans contact",
        RetentionKind::Documents => "pièces à supprimer",
        RetentionKind::Case => "dossier à expurger",
    }
}

pub fn list(db: Option<PathBuf>, json: bool) -> anyhow::Result<()> {
    let (_, conn) = crate::open_db(db)?;
    let items = retention::list(&conn, crate::today())?;
    if json {
        println!("{}", serde_json::to_string_pretty(&items)?);
        return Ok(());
    }
    if items.is_empty() {
        println!("Rien à purger aujourd’hui.");
        return Ok(());
    }
    for item in &items {
        println!(
            "{:>6}  {}  {:<20}  échéance {} — {} ({})",
            item.case_id.0,
            item.reference,
            kind_label(item.kind),
            format_date(item.due_on),
            item.name,
            item.reason
        );
    }
    println!(
        "{} dossier{} à traiter : `passerelle purge DOSSIER --reason … --yes` (ajoutez --documents pour les pièces seules).",
        items.len(),
        if items.len() > 1 { "s" } else { "" }
    );
    Ok(())
}

pub fn purge(
    db: Option<PathBuf>,
    id: CaseId,
    reason: &str,
    yes: bool,
    documents_only: bool,
) -> anyhow::Result<()> {
    let (path, mut conn) = crate::open_db(db)?;
    let scope = if documents_only {
        PurgeScope::Documents
    } else {
        PurgeScope::Case
    };
    if !yes {
        anyhow::bail!(
            "la purge est définitive : {} ; le journal reste vérifiable, ses valeurs sont expurgées. Relancez avec --yes pour confirmer.",
            match scope {
                PurgeScope::Documents => "les pièces du dossier et leurs fichiers seront supprimés",
                PurgeScope::Case =>
                    "l’identité, les coordonnées, la situation, le projet, les entretiens, les pièces et les motifs du dossier seront effacés",
            }
        );
    }
    let actor = profile::actor(&conn)?;
    let report = retention::purge(
        &mut conn,
        &actor,
        id,
        scope,
        reason,
        &files::documents_dir(&path),
        crate::today(),
        Utc::now(),
    )?;
    println!(
        "Dossier {} expurgé : {} entretien(s), {} pièce(s) ({} fichier(s) supprimé(s)), {} entrée(s) du journal expurgée(s). Les décomptes statistiques sont conservés.",
        id.0, report.interviews, report.documents, report.files, report.entries_redacted
    );
    Ok(())
}

/// When and by what the PDF is made, marked on a demonstration database.
fn generation(conn: &passerelle_storage::Connection) -> anyhow::Result<Generation> {
    Ok(Generation::from_env_or(Utc::now(), APP_VERSION)
        .with_demo(passerelle_storage::setting::load(conn)?.demo))
}

pub fn export_person(db: Option<PathBuf>, id: CaseId, output: &Path) -> anyhow::Result<()> {
    let (path, conn) = crate::open_db(db)?;
    let export = access::gather(&conn, id, &files::documents_dir(&path), crate::today())?;
    let generation = generation(&conn)?;
    let summary = passerelle_pdf::person_pdf(&export.record, &export.unreadable, &generation);
    access::write_zip(output, &export, &summary)?;
    println!(
        "Données du dossier {} exportées dans {} : synthese.pdf, donnees.json et {} pièce(s).",
        export.record.case.reference,
        output.display(),
        export.files.len()
    );
    if !export.unreadable.is_empty() {
        eprintln!(
            "Attention : {} pièce(s) illisible(s), non jointe(s) : {}.",
            export.unreadable.len(),
            export.unreadable.join(", ")
        );
    }
    Ok(())
}

pub fn registre(db: Option<PathBuf>, output: &Path) -> anyhow::Result<()> {
    let (_, conn) = crate::open_db(db)?;
    let params = passerelle_storage::parcours::parameters(&conn)?;
    let structure = profile::get(&conn)?
        .map(|p| p.structure)
        .unwrap_or_default();
    let registre = passerelle_domain::registre::registre(&params, &structure, crate::today());
    let generation = generation(&conn)?;
    let bytes = passerelle_pdf::registre_pdf(&registre, &generation);
    files::write_atomic(output, &bytes)?;
    println!("Registre des traitements écrit dans {}.", output.display());
    Ok(())
}
