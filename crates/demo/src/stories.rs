//! The stories the demo cases tell: for every trade of the demo employers, the job title its
//! holders have and the moves a counsellor would build with them — a target trade among the
//! trade's ROME 4.0 mobilities (`rome_mobilities.csv`, low ranks first), the certification of
//! the demo catalogue that prepares it, and the motive that says why.

pub(crate) struct Story {
    /// The current trade (ROME 4.0), one of the employers' `trades`.
    pub rome: &'static str,
    /// A job title of the trade, as the ROME appellations write it (`rome_appellations.csv`,
    /// not marked rare).
    pub title: &'static str,
    pub moves: &'static [Move],
}

pub(crate) struct Move {
    /// A ROME 4.0 mobility of the current trade.
    pub target: &'static str,
    /// A fiche of [`crate::catalogue::FICHES`] that lists `target`.
    pub certification: &'static str,
    pub motive: &'static str,
}

macro_rules! story {
    ($rome:literal, $title:literal, [$(($target:literal, $certification:literal, $motive:literal)),+ $(,)?]) => {
        Story {
            rome: $rome,
            title: $title,
            moves: &[$(Move {
                target: $target,
                certification: $certification,
                motive: $motive,
            }),+],
        }
    };
}

pub(crate) const STORIES: &[Story] = &[
    // Hypermarché des Trois Frontières (Metz): caisses automatiques, commandes en ligne.
    story!(
        "D1505",
        "Hôte / Hôtesse de caisse",
        [
            (
                "M1607",
                "RNCP36228",
                "Les caisses automatiques réduisent les postes en ligne de caisse ; vise le secrétariat, où son sens de l’accueil et sa rigueur sur les encaissements comptent."
            ),
            (
                "D1432",
                "RNCP36229",
                "Caisses en libre-service généralisées dans le magasin ; vise la relation client à distance, qui recrute dans les centres de contacts du bassin messin."
            ),
        ]
    ),
    story!(
        "D1507",
        "Employé / Employée de rayon",
        [
            (
                "D1502",
                "RNCP36230",
                "Remplace le chef de rayon frais depuis deux ans ; vise l’encadrement d’un rayon, avec un titre qui reconnaît ces responsabilités."
            ),
            (
                "D1503",
                "RNCP36230",
                "Rayon bazar réorganisé avec le drive ; vise le poste de chef de rayon, que l’enseigne ouvre aux employés formés au management."
            ),
        ]
    ),
    // Bâtiment Lorrain.
    story!(
        "F1607",
        "Menuisier / Menuisière aluminium",
        [
            (
                "H2911",
                "RNCP36231",
                "Souhaite passer de la pose sur chantier à la fabrication en atelier ; la métallerie prolonge son savoir-faire de l’aluminium."
            ),
            (
                "D1407",
                "RNCP36232",
                "Vingt ans de pose et l’envie de conseiller ; vise la vente technique de menuiseries, où sa connaissance des chantiers rassure les clients."
            ),
        ]
    ),
    story!(
        "F1701",
        "Coffreur / Coffreuse",
        [(
            "F1302",
            "RNCP36233",
            "Port de banches et travail en hauteur usants après quinze ans ; vise la conduite d’engins, moins pénible et recherchée par les entreprises de travaux publics."
        )]
    ),
    story!(
        "F1703",
        "Maçon / Maçonne",
        [
            (
                "F1608",
                "RNCP36235",
                "Gros œuvre en recul sur le bassin ; vise le carrelage, un second œuvre où ses bases de maçonnerie sont reconnues."
            ),
            (
                "F1610",
                "RNCP36234",
                "Veut rester dans le bâtiment en quittant le gros œuvre ; vise la pose de panneaux solaires, portée par la rénovation énergétique."
            ),
        ]
    ),
    // Hydrogène du Warndt.
    story!(
        "H1241",
        "Architecte système hydrogène",
        [
            (
                "H1502",
                "RNCP36217",
                "Souhaite quitter la conception pour la maîtrise des risques ; vise la qualité et la sécurité, que les installations hydrogène doivent prouver à chaque audit."
            ),
            (
                "K2111",
                "RNCP36227",
                "Veut transmettre son expertise de l’hydrogène ; vise le métier de formateur, alors que les centres de formation du Warndt ouvrent des parcours pour la filière."
            ),
        ]
    ),
    // Chimie Carling Services: fin du charbon, décarbonation.
    story!(
        "H1531",
        "Opérateur / Opératrice d'analyse de laboratoire",
        [
            (
                "H1503",
                "RNCP36218",
                "Le laboratoire de la plateforme réduit ses analyses avec l’arrêt des unités liées au charbon ; vise le poste de technicien, avec un titre de niveau 5."
            ),
            (
                "H1530",
                "RNCP36218",
                "Veut quitter la chimie du charbon pour l’environnement ; vise le contrôle de la qualité de l’eau, avec un titre de technicien de laboratoire."
            ),
        ]
    ),
    // Scierie des Vosges mosellanes.
    story!(
        "H2206",
        "Menuisier / Menuisière d'atelier",
        [
            (
                "H2209",
                "RNCP36236",
                "Veut passer de l’établi au bureau d’études ; sa connaissance des assemblages est recherchée pour dessiner les ossatures bois."
            ),
            (
                "F1503",
                "RNCP36237",
                "La construction bois recrute autour du massif vosgien ; vise la charpente, où son travail du bois massif se prolonge sur les chantiers."
            ),
        ]
    ),
    story!(
        "H2211",
        "Scieur / Scieuse bois",
        [
            (
                "H2202",
                "RNCP36238",
                "La nouvelle ligne de sciage est pilotée par ordinateur ; vise la conduite de machines à bois numériques plutôt que le sciage manuel."
            ),
            (
                "N1101",
                "RS5471",
                "Blessure au poignet incompatible avec le sciage ; vise la conduite de chariots élévateurs sur le parc, avec le CACES R489."
            ),
            (
                "I1304",
                "RNCP36004",
                "Le sciage s’automatise ; vise la maintenance des lignes, que les scieries du secteur peinent à recruter."
            ),
        ]
    ),
    story!(
        "H2301",
        "Pilote d'installation des industries chimiques",
        [
            (
                "H1503",
                "RNCP36218",
                "Connaît les procédés de la plateforme de l’intérieur ; vise le laboratoire de contrôle, moins exposé à l’arrêt des unités charbon."
            ),
            (
                "I1302",
                "RNCP36214",
                "Les unités liées au charbon ferment une à une ; vise la maintenance des installations automatisées, qui suit la reconversion de la plateforme."
            ),
        ]
    ),
    story!(
        "H2304",
        "Opérateur / Opératrice de fabrication des industries chimiques",
        [
            (
                "I1304",
                "RNCP36004",
                "Unité de fabrication menacée par la fin du charbon sur la plateforme ; vise la maintenance industrielle, qui recrute dans la chimie et l’hydrogène du bassin."
            ),
            (
                "H1303",
                "RNCP36216",
                "Sauveteur secouriste du travail et membre de la CSSCT depuis dix ans ; vise la prévention des risques, dont la plateforme reconvertie aura besoin."
            ),
        ]
    ),
    // Énergie Saint-Avold: fin du charbon.
    story!(
        "H2603",
        "Opérateur / Opératrice sur machines automatisées en production électrique",
        [
            (
                "H2602",
                "RNCP36222",
                "Ligne de production arrêtée avec la fin du charbon sur le site ; vise le câblage d’armoires électriques, demandé par les chantiers de l’hydrogène."
            ),
            (
                "I1304",
                "RNCP36004",
                "Site en fin de vie avec l’arrêt du charbon ; vise la maintenance industrielle, pour rester sur la plateforme qui se convertit au gaz et à l’hydrogène."
            ),
        ]
    ),
    story!(
        "H2701",
        "Rondier / Rondière en production d'énergie",
        [
            (
                "H1303",
                "RNCP36216",
                "Quinze ans de rondes sur une installation classée ; vise la prévention des risques industriels, un métier qui manque de candidats expérimentés."
            ),
            (
                "I1309",
                "RNCP36220",
                "La tranche charbon s’arrête ; vise l’électricité de maintenance, que l’usine d’hydrogène voisine recrute."
            ),
        ]
    ),
    story!(
        "H2710",
        "Responsable technique d'installation hydrogène",
        [
            (
                "H1307",
                "RNCP36217",
                "Souhaite quitter l’astreinte d’exploitation ; vise la conformité industrielle, que les nouvelles installations hydrogène doivent démontrer."
            ),
            (
                "K2111",
                "RNCP36227",
                "Veut former les techniciens d’une filière hydrogène qui en manque ; vise le métier de formateur, avec le titre de formateur professionnel d’adultes."
            ),
        ]
    ),
    // Verrerie du Pays de Sarrebourg: décarbonation, automatisation.
    story!(
        "H2801",
        "Agent / Agente de fabrication du verre",
        [
            (
                "H2102",
                "RNCP36210",
                "Le nouveau four électrique supprime des postes au bout chaud ; vise la conduite de ligne en agroalimentaire, qui recrute en Moselle Sud."
            ),
            (
                "H2912",
                "RNCP36212",
                "Automatisation des lignes de formage ; vise le réglage des équipements, un poste que l’automatisation renforce au lieu de le supprimer."
            ),
        ]
    ),
    story!(
        "H2805",
        "Conducteur / Conductrice de four verrier",
        [
            (
                "H2701",
                "RNCP36219",
                "Le passage du four au tout-électrique change le métier ; vise l’exploitation des chaufferies et réseaux de chaleur, qui recrutent avec la transition énergétique."
            ),
            (
                "H3301",
                "RNCP36210",
                "Veut quitter la chaleur du bout chaud ; vise la conduite de ligne de conditionnement, avec le titre de conducteur d’installations automatisées."
            ),
        ]
    ),
    // Forges de Nouvion (Ardennes).
    story!(
        "H2902",
        "Chaudronnier / Chaudronnière",
        [
            (
                "H2914",
                "RNCP36223",
                "Veut suivre les chantiers de la chimie et de l’énergie ; vise la tuyauterie industrielle, qui manque de professionnels qualifiés."
            ),
            (
                "H1203",
                "RNCP36226",
                "Vingt ans d’atelier et le goût de la conception ; vise le bureau d’études, où sa lecture des plans de chaudronnerie fait gagner du temps."
            ),
            (
                "H2903",
                "RNCP36211",
                "Activité de chaudronnerie réduite aux forges ; vise l’usinage sur commande numérique, que la Boulonnerie de Monthermé recrute en contrat de professionnalisation."
            ),
        ]
    ),
    // Mécanique Warndt Précision, Boulonnerie de Monthermé.
    story!(
        "H2903",
        "Usineur / Usineuse",
        [
            (
                "H2912",
                "RNCP36212",
                "Dix ans sur tour et fraiseuse ; vise le réglage des machines de production, pour passer de la série à la mise au point."
            ),
            (
                "H2911",
                "RNCP36231",
                "Veut varier les fabrications et réaliser des ouvrages complets ; vise la métallerie, qui recrute dans le bâtiment et l’industrie."
            ),
        ]
    ),
    story!(
        "H2904",
        "Estampeur / Estampeuse",
        [
            (
                "H2906",
                "RNCP36210",
                "Presses d’estampage vieillissantes et commandes en baisse aux forges ; vise la conduite de machines en fabrication mécanique, que la Boulonnerie de Monthermé recrute en CDI."
            ),
            (
                "H2912",
                "RNCP36212",
                "Vingt ans de forge et des poignets fatigués par les chocs ; vise le réglage d’équipements industriels, moins physique."
            ),
        ]
    ),
    story!(
        "H2906",
        "Opérateur / Opératrice en fabrication mécanique",
        [
            (
                "H2912",
                "RNCP36212",
                "Huit ans sur presse et tour automatique ; vise le réglage, pour passer de la production à la mise au point des machines."
            ),
            (
                "H2903",
                "RNCP36211",
                "Veut apprendre à programmer les machines à commande numérique ; vise l’usinage, avec le titre de technicien d’usinage."
            ),
        ]
    ),
    // Fonderie de la Meuse (Ardennes), Aciérie de Neuves-Maisons.
    story!(
        "H2907",
        "Fondeur / Fondeuse en métallurgie",
        [
            (
                "H2906",
                "RNCP36210",
                "Le métier de fondeur recule avec l’automatisation de la coulée ; vise la conduite de machines en fabrication mécanique, qui recrute dans la métallurgie du bassin."
            ),
            (
                "H2102",
                "RNCP36210",
                "Chaleur et charges du chantier de coulée devenues trop dures ; vise la conduite de ligne en agroalimentaire, avec le titre de conducteur d’installations automatisées."
            ),
            (
                "H1506",
                "RNCP36225",
                "Connaît les défauts de fonderie mieux que personne ; vise le contrôle qualité en métallurgie, moins exposé à l’automatisation."
            ),
        ]
    ),
    story!(
        "H2912",
        "Régleur / Régleuse en production",
        [
            (
                "H2903",
                "RNCP36211",
                "Veut passer du réglage à la programmation des machines à commande numérique ; vise l’usinage, un métier en tension dans la mécanique."
            ),
            (
                "I1304",
                "RNCP36004",
                "Dépanne déjà les machines réglées au quotidien ; vise la maintenance industrielle, avec un titre qui reconnaît ces compétences."
            ),
        ]
    ),
    story!(
        "H2913",
        "Soudeur / Soudeuse",
        [
            (
                "H1506",
                "RNCP36225",
                "Fumées de soudage et postures contraignantes après quinze ans ; vise le contrôle des soudures, où l’expérience du soudage est un atout."
            ),
            (
                "H2902",
                "RNCP36224",
                "Veut élargir son métier du soudage à la fabrication complète des ensembles ; vise la chaudronnerie, recherchée par les chantiers de la région."
            ),
        ]
    ),
    // Papeterie des Ardennes.
    story!(
        "H3104",
        "Opérateur / Opératrice de production de papier carton",
        [
            (
                "H3101",
                "RNCP36210",
                "Prêt à prendre la conduite de la machine à papier après des années en bobinage ; vise le poste de conducteur, avec le titre de conducteur d’installations automatisées."
            ),
            (
                "I1304",
                "RNCP36004",
                "Bobineuses automatisées, moins d’opérateurs en bout de machine ; vise la maintenance industrielle, que la papeterie peine à recruter."
            ),
        ]
    ),
    story!(
        "H3105",
        "Technicien / Technicienne de production en industrie papetière",
        [
            (
                "I1304",
                "RNCP36004",
                "La papeterie modernise ses machines pour la transition écologique ; vise la maintenance industrielle, pour suivre des équipements déjà bien connus."
            ),
            (
                "H2507",
                "RNCP36239",
                "Anime déjà l’équipe de nuit ; vise la responsabilité d’une ligne de production, avec un titre de niveau 6."
            ),
        ]
    ),
    // Plasturgie Moselle Sud: automatisation, transition écologique.
    story!(
        "H3201",
        "Opérateur / Opératrice en plasturgie",
        [
            (
                "H3202",
                "RNCP36213",
                "Les robots remplacent l’opérateur au pied des presses ; vise le réglage, seul poste que l’automatisation renforce."
            ),
            (
                "H3301",
                "RNCP36210",
                "Postes d’opérateurs supprimés par l’automatisation des presses ; vise la conduite de ligne de conditionnement, qui recrute dans l’agroalimentaire du bassin."
            ),
        ]
    ),
    story!(
        "H3202",
        "Régleur / Régleuse de presse à injecter",
        [
            (
                "H2912",
                "RNCP36212",
                "La plasturgie se contracte avec la transition écologique ; vise le réglage d’équipements industriels, transposable à toute la mécanique."
            ),
            (
                "I1310",
                "RNCP36004",
                "Intervient déjà sur les pannes des presses ; vise la maintenance industrielle, avec un titre qui reconnaît ces compétences."
            ),
        ]
    ),
    story!(
        "H3403",
        "Opérateur / Opératrice de trempe",
        [
            (
                "H2906",
                "RNCP36210",
                "Les fours de traitement thermique s’automatisent et demandent moins d’opérateurs ; vise la conduite de machines en fabrication mécanique, qui recrute dans la métallurgie du bassin."
            ),
            (
                "H2903",
                "RNCP36211",
                "Veut quitter la chaleur des fours ; vise l’usinage sur commande numérique, un métier en tension dans la mécanique."
            ),
        ]
    ),
    // Maintenance, in several companies.
    story!(
        "I1304",
        "Technicien / Technicienne de maintenance industrielle",
        [
            (
                "I1326",
                "RNCP36215",
                "Référent des arrêts techniques depuis cinq ans ; vise l’encadrement d’une équipe de maintenance, avec un titre de niveau 6."
            ),
            (
                "I1302",
                "RNCP36214",
                "L’automatisation des lignes change la maintenance ; vise les installations automatisées, pour dépanner les automates plutôt que les remplacer."
            ),
        ]
    ),
    story!(
        "I1309",
        "Electricien / Electricienne de maintenance",
        [
            (
                "I1301",
                "RNCP36221",
                "Souhaite quitter le travail posté ; vise la maintenance d’ascenseurs, en horaires de journée, un métier qui manque de techniciens."
            ),
            (
                "I1304",
                "RNCP36004",
                "Veut élargir ses compétences électriques à la mécanique et à l’hydraulique ; vise la maintenance industrielle polyvalente."
            ),
        ]
    ),
    story!(
        "I1310",
        "Mécanicien / Mécanicienne de maintenance industrielle",
        [
            (
                "I1304",
                "RNCP36004",
                "La maintenance passe à l’électrique et à l’automatisme ; vise le titre de technicien pour ne plus s’en tenir à la mécanique."
            ),
            (
                "I1302",
                "RNCP36214",
                "Les lignes se couvrent d’automates ; vise la maintenance des installations automatisées, avec un titre de niveau 5."
            ),
        ]
    ),
    // Clinique Saint-Nicolas, EHPAD Les Tilleuls.
    story!(
        "J1301",
        "Agent / Agente de service hospitalier (ASH)",
        [
            (
                "J1501",
                "RNCP35830",
                "Au contact des patients depuis six ans ; vise le diplôme d’aide-soignant, un métier que les établissements du territoire recrutent."
            ),
            (
                "J1304",
                "RNCP36240",
                "Souhaite travailler auprès des jeunes enfants ; vise le diplôme d’auxiliaire de puériculture, après un stage en crèche."
            ),
            (
                "M1609",
                "RNCP36241",
                "Restrictions médicales pour le port de charges ; vise le secrétariat médical, où sa connaissance des services de soins est précieuse."
            ),
        ]
    ),
    story!(
        "J1501",
        "Aide-soignant / Aide-soignante",
        [
            (
                "J1304",
                "RNCP36240",
                "Veut se tourner vers la petite enfance ; vise le diplôme d’auxiliaire de puériculture, dont une partie est acquise par équivalence."
            ),
            (
                "M1609",
                "RNCP36241",
                "Restrictions médicales pour la manutention des patients ; vise le secrétariat médical, où sa connaissance des services est précieuse."
            ),
            (
                "J1506",
                "RNCP36242",
                "Dix ans de soins de nursing et l’envie de prendre en charge les soins techniques ; vise le diplôme d’infirmier par la promotion professionnelle."
            ),
        ]
    ),
    story!(
        "J1506",
        "Infirmier / Infirmière en soins généraux (IDE)",
        [
            (
                "J1502",
                "RNCP36243",
                "Quinze ans de soins et des missions de référent qualité ; vise l’encadrement d’une unité, avec le diplôme de cadre de santé."
            ),
            (
                "K2111",
                "RNCP36227",
                "Veut transmettre son métier ; vise la formation des futurs aides-soignants, en institut de formation."
            ),
        ]
    ),
    story!(
        "K1302",
        "Assistant / Assistante de vie auprès de personnes âgées",
        [
            (
                "K1306",
                "RNCP36244",
                "Veut élargir son accompagnement aux personnes en situation de handicap ; vise le diplôme d’accompagnant éducatif et social."
            ),
            (
                "J1501",
                "RNCP35830",
                "Accompagne des personnes âgées depuis huit ans ; vise le diplôme d’aide-soignant, que les EHPAD du territoire recrutent."
            ),
        ]
    ),
    // Propreté Moselle Services.
    story!(
        "K2204",
        "Agent / Agente de nettoyage industriel",
        [
            (
                "K2503",
                "RNCP36245",
                "Horaires décalés et produits irritants ; vise la sécurité privée, avec le titre d’agent de prévention et de sécurité."
            ),
            (
                "N1115",
                "RNCP36246",
                "Souhaite des horaires de journée et un métier plus technique ; vise la logistique en entrepôt, avec le titre d’agent magasinier."
            ),
        ]
    ),
    // Lorraine Conseil Informatique.
    story!(
        "M1805",
        "Développeur / Développeuse informatique",
        [
            (
                "M1802",
                "RNCP36248",
                "Veut passer du code à l’infrastructure ; vise l’administration des systèmes et réseaux, avec le titre d’administrateur d’infrastructures sécurisées."
            ),
            (
                "M1812",
                "RNCP36249",
                "Référent sécurité de son équipe depuis trois ans ; vise la cybersécurité, où les entreprises lorraines manquent de responsables."
            ),
        ]
    ),
    story!(
        "M1810",
        "Technicien / Technicienne d'exploitation informatique",
        [
            (
                "M1854",
                "RNCP36248",
                "Gère déjà les sauvegardes et le réseau du site ; vise l’administration réseau, avec un titre de niveau 6."
            ),
            (
                "M1817",
                "RNCP36249",
                "Veut se spécialiser dans la sécurité après plusieurs incidents traités ; vise l’administration de la sécurité informatique."
            ),
        ]
    ),
    story!(
        "M1824",
        "Développeur / Développeuse décisionnel - Business Intelligence",
        [
            (
                "M1805",
                "RNCP34147",
                "Veut développer des applications plutôt que des tableaux de bord ; vise le développement web, que les entreprises du bassin recrutent."
            ),
            (
                "M1802",
                "RNCP36248",
                "Souhaite se rapprocher des infrastructures qui portent les données ; vise l’administration des systèmes et réseaux."
            ),
        ]
    ),
    // Logistics, in several companies.
    story!(
        "N1101",
        "Cariste",
        [
            (
                "N1110",
                "RNCP36246",
                "Veut quitter la conduite de chariot toute la journée pour la gestion des stocks ; vise le métier de magasinier, avec le titre d’agent magasinier."
            ),
            (
                "F1302",
                "RNCP36233",
                "Attiré par les chantiers de travaux publics ; vise la conduite d’engins, avec le titre professionnel et les CACES associés."
            ),
        ]
    ),
    story!(
        "N1103",
        "Préparateur / Préparatrice de commandes",
        [
            (
                "N1101",
                "RS5471",
                "Des années de préparation de colis ; vise la conduite de chariots élévateurs avec le CACES R489, que les entrepôts du bassin recherchent."
            ),
            (
                "N1110",
                "RNCP36246",
                "Veut évoluer vers la gestion des stocks et la réception ; vise le métier de magasinier, avec le titre d’agent magasinier."
            ),
        ]
    ),
    story!(
        "N1105",
        "Manutentionnaire",
        [
            (
                "N1101",
                "RS5471",
                "Port de charges lourdes devenu difficile ; vise la conduite de chariots élévateurs, avec le CACES R489."
            ),
            (
                "N1103",
                "RNCP36247",
                "Enchaîne les contrats courts de manutention ; vise la préparation de commandes, que les entrepôts du bassin recrutent en CDI, avec un titre professionnel."
            ),
        ]
    ),
    // Transports Weber & Fils.
    story!(
        "N4101",
        "Conducteur routier / Conductrice routière",
        [
            (
                "N4102",
                "RS5472",
                "Veut rentrer chez soi chaque soir ; vise le transport de particuliers en VTC, avec la carte professionnelle."
            ),
            (
                "K2111",
                "RNCP36227",
                "Vingt ans de route et l’envie de transmettre ; vise la formation des futurs conducteurs en centre de formation, avec le titre de formateur professionnel d’adultes."
            ),
        ]
    ),
];

