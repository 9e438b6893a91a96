use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::api;

/// First launch: until the counsellor profile exists, ask for it (it signs every change).
#[component]
pub fn ProfileBanner() -> impl IntoView {
    let location = use_location();
    let profile = LocalResource::new(move || {
        // Re-checked on every navigation, so the banner goes once the profile is saved.
        location.pathname.track();
        api::profile::get()
    });
    move || {
        let missing = matches!(profile.get(), Some(Ok(None)));
        let path = location.pathname.get();
        let on_settings = path.starts_with("/parametres") || path == "/bienvenue";
        (missing && !on_settings).then(|| view! {
            <div class="banner" id="profile-banner" role="note">
                "Bienvenue dans Passerelle. Renseignez d’abord votre profil : votre nom signe chaque modification des dossiers. "
                <A href="/bienvenue">"Renseigner mon profil"</A>
            </div>
        })
    }
}
