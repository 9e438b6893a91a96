//! The training-offer readers on their fixtures: an LHEO 2.3 feed of the Grand Est, Onisep's
//! real LHEO 2.2 sample, the Mon Compte Formation catalogue, and broken files.

use chrono::NaiveDate;
use passerelle_domain::training::{Formation, Origin, Recruitment, Teaching};
use passerelle_import::lheo::read_lheo;
use passerelle_import::mcf::read_mcf;
use passerelle_import::{ImportError, LineError};

const GRAND_EST: &[u8] = include_bytes!("fixtures/offre-grand-est.lheo.xml");
const ONISEP: &[u8] = include_bytes!("fixtures/exemple-bts-onisep-lheo2.2.xml");
const MCF: &[u8] = include_bytes!("fixtures/mcf-catalogue.csv");
const MCF_BAD: &[u8] = include_bytes!("fixtures/mcf-catalogue-invalide.csv");

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn refused(result: Result<Vec<Formation>, ImportError>) -> Vec<LineError> {
    match result {
        Err(ImportError::Refused { errors, .. }) => errors,
        Err(other) => panic!("unexpected error {other}"),
        Ok(f) => panic!("accepted {} formations", f.len()),
    }
}

fn formation<'f>(all: &'f [Formation], key: &str) -> &'f Formation {
    all.iter().find(|f| f.key == key).unwrap()
}

/// The line of the first occurrence of `needle` in a text.
fn line_of(text: &str, needle: &str) -> u64 {
    let at = text.find(needle).unwrap();
    1 + text[..at].matches('\n').count() as u64
}

