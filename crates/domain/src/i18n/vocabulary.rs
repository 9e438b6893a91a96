//! French labels of the domain's enumerations (part of the message catalogue).

use crate::case::{
    Civility, ContractKind, DocumentKind, HeadcountBand, InterviewKind, Opco, WorkingTime,
};

/// A value with a French label and a list of all its values (for select boxes and imports).
pub trait Label: Sized + Copy + 'static {
    const ALL: &'static [Self];
    fn label(self) -> &'static str;
    /// Finds a value by its label or its code, ignoring case (imports, CLI).
    fn from_text(text: &str, code: impl Fn(Self) -> String) -> Option<Self> {
        let text = text.trim();
        Self::ALL
            .iter()
            .copied()
            .find(|v| v.label().eq_ignore_ascii_case(text) || code(*v).eq_ignore_ascii_case(text))
    }
}

impl Label for Civility {
    const ALL: &'static [Self] = &[Self::Madame, Self::Monsieur];
    fn label(self) -> &'static str {
        match self {
            Self::Madame => "Madame",
            Self::Monsieur => "Monsieur",
        }
    }
}

impl Label for ContractKind {
    const ALL: &'static [Self] = &[
        Self::Cdi,
        Self::Cdd,
        Self::Interim,
        Self::Intermittent,
        Self::Independant,
        Self::DemandeurEmploi,
    ];
    fn label(self) -> &'static str {
        match self {
            Self::Cdi => "CDI",
            Self::Cdd => "CDD",
            Self::Interim => "Intérim",
            Self::Intermittent => "Intermittent du spectacle",
            Self::Independant => "Indépendant",
            Self::DemandeurEmploi => "Demandeur d’emploi",
        }
    }
}

impl Label for WorkingTime {
    const ALL: &'static [Self] = &[Self::TempsPlein, Self::TempsPartiel];
    fn label(self) -> &'static str {
        match self {
            Self::TempsPlein => "Temps plein",
            Self::TempsPartiel => "Temps partiel",
        }
    }
}

impl Label for HeadcountBand {
    const ALL: &'static [Self] = &[
        Self::Moins11,
        Self::De11A49,
        Self::De50A249,
        Self::De250A299,
        Self::De300A999,
        Self::Plus1000,
    ];
    fn label(self) -> &'static str {
        match self {
            Self::Moins11 => "Moins de 11 salariés",
            Self::De11A49 => "11 à 49 salariés",
            Self::De50A249 => "50 à 249 salariés",
            Self::De250A299 => "250 à 299 salariés",
            Self::De300A999 => "300 à 999 salariés",
            Self::Plus1000 => "1 000 salariés et plus",
        }
    }
}

impl Label for Opco {
    const ALL: &'static [Self] = &[
        Self::Afdas,
        Self::Atlas,
        Self::Uniformation,
        Self::Akto,
        Self::Ocapiat,
        Self::Opco2i,
        Self::Constructys,
        Self::OpcoMobilites,
        Self::OpcoEp,
        Self::OpcoSante,
        Self::Opcommerce,
    ];
    fn label(self) -> &'static str {
        match self {
            Self::Afdas => "Afdas",
            Self::Atlas => "Atlas",
            Self::Uniformation => "Uniformation",
            Self::Akto => "Akto",
            Self::Ocapiat => "Ocapiat",
            Self::Opco2i => "OPCO 2i",
            Self::Constructys => "Constructys",
            Self::OpcoMobilites => "OPCO Mobilités",
            Self::OpcoEp => "OPCO EP",
            Self::OpcoSante => "OPCO Santé",
            Self::Opcommerce => "L’Opcommerce",
        }
    }
}

impl Label for InterviewKind {
    const ALL: &'static [Self] = &[
        Self::Individuel,
        Self::Telephone,
        Self::Visio,
        Self::Atelier,
    ];
    fn label(self) -> &'static str {
        match self {
            Self::Individuel => "Entretien individuel",
            Self::Telephone => "Téléphone",
            Self::Visio => "Visioconférence",
            Self::Atelier => "Atelier collectif",
        }
    }
}

