//! Start-up of the real app on a large database (issue 17, item 7: first screen with data
//! ≤ 1 s, resident memory ≤ 150 MB with 100 000 cases). Launches the desktop binary through
//! WebDriver several times on one database and reports, per launch, the time from the process
//! being asked for to the case list showing its count, and the app's memory then: resident, and
//! proportional (shared libraries split among the processes that use them).
//!
//! `xvfb-run -a cargo bench -p passerelle-tests --bench startup` (debug build of the app), or
//! with `PASSERELLE_APP_BIN=target/release/passerelle-app` for the shipped build.
//! `PASSERELLE_BENCH_CASES` (default 100 000) sets the size; the database is seeded once and
//! kept under the target directory between runs.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use passerelle_tests::AppSession;

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let cases: usize = std::env::var("PASSERELLE_BENCH_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let data_home = seeded(cases);
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let mut times = Vec::new();
    let mut resident = Vec::new();
    let mut proportional = Vec::new();
    for run in 0..5 {
        let copy = tempfile::tempdir().unwrap();
        copy_dir(&data_home, copy.path());
        let (shown, memory) = runtime.block_on(launch(copy, cases));
        println!(
            "launch {}: first screen with {cases} cases after {:.0} ms (WebDriver session included), memory of the shell and webview processes {:.0} MB resident, {:.0} MB proportional",
            run + 1,
            shown.as_secs_f64() * 1e3,
            megabytes(memory.rss),
            megabytes(memory.pss)
        );
        times.push(shown);
        resident.push(memory.rss);
        proportional.push(memory.pss);
    }
    times.sort();
    resident.sort_unstable();
    proportional.sort_unstable();
    let median = |v: &[u64]| megabytes(v[v.len() / 2]);
    println!(
        "{cases} cases: first screen median {:.0} ms (min {:.0}, max {:.0}); memory median {:.0} MB resident, {:.0} MB proportional",
        times[times.len() / 2].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3,
        median(&resident),
        median(&proportional)
    );
}

fn megabytes(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

/// From asking for the app to the case list showing `cases`; then the app's memory.
async fn launch(data_home: tempfile::TempDir, cases: usize) -> (Duration, Memory) {
    let app = AppSession::start_in(data_home).await;
    let expected = cases.to_string();
    loop {
        if let Ok(count) = app
            .client
            .find(fantoccini::Locator::Css("#status-cases"))
            .await
            && count.attr("data-value").await.ok().flatten().as_deref() == Some(&expected)
            && app
                .client
                .find(fantoccini::Locator::Css("#screen-cases table tbody tr"))
                .await
                .is_ok()
        {
            break;
        }
        assert!(
            app.launched.elapsed() < Duration::from_secs(60),
            "no first screen"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let shown = app.launched.elapsed();
    // The shell, and the webview's processes (WebKitGTK runs the page in its own).
    let (shell, web, network) = (
        newest_memory("passerelle-app"),
        newest_memory("WebKitWebProces"),
        newest_memory("WebKitNetworkPr"),
    );
    println!(
        "  window ready (WebDriver session open, page loaded) after {:.0} ms; resident (proportional): shell {:.0} ({:.0}) MB, web process {:.0} ({:.0}) MB, network process {:.0} ({:.0}) MB",
        app.started_in.as_secs_f64() * 1e3,
        megabytes(shell.rss),
        megabytes(shell.pss),
        megabytes(web.rss),
        megabytes(web.pss),
        megabytes(network.rss),
        megabytes(network.pss)
    );
    app.finish().await;
    (shown, shell + web + network)
}

/// A data directory holding a demo database of `cases` cases, made once.
fn seeded(cases: usize) -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
    let home = target.join(format!("bench-startup-{cases}"));
    let db = home.join("fr.passerelle.desktop/passerelle.sqlite3");
    if !db.exists() {
        let started = Instant::now();
        passerelle_tests::seed_demo(&db, cases);
        println!(
            "seeded {cases} cases in {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
    // Each start records the employer silences that became agreements since the last one (a
    // few on a working day). A database seeded in bulk has thousands waiting, which the first
    // launch alone would record (about 3 s at 100 000 cases): done here, as that first start
    // would, so that every launch measures a day's start.
    let mut conn = passerelle_tests::open_db(&db);
    passerelle_storage::parcours::apply_tacit_agreements(
        &mut conn,
        chrono::Local::now().date_naive(),
        chrono::Utc::now(),
    )
    .unwrap();
    drop(conn);
    // The passphrase file the sessions read, beside the database.
    passerelle_tests::passphrase_file(&home);
    home
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
            copy_dir(&entry.path(), &dest);
        } else {
            std::fs::copy(entry.path(), dest).unwrap();
        }
    }
}

/// Memory of one process: resident (`rss`, shared libraries counted whole in each process) and
/// proportional (`pss`, each shared page divided among the processes that map it: what the
/// processes cost the machine together).
#[derive(Default, Clone, Copy)]
struct Memory {
    rss: u64,
    pss: u64,
}

impl std::ops::Add for Memory {
    type Output = Memory;
    fn add(self, other: Memory) -> Memory {
        Memory {
            rss: self.rss + other.rss,
            pss: self.pss + other.pss,
        }
    }
}

/// Memory of the most recently started process named `comm` (the one this launch made).
fn newest_memory(comm_name: &str) -> Memory {
    let mut newest: Option<(u64, Memory)> = None;
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let dir = entry.path();
        let Ok(comm) = std::fs::read_to_string(dir.join("comm")) else {
            continue;
        };
        if comm.trim() != comm_name {
            continue;
        }
        let Ok(stat) = std::fs::read_to_string(dir.join("stat")) else {
            continue;
        };
        // Field 22 (start time), counted after the command name's closing parenthesis.
        let after = &stat[stat.rfind(')').unwrap_or(0) + 2..];
        let start: u64 = after
            .split(' ')
            .nth(19)
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let Ok(rollup) = std::fs::read_to_string(dir.join("smaps_rollup")) else {
            continue;
        };
        let kb = |field: &str| -> u64 {
            rollup
                .lines()
                .find_map(|l| l.strip_prefix(field))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
                .unwrap_or(0)
                * 1024
        };
        let memory = Memory {
            rss: kb("Rss:"),
            pss: kb("Pss:"),
        };
        if newest.is_none_or(|(s, _)| start > s) {
            newest = Some((start, memory));
        }
    }
    newest.map_or(Memory::default(), |(_, memory)| memory)
}
