//! Integration: the territory side — establishments entered by hand and re-imported, company
//! diagnostics (the latest one counts), hiring needs, case files linked to diagnostic lines,
//! trade labels, and the dashboard that reads them, with its export suppressing small counts.

use crate::common::{at, case, temp_db};
use chrono::NaiveDate;
use passerelle_domain::dashboard::{CaseOutcome, Cell, Scope};
use passerelle_domain::diagnostic::{Diagnostic, DiagnosticLine, Outlook, Stage};
use passerelle_domain::establishment::{Contact, EstablishmentInput};
use passerelle_domain::ipc::NeedListArgs;
use passerelle_domain::need::{Contract, HiringNeed, NeedSource, NeedStatus};
use passerelle_domain::trade_label::LabelInput;
use passerelle_storage::{
    Connection, StorageError, cases, dashboard, diagnostics, establishments, needs,
};

const SARREBOURG_GLASS: &str = "73282932000074";
const SAINT_AVOLD_CHEM: &str = "35600000000048";
const SARREBOURG_EPCI: &str = "200068146";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn establishment(siret: &str, name: &str, commune: &str) -> EstablishmentInput {
    EstablishmentInput {
        create: true,
        siret: siret.into(),
        name: name.into(),
        naf: "23.13Z".into(),
        headcount_band: "22".into(),
        commune: commune.into(),
        idcc: "3248".into(),
        opco: "OPCO 2i".into(),
        notes: String::new(),
        contacts: vec![Contact {
            name: "Claire Weber".into(),
            role: "DRH".into(),
            email: String::new(),
            phone: String::new(),
            consent_on: Some(d(2026, 3, 2)),
        }],
    }
}

fn line(rome: &str, headcount: u32, at_risk: u32, outlook: Outlook) -> DiagnosticLine {
    DiagnosticLine {
        id: 0,
        rome: rome.into(),
        appellation: String::new(),
        headcount,
        at_risk,
        horizon_months: 24,
        outlook,
        skills_at_risk: vec!["conduite de four".into()],
        skills_needed: vec![],
        over_55: 0,
        linked_cases: 0,
    }
}

fn diagnostic(siret: &str, date: NaiveDate, lines: Vec<DiagnosticLine>) -> Diagnostic {
    Diagnostic {
        id: 0,
        siret: siret.into(),
        date,
        author: "Cellule Moselle Sud".into(),
        drivers: vec!["automatisation".into(), "Décarbonation du four".into()],
        horizon_months: 36,
        stage: Stage::EtatDesLieux,
        notes: String::new(),
        lines,
    }
}

/// Saves a diagnostic of the glassworks on `date` with these lines; as saved.
fn diagnose(conn: &mut Connection, date: NaiveDate, lines: Vec<DiagnosticLine>) -> Diagnostic {
    diagnostics::save(
        conn,
        diagnostic(SARREBOURG_GLASS, date, lines),
        today(),
        at(3),
    )
    .unwrap()
}

fn need(siret: &str, rome: &str, posts: u32) -> HiringNeed {
    HiringNeed {
        id: 0,
        siret: siret.into(),
        rome: rome.into(),
        appellation: String::new(),
        posts,
        contract: Contract::Cdi,
        wished_start: Some(d(2027, 3, 1)),
        reconversion_open: true,
        afest: true,
        status: NeedStatus::Ouvert,
        source: NeedSource::Recensement,
        campaign: "Recensement 2026".into(),
        notes: String::new(),
        recorded_on: None,
    }
}

fn seeded() -> (tempfile::TempDir, Connection) {
    let (dir, mut conn) = temp_db();
    establishments::save_manual(
        &mut conn,
        &establishment(SARREBOURG_GLASS, "Verrerie de la Sarre", "57630"),
        today(),
        at(2),
    )
    .unwrap();
    (dir, conn)
}

