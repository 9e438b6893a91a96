//! Support for the end-to-end tests: launches the real desktop app under WebDriver.
//!
//! Each [`AppSession`] gets its own `XDG_DATA_HOME` (so its own database), its own tauri-driver
//! on free ports, and stops the driver with SIGTERM so that WebKitWebDriver exits with it.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};

/// The passphrase of every test database.
pub const PASSPHRASE: &str = "le merle chante sur le toit de Sarrebourg";

/// A file holding [`PASSPHRASE`] in `data_home` (what scripts give the app).
pub fn passphrase_file(data_home: &Path) -> PathBuf {
    let path = data_home.join("phrase-de-passe");
    std::fs::write(&path, format!("{PASSPHRASE}\n")).unwrap();
    path
}

/// The test database at `path`, unlocked (created with cheap Argon2id parameters if missing).
pub fn open_db(path: &Path) -> passerelle_storage::Connection {
    passerelle_storage::protect::open_or_create(
        path,
        PASSPHRASE,
        passerelle_storage::keys::KdfParams::TEST,
    )
    .unwrap()
    .0
}

/// Demo data in the test database at `path` (created if missing).
pub fn seed_demo(path: &Path, cases: usize) {
    passerelle_demo::seed_file(
        path,
        PASSPHRASE,
        passerelle_storage::keys::KdfParams::TEST,
        cases,
        2026,
        chrono::Local::now().date_naive(),
    )
    .unwrap();
}

/// One axe-core rule broken on a page: which, how badly, where (the first few elements).
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Violation {
    pub id: String,
    /// `minor`, `moderate`, `serious` or `critical`.
    pub impact: String,
    pub help: String,
    pub targets: Vec<String>,
    pub count: usize,
}

impl Violation {
    /// What the RGAA audit counts as failing: serious and critical.
    pub fn blocking(&self) -> bool {
        matches!(self.impact.as_str(), "serious" | "critical")
    }
}

/// axe-core's script, read once.
fn axe_source() -> &'static str {
    static SOURCE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SOURCE.get_or_init(|| {
        let path =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("axe/node_modules/axe-core/axe.min.js");
        std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "{}: {e}; run scripts/bootstrap.sh (npm ci in tests/axe)",
                path.display()
            )
        })
    })
}

/// How the app is started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unlock {
    /// With `PASSERELLE_PASSPHRASE_FILE`: unlocked (or created) at once, as scripts do.
    Automatic,
    /// As people start it: the set-up or lock screen first. `idle_seconds`: a short idle
    /// delay for the lock test (0: the setting's).
    Interactive { idle_seconds: u32 },
}

/// How long to wait for the app to show something before failing.
pub const UI_TIMEOUT: Duration = Duration::from_secs(20);

