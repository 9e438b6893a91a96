//! Eligibility before filing (DOMAIN §2.2.1, §2.4): one explained result per rule, evaluated at
//! a stated date — the training start for the PTP (D6323-9 III), the end of the contract for a
//! démission-reconversion.

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::facts::IntermittentProfile;
use crate::case::{CaseData, ContractKind};
use crate::certification::is_clea;
use crate::i18n::format_date;
use crate::params::Parameters;
use crate::params::key;
use crate::validate::{CertificationCode, parse_certification_code, rome_label};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleOutcome {
    Met,
    /// The condition does not apply (an exemption, or another contract).
    Exempt,
    Unmet,
    /// A fact is missing: the counsellor must complete the case.
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleResult {
    pub rule: String,
    pub outcome: RuleOutcome,
    pub explanation: String,
}

fn result(rule: &str, outcome: RuleOutcome, explanation: impl Into<String>) -> RuleResult {
    RuleResult {
        rule: rule.to_owned(),
        outcome,
        explanation: explanation.into(),
    }
}

/// Whole months from `from` to `to` (0 when `to` comes first): 1 March → 31 March is 0,
/// 1 March → 1 April is 1.
pub fn whole_months(from: NaiveDate, to: NaiveDate) -> u32 {
    if to <= from {
        return 0;
    }
    let mut months = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    if to.day() < from.day() {
        months -= 1;
    }
    u32::try_from(months.max(0)).unwrap_or(0)
}

fn minus_months(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_sub_months(Months::new(n))
        .unwrap_or(NaiveDate::MIN)
}

/// Why the seniority condition is waived, if it is (L6323-17-2, D6323-9 I). Health details are
/// never named: only that a proof was provided. `None` also when a health absence is ticked but
/// its legal category is not chosen, or before the health exemption existed (31 March 2022).
pub fn seniority_exemption(case: &CaseData, at: NaiveDate, p: &Parameters) -> Option<&'static str> {
    let flags = &case.situation.flags;
    let health_in_force = !p.predates(key::PTP_HEALTH_ABSENCE_MONTHS, at);
    if flags.oeth.set {
        Some("bénéficiaire de l’obligation d’emploi (justificatif fourni)")
    } else if flags.long_absence.set && health_in_force && flags.long_absence_cause.is_some() {
        Some(
            "absence pour raison de santé dans les 24 mois précédant la demande (justificatif fourni)",
        )
    } else if case.parcours.job_change_after_dismissal {
        Some(
            "changement d’emploi après licenciement économique ou pour inaptitude, sans formation depuis",
        )
    } else {
        None
    }
}

/// Whether the case claims an exemption (the checklist then asks for its proof), whatever
/// the date.
pub fn uses_seniority_exemption(case: &CaseData) -> bool {
    let flags = &case.situation.flags;
    flags.oeth.set || flags.long_absence.set || case.parcours.job_change_after_dismissal
}

/// Seniority as of `at`: from the contract dates when the counsellor did not override them.
struct Seniority {
    total: Option<u32>,
    company: Option<u32>,
    how: String,
}

fn seniority_at(case: &CaseData, at: NaiveDate) -> Seniority {
    let s = &case.situation;
    let typed = (
        s.seniority_months_total.map(u32::from),
        s.seniority_months_company.map(u32::from),
    );
    let reason = s.seniority_override_reason.trim();
    if !reason.is_empty() {
        return Seniority {
            total: typed.0,
            company: typed.1,
            how: format!("saisie par le conseiller : {reason}"),
        };
    }
    match s.contract_start {
        // In the company since the contract's start; at least as much as an employee. The
        // typed total (other employers) counts when it says more.
        Some(start) => {
            let end = s.contract_end.map_or(at, |e| e.min(at));
            let company = whole_months(start, end);
            Seniority {
                total: Some(typed.0.map_or(company, |t| t.max(company))),
                company: Some(company),
                how: format!(
                    "calculée depuis le début du contrat le {}",
                    format_date(start)
                ),
            }
        }
        None => Seniority {
            total: typed.0,
            company: typed.1,
            how: "saisie par le conseiller".to_owned(),
        },
    }
}

