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

/// Parameter keys: the names under which values are stored (data — never rename one). Rules
/// name them through these constants, so a typo is a compile error, not a missing value.
pub mod key {
    pub const ABSENCE_NOTICE_LONG_DAYS: &str = "absence_notice_long_days";
    pub const ABSENCE_NOTICE_SHORT_DAYS: &str = "absence_notice_short_days";
    pub const EMPLOYER_ANSWER_DAYS: &str = "employer_answer_days";
    pub const POSTPONEMENT_MAX_MONTHS: &str = "postponement_max_months";
    pub const CDD_TRAINING_START_MONTHS: &str = "cdd_training_start_months";
    pub const RECOURS_MONTHS: &str = "recours_months";
    pub const RECOURS_ANSWER_MONTHS: &str = "recours_answer_months";
    pub const MEDIATION_WINDOW_MONTHS: &str = "mediation_window_months";
    pub const DEMISSION_REGISTRATION_MONTHS: &str = "demission_registration_months";
    pub const VAE_RECEVABILITE_MONTHS: &str = "vae_recevabilite_months";
    pub const PTP_SENIORITY_MONTHS: &str = "ptp_seniority_months";
    pub const PTP_COMPANY_MONTHS: &str = "ptp_company_months";
    pub const PTP_CDD_MONTHS_LAST_12: &str = "ptp_cdd_months_last_12";
    pub const PTP_INTERIM_HOURS: &str = "ptp_interim_hours";
    pub const PTP_INTERIM_AGENCY_HOURS: &str = "ptp_interim_agency_hours";
    pub const PTP_HOURS_CAP: &str = "ptp_hours_cap";
    pub const DEMISSION_ACTIVITY_DAYS: &str = "demission_activity_days";
    pub const DEMISSION_WINDOW_MONTHS: &str = "demission_window_months";
    pub const PTP_FILING_LEAD_DAYS: &str = "ptp_filing_lead_days";
    pub const SMIC_MONTHLY_GROSS: &str = "smic_monthly_gross";
    pub const CPF_RESTE_A_CHARGE: &str = "cpf_reste_a_charge";
    pub const CPF_ANNUAL: &str = "cpf_annual";
    pub const CPF_CAP: &str = "cpf_cap";
    pub const CPF_LOW_QUAL_ANNUAL: &str = "cpf_low_qual_annual";
    pub const CPF_LOW_QUAL_CAP: &str = "cpf_low_qual_cap";
    pub const PTP_SMIC_MULTIPLE: &str = "ptp_smic_multiple";
    pub const PTP_RATE_FULL: &str = "ptp_rate_full";
    pub const PTP_RATE_HIGH: &str = "ptp_rate_high";
    pub const PTP_RATE_LONG: &str = "ptp_rate_long";
    pub const PERIODE_RECONVERSION_HOURS_MIN: &str = "periode_reconversion_hours_min";
    pub const PERIODE_RECONVERSION_HOURS_MAX: &str = "periode_reconversion_hours_max";
    pub const PERIODE_RECONVERSION_HOURS_EXTENDED: &str = "periode_reconversion_hours_extended";
    pub const FNE_RATE_SMALL: &str = "fne_rate_small";
    pub const FNE_RATE_MEDIUM: &str = "fne_rate_medium";
    pub const FNE_RATE_LARGE: &str = "fne_rate_large";
    pub const PRIORITE_MOINS_QUALIFIES: &str = "priorite_moins_qualifies";
    pub const PRIORITE_INAPTITUDE: &str = "priorite_inaptitude";
    pub const PRIORITE_ENTREPRISE_MOINS_50: &str = "priorite_entreprise_moins_50";
    pub const PRIORITE_PROJET_1200H: &str = "priorite_projet_1200h";
    pub const PRIORITE_BLOCS: &str = "priorite_blocs";
    pub const PRIORITE_INGENIERIE: &str = "priorite_ingenierie";
    pub const PRIORITE_COFINANCEMENT: &str = "priorite_cofinancement";
    pub const PRIORITE_METIER_PORTEUR: &str = "priorite_metier_porteur";
    pub const PRIORITE_SECTEUR_EN_DECLIN: &str = "priorite_secteur_en_declin";
    pub const PRIORITE_CONTRAT_COURT: &str = "priorite_contrat_court";
    pub const PTP_CONTINUOUS_INTERRUPTION_MONTHS: &str = "ptp_continuous_interruption_months";
    pub const PTP_HEALTH_ABSENCE_MONTHS: &str = "ptp_health_absence_months";
    pub const PTP_HEALTH_LOOKBACK_MONTHS: &str = "ptp_health_lookback_months";
    pub const INTERMITTENT_DAYS_TOTAL: &str = "intermittent_days_total";
    pub const INTERMITTENT_TECH_ENREGISTRE_24: &str = "intermittent_tech_enregistre_24";
    pub const INTERMITTENT_TECH_ENREGISTRE_12: &str = "intermittent_tech_enregistre_12";
    pub const INTERMITTENT_TECH_VIVANT_24: &str = "intermittent_tech_vivant_24";
    pub const INTERMITTENT_TECH_VIVANT_12: &str = "intermittent_tech_vivant_12";
    pub const INTERMITTENT_ARTISTE_24: &str = "intermittent_artiste_24";
    pub const INTERMITTENT_ARTISTE_12: &str = "intermittent_artiste_12";
    pub const PTP_PRECAIRE_FILING_AFTER_END_MONTHS: &str = "ptp_precaire_filing_after_end_months";
    pub const PTP_PRECAIRE_TRAINING_START_MONTHS: &str = "ptp_precaire_training_start_months";
    pub const DEMISSION_RECOURS_MONTHS: &str = "demission_recours_months";
    pub const VAE_LEAVE_NOTICE_DAYS: &str = "vae_leave_notice_days";
    pub const VAE_LEAVE_ANSWER_DAYS: &str = "vae_leave_answer_days";
    pub const VAE_SILENCE_ACCEPTANCE: &str = "vae_silence_acceptance";
    pub const RETENTION_ACTIVE_MONTHS: &str = "retention_active_months";
    pub const RETENTION_CASE_MONTHS: &str = "retention_case_months";
    pub const RETENTION_DOCUMENTS_MONTHS: &str = "retention_documents_months";
    pub const PSEUDONYM_SHOW_PROVIDER: &str = "pseudonym_show_provider";
    pub const EXPORT_SMALL_COUNT_THRESHOLD: &str = "export_small_count_threshold";