/// The desktop binary under test: `PASSERELLE_APP_BIN`, else the workspace's debug build.
pub fn app_binary() -> PathBuf {
    if let Some(bin) = std::env::var_os("PASSERELLE_APP_BIN") {
        return PathBuf::from(bin);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
    target.join("debug/passerelle-app")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn wait_for_port(port: u16, timeout: Duration) {
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < timeout,
            "tauri-driver did not listen on port {port}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Where a session's app writes the files it exports (created at start).
pub fn exports_dir(data_home: &Path) -> PathBuf {
    let dir = data_home.join("exports");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A running app with its WebDriver client.
pub struct AppSession {
    pub client: Client,
    pub data_home: tempfile::TempDir,
    /// Time from asking for the session to the session being ready (app started, page loaded).
    pub started_in: Duration,
    /// When the session (and so the app process) was asked for.
    pub launched: Instant,
    driver: Child,
}

impl AppSession {
    /// A fresh data directory; see [`AppSession::start_in`].
    pub async fn start() -> Self {
        Self::start_in(tempfile::tempdir().unwrap()).await
    }

    /// Launches the app with `data_home` as its `XDG_DATA_HOME`, unlocked at once.
    pub async fn start_in(data_home: tempfile::TempDir) -> Self {
        Self::start_with(data_home, Unlock::Automatic).await
    }

    /// Launches the app with `data_home` as its `XDG_DATA_HOME`.
    pub async fn start_with(data_home: tempfile::TempDir, unlock: Unlock) -> Self {
        let app = app_binary();
        assert!(
            app.exists(),
            "build the app first: {} is missing",
            app.display()
        );
        // Up to three tries: the ports are picked free but another test may take one before
        // tauri-driver binds it, and the session then fails mid-request (« IncompleteMessage »).
        let mut attempt = 0;
        let (driver, client, started) = loop {
            attempt += 1;
            let port = free_port();
            let native_port = free_port();
            let mut driver =
                Command::new(std::env::var("TAURI_DRIVER").unwrap_or("tauri-driver".into()));
            driver
                .args([
                    "--port",
                    &port.to_string(),
                    "--native-port",
                    &native_port.to_string(),
                ])
                .args(["--native-driver", "/usr/bin/WebKitWebDriver"])
                .env("XDG_DATA_HOME", data_home.path())
                // Exports go there, without a native save dialog WebDriver could not drive.
                .env("PASSERELLE_EXPORT_DIR", exports_dir(data_home.path()))
                .env_remove("PASSERELLE_DB")
                .env("PASSERELLE_KDF", "test")
                .stdout(Stdio::null())
                .stderr(Stdio::inherit());
            match unlock {
                Unlock::Automatic => {
                    driver.env(
                        "PASSERELLE_PASSPHRASE_FILE",
                        passphrase_file(data_home.path()),
                    );
                }
                Unlock::Interactive { idle_seconds } => {
                    driver.env_remove("PASSERELLE_PASSPHRASE_FILE");
                    if idle_seconds > 0 {
                        driver.env("PASSERELLE_IDLE_LOCK_SECONDS", idle_seconds.to_string());
                    }
                }
            }
            let mut driver = driver
                .spawn()
                .expect("tauri-driver not found: run scripts/bootstrap.sh");
            wait_for_port(port, Duration::from_secs(10));

            let mut caps = serde_json::Map::new();
            caps.insert(
                "tauri:options".into(),
                serde_json::json!({ "application": app.display().to_string() }),
            );
            let started = Instant::now();
            // 127.0.0.1, not localhost: tauri-driver forwards to the native driver on that host.
            match ClientBuilder::native()
                .capabilities(caps)
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                Ok(client) => break (driver, client, started),
                Err(e) if attempt < 3 => {
                    eprintln!("WebDriver session, try {attempt}: {e}; trying again");
                    let _ = driver.kill();
                    let _ = driver.wait();
                }
                Err(e) => panic!("WebDriver session: {e:?}"),
            }
        };
        Self {
            client,
            data_home,
            started_in: started.elapsed(),
            launched: started,
            driver,
        }
    }

    /// The database file of this session's app.
    pub fn database_path(&self) -> PathBuf {
        self.data_home
            .path()
            .join("fr.passerelle.desktop/passerelle.sqlite3")
    }

    /// Waits until an element matching `css` is in the page. Any error is retried until the
    /// timeout, not only « no such element »: while the page is being redrawn WebKitWebDriver
    /// may answer « Could not parse element info » once (CI, right after a tab was clicked).
    pub async fn wait_for(&self, css: &str) -> Element {
        self.find_within_timeout(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css} never appeared: {e}"))
    }

    /// Looks for `locator` every 20 ms until found or `UI_TIMEOUT`, then gives the last error.
    async fn find_within_timeout(
        &self,
        locator: Locator<'_>,
    ) -> Result<Element, fantoccini::error::CmdError> {
        let start = Instant::now();
        loop {
            match self.client.find(locator).await {
                Ok(element) => return Ok(element),
                Err(e) if start.elapsed() >= UI_TIMEOUT => return Err(e),
                Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
            }
        }
    }

    /// Clicks the element matched by `css` once it is in the page.
    pub async fn click(&self, css: &str) {
        if let Err(e) = self.wait_for(css).await.click().await {
            panic!("{css} could not be clicked: {e}");
        }
    }

    /// Waits until a link whose text is `text` is in the page (a list that loads after its
    /// screen appeared).
    pub async fn wait_for_link(&self, text: &str) -> Element {
        self.find_within_timeout(Locator::LinkText(text))
            .await
            .unwrap_or_else(|e| panic!("no link {text:?}: {e}"))
    }

    /// Waits until `css`'s text contains `needle`, and returns that text.
    pub async fn wait_for_text(&self, css: &str, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let text = self.wait_for(css).await.text().await.unwrap_or_default();
            if text.contains(needle) {
                return text;
            }
            assert!(
                start.elapsed() < UI_TIMEOUT,
                "{css} shows {text:?}, never {needle:?}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Clicks the element matched by `css` once it is in the page, scrolled to the middle of the
    /// window first (a sticky header or the status line would otherwise take the click), with
    /// no field focused (a blur may re-render what is clicked). A failed click leaves a
    /// screenshot, `<failure_shot>.png`.
    pub async fn click_centered(&self, css: &str, failure_shot: &str) {
        let element = self.wait_for(css).await;
        self.client
            .execute(
                "document.activeElement && document.activeElement.blur(); \
                 arguments[0].scrollIntoView({block: 'center'})",
                vec![serde_json::to_value(&element).unwrap()],
            )
            .await
            .unwrap();
        if let Err(e) = element.click().await {
            self.screenshot(failure_shot).await;
            panic!("{css}: {e:?}");
        }
    }

    /// Picks the option with `value` in the `<select>` matched by `select_css`.
    pub async fn choose(&self, select_css: &str, value: &str) {
        self.wait_for(&format!("{select_css} option[value='{value}']"))
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("{select_css}: cannot choose {value}: {e}"));
    }

    /// Waits until `css` shows no text (a field's message cleared once its input is fixed).
    pub async fn wait_for_no_text(&self, css: &str) {
        let start = Instant::now();
        loop {
            let text = self.wait_for(css).await.text().await.unwrap_or_default();
            if text.trim().is_empty() {
                return;
            }
            assert!(start.elapsed() < UI_TIMEOUT, "{css} still shows {text:?}");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Waits for a browser dialog (`confirm`, `alert`) and returns its text: the dialog opens
    /// after the click's handlers run, which a busy machine may delay.
    pub async fn wait_for_alert(&self) -> String {
        let start = Instant::now();
        loop {
            match self.client.get_alert_text().await {
                Ok(text) => return text,
                Err(e) => assert!(start.elapsed() < UI_TIMEOUT, "no dialog opened: {e}"),
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// The id of the element that has the focus (empty if it went while asked: a page redrawn).
    pub async fn focused_id(&self) -> String {
        let Ok(element) = self.client.active_element().await else {
            return String::new();
        };
        element.attr("id").await.ok().flatten().unwrap_or_default()
    }

    /// Waits until the element `id` has the focus (a dialog, a save or a reload gives it back
    /// a frame later).
    pub async fn wait_for_focus(&self, id: &str) {
        let start = Instant::now();
        loop {
            let now = self.focused_id().await;
            if now == id {
                return;
            }
            assert!(
                start.elapsed() < UI_TIMEOUT,
                "the focus is on {now:?}, never on {id:?}"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Waits for two frames: what the page does « a frame later » (a focus given back, a
    /// paint) has then been done.
    pub async fn next_frames(&self) {
        self.client
            .execute_async(
                "const done = arguments[arguments.length - 1]; \
                 requestAnimationFrame(() => requestAnimationFrame(() => done(null)));",
                vec![],
            )
            .await
            .expect("wait for two frames");
    }

    /// Saves a screenshot as `<name>.png` in `PASSERELLE_E2E_SHOTS` when that is set, so that
    /// people can look at the screens a run went through.
    pub async fn screenshot(&self, name: &str) {
        let Some(dir) = std::env::var_os("PASSERELLE_E2E_SHOTS") else {
            return;
        };
        let png = self.client.screenshot().await.expect("screenshot");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(Path::new(&dir).join(format!("{name}.png")), png).unwrap();
    }

    /// Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page as it is now and returns its
    /// violations. axe-core comes from npm (`tests/axe`, installed by scripts/bootstrap.sh).
    pub async fn audit(&self) -> Vec<Violation> {
        // Injected once per page: the app is a single page, the script stays between screens.
        let loaded = self
            .client
            .execute("return typeof axe !== 'undefined'", vec![])
            .await
            .expect("look for axe-core");
        if loaded != serde_json::Value::Bool(true) {
            self.client
                .execute(axe_source(), vec![])
                .await
                .expect("inject axe-core");
        }
        let answer = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, {
                     runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
                     resultTypes: ['violations'],
                 }).then(r => done(JSON.stringify(r.violations.map(v => ({
                     id: v.id, impact: v.impact || 'minor', help: v.help,
                     targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')),
                     count: v.nodes.length,
                 }))))).catch(e => done('ERROR ' + e));",
                vec![],
            )
            .await
            .expect("axe.run");
        let text = answer.as_str().unwrap_or_default().to_owned();
        assert!(!text.starts_with("ERROR"), "axe-core: {text}");
        serde_json::from_str(&text).expect("axe-core's answer")
    }

    /// Closes the window, then stops tauri-driver (and with it WebKitWebDriver). Returns the
    /// data directory, still on disk, so the test can inspect what the app wrote.
    pub async fn finish(mut self) -> tempfile::TempDir {
        let _ = self.client.clone().close().await;
        stop(&mut self.driver);
        let empty = tempfile::tempdir().unwrap();
        std::mem::replace(&mut self.data_home, empty)
    }
}

impl Drop for AppSession {
    fn drop(&mut self) {
        // A failed test never reached `finish`: still leave no driver behind.
        stop(&mut self.driver);
    }
}

fn stop(driver: &mut Child) {
    if driver.try_wait().ok().flatten().is_some() {
        return;
    }
    // SIGTERM, not SIGKILL: tauri-driver traps it and kills its native driver first.
    let _ = Command::new("kill")
        .args(["-TERM", &driver.id().to_string()])
        .status();
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if driver.try_wait().ok().flatten().is_some() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = driver.kill();
    let _ = driver.wait();
}
