//! Matching over the stored data: a case against the open needs and the trades its ROME leads
//! to, a need against the people in reconversion, the person's skills as the Projet tab shows
//! them, and the counsellor's choice, which fills the case's project and is kept with the
//! reference versions it was computed with. The scoring itself is the domain's
//! (`passerelle_domain::matching`).

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use passerelle_domain::case::{CaseFile, CaseId, SkillLevel, employer_sharing_consented};
use passerelle_domain::certification::BlocStatus;
use passerelle_domain::matching::{
    self, Candidate, CaseMatches, CaseSkills, CertificationProgress, Choice, ChosenMatch, Market,
    Match, NeedCandidates, NeedOffer, Outlooks, Person, SkillRow, SkillSource, Skills,
};
use passerelle_domain::parcours::Modality;
use passerelle_domain::rome::RomeReference;
use passerelle_domain::training::{SessionRow, Teaching};
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};

use crate::error::StorageError;
use crate::tables::{case_file, catalogue};

fn case(conn: &Connection, id: CaseId) -> Result<CaseFile, StorageError> {
    let file = case_file::get(conn, id)?.ok_or_else(|| case_file::not_found(id))?;
    if file.purged_at.is_some() {
        return Err(case_file::not_found(id));
    }
    Ok(file)
}

/// The target certification's catalogue entry and the case's progress in it.
fn progress(
    conn: &Connection,
    file: &CaseFile,
) -> Result<Option<CertificationProgress>, StorageError> {
    let code = file.data.project.target_certification.trim();
    if code.is_empty() {
        return Ok(None);
    }
    let Some(c) = catalogue::get(conn, code)? else {
        return Ok(Some(CertificationProgress {
            code: code.to_owned(),
            title: String::new(),
            ..CertificationProgress::default()
        }));
    };
    let enrolments = crate::certification::enrolments::for_case(conn, file.id)?;
    let acquired: BTreeSet<String> = enrolments
        .iter()
        .filter(|e| e.certification_code == c.code)
        .flat_map(|e| e.blocs.iter())
        .filter(|b| b.status == BlocStatus::Acquis)
        .map(|b| b.code.clone())
        .collect();
    Ok(Some(CertificationProgress {
        code: c.code.clone(),
        title: c.title.clone(),
        romes: c.rome_codes.clone(),
        blocs_total: c.blocs.len() as u32,
        blocs_acquired: c
            .blocs
            .iter()
            .filter(|b| acquired.contains(&b.code))
            .count() as u32,
        remaining: c
            .blocs
            .iter()
            .filter(|b| !acquired.contains(&b.code))
            .map(|b| b.title.clone())
            .collect(),
    }))
}

/// The person as matching sees them: current trade's fiche, certifications obtained (their
/// ROME links), competences the counsellor recorded as held.
fn person(
    conn: &Connection,
    reference: &RomeReference,
    file: &CaseFile,
) -> Result<Person, StorageError> {
    let d = &file.data;
    let mut skills = Skills::default();
    let current = d.situation.job_rome.trim();
    if !current.is_empty() {
        skills.add_fiche(
            reference,
            current,
            SkillSource::CurrentTrade(current.to_owned()),
        );
    }
    for e in crate::certification::enrolments::for_case(conn, file.id)? {
        // A certification counts once obtained (every bloc acquired, or certified): a bloc alone
        // does not say which of the fiche's competences it covers, so partial blocs count in the
        // score's certification part instead.
        let complete =
            !e.blocs.is_empty() && e.blocs.iter().all(|b| b.status == BlocStatus::Acquis);
        if e.certificate.is_none() && !complete {
            continue;
        }
        if let Some(c) = catalogue::get(conn, &e.certification_code)? {
            for rome in &c.rome_codes {
                skills.add_fiche(reference, rome, SkillSource::Certification(c.code.clone()));
            }
        }
    }
    for s in &d.project.skills {
        if s.level == SkillLevel::Held {
            skills.add(s.code, SkillSource::Declared);
        }
    }
    let b = &d.beneficiary;
    Ok(Person {
        current_rome: current.to_owned(),
        employer_siret: d.situation.employer.siret.trim().to_owned(),
        commune: passerelle_domain::place::insee_of(&b.postal_code, &b.commune).map(str::to_owned),
        radius_km: d.project.mobility_radius_km,
        skills,
        certification: progress(conn, file)?,
    })
}

