//! Writing the demo data into a database: the case files with their past (steps, documents),
//! the certification catalogue, enrolments, exam sessions and VAE follow-ups, and two committee
//! meetings to come with their agenda — all through the storage layer's own use cases, so the
//! demo obeys the same rules and journal as data typed in the app.

use std::collections::HashMap;
use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use passerelle_domain::case::DocumentKind;
use passerelle_domain::committee::{CommitteeKind, NewMeeting};
use passerelle_domain::i18n::Label;
use passerelle_domain::ids::CaseId;
use passerelle_storage::committee::meetings;
use passerelle_storage::keys::KdfParams;
use passerelle_storage::parcours::{self, CaseHistory};
use passerelle_storage::records::{self, StoredDocument};
use passerelle_storage::{Connection, StorageError};

/// Who signs demo data in the journal.
pub const DEMO_ACTOR: &str = "Données de démonstration";

/// Rows per transaction: big enough to be fast, small enough to keep memory flat.
const BATCH: usize = 2_000;

/// What [`seed`] wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Seeded {
    pub cases: Vec<CaseId>,
    pub meetings: usize,
}

fn morning(date: NaiveDate) -> DateTime<Utc> {
    date.and_hms_opt(9, 30, 0).unwrap_or_default().and_utc()
}

/// One small file per kind of document (the store keeps identical contents once).
fn demo_documents(
    conn: &Connection,
    dir: &Path,
) -> Result<HashMap<DocumentKind, (String, u64)>, StorageError> {
    let mut stored = HashMap::new();
    for kind in <DocumentKind as Label>::ALL {
        let content = format!("Document de démonstration — {}\n", kind.label()).into_bytes();
        let sha = records::store_content(conn, dir, &content)?;
        stored.insert(*kind, (sha, content.len() as u64));
    }
    Ok(stored)
}

/// Adds `count` demo case files (deterministic for a `seed`) evaluated on `today`, with their
/// certifications and two committee meetings; documents are kept in `documents_dir`.
pub fn seed(
    conn: &mut Connection,
    documents_dir: &Path,
    count: usize,
    seed: u64,
    today: NaiveDate,
) -> Result<Seeded, StorageError> {
    // Fictional people in this database from now on: the window and the PDFs say so.
    passerelle_storage::setting::mark_demo(conn)?;
    let stored = demo_documents(conn, documents_dir)?;
    crate::employers::save_establishments(conn, Utc::now())?;
    let demo = crate::generate_with_parcours(count, seed, today);
    let mut cases = Vec::with_capacity(demo.len());
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
        cases.extend(parcours::import_histories(conn, DEMO_ACTOR, &histories)?);
    }
    crate::certifications::enrol(conn, &demo, &cases, today)?;
    let employees: Vec<(CaseId, String, String)> = demo
        .iter()
        .zip(&cases)
        .map(|(c, id)| {
            let s = &c.data.situation;
            (*id, s.employer.siret.clone(), s.job_rome.clone())
        })
        .collect();
    crate::employers::seed_territory(conn, &employees, today, Utc::now())?;
    let offer = crate::offer::training_offer(today);
    passerelle_storage::training::save(conn, &offer, "offre de démonstration", Utc::now())?;
    let meetings = committee_meetings(conn, today)?;
    Ok(Seeded { cases, meetings })
}

/// [`seed`] into the protected database at `path`, unlocked with `passphrase` or created with
/// it (and `kdf`) if missing; its documents beside it. For tests and benchmarks.
pub fn seed_file(
    path: &Path,
    passphrase: &str,
    kdf: KdfParams,
    count: usize,
    seed_value: u64,
    today: NaiveDate,
) -> Result<Seeded, StorageError> {
    let (mut conn, _) = passerelle_storage::protect::open_or_create(path, passphrase, kdf)?;
    seed(
        &mut conn,
        &passerelle_storage::files::documents_dir(path),
        count,
        seed_value,
        today,
    )
}

/// Two meetings to come, their agenda filled with cases their committee examines (the
/// storage's own candidate list, so the committee's rules apply): a commission paritaire in
/// three weeks, a comité des transitions individuelles in ten days.
fn committee_meetings(conn: &mut Connection, today: NaiveDate) -> Result<usize, StorageError> {
    let meetings = [
        (
            CommitteeKind::CommissionParitaire,
            21,
            "Transitions Pro Grand Est, Metz",
            vec![
                "Mme A. Martin (collège employeurs)".to_owned(),
                "M. B. Klein (collège salariés)".to_owned(),
            ],
            12,
        ),
        (
            CommitteeKind::ComiteLocal,
            10,
            "Maison de l’emploi de Sarrebourg",
            vec!["Mme C. Weber (Hub AFNOR Moselle Sud)".to_owned()],
            6,
        ),
    ];
    let mut created = 0;
    for (kind, days, place, members, most) in meetings {
        let meeting = meetings::create(
            conn,
            DEMO_ACTOR,
            &NewMeeting {
                kind: Some(kind),
                held_on: today.checked_add_days(chrono::Days::new(days)),
                place: place.to_owned(),
                members,
            },
            Utc::now(),
        )?;
        created += 1;
        let candidates = meetings::candidates(conn, meeting.id)?;
        for case in candidates.iter().take(most) {
            meetings::add_case(conn, DEMO_ACTOR, meeting.id, case.id, Utc::now())?;
        }
    }
    Ok(created)
}

#[cfg(test)]
mod tests {
    use passerelle_storage::keys::KdfParams;

    const PASSPHRASE: &str = "le merle chante sur le toit de Sarrebourg";

    #[test]
    fn the_seeded_catalogue_links_each_fiche_to_the_trades_it_prepares() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.sqlite3");
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let seeded =
            super::seed_file(&path, PASSPHRASE, KdfParams::TEST, 120, 2026, today).unwrap();
        assert_eq!(seeded.cases.len(), 120);
        let (conn, _) =
            passerelle_storage::protect::open_or_create(&path, PASSPHRASE, KdfParams::TEST)
                .unwrap();
        for fiche in crate::catalogue() {
            let stored = passerelle_storage::catalogue::get(&conn, &fiche.code)
                .unwrap()
                .unwrap();
            let mut romes = fiche.rome_codes.clone();
            romes.sort();
            assert_eq!(stored.rome_codes, romes, "{}", fiche.code);
            assert_eq!(stored.blocs, fiche.blocs, "{}", fiche.code);
        }
    }
}
