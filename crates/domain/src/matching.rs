//! Explainable matching between a person and trades or open hiring needs.
//!
//! Every score is the sum of its parts, each with the points it gives, the most it could give
//! and one French sentence saying why, so a counsellor (and later a committee) can read it back:
//!
//! | part          | max | from                                                          |
//! |---------------|-----|---------------------------------------------------------------|
//! | trade         |  40 | same ROME 40; ROME mobility of rank r: 36 − 2(r − 1), ≥ 16;     |
//! |               |     | same professional domain 10                                    |
//! | competences   |  30 | share of the target fiche's core competences held               |
//! | certification |  10 | share of the target certification's blocs acquired, when it    |
//! |               |     | prepares the trade                                             |
//! | distance      |  10 | 10 at the door, 3 at the edge of the mobility radius            |
//! | employer      |   5 | a recorded open need (2), open to reconversion (+3)             |
//! | outlook       |   5 | the trade labelled « en devenir » on the territory              |
//!
//! Hard filters never hide silently: a need beyond the radius, or a trade with no ROME link to
//! the person's, is returned among the exclusions with the reason. Internal reconversions (a
//! need of the person's own employer) come first, then by score.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use crate::i18n::count_with;
use crate::rome::{Importance, RomeReference};

/// The radius used when the case does not say (a reasonable daily commute in the region).
pub const DEFAULT_RADIUS_KM: u16 = 30;

/// Where a held competence comes from, for the reasons.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", content = "code", rename_all = "snake_case")]
pub enum SkillSource {
    /// The fiche of the person's current trade.
    CurrentTrade(String),
    /// A certification the person obtained (its ROME links).
    Certification(String),
    /// Recorded by the counsellor.
    Declared,
}

/// What a person holds, competence by competence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Skills {
    pub held: BTreeMap<u32, SkillSource>,
}

impl Skills {
    /// The competences of a fiche, all of them (core, emerging and others): a person who does
    /// the job holds what the fiche lists.
    pub fn add_fiche(&mut self, reference: &RomeReference, rome: &str, source: SkillSource) {
        if let Some(fiche) = reference.fiche(rome) {
            for (code, _) in fiche.competences() {
                self.held.entry(code).or_insert_with(|| source.clone());
            }
        }
    }

    pub fn add(&mut self, code: u32, source: SkillSource) {
        self.held.entry(code).or_insert(source);
    }

    /// Held directly, or through its macro-compétence (the reference groups close savoir-faire
    /// under one macro; holding the macro or a savoir-faire of it counts for the other).
    pub fn holds(&self, reference: &RomeReference, code: u32) -> bool {
        if self.held.contains_key(&code) {
            return true;
        }
        let Some(c) = reference.competence(code) else {
            return false;
        };
        c.macro_code.is_some_and(|m| self.held.contains_key(&m))
    }
}

/// The target certification's progress, when the case has one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CertificationProgress {
    pub code: String,
    pub title: String,
    /// ROME codes the certification prepares.
    pub romes: Vec<String>,
    pub blocs_total: u32,
    pub blocs_acquired: u32,
    /// Titles of the blocs still to acquire.
    pub remaining: Vec<String>,
}

/// The person as matching sees them: no name, no NIR.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Person {
    pub current_rome: String,
    pub employer_siret: String,
    /// INSEE code of where they live.
    pub commune: Option<String>,
    pub radius_km: Option<u16>,
    pub skills: Skills,
    pub certification: Option<CertificationProgress>,
}

/// An open need as matching sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NeedOffer {
    pub need_id: i64,
    pub siret: String,
    pub establishment: String,
    pub commune: String,
    pub commune_name: String,
    pub rome: String,
    pub appellation: String,
    pub posts: u32,
    pub open_to_reconversion: bool,
}

/// The territory's decided outlook of trades: ROME → en devenir (true) or en péril (false).
pub type Outlooks = HashMap<String, bool>;