#[test]
fn a_sirene_reimport_keeps_what_people_entered_and_moves_the_diagnostics_along() {
    let (_dir, mut conn) = seeded();
    diagnose(
        &mut conn,
        d(2026, 10, 1),
        vec![line("H2913", 40, 12, Outlook::Peril)],
    );
    // « Nouvel établissement » with a known SIRET is refused: nothing is overwritten.
    let mut again = establishment(SARREBOURG_GLASS, "Autre nom", "57630");
    again.contacts.clear();
    let Err(StorageError::Invalid(errors)) =
        establishments::save_manual(&mut conn, &again, today(), at(3))
    else {
        panic!("a second creation must be refused");
    };
    assert!(
        errors[0].message.contains("existe déjà"),
        "{}",
        errors[0].message
    );
    let mut from_sirene = establishments::get(&conn, SARREBOURG_GLASS)
        .unwrap()
        .unwrap();
    from_sirene.source = "sirene".into();
    from_sirene.idcc = String::new();
    from_sirene.name = "VERRERIE DE LA SARRE".into();
    // Moved to Saint-Avold (CA Saint-Avold Synergie, territory warndt-naborien).
    from_sirene.commune = "57606".into();
    from_sirene.epci = "200067502".into();
    from_sirene.territory = "warndt-naborien".into();
    establishments::save_all(&mut conn, &[from_sirene]).unwrap();
    let detail = establishments::detail(&conn, SARREBOURG_GLASS)
        .unwrap()
        .unwrap();
    assert_eq!(detail.establishment.name, "VERRERIE DE LA SARRE");
    assert_eq!(detail.establishment.idcc, "3248", "entered by hand, kept");
    assert_eq!(detail.contacts.len(), 1);
    let warndt = dashboard::dashboard(
        &conn,
        &Scope {
            territory: "warndt-naborien".into(),
            epci: String::new(),
        },
    )
    .unwrap();
    assert_eq!(
        warndt.diagnosed, 1,
        "the diagnostic followed its establishment"
    );
}

#[test]
fn the_dashboard_counts_the_latest_diagnostic_the_open_needs_and_the_cases() {
    let (_dir, mut conn) = seeded();
    let scope = Scope {
        territory: "moselle-sud".into(),
        epci: String::new(),
    };
    diagnose(
        &mut conn,
        d(2025, 6, 1),
        vec![line("H2913", 40, 30, Outlook::Peril)],
    );
    let latest = diagnose(
        &mut conn,
        d(2026, 10, 1),
        vec![
            line("H2913", 40, 12, Outlook::Peril),
            line("H2502", 10, 0, Outlook::Devenir),
        ],
    );
    needs::save(
        &mut conn,
        need(SARREBOURG_GLASS, "H2502", 6),
        today(),
        at(5),
    )
    .unwrap();
    let mut filled = need(SARREBOURG_GLASS, "H2502", 9);
    filled.status = NeedStatus::Pourvu;
    needs::save(&mut conn, filled, today(), at(5)).unwrap();
    let mut employee = case("Weber", "Lucie", "moselle-sud");
    employee.situation.employer.siret = SARREBOURG_GLASS.into();
    let opened = cases::create(&mut conn, "test", &employee, at(6)).unwrap();

    let d = dashboard::dashboard(&conn, &scope).unwrap();
    assert!(d.scope_label.contains("Moselle Sud"), "{}", d.scope_label);
    assert_eq!((d.establishments, d.diagnosed, d.with_needs), (1, 1, 1));
    let h29 = d.families.iter().find(|f| f.family == "H29").unwrap();
    assert_eq!(
        (h29.headcount, h29.at_risk),
        (40, 12),
        "the 2025 diagnostic is not counted twice"
    );
    let h25 = d.families.iter().find(|f| f.family == "H25").unwrap();
    assert_eq!(h25.open_posts, 6, "only open needs");
    assert_eq!(d.trades[0].rome, "H2913");
    assert_eq!(d.trades[0].outlook(), Outlook::Peril);
    assert_eq!(d.trades[1].outlook(), Outlook::Devenir);
    assert_eq!(d.cases_opened, 1);
    let accompanied = d
        .outcomes
        .iter()
        .find(|o| o.outcome == CaseOutcome::EnAccompagnement);
    assert_eq!(accompanied.unwrap().count, 1);
    assert_eq!(d.diagnostics_by_month.len(), 2);
    let epci = d.epcis.iter().find(|e| e.siren == SARREBOURG_EPCI).unwrap();
    assert_eq!(
        (epci.establishments, epci.at_risk, epci.open_posts),
        (1, 12, 6)
    );
    assert_eq!(d.epcis.len(), 150);

    // The EPCI's dashboard finds the case through its employer.
    let by_epci = dashboard::dashboard(
        &conn,
        &Scope {
            territory: String::new(),
            epci: SARREBOURG_EPCI.into(),
        },
    )
    .unwrap();
    assert_eq!(by_epci.scope_label, "CC Sarrebourg Moselle Sud");
    assert_eq!(by_epci.scope.territory, "moselle-sud");
    assert_eq!(by_epci.cases_opened, 1);

    // The person comes from the first line; that line cannot be removed while linked.
    let first = latest.lines[0].id;
    diagnostics::link(&mut conn, opened.id, Some(first)).unwrap();
    let mut fewer = latest;
    fewer.lines.remove(0);
    let Err(StorageError::Invalid(errors)) = diagnostics::save(&mut conn, fewer, today(), at(7))
    else {
        panic!("a linked line must not disappear");
    };
    assert!(
        errors[0].message.contains("rattachée à 1 dossier"),
        "{}",
        errors[0].message
    );
    let detail = establishments::detail(&conn, SARREBOURG_GLASS)
        .unwrap()
        .unwrap();
    assert_eq!(detail.cases[0].diagnostic_line, Some(first));
    assert_eq!(detail.diagnostics[0].lines[0].linked_cases, 1);

    // The export hides what could single someone out: 1 case, 1 diagnosed establishment.
    let (tables, threshold, source) = dashboard::export_tables(&conn, &scope, today()).unwrap();
    assert_eq!(threshold, 5);
    assert!(source.contains("inférieurs à 5"), "{source}");
    for table in &tables {
        for row in &table.rows {
            for cell in row {
                if let Cell::Count(n) = cell {
                    assert!(*n == 0 || *n >= 5, "{} shows {n}", table.name);
                }
            }
        }
    }
}

