//! The parcours explained, for the Aide screen: its branches with their steps (labels and
//! transitions from the state machine itself) and the rule behind each deadline, its figures
//! read from the same dated parameters the deadlines are computed with — so the help cannot say
//! 120 days while the rules count 90.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::deadlines::DeadlineKind;
use super::step::Step;
use super::step::Step::*;
use crate::params::{Parameters, key};

/// A branch of the parcours: what it is for and its steps, in order.
#[derive(Debug, Clone, Copy)]
pub struct Branch {
    pub title: &'static str,
    pub summary: &'static str,
    pub steps: &'static [Step],
}

/// The branches, in the order of a parcours; every step is in exactly one (tested).
pub const BRANCHES: &[Branch] = &[
    Branch {
        title: "Conseil en évolution professionnelle (CEP)",
        summary: "Accueil, puis accompagnement personnalisé jusqu’à un projet formalisé ; le comité des transitions individuelles peut être consulté.",
        steps: &[Accueil, Accompagnement, ProjetFormalise, ComiteTransitions],
    },
    Branch {
        title: "Projet de transition professionnelle (Transitions Pro)",
        summary: "Le salarié demande une absence à son employeur, dépose son dossier ; la commission paritaire décide. Un refus ouvre le recours gracieux, puis la médiation.",
        steps: &[
            PtpPositionnement,
            PtpAutorisationAbsence,
            PtpReporte,
            PtpRefusEmployeur,
            PtpDossierDepose,
            PtpIrrecevable,
            PtpEnInstruction,
            PtpAjourne,
            PtpAccord,
            PtpAccordPartiel,
            PtpRefus,
            PtpRecours,
            PtpRefusDefinitif,
            Mediation,
            PtpReexamen,
        ],
    },
    Branch {
        title: "Financement par l’OPCO",
        summary: "Demande de prise en charge par l’opérateur de compétences de l’entreprise (plan de développement des compétences, période de reconversion, FNE-Formation).",
        steps: &[OpcoDemande, OpcoAccord, OpcoRefus],
    },
    Branch {
        title: "Transitions collectives",
        summary: "Dispositif historique (jusqu’en 2025) : l’éligibilité reste consultable pour les dossiers ouverts avant.",
        steps: &[TranscoEligibilite],
    },
    Branch {
        title: "Démission-reconversion",
        summary: "La commission atteste le caractère réel et sérieux du projet ; le salarié démissionne puis s’inscrit à France Travail dans le délai.",
        steps: &[
            DemissionDossier,
            DemissionAttestee,
            DemissionRefusee,
            DemissionRecours,
            DemissionDemissionne,
            DemissionInscritFt,
        ],
    },
    Branch {
        title: "Validation des acquis de l’expérience (VAE)",
        summary: "Recevabilité par le certificateur, accompagnement, puis jury.",
        steps: &[VaeRecevabilite, VaeIrrecevable, VaeAccompagnement, VaeJury],
    },
    Branch {
        title: "CléA",
        summary: "Évaluation préalable du socle de connaissances et de compétences, puis jury.",
        steps: &[CleaEvaluation, CleaJury],
    },
    Branch {
        title: "Formation et certification",
        summary: "Le parcours de formation, financé ou en autonomie avec le CPF, jusqu’à la certification totale ou par blocs.",
        steps: &[
            CpfAutonome,
            EnFormation,
            FormationInterrompue,
            FormationTerminee,
            Certification,
            Certifie,
            CertifiePartiel,
            NonCertifie,
        ],
    },
    Branch {
        title: "Après la formation",
        summary: "Le suivi jusqu’à l’emploi, et la clôture du dossier.",
        steps: &[
            SuiviPostFormation,
            EnEmploiMetierVise,
            EnEmploiAutreMetier,
            RetourPosteInitial,
            CreationRepriseEntreprise,
            EnRechercheEmploi,
            FormationAbandonnee,
            RetraitAbandon,
            ClosRefus,
            ClosSansSuite,
        ],
    },
];

/// A deadline explained in general terms: what must happen, the rule with its figures in force
/// on the day asked, and its legal source when there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeadlineRule {
    pub kind: DeadlineKind,
    pub title: String,
    pub rule: String,
    pub source: String,
}

