//! The steps of the *parcours sans couture* and the transitions the table allows (DOMAIN §8).

use serde::{Deserialize, Serialize};

/// Declares the steps once: the enum and [`ALL_STEPS`], in the order of a parcours, come from
/// the same list, so neither can miss a step.
macro_rules! steps {
    ($($(#[$doc:meta])* $step:ident),* $(,)?) => {
        /// One step of a case's parcours. Codes (`ACCUEIL`, `PTP_DOSSIER_DEPOSE`…) are stable:
        /// they are stored, typed on the command line and shown to funders.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
        pub enum Step {
            $($(#[$doc])* $step),*
        }

        /// Every step, in the order of a parcours.
        pub const ALL_STEPS: &[Step] = &[$(Step::$step),*];
    };
}

steps![
    // CEP trunk
    Accueil,
    Accompagnement,
    ProjetFormalise,
    ComiteTransitions,
    // PTP (Transitions Pro)
    PtpPositionnement,
    PtpAutorisationAbsence,
    /// The employer postponed the absence (R6323-10-1): 9 months at most from the start asked.
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
    // OPCO
    OpcoDemande,
    OpcoAccord,
    OpcoRefus,
    // Transitions collectives (historic, until 2025)
    TranscoEligibilite,
    // Démission-reconversion
    DemissionDossier,
    DemissionAttestee,
    DemissionRefusee,
    /// Recours gracieux against a refused project (R5422-2-2), 2 months from its notification.
    DemissionRecours,
    /// The employee has resigned (end of the contract recorded).
    DemissionDemissionne,
    /// Registered with France Travail (within 6 months of the attestation).
    DemissionInscritFt,
    // VAE and CléA
    VaeRecevabilite,
    VaeIrrecevable,
    VaeAccompagnement,
    VaeJury,
    CleaEvaluation,
    CleaJury,
    CpfAutonome,
    // Execution
    EnFormation,
    FormationInterrompue,
    FormationTerminee,
    Certification,
    Certifie,
    CertifiePartiel,
    NonCertifie,
    SuiviPostFormation,
    // Outcomes
    EnEmploiMetierVise,
    EnEmploiAutreMetier,
    RetourPosteInitial,
    CreationRepriseEntreprise,
    EnRechercheEmploi,
    FormationAbandonnee,
    /// A request withdrawn or abandoned while under way, with its reason.
    RetraitAbandon,
    ClosRefus,
    ClosSansSuite,
];

use Step::*;

/// Funding branches a formalised project can take.
const BRANCHES: &[Step] = &[
    ComiteTransitions,
    PtpPositionnement,
    OpcoDemande,
    TranscoEligibilite,
    DemissionDossier,
    VaeRecevabilite,
    CleaEvaluation,
    CpfAutonome,
    ClosSansSuite,
];

const OUTCOMES: &[Step] = &[
    EnEmploiMetierVise,
    EnEmploiAutreMetier,
    RetourPosteInitial,
    CreationRepriseEntreprise,
    EnRechercheEmploi,
    ClosSansSuite,
];

impl Step {
    /// The stored code, e.g. `PTP_DOSSIER_DEPOSE`.
    pub fn code(self) -> String {
        serde_plain(self)
    }

    /// Parses a code as typed (`ptp_dossier_depose` is accepted).
    pub fn from_code(code: &str) -> Option<Self> {
        let wanted = code.trim().to_ascii_uppercase();
        ALL_STEPS.iter().copied().find(|s| s.code() == wanted)
    }

    /// The steps the table allows from this one.
    pub fn next_steps(self) -> &'static [Step] {
        match self {
            Accueil => &[Accompagnement, ClosSansSuite],
            Accompagnement => &[ProjetFormalise, ClosSansSuite],
            ProjetFormalise => BRANCHES,
            ComiteTransitions => &[
                ProjetFormalise,
                PtpPositionnement,
                OpcoDemande,
                TranscoEligibilite,
                DemissionDossier,
                VaeRecevabilite,
                CleaEvaluation,
                ClosSansSuite,
            ],
            PtpPositionnement => &[
                PtpAutorisationAbsence,
                PtpDossierDepose,
                ProjetFormalise,
                ClosSansSuite,
            ],
            PtpAutorisationAbsence => &[
                PtpDossierDepose,
                PtpReporte,
                PtpRefusEmployeur,
                ClosSansSuite,
            ],
            PtpReporte => &[
                PtpDossierDepose,
                PtpAutorisationAbsence,
                ProjetFormalise,
                ClosSansSuite,
            ],
            PtpRefusEmployeur => &[PtpAutorisationAbsence, ProjetFormalise, ClosSansSuite],
            PtpDossierDepose => &[PtpEnInstruction, PtpIrrecevable, RetraitAbandon],
            PtpIrrecevable => &[ProjetFormalise, PtpDossierDepose, ClosRefus],
            PtpEnInstruction => &[
                PtpAccord,
                PtpAccordPartiel,
                PtpRefus,
                PtpAjourne,
                RetraitAbandon,
            ],
            PtpAjourne => &[PtpEnInstruction, RetraitAbandon],
            PtpAccord => &[EnFormation, PtpReexamen, ClosSansSuite],
            // R6323-15: « tout ou partie » of a request can be contested.
            PtpAccordPartiel => &[EnFormation, PtpReexamen, PtpRecours, ClosSansSuite],
            PtpReexamen => &[PtpAccord, PtpAccordPartiel, PtpRefus],
            PtpRefus => &[PtpRecours, ProjetFormalise, ClosRefus],
            // An unanswered recours opens the mediation as an answered one does.
            PtpRecours => &[
                PtpAccord,
                PtpAccordPartiel,
                PtpRefusDefinitif,
                Mediation,
                RetraitAbandon,
            ],
            PtpRefusDefinitif => &[Mediation, ProjetFormalise, ClosRefus],
            Mediation => &[PtpEnInstruction, ClosRefus],
            OpcoDemande => &[OpcoAccord, OpcoRefus, RetraitAbandon],
            OpcoAccord => &[EnFormation, ClosSansSuite],
            OpcoRefus => &[ProjetFormalise, ClosRefus],
            TranscoEligibilite => &[PtpPositionnement, ClosSansSuite],
            DemissionDossier => &[DemissionAttestee, DemissionRefusee, RetraitAbandon],
            // Training or creation straight after the attestation stay allowed for the dossiers
            // recorded that way before the resignation steps existed.
            DemissionAttestee => &[
                DemissionDemissionne,
                EnFormation,
                CreationRepriseEntreprise,
                ClosSansSuite,
            ],
            DemissionDemissionne => &[DemissionInscritFt],
            DemissionInscritFt => &[EnFormation, CreationRepriseEntreprise, RetraitAbandon],
            DemissionRefusee => &[DemissionRecours, ProjetFormalise, ClosRefus],
            DemissionRecours => &[DemissionAttestee, ProjetFormalise, ClosRefus],
            VaeRecevabilite => &[VaeAccompagnement, VaeIrrecevable, RetraitAbandon],
            VaeIrrecevable => &[ProjetFormalise, ClosRefus],
            VaeAccompagnement => &[VaeJury, RetraitAbandon, ClosSansSuite],
            VaeJury => &[Certifie, CertifiePartiel, NonCertifie],
            CleaEvaluation => &[CleaJury, EnFormation, ClosSansSuite],
            CleaJury => &[Certifie, CertifiePartiel],
            CpfAutonome => &[EnFormation, ClosSansSuite],
            EnFormation => &[
                FormationTerminee,
                FormationAbandonnee,
                FormationInterrompue,
                PtpReexamen,
            ],
            FormationInterrompue => &[EnFormation, FormationAbandonnee],
            FormationTerminee => &[Certification, SuiviPostFormation],
            Certification => &[Certifie, CertifiePartiel, NonCertifie],
            Certifie => &[SuiviPostFormation],
            CertifiePartiel => &[EnFormation, VaeRecevabilite, SuiviPostFormation],
            NonCertifie => &[EnFormation, SuiviPostFormation],
            SuiviPostFormation => OUTCOMES,
            EnEmploiMetierVise
            | EnEmploiAutreMetier
            | RetourPosteInitial
            | CreationRepriseEntreprise
            | EnRechercheEmploi
            | FormationAbandonnee
            | RetraitAbandon
            | ClosRefus
            | ClosSansSuite => &[],
        }
    }

    /// A step with no way out: the parcours is closed.
    pub fn is_terminal(self) -> bool {
        self.next_steps().is_empty()
    }

    pub fn allows(self, to: Step) -> bool {
        self.next_steps().contains(&to)
    }
}

/// `PtpDossierDepose` → `PTP_DOSSIER_DEPOSE`: serde's SCREAMING_SNAKE_CASE of the variant name.
fn serde_plain(step: Step) -> String {
    let name = format!("{step:?}");
    let mut code = String::with_capacity(name.len() + 4);
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            code.push('_');
        }
        code.push(c.to_ascii_uppercase());
    }
    code
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_the_serde_names() {
        for step in ALL_STEPS {
            let json = serde_json::to_value(step).unwrap();
            assert_eq!(json.as_str().unwrap(), step.code());
            assert_eq!(Step::from_code(&step.code()), Some(*step));
        }
        assert_eq!(PtpDossierDepose.code(), "PTP_DOSSIER_DEPOSE");
        assert_eq!(Step::from_code(" en_formation "), Some(EnFormation));
    }

    #[test]
    fn every_step_is_reachable_from_accueil_and_every_path_can_end() {
        let mut seen = vec![Accueil];
        let mut i = 0;
        while i < seen.len() {
            for next in seen[i].next_steps() {
                if !seen.contains(next) {
                    seen.push(*next);
                }
            }
            i += 1;
        }
        for step in ALL_STEPS {
            assert!(seen.contains(step), "{step:?} unreachable");
            // From every step some terminal step is reachable.
            let mut frontier = vec![*step];
            let mut visited = Vec::new();
            let mut ends = false;
            while let Some(s) = frontier.pop() {
                if s.is_terminal() {
                    ends = true;
                    break;
                }
                if !visited.contains(&s) {
                    visited.push(s);
                    frontier.extend(s.next_steps());
                }
            }
            assert!(ends, "{step:?} can never close");
        }
    }

    /// Issue 11: the step list is written once (the `steps!` macro); every step is in it once,
    /// and every step is an enum value (an exhaustive match would not compile otherwise).
    #[test]
    fn the_step_list_is_complete_and_has_no_duplicate() {
        let mut codes: Vec<String> = ALL_STEPS.iter().map(|s| s.code()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), ALL_STEPS.len());
        assert_eq!(ALL_STEPS.len(), 53);
        for step in ALL_STEPS {
            // Every step has a label: the `Label` match is exhaustive over the enum.
            assert!(!crate::i18n::Label::label(*step).is_empty());
        }
    }
}
