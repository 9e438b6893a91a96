//! The ROME reference matching reads: the version shipped inside the binary (4.60, France
//! Travail, Licence Ouverte), or the one a user imported with `passerelle rome import`, which
//! replaces it until the next import. Parsed once per version and shared.

use std::sync::{Arc, Mutex, OnceLock};

use chrono::{DateTime, Utc};
use passerelle_domain::error::FieldError;
use passerelle_domain::rome::{ReferenceFiles, ReferenceInUse, RomeReference};
use rusqlite::{Connection, OptionalExtension, params};

use crate::error::StorageError;

const SHIPPED: ReferenceFiles<'static> = ReferenceFiles {
    version: "4.60",
    competences: include_str!("../../../assets/reference/rome_competences.csv"),
    fiches: include_str!("../../../assets/reference/rome_fiches.csv"),
    mobilities: include_str!("../../../assets/reference/rome_mobilities.csv"),
};

fn shipped() -> Arc<RomeReference> {
    static REFERENCE: OnceLock<Arc<RomeReference>> = OnceLock::new();
    REFERENCE
        .get_or_init(|| {
            // Checked by this module's test: a broken asset fails the build's tests, not a user.
            Arc::new(RomeReference::parse(SHIPPED).unwrap_or_default())
        })
        .clone()
}

/// The imported reference last parsed, by its import time.
static IMPORTED: Mutex<Option<(String, Arc<RomeReference>)>> = Mutex::new(None);

/// The reference in use and when it was imported (empty: shipped).
pub fn active(conn: &Connection) -> Result<(Arc<RomeReference>, String), StorageError> {
    let Some(imported_at) = conn
        .query_row("SELECT imported_at FROM rome_reference", [], |r| {
            r.get::<_, String>(0)
        })
        .optional()?
    else {
        return Ok((shipped(), String::new()));
    };
    let mut cache = IMPORTED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((at, reference)) = cache.as_ref()
        && *at == imported_at
    {
        return Ok((reference.clone(), imported_at));
    }
    let (version, competences, fiches, mobilities): (String, String, String, String) = conn
        .query_row(
            "SELECT version, competences, fiches, mobilities FROM rome_reference",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
    let reference = RomeReference::parse(ReferenceFiles {
        version: &version,
        competences: &competences,
        fiches: &fiches,
        mobilities: &mobilities,
    })
    .map_err(|e| StorageError::Json(format!("référentiel ROME importé : {e}")))?;
    let reference = Arc::new(reference);
    *cache = Some((imported_at.clone(), reference.clone()));
    Ok((reference, imported_at))
}

/// Which reference is in use.
pub fn in_use(conn: &Connection) -> Result<ReferenceInUse, StorageError> {
    let (reference, imported_at) = active(conn)?;
    let imported_by = conn
        .query_row("SELECT imported_by FROM rome_reference", [], |r| r.get(0))
        .optional()?
        .unwrap_or_default();
    Ok(ReferenceInUse {
        version: reference.version.clone(),
        imported_at,
        imported_by,
        fiches: reference.fiche_count(),
        competences: reference.competence_count(),
    })
}

/// Stores an imported reference in place of the one in use, checked first (nothing is written
/// when it does not read back).
pub fn import(
    conn: &Connection,
    actor: &str,
    files: ReferenceFiles<'_>,
    at: DateTime<Utc>,
) -> Result<ReferenceInUse, StorageError> {
    let parsed = RomeReference::parse(files)
        .map_err(|e| StorageError::Invalid(vec![FieldError::new("rome", e.to_string())]))?;
    if parsed.fiche_count() == 0 {
        return Err(StorageError::Invalid(vec![FieldError::new(
            "rome",
            "Référentiel ROME vide : aucune fiche lue ; vérifiez le dossier choisi.",
        )]));
    }
    conn.execute(
        "INSERT INTO rome_reference (id, version, imported_at, imported_by, competences, fiches, mobilities)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (id) DO UPDATE SET version = excluded.version,
             imported_at = excluded.imported_at, imported_by = excluded.imported_by,
             competences = excluded.competences, fiches = excluded.fiches,
             mobilities = excluded.mobilities",
        params![
            files.version,
            crate::journal::stamp(at),
            actor,
            files.competences,
            files.fiches,
            files.mobilities
        ],
    )?;
    in_use(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_reference_reads_whole() {
        let r = RomeReference::parse(SHIPPED).unwrap();
        assert_eq!(r.fiche_count(), 1584);
        assert!(r.competence_count() > 20_000, "{}", r.competence_count());
        let welder = r.fiche("H2913").unwrap();
        assert!(welder.core.len() >= 8, "{welder:?}");
        assert_eq!(r.mobility_rank("H2913", "H1506"), Some(1));
        let plans = welder
            .core
            .iter()
            .filter_map(|c| r.competence(*c))
            .any(|c| c.label == "Lecture de plans et de schémas");
        assert!(plans);
    }

    #[test]
    fn an_import_replaces_the_shipped_version_until_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let conn = crate::open(
            &dir.path().join("rome.sqlite3"),
            &crate::DataKey::from_bytes([9; 32]),
        )
        .unwrap();
        assert_eq!(in_use(&conn).unwrap().version, "4.60");
        assert!(in_use(&conn).unwrap().imported_at.is_empty());
        let files = ReferenceFiles {
            version: "4.61",
            competences: "h\r\n1,F,,,,Souder\r\n",
            fiches: "h\r\nH2913,1,,\r\n",
            mobilities: "h\r\n",
        };
        let used = import(&conn, "Camille", files, Utc::now()).unwrap();
        assert_eq!((used.version.as_str(), used.fiches), ("4.61", 1));
        assert_eq!(active(&conn).unwrap().0.version, "4.61");
        let bad = ReferenceFiles {
            fiches: "h\r\nH2913,77,,\r\n",
            ..files
        };
        assert!(matches!(
            import(&conn, "Camille", bad, Utc::now()),
            Err(StorageError::Invalid(_))
        ));
        assert_eq!(
            in_use(&conn).unwrap().version,
            "4.61",
            "a refused import changes nothing"
        );
    }
}
