//! Integration: the territory side from the command line — an establishment entered by hand,
//! a diagnostic and hiring needs (JSON, then a census spreadsheet with mistakes reported by
//! line and column), a trade label, and the territory dashboard exported as XLSX with small
//! counts suppressed (read back).

use std::io::Cursor;

use crate::common::{ok, run, text};
use calamine::{Data, Reader, Xlsx};

const GLASS: &str = "73282932000074";

fn write(dir: &std::path::Path, name: &str, content: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path.to_str().unwrap().to_owned()
}

#[test]
fn a_coordinator_records_a_company_and_exports_the_territory_without_small_counts() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite3");
    let establishment = write(
        dir.path(),
        "etablissement.json",
        &format!(
            r#"{{"siret": "{GLASS}", "name": "Verrerie de la Sarre", "naf": "2313Z",
                "headcountBand": "22", "commune": "57630", "idcc": "3248", "opco": "OPCO 2i",
                "notes": "", "contacts": [{{"name": "Claire Weber", "role": "DRH", "email": "",
                "phone": "", "consentOn": "2026-03-02"}}]}}"#
        ),
    );
    let out = ok(&db, &["establishment", "add", "--json", &establishment]);
    assert!(out.contains("moselle-sud"), "{out}");

    // A diagnostic whose second line has more people at risk than employed: refused, on its line.
    let wrong = write(
        dir.path(),
        "faux.json",
        &format!(
            r#"{{"siret": "{GLASS}", "date": "2026-10-12", "author": "Cellule Moselle Sud",
                "drivers": ["automatisation"], "horizonMonths": 36, "stage": "etat_des_lieux",
                "lines": [{{"rome": "H2913", "headcount": 40, "atRisk": 12, "horizonMonths": 24,
                            "outlook": "peril"}},
                          {{"rome": "H2502", "headcount": 10, "atRisk": 11, "horizonMonths": 24,
                            "outlook": "mutation"}}]}}"#
        ),
    );
    let refused = run(&db, &["diagnostic", "add", "--json", &wrong]);
    assert!(!refused.status.success());
    let err = text(&refused.stderr);
    assert!(
        err.contains("Ligne 2 : 11 salariés exposés pour un effectif de 10"),
        "{err}"
    );
    assert!(err.contains("Rien n’a été enregistré."), "{err}");
    let right = write(
        dir.path(),
        "diag.json",
        &std::fs::read_to_string(&wrong)
            .unwrap()
            .replace("\"atRisk\": 11", "\"atRisk\": 3"),
    );
    let out = ok(&db, &["diagnostic", "add", "--json", &right]);
    assert!(out.contains("2 métiers, 15 exposés"), "{out}");

    // A census spreadsheet with two mistakes: nothing is imported, each one is located.
    let census = write(
        dir.path(),
        "recensement.csv",
        &format!(
            "SIRET;Code ROME;Postes;Contrat;Démarrage souhaité;AFEST\n\
             {GLASS};H2502;6;CDI;01/03/2027;oui\n\
             {GLASS};H25O2;2;stage;;oui\n"
        ),
    );
    let refused = run(&db, &["need", "import", &census]);
    assert!(!refused.status.success());
    let err = text(&refused.stderr);
    assert!(
        err.contains("recensement.csv:3 : colonne « Contrat » : contrat « stage » inconnu"),
        "{err}"
    );
    assert!(
        err.contains("recensement.csv:3 : colonne « Code ROME » :"),
        "{err}"
    );
    assert!(ok(&db, &["need", "list"]).contains("0 besoin(s)."));
    let census = write(
        dir.path(),
        "recensement.csv",
        &std::fs::read_to_string(&census)
            .unwrap()
            .replace("H25O2;2;stage", "H2502;2;CDD"),
    );
    assert!(ok(&db, &["need", "import", &census]).contains("2 besoins importés."));

    // The coordinator confirms the suggested label of the welders' trade.
    let out = ok(
        &db,
        &["territory", "label", "moselle-sud", "H2913", "peril"],
    );
    assert!(
        out.contains("H2913 « en péril » sur moselle-sud (suggestion : « en péril »)"),
        "{out}"
    );

    let json = ok(&db, &["territory", "dashboard", "moselle-sud", "--json"]);
    let d: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(d["establishments"], 1);
    assert_eq!(d["trades"][0]["rome"], "H2913");
    assert_eq!(d["trades"][0]["decided"]["outlook"], "peril");
    let h25 = d["families"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["family"] == "H25")
        .unwrap();
    assert_eq!(h25["openPosts"], 8);

    let xlsx = dir.path().join("territoire.xlsx");
    let csv = dir.path().join("territoire.zip");
    let out = run(
        &db,
        &[
            "territory",
            "dashboard",
            "moselle-sud",
            "--xlsx",
            xlsx.to_str().unwrap(),
            "--csv",
            csv.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(std::fs::read(&xlsx).unwrap())).unwrap();
    let mut suppressed = 0;
    let mut shown = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        for cell in range.used_cells() {
            match cell.2 {
                Data::Float(n) => {
                    assert!(*n == 0.0 || *n >= 5.0, "{name} shows {n}");
                    shown.push(*n);
                }
                Data::String(s) if s == "< 5" => suppressed += 1,
                _ => {}
            }
        }
    }
    // 1 establishment, 1 diagnosed, 1 with needs, 2 posts of H2502 in a CDD… are hidden; the
    // 40 welders and 12 at risk are not.
    assert!(suppressed >= 3, "{suppressed}");
    assert!(shown.contains(&12.0) && shown.contains(&40.0), "{shown:?}");
    assert!(std::fs::metadata(&csv).unwrap().len() > 0);
}
