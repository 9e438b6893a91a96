//! The dated facts of a parcours: what the deadlines, the guards and the eligibility read.
//! They live in the case's data (`CaseData::parcours`), so every change is validated and
//! journaled like the rest of the case.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    Presentiel,
    Distanciel,
    Mixte,
    Afest,
}

/// The OPCO scheme a training request goes through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OpcoScheme {
    /// Plan de développement des compétences.
    PlanDeveloppement,
    /// Reconversion ou promotion par alternance: dossiers before 1 January 2026 only.
    ProA,
    /// Période de reconversion: from 1 January 2026.
    PeriodeReconversion,
    /// FNE-Formation (State, through the OPCO).
    FneFormation,
}

/// The employer's answer to the absence request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmployerAnswer {
    Accord,
    /// No answer within the legal delay: the authorisation is deemed granted.
    AccordTacite,
    Refus,
    Report,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Training {
    pub title: String,
    /// Organisme de formation.
    pub provider: String,
    pub provider_qualiopi: bool,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    /// Hours after positionnement.
    pub hours: Option<u32>,
    pub modality: Option<Modality>,
    pub cost_cents: Option<i64>,
    /// Held at least partly during working time (an absence authorisation is needed).
    pub during_working_time: bool,
    /// Continuous interruption of work of 6 months or more (120-day notice instead of 60).
    pub continuous_interruption_6_months: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ParcoursFacts {
    pub training: Training,
    /// The day the employer received the written absence request.
    pub absence_request_received_on: Option<NaiveDate>,
    pub employer_answer: Option<EmployerAnswer>,
    pub employer_answer_on: Option<NaiveDate>,
    pub dossier_filed_on: Option<NaiveDate>,
    /// OPCO branch: the scheme of the request.
    pub opco_scheme: Option<OpcoScheme>,
    pub commission_on: Option<NaiveDate>,
    /// The day a refusal notice was sent (starts the recours gracieux delay).
    pub refusal_notified_on: Option<NaiveDate>,
    pub recours_filed_on: Option<NaiveDate>,
    /// Démission-reconversion: date of the attestation du caractère réel et sérieux.
    pub demission_attested_on: Option<NaiveDate>,
    /// VAE: the certifier received the complete recevabilité dossier.
    pub vae_dossier_complete_on: Option<NaiveDate>,
    // Eligibility facts.
    /// CDD: months on CDD over the last 12 months.
    pub cdd_months_last_12: Option<u16>,
    /// Salaried months over the last 5 years (CDD rule).
    pub salaried_months_last_60: Option<u16>,
    /// Intérim: hours over the last 18 months, and in the agency making the request.
    pub interim_hours_last_18_months: Option<u32>,
    pub interim_hours_in_agency: Option<u32>,
    /// Démission-reconversion: days worked over the window (60 months by default).
    pub salaried_days_in_window: Option<u16>,
    /// Changed job after an economic or unfitness dismissal, without training in between
    /// (exempts from the PTP seniority condition).
    pub job_change_after_dismissal: bool,
    /// Funding plan: who pays how much for the project.
    pub funding: Vec<FundingLine>,
}

/// Who funds part of a project (DOMAIN §8.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Funder {
    TransitionsPro,
    Cpf,
    Opco,
    Employeur,
    Region,
    Agefiph,
    FranceVae,
    FranceTravail,
    Autre,
}

/// One line of the funding plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FundingLine {
    pub funder: Funder,
    pub amount_cents: i64,
    /// What it covers (frais pédagogiques, rémunération, frais annexes…).
    #[serde(default)]
    pub covers: String,
}

impl ParcoursFacts {
    /// The total of the funding plan, in cents.
    pub fn funding_total(&self) -> i64 {
        // Saturating: a funding plan stored behind the app's back cannot overflow a total.
        self.funding
            .iter()
            .fold(0i64, |total, l| total.saturating_add(l.amount_cents))
    }

    /// What is asked of Transitions Pro (the amount a commission decides on).
    pub fn amount_requested(&self) -> i64 {
        self.funding
            .iter()
            .filter(|l| l.funder == Funder::TransitionsPro)
            .fold(0i64, |total, l| total.saturating_add(l.amount_cents))
    }
}
