//! EPCI contours (a GeoJSON `FeatureCollection` in WGS84 longitude/latitude, properties `code` =
//! SIREN and `nom`) turned into the [`RegionMap`] the app draws: projected to Lambert-93, scaled
//! into a view box 1 000 units wide (y down), rounded to a tenth of a unit.
//!
//! No per-ring simplification: the source is already simplified as a topology, and simplifying
//! each ring on its own would open gaps between neighbours. Rounding alone keeps shared borders
//! identical (the same source point always lands on the same tenth).

use std::collections::HashMap;

use passerelle_domain::map::{EpciShape, RegionMap};
use serde::Deserialize;
use serde_json::Value;

/// The attribution Licence Ouverte asks for, shown under the map.
pub const ATTRIBUTION: &str = "Contours : IGN – Admin Express COG 2018, Licence Ouverte";

/// Width of the view box, and the blank kept around the region (view units).
const WIDTH: f64 = 1000.0;
const MARGIN: f64 = 10.0;

/// Why a GeoJSON file was refused.
#[derive(Debug, thiserror::Error)]
pub enum GeoError {
    #[error("GeoJSON illisible (ligne {line}, colonne {column})")]
    Json { line: usize, column: usize },
    #[error("le fichier n’est pas une FeatureCollection GeoJSON (tableau « features » absent)")]
    NotACollection,
    #[error("la FeatureCollection ne contient aucune entité")]
    Empty,
    /// `index` counts from 0, as in `features[index]`.
    #[error("entité features[{index}] : {reason}")]
    Feature { index: usize, reason: String },
}

/// A Lambert conformal conic projection with two standard parallels (EPSG method 9802).
#[derive(Debug, Clone, Copy)]
pub struct ConicConformal {
    e: f64,
    n: f64,
    /// `a·F`: the radius factor shared by every parallel.
    af: f64,
    /// Radius of the origin's parallel.
    r0: f64,
    lon0: f64,
    false_easting: f64,
    false_northing: f64,
}

impl ConicConformal {
    /// Angles in degrees, `a` in metres. The arguments are the projection's published
    /// parameters, in the order EPSG lists them.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        a: f64,
        inverse_flattening: f64,
        parallel_1: f64,
        parallel_2: f64,
        lat0: f64,
        lon0: f64,
        false_easting: f64,
        false_northing: f64,
    ) -> Self {
        let f = 1.0 / inverse_flattening;
        let e = (2.0 * f - f * f).sqrt();
        let m = |phi: f64| phi.cos() / (1.0 - (e * phi.sin()).powi(2)).sqrt();
        let (p1, p2) = (parallel_1.to_radians(), parallel_2.to_radians());
        let n = (m(p1).ln() - m(p2).ln()) / (t(e, p1).ln() - t(e, p2).ln());
        let af = a * m(p1) / (n * t(e, p1).powf(n));
        Self {
            e,
            n,
            af,
            r0: af * t(e, lat0.to_radians()).powf(n),
            lon0: lon0.to_radians(),
            false_easting,
            false_northing,
        }
    }

    /// Easting and northing (metres) of a longitude and latitude (degrees).
    pub fn project(&self, lon: f64, lat: f64) -> (f64, f64) {
        let r = self.af * t(self.e, lat.to_radians()).powf(self.n);
        let theta = self.n * (lon.to_radians() - self.lon0);
        (
            self.false_easting + r * theta.sin(),
            self.false_northing + self.r0 - r * theta.cos(),
        )
    }
}

/// The isometric-latitude term `t` of the conic formulas.
fn t(e: f64, phi: f64) -> f64 {
    let es = e * phi.sin();
    (std::f64::consts::FRAC_PI_4 - phi / 2.0).tan() / ((1.0 - es) / (1.0 + es)).powf(e / 2.0)
}

/// Lambert-93 (EPSG:2154): GRS80, parallels 44° and 49°, origin 46.5° N 3° E, false origin
/// 700 000 m E, 6 600 000 m N.
pub fn lambert93() -> ConicConformal {
    ConicConformal::new(
        6_378_137.0,
        298.257_222_101,
        49.0,
        44.0,
        46.5,
        3.0,
        700_000.0,
        6_600_000.0,
    )
}

