//! Demo case files for trying the app and for benchmarks: deterministic (same count and seed,
//! same data), realistic (accented French names, Grand Est communes of the seed's territories,
//! ROME codes of the employer's sector, valid NIR and SIRET, a mix of contracts and flags) and
//! entirely fictional. Each case tells one story (see `stories`): a current trade of its
//! employer, a target among that trade's ROME mobilities, a certification that prepares it, the
//! training towards it and the motive that says why.

mod catalogue;
mod certifications;
mod employers;
mod offer;
mod parcours;
mod reference;
mod rng;
mod seed;
mod stories;

use chrono::{Datelike, Duration, NaiveDate};
pub use parcours::DemoCase;
use passerelle_domain::case::{CaseData, Civility, Consent, ContractKind, WorkingTime};
pub use rng::Rng;
pub use seed::{DEMO_ACTOR, Seeded, seed, seed_file};

/// The passphrase of the demonstration databases (`scripts/run.sh`'s and the one the first-run
/// screen opens): their people are fictional, the phrase is public.
pub const DEMO_PASSPHRASE: &str = "démonstration de Passerelle en Grand Est";

/// How many fictional cases a demonstration database starts with.
pub const DEMO_CASES: usize = 300;

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
    } else {
        // The trade held before: one of the territory's.
        let e = *rng.pick(&employers::of_territory(territory));
        s.job_rome = rng.pick(e.trades).to_string();
    }
    let story = stories::of(&s.job_rome);
    if let Some(story) = story {
        s.job_title = story.title.to_owned();
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

    if let Some(story) = story {
        let p = &mut c.project;
        let m = pick_move(rng, story, territory);
        p.target_rome = m.target.to_owned();
        p.target_certification = m.certification.to_owned();
        // One project in ten aims at a single bloc de compétences.
        if let Some(f) = catalogue::fiche(m.certification)
            && !f.blocs.is_empty()
            && rng.chance(10)
        {
            let bloc = rng.range(1, f.blocs.len() as u64);
            p.target_certification = format!("{}BC{bloc:02}", f.code);
        }
        p.motive = m.motive.to_owned();
    }
    c
}

/// One of the story's moves; more often one towards a trade the territory's companies recruit
/// for, so that the case finds a need nearby.
fn pick_move(
    rng: &mut Rng,
    story: &'static stories::Story,
    territory: &str,
) -> &'static stories::Move {
    let needs = employers::needs_of_territory(territory);
    let near: Vec<&stories::Move> = story
        .moves
        .iter()
        .filter(|m| needs.contains(&m.target))
        .collect();
    if !near.is_empty() && rng.chance(60) {
        return near[rng.below(near.len() as u64) as usize];
    }
    rng.pick(story.moves)
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

