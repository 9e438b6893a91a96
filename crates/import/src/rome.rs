//! Reads a folder of France Travail's ROME open data (`unix_*_v4NN_utf8.csv`, Licence Ouverte)
//! into the compact files the app ships and matches with ([`RomeAssets`]): competences, fiches
//! (core / emerging / other competences) and ranked mobilities. The asset builder writes them
//! into `assets/reference/`; `passerelle rome import DIR` stores them in the database, so the
//! next version of the reference is taken without a new release.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use passerelle_domain::rome::{CompetenceKind, ReferenceFiles, RomeReference};

use crate::{ImportError, LineError};

/// The compact files, as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RomeAssets {
    /// « 4.60 », from the files' names.
    pub version: String,
    pub competences: String,
    pub fiches: String,
    pub mobilities: String,
}

impl RomeAssets {
    pub fn files(&self) -> ReferenceFiles<'_> {
        ReferenceFiles {
            version: &self.version,
            competences: &self.competences,
            fiches: &self.fiches,
            mobilities: &self.mobilities,
        }
    }
}

fn refused(file: &str, line: u64, column: &str, reason: impl Into<String>) -> ImportError {
    ImportError::Refused {
        errors: vec![LineError {
            file: file.to_owned(),
            line,
            column: column.to_owned(),
            reason: reason.into(),
        }],
        notices: Vec::new(),
    }
}

/// The version of the files in `dir` (`…_v460_utf8.csv` → « 4.60 »), from the mobility file
/// every version has.
fn version_in(dir: &Path) -> Result<(String, String), ImportError> {
    let display = dir.display().to_string();
    let entries = std::fs::read_dir(dir)
        .map_err(|e| refused(&display, 0, "", format!("dossier illisible ({e})")))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(rest) = name.strip_prefix("unix_rubrique_mobilite_v")
            && let Some(digits) = rest.strip_suffix("_utf8.csv")
            && digits.len() >= 2
            && digits.chars().all(|c| c.is_ascii_digit())
        {
            let (major, minor) = digits.split_at(1);
            return Ok((format!("{major}.{minor}"), digits.to_owned()));
        }
    }
    Err(refused(
        &display,
        0,
        "",
        "aucun fichier « unix_rubrique_mobilite_vNNN_utf8.csv » : choisissez le dossier des fichiers CSV du ROME (open data France Travail, format « unix », UTF-8)",
    ))
}

