//! Select options from the domain's enumerations: the stored code as value, the French label
//! as text (see `passerelle_domain::code::Coded`).

use leptos::prelude::*;
use passerelle_domain::code::Coded;

/// (code, label) of every value, in the enumeration's order.
pub fn labelled_codes<T: Coded>() -> Vec<(String, String)> {
    T::ALL
        .iter()
        .map(|v| (v.code(), v.label().to_owned()))
        .collect()
}

/// `<option>` tags for every value, `selected` marking one.
pub fn option_tags<T: Coded>(selected: Option<T>) -> impl IntoView {
    let selected = selected.map(Coded::code);
    labelled_codes::<T>()
        .into_iter()
        .map(|(code, label)| {
            let chosen = selected.as_deref() == Some(code.as_str());
            view! {
                <option value=code selected=chosen>
                    {label}
                </option>
            }
        })
        .collect_view()
}
