//! Integration: matching over a real database — the training offer saved, re-imported and
//! searched; a welder of the Ardennes matched with needs nearby (internal first, the far one
//! excluded with its reason); a need's people pseudonymised, names disclosed only with consent
//! and journaled; the choice filling the case's project with the versions it used.

use crate::common::{at, case, temp_db};
use chrono::NaiveDate;
use passerelle_domain::case::{
    CaseId, Consent, DeclaredSkill, EMPLOYER_SHARING_PURPOSE, SkillLevel,
};
use passerelle_domain::establishment::EstablishmentInput;
use passerelle_domain::matching::{Choice, Component};
use passerelle_domain::need::{Contract, HiringNeed, NeedSource, NeedStatus};
use passerelle_domain::training::{
    Action, Formation, Origin, Provider, Recruitment, Session, SessionQuery, Teaching,
};
use passerelle_storage::{
    Connection, StorageError, cases, establishments, matching, needs, training,
};

const FORGE: &str = "73282932000074"; // the welder's employer, Charleville-Mézières
const BOILERS: &str = "35600000000048"; // recruits in Sedan
const METZ: &str = "44200000000012"; // recruits in Metz, too far

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn today() -> NaiveDate {
    d(2026, 11, 30)
}

fn establishment(siret: &str, name: &str, commune: &str) -> EstablishmentInput {
    EstablishmentInput {
        create: true,
        siret: siret.into(),
        name: name.into(),
        naf: "25.50A".into(),
        headcount_band: "22".into(),
        commune: commune.into(),
        idcc: String::new(),
        opco: String::new(),
        notes: String::new(),
        contacts: Vec::new(),
    }
}

fn need(siret: &str, rome: &str) -> HiringNeed {
    HiringNeed {
        id: 0,
        siret: siret.into(),
        rome: rome.into(),
        appellation: String::new(),
        posts: 2,
        contract: Contract::Cdi,
        wished_start: Some(d(2027, 3, 1)),
        reconversion_open: true,
        afest: false,
        status: NeedStatus::Ouvert,
        source: NeedSource::Recensement,
        campaign: String::new(),
        notes: String::new(),
        recorded_on: None,
    }
}

fn formation(key: &str, title: &str, rome: &str, commune: &str, place: &str) -> Formation {
    Formation {
        origin: Origin::Lheo,
        key: key.into(),
        title: title.into(),
        objective: String::new(),
        romes: vec![rome.into()],
        formacodes: vec![],
        certifications: vec!["RNCP36004".into()],
        blocs: vec![],
        actions: vec![Action {
            key: format!("{key}-A1"),
            teaching: Some(Teaching::Presentiel),
            afest: false,
            chantier_ecole: false,
            hours_centre: Some(400),
            hours_company: Some(140),
            hours_total: Some(540),
            price_cents: Some(720_000),
            commune: commune.into(),
            place: place.into(),
            provider: Provider {
                siret: "81000000000010".into(),
                name: "Centre de formation des Ardennes".into(),
            },
            sessions: vec![
                Session {
                    key: "S1".into(),
                    start: Some(d(2027, 1, 11)),
                    end: Some(d(2027, 6, 25)),
                    recruitment: Some(Recruitment::Open),
                },
                Session {
                    key: "S2".into(),
                    start: Some(d(2027, 9, 6)),
                    end: Some(d(2028, 2, 18)),
                    recruitment: Some(Recruitment::Closed),
                },
            ],
        }],
    }
}

/// A welder (H2913) living in Charleville-Mézières, employed by the forge.
fn welder(conn: &mut Connection, consent: bool) -> CaseId {
    let mut data = case("Lambert", "Hugo", "nord-est-ardennes");
    data.beneficiary.postal_code = "08000".into();
    data.beneficiary.commune = "Charleville-Mézières".into();
    data.beneficiary.birth_date = Some(d(1979, 4, 2));
    if consent {
        data.beneficiary.consents.push(Consent {
            purpose: EMPLOYER_SHARING_PURPOSE.into(),
            given_on: Some(d(2026, 10, 1)),
            withdrawn_on: None,
        });
    }
    data.situation.employer.siret = FORGE.into();
    data.situation.job_rome = "H2913".into();
    data.project.mobility_radius_km = Some(40);
    cases::create(conn, "test", &data, at(5)).unwrap().id
}

