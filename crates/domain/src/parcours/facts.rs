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

/// Why the employer postponed the absence (R6323-10-1 I).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PostponementGround {
    /// Harm to production or to the running of the business, after the CSE's opinion: 9 months
    /// at most.
    Production,
    /// Too many employees absent at once on this leave (2 % from 100 employees, one below).
    Effectif,
}

/// Performing-arts profile of an intermittent (R6323-9-1 I): each has its own minimum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IntermittentProfile {
    /// Technicien du spectacle enregistré.
    TechnicienEnregistre,
    /// Technicien du spectacle vivant.
    TechnicienVivant,
    /// Artiste du spectacle (L7121-2).
    Artiste,
}

/// What an intermittent's seniority is checked on (R6323-9-1 I).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct IntermittentFacts {
    pub profile: Option<IntermittentProfile>,
    /// Days of work or cachets over the last two to five years (220 needed).
    pub days_total: Option<u16>,
    pub days_last_24_months: Option<u16>,
    pub days_last_12_months: Option<u16>,
    /// The counsellor checked the condition on the payslips and attestations instead: the
    /// rule is then met, and the tick is journaled with the counsellor's name.
    pub verified_on_documents: bool,
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
    /// Followed part-time, alongside work (`Some(true)`), or full-time, work suspended
    /// (`Some(false)`). Unknown, the absence request takes the safe 120-day notice.
    pub part_time: Option<bool>,
    /// The start date written in the absence request: a postponement by the employer counts
    /// its 9 months from it, whatever start the training later moves to (R6323-10-1).
    pub requested_start: Option<NaiveDate>,
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
    /// Why the employer postponed the absence, when the answer is a postponement.
    pub postponement_ground: Option<PostponementGround>,
    pub intermittent: IntermittentFacts,
    /// Démission-reconversion: the planned end of the contract (end of notice), the date the
    /// 1 300 days over 60 months are counted back from.
    pub demission_contract_end: Option<NaiveDate>,
    /// Démission-reconversion: the day the refusal was notified (its recours runs 2 months).
    pub demission_refusal_notified_on: Option<NaiveDate>,
    pub demission_recours_filed_on: Option<NaiveDate>,
    /// Démission-reconversion: the day the employee resigned.
    pub resigned_on: Option<NaiveDate>,
    /// Démission-reconversion: registration with France Travail.
    pub france_travail_registered_on: Option<NaiveDate>,
    /// Congé VAE: first day of absence asked, and the day the employer received the request.
    pub vae_leave_start: Option<NaiveDate>,
    pub vae_leave_request_received_on: Option<NaiveDate>,
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
