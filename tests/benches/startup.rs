//! Start-up of the real app on a large database (issue 17, item 7: first screen with data
//! ≤ 1 s, resident memory ≤ 150 MB with 100 000 cases). Launches the desktop binary through
//! WebDriver several times on one database and reports, per launch, the time from the process
//! being asked for to the case list showing its count, and the app's resident memory then.
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
    let mut memory = Vec::new();
    for run in 0..5 {
        let copy = tempfile::tempdir().unwrap();
        copy_dir(&data_home, copy.path());
        let (shown, rss) = runtime.block_on(launch(copy, cases));
        println!(
            "launch {}: first screen with {cases} cases after {:.0} ms (WebDriver session included), resident memory {:.0} MB (shell and webview processes)",
            run + 1,
            shown.as_secs_f64() * 1e3,
            rss as f64 / 1e6
        );
        times.push(shown);
        memory.push(rss);
    }
    times.sort();
    memory.sort_unstable();
    println!(
        "{cases} cases: first screen median {:.0} ms (min {:.0}, max {:.0}); resident memory median {:.0} MB (max {:.0})",
        times[times.len() / 2].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3,
        memory[memory.len() / 2] as f64 / 1e6,
        memory[memory.len() - 1] as f64 / 1e6
    );
}

/// From asking for the app to the case list showing `cases`; then the app's resident memory.
async fn launch(data_home: tempfile::TempDir, cases: usize) -> (Duration, u64) {
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
        newest_rss("passerelle-app"),
        newest_rss("WebKitWebProces"),
        newest_rss("WebKitNetworkPr"),
    );
    println!(
        "  window ready (WebDriver session open, page loaded) after {:.0} ms; resident: shell {:.0} MB, web process {:.0} MB, network process {:.0} MB",
        app.started_in.as_secs_f64() * 1e3,
        shell as f64 / 1e6,
        web as f64 / 1e6,
        network as f64 / 1e6
    );
    let rss = shell + web + network;
    app.finish().await;
    (shown, rss)
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

/// Resident memory of the most recently started process named `comm` (the one this launch
/// made), in bytes.
fn newest_rss(comm_name: &str) -> u64 {
    let mut newest: Option<(u64, u64)> = None;
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
        let Ok(status) = std::fs::read_to_string(dir.join("status")) else {
            continue;
        };
        let rss_kb: u64 = status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0);
        if newest.is_none_or(|(s, _)| start > s) {
            newest = Some((start, rss_kb * 1024));
        }
    }
    newest.map_or(0, |(_, rss)| rss)
}
