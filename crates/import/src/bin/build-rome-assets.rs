//! Builds two reference assets from the ROME 4.60 open data (France Travail, Licence Ouverte;
//! the `unix_*_v460_utf8.csv` files):
//!
//! - `rome_domains.csv` (`code,label`): the 110 professional domains (`H29`), the families that
//!   group ROME codes by their first three characters;
//! - `rome_transitions.csv`: per ROME code of `rome_codes.csv`, its distinct competences and how
//!   many are marked for the ecological (`transition_eco` = O) or digital (`transition_num` = O)
//!   transition, then its appellations and how many are « Emploi Vert » (« Emploi
//!   Verdissant » too, should a version use it: 4.60 does not) and « Emploi Brun »;
//! - `rome_appellations.csv` (`code,label,rome,rare`): the 13 120 job titles people type
//!   (« Soudeur / Soudeuse TIG ») with their ROME code, `rare` = 1 for those France Travail marks
//!   little used (`peu_usite`), which searches rank last;
//! - `rome_competences.csv`, `rome_fiches.csv`, `rome_mobilities.csv`: the compact reference
//!   matching reads (see `passerelle_import::rome`, which `passerelle rome import` shares).
//!
//! The assets are committed: the app and its build never read the source. They were made, from
//! the repository root, with:
//!
//! ```text
//! cargo run -p passerelle-import --bin build-rome-assets -- \
//!     ../shared/data/rome_v460 assets/reference
//! ```

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::process::ExitCode;

const DOMAINS: &str = "unix_domaine_professionnel_v460_utf8.csv";
const COMPETENCES: &str = "unix_referentiel_competence_v460_utf8.csv";
const LINKS: &str = "unix_liens_rome_referentiels_v460_utf8.csv";
const APPELLATIONS: &str = "unix_referentiel_appellation_v460_utf8.csv";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [rome_dir, reference_dir] = args.as_slice() else {
        eprintln!("usage : build-rome-assets DOSSIER_ROME DOSSIER_ASSETS_REFERENCE");
        return ExitCode::from(2);
    };
    match run(Path::new(rome_dir), Path::new(reference_dir)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("build-rome-assets : {e}");
            ExitCode::FAILURE
        }
    }
}