fn seniority(case: &CaseData, at: NaiveDate, p: &Parameters) -> RuleResult {
    const RULE: &str = "Ancienneté (projet de transition professionnelle)";
    if let Some(why) = seniority_exemption(case, at, p) {
        return result(
            RULE,
            RuleOutcome::Exempt,
            format!("Condition d’ancienneté non exigée : {why}."),
        );
    }
    let flags = &case.situation.flags;
    if flags.long_absence.set && flags.long_absence_cause.is_none() {
        return result(
            RULE,
            RuleOutcome::Unknown,
            "Absence pour raison de santé : précisez l’exemption (maladie professionnelle, quelle que soit la durée ; ou accident du travail, maladie ou accident non professionnel d’au moins 6 mois).",
        );
    }
    let s = &case.situation;
    let f = &case.parcours;
    let when = format!("au {} (D6323-9 III)", format_date(at));
    let need = p.count(key::PTP_SENIORITY_MONTHS, at);
    match s.contract {
        None => result(RULE, RuleOutcome::Unknown, "Type de contrat non renseigné."),
        Some(ContractKind::Cdi) => {
            let company_need = p.count(key::PTP_COMPANY_MONTHS, at);
            let sen = seniority_at(case, at);
            match (sen.total, sen.company) {
                (Some(total), Some(here)) if total >= need && here >= company_need => result(
                    RULE,
                    RuleOutcome::Met,
                    format!(
                        "CDI : {total} mois salariés dont {here} dans l’entreprise {when} ({} ; il faut {need} dont {company_need}).",
                        sen.how
                    ),
                ),
                (Some(total), Some(here)) => result(
                    RULE,
                    RuleOutcome::Unmet,
                    format!(
                        "CDI : {total} mois salariés dont {here} dans l’entreprise {when} ({}) ; il faut {need} mois dont {company_need} dans l’entreprise.",
                        sen.how
                    ),
                ),
                _ => result(
                    RULE,
                    RuleOutcome::Unknown,
                    "CDI : date de début du contrat, ou ancienneté salariée et dans l’entreprise, à renseigner.",
                ),
            }
        }
        Some(ContractKind::Cdd) => {
            let cdd_need = p.count(key::PTP_CDD_MONTHS_LAST_12, at);
            // The current CDD counts towards the 4 months over the last 12 (D6323-9 II lists the
            // contracts that do not: CAE, apprentissage, professionnalisation, student, a CDD
            // continued as a CDI).
            let cdd_now = s.contract_start.map(|start| {
                let from = start.max(minus_months(at, 12));
                whole_months(from, s.contract_end.map_or(at, |e| e.min(at)))
            });
            let cdd = match (f.cdd_months_last_12.map(u32::from), cdd_now) {
                (Some(t), Some(c)) => Some(t.max(c).min(12)),
                (t, c) => t.or(c),
            };
            match (f.salaried_months_last_60.map(u32::from), cdd) {
                (Some(total), Some(cdd)) if total >= need && cdd >= cdd_need => result(
                    RULE,
                    RuleOutcome::Met,
                    format!(
                        "CDD : {total} mois salariés sur 5 ans dont {cdd} mois de CDD sur 12 mois, {when}."
                    ),
                ),
                (Some(total), Some(cdd)) => result(
                    RULE,
                    RuleOutcome::Unmet,
                    format!(
                        "CDD : {total} mois salariés sur 5 ans dont {cdd} de CDD sur 12 mois {when} ; il faut {need} mois dont {cdd_need} de CDD."
                    ),
                ),
                _ => result(
                    RULE,
                    RuleOutcome::Unknown,
                    "CDD : mois salariés sur 5 ans et mois de CDD sur 12 mois à renseigner.",
                ),
            }
        }
        Some(ContractKind::Interim) => {
            let (hours, agency) = (
                p.count(key::PTP_INTERIM_HOURS, at),
                p.count(key::PTP_INTERIM_AGENCY_HOURS, at),
            );
            match (f.interim_hours_last_18_months, f.interim_hours_in_agency) {
                (Some(h), Some(a)) if h >= hours && a >= agency => result(
                    RULE,
                    RuleOutcome::Met,
                    format!("Intérim : {h} h sur 18 mois dont {a} h dans l’agence."),
                ),
                (Some(h), Some(a)) => result(
                    RULE,
                    RuleOutcome::Unmet,
                    format!(
                        "Intérim : {h} h sur 18 mois dont {a} h dans l’agence ; il faut {hours} h dont {agency} h."
                    ),
                ),
                _ => result(
                    RULE,
                    RuleOutcome::Unknown,
                    "Intérim : heures sur 18 mois et heures dans l’agence à renseigner.",
                ),
            }
        }
        Some(ContractKind::Intermittent) => intermittent(case, at, p),
        Some(ContractKind::Independant | ContractKind::DemandeurEmploi) => result(
            RULE,
            RuleOutcome::Unmet,
            "Le projet de transition professionnelle est réservé aux salariés (CDI, CDD, intérim, intermittents).",
        ),
    }
}

