//! `passerelle`: the command line for headless use and scripting.
//!
//! It links the storage layer only (no WebKit), and opens the same database as the desktop app
//! unless `--db` or `PASSERELLE_DB` says otherwise.

mod info;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Info { json } => info::run(cli.db, json),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("passerelle : {err:#}");
            ExitCode::FAILURE
        }
    }
}
