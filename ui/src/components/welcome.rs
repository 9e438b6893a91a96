//! The first-run assistant, after the passphrase is chosen: the counsellor's profile (it signs
//! every change), the territories, and where the data comes from. Everything stays editable in
//! Paramètres; nothing here is required to go on.

use leptos::prelude::*;
use leptos_router::components::A;
use passerelle_domain::i18n::{Msg, t};

use crate::components::profile_form::ProfileForm;
use crate::components::territories::Territories;

#[component]
pub fn Welcome() -> impl IntoView {
    crate::dom::set_title(Msg::WelcomeTitle);
    request_animation_frame(|| {
        crate::dom::focus("screen-welcome-title");
    });
    view! {
        <section id="screen-welcome" aria-labelledby="screen-welcome-title">
            <h1 id="screen-welcome-title" tabindex="-1">
                {t(Msg::WelcomeTitle)}
            </h1>
            <p>
                "Votre base est créée, vide et chiffrée. Deux réglages avant le premier dossier ; tous restent modifiables dans Paramètres."
            </p>
            <div class="settings">
                <ProfileForm />
                <Territories />
            </div>
            <section class="card" aria-labelledby="welcome-data-title">
                <h2 id="welcome-data-title">"Vos données"</h2>
                <ul>
                    <li>
                        "Un dossier à la fois : « Nouveau dossier » (Ctrl + N) sur l’écran Dossiers."
                    </li>
                    <li>
                        "Une liste de salariés (export RH en CSV) : commande "
                        <code>"passerelle import cases FICHIER.csv"</code> "."
                    </li>
                    <li>
                        "Le catalogue des certifications (export de France compétences) : commande "
                        <code>"passerelle cert import FICHIER.zip"</code> "."
                    </li>
                    <li>
                        "Une sauvegarde chaque jour : choisissez son dossier dans "
                        <A href="/parametres/securite">"Paramètres › Sécurité"</A> "."
                    </li>
                </ul>
            </section>
            <div class="actions">
                <A href="/" attr:id="welcome-done" attr:class="button">
                    "Commencer"
                </A>
            </div>
        </section>
    }
}
