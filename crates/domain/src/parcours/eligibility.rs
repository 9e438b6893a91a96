//! Eligibility before filing (DOMAIN §2.2.1, §2.4): one explained result per rule, evaluated at
//! a stated date.

use super::params::key;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::params::Parameters;
use crate::case::{CaseData, ContractKind};
use crate::validate::{CertificationCode, parse_certification_code, rome_label};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
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
    pub outcome: Outcome,
    pub explanation: String,
}

fn result(rule: &str, outcome: Outcome, explanation: impl Into<String>) -> RuleResult {
    RuleResult {
        rule: rule.to_owned(),
        outcome,
        explanation: explanation.into(),
    }
}

/// Why the seniority condition is waived, if it is (art. L6323-17-2). Health details are never
/// named: only that a proof was provided.
pub fn seniority_exemption(case: &CaseData) -> Option<&'static str> {
    let flags = &case.situation.flags;
    if flags.oeth.set {
        Some("bénéficiaire de l’obligation d’emploi (justificatif fourni)")
    } else if flags.long_absence.set {
        Some("absence d’au moins 6 mois sur les 24 derniers mois (justificatif fourni)")
    } else if case.parcours.job_change_after_dismissal {
        Some(
            "changement d’emploi après licenciement économique ou pour inaptitude, sans formation depuis",
        )
    } else {
        None
    }
}

fn seniority(case: &CaseData, at: NaiveDate, p: &Parameters) -> RuleResult {
    const RULE: &str = "Ancienneté (projet de transition professionnelle)";
    if let Some(why) = seniority_exemption(case) {
        return result(
            RULE,
            Outcome::Exempt,
            format!("Condition d’ancienneté non exigée : {why}."),
        );
    }
    let s = &case.situation;
    let f = &case.parcours;
    let need = p.count(key::PTP_SENIORITY_MONTHS, at);
    match s.contract {
        None => result(RULE, Outcome::Unknown, "Type de contrat non renseigné."),
        Some(ContractKind::Cdi) => {
            let company = p.count(key::PTP_COMPANY_MONTHS, at);
            match (s.seniority_months_total, s.seniority_months_company) {
                (Some(total), Some(here))
                    if u32::from(total) >= need && u32::from(here) >= company =>
                {
                    result(
                        RULE,
                        Outcome::Met,
                        format!(
                            "CDI : {total} mois salariés dont {here} dans l’entreprise (il faut {need} dont {company})."
                        ),
                    )
                }
                (Some(total), Some(here)) => result(
                    RULE,
                    Outcome::Unmet,
                    format!(
                        "CDI : {total} mois salariés dont {here} dans l’entreprise ; il faut {need} mois dont {company} dans l’entreprise."
                    ),
                ),
                _ => result(
                    RULE,
                    Outcome::Unknown,
                    "CDI : ancienneté salariée et dans l’entreprise à renseigner.",
                ),
            }
        }
        Some(ContractKind::Cdd) => {
            let cdd_need = p.count(key::PTP_CDD_MONTHS_LAST_12, at);
            match (f.salaried_months_last_60, f.cdd_months_last_12) {
                (Some(total), Some(cdd))
                    if u32::from(total) >= need && u32::from(cdd) >= cdd_need =>
                {
                    result(
                        RULE,
                        Outcome::Met,
                        format!(
                            "CDD : {total} mois salariés sur 5 ans dont {cdd} mois de CDD sur 12 mois."
                        ),
                    )
                }
                (Some(total), Some(cdd)) => result(
                    RULE,
                    Outcome::Unmet,
                    format!(
                        "CDD : {total} mois salariés sur 5 ans dont {cdd} de CDD sur 12 mois ; il faut {need} mois dont {cdd_need} de CDD."
                    ),
                ),
                _ => result(
                    RULE,
                    Outcome::Unknown,
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
                    Outcome::Met,
                    format!("Intérim : {h} h sur 18 mois dont {a} h dans l’agence."),
                ),
                (Some(h), Some(a)) => result(
                    RULE,
                    Outcome::Unmet,
                    format!(
                        "Intérim : {h} h sur 18 mois dont {a} h dans l’agence ; il faut {hours} h dont {agency} h."
                    ),
                ),
                _ => result(
                    RULE,
                    Outcome::Unknown,
                    "Intérim : heures sur 18 mois et heures dans l’agence à renseigner.",
                ),
            }
        }
        Some(ContractKind::Intermittent) => result(
            RULE,
            Outcome::Unknown,
            "Intermittent du spectacle : 24 mois et 220 jours ou cachets sur 60 mois, à vérifier sur pièces.",
        ),
        Some(ContractKind::Independant | ContractKind::DemandeurEmploi) => result(
            RULE,
            Outcome::Unmet,
            "Le projet de transition professionnelle est réservé aux salariés (CDI, CDD, intérim, intermittents).",
        ),
    }
}

fn rome_change(case: &CaseData) -> RuleResult {
    const RULE: &str = "Changement de métier (codes ROME)";
    let (current, target) = (&case.situation.job_rome, &case.project.target_rome);
    match (current.is_empty(), target.is_empty()) {
        (true, _) | (_, true) => result(
            RULE,
            Outcome::Unknown,
            "Codes ROME actuel et visé à renseigner.",
        ),
        _ if current == target => result(
            RULE,
            Outcome::Unmet,
            format!("Codes ROME actuel et visé identiques ({current}) : dossier irrecevable."),
        ),
        _ => result(
            RULE,
            Outcome::Met,
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
            Outcome::Unknown,
            "Certification visée à renseigner (RNCP, RS ou bloc de compétences).",
        );
    }
    match parse_certification_code(code) {
        Ok(CertificationCode::Rncp(c)) => result(
            RULE,
            Outcome::Met,
            format!("Certification enregistrée au RNCP : {c}."),
        ),
        Ok(CertificationCode::RncpBloc(c)) => {
            result(RULE, Outcome::Met, format!("Bloc de compétences : {c}."))
        }
        Ok(CertificationCode::Rs(c)) => {
            result(RULE, Outcome::Met, format!("Répertoire spécifique : {c}."))
        }
        Err(e) => result(RULE, Outcome::Unmet, e),
    }
}

