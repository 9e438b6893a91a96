//! Dated parameters (DOMAIN §8.6): a rule reads the value valid at the date it is evaluated
//! for. Defaults ship with the app; the user's values (Paramètres) take precedence from their
//! `valid_from`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One value of a parameter, valid from a date until the next value of the same key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ParamValue {
    pub key: String,
    pub valid_from: NaiveDate,
    pub value: f64,
    pub note: String,
}

/// A built-in value: key, valid from (year, month, day), value, source or caveat.
pub type ParamDefault = (&'static str, (i32, u32, u32), f64, &'static str);

/// Built-in values.
pub const DEFAULTS: &[ParamDefault] = &[
    (
        "absence_notice_long_days",
        (2019, 1, 1),
        120.0,
        "Code du travail : demande ≥ 120 j avant si interruption continue ≥ 6 mois",
    ),
    (
        "absence_notice_short_days",
        (2019, 1, 1),
        60.0,
        "Code du travail : demande ≥ 60 j avant sinon",
    ),
    (
        "employer_answer_days",
        (2019, 1, 1),
        30.0,
        "Réponse écrite de l’employeur sous 30 j ; silence = accord",
    ),
    (
        "postponement_max_months",
        (2019, 1, 1),
        9.0,
        "Report de l’absence : 9 mois au plus",
    ),
    (
        "cdd_training_start_months",
        (2019, 1, 1),
        6.0,
        "CDD : formation commencée au plus tard 6 mois après la fin du contrat",
    ),
    (
        "recours_months",
        (2019, 1, 1),
        2.0,
        "Recours gracieux : 2 mois après l’envoi de la notification de refus",
    ),
    (
        "recours_answer_months",
        (2019, 1, 1),
        2.0,
        "Réponse de l’instance de recours : 2 mois",
    ),
    (
        "mediation_window_months",
        (2019, 1, 1),
        12.0,
        "Médiation France compétences : 1 an après la réclamation écrite",
    ),
    (
        "demission_registration_months",
        (2019, 11, 1),
        6.0,
        "Démission-reconversion : inscription à France Travail sous 6 mois",
    ),
    (
        "vae_recevabilite_months",
        (2024, 1, 1),
        2.0,
        "VAE : décision de recevabilité sous 2 mois",
    ),
    (
        "ptp_seniority_months",
        (2019, 1, 1),
        24.0,
        "PTP : 24 mois d’activité salariée",
    ),
    (
        "ptp_company_months",
        (2019, 1, 1),
        12.0,
        "PTP, CDI : dont 12 mois dans l’entreprise",
    ),
    (
        "ptp_cdd_months_last_12",
        (2019, 1, 1),
        4.0,
        "PTP, CDD : 4 mois de CDD sur les 12 derniers mois",
    ),
    (
        "ptp_interim_hours",
        (2019, 1, 1),
        1600.0,
        "PTP, intérim : 1 600 h sur 18 mois",
    ),
    (
        "ptp_interim_agency_hours",
        (2019, 1, 1),
        600.0,
        "PTP, intérim : dont 600 h dans l’entreprise de travail temporaire",
    ),
    (
        "ptp_hours_cap",
        (2019, 1, 1),
        1200.0,
        "Prise en charge plafonnée à 1 an ou 1 200 h",
    ),
    (
        "demission_activity_days",
        (2019, 11, 1),
        1300.0,
        "Démission-reconversion : 1 300 jours travaillés (à vérifier : fenêtre 60 ou 72 mois)",
    ),
    (
        "demission_window_months",
        (2019, 11, 1),
        60.0,
        "Fenêtre de l’activité (60 mois ; une source dit 72)",
    ),
    (
        "ptp_filing_lead_days",
        (2019, 1, 1),
        90.0,
        "Dépôt conseillé ≥ 3 mois avant l’entrée en formation (pratique régionale, NON CONFIRMÉ pour le Grand Est)",
    ),
    (
        "smic_monthly_gross",
        (2025, 1, 1),
        1801.80,
        "SMIC mensuel brut 35 h au 1er janvier 2025 (à mettre à jour)",
    ),
    (
        "cpf_reste_a_charge",
        (2024, 5, 2),
        100.0,
        "Participation CPF obligatoire (indexée ; valeur 2024)",
    ),
    (
        "cpf_annual",
        (2019, 1, 1),
        500.0,
        "CPF : 500 € par an (temps plein ou au moins mi-temps)",
    ),
    ("cpf_cap", (2019, 1, 1), 5000.0, "CPF : plafond 5 000 €"),
    (
        "cpf_low_qual_annual",
        (2019, 1, 1),
        800.0,
        "CPF, salariés peu qualifiés : 800 € par an",
    ),
    (
        "cpf_low_qual_cap",
        (2019, 1, 1),
        8000.0,
        "CPF, salariés peu qualifiés : plafond 8 000 €",
    ),
    (
        "ptp_smic_multiple",
        (2019, 1, 1),
        2.0,
        "PTP : rémunération maintenue à 100 % jusqu’à 2 SMIC",
    ),
    (
        "ptp_rate_full",
        (2019, 1, 1),
        100.0,
        "PTP : taux de maintien ≤ 2 SMIC (%)",
    ),
    (
        "ptp_rate_high",
        (2019, 1, 1),
        90.0,
        "PTP : taux au-delà de 2 SMIC, première année ou 1 200 h (%)",
    ),
    (
        "ptp_rate_long",
        (2019, 1, 1),
        60.0,
        "PTP : taux au-delà de 2 SMIC, après un an ou 1 200 h (%)",
    ),
    (
        "periode_reconversion_hours_min",
        (2026, 1, 1),
        150.0,
        "Période de reconversion : 150 h au moins",
    ),
    (
        "periode_reconversion_hours_max",
        (2026, 1, 1),
        450.0,
        "Période de reconversion : 450 h sur 12 mois",
    ),
    (
        "periode_reconversion_hours_extended",
        (2026, 1, 1),
        2100.0,
        "Période de reconversion : 2 100 h sur 36 mois par accord",
    ),
    (
        "fne_rate_small",
        (2024, 1, 1),
        70.0,
        "FNE-Formation : moins de 50 salariés (%)",
    ),
    (
        "fne_rate_medium",
        (2024, 1, 1),
        60.0,
        "FNE-Formation : moins de 250 salariés (%)",
    ),
    (
        "fne_rate_large",
        (2024, 1, 1),
        50.0,
        "FNE-Formation : au-delà (%)",
    ),
    // Priority grid (score out of 20). Only the first item is confirmed for Grand Est; the others
    // follow the published grid of another region and are to be set by the user.
    (
        "priorite_moins_qualifies",
        (2024, 1, 1),
        5.0,
        "Salariés les moins qualifiés, niveau ≤ CAP/BEP (confirmé Grand Est)",
    ),
    (
        "priorite_inaptitude",
        (2024, 1, 1),
        1.0,
        "Inaptitude reconnue ou en cours (grille d’une autre région, NON CONFIRMÉ)",
    ),
    (
        "priorite_entreprise_moins_50",
        (2024, 1, 1),
        1.0,
        "Entreprise de moins de 50 salariés (NON CONFIRMÉ)",
    ),
    (
        "priorite_projet_1200h",
        (2024, 1, 1),
        2.0,
        "Projet de 1 200 h au plus (NON CONFIRMÉ)",
    ),
    (
        "priorite_blocs",
        (2024, 1, 1),
        1.0,
        "Formation visant des blocs de compétences (NON CONFIRMÉ)",
    ),
    (
        "priorite_ingenierie",
        (2024, 1, 1),
        1.0,
        "Ingénierie de parcours valorisée : VAE, CléA, AFEST… (NON CONFIRMÉ)",
    ),
    (
        "priorite_cofinancement",
        (2024, 1, 1),
        2.0,
        "Cofinancement (Région, Agefiph, OPCO, entreprise…) (NON CONFIRMÉ)",
    ),
    (
        "priorite_metier_porteur",
        (2024, 1, 1),
        3.0,
        "Métier visé porteur ou émergent (liste régionale) (NON CONFIRMÉ)",
    ),
    (
        "priorite_secteur_en_declin",
        (2024, 1, 1),
        3.0,
        "Secteur d’emploi en déclin (liste régionale) (NON CONFIRMÉ)",
    ),
    (
        "priorite_contrat_court",
        (2024, 1, 1),
        1.0,
        "Contrat court ou temps partiel < 35 h (NON CONFIRMÉ)",
    ),
];

