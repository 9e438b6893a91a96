//! `passerelle rome search TEXT`: the ROME 4.0 job titles (appellations) a counsellor types,
//! with their ROME code. Reads the reference shipped with the app; no database.

pub fn search(text: &str, limit: usize, json: bool) -> anyhow::Result<()> {
    let hits = passerelle_domain::rome::search_appellations(text, limit);
    if json {
        println!("{}", serde_json::to_string_pretty(&hits)?);
        return Ok(());
    }
    for a in &hits {
        println!("{}\t{}\t{}", a.rome, a.label, a.rome_label);
    }
    if hits.is_empty() {
        anyhow::bail!(
            "aucune appellation ROME ne correspond à « {} » : essayez le début d’un mot (« soud », « aide-soign »)",
            passerelle_domain::validate::excerpt(text)
        );
    }
    Ok(())
}
