//! Integration: `passerelle rome search`, the ROME 4.0 job titles shipped with the app.

use crate::common::{cli, text};

#[test]
fn job_titles_are_found_by_the_words_people_type() {
    let out = cli()
        .args(["rome", "search", "soudeur tig"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.lines().all(|l| l.to_lowercase().contains("tig")),
        "{stdout}"
    );
    assert!(stdout.contains("H2916\t"), "{stdout}");

    let out = cli()
        .args(["rome", "search", "H2913", "--json"])
        .output()
        .unwrap();
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        hits.as_array()
            .unwrap()
            .iter()
            .all(|h| h["rome"] == "H2913")
    );
    assert_eq!(hits[0]["romeLabel"], "Soudeur / Soudeuse");

    let out = cli().args(["rome", "search", "zzqqx"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("aucune appellation ROME ne correspond à « zzqqx »"));
}
