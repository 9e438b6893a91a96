//! Integration: the parcours on a real database file.

use crate::common::{at, case, temp_db};
use chrono::NaiveDate;
use passerelle_domain::case::{Consent, ContractKind, DocumentKind};
use passerelle_domain::params::ParamValue;
use passerelle_domain::parcours::{EmployerAnswer, Step};
use passerelle_storage::{cases, integrity, parcours, records, todo};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn ptp_case() -> passerelle_domain::case::CaseData {
    let mut c = case("Hébert", "Élise", "moselle-sud");
    c.beneficiary.consents.push(Consent {
        purpose: "CEP".into(),
        given_on: Some(d(2026, 3, 1)),
        withdrawn_on: None,
    });
    c.situation.contract = Some(ContractKind::Cdi);
    c.situation.seniority_months_total = Some(120);
    c.situation.seniority_months_company = Some(60);
    c.situation.job_rome = "H2913".into();
    c.project.target_rome = "J1501".into();
    c.project.target_certification = "RNCP35830".into();
    c.parcours.training.start = Some(d(2026, 9, 7));
    c.parcours.training.during_working_time = true;
    c
}

#[test]
fn a_case_goes_to_dossier_depose_when_guards_and_checklist_are_met() {
    let (dir, mut conn) = temp_db();
    let docs = dir.path().join("documents");
    let id = cases::create(&mut conn, "Agent", &ptp_case(), at(1))
        .unwrap()
        .id;
    let today = d(2026, 3, 10);
    let go = |conn: &mut passerelle_storage::Connection, to| {
        parcours::advance(conn, "Agent", id, to, "", today, at(10)).map_err(unmet)
    };
    for to in [
        Step::Accompagnement,
        Step::ProjetFormalise,
        Step::PtpPositionnement,
    ] {
        assert!(go(&mut conn, to).is_ok(), "{to:?}");
    }
    // Blocked: the positionnement and the quote are missing.
    let unmet = go(&mut conn, Step::PtpAutorisationAbsence).unwrap_err();
    assert_eq!(
        unmet,
        [
            "Document de positionnement préalable manquant",
            "Devis approuvé manquant"
        ]
    );
    assert_eq!(
        parcours::current_step(&conn, id).unwrap(),
        Step::PtpPositionnement
    );
    // The À faire view lists them as missing.
    let todo = todo::overview(&conn, today, 30, 60, &Default::default()).unwrap();
    assert_eq!(
        todo.missing[0].kinds,
        [DocumentKind::Positionnement, DocumentKind::Devis]
    );
    for kind in [DocumentKind::Positionnement, DocumentKind::Devis] {
        records::add_document(
            &mut conn,
            "Agent",
            id,
            kind,
            "p.pdf",
            kind_bytes(kind),
            today,
            &docs,
            at(11),
        )
        .unwrap();
    }
    assert!(
        todo::overview(&conn, today, 30, 60, &Default::default())
            .unwrap()
            .missing
            .is_empty()
    );
    assert!(go(&mut conn, Step::PtpAutorisationAbsence).is_ok());

    // The absence request is due 120/60 days before the start; recorded, then the employer's
    // answer is due 30 days after receipt.
    let mut data = cases::get(&conn, id).unwrap().unwrap().data;
    data.parcours.absence_request_received_on = Some(d(2026, 5, 4));
    cases::update(&mut conn, "Agent", id, &data, at(12)).unwrap();
    let todo = todo::overview(&conn, d(2026, 5, 20), 30, 60, &Default::default()).unwrap();
    let answer = todo
        .upcoming
        .iter()
        .find(|i| i.label.contains("Réponse de l’employeur"))
        .unwrap();
    assert_eq!(answer.due, d(2026, 6, 3));

    // Silence: the agreement is recorded by itself once the delay has passed.
    assert!(
        parcours::apply_tacit_agreements(&mut conn, d(2026, 6, 3), at(13))
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        parcours::apply_tacit_agreements(&mut conn, d(2026, 6, 4), at(14)).unwrap(),
        [id]
    );
    let data = cases::get(&conn, id).unwrap().unwrap().data;
    assert_eq!(
        data.parcours.employer_answer,
        Some(EmployerAnswer::AccordTacite)
    );

    // Filing: blocked by the missing documents of the dossier, each named.
    let unmet = go(&mut conn, Step::PtpDossierDepose).unwrap_err();
    assert!(unmet.contains(&"RIB manquant".to_owned()), "{unmet:?}");
    assert!(
        !unmet
            .iter()
            .any(|m| m.contains("Autorisation d’absence de l’employeur non obtenue"))
    );
    for kind in [
        DocumentKind::Cv,
        DocumentKind::Diplome,
        DocumentKind::AutorisationAbsence,
        DocumentKind::AttestationEffectif,
        DocumentKind::AttestationNonRupture,
        DocumentKind::Rib,
    ] {
        records::add_document(
            &mut conn,
            "Agent",
            id,
            kind,
            "x.pdf",
            kind_bytes(kind),
            today,
            &docs,
            at(15),
        )
        .unwrap();
    }
    let t = go(&mut conn, Step::PtpDossierDepose).unwrap();
    assert_eq!(
        (t.from, t.to),
        (Step::PtpAutorisationAbsence, Step::PtpDossierDepose)
    );

    let log = parcours::transitions(&conn, id).unwrap();
    assert_eq!(
        passerelle_domain::parcours::replay(&log),
        Ok(Step::PtpDossierDepose)
    );
    assert!(integrity::verify(&conn).unwrap().is_ok());
}