    /// Every key, in the order Paramètres lists them.
    pub const ALL: &[&str] = &[
        ABSENCE_NOTICE_LONG_DAYS,
        ABSENCE_NOTICE_SHORT_DAYS,
        EMPLOYER_ANSWER_DAYS,
        POSTPONEMENT_MAX_MONTHS,
        CDD_TRAINING_START_MONTHS,
        RECOURS_MONTHS,
        RECOURS_ANSWER_MONTHS,
        MEDIATION_WINDOW_MONTHS,
        DEMISSION_REGISTRATION_MONTHS,
        VAE_RECEVABILITE_MONTHS,
        PTP_SENIORITY_MONTHS,
        PTP_COMPANY_MONTHS,
        PTP_CDD_MONTHS_LAST_12,
        PTP_INTERIM_HOURS,
        PTP_INTERIM_AGENCY_HOURS,
        PTP_HOURS_CAP,
        DEMISSION_ACTIVITY_DAYS,
        DEMISSION_WINDOW_MONTHS,
        PTP_FILING_LEAD_DAYS,
        SMIC_MONTHLY_GROSS,
        CPF_RESTE_A_CHARGE,
        CPF_ANNUAL,
        CPF_CAP,
        CPF_LOW_QUAL_ANNUAL,
        CPF_LOW_QUAL_CAP,
        PTP_SMIC_MULTIPLE,
        PTP_RATE_FULL,
        PTP_RATE_HIGH,
        PTP_RATE_LONG,
        PERIODE_RECONVERSION_HOURS_MIN,
        PERIODE_RECONVERSION_HOURS_MAX,
        PERIODE_RECONVERSION_HOURS_EXTENDED,
        FNE_RATE_SMALL,
        FNE_RATE_MEDIUM,
        FNE_RATE_LARGE,
        PRIORITE_MOINS_QUALIFIES,
        PRIORITE_INAPTITUDE,
        PRIORITE_ENTREPRISE_MOINS_50,
        PRIORITE_PROJET_1200H,
        PRIORITE_BLOCS,
        PRIORITE_INGENIERIE,
        PRIORITE_COFINANCEMENT,
        PRIORITE_METIER_PORTEUR,
        PRIORITE_SECTEUR_EN_DECLIN,
        PRIORITE_CONTRAT_COURT,
        PTP_CONTINUOUS_INTERRUPTION_MONTHS,
        PTP_HEALTH_ABSENCE_MONTHS,
        PTP_HEALTH_LOOKBACK_MONTHS,
        INTERMITTENT_DAYS_TOTAL,
        INTERMITTENT_TECH_ENREGISTRE_24,
        INTERMITTENT_TECH_ENREGISTRE_12,
        INTERMITTENT_TECH_VIVANT_24,
        INTERMITTENT_TECH_VIVANT_12,
        INTERMITTENT_ARTISTE_24,
        INTERMITTENT_ARTISTE_12,
        PTP_PRECAIRE_FILING_AFTER_END_MONTHS,
        PTP_PRECAIRE_TRAINING_START_MONTHS,
        DEMISSION_RECOURS_MONTHS,
        VAE_LEAVE_NOTICE_DAYS,
        VAE_LEAVE_ANSWER_DAYS,
        VAE_SILENCE_ACCEPTANCE,
        RETENTION_ACTIVE_MONTHS,
        RETENTION_CASE_MONTHS,
        RETENTION_DOCUMENTS_MONTHS,
        PSEUDONYM_SHOW_PROVIDER,
        EXPORT_SMALL_COUNT_THRESHOLD,
    ];
}