/// The parameter table: defaults plus the user's dated values.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Parameters {
    pub overrides: Vec<ParamValue>,
}

impl Parameters {
    /// The value of `key` valid on `at`: the latest `valid_from` ≤ `at`, the user's values
    /// winning over the defaults on the same date. `None` for an unknown key or a date before
    /// every value.
    pub fn value(&self, key: &str, at: NaiveDate) -> Option<f64> {
        self.entry(key, at).map(|(entry, _)| entry.value)
    }

    /// The entry in force for `key` on `at`, and whether it is a built-in default.
    pub fn entry(&self, key: &str, at: NaiveDate) -> Option<(ParamValue, bool)> {
        let defaults =
            DEFAULTS
                .iter()
                .filter(|d| d.0 == key)
                .filter_map(|&(k, (y, m, d), v, note)| {
                    NaiveDate::from_ymd_opt(y, m, d).map(|from| {
                        let value = ParamValue {
                            key: k.to_owned(),
                            valid_from: from,
                            value: v,
                            note: note.to_owned(),
                        };
                        (value, true)
                    })
                });
        let overrides = self
            .overrides
            .iter()
            .filter(|p| p.key == key)
            .map(|p| (p.clone(), false));
        defaults
            .chain(overrides)
            .filter(|(p, _)| p.valid_from <= at)
            .max_by_key(|(p, default)| (p.valid_from, !*default))
    }

