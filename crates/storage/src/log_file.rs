//! The local log file: what a support person needs to understand a failure (which command, which
//! kind of error, where in the code), and nothing about the people in the case files.
//!
//! It sits next to the database, in `logs/` (`passerelle.log`, then `passerelle.1.log` once it
//! passes [`MAX_FILE_BYTES`]: two files at most, so it never grows past about 1 MB). Callers log
//! categories, command names and code locations, never a value typed by a user; as a second
//! line of defence every line is passed through [`redact`], which blanks runs of digits (a NIR,
//! a phone number, a date of birth) and e-mail addresses before anything reaches the disk.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

/// Past this size the file is rotated (one previous file is kept).
pub const MAX_FILE_BYTES: u64 = 512 * 1024;

const FILE_NAME: &str = "passerelle.log";
const PREVIOUS_FILE_NAME: &str = "passerelle.1.log";

/// The log directory of a database: `logs/` beside the file (each database, the demo one
/// included, keeps its own).
pub fn dir_for(database: &Path) -> PathBuf {
    database
        .parent()
        .map_or_else(|| PathBuf::from("logs"), |dir| dir.join("logs"))
}

/// The current log file of a database.
pub fn file_for(database: &Path) -> PathBuf {
    dir_for(database).join(FILE_NAME)
}

struct FileLog {
    dir: PathBuf,
    file: Mutex<Option<File>>,
}

static LOGGER: OnceLock<FileLog> = OnceLock::new();

/// Sends the `log` records of this process (info and above) to the log file of `database`.
/// Once per process: a second call keeps the first file. A log that cannot be written never
/// stops the app (the records are then dropped).
pub fn install(database: &Path) {
    let logger = LOGGER.get_or_init(|| FileLog {
        dir: dir_for(database),
        file: Mutex::new(None),
    });
    if log::set_logger(logger).is_ok() {
        log::set_max_level(log::LevelFilter::Info);
    }
}

impl log::Log for FileLog {
    /// Our own records from info up; the libraries' (webview, SQLite driver) from warn up.
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        metadata.level() <= log::Level::Warn
            || (metadata.level() <= log::Level::Info && metadata.target().starts_with("passerelle"))
    }

    fn log(&self, record: &log::Record<'_>) {
        if !self.enabled(record.metadata()) {
            return;
        }
        let line = format!(
            "{} {} {}: {}\n",
            chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ"),
            record.level(),
            record.target(),
            redact(&record.args().to_string())
        );
        let Ok(mut slot) = self.file.lock() else {
            return;
        };
        // Best effort: a full disk or a read-only directory loses log lines, never data.
        let _ = self.write(&mut slot, line.as_bytes());
    }

    fn flush(&self) {
        if let Ok(mut slot) = self.file.lock()
            && let Some(file) = slot.as_mut()
        {
            let _ = file.flush();
        }
    }
}

impl FileLog {
    fn write(&self, slot: &mut Option<File>, line: &[u8]) -> std::io::Result<()> {
        let path = self.dir.join(FILE_NAME);
        if slot.is_none() {
            *slot = Some(open_private(&self.dir, &path)?);
        }
        let size = slot
            .as_ref()
            .map_or(Ok(0), |f| f.metadata().map(|m| m.len()))?;
        if size + line.len() as u64 > MAX_FILE_BYTES {
            *slot = None;
            fs::rename(&path, self.dir.join(PREVIOUS_FILE_NAME))?;
            *slot = Some(open_private(&self.dir, &path)?);
        }
        if let Some(file) = slot.as_mut() {
            file.write_all(line)?;
        }
        Ok(())
    }
}

