//! Benchmarks at the scale of a Maison de l'emploi: 100 000 case files made by `demo`.
//!
//! `cargo bench -p passerelle-cli --bench cases` (release profile). Prints p50/p95 for search,
//! a filtered page of 50 and one case save, and the time to import 10 000 CSV rows. The
//! 100 000-case database is built once and kept under the target directory.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::Utc;
use passerelle_domain::case::{CaseData, CaseQuery, CaseSort, FlagFilter};
use passerelle_storage::{Connection, cases, territory};

const CASES: usize = 100_000;
const PASSPHRASE: &str = "le merle chante sur le toit de Sarrebourg";
/// Argon2id's cost is the unlock's, measured apart (`passerelle info`): cheap parameters here.
const KDF: passerelle_storage::keys::KdfParams = passerelle_storage::keys::KdfParams::TEST;

fn open_db(path: &Path) -> Connection {
    passerelle_storage::protect::open_or_create(path, PASSPHRASE, KDF)
        .unwrap()
        .0
}
const SEED: u64 = 2026;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn report(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    println!(
        "{name:<44} n={:<5} p50 {:>8.3} ms   p95 {:>8.3} ms   max {:>8.3} ms",
        samples.len(),
        percentile(&samples, 0.50).as_secs_f64() * 1e3,
        percentile(&samples, 0.95).as_secs_f64() * 1e3,
        samples.last().unwrap().as_secs_f64() * 1e3,
    );
}

fn time<T>(f: impl FnOnce() -> T) -> (Duration, T) {
    let start = Instant::now();
    let out = f();
    (start.elapsed(), out)
}

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
}