#[test]
fn the_grand_est_feed_is_read_whole() {
    let all = read_lheo(GRAND_EST, "offre-grand-est.lheo.xml").unwrap();
    assert_eq!(all.len(), 6);
    let actions: usize = all.iter().map(|f| f.actions.len()).sum();
    let sessions: usize = all.iter().map(Formation::session_count).sum();
    assert_eq!((actions, sessions), (10, 14));
    assert!(all.iter().all(|f| f.origin == Origin::Lheo));

    let maintenance = formation(&all, "GE-2027-MAINT-01");
    assert_eq!(maintenance.title, "Technicien de maintenance industrielle");
    assert_eq!(maintenance.romes, ["I1304", "I1310"]);
    assert_eq!(maintenance.formacodes, ["31088", "24431"]);
    assert_eq!(
        maintenance.certifications,
        ["RNCP36004"],
        "digits get their prefix"
    );
    assert_eq!(maintenance.blocs, ["RNCP36004BC01", "RNCP36004BC02"]);
    assert_eq!(
        maintenance.objective,
        "Assurer la maintenance préventive et corrective des équipements de production :\n\
         - diagnostiquer une panne mécanique, électrique ou pneumatique ;\n\
         - remettre l’équipement en service en sécurité."
    );
    let [charleville, metz] = &maintenance.actions[..] else {
        panic!("two actions");
    };
    assert_eq!(charleville.key, "GE-2027-MAINT-01-A1");
    assert_eq!(
        (charleville.commune.as_str(), charleville.place.as_str()),
        ("08105", "Charleville-Mézières")
    );
    assert_eq!(charleville.teaching, Some(Teaching::Presentiel));
    assert!(!charleville.afest && !charleville.chantier_ecole);
    assert_eq!(
        (
            charleville.hours_centre,
            charleville.hours_company,
            charleville.hours_total
        ),
        (Some(980), Some(420), Some(1400))
    );
    assert_eq!(charleville.price_cents, Some(1_456_000));
    assert_eq!(charleville.provider.siret, "91234567500017");
    assert_eq!(charleville.provider.name, "Ardennes Compétences Industrie");
    let s = &charleville.sessions;
    assert_eq!(s.len(), 2);
    assert_eq!(s[0].key, "GE-2027-MAINT-01-A1-S1");
    assert_eq!(
        (s[0].start, s[0].end, s[0].recruitment),
        (
            date(2027, 1, 11),
            date(2027, 10, 29),
            Some(Recruitment::Open)
        )
    );
    assert_eq!(s[1].recruitment, Some(Recruitment::Suspended));
    // The AFEST action names no trainer: the organisme responsable stands in.
    assert!(metz.afest && !metz.chantier_ecole);
    assert_eq!(metz.commune, "57463");
    assert_eq!(metz.provider.siret, "91234567500017");
    assert_eq!(
        (metz.hours_centre, metz.hours_company, metz.price_cents),
        (Some(210), Some(1190), Some(980_000))
    );

    let welding = formation(&all, "GE-2027-SOUD-02");
    assert_eq!(welding.certifications, ["RNCP37846"]);
    let [forbach, sarrebourg] = &welding.actions[..] else {
        panic!("two actions");
    };
    assert_eq!(forbach.commune, "57227");
    assert_eq!(forbach.sessions[0].recruitment, Some(Recruitment::Closed));
    assert_eq!(sarrebourg.commune, "57630");
    assert_eq!(sarrebourg.teaching, Some(Teaching::Mixte));
    assert_eq!(sarrebourg.price_cents, Some(725_050));
    assert_eq!(sarrebourg.provider.name, "Sarrebourg Formation Continue");
    assert_eq!(
        welding.objective.matches("TIG").count(),
        1,
        "inline tags dropped"
    );

    let care = formation(&all, "GE-2027-AS-03");
    assert_eq!(care.certifications, ["RNCP35830"]);
    assert_eq!(care.romes, ["J1501"]);
    assert_eq!(care.blocs.len(), 5, "blocs of both actions, once each");
    let nancy = &care.actions[0];
    assert_eq!(
        (nancy.commune.as_str(), nancy.place.as_str()),
        ("54395", "Nancy")
    );
    assert_eq!(
        (nancy.sessions[1].start, nancy.sessions[1].end),
        (date(2028, 1, 3), None),
        "99999999: end unknown"
    );
    assert_eq!(care.actions[1].commune, "08409");

    let line = formation(&all, "GE-2027-CDL-04");
    assert_eq!(line.certifications, ["RS6123"]);
    assert!(line.objective.contains("premier niveau & amélioration"));
    let distance = &line.actions[0];
    assert_eq!(distance.teaching, Some(Teaching::Distance));
    assert_eq!(distance.commune, "", "at a distance: no commune");
    assert_eq!(distance.place, "Metz");
    assert_eq!(
        (
            distance.sessions[0].start,
            distance.sessions[0].end,
            distance.hours_company
        ),
        (None, None, None)
    );

    let logistics = formation(&all, "GE-2027-LOG-05");
    assert_eq!(logistics.certifications, ["RNCP38413"]);
    assert_eq!(logistics.actions[0].commune, "57672");
    assert_eq!(
        logistics.actions[0]
            .sessions
            .iter()
            .map(|s| s.recruitment)
            .collect::<Vec<_>>(),
        [Some(Recruitment::Closed), Some(Recruitment::Open)]
    );

    let site = formation(&all, "GE-2027-BAT-06");
    assert!(site.certifications.is_empty());
    let sedan = &site.actions[0];
    assert!(sedan.chantier_ecole && !sedan.afest);
    assert_eq!(sedan.price_cents, Some(0));
    assert_eq!(
        (sedan.sessions[0].start, sedan.sessions[0].end),
        (date(2027, 3, 1), date(2027, 9, 30)),
        "month-only dates: first and last day"
    );

    // Every modality, every recruitment state, one AFEST and one chantier école.
    let every_action = || all.iter().flat_map(|f| &f.actions);
    for t in [Teaching::Presentiel, Teaching::Mixte, Teaching::Distance] {
        assert!(every_action().any(|a| a.teaching == Some(t)), "{t:?}");
    }
    for r in [
        Recruitment::Open,
        Recruitment::Closed,
        Recruitment::Suspended,
    ] {
        assert!(
            every_action().any(|a| a.sessions.iter().any(|s| s.recruitment == Some(r))),
            "{r:?}"
        );
    }
    assert_eq!(every_action().filter(|a| a.afest).count(), 1);
    assert_eq!(every_action().filter(|a| a.chantier_ecole).count(), 1);
}