impl Label for DocumentKind {
    const ALL: &'static [Self] = &[
        Self::PieceIdentite,
        Self::Cv,
        Self::Diplome,
        Self::SyntheseCep,
        Self::Positionnement,
        Self::Devis,
        Self::AutorisationAbsence,
        Self::AttestationEffectif,
        Self::AttestationNonRupture,
        Self::Rib,
        Self::JustificatifExemption,
        Self::AvisInaptitude,
        Self::Cofinancement,
        Self::ProgrammeFormation,
        Self::ConventionFormation,
        Self::CertificatRealisation,
        Self::AttestationCaractereReelSerieux,
        Self::ContratTravail,
        Self::BulletinSalaire,
        Self::Autre,
    ];
    fn label(self) -> &'static str {
        match self {
            Self::PieceIdentite => "Pièce d’identité",
            Self::Cv => "CV ou parcours détaillé",
            Self::Diplome => "Copie de diplôme",
            Self::SyntheseCep => "Synthèse de l’entretien CEP",
            Self::Positionnement => "Document de positionnement préalable",
            Self::Devis => "Devis approuvé",
            Self::AutorisationAbsence => "Autorisation d’absence de l’employeur",
            Self::AttestationEffectif => "Attestation d’effectif de l’employeur",
            Self::AttestationNonRupture => "Attestation de non-rupture du contrat",
            Self::Rib => "RIB",
            Self::JustificatifExemption => "Justificatif de dispense d’ancienneté",
            Self::AvisInaptitude => "Avis d’inaptitude",
            Self::Cofinancement => "Accord de cofinancement",
            Self::ProgrammeFormation => "Programme de formation",
            Self::ConventionFormation => "Convention de formation",
            Self::CertificatRealisation => "Certificat de réalisation",
            Self::AttestationCaractereReelSerieux => "Attestation du caractère réel et sérieux",
            Self::ContratTravail => "Contrat de travail",
            Self::BulletinSalaire => "Bulletin de salaire",
            Self::Autre => "Autre document",
        }
    }
}

impl Label for crate::parcours::Modality {
    const ALL: &'static [Self] = &[Self::Presentiel, Self::Distanciel, Self::Mixte, Self::Afest];
    fn label(self) -> &'static str {
        match self {
            Self::Presentiel => "Présentiel",
            Self::Distanciel => "Distanciel (FOAD)",
            Self::Mixte => "Mixte",
            Self::Afest => "AFEST (en situation de travail)",
        }
    }
}

impl Label for crate::certification::Route {
    const ALL: &'static [Self] = &[Self::Formation, Self::Vae, Self::Clea];
    fn label(self) -> &'static str {
        match self {
            Self::Formation => "Formation",
            Self::Vae => "VAE",
            Self::Clea => "CléA",
        }
    }
}

impl Label for crate::certification::BlocStatus {
    const ALL: &'static [Self] = &[
        Self::AAcquerir,
        Self::EnCours,
        Self::Acquis,
        Self::NonValide,
    ];
    fn label(self) -> &'static str {
        match self {
            Self::AAcquerir => "à acquérir",
            Self::EnCours => "en cours",
            Self::Acquis => "acquis",
            Self::NonValide => "non validé",
        }
    }
}

impl Label for crate::certification::ExamKind {
    const ALL: &'static [Self] = &[Self::Jury, Self::JuryVae, Self::Examen];
    fn label(self) -> &'static str {
        match self {
            Self::Examen => "Examen",
            Self::Jury => "Jury",
            Self::JuryVae => "Jury VAE",
        }
    }
}

impl Label for crate::certification::ExamOutcome {
    const ALL: &'static [Self] = &[
        Self::ValidationTotale,
        Self::ValidationPartielle,
        Self::Refus,
    ];
    fn label(self) -> &'static str {
        match self {
            Self::ValidationTotale => "Validation totale",
            Self::ValidationPartielle => "Validation partielle",
            Self::Refus => "Refus",
        }
    }
}

impl Label for crate::certification::CandidateStatus {
    const ALL: &'static [Self] = &[
        Self::EnParcours,
        Self::InscritSession,
        Self::ValidePartiellement,
        Self::Certifie,
    ];
    fn label(self) -> &'static str {
        match self {
            Self::EnParcours => "en parcours",
            Self::InscritSession => "inscrit à une session",
            Self::ValidePartiellement => "validé partiellement",
            Self::Certifie => "certifié",
        }
    }
}

impl Label for crate::certification::Recevabilite {
    const ALL: &'static [Self] = &[Self::Favorable, Self::Defavorable];
    fn label(self) -> &'static str {
        match self {
            Self::Favorable => "Favorable",
            Self::Defavorable => "Défavorable",
        }
    }
}

