//! The parts of the ROME 4.0 reference that matching reads: every fiche's competences (core,
//! emerging, others), what each competence is (savoir-faire, savoir-être, savoir,
//! macro-compétence; ecological and digital transition marks) and the ranked mobilities between
//! fiches.
//!
//! Pure: the reference arrives as the text of three compact CSV files (written by
//! `passerelle-import`'s ROME reader, from France Travail's `unix_*` files) and is parsed here,
//! whether it is the version shipped with the app or one a user imported.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::text::reference_fields as fields;

/// What kind of item a competence of a fiche is (the ROME's rubrics).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CompetenceKind {
    SavoirFaire,
    SavoirEtre,
    Savoir,
    /// A macro-compétence: the ROME's grouping of savoir-faire, itself on the fiches.
    Macro,
}

impl CompetenceKind {
    /// The one-letter code of the compact file.
    pub fn letter(self) -> char {
        match self {
            Self::SavoirFaire => 'F',
            Self::SavoirEtre => 'E',
            Self::Savoir => 'S',
            Self::Macro => 'M',
        }
    }

    fn from_letter(letter: &str) -> Option<Self> {
        Some(match letter {
            "F" => Self::SavoirFaire,
            "E" => Self::SavoirEtre,
            "S" => Self::Savoir,
            "M" => Self::Macro,
            _ => return None,
        })
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::SavoirFaire => "savoir-faire",
            Self::SavoirEtre => "savoir-être professionnel",
            Self::Savoir => "savoir",
            Self::Macro => "macro-compétence",
        }
    }
}

/// One competence of the reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Competence {
    /// France Travail's `code_ogr`.
    pub code: u32,
    pub kind: CompetenceKind,
    pub label: String,
    /// The macro-compétence this savoir-faire belongs to, if the reference says.
    pub macro_code: Option<u32>,
    /// Marked for the ecological transition.
    pub eco: bool,
    /// Marked for the digital transition.
    pub digital: bool,
}

/// How a competence figures on a fiche.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Importance {
    /// « cœur de métier » (the ROME's `Principale`).
    Core,
    /// « émergente »: a competence the trade is acquiring.
    Emerging,
    Other,
}

/// A fiche's competences and where one can move from it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fiche {
    pub core: Vec<u32>,
    pub emerging: Vec<u32>,
    pub other: Vec<u32>,
    /// Target fiches with their rank (1: the closest), as France Travail orders them.
    pub mobilities: Vec<(String, u8)>,
}

impl Fiche {
    /// Every competence of the fiche with its importance.
    pub fn competences(&self) -> impl Iterator<Item = (u32, Importance)> + '_ {
        self.core
            .iter()
            .map(|&c| (c, Importance::Core))
            .chain(self.emerging.iter().map(|&c| (c, Importance::Emerging)))
            .chain(self.other.iter().map(|&c| (c, Importance::Other)))
    }
}

/// The text of the compact files, and the version they come from (« 4.60 »).
#[derive(Debug, Clone, Copy)]
pub struct ReferenceFiles<'a> {
    pub version: &'a str,
    /// `code,kind,macro,eco,digital,label` (kind: F, E, S or M; flags 1 or empty; the label
    /// last and unquoted, up to the end of the line).
    pub competences: &'a str,
    /// `rome,core,emerging,other`: competence codes separated by spaces.
    pub fiches: &'a str,
    /// `rome,targets`: `H1506:1 H2902:2 …`, target fiche and rank.
    pub mobilities: &'a str,
}

/// A line of a reference file that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}, ligne {line} : {reason}")]
pub struct ReferenceError {
    pub file: &'static str,
    pub line: usize,
    pub reason: String,
}

/// Which reference is in use, for the screens and the command line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReferenceInUse {
    pub version: String,
    /// Empty for the version shipped with the app.
    pub imported_at: String,
    pub imported_by: String,
    pub fiches: usize,
    pub competences: usize,
}

/// The parsed reference.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RomeReference {
    pub version: String,
    competences: HashMap<u32, Competence>,
    fiches: HashMap<String, Fiche>,
}

fn codes(
    list: &str,
    file: &'static str,
    line: usize,
    known: &HashMap<u32, Competence>,
) -> Result<Vec<u32>, ReferenceError> {
    list.split_whitespace()
        .map(|c| {
            c.parse()
                .ok()
                .filter(|c| known.contains_key(c))
                .ok_or_else(|| ReferenceError {
                    file,
                    line,
                    reason: format!("compétence « {c} » inconnue"),
                })
        })
        .collect()
}

