//! The committee dossier PDF, read back with real tools (poppler, qpdf).

mod fixture;

use std::path::Path;
use std::process::Command;

use chrono::DateTime;
use passerelle_domain::committee::MeetingPack;
use passerelle_domain::committee::Variant;
use passerelle_pdf::{Generation, dossier_pdf, pack_pdf};

fn generation() -> Generation {
    Generation {
        at: DateTime::from_timestamp(1_795_000_000, 0).unwrap(),
        app_version: "0.1.0".into(),
        journal_head: None,
        demo: false,
    }
}

fn run(tool: &str, args: &[&str], file: &Path) -> String {
    let out = Command::new(tool)
        .args(args)
        .arg(file)
        .output()
        .unwrap_or_else(|e| panic!("{tool} is installed (scripts/bootstrap.sh): {e}"));
    assert!(
        out.status.success(),
        "{tool} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The `Pages:` line of `pdfinfo`'s output.
fn page_count(pdfinfo: &str) -> usize {
    pdfinfo
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count in {pdfinfo}"))
}

fn text_of(file: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(file)
        .arg("-")
        .output()
        .unwrap();
    // pdftotext turns the narrow no-break spaces of amounts into plain spaces.
    // Lines are joined (wrapped cells and paragraphs read as one phrase).
    let text = String::from_utf8(out.stdout)
        .unwrap()
        .replace(['\u{202F}', '\u{A0}'], " ");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn save(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    if let Ok(keep) = std::env::var("PASSERELLE_PDF_KEEP") {
        std::fs::write(Path::new(&keep).join(name), bytes).unwrap();
    }
    path
}

/// Text of every string the PDF holds, streams uncompressed (qpdf --qdf).
fn raw_uncompressed(file: &Path, dir: &Path) -> Vec<u8> {
    let out = dir.join("qdf.pdf");
    let status = Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable"])
        .arg(file)
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    std::fs::read(out).unwrap()
}

#[test]
fn a_full_dossier_reads_back_in_french_with_embedded_subset_fonts() {
    let dir = tempfile::tempdir().unwrap();
    let view = fixture::view(7, &Variant::Full, true);
    let bytes = dossier_pdf(&view, &generation());
    let file = save(dir.path(), "dossier.pdf", &bytes);

    let check = run("qpdf", &["--check"], &file);
    assert!(
        check.contains("No syntax or stream encoding errors found"),
        "{check}"
    );

    let text = text_of(&file);
    for expected in [
        "Dossier de transition professionnelle",
        "Mme Élodie HÉBERT",
        "12 mai 1984",
        "Métier actuel → métier visé",
        "J1501",
        "« enquête",
        "12 500,00 €",
        "800,50 €",
        "Total",
        "Montant demandé à Transitions Pro",
        "Condition d’ancienneté non exigée : oui (justificatif fourni).",
        "Score de priorité",
        "Étapes du parcours",
        "Pièces du dossier",
        "Ce qui a changé depuis la dernière séance",
        "Décision de la commission",
        "Accord partiel",
        "RNCP35830BC04",
    ] {
        assert!(
            text.contains(expected),
            "« {expected} » missing from:\n{text}"
        );
    }
    // Health detail and NIR never appear, even in the full dossier.
    assert!(!text.contains("obligation d’emploi"));
    assert!(!text.contains("284055746300464"));
    let pages = run("pdfinfo", &[], &file);
    let count = page_count(&pages);
    assert!((2..=5).contains(&count), "{count} pages");
    for n in 1..=count {
        assert!(
            text.contains(&format!("Page {n}/{count}")),
            "page {n}/{count}"
        );
    }
    assert!(
        text.contains(&view.content_hash()),
        "the footer shows the content hash"
    );
    assert!(text.contains("Généré le 18 novembre 2026"), "{text}");
    assert!(
        pages.contains("Author:          Françoise Dupré"),
        "{pages}"
    );
    assert!(
        pages.contains("Title:           Dossier de transition professionnelle — PAS-2026-00007"),
        "{pages}"
    );

    let fonts = run("pdffonts", &[], &file);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert_eq!(rows.len(), 2, "{fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type encoding emb sub uni …
        assert!(cols[0].contains('+'), "subset tag: {row}");
        assert_eq!(
            &cols[cols.len() - 5..cols.len() - 2],
            ["yes", "yes", "yes"],
            "{row}"
        );
    }
    assert!(bytes.len() < 120_000, "{} bytes", bytes.len());

    let outline = run("qpdf", &["--json", "--json-key=outlines"], &file);
    for section in [
        "1. Bénéficiaire",
        "5. Plan de financement",
        "10. Étapes du parcours",
    ] {
        assert!(
            outline.contains(section),
            "bookmark « {section} »: {outline}"
        );
    }
}

#[test]
fn a_pseudonymised_dossier_holds_no_personal_field_in_text_or_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let view = fixture::view(
        7,
        &Variant::Pseudonymised {
            pseudonym: "D-7K3Q9".into(),
        },
        true,
    );
    let bytes = dossier_pdf(&view, &generation());
    let file = save(dir.path(), "pseudonymise.pdf", &bytes);
    let text = text_of(&file);
    assert!(text.contains("D-7K3Q9"));
    assert!(!text.contains("É. H."), "no initials");
    assert!(text.contains("40 à 49 ans"));
    assert!(
        text.contains("ni nom, ni initiales"),
        "the notice on the cover"
    );
    // The watermark on every page names the meeting and the recipients.
    let info = Command::new("pdfinfo").arg(&file).output().unwrap();
    let pages: usize = String::from_utf8_lossy(&info.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap();
    let marks = text
        .matches("destinataire : Membres de la commission paritaire")
        .count();
    assert!(
        pages > 1 && marks >= pages,
        "{marks} watermarks for {pages} pages"
    );
    let raw = raw_uncompressed(&file, dir.path());
    for personal in fixture::PERSONAL {
        assert!(!text.contains(personal), "« {personal} » in the text");
        for haystack in [&bytes, &raw] {
            assert!(
                !haystack
                    .windows(personal.len())
                    .any(|w| w == personal.as_bytes()),
                "« {personal} » in the bytes"
            );
        }
        // PDF strings in UTF-16 (document information) too.
        let utf16: Vec<u8> = personal.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert!(!raw.windows(utf16.len()).any(|w| w == utf16.as_slice()));
    }
    assert!(!text.contains("Cristallerie"), "the employer is not named");
    assert!(
        text.contains("EHPAD de […]"),
        "the commune is redacted from free text: {text}"
    );
}

#[test]
fn the_same_data_and_generation_time_give_the_same_bytes() {
    let view = fixture::view(7, &Variant::Full, false);
    let a = dossier_pdf(&view, &generation());
    // Something else generated in between must not change the next output.
    let _ = dossier_pdf(&fixture::view(8, &Variant::Full, true), &generation());
    let b = dossier_pdf(&view, &generation());
    assert!(a == b, "two generations differ");
    let later = Generation {
        at: DateTime::from_timestamp(1_795_000_060, 0).unwrap(),
        app_version: "0.1.0".into(),
        journal_head: None,
        demo: false,
    };
    assert!(dossier_pdf(&view, &later) != a);
}

#[test]
fn source_date_epoch_sets_the_generation_time() {
    // The only test touching this variable.
    unsafe_free_env_check();
}

fn unsafe_free_env_check() {
    let now = DateTime::from_timestamp(2_000_000_000, 0).unwrap();
    let with = Generation::from_env_or(now, "0.1.0");
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) => assert_eq!(with.at.timestamp().to_string(), v.trim()),
        Err(_) => assert_eq!(with.at, now),
    }
}

#[test]
fn a_meeting_pack_has_a_cover_an_agenda_and_a_bookmark_per_dossier() {
    let dir = tempfile::tempdir().unwrap();
    let dossiers: Vec<_> = (1..=3)
        .map(|i| {
            fixture::view(
                i,
                &Variant::Pseudonymised {
                    pseudonym: format!("D-AAAA{i}"),
                },
                i == 2,
            )
        })
        .collect();
    let pack = MeetingPack {
        header: dossiers[0].meeting.clone().unwrap(),
        members: vec![
            "Mme A. Martin (collège employeurs)".into(),
            "M. B. Klein (collège salariés)".into(),
        ],
        pseudonymised: true,
        dossiers,
    };
    let bytes = pack_pdf(&pack, &generation());
    let file = save(dir.path(), "seance.pdf", &bytes);
    let check = run("qpdf", &["--check"], &file);
    assert!(
        check.contains("No syntax or stream encoding errors found"),
        "{check}"
    );
    let text = text_of(&file);
    assert!(text.contains("Dossiers de séance"));
    assert!(text.contains("Ordre du jour"));
    assert!(text.contains("Séance du 12 mai 2026"));
    assert!(text.contains("3 dossiers"));
    // Three times 12 500 € requested.
    assert!(text.contains("37 500,00 €"), "{text}");
    let fonts = run("pdffonts", &[], &file);
    assert_eq!(
        fonts.lines().skip(2).count(),
        2,
        "one subset per face for the whole pack: {fonts}"
    );
    let pages = page_count(&run("pdfinfo", &[], &file));
    // The cover, then at least two pages per dossier.
    assert!(pages > 3 * 2, "{pages} pages");
    assert!(
        text.contains(&format!("Page {pages}/{pages}")),
        "numbered over the whole pack"
    );
    let outline = run("qpdf", &["--json", "--json-key=outlines"], &file);
    for i in 1..=3 {
        assert!(
            outline.contains(&format!("N° {i} — D-AAAA{i}")),
            "{outline}"
        );
    }
    let raw = raw_uncompressed(&file, dir.path());
    for personal in fixture::PERSONAL {
        assert!(!text.contains(personal), "« {personal} » in the pack text");
        assert!(
            !raw.windows(personal.len())
                .any(|w| w == personal.as_bytes())
        );
    }
    assert_eq!(bytes, pack_pdf(&pack, &generation()), "deterministic");
}

/// Issue 17, item 2: a dossier made from a demonstration database says so on every page, and a
/// real one never does.
#[test]
fn a_demo_dossier_is_marked_on_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let view = fixture::view(7, &Variant::Full, true);
    let demo = save(
        dir.path(),
        "demo.pdf",
        &dossier_pdf(&view, &generation().with_demo(true)),
    );
    let pages = page_count(&run("pdfinfo", &[], &demo));
    assert!(pages >= 2, "a dossier of {pages} page(s) tests little");
    for page in 1..=pages {
        let n = page.to_string();
        let out = Command::new("pdftotext")
            .args(["-enc", "UTF-8", "-f", &n, "-l", &n])
            .arg(&demo)
            .arg("-")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("DÉMONSTRATION — données fictives"),
            "page {page}: {text}"
        );
    }
    let real = save(dir.path(), "real.pdf", &dossier_pdf(&view, &generation()));
    assert!(!text_of(&real).contains("DÉMONSTRATION"));
}