fn demission_activity(case: &CaseData, at: NaiveDate, p: &Parameters) -> RuleResult {
    const RULE: &str = "Démission-reconversion : activité salariée";
    if case.situation.contract != Some(ContractKind::Cdi) {
        return result(RULE, Outcome::Unmet, "Réservé aux salariés en CDI.");
    }
    let (days, window) = (
        p.count(key::DEMISSION_ACTIVITY_DAYS, at),
        p.count(key::DEMISSION_WINDOW_MONTHS, at),
    );
    match case.parcours.salaried_days_in_window {
        Some(d) if u32::from(d) >= days => result(
            RULE,
            Outcome::Met,
            format!("{d} jours travaillés sur {window} mois (il en faut {days})."),
        ),
        Some(d) => result(
            RULE,
            Outcome::Unmet,
            format!("{d} jours travaillés sur {window} mois ; il en faut {days}."),
        ),
        None => result(
            RULE,
            Outcome::Unknown,
            format!("Jours travaillés sur les {window} derniers mois à renseigner."),
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

/// The démission-reconversion rules.
pub fn demission_eligibility(case: &CaseData, at: NaiveDate, p: &Parameters) -> Vec<RuleResult> {
    vec![demission_activity(case, at, p), rome_change(case)]
}

#[cfg(test)]
mod tests {
    use super::*;

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

    fn seniority_of(c: &CaseData) -> Outcome {
        ptp_eligibility(c, at(), &Parameters::default())[0].outcome
    }

    #[test]
    fn cdi_needs_24_months_including_12_in_the_company() {
        let mut c = case(ContractKind::Cdi);
        assert_eq!(seniority_of(&c), Outcome::Unknown);
        c.situation.seniority_months_total = Some(24);
        c.situation.seniority_months_company = Some(12);
        assert_eq!(seniority_of(&c), Outcome::Met);
        c.situation.seniority_months_company = Some(11);
        assert_eq!(seniority_of(&c), Outcome::Unmet);
        c.situation.seniority_months_total = Some(23);
        c.situation.seniority_months_company = Some(12);
        assert_eq!(seniority_of(&c), Outcome::Unmet);
    }

    #[test]
    fn cdd_needs_24_months_in_5_years_and_4_months_of_cdd() {
        let mut c = case(ContractKind::Cdd);
        c.parcours.salaried_months_last_60 = Some(30);
        c.parcours.cdd_months_last_12 = Some(4);
        assert_eq!(seniority_of(&c), Outcome::Met);
        c.parcours.cdd_months_last_12 = Some(3);
        assert_eq!(seniority_of(&c), Outcome::Unmet);
    }

    #[test]
    fn interim_needs_1600_hours_including_600_in_the_agency() {
        let mut c = case(ContractKind::Interim);
        c.parcours.interim_hours_last_18_months = Some(1600);
        c.parcours.interim_hours_in_agency = Some(600);
        assert_eq!(seniority_of(&c), Outcome::Met);
        c.parcours.interim_hours_in_agency = Some(599);
        assert_eq!(seniority_of(&c), Outcome::Unmet);
    }

    #[test]
    fn each_exemption_waives_seniority_for_every_contract_without_health_details() {
        for contract in [ContractKind::Cdi, ContractKind::Cdd, ContractKind::Interim] {
            for exemption in 0..3 {
                let mut c = case(contract);
                match exemption {
                    0 => c.situation.flags.oeth.set = true,
                    1 => c.situation.flags.long_absence.set = true,
                    _ => c.parcours.job_change_after_dismissal = true,
                }
                let r = &ptp_eligibility(&c, at(), &Parameters::default())[0];
                assert_eq!(r.outcome, Outcome::Exempt, "{contract:?} {exemption}");
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
            (Outcome::Met, Outcome::Met)
        );
        c.project.target_rome = "H2913".into();
        let r = &ptp_eligibility(&c, at(), &Parameters::default())[1];
        assert_eq!(r.outcome, Outcome::Unmet);
        assert!(
            r.explanation
                .contains("identiques (H2913) : dossier irrecevable")
        );
        c.project.target_certification = String::new();
        assert_eq!(
            ptp_eligibility(&c, at(), &Parameters::default())[2].outcome,
            Outcome::Unknown
        );
    }

    #[test]
    fn demission_needs_cdi_and_1300_days() {
        let mut c = case(ContractKind::Cdi);
        c.parcours.salaried_days_in_window = Some(1300);
        assert_eq!(
            demission_eligibility(&c, at(), &Parameters::default())[0].outcome,
            Outcome::Met
        );
        c.parcours.salaried_days_in_window = Some(1299);
        assert_eq!(
            demission_eligibility(&c, at(), &Parameters::default())[0].outcome,
            Outcome::Unmet
        );
        c.situation.contract = Some(ContractKind::Cdd);
        assert_eq!(
            demission_eligibility(&c, at(), &Parameters::default())[0].outcome,
            Outcome::Unmet
        );
    }
}