impl Label for crate::certification::VaeStage {
    const ALL: &'static [Self] = &[
        Self::Recevabilite,
        Self::RecevabiliteDeposee,
        Self::Irrecevable,
        Self::Accompagnement,
        Self::DossierDepose,
        Self::JuryPlanifie,
        Self::Jugee,
    ];
    fn label(self) -> &'static str {
        match self {
            Self::Recevabilite => "Dossier de recevabilité à déposer",
            Self::RecevabiliteDeposee => "Recevabilité déposée, décision attendue",
            Self::Irrecevable => "Irrecevable",
            Self::Accompagnement => "Recevable : accompagnement et dossier de validation",
            Self::DossierDepose => "Dossier de validation déposé",
            Self::JuryPlanifie => "Jury planifié",
            Self::Jugee => "Jury passé",
        }
    }
}

impl Label for crate::parcours::PostponementGround {
    const ALL: &'static [Self] = &[Self::Production, Self::Effectif];
    fn label(self) -> &'static str {
        match self {
            Self::Production => "Conséquences préjudiciables à la production (9 mois au plus)",
            Self::Effectif => "Trop de salariés absents à ce titre (2 % ou un seul salarié)",
        }
    }
}

impl Label for crate::parcours::IntermittentProfile {
    const ALL: &'static [Self] = &[
        Self::TechnicienEnregistre,
        Self::TechnicienVivant,
        Self::Artiste,
    ];
    fn label(self) -> &'static str {
        match self {
            Self::TechnicienEnregistre => "Technicien du spectacle enregistré",
            Self::TechnicienVivant => "Technicien du spectacle vivant",
            Self::Artiste => "Artiste du spectacle",
        }
    }
}

impl Label for crate::case::AbsenceCause {
    const ALL: &'static [Self] = &[Self::MaladieProfessionnelle, Self::AutreAuMoinsSixMois];
    fn label(self) -> &'static str {
        match self {
            Self::MaladieProfessionnelle => "Maladie professionnelle (quelle que soit la durée)",
            Self::AutreAuMoinsSixMois => {
                "Accident du travail, maladie ou accident non professionnel (6 mois au moins)"
            }
        }
    }
}

impl Label for crate::parcours::OpcoScheme {
    const ALL: &'static [Self] = &[
        Self::PlanDeveloppement,
        Self::ProA,
        Self::PeriodeReconversion,
        Self::FneFormation,
    ];
    fn label(self) -> &'static str {
        match self {
            Self::PlanDeveloppement => "Plan de développement des compétences",
            Self::ProA => "Pro-A (demandes avant 2026)",
            Self::PeriodeReconversion => "Période de reconversion (depuis 2026)",
            Self::FneFormation => "FNE-Formation",
        }
    }
}

impl Label for crate::parcours::EmployerAnswer {
    const ALL: &'static [Self] = &[Self::Accord, Self::AccordTacite, Self::Refus, Self::Report];
    fn label(self) -> &'static str {
        match self {
            Self::Accord => "Accord écrit",
            Self::AccordTacite => "Accord tacite (pas de réponse sous 30 jours)",
            Self::Refus => "Refus motivé",
            Self::Report => "Report",
        }
    }
}

impl Label for crate::parcours::Step {
    const ALL: &'static [Self] = crate::parcours::ALL_STEPS;
    fn label(self) -> &'static str {
        use crate::parcours::Step::*;
        match self {
            Accueil => "Accueil (CEP niveau 1)",
            Accompagnement => "Accompagnement (CEP niveau 2)",
            ProjetFormalise => "Projet formalisé",
            ComiteTransitions => "Comité des transitions individuelles",
            PtpPositionnement => "PTP : positionnement préalable",
            PtpAutorisationAbsence => "PTP : autorisation d’absence",
            PtpReporte => "PTP : absence reportée par l’employeur",
            PtpRefusEmployeur => "PTP : refus de l’employeur",
            PtpDossierDepose => "PTP : dossier déposé",
            PtpIrrecevable => "PTP : dossier irrecevable",
            PtpEnInstruction => "PTP : en instruction",
            PtpAjourne => "PTP : ajourné",
            PtpAccord => "PTP : accord",
            PtpAccordPartiel => "PTP : accord partiel",
            PtpRefus => "PTP : refus",
            PtpRecours => "PTP : recours gracieux",
            PtpRefusDefinitif => "PTP : refus définitif",
            Mediation => "Médiation France compétences",
            PtpReexamen => "PTP : réexamen",
            OpcoDemande => "OPCO : demande de prise en charge",
            OpcoAccord => "OPCO : accord",
            OpcoRefus => "OPCO : refus",
            TranscoEligibilite => "Transitions collectives : éligibilité",
            DemissionDossier => "Démission-reconversion : dossier",
            DemissionAttestee => "Démission-reconversion : projet attesté",
            DemissionRefusee => "Démission-reconversion : attestation refusée",
            DemissionRecours => "Démission-reconversion : recours gracieux",
            DemissionDemissionne => "Démission-reconversion : démission donnée",
            DemissionInscritFt => "Démission-reconversion : inscrit à France Travail",
            VaeRecevabilite => "VAE : recevabilité",
            VaeIrrecevable => "VAE : irrecevable",
            VaeAccompagnement => "VAE : accompagnement",
            VaeJury => "VAE : jury",
            CleaEvaluation => "CléA : évaluation",
            CleaJury => "CléA : jury",
            CpfAutonome => "CPF en autonomie",
            EnFormation => "En formation",
            FormationInterrompue => "Formation interrompue",
            FormationTerminee => "Formation terminée",
            Certification => "Certification (examen, jury)",
            Certifie => "Certifié",
            CertifiePartiel => "Certifié partiellement (blocs)",
            NonCertifie => "Non certifié",
            SuiviPostFormation => "Suivi après formation",
            EnEmploiMetierVise => "En emploi dans le métier visé",
            EnEmploiAutreMetier => "En emploi dans un autre métier",
            RetourPosteInitial => "Retour au poste initial",
            CreationRepriseEntreprise => "Création ou reprise d’entreprise",
            EnRechercheEmploi => "En recherche d’emploi",
            FormationAbandonnee => "Formation abandonnée",
            RetraitAbandon => "Retrait ou abandon du dossier",
            ClosRefus => "Clos : refus définitif",
            ClosSansSuite => "Clos sans suite",
        }
    }
}

