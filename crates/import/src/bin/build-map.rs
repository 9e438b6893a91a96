//! Builds `assets/geo/epci_grand_est.json`, the EPCI map the app draws (a
//! `passerelle_domain::map::RegionMap`), from a GeoJSON of the Grand Est EPCI contours (IGN
//! Admin Express COG 2018, already simplified as a topology, WGS84). The asset is committed: the
//! app and its build never read the source. It was made, from the repository root, with:
//!
//! ```text
//! cargo run -p passerelle-import --bin build-map -- \
//!     ../shared/data/geo/epci_grand_est.geojson assets/geo/epci_grand_est.json
//! ```

use std::process::ExitCode;

use passerelle_import::geo::build_map;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [source, out] = args.as_slice() else {
        eprintln!("usage : build-map SOURCE.geojson OUT.json");
        return ExitCode::from(2);
    };
    match run(source, out) {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("build-map : {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(source: &str, out: &str) -> Result<String, String> {
    let text = std::fs::read_to_string(source)
        .map_err(|e| format!("{source} : lecture impossible ({e})"))?;
    let map = build_map(&text).map_err(|e| format!("{source} : {e}"))?;
    // Compact: the app embeds the file, and shared borders make it compress well anyway.
    let json = serde_json::to_string(&map).map_err(|e| format!("écriture JSON : {e}"))?;
    std::fs::write(out, json + "\n").map_err(|e| format!("{out} : écriture impossible ({e})"))?;
    Ok(format!(
        "{out} : {} EPCI, viewBox « {} »",
        map.epcis.len(),
        map.view_box
    ))
}
