//! Passerelle's UI: Leptos in client-side rendering, compiled to wasm32 and served by the Tauri
//! shell. Components talk to the shell only through [`api`], which goes through [`ipc::call`].
//!
//! Layers, each using only those below it: `app` (the gate, the frame and routes) → `components`
//! (screens, then `components::common`) → `api` → `ipc`; `dom`, `guard` and `session` (set-up,
//! locked or unlocked) are leaves any of them may use.

mod api;
mod app;
mod components;
mod dom;
mod guard;
mod ipc;
mod session;

/// Today in the user's time zone (validation: birth dates in the future, ages).
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