#[test]
fn a_case_links_only_to_a_line_of_its_employer_and_needs_need_a_known_establishment() {
    let (_dir, mut conn) = seeded();
    let saved = diagnose(
        &mut conn,
        d(2026, 10, 1),
        vec![line("H2913", 40, 12, Outlook::Peril)],
    );
    let elsewhere = cases::create(
        &mut conn,
        "test",
        &case("Klein", "Anne", "moselle-sud"),
        at(4),
    )
    .unwrap();
    let Err(StorageError::Invalid(errors)) =
        diagnostics::link(&mut conn, elsewhere.id, Some(saved.lines[0].id))
    else {
        panic!("refused expected");
    };
    assert!(errors[0].message.contains("n’est pas celui d’un salarié"));

    let Err(StorageError::Invalid(errors)) = needs::save(
        &mut conn,
        need(SAINT_AVOLD_CHEM, "H2502", 2),
        today(),
        at(5),
    ) else {
        panic!("unknown establishment refused");
    };
    assert_eq!(errors[0].field, "siret");
    assert!(
        needs::list(&conn, &NeedListArgs::default())
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_label_is_signed_dated_and_needs_a_reason_to_depart_from_the_suggestion() {
    let (_dir, mut conn) = seeded();
    diagnose(
        &mut conn,
        d(2026, 10, 1),
        vec![line("H2913", 40, 12, Outlook::Peril)],
    );
    let input = |outlook, comment: &str| LabelInput {
        rome: "H2913".into(),
        territory: "moselle-sud".into(),
        outlook,
        comment: comment.into(),
    };
    let Err(StorageError::Invalid(errors)) = dashboard::save_label(
        &mut conn,
        "Coordinatrice Moselle Sud",
        input(Outlook::Devenir, ""),
        today(),
        at(4),
    ) else {
        panic!("a departure without a reason is refused");
    };
    assert_eq!(errors[0].field, "comment");
    let label = dashboard::save_label(
        &mut conn,
        "Coordinatrice Moselle Sud",
        input(Outlook::Peril, ""),
        today(),
        at(4),
    )
    .unwrap();
    assert_eq!(
        (label.suggested, label.decided_on),
        (Outlook::Peril, today())
    );
    assert_eq!(label.evidence.at_risk, 12);
    let changed = dashboard::save_label(
        &mut conn,
        "Coordinatrice Moselle Sud",
        input(
            Outlook::Mutation,
            "Reconversion interne vers le four électrique",
        ),
        today(),
        at(5),
    )
    .unwrap();
    let d = dashboard::dashboard(
        &conn,
        &Scope {
            territory: "moselle-sud".into(),
            epci: String::new(),
        },
    )
    .unwrap();
    let row = d.trades.iter().find(|t| t.rome == "H2913").unwrap();
    assert_eq!(
        row.decided.as_ref(),
        Some(&changed),
        "the latest label is in force"
    );
    assert_eq!(row.outlook(), Outlook::Mutation);
}