fn seeded() -> (tempfile::TempDir, Connection, Vec<i64>) {
    let (dir, mut conn) = temp_db();
    for (siret, name, commune) in [
        (FORGE, "Forges de Meuse", "08105"),
        (BOILERS, "Chaudronnerie sedanaise", "08409"),
        (METZ, "Maintenance messine", "57463"),
    ] {
        establishments::save_manual(
            &mut conn,
            &establishment(siret, name, commune),
            today(),
            at(2),
        )
        .unwrap();
    }
    let ids = [(BOILERS, "H2902"), (FORGE, "H2916"), (METZ, "H2902")]
        .into_iter()
        .map(|(siret, rome)| {
            needs::save(&mut conn, need(siret, rome), today(), at(3))
                .unwrap()
                .id
        })
        .collect();
    (dir, conn, ids)
}

#[test]
fn the_offer_is_saved_replaced_on_reimport_and_searched() {
    let (_dir, mut conn) = temp_db();
    let offer = vec![
        formation(
            "F1",
            "Technicien de maintenance industrielle",
            "I1304",
            "08409",
            "Sedan",
        ),
        formation("F2", "Maintenance des systèmes", "I1304", "57463", "Metz"),
    ];
    let s = training::save(&mut conn, &offer, "offre.xml", at(4)).unwrap();
    assert_eq!(
        (s.formations, s.actions, s.sessions, s.replaced),
        (2, 2, 4, 0)
    );
    let again = training::save(&mut conn, &offer[..1], "offre.xml", at(5)).unwrap();
    assert_eq!(
        again.replaced, 1,
        "the same formation replaces the earlier one"
    );

    let mut q = SessionQuery {
        rome: Some("I1304".into()),
        ..SessionQuery::default()
    };
    // Open recruitment only by default: one session of each formation.
    assert_eq!(training::search(&conn, &q).unwrap().len(), 2);
    q.include_closed = true;
    assert_eq!(training::search(&conn, &q).unwrap().len(), 4);
    // Around Charleville-Mézières within 30 km: Sedan only, nearest first, with its reasons.
    q.near = Some("08105".into());
    q.radius_km = Some(30);
    let near = training::search(&conn, &q).unwrap();
    assert_eq!(near.len(), 2);
    assert!(near.iter().all(|s| s.place == "Sedan"));
    assert!(
        near[0]
            .reasons
            .iter()
            .any(|r| r.ends_with("km à vol d’oiseau")),
        "{:?}",
        near[0].reasons
    );
    // Each session says its EPCI (the window's map groups by it without the commune table).
    assert!(
        near.iter()
            .all(|s| s.epci == "200041630" && s.epci_name.starts_with("CA Ardenne")),
        "{:?}",
        near.iter()
            .map(|s| (&s.epci, &s.epci_name))
            .collect::<Vec<_>>()
    );
    // A commune the reference does not know is refused on its field, not searched around.
    q.near = Some("08999".into());
    match training::search(&conn, &q) {
        Err(StorageError::Invalid(errors)) => {
            assert_eq!(errors[0].field, "near");
            assert!(
                errors[0].message.contains("« 08999 »"),
                "{}",
                errors[0].message
            );
        }
        other => panic!("{other:?}"),
    }
    // By certification, and a filter that leaves nothing.
    let by_cert = SessionQuery {
        certification: Some("RNCP36004".into()),
        max_hours: Some(100),
        ..SessionQuery::default()
    };
    assert!(training::search(&conn, &by_cert).unwrap().is_empty());
    // Words of the title, accents and case aside; a typed « % » is not a wildcard.
    let by_words = |text: &str| {
        training::search(
            &conn,
            &SessionQuery {
                text: text.into(),
                include_closed: true,
                ..SessionQuery::default()
            },
        )
        .unwrap()
        .len()
    };
    assert_eq!(by_words("TECHNICIEN maintenance"), 2);
    assert_eq!(by_words("systemes"), 2, "« systèmes », accents aside");
    assert_eq!(by_words("%"), 0);
    assert!(!training::offer_version(&conn).unwrap().is_empty());
}