#[test]
fn onisep_real_lheo_2_2_sample_is_read() {
    let all = read_lheo(ONISEP, "exemple-bts-onisep-lheo2.2.xml").unwrap();
    let [bts] = &all[..] else {
        panic!("one formation");
    };
    assert_eq!(bts.key, "9436_18706");
    assert_eq!(bts.title, "BTS négociation et relation client");
    assert_eq!(bts.certifications, ["RNCP474"], "CERTIFINFO ignored");
    assert_eq!(bts.romes, ["D1402", "D1403", "D1408"]);
    assert_eq!(
        bts.formacodes,
        ["34582", "34076"],
        "not the organisme's potentiel"
    );
    assert!(
        bts.objective
            .starts_with("A la fois vendeur, manager et commercial, le technicien supérieur"),
        "{}",
        bts.objective
    );
    assert!(!bts.objective.contains('<') && !bts.objective.contains("&lt;"));
    let [action] = &bts.actions[..] else {
        panic!("one action");
    };
    assert_eq!(action.teaching, Some(Teaching::Presentiel));
    assert_eq!(
        (action.commune.as_str(), action.place.as_str()),
        ("29233", "QUIMPERLÉ")
    );
    assert_eq!((action.hours_total, action.price_cents), (None, None));
    // No organisme formateur: the responsable, whose raison sociale is « - », by its name.
    assert_eq!(action.provider.siret, "19290076900014");
    assert_eq!(action.provider.name, "Lycée Kerneuzec");
    let [session] = &action.sessions[..] else {
        panic!("one session");
    };
    assert_eq!(
        (session.start, session.end, session.recruitment),
        (date(2015, 9, 1), date(2017, 8, 31), None)
    );
}

#[test]
fn lheo_without_namespace_and_in_latin_1_is_read() {
    let text = String::from_utf8(GRAND_EST.to_vec())
        .unwrap()
        .replace(" xmlns=\"http://lheo.gouv.fr/2.3\"", "")
        .replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"")
        .replace(['’', '–', '…'], "'")
        .replace('œ', "oe");
    let latin1: Vec<u8> = text
        .chars()
        .map(|c| u8::try_from(u32::from(c)).expect("a Latin-1 character"))
        .collect();
    let all = read_lheo(&latin1, "offre.xml").unwrap();
    assert_eq!(all.len(), 6);
    assert_eq!(all[0].actions[0].place, "Charleville-Mézières");
}

#[test]
fn malformed_xml_is_refused_with_its_line() {
    let text = std::str::from_utf8(GRAND_EST).unwrap();
    // A session closed by the wrong tag, far into the file.
    let target = "<etat-recrutement>2</etat-recrutement>\n        </session>";
    let broken = text.replacen(
        target,
        "<etat-recrutement>2</etat-recrutement>\n        </sesion>",
        1,
    );
    let errors = refused(read_lheo(broken.as_bytes(), "offre.xml"));
    assert_eq!(errors.len(), 1, "{errors:?}");
    let expected = line_of(text, target) + 1;
    assert_eq!(errors[0].line, expected, "{}", errors[0]);
    assert!(
        errors[0].reason.starts_with("XML mal formé"),
        "{}",
        errors[0]
    );
    assert!(errors[0].reason.contains("« </sesion> »"), "{}", errors[0]);
    assert!(
        errors[0]
            .to_string()
            .starts_with(&format!("offre.xml:{expected} : XML mal formé")),
        "{}",
        errors[0]
    );

    // A truncated file: the element left open is named, at its line.
    let cut = &text[..text.find("<formation numero=\"GE-2027-LOG-05\">").unwrap() + 200];
    let errors = refused(read_lheo(cut.as_bytes(), "offre.xml"));
    assert!(
        errors.iter().any(|e| e.reason.contains("jamais fermé")),
        "{errors:?}"
    );

    let errors = refused(read_lheo(b"<html><body>Bonjour</body></html>", "page.xml"));
    assert!(
        errors[0].reason.contains("n’est pas un flux LHEO"),
        "{errors:?}"
    );
    let errors = refused(read_lheo(b"<lheo><offres>&nbsp;</offres></lheo>", "f.xml"));
    assert!(errors[0].reason.contains("« &nbsp; »"), "{errors:?}");
    let errors = refused(read_lheo(b"", "vide.xml"));
    assert!(errors[0].reason.contains("vide"), "{errors:?}");
}

