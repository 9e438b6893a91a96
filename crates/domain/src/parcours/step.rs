//! The steps of the *parcours sans couture* and the transitions the table allows (DOMAIN §8).

use serde::{Deserialize, Serialize};

/// One step of a case's parcours. Codes (`ACCUEIL`, `PTP_DOSSIER_DEPOSE`…) are stable: they are
/// stored, typed on the command line and shown to funders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Step {
    // CEP trunk
    Accueil,
    Accompagnement,
    ProjetFormalise,
    ComiteTransitions,
    // PTP (Transitions Pro)
    PtpPositionnement,
    PtpAutorisationAbsence,
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
    ClosRefus,
    ClosSansSuite,
}

use Step::*;

/// Every step, in the order of a parcours.
pub const ALL_STEPS: &[Step] = &[
    Accueil,
    Accompagnement,
    ProjetFormalise,
    ComiteTransitions,
    PtpPositionnement,
    PtpAutorisationAbsence,
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
    OpcoDemande,
    OpcoAccord,
    OpcoRefus,
    TranscoEligibilite,
    DemissionDossier,
    DemissionAttestee,
    DemissionRefusee,
    VaeRecevabilite,
    VaeIrrecevable,
    VaeAccompagnement,
    VaeJury,
    CleaEvaluation,
    CleaJury,
    CpfAutonome,
    EnFormation,
    FormationInterrompue,
    FormationTerminee,
    Certification,
    Certifie,
    CertifiePartiel,
    NonCertifie,
    SuiviPostFormation,
    EnEmploiMetierVise,
    EnEmploiAutreMetier,
    RetourPosteInitial,
    CreationRepriseEntreprise,
    EnRechercheEmploi,
    FormationAbandonnee,
    ClosRefus,
    ClosSansSuite,
];

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
            PtpAutorisationAbsence => &[PtpDossierDepose, PtpRefusEmployeur, ClosSansSuite],
            PtpRefusEmployeur => &[PtpAutorisationAbsence, ProjetFormalise, ClosSansSuite],
            PtpDossierDepose => &[PtpEnInstruction, PtpIrrecevable],
            PtpIrrecevable => &[ProjetFormalise, PtpDossierDepose, ClosRefus],
            PtpEnInstruction => &[PtpAccord, PtpAccordPartiel, PtpRefus, PtpAjourne],
            PtpAjourne => &[PtpEnInstruction],
            PtpAccord | PtpAccordPartiel => &[EnFormation, PtpReexamen, ClosSansSuite],
            PtpReexamen => &[PtpAccord, PtpAccordPartiel, PtpRefus],
            PtpRefus => &[PtpRecours, ProjetFormalise, ClosRefus],
            PtpRecours => &[PtpAccord, PtpAccordPartiel, PtpRefusDefinitif],
            PtpRefusDefinitif => &[Mediation, ProjetFormalise, ClosRefus],
            Mediation => &[PtpEnInstruction, ClosRefus],
            OpcoDemande => &[OpcoAccord, OpcoRefus],
            OpcoAccord => &[EnFormation, ClosSansSuite],
            OpcoRefus => &[ProjetFormalise, ClosRefus],
            TranscoEligibilite => &[PtpPositionnement, ClosSansSuite],
            DemissionDossier => &[DemissionAttestee, DemissionRefusee],
            DemissionAttestee => &[EnFormation, CreationRepriseEntreprise, ClosSansSuite],
            DemissionRefusee => &[ProjetFormalise, ClosRefus],
            VaeRecevabilite => &[VaeAccompagnement, VaeIrrecevable],
            VaeIrrecevable => &[ProjetFormalise, ClosRefus],
            VaeAccompagnement => &[VaeJury, ClosSansSuite],
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
        assert_eq!(ALL_STEPS.len(), 48);
    }
}
