//! The France compétences import on arbitrary bytes: as a ZIP (entries read in memory, within
//! limits) or as a CSV of the export. It reports, never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use passerelle_import::{catalogue, source};

fuzz_target!(|data: &[u8]| {
    // The first byte picks the file name the parser sees, the rest is the content.
    let Some((&pick, content)) = data.split_first() else {
        return;
    };
    let names = [
        "export_fiches_CSV_Standard_2026_02_01.csv",
        "export_fiches_CSV_Blocs_De_Compétences_2026_02_01.csv",
        "export_fiches_CSV_Rome_2026_02_01.csv",
        "export-fiches-csv-2026-02-02.zip",
    ];
    let name = names[usize::from(pick) % names.len()];
    let Ok(inputs) = source::inputs_from_bytes(name, name, content.to_vec()) else {
        return;
    };
    let mut parsed = catalogue::Parsed::default();
    for input in &inputs {
        catalogue::parse_into(input, &mut parsed);
    }
    for e in &parsed.errors {
        let _ = e.to_string();
    }
});
