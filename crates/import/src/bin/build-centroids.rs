//! Builds `assets/reference/commune_centroids.csv` (`insee,x_hm,y_hm`): the centroid of each
//! Grand Est commune in Lambert-93 hectometres, from the commune contours (IGN Admin Express
//! COG, WGS84), what matching measures straight-line distances with. The asset is committed:
//! the app and its build never read the source. It was made, from the repository root, with:
//!
//! ```text
//! cargo run -p passerelle-import --bin build-centroids -- \
//!     ../shared/data/geo/communes_grand_est.geojson assets/reference/commune_centroids.csv
//! ```

use std::fmt::Write as _;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [source, out] = args.as_slice() else {
        eprintln!("usage : build-centroids SOURCE.geojson OUT.csv");
        return ExitCode::from(2);
    };
    let run = || -> Result<usize, String> {
        let text = std::fs::read_to_string(source)
            .map_err(|e| format!("{source} : lecture impossible ({e})"))?;
        let centroids = passerelle_import::geo::commune_centroids(&text)
            .map_err(|e| format!("{source} : {e}"))?;
        let mut csv = String::from("insee,x_hm,y_hm\r\n");
        for (insee, x, y) in &centroids {
            let _ = write!(csv, "{insee},{x},{y}\r\n");
        }
        std::fs::write(out, csv).map_err(|e| format!("{out} : écriture impossible ({e})"))?;
        Ok(centroids.len())
    };
    match run() {
        Ok(n) => {
            println!("{out} : {n} communes");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("build-centroids : {e}");
            ExitCode::FAILURE
        }
    }
}
