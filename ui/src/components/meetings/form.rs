//! Creates a meeting, or changes one.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use passerelle_domain::FieldError;
use passerelle_domain::code::Coded;
use passerelle_domain::committee::{CommitteeKind, Meeting, NewMeeting};
use passerelle_domain::validate::parse_date_fr;

use crate::api;
use crate::components::common::{field_errors, message_for, option_tags};

/// Creates a meeting, or (`editing`) changes one; a changed meeting bumps `reload`.
#[component]
pub fn MeetingForm(
    #[prop(optional)] editing: Option<Meeting>,
    #[prop(optional)] reload: Option<RwSignal<u32>>,
) -> impl IntoView {
    let initial_kind = editing.as_ref().map(|m| m.kind);
    let kind = RwSignal::new(initial_kind.map(Coded::code).unwrap_or_default());
    let date = RwSignal::new(
        editing
            .as_ref()
            .map(|m| m.held_on.format("%d/%m/%Y").to_string())
            .unwrap_or_default(),
    );
    let place = RwSignal::new(
        editing
            .as_ref()
            .map(|m| m.place.clone())
            .unwrap_or_default(),
    );
    let members = RwSignal::new(
        editing
            .as_ref()
            .map(|m| m.members.join("\n"))
            .unwrap_or_default(),
    );
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let navigate = use_navigate();
    let editing_id = editing.as_ref().map(|m| m.id);
    let save = Action::new_local(move |new: &NewMeeting| {
        let new = new.clone();
        async move {
            match editing_id {
                Some(id) => api::meetings::update(id, new).await,
                None => api::meetings::create(new).await,
            }
        }
    });
    Effect::new(move || match save.value().get() {
        Some(Ok(meeting)) => match reload {
            Some(reload) if editing_id.is_some() => reload.update(|n| *n += 1),
            _ => navigate(&format!("/comites/{}", meeting.id), Default::default()),
        },
        Some(Err(e)) => errors.set(field_errors(&e)),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = date.get_untracked();
        let held_on = parse_date_fr(&text).ok();
        if !text.trim().is_empty() && held_on.is_none() {
            errors.set(vec![FieldError::new(
                "heldOn",
                "Date de la séance : date illisible, écrivez-la jj/mm/aaaa (ex. 12/03/2026).",
            )]);
            return;
        }
        let new = NewMeeting {
            kind: CommitteeKind::parse_code(&kind.get_untracked()).ok(),
            held_on,
            place: place.get_untracked(),
            members: members.get_untracked().lines().map(str::to_owned).collect(),
        };
        // The same checks as the shell's, before the round trip; the shell checks again.
        let found = new.check(crate::today());
        if found.is_empty() {
            errors.set(Vec::new());
            save.dispatch(new);
        } else {
            errors.set(found);
        }
    };
    let msg = move |f: &'static str| message_for(errors, f);
    view! {
        <form
            id=if editing_id.is_some() { "session-edit" } else { "session-new" }
            class="card"
            on:submit=on_submit
            novalidate
        >
            <h2 class="section">
                {if editing_id.is_some() { "Modifier la séance" } else { "Nouvelle séance" }}
            </h2>
            <div class="grid">
                <div class="field">
                    <label for="session-kind">"Instance *"</label>
                    <select
                        id="session-kind"
                        aria-describedby="session-kind-msg"
                        on:change=move |ev| kind.set(event_target_value(&ev))
                    >
                        <option value="">"—"</option>
                        {option_tags(initial_kind)}
                    </select>
                    <p id="session-kind-msg" class="field-error" role="alert">
                        {msg("kind")}
                    </p>
                </div>
                <div class="field">
                    <label for="session-date">"Date de la séance *"</label>
                    <input
                        id="session-date"
                        type="text"
                        placeholder="jj/mm/aaaa"
                        aria-describedby="session-date-msg"
                        prop:value=move || date.get()
                        on:input=move |ev| date.set(event_target_value(&ev))
                    />
                    <p id="session-date-msg" class="field-error" role="alert">
                        {msg("heldOn")}
                    </p>
                </div>
                <div class="field">
                    <label for="session-place">"Lieu *"</label>
                    <input
                        id="session-place"
                        type="text"
                        placeholder="Transitions Pro Grand Est, Metz"
                        aria-describedby="session-place-msg"
                        prop:value=move || place.get()
                        on:input=move |ev| place.set(event_target_value(&ev))
                    />
                    <p id="session-place-msg" class="field-error" role="alert">
                        {msg("place")}
                    </p>
                </div>
                <div class="field">
                    <label for="session-members">"Membres (un par ligne)"</label>
                    <textarea
                        id="session-members"
                        rows="3"
                        aria-describedby="session-members-msg"
                        prop:value=move || members.get()
                        on:input=move |ev| members.set(event_target_value(&ev))
                    ></textarea>
                    <p id="session-members-msg" class="field-error" role="alert">
                        {msg("members")}
                    </p>
                </div>
            </div>
            <p class="notice-error" role="alert">
                {msg("")}
            </p>
            <div class="actions">
                <button type="submit" id="session-create" disabled=move || save.pending().get()>
                    {if editing_id.is_some() { "Enregistrer" } else { "Créer la séance" }}
                </button>
            </div>
        </form>
    }
}