impl DeadlineKind {
    /// Every kind, in the order of a parcours.
    pub const ALL: &'static [DeadlineKind] = &[
        DeadlineKind::AbsenceRequest,
        DeadlineKind::EmployerAnswer,
        DeadlineKind::PostponementLimit,
        DeadlineKind::DossierFiling,
        DeadlineKind::CddFileBeforeContractEnd,
        DeadlineKind::CddTrainingStart,
        DeadlineKind::PrecaireFiling,
        DeadlineKind::PrecaireTrainingStart,
        DeadlineKind::Recours,
        DeadlineKind::RecoursAnswer,
        DeadlineKind::MediationWindow,
        DeadlineKind::FranceTravailRegistration,
        DeadlineKind::DemissionRecours,
        DeadlineKind::VaeRecevabilite,
        DeadlineKind::VaeLeaveRequest,
        DeadlineKind::VaeLeaveAnswer,
    ];
}

/// Every deadline's rule, with the parameters in force on `on`.
pub fn deadline_rules(p: &Parameters, on: NaiveDate) -> Vec<DeadlineRule> {
    DeadlineKind::ALL
        .iter()
        .map(|&kind| deadline_rule(kind, p, on))
        .collect()
}

fn deadline_rule(kind: DeadlineKind, p: &Parameters, on: NaiveDate) -> DeadlineRule {
    let n = |k: &str| p.count(k, on);
    let (title, rule, source): (&str, String, &str) = match kind {
        DeadlineKind::AbsenceRequest => (
            "Demande d’autorisation d’absence à l’employeur",
            format!(
                "Remise au plus tard {} jours avant le début de la formation si elle interrompt le travail {} mois ou plus à temps plein, {} jours sinon (ou à temps partiel) ; {} jours par prudence tant que les dates ou le rythme manquent. Plus tôt si la réponse de l’employeur doit arriver avant le dépôt du dossier.",
                n(key::ABSENCE_NOTICE_LONG_DAYS),
                n(key::PTP_CONTINUOUS_INTERRUPTION_MONTHS),
                n(key::ABSENCE_NOTICE_SHORT_DAYS),
                n(key::ABSENCE_NOTICE_LONG_DAYS),
            ),
            "Code du travail, R6323-10",
        ),
        DeadlineKind::EmployerAnswer => (
            "Réponse de l’employeur à la demande d’absence",
            format!(
                "{} jours après la réception de la demande ; sans réponse, l’absence est accordée (l’application l’enregistre d’elle-même).",
                n(key::EMPLOYER_ANSWER_DAYS)
            ),
            "Code du travail, R6323-10",
        ),
        DeadlineKind::PostponementLimit => (
            "Fin du report de l’absence",
            format!(
                "L’employeur peut reporter l’absence de {} mois au plus après le début demandé.",
                n(key::POSTPONEMENT_MAX_MONTHS)
            ),
            "Code du travail, R6323-10-1",
        ),
        DeadlineKind::DossierFiling => (
            "Dépôt du dossier PTP auprès de Transitions Pro",
            format!(
                "{} jours avant le début de la formation (délai régional indicatif, réglable dans Paramètres).",
                n(key::PTP_FILING_LEAD_DAYS)
            ),
            "Transitions Pro (délai régional)",
        ),
        DeadlineKind::CddFileBeforeContractEnd => (
            "CDD : dépôt avant la fin du contrat",
            "Le dossier d’un salarié en CDD est déposé avant la fin de son contrat.".to_owned(),
            "",
        ),
        DeadlineKind::CddTrainingStart => (
            "CDD : entrée en formation",
            format!(
                "Au plus tard {} mois après la fin du CDD.",
                n(key::CDD_TRAINING_START_MONTHS)
            ),
            "",
        ),
        DeadlineKind::PrecaireFiling => (
            "Intérim et intermittents : dépôt du dossier",
            format!(
                "Au plus tard {} mois après le dernier contrat.",
                n(key::PTP_PRECAIRE_FILING_AFTER_END_MONTHS)
            ),
            "Code du travail, R6323-11-2",
        ),
        DeadlineKind::PrecaireTrainingStart => (
            "Intérim et intermittents : entrée en formation",
            format!(
                "Au plus tard {} mois après le dernier contrat.",
                n(key::PTP_PRECAIRE_TRAINING_START_MONTHS)
            ),
            "Code du travail, R6323-11-2",
        ),
        DeadlineKind::Recours => (
            "Recours gracieux contre un refus de Transitions Pro",
            format!(
                "Dans les {} mois qui suivent la notification du refus (total ou partiel).",
                n(key::RECOURS_MONTHS)
            ),
            "Code du travail, R6323-15",
        ),
        DeadlineKind::RecoursAnswer => (
            "Réponse au recours gracieux",
            format!(
                "{} mois après le dépôt du recours ; sans réponse, la médiation est possible.",
                n(key::RECOURS_ANSWER_MONTHS)
            ),
            "Code du travail, R6323-16",
        ),
        DeadlineKind::MediationWindow => (
            "Saisine de la médiatrice de France compétences",
            format!(
                "Jusqu’à {} mois après le dépôt du recours.",
                n(key::MEDIATION_WINDOW_MONTHS)
            ),
            "",
        ),
        DeadlineKind::FranceTravailRegistration => (
            "Démission-reconversion : démission et inscription à France Travail",
            format!(
                "Dans les {} mois qui suivent l’attestation du projet.",
                n(key::DEMISSION_REGISTRATION_MONTHS)
            ),
            "",
        ),
        DeadlineKind::DemissionRecours => (
            "Démission-reconversion : recours contre un refus d’attestation",
            format!(
                "Dans les {} mois qui suivent la notification du refus.",
                n(key::DEMISSION_RECOURS_MONTHS)
            ),
            "Code du travail, R5422-2-2",
        ),
        DeadlineKind::VaeRecevabilite => (
            "VAE : décision de recevabilité",
            format!(
                "{} mois après le dossier complet ; {}",
                n(key::VAE_RECEVABILITE_MONTHS),
                if p.value(key::VAE_SILENCE_ACCEPTANCE, on)
                    .is_some_and(|v| v >= 1.0)
                {
                    "sans réponse, la demande est réputée recevable."
                } else {
                    "sans réponse, relancer le certificateur."
                }
            ),
            "",
        ),
        DeadlineKind::VaeLeaveRequest => (
            "Congé VAE : demande à l’employeur",
            format!(
                "Au plus tard {} jours avant le début du congé.",
                n(key::VAE_LEAVE_NOTICE_DAYS)
            ),
            "",
        ),
        DeadlineKind::VaeLeaveAnswer => (
            "Congé VAE : réponse de l’employeur",
            format!(
                "{} jours après la réception de la demande ; sans réponse, le congé est accordé.",
                n(key::VAE_LEAVE_ANSWER_DAYS)
            ),
            "",
        ),
    };
    DeadlineRule {
        kind,
        title: title.to_owned(),
        rule,
        source: source.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parcours::ALL_STEPS;

    #[test]
    fn every_step_is_in_exactly_one_branch() {
        for step in ALL_STEPS {
            let homes = BRANCHES.iter().filter(|b| b.steps.contains(step)).count();
            assert_eq!(homes, 1, "{step:?} is in {homes} branches");
        }
        let listed: usize = BRANCHES.iter().map(|b| b.steps.len()).sum();
        assert_eq!(listed, ALL_STEPS.len());
    }

    #[test]
    fn every_deadline_kind_has_a_rule_with_the_figures_in_force() {
        let on = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let p = Parameters::default();
        let rules = deadline_rules(&p, on);
        assert_eq!(rules.len(), DeadlineKind::ALL.len());
        let absence = &rules[0];
        assert_eq!(absence.kind, DeadlineKind::AbsenceRequest);
        let long = p.count(key::ABSENCE_NOTICE_LONG_DAYS, on);
        assert!(
            absence.rule.contains(&format!("{long} jours avant")),
            "{}",
            absence.rule
        );
        // A new dated value is what the help says from its date on.
        let mut changed = p;
        changed.overrides.push(crate::params::ParamValue {
            key: key::EMPLOYER_ANSWER_DAYS.to_owned(),
            valid_from: on,
            value: 45.0,
            note: String::new(),
        });
        let answer = deadline_rule(DeadlineKind::EmployerAnswer, &changed, on);
        assert!(answer.rule.starts_with("45 jours"), "{}", answer.rule);
    }
}