/// What a parameter counts, which bounds the values a user may enter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Days,
    Months,
    Hours,
    Euros,
    Percent,
    /// Points of the priority grid (out of 20).
    Points,
    /// A multiple (of the SMIC).
    Ratio,
    /// 1 (yes) or 0 (no).
    Switch,
    /// A number of people.
    People,
}

impl Unit {
    /// The smallest and largest values that make sense: a 10-year delay, a 20-year window,
    /// 100 000 hours, 1 M€, 100 %, 20 points, 10 SMIC.
    pub fn range(self) -> (f64, f64) {
        match self {
            Self::Days => (0.0, 3_660.0),
            Self::Months => (0.0, 240.0),
            Self::Hours => (0.0, 100_000.0),
            Self::Euros => (0.0, 1_000_000.0),
            Self::Percent => (0.0, 100.0),
            Self::Points => (0.0, 20.0),
            Self::Ratio => (0.0, 10.0),
            Self::Switch => (0.0, 1.0),
            Self::People => (0.0, 100.0),
        }
    }

    /// Whole units only (days, months, hours, points).
    pub fn whole(self) -> bool {
        matches!(
            self,
            Self::Days | Self::Months | Self::Hours | Self::Points | Self::Switch | Self::People
        )
    }
}

/// A built-in value: valid from a date, with its source or caveat.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParamDefault {
    pub key: &'static str,
    pub valid_from: (i32, u32, u32),
    pub value: f64,
    pub unit: Unit,
    pub note: &'static str,
}

impl ParamDefault {
    const fn new(
        key: &'static str,
        valid_from: (i32, u32, u32),
        value: f64,
        unit: Unit,
        note: &'static str,
    ) -> Self {
        Self {
            key,
            valid_from,
            value,
            unit,
            note,
        }
    }

    fn valid_from(&self) -> NaiveDate {
        let (y, m, d) = self.valid_from;
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
    }
}

