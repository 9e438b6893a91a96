//! Integration: `passerelle establishment import|list|show` on a generated extract of the INSEE
//! Sirene stock (50 000 rows, with the official column names).

use crate::common;

use crate::common::{ok, run, text};

use std::fmt::Write as _;

use passerelle_domain::validate::luhn_check_digit;

/// A valid SIRET for establishment `n`.
fn siret(n: u64) -> String {
    let head = format!("{:013}", 100_000_000_000 + n);
    format!("{head}{}", luhn_check_digit(&head))
}

const HEADER: &str = "siren,nic,siret,statutDiffusionEtablissement,dateCreationEtablissement,trancheEffectifsEtablissement,activitePrincipaleRegistreMetiersEtablissement,etablissementSiege,enseigne1Etablissement,denominationUsuelleEtablissement,codeCommuneEtablissement,etatAdministratifEtablissement,activitePrincipaleEtablissement";

/// `rows` lines: one in ten closed, one in twenty non-diffusible, one in eight outside Grand
/// Est; the rest in Sarrebourg (Moselle Sud), Metz or Charleville-Mézières (Nord Est Ardennes).
fn stock(rows: u64) -> (String, u64) {
    let mut csv = format!("{HEADER}\n");
    let mut kept = 0;
    for n in 0..rows {
        let s = siret(n);
        let state = if n % 10 == 0 { "F" } else { "A" };
        let diffusion = if n % 20 == 1 { "P" } else { "O" };
        let commune = match n % 8 {
            0 => "75056",
            1..=3 => "57630",
            4 | 5 => "57463",
            _ => "08105",
        };
        if state == "A" && diffusion == "O" && commune != "75056" {
            kept += 1;
        }
        writeln!(
            csv,
            "{},{},{s},{diffusion},2001-05-01,{},,false,,Établissement {n},{commune},{state},{}",
            &s[..9],
            &s[9..],
            ["NN", "03", "12", "22", ""][(n % 5) as usize],
            ["23.13Z", "20.16Z", "25.62B", "35.11Z"][(n % 4) as usize],
        )
        .unwrap();
    }
    (csv, kept)
}

#[test]
fn a_sirene_extract_is_imported_placed_and_reimported() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite3");
    let (csv, kept) = stock(50_000);
    let file = dir.path().join("StockEtablissement_extrait.csv");
    std::fs::write(&file, &csv).unwrap();
    let path = file.to_str().unwrap();

    // A case whose employer is establishment 3, written before the establishment is known.
    let reference = {
        let mut conn = common::open(&db);
        let mut data = passerelle_domain::case::CaseData::default();
        data.beneficiary.birth_name = "Weber".into();
        data.beneficiary.first_names = "Paul".into();
        data.beneficiary.territory = "moselle-sud".into();
        data.situation.employer.siret = siret(3);
        let at = chrono::Utc::now();
        passerelle_storage::cases::create(&mut conn, "Agent", &data, at)
            .unwrap()
            .reference
    };

    let dry = ok(&db, &["establishment", "import", path, "--dry-run"]);
    assert!(dry.contains("rien n’a été écrit"), "{dry}");
    assert!(ok(&db, &["establishment", "list"]).contains("0 établissement(s) sur 0."));

    let out = run(&db, &["establishment", "import", path]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let done = text(&out.stdout);
    let n = passerelle_domain::i18n::format_count(kept);
    assert!(
        done.contains(&format!(
            "{n} établissements importés : {n} nouveaux, 0 mis à jour"
        )),
        "{done}"
    );
    let notes = text(&out.stderr);
    for skipped in ["fermés", "non diffusibles", "hors Grand Est"] {
        assert!(notes.contains(skipped), "{notes}");
    }

    // Placed in their territory; one shown.
    let sud = ok(
        &db,
        &[
            "establishment",
            "list",
            "--territory",
            "moselle-sud",
            "--limit",
            "3",
        ],
    );
    assert!(sud.contains("Sarrebourg"), "{sud}");
    assert!(!sud.contains("Metz"), "{sud}");
    let shown = ok(&db, &["establishment", "show", &siret(3)]);
    assert!(shown.contains("Commune : Sarrebourg (57630)"), "{shown}");
    assert!(
        shown.contains("EPCI : CC Sarrebourg Moselle Sud"),
        "{shown}"
    );
    assert!(shown.contains("Territoire : moselle-sud"), "{shown}");
    assert!(shown.contains("Activité (NAF) : 35.11Z"), "{shown}");
    // Its employees' cases, linked by SIRET.
    assert!(shown.contains("Dossiers de ses salariés : 1"), "{shown}");
    assert!(
        shown.contains(&format!("{reference}  WEBER Paul")),
        "{shown}"
    );
    assert!(
        ok(&db, &["establishment", "show", &siret(4)]).contains("Dossiers de ses salariés : 0")
    );
    let ardennes = ok(&db, &["establishment", "show", &siret(6), "--json"]);
    assert!(
        ardennes.contains("\"territory\": \"nord-est-ardennes\""),
        "{ardennes}"
    );

    // Re-imported: the same establishments are updated, none added.
    let again = ok(&db, &["establishment", "import", path]);
    assert!(
        again.contains(&format!(
            "{n} établissements importés : 0 nouveaux, {n} mis à jour"
        )),
        "{again}"
    );

    // One wrong line: refused with its line and column, nothing written.
    let mut bad = csv;
    bad.push_str(&format!(
        "{},{},{},O,2001-05-01,77,,false,,Neuve,57630,A,23.13Z\n",
        &siret(60_000)[..9],
        &siret(60_000)[9..],
        siret(60_000)
    ));
    let bad_file = dir.path().join("mauvais.csv");
    std::fs::write(&bad_file, &bad).unwrap();
    let refused = run(
        &db,
        &["establishment", "import", bad_file.to_str().unwrap()],
    );
    assert!(!refused.status.success());
    let err = text(&refused.stderr);
    assert!(
        err.contains("mauvais.csv:50002 : colonne « trancheEffectifsEtablissement »"),
        "{err}"
    );
    let unknown = run(&db, &["establishment", "show", &siret(60_000)]);
    assert!(
        !unknown.status.success(),
        "nothing of the refused file was written"
    );
}
