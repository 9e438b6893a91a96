//! `passerelle demo --cases N [--seed S]`: fills the database with fictional case files spread
//! over the whole parcours (see `passerelle_demo::seed`).

use std::path::PathBuf;
use std::time::Instant;

use passerelle_domain::i18n::format_count;

pub fn run(db: Option<PathBuf>, count: usize, seed: u64) -> anyhow::Result<()> {
    let (path, mut conn) = crate::open_db(db)?;
    let started = Instant::now();
    let documents = passerelle_storage::files::documents_dir(&path);
    passerelle_demo::seed(&mut conn, &documents, count, seed, crate::today())?;
    println!(
        "{} dossiers de démonstration ajoutés à {} en {:.1} s (graine {seed}).",
        format_count(count as u64),
        path.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