/// French label of a case field, by its path (`situation.employer.name`), for the journal view
/// and import reports. Unknown paths are shown as they are.
pub fn field_label(path: &str) -> &str {
    match path {
        "beneficiary.civility" => "Civilité",
        "beneficiary.birthName" => "Nom de naissance",
        "beneficiary.usageName" => "Nom d’usage",
        "beneficiary.firstNames" => "Prénoms",
        "beneficiary.birthDate" => "Date de naissance",
        "beneficiary.nir" => "NIR",
        "beneficiary.email" => "E-mail",
        "beneficiary.phone" => "Téléphone",
        "beneficiary.postalCode" => "Code postal",
        "beneficiary.commune" => "Commune",
        "beneficiary.territory" => "Territoire",
        "beneficiary.diplomaLevel" => "Niveau de diplôme",
        "beneficiary.consents" => "Consentements RGPD",
        "situation.employer.name" => "Employeur",
        "situation.employer.siret" => "SIRET",
        "situation.employer.foreignIdentifier" => "Identifiant étranger",
        "situation.employer.idcc" => "IDCC",
        "situation.employer.naf" => "Code NAF",
        "situation.employer.headcount" => "Effectif",
        "situation.employer.opco" => "OPCO",
        "situation.contract" => "Contrat",
        "situation.contractStart" => "Début du contrat",
        "situation.contractEnd" => "Fin du contrat",
        "situation.workingTime" => "Temps de travail",
        "situation.jobTitle" => "Poste occupé",
        "situation.jobRome" => "Code ROME actuel",
        "situation.seniorityMonthsTotal" => "Ancienneté salariée (mois)",
        "situation.seniorityMonthsCompany" => "Ancienneté dans l’entreprise (mois)",
        "situation.flags.metierFragilise.set" => "Métier fragilisé",
        "situation.flags.oeth.set" => "OETH / RQTH",
        "situation.flags.inaptitude.set" => "Inaptitude",
        "situation.flags.longAbsence.set" => "Absence de 6 mois ou plus",
        "project.targetRome" => "Code ROME visé",
        "project.targetCertification" => "Certification visée",
        "project.motive" => "Motif de la demande",
        "project.notes" => "Notes",
        "project.employmentProspects" => "Perspectives d’emploi",
        "project.mobilityZone" => "Zone de mobilité",
        "project.targetInDemand" => "Métier visé porteur (liste régionale)",
        "project.cepOpinion" => "Avis du conseiller CEP",
        "parcours.funding" => "Plan de financement",
        "parcours.training.title" => "Intitulé de la formation",
        "parcours.training.provider" => "Organisme de formation",
        "parcours.training.start" => "Début de la formation",
        "parcours.training.end" => "Fin de la formation",
        "parcours.training.hours" => "Heures de formation",
        "parcours.training.costCents" => "Coût de la formation",
        "parcours.training.modality" => "Modalité",
        "parcours.commissionOn" => "Date de commission",
        "parcours.refusalNotifiedOn" => "Notification du refus",
        "parcours.recoursFiledOn" => "Recours déposé le",
        "parcours.training.partTime" => "Formation à temps partiel",
        "parcours.training.requestedStart" => "Début demandé à l’employeur",
        "parcours.postponementGround" => "Motif du report",
        "parcours.demissionContractEnd" => "Fin du contrat prévue (démission)",
        "parcours.demissionRefusalNotifiedOn" => "Refus d’attestation notifié le",
        "parcours.demissionRecoursFiledOn" => "Recours (démission) déposé le",
        "parcours.resignedOn" => "Démission donnée le",
        "parcours.franceTravailRegisteredOn" => "Inscription à France Travail le",
        "parcours.vaeLeaveStart" => "Congé VAE : premier jour",
        "parcours.vaeLeaveRequestReceivedOn" => "Congé VAE : demande reçue le",
        "parcours.intermittent.profile" => "Profil d’intermittent",
        "parcours.intermittent.daysTotal" => "Jours ou cachets sur 2 à 5 ans",
        "parcours.intermittent.daysLast24Months" => "Jours ou cachets sur 24 mois",
        "parcours.intermittent.daysLast12Months" => "Jours ou cachets sur 12 mois",
        "parcours.intermittent.verifiedOnDocuments" => {
            "Conditions d’intermittent vérifiées sur pièces"
        }
        "situation.seniorityOverrideReason" => "Motif de l’ancienneté saisie",
        "situation.flags.longAbsenceCause" => "Exemption pour raison de santé",
        "project.romeChangeJustification" => "Éléments objectifs du changement de métier",
        "parcours.dossierFiledOn" => "Dossier déposé le",
        "archivedAt" => "Archivage",
        "status" => "Étape du parcours",
        "reason" => "Motif",
        "documents" => "Pièces au dossier lors du passage",
        p if p.starts_with("situation.flags.") && p.ends_with(".proof") => "Justificatif",
        p if p.starts_with("situation.flags.") && p.ends_with(".proofDate") => {
            "Date du justificatif"
        }
        other => other,
    }
}

