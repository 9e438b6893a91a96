#![allow(dead_code)]
//! What every command-line test shares: the passphrase of its databases, given to the CLI the
//! way scripts give it (a file named by `PASSERELLE_PASSPHRASE_FILE`, never an argument), and
//! cheap Argon2id parameters for the key files the tests create.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use passerelle_storage::Connection;
use passerelle_storage::keys::KdfParams;

/// The passphrase of every test database.
pub const PASSPHRASE: &str = "le merle chante sur le toit de Sarrebourg";

/// A file holding [`PASSPHRASE`], for the whole test process.
pub fn passphrase_file() -> &'static Path {
    static FILE: OnceLock<PathBuf> = OnceLock::new();
    FILE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap().keep();
        let path = dir.join("phrase");
        std::fs::write(&path, format!("{PASSPHRASE}\n")).unwrap();
        path
    })
}

/// The `passerelle` binary, unlocking with the test passphrase.
pub fn cli() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_passerelle"));
    cmd.env("PASSERELLE_PASSPHRASE_FILE", passphrase_file())
        .env("PASSERELLE_KDF", "test")
        .env_remove("PASSERELLE_PASSPHRASE_FD")
        .env_remove("PASSERELLE_RECOVERY_FILE");
    cmd
}

/// The test database at `path`, unlocked (created if missing).
pub fn open(path: &Path) -> Connection {
    passerelle_storage::protect::open_or_create(path, PASSPHRASE, KdfParams::TEST)
        .unwrap()
        .0
}

/// Standard output or error as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// `passerelle --db DB ARGS…`, whatever `PASSERELLE_DB` the environment holds.
pub fn run(db: &Path, args: &[&str]) -> std::process::Output {
    cli()
        .env_remove(passerelle_domain::DATABASE_ENV_VAR)
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

/// [`run`] with `stdin` written to the command's standard input (`case add --json -`). A
/// refused command may exit before reading it: a broken pipe is not an error here.
pub fn run_with_stdin(db: &Path, args: &[&str], stdin: &str) -> std::process::Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = cli()
        .env_remove(passerelle_domain::DATABASE_ENV_VAR)
        .arg("--db")
        .arg(db)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

/// [`run`] that must succeed; its standard output.
pub fn ok(db: &Path, args: &[&str]) -> String {
    let out = run(db, args);
    assert!(
        out.status.success(),
        "{args:?}: {}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}