/// A point in tenths of a view unit: rounding to integers makes shared borders compare equal.
type Point = (i64, i64);
type Ring = Vec<Point>;

/// One feature read and projected (metres): polygons of rings, the first ring the exterior.
struct Source {
    siren: String,
    name: String,
    polygons: Vec<Vec<Vec<(f64, f64)>>>,
}

/// The centroid of every commune of a GeoJSON of commune contours (`code`: INSEE code), in
/// Lambert-93 hectometres: the area-weighted centre of its exterior rings, what straight-line
/// distances between communes are measured from (a hectometre is finer than they need).
pub fn commune_centroids(geojson: &str) -> Result<Vec<(String, i64, i64)>, GeoError> {
    let root: Value = serde_json::from_str(geojson).map_err(|e| GeoError::Json {
        line: e.line(),
        column: e.column(),
    })?;
    let features = root
        .get("features")
        .and_then(Value::as_array)
        .ok_or(GeoError::NotACollection)?;
    let projection = lambert93();
    let mut out = Vec::with_capacity(features.len());
    for (index, feature) in features.iter().enumerate() {
        let refuse = |reason: String| GeoError::Feature { index, reason };
        let source = read_feature(feature, &projection, 5).map_err(refuse)?;
        let (mut area, mut cx, mut cy) = (0.0, 0.0, 0.0);
        for ring in source.polygons.iter().filter_map(|p| p.first()) {
            for pair in ring.windows(2) {
                let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
                let cross = x0 * y1 - x1 * y0;
                area += cross;
                cx += (x0 + x1) * cross;
                cy += (y0 + y1) * cross;
            }
        }
        if area.abs() < 1.0 {
            return Err(refuse("contour d’aire nulle".into()));
        }
        let (x, y) = (cx / (3.0 * area), cy / (3.0 * area));
        out.push((
            source.siren,
            (x / 100.0).round() as i64,
            (y / 100.0).round() as i64,
        ));
    }
    out.sort();
    Ok(out)
}

/// Builds the map from the GeoJSON text; EPCIs sorted by SIREN.
pub fn build_map(geojson: &str) -> Result<RegionMap, GeoError> {
    let root: Value = serde_json::from_str(geojson).map_err(|e| GeoError::Json {
        line: e.line(),
        column: e.column(),
    })?;
    let features = root
        .get("features")
        .and_then(Value::as_array)
        .ok_or(GeoError::NotACollection)?;
    if features.is_empty() {
        return Err(GeoError::Empty);
    }
    let projection = lambert93();
    let mut sources = Vec::with_capacity(features.len());
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (index, feature) in features.iter().enumerate() {
        let refuse = |reason: String| GeoError::Feature { index, reason };
        let source = read_feature(feature, &projection, 9).map_err(refuse)?;
        if let Some(first) = seen.insert(source.siren.clone(), index) {
            return Err(refuse(format!(
                "SIREN {} déjà donné par features[{first}]",
                source.siren
            )));
        }
        sources.push(source);
    }

    // One scale for the whole region, so that neighbours share their borders.
    let points = || {
        sources
            .iter()
            .flat_map(|s| s.polygons.iter().flatten().flatten())
    };
    let (mut min_x, mut max_x, mut min_y, mut max_y) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &(x, y) in points() {
        (min_x, max_x) = (min_x.min(x), max_x.max(x));
        (min_y, max_y) = (min_y.min(y), max_y.max(y));
    }
    let scale = (WIDTH - 2.0 * MARGIN) / (max_x - min_x).max(1.0);
    let height = ((max_y - min_y) * scale + 2.0 * MARGIN).ceil();
    // Tenths of a unit, y pointing down as in SVG.
    let to_view = |&(x, y): &(f64, f64)| -> Point {
        (
            ((MARGIN + (x - min_x) * scale) * 10.0).round() as i64,
            ((MARGIN + (max_y - y) * scale) * 10.0).round() as i64,
        )
    };

    let mut epcis = Vec::with_capacity(sources.len());
    for (index, source) in sources.into_iter().enumerate() {
        let polygons: Vec<Vec<Ring>> = source
            .polygons
            .iter()
            .filter_map(|polygon| {
                let mut rings = polygon
                    .iter()
                    .map(|ring| ring.iter().map(to_view).collect());
                // An exterior that collapses takes its holes with it.
                let exterior = clean_ring(rings.next()?, true)?;
                Some(
                    std::iter::once(exterior)
                        .chain(rings.filter_map(|r| clean_ring(r, false)))
                        .collect(),
                )
            })
            .collect();
        let (label_x, label_y) = label_point(&polygons).ok_or_else(|| GeoError::Feature {
            index,
            reason: "contour réduit à rien une fois mis à l’échelle de la carte".into(),
        })?;
        epcis.push(EpciShape {
            siren: source.siren,
            name: source.name,
            path: svg_path(polygons.iter().flatten()),
            label_x,
            label_y,
        });
    }
    epcis.sort_by(|a, b| a.siren.cmp(&b.siren));
    Ok(RegionMap {
        view_box: format!("0 0 {WIDTH} {height}"),
        attribution: ATTRIBUTION.to_owned(),
        epcis,
    })
}