/// The story of the trade `rome`.
pub(crate) fn of(rome: &str) -> Option<&'static Story> {
    STORIES.iter().find(|s| s.rome == rome)
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::employers::EMPLOYERS;
    use passerelle_domain::text::reference_fields as fields;

    const MOBILITIES: &str = include_str!("../../../assets/reference/rome_mobilities.csv");
    const APPELLATIONS: &str = include_str!("../../../assets/reference/rome_appellations.csv");

    /// Each trade's ROME 4.0 mobilities, with their rank.
    fn mobilities() -> HashMap<&'static str, HashMap<&'static str, u32>> {
        MOBILITIES
            .lines()
            .skip(1)
            .filter_map(|line| line.split_once(','))
            .map(|(rome, targets)| {
                let ranked = targets
                    .split(' ')
                    .filter_map(|t| t.split_once(':'))
                    .map(|(target, rank)| (target, rank.parse().unwrap()))
                    .collect();
                (rome, ranked)
            })
            .collect()
    }

    #[test]
    fn every_target_is_a_rome_mobility_of_the_current_trade() {
        let mobilities = mobilities();
        for story in STORIES {
            let reachable = &mobilities[story.rome];
            assert!(
                !story.moves.is_empty() && story.moves.len() <= 3,
                "{}",
                story.rome
            );
            for m in story.moves {
                assert!(
                    reachable.contains_key(m.target),
                    "{} → {}: not among its mobilities",
                    story.rome,
                    m.target
                );
                assert_ne!(m.target, story.rome);
                assert!(
                    m.motive.ends_with('.') && !m.motive.contains('\''),
                    "{}",
                    m.motive
                );
            }
        }
    }

    #[test]
    fn every_employer_trade_has_one_story_and_a_real_job_title() {
        for e in EMPLOYERS {
            for rome in e.trades {
                assert!(of(rome).is_some(), "{}: no story for {rome}", e.name);
            }
        }
        let mut seen = std::collections::HashSet::new();
        for story in STORIES {
            assert!(seen.insert(story.rome), "two stories for {}", story.rome);
        }
        for story in STORIES {
            let found = APPELLATIONS.lines().skip(1).any(|line| {
                let f = fields(line);
                f.get(1) == Some(&story.title)
                    && f.get(2) == Some(&story.rome)
                    && f.get(3) == Some(&"0")
            });
            assert!(
                found,
                "{}: « {} » is not one of its appellations",
                story.rome, story.title
            );
        }
    }

    #[test]
    fn every_certification_prepares_its_target_and_every_fiche_is_used() {
        for story in STORIES {
            for m in story.moves {
                let fiche = crate::catalogue::fiche(m.certification)
                    .unwrap_or_else(|| panic!("{} is not in the catalogue", m.certification));
                assert!(
                    fiche.romes.contains(&m.target),
                    "{} does not list {}",
                    fiche.code,
                    m.target
                );
            }
        }
        for fiche in crate::catalogue::FICHES {
            assert!(
                STORIES
                    .iter()
                    .flat_map(|s| s.moves)
                    .any(|m| m.certification == fiche.code),
                "{} is in no story",
                fiche.code
            );
            assert!(
                passerelle_domain::validate::parse_certification_code(fiche.code).is_ok(),
                "{}",
                fiche.code
            );
            for rome in fiche.romes {
                assert!(
                    passerelle_domain::validate::rome_label(rome).is_some(),
                    "{rome}"
                );
            }
            let t = &fiche.training;
            assert!(t.title.starts_with("Préparation "), "{}", t.title);
            assert!(!t.providers.is_empty() && !t.modalities.is_empty());
            assert!(t.hours.0 <= t.hours.1 && t.cost_euros.0 <= t.cost_euros.1);
            assert!(fiche.title.len() < 150 && !fiche.title.contains('\''));
        }
    }

    /// The Ardennes scenario: a trade the foundry's diagnostic puts en péril leads to a trade
    /// a company of the same territory recruits for.
    #[test]
    fn an_ardennes_trade_en_peril_leads_to_a_need_nearby() {
        let foundry = EMPLOYERS
            .iter()
            .find(|e| e.name == "Fonderie de la Meuse")
            .unwrap();
        let en_peril = foundry.trades[0];
        assert_eq!(en_peril, "H2907");
        let needs = crate::employers::needs_of_territory(foundry.territory);
        let m = of(en_peril)
            .unwrap()
            .moves
            .iter()
            .find(|m| needs.contains(&m.target))
            .expect("a move towards a need of the Ardennes");
        assert_eq!((m.target, m.certification), ("H2906", "RNCP36210"));
    }
}
