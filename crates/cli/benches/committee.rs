//! Committee PDFs at the scale of a commission: one dossier, and a meeting pack of 200.
//!
//! `cargo bench -p passerelle-cli --bench committee` (release profile). A demo database of
//! 3 000 cases gives the filed PTP dossiers; fonts are parsed once (first document, reported
//! apart), then every figure is per document.

use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate, Utc};
use passerelle_domain::committee::{CommitteeKind, NewMeeting};
use passerelle_domain::ids::CaseId;
use passerelle_pdf::Generation;
use passerelle_storage::committee::{dossier, meetings};

const CASES: usize = 3_000;
const PASSPHRASE: &str = "le merle chante sur le toit de Sarrebourg";
const PACK: usize = 200;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn report(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let at = |p: f64| samples[((samples.len() as f64 - 1.0) * p).round() as usize];
    println!(
        "{name:<48} n={:<4} p50 {:>8.3} ms   p95 {:>8.3} ms   max {:>8.3} ms",
        samples.len(),
        ms(at(0.5)),
        ms(at(0.95)),
        ms(*samples.last().unwrap()),
    );
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bench.sqlite3");
    let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    // Argon2id's cost is the unlock's, measured apart: the test parameters here.
    let kdf = passerelle_storage::keys::KdfParams::TEST;
    passerelle_demo::seed_file(&db, PASSPHRASE, kdf, CASES, 2026, today).unwrap();
    let (mut conn, _) = passerelle_storage::protect::open_or_create(&db, PASSPHRASE, kdf).unwrap();
    let generation = Generation {
        at: DateTime::from_timestamp(1_795_000_000, 0).unwrap(),
        app_version: "bench".into(),
        journal_head: None,
        demo: false,
    };
    let filed: Vec<CaseId> = conn
        .prepare(
            "SELECT id FROM case_file WHERE status IN ('PTP_DOSSIER_DEPOSE', 'PTP_EN_INSTRUCTION')
             ORDER BY id",
        )
        .unwrap()
        .query_map([], |r| r.get(0).map(CaseId))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    println!("{} filed PTP dossiers in {CASES} demo cases", filed.len());

    // One dossier: the view from the database, then the PDF.
    let first = dossier::view(&conn, filed[0], false, None, &[], today).unwrap();
    let start = Instant::now();
    let _ = passerelle_pdf::dossier_pdf(&first, &generation);
    println!(
        "first dossier (fonts parsed)                     {:>8.3} ms",
        ms(start.elapsed())
    );
    let (mut views, mut pdfs, mut sizes) = (Vec::new(), Vec::new(), Vec::new());
    for (i, &id) in filed.iter().cycle().take(300).enumerate() {
        let pseudonymised = i % 2 == 1;
        let start = Instant::now();
        let view = dossier::view(&conn, id, pseudonymised, None, &[], today).unwrap();
        views.push(start.elapsed());
        let start = Instant::now();
        let bytes = passerelle_pdf::dossier_pdf(&view, &generation);
        pdfs.push(start.elapsed());
        sizes.push(bytes.len());
    }
    report("dossier view from the database", views);
    report("dossier PDF (layout + write)", pdfs);
    sizes.sort_unstable();
    println!(
        "dossier PDF size                                 min {} KB   median {} KB   max {} KB",
        sizes[0] / 1024,
        sizes[sizes.len() / 2] / 1024,
        sizes[sizes.len() - 1] / 1024
    );

    // A meeting of 200 dossiers (some filed cases are repeated in the demo only if needed).
    let meeting = meetings::create(
        &mut conn,
        "bench",
        &NewMeeting {
            kind: Some(CommitteeKind::CommissionParitaire),
            held_on: Some(today),
            place: "Metz".into(),
            members: vec!["Mme A. Martin".into()],
        },
        Utc::now(),
    )
    .unwrap();
    for &id in filed.iter().take(PACK) {
        meetings::add_case(&mut conn, "bench", meeting.id, id, Utc::now()).unwrap();
    }
    let on_agenda = filed.len().min(PACK);
    for pseudonymised in [false, true] {
        let mut totals = Vec::new();
        let mut size = 0;
        let mut pages = 0;
        for _ in 0..3 {
            let start = Instant::now();
            let pack = dossier::pack(&conn, meeting.id, pseudonymised, &[], today).unwrap();
            let bytes = passerelle_pdf::pack_pdf(&pack, &generation);
            totals.push(start.elapsed());
            size = bytes.len();
            pages = bytes.windows(10).filter(|w| w == b"/Type/Page").count()
                + bytes.windows(11).filter(|w| w == b"/Type /Page").count();
        }
        report(
            &format!(
                "meeting pack, {on_agenda} dossiers{}",
                if pseudonymised { ", pseudonymised" } else { "" }
            ),
            totals,
        );
        println!(
            "  size {:.1} MB, about {pages} pages",
            size as f64 / 1_048_576.0
        );
    }
}