/// Reads one feature's SIREN, name and contours, projected. Errors in French, without the
/// index (the caller adds it).
fn read_feature(
    feature: &Value,
    projection: &ConicConformal,
    code_len: usize,
) -> Result<Source, String> {
    let properties = feature
        .get("properties")
        .and_then(Value::as_object)
        .ok_or("propriétés absentes")?;
    let siren = properties
        .get("code")
        .and_then(Value::as_str)
        .map(str::trim)
        // SIREN (9 digits) or INSEE commune code (5 characters, « 2A004 » in Corsica).
        .filter(|c| c.len() == code_len && c.bytes().all(|b| b.is_ascii_alphanumeric()))
        .ok_or_else(|| {
            format!("propriété « code » absente ou qui n’a pas {code_len} caractères")
        })?;
    let name = properties
        .get("nom")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .ok_or("propriété « nom » absente ou vide")?;
    let geometry = feature.get("geometry").ok_or("géométrie absente")?;
    let coordinates = geometry.get("coordinates").ok_or("coordonnées absentes")?;
    // Positions as arrays of numbers: a third one (altitude) is allowed and ignored.
    type Polygon = Vec<Vec<Vec<f64>>>;
    let unreadable = |_| "coordonnées illisibles".to_owned();
    let polygons: Vec<Polygon> = match geometry.get("type").and_then(Value::as_str) {
        Some("Polygon") => vec![Polygon::deserialize(coordinates).map_err(unreadable)?],
        Some("MultiPolygon") => Vec::<Polygon>::deserialize(coordinates).map_err(unreadable)?,
        other => {
            return Err(format!(
                "géométrie « {} » non prise en charge (Polygon ou MultiPolygon attendu)",
                other.unwrap_or("?")
            ));
        }
    };
    if polygons.iter().all(|p| p.is_empty()) {
        return Err("géométrie sans contour".into());
    }
    let project = |position: &Vec<f64>| match position[..] {
        [lon, lat, ..] if (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat) => {
            Ok(projection.project(lon, lat))
        }
        _ => Err("position qui n’est pas une longitude et une latitude en degrés".to_owned()),
    };
    let polygons = polygons
        .iter()
        .map(|p| {
            p.iter()
                .map(|ring| ring.iter().map(project).collect())
                .collect()
        })
        .collect::<Result<_, _>>()?;
    Ok(Source {
        siren: siren.to_owned(),
        name: name.to_owned(),
        polygons,
    })
}

/// Drops repeated points (the GeoJSON closing point too) and orients the ring for SVG's
/// non-zero fill: exteriors clockwise on screen, holes the other way. `None` when fewer than 3
/// distinct points, or no area, are left.
fn clean_ring(mut ring: Ring, exterior: bool) -> Option<Ring> {
    ring.dedup();
    while ring.len() > 1 && ring.first() == ring.last() {
        ring.pop();
    }
    let area = twice_area(&ring);
    if ring.len() < 3 || area == 0 {
        return None;
    }
    if (area > 0) != exterior {
        ring.reverse();
    }
    Some(ring)
}

/// Twice the signed area (positive: clockwise on screen, y pointing down).
fn twice_area(ring: &[Point]) -> i64 {
    edges(ring).map(|(a, b)| a.0 * b.1 - b.0 * a.1).sum()
}

