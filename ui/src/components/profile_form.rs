use leptos::prelude::*;
use passerelle_domain::i18n::{Msg, t};
use passerelle_domain::profile::CounsellorProfile;
use passerelle_domain::{AppError, FieldError};

use crate::api;
use crate::components::common::message_for;

/// The counsellor profile form. Errors show under their field; a failed save keeps the input.
#[component]
pub fn ProfileForm() -> impl IntoView {
    let display_name = RwSignal::new(String::new());
    let structure = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let notice = RwSignal::new(None::<String>);

    // Fill the form with the saved profile once it arrives.
    let saved = LocalResource::new(api::profile::get);
    Effect::new(move || {
        if let Some(Ok(Some(p))) = saved.get() {
            display_name.set(p.display_name);
            structure.set(p.structure);
        }
    });

    let save = Action::new_local(|profile: &CounsellorProfile| api::profile::save(profile.clone()));
    Effect::new(move || match save.value().get() {
        Some(Ok(p)) => {
            display_name.set(p.display_name);
            structure.set(p.structure);
            errors.set(Vec::new());
            notice.set(Some(t(Msg::ProfileSaved).to_owned()));
        }
        Some(Err(AppError::Validation { errors: e })) => {
            errors.set(e);
            notice.set(None);
        }
        Some(Err(other)) => {
            errors.set(Vec::new());
            notice.set(Some(other.user_message()));
        }
        None => {}
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch(CounsellorProfile {
            display_name: display_name.get_untracked(),
            structure: structure.get_untracked(),
        });
    };
    let error_for = move |field: &'static str| message_for(errors, field);

    view! {
        <form id="profile-form" class="form" on:submit=on_submit novalidate=true>
            <h2>{t(Msg::ProfileTitle)}</h2>
            <p class="help">{t(Msg::ProfileHelp)}</p>
            <Field
                id="profile-name"
                label=Msg::ProfileDisplayName
                value=display_name
                error=Signal::derive(error_for("displayName"))
            />
            <Field
                id="profile-structure"
                label=Msg::ProfileStructure
                value=structure
                error=Signal::derive(error_for("structure"))
            />
            <div class="actions">
                <button type="submit" id="profile-save" disabled=move || save.pending().get()>
                    {t(Msg::ProfileSave)}
                </button>
                <span id="profile-notice" role="status">
                    {move || notice.get()}
                </span>
            </div>
        </form>
    }
}

/// A labelled text input with its error message (linked by `aria-describedby`).
#[component]
fn Field(
    id: &'static str,
    label: Msg,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    view! {
        <div class="field">
            <label for=id>{t(label)}</label>
            <input
                id=id
                type="text"
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                aria-describedby=error_id.clone()
            />
            <p id=error_id class="field-error">
                {move || error.get()}
            </p>
        </div>
    }
}