/// Opens the log for appending, readable by its owner only (like the database).
fn open_private(dir: &Path, path: &Path) -> std::io::Result<File> {
    fs::create_dir_all(dir)?;
    let mut options = OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// The last `count` lines of a database's log (the previous file first if the current one is
/// shorter), for an error report. Missing files give no lines.
pub fn tail(database: &Path, count: usize) -> Vec<String> {
    let dir = dir_for(database);
    let mut lines: Vec<String> = Vec::new();
    for name in [PREVIOUS_FILE_NAME, FILE_NAME] {
        if let Ok(text) = fs::read_to_string(dir.join(name)) {
            lines.extend(text.lines().map(str::to_owned));
        }
    }
    let skip = lines.len().saturating_sub(count);
    lines.split_off(skip)
}

/// Blanks what could identify a person in a line of text: e-mail addresses become
/// `<e-mail>`, and runs of 4 digits or more (ignoring the spaces and dots inside them, as in a
/// NIR « 1 85 05 78 006 084 36 » or a phone number) become `#`. Shorter numbers stay: line
/// numbers, counts and code locations are what makes a log useful.
pub fn redact(text: &str) -> String {
    let words: Vec<String> = text
        .split(' ')
        .map(|word| {
            if word.contains('@') && word.contains('.') {
                "<e-mail>".to_owned()
            } else {
                word.to_owned()
            }
        })
        .collect();
    let text = words.join(" ");
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        // A number, possibly grouped by single spaces or dots: « 06 12 34 56 78 ».
        let start = i;
        let mut end = i;
        let mut digits = 0;
        let mut j = i;
        while j < chars.len() {
            if chars[j].is_ascii_digit() {
                digits += 1;
                end = j + 1;
                j += 1;
            } else if matches!(chars[j], ' ' | '.')
                && chars.get(j + 1).is_some_and(char::is_ascii_digit)
            {
                j += 1;
            } else {
                break;
            }
        }
        if digits >= 4 {
            out.push('#');
        } else {
            out.extend(&chars[start..end]);
        }
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redact_blanks_nir_phone_email_and_keeps_small_numbers() {
        assert_eq!(redact("NIR 1 85 05 78 006 084 36 refusé"), "NIR # refusé");
        assert_eq!(redact("nir=185057800608436"), "nir=#");
        assert_eq!(redact("tél. 06.12.34.56.78"), "tél. #");
        assert_eq!(
            redact("écrit à jeanne.martin@example.fr hier"),
            "écrit à <e-mail> hier"
        );
        assert_eq!(
            redact("src/commands/case.rs:42 : validation (ligne 3, 2 champs)"),
            "src/commands/case.rs:42 : validation (ligne 3, 2 champs)"
        );
    }

    #[test]
    fn rotation_keeps_two_files_under_the_cap() {
        let dir = tempfile::tempdir().unwrap();
        let log = FileLog {
            dir: dir.path().to_owned(),
            file: Mutex::new(None),
        };
        let line = format!("{}\n", "x".repeat(999));
        let mut slot = log.file.lock().unwrap();
        for _ in 0..(3 * MAX_FILE_BYTES as usize / line.len()) {
            log.write(&mut slot, line.as_bytes()).unwrap();
        }
        drop(slot);
        let current = fs::metadata(dir.path().join(FILE_NAME)).unwrap().len();
        let previous = fs::metadata(dir.path().join(PREVIOUS_FILE_NAME))
            .unwrap()
            .len();
        assert!(current <= MAX_FILE_BYTES && previous <= MAX_FILE_BYTES);
        assert!(previous > MAX_FILE_BYTES - line.len() as u64);
        let names = fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(names, 2, "only the current and the previous file");
    }

    #[test]
    fn tail_reads_across_the_rotation() {
        let dir = tempfile::tempdir().unwrap();
        let database = dir.path().join("base.sqlite3");
        let logs = dir_for(&database);
        fs::create_dir_all(&logs).unwrap();
        fs::write(logs.join(PREVIOUS_FILE_NAME), "a\nb\n").unwrap();
        fs::write(logs.join(FILE_NAME), "c\n").unwrap();
        assert_eq!(tail(&database, 2), ["b", "c"]);
        assert_eq!(tail(&database, 10), ["a", "b", "c"]);
    }
}