/// The ring's edges, the closing one included.
fn edges(ring: &[Point]) -> impl Iterator<Item = (Point, Point)> + '_ {
    ring.iter()
        .copied()
        .zip(ring.iter().copied().cycle().skip(1))
}

/// `Mx,yl dx,dy … Z` per ring: the first point absolute, the others relative (shorter, and
/// exact since the points are integers of tenths).
fn svg_path<'a>(rings: impl Iterator<Item = &'a Ring>) -> String {
    let mut path = String::new();
    for ring in rings {
        let mut previous = ring[0];
        path.push('M');
        push_pair(&mut path, previous);
        path.push('l');
        for (i, &point) in ring.iter().enumerate().skip(1) {
            let delta = (point.0 - previous.0, point.1 - previous.1);
            // A minus sign separates numbers by itself.
            if i > 1 && delta.0 >= 0 {
                path.push(' ');
            }
            push_pair(&mut path, delta);
            previous = point;
        }
        path.push('Z');
    }
    path
}

fn push_pair(path: &mut String, (x, y): Point) {
    push_tenths(path, x);
    if y >= 0 {
        path.push(',');
    }
    push_tenths(path, y);
}

/// `123`, `-4.5`: a number of tenths written in units, no trailing `.0`.
fn push_tenths(path: &mut String, tenths: i64) {
    use std::fmt::Write;
    let sign = if tenths < 0 { "-" } else { "" };
    let (units, tenth) = (tenths.abs() / 10, tenths.abs() % 10);
    let _ = if tenth == 0 {
        write!(path, "{sign}{units}")
    } else {
        write!(path, "{sign}{units}.{tenth}")
    };
}

