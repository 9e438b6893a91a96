//! End-to-end: the real Passerelle window, driven through tauri-driver + WebKitWebDriver.
//!
//! Run by `scripts/test.sh` under Xvfb after building the app; each test launches its own app on
//! its own temporary data directory.

mod accessibility;
mod cases;
mod certifications;
mod committees;
mod first_run;
mod foundation;
mod help;
mod imports;
mod installed;
mod keyboard;
mod matching;
mod parcours;
mod personal_data;
mod profile;
mod protection;
mod security;
mod territories;