/// R6323-9-1 I: 220 days or cachets over the last two to five years, and the profile's minimum
/// over 24 months (or half of it over 12). Checked on documents by the counsellor instead, the
/// rule is met — the tick is journaled with the case.
fn intermittent(case: &CaseData, at: NaiveDate, p: &Parameters) -> RuleResult {
    const RULE: &str = "Ancienneté (projet de transition professionnelle)";
    let i = &case.parcours.intermittent;
    if i.verified_on_documents {
        return result(
            RULE,
            RuleOutcome::Met,
            "Intermittent du spectacle : conditions de R6323-9-1 vérifiées sur pièces par le conseiller.",
        );
    }
    let total_need = p.count(key::INTERMITTENT_DAYS_TOTAL, at);
    let (k24, k12, who) = match i.profile {
        Some(IntermittentProfile::TechnicienEnregistre) => (
            key::INTERMITTENT_TECH_ENREGISTRE_24,
            key::INTERMITTENT_TECH_ENREGISTRE_12,
            "technicien du spectacle enregistré",
        ),
        Some(IntermittentProfile::TechnicienVivant) => (
            key::INTERMITTENT_TECH_VIVANT_24,
            key::INTERMITTENT_TECH_VIVANT_12,
            "technicien du spectacle vivant",
        ),
        Some(IntermittentProfile::Artiste) => (
            key::INTERMITTENT_ARTISTE_24,
            key::INTERMITTENT_ARTISTE_12,
            "artiste",
        ),
        None => {
            return result(
                RULE,
                RuleOutcome::Unknown,
                "Intermittent du spectacle : profil (technicien enregistré ou vivant, artiste) et jours ou cachets à renseigner, ou conditions vérifiées sur pièces à cocher.",
            );
        }
    };
    let (need24, need12) = (p.count(k24, at), p.count(k12, at));
    let (total, d24, d12) = (
        i.days_total.map(u32::from),
        i.days_last_24_months.map(u32::from),
        i.days_last_12_months.map(u32::from),
    );
    let Some(total) = total else {
        return result(
            RULE,
            RuleOutcome::Unknown,
            format!(
                "Intermittent ({who}) : jours ou cachets sur 2 à 5 ans à renseigner (il en faut {total_need})."
            ),
        );
    };
    let recent = d24.is_some_and(|d| d >= need24) || d12.is_some_and(|d| d >= need12);
    if d24.is_none() && d12.is_none() {
        return result(
            RULE,
            RuleOutcome::Unknown,
            format!(
                "Intermittent ({who}) : jours sur 24 mois (il en faut {need24}) ou sur 12 mois ({need12}) à renseigner."
            ),
        );
    }
    let outcome = if total >= total_need && recent {
        RuleOutcome::Met
    } else {
        RuleOutcome::Unmet
    };
    result(
        RULE,
        outcome,
        format!(
            "Intermittent ({who}) : {total} jours ou cachets sur 2 à 5 ans (il en faut {total_need}) ; {} sur 24 mois (il en faut {need24}) ou {} sur 12 mois ({need12}).",
            d24.map_or("—".to_owned(), |d| d.to_string()),
            d12.map_or("—".to_owned(), |d| d.to_string())
        ),
    )
}