/// Built-in values.
pub const DEFAULTS: &[ParamDefault] = &[
    ParamDefault::new(
        key::ABSENCE_NOTICE_LONG_DAYS,
        (2019, 1, 1),
        120.0,
        Unit::Days,
        "Code du travail : demande ≥ 120 j avant si interruption continue ≥ 6 mois",
    ),
    ParamDefault::new(
        key::ABSENCE_NOTICE_SHORT_DAYS,
        (2019, 1, 1),
        60.0,
        Unit::Days,
        "Code du travail : demande ≥ 60 j avant sinon",
    ),
    ParamDefault::new(
        key::EMPLOYER_ANSWER_DAYS,
        (2019, 1, 1),
        30.0,
        Unit::Days,
        "Réponse écrite de l’employeur sous 30 j ; silence = accord",
    ),
    ParamDefault::new(
        key::POSTPONEMENT_MAX_MONTHS,
        (2019, 1, 1),
        9.0,
        Unit::Months,
        "Report de l’absence : 9 mois au plus",
    ),
    ParamDefault::new(
        key::CDD_TRAINING_START_MONTHS,
        (2019, 1, 1),
        6.0,
        Unit::Months,
        "CDD : formation commencée au plus tard 6 mois après la fin du contrat",
    ),
    ParamDefault::new(
        key::RECOURS_MONTHS,
        (2019, 1, 1),
        2.0,
        Unit::Months,
        "Recours gracieux : 2 mois après l’envoi de la notification de refus",
    ),
    ParamDefault::new(
        key::RECOURS_ANSWER_MONTHS,
        (2019, 1, 1),
        2.0,
        Unit::Months,
        "Réponse de l’instance de recours : 2 mois",
    ),
    ParamDefault::new(
        key::MEDIATION_WINDOW_MONTHS,
        (2019, 1, 1),
        12.0,
        Unit::Months,
        "Médiation France compétences : 1 an après la réclamation écrite",
    ),
    ParamDefault::new(
        key::DEMISSION_REGISTRATION_MONTHS,
        (2019, 11, 1),
        6.0,
        Unit::Months,
        "Démission-reconversion : inscription à France Travail sous 6 mois",
    ),
    ParamDefault::new(
        key::VAE_RECEVABILITE_MONTHS,
        (2024, 1, 1),
        2.0,
        Unit::Months,
        "VAE : décision de recevabilité sous 2 mois",
    ),
    ParamDefault::new(
        key::PTP_SENIORITY_MONTHS,
        (2019, 1, 1),
        24.0,
        Unit::Months,
        "PTP : 24 mois d’activité salariée",
    ),
    ParamDefault::new(
        key::PTP_COMPANY_MONTHS,
        (2019, 1, 1),
        12.0,
        Unit::Months,
        "PTP, CDI : dont 12 mois dans l’entreprise",
    ),
    ParamDefault::new(
        key::PTP_CDD_MONTHS_LAST_12,
        (2019, 1, 1),
        4.0,
        Unit::Months,
        "PTP, CDD : 4 mois de CDD sur les 12 derniers mois",
    ),
    ParamDefault::new(
        key::PTP_INTERIM_HOURS,
        (2019, 1, 1),
        1600.0,
        Unit::Hours,
        "PTP, intérim : 1 600 h sur 18 mois",
    ),
    ParamDefault::new(
        key::PTP_INTERIM_AGENCY_HOURS,
        (2019, 1, 1),
        600.0,
        Unit::Hours,
        "PTP, intérim : dont 600 h dans l’entreprise de travail temporaire",
    ),
    ParamDefault::new(
        key::PTP_HOURS_CAP,
        (2019, 1, 1),
        1200.0,
        Unit::Hours,
        "Prise en charge plafonnée à 1 an ou 1 200 h",
    ),
    ParamDefault::new(
        key::DEMISSION_ACTIVITY_DAYS,
        (2019, 11, 1),
        1300.0,
        Unit::Days,
        "Démission-reconversion : 1 300 jours d’activité salariée continue (France Travail, règlement d’assurance chômage)",
    ),
    ParamDefault::new(
        key::DEMISSION_WINDOW_MONTHS,
        (2019, 11, 1),
        60.0,
        Unit::Months,
        "60 mois précédant la fin du contrat (fin du préavis), France Travail ; les « 72 mois » d’un projet de décret de juin 2024, suspendu, NON CONFIRMÉS",
    ),
    ParamDefault::new(
        key::PTP_FILING_LEAD_DAYS,
        (2019, 1, 1),
        90.0,
        Unit::Days,
        "Dépôt conseillé ≥ 3 mois avant l’entrée en formation (pratique régionale, NON CONFIRMÉ pour le Grand Est)",
    ),
    ParamDefault::new(
        key::SMIC_MONTHLY_GROSS,
        (2025, 1, 1),
        1801.80,
        Unit::Euros,
        "SMIC mensuel brut 35 h au 1er janvier 2025 (à mettre à jour)",
    ),
    ParamDefault::new(
        key::CPF_RESTE_A_CHARGE,
        (2024, 5, 2),
        100.0,
        Unit::Euros,
        "Participation CPF obligatoire (indexée ; valeur 2024)",
    ),
    ParamDefault::new(
        key::CPF_ANNUAL,
        (2019, 1, 1),
        500.0,
        Unit::Euros,
        "CPF : 500 € par an (temps plein ou au moins mi-temps)",
    ),
    ParamDefault::new(
        key::CPF_CAP,
        (2019, 1, 1),
        5000.0,
        Unit::Euros,
        "CPF : plafond 5 000 €",
    ),
    ParamDefault::new(
        key::CPF_LOW_QUAL_ANNUAL,
        (2019, 1, 1),
        800.0,
        Unit::Euros,
        "CPF, salariés peu qualifiés : 800 € par an",
    ),
    ParamDefault::new(
        key::CPF_LOW_QUAL_CAP,
        (2019, 1, 1),
        8000.0,
        Unit::Euros,
        "CPF, salariés peu qualifiés : plafond 8 000 €",
    ),
    ParamDefault::new(
        key::PTP_SMIC_MULTIPLE,
        (2019, 1, 1),
        2.0,
        Unit::Ratio,
        "PTP : rémunération maintenue à 100 % jusqu’à 2 SMIC",
    ),
    ParamDefault::new(
        key::PTP_RATE_FULL,
        (2019, 1, 1),
        100.0,
        Unit::Percent,
        "PTP : taux de maintien ≤ 2 SMIC (%)",
    ),
    ParamDefault::new(
        key::PTP_RATE_HIGH,
        (2019, 1, 1),
        90.0,
        Unit::Percent,
        "PTP : taux au-delà de 2 SMIC, première année ou 1 200 h (%)",
    ),
    ParamDefault::new(
        key::PTP_RATE_LONG,
        (2019, 1, 1),
        60.0,
        Unit::Percent,
        "PTP : taux au-delà de 2 SMIC, après un an ou 1 200 h (%)",
    ),
    ParamDefault::new(
        key::PERIODE_RECONVERSION_HOURS_MIN,
        (2026, 1, 1),
        150.0,
        Unit::Hours,
        "Période de reconversion : 150 h au moins",
    ),
    ParamDefault::new(
        key::PERIODE_RECONVERSION_HOURS_MAX,
        (2026, 1, 1),
        450.0,
        Unit::Hours,
        "Période de reconversion : 450 h sur 12 mois",
    ),
    ParamDefault::new(
        key::PERIODE_RECONVERSION_HOURS_EXTENDED,
        (2026, 1, 1),
        2100.0,
        Unit::Hours,
        "Période de reconversion : 2 100 h sur 36 mois par accord",
    ),
    ParamDefault::new(
        key::FNE_RATE_SMALL,
        (2024, 1, 1),
        70.0,
        Unit::Percent,
        "FNE-Formation : moins de 50 salariés (%)",
    ),
    ParamDefault::new(
        key::FNE_RATE_MEDIUM,
        (2024, 1, 1),
        60.0,
        Unit::Percent,
        "FNE-Formation : moins de 250 salariés (%)",
    ),
    ParamDefault::new(
        key::FNE_RATE_LARGE,
        (2024, 1, 1),
        50.0,
        Unit::Percent,
        "FNE-Formation : au-delà (%)",
    ),
    // Priority grid (score out of 20). Only the first item is confirmed for Grand Est; the others
    // follow the published grid of another region and are to be set by the user.
    ParamDefault::new(
        key::PRIORITE_MOINS_QUALIFIES,
        (2024, 1, 1),
        5.0,
        Unit::Points,
        "Salariés les moins qualifiés, niveau ≤ CAP/BEP (confirmé Grand Est)",
    ),
    ParamDefault::new(
        key::PRIORITE_INAPTITUDE,
        (2024, 1, 1),
        1.0,
        Unit::Points,
        "Inaptitude reconnue ou en cours (grille d’une autre région, NON CONFIRMÉ)",
    ),
    ParamDefault::new(
        key::PRIORITE_ENTREPRISE_MOINS_50,
        (2024, 1, 1),
        1.0,
        Unit::Points,
        "Entreprise de moins de 50 salariés (NON CONFIRMÉ)",
    ),
    ParamDefault::new(
        key::PRIORITE_PROJET_1200H,
        (2024, 1, 1),
        2.0,
        Unit::Points,
        "Projet de 1 200 h au plus (NON CONFIRMÉ)",
    ),
    ParamDefault::new(
        key::PRIORITE_BLOCS,
        (2024, 1, 1),
        1.0,
        Unit::Points,
        "Formation visant des blocs de compétences (NON CONFIRMÉ)",
    ),
    ParamDefault::new(
        key::PRIORITE_INGENIERIE,
        (2024, 1, 1),
        1.0,
        Unit::Points,
        "Ingénierie de parcours valorisée : VAE, CléA, AFEST… (NON CONFIRMÉ)",
    ),
    ParamDefault::new(
        key::PRIORITE_COFINANCEMENT,
        (2024, 1, 1),
        2.0,
        Unit::Points,
        "Cofinancement (Région, OPCO, entreprise, autre cofinanceur…) (NON CONFIRMÉ)",
    ),
    ParamDefault::new(
        key::PRIORITE_METIER_PORTEUR,
        (2024, 1, 1),
        3.0,
        Unit::Points,
        "Métier visé porteur ou émergent (liste régionale) (NON CONFIRMÉ)",
    ),
    ParamDefault::new(
        key::PRIORITE_SECTEUR_EN_DECLIN,
        (2024, 1, 1),
        3.0,
        Unit::Points,
        "Secteur d’emploi en déclin (liste régionale) (NON CONFIRMÉ)",
    ),
    ParamDefault::new(
        key::PRIORITE_CONTRAT_COURT,
        (2024, 1, 1),
        1.0,
        Unit::Points,
        "Contrat court ou temps partiel < 35 h (NON CONFIRMÉ)",
    ),
    ParamDefault::new(
        key::PTP_CONTINUOUS_INTERRUPTION_MONTHS,
        (2019, 1, 1),
        6.0,
        Unit::Months,
        "R6323-10 I : 120 jours de préavis si la formation, à temps plein, interrompt le travail au moins 6 mois",
    ),
    ParamDefault::new(
        key::PTP_HEALTH_ABSENCE_MONTHS,
        (2022, 3, 31),
        6.0,
        Unit::Months,
        "D6323-9 I (décret 2022-373) : absence d’au moins 6 mois (accident du travail, maladie ou accident non professionnel) ; maladie professionnelle quelle que soit la durée",
    ),
    ParamDefault::new(
        key::PTP_HEALTH_LOOKBACK_MONTHS,
        (2022, 3, 31),
        24.0,
        Unit::Months,
        "D6323-9 I : absence dans les 24 mois précédant la demande",
    ),
    ParamDefault::new(
        key::INTERMITTENT_DAYS_TOTAL,
        (2020, 1, 1),
        220.0,
        Unit::Days,
        "R6323-9-1 I : 220 jours de travail ou cachets sur les deux à cinq dernières années (une fiche Centre Inffo dit 230)",
    ),
    ParamDefault::new(
        key::INTERMITTENT_TECH_ENREGISTRE_24,
        (2020, 1, 1),
        130.0,
        Unit::Days,
        "R6323-9-1 I 1° : technicien du spectacle enregistré, 130 jours sur 24 mois",
    ),
    ParamDefault::new(
        key::INTERMITTENT_TECH_ENREGISTRE_12,
        (2020, 1, 1),
        65.0,
        Unit::Days,
        "R6323-9-1 I 1° : ou 65 jours sur 12 mois",
    ),
    ParamDefault::new(
        key::INTERMITTENT_TECH_VIVANT_24,
        (2020, 1, 1),
        88.0,
        Unit::Days,
        "R6323-9-1 I 2° : technicien du spectacle vivant, 88 jours sur 24 mois",
    ),
    ParamDefault::new(
        key::INTERMITTENT_TECH_VIVANT_12,
        (2020, 1, 1),
        44.0,
        Unit::Days,
        "R6323-9-1 I 2° : ou 44 jours sur 12 mois",
    ),
    ParamDefault::new(
        key::INTERMITTENT_ARTISTE_24,
        (2020, 1, 1),
        60.0,
        Unit::Days,
        "R6323-9-1 I 3° : artiste, 60 jours ou cachets sur 24 mois",
    ),
    ParamDefault::new(
        key::INTERMITTENT_ARTISTE_12,
        (2020, 1, 1),
        30.0,
        Unit::Days,
        "R6323-9-1 I 3° : ou 30 jours ou cachets sur 12 mois",
    ),
    ParamDefault::new(
        key::PTP_PRECAIRE_FILING_AFTER_END_MONTHS,
        (2020, 1, 1),
        4.0,
        Unit::Months,
        "R6323-11-2 : intérim et intermittents, dossier déposé au plus tard 4 mois après le dernier contrat",
    ),
    ParamDefault::new(
        key::PTP_PRECAIRE_TRAINING_START_MONTHS,
        (2020, 1, 1),
        6.0,
        Unit::Months,
        "R6323-11-2 : formation commencée au plus tard 6 mois après le dernier contrat",
    ),
    ParamDefault::new(
        key::DEMISSION_RECOURS_MONTHS,
        (2019, 11, 1),
        2.0,
        Unit::Months,
        "R5422-2-2 : recours gracieux 2 mois après la notification du refus",
    ),
    ParamDefault::new(
        key::VAE_LEAVE_NOTICE_DAYS,
        (2019, 1, 1),
        60.0,
        Unit::Days,
        "Congé VAE : demande 60 jours avant (avant 2024)",
    ),
    ParamDefault::new(
        key::VAE_LEAVE_ANSWER_DAYS,
        (2019, 1, 1),
        30.0,
        Unit::Days,
        "Congé VAE : réponse de l’employeur sous 30 jours (avant 2024) ; silence = accord",
    ),
    ParamDefault::new(
        key::VAE_SILENCE_ACCEPTANCE,
        (2024, 1, 1),
        1.0,
        Unit::Switch,
        "VAE : sans décision 2 mois après le dossier complet, la recevabilité est acquise (1 = oui ; exceptions par arrêté, NON CONFIRMÉ)",
    ),
    ParamDefault::new(
        key::VAE_LEAVE_NOTICE_DAYS,
        (2024, 1, 1),
        30.0,
        Unit::Days,
        "R6422-3 (décret 2023-1275) : demande 30 jours avant le début des actions de VAE",
    ),
    ParamDefault::new(
        key::VAE_LEAVE_ANSWER_DAYS,
        (2024, 1, 1),
        15.0,
        Unit::Days,
        "R6422-4 : réponse sous 15 jours calendaires ; silence = accord",
    ),
    ParamDefault::new(
        key::RETENTION_ACTIVE_MONTHS,
        (2019, 1, 1),
        24.0,
        Unit::Months,
        "Base active : dossier ouvert, puis 2 ans après le dernier contact (référentiels CNIL voisins, NON CONFIRMÉ pour le CEP : à valider avec le DPO)",
    ),
    ParamDefault::new(
        key::RETENTION_CASE_MONTHS,
        (2019, 1, 1),
        60.0,
        Unit::Months,
        "Dossier expurgé 5 ans après la fin de l’accompagnement : 2 ans de base active + 3 ans d’archive intermédiaire pour les preuves de financement et de contrôle (inférence, NON CONFIRMÉ)",
    ),
    ParamDefault::new(
        key::RETENTION_DOCUMENTS_MONTHS,
        (2019, 1, 1),
        36.0,
        Unit::Months,
        "Pièces du dossier supprimées 3 ans après la fin de l’accompagnement (documents de contrôle des actions de formation : 3 ans ; NON CONFIRMÉ)",
    ),
    ParamDefault::new(
        key::PSEUDONYM_SHOW_PROVIDER,
        (2019, 1, 1),
        0.0,
        Unit::Switch,
        "Dossier pseudonymisé : nommer l’organisme de formation (1 = oui) — utile si le comité en juge la qualité, mais il peut désigner la personne dans un petit territoire",
    ),
    ParamDefault::new(
        key::EXPORT_SMALL_COUNT_THRESHOLD,
        (2019, 1, 1),
        5.0,
        Unit::People,
        "Exports des tableaux de territoire : tout effectif inférieur à ce seuil est masqué (« < 5 ») pour qu’aucune personne ne puisse être reconnue (secret statistique)",
    ),
    ParamDefault::new(
        key::CPF_RESTE_A_CHARGE,
        (2025, 1, 1),
        102.23,
        Unit::Euros,
        "Participation CPF : 102,23 € (arrêté du 26 décembre 2024)",
    ),
    ParamDefault::new(
        key::CPF_RESTE_A_CHARGE,
        (2026, 1, 1),
        103.2,
        Unit::Euros,
        "Participation CPF : 103,20 € (arrêté du 30 décembre 2025)",
    ),
];