/// One part of a score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Component {
    Trade,
    Competences,
    Certification,
    Distance,
    Employer,
    Outlook,
}

impl Component {
    pub const ALL: [Self; 6] = [
        Self::Trade,
        Self::Competences,
        Self::Certification,
        Self::Distance,
        Self::Employer,
        Self::Outlook,
    ];

    pub fn max(self) -> u32 {
        match self {
            Self::Trade => 40,
            Self::Competences => 30,
            Self::Certification | Self::Distance => 10,
            Self::Employer | Self::Outlook => 5,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Trade => "Proximité du métier",
            Self::Competences => "Compétences clés",
            Self::Certification => "Certification visée",
            Self::Distance => "Distance",
            Self::Employer => "Besoin de l’employeur",
            Self::Outlook => "Perspectives du métier",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScorePart {
    pub component: Component,
    pub points: u32,
    pub max: u32,
    pub reason: String,
}

/// A trade (and, for a need, the employer who recruits for it) with its score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Match {
    pub rome: String,
    pub rome_label: String,
    pub need: Option<NeedOffer>,
    /// A need of the person's own employer: an internal reconversion.
    pub internal: bool,
    /// The case's target certification, when it prepares this trade.
    #[serde(default)]
    pub prepared_by: Option<String>,
    pub score: u32,
    pub parts: Vec<ScorePart>,
    /// Core competences of the target the person does not hold, labelled.
    pub missing: Vec<String>,
    pub distance_km: Option<u32>,
}

/// A candidate left out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Exclusion {
    pub rome: String,
    pub rome_label: String,
    pub need: Option<NeedOffer>,
    pub reasons: Vec<String>,
}

/// The reference versions a result was computed with, to explain it later.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Versions {
    pub rome: String,
    /// When the training offer searched was imported (empty: none).
    pub offer: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Matches {
    pub results: Vec<Match>,
    pub excluded: Vec<Exclusion>,
    /// Open needs for trades with no ROME link to the person's: counted, with the reason said
    /// once, rather than listed one by one (thousands on a regional census).
    #[serde(default)]
    pub unrelated_needs: u32,
    pub versions: Versions,
}

fn rome_label(rome: &str) -> String {
    crate::validate::rome_label(rome)
        .unwrap_or_default()
        .to_owned()
}

/// How close a target trade is to the current one, or why none.
fn trade_part(reference: &RomeReference, from: &str, to: &str) -> Result<ScorePart, String> {
    let (points, reason) = if from == to {
        (40, format!("Même métier ROME ({to})"))
    } else if let Some(rank) = reference.mobility_rank(from, to) {
        let points = 36u32
            .saturating_sub(2 * u32::from(rank).saturating_sub(1))
            .max(16);
        (points, format!("Mobilité n°{rank} du ROME depuis {from}"))
    } else if crate::rome::family_of(from) == crate::rome::family_of(to) && !from.is_empty() {
        (
            10,
            format!(
                "Même domaine professionnel ({}), sans mobilité ROME listée",
                crate::rome::family_of(to)
            ),
        )
    } else if from.is_empty() {
        return Err("métier actuel non renseigné : aucun lien ROME calculable".into());
    } else {
        return Err(format!(
            "aucun lien ROME depuis {from} (ni même métier, ni mobilité, ni même domaine)"
        ));
    };
    Ok(ScorePart {
        component: Component::Trade,
        points,
        max: 40,
        reason,
    })
}

/// « Lecture de plans » → « lecture de plans », inside a sentence; « CACES… » stays.
fn lower_first(label: &str) -> String {
    let mut chars = label.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if second.is_lowercase() => {
            first.to_lowercase().chain(label.chars().skip(1)).collect()
        }
        _ => label.to_owned(),
    }
}

