//! The demo's certification catalogue: every fiche a story prepares, the trades (ROME) it leads
//! to, and the training that prepares it. Titles and blocs are illustrative and the codes, in the
//! RNCP / RS format, are not the real fiches': demonstration only.

use passerelle_domain::parcours::Modality::{self, Afest, Distanciel, Mixte, Presentiel};

/// The training a case follows to prepare a fiche.
pub(crate) struct Training {
    /// « Préparation au titre professionnel … ».
    pub title: &'static str,
    pub providers: &'static [&'static str],
    /// Hours, least and most, after positionnement.
    pub hours: (u32, u32),
    /// Tuition in euros, least and most.
    pub cost_euros: (u32, u32),
    pub modalities: &'static [Modality],
}

pub(crate) struct Fiche {
    pub code: &'static str,
    /// Without the « (démonstration) » the catalogue adds.
    pub title: &'static str,
    pub level: Option<u8>,
    /// The trades it prepares: every story target it is chosen for, and a few more.
    pub romes: &'static [&'static str],
    pub blocs: &'static [&'static str],
    pub training: Training,
}

const INDUSTRIE: &[&str] = &[
    "AFPA Metz",
    "Pôle formation UIMM Lorraine",
    "GRETA Lorraine Nord",
    "AFPA Charleville-Mézières",
];
const CHIMIE_ENERGIE: &[&str] = &[
    "AFPA Saint-Avold",
    "IUT de Moselle-Est, Saint-Avold",
    "GRETA Lorraine Nord",
];
const BATIMENT: &[&str] = &[
    "AFPA Nancy-Laxou",
    "GRETA Lorraine Centre",
    "CFA du BTP de Pont-à-Mousson",
];
const BOIS: &[&str] = &["AFPA Nancy-Laxou", "Lycée des métiers du bois, Remiremont"];
const TERTIAIRE: &[&str] = &["AFPA Metz", "GRETA Lorraine Nord", "IRFA Est"];
const NUMERIQUE: &[&str] = &["AFPA Nancy-Laxou", "CNAM Grand Est", "IRFA Est"];
const LOGISTIQUE: &[&str] = &["AFTRAL Metz", "Promotrans Metz", "AFPA Metz"];
const SOCIAL: &[&str] = &["Croix-Rouge compétence Grand Est, Metz", "IRTS de Lorraine"];

const ATELIER: &[Modality] = &[Presentiel, Mixte, Afest];
const CHANTIER: &[Modality] = &[Presentiel, Afest];
const SALLE: &[Modality] = &[Presentiel, Mixte];
const BUREAU: &[Modality] = &[Presentiel, Mixte, Distanciel];
const EN_CENTRE: &[Modality] = &[Presentiel];

macro_rules! fiche {
    ($code:literal, $title:literal, $level:expr, [$($rome:literal),+], [$($bloc:literal),*],
     $training:literal, $providers:expr, $hours:expr, $cost:expr, $modalities:expr) => {
        Fiche {
            code: $code,
            title: $title,
            level: $level,
            romes: &[$($rome),+],
            blocs: &[$($bloc),*],
            training: Training {
                title: $training,
                providers: $providers,
                hours: $hours,
                cost_euros: $cost,
                modalities: $modalities,
            },
        }
    };
}

