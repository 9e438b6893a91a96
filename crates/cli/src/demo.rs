//! `passerelle demo --cases N [--seed S]`: fills the database with fictional case files spread
//! over the whole parcours (history, documents, deadlines — some overdue).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::{DateTime, NaiveDate, Utc};
use passerelle_domain::case::DocumentKind;
use passerelle_domain::i18n::{Label, format_count};
use passerelle_storage::parcours::{self, CaseHistory};
use passerelle_storage::records::{self, StoredDocument};

/// Who signs demo data in the journal.
pub const DEMO_ACTOR: &str = "Données de démonstration";

/// Rows per transaction: big enough to be fast, small enough to keep memory flat.
const BATCH: usize = 2_000;

fn morning(date: NaiveDate) -> DateTime<Utc> {
    date.and_hms_opt(9, 30, 0).unwrap_or_default().and_utc()
}

/// One small file per kind of document (the store keeps identical contents once).
fn demo_documents(dir: &Path) -> anyhow::Result<HashMap<DocumentKind, (String, u64)>> {
    let mut stored = HashMap::new();
    for kind in <DocumentKind as Label>::ALL {
        let content = format!("Document de démonstration — {}\n", kind.label()).into_bytes();
        let sha = records::store_content(dir, &content)?;
        stored.insert(*kind, (sha, content.len() as u64));
    }
    Ok(stored)
}

pub fn run(db: Option<PathBuf>, count: usize, seed: u64) -> anyhow::Result<()> {
    let (path, mut conn) = crate::open_db(db)?;
    let started = Instant::now();
    let documents_dir = path.parent().unwrap_or(Path::new(".")).join("documents");
    let stored = demo_documents(&documents_dir)?;
    let demo = passerelle_demo::generate_with_parcours(count, seed, crate::today());
    let mut ids = Vec::with_capacity(demo.len());
    for batch in demo.chunks(BATCH) {
        let histories: Vec<CaseHistory> = batch
            .iter()
            .map(|c| CaseHistory {
                data: c.data.clone(),
                created: morning(c.created),
                steps: c.steps.iter().map(|(s, d)| (*s, morning(*d))).collect(),
                documents: c
                    .documents
                    .iter()
                    .map(|(kind, received)| StoredDocument {
                        kind: *kind,
                        file_name: format!("{}.pdf", kind.label()),
                        sha256: stored[kind].0.clone(),
                        size_bytes: stored[kind].1,
                        received_on: *received,
                    })
                    .collect(),
            })
            .collect();
        ids.extend(parcours::import_histories(
            &mut conn, DEMO_ACTOR, &histories,
        )?);
    }
    enrol_demo_cases(&mut conn, &demo, &ids)?;
    println!(
        "{} dossiers de démonstration ajoutés à {} en {:.1} s (graine {seed}).",
        format_count(count as u64),
        path.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The demo catalogue (once), and an enrolment for every demo case on a certification path, with
/// bloc results that match its step.
fn enrol_demo_cases(
    conn: &mut passerelle_storage::Connection,
    demo: &[passerelle_demo::DemoCase],
    ids: &[i64],
) -> anyhow::Result<()> {
    use passerelle_domain::certification::{BlocStatus, Route};
    use passerelle_domain::parcours::Step;
    use passerelle_storage::{catalogue, enrolments};

    let fiches = passerelle_demo::catalogue();
    let tx = conn.transaction()?;
    for fiche in &fiches {
        if !catalogue::exists(&tx, &fiche.code)? {
            catalogue::upsert(&tx, fiche, Utc::now())?;
            for bloc in &fiche.blocs {
                catalogue::upsert_bloc(&tx, &fiche.code, bloc)?;
            }
        }
    }
    tx.commit()?;
    let mut items = Vec::new();
    for (case, &case_id) in demo.iter().zip(ids) {
        let Some(&(step, date)) = case.steps.last() else {
            continue;
        };
        let reached = |s: Step| case.steps.iter().any(|(x, _)| *x == s);
        let route = if reached(Step::VaeRecevabilite) {
            Route::Vae
        } else if reached(Step::EnFormation) {
            Route::Formation
        } else {
            continue;
        };
        let target = &case.data.project.target_certification;
        let (code, only) = match target.split_once("BC") {
            Some((fiche, _)) => (fiche.to_owned(), Some(target.clone())),
            None => (target.clone(), None),
        };
        let Some(fiche) = fiches.iter().find(|f| f.code == code) else {
            continue;
        };
        let blocs: Vec<_> = fiche
            .blocs
            .iter()
            .filter(|b| only.as_ref().is_none_or(|o| &b.code == o))
            .enumerate()
            .map(|(n, b)| {
                let (status, on) = match step {
                    Step::Certifie | Step::SuiviPostFormation | Step::EnEmploiMetierVise => {
                        (BlocStatus::Acquis, Some(date))
                    }
                    Step::CertifiePartiel if n % 2 == 0 => (BlocStatus::Acquis, Some(date)),
                    Step::CertifiePartiel => (BlocStatus::NonValide, None),
                    Step::VaeRecevabilite => (BlocStatus::AAcquerir, None),
                    _ => (BlocStatus::EnCours, None),
                };
                (b.code.clone(), status, on)
            })
            .collect();
        items.push(enrolments::EnrolmentImport {
            case_id,
            certification: code,
            route,
            blocs,
        });
    }
    enrolments::import_many(conn, DEMO_ACTOR, &items, Utc::now())?;
    Ok(())
}