/// Share of the target's core competences held, and the labels of those missing.
pub fn coverage(
    reference: &RomeReference,
    skills: &Skills,
    rome: &str,
) -> (ScorePart, Vec<String>) {
    let Some(fiche) = reference.fiche(rome) else {
        return (
            ScorePart {
                component: Component::Competences,
                points: 0,
                max: 30,
                reason: format!(
                    "Fiche {rome} absente du référentiel ROME {}",
                    reference.version
                ),
            },
            Vec::new(),
        );
    };
    let core: Vec<u32> = fiche
        .competences()
        .filter(|(_, i)| *i == Importance::Core)
        .map(|(c, _)| c)
        .collect();
    let mut missing = Vec::new();
    let mut held = 0u32;
    for &code in &core {
        if skills.holds(reference, code) {
            held += 1;
        } else if let Some(c) = reference.competence(code) {
            missing.push(c.label.clone());
        }
    }
    let total = core.len() as u32;
    let points = (30 * held).checked_div(total).unwrap_or(0);
    let mut reason = format!(
        "{} sur {total}",
        count_with(u64::from(held), "compétence clé", "compétences clés")
    );
    if !missing.is_empty() {
        let shown: Vec<String> = missing.iter().take(3).map(|m| lower_first(m)).collect();
        reason.push_str(&format!(" ; manquent : {}", shown.join(" ; ")));
        if missing.len() > 3 {
            reason.push_str(&format!(" (et {} autres)", missing.len() - 3));
        }
    }
    (
        ScorePart {
            component: Component::Competences,
            points,
            max: 30,
            reason,
        },
        missing,
    )
}

fn certification_part(person: &Person, rome: &str) -> ScorePart {
    let (points, reason) = match &person.certification {
        Some(c) if c.romes.iter().any(|r| r == rome) && c.blocs_total > 0 => {
            let points = 10 * c.blocs_acquired / c.blocs_total;
            let mut reason = format!(
                "{} prépare ce métier : {} sur {} acquis",
                c.code,
                count_with(u64::from(c.blocs_acquired), "bloc", "blocs"),
                c.blocs_total
            );
            if !c.remaining.is_empty() {
                reason.push_str(&format!(" ; restent : {}", c.remaining.join(", ")));
            }
            (points, reason)
        }
        Some(c) if c.romes.iter().any(|r| r == rome) => (
            0,
            format!(
                "{} prépare ce métier ; le catalogue ne lui connaît pas de blocs",
                c.code
            ),
        ),
        Some(c) if c.title.is_empty() && c.romes.is_empty() => (
            0,
            format!(
                "{} absente du catalogue des certifications : importez-le pour savoir quels métiers elle prépare",
                c.code
            ),
        ),
        Some(c) => (0, format!("{} ne prépare pas ce métier", c.code)),
        None => (0, "Aucune certification visée".to_owned()),
    };
    ScorePart {
        component: Component::Certification,
        points,
        max: 10,
        reason,
    }
}

/// Distance part, or the exclusion when beyond the radius.
fn distance_part(person: &Person, commune: &str) -> Result<(ScorePart, Option<u32>), String> {
    let radius = person.radius_km.unwrap_or(DEFAULT_RADIUS_KM);
    let said = if person.radius_km.is_some() {
        format!("rayon {radius} km")
    } else {
        format!("rayon non renseigné : {radius} km par défaut")
    };
    let distance = person
        .commune
        .as_deref()
        .and_then(|home| crate::place::distance_km(home, commune));
    let Some(km) = distance else {
        return Ok((
            ScorePart {
                component: Component::Distance,
                points: 0,
                max: 10,
                reason: "Distance inconnue (commune de la personne ou du poste hors référentiel)"
                    .into(),
            },
            None,
        ));
    };
    let rounded = km.round() as u32;
    if km > f64::from(radius) {
        // Just beyond: one decimal, so that « 30 km, au-delà du rayon 30 km » never reads.
        let shown = if rounded <= u32::from(radius) {
            format!("{:.1}", km).replace('.', ",")
        } else {
            rounded.to_string()
        };
        return Err(format!("{shown} km à vol d’oiseau, au-delà du {said}"));
    }
    let points = (10.0 - 7.0 * km / f64::from(radius)).round() as u32;
    Ok((
        ScorePart {
            component: Component::Distance,
            points,
            max: 10,
            reason: format!("{rounded} km à vol d’oiseau ({said})"),
        },
        Some(rounded),
    ))
}