fn rome_change(case: &CaseData) -> RuleResult {
    const RULE: &str = "Changement de métier (codes ROME)";
    let (current, target) = (&case.situation.job_rome, &case.project.target_rome);
    let justification = case.project.rome_change_justification.trim();
    match (current.is_empty(), target.is_empty()) {
        (true, _) | (_, true) => result(
            RULE,
            RuleOutcome::Unknown,
            "Codes ROME actuel et visé à renseigner.",
        ),
        _ if current == target && justification.is_empty() => result(
            RULE,
            RuleOutcome::Unmet,
            format!(
                "Codes ROME actuel et visé identiques ({current}) : irrecevable sans éléments objectifs du changement de métier (à renseigner au Projet)."
            ),
        ),
        _ if current == target => result(
            RULE,
            RuleOutcome::Met,
            format!(
                "Codes ROME identiques ({current}) ; éléments objectifs du changement de métier : {justification} (à l’appréciation de Transitions Pro)."
            ),
        ),
        _ => result(
            RULE,
            RuleOutcome::Met,
            format!(
                "{current} ({}) → {target} ({}).",
                rome_label(current).unwrap_or("?"),
                rome_label(target).unwrap_or("?")
            ),
        ),
    }
}

fn certifying_target(case: &CaseData) -> RuleResult {
    const RULE: &str = "Formation certifiante (RNCP, RS ou bloc)";
    let code = &case.project.target_certification;
    if code.is_empty() {
        return result(
            RULE,
            RuleOutcome::Unknown,
            "Certification visée à renseigner (RNCP, RS ou bloc de compétences).",
        );
    }
    match parse_certification_code(code) {
        Ok(CertificationCode::Rncp(c)) => result(
            RULE,
            RuleOutcome::Met,
            format!("Certification enregistrée au RNCP : {c}."),
        ),
        Ok(CertificationCode::RncpBloc(c)) => result(
            RULE,
            RuleOutcome::Met,
            format!("Bloc de compétences : {c}."),
        ),
        Ok(CertificationCode::Rs(c)) if is_clea(&c, None) => result(
            RULE,
            RuleOutcome::Met,
            format!("{c} : certificat CléA, inscrit au Répertoire spécifique."),
        ),
        Ok(CertificationCode::Rs(c)) => result(
            RULE,
            RuleOutcome::Met,
            format!("Répertoire spécifique : {c}."),
        ),
        Err(e) => result(RULE, RuleOutcome::Unmet, e),
    }
}

/// The date the démission-reconversion activity is counted back from: the planned end of the
/// contract (end of notice), else `fallback`.
pub fn demission_reference(case: &CaseData, fallback: NaiveDate) -> NaiveDate {
    case.parcours.demission_contract_end.unwrap_or(fallback)
}

fn demission_activity(case: &CaseData, at: NaiveDate, p: &Parameters) -> RuleResult {
    const RULE: &str = "Démission-reconversion : activité salariée";
    if case.situation.contract != Some(ContractKind::Cdi) {
        return result(RULE, RuleOutcome::Unmet, "Réservé aux salariés en CDI.");
    }
    let (days, window) = (
        p.count(key::DEMISSION_ACTIVITY_DAYS, at),
        p.count(key::DEMISSION_WINDOW_MONTHS, at),
    );
    let Some(end) = case.parcours.demission_contract_end else {
        return result(
            RULE,
            RuleOutcome::Unknown,
            format!(
                "Date de fin du contrat prévue (fin du préavis) à renseigner : les {days} jours d’activité salariée continue se comptent sur les {window} mois qui la précèdent."
            ),
        );
    };
    let span = format!(
        "du {} au {}",
        format_date(minus_months(end, window)),
        format_date(end)
    );
    match case.parcours.salaried_days_in_window {
        Some(d) if u32::from(d) >= days => result(
            RULE,
            RuleOutcome::Met,
            format!("{d} jours travaillés sur {window} mois, {span} (il en faut {days})."),
        ),
        Some(d) => result(
            RULE,
            RuleOutcome::Unmet,
            format!(
                "{d} jours travaillés sur {window} mois, {span} ; il en faut {days}. Démissionner n’ouvrirait aucun droit au chômage."
            ),
        ),
        None => result(
            RULE,
            RuleOutcome::Unknown,
            format!(
                "Jours travaillés sur les {window} mois {span} à renseigner (il en faut {days})."
            ),
        ),
    }
}