#[test]
fn missing_mandatory_elements_are_named_with_their_lines() {
    let text = std::str::from_utf8(GRAND_EST).unwrap();
    // The title of the third formation removed, and the start of a session.
    let title = "<intitule-formation>Diplôme d’État d’aide-soignant</intitule-formation>\n";
    let start = "<debut>20270913</debut>\n";
    let broken = text.replacen(title, "", 1).replacen(start, "", 1);
    let errors = refused(read_lheo(broken.as_bytes(), "offre.xml"));
    assert_eq!(errors.len(), 2, "{errors:?}");
    // In file order: the session (second formation), then the title (third).
    assert_eq!(
        errors[0].line,
        line_of(text, start) - 1,
        "the periode's line"
    );
    assert_eq!(
        errors[0].reason,
        "session « GE-2027-SOUD-02-A2-S2 » : élément « debut » absent dans « periode » ; il est obligatoire (00000000 si la date est inconnue)"
    );
    // The formation's start tag is one line higher once the debut line is gone.
    let formation_line = line_of(text, "<formation numero=\"GE-2027-AS-03\">") - 1;
    assert_eq!(errors[1].line, formation_line);
    assert_eq!(
        errors[1].to_string(),
        format!(
            "offre.xml:{formation_line} : formation « GE-2027-AS-03 » : élément « intitule-formation » absent ; il est obligatoire"
        )
    );

    // An action without session, a formation without action, a duplicate numero, a bad date.
    let xml = "<?xml version=\"1.0\"?>\n<lheo xmlns=\"http://www.lheo.org/2.2\">\n<offres>\n\
<formation numero=\"A\">\n<intitule-formation>Soudage</intitule-formation>\n\
<action numero=\"A1\">\n<modalites-enseignement>0</modalites-enseignement>\n</action>\n</formation>\n\
<formation numero=\"B\">\n<intitule-formation>Cariste</intitule-formation>\n</formation>\n\
<formation numero=\"A\">\n<intitule-formation>Soudage bis</intitule-formation>\n\
<action>\n<session>\n<periode><debut>2027-13-01</debut><fin>99999999</fin></periode>\n\
<etat-recrutement>4</etat-recrutement>\n</session>\n<session/>\n</action>\n</formation>\n\
</offres>\n</lheo>\n";
    let errors = refused(read_lheo(xml.as_bytes(), "petit.xml"));
    let found: Vec<(u64, &str)> = errors.iter().map(|e| (e.line, e.reason.as_str())).collect();
    let expect = [
        (6, "action « A1 » : aucune « session »"),
        (10, "formation « B » : aucune « action »"),
        (17, "« debut » : date « 2027-13-01 » illisible"),
        (18, "« etat-recrutement » : « 4 » inconnu"),
        (20, "session n° 2 : élément « periode » absent"),
        (
            13,
            "formation « A » : numéro de formation en double dans le fichier (déjà ligne 4)",
        ),
    ];
    assert_eq!(found.len(), expect.len(), "{found:#?}");
    for ((line, reason), (want_line, want)) in found.iter().zip(expect) {
        assert_eq!(*line, want_line, "{reason}");
        assert!(reason.starts_with(want), "{reason} ≠ {want}");
    }
}