/// The parameter table: defaults plus the user's dated values.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Parameters {
    pub overrides: Vec<ParamValue>,
}

impl Parameters {
    /// The value of `key` valid on `at`: the latest `valid_from` ≤ `at`, the user's values
    /// winning over the defaults on the same date. A date before every value reads the earliest
    /// one (see [`Parameters::entry`]). `None` only for an unknown key.
    pub fn value(&self, key: &str, at: NaiveDate) -> Option<f64> {
        self.entry(key, at).map(|(entry, _)| entry.value)
    }

    /// The entry in force for `key` on `at`, and whether it is a built-in default.
    ///
    /// A date before the first known value (a VAE filed in 2023, a contract of 2010) reads the
    /// earliest value rather than failing: the rules then still answer, with the oldest value the
    /// app knows. [`Parameters::predates`] says when that happened, so views can say so.
    pub fn entry(&self, key: &str, at: NaiveDate) -> Option<(ParamValue, bool)> {
        let defaults = DEFAULTS.iter().filter(|d| d.key == key).map(|d| {
            let value = ParamValue {
                key: d.key.to_owned(),
                valid_from: d.valid_from(),
                value: d.value,
                note: d.note.to_owned(),
            };
            (value, true)
        });
        let overrides = self
            .overrides
            .iter()
            .filter(|p| p.key == key)
            .map(|p| (p.clone(), false));
        let all: Vec<(ParamValue, bool)> = defaults.chain(overrides).collect();
        let rank = |(p, default): &(ParamValue, bool)| (p.valid_from, !*default);
        all.iter()
            .filter(|(p, _)| p.valid_from <= at)
            .max_by_key(|e| rank(e))
            .or_else(|| all.iter().min_by_key(|e| rank(e)))
            .cloned()
    }

