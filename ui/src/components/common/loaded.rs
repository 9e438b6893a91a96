//! The one loading/error wrapper: « Chargement… » while the data comes, the error's French
//! message if it failed, the content once it is there.

use leptos::prelude::*;
use passerelle_domain::AppError;

/// Something that loads: nothing yet, or the result of a command.
pub trait Loading: Copy + Send + 'static {
    type Value: 'static;
    fn current(&self) -> Option<Result<Self::Value, AppError>>;
}

impl<T: Clone + 'static> Loading for LocalResource<Result<T, AppError>> {
    type Value = T;
    fn current(&self) -> Option<Result<T, AppError>> {
        self.get()
    }
}

/// A result kept in a signal (a screen that replaces it after each change it makes).
impl<T: Clone + Send + Sync + 'static> Loading for RwSignal<Option<Result<T, AppError>>> {
    type Value = T;
    fn current(&self) -> Option<Result<T, AppError>> {
        self.get()
    }
}

/// Shows `children` with the loaded value: `<Loaded from=resource let:value>…</Loaded>`.
#[component]
pub fn Loaded<L, F, V>(from: L, children: F) -> impl IntoView
where
    L: Loading,
    F: Fn(L::Value) -> V + Send + 'static,
    V: IntoView + 'static,
{
    move || match from.current() {
        None => view! { <p class="muted">"Chargement…"</p> }.into_any(),
        Some(Err(e)) => view! { <p class="notice-error">{e.user_message()}</p> }.into_any(),
        Some(Ok(value)) => children(value).into_any(),
    }
}
