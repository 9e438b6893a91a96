//! Reading a large LHEO feed: 2 000 formations × 5 actions × 2 sessions (10 000 actions, 20 000
//! sessions), generated in memory like a Carif-Oref export (escaped HTML in the texts, an
//! organisme responsable per formation). The target is ≤ 3 s.
//! `cargo bench -p passerelle-import --bench lheo`.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

const FORMATIONS: usize = 2_000;
const ACTIONS: usize = 5;
const SESSIONS: usize = 2;

/// Real Grand Est communes (INSEE code, name, postcode).
const PLACES: &[(&str, &str, &str)] = &[
    ("08105", "Charleville-Mézières", "08000"),
    ("08409", "Sedan", "08200"),
    ("57463", "Metz", "57000"),
    ("54395", "Nancy", "54000"),
    ("57630", "Sarrebourg", "57400"),
    ("57227", "Forbach", "57600"),
    ("57672", "Thionville", "57100"),
];

fn feed() -> String {
    let mut xml = String::with_capacity(40 << 20);
    xml.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<lheo xmlns=\"http://lheo.gouv.fr/2.3\">\n<offres>\n");
    for f in 0..FORMATIONS {
        let _ = write!(
            xml,
            "<formation numero=\"F{f:05}\">\n<domaine-formation>\n<code-FORMACODE ref=\"V12\">31054</code-FORMACODE>\n<code-ROME>I1304</code-ROME>\n<code-ROME>H2913</code-ROME>\n</domaine-formation>\n<intitule-formation>Technicien de maintenance industrielle n° {f}</intitule-formation>\n<objectif-formation>&lt;p&gt;Assurer la maintenance &lt;b&gt;préventive&lt;/b&gt; et corrective des équipements de production.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Diagnostiquer une panne&lt;/li&gt;&lt;li&gt;Remettre en service&lt;/li&gt;&lt;/ul&gt;</objectif-formation>\n<resultats-attendus>&lt;p&gt;Titre professionnel.&lt;/p&gt;</resultats-attendus>\n<contenu-formation>&lt;p&gt;Mécanique, électricité, automatismes, hydraulique et pneumatique.&lt;/p&gt;</contenu-formation>\n<certifiante>1</certifiante>\n<contact-formation><coordonnees><telfixe><numtel>03 87 00 00 00</numtel></telfixe></coordonnees></contact-formation>\n<parcours-de-formation>1</parcours-de-formation>\n<code-niveau-entree>3</code-niveau-entree>\n<certification><code-RNCP>36004</code-RNCP></certification>\n"
        );
        for a in 0..ACTIONS {
            let (insee, city, postcode) = PLACES[(f + a) % PLACES.len()];
            let _ = write!(
                xml,
                "<action numero=\"F{f:05}-A{a}\">\n<rythme-formation>Temps plein</rythme-formation>\n<code-public-vise ref=\"V12\">80056</code-public-vise>\n<niveau-entree-obligatoire>0</niveau-entree-obligatoire>\n<modalites-alternance>Alternance centre et entreprise</modalites-alternance>\n<modalites-enseignement>{}</modalites-enseignement>\n<conditions-specifiques>Aucune</conditions-specifiques>\n<prise-en-charge-frais-possible>1</prise-en-charge-frais-possible>\n<lieu-de-formation><coordonnees><adresse><ligne>12 rue de l’Industrie</ligne><codepostal>{postcode}</codepostal><ville>{city}</ville><code-INSEE-commune>{insee}</code-INSEE-commune></adresse></coordonnees></lieu-de-formation>\n<modalites-entrees-sorties>0</modalites-entrees-sorties>\n",
                a % 3
            );
            for s in 0..SESSIONS {
                let _ = write!(
                    xml,
                    "<session numero=\"F{f:05}-A{a}-S{s}\">\n<periode><debut>2027{:02}01</debut><fin>2028{:02}28</fin></periode>\n<adresse-inscription><adresse><ligne>12 rue de l’Industrie</ligne><codepostal>{postcode}</codepostal><ville>{city}</ville></adresse></adresse-inscription>\n<etat-recrutement>{}</etat-recrutement>\n</session>\n",
                    1 + (s * 6 + a) % 12,
                    1 + (s * 5 + a) % 11,
                    1 + (f + s) % 3
                );
            }
            let _ = write!(
                xml,
                "<code-modalite-pedagogique ref=\"V12\">{}</code-modalite-pedagogique>\n<prix-total-TTC>{}.50</prix-total-TTC>\n<nombre-heures-centre>980</nombre-heures-centre>\n<nombre-heures-entreprise>420</nombre-heures-entreprise>\n<nombre-heures-total>1400</nombre-heures-total>\n<organisme-formateur><SIRET-formateur><SIRET>91234567500017</SIRET></SIRET-formateur><raison-sociale-formateur>Compétences Industrie Est</raison-sociale-formateur></organisme-formateur>\n</action>\n",
                if a == 4 { "96147" } else { "96125" },
                9_000 + f
            );
        }
        xml.push_str("<organisme-formation-responsable>\n<numero-activite>44570000057</numero-activite>\n<SIRET-organisme-formation><SIRET>91234567500017</SIRET></SIRET-organisme-formation>\n<nom-organisme>Compétences Industrie Est</nom-organisme>\n<raison-sociale>Compétences Industrie Est</raison-sociale>\n</organisme-formation-responsable>\n</formation>\n");
    }
    xml.push_str("</offres>\n</lheo>\n");
    xml
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let started = Instant::now();
    let xml = feed();
    println!(
        "feed generated: {:.1} MB in {:.0} ms",
        xml.len() as f64 / 1e6,
        started.elapsed().as_secs_f64() * 1e3
    );
    let mut samples: Vec<Duration> = Vec::new();
    for _ in 0..7 {
        let t = Instant::now();
        let formations = passerelle_import::lheo::read_lheo(xml.as_bytes(), "bench.xml")
            .unwrap_or_else(|e| panic!("{e:?}"));
        samples.push(t.elapsed());
        let actions: usize = formations.iter().map(|f| f.actions.len()).sum();
        let sessions: usize = formations.iter().map(|f| f.session_count()).sum();
        assert_eq!(
            (formations.len(), actions, sessions),
            (
                FORMATIONS,
                FORMATIONS * ACTIONS,
                FORMATIONS * ACTIONS * SESSIONS
            )
        );
    }
    samples.sort();
    let at =
        |p: f64| samples[((samples.len() - 1) as f64 * p).round() as usize].as_secs_f64() * 1e3;
    println!(
        "read_lheo, 10 000 actions / 20 000 sessions   n={}  p50 {:.0} ms   p95 {:.0} ms   max {:.0} ms   (target ≤ 3 000 ms)",
        samples.len(),
        at(0.5),
        at(0.95),
        at(1.0)
    );
    assert!(at(0.95) <= 3_000.0, "over the 3 s target");
}
