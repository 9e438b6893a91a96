//! The priority score a Transitions Pro commission weighs (DOMAIN §2.2.5): a grid of criteria,
//! each worth points from the dated parameters (`priorite_*`), totalled out of 20.

use crate::params::key;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::case::{CaseData, ContractKind, HeadcountBand, WorkingTime};
use crate::params::Parameters;
use crate::parcours::{Funder, Modality};
use crate::validate::{CertificationCode, parse_certification_code};

/// One criterion of the grid and whether the case meets it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PriorityItem {
    pub key: String,
    /// What the committee reads. Health-related criteria never name the condition.
    pub label: String,
    pub points: f64,
    pub met: bool,
    /// The grid item is not confirmed for the region (parameter note says so).
    pub unconfirmed: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PriorityScore {
    pub items: Vec<PriorityItem>,
    pub total: f64,
    /// The sum of every criterion's points (20 with the default grid).
    pub max: f64,
}

/// Evaluates the grid in force on `at` for a case.
/// `target_title` is the catalogue title of the target certification, when known (a CléA fiche
/// imported under its RS number is recognised by it).
pub fn priority_score(
    case: &CaseData,
    target_title: Option<&str>,
    at: NaiveDate,
    params: &Parameters,
) -> PriorityScore {
    let s = &case.situation;
    let f = &case.parcours;
    let least_qualified = case.beneficiary.diploma_level.is_some_and(|l| l <= 3);
    let small_company = matches!(
        s.employer.headcount,
        Some(HeadcountBand::Moins11 | HeadcountBand::De11A49)
    );
    let short_project = f.training.hours.is_some_and(|h| h <= 1200);
    let blocs = matches!(
        parse_certification_code(&case.project.target_certification),
        Ok(CertificationCode::RncpBloc(_))
    );
    let engineering = f.training.modality == Some(Modality::Afest)
        || !f.training.during_working_time && f.training.hours.is_some()
        || crate::certification::is_clea(&case.project.target_certification, target_title);
    let cofunded = f
        .funding
        .iter()
        .any(|l| l.amount_cents > 0 && !matches!(l.funder, Funder::TransitionsPro | Funder::Cpf));
    let short_contract = matches!(
        s.contract,
        Some(ContractKind::Cdd | ContractKind::Interim | ContractKind::Intermittent)
    ) || s.working_time == Some(WorkingTime::TempsPartiel);
    let criteria: [(&str, &str, bool); 10] = [
        (
            key::PRIORITE_MOINS_QUALIFIES,
            "Salarié parmi les moins qualifiés (niveau CAP/BEP ou infra)",
            least_qualified,
        ),
        (
            key::PRIORITE_INAPTITUDE,
            // Never state the health condition: only that a proof was provided.
            "Situation individuelle prioritaire (justificatif fourni)",
            s.flags.inaptitude.set,
        ),
        (
            key::PRIORITE_ENTREPRISE_MOINS_50,
            "Entreprise de moins de 50 salariés",
            small_company,
        ),
        (
            key::PRIORITE_PROJET_1200H,
            "Projet de 1 200 heures au plus",
            short_project,
        ),
        (
            key::PRIORITE_BLOCS,
            "Formation visant des blocs de compétences",
            blocs,
        ),
        (
            key::PRIORITE_INGENIERIE,
            "Ingénierie de parcours valorisée (AFEST, CléA, hors temps de travail…)",
            engineering,
        ),
        (
            key::PRIORITE_COFINANCEMENT,
            "Cofinancement (Région, OPCO, employeur, autre cofinanceur…)",
            cofunded,
        ),
        (
            key::PRIORITE_METIER_PORTEUR,
            "Métier visé porteur ou émergent (liste régionale)",
            case.project.target_in_demand,
        ),
        (
            key::PRIORITE_SECTEUR_EN_DECLIN,
            "Métier actuel fragilisé ou secteur en déclin",
            s.flags.metier_fragilise.set,
        ),
        (
            key::PRIORITE_CONTRAT_COURT,
            "Contrat court (CDD, intérim, intermittent) ou temps partiel",
            short_contract,
        ),
    ];
    let items: Vec<PriorityItem> = criteria
        .iter()
        .map(|&(key, label, met)| {
            let entry = params.entry(key, at);
            PriorityItem {
                key: key.to_owned(),
                label: label.to_owned(),
                points: entry.as_ref().map_or(0.0, |(e, _)| e.value),
                met,
                unconfirmed: entry.is_some_and(|(e, _)| e.note.contains("NON CONFIRMÉ")),
            }
        })
        .collect();
    PriorityScore {
        total: items.iter().filter(|i| i.met).map(|i| i.points).sum(),
        max: items.iter().map(|i| i.points).sum(),
        items,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parcours::FundingLine;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_default_grid_totals_twenty_and_counts_only_met_criteria() {
        let mut case = CaseData::default();
        case.beneficiary.diploma_level = Some(3);
        case.situation.employer.headcount = Some(HeadcountBand::De11A49);
        case.parcours.training.hours = Some(900);
        case.parcours.training.during_working_time = true;
        case.parcours.funding = vec![
            FundingLine {
                funder: Funder::TransitionsPro,
                amount_cents: 900_000,
                covers: String::new(),
            },
            FundingLine {
                funder: Funder::Region,
                amount_cents: 100_000,
                covers: String::new(),
            },
        ];
        let score = priority_score(&case, None, day(2026, 3, 1), &Parameters::default());
        assert_eq!(score.max, 20.0);
        // 5 (least qualified) + 1 (< 50) + 2 (≤ 1 200 h) + 2 (co-funding).
        assert_eq!(score.total, 10.0);
        assert!(
            !score.items[0].unconfirmed,
            "the first item is confirmed for Grand Est"
        );
        assert!(score.items[2].unconfirmed);
    }

    #[test]
    fn the_inaptitude_criterion_never_names_the_condition() {
        let mut case = CaseData::default();
        case.situation.flags.inaptitude.set = true;
        let score = priority_score(&case, None, day(2026, 3, 1), &Parameters::default());
        let item = score
            .items
            .iter()
            .find(|i| i.key == "priorite_inaptitude")
            .unwrap();
        assert!(item.met);
        assert!(!item.label.to_lowercase().contains("inapt"));
        assert_eq!(score.total, 1.0);
    }

    #[test]
    fn a_changed_grid_value_is_read_at_the_date() {
        let mut params = Parameters::default();
        params.overrides.push(crate::params::ParamValue {
            key: "priorite_moins_qualifies".into(),
            valid_from: day(2027, 1, 1),
            value: 6.0,
            note: String::new(),
        });
        let mut case = CaseData::default();
        case.beneficiary.diploma_level = Some(2);
        assert_eq!(
            priority_score(&case, None, day(2026, 12, 31), &params).total,
            5.0
        );
        assert_eq!(
            priority_score(&case, None, day(2027, 1, 1), &params).total,
            6.0
        );
    }
}
