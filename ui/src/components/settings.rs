use leptos::prelude::*;
use passerelle_domain::i18n::{Msg, t};

use crate::components::parameters::Parameters;
use crate::components::profile_form::ProfileForm;
use crate::components::territories::Territories;

/// Paramètres: the counsellor profile today; reference data and parameters later.
#[component]
pub fn Settings() -> impl IntoView {
    crate::dom::set_title(Msg::SettingsTitle);
    view! {
        <section id="screen-settings" aria-labelledby="screen-settings-title">
            <h1 id="screen-settings-title">{t(Msg::SettingsTitle)}</h1>
            <div class="settings">
                <ProfileForm />
                <Territories />
            </div>
            <Parameters />
        </section>
    }
}