#[test]
fn the_mcf_catalogue_is_read_one_formation_per_line() {
    let all = read_mcf(MCF, "mcf-catalogue.csv").unwrap();
    assert_eq!(all.len(), 12);
    assert!(all.iter().all(|f| f.origin == Origin::MonCompteFormation));
    assert!(all.iter().all(|f| {
        f.actions.len() == 1
            && f.actions[0].sessions.len() == 1
            && f.actions[0].sessions[0].start.is_none()
            && f.actions[0].sessions[0].end.is_none()
            && f.actions[0].sessions[0].recruitment.is_none()
    }));

    let care = formation(&all, "97123456200017_AS-2027");
    assert_eq!(care.title, "Préparation au diplôme d’État d’aide-soignant");
    assert_eq!(care.certifications, ["RNCP35830"]);
    assert_eq!(care.formacodes, ["43436"]);
    let a = &care.actions[0];
    assert_eq!(a.teaching, Some(Teaching::Presentiel));
    assert_eq!((a.hours_total, a.price_cents), (Some(1540), Some(693_000)));
    assert_eq!(a.provider.siret, "97123456200017");
    assert_eq!(a.provider.name, "Forma Sud Ardennes");
    assert_eq!(a.place, "Ardennes");

    // The same formation in two departments: two keys.
    let moselle = formation(&all, "97234567200018_HAB-B1V");
    assert_eq!(moselle.certifications, ["RS5678"], "« -1 » is no RNCP code");
    assert_eq!(
        (
            moselle.actions[0].hours_total,
            moselle.actions[0].price_cents
        ),
        (Some(21), Some(59_000))
    );
    formation(&all, "97234567200018_HAB-B1V@54");

    let web = formation(&all, "97345678300016_DWWM");
    assert_eq!(web.actions[0].teaching, Some(Teaching::Distance));
    assert_eq!(web.formacodes, ["31054", "46254"]);
    let welding = formation(&all, "97456789300017_SAI");
    assert_eq!(welding.actions[0].teaching, Some(Teaching::Mixte));
    assert_eq!(welding.certifications, ["RNCP37846"]);
    assert_eq!(
        welding.actions[0].price_cents,
        Some(1_045_050),
        "« 10 450,50 »"
    );
    assert_eq!(
        formation(&all, "97456789300017_TIG").certifications,
        ["RS6123"]
    );

    // No numero: a key from the SIRET, the title and the certification.
    let spreadsheet = all
        .iter()
        .find(|f| f.title == "Tableur : les fonctions avancées")
        .unwrap();
    assert_eq!(
        spreadsheet.key,
        "97789123300016|tableur___les_fonctions_avancees|RS5252"
    );
    // No mean hours: the maximum; no price: none.
    let cima = formation(&all, "91234567500017_CIMA");
    assert!(cima.certifications.is_empty());
    assert_eq!(
        (cima.actions[0].hours_total, cima.actions[0].price_cents),
        (Some(840), None)
    );
}

#[test]
fn wrong_mcf_cells_are_reported_by_line_and_column() {
    let errors = refused(read_mcf(MCF_BAD, "mcf-catalogue-invalide.csv"));
    let found: Vec<String> = errors
        .iter()
        .map(|e| format!("{}:{}", e.line, e.column))
        .collect();
    assert_eq!(
        found,
        [
            "2:siret",
            "3:code_rncp",
            "3:code_formacode_1",
            "3:nombre_heures_total_mean",
            "3:frais_ttc_tot_mean",
            "3:nb_session_a_distance",
            "4:intitule_formation",
            "5:numero_formation",
        ],
        "{errors:#?}"
    );
    assert_eq!(
        errors[0].to_string(),
        "mcf-catalogue-invalide.csv:2 : colonne « siret » : SIRET « 9712345620001 » invalide : 14 chiffres attendus"
    );
    assert!(errors[7].reason.contains("déjà ligne 3"), "{}", errors[7]);

    let errors = refused(read_mcf(b"siret;nom_of\n1;2\n", "autre.csv"));
    assert_eq!(errors[0].line, 1);
    assert!(
        errors[0].reason.contains("intitule_formation"),
        "{}",
        errors[0]
    );
}