    /// Every parameter the rules use, as in force on `at`.
    pub fn in_force(&self, at: NaiveDate) -> Vec<(ParamValue, bool)> {
        let mut keys: Vec<&str> = DEFAULTS.iter().map(|d| d.0).collect();
        keys.dedup();
        keys.into_iter().filter_map(|k| self.entry(k, at)).collect()
    }

    /// Like [`Parameters::value`] for a whole number of days or months. Panics only on a key
    /// missing from [`DEFAULTS`], which the tests rule out for every key the rules use.
    pub fn count(&self, key: &str, at: NaiveDate) -> u32 {
        self.value(key, at)
            .map_or_else(|| panic!("parameter {key} has no value"), |v| v as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_value_valid_at_the_date_is_read() {
        let mut p = Parameters::default();
        assert_eq!(p.value("smic_monthly_gross", d(2025, 6, 1)), Some(1801.80));
        assert_eq!(p.value("smic_monthly_gross", d(2024, 6, 1)), None);
        p.overrides.push(ParamValue {
            key: "smic_monthly_gross".into(),
            valid_from: d(2026, 1, 1),
            value: 1823.03,
            note: String::new(),
        });
        assert_eq!(
            p.value("smic_monthly_gross", d(2025, 12, 31)),
            Some(1801.80)
        );
        assert_eq!(p.value("smic_monthly_gross", d(2026, 1, 1)), Some(1823.03));
        assert_eq!(p.value("unknown", d(2026, 1, 1)), None);
    }

    #[test]
    fn an_override_on_the_same_date_wins() {
        let p = Parameters {
            overrides: vec![ParamValue {
                key: "employer_answer_days".into(),
                valid_from: d(2019, 1, 1),
                value: 31.0,
                note: String::new(),
            }],
        };
        assert_eq!(p.count("employer_answer_days", d(2026, 1, 1)), 31);
    }
}

#[cfg(test)]
mod in_force_tests {
    use super::*;

    #[test]
    fn every_default_key_is_in_force_today() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let rows = Parameters::default().in_force(today);
        assert_eq!(rows.len(), DEFAULTS.len());
        assert!(rows.iter().all(|(_, default)| *default));
    }
}
