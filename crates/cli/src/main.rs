//! `passerelle`: the command line for headless use and scripting.
//!
//! It links the storage layer only (no WebKit), and opens the same database as the desktop app
//! unless `--db` or `PASSERELLE_DB` says otherwise. Help and messages are French (see
//! [`passerelle_cli::clap_fr`]); options take the domain's own codes (`--status non-valide`).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use passerelle_cli::{
    cases, cert, check, clap_fr, committee, demo, diagnostics, establishments, exams, import, info,
    journal, matching, needs, parcours, privacy, report, rome, security, territory,
};
use passerelle_domain::case::{CaseQuery, CaseSort};
use passerelle_domain::certification::{BlocStatus, ExamKind, ExamOutcome, Route};
use passerelle_domain::code::Coded;
use passerelle_domain::committee::{CommitteeKind, Outcome as CommitteeOutcome};
use passerelle_domain::dashboard::Scope;
use passerelle_domain::ids::{CaseId, EnrolmentId, ExamSessionId, MeetingId};
use passerelle_domain::ipc::NeedListArgs;
use passerelle_domain::parcours::Step;

/// Passerelle en ligne de commande : dossiers, parcours, certifications, comités.
#[derive(Debug, Parser)]
#[command(name = "passerelle", version)]
struct Cli {
    /// Fichier de la base (par défaut : celle de l’application ; variable PASSERELLE_DB).
    #[arg(long, global = true, env = passerelle_domain::DATABASE_ENV_VAR, value_name = "FICHIER")]
    db: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Chemin de la base, version du schéma et nombre de dossiers.
    Info {
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Dossiers : créer, lister, afficher.
    #[command(subcommand)]
    Case(CaseCommand),
    /// Recherche plein texte (noms, employeur, métiers, notes).
    Search {
        /// Mots cherchés.
        #[arg(required = true, num_args = 1.., value_name = "MOTS")]
        words: Vec<String>,
        /// Nombre de résultats au plus (par défaut : 20).
        #[arg(long, default_value = "20", value_parser = count, value_name = "N")]
        limit: u32,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Ajoute des dossiers fictifs, reproductibles (démonstration).
    Demo {
        /// Nombre de dossiers.
        #[arg(long, value_name = "N", value_parser = count)]
        cases: u32,
        /// Graine du générateur (par défaut : 2026).
        #[arg(long, default_value = "2026", value_parser = seed, value_name = "GRAINE")]
        seed: u64,
    },
    /// Importe des dossiers depuis un tableur (CSV ou XLSX), tout ou rien.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Le parcours d’un dossier : l’afficher, ou le faire avancer.
    #[command(subcommand)]
    Parcours(ParcoursCommand),
    /// Échéances en retard ou à venir sur tous les dossiers.
    Deadlines {
        /// Jours à venir (par défaut : 30 ; 3 660 au plus).
        #[arg(long, default_value = "30", value_parser = count, value_name = "JOURS")]
        days: u32,
        /// Les dossiers suivis par ce conseiller seulement (tel que les dossiers l’écrivent).
        #[arg(long, value_name = "NOM", default_value = "")]
        counsellor: String,
        /// Les dossiers de ce territoire seulement (son code, ex. « metz »).
        #[arg(long, value_name = "CODE", default_value = "")]
        territory: String,
        /// Écrit les échéances et les séances de comité à venir dans un calendrier iCalendar
        /// (.ics) à importer dans son agenda : chaque événement porte la référence du dossier,
        /// jamais le nom de la personne.
        #[arg(long, value_name = "FICHIER")]
        ics: Option<PathBuf>,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Éligibilité au projet de transition professionnelle, règle par règle.
    Eligibility {
        /// Numéro du dossier.
        #[arg(value_parser = id::<CaseId>, value_name = "DOSSIER")]
        id: CaseId,
        /// Date d’évaluation, jj/mm/aaaa (par défaut : l’entrée en formation, sinon aujourd’hui).
        #[arg(long, value_name = "DATE")]
        at: Option<String>,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Catalogue des certifications, inscriptions, sessions d’examen et jurys.
    #[command(subcommand)]
    Cert(CertCommand),
    /// Dossiers de comité en PDF.
    #[command(subcommand)]
    Dossier(DossierCommand),
    /// Séances de comité : création, ordre du jour, dossier de séance, décisions.
    #[command(subcommand)]
    Meeting(MeetingCommand),
    /// Établissements suivis (stock Sirene de l’INSEE).
    #[command(subcommand)]
    Establishment(EstablishmentCommand),
    /// Territoires : liste, tableau de bord, libellés des métiers en péril / en devenir.
    #[command(subcommand)]
    Territory(TerritoryCommand),
    /// Le référentiel ROME 4.0 (France Travail) : recherche, version utilisée, import.
    #[command(subcommand)]
    Rome(RomeCommand),
    /// Offre de formation : import LHEO ou Mon Compte Formation, recherche de sessions.
    #[command(subcommand)]
    Training(TrainingCommand),
    /// Rapprochements : métiers, besoins et formations pour une personne ; personnes pour un besoin.
    #[command(subcommand)]
    Match(MatchCommand),
    /// Diagnostics d’entreprise : métiers, salariés exposés, perspectives.
    #[command(subcommand)]
    Diagnostic(DiagnosticCommand),
    /// Besoins de recrutement des établissements (recensement).
    #[command(subcommand)]
    Need(NeedCommand),
    /// Le journal authentifié (chaque entrée scellée par une clé dérivée de celle de la base).
    #[command(subcommand)]
    Journal(JournalCommand),
    /// Crée une base protégée par une phrase de passe, ou chiffre une base d’une version
    /// antérieure ; affiche la clé de secours une fois.
    Init,
    /// Déverrouillage de secours.
    Unlock {
        /// Choisit une nouvelle phrase de passe à l’aide de la clé de secours.
        #[arg(long, required = true)]
        recovery: bool,
    },
    /// Sauvegardes chiffrées : création, vérification, restauration.
    #[command(subcommand)]
    Backup(BackupCommand),
    /// Durées de conservation : ce qui est échu et pourquoi.
    #[command(subcommand)]
    Retention(RetentionCommand),
    /// Expurge les données personnelles d’un dossier (conservation échue, ou demande
    /// d’effacement) ; refusé, avec les motifs légaux, tant qu’une obligation impose de conserver.
    Purge {
        /// Numéro du dossier.
        #[arg(value_parser = id::<CaseId>, value_name = "DOSSIER")]
        id: CaseId,
        /// Motif enregistré au journal (ex. « demande d’effacement du 12 mars 2026 »).
        #[arg(long, value_name = "TEXTE")]
        reason: String,
        /// Confirme la purge, définitive.
        #[arg(long)]
        yes: bool,
        /// Supprime seulement les pièces (leur durée de conservation est échue).
        #[arg(long)]
        documents: bool,
    },
    /// Exports.
    #[command(subcommand)]
    Export(ExportCommand),
    /// Écrit la fiche du registre des traitements (PDF d’une page) à partir des paramètres en
    /// vigueur.
    Registre {
        /// Fichier PDF à écrire.
        #[arg(short, long, value_name = "FICHIER")]
        output: PathBuf,
    },
    /// Vérifie des identifiants (en arguments, ou un par ligne sur l’entrée standard avec « - »).
    Check {
        /// nir, siren ou siret.
        #[arg(value_parser = ["nir", "siren", "siret"], value_name = "TYPE")]
        kind: String,
        /// Valeurs à vérifier.
        #[arg(value_name = "VALEURS")]
        values: Vec<String>,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
enum DossierCommand {
    /// Écrit le dossier de comité d’un dossier (PDF) ; SOURCE_DATE_EPOCH fixe la date d’édition.
    Pdf {
        /// Numéro du dossier.
        #[arg(value_parser = id::<CaseId>, value_name = "DOSSIER")]
        id: CaseId,
        /// Fichier PDF à écrire.
        #[arg(short, long, value_name = "FICHIER")]
        output: PathBuf,
        /// Sans nom, NIR, coordonnées, adresse, date de naissance ni détail de santé.
        #[arg(long)]
        pseudonymise: bool,
        /// Tel que présenté à cette séance (pseudonyme, rang, décision).
        #[arg(long, value_name = "SEANCE", value_parser = id::<MeetingId>)]
        meeting: Option<MeetingId>,
        #[command(flatten)]
        export: ExportOptions,
    },
}

/// For whom a committee export is made, and what the counsellor confirmed.
#[derive(Debug, clap::Args)]
struct ExportOptions {
    /// Destinataire (répétez l’option pour chacun) : imprimé sur chaque page et enregistré.
    #[arg(long = "recipient", value_name = "NOM")]
    recipients: Vec<String>,
    /// Exporte la version pseudonymisée malgré les éléments signalés dans les textes libres
    /// (après les avoir relus).
    #[arg(long)]
    confirm_findings: bool,
}

#[derive(Debug, Subcommand)]
enum MeetingCommand {
    /// Crée une séance.
    Create {
        /// commission (commission paritaire Transitions Pro) ou comite (comité des transitions
        /// individuelles).
        #[arg(long, value_parser = committee_kind, value_name = "INSTANCE")]
        kind: CommitteeKind,
        /// Date, jj/mm/aaaa.
        #[arg(long, value_name = "DATE")]
        date: String,
        /// Lieu.
        #[arg(long, value_name = "LIEU")]
        place: String,
        /// Un membre (répétez l’option pour chacun).
        #[arg(long = "member", value_name = "NOM")]
        members: Vec<String>,
    },
    /// Les séances, les plus récentes d’abord.
    List {
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// L’ordre du jour d’une séance.
    Show {
        /// Numéro de la séance.
        #[arg(value_parser = id::<MeetingId>, value_name = "SEANCE")]
        id: MeetingId,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Inscrit des dossiers à l’ordre du jour (à une étape que l’instance examine).
    Add {
        /// Numéro de la séance.
        #[arg(value_parser = id::<MeetingId>, value_name = "SEANCE")]
        id: MeetingId,
        /// Numéros des dossiers.
        #[arg(required = true, num_args = 1.., value_parser = id::<CaseId>, value_name = "DOSSIERS")]
        cases: Vec<CaseId>,
    },
    /// Fixe l’ordre de passage (chaque dossier de la séance, une fois).
    Order {
        /// Numéro de la séance.
        #[arg(value_parser = id::<MeetingId>, value_name = "SEANCE")]
        id: MeetingId,
        /// Numéros des dossiers, dans l’ordre.
        #[arg(required = true, num_args = 1.., value_parser = id::<CaseId>, value_name = "DOSSIERS")]
        cases: Vec<CaseId>,
    },
    /// Écrit le dossier de séance : couverture, ordre du jour et chaque dossier (PDF).
    Pack {
        /// Numéro de la séance.
        #[arg(value_parser = id::<MeetingId>, value_name = "SEANCE")]
        id: MeetingId,
        /// Fichier PDF à écrire.
        #[arg(short, long, value_name = "FICHIER")]
        output: PathBuf,
        /// Version pseudonymisée.
        #[arg(long)]
        pseudonymise: bool,
        #[command(flatten)]
        export: ExportOptions,
    },
    /// Enregistre un avis ou une décision ; une décision fait avancer le parcours.
    Decide {
        /// Numéro de la séance.
        #[arg(value_parser = id::<MeetingId>, value_name = "SEANCE")]
        id: MeetingId,
        /// Numéro du dossier.
        #[arg(value_parser = id::<CaseId>, value_name = "DOSSIER")]
        case: CaseId,
        /// accord, accord_partiel, refus, irrecevable, ajourne ; ou favorable, reserve,
        /// defavorable.
        #[arg(long, value_parser = CommitteeOutcome::parse_code, value_name = "ISSUE")]
        outcome: CommitteeOutcome,
        /// Motifs (obligatoires pour un refus, un accord partiel, un avis réservé…).
        #[arg(long, default_value = "", value_name = "TEXTE")]
        motifs: String,
        /// Montant accordé, en euros (accords).
        #[arg(long, value_name = "EUROS")]
        amount: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
enum CaseCommand {
    /// Crée un dossier depuis un JSON (un fichier, ou « - » pour l’entrée standard).
    Add {
        /// Fichier JSON (forme `CaseData` de l’application).
        #[arg(long = "json", value_name = "FICHIER")]
        input: PathBuf,
    },
    /// Liste les dossiers, par nom.
    List {
        /// Code du territoire.
        #[arg(long, value_name = "CODE")]
        territory: Option<String>,
        /// Inclut les dossiers archivés.
        #[arg(long)]
        archived: bool,
        /// Nombre de dossiers au plus (par défaut : 50).
        #[arg(long, default_value = "50", value_parser = count, value_name = "N")]
        limit: u32,
        /// À partir du rang (par défaut : 0).
        #[arg(long, default_value = "0", value_parser = count, value_name = "N")]
        offset: u32,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Affiche un dossier.
    Show {
        /// Numéro du dossier.
        #[arg(value_parser = id::<CaseId>, value_name = "DOSSIER")]
        id: CaseId,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
enum ImportCommand {
    /// Dossiers depuis un CSV (UTF-8, UTF-16 ou Windows-1252 ; « ; » ou « , ») ou un classeur
    /// XLSX (première feuille).
    Cases {
        /// Fichier CSV ou XLSX.
        #[arg(value_name = "FICHIER")]
        file: PathBuf,
        /// Rattache un en-tête du fichier à une colonne connue (ex. « Adresse mail=email ») ;
        /// répétable.
        #[arg(long, value_name = "EN-TÊTE=COLONNE")]
        map: Vec<String>,
        /// Territoire des lignes qui n’en nomment pas (code ou nom, ex. « metz ») : un export RH
        /// n’a pas de colonne « Territoire ».
        #[arg(long, value_name = "TERRITOIRE")]
        territory: Option<String>,
        /// Vérifie tout, n’écrit rien.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Debug, Subcommand)]
enum ParcoursCommand {
    /// Étape actuelle, historique, étapes possibles et ce qui les bloque, pièces, échéances.
    Show {
        /// Numéro du dossier.
        #[arg(value_parser = id::<CaseId>, value_name = "DOSSIER")]
        id: CaseId,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Fait passer le dossier à une étape (code, ex. PTP_DOSSIER_DEPOSE) ; refusé avec les raisons.
    Advance {
        /// Numéro du dossier.
        #[arg(value_parser = id::<CaseId>, value_name = "DOSSIER")]
        id: CaseId,
        /// Code de l’étape.
        #[arg(long, value_name = "ETAPE", value_parser = Step::parse_code)]
        to: Step,
        /// Motif (enregistré au journal).
        #[arg(long, default_value = "", value_name = "TEXTE")]
        reason: String,
    },
}

#[derive(Debug, Subcommand)]
enum CertCommand {
    /// Importe l’export France compétences : l’archive ZIP téléchargée, ou ses fichiers CSV.
    Import {
        /// Archive ZIP ou fichiers CSV.
        #[arg(required = true, num_args = 1.., value_name = "FICHIERS")]
        files: Vec<PathBuf>,
        /// Vérifie tout, n’écrit rien.
        #[arg(long)]
        dry_run: bool,
    },
    /// Inscrit un dossier à une certification (tous les blocs, ou ceux indiqués).
    Enrol {
        /// Numéro du dossier.
        #[arg(value_parser = id::<CaseId>, value_name = "DOSSIER")]
        case_id: CaseId,
        /// Code de la certification (RNCP…, RS…).
        #[arg(value_name = "CODE")]
        certification: String,
        /// formation, vae ou clea (par défaut : formation).
        #[arg(long, default_value = "formation", value_parser = Route::parse_code, value_name = "VOIE")]
        route: Route,
        /// Codes des blocs, séparés par des virgules (par défaut : tous).
        #[arg(long, value_delimiter = ',', value_name = "BLOCS")]
        blocs: Vec<String>,
    },
    /// Enregistre le statut d’un bloc d’une inscription.
    Bloc {
        /// Numéro de l’inscription.
        #[arg(value_parser = id::<EnrolmentId>, value_name = "INSCRIPTION")]
        enrolment: EnrolmentId,
        /// Code du bloc.
        #[arg(value_name = "BLOC")]
        bloc: String,
        /// a-acquerir, en-cours, acquis ou non-valide.
        #[arg(long, value_parser = BlocStatus::parse_code, value_name = "STATUT")]
        status: BlocStatus,
        /// Date d’acquisition, jj/mm/aaaa (obligatoire pour « acquis »).
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
        /// Justificatif.
        #[arg(long, default_value = "", value_name = "TEXTE")]
        evidence: String,
    },
    /// Blocs acquis, en cours et restants, par inscription d’un dossier.
    Status {
        /// Numéro du dossier.
        #[arg(value_parser = id::<CaseId>, value_name = "DOSSIER")]
        case_id: CaseId,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Examens et jurys des N prochains jours, avec leurs candidats.
    Juries {
        /// Jours à venir (par défaut : 60).
        #[arg(long, default_value = "60", value_parser = count, value_name = "JOURS")]
        days: u32,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Sessions d’examen et jurys.
    #[command(subcommand)]
    Exam(ExamCommand),
    /// Inscrit une inscription à une session.
    Register {
        /// Numéro de la session.
        #[arg(value_parser = id::<ExamSessionId>, value_name = "SESSION")]
        session: ExamSessionId,
        /// Numéro de l’inscription.
        #[arg(value_parser = id::<EnrolmentId>, value_name = "INSCRIPTION")]
        enrolment: EnrolmentId,
    },
    /// Enregistre le résultat d’un candidat à une session (ses blocs suivent).
    Result {
        /// Numéro de la session.
        #[arg(value_parser = id::<ExamSessionId>, value_name = "SESSION")]
        session: ExamSessionId,
        /// Numéro de l’inscription.
        #[arg(value_parser = id::<EnrolmentId>, value_name = "INSCRIPTION")]
        enrolment: EnrolmentId,
        /// totale, partielle ou refus.
        #[arg(long, value_parser = exam_outcome, value_name = "RESULTAT")]
        outcome: ExamOutcome,
        /// Blocs validés (validation partielle), séparés par des virgules.
        #[arg(long, value_delimiter = ',', value_name = "BLOCS")]
        blocs: Vec<String>,
    },
    /// Enregistre le certificat délivré après une validation totale.
    Certificate {
        /// Numéro de l’inscription.
        #[arg(value_parser = id::<EnrolmentId>, value_name = "INSCRIPTION")]
        enrolment: EnrolmentId,
        /// Numéro du certificat.
        #[arg(long, value_name = "NUMERO")]
        number: String,
        /// Date de délivrance, jj/mm/aaaa.
        #[arg(long, value_name = "DATE")]
        on: String,
    },
    /// Candidats par certification et statut, taux de réussite ; --csv exporte chaque candidat.
    Stats {
        /// Jours avant et après aujourd’hui (par défaut : 60).
        #[arg(long, default_value = "60", value_parser = count, value_name = "JOURS")]
        days: u32,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
        /// Fichier CSV à écrire.
        #[arg(long, value_name = "FICHIER")]
        csv: Option<PathBuf>,
    },
    /// Liste ou cherche dans le catalogue.
    List {
        /// Texte cherché (code, intitulé, blocs).
        #[arg(long, default_value = "", value_name = "TEXTE")]
        search: String,
        /// Nombre de fiches au plus (par défaut : 50).
        #[arg(long, default_value = "50", value_parser = count, value_name = "N")]
        limit: u32,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
enum ExamCommand {
    /// Crée une session d’examen ou un jury.
    Add {
        /// Date, jj/mm/aaaa.
        #[arg(long, value_name = "DATE")]
        date: String,
        /// examen, jury ou jury-vae (par défaut : jury).
        #[arg(long, default_value = "jury", value_parser = ExamKind::parse_code, value_name = "TYPE")]
        kind: ExamKind,
        /// Code de la certification.
        #[arg(long, value_name = "CODE")]
        certification: String,
        /// Lieu.
        #[arg(long, value_name = "LIEU")]
        place: String,
    },
    /// Les candidats d’une session et leurs résultats.
    Show {
        /// Numéro de la session.
        #[arg(value_parser = id::<ExamSessionId>, value_name = "SESSION")]
        id: ExamSessionId,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
enum TerritoryCommand {
    /// Liste les territoires (code et nom).
    List {
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Ajoute un territoire ; son code vient de son nom.
    Add {
        /// Nom du territoire.
        #[arg(value_name = "NOM")]
        label: String,
    },
    /// Tableau de bord d’un territoire (ou d’un de ses EPCI) ; exports XLSX et CSV, petits
    /// effectifs masqués.
    Dashboard {
        /// Code du territoire (ex. « moselle-sud »).
        #[arg(value_name = "CODE")]
        code: String,
        /// SIREN d’un EPCI : le tableau de bord de cet EPCI seulement.
        #[arg(long, default_value = "", value_name = "SIREN")]
        epci: String,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
        /// Écrit les tableaux dans un classeur XLSX.
        #[arg(long, value_name = "FICHIER")]
        xlsx: Option<PathBuf>,
        /// Écrit les tableaux en CSV, dans une archive ZIP.
        #[arg(long, value_name = "FICHIER")]
        csv: Option<PathBuf>,
    },
    /// Libellé d’un métier sur le territoire (peril, mutation, stable, devenir), daté et signé.
    Label {
        /// Code du territoire.
        #[arg(value_name = "CODE")]
        code: String,
        /// Code ROME du métier.
        #[arg(value_name = "ROME")]
        rome: String,
        /// peril, mutation, stable ou devenir.
        #[arg(value_name = "LIBELLE")]
        outlook: String,
        /// Pourquoi (obligatoire si le libellé diffère de la suggestion).
        #[arg(long, default_value = "", value_name = "TEXTE")]
        comment: String,
    },
}

#[derive(Debug, Subcommand)]
enum RomeCommand {
    /// Cherche une appellation (« soudeur tig ») ou les appellations d’un code ROME.
    Search {
        /// Début des mots de l’appellation, accents et majuscules ignorés, ou un code ROME.
        #[arg(value_name = "TEXTE")]
        text: String,
        /// Nombre de résultats au plus (par défaut : 20).
        #[arg(long, default_value = "20", value_parser = count, value_name = "N")]
        limit: u32,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Version du référentiel utilisée par les rapprochements.
    Info {
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Importe une nouvelle version du ROME : le dossier des fichiers CSV « unix » de France
    /// Travail (unix_*_vNNN_utf8.csv) ; elle remplace la version en usage.
    Import {
        #[arg(value_name = "DOSSIER")]
        dir: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
enum TrainingCommand {
    /// Importe des flux LHEO 2.2/2.3 (.xml) ou le catalogue Mon Compte Formation (.csv) ;
    /// chaque fichier en entier ou pas du tout.
    Import {
        #[arg(value_name = "FICHIER", required = true)]
        files: Vec<PathBuf>,
    },
    /// Cherche des sessions : par métier, certification, modalité, dates, distance, durée.
    Search {
        /// Mots du titre de la formation.
        #[arg(default_value = "", value_name = "TEXTE")]
        text: String,
        /// Code ROME visé.
        #[arg(long, value_name = "ROME")]
        rome: Option<String>,
        /// Certification (RNCP/RS) ou ses blocs.
        #[arg(long, value_name = "CODE")]
        certification: Option<String>,
        /// presentiel, mixte ou distance.
        #[arg(long, value_name = "MODALITE")]
        modality: Option<String>,
        /// Seulement les actions en AFEST.
        #[arg(long)]
        afest: bool,
        /// Autour de la commune (code INSEE).
        #[arg(long, value_name = "INSEE")]
        near: Option<String>,
        /// Rayon en km autour de --near.
        #[arg(long, value_parser = count, value_name = "KM")]
        radius: Option<u32>,
        /// Sessions qui commencent à partir de (aaaa-mm-jj).
        #[arg(long, value_parser = day, value_name = "DATE")]
        from: Option<chrono::NaiveDate>,
        /// Sessions qui commencent au plus tard le (aaaa-mm-jj).
        #[arg(long, value_parser = day, value_name = "DATE")]
        to: Option<chrono::NaiveDate>,
        /// Durée totale au plus, en heures.
        #[arg(long, value_parser = count, value_name = "HEURES")]
        max_hours: Option<u32>,
        /// Inclut les sessions au recrutement fermé ou suspendu.
        #[arg(long)]
        closed: bool,
        /// Nombre de résultats au plus.
        #[arg(long, default_value = "50", value_parser = count, value_name = "N")]
        limit: u32,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
enum MatchCommand {
    /// Métiers et besoins ouverts pour une personne, chaque score expliqué, et les exclus.
    Case {
        #[arg(value_parser = id::<i64>, value_name = "DOSSIER")]
        id: i64,
        /// Nombre de résultats affichés au plus.
        #[arg(long, default_value = "20", value_parser = count, value_name = "N")]
        limit: u32,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Personnes en reconversion qui correspondent à un besoin, pseudonymisées.
    Need {
        #[arg(value_parser = id::<i64>, value_name = "BESOIN")]
        id: i64,
        /// Communique le nom de la personne de ce dossier (avec son accord ; journalisé).
        #[arg(long, value_parser = id::<i64>, value_name = "DOSSIER")]
        reveal: Option<i64>,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Retient un rapprochement : remplit le projet du dossier (métier, certification, formation).
    Choose {
        #[arg(value_parser = id::<i64>, value_name = "DOSSIER")]
        case: i64,
        /// Code ROME du métier retenu.
        #[arg(long, value_name = "ROME")]
        rome: String,
        /// Le besoin de recrutement retenu.
        #[arg(long, value_parser = id::<i64>, value_name = "BESOIN")]
        need: Option<i64>,
        /// La session de formation retenue.
        #[arg(long, value_parser = id::<i64>, value_name = "SESSION")]
        session: Option<i64>,
    },
}

#[derive(Debug, Subcommand)]
enum DiagnosticCommand {
    /// Enregistre un diagnostic depuis un JSON (un fichier, ou « - » pour l’entrée standard).
    Add {
        /// Fichier JSON (forme `Diagnostic` de l’application).
        #[arg(long = "json", value_name = "FICHIER")]
        input: PathBuf,
    },
    /// Rattache un dossier à la ligne de diagnostic d’où vient la personne.
    Link {
        /// Numéro du dossier.
        #[arg(value_parser = id::<CaseId>, value_name = "DOSSIER")]
        case: CaseId,
        /// Numéro de la ligne (absent avec --unlink).
        #[arg(value_name = "LIGNE", required_unless_present = "unlink")]
        line: Option<i64>,
        /// Détache le dossier de sa ligne.
        #[arg(long, conflicts_with = "line")]
        unlink: bool,
    },
}

#[derive(Debug, Subcommand)]
enum NeedCommand {
    /// Enregistre un besoin depuis un JSON (un fichier, ou « - » pour l’entrée standard).
    Add {
        /// Fichier JSON (forme `HiringNeed` de l’application).
        #[arg(long = "json", value_name = "FICHIER")]
        input: PathBuf,
    },
    /// Importe un tableau de besoins (CSV ou XLSX), tout ou rien.
    Import {
        /// Fichiers CSV ou XLSX.
        #[arg(required = true, value_name = "FICHIER")]
        files: Vec<PathBuf>,
        /// Vérifie sans rien écrire.
        #[arg(long)]
        dry_run: bool,
    },
    /// Les besoins d’un territoire, d’un EPCI, d’un établissement ou d’une campagne.
    List {
        #[arg(long, default_value = "", value_name = "CODE")]
        territory: String,
        #[arg(long, default_value = "", value_name = "SIREN")]
        epci: String,
        #[arg(long, default_value = "", value_name = "SIRET")]
        siret: String,
        #[arg(long, default_value = "", value_name = "NOM")]
        campaign: String,
        /// Nombre de lignes au plus (par défaut : 200).
        #[arg(long, default_value = "200", value_parser = count, value_name = "N")]
        limit: u32,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
enum EstablishmentCommand {
    /// Importe un extrait du stock Sirene des établissements (CSV aux noms de colonnes
    /// officiels, ou son ZIP) : établissements actifs et diffusibles du Grand Est, tout ou rien,
    /// réimportable.
    Import {
        /// Fichiers CSV ou ZIP.
        #[arg(required = true, value_name = "FICHIER")]
        files: Vec<PathBuf>,
        /// Vérifie sans rien écrire.
        #[arg(long)]
        dry_run: bool,
    },
    /// Saisit ou corrige un établissement depuis un JSON (IDCC, OPCO, contacts, notes).
    Add {
        /// Fichier JSON (forme `EstablishmentInput` de l’application).
        #[arg(long = "json", value_name = "FICHIER")]
        input: PathBuf,
    },
    /// Les établissements d’un territoire (tous par défaut), par enseigne.
    List {
        /// Code du territoire (ex. « moselle-sud »).
        #[arg(long, default_value = "", value_name = "CODE")]
        territory: String,
        /// SIREN d’un EPCI.
        #[arg(long, default_value = "", value_name = "SIREN")]
        epci: String,
        /// Partie du nom, début du SIRET ou code NAF.
        #[arg(long, default_value = "", value_name = "TEXTE")]
        query: String,
        /// Nombre de lignes au plus (par défaut : 50).
        #[arg(long, default_value = "50", value_parser = count, value_name = "N")]
        limit: u32,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
    /// Un établissement.
    Show {
        /// Son SIRET.
        #[arg(value_name = "SIRET")]
        siret: String,
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
enum RetentionCommand {
    /// Ce que les durées de conservation rendent échu aujourd’hui, et pourquoi.
    List {
        /// Sortie JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
enum ExportCommand {
    /// Toutes les données d’une personne (droit d’accès) : ZIP avec une synthèse PDF, un JSON
    /// complet et les pièces.
    Person {
        /// Numéro du dossier.
        #[arg(value_parser = id::<CaseId>, value_name = "DOSSIER")]
        id: CaseId,
        /// Fichier ZIP à écrire.
        #[arg(short, long, value_name = "FICHIER")]
        output: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
enum JournalCommand {
    /// Recalcule la chaîne authentifiée et vérifie chaque ligne journalisée, l’historique des
    /// étapes et les documents ; affiche la tête du journal ; échec si rompue.
    Verify {
        /// Tête relevée auparavant (pied de page d’un dossier PDF : « n° 1234 · 3f9a… ») :
        /// échec si cette entrée n’existe plus ou a changé (journal tronqué).
        #[arg(long, value_name = "N:EMPREINTE")]
        anchor: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
enum BackupCommand {
    /// Écrit une sauvegarde chiffrée (base, clés scellées, documents) ; cohérente même si
    /// l’application est ouverte.
    Create {
        /// Fichier à écrire (par défaut : dans le dossier des sauvegardes, sinon ici).
        #[arg(short, long, value_name = "FICHIER")]
        output: Option<PathBuf>,
    },
    /// Vérifie une sauvegarde sans rien restaurer.
    Verify {
        /// Fichier de sauvegarde.
        #[arg(value_name = "FICHIER")]
        file: PathBuf,
    },
    /// Vérifie puis restaure une sauvegarde à la place de la base (les fichiers remplacés sont
    /// gardés à côté).
    Restore {
        /// Fichier de sauvegarde.
        #[arg(value_name = "FICHIER")]
        file: PathBuf,
    },
}

/// A record number (dossier, séance, inscription…), typed by what it numbers.
fn id<T: From<i64>>(text: &str) -> Result<T, String> {
    text.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .map(T::from)
        .ok_or_else(|| "un numéro entier positif est attendu (ex. 42)".to_owned())
}

/// A count of days, results or cases.
fn day(text: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| "une date aaaa-mm-jj est attendue (ex. 2027-01-15)".to_owned())
}

fn count(text: &str) -> Result<u32, String> {
    text.trim()
        .parse::<u32>()
        .map_err(|_| "un nombre entier positif ou nul est attendu (ex. 30)".to_owned())
}

fn seed(text: &str) -> Result<u64, String> {
    text.trim()
        .parse::<u64>()
        .map_err(|_| "un nombre entier positif ou nul est attendu".to_owned())
}

/// `commission` and `comite` for short, or the stored codes.
fn committee_kind(text: &str) -> Result<CommitteeKind, String> {
    match text.trim() {
        "commission" => Ok(CommitteeKind::CommissionParitaire),
        "comite" | "comité" => Ok(CommitteeKind::ComiteLocal),
        other => CommitteeKind::parse_code(other),
    }
}

/// `totale`, `partielle`, `refus` for short, or the stored codes.
fn exam_outcome(text: &str) -> Result<ExamOutcome, String> {
    match text.trim() {
        "totale" => Ok(ExamOutcome::ValidationTotale),
        "partielle" => Ok(ExamOutcome::ValidationPartielle),
        other => ExamOutcome::parse_code(other),
    }
}

fn meeting(db: Option<PathBuf>, command: MeetingCommand) -> anyhow::Result<()> {
    match command {
        MeetingCommand::Create {
            kind,
            date,
            place,
            members,
        } => committee::create(db, kind, &date, &place, &members),
        MeetingCommand::List { json } => committee::list(db, json),
        MeetingCommand::Show { id, json } => committee::show(db, id, json),
        MeetingCommand::Add { id, cases } => committee::add(db, id, &cases),
        MeetingCommand::Order { id, cases } => committee::order(db, id, &cases),
        MeetingCommand::Pack {
            id,
            output,
            pseudonymise,
            export,
        } => committee::pack(
            db,
            id,
            &output,
            pseudonymise,
            &export.recipients,
            export.confirm_findings,
        ),
        MeetingCommand::Decide {
            id,
            case,
            outcome,
            motifs,
            amount,
        } => committee::decide(db, id, case, outcome, &motifs, amount.as_deref()),
    }
}

fn cert(db: Option<PathBuf>, command: CertCommand) -> anyhow::Result<()> {
    match command {
        CertCommand::Import { files, dry_run } => cert::import(db, &files, dry_run),
        CertCommand::Enrol {
            case_id,
            certification,
            route,
            blocs,
        } => cert::enrol(db, case_id, &certification, route, &blocs),
        CertCommand::Bloc {
            enrolment,
            bloc,
            status,
            on,
            evidence,
        } => cert::set_bloc(db, enrolment, &bloc, status, on.as_deref(), &evidence),
        CertCommand::Status { case_id, json } => cert::status(db, case_id, json),
        CertCommand::List {
            search,
            limit,
            json,
        } => cert::list(db, &search, limit, json),
        CertCommand::Juries { days, json } => exams::juries(db, days, json),
        CertCommand::Exam(ExamCommand::Add {
            date,
            kind,
            certification,
            place,
        }) => exams::add(db, &date, kind, &certification, &place),
        CertCommand::Exam(ExamCommand::Show { id, json }) => exams::show(db, id, json),
        CertCommand::Register { session, enrolment } => exams::register(db, session, enrolment),
        CertCommand::Result {
            session,
            enrolment,
            outcome,
            blocs,
        } => exams::result(db, session, enrolment, outcome, &blocs),
        CertCommand::Certificate {
            enrolment,
            number,
            on,
        } => exams::certificate(db, enrolment, &number, &on),
        CertCommand::Stats { days, json, csv } => exams::stats(db, days, json, csv.as_deref()),
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    let db = cli.db;
    match cli.command {
        Command::Info { json } => info::run(db, json),
        Command::Case(CaseCommand::Add { input }) => cases::add(db, &input),
        Command::Case(CaseCommand::List {
            territory,
            archived,
            limit,
            offset,
            json,
        }) => {
            let query = CaseQuery {
                territory,
                include_archived: archived,
                limit,
                offset,
                ..CaseQuery::default()
            };
            cases::list(db, &query, json)
        }
        Command::Case(CaseCommand::Show { id, json }) => cases::show(db, id, json),
        Command::Search { words, limit, json } => {
            let query = CaseQuery {
                text: words.join(" "),
                limit,
                sort: CaseSort::Name,
                ..CaseQuery::default()
            };
            cases::list(db, &query, json)
        }
        Command::Demo { cases: count, seed } => demo::run(db, count as usize, seed),
        Command::Import(ImportCommand::Cases {
            file,
            map,
            territory,
            dry_run,
        }) => import::run(db, &file, &map, territory, dry_run),
        Command::Journal(JournalCommand::Verify { anchor }) => {
            journal::verify(db, anchor.as_deref())
        }
        Command::Init => security::init(db),
        Command::Unlock { recovery: _ } => security::reset_passphrase(db),
        Command::Backup(BackupCommand::Create { output }) => security::backup_create(db, output),
        Command::Backup(BackupCommand::Verify { file }) => security::backup_verify(&file),
        Command::Backup(BackupCommand::Restore { file }) => security::backup_restore(db, &file),
        Command::Parcours(ParcoursCommand::Show { id, json }) => parcours::show(db, id, json),
        Command::Parcours(ParcoursCommand::Advance { id, to, reason }) => {
            parcours::advance(db, id, to, &reason)
        }
        Command::Deadlines {
            days,
            counsellor,
            territory,
            ics,
            json,
        } => {
            let filter = passerelle_domain::parcours::TodoFilter {
                counsellor,
                territory,
            };
            match ics {
                Some(file) => parcours::calendar(db, days, &filter, &file),
                None => parcours::deadlines(db, days, &filter, json),
            }
        }
        Command::Eligibility { id, at, json } => parcours::eligibility(db, id, at.as_deref(), json),
        Command::Cert(command) => cert(db, command),
        Command::Dossier(DossierCommand::Pdf {
            id,
            output,
            pseudonymise,
            meeting,
            export,
        }) => committee::dossier_pdf(
            db,
            id,
            &output,
            pseudonymise,
            meeting,
            &export.recipients,
            export.confirm_findings,
        ),
        Command::Meeting(command) => meeting(db, command),
        Command::Territory(TerritoryCommand::List { json }) => territory::list(db, json),
        Command::Territory(TerritoryCommand::Add { label }) => territory::add(db, &label),
        Command::Check { kind, values, json } => check::run(&kind, &values, json),
        Command::Retention(RetentionCommand::List { json }) => privacy::list(db, json),
        Command::Establishment(EstablishmentCommand::Import { files, dry_run }) => {
            establishments::import(db, &files, dry_run)
        }
        Command::Establishment(EstablishmentCommand::Add { input }) => {
            establishments::add(db, &input)
        }
        Command::Establishment(EstablishmentCommand::List {
            territory,
            epci,
            query,
            limit,
            json,
        }) => establishments::list(db, &territory, &epci, &query, limit, json),
        Command::Territory(TerritoryCommand::Dashboard {
            code,
            epci,
            json,
            xlsx,
            csv,
        }) => territory::dashboard(
            db,
            &Scope::new(&code, &epci),
            json,
            xlsx.as_deref(),
            csv.as_deref(),
        ),
        Command::Territory(TerritoryCommand::Label {
            code,
            rome,
            outlook,
            comment,
        }) => territory::label(db, &code, &rome, &outlook, &comment),
        Command::Rome(RomeCommand::Search { text, limit, json }) => {
            rome::search(&text, limit as usize, json)
        }
        Command::Rome(RomeCommand::Info { json }) => matching::rome_info(db, json),
        Command::Rome(RomeCommand::Import { dir }) => matching::rome_import(db, &dir),
        Command::Training(TrainingCommand::Import { files }) => {
            matching::training_import(db, &files)
        }
        Command::Training(TrainingCommand::Search {
            text,
            rome,
            certification,
            modality,
            afest,
            near,
            radius,
            from,
            to,
            max_hours,
            closed,
            limit,
            json,
        }) => matching::training_search(
            db,
            matching::SearchArgs {
                rome,
                certification,
                text,
                modality,
                afest,
                near,
                radius,
                from,
                to,
                max_hours,
                closed,
                limit,
            },
            json,
        ),
        Command::Match(MatchCommand::Case { id, limit, json }) => {
            matching::for_case(db, id, limit as usize, json)
        }
        Command::Match(MatchCommand::Need { id, reveal, json }) => {
            matching::for_need(db, id, reveal, json)
        }
        Command::Match(MatchCommand::Choose {
            case,
            rome,
            need,
            session,
        }) => matching::choose(db, case, rome, need, session),
        Command::Diagnostic(DiagnosticCommand::Add { input }) => diagnostics::add(db, &input),
        Command::Diagnostic(DiagnosticCommand::Link { case, line, unlink }) => {
            diagnostics::link(db, case, if unlink { None } else { line })
        }
        Command::Need(NeedCommand::Add { input }) => needs::add(db, &input),
        Command::Need(NeedCommand::Import { files, dry_run }) => needs::import(db, &files, dry_run),
        Command::Need(NeedCommand::List {
            territory,
            epci,
            siret,
            campaign,
            limit,
            json,
        }) => needs::list(
            db,
            &NeedListArgs {
                scope: Scope::new(&territory, &epci),
                siret,
                campaign,
                limit,
            },
            json,
        ),
        Command::Establishment(EstablishmentCommand::Show { siret, json }) => {
            establishments::show(db, &siret, json)
        }
        Command::Purge {
            id,
            reason,
            yes,
            documents,
        } => privacy::purge(db, id, &reason, yes, documents),
        Command::Export(ExportCommand::Person { id, output }) => {
            privacy::export_person(db, id, &output)
        }
        Command::Registre { output } => privacy::registre(db, &output),
    }
}

fn main() -> ExitCode {
    let matches = match clap_fr::french(Cli::command()).try_get_matches() {
        Ok(m) => m,
        Err(err) => {
            use clap::error::ErrorKind;
            if matches!(
                err.kind(),
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
            ) {
                let _ = err.print();
                return ExitCode::SUCCESS;
            }
            eprintln!("passerelle : {}", clap_fr::error_message(&err));
            eprintln!("Aide : passerelle --help, ou passerelle COMMANDE --help.");
            return ExitCode::from(2);
        }
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(err) => {
            eprintln!("passerelle : {}", clap_fr::error_message(&err));
            return ExitCode::from(2);
        }
    };
    // The command's name only: its arguments can be a person's name or a file named after them.
    let command = match matches.subcommand() {
        Some((name, sub)) => match sub.subcommand_name() {
            Some(inner) => format!("{name} {inner}"),
            None => name.to_owned(),
        },
        None => String::new(),
    };
    if let Ok(path) = passerelle_storage::paths::resolve_database_path(cli.db.clone()) {
        passerelle_storage::log_file::install(&path);
    }
    log::info!("commande « {command} »");
    match run(cli) {
        Ok(()) => {
            log::info!("commande « {command} » terminée");
            ExitCode::SUCCESS
        }
        Err(err) => {
            log::warn!(
                "commande « {command} » : {}",
                passerelle_cli::log_summary(&err)
            );
            report(&err);
            ExitCode::FAILURE
        }
    }
}
