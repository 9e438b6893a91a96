//! `passerelle`: the command line for headless use and scripting.
//!
//! It links the storage layer only (no WebKit), and opens the same database as the desktop app
//! unless `--db` or `PASSERELLE_DB` says otherwise.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use passerelle_cli::{
    Reported, cases, cert, cert_sessions, check, committee, demo, import, info, journal, parcours,
    territory,
};
use passerelle_domain::case::{CaseQuery, CaseSort};
use passerelle_domain::committee::CommitteeKind;

#[derive(Debug, Parser)]
#[command(
    name = "passerelle",
    version,
    about = "Passerelle en ligne de commande"
)]
struct Cli {
    /// Database file (default: the desktop app's database).
    #[arg(long, global = true, env = passerelle_domain::DATABASE_ENV_VAR, value_name = "PATH")]
    db: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Database path, schema version and counts.
    Info {
        #[arg(long)]
        json: bool,
    },
    /// Case files: add, list, show.
    #[command(subcommand)]
    Case(CaseCommand),
    /// Full-text search over names, employer, trades and notes.
    Search {
        #[arg(required = true, num_args = 1..)]
        words: Vec<String>,
        #[arg(long, default_value_t = 20)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// Adds fictional, deterministic demo case files.
    Demo {
        #[arg(long, value_name = "N")]
        cases: usize,
        #[arg(long, default_value_t = 2026)]
        seed: u64,
    },
    /// Imports case files from a CSV file (all or nothing).
    #[command(subcommand)]
    Import(ImportCommand),
    /// The parcours of a case: show it, or move it to another step.
    #[command(subcommand)]
    Parcours(ParcoursCommand),
    /// Deadlines overdue or due in the next N days, across all case files.
    Deadlines {
        #[arg(long, default_value_t = 30)]
        days: u32,
        #[arg(long)]
        json: bool,
    },
    /// PTP eligibility of a case, rule by rule.
    Eligibility {
        id: i64,
        /// Date of evaluation (jj/mm/aaaa; default: the training start, else today).
        #[arg(long)]
        at: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The certification catalogue (France compétences exports, CléA).
    #[command(subcommand)]
    Cert(CertCommand),
    /// Committee dossiers as PDF.
    #[command(subcommand)]
    Dossier(DossierCommand),
    /// Committee sessions: create, agenda, session pack, outcomes.
    #[command(subcommand)]
    Session(SessionCommand),
    /// Territories cases are attached to.
    #[command(subcommand)]
    Territory(TerritoryCommand),
    /// The tamper-evident journal.
    #[command(subcommand)]
    Journal(JournalCommand),
    /// Checks identifiers (values as arguments, or one per line on stdin with `-`).
    Check {
        kind: check::Kind,
        values: Vec<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
enum DossierCommand {
    /// Writes a case's committee dossier (PDF); SOURCE_DATE_EPOCH fixes the generation date.
    Pdf {
        id: i64,
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// No name, NIR, contact, address, birth date or health detail.
        #[arg(long)]
        pseudonymise: bool,
        /// As presented at this session (its pseudonym, position and outcome).
        #[arg(long, value_name = "SESSION_ID")]
        session: Option<i64>,
    },
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum CommitteeArg {
    /// Commission paritaire Transitions Pro (decisions).
    Commission,
    /// Comité des transitions individuelles (opinions).
    Comite,
}

#[derive(Debug, Subcommand)]
enum SessionCommand {
    /// Creates a session.
    Create {
        #[arg(long, value_enum)]
        kind: CommitteeArg,
        /// jj/mm/aaaa
        #[arg(long)]
        date: String,
        #[arg(long)]
        place: String,
        /// One per member (repeat the option).
        #[arg(long = "member", value_name = "NAME")]
        members: Vec<String>,
    },
    /// Sessions, the latest first.
    List {
        #[arg(long)]
        json: bool,
    },
    /// A session's agenda.
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Puts cases on the agenda (at a step the committee examines).
    Add {
        id: i64,
        #[arg(required = true, num_args = 1..)]
        cases: Vec<i64>,
    },
    /// Sets the agenda's order (every case of the session, once).
    Order {
        id: i64,
        #[arg(required = true, num_args = 1..)]
        cases: Vec<i64>,
    },
    /// Writes the session pack: cover, agenda and every dossier (PDF).
    Pack {
        id: i64,
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        #[arg(long)]
        pseudonymise: bool,
    },
    /// Records an opinion or a decision; a decision moves the parcours.
    Decide {
        id: i64,
        case: i64,
        /// accord, accord_partiel, refus, irrecevable, ajourne, or favorable, reserve, defavorable.
        #[arg(long)]
        outcome: String,
        #[arg(long, default_value = "")]
        motifs: String,
        /// Amount granted, in euros (accords).
        #[arg(long)]
        amount: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
enum CaseCommand {
    /// Creates a case file from JSON (a file, or `-` for stdin).
    Add {
        #[arg(long = "json", value_name = "FILE")]
        input: PathBuf,
    },
    /// Lists case files, by name.
    List {
        #[arg(long)]
        territory: Option<String>,
        /// Include archived case files.
        #[arg(long)]
        archived: bool,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long, default_value_t = 0)]
        offset: u32,
        #[arg(long)]
        json: bool,
    },
    /// Shows one case file.
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
enum ImportCommand {
    /// Case files from a CSV (UTF-8 or Windows-1252, `;` or `,`).
    Cases {
        file: PathBuf,
        /// Check everything, write nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Debug, Subcommand)]
enum ParcoursCommand {
    /// Current step, history, possible next steps and why they are blocked, checklist, deadlines.
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Moves the case to a step (code, e.g. PTP_DOSSIER_DEPOSE); refused with the reasons.
    Advance {
        id: i64,
        #[arg(long, value_name = "STEP")]
        to: String,
        #[arg(long, default_value = "")]
        reason: String,
    },
}

#[derive(Debug, Subcommand)]
enum CertCommand {
    /// Imports France compétences CSV files (fiches, blocs, ROME, certificateurs), all or nothing.
    Import {
        #[arg(required = true, num_args = 1..)]
        files: Vec<PathBuf>,
        #[arg(long)]
        dry_run: bool,
    },
    /// Enrols a case in a certification (every bloc, or the ones given).
    Enrol {
        case_id: i64,
        certification: String,
        #[arg(long, value_enum, default_value = "formation")]
        route: RouteArg,
        /// Bloc codes, comma separated (default: every bloc).
        #[arg(long, value_delimiter = ',')]
        blocs: Vec<String>,
    },
    /// Records the status of one bloc of an enrolment.
    Bloc {
        enrolment: i64,
        bloc: String,
        #[arg(long, value_enum)]
        status: BlocStatusArg,
        /// Date of acquisition (jj/mm/aaaa), required for « acquis ».
        #[arg(long)]
        on: Option<String>,
        #[arg(long, default_value = "")]
        evidence: String,
    },
    /// Blocs acquired, in progress and remaining, per enrolment of a case.
    Status {
        case_id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Exams and juries of the next N days, with their candidate counts.
    Juries {
        #[arg(long, default_value_t = 60)]
        days: u32,
        #[arg(long)]
        json: bool,
    },
    /// Exam and jury sessions.
    #[command(subcommand)]
    Session(CertSessionCommand),
    /// Registers an enrolment at a session.
    Register { session: i64, enrolment: i64 },
    /// Records a candidate's result at a session (blocs rewritten accordingly).
    Result {
        session: i64,
        enrolment: i64,
        #[arg(long, value_enum)]
        outcome: OutcomeArg,
        /// Blocs validated (validation partielle), comma separated.
        #[arg(long, value_delimiter = ',')]
        blocs: Vec<String>,
    },
    /// Records the certificate issued after a validation totale.
    Certificate {
        enrolment: i64,
        #[arg(long)]
        number: String,
        /// Date of issue (jj/mm/aaaa).
        #[arg(long)]
        on: String,
    },
    /// Candidates by certification and status, success rates; `--csv` exports every candidate.
    Stats {
        #[arg(long, default_value_t = 60)]
        days: u32,
        #[arg(long)]
        json: bool,
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
    },
    /// Lists or searches the catalogue.
    List {
        #[arg(long, default_value = "")]
        search: String,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
enum CertSessionCommand {
    /// Creates a session.
    Add {
        /// Date (jj/mm/aaaa).
        #[arg(long)]
        date: String,
        #[arg(long, value_enum, default_value = "jury")]
        kind: SessionKindArg,
        #[arg(long)]
        certification: String,
        #[arg(long)]
        place: String,
    },
    /// A session's candidates and results.
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum SessionKindArg {
    Examen,
    Jury,
    JuryVae,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum OutcomeArg {
    Totale,
    Partielle,
    Refus,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum RouteArg {
    Formation,
    Vae,
    Clea,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum BlocStatusArg {
    AAcquerir,
    EnCours,
    Acquis,
    NonValide,
}

#[derive(Debug, Subcommand)]
enum TerritoryCommand {
    /// Lists territories (code and label).
    List {
        #[arg(long)]
        json: bool,
    },
    /// Adds a territory; its code is derived from the label.
    Add { label: String },
}

#[derive(Debug, Subcommand)]
enum JournalCommand {
    /// Recomputes the hash chain and checks every journaled row; non-zero exit if broken.
    Verify,
}

fn session(db: Option<PathBuf>, command: SessionCommand) -> anyhow::Result<()> {
    match command {
        SessionCommand::Create {
            kind,
            date,
            place,
            members,
        } => {
            let kind = match kind {
                CommitteeArg::Commission => CommitteeKind::CommissionParitaire,
                CommitteeArg::Comite => CommitteeKind::ComiteLocal,
            };
            committee::create(db, kind, &date, &place, &members)
        }
        SessionCommand::List { json } => committee::list(db, json),
        SessionCommand::Show { id, json } => committee::show(db, id, json),
        SessionCommand::Add { id, cases } => committee::add(db, id, &cases),
        SessionCommand::Order { id, cases } => committee::order(db, id, &cases),
        SessionCommand::Pack {
            id,
            output,
            pseudonymise,
        } => committee::pack(db, id, &output, pseudonymise),
        SessionCommand::Decide {
            id,
            case,
            outcome,
            motifs,
            amount,
        } => committee::decide(db, id, case, &outcome, &motifs, amount.as_deref()),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let db = cli.db;
    let result = match cli.command {
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
        Command::Demo { cases: count, seed } => demo::run(db, count, seed),
        Command::Import(ImportCommand::Cases { file, dry_run }) => import::run(db, &file, dry_run),
        Command::Journal(JournalCommand::Verify) => journal::verify(db),
        Command::Parcours(ParcoursCommand::Show { id, json }) => parcours::show(db, id, json),
        Command::Parcours(ParcoursCommand::Advance { id, to, reason }) => {
            parcours::advance(db, id, &to, &reason)
        }
        Command::Deadlines { days, json } => parcours::deadlines(db, days, json),
        Command::Eligibility { id, at, json } => parcours::eligibility(db, id, at.as_deref(), json),
        Command::Cert(CertCommand::Import { files, dry_run }) => cert::import(db, &files, dry_run),
        Command::Cert(CertCommand::Enrol {
            case_id,
            certification,
            route,
            blocs,
        }) => {
            use passerelle_domain::certification::Route;
            let route = match route {
                RouteArg::Formation => Route::Formation,
                RouteArg::Vae => Route::Vae,
                RouteArg::Clea => Route::Clea,
            };
            cert::enrol(db, case_id, &certification, route, &blocs)
        }
        Command::Cert(CertCommand::Bloc {
            enrolment,
            bloc,
            status,
            on,
            evidence,
        }) => {
            use passerelle_domain::certification::BlocStatus;
            let status = match status {
                BlocStatusArg::AAcquerir => BlocStatus::AAcquerir,
                BlocStatusArg::EnCours => BlocStatus::EnCours,
                BlocStatusArg::Acquis => BlocStatus::Acquis,
                BlocStatusArg::NonValide => BlocStatus::NonValide,
            };
            cert::set_bloc(db, enrolment, &bloc, status, on.as_deref(), &evidence)
        }
        Command::Cert(CertCommand::Status { case_id, json }) => cert::status(db, case_id, json),
        Command::Cert(CertCommand::List {
            search,
            limit,
            json,
        }) => cert::list(db, &search, limit, json),
        Command::Dossier(DossierCommand::Pdf {
            id,
            output,
            pseudonymise,
            session,
        }) => committee::dossier_pdf(db, id, &output, pseudonymise, session),
        Command::Session(command) => session(db, command),
        Command::Cert(CertCommand::Juries { days, json }) => cert_sessions::juries(db, days, json),
        Command::Cert(CertCommand::Session(CertSessionCommand::Add {
            date,
            kind,
            certification,
            place,
        })) => {
            use passerelle_domain::certification::SessionKind;
            let kind = match kind {
                SessionKindArg::Examen => SessionKind::Examen,
                SessionKindArg::Jury => SessionKind::Jury,
                SessionKindArg::JuryVae => SessionKind::JuryVae,
            };
            cert_sessions::add_session(db, &date, kind, &certification, &place)
        }
        Command::Cert(CertCommand::Session(CertSessionCommand::Show { id, json })) => {
            cert_sessions::show_session(db, id, json)
        }
        Command::Cert(CertCommand::Register { session, enrolment }) => {
            cert_sessions::register(db, session, enrolment)
        }
        Command::Cert(CertCommand::Result {
            session,
            enrolment,
            outcome,
            blocs,
        }) => {
            use passerelle_domain::certification::Outcome;
            let outcome = match outcome {
                OutcomeArg::Totale => Outcome::ValidationTotale,
                OutcomeArg::Partielle => Outcome::ValidationPartielle,
                OutcomeArg::Refus => Outcome::Refus,
            };
            cert_sessions::result(db, session, enrolment, outcome, &blocs)
        }
        Command::Cert(CertCommand::Certificate {
            enrolment,
            number,
            on,
        }) => cert_sessions::certificate(db, enrolment, &number, &on),
        Command::Cert(CertCommand::Stats { days, json, csv }) => {
            cert_sessions::stats(db, days, json, csv.as_deref())
        }
        Command::Territory(TerritoryCommand::List { json }) => territory::list(db, json),
        Command::Territory(TerritoryCommand::Add { label }) => territory::add(db, &label),
        Command::Check { kind, values, json } => check::run(kind, &values, json),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if err.is::<Reported>() => ExitCode::FAILURE,
        Err(err) => {
            eprintln!("passerelle : {err:#}");
            ExitCode::FAILURE
        }
    }
}