pub(crate) const FICHES: &[Fiche] = &[
    // Industry.
    fiche!(
        "RNCP36210",
        "Conducteur d’installations et de machines automatisées",
        Some(3),
        ["H2906", "H2102", "H3101", "H3301"],
        [
            "Conduire une installation automatisée en production",
            "Réaliser les changements de série et les réglages courants",
            "Assurer la maintenance de premier niveau"
        ],
        "Préparation au titre professionnel Conducteur d’installations et de machines automatisées",
        INDUSTRIE,
        (600, 800),
        (7_000, 9_500),
        ATELIER
    ),
    fiche!(
        "RNCP36211",
        "Technicien d’usinage assisté par ordinateur",
        Some(4),
        ["H2903"],
        [
            "Usiner des pièces sur machines-outils conventionnelles et à commande numérique",
            "Programmer l’usinage avec un logiciel de FAO",
            "Contrôler les pièces et améliorer le processus"
        ],
        "Préparation au titre professionnel Technicien d’usinage assisté par ordinateur",
        INDUSTRIE,
        (1_100, 1_300),
        (11_000, 14_500),
        ATELIER
    ),
    fiche!(
        "RNCP36212",
        "Technicien régleur de lignes de production",
        Some(4),
        ["H2912"],
        [
            "Régler et mettre au point les équipements de production",
            "Optimiser les réglages et les changements de série",
            "Former les opérateurs au poste"
        ],
        "Préparation au titre Technicien régleur de lignes de production",
        INDUSTRIE,
        (700, 900),
        (8_000, 11_000),
        ATELIER
    ),
    fiche!(
        "RNCP36213",
        "Régleur en plasturgie",
        Some(4),
        ["H3202"],
        [
            "Monter et régler les outillages de presse",
            "Mettre au point le procédé de transformation",
            "Assurer la qualité des pièces en production"
        ],
        "Préparation au titre Régleur en plasturgie",
        INDUSTRIE,
        (600, 800),
        (7_000, 9_500),
        ATELIER
    ),
    fiche!(
        "RNCP36004",
        "Technicien de maintenance industrielle",
        Some(4),
        ["I1304", "I1310"],
        [
            "Réaliser la maintenance préventive",
            "Diagnostiquer et réparer les pannes",
            "Améliorer la fiabilité des équipements"
        ],
        "Préparation au titre professionnel Technicien de maintenance industrielle",
        INDUSTRIE,
        (1_100, 1_300),
        (11_000, 14_000),
        ATELIER
    ),
    fiche!(
        "RNCP36214",
        "Technicien supérieur en automatisme industriel",
        Some(5),
        ["I1302"],
        [
            "Diagnostiquer une installation automatisée",
            "Programmer et modifier les automates",
            "Mettre en service une installation après intervention"
        ],
        "Préparation au titre Technicien supérieur en automatisme industriel",
        INDUSTRIE,
        (1_200, 1_400),
        (12_000, 16_000),
        ATELIER
    ),
    fiche!(
        "RNCP36215",
        "Responsable de maintenance industrielle",
        Some(6),
        ["I1326", "I1332"],
        [
            "Organiser la maintenance d’un site",
            "Encadrer une équipe de techniciens",
            "Piloter le budget et les indicateurs de maintenance"
        ],
        "Préparation au titre Responsable de maintenance industrielle",
        INDUSTRIE,
        (600, 900),
        (8_000, 12_000),
        SALLE
    ),
    fiche!(
        "RNCP36239",
        "Responsable de production industrielle",
        Some(6),
        ["H2507", "H2502"],
        [
            "Organiser la production d’une ligne ou d’une unité",
            "Animer les équipes de production",
            "Conduire l’amélioration continue"
        ],
        "Préparation au titre Responsable de production industrielle",
        INDUSTRIE,
        (600, 900),
        (8_000, 12_000),
        SALLE
    ),
    fiche!(
        "RNCP36224",
        "Chaudronnier",
        Some(3),
        ["H2902"],
        [
            "Fabriquer des ensembles chaudronnés",
            "Assembler par soudage les éléments d’un ensemble"
        ],
        "Préparation au titre professionnel Chaudronnier",
        INDUSTRIE,
        (900, 1_100),
        (9_000, 12_000),
        ATELIER
    ),
    fiche!(
        "RNCP36223",
        "Tuyauteur industriel",
        Some(3),
        ["H2914"],
        [
            "Préparer et fabriquer des éléments de tuyauterie",
            "Installer et raccorder des réseaux de tuyauterie sur site"
        ],
        "Préparation au titre professionnel Tuyauteur industriel",
        INDUSTRIE,
        (700, 900),
        (8_000, 10_500),
        ATELIER
    ),
    fiche!(
        "RNCP36231",
        "Métallier",
        Some(3),
        ["H2911"],
        [
            "Fabriquer des ouvrages de métallerie en atelier",
            "Poser des ouvrages de métallerie sur chantier"
        ],
        "Préparation au titre professionnel Métallier",
        INDUSTRIE,
        (800, 1_000),
        (8_500, 11_000),
        ATELIER
    ),
    fiche!(
        "RNCP36225",
        "Contrôleur qualité en soudage et contrôles non destructifs",
        Some(4),
        ["H1506"],
        [
            "Contrôler la conformité des assemblages soudés",
            "Réaliser des contrôles non destructifs",
            "Rédiger les rapports de contrôle"
        ],
        "Préparation au titre Contrôleur qualité en soudage et contrôles non destructifs",
        INDUSTRIE,
        (400, 600),
        (6_000, 8_500),
        SALLE
    ),
    fiche!(
        "RNCP36226",
        "Dessinateur projeteur en mécanique",
        Some(5),
        ["H1203"],
        [
            "Concevoir des ensembles mécaniques en CAO",
            "Réaliser les plans de fabrication",
            "Suivre la réalisation avec l’atelier"
        ],
        "Préparation au titre Dessinateur projeteur en mécanique",
        INDUSTRIE,
        (1_100, 1_300),
        (11_000, 14_000),
        BUREAU
    ),
    fiche!(
        "RNCP36222",
        "Monteur câbleur en équipements électriques",
        Some(3),
        ["H2602"],
        [
            "Câbler des armoires et des coffrets électriques",
            "Contrôler et essayer les équipements câblés"
        ],
        "Préparation au titre professionnel Monteur câbleur en équipements électriques",
        INDUSTRIE,
        (500, 700),
        (6_000, 8_000),
        ATELIER
    ),
    // Chemistry and energy.
    fiche!(
        "RNCP36218",
        "Technicien de laboratoire d’analyses industrielles",
        Some(5),
        ["H1503", "H1530"],
        [
            "Réaliser des analyses physico-chimiques",
            "Valider et exploiter les résultats d’analyse",
            "Appliquer le système qualité du laboratoire"
        ],
        "Préparation au titre Technicien de laboratoire d’analyses industrielles",
        CHIMIE_ENERGIE,
        (1_000, 1_200),
        (10_000, 13_000),
        SALLE
    ),
    fiche!(
        "RNCP36216",
        "Technicien hygiène, sécurité, environnement",
        Some(5),
        ["H1303"],
        [
            "Évaluer les risques professionnels",
            "Animer la prévention sur le terrain",
            "Suivre la conformité environnementale d’un site"
        ],
        "Préparation au titre Technicien hygiène, sécurité, environnement",
        CHIMIE_ENERGIE,
        (800, 1_000),
        (8_500, 11_000),
        BUREAU
    ),
    fiche!(
        "RNCP36217",
        "Responsable qualité, sécurité, environnement",
        Some(6),
        ["H1502", "H1307"],
        [
            "Piloter le système de management intégré",
            "Conduire les audits et la conformité réglementaire",
            "Animer l’amélioration continue"
        ],
        "Préparation au titre Responsable qualité, sécurité, environnement",
        CHIMIE_ENERGIE,
        (500, 800),
        (7_500, 11_000),
        BUREAU
    ),
    fiche!(
        "RNCP36219",
        "Technicien d’exploitation des installations énergétiques",
        Some(4),
        ["H2701"],
        [
            "Conduire une chaufferie ou un réseau de chaleur",
            "Optimiser la performance énergétique des installations",
            "Assurer la maintenance de premier niveau"
        ],
        "Préparation au titre Technicien d’exploitation des installations énergétiques",
        CHIMIE_ENERGIE,
        (900, 1_100),
        (9_500, 12_500),
        ATELIER
    ),
    fiche!(
        "RNCP36220",
        "Électrotechnicien de maintenance",
        Some(4),
        ["I1309"],
        [
            "Maintenir les installations électriques industrielles",
            "Dépanner les équipements électrotechniques",
            "Intervenir en sécurité sur les installations sous tension"
        ],
        "Préparation au titre professionnel Électrotechnicien de maintenance",
        CHIMIE_ENERGIE,
        (1_000, 1_200),
        (10_000, 13_000),
        ATELIER
    ),
    fiche!(
        "RNCP36221",
        "Technicien de maintenance d’ascenseurs",
        Some(4),
        ["I1301"],
        [
            "Entretenir les ascenseurs et leurs équipements",
            "Diagnostiquer et réparer les pannes",
            "Travailler en sécurité en gaine et en machinerie"
        ],
        "Préparation au titre Technicien de maintenance d’ascenseurs",
        INDUSTRIE,
        (800, 1_000),
        (8_500, 11_000),
        ATELIER
    ),
    // Building and wood.
    fiche!(
        "RNCP36233",
        "Conducteur d’engins de travaux publics",
        Some(3),
        ["F1302"],
        [
            "Conduire une pelle hydraulique et un chargeur",
            "Réaliser les travaux de terrassement et de nivellement"
        ],
        "Préparation au titre professionnel Conducteur d’engins de travaux publics",
        BATIMENT,
        (600, 800),
        (8_000, 11_000),
        CHANTIER
    ),
    fiche!(
        "RNCP36234",
        "Installateur en systèmes solaires thermiques et photovoltaïques",
        Some(4),
        ["F1610"],
        [
            "Installer des systèmes photovoltaïques",
            "Installer des systèmes solaires thermiques",
            "Mettre en service et entretenir les installations"
        ],
        "Préparation au titre Installateur en systèmes solaires thermiques et photovoltaïques",
        BATIMENT,
        (500, 700),
        (6_000, 8_500),
        CHANTIER
    ),
    fiche!(
        "RNCP36235",
        "Carreleur chapiste",
        Some(3),
        ["F1608"],
        ["Réaliser des chapes", "Poser des revêtements céramiques"],
        "Préparation au titre professionnel Carreleur chapiste",
        BATIMENT,
        (700, 900),
        (7_000, 9_500),
        CHANTIER
    ),
    fiche!(
        "RNCP36232",
        "Technico-commercial",
        Some(5),
        ["D1407"],
        [
            "Prospecter et développer un portefeuille de clients",
            "Conseiller et chiffrer une solution technique"
        ],
        "Préparation au titre Technico-commercial",
        TERTIAIRE,
        (800, 1_000),
        (8_000, 10_500),
        BUREAU
    ),
    fiche!(
        "RNCP36236",
        "Technicien d’études en construction bois",
        Some(4),
        ["H2209"],
        [
            "Concevoir et dessiner des ouvrages en bois",
            "Préparer la fabrication en atelier"
        ],
        "Préparation au titre Technicien d’études en construction bois",
        BOIS,
        (900, 1_100),
        (9_000, 12_000),
        SALLE
    ),
    fiche!(
        "RNCP36237",
        "Charpentier bois",
        Some(3),
        ["F1503"],
        [
            "Tailler et fabriquer des charpentes en atelier",
            "Lever et poser des charpentes sur chantier"
        ],
        "Préparation au titre Charpentier bois",
        BOIS,
        (800, 1_000),
        (8_000, 10_500),
        CHANTIER
    ),
    fiche!(
        "RNCP36238",
        "Conducteur de machines de transformation du bois",
        Some(3),
        ["H2202"],
        [
            "Conduire des machines à bois à commande numérique",
            "Régler les outils et contrôler la production"
        ],
        "Préparation au titre Conducteur de machines de transformation du bois",
        BOIS,
        (600, 800),
        (6_500, 9_000),
        ATELIER
    ),
    // Trade, services, logistics.
    fiche!(
        "RNCP36228",
        "Secrétaire assistant",
        Some(4),
        ["M1607"],
        [
            "Assister une équipe dans la communication des informations",
            "Traiter les opérations administratives liées à la gestion commerciale et aux ressources humaines"
        ],
        "Préparation au titre professionnel Secrétaire assistant",
        TERTIAIRE,
        (700, 900),
        (6_500, 8_500),
        BUREAU
    ),
    fiche!(
        "RNCP36229",
        "Conseiller relation client à distance",
        Some(4),
        ["D1432", "D1415"],
        [
            "Conseiller des clients et traiter leurs demandes à distance",
            "Réaliser des actions commerciales en relation client à distance"
        ],
        "Préparation au titre professionnel Conseiller relation client à distance",
        TERTIAIRE,
        (600, 800),
        (6_000, 8_000),
        BUREAU
    ),
    fiche!(
        "RNCP36230",
        "Manager d’unité marchande",
        Some(5),
        ["D1502", "D1503"],
        [
            "Développer la dynamique commerciale d’un rayon",
            "Optimiser la performance économique du rayon",
            "Manager l’équipe du rayon"
        ],
        "Préparation au titre professionnel Manager d’unité marchande",
        TERTIAIRE,
        (800, 1_000),
        (8_000, 10_500),
        SALLE
    ),
    fiche!(
        "RNCP36245",
        "Agent de prévention et de sécurité",
        Some(3),
        ["K2503"],
        [
            "Prévenir les risques de malveillance et d’incendie",
            "Intervenir face à une situation d’urgence"
        ],
        "Préparation au titre Agent de prévention et de sécurité",
        TERTIAIRE,
        (180, 260),
        (2_000, 3_000),
        EN_CENTRE
    ),
    fiche!(
        "RNCP36246",
        "Agent magasinier",
        Some(3),
        ["N1110", "N1115"],
        [
            "Réceptionner et stocker les marchandises",
            "Préparer et expédier les commandes",
            "Tenir les stocks et les inventaires"
        ],
        "Préparation au titre professionnel Agent magasinier",
        LOGISTIQUE,
        (600, 750),
        (6_000, 8_000),
        SALLE
    ),
    fiche!(
        "RNCP36247",
        "Préparateur de commandes en entrepôt",
        Some(3),
        ["N1103"],
        [
            "Préparer les commandes en entrepôt",
            "Réaliser le chargement et le déchargement des véhicules"
        ],
        "Préparation au titre professionnel Préparateur de commandes en entrepôt",
        LOGISTIQUE,
        (300, 400),
        (3_000, 4_500),
        SALLE
    ),
    fiche!(
        "RS5471",
        "CACES® R489 — chariots de manutention automoteurs",
        None,
        ["N1101"],
        [],
        "Préparation au CACES® R489, catégories 1A, 3 et 5",
        LOGISTIQUE,
        (21, 35),
        (600, 1_200),
        EN_CENTRE
    ),
    fiche!(
        "RS5472",
        "Conducteur de voiture de transport avec chauffeur (VTC)",
        None,
        ["N4102"],
        [],
        "Préparation à l’examen de conducteur de VTC",
        LOGISTIQUE,
        (120, 180),
        (1_500, 2_500),
        SALLE
    ),
    fiche!(
        "RNCP36227",
        "Formateur professionnel d’adultes",
        Some(5),
        ["K2111"],
        [
            "Préparer et animer des actions de formation",
            "Construire des parcours individualisés et accompagner les apprenants"
        ],
        "Préparation au titre professionnel Formateur professionnel d’adultes",
        TERTIAIRE,
        (700, 900),
        (7_000, 9_500),
        BUREAU
    ),
    // Health and care.
    fiche!(
        "RNCP35830",
        "Aide-soignant",
        Some(4),
        ["J1501"],
        [
            "Accompagner la personne dans les actes de la vie quotidienne",
            "Évaluer l’état clinique et mettre en œuvre des soins adaptés",
            "Informer et accompagner les personnes et leur entourage",
            "Entretenir l’environnement immédiat de la personne"
        ],
        "Préparation au diplôme d’État d’aide-soignant",
        &[
            "IFAS du CHR Metz-Thionville",
            "IFAS de la Croix-Rouge, Nancy",
            "IFAS de Sarrebourg"
        ],
        (1_400, 1_540),
        (6_000, 8_000),
        EN_CENTRE
    ),
    fiche!(
        "RNCP36240",
        "Auxiliaire de puériculture",
        Some(4),
        ["J1304"],
        [
            "Accompagner l’enfant dans les activités de la vie quotidienne",
            "Évaluer l’état clinique de l’enfant et mettre en œuvre des soins adaptés",
            "Entretenir l’environnement de l’enfant"
        ],
        "Préparation au diplôme d’État d’auxiliaire de puériculture",
        &[
            "IFAP du CHR Metz-Thionville",
            "IFAP de la Croix-Rouge, Nancy"
        ],
        (1_300, 1_435),
        (6_000, 8_000),
        EN_CENTRE
    ),
    fiche!(
        "RNCP36242",
        "Infirmier",
        Some(6),
        ["J1506"],
        [
            "Évaluer une situation clinique et établir un diagnostic infirmier",
            "Mettre en œuvre des actions à visée diagnostique et thérapeutique",
            "Coordonner les soins et travailler en équipe"
        ],
        "Préparation au diplôme d’État d’infirmier (promotion professionnelle)",
        &["IFSI du CHR Metz-Thionville", "IFSI du CHRU de Nancy"],
        (4_000, 4_200),
        (24_000, 30_000),
        EN_CENTRE
    ),
    fiche!(
        "RNCP36243",
        "Cadre de santé",
        Some(6),
        ["J1502"],
        [
            "Manager une unité de soins",
            "Conduire des projets et la démarche qualité",
            "Former et accompagner les professionnels"
        ],
        "Préparation au diplôme de cadre de santé",
        &["IFCS du CHRU de Nancy"],
        (1_400, 1_500),
        (9_000, 12_000),
        EN_CENTRE
    ),
    fiche!(
        "RNCP36241",
        "Secrétaire assistant médico-administratif",
        Some(4),
        ["M1609"],
        [
            "Assurer l’accueil et le suivi administratif des patients",
            "Traiter les dossiers médicaux et la facturation des actes"
        ],
        "Préparation au titre professionnel Secrétaire assistant médico-administratif",
        TERTIAIRE,
        (900, 1_100),
        (8_000, 10_500),
        BUREAU
    ),
    fiche!(
        "RNCP36244",
        "Accompagnant éducatif et social",
        Some(3),
        ["K1306"],
        [
            "Accompagner la personne au quotidien et dans la proximité",
            "Participer à l’animation de la vie sociale et citoyenne"
        ],
        "Préparation au diplôme d’État d’accompagnant éducatif et social",
        SOCIAL,
        (1_000, 1_400),
        (5_500, 7_500),
        EN_CENTRE
    ),
    // Digital.
    fiche!(
        "RNCP34147",
        "Développeur web et web mobile",
        Some(5),
        ["M1855", "M1805"],
        [
            "Développer la partie front-end d’une application",
            "Développer la partie back-end d’une application"
        ],
        "Préparation au titre professionnel Développeur web et web mobile",
        NUMERIQUE,
        (900, 1_100),
        (8_000, 11_000),
        BUREAU
    ),
    fiche!(
        "RNCP36248",
        "Administrateur d’infrastructures sécurisées",
        Some(6),
        ["M1802", "M1854"],
        [
            "Administrer et sécuriser les infrastructures",
            "Concevoir et mettre en œuvre une solution de haute disponibilité",
            "Participer à la gestion de la cybersécurité"
        ],
        "Préparation au titre professionnel Administrateur d’infrastructures sécurisées",
        NUMERIQUE,
        (1_100, 1_300),
        (11_000, 14_000),
        BUREAU
    ),
    fiche!(
        "RNCP36249",
        "Expert en cybersécurité",
        Some(7),
        ["M1812", "M1817"],
        [
            "Analyser les risques et définir la politique de sécurité",
            "Détecter et traiter les incidents de sécurité",
            "Piloter la conformité et la sensibilisation"
        ],
        "Préparation au titre Expert en cybersécurité",
        NUMERIQUE,
        (1_200, 1_400),
        (13_000, 17_000),
        BUREAU
    ),
];

/// The fiche of a certification target: the fiche itself, or the fiche of a bloc with the
/// bloc's number (`RNCP36210BC02`: the fiche RNCP36210, bloc 2).
pub(crate) fn of_target(code: &str) -> Option<(&'static Fiche, Option<usize>)> {
    let (fiche, bloc) = match code.split_once("BC") {
        Some((fiche, bloc)) => (fiche, Some(bloc.parse::<usize>().ok()?)),
        None => (code, None),
    };
    FICHES.iter().find(|f| f.code == fiche).map(|f| (f, bloc))
}

/// The fiche of `code`.
pub(crate) fn fiche(code: &str) -> Option<&'static Fiche> {
    FICHES.iter().find(|f| f.code == code)
}