/// The 100 000-case database, generated on first use.
fn big_database(dir: &Path) -> (PathBuf, Connection) {
    // The name carries the schema version: a database from an older schema is rebuilt.
    let version = passerelle_storage::migrations::LATEST_VERSION;
    let path = dir.join(format!("bench-{CASES}-{SEED}-v{version}.sqlite3"));
    let mut conn = open_db(&path);
    let have: u64 = passerelle_storage::status::count_active_case_files(&conn).unwrap();
    if have != CASES as u64 {
        drop(conn);
        for suffix in ["", "-wal", "-shm", ".keys"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        let (took, ()) = time(|| {
            // What `passerelle demo` writes: cases spread over every branch of the parcours,
            // with their history, documents and deadlines.
            passerelle_demo::seed_file(
                &path,
                PASSPHRASE,
                KDF,
                CASES,
                SEED,
                chrono::Local::now().date_naive(),
            )
            .unwrap();
        });
        println!(
            "generated {CASES} demo case files in {:.1} s",
            took.as_secs_f64()
        );
        conn = open_db(&path);
    }
    (path, conn)
}

fn bench_search(conn: &Connection) {
    // Three letters of common surnames and first names, accents left out, as people type them.
    let words = [
        "mul", "dup", "fra", "hel", "web", "ger", "thi", "lef", "mar", "kle", "aud", "ber",
    ];
    let mut samples = Vec::new();
    for round in 0..25 {
        for w in words {
            let query = CaseQuery {
                text: w.into(),
                limit: 50,
                ..CaseQuery::default()
            };
            let (took, page) = time(|| cases::list(conn, &query).unwrap());
            if round == 0 {
                assert!(page.total > 0 || w == "aud", "{w}: no match");
            }
            samples.push(took);
        }
    }
    report("search, 3-letter prefix, ranked page of 50", samples);

    let mut samples = Vec::new();
    for round in 0..50 {
        for q in ["dupre fran", "fonderie sarre", "secretaire", "muller agnes"] {
            let query = CaseQuery {
                text: q.into(),
                limit: 50,
                ..CaseQuery::default()
            };
            let (took, _) = time(|| cases::list(conn, &query).unwrap());
            if round > 0 {
                samples.push(took);
            }
        }
    }
    report("search, two words", samples);
}

fn bench_pages(conn: &Connection) {
    let terr = territory::list(conn).unwrap();
    let mut samples = Vec::new();
    for i in 0..200u32 {
        let query = CaseQuery {
            territory: Some(terr[i as usize % terr.len()].code.clone()),
            offset: (i * 97) % 5_000,
            limit: 50,
            sort: CaseSort::Name,
            ..CaseQuery::default()
        };
        let (took, page) = time(|| cases::list(conn, &query).unwrap());
        assert_eq!(page.items.len(), 50);
        samples.push(took);
    }
    report("page of 50, territory filter, by name", samples);

    let mut samples = Vec::new();
    for i in 0..200u32 {
        let query = CaseQuery {
            flag: Some(FlagFilter::MetierFragilise),
            offset: (i * 31) % 1_000,
            sort: CaseSort::RecentlyUpdated,
            ..CaseQuery::default()
        };
        let (took, _) = time(|| cases::list(conn, &query).unwrap());
        samples.push(took);
    }
    report("page of 50, flag filter, recently updated", samples);
}

fn bench_save(conn: &mut Connection) {
    let mut samples = Vec::new();
    for i in 0..100i64 {
        let id = passerelle_domain::ids::CaseId(1 + (i * 997) % CASES as i64);
        let mut data: CaseData = cases::get(conn, id).unwrap().unwrap().data;
        data.situation.employer.name = format!("Employeur bench {i}");
        let (data, _) = data.validated(today()).unwrap();
        let (took, _) = time(|| cases::update(conn, "bench", id, &data, Utc::now()).unwrap());
        samples.push(took);
    }
    report("save one case (validated, journaled, fsync)", samples);
}

/// The cases as the CSV a spreadsheet would export (`;`, quoted where needed).
fn csv_of(cases: &[CaseData]) -> String {
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    w.write_record([
        "nom_naissance",
        "prenoms",
        "territoire",
        "date_naissance",
        "nir",
        "email",
        "telephone",
        "code_postal",
        "commune",
        "employeur",
        "siret",
        "naf",
        "contrat",
        "code_rome",
        "code_rome_vise",
        "motif",
    ])
    .unwrap();
    for c in cases {
        let b = &c.beneficiary;
        let s = &c.situation;
        let birth = b
            .birth_date
            .map(|d| d.format("%d/%m/%Y").to_string())
            .unwrap_or_default();
        let contract = s
            .contract
            .map(passerelle_domain::i18n::Label::label)
            .unwrap_or("");
        w.write_record([
            b.birth_name.as_str(),
            &b.first_names,
            &b.territory,
            &birth,
            &b.nir,
            &b.email,
            &b.phone,
            &b.postal_code,
            &b.commune,
            &s.employer.name,
            &s.employer.siret,
            &s.employer.naf,
            contract,
            &s.job_rome,
            &c.project.target_rome,
            &c.project.motive,
        ])
        .unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

fn bench_import(dir: &Path) {
    let csv = csv_of(&passerelle_demo::generate(10_000, 77, today()));
    let mut samples = Vec::new();
    for run in 0..3 {
        let path = dir.join(format!("bench-import-{run}.sqlite3"));
        for suffix in ["", "-wal", "-shm", ".keys"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        let mut conn = open_db(&path);
        let input = passerelle_import::Input {
            name: "bench.csv".into(),
            file_name: "bench.csv".into(),
            bytes: csv.clone().into_bytes(),
        };
        let (took, summary) = time(|| {
            passerelle_import::cases::import(
                &mut conn,
                "bench",
                &[input],
                &Default::default(),
                false,
                Utc::now(),
                &mut |_, _| {},
            )
            .unwrap()
        });
        assert_eq!(summary.cases, 10_000);
        samples.push(took);
    }
    report("import 10 000 CSV rows (parse, validate, write)", samples);
}

fn bench_todo(conn: &Connection) {
    let today = chrono::Local::now().date_naive();
    let mut samples = Vec::new();
    let mut sizes = (0, 0, 0, 0);
    for _ in 0..60 {
        let (took, todo) = time(|| {
            passerelle_storage::todo::overview(conn, today, 30, 60, &Default::default()).unwrap()
        });
        sizes = (
            todo.overdue_total,
            todo.upcoming_total,
            todo.missing_total,
            todo.idle_total,
        );
        samples.push(took);
    }
    report("À faire, all 100 000 cases (30 days, idle 60)", samples);
    println!(
        "    (overdue {}, next 30 days {}, incomplete {}, idle {})",
        sizes.0, sizes.1, sizes.2, sizes.3
    );
    use passerelle_domain::parcours::TodoFilter;
    // The demo's cases all have the same counsellor: the worst case of that filter.
    for (name, filter) in [
        (
            "À faire, one counsellor's cases (all of them)",
            TodoFilter {
                counsellor: "Données de démonstration".into(),
                ..TodoFilter::default()
            },
        ),
        (
            "À faire, one territory's cases (metz)",
            TodoFilter {
                territory: "metz".into(),
                ..TodoFilter::default()
            },
        ),
    ] {
        let mut samples = Vec::new();
        let mut total = 0;
        for _ in 0..60 {
            let (took, todo) =
                time(|| passerelle_storage::todo::overview(conn, today, 30, 60, &filter).unwrap());
            total = todo.overdue_total + todo.upcoming_total;
            samples.push(took);
        }
        report(name, samples);
        println!("    ({total} deadlines overdue or due)");
    }
}

/// 20 000 fiches with 4 blocs each, titled after ROME trades, then searched.
fn bench_catalogue(dir: &Path) {
    use passerelle_domain::certification::{Bloc, Certification};
    let path = dir.join("bench-catalogue.sqlite3");
    for suffix in ["", "-wal", "-shm", ".keys"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let mut conn = open_db(&path);
    let labels: Vec<&str> = include_str!("../../../assets/reference/rome_codes.csv")
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once(',').map(|(_, label)| label.trim_matches('"')))
        .collect();
    let kinds = [
        "Titre professionnel",
        "Certificat de qualification professionnelle",
        "Licence professionnelle",
        "Bachelor",
        "Mastère",
    ];
    let tx = conn.transaction().unwrap();
    for i in 0..20_000usize {
        let code = format!("RNCP{}", 30_000 + i);
        let label = labels[i % labels.len()];
        let c = Certification {
            code: code.clone(),
            title: format!("{} {label}", kinds[i % kinds.len()]),
            level: Some(3 + (i % 5) as u8),
            active: i % 7 != 0,
            ..Certification::default()
        };
        passerelle_storage::catalogue::upsert(&tx, &c, Utc::now()).unwrap();
        for b in 1..=4 {
            let bloc = Bloc {
                code: format!("{code}BC0{b}"),
                title: format!("Bloc {b} : {label}"),
            };
            passerelle_storage::catalogue::upsert_bloc(&tx, &code, &bloc).unwrap();
        }
    }
    tx.commit().unwrap();
    let mut samples = Vec::new();
    for round in 0..30 {
        for q in [
            "soudeur",
            "aide soi",
            "dev",
            "technicien maintenance",
            "comptab",
            "cariste",
            "RNCP31234",
        ] {
            let (took, found) =
                time(|| passerelle_storage::catalogue::search(&conn, q, 20).unwrap());
            if round == 0 {
                assert!(!found.is_empty(), "{q}: nothing found");
            }
            samples.push(took);
        }
    }
    report("catalogue search, 20 000 fiches, 20 results", samples);
}

/// The certification staff's view over the 100 000 demo cases (their enrolments, sessions and
/// results) with 20 000 more fiches in the catalogue.
fn bench_staff(conn: &mut Connection) {
    use passerelle_domain::certification::Certification;
    use passerelle_storage::certification::{exams, staff};
    if passerelle_storage::catalogue::count(conn).unwrap() < 20_000 {
        let tx = conn.transaction().unwrap();
        for i in 0..20_000usize {
            let c = Certification {
                code: format!("RNCP{}", 50_000 + i),
                title: format!("Certification de charge {i}"),
                active: true,
                ..Certification::default()
            };
            passerelle_storage::catalogue::upsert(&tx, &c, Utc::now()).unwrap();
        }
        tx.commit().unwrap();
    }
    let today = chrono::Local::now().date_naive();
    let mut samples = Vec::new();
    let mut shape = (0, 0, 0, 0);
    for _ in 0..60 {
        let (took, o) = time(|| staff::overview(conn, today, 60).unwrap());
        shape = (
            o.upcoming.len(),
            o.recent.len(),
            o.by_certification.iter().map(|c| c.total()).sum::<u32>(),
            o.rates_by_territory
                .iter()
                .map(|r| r.results())
                .sum::<u32>(),
        );
        samples.push(took);
    }
    report("staff view (sessions, statuses, rates)", samples);
    println!(
        "    (sessions next 60 days {}, last 60 days {}, candidates {}, results {})",
        shape.0, shape.1, shape.2, shape.3
    );
    let biggest = passerelle_domain::ids::ExamSessionId(
        conn.query_row(
            "SELECT session_id FROM session_candidate GROUP BY session_id ORDER BY count(*) DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap(),
    );
    let mut samples = Vec::new();
    let mut n = 0;
    for _ in 0..60 {
        let (took, d) = time(|| exams::detail(conn, biggest).unwrap());
        n = d.candidates.len() + d.eligible.len();
        samples.push(took);
    }
    report("session page, largest session", samples);
    println!("    ({n} candidates and eligible enrolments)");
    let mut samples = Vec::new();
    let mut rows = 0;
    for _ in 0..10 {
        let (took, (_, r)) = time(|| staff::candidates_csv(conn).unwrap());
        rows = r;
        samples.push(took);
    }
    report("candidates CSV export", samples);
    println!("    ({rows} rows)");
}

/// Committee dossiers out of the 100 000 cases: the view read from the database, then the
/// whole PDF (view, layout, write), for 100 filed PTP dossiers.
fn bench_dossier(conn: &Connection) {
    use passerelle_domain::ids::CaseId;
    let filed: Vec<CaseId> = conn
        .prepare(
            "SELECT id FROM case_file WHERE status IN ('PTP_DOSSIER_DEPOSE', 'PTP_EN_INSTRUCTION')
             ORDER BY id LIMIT 100",
        )
        .unwrap()
        .query_map([], |r| r.get(0).map(CaseId))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let generation = passerelle_pdf::Generation::from_env_or(Utc::now(), "bench");
    let _ = passerelle_pdf::dossier_pdf(
        &passerelle_storage::committee::dossier::view(conn, filed[0], false, None, &[], today())
            .unwrap(),
        &generation,
    );
    let (mut views, mut pdfs) = (Vec::new(), Vec::new());
    for &id in &filed {
        let start = std::time::Instant::now();
        let view =
            passerelle_storage::committee::dossier::view(conn, id, false, None, &[], today())
                .unwrap();
        views.push(start.elapsed());
        let _ = passerelle_pdf::dossier_pdf(&view, &generation);
        pdfs.push(start.elapsed());
    }
    report("dossier view from the database", views);
    report("dossier PDF (view, layout, write)", pdfs);
}

/// The « À purger » list, a purge (erasure request) and an access-request export, on a copy of
/// the 100 000-case database (a purge changes it).
fn bench_privacy(dir: &Path, path: &Path, conn: &Connection) {
    use passerelle_domain::retention::PurgeScope;
    use passerelle_storage::{access, retention};
    let (took, due) = time(|| retention::list(conn, today()).unwrap());
    println!(
        "À purger, today: {} due                          {:>8.1} ms",
        due.len(),
        took.as_secs_f64() * 1e3
    );
    let later = today() + chrono::Days::new(6 * 366);
    let (took, due) = time(|| retention::list(conn, later).unwrap());
    println!(
        "À purger, in 6 years: {} due                  {:>8.1} ms",
        due.len(),
        took.as_secs_f64() * 1e3
    );
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .unwrap();
    let copy = dir.join("bench-privacy.sqlite3");
    for suffix in ["", ".keys"] {
        std::fs::copy(
            format!("{}{suffix}", path.display()),
            format!("{}{suffix}", copy.display()),
        )
        .unwrap();
    }
    let _ = std::fs::remove_file(format!("{}-wal", copy.display()));
    let mut conn = open_db(&copy);
    let documents = passerelle_storage::files::documents_dir(&copy);
    // Cases without funding, closed by the counsellor: an erasure request can be honoured.
    let archived: Vec<i64> = conn
        .prepare(
            "SELECT id FROM case_file WHERE json_array_length(data, '$.parcours.funding') = 0
             ORDER BY id LIMIT 60",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for &id in &archived {
        cases::set_archived(
            &mut conn,
            "bench",
            passerelle_domain::case::CaseId(id),
            true,
            Utc::now(),
        )
        .unwrap();
    }
    let mut exports = Vec::new();
    let generation = passerelle_pdf::Generation::from_env_or(Utc::now(), "bench");
    for &id in archived.iter().take(50) {
        let (took, ()) = time(|| {
            let export = access::gather(
                &conn,
                passerelle_domain::case::CaseId(id),
                &documents,
                today(),
            )
            .unwrap();
            let pdf = passerelle_pdf::person_pdf(&export.record, &export.unreadable, &generation);
            let _ = access::zip(&export, &pdf).unwrap();
        });
        exports.push(took);
    }
    report("access export (gather, summary PDF, ZIP)", exports);
    let mut purges = Vec::new();
    for &id in &archived {
        let (took, result) = time(|| {
            retention::purge(
                &mut conn,
                "bench",
                passerelle_domain::case::CaseId(id),
                PurgeScope::Case,
                "demande d’effacement",
                &documents,
                today(),
                Utc::now(),
            )
        });
        if result.is_ok() {
            purges.push(took);
        }
        if purges.len() == 10 {
            break;
        }
    }
    report("purge of one case (erasure request)", purges);
    drop(conn);
    for suffix in ["", "-wal", "-shm", ".keys"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", copy.display()));
    }
}

/// 50 000 establishments over every Grand Est commune (the demo's twenty among them), 5 000
/// of them diagnosed (3 trades each) and 10 000 hiring needs: a region's Sirene extract and a
/// few years of census. Added once to the cached database.
fn territory_data(conn: &mut Connection) {
    use passerelle_domain::diagnostic::{Diagnostic, DiagnosticLine, Outlook, Stage};
    use passerelle_domain::establishment::Establishment;
    use passerelle_domain::need::{Contract, HiringNeed, NeedSource, NeedStatus};
    const ESTABLISHMENTS: usize = 50_000;
    let have: i64 = conn
        .query_row("SELECT count(*) FROM establishment", [], |r| r.get(0))
        .unwrap();
    if have >= ESTABLISHMENTS as i64 {
        return;
    }
    let communes: Vec<&str> = include_str!("../../../assets/reference/communes_grand_est.csv")
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .collect();
    let romes: Vec<&str> = include_str!("../../../assets/reference/rome_codes.csv")
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .filter(|c| c.starts_with('H') || c.starts_with('N') || c.starts_with('I'))
        .collect();
    let siret = |n: usize| {
        let head = format!("{:013}", 300_000_000_000 + n as u64);
        format!(
            "{head}{}",
            passerelle_domain::validate::luhn_check_digit(&head)
        )
    };
    let (took, ()) = time(|| {
        let rows: Vec<Establishment> = (0..ESTABLISHMENTS)
            .map(|n| {
                let commune = communes[n * 7 % communes.len()];
                let place = passerelle_domain::place::of_commune(commune).unwrap();
                Establishment {
                    siret: siret(n),
                    name: format!("Établissement {n}"),
                    naf: ["23.13Z", "20.14Z", "25.62B", "49.41A", "86.10Z"][n % 5].into(),
                    headcount_band: ["03", "11", "12", "21", "22"][n % 5].into(),
                    commune: commune.into(),
                    commune_name: place.name.into(),
                    epci: place.epci.into(),
                    epci_name: place.epci_name.into(),
                    territory: place.territory.into(),
                    idcc: String::new(),
                    opco: String::new(),
                    notes: String::new(),
                    source: "sirene".into(),
                    updated_at: "2026-11-28T09:00:00Z".into(),
                }
            })
            .collect();
        passerelle_storage::establishments::save_all(conn, &rows).unwrap();
        for n in (0..ESTABLISHMENTS).step_by(10) {
            let lines = (0..3)
                .map(|i| DiagnosticLine {
                    id: 0,
                    rome: romes[(n + i * 31) % romes.len()].into(),
                    appellation: String::new(),
                    headcount: 20 + (n % 40) as u32,
                    at_risk: (n % 15) as u32,
                    horizon_months: 24,
                    outlook: [Outlook::Peril, Outlook::Mutation, Outlook::Stable][i],
                    skills_at_risk: vec![],
                    skills_needed: vec![],
                    over_55: 3,
                    linked_cases: 0,
                })
                .collect();
            let d = Diagnostic {
                id: 0,
                siret: siret(n),
                date: today() - chrono::Duration::days((n % 900) as i64),
                author: "Banc d’essai".into(),
                drivers: vec!["automatisation".into()],
                horizon_months: 36,
                stage: Stage::EtatDesLieux,
                notes: String::new(),
                lines,
            };
            passerelle_storage::diagnostics::save(conn, d, today(), Utc::now()).unwrap();
        }
        let needs: Vec<HiringNeed> = (0..ESTABLISHMENTS)
            .step_by(5)
            .map(|n| HiringNeed {
                id: 0,
                siret: siret(n),
                rome: romes[(n * 13) % romes.len()].into(),
                appellation: String::new(),
                posts: 1 + (n % 6) as u32,
                contract: Contract::Cdi,
                wished_start: None,
                reconversion_open: n % 2 == 0,
                afest: false,
                status: if n % 4 == 0 {
                    NeedStatus::Pourvu
                } else {
                    NeedStatus::Ouvert
                },
                source: NeedSource::Recensement,
                campaign: "Banc d’essai".into(),
                notes: String::new(),
                recorded_on: None,
            })
            .collect();
        passerelle_storage::needs::save_all(conn, &needs, today(), Utc::now()).unwrap();
    });
    println!(
        "added {ESTABLISHMENTS} establishments, 5 000 diagnostics and 10 000 needs in {:.1} s",
        took.as_secs_f64()
    );
}

/// The Territoires screen: each territory's dashboard and one EPCI's, with the map (the
/// dashboard and the region's contours serialised as the shell sends them), and its export.
fn bench_territory(conn: &mut Connection) {
    use passerelle_domain::dashboard::Scope;
    use passerelle_storage::dashboard;
    territory_data(conn);
    let territories = [
        "warndt-naborien",
        "moselle-sud",
        "nord-est-ardennes",
        "meurthe-et-moselle",
        "metz",
    ];
    let scope = |territory: &str, epci: &str| Scope {
        territory: territory.into(),
        epci: epci.into(),
    };
    let mut samples = Vec::new();
    for round in 0..20 {
        for t in territories {
            let (took, json) = time(|| {
                let d = dashboard::dashboard(conn, &scope(t, "")).unwrap();
                serde_json::to_string(&d).unwrap()
            });
            if round == 0 {
                assert!(json.contains("\"establishments\""), "{t}");
            }
            samples.push(took);
        }
    }
    report("territory dashboard (5 territories)", samples);
    let mut samples = Vec::new();
    for _ in 0..50 {
        let (took, _) = time(|| {
            let d = dashboard::dashboard(conn, &scope("", "200068146")).unwrap();
            serde_json::to_string(&d).unwrap()
        });
        samples.push(took);
    }
    report("EPCI dashboard (CC Sarrebourg Moselle Sud)", samples);
    let mut samples = Vec::new();
    for _ in 0..20 {
        let (took, _) = time(|| {
            let d = dashboard::dashboard(conn, &scope("moselle-sud", "")).unwrap();
            let map = passerelle_domain::map::grand_est();
            (
                serde_json::to_string(&d).unwrap(),
                serde_json::to_string(map).unwrap(),
            )
        });
        samples.push(took);
    }
    report("dashboard with the map's contours", samples);
    let mut samples = Vec::new();
    for _ in 0..10 {
        let (took, bytes) = time(|| {
            let (tables, threshold, source) =
                dashboard::export_tables(conn, &scope("metz", ""), today()).unwrap();
            passerelle_sheets::xlsx(&tables, &source, threshold).unwrap()
        });
        assert!(bytes.starts_with(b"PK"));
        samples.push(took);
    }
    report("dashboard export, XLSX", samples);
}

fn main() {
    // `cargo test --benches` runs this binary without `--bench`: stay quick then.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    std::fs::create_dir_all(&dir).unwrap();
    let (path, mut conn) = big_database(&dir);
    // PASSERELLE_BENCH=privacy: retention, purge and access export only.
    if std::env::var("PASSERELLE_BENCH").is_ok_and(|b| b == "privacy") {
        bench_privacy(&dir, &path, &conn);
        return;
    }
    // PASSERELLE_BENCH=todo: only the À faire overview.
    if std::env::var("PASSERELLE_BENCH").is_ok_and(|b| b == "todo") {
        bench_todo(&conn);
        return;
    }
    // PASSERELLE_BENCH=territory: the Territoires dashboard only.
    if std::env::var("PASSERELLE_BENCH").is_ok_and(|b| b == "territory") {
        bench_territory(&mut conn);
        return;
    }
    bench_staff(&mut conn);
    // PASSERELLE_BENCH=staff: only the certification staff's view.
    if std::env::var("PASSERELLE_BENCH").is_ok_and(|b| b == "staff") {
        return;
    }
    bench_dossier(&conn);
    // PASSERELLE_BENCH=dossier: the staff view and the dossiers only.
    if std::env::var("PASSERELLE_BENCH").is_ok_and(|b| b == "dossier") {
        return;
    }
    bench_todo(&conn);
    bench_territory(&mut conn);
    bench_search(&conn);
    bench_pages(&conn);
    bench_save(&mut conn);
    bench_import(&dir);
    bench_catalogue(&dir);
}