#[test]
fn a_welder_is_matched_internal_first_and_the_far_need_is_excluded_with_its_reason() {
    let (_dir, mut conn, ids) = seeded();
    let id = welder(&mut conn, false);
    let found = matching::for_case(&conn, id).unwrap();
    assert!(found.located);
    assert_eq!(found.radius_km, 40);
    let needs: Vec<i64> = found
        .matches
        .results
        .iter()
        .filter_map(|m| m.need.as_ref().map(|n| n.need_id))
        .collect();
    assert_eq!(
        needs,
        [ids[1], ids[0]],
        "the forge's own need first, then Sedan"
    );
    assert!(found.matches.results[0].internal);
    let sedan = &found.matches.results[1];
    let trade = sedan
        .parts
        .iter()
        .find(|p| p.component == Component::Trade)
        .unwrap();
    assert!(trade.reason.starts_with("Mobilité n°"), "{}", trade.reason);
    assert!(!sedan.missing.is_empty());
    let excluded = &found.matches.excluded;
    assert_eq!(excluded.len(), 1);
    assert_eq!(excluded[0].need.as_ref().unwrap().need_id, ids[2]);
    assert!(
        excluded[0].reasons[0].contains("au-delà du rayon 40 km"),
        "{:?}",
        excluded[0].reasons
    );
    assert_eq!(found.matches.versions.rome, "4.60");
}

#[test]
fn declared_competences_raise_the_coverage() {
    let (_dir, mut conn, _) = seeded();
    let id = welder(&mut conn, false);
    let before = matching::skills(&conn, id).unwrap();
    assert_eq!(before.target_rome, "H2913", "no target: the current fiche");
    assert!(before.from_current_trade > 20);
    let mut file = cases::get(&conn, id).unwrap().unwrap();
    file.data.project.target_rome = "H2902".into();
    let skills = matching::skills(&conn, id).unwrap();
    let _ = skills;
    let target = {
        cases::update(&mut conn, "test", id, &file.data, at(6)).unwrap();
        matching::skills(&conn, id).unwrap()
    };
    assert_eq!(target.target_rome, "H2902");
    let missing: Vec<u32> = target
        .target
        .iter()
        .filter(|s| s.held_from.is_none())
        .map(|s| s.code)
        .collect();
    assert!(!missing.is_empty());
    let score_of = |conn: &Connection| {
        matching::for_case(conn, id)
            .unwrap()
            .matches
            .results
            .iter()
            .find(|m| m.rome == "H2902" && m.need.is_some())
            .unwrap()
            .score
    };
    let before = score_of(&conn);
    file.data.project.skills = missing
        .iter()
        .map(|&code| DeclaredSkill {
            code,
            level: SkillLevel::Held,
        })
        .collect();
    cases::update(&mut conn, "test", id, &file.data, at(7)).unwrap();
    let after = matching::skills(&conn, id).unwrap();
    assert!(after.target.iter().all(|s| s.held_from.is_some()));
    assert_eq!(after.declared as usize, missing.len());
    assert!(score_of(&conn) > before);
}