fn employer_part(need: Option<&NeedOffer>, open_needs_for_trade: u32) -> ScorePart {
    let (points, reason) = match need {
        Some(n) if n.open_to_reconversion => (
            5,
            format!(
                "{} recrute ({}), ouvert à la reconversion",
                n.establishment,
                count_with(u64::from(n.posts), "poste", "postes")
            ),
        ),
        Some(n) => (
            2,
            format!(
                "{} recrute ({}) ; reconversion non précisée",
                n.establishment,
                count_with(u64::from(n.posts), "poste", "postes")
            ),
        ),
        None if open_needs_for_trade > 0 => (
            2,
            format!(
                "{} pour ce métier dans le rayon",
                count_with(
                    u64::from(open_needs_for_trade),
                    "besoin ouvert",
                    "besoins ouverts"
                )
            ),
        ),
        None => (
            0,
            "Aucun besoin de recrutement enregistré pour ce métier".into(),
        ),
    };
    ScorePart {
        component: Component::Employer,
        points,
        max: 5,
        reason,
    }
}

fn outlook_part(outlooks: &Outlooks, rome: &str) -> ScorePart {
    let (points, reason) = match outlooks.get(rome) {
        Some(true) => (5, "Métier en devenir sur le territoire".to_owned()),
        Some(false) => (0, "Métier en péril sur le territoire".to_owned()),
        None => (
            0,
            "Pas de qualification du métier sur le territoire".to_owned(),
        ),
    };
    ScorePart {
        component: Component::Outlook,
        points,
        max: 5,
        reason,
    }
}

/// What the person is matched against.
#[derive(Debug, Clone, Copy)]
pub struct Market<'a> {
    pub reference: &'a RomeReference,
    pub needs: &'a [NeedOffer],
    pub outlooks: &'a Outlooks,
}

/// Scores one target for a person: a trade alone (`need` None) or a need.
pub fn score(
    market: Market<'_>,
    person: &Person,
    rome: &str,
    need: Option<&NeedOffer>,
    open_needs_for_trade: u32,
) -> Result<Match, Box<Exclusion>> {
    let mut reasons = Vec::new();
    let trade = trade_part(market.reference, &person.current_rome, rome).map_err(|r| {
        reasons.push(r);
    });
    let distance = need.map(|n| distance_part(person, &n.commune));
    if let Some(Err(r)) = &distance {
        reasons.push(r.clone());
    }
    let (Ok(trade), true) = (trade, reasons.is_empty()) else {
        return Err(Box::new(Exclusion {
            rome: rome.to_owned(),
            rome_label: rome_label(rome),
            need: need.cloned(),
            reasons,
        }));
    };
    let (competences, missing) = coverage(market.reference, &person.skills, rome);
    let (distance, distance_km) = match distance {
        Some(Ok(d)) => d,
        _ => (
            ScorePart {
                component: Component::Distance,
                points: 0,
                max: 10,
                reason: "Sans lieu : un métier, pas un poste".into(),
            },
            None,
        ),
    };
    let parts = vec![
        trade,
        competences,
        certification_part(person, rome),
        distance,
        employer_part(need, open_needs_for_trade),
        outlook_part(market.outlooks, rome),
    ];
    Ok(Match {
        rome: rome.to_owned(),
        rome_label: rome_label(rome),
        need: need.cloned(),
        internal: need
            .is_some_and(|n| !person.employer_siret.is_empty() && n.siret == person.employer_siret),
        prepared_by: person
            .certification
            .as_ref()
            .filter(|c| c.romes.iter().any(|r| r == rome))
            .map(|c| c.code.clone()),
        score: parts.iter().map(|p| p.points).sum(),
        parts,
        missing,
        distance_km,
    })
}