/// The PTP rules, evaluated at `at` (the expected training start, or today).
pub fn ptp_eligibility(case: &CaseData, at: NaiveDate, p: &Parameters) -> Vec<RuleResult> {
    vec![
        seniority(case, at, p),
        rome_change(case),
        certifying_target(case),
    ]
}

/// The démission-reconversion rule, evaluated at the planned end of the contract (`at` is the
/// date used when that end is not known yet, for the parameters).
pub fn demission_eligibility(case: &CaseData, at: NaiveDate, p: &Parameters) -> Vec<RuleResult> {
    vec![demission_activity(case, demission_reference(case, at), p)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::AbsenceCause;
    use crate::parcours::IntermittentProfile;

    fn at() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
    }

    fn case(contract: ContractKind) -> CaseData {
        let mut c = CaseData::default();
        c.situation.contract = Some(contract);
        c.situation.job_rome = "H2913".into();
        c.project.target_rome = "J1501".into();
        c.project.target_certification = "RNCP35830".into();
        c
    }

    fn seniority_of(c: &CaseData) -> RuleOutcome {
        ptp_eligibility(c, at(), &Parameters::default())[0].outcome
    }

    #[test]
    fn cdi_needs_24_months_including_12_in_the_company() {
        let mut c = case(ContractKind::Cdi);
        assert_eq!(seniority_of(&c), RuleOutcome::Unknown);
        c.situation.seniority_months_total = Some(24);
        c.situation.seniority_months_company = Some(12);
        assert_eq!(seniority_of(&c), RuleOutcome::Met);
        c.situation.seniority_months_company = Some(11);
        assert_eq!(seniority_of(&c), RuleOutcome::Unmet);
        c.situation.seniority_months_total = Some(23);
        c.situation.seniority_months_company = Some(12);
        assert_eq!(seniority_of(&c), RuleOutcome::Unmet);
    }

    #[test]
    fn cdd_needs_24_months_in_5_years_and_4_months_of_cdd() {
        let mut c = case(ContractKind::Cdd);
        c.parcours.salaried_months_last_60 = Some(30);
        c.parcours.cdd_months_last_12 = Some(4);
        assert_eq!(seniority_of(&c), RuleOutcome::Met);
        c.parcours.cdd_months_last_12 = Some(3);
        assert_eq!(seniority_of(&c), RuleOutcome::Unmet);
    }

    #[test]
    fn interim_needs_1600_hours_including_600_in_the_agency() {
        let mut c = case(ContractKind::Interim);
        c.parcours.interim_hours_last_18_months = Some(1600);
        c.parcours.interim_hours_in_agency = Some(600);
        assert_eq!(seniority_of(&c), RuleOutcome::Met);
        c.parcours.interim_hours_in_agency = Some(599);
        assert_eq!(seniority_of(&c), RuleOutcome::Unmet);
    }

    #[test]
    fn each_exemption_waives_seniority_for_every_contract_without_health_details() {
        for contract in [ContractKind::Cdi, ContractKind::Cdd, ContractKind::Interim] {
            for exemption in 0..3 {
                let mut c = case(contract);
                match exemption {
                    0 => c.situation.flags.oeth.set = true,
                    1 => {
                        c.situation.flags.long_absence.set = true;
                        c.situation.flags.long_absence_cause =
                            Some(AbsenceCause::MaladieProfessionnelle);
                    }
                    _ => c.parcours.job_change_after_dismissal = true,
                }
                let r = &ptp_eligibility(&c, at(), &Parameters::default())[0];
                assert_eq!(r.outcome, RuleOutcome::Exempt, "{contract:?} {exemption}");
                assert!(
                    r.explanation
                        .starts_with("Condition d’ancienneté non exigée")
                );
                assert!(!r.explanation.contains("RQTH"), "no health detail");
            }
        }
    }

    #[test]
    fn rome_and_certification_rules() {
        let mut c = case(ContractKind::Cdi);
        let rules = ptp_eligibility(&c, at(), &Parameters::default());
        assert_eq!(
            (rules[1].outcome, rules[2].outcome),
            (RuleOutcome::Met, RuleOutcome::Met)
        );
        c.project.target_rome = "H2913".into();
        let r = &ptp_eligibility(&c, at(), &Parameters::default())[1];
        assert_eq!(r.outcome, RuleOutcome::Unmet);
        assert!(
            r.explanation
                .contains("identiques (H2913) : irrecevable sans éléments objectifs"),
            "{}",
            r.explanation
        );
        c.project.target_certification = String::new();
        assert_eq!(
            ptp_eligibility(&c, at(), &Parameters::default())[2].outcome,
            RuleOutcome::Unknown
        );
    }

    #[test]
    fn demission_needs_cdi_and_1300_days() {
        let mut c = case(ContractKind::Cdi);
        assert_eq!(
            demission_eligibility(&c, at(), &Parameters::default())[0].outcome,
            RuleOutcome::Unknown,
            "no end of contract: nothing to count back from"
        );
        c.parcours.demission_contract_end = NaiveDate::from_ymd_opt(2027, 2, 28);
        c.parcours.salaried_days_in_window = Some(1300);
        assert_eq!(
            demission_eligibility(&c, at(), &Parameters::default())[0].outcome,
            RuleOutcome::Met
        );
        c.parcours.salaried_days_in_window = Some(1299);
        assert_eq!(
            demission_eligibility(&c, at(), &Parameters::default())[0].outcome,
            RuleOutcome::Unmet
        );
        c.situation.contract = Some(ContractKind::Cdd);
        assert_eq!(
            demission_eligibility(&c, at(), &Parameters::default())[0].outcome,
            RuleOutcome::Unmet
        );
    }

    /// D6323-9 I (décret 2022-373, from 31 March 2022): an occupational disease exempts whatever
    /// the length of the absence; a workplace accident or a non-occupational illness or accident
    /// from 6 months. Only the legal category is recorded, never a diagnosis; before the decree
    /// neither exempted.
    #[test]
    fn d6323_9_health_exemptions_by_legal_category() {
        let mut c = case(ContractKind::Cdi);
        c.situation.seniority_months_total = Some(5);
        c.situation.seniority_months_company = Some(5);
        c.situation.flags.long_absence.set = true;
        assert_eq!(
            seniority_of(&c),
            RuleOutcome::Unknown,
            "which exemption applies must be said"
        );
        for cause in [
            AbsenceCause::MaladieProfessionnelle,
            AbsenceCause::AutreAuMoinsSixMois,
        ] {
            c.situation.flags.long_absence_cause = Some(cause);
            let r = &ptp_eligibility(&c, at(), &Parameters::default())[0];
            assert_eq!(r.outcome, RuleOutcome::Exempt);
            assert!(
                !r.explanation.contains("professionnelle"),
                "no category in the text"
            );
        }
        let before = NaiveDate::from_ymd_opt(2022, 3, 30).unwrap();
        assert_eq!(
            ptp_eligibility(&c, before, &Parameters::default())[0].outcome,
            RuleOutcome::Unmet,
            "not an exemption before 31 March 2022"
        );
    }

    /// L6323-17-2: OETH beneficiaries and employees re-employed after an economic or unfitness
    /// dismissal without training since are exempt too.
    #[test]
    fn l6323_17_2_oeth_and_reemployment_exempt() {
        let mut c = case(ContractKind::Cdd);
        c.situation.flags.oeth.set = true;
        assert_eq!(seniority_of(&c), RuleOutcome::Exempt);
        c.situation.flags.oeth.set = false;
        c.parcours.job_change_after_dismissal = true;
        assert_eq!(seniority_of(&c), RuleOutcome::Exempt);
    }

    /// D6323-9 III: seniority is assessed at the training start, from the contract dates, the
    /// typed figures being an override the counsellor justifies.
    #[test]
    fn d6323_9_iii_seniority_is_assessed_at_the_training_start() {
        let mut c = case(ContractKind::Cdi);
        c.situation.contract_start = NaiveDate::from_ymd_opt(2025, 3, 1);
        c.situation.seniority_months_total = Some(30);
        let today = NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
        let start = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let p = Parameters::default();
        assert_eq!(
            ptp_eligibility(&c, today, &p)[0].outcome,
            RuleOutcome::Unmet,
            "10 months in the company"
        );
        let r = &ptp_eligibility(&c, start, &p)[0];
        assert_eq!(
            r.outcome,
            RuleOutcome::Met,
            "12 months on the day training starts"
        );
        assert!(
            r.explanation.contains("au 1er mars 2026 (D6323-9 III)"),
            "{}",
            r.explanation
        );
        assert!(
            r.explanation
                .contains("calculée depuis le début du contrat"),
            "{}",
            r.explanation
        );
        c.situation.seniority_months_company = Some(2);
        c.situation.seniority_override_reason = "Reprise d’ancienneté non reconnue".into();
        let r = &ptp_eligibility(&c, start, &p)[0];
        assert_eq!(r.outcome, RuleOutcome::Unmet);
        assert!(
            r.explanation.contains("saisie par le conseiller : Reprise"),
            "{}",
            r.explanation
        );
    }

    /// R6323-9-1 I: an intermittent needs 220 days or cachets over 2 to 5 years and the
    /// profile's minimum; checked on documents instead, the rule is met (and does not block).
    #[test]
    fn r6323_9_1_intermittents_by_profile_or_checked_on_documents() {
        let mut c = case(ContractKind::Intermittent);
        assert_eq!(seniority_of(&c), RuleOutcome::Unknown);
        c.parcours.intermittent.profile = Some(IntermittentProfile::TechnicienVivant);
        c.parcours.intermittent.days_total = Some(230);
        c.parcours.intermittent.days_last_12_months = Some(44);
        assert_eq!(seniority_of(&c), RuleOutcome::Met);
        c.parcours.intermittent.days_last_12_months = Some(43);
        assert_eq!(seniority_of(&c), RuleOutcome::Unmet);
        c.parcours.intermittent.days_last_24_months = Some(88);
        assert_eq!(seniority_of(&c), RuleOutcome::Met);
        c.parcours.intermittent = Default::default();
        c.parcours.intermittent.verified_on_documents = true;
        assert_eq!(seniority_of(&c), RuleOutcome::Met);
    }

    #[test]
    fn clea_is_a_certifying_target() {
        let mut c = case(ContractKind::Cdi);
        c.project.target_certification = "CLEA".into();
        let r = &ptp_eligibility(&c, at(), &Parameters::default())[2];
        assert_eq!(r.outcome, RuleOutcome::Met);
        assert!(r.explanation.contains("CléA"));
    }

    #[test]
    fn whole_months_count_calendar_months() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(whole_months(d(2025, 3, 1), d(2026, 3, 1)), 12);
        assert_eq!(whole_months(d(2025, 3, 15), d(2026, 3, 14)), 11);
        assert_eq!(whole_months(d(2025, 1, 31), d(2025, 2, 28)), 0);
        assert_eq!(whole_months(d(2026, 1, 1), d(2025, 1, 1)), 0);
    }
}