/// The decided outlooks of a territory's trades (the latest label of each).
fn outlooks(conn: &Connection, territory: &str) -> Result<Outlooks, StorageError> {
    let mut statement = conn.prepare_cached(
        "SELECT rome, outlook FROM trade_label l
         WHERE territory = ?1 AND id = (SELECT max(id) FROM trade_label
                                         WHERE territory = l.territory AND rome = l.rome)",
    )?;
    let rows = statement.query_map([territory], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    let mut out = Outlooks::new();
    for row in rows {
        let (rome, outlook) = row?;
        match outlook.as_str() {
            "devenir" => {
                out.insert(rome, true);
            }
            "peril" => {
                out.insert(rome, false);
            }
            _ => {}
        }
    }
    Ok(out)
}

const OPEN_NEEDS: &str = "SELECT n.id, n.siret, e.name, e.commune, n.rome, n.appellation, n.posts,
        n.reconversion_open
     FROM hiring_need n JOIN establishment e ON e.siret = n.siret
     WHERE n.status = 'ouvert'";

fn need_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<NeedOffer> {
    let commune: String = r.get(3)?;
    Ok(NeedOffer {
        need_id: r.get(0)?,
        siret: r.get(1)?,
        establishment: r.get(2)?,
        commune_name: passerelle_domain::place::of_commune(&commune)
            .map(|p| p.name.to_owned())
            .unwrap_or_default(),
        commune,
        rome: r.get(4)?,
        appellation: r.get(5)?,
        posts: r.get(6)?,
        open_to_reconversion: r.get(7)?,
    })
}

/// Every open need, with its establishment's place.
fn open_needs(conn: &Connection) -> Result<Vec<NeedOffer>, StorageError> {
    let mut statement = conn.prepare_cached(OPEN_NEEDS)?;
    let rows = statement.query_map([], need_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A case against every open need and the trades its ROME mobilities lead to.
pub fn for_case(conn: &Connection, id: CaseId) -> Result<CaseMatches, StorageError> {
    let file = case(conn, id)?;
    let (reference, _) = crate::rome::active(conn)?;
    let person = person(conn, &reference, &file)?;
    let needs = open_needs(conn)?;
    let outlooks = outlooks(conn, &file.data.beneficiary.territory)?;
    let market = Market {
        reference: &reference,
        needs: &needs,
        outlooks: &outlooks,
    };
    let mut matches = matching::for_person(market, &person, &reference.version);
    matches.versions.offer = crate::training::offer_version(conn)?;
    Ok(CaseMatches {
        matches,
        located: person.commune.is_some(),
        home: person.commune.clone(),
        radius_km: person.radius_km.unwrap_or(matching::DEFAULT_RADIUS_KM),
    })
}

/// Eight hex digits: two of a need's few hundred candidates sharing one is unlikely (the sort
/// breaks ties by case anyway).
fn pseudonym(need_id: i64, case_id: CaseId) -> String {
    let digest = crate::journal::sha256_hex(&[&need_id.to_string(), &case_id.0.to_string()]);
    format!("P-{}", digest[..8].to_uppercase())
}

fn need_offer(conn: &Connection, need_id: i64) -> Result<NeedOffer, StorageError> {
    let mut statement = conn.prepare_cached(&format!("{OPEN_NEEDS} AND n.id = ?1"))?;
    let mut rows = statement.query_map([need_id], need_row)?;
    rows.next().transpose()?.ok_or(StorageError::NotFound {
        entity: "Besoin de recrutement ouvert",
        id: need_id.to_string(),
    })
}

/// The people in reconversion who fit a need: active case files whose current trade has a ROME
/// link to the need's (same, mobility, same domain), best first. Found through the indexed
/// current trade; those beyond their radius are excluded before their file is read whole.
pub fn for_need(
    conn: &Connection,
    need_id: i64,
    today: NaiveDate,
) -> Result<NeedCandidates, StorageError> {
    let need = need_offer(conn, need_id)?;
    let (reference, _) = crate::rome::active(conn)?;
    let family = passerelle_domain::rome::family_of(&need.rome);
    let linked: Vec<&str> = reference
        .romes()
        .filter(|rome| {
            *rome == need.rome
                || reference.mobility_rank(rome, &need.rome).is_some()
                || passerelle_domain::rome::family_of(rome) == family
        })
        .collect();
    let disclosed: BTreeSet<i64> = {
        let mut s = conn.prepare_cached("SELECT case_id FROM disclosure WHERE need_id = ?1")?;
        s.query_map([need_id], |r| r.get(0))?
            .collect::<Result<_, _>>()?
    };
    let mut statement = conn.prepare_cached(
        "SELECT id, job_rome, data ->> '$.beneficiary.postalCode',
                data ->> '$.beneficiary.commune', data ->> '$.project.mobilityRadiusKm',
                data ->> '$.beneficiary.territory'
         FROM case_file
         WHERE archived_at IS NULL AND purged_at IS NULL
           AND job_rome IN (SELECT value FROM json_each(?1))",
    )?;
    let linked_json =
        serde_json::to_string(&linked).map_err(|e| StorageError::Internal(e.to_string()))?;
    type Found = (
        i64,
        String,
        Option<String>,
        Option<String>,
        Option<u16>,
        Option<String>,
    );
    let found: Vec<Found> = statement
        .query_map([linked_json], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?
        .collect::<Result<_, _>>()?;
    let no_outlooks = Outlooks::new();
    let mut outlooks_of: HashMap<String, Outlooks> = HashMap::new();
    let needs = [need.clone()];
    let mut candidates = Vec::new();
    let mut excluded = Vec::new();
    for (id, rome, postal_code, commune, radius, territory) in found {
        let id = CaseId(id);
        let pseudonym = pseudonym(need_id, id);
        // Beyond the radius: excluded on the place alone, the file not read.
        let placed = Person {
            current_rome: rome.clone(),
            commune: passerelle_domain::place::insee_of(
                postal_code.as_deref().unwrap_or_default(),
                commune.as_deref().unwrap_or_default(),
            )
            .map(str::to_owned),
            radius_km: radius,
            ..Person::default()
        };
        let market = Market {
            reference: &reference,
            needs: &needs,
            outlooks: &no_outlooks,
        };
        if let Err(e) = matching::score(market, &placed, &need.rome, Some(&need), 0) {
            excluded.push((pseudonym, e.reasons));
            continue;
        }
        let territory = territory.unwrap_or_default();
        if !outlooks_of.contains_key(&territory) {
            outlooks_of.insert(territory.clone(), outlooks(conn, &territory)?);
        }
        let market = Market {
            outlooks: &outlooks_of[&territory],
            ..market
        };
        let file = case(conn, id)?;
        let p = person(conn, &reference, &file)?;
        match matching::score(market, &p, &need.rome, Some(&need), 0) {
            Ok(fit) => {
                let b = &file.data.beneficiary;
                let consented = employer_sharing_consented(&b.consents);
                candidates.push(Candidate {
                    pseudonym,
                    case_id: id,
                    age_band: b.birth_date.map_or_else(
                        || "âge non renseigné".to_owned(),
                        |birth| matching::age_band(birth, today),
                    ),
                    current_label: passerelle_domain::validate::rome_label(&rome)
                        .unwrap_or_default()
                        .to_owned(),
                    current_rome: rome,
                    fit,
                    consented,
                    // A name given earlier is not shown again once consent is withdrawn.
                    name: (consented && disclosed.contains(&id.0)).then(|| display_name(&file)),
                });
            }
            Err(e) => excluded.push((pseudonym, e.reasons)),
        }
    }
    candidates.sort_by(|a, b| {
        b.fit
            .score
            .cmp(&a.fit.score)
            .then(a.pseudonym.cmp(&b.pseudonym))
    });
    Ok(NeedCandidates {
        need,
        candidates,
        excluded,
        versions: matching::Versions {
            rome: reference.version.clone(),
            offer: crate::training::offer_version(conn)?,
        },
    })
}

fn display_name(file: &CaseFile) -> String {
    let b = &file.data.beneficiary;
    let surname = if b.usage_name.trim().is_empty() {
        &b.birth_name
    } else {
        &b.usage_name
    };
    format!("{} {}", b.first_names.trim(), surname.trim())
}

/// Gives a person's name for a need: refused without their consent; journaled.
pub fn disclose(
    conn: &mut Connection,
    actor: &str,
    need_id: i64,
    case_id: CaseId,
    at: DateTime<Utc>,
) -> Result<String, StorageError> {
    let file = case(conn, case_id)?;
    if !employer_sharing_consented(&file.data.beneficiary.consents) {
        return Err(StorageError::Invalid(vec![
            passerelle_domain::error::FieldError::new(
                "consent",
                format!(
                    "Nom non communicable : la personne n’a pas donné son accord « {} » ; recueillez-le dans l’onglet Personne, puis réessayez.",
                    passerelle_domain::case::EMPLOYER_SHARING_PURPOSE
                ),
            ),
        ]));
    }
    // Only for a person the need's list offers (active, linked trade, within the radius).
    let listed = for_need(conn, need_id, at.date_naive())?
        .candidates
        .iter()
        .any(|c| c.case_id == case_id);
    if !listed {
        return Err(StorageError::Invalid(vec![
            passerelle_domain::error::FieldError::new(
                "caseId",
                "Nom non communicable : cette personne ne figure pas parmi celles qui correspondent à ce besoin.",
            ),
        ]));
    }
    let tx = conn.transaction()?;
    crate::tables::disclosure::insert(&tx, actor, case_id, need_id, at)?;
    tx.commit()?;
    Ok(display_name(&file))
}

fn source_label(s: &SkillSource) -> String {
    match s {
        SkillSource::CurrentTrade(r) => format!("métier actuel {r}"),
        SkillSource::Certification(c) => format!("{c} obtenue"),
        SkillSource::Declared => "déclarée".to_owned(),
    }
}

pub fn skills(conn: &Connection, id: CaseId) -> Result<CaseSkills, StorageError> {
    let file = case(conn, id)?;
    let (reference, _) = crate::rome::active(conn)?;
    let p = person(conn, &reference, &file)?;
    let mut from_certifications: HashMap<String, u32> = HashMap::new();
    let (mut from_current_trade, mut declared) = (0, 0);
    for source in p.skills.held.values() {
        match source {
            SkillSource::CurrentTrade(_) => from_current_trade += 1,
            SkillSource::Certification(c) => {
                *from_certifications.entry(c.clone()).or_default() += 1;
            }
            SkillSource::Declared => declared += 1,
        }
    }
    let target_rome = match file.data.project.target_rome.trim() {
        "" => p.current_rome.clone(),
        t => t.to_owned(),
    };
    let strengthen: BTreeSet<u32> = file
        .data
        .project
        .skills
        .iter()
        .filter(|s| s.level == SkillLevel::ToStrengthen)
        .map(|s| s.code)
        .collect();
    let mut target = Vec::new();
    if let Some(fiche) = reference.fiche(&target_rome) {
        for (code, importance) in fiche.competences() {
            let Some(c) = reference.competence(code) else {
                continue;
            };
            let held_from = p.skills.held.get(&code).map(source_label).or_else(|| {
                p.skills
                    .holds(&reference, code)
                    .then(|| "par sa macro-compétence".to_owned())
            });
            target.push(SkillRow {
                code,
                label: c.label.clone(),
                kind: c.kind.label().to_owned(),
                importance,
                held_from,
                source: p.skills.held.get(&code).cloned(),
                to_strengthen: strengthen.contains(&code),
                eco: c.eco,
                digital: c.digital,
            });
        }
    }
    let mut from_certifications: Vec<(String, u32)> = from_certifications.into_iter().collect();
    from_certifications.sort();
    Ok(CaseSkills {
        rome_version: reference.version.clone(),
        current_rome: p.current_rome,
        target_rome,
        from_current_trade,
        from_certifications,
        declared,
        target,
    })
}

fn modality(t: Option<Teaching>, afest: bool) -> Option<Modality> {
    if afest {
        return Some(Modality::Afest);
    }
    t.map(|t| match t {
        Teaching::Presentiel => Modality::Presentiel,
        Teaching::Mixte => Modality::Mixte,
        Teaching::Distance => Modality::Distanciel,
    })
}

fn session_label(s: &SessionRow) -> String {
    let dates = match (s.start, s.end) {
        (Some(a), Some(b)) => format!(
            ", du {} au {}",
            passerelle_domain::i18n::format_date(a),
            passerelle_domain::i18n::format_date(b)
        ),
        (Some(a), None) => format!(", à partir du {}", passerelle_domain::i18n::format_date(a)),
        _ => String::new(),
    };
    let place = if s.place.is_empty() {
        String::new()
    } else {
        format!(" à {}", s.place)
    };
    format!("{} — {}{place}{dates}", s.formation_title, s.provider.name)
}

/// Fills the case's project from a match (target trade, certification, training session) and
/// keeps the match with its versions; one transaction, journaled through the case update.
pub fn choose(
    conn: &mut Connection,
    actor: &str,
    choice: &Choice,
    at: DateTime<Utc>,
) -> Result<CaseFile, StorageError> {
    // Read and written in one transaction: a save in between cannot be overwritten.
    let tx = conn.transaction()?;
    let file = case(&tx, choice.case_id)?;
    let refused = |message: String| {
        StorageError::Invalid(vec![passerelle_domain::error::FieldError::new(
            "rome", message,
        )])
    };
    // The match as the Rapprochements view showed it (the same scoring, the same needs).
    let shown = for_case(&tx, choice.case_id)?;
    let same = |need: Option<&NeedOffer>| need.map(|n| n.need_id) == choice.need_id;
    let fit = match shown
        .matches
        .results
        .into_iter()
        .find(|m| m.rome == choice.rome && same(m.need.as_ref()))
    {
        Some(fit) => fit,
        None => {
            let why = shown
                .matches
                .excluded
                .iter()
                .find(|e| e.rome == choice.rome && same(e.need.as_ref()))
                .map(|e| e.reasons.join(" ; "));
            return Err(refused(match why {
                Some(why) => format!("Rapprochement exclu : {why}"),
                None => format!(
                    "{} n’est ni un besoin ouvert pour ce métier ni un métier auquel mène le métier actuel : choisissez un rapprochement de la liste.",
                    choice
                        .need_id
                        .map_or_else(|| choice.rome.clone(), |n| format!("Le besoin n° {n}"))
                ),
            }));
        }
    };
    let (reference, _) = crate::rome::active(&tx)?;
    let session = choice
        .session_id
        .map(|id| crate::training::session(&tx, id))
        .transpose()?;
    let mut data = file.data;
    data.project.target_rome = choice.rome.clone();
    if let Some(s) = &session {
        let t = &mut data.parcours.training;
        t.title = s.formation_title.clone();
        t.provider = s.provider.name.clone();
        t.start = s.start;
        t.end = s.end;
        t.hours = s.hours_total.or(match (s.hours_centre, s.hours_company) {
            (None, None) => None,
            (a, b) => Some(a.unwrap_or(0) + b.unwrap_or(0)),
        });
        t.modality = modality(s.teaching, s.afest);
        t.cost_cents = s.price_cents;
        // The case's target stays when the session prepares it; else the session's own.
        let target = data.project.target_certification.trim().to_owned();
        if !s.certifications.contains(&target)
            && let Some(c) = s.certifications.first()
        {
            data.project.target_certification = c.clone();
        }
    }
    if let Some(n) = fit.need.as_ref() {
        let line = format!(
            "{} recrute en {} ({} poste{}) à {}",
            n.establishment,
            choice.rome,
            n.posts,
            if n.posts > 1 { "s" } else { "" },
            if n.commune_name.is_empty() {
                &n.commune
            } else {
                &n.commune_name
            }
        );
        if !data.project.employment_prospects.contains(&line) {
            if !data.project.employment_prospects.is_empty() {
                data.project.employment_prospects.push('\n');
            }
            data.project.employment_prospects.push_str(&line);
        }
    }
    let detail = serde_json::to_string(&ChosenDetail {
        fit: fit.clone(),
        session: session.as_ref().map(session_label),
    })
    .map_err(|e| StorageError::Internal(e.to_string()))?;
    let offer_version = crate::training::offer_version(&tx)?;
    let (updated, _) = crate::cases::update_in(&tx, actor, choice.case_id, &data, at)?;
    tx.execute(
        "INSERT INTO match_choice (case_id, rome, need_id, session_id, score, detail,
             rome_version, offer_version, chosen_at, chosen_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            choice.case_id.0,
            choice.rome,
            choice.need_id,
            choice.session_id,
            fit.score,
            detail,
            reference.version,
            offer_version,
            crate::journal::stamp(at),
            actor
        ],
    )?;
    tx.commit()?;
    Ok(updated)
}

#[derive(Serialize, Deserialize)]
struct ChosenDetail {
    fit: Match,
    session: Option<String>,
}

/// The latest match chosen for a case, if any.
pub fn chosen(conn: &Connection, id: CaseId) -> Result<Option<ChosenMatch>, StorageError> {
    use rusqlite::OptionalExtension;
    let row = conn
        .query_row(
            "SELECT detail, rome_version, offer_version, chosen_at, chosen_by FROM match_choice
             WHERE case_id = ?1 ORDER BY id DESC LIMIT 1",
            [id.0],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                ))
            },
        )
        .optional()?;
    let Some((detail, rome_version, offer_version, chosen_at, chosen_by)) = row else {
        return Ok(None);
    };
    let detail: ChosenDetail =
        serde_json::from_str(&detail).map_err(|e| StorageError::Json(e.to_string()))?;
    Ok(Some(ChosenMatch {
        fit: detail.fit,
        session: detail.session,
        rome_version,
        offer_version,
        chosen_at,
        chosen_by,
    }))
}