/// Person → trades and open needs: every open need (within the radius, with a ROME link), and
/// the trades the ROME mobilities lead to; internal reconversions first, then by score.
pub fn for_person(market: Market<'_>, person: &Person, rome_version: &str) -> Matches {
    let mut results = Vec::new();
    let mut excluded = Vec::new();
    let mut unrelated_needs = 0;
    let mut open_by_trade: HashMap<&str, u32> = HashMap::new();
    for need in market.needs {
        if trade_part(market.reference, &person.current_rome, &need.rome).is_err() {
            unrelated_needs += 1;
            continue;
        }
        match score(market, person, &need.rome, Some(need), 0) {
            Ok(m) => {
                *open_by_trade.entry(need.rome.as_str()).or_default() += 1;
                results.push(m);
            }
            Err(e) => excluded.push(*e),
        }
    }
    let mut trades: BTreeSet<&str> = BTreeSet::new();
    if let Some(fiche) = market.reference.fiche(&person.current_rome) {
        trades.extend(fiche.mobilities.iter().map(|(t, _)| t.as_str()));
    }
    for rome in trades {
        let open = open_by_trade.get(rome).copied().unwrap_or(0);
        if let Ok(m) = score(market, person, rome, None, open) {
            results.push(m);
        }
    }
    results.sort_by(|a, b| {
        (b.internal, b.score, a.distance_km.is_none(), &a.rome).cmp(&(
            a.internal,
            a.score,
            b.distance_km.is_none(),
            &b.rome,
        ))
    });
    Matches {
        results,
        excluded,
        unrelated_needs,
        versions: Versions {
            rome: rome_version.to_owned(),
            offer: String::new(),
        },
    }
}

// What the screens and the command line receive (the IPC contract).

/// What the Rapprochements view of a case shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseMatches {
    pub matches: Matches,
    /// The person's commune was found in the reference (distances computed).
    pub located: bool,
    /// Its INSEE code, for the sessions around it.
    #[serde(default)]
    pub home: Option<String>,
    pub radius_km: u16,
}

/// One person for a need, pseudonymised: no name unless disclosed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Candidate {
    /// Stable for this need and case, meaningless elsewhere (« P-3F9A »).
    pub pseudonym: String,
    pub case_id: crate::case::CaseId,
    pub age_band: String,
    pub current_rome: String,
    pub current_label: String,
    pub fit: Match,
    /// The person agreed that their name be given to employers.
    pub consented: bool,
    /// Filled once disclosed (journaled).
    pub name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NeedCandidates {
    pub need: NeedOffer,
    pub candidates: Vec<Candidate>,
    /// People with a ROME link left out, and why (distance).
    pub excluded: Vec<(String, Vec<String>)>,
    pub versions: Versions,
}

/// A competence of a fiche as the Projet tab lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SkillRow {
    pub code: u32,
    pub label: String,
    pub kind: String,
    pub importance: Importance,
    /// Held, and from where (« métier actuel H2913 », « RNCP… obtenue », « déclarée »).
    pub held_from: Option<String>,
    /// The source of `held_from` (`None`: not held, or held through its macro-compétence).
    #[serde(default)]
    pub source: Option<SkillSource>,
    /// Marked « à renforcer » by the counsellor.
    pub to_strengthen: bool,
    pub eco: bool,
    pub digital: bool,
}

/// The person's skills against the target fiche (or the current one without a target).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseSkills {
    pub rome_version: String,
    pub current_rome: String,
    pub target_rome: String,
    /// Competences held, by source.
    pub from_current_trade: u32,
    pub from_certifications: Vec<(String, u32)>,
    pub declared: u32,
    /// The target fiche's competences (core first), held or not.
    pub target: Vec<SkillRow>,
}

