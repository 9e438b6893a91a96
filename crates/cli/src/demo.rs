//! `passerelle demo --cases N [--seed S]`: fills the database with fictional case files.

use std::path::PathBuf;
use std::time::Instant;

use chrono::Utc;
use passerelle_domain::i18n::format_count;
use passerelle_storage::cases;

/// Who signs demo data in the journal.
pub const DEMO_ACTOR: &str = "Données de démonstration";

/// Rows per transaction: big enough to be fast, small enough to keep memory flat.
const BATCH: usize = 5_000;

pub fn run(db: Option<PathBuf>, count: usize, seed: u64) -> anyhow::Result<()> {
    let (path, mut conn) = crate::open_db(db)?;
    let started = Instant::now();
    let all = passerelle_demo::generate(count, seed, crate::today());
    for batch in all.chunks(BATCH) {
        cases::create_many(&mut conn, DEMO_ACTOR, batch, Utc::now())?;
    }
    println!(
        "{} dossiers de démonstration ajoutés à {} en {:.1} s (graine {seed}).",
        format_count(count as u64),
        path.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