impl Label for crate::parcours::Funder {
    const ALL: &'static [Self] = &[
        Self::TransitionsPro,
        Self::Cpf,
        Self::Opco,
        Self::Employeur,
        Self::Region,
        Self::Agefiph,
        Self::FranceVae,
        Self::FranceTravail,
        Self::Autre,
    ];
    fn label(self) -> &'static str {
        match self {
            Self::TransitionsPro => "Transitions Pro",
            Self::Cpf => "CPF du bénéficiaire",
            Self::Opco => "OPCO",
            Self::Employeur => "Employeur",
            Self::Region => "Région Grand Est",
            Self::Agefiph => "Agefiph",
            Self::FranceVae => "France VAE",
            Self::FranceTravail => "France Travail",
            Self::Autre => "Autre financeur",
        }
    }
}

impl Label for crate::committee::CommitteeKind {
    const ALL: &'static [Self] = &[Self::CommissionParitaire, Self::ComiteLocal];
    fn label(self) -> &'static str {
        match self {
            Self::CommissionParitaire => "Commission paritaire Transitions Pro",
            Self::ComiteLocal => "Comité des transitions individuelles",
        }
    }
}

impl Label for crate::committee::Opinion {
    const ALL: &'static [Self] = &[Self::Favorable, Self::Reserve, Self::Defavorable];
    fn label(self) -> &'static str {
        match self {
            Self::Favorable => "Avis favorable",
            Self::Reserve => "Avis réservé",
            Self::Defavorable => "Avis défavorable",
        }
    }
}

impl Label for crate::committee::Decision {
    const ALL: &'static [Self] = &[
        Self::Accord,
        Self::AccordPartiel,
        Self::Refus,
        Self::Irrecevable,
        Self::Ajourne,
    ];
    fn label(self) -> &'static str {
        match self {
            Self::Accord => "Accord",
            Self::AccordPartiel => "Accord partiel",
            Self::Refus => "Refus",
            Self::Irrecevable => "Irrecevable",
            Self::Ajourne => "Ajourné",
        }
    }
}

impl Label for crate::parcours::DocStatus {
    const ALL: &'static [Self] = &[
        Self::Manquant,
        Self::Recu,
        Self::Valide,
        Self::NonApplicable,
    ];
    fn label(self) -> &'static str {
        match self {
            Self::Manquant => "manquant",
            Self::Recu => "reçu",
            Self::Valide => "validé",
            Self::NonApplicable => "non applicable",
        }
    }
}