/// What the counsellor picked: a trade or a need, and optionally a training session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Choice {
    pub case_id: crate::case::CaseId,
    pub rome: String,
    pub need_id: Option<i64>,
    pub session_id: Option<i64>,
}

/// The match a case's project was filled from, as the dossier shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChosenMatch {
    pub fit: Match,
    pub session: Option<String>,
    pub rome_version: String,
    pub offer_version: String,
    pub chosen_at: String,
    pub chosen_by: String,
}

/// An age band, not an age: what an employer may see before a name (the committee's
/// pseudonymised bands).
pub fn age_band(birth: chrono::NaiveDate, at: chrono::NaiveDate) -> String {
    crate::committee::disclosure::age_band_10(birth, at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rome::ReferenceFiles;
    use proptest::prelude::*;

    const COMPETENCES: &str = "code,kind,macro,eco,digital,label\r\n\
        1,F,9,,,Souder\r\n\
        2,S,,,,Lecture de plans et de schémas\r\n\
        3,F,,,,Régler les machines\r\n\
        4,F,,,,Diagnostiquer une panne\r\n\
        5,F,9,,,Assembler\r\n\
        6,S,,,,Électrotechnique\r\n\
        9,M,,,,Assembler des éléments\r\n";
    const FICHES: &str = "rome,core,emerging,other\r\n\
        H2913,1 2 3,,9\r\n\
        I1304,2 3 4 6,,\r\n\
        H2902,5 2,,\r\n\
        H2901,1,,\r\n\
        K2204,,,\r\n";
    const MOBILITIES: &str = "rome,targets\r\nH2913,H2902:2 I1304:5\r\n";

    fn reference() -> RomeReference {
        RomeReference::parse(ReferenceFiles {
            version: "4.60",
            competences: COMPETENCES,
            fiches: FICHES,
            mobilities: MOBILITIES,
        })
        .unwrap()
    }

    fn welder(r: &RomeReference) -> Person {
        let mut skills = Skills::default();
        skills.add_fiche(r, "H2913", SkillSource::CurrentTrade("H2913".into()));
        Person {
            current_rome: "H2913".into(),
            employer_siret: "11111111111111".into(),
            commune: Some("08105".into()), // Charleville-Mézières
            radius_km: Some(30),
            skills,
            certification: None,
        }
    }

    fn need(id: i64, siret: &str, commune: &str, rome: &str) -> NeedOffer {
        NeedOffer {
            need_id: id,
            siret: siret.into(),
            establishment: format!("Entreprise {id}"),
            commune: commune.into(),
            commune_name: String::new(),
            rome: rome.into(),
            appellation: String::new(),
            posts: 2,
            open_to_reconversion: true,
        }
    }

    fn part(m: &Match, c: Component) -> &ScorePart {
        m.parts.iter().find(|p| p.component == c).unwrap()
    }

    #[test]
    fn trade_proximity_same_mobility_domain_none() {
        let r = reference();
        assert_eq!(trade_part(&r, "H2913", "H2913").unwrap().points, 40);
        let mobility = trade_part(&r, "H2913", "H2902").unwrap();
        assert_eq!(mobility.points, 34);
        assert_eq!(mobility.reason, "Mobilité n°2 du ROME depuis H2913");
        assert_eq!(trade_part(&r, "H2913", "I1304").unwrap().points, 28);
        let domain = trade_part(&r, "H2913", "H2901").unwrap();
        assert_eq!(domain.points, 10);
        assert!(domain.reason.contains("H29"));
        let none = trade_part(&r, "H2913", "K2204").unwrap_err();
        assert!(none.contains("aucun lien ROME"), "{none}");
    }

    #[test]
    fn coverage_counts_core_competences_and_names_the_missing_ones() {
        let r = reference();
        let p = welder(&r);
        let (part, missing) = coverage(&r, &p.skills, "I1304");
        // Held: 2 (plans) and 3 (machines); missing: 4 and 6.
        assert_eq!(part.points, 15);
        assert!(
            part.reason
                .starts_with("2 compétences clés sur 4 ; manquent : "),
            "{}",
            part.reason
        );
        assert_eq!(missing, ["Diagnostiquer une panne", "Électrotechnique"]);
        // 5 is held through its macro-compétence 9, on the welder's fiche.
        let (part, missing) = coverage(&r, &p.skills, "H2902");
        assert_eq!((part.points, missing.len()), (30, 0));
    }

    #[test]
    fn certification_counts_acquired_blocs_when_it_prepares_the_trade() {
        let r = reference();
        let mut p = welder(&r);
        p.certification = Some(CertificationProgress {
            code: "RNCP36004".into(),
            title: "Technicien de maintenance".into(),
            romes: vec!["I1304".into()],
            blocs_total: 4,
            blocs_acquired: 2,
            remaining: vec!["Diagnostiquer".into(), "Améliorer".into()],
        });
        let c = certification_part(&p, "I1304");
        assert_eq!(c.points, 5);
        assert_eq!(
            c.reason,
            "RNCP36004 prépare ce métier : 2 blocs sur 4 acquis ; restent : Diagnostiquer, Améliorer"
        );
        assert_eq!(certification_part(&p, "H2902").points, 0);
    }

    #[test]
    fn distance_within_radius_scores_and_beyond_it_excludes() {
        let r = reference();
        let p = welder(&r);
        // Sedan, about 18 km away.
        let (d, km) = distance_part(&p, "08409").unwrap();
        assert!(km.unwrap() >= 15 && km.unwrap() <= 21);
        assert!(d.points >= 5 && d.points <= 7, "{d:?}");
        assert!(
            d.reason.ends_with("km à vol d’oiseau (rayon 30 km)"),
            "{}",
            d.reason
        );
        // At the door: 10.
        assert_eq!(distance_part(&p, "08105").unwrap().0.points, 10);
        // Metz: far beyond 30 km.
        let far = distance_part(&p, "57463").unwrap_err();
        assert!(far.contains("au-delà du rayon 30 km"), "{far}");
        // Unknown commune: no points, said.
        assert_eq!(distance_part(&p, "99999").unwrap().0.points, 0);
    }

    #[test]
    fn employer_and_outlook_parts() {
        let n = need(1, "2", "08105", "I1304");
        assert_eq!(employer_part(Some(&n), 0).points, 5);
        let closed = NeedOffer {
            open_to_reconversion: false,
            ..n
        };
        assert_eq!(employer_part(Some(&closed), 0).points, 2);
        assert_eq!(employer_part(None, 3).points, 2);
        assert_eq!(employer_part(None, 0).points, 0);
        let outlooks: Outlooks = [("I1304".to_owned(), true), ("H2913".to_owned(), false)].into();
        assert_eq!(outlook_part(&outlooks, "I1304").points, 5);
        assert_eq!(
            outlook_part(&outlooks, "H2913").reason,
            "Métier en péril sur le territoire"
        );
    }

    #[test]
    fn needs_are_ranked_internal_first_and_exclusions_say_why() {
        let r = reference();
        let p = welder(&r);
        let needs = vec![
            need(1, "22222222222222", "08409", "I1304"), // Sedan, mobility
            need(2, "11111111111111", "08105", "H2901"), // own employer, same domain only
            need(3, "33333333333333", "57463", "I1304"), // Metz: too far
            need(4, "44444444444444", "08105", "K2204"), // no ROME link
        ];
        let outlooks = Outlooks::new();
        let market = Market {
            reference: &r,
            needs: &needs,
            outlooks: &outlooks,
        };
        let m = for_person(market, &p, "4.60");
        let need_ids: Vec<i64> = m
            .results
            .iter()
            .filter_map(|x| x.need.as_ref().map(|n| n.need_id))
            .collect();
        assert_eq!(need_ids, [2, 1], "internal first, whatever the score");
        assert!(m.results[0].internal);
        assert_eq!(m.excluded.len(), 1);
        assert_eq!(
            m.unrelated_needs, 1,
            "the need with no ROME link is counted"
        );
        let reasons: Vec<&str> = m
            .excluded
            .iter()
            .flat_map(|e| e.reasons.iter().map(String::as_str))
            .collect();
        assert!(
            reasons.iter().any(|r| r.contains("au-delà du rayon")),
            "{reasons:?}"
        );
        // The mobilities appear as trades, and a trade with a need nearby says so.
        let trade = m
            .results
            .iter()
            .find(|x| x.need.is_none() && x.rome == "I1304")
            .unwrap();
        assert_eq!(part(trade, Component::Employer).points, 2);
        assert!(
            m.results
                .iter()
                .any(|x| x.need.is_none() && x.rome == "H2902")
        );
        assert_eq!(m.versions.rome, "4.60");
        for x in &m.results {
            assert_eq!(x.score, x.parts.iter().map(|p| p.points).sum::<u32>());
        }
    }

    #[test]
    fn rank_zero_from_a_bad_reference_does_not_overflow() {
        let r = RomeReference::parse(ReferenceFiles {
            version: "x",
            competences: COMPETENCES,
            fiches: FICHES,
            mobilities: "rome,targets\r\nH2913,H2902:0\r\n",
        })
        .unwrap();
        assert_eq!(trade_part(&r, "H2913", "H2902").unwrap().points, 36);
    }

    #[test]
    fn just_beyond_the_radius_says_so_with_a_decimal() {
        let r = reference();
        let mut p = welder(&r);
        // Charleville-Mézières – Sedan is between 17 and 18 km.
        let d = crate::place::distance_km("08105", "08409").unwrap();
        p.radius_km = Some(d.round() as u16);
        if d > d.round() {
            let e = distance_part(&p, "08409").unwrap_err();
            assert!(e.contains(','), "{e}");
        }
    }

    proptest! {
        #[test]
        fn parts_add_up_and_a_held_competence_never_lowers_the_score(
            held in proptest::collection::btree_set(1u32..=9, 0..7),
            extra in 1u32..=9,
            target in prop::sample::select(vec!["H2913", "I1304", "H2902", "H2901"]),
            commune in prop::sample::select(vec!["08105", "08409", "08003", "99999"]),
            radius in 5u16..100,
            with_need in any::<bool>(),
        ) {
            let r = reference();
            let mut p = welder(&r);
            p.skills = Skills::default();
            for code in &held {
                p.skills.add(*code, SkillSource::Declared);
            }
            p.radius_km = Some(radius);
            let outlooks = Outlooks::new();
            let market = Market { reference: &r, needs: &[], outlooks: &outlooks };
            let n = need(7, "5", commune, target);
            let need = with_need.then_some(&n);
            let before = score(market, &p, target, need, 1);
            p.skills.add(extra, SkillSource::Declared);
            let after = score(market, &p, target, need, 1);
            match (before, after) {
                (Ok(b), Ok(a)) => {
                    prop_assert_eq!(b.score, b.parts.iter().map(|x| x.points).sum::<u32>());
                    prop_assert_eq!(a.score, a.parts.iter().map(|x| x.points).sum::<u32>());
                    prop_assert!(a.score >= b.score);
                    for part in &a.parts {
                        prop_assert!(part.points <= part.max);
                    }
                }
                (Err(_), Err(_)) => {}
                (b, a) => prop_assert!(false, "held competences changed a filter: {b:?} → {a:?}"),
            }
        }
    }
}
