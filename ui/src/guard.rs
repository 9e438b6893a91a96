//! Unsaved-changes guard: a form marks itself dirty; leaving it asks first.

use leptos::prelude::*;

/// Shared flag: is a form holding changes that are not saved?
#[derive(Clone, Copy)]
pub struct Unsaved(pub RwSignal<bool>);

pub fn provide() {
    provide_context(Unsaved(RwSignal::new(false)));
}

pub fn unsaved() -> Unsaved {
    expect_context::<Unsaved>()
}

impl Unsaved {
    /// True if the user may leave: nothing unsaved, or they confirmed.
    pub fn may_leave(self) -> bool {
        if !self.0.get_untracked() {
            return true;
        }
        let leave = window()
            .confirm_with_message(
                "Des modifications ne sont pas enregistrées.\nQuitter sans enregistrer ?",
            )
            .unwrap_or(false);
        if leave {
            self.0.set(false);
        }
        leave
    }
}
