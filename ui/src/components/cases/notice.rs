//! The case page's live region, shared by the page and the sections that announce their
//! results in it (exports, erasure).

use leptos::prelude::*;

/// What the case page announces in its live region (exports, erasure), kept across the reloads
/// that redraw the page, and the element to focus once a reload has redrawn it.
#[derive(Clone, Copy)]
pub struct CaseNotice {
    /// (success, message).
    pub message: RwSignal<Option<(bool, String)>>,
    pub refocus: RwSignal<Option<&'static str>>,
}

impl CaseNotice {
    pub fn ok(self, message: String) {
        self.message.set(Some((true, message)));
    }

    pub fn error(self, message: String) {
        self.message.set(Some((false, message)));
    }
}
