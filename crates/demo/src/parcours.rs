//! Demo parcours: each generated case placed somewhere along a realistic branch, with the dates,
//! facts and documents that go with the steps it went through.

use chrono::{Days, NaiveDate};
use passerelle_domain::case::{CaseData, ContractKind, DocumentKind};
use passerelle_domain::parcours::{
    EmployerAnswer, Funder, FundingLine, Modality, OpcoScheme, Step, Training,
};

use crate::Rng;

/// A demo case with its past.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoCase {
    pub data: CaseData,
    pub created: NaiveDate,
    pub steps: Vec<(Step, NaiveDate)>,
    pub documents: Vec<(DocumentKind, NaiveDate)>,
}

use Step::*;

/// Canonical branches and how often cases take them (weights in %).
const BRANCHES: &[(u64, &[Step])] = &[
    (
        45,
        &[
            Accompagnement,
            ProjetFormalise,
            PtpPositionnement,
            PtpAutorisationAbsence,
            PtpDossierDepose,
            PtpEnInstruction,
            PtpAccord,
            EnFormation,
            FormationTerminee,
            Certification,
            Certifie,
            SuiviPostFormation,
            EnEmploiMetierVise,
        ],
    ),
    (
        8,
        &[
            Accompagnement,
            ProjetFormalise,
            PtpPositionnement,
            PtpAutorisationAbsence,
            PtpDossierDepose,
            PtpEnInstruction,
            PtpRefus,
            PtpRecours,
        ],
    ),
    (
        15,
        &[
            Accompagnement,
            ProjetFormalise,
            OpcoDemande,
            OpcoAccord,
            EnFormation,
            FormationTerminee,
            Certification,
            CertifiePartiel,
        ],
    ),
    (
        8,
        &[
            Accompagnement,
            ProjetFormalise,
            DemissionDossier,
            DemissionAttestee,
            EnFormation,
        ],
    ),
    (
        10,
        &[
            Accompagnement,
            ProjetFormalise,
            VaeRecevabilite,
            VaeAccompagnement,
            VaeJury,
            CertifiePartiel,
        ],
    ),
    (
        6,
        &[
            Accompagnement,
            ProjetFormalise,
            CleaEvaluation,
            CleaJury,
            Certifie,
        ],
    ),
    (8, &[Accompagnement, ClosSansSuite]),
];

/// Documents a case holds once it has entered a step.
fn documents_for(step: Step) -> &'static [DocumentKind] {
    use DocumentKind::*;
    match step {
        PtpAutorisationAbsence => &[Positionnement, Devis],
        PtpDossierDepose => &[
            Cv,
            Diplome,
            AutorisationAbsence,
            AttestationEffectif,
            AttestationNonRupture,
            Rib,
            SyntheseCep,
        ],
        OpcoDemande => &[Devis, ProgrammeFormation, ConventionFormation],
        DemissionDossier => &[SyntheseCep, ProgrammeFormation],
        DemissionAttestee => &[AttestationCaractereReelSerieux],
        VaeRecevabilite => &[PieceIdentite, Cv],
        FormationTerminee => &[CertificatRealisation],
        _ => &[],
    }
}

fn pick_branch(rng: &mut Rng) -> &'static [Step] {
    let mut roll = rng.below(100);
    for (weight, path) in BRANCHES {
        if roll < *weight {
            return path;
        }
        roll -= weight;
    }
    BRANCHES[0].1
}

/// Places `data` along a branch; `today` anchors the dates (everything is in the past except
/// training starts still to come).
const PROSPECTS: [&str; 4] = [
    "Trois offres d’emploi relevées sur le bassin ; promesse d’embauche de l’entreprise d’accueil du stage à l’issue de la formation.",
    "Métier en tension dans la zone d’emploi (enquête Besoins en main-d’œuvre) ; deux entretiens d’enquête métier réalisés.",
    "Recrutements annoncés par deux employeurs du territoire ; immersion professionnelle concluante (PMSMP de deux semaines).",
    "Perspectives à confirmer : le bénéficiaire envisage une mobilité vers le bassin voisin si nécessaire.",
];
/// Where the person is ready to work, and the radius matching reads from it.
const MOBILITY: [(&str, u16); 3] = [
    ("30 km autour du domicile", 30),
    ("Bassin d’emploi, 45 minutes de trajet au plus", 40),
    ("Département, permis B et véhicule", 60),
];
const OPINIONS: [&str; 3] = [
    "Projet cohérent et mûri : métier validé par immersion, parcours de formation adapté au positionnement, financement bouclé. Avis favorable.",
    "Projet solide ; l’employeur soutient la démarche. Vigilance sur la durée de la formation au regard des contraintes familiales. Avis favorable.",
    "Motivation réelle, mais perspectives d’emploi à étayer davantage sur le territoire. Avis réservé.",
];

