//! Company diagnostics (Warndt Naborien, IN&MA): at a date, someone assesses how an
//! establishment's trades will change — the drivers of change, a horizon, the stage of the
//! IN&MA approach, and per trade the headcount, the employees at risk and the outlook.
//! Employees at risk stay counts: a person appears only when a case file is opened and linked
//! to the line.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{AppError, FieldError};
use crate::validate::bounds;

/// A trade's outlook in an establishment, and the label of a trade in a territory (the same
/// four words: see [`crate::trade_label`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outlook {
    /// Jobs will disappear (« métier en péril »).
    Peril,
    /// The trade stays but its skills change.
    Mutation,
    Stable,
    /// Jobs will be created (« métier en devenir »).
    Devenir,
}

impl Outlook {
    pub const ALL: [Outlook; 4] = [Self::Peril, Self::Mutation, Self::Stable, Self::Devenir];

    pub fn code(self) -> &'static str {
        match self {
            Self::Peril => "peril",
            Self::Mutation => "mutation",
            Self::Stable => "stable",
            Self::Devenir => "devenir",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.code() == code.trim())
    }

    /// « en péril », « en mutation », « stable », « en devenir ».
    pub fn label(self) -> &'static str {
        match self {
            Self::Peril => "en péril",
            Self::Mutation => "en mutation",
            Self::Stable => "stable",
            Self::Devenir => "en devenir",
        }
    }
}

/// The three stages of the IN&MA approach.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    EtatDesLieux,
    Outils,
    Accompagnement,
}

impl Stage {
    pub const ALL: [Stage; 3] = [Self::EtatDesLieux, Self::Outils, Self::Accompagnement];

    pub fn code(self) -> &'static str {
        match self {
            Self::EtatDesLieux => "etat_des_lieux",
            Self::Outils => "outils",
            Self::Accompagnement => "accompagnement",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::EtatDesLieux => "1. État des lieux",
            Self::Outils => "2. Outils",
            Self::Accompagnement => "3. Accompagnement",
        }
    }
}

/// The drivers of change offered before the user adds their own.
pub const BUILTIN_DRIVERS: &[&str] = &[
    "automatisation",
    "décarbonation",
    "fin du charbon",
    "hydrogène",
    "numérique",
    "relocalisation",
    "transition écologique",
];

/// One trade of the establishment, as assessed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DiagnosticLine {
    /// 0 for a line not yet saved.
    #[serde(default)]
    pub id: i64,
    pub rome: String,
    /// The job title as the company says it (« soudeur TIG »), optional.
    #[serde(default)]
    pub appellation: String,
    pub headcount: u32,
    pub at_risk: u32,
    pub horizon_months: u32,
    pub outlook: Outlook,
    #[serde(default)]
    pub skills_at_risk: Vec<String>,
    #[serde(default)]
    pub skills_needed: Vec<String>,
    #[serde(default)]
    pub over_55: u32,
    /// Case files opened for employees of this line (read only: set by linking a case).
    #[serde(default)]
    pub linked_cases: u32,
}

/// A diagnostic of one establishment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnostic {
    /// 0 for a diagnostic not yet saved.
    #[serde(default)]
    pub id: i64,
    pub siret: String,
    pub date: NaiveDate,
    pub author: String,
    pub drivers: Vec<String>,
    pub horizon_months: u32,
    pub stage: Stage,
    #[serde(default)]
    pub notes: String,
    pub lines: Vec<DiagnosticLine>,
}

/// Bounds of a diagnostic: lines, items of a skill list, months of a horizon, people.
pub const LINES_MAX: usize = 100;
pub const SKILLS_MAX: usize = 50;
pub const HORIZON_MONTHS_MAX: u32 = 120;
pub const HEADCOUNT_MAX: u32 = 100_000;
pub const DRIVERS_MAX: usize = 20;

impl Diagnostic {
    /// The diagnostic with its texts trimmed, its ROME codes normalised and its drivers
    /// deduplicated, or every problem found, each attached to its field (`lines.2.atRisk`).
    pub fn validated(mut self, today: NaiveDate) -> Result<Self, AppError> {
        let mut errors = Vec::new();
        let mut err = |field: String, message: String| errors.push(FieldError::new(field, message));
        match crate::validate::validate_siret(&self.siret) {
            Ok(checked) => self.siret = checked.value,
            Err(m) => err("siret".into(), m),
        }
        if let Err(m) = bounds::check_date(
            "Date du diagnostic",
            self.date,
            bounds::DateRange::Past,
            today,
        ) {
            err("date".into(), m);
        }
        self.author = self.author.trim().to_owned();
        if self.author.is_empty() {
            err(
                "author".into(),
                "Auteur : saisissez qui a conduit le diagnostic (nom ou structure).".into(),
            );
        } else if let Err(m) = bounds::check_line("Auteur", &self.author, bounds::NAME_MAX) {
            err("author".into(), m);
        }
        let mut drivers: Vec<String> = Vec::new();
        for d in &self.drivers {
            let d = d.trim().to_lowercase();
            if d.is_empty() || drivers.contains(&d) {
                continue;
            }
            if let Err(m) = bounds::check_line("Facteur de changement", &d, 60) {
                err("drivers".into(), m);
            }
            drivers.push(d);
        }
        if drivers.len() > DRIVERS_MAX {
            err(
                "drivers".into(),
                format!("Facteurs de changement : {DRIVERS_MAX} au plus."),
            );
        }
        self.drivers = drivers;
        if self.horizon_months == 0 || self.horizon_months > HORIZON_MONTHS_MAX {
            err(
                "horizonMonths".into(),
                format!("Horizon : de 1 à {HORIZON_MONTHS_MAX} mois (ex. 36 pour trois ans)."),
            );
        }
        if let Err(m) = bounds::check_text("Notes", &self.notes, bounds::TEXT_MAX) {
            err("notes".into(), m);
        }
        if self.lines.is_empty() {
            err(
                "lines".into(),
                "Métiers : ajoutez au moins une ligne (un métier, son effectif et ses salariés exposés).".into(),
            );
        } else if self.lines.len() > LINES_MAX {
            err(
                "lines".into(),
                format!("Métiers : {LINES_MAX} lignes au plus."),
            );
        }
        for (i, line) in self.lines.iter_mut().enumerate() {
            line.check(i, &mut err);
        }
        if errors.is_empty() {
            Ok(self)
        } else {
            Err(AppError::Validation { errors })
        }
    }