fn kind_bytes(kind: DocumentKind) -> &'static [u8] {
    // Distinct contents: the store keeps files by hash.
    match kind {
        DocumentKind::Positionnement => b"positionnement",
        DocumentKind::Devis => b"devis",
        DocumentKind::Cv => b"cv",
        DocumentKind::Diplome => b"diplome",
        DocumentKind::AutorisationAbsence => b"autorisation",
        DocumentKind::AttestationEffectif => b"effectif",
        DocumentKind::AttestationNonRupture => b"non rupture",
        _ => b"rib",
    }
}

#[test]
fn a_parameter_change_moves_every_deadline() {
    let (_dir, mut conn) = temp_db();
    // Part time: the 60-day notice applies.
    let mut data = ptp_case();
    data.parcours.training.part_time = Some(true);
    let id = cases::create(&mut conn, "Agent", &data, at(1)).unwrap().id;
    for to in [
        Step::Accompagnement,
        Step::ProjetFormalise,
        Step::PtpPositionnement,
    ] {
        parcours::advance(&mut conn, "Agent", id, to, "", d(2026, 3, 10), at(2)).unwrap();
    }
    let absence = |conn: &passerelle_storage::Connection| {
        todo::overview(conn, d(2026, 7, 1), 60, 600, &Default::default())
            .unwrap()
            .upcoming
            .into_iter()
            .chain(
                todo::overview(conn, d(2026, 7, 1), 60, 600, &Default::default())
                    .unwrap()
                    .overdue,
            )
            .find(|i| i.label.contains("autorisation d’absence"))
            .unwrap()
            .due
    };
    // The legal date is 9 July (60 days before 7 September), but the employer's 30 days to
    // answer must end by the filing, 9 June (90 days before): the request is due 10 May.
    assert_eq!(absence(&conn), d(2026, 5, 10));
    parcours::set_parameter(
        &mut conn,
        "Agent",
        &ParamValue {
            key: "absence_notice_short_days".into(),
            valid_from: d(2026, 1, 1),
            value: 150.0,
            note: "test".into(),
        },
        at(3),
    )
    .unwrap();
    // Now the legal date comes first: 150 days before 7 September.
    assert_eq!(absence(&conn), d(2026, 4, 10));
    assert!(integrity::verify(&conn).unwrap().is_ok());
}

#[test]
fn archived_cases_cannot_advance_and_leave_the_todo_view() {
    let (_dir, mut conn) = temp_db();
    let id = cases::create(&mut conn, "Agent", &ptp_case(), at(1))
        .unwrap()
        .id;
    cases::set_archived(&mut conn, "Agent", id, true, at(2)).unwrap();
    let unmet = parcours::advance(
        &mut conn,
        "Agent",
        id,
        Step::Accompagnement,
        "",
        d(2026, 3, 10),
        at(3),
    )
    .map_err(unmet)
    .unwrap_err();
    assert!(unmet[0].starts_with("Dossier archivé"));
    let todo = todo::overview(&conn, d(2027, 3, 10), 30, 1, &Default::default()).unwrap();
    assert_eq!(todo.idle_total, 0);
}

/// The reasons of a blocked step; any other error fails the test.
fn unmet(err: passerelle_storage::StorageError) -> Vec<String> {
    match err {
        passerelle_storage::StorageError::Blocked { unmet, .. } => unmet,
        other => panic!("expected a blocked step, got {other}"),
    }
}

#[test]
fn the_todo_of_one_counsellor_or_one_territory_counts_only_theirs() {
    use passerelle_domain::parcours::TodoFilter;
    let (_dir, mut conn) = temp_db();
    let today = d(2026, 3, 10);
    // Two counsellors, two territories; each case waits for its positionnement and quote.
    let mut metz = ptp_case();
    metz.beneficiary.territory = "metz".into();
    let mut ids = Vec::new();
    for (who, data) in [
        ("Agent A", ptp_case()),
        ("Agent B", metz),
        ("Agent B", ptp_case()),
    ] {
        let id = cases::create(&mut conn, who, &data, at(1)).unwrap().id;
        for to in [
            Step::Accompagnement,
            Step::ProjetFormalise,
            Step::PtpPositionnement,
        ] {
            parcours::advance(&mut conn, who, id, to, "", today, at(2)).unwrap();
        }
        ids.push(id);
    }
    let view = |conn: &passerelle_storage::Connection, counsellor: &str, territory: &str| {
        let filter = TodoFilter {
            counsellor: counsellor.into(),
            territory: territory.into(),
        };
        // Idle: untouched since before today.
        todo::overview(conn, today, 365, 0, &filter).unwrap()
    };
    let all = view(&conn, "", "");
    assert_eq!((all.missing_total, all.idle_total), (3, 3));
    let a = view(&conn, "Agent A", "");
    assert_eq!((a.missing_total, a.idle_total), (1, 1));
    assert_eq!(a.missing[0].case_id, ids[0]);
    assert_eq!(a.idle[0].case_id, ids[0]);
    let b = view(&conn, "Agent B", "");
    assert_eq!((b.missing_total, b.idle_total), (2, 2));
    let in_metz = view(&conn, "", "metz");
    assert_eq!((in_metz.missing_total, in_metz.idle_total), (1, 1));
    assert_eq!(in_metz.missing[0].case_id, ids[1]);
    assert_eq!(view(&conn, "Agent B", "moselle-sud").missing_total, 1);
    assert_eq!(view(&conn, "Agent A", "metz").missing_total, 0);
    assert_eq!(view(&conn, "Personne", "").missing_total, 0);
    // A case moved to another territory takes its rows along.
    let mut moved = cases::get(&conn, ids[0]).unwrap().unwrap().data;
    moved.beneficiary.territory = "metz".into();
    cases::update(&mut conn, "Agent A", ids[0], &moved, at(3)).unwrap();
    assert_eq!(view(&conn, "", "metz").missing_total, 2);
    assert_eq!(view(&conn, "Agent A", "metz").missing_total, 1);
}