    /// True when `at` comes before every value of `key` (the earliest value is then applied).
    pub fn predates(&self, key: &str, at: NaiveDate) -> bool {
        DEFAULTS
            .iter()
            .filter(|d| d.key == key)
            .map(ParamDefault::valid_from)
            .chain(
                self.overrides
                    .iter()
                    .filter(|p| p.key == key)
                    .map(|p| p.valid_from),
            )
            .all(|from| at < from)
    }

    /// Every parameter the rules use, as in force on `at`.
    pub fn in_force(&self, at: NaiveDate) -> Vec<(ParamValue, bool)> {
        key::ALL.iter().filter_map(|k| self.entry(k, at)).collect()
    }

    /// Like [`Parameters::value`] for a whole number of days, months or hours, kept within its
    /// unit's range (a value stored behind the app's back cannot overflow a date formula).
    pub fn count(&self, key: &str, at: NaiveDate) -> u32 {
        let (low, high) = unit_of(key).map_or((0.0, 0.0), Unit::range);
        let value = self.value(key, at).unwrap_or(0.0);
        // `as` saturates and maps NaN to 0; the clamp keeps it within the unit's range first.
        value.clamp(low, high) as u32
    }
}

/// The unit of a known key.
pub fn unit_of(key: &str) -> Option<Unit> {
    DEFAULTS.iter().find(|d| d.key == key).map(|d| d.unit)
}

