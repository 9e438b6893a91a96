//! Demo case files for trying the app and for benchmarks: deterministic (same count and seed,
//! same data), realistic (accented French names, Grand Est communes of the seed's territories,
//! ROME codes of the employer's sector, valid NIR and SIRET, a mix of contracts and flags) and
//! entirely fictional.

mod certifications;
mod employers;
mod parcours;
mod reference;
mod rng;
mod seed;

use chrono::{Datelike, Duration, NaiveDate};
pub use parcours::DemoCase;
use passerelle_domain::case::{CaseData, Civility, Consent, ContractKind, WorkingTime};
pub use rng::Rng;
pub use seed::{DEMO_ACTOR, Seeded, seed, seed_file};

const SURNAMES: &[&str] = &[
    "Muller",
    "Schmitt",
    "Dupré",
    "Lefèvre",
    "Hoffmann",
    "Bérard",
    "Klein",
    "Weber",
    "Meyer",
    "Fischer",
    "Gérard",
    "Lambert",
    "François",
    "Mathieu",
    "Thiébaut",
    "Collin",
    "Rémy",
    "Jacquemin",
    "Noël",
    "Hérault",
    "Marchal",
    "Didier",
    "Humbert",
    "Perrin",
    "Pierron",
    "Becker",
    "Wagner",
    "Schneider",
    "Lemaître",
    "Gaspard",
    "Hennequin",
    "Aubertin",
    "Chénot",
    "Guérin",
    "Mangin",
    "Étienne",
    "Barbier",
    "Masson",
    "Lorrain",
    "Keller",
    "Zimmermann",
    "Rousselot",
    "Vautrin",
    "Girardin",
    "Poirot",
    "Bastien",
    "Bouché",
    "Laurent",
    "Nguyen",
    "Benali",
    "Haddad",
    "Da Silva",
    "Kowalski",
    "Öztürk",
    "Mercier",
    "Fèvre",
    "Claudel",
    "Huguenin",
    "Thiéry",
    "Jeandel",
];
const WOMEN: &[&str] = &[
    "Françoise",
    "Agnès",
    "Hélène",
    "Léa",
    "Chloé",
    "Zoé",
    "Anaïs",
    "Gaëlle",
    "Mélanie",
    "Céline",
    "Aurélie",
    "Amélie",
    "Émilie",
    "Noémie",
    "Inès",
    "Sophie",
    "Nathalie",
    "Élodie",
    "Maëlys",
    "Valérie",
];
const MEN: &[&str] = &[
    "Éric",
    "Jérôme",
    "Théo",
    "Noé",
    "Maël",
    "Clément",
    "Loïc",
    "Joël",
    "Stéphane",
    "Frédéric",
    "Sébastien",
    "Benoît",
    "Rémi",
    "Hervé",
    "Grégory",
    "Jérémy",
    "Mickaël",
    "Cédric",
    "Thierry",
    "Yannick",
];

/// Trades with good prospects in the region, as targets (ROME 4.0 codes).
const TARGETS: &[&str] = &[
    "J1501", "J1301", "K1302", "M1805", "M1810", "I1309", "H1208", "N1101", "N4101", "F1603",
    "I1304", "H2912", "K2111", "M1607", "D1214", "J1506", "K1304", "H1404",
];
const MOTIVES: &[&str] = &[
    "Usure professionnelle : travail posté de nuit depuis plus de quinze ans.",
    "Site en restructuration ; poste identifié comme fragilisé dans l’accord GEPP.",
    "Souhaite donner du sens à son travail et se tourner vers le soin.",
    "Restrictions médicales incompatibles avec le port de charges.",
    "Projet mûri après un bilan de compétences ; immersion réalisée en entreprise.",
    "Évolution vers un métier du numérique, en tension sur le bassin d’emploi.",
];
const CERTIFICATIONS: &[&str] = &[
    "RNCP35830",
    "RNCP36004",
    "RNCP38596BC02",
    "RNCP34147",
    "RS5678",
    "RNCP35185",
    "RNCP37489BC01",
];

fn nir(sex: u8, birth: NaiveDate, insee: &str, rng: &mut Rng) -> String {
    let body = format!(
        "{sex}{:02}{:02}{}{:03}",
        birth.year() % 100,
        birth.month(),
        insee,
        rng.range(1, 999)
    );
    let number: u64 = body.parse().unwrap_or(0);
    format!("{body}{:02}", 97 - number % 97)
}

fn ascii_lower(text: &str) -> String {
    passerelle_domain::text::fold_for_sort(text)
        .to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
}

/// Generates `count` case files from `seed`; `today` anchors ages and contract dates.
pub fn generate(count: usize, seed: u64, today: NaiveDate) -> Vec<CaseData> {
    let territories = reference::communes_by_territory();
    let mut rng = Rng::new(seed);
    (0..count)
        .map(|_| one(&mut rng, &territories, today))
        .collect()
}

