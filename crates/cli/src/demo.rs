//! `passerelle demo --cases N [--seed S]`: fills the database with fictional case files spread
//! over the whole parcours (history, documents, deadlines — some overdue).

mod certifications;

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
    certifications::enrol_demo_cases(&mut conn, &demo, &ids, crate::today())?;
    committee_sessions(&mut conn, crate::today())?;
    println!(
        "{} dossiers de démonstration ajoutés à {} en {:.1} s (graine {seed}).",
        format_count(count as u64),
        path.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Two sessions to come, their agenda filled with the demo cases their committee examines: a
/// commission paritaire in three weeks, a comité des transitions individuelles in ten days.
fn committee_sessions(
    conn: &mut passerelle_storage::Connection,
    today: NaiveDate,
) -> anyhow::Result<()> {
    use passerelle_domain::committee::{CommitteeKind, NewSession};
    use passerelle_storage::committees;
    let sessions = [
        (
            CommitteeKind::CommissionParitaire,
            21,
            "Transitions Pro Grand Est, Metz",
            vec![
                "Mme A. Martin (collège employeurs)".to_owned(),
                "M. B. Klein (collège salariés)".to_owned(),
            ],
            "('PTP_DOSSIER_DEPOSE', 'PTP_EN_INSTRUCTION', 'PTP_AJOURNE')",
            12,
        ),
        (
            CommitteeKind::ComiteLocal,
            10,
            "Maison de l’emploi de Sarrebourg",
            vec!["Mme C. Weber (Hub AFNOR Moselle Sud)".to_owned()],
            "('PROJET_FORMALISE', 'COMITE_TRANSITIONS')",
            6,
        ),
    ];
    for (kind, days, place, members, steps, most) in sessions {
        let cases: Vec<i64> = conn
            .prepare(&format!(
                "SELECT id FROM case_file WHERE archived_at IS NULL AND status IN {steps}
                 AND id NOT IN (SELECT case_id FROM session_dossier) ORDER BY id LIMIT {most}"
            ))?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        if cases.is_empty() {
            continue;
        }
        let session = committees::create_session(
            conn,
            DEMO_ACTOR,
            &NewSession {
                kind: Some(kind),
                held_on: today.checked_add_days(chrono::Days::new(days)),
                place: place.to_owned(),
                members,
            },
            Utc::now(),
        )?;
        for case_id in cases {
            committees::add_case(conn, DEMO_ACTOR, session.id, case_id, Utc::now())?;
        }
    }
    Ok(())
}
