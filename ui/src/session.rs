//! Whether the data is open: the gate the whole UI stands behind (set-up, lock screen, or the
//! app). A leaf like `dom` (which it uses) and `guard`: `ipc` reports here a command refused
//! because the data is locked, and the frame shows the lock screen.

use std::cell::{Cell, RefCell};

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// What the window shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gate {
    /// Asking the shell where things stand.
    Checking,
    /// First launch (`migrate: false`) or a database from before encryption: the set-up screen,
    /// until the recovery key is noted.
    Setup { migrate: bool },
    /// The lock screen; the app, if it was open, stays mounted underneath, hidden and inert.
    Locked,
    /// The app.
    Unlocked,
}

/// The session's shared state.
#[derive(Debug, Clone, Copy)]
pub struct Session {
    pub gate: RwSignal<Gate>,
    /// Unlocks so far: screens that show protection details reload when it changes, and a
    /// « locked » answer to a call made before the last unlock is stale.
    pub unlocks: RwSignal<u32>,
    /// Seconds without activity before the window locks (0: never).
    pub idle_seconds: RwSignal<u32>,
    /// Bumped when a screen changed what the status line shows (a backup written).
    pub refresh: RwSignal<u32>,
}

thread_local! {
    // The UI runs on one thread; `ipc` reaches the session here, outside any component.
    static SESSION: Cell<Option<Session>> = const { Cell::new(None) };
    // What had the focus, and the window title (a case's name, say), when the window locked.
    static BEFORE_LOCK: RefCell<Option<(Option<web_sys::HtmlElement>, String)>> =
        const { RefCell::new(None) };
}

/// Creates the session (checking) and provides it to the components.
pub fn provide() -> Session {
    let session = Session {
        gate: RwSignal::new(Gate::Checking),
        unlocks: RwSignal::new(0),
        idle_seconds: RwSignal::new(0),
        refresh: RwSignal::new(0),
    };
    SESSION.with(|s| s.set(Some(session)));
    provide_context(session);
    session
}

pub fn session() -> Session {
    expect_context::<Session>()
}

impl Session {
    pub fn is_unlocked(self) -> bool {
        self.gate.get_untracked() == Gate::Unlocked
    }

    /// The data is open: shows the app, back where it was (title, focus) if it had locked.
    pub fn unlocked(self, idle_seconds: u32) {
        self.idle_seconds.set(idle_seconds);
        self.unlocks.update(|n| *n += 1);
        self.gate.set(Gate::Unlocked);
        if let Some((focused, title)) = BEFORE_LOCK.with(RefCell::take) {
            document().set_title(&title);
            // Once the lock screen is gone and the app visible again.
            request_animation_frame(move || {
                let back = focused
                    .filter(|el| el.is_connected())
                    .is_some_and(|el| el.focus().is_ok());
                if !back {
                    crate::dom::focus("main");
                }
            });
        }
    }

    /// Shows the lock screen at once: nothing of the data stays visible, not even in the
    /// window title. What had the focus is remembered for [`Session::unlocked`].
    pub fn lock_screen(self) {
        if !self.is_unlocked() {
            return;
        }
        let doc = document();
        let focused = doc
            .active_element()
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
        BEFORE_LOCK.with(|b| *b.borrow_mut() = Some((focused, doc.title())));
        doc.set_title("Verrouillée — Passerelle");
        self.gate.set(Gate::Locked);
    }
}

/// The current unlock count (taken before a call: see [`shell_locked`]).
pub fn unlock_count() -> u32 {
    SESSION
        .with(Cell::get)
        .map_or(0, |s| s.unlocks.get_untracked())
}

/// A command answered « locked »: shows the lock screen, unless the data was unlocked again
/// since the call was made (`unlocks_at_call`).
pub fn shell_locked(unlocks_at_call: u32) {
    if let Some(s) = SESSION.with(Cell::get)
        && s.unlocks.get_untracked() == unlocks_at_call
    {
        s.lock_screen();
    }
}