/// Funding plan, prospects and the counsellor's opinion, derived from the case's own values (no
/// draw from the generator, so the rest of the demo stays the same).
fn committee_facts(data: &mut CaseData, steps: &[(Step, NaiveDate)]) {
    let reached = |s: Step| steps.iter().any(|(x, _)| *x == s);
    if !reached(ProjetFormalise) {
        return;
    }
    let t = &data.parcours.training;
    let (Some(hours), Some(cost)) = (t.hours, t.cost_cents) else {
        return;
    };
    let n = hours as usize;
    let mut funding = Vec::new();
    if reached(PtpPositionnement) || reached(TranscoEligibilite) {
        // Tuition plus the salary maintained (about 14 € an hour, contributions included).
        funding.push(FundingLine {
            funder: Funder::TransitionsPro,
            amount_cents: cost + i64::from(hours) * 1_400,
            covers: "Frais pédagogiques et rémunération".into(),
        });
        if cost > 1_500_000 {
            funding.push(FundingLine {
                funder: Funder::Cpf,
                amount_cents: 150_000,
                covers: "Mobilisation du CPF".into(),
            });
        }
        if n.is_multiple_of(3) {
            funding.push(FundingLine {
                funder: Funder::Region,
                amount_cents: 80_000,
                covers: "Frais annexes (transport, hébergement)".into(),
            });
        }
    } else if reached(OpcoDemande) {
        funding.push(FundingLine {
            funder: Funder::Opco,
            amount_cents: cost,
            covers: "Frais pédagogiques".into(),
        });
        funding.push(FundingLine {
            funder: Funder::Employeur,
            amount_cents: i64::from(hours) * 1_400,
            covers: "Rémunération maintenue".into(),
        });
    } else {
        funding.push(FundingLine {
            funder: Funder::Cpf,
            amount_cents: cost.min(500_000),
            covers: "Frais pédagogiques".into(),
        });
    }
    let p = &mut data.project;
    p.employment_prospects = PROSPECTS[n % PROSPECTS.len()].into();
    let (zone, radius) = MOBILITY[n % MOBILITY.len()];
    p.mobility_zone = zone.into();
    p.mobility_radius_km = Some(radius);
    p.target_in_demand = n.is_multiple_of(2);
    p.cep_opinion = OPINIONS[n % OPINIONS.len()].into();
    data.parcours.funding = funding;
}

/// The training that prepares the case's certification target — the whole fiche, or one of its
/// blocs — from the generator's draws: a provider in `0..4`, hours in `300..=1400`, a modality
/// in `0..4` and a cost in `3000..=25000`.
fn prepare(
    t: &mut Training,
    target: &str,
    (provider, hours, modality, cost): (usize, u64, usize, u64),
) {
    let scale = |(low, high): (u32, u32), draw: u64, from: u64, to: u64| {
        low + (u64::from(high - low) * (draw - from) / (to - from)) as u32
    };
    let Some((fiche, bloc)) = crate::catalogue::of_target(target) else {
        t.title = "Titre professionnel visé".into();
        t.provider = [
            "AFPA Metz",
            "GRETA Lorraine Nord",
            "CFA de l’industrie Grand Est",
            "IRFA Est",
        ][provider % 4]
            .into();
        t.hours = Some(hours as u32);
        t.modality = Some(
            [
                Modality::Presentiel,
                Modality::Mixte,
                Modality::Distanciel,
                Modality::Afest,
            ][modality % 4],
        );
        t.cost_cents = Some(cost as i64 * 100);
        return;
    };
    let training = &fiche.training;
    let mut hours = scale(training.hours, hours, 300, 1400);
    let mut cost = scale(training.cost_euros, cost, 3_000, 25_000);
    t.title = training.title.to_owned();
    if let Some(n) = bloc {
        // A single bloc: its share of the whole training.
        let blocs = fiche.blocs.len().max(1) as u32;
        hours = (hours / blocs).max(35);
        cost /= blocs;
        t.title = format!("{}, bloc de compétences n° {n}", training.title);
    }
    t.provider = training.providers[provider % training.providers.len()].to_owned();
    t.hours = Some(hours);
    t.modality = Some(training.modalities[modality % training.modalities.len()]);
    t.cost_cents = Some(i64::from(cost) * 100);
}