/// A point inside the largest polygon, in view units: its centroid when the centroid is inside
/// (most EPCIs), else the middle of the widest inside stretch of the horizontal line through
/// it (a crescent, a U). `None` when no polygon is left.
fn label_point(polygons: &[Vec<Ring>]) -> Option<(f32, f32)> {
    let largest = polygons.iter().max_by_key(|p| twice_area(&p[0]))?;
    let (mut area, mut cx, mut cy) = (0.0, 0.0, 0.0);
    for ring in largest {
        for ((x0, y0), (x1, y1)) in edges(ring) {
            let (x0, y0, x1, y1) = (x0 as f64, y0 as f64, x1 as f64, y1 as f64);
            let cross = x0 * y1 - x1 * y0;
            area += cross;
            cx += (x0 + x1) * cross;
            cy += (y0 + y1) * cross;
        }
    }
    let (cx, cy) = (cx / (3.0 * area), cy / (3.0 * area));
    let crossings = |y: f64| -> Vec<f64> {
        let mut xs: Vec<f64> = largest
            .iter()
            .flat_map(|ring| edges(ring))
            .filter(|&((_, y0), (_, y1))| (y0 as f64 > y) != (y1 as f64 > y))
            .map(|((x0, y0), (x1, y1))| {
                let (x0, y0, x1, y1) = (x0 as f64, y0 as f64, x1 as f64, y1 as f64);
                x0 + (y - y0) * (x1 - x0) / (y1 - y0)
            })
            .collect();
        xs.sort_by(f64::total_cmp);
        xs
    };
    let xs = crossings(cy);
    // Even-odd: the centroid is inside when an odd number of edges cross to its left.
    let inside = xs.iter().filter(|&&x| x < cx).count() % 2 == 1;
    let (x, y) = if inside {
        (cx, cy)
    } else {
        xs.chunks_exact(2)
            .max_by(|a, b| (a[1] - a[0]).total_cmp(&(b[1] - b[0])))
            .map(|c| ((c[0] + c[1]) / 2.0, cy))
            .unwrap_or((largest[0][0].0 as f64, largest[0][0].1 as f64))
    };
    // Tenths back to units, one decimal.
    Some(((x.round() / 10.0) as f32, (y.round() / 10.0) as f32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lambert_conic_matches_the_epsg_worked_example() {
        // EPSG Guidance Note 7-2, method 9802: NAD27 / Texas South Central, in US survey feet.
        let foot = 0.304_800_609_6;
        let texas = ConicConformal::new(
            6_378_206.4,
            294.978_698_2,
            28.0 + 23.0 / 60.0,
            30.0 + 17.0 / 60.0,
            27.0 + 50.0 / 60.0,
            -99.0,
            2_000_000.0 * foot,
            0.0,
        );
        let (e, n) = texas.project(-96.0, 28.5);
        assert!((e / foot - 2_963_503.91).abs() < 0.05, "{e}");
        assert!((n / foot - 254_759.80).abs() < 0.05, "{n}");
    }

    #[test]
    fn lambert_93_of_known_points() {
        let l93 = lambert93();
        let near = |(x, y): (f64, f64), (ex, ey): (f64, f64), tolerance: f64| {
            (x - ex).abs() < tolerance && (y - ey).abs() < tolerance
        };
        let origin = l93.project(3.0, 46.5);
        assert!(near(origin, (700_000.0, 6_600_000.0), 1e-6), "{origin:?}");
        // Paris, parvis de Notre-Dame.
        let paris = l93.project(2.35, 48.853);
        assert!(near(paris, (652_304.3, 6_861_636.3), 1.0), "{paris:?}");
        // Strasbourg cathedral.
        let strasbourg = l93.project(7.7509, 48.5819);
        assert!(
            near(strasbourg, (1_050_500.0, 6_841_000.0), 1_000.0),
            "{strasbourg:?}"
        );
    }

    const SMALL: &str = r#"{"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"code": "200000002", "nom": "CC Deux"},
         "geometry": {"type": "MultiPolygon", "coordinates": [
            [[[6.0, 48.0], [6.2, 48.0], [6.2, 48.2], [6.0, 48.2], [6.0, 48.0]]],
            [[[6.5, 48.5], [6.6, 48.5], [6.6, 48.6], [6.5, 48.5]]]]}},
        {"type": "Feature", "properties": {"code": "200000001", "nom": "CA Une"},
         "geometry": {"type": "Polygon", "coordinates": [
            [[5.0, 48.0], [6.0, 48.0], [6.0, 49.0], [5.0, 49.0], [5.0, 48.0]],
            [[5.4, 48.4], [5.6, 48.4], [5.6, 48.6], [5.4, 48.6], [5.4, 48.4]],
            [[5.9, 48.9], [5.9, 48.9], [5.9, 48.9], [5.9, 48.9]]]}}
    ]}"#;

    /// The absolute points (tenths) of each ring of a path, read back as an SVG reader would.
    fn read_path(path: &str) -> Vec<Ring> {
        let mut rings: Vec<Ring> = Vec::new();
        let (mut numbers, mut number) = (Vec::new(), String::new());
        let flush = |number: &mut String, numbers: &mut Vec<i64>| {
            if !number.is_empty() {
                numbers.push((number.parse::<f64>().unwrap() * 10.0).round() as i64);
                number.clear();
            }
        };
        for c in path.chars() {
            match c {
                'M' | 'l' | 'Z' => {
                    flush(&mut number, &mut numbers);
                    if let [x, y, deltas @ ..] = &numbers[..] {
                        let mut ring = vec![(*x, *y)];
                        for d in deltas.chunks_exact(2) {
                            let last = ring[ring.len() - 1];
                            ring.push((last.0 + d[0], last.1 + d[1]));
                        }
                        if c == 'Z' {
                            rings.push(ring);
                            numbers.clear();
                        }
                    }
                }
                '-' => {
                    flush(&mut number, &mut numbers);
                    number.push(c);
                }
                ',' | ' ' => flush(&mut number, &mut numbers),
                _ => number.push(c),
            }
        }
        rings
    }

    #[test]
    fn polygons_and_multipolygons_become_svg_paths() {
        let map = build_map(SMALL).unwrap();
        assert_eq!(map.attribution, ATTRIBUTION);
        assert!(map.view_box.starts_with("0 0 1000 "), "{}", map.view_box);
        let [one, two] = &map.epcis[..] else {
            panic!("{:?}", map.epcis)
        };
        assert_eq!(
            (one.siren.as_str(), one.name.as_str()),
            ("200000001", "CA Une")
        );
        assert_eq!(two.siren, "200000002");
        // Exterior and hole kept, the ring collapsed to one point dropped; two polygons.
        let (rings_one, rings_two) = (read_path(&one.path), read_path(&two.path));
        assert_eq!(rings_one.len(), 2, "{}", one.path);
        assert_eq!(rings_two.len(), 2, "{}", two.path);
        assert_eq!(rings_one[0].len(), 4);
        // Exterior clockwise on screen, the hole the other way (non-zero fill).
        assert!(twice_area(&rings_one[0]) > 0 && twice_area(&rings_one[1]) < 0);
        // The shared corner (6° E, 48° N) lands on the same tenth in both.
        assert!(rings_two[0].iter().any(|p| rings_one[0].contains(p)));
        let height: f32 = map.view_box.rsplit(' ').next().unwrap().parse().unwrap();
        for s in &map.epcis {
            assert!(s.path.starts_with('M') && s.path.ends_with('Z'));
            assert!(!s.path.contains(".0"), "{}", s.path);
            assert!((0.0..=1000.0).contains(&s.label_x), "{s:?}");
            assert!((0.0..=height).contains(&s.label_y), "{s:?}");
        }
    }

    #[test]
    fn label_avoids_a_hole_at_the_centroid() {
        let rectangle = |x0: i64, y0: i64, w: i64, h: i64| -> Ring {
            vec![(x0, y0), (x0 + w, y0), (x0 + w, y0 + h), (x0, y0 + h)]
        };
        let mut hole = rectangle(400, 400, 300, 200);
        hole.reverse();
        // The centroid (≈ 49.7, 50) is in the hole: the widest stretch of y = 50 is 0–40.
        let label = label_point(&[vec![rectangle(0, 0, 1000, 1000), hole]]);
        assert_eq!(label, Some((20.0, 50.0)));
        let label = label_point(&[vec![rectangle(0, 0, 1000, 1000)]]);
        assert_eq!(label, Some((50.0, 50.0)));
        // The largest polygon carries the label.
        let label = label_point(&[
            vec![rectangle(0, 0, 10, 10)],
            vec![rectangle(100, 0, 50, 50)],
        ]);
        assert_eq!(label, Some((12.5, 2.5)));
    }

    #[test]
    fn paths_are_relative_and_compact() {
        let ring: Ring = vec![(105, 20), (120, 20), (120, 5), (100, 5)];
        let path = svg_path([ring.clone()].iter());
        assert_eq!(path, "M10.5,2l1.5,0 0-1.5-2,0Z");
        assert_eq!(read_path(&path), vec![ring]);
    }

    #[test]
    fn bad_features_are_refused_with_their_index() {
        let bad = SMALL.replace(r#""code": "200000001""#, r#""code": "2000""#);
        let e = build_map(&bad).unwrap_err();
        assert!(matches!(e, GeoError::Feature { index: 1, .. }), "{e}");
        assert!(
            e.to_string()
                .starts_with("entité features[1] : propriété « code »")
        );

        let point = SMALL.replace(r#""type": "Polygon""#, r#""type": "Point""#);
        let e = build_map(&point).unwrap_err().to_string();
        assert!(e.contains("features[1]") && e.contains("« Point »"), "{e}");

        let twice = SMALL.replace("200000001", "200000002");
        let e = build_map(&twice).unwrap_err().to_string();
        assert!(
            e.contains("features[1]") && e.contains("features[0]"),
            "{e}"
        );

        let text = SMALL.replace("[[5.0, 48.0]", "[[\"5.0\", 48.0]");
        let e = build_map(&text).unwrap_err().to_string();
        assert!(e.contains("features[1] : coordonnées illisibles"), "{e}");

        let far = SMALL.replace("[6.2, 48.2]", "[6.2, 148.2]");
        let e = build_map(&far).unwrap_err().to_string();
        assert!(e.contains("features[0] : position"), "{e}");

        assert!(matches!(build_map("{"), Err(GeoError::Json { .. })));
        assert!(matches!(build_map("{}"), Err(GeoError::NotACollection)));
        let empty = r#"{"type": "FeatureCollection", "features": []}"#;
        assert!(matches!(build_map(empty), Err(GeoError::Empty)));
    }
}
