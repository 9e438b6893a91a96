use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use crate::ids::CaseId;

/// Everything a counsellor types about one person; stored as one JSON document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CaseData {
    pub beneficiary: Beneficiary,
    pub situation: Situation,
    pub project: Project,
    /// Dated facts of the parcours (training, requests, decisions) and eligibility facts.
    pub parcours: crate::parcours::ParcoursFacts,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Civility {
    Madame,
    Monsieur,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Beneficiary {
    pub civility: Option<Civility>,
    /// Nom de naissance (required).
    pub birth_name: String,
    /// Nom d'usage, when different.
    pub usage_name: String,
    /// Prénoms (required).
    pub first_names: String,
    pub birth_date: Option<NaiveDate>,
    /// NIR without spaces; optional, never exported in pseudonymised documents.
    pub nir: String,
    pub email: String,
    pub phone: String,
    pub postal_code: String,
    pub commune: String,
    /// Code of a territory (see the `territory` table); required.
    pub territory: String,
    /// Highest diploma level, 1–8 (cadre national des certifications).
    pub diploma_level: Option<u8>,
    pub consents: Vec<Consent>,
}

/// The purposes counsellors record most (free text is allowed too).
pub const CONSENT_PURPOSES: [&str; 4] = [
    "Accompagnement CEP et conservation du dossier",
    "Partage du dossier avec les financeurs (Transitions Pro, OPCO)",
    "Présentation du dossier en comité",
    EMPLOYER_SHARING_PURPOSE,
];

/// The consent that lets a counsellor give a person's name to an employer who recruits.
pub const EMPLOYER_SHARING_PURPOSE: &str = "Présentation du profil aux employeurs qui recrutent";

/// Whether the person agreed, and has not withdrawn, that their name be given to employers who
/// recruit: a record of exactly that purpose (accents and case aside). « Information de
/// l’employeur sur le projet » is another consent and does not count.
pub fn employer_sharing_consented(consents: &[Consent]) -> bool {
    let wanted = crate::text::fold_for_sort(EMPLOYER_SHARING_PURPOSE);
    consents.iter().any(|c| {
        crate::text::fold_for_sort(c.purpose.trim()) == wanted
            && c.given_on.is_some()
            && c.withdrawn_on.is_none()
    })
}

/// If the person withdrew the consent to share the dossier with funders or a committee (and
/// did not give it again since): when.
pub fn sharing_withdrawn(consents: &[Consent]) -> Option<NaiveDate> {
    let folded = |p: &str| crate::text::fold_for_sort(p);
    consents
        .iter()
        .filter(|c| {
            let p = folded(&c.purpose);
            p.contains("FINANCEUR") || p.contains("COMITE")
        })
        .filter_map(|c| c.withdrawn_on.map(|w| (w, c)))
        .filter(|(w, c)| {
            // Given again afterwards (a later record of the same purpose)?
            !consents.iter().any(|o| {
                o.purpose == c.purpose
                    && o.withdrawn_on.is_none()
                    && o.given_on.is_some_and(|g| g > *w)
            })
        })
        .map(|(w, _)| w)
        .max()
}

/// An RGPD consent record.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Consent {
    pub purpose: String,
    pub given_on: Option<NaiveDate>,
    pub withdrawn_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContractKind {
    Cdi,
    Cdd,
    Interim,
    Intermittent,
    Independant,
    DemandeurEmploi,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkingTime {
    TempsPlein,
    TempsPartiel,
}

/// Company headcount bands, cut where the rules change (50: OPCO funds and PTP priority;
/// 250 and 300: FNE-Formation and Transitions collectives rates; 1 000: Transco).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HeadcountBand {
    Moins11,
    De11A49,
    De50A249,
    De250A299,
    De300A999,
    Plus1000,
}

/// The 11 opérateurs de compétences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Opco {
    Afdas,
    Atlas,
    Uniformation,
    Akto,
    Ocapiat,
    Opco2i,
    Constructys,
    OpcoMobilites,
    OpcoEp,
    OpcoSante,
    Opcommerce,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Employer {
    /// Raison sociale.
    pub name: String,
    /// SIRET (14 digits), or a foreign identifier when `foreign_identifier` is set.
    pub siret: String,
    pub foreign_identifier: bool,
    /// IDCC of the collective agreement (4 digits).
    pub idcc: String,
    /// NAF/APE code, e.g. `2562B`.
    pub naf: String,
    pub headcount: Option<HeadcountBand>,
    pub opco: Option<Opco>,
}

/// A status that matters for eligibility. Only the fact, the kind of proof and its date are
/// kept — never a diagnosis (health data, RGPD art. 9).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Flag {
    pub set: bool,
    /// Kind of proof, e.g. « notification MDPH », « avis du médecin du travail ».
    pub proof: String,
    pub proof_date: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Flags {
    /// Job identified as fragilised (GEPP agreement or employer decision).
    pub metier_fragilise: Flag,
    /// Beneficiary of the employment obligation for disabled workers (includes RQTH).
    pub oeth: Flag,
    /// Unfitness recognised or pending.
    pub inaptitude: Flag,
    /// An absence for health reasons in the 24 months before the request (D6323-9 I): which
    /// exemption applies is in `long_absence_cause`, never a diagnosis.
    pub long_absence: Flag,
    pub long_absence_cause: Option<AbsenceCause>,
}

/// Which health-related absence exempts from the PTP seniority (D6323-9 I, since 31 March 2022).
/// Only the legal category is kept, never the illness.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AbsenceCause {
    /// Maladie professionnelle: exempts whatever the length of the absence.
    MaladieProfessionnelle,
    /// Accident du travail, maladie ou accident non professionnel: 6 months at least,
    /// consecutive or not.
    AutreAuMoinsSixMois,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Situation {
    pub employer: Employer,
    pub contract: Option<ContractKind>,
    pub contract_start: Option<NaiveDate>,
    pub contract_end: Option<NaiveDate>,
    pub working_time: Option<WorkingTime>,
    pub job_title: String,
    /// ROME code of the current job.
    pub job_rome: String,
    /// Months as an employee, all employers (PTP seniority).
    pub seniority_months_total: Option<u16>,
    /// Months in the current company.
    pub seniority_months_company: Option<u16>,
    /// Why the typed seniority replaces the one computed from the contract dates (other
    /// employers, interruptions): filled, the typed figures are used as they are.
    pub seniority_override_reason: String,
    pub flags: Flags,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Project {
    pub target_rome: String,
    /// RNCP, RS or bloc code.
    pub target_certification: String,
    pub motive: String,
    pub notes: String,
    /// Employment prospects after training: evidence (offers, enquête métier, employer promise).
    pub employment_prospects: String,
    /// Where the person is ready to work (zone de mobilité).
    pub mobility_zone: String,
    /// How far from home the person accepts to work or train, in kilometres (matching's radius).
    pub mobility_radius_km: Option<u16>,
    /// Competences of the ROME the counsellor recorded with the person (beyond those their
    /// current trade and certifications give).
    pub skills: Vec<DeclaredSkill>,
    /// The target trade is on the regional list of trades in demand or emerging.
    pub target_in_demand: bool,
    /// The counsellor's opinion and synthesis for the committee (avis du conseiller CEP).
    pub cep_opinion: String,
    /// When the current and target ROME codes are the same: the objective elements that show a
    /// change of trade all the same (Transitions Pro's practice; the committee decides).
    pub rome_change_justification: String,
}

/// A competence of the ROME recorded for a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeclaredSkill {
    /// The competence's `code_ogr`.
    pub code: u32,
    pub level: SkillLevel,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SkillLevel {
    /// Held: counts in matching.
    Held,
    /// To strengthen: listed, not counted as held.
    ToStrengthen,
}

/// A case file as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseFile {
    pub id: CaseId,
    /// Human reference, e.g. `D-2026-000042`.
    pub reference: String,
    pub counsellor: String,
    pub data: CaseData,
    pub created_at: String,
    pub updated_at: String,
    pub archived_at: Option<String>,
    /// When its personal data was purged (retention or erasure): nothing to edit, export or
    /// erase any more.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purged_at: Option<String>,
}

/// One line of the case list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseSummary {
    pub id: CaseId,
    pub reference: String,
    pub display_name: String,
    pub territory: String,
    pub employer: String,
    pub job: String,
    pub target: String,
    pub updated_at: String,
    pub archived: bool,
}

impl Beneficiary {
    /// « DUPRÉ Françoise » (usage name first when there is one).
    pub fn display_name(&self) -> String {
        let surname = if self.usage_name.trim().is_empty() {
            &self.birth_name
        } else {
            &self.usage_name
        };
        format!(
            "{} {}",
            surname.trim().to_uppercase(),
            self.first_names.trim()
        )
        .trim()
        .to_owned()
    }
}
