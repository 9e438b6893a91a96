//! A modal dialog: the native `<dialog>` shown with `showModal`, so the rest of the window is
//! inert and Escape closes it. Mount it to open it, unmount it to close it; the focus then goes
//! back to what opened it (or to `return_to` when that is gone, a row that was purged, say).

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::session::{Gate, session};

/// The dialog; `on_cancel` runs on Escape (not while `busy`: a command is under way).
#[component]
pub fn ModalDialog(
    id: &'static str,
    title: String,
    on_cancel: Callback<()>,
    #[prop(into)] busy: Signal<bool>,
    #[prop(optional)] return_to: Option<&'static str>,
    /// A red top border: the dialog deletes something.
    #[prop(optional)]
    danger: bool,
    children: Children,
) -> impl IntoView {
    let session = session();
    let node = NodeRef::<html::Dialog>::new();
    // What had the focus when the dialog was asked for: the button that opened it.
    let opener = document()
        .active_element()
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    let opener = StoredValue::new_local(opener);
    // Modal only while the data is open: the lock screen must stay usable above it. The
    // dialog keeps what was typed and comes back once unlocked.
    Effect::new(move || {
        let Some(dialog) = node.get() else {
            return;
        };
        let unlocked = session.gate.get() == Gate::Unlocked;
        if unlocked && !dialog.open() {
            let _ = dialog.show_modal();
        } else if !unlocked && dialog.open() {
            dialog.close();
        }
    });
    on_cleanup(move || {
        // Out of the top layer before it leaves the page.
        if let Some(dialog) = node.get_untracked()
            && dialog.open()
        {
            dialog.close();
        }
        let opener = opener.get_value();
        request_animation_frame(move || {
            let back = opener
                .filter(|el| el.is_connected())
                .is_some_and(|el| el.focus().is_ok());
            if !back && let Some(id) = return_to {
                crate::dom::focus(id);
            }
        });
    });
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            // The dialog closes when its owner says so, not by itself.
            ev.prevent_default();
            if !busy.get_untracked() {
                on_cancel.run(());
            }
        }
    };
    view! {
        <dialog
            id=id
            class="modal"
            class:danger=danger
            aria-labelledby=format!("{id}-title")
            node_ref=node
            on:keydown=on_keydown
        >
            <h2 id=format!("{id}-title") class="modal-title">
                {title}
            </h2>
            {children()}
        </dialog>
    }
}