    /// Employees at risk over every line.
    pub fn at_risk(&self) -> u32 {
        self.lines.iter().map(|l| l.at_risk).sum()
    }
}

impl DiagnosticLine {
    fn check(&mut self, i: usize, err: &mut impl FnMut(String, String)) {
        let n = i + 1;
        let field = |name: &str| format!("lines.{i}.{name}");
        match crate::validate::validate_rome(&self.rome) {
            Ok(code) => self.rome = code,
            Err(m) => err(field("rome"), format!("Ligne {n} : {m}")),
        }
        self.appellation = self.appellation.trim().to_owned();
        if let Err(m) = bounds::check_line(
            &format!("Ligne {n}, appellation"),
            &self.appellation,
            bounds::LINE_MAX,
        ) {
            err(field("appellation"), m);
        }
        if self.headcount == 0 || self.headcount > HEADCOUNT_MAX {
            err(
                field("headcount"),
                format!("Ligne {n} : l’effectif du métier va de 1 à {HEADCOUNT_MAX}."),
            );
        }
        if self.at_risk > self.headcount {
            err(
                field("atRisk"),
                format!(
                    "Ligne {n} : {} salariés exposés pour un effectif de {} ; ils ne peuvent pas être plus nombreux que l’effectif.",
                    self.at_risk, self.headcount
                ),
            );
        }
        if self.over_55 > self.headcount {
            err(
                field("over55"),
                format!(
                    "Ligne {n} : {} salariés de plus de 55 ans pour un effectif de {} ; corrigez l’un ou l’autre.",
                    self.over_55, self.headcount
                ),
            );
        }
        if self.horizon_months == 0 || self.horizon_months > HORIZON_MONTHS_MAX {
            err(
                field("horizonMonths"),
                format!("Ligne {n} : horizon de 1 à {HORIZON_MONTHS_MAX} mois."),
            );
        }
        for (name, list) in [
            ("skillsAtRisk", &mut self.skills_at_risk),
            ("skillsNeeded", &mut self.skills_needed),
        ] {
            list.iter_mut().for_each(|s| *s = s.trim().to_owned());
            list.retain(|s| !s.is_empty());
            if list.len() > SKILLS_MAX {
                err(
                    field(name),
                    format!("Ligne {n} : {SKILLS_MAX} compétences au plus par liste."),
                );
            }
            if let Some(m) = list.iter().find_map(|s| {
                bounds::check_line(&format!("Ligne {n}, compétence"), s, bounds::LINE_MAX).err()
            }) {
                err(field(name), m);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
    }

    fn diagnostic() -> Diagnostic {
        Diagnostic {
            id: 0,
            siret: "73282932000074".into(),
            date: NaiveDate::from_ymd_opt(2026, 10, 12).unwrap(),
            author: " Agence de développement du Warndt ".into(),
            drivers: vec![
                "Hydrogène".into(),
                "hydrogène ".into(),
                "fin du charbon".into(),
            ],
            horizon_months: 36,
            stage: Stage::EtatDesLieux,
            notes: String::new(),
            lines: vec![DiagnosticLine {
                id: 0,
                rome: "h2913".into(),
                appellation: "Soudeur TIG".into(),
                headcount: 40,
                at_risk: 12,
                horizon_months: 24,
                outlook: Outlook::Mutation,
                skills_at_risk: vec!["soudage à l’arc ".into(), " ".into()],
                skills_needed: vec!["soudage orbital".into()],
                over_55: 9,
                linked_cases: 0,
            }],
        }
    }

    #[test]
    fn a_diagnostic_is_normalised() {
        let d = diagnostic().validated(today()).unwrap();
        assert_eq!(d.author, "Agence de développement du Warndt");
        assert_eq!(d.drivers, ["hydrogène", "fin du charbon"]);
        assert_eq!(d.lines[0].rome, "H2913");
        assert_eq!(d.lines[0].skills_at_risk, ["soudage à l’arc"]);
        assert_eq!(d.at_risk(), 12);
    }

    #[test]
    fn more_at_risk_than_employed_is_refused_on_its_line() {
        let mut d = diagnostic();
        d.lines[0].at_risk = 41;
        d.lines[0].rome = "Z9999".into();
        d.date = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
        let Err(AppError::Validation { errors }) = d.validated(today()) else {
            panic!("refused expected");
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["date", "lines.0.rome", "lines.0.atRisk"]);
        assert!(
            errors[2]
                .message
                .contains("41 salariés exposés pour un effectif de 40")
        );
    }

    #[test]
    fn outlook_and_stage_codes_round_trip() {
        for o in Outlook::ALL {
            assert_eq!(Outlook::from_code(o.code()), Some(o));
            assert_eq!(serde_json::to_value(o).unwrap(), o.code());
        }
        for s in Stage::ALL {
            assert_eq!(Stage::from_code(s.code()), Some(s));
            assert_eq!(serde_json::to_value(s).unwrap(), s.code());
        }
    }
}
