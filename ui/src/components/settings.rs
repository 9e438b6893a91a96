use leptos::prelude::*;
use leptos_router::hooks::use_location;
use passerelle_domain::i18n::{Msg, t};

use crate::components::parameters::Parameters;
use crate::components::personal_data::PersonalData;
use crate::components::profile_form::ProfileForm;
use crate::components::security::SecuritySettings;
use crate::components::territories::Territories;

/// Paramètres: the counsellor profile, territories, protection and backups, personal data
/// (retention, the record of processing activities), regulatory values.
/// `/parametres/securite` opens it on the Sécurité section.
#[component]
pub fn Settings() -> impl IntoView {
    crate::dom::set_title(Msg::SettingsTitle);
    if use_location()
        .pathname
        .get_untracked()
        .ends_with("/securite")
    {
        request_animation_frame(|| {
            if let Some(section) = document().get_element_by_id("security") {
                section.scroll_into_view();
            }
            crate::dom::focus("security-title");
        });
    }
    view! {
        <section id="screen-settings" aria-labelledby="screen-settings-title">
            <h1 id="screen-settings-title">{t(Msg::SettingsTitle)}</h1>
            <div class="settings">
                <ProfileForm />
                <Territories />
            </div>
            <SecuritySettings />
            <PersonalData />
            <Parameters />
        </section>
    }
}