/// The named columns of every row of a CSV file, in the order asked.
fn read(path: &Path, columns: &[&str]) -> Result<Vec<Vec<String>>, String> {
    let name = path.display();
    let mut reader = csv::Reader::from_path(path).map_err(|e| format!("{name} : {e}"))?;
    let headers = reader
        .headers()
        .map_err(|e| format!("{name} : {e}"))?
        .clone();
    let indices = columns
        .iter()
        .map(|c| {
            headers
                .iter()
                .position(|h| h.trim_start_matches('\u{feff}') == *c)
                .ok_or_else(|| format!("{name} : colonne « {c} » absente"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    reader
        .records()
        .map(|r| {
            let r = r.map_err(|e| format!("{name} : {e}"))?;
            Ok(indices
                .iter()
                .map(|&i| r.get(i).unwrap_or_default().trim().to_owned())
                .collect())
        })
        .collect()
}

/// A CSV writer with the assets' conventions (`,`, CRLF like the other reference files).
fn writer(path: &Path) -> Result<csv::Writer<std::fs::File>, String> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_path(path)
        .map_err(|e| format!("{} : {e}", path.display()))
}

#[derive(Default)]
struct Counts {
    competences: BTreeSet<String>,
    eco_competences: u32,
    digital_competences: u32,
    appellations: u32,
    green_appellations: u32,
    brown_appellations: u32,
}

/// The counts of a code of `rome_codes.csv`; a code it lacks is noted, to be reported.
fn counts_of<'a>(
    counts: &'a mut BTreeMap<String, Counts>,
    unknown: &mut BTreeSet<String>,
    rome: &str,
) -> Option<&'a mut Counts> {
    let found = counts.get_mut(rome);
    if found.is_none() {
        unknown.insert(rome.to_owned());
    }
    found
}

fn run(rome_dir: &Path, reference_dir: &Path) -> Result<(), String> {
    let write_error = |e: csv::Error| format!("écriture : {e}");

    let mut domains = read(
        &rome_dir.join(DOMAINS),
        &[
            "code_domaine_professionnel",
            "libelle_domaine_professionnel",
        ],
    )?;
    domains.sort();
    let mut out = writer(&reference_dir.join("rome_domains.csv"))?;
    out.write_record(["code", "label"]).map_err(write_error)?;
    for domain in &domains {
        // The app reads these files with a plain splitter that knows quotes, not doubled ones.
        if domain[0].len() != 3 || domain[1].contains('"') {
            return Err(format!("{DOMAINS} : domaine inattendu {domain:?}"));
        }
        out.write_record(domain).map_err(write_error)?;
    }
    out.flush().map_err(|e| e.to_string())?;

    // Competence code → (ecological, digital); the other values are N or empty.
    let flags: HashMap<String, (bool, bool)> = read(
        &rome_dir.join(COMPETENCES),
        &["code_ogr", "transition_eco", "transition_num"],
    )?
    .into_iter()
    .map(|r| (r[0].clone(), (r[1] == "O", r[2] == "O")))
    .collect();

    let codes = read(&reference_dir.join("rome_codes.csv"), &["code"])?;
    let mut counts: BTreeMap<String, Counts> = codes
        .into_iter()
        .map(|r| (r[0].clone(), Counts::default()))
        .collect();
    let mut unknown = BTreeSet::new();
    // The links also point to work contexts and other items: only competences are counted.
    for link in read(&rome_dir.join(LINKS), &["code_rome", "code_ogr"])? {
        if let (Some(&(eco, digital)), Some(c)) = (
            flags.get(&link[1]),
            counts_of(&mut counts, &mut unknown, &link[0]),
        ) && c.competences.insert(link[1].clone())
        {
            c.eco_competences += u32::from(eco);
            c.digital_competences += u32::from(digital);
        }
    }
    for appellation in read(
        &rome_dir.join(APPELLATIONS),
        &["code_rome", "transition_eco"],
    )? {
        if let Some(c) = counts_of(&mut counts, &mut unknown, &appellation[0]) {
            c.appellations += 1;
            match appellation[1].as_str() {
                "Emploi Vert" | "Emploi Verdissant" => c.green_appellations += 1,
                "Emploi Brun" => c.brown_appellations += 1,
                _ => {}
            }
        }
    }
    let mut titles = read(
        &rome_dir.join(APPELLATIONS),
        &[
            "code_ogr",
            "libelle_appellation_long",
            "code_rome",
            "peu_usite",
        ],
    )?;
    titles.sort_by_key(|t| t[0].parse::<u32>().unwrap_or(u32::MAX));
    let mut out_titles = writer(&reference_dir.join("rome_appellations.csv"))?;
    out_titles
        .write_record(["code", "label", "rome", "rare"])
        .map_err(write_error)?;
    for t in &titles {
        let rare = if t[3] == "O" { "1" } else { "0" };
        out_titles
            .write_record([t[0].as_str(), t[1].as_str(), t[2].as_str(), rare])
            .map_err(write_error)?;
    }
    out_titles.flush().map_err(|e| e.to_string())?;
    if !unknown.is_empty() {
        eprintln!(
            "codes ROME absents de rome_codes.csv, ignorés : {}",
            unknown.into_iter().collect::<Vec<_>>().join(", ")
        );
    }

    let mut out = writer(&reference_dir.join("rome_transitions.csv"))?;
    out.write_record([
        "rome",
        "competences",
        "eco_competences",
        "digital_competences",
        "appellations",
        "green_appellations",
        "brown_appellations",
    ])
    .map_err(write_error)?;
    for (rome, c) in &counts {
        let numbers = [
            c.competences.len() as u32,
            c.eco_competences,
            c.digital_competences,
            c.appellations,
            c.green_appellations,
            c.brown_appellations,
        ];
        let mut record = vec![rome.clone()];
        record.extend(numbers.iter().map(u32::to_string));
        out.write_record(&record).map_err(write_error)?;
    }
    out.flush().map_err(|e| e.to_string())?;
    let compact = passerelle_import::rome::read_dir(rome_dir).map_err(|e| match e {
        passerelle_import::ImportError::Refused { errors, .. } => errors
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n"),
        other => other.to_string(),
    })?;
    for (name, text) in [
        ("rome_competences.csv", &compact.competences),
        ("rome_fiches.csv", &compact.fiches),
        ("rome_mobilities.csv", &compact.mobilities),
    ] {
        std::fs::write(reference_dir.join(name), text).map_err(|e| format!("{name} : {e}"))?;
    }
    println!(
        "{} domaines, {} codes ROME écrits dans {}",
        domains.len(),
        counts.len(),
        reference_dir.display()
    );
    Ok(())
}