fn one(
    rng: &mut Rng,
    territories: &[(&'static str, Vec<reference::Commune>)],
    today: NaiveDate,
) -> CaseData {
    let mut c = CaseData::default();
    let woman = rng.chance(52);
    let (territory, communes) = rng.pick(territories);
    let commune = rng.pick(communes);
    let b = &mut c.beneficiary;
    b.civility = Some(if woman {
        Civility::Madame
    } else {
        Civility::Monsieur
    });
    b.birth_name = rng.pick(SURNAMES).to_string();
    if woman && rng.chance(30) {
        b.usage_name = rng.pick(SURNAMES).to_string();
    }
    b.first_names = rng.pick(if woman { WOMEN } else { MEN }).to_string();
    let age_days = rng.range(22 * 365, 60 * 365) as i64;
    let birth = today - Duration::days(age_days);
    b.birth_date = Some(birth);
    b.nir = nir(if woman { 2 } else { 1 }, birth, commune.insee, rng);
    b.email = format!(
        "{}.{}@exemple.fr",
        ascii_lower(&b.first_names),
        ascii_lower(&b.birth_name)
    );
    b.phone = format!(
        "0{} {:02} {:02} {:02} {:02}",
        rng.range(6, 7),
        rng.below(100),
        rng.below(100),
        rng.below(100),
        rng.below(100)
    );
    b.postal_code = commune.postal_code.to_owned();
    b.commune = commune.name.to_owned();
    b.territory = (*territory).to_owned();
    b.diploma_level = Some(*rng.pick(&[3, 3, 3, 4, 4, 5, 6]));
    b.consents.push(Consent {
        purpose: "Accompagnement CEP et partage avec les financeurs".into(),
        given_on: Some(today - Duration::days(rng.range(1, 700) as i64)),
        withdrawn_on: None,
    });

    let s = &mut c.situation;
    let contract = match rng.below(100) {
        0..=59 => ContractKind::Cdi,
        60..=74 => ContractKind::Cdd,
        75..=84 => ContractKind::Interim,
        85..=92 => ContractKind::DemandeurEmploi,
        93..=94 => ContractKind::Intermittent,
        _ => ContractKind::Independant,
    };
    s.contract = Some(contract);
    if contract != ContractKind::DemandeurEmploi {
        // One of the territory's establishments: the case links to its page by SIRET.
        let e = *rng.pick(&employers::of_territory(territory));
        s.employer.name = e.name.to_owned();
        s.employer.siret = e.siret();
        s.employer.idcc = e.idcc.to_owned();
        s.employer.naf = e.naf.to_owned();
        s.employer.headcount = Some(e.headcount());
        s.employer.opco = Some(e.opco);
        s.job_rome = rng.pick(e.trades).to_string();
        let start = today - Duration::days(rng.range(90, 9000) as i64);
        s.contract_start = Some(start);
        if contract == ContractKind::Cdd {
            s.contract_end = Some(today + Duration::days(rng.range(30, 300) as i64));
        }
        s.working_time = Some(if rng.chance(80) {
            WorkingTime::TempsPlein
        } else {
            WorkingTime::TempsPartiel
        });
        let total = rng.range(6, 400) as u16;
        s.seniority_months_total = Some(total);
        s.seniority_months_company = Some(total.min(rng.range(3, 300) as u16));
    }
    let flag_date = today - Duration::days(rng.range(10, 600) as i64);
    for (flag, percent, proof) in [
        (
            &mut s.flags.metier_fragilise,
            15,
            "Accord GEPP de l’entreprise",
        ),
        (&mut s.flags.oeth, 8, "Notification de RQTH"),
        (&mut s.flags.inaptitude, 4, "Avis du médecin du travail"),
        (
            &mut s.flags.long_absence,
            5,
            "Attestations d’arrêt de travail",
        ),
    ] {
        if rng.chance(percent) {
            flag.set = true;
            flag.proof = proof.to_owned();
            flag.proof_date = Some(flag_date);
        }
    }

    let p = &mut c.project;
    loop {
        p.target_rome = rng.pick(TARGETS).to_string();
        if p.target_rome != s.job_rome {
            break;
        }
    }
    if rng.chance(70) {
        p.target_certification = rng.pick(CERTIFICATIONS).to_string();
    }
    p.motive = rng.pick(MOTIVES).to_string();
    c
}

/// Demo cases spread over the whole parcours: every branch, realistic dates, some overdue
/// deadlines. Same count and seed, same cases.
pub fn generate_with_parcours(count: usize, seed: u64, today: NaiveDate) -> Vec<DemoCase> {
    let mut rng = Rng::new(seed ^ 0x005E_ED0F_9A2C);
    generate(count, seed, today)
        .into_iter()
        .map(|data| parcours::place(data, &mut rng, today))
        .collect()
}

/// A small catalogue matching the certification codes the demo cases target (titles and blocs
/// are illustrative, for demonstration only).
pub fn catalogue() -> Vec<passerelle_domain::certification::Certification> {
    use passerelle_domain::certification::{Bloc, Certification};
    let fiche = |code: &str, title: &str, level: Option<u8>, blocs: &[&str]| Certification {
        code: code.to_owned(),
        title: title.to_owned(),
        level,
        certifier: "Certificateur (démonstration)".to_owned(),
        active: true,
        blocs: blocs
            .iter()
            .enumerate()
            .map(|(i, t)| Bloc {
                code: format!("{code}BC{:02}", i + 1),
                title: (*t).to_owned(),
            })
            .collect(),
        ..Certification::default()
    };
    vec![
        fiche(
            "RNCP35830",
            "Aide-soignant (démonstration)",
            Some(4),
            &[
                "Accompagner la personne dans les actes de la vie quotidienne",
                "Évaluer l’état clinique et mettre en œuvre des soins adaptés",
                "Informer et accompagner les personnes et leur entourage",
                "Entretenir l’environnement immédiat de la personne",
            ],
        ),
        fiche(
            "RNCP36004",
            "Technicien de maintenance industrielle (démonstration)",
            Some(4),
            &[
                "Réaliser la maintenance préventive",
                "Diagnostiquer et réparer les pannes",
                "Améliorer la fiabilité des équipements",
            ],
        ),
        fiche(
            "RNCP38596",
            "Juriste d’entreprise (démonstration)",
            Some(7),
            &[
                "Conseiller la direction",
                "Réaliser un diagnostic juridique",
                "Sécuriser les contrats",
            ],
        ),
        fiche(
            "RNCP34147",
            "Développeur web et web mobile (démonstration)",
            Some(5),
            &[
                "Développer la partie front-end d’une application",
                "Développer la partie back-end d’une application",
            ],
        ),
        fiche(
            "RS5678",
            "Habilitation électrique (démonstration)",
            None,
            &[],
        ),
        fiche(
            "RNCP35185",
            "Conducteur de transport routier de marchandises (démonstration)",
            Some(3),
            &[
                "Préparer et réaliser le transport",
                "Assurer la livraison et la relation client",
            ],
        ),
        fiche(
            "RNCP37489",
            "Gestionnaire de paie (démonstration)",
            Some(5),
            &[
                "Tenir le dossier social de l’entreprise",
                "Établir les bulletins de paie",
            ],
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
    }

    #[test]
    fn the_same_seed_gives_the_same_cases() {
        assert_eq!(generate(50, 7, today()), generate(50, 7, today()));
        assert_ne!(generate(5, 7, today()), generate(5, 8, today()));
    }

    #[test]
    fn every_generated_case_passes_validation_without_errors() {
        for (i, case) in generate(500, 42, today()).into_iter().enumerate() {
            let mut checked = case.clone();
            let report = checked.check(today());
            assert!(report.errors.is_empty(), "case {i}: {:?}", report.errors);
            assert_eq!(checked, case, "case {i} was not already in normal form");
        }
    }

    #[test]
    fn parcours_follow_the_table_and_cover_every_branch() {
        use passerelle_domain::parcours::Step;
        let cases = generate_with_parcours(600, 3, today());
        assert_eq!(cases, generate_with_parcours(600, 3, today()));
        let mut current_steps = std::collections::HashSet::new();
        for c in &cases {
            let mut at = Step::Accueil;
            let mut last = c.created;
            for (step, date) in &c.steps {
                assert!(at.allows(*step), "{at:?} → {step:?}");
                assert!(*date >= last && *date <= today());
                at = *step;
                last = *date;
            }
            current_steps.insert(at);
        }
        for step in [
            Step::Accueil,
            Step::PtpAutorisationAbsence,
            Step::PtpDossierDepose,
            Step::OpcoAccord,
            Step::DemissionAttestee,
            Step::VaeJury,
            Step::CleaJury,
            Step::EnFormation,
            Step::PtpRecours,
            Step::ClosSansSuite,
            Step::EnEmploiMetierVise,
        ] {
            assert!(current_steps.contains(&step), "no case at {step:?}");
        }
    }

    #[test]
    fn every_territory_and_several_contracts_appear() {
        let cases = generate(300, 1, today());
        for t in [
            "warndt-naborien",
            "moselle-sud",
            "nord-est-ardennes",
            "meurthe-et-moselle",
            "metz",
        ] {
            assert!(cases.iter().any(|c| c.beneficiary.territory == t), "{t}");
        }
        let cdd = cases
            .iter()
            .filter(|c| c.situation.contract == Some(ContractKind::Cdd))
            .count();
        assert!(cdd > 10);
        assert!(cases.iter().any(|c| c.situation.flags.oeth.set));
    }
}