/// The catalogue of the certifications the demo cases target, each with the trades (ROME) it
/// prepares (titles and blocs are illustrative, for demonstration only).
pub fn catalogue() -> Vec<passerelle_domain::certification::Certification> {
    use passerelle_domain::certification::{Bloc, Certification};
    catalogue::FICHES
        .iter()
        .map(|f| Certification {
            code: f.code.to_owned(),
            title: format!("{} (démonstration)", f.title),
            level: f.level,
            certifier: "Certificateur (démonstration)".to_owned(),
            active: true,
            rome_codes: f.romes.iter().map(|r| (*r).to_owned()).collect(),
            blocs: f
                .blocs
                .iter()
                .enumerate()
                .map(|(i, t)| Bloc {
                    code: format!("{}BC{:02}", f.code, i + 1),
                    title: (*t).to_owned(),
                })
                .collect(),
            ..Certification::default()
        })
        .collect()
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

    /// The fiche a case's certification target belongs to (a bloc's fiche for a bloc).
    fn fiche_of(
        catalogue: &[passerelle_domain::certification::Certification],
        target: &str,
    ) -> passerelle_domain::certification::Certification {
        let code = target.split_once("BC").map_or(target, |(fiche, _)| fiche);
        catalogue
            .iter()
            .find(|f| f.code == code)
            .unwrap_or_else(|| panic!("{target} is not in the catalogue"))
            .clone()
    }

    #[test]
    fn every_case_tells_one_story() {
        let catalogue = catalogue();
        let cases = generate(1_000, 2026, today());
        let mut blocs = 0;
        for (i, c) in cases.iter().enumerate() {
            let (s, p) = (&c.situation, &c.project);
            // Its current trade is one of its employer's (or, looking for work, one of its
            // territory's), with a job title of that trade.
            let story =
                stories::of(&s.job_rome).unwrap_or_else(|| panic!("case {i}: {}", s.job_rome));
            assert_eq!(s.job_title, story.title, "case {i}");
            if s.contract == Some(ContractKind::DemandeurEmploi) {
                assert!(s.employer.siret.is_empty(), "case {i}");
                assert!(
                    employers::of_territory(&c.beneficiary.territory)
                        .iter()
                        .any(|e| e.trades.contains(&s.job_rome.as_str())),
                    "case {i}"
                );
            } else {
                let e = employers::EMPLOYERS
                    .iter()
                    .find(|e| e.siret() == s.employer.siret)
                    .unwrap_or_else(|| panic!("case {i}: unknown employer"));
                assert!(
                    e.trades.contains(&s.job_rome.as_str()),
                    "case {i}: {} at {}",
                    s.job_rome,
                    e.name
                );
                assert_eq!(s.employer.naf, e.naf, "case {i}");
            }
            // A target other than the current trade, a certification that prepares it, and
            // the motive of that move.
            assert!(
                !p.target_rome.is_empty() && p.target_rome != s.job_rome,
                "case {i}"
            );
            let fiche = fiche_of(&catalogue, &p.target_certification);
            assert!(
                fiche.rome_codes.contains(&p.target_rome),
                "case {i}: {} does not prepare {}",
                fiche.code,
                p.target_rome
            );
            assert!(
                story.moves.iter().any(|m| m.target == p.target_rome
                    && m.certification == fiche.code
                    && m.motive == p.motive),
                "case {i}"
            );
            if p.target_certification != fiche.code {
                blocs += 1;
                assert!(
                    fiche.blocs.iter().any(|b| b.code == p.target_certification),
                    "case {i}"
                );
            }
        }
        assert!(blocs > 20, "{blocs} bloc targets");
        // Every story's moves are told.
        let told: std::collections::HashSet<(&str, &str)> = cases
            .iter()
            .map(|c| {
                (
                    c.situation.job_rome.as_str(),
                    c.project.target_rome.as_str(),
                )
            })
            .collect();
        assert!(told.len() > 70, "{} moves told", told.len());
    }

    #[test]
    fn the_training_prepares_the_case_certification() {
        let catalogue = catalogue();
        let cases = generate_with_parcours(600, 5, today());
        let mut trained = 0;
        for (i, c) in cases.iter().enumerate() {
            let mut checked = c.data.clone();
            let report = checked.check(today());
            assert!(report.errors.is_empty(), "case {i}: {:?}", report.errors);
            let t = &c.data.parcours.training;
            if t.title.is_empty() {
                continue;
            }
            trained += 1;
            let fiche = fiche_of(&catalogue, &c.data.project.target_certification);
            let expected = catalogue::fiche(&fiche.code).unwrap().training.title;
            assert!(t.title.starts_with(expected), "case {i}: {}", t.title);
            assert!(t.title.starts_with("Préparation "), "case {i}");
            let (low, high) = catalogue::fiche(&fiche.code).unwrap().training.hours;
            let hours = t.hours.unwrap();
            assert!(hours <= high, "case {i}");
            if t.title == expected {
                assert!(hours >= low, "case {i}");
            }
            assert!(t.end >= t.start, "case {i}");
        }
        assert!(trained > 300, "{trained}");
    }

    /// The end-to-end scenario of the Ardennes, in the demo the app and its tests seed (seed
    /// 2026, 400 cases): fondeurs of the Fonderie de la Meuse, their trade en péril, aim at
    /// « Opérateur en fabrication mécanique », which the Boulonnerie de Monthermé recruits for,
    /// through the CIMA title; one of them is already certified.
    #[test]
    fn the_demo_holds_the_ardennes_scenario() {
        use passerelle_domain::parcours::Step;
        let cases = generate_with_parcours(400, 2026, today());
        let scenario: Vec<&DemoCase> = cases
            .iter()
            .filter(|c| {
                let (s, p) = (&c.data.situation, &c.data.project);
                s.employer.name == "Fonderie de la Meuse"
                    && s.job_rome == "H2907"
                    && p.target_rome == "H2906"
                    && p.target_certification == "RNCP36210"
            })
            .collect();
        assert!(scenario.len() >= 2, "{}", scenario.len());
        assert!(
            scenario
                .iter()
                .any(|c| c.steps.iter().any(|(s, _)| *s == Step::Certifie))
        );
    }
}