impl ParamValue {
    /// Checks a value the user enters in Paramètres: a known key, a number in its unit's range
    /// (whole where it counts days, months, hours or points), a plausible date, a short note.
    pub fn validated(mut self, today: NaiveDate) -> Result<Self, crate::AppError> {
        use crate::validate::bounds::{self, DateRange};
        let mut errors = Vec::new();
        self.key = self.key.trim().to_owned();
        self.note = self.note.trim().to_owned();
        match unit_of(&self.key) {
            None => errors.push(crate::FieldError::new(
                "key",
                format!(
                    "Paramètre « {} » inconnu : choisissez-le dans la liste des valeurs réglementaires.",
                    crate::validate::excerpt(&self.key)
                ),
            )),
            Some(unit) => {
                let (low, high) = unit.range();
                if !self.value.is_finite() || self.value < low || self.value > high {
                    errors.push(crate::FieldError::new(
                        "value",
                        format!(
                            "Valeur : un nombre entre {} et {} attendu.",
                            crate::i18n::format_number(low),
                            crate::i18n::format_number(high)
                        ),
                    ));
                } else if unit.whole() && self.value.fract() != 0.0 {
                    errors.push(crate::FieldError::new(
                        "value",
                        "Valeur : un nombre entier attendu (jours, mois, heures ou points).",
                    ));
                }
            }
        }
        if let Err(m) = bounds::check_date("Date d’effet", self.valid_from, DateRange::Event, today)
        {
            errors.push(crate::FieldError::new("validFrom", m));
        }
        if let Err(m) = bounds::check_line("Note", &self.note, bounds::LINE_MAX) {
            errors.push(crate::FieldError::new("note", m));
        }
        if errors.is_empty() {
            Ok(self)
        } else {
            Err(crate::AppError::Validation { errors })
        }
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
        // Before the first value: the earliest one, and `predates` says so.
        assert_eq!(p.value("smic_monthly_gross", d(2024, 6, 1)), Some(1801.80));
        assert!(p.predates("smic_monthly_gross", d(2024, 6, 1)));
        assert!(!p.predates("smic_monthly_gross", d(2025, 6, 1)));
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

    /// Issue 10: a training start in year 26 made `count` panic (« parameter
    /// ptp_seniority_months has no value »), and with it every view of the case.
    #[test]
    fn r10_a_date_before_every_value_reads_the_earliest() {
        let p = Parameters::default();
        assert_eq!(p.count(key::PTP_SENIORITY_MONTHS, d(26, 9, 1)), 24);
        assert_eq!(p.count(key::VAE_RECEVABILITE_MONTHS, d(2023, 5, 1)), 2);
        assert_eq!(p.count("no_such_key", d(2026, 1, 1)), 0);
    }

    #[test]
    fn stored_values_out_of_range_are_clamped() {
        let p = Parameters {
            overrides: vec![ParamValue {
                key: key::EMPLOYER_ANSWER_DAYS.into(),
                valid_from: d(2020, 1, 1),
                value: 1e18,
                note: String::new(),
            }],
        };
        assert_eq!(p.count(key::EMPLOYER_ANSWER_DAYS, d(2026, 1, 1)), 3_660);
    }

    #[test]
    fn user_values_are_checked_against_their_unit() {
        let today = d(2026, 11, 30);
        let value = |key: &str, value: f64| ParamValue {
            key: key.into(),
            valid_from: d(2027, 1, 1),
            value,
            note: String::new(),
        };
        assert!(
            value(key::EMPLOYER_ANSWER_DAYS, 45.0)
                .validated(today)
                .is_ok()
        );
        for bad in [
            value(key::EMPLOYER_ANSWER_DAYS, 999_999_999.0),
            value(key::EMPLOYER_ANSWER_DAYS, -1.0),
            value(key::EMPLOYER_ANSWER_DAYS, f64::NAN),
            value(key::EMPLOYER_ANSWER_DAYS, 30.5),
            value(key::PTP_RATE_FULL, 150.0),
            value("unknown", 1.0),
        ] {
            assert!(bad.clone().validated(today).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn every_key_has_one_default_unit_and_appears_once_in_all() {
        for k in key::ALL {
            assert!(unit_of(k).is_some(), "{k} has no default");
            let units: Vec<Unit> = DEFAULTS
                .iter()
                .filter(|d| d.key == *k)
                .map(|d| d.unit)
                .collect();
            assert!(units.windows(2).all(|w| w[0] == w[1]), "{k}");
        }
        let mut sorted = key::ALL.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), key::ALL.len());
        assert!(DEFAULTS.iter().all(|d| key::ALL.contains(&d.key)));
    }
}

#[cfg(test)]
mod in_force_tests {
    use super::*;

    #[test]
    fn every_default_key_is_in_force_today() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let rows = Parameters::default().in_force(today);
        assert_eq!(rows.len(), key::ALL.len());
        assert!(rows.iter().all(|(_, default)| *default));
    }
}