pub fn place(mut data: CaseData, rng: &mut Rng, today: NaiveDate) -> DemoCase {
    let branch = pick_branch(rng);
    let reached = rng.range(0, branch.len() as u64) as usize;
    let steps_taken = &branch[..reached];
    // Dates from the creation forward, 10 to 45 days apart, ending no later than today.
    let gaps: Vec<u64> = (0..=steps_taken.len()).map(|_| rng.range(10, 45)).collect();
    let span: u64 = gaps.iter().sum::<u64>() + rng.range(0, 60);
    let created = today - Days::new(span);
    let mut date = created;
    let mut steps = Vec::new();
    let mut documents = Vec::new();
    for (step, gap) in steps_taken.iter().zip(&gaps) {
        date = date + Days::new(*gap);
        for kind in documents_for(*step) {
            documents.push((*kind, date - Days::new(rng.range(1, 8))));
        }
        steps.push((*step, date));
    }
    let current = steps.last().map_or(Accueil, |s| s.0);
    let at = |s: Step| steps.iter().find(|(x, _)| *x == s).map(|(_, d)| *d);

    // Eligibility facts, by contract.
    let p = &mut data.parcours;
    match data.situation.contract {
        Some(ContractKind::Cdd) => {
            p.salaried_months_last_60 = Some(rng.range(12, 60) as u16);
            p.cdd_months_last_12 = Some(rng.range(2, 12) as u16);
        }
        Some(ContractKind::Interim) => {
            p.interim_hours_last_18_months = Some(rng.range(900, 2400) as u32);
            p.interim_hours_in_agency = Some(rng.range(300, 1200) as u32);
        }
        Some(ContractKind::Cdi) => p.salaried_days_in_window = Some(rng.range(900, 1500) as u16),
        _ => {}
    }

    if steps.iter().any(|(s, _)| *s == ProjetFormalise) {
        // The draws are the same whatever the certification, so the rest of the demo does not
        // depend on the catalogue.
        let provider = rng.below(4) as usize;
        let hours = rng.range(300, 1400);
        let modality = rng.below(4) as usize;
        let cost = rng.range(3_000, 25_000);
        let t = &mut p.training;
        prepare(
            t,
            &data.project.target_certification,
            (provider, hours, modality, cost),
        );
        t.provider_qualiopi = true;
        t.during_working_time = rng.chance(70);
        t.part_time = Some(t.hours.is_some_and(|h| h < 400));
        t.start = Some(match at(EnFormation) {
            Some(d) => d,
            None => today + Days::new(rng.range(45, 240)),
        });
        // Its days at 35 hours a week, plus up to as many again (periods in company, holidays)
        // but 280 at most.
        let spread = (rng.range(120, 330) - 120) / 2;
        let full_time = (u64::from(t.hours.unwrap_or(0)) / 5).max(1);
        let days = full_time + full_time.min(280) * spread / 100;
        t.end = t.start.map(|s| s + Days::new(days));
    }
    committee_facts(&mut data, &steps);
    let p = &mut data.parcours;
    if let Some(d) = at(PtpAutorisationAbsence) {
        let received = (d + Days::new(3)).min(today);
        p.absence_request_received_on = Some(received);
        let waiting = current == PtpAutorisationAbsence && rng.chance(40);
        if !waiting {
            p.employer_answer = Some(EmployerAnswer::Accord);
            p.employer_answer_on = Some((received + Days::new(rng.range(5, 25))).min(today));
        }
        p.training.during_working_time = true;
    }
    p.dossier_filed_on = at(PtpDossierDepose);
    if at(OpcoDemande).is_some() {
        p.opco_scheme = Some(if rng.chance(60) {
            OpcoScheme::PlanDeveloppement
        } else {
            OpcoScheme::PeriodeReconversion
        });
    }
    p.commission_on = at(PtpEnInstruction).map(|d| d + Days::new(30));
    p.refusal_notified_on = at(PtpRefus);
    p.recours_filed_on = at(PtpRecours);
    p.demission_attested_on = at(DemissionAttestee);
    p.vae_dossier_complete_on = at(VaeRecevabilite);
    // Some cases at the positionnement already have part of what the next step needs.
    if current == PtpPositionnement && rng.chance(50) {
        documents.push((
            DocumentKind::Positionnement,
            today - Days::new(rng.range(1, 10)),
        ));
    }
    DemoCase {
        data,
        created,
        steps,
        documents,
    }
}
