//! DOM helpers: focus and the window title. A leaf: it knows no screen, so every screen can
//! use it without depending on the application frame.

use leptos::prelude::document;
use passerelle_domain::i18n::{Msg, t};
use wasm_bindgen::JsCast;

/// Focuses an element by id; false if it is not on the page.
pub fn focus(id: &str) -> bool {
    document()
        .get_element_by_id(id)
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        .map(|el| el.focus().is_ok())
        .unwrap_or(false)
}

/// Focuses an element by id after a re-render, unless the user has moved on: only when focus
/// fell to the page (the focused element was replaced) or is already on that id. A reload that
/// ends while the user types elsewhere must not take their keystrokes.
pub fn refocus(id: &str) -> bool {
    let lost = document()
        .active_element()
        .is_none_or(|el| el.tag_name().eq_ignore_ascii_case("body") || el.id() == id);
    lost && focus(id)
}

/// Focuses the first element matching a CSS selector (an SVG shape too); false if there is
/// none.
pub fn focus_first(selector: &str) -> bool {
    document()
        .query_selector(selector)
        .ok()
        .flatten()
        // `focus` belongs to HTML and SVG elements alike (HTMLOrSVGElement): calling it through
        // the HTML binding works for a map's shape as well.
        .map(|el| el.unchecked_into::<web_sys::HtmlElement>().focus().is_ok())
        .unwrap_or(false)
}

/// Sets the window title to « Écran — Passerelle ».
pub fn set_title(screen: Msg) {
    set_title_text(t(screen));
}

/// Sets the window title to « text — Passerelle » (a case's name, say).
pub fn set_title_text(text: &str) {
    document().set_title(&format!("{text} — {}", t(Msg::AppName)));
}