/// The named columns of every row of a ROME file, in the order asked; a missing file or column
/// or an unreadable line is refused with its line.
fn read(path: &Path, columns: &[&str]) -> Result<Vec<Vec<String>>, ImportError> {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut reader = csv::Reader::from_path(path)
        .map_err(|e| refused(&name, 0, "", format!("fichier illisible ({e})")))?;
    let headers = reader
        .headers()
        .map_err(|e| refused(&name, 1, "", e.to_string()))?
        .clone();
    let indices = columns
        .iter()
        .map(|c| {
            headers
                .iter()
                .position(|h| h.trim_start_matches('\u{feff}') == *c)
                .ok_or_else(|| refused(&name, 1, c, "colonne absente"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    reader
        .records()
        .enumerate()
        .map(|(i, r)| {
            let r = r.map_err(|e| refused(&name, i as u64 + 2, "", e.to_string()))?;
            Ok(indices
                .iter()
                .map(|&i| r.get(i).unwrap_or_default().trim().to_owned())
                .collect())
        })
        .collect()
}

/// Reads the ROME files of `dir` into the compact assets, checked by parsing them back.
pub fn read_dir(dir: &Path) -> Result<RomeAssets, ImportError> {
    let (version, digits) = version_in(dir)?;
    let file = |stem: &str| -> PathBuf { dir.join(format!("unix_{stem}_v{digits}_utf8.csv")) };

    // Every item the fiches link to: competences (with their macro and marks), savoirs, and the
    // savoir-être of the item table; work contexts are left out (they are not competences).
    let mut kinds: HashMap<String, (CompetenceKind, String, String, bool, bool)> = HashMap::new();
    for r in read(
        &file("referentiel_competence"),
        &[
            "code_ogr",
            "nature",
            "libelle_competence",
            "code_ogr_macro_comp",
            "transition_eco",
            "transition_num",
        ],
    )? {
        let kind = if r[1] == "Macro-compétence" {
            CompetenceKind::Macro
        } else {
            CompetenceKind::SavoirFaire
        };
        let macro_code = if kind == CompetenceKind::Macro {
            String::new()
        } else {
            r[3].clone()
        };
        kinds.insert(
            r[0].clone(),
            (kind, r[2].clone(), macro_code, r[4] == "O", r[5] == "O"),
        );
    }
    for r in read(
        &file("referentiel_savoir"),
        &[
            "code_ogr_savoir",
            "libelle_savoir",
            "transition_eco",
            "transition_num",
        ],
    )? {
        kinds.insert(
            r[0].clone(),
            (
                CompetenceKind::Savoir,
                r[1].clone(),
                String::new(),
                r[2] == "O",
                r[3] == "O",
            ),
        );
    }
    for r in read(&file("item"), &["code_ogr", "libelle", "code_rubrique"])? {
        if r[2] == "2" {
            kinds
                .entry(r[0].clone())
                .and_modify(|k| k.0 = CompetenceKind::SavoirEtre)
                .or_insert((
                    CompetenceKind::SavoirEtre,
                    r[1].clone(),
                    String::new(),
                    false,
                    false,
                ));
        }
    }

    let mut fiches: BTreeMap<String, [Vec<u32>; 3]> = BTreeMap::new();
    let mut used: BTreeMap<u32, &(CompetenceKind, String, String, bool, bool)> = BTreeMap::new();
    for r in read(
        &file("coherence_item"),
        &["code_rome", "code_ogr", "coeur_metier"],
    )? {
        let Some(kind) = kinds.get(&r[1]) else {
            continue; // a work context
        };
        let Ok(code) = r[1].parse::<u32>() else {
            continue;
        };
        used.insert(code, kind);
        let slot = match r[2].as_str() {
            "Principale" => 0,
            "Émergente" => 1,
            _ => 2,
        };
        fiches.entry(r[0].clone()).or_default()[slot].push(code);
    }
    let mut competences = String::from("code,kind,macro,eco,digital,label\r\n");
    for (code, (kind, label, macro_code, eco, digital)) in &used {
        // Last and unquoted: labels hold commas and quotes, the line's end delimits them.
        let label = label.replace(['\r', '\n'], " ");
        let flag = |b: &bool| if *b { "1" } else { "" };
        let macro_code = if macro_code.parse::<u32>().is_ok() {
            macro_code.as_str()
        } else {
            ""
        };
        let _ = write!(
            competences,
            "{code},{},{macro_code},{},{},{label}\r\n",
            kind.letter(),
            flag(eco),
            flag(digital)
        );
    }
    let mut fiche_text = String::from("rome,core,emerging,other\r\n");
    for (rome, lists) in &mut fiches {
        let joined: Vec<String> = lists
            .iter_mut()
            .map(|l| {
                l.sort_unstable();
                l.dedup();
                l.iter().map(u32::to_string).collect::<Vec<_>>().join(" ")
            })
            .collect();
        let _ = write!(fiche_text, "{rome},{}\r\n", joined.join(","));
    }

    let mut mobilities: BTreeMap<String, Vec<(u8, String)>> = BTreeMap::new();
    for (i, r) in read(
        &file("rubrique_mobilite"),
        &["code_rome", "code_rome_cible", "numero_ordre"],
    )?
    .into_iter()
    .enumerate()
    {
        let rank = r[2].parse::<u8>().map_err(|_| {
            refused(
                &format!("unix_rubrique_mobilite_v{digits}_utf8.csv"),
                i as u64 + 2,
                "numero_ordre",
                format!("rang « {} » non numérique", r[2]),
            )
        })?;
        mobilities
            .entry(r[0].clone())
            .or_default()
            .push((rank, r[1].clone()));
    }
    let mut mobility_text = String::from("rome,targets\r\n");
    for (rome, mut targets) in mobilities {
        targets.sort();
        let joined: Vec<String> = targets
            .iter()
            .map(|(rank, t)| format!("{t}:{rank}"))
            .collect();
        let _ = write!(mobility_text, "{rome},{}\r\n", joined.join(" "));
    }

    let assets = RomeAssets {
        version,
        competences,
        fiches: fiche_text,
        mobilities: mobility_text,
    };
    // What is stored must read back: a reader bug or an odd new version fails here, not later.
    RomeReference::parse(assets.files())
        .map_err(|e| refused("référentiel ROME", e.line as u64, e.file, e.reason))?;
    Ok(assets)
}