impl RomeReference {
    pub fn parse(files: ReferenceFiles<'_>) -> Result<Self, ReferenceError> {
        let mut competences = HashMap::new();
        for (i, line) in files.competences.lines().enumerate().skip(1) {
            let bad = |reason: &str| ReferenceError {
                file: "compétences",
                line: i + 1,
                reason: reason.to_owned(),
            };
            let f: Vec<&str> = line.splitn(6, ',').collect();
            let [code, kind, macro_code, eco, digital, label] = f[..] else {
                return Err(bad("6 colonnes attendues"));
            };
            let code: u32 = code.parse().map_err(|_| bad("code non numérique"))?;
            competences.insert(
                code,
                Competence {
                    code,
                    kind: CompetenceKind::from_letter(kind)
                        .ok_or_else(|| bad("nature inconnue (F, E, S ou M attendu)"))?,
                    label: label.trim_end_matches('\r').to_owned(),
                    macro_code: macro_code.parse().ok(),
                    eco: eco == "1",
                    digital: digital == "1",
                },
            );
        }
        let mut fiches: HashMap<String, Fiche> = HashMap::new();
        for (i, line) in files.fiches.lines().enumerate().skip(1) {
            let f = fields(line);
            let [rome, core, emerging, other] = f[..] else {
                return Err(ReferenceError {
                    file: "fiches",
                    line: i + 1,
                    reason: "4 colonnes attendues".into(),
                });
            };
            let fiche = fiches.entry(rome.to_owned()).or_default();
            fiche.core = codes(core, "fiches", i + 1, &competences)?;
            fiche.emerging = codes(emerging, "fiches", i + 1, &competences)?;
            fiche.other = codes(other, "fiches", i + 1, &competences)?;
        }
        for (i, line) in files.mobilities.lines().enumerate().skip(1) {
            let bad = |reason: String| ReferenceError {
                file: "mobilités",
                line: i + 1,
                reason,
            };
            let Some((rome, targets)) = line.split_once(',') else {
                return Err(bad("2 colonnes attendues".into()));
            };
            let parsed = targets
                .split_whitespace()
                .map(|t| {
                    let (target, rank) = t.split_once(':')?;
                    Some((target.to_owned(), rank.parse().ok()?))
                })
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| bad(format!("cible mal formée dans « {targets} »")))?;
            fiches.entry(rome.to_owned()).or_default().mobilities = parsed;
        }
        Ok(Self {
            version: files.version.to_owned(),
            competences,
            fiches,
        })
    }

    pub fn competence(&self, code: u32) -> Option<&Competence> {
        self.competences.get(&code)
    }

    pub fn fiche(&self, rome: &str) -> Option<&Fiche> {
        self.fiches.get(rome)
    }

    /// Every ROME code with a fiche.
    pub fn romes(&self) -> impl Iterator<Item = &str> {
        self.fiches.keys().map(String::as_str)
    }

    pub fn fiche_count(&self) -> usize {
        self.fiches.len()
    }

    pub fn competence_count(&self) -> usize {
        self.competences.len()
    }

    /// The rank of the mobility from one fiche to another (`None`: the ROME lists none).
    pub fn mobility_rank(&self, from: &str, to: &str) -> Option<u8> {
        self.fiche(from)?
            .mobilities
            .iter()
            .find(|(target, _)| target == to)
            .map(|&(_, rank)| rank)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COMPETENCES: &str = "code,kind,macro,eco,digital,label\r\n\
        1,F,9,,,Souder, assembler \"TIG\"\r\n\
        2,S,,1,,Lecture de plans\r\n\
        3,E,,,1,Rigueur\r\n\
        9,M,,,,Assembler des éléments\r\n";
    const FICHES: &str = "rome,core,emerging,other\r\nH2913,1 2,3,9\r\n";
    const MOBILITIES: &str = "rome,targets\r\nH2913,H1506:1 H2902:2\r\n";

    fn files<'a>(competences: &'a str, fiches: &'a str, mobilities: &'a str) -> ReferenceFiles<'a> {
        ReferenceFiles {
            version: "4.60",
            competences,
            fiches,
            mobilities,
        }
    }

    #[test]
    fn the_compact_files_are_read_back() {
        let r = RomeReference::parse(files(COMPETENCES, FICHES, MOBILITIES)).unwrap();
        assert_eq!(r.competence_count(), 4);
        let weld = r.competence(1).unwrap();
        assert_eq!(weld.label, "Souder, assembler \"TIG\"");
        assert_eq!(
            (weld.kind, weld.macro_code),
            (CompetenceKind::SavoirFaire, Some(9))
        );
        assert!(r.competence(2).unwrap().eco && r.competence(3).unwrap().digital);
        let fiche = r.fiche("H2913").unwrap();
        assert_eq!(
            (fiche.core.clone(), fiche.emerging.clone()),
            (vec![1, 2], vec![3])
        );
        assert_eq!(fiche.competences().count(), 4);
        assert_eq!(r.mobility_rank("H2913", "H2902"), Some(2));
        assert_eq!(r.mobility_rank("H2913", "A1101"), None);
    }

    #[test]
    fn bad_lines_are_located() {
        let err = RomeReference::parse(files(
            COMPETENCES,
            "rome,core,emerging,other\r\nH2913,1 77,,\r\n",
            MOBILITIES,
        ))
        .unwrap_err();
        assert_eq!((err.file, err.line), ("fiches", 2));
        assert!(err.reason.contains("77"), "{err}");
        let err = RomeReference::parse(files("h\r\n1,X,a,,,\r\n", "", "")).unwrap_err();
        assert!(err.to_string().contains("ligne 2"), "{err}");
        let err =
            RomeReference::parse(files(COMPETENCES, FICHES, "h\r\nH2913,H1506-1\r\n")).unwrap_err();
        assert_eq!(err.file, "mobilités");
    }
}