#[test]
fn a_need_lists_people_pseudonymised_and_names_need_consent() {
    let (_dir, mut conn, ids) = seeded();
    let without = welder(&mut conn, false);
    let with = welder(&mut conn, true);
    let found = matching::for_need(&conn, ids[0], today()).unwrap();
    assert_eq!(found.candidates.len(), 2);
    for c in &found.candidates {
        assert!(c.pseudonym.starts_with("P-") && c.name.is_none());
        assert_eq!(c.age_band, "40 à 49 ans");
    }
    let refused = matching::disclose(&mut conn, "Camille", ids[0], without, at(8));
    assert!(matches!(refused, Err(StorageError::Invalid(_))));
    let name = matching::disclose(&mut conn, "Camille", ids[0], with, at(8)).unwrap();
    assert_eq!(name, "Hugo Lambert");
    let found = matching::for_need(&conn, ids[0], today()).unwrap();
    let named: Vec<_> = found
        .candidates
        .iter()
        .filter_map(|c| c.name.clone())
        .collect();
    assert_eq!(named, ["Hugo Lambert"]);
    // The disclosure is in the authenticated journal, and the chain still verifies.
    let entries: i64 = conn
        .query_row(
            "SELECT count(*) FROM journal WHERE entity = 'disclosure'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(entries, 1);
    assert!(
        passerelle_storage::integrity::verify(&conn)
            .unwrap()
            .is_ok()
    );
    // And in the person's access export, as a transmission.
    let record = passerelle_storage::access::gather(&conn, with, _dir.path(), today())
        .unwrap()
        .record;
    let given: Vec<&str> = record
        .exports
        .iter()
        .filter(|e| e.kind == "nom")
        .map(|e| e.recipients.as_str())
        .collect();
    assert_eq!(given.len(), 1);
    assert!(
        given[0].starts_with("Chaudronnerie sedanaise (besoin de recrutement n° "),
        "{given:?}"
    );

    // Consent withdrawn: the name given earlier is not shown again, nor can it be asked.
    let mut file = cases::get(&conn, with).unwrap().unwrap();
    file.data.beneficiary.consents[0].withdrawn_on = Some(d(2026, 11, 20));
    cases::update(&mut conn, "test", with, &file.data, at(9)).unwrap();
    let found = matching::for_need(&conn, ids[0], today()).unwrap();
    assert!(found.candidates.iter().all(|c| c.name.is_none()));
    assert!(matching::disclose(&mut conn, "Camille", ids[0], with, at(10)).is_err());
}

#[test]
fn another_consent_about_the_employer_or_a_person_not_listed_gives_no_name() {
    let (_dir, mut conn, ids) = seeded();
    let informed = welder(&mut conn, false);
    let mut file = cases::get(&conn, informed).unwrap().unwrap();
    file.data.beneficiary.consents.push(Consent {
        purpose: "Information de l’employeur sur le projet".into(),
        given_on: Some(d(2026, 10, 1)),
        withdrawn_on: None,
    });
    cases::update(&mut conn, "test", informed, &file.data, at(6)).unwrap();
    assert!(matching::disclose(&mut conn, "Camille", ids[0], informed, at(8)).is_err());

    // Consented, but a cook in Metz is not among the people the Sedan need lists.
    let mut cook = case("Weber", "Anne", "metz");
    cook.beneficiary.postal_code = "57000".into();
    cook.beneficiary.commune = "Metz".into();
    cook.beneficiary.consents.push(Consent {
        purpose: EMPLOYER_SHARING_PURPOSE.into(),
        given_on: Some(d(2026, 10, 1)),
        withdrawn_on: None,
    });
    cook.situation.job_rome = "G1602".into();
    let cook = cases::create(&mut conn, "test", &cook, at(5)).unwrap().id;
    let refused = matching::disclose(&mut conn, "Camille", ids[0], cook, at(8));
    assert!(
        matches!(refused, Err(StorageError::Invalid(_))),
        "{refused:?}"
    );
    let entries: i64 = conn
        .query_row(
            "SELECT count(*) FROM journal WHERE entity = 'disclosure'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(entries, 0);
}

#[test]
fn choosing_a_match_fills_the_project_and_keeps_the_versions() {
    let (_dir, mut conn, ids) = seeded();
    training::save(
        &mut conn,
        &[formation(
            "F1",
            "Technicien de maintenance industrielle",
            "H2902",
            "08409",
            "Sedan",
        )],
        "offre.xml",
        at(4),
    )
    .unwrap();
    let id = welder(&mut conn, false);
    let session = training::search(
        &conn,
        &SessionQuery {
            rome: Some("H2902".into()),
            ..SessionQuery::default()
        },
    )
    .unwrap()[0]
        .session_id;
    let file = matching::choose(
        &mut conn,
        "Camille",
        &Choice {
            case_id: id,
            rome: "H2902".into(),
            need_id: Some(ids[0]),
            session_id: Some(session),
        },
        at(9),
    )
    .unwrap();
    let p = &file.data.project;
    assert_eq!(
        (p.target_rome.as_str(), p.target_certification.as_str()),
        ("H2902", "RNCP36004")
    );
    assert!(
        p.employment_prospects
            .contains("Chaudronnerie sedanaise recrute")
    );
    let t = &file.data.parcours.training;
    assert_eq!(t.title, "Technicien de maintenance industrielle");
    assert_eq!(
        (t.start, t.hours, t.cost_cents),
        (Some(d(2027, 1, 11)), Some(540), Some(720_000))
    );
    let chosen = matching::chosen(&conn, id).unwrap().unwrap();
    assert_eq!(chosen.rome_version, "4.60");
    assert!(!chosen.offer_version.is_empty());
    assert_eq!(chosen.chosen_by, "Camille");
    assert!(chosen.session.unwrap().contains("Sedan"));
    // A need for another trade than the one chosen is refused.
    let mismatched = matching::choose(
        &mut conn,
        "Camille",
        &Choice {
            case_id: id,
            rome: "H2916".into(),
            need_id: Some(ids[0]),
            session_id: None,
        },
        at(9),
    );
    assert!(matches!(mismatched, Err(StorageError::Invalid(_))));
    // A target with no ROME link is refused with its reason.
    let refused = matching::choose(
        &mut conn,
        "Camille",
        &Choice {
            case_id: id,
            rome: "K2204".into(),
            need_id: None,
            session_id: None,
        },
        at(9),
    );
    assert!(matches!(refused, Err(StorageError::Invalid(_))));
}
