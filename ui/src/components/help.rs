//! Aide: keyboard shortcuts, the parcours and its deadlines (from the domain's own labels,
//! transitions and parameters, never a second copy), where the data lives and how to back it
//! up, the version and licences, and « Copier un rapport d'erreur ».

use leptos::prelude::*;
use leptos_router::components::A;
use passerelle_domain::AppError;
use passerelle_domain::i18n::{Label, Msg, t};
use passerelle_domain::ipc::AppStatus;
use passerelle_domain::parcours::BRANCHES;

use crate::api;

/// The shortcuts the app answers (see `app.rs`, `Shortcuts` and `Locking`, the dialogs, and the
/// zoom hotkeys of tauri.conf.json).
const SHORTCUTS: &[(&str, &str)] = &[
    ("Ctrl + N", "Nouveau dossier"),
    (
        "Ctrl + F",
        "Rechercher un dossier (depuis n’importe quel écran)",
    ),
    ("Ctrl + L", "Verrouiller Passerelle"),
    ("F1", "Ouvrir cette aide"),
    (
        "Ctrl + =, Ctrl + -",
        "Agrandir, réduire l’affichage (par pas de 20 %, 200 % et au-delà)",
    ),
    ("Ctrl + 0", "Revenir à la taille d’affichage normale"),
    (
        "Échap",
        "Fermer une fenêtre de dialogue, sans rien enregistrer",
    ),
    (
        "Tab, Maj + Tab",
        "Passer au champ ou au bouton suivant, précédent",
    ),
    (
        "Entrée, Espace",
        "Activer le bouton ou le lien sélectionné, une zone de la carte",
    ),
];

#[component]
pub fn Help() -> impl IntoView {
    crate::dom::set_title(Msg::HelpTitle);
    // One status call for the sections that show it (data, version).
    let status = LocalResource::new(api::status::app_status);
    view! {
        <section id="screen-help" class="help" aria-labelledby="screen-help-title">
            <h1 id="screen-help-title">{t(Msg::HelpTitle)}</h1>
            <nav aria-label="Sommaire de l’aide" class="help-toc">
                <a href="#help-keys">"Raccourcis clavier"</a>
                <a href="#help-parcours">"Le parcours"</a>
                <a href="#help-deadlines">"Les délais"</a>
                <a href="#help-data">"Vos données"</a>
                <a href="#help-report">"Signaler un problème"</a>
                <a href="#help-about">"Version et licences"</a>
                <a href="#help-accessibility">"Accessibilité"</a>
            </nav>
            <Shortcuts />
            <Parcours />
            <HelpFromShell status=status />
            <Report />
            <About status=status />
            <Accessibility />
        </section>
    }
}

#[component]
fn Shortcuts() -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="help-keys">
            <h2 id="help-keys">"Raccourcis clavier"</h2>
            <table class="compact help-keys">
                <caption class="sr-only">"Raccourcis clavier"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Touches"</th>
                        <th scope="col">"Action"</th>
                    </tr>
                </thead>
                <tbody>
                    {SHORTCUTS
                        .iter()
                        .map(|(keys, action)| {
                            view! {
                                <tr>
                                    <td>
                                        <kbd>{*keys}</kbd>
                                    </td>
                                    <td>{*action}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </section>
    }
}

/// Each branch with its steps, and where each step can lead (the state machine's transitions).
#[component]
fn Parcours() -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="help-parcours">
            <h2 id="help-parcours">"Le parcours"</h2>
            <p class="muted">
                "Un dossier avance d’étape en étape ; Passerelle refuse un passage tant que ses conditions (pièces, dates, décisions) manquent, et dit lesquelles."
            </p>
            {BRANCHES
                .iter()
                .map(|branch| {
                    view! {
                        <h3>{branch.title}</h3>
                        <p>{branch.summary}</p>
                        <dl class="help-steps">
                            {branch
                                .steps
                                .iter()
                                .map(|step| {
                                    let next: Vec<&str> = step
                                        .next_steps()
                                        .iter()
                                        .map(|s| s.label())
                                        .collect();
                                    let next = if next.is_empty() {
                                        "étape finale".to_owned()
                                    } else {
                                        format!("ensuite : {}", next.join(" · "))
                                    };
                                    view! {
                                        <dt data-step=step.code()>{step.label()}</dt>
                                        <dd>{next}</dd>
                                    }
                                })
                                .collect_view()}
                        </dl>
                    }
                })
                .collect_view()}
        </section>
    }
}

/// The deadlines' rules (with the parameters in force) and where the data is.
#[component]
fn HelpFromShell(status: LocalResource<Result<AppStatus, AppError>>) -> impl IntoView {
    let help = LocalResource::new(api::status::help);
    view! {
        <section class="card" aria-labelledby="help-deadlines">
            <h2 id="help-deadlines">"Les délais"</h2>
            <p class="muted">
                "Calculés pour chaque dossier à partir de ses dates, avec les valeurs en vigueur (Paramètres › Valeurs réglementaires)."
            </p>
            {move || match help.get() {
                None => view! { <p role="status">"Chargement…"</p> }.into_any(),
                Some(Err(e)) => view! { <p class="notice-error">{e.user_message()}</p> }.into_any(),
                Some(Ok(info)) => {
                    view! {
                        <table class="compact help-deadlines">
                            <caption class="sr-only">"Règles des délais"</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"Échéance"</th>
                                    <th scope="col">"Règle"</th>
                                    <th scope="col">"Source"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {info
                                    .deadline_rules
                                    .into_iter()
                                    .map(|r| {
                                        view! {
                                            <tr>
                                                <th scope="row">{r.title}</th>
                                                <td>{r.rule}</td>
                                                <td>{r.source}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    }
                        .into_any()
                }
            }}
        </section>
        <section class="card" aria-labelledby="help-data">
            <h2 id="help-data">"Vos données"</h2>
            {move || match (status.get(), help.get()) {
                (Some(Ok(s)), Some(Ok(h))) => {
                    view! {
                        <dl class="help-data">
                            <dt>"Base de données"</dt>
                            <dd id="help-db-path">
                                <code>{s.database_path}</code>
                                " — chiffrée (SQLCipher), ouverte par votre phrase de passe ; schéma "
                                {s.schema_version}
                            </dd>
                            <dt>"Sauvegardes"</dt>
                            <dd>
                                {match h.backup_dir {
                                    Some(dir) => {
                                        view! {
                                            "Chaque jour, à l’ouverture et à la fermeture, dans "
                                            <code>{dir}</code>
                                            " ; « Sauvegarder maintenant » à tout moment."
                                        }
                                            .into_any()
                                    }
                                    None => {
                                        view! {
                                            "Aucun dossier de sauvegarde choisi : « Sauvegarder maintenant » demande où enregistrer, ou choisissez un dossier pour une sauvegarde automatique chaque jour."
                                        }
                                            .into_any()
                                    }
                                }} " "
                                <A href="/parametres/securite">"Paramètres › Sécurité"</A>
                                ". Une sauvegarde est chiffrée : gardez votre clé de secours à part."
                            </dd>
                            <dt>"Journal technique"</dt>
                            <dd id="help-log-file">
                                <code>{h.log_file}</code>
                                " — commandes et erreurs, sans aucune donnée personnelle ; deux fichiers de 512 Ko au plus."
                            </dd>
                        </dl>
                    }
                        .into_any()
                }
                (Some(Err(e)), _) | (_, Some(Err(e))) => {
                    view! { <p class="notice-error">{e.user_message()}</p> }.into_any()
                }
                _ => view! { <p role="status">"Chargement…"</p> }.into_any(),
            }}
        </section>
    }
}

/// « Copier un rapport d'erreur »: shown in full before it leaves, copied to the clipboard.
#[component]
fn Report() -> impl IntoView {
    let report = RwSignal::new(None::<String>);
    let notice = RwSignal::new(String::new());
    let gather = move |_| {
        notice.set(String::new());
        leptos::task::spawn_local(async move {
            match api::status::error_report().await {
                Ok(text) => {
                    report.set(Some(text.clone()));
                    notice.set(if copy_to_clipboard(&text).await {
                        "Rapport copié dans le presse-papiers : collez-le dans votre message au support."
                            .to_owned()
                    } else {
                        "Copie automatique impossible : le rapport est sélectionné ci-dessous, copiez-le avec Ctrl + C."
                            .to_owned()
                    });
                    request_animation_frame(select_report);
                }
                Err(e) => notice.set(e.user_message()),
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="help-report">
            <h2 id="help-report">"Signaler un problème"</h2>
            <p>
                "Le rapport réunit la version, le système, l’état de la base et les dernières lignes du journal technique. Il ne contient ni nom, ni NIR, ni adresse, ni note : relisez-le avant de l’envoyer."
            </p>
            <div class="actions">
                <button type="button" id="help-report-copy" on:click=gather>
                    "Copier un rapport d’erreur"
                </button>
            </div>
            <p id="help-report-notice" role="status" aria-live="polite">
                {move || notice.get()}
            </p>
            {move || {
                report
                    .get()
                    .map(|text| {
                        view! {
                            <label for="help-report-text">"Rapport d’erreur"</label>
                            <textarea id="help-report-text" readonly rows="12" class="report">
                                {text}
                            </textarea>
                        }
                    })
            }}
        </section>
    }
}

/// Selects the report's text, so that Ctrl+C copies it when the clipboard refused.
fn select_report() {
    use wasm_bindgen::JsCast;
    if let Some(area) = document()
        .get_element_by_id("help-report-text")
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
    {
        let _ = area.focus();
        area.select();
    }
}

/// `navigator.clipboard.writeText`, where the webview grants it.
async fn copy_to_clipboard(text: &str) -> bool {
    use wasm_bindgen::{JsCast, JsValue};
    let Ok(clipboard) = js_sys::Reflect::get(&window().navigator(), &"clipboard".into()) else {
        return false;
    };
    let Ok(write) = js_sys::Reflect::get(&clipboard, &"writeText".into()) else {
        return false;
    };
    let Some(write) = write.dyn_ref::<js_sys::Function>() else {
        return false;
    };
    let Ok(promise) = write.call1(&clipboard, &JsValue::from_str(text)) else {
        return false;
    };
    let Ok(promise) = promise.dyn_into::<js_sys::Promise>() else {
        return false;
    };
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

#[component]
fn About(status: LocalResource<Result<AppStatus, AppError>>) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="help-about">
            <h2 id="help-about">"Version et licences"</h2>
            <dl class="help-data">
                <dt>"Version"</dt>
                <dd id="help-version">
                    {move || {
                        status
                            .get()
                            .and_then(Result::ok)
                            .map(|s| format!("Passerelle {}", s.app_version))
                    }}
                </dd>
                <dt>"Licence"</dt>
                <dd>
                    "Passerelle est un logiciel libre sous licence publique de l’Union européenne (EUPL 1.2). Il s’appuie sur des bibliothèques libres (Tauri, Leptos, SQLite et SQLCipher, OpenSSL, printpdf…) sous licences MIT, Apache 2.0, BSD ou équivalentes ; les polices DejaVu sont sous licence Bitstream Vera."
                </dd>
                <dt>"Données de référence"</dt>
                <dd>
                    <ul class="help-sources">
                        <li>
                            "Métiers, appellations, compétences et mobilités : « France Travail – ROME 4.60, Licence Ouverte »."
                        </li>
                        <li>
                            "Communes et codes postaux : INSEE et La Poste, via le « découpage administratif » d’Etalab (Licence Ouverte)."
                        </li>
                        <li>
                            "Contours et centres des communes et des EPCI : « IGN – Admin Express COG, Licence Ouverte »."
                        </li>
                        <li>
                            "Établissements (quand vous les importez) : « Source : INSEE, base Sirene » (Licence Ouverte)."
                        </li>
                    </ul>
                </dd>
            </dl>
        </section>
    }
}

/// The accessibility statement, RGAA style: what was audited, how, when, and what is not.
#[component]
fn Accessibility() -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="help-accessibility">
            <h2 id="help-accessibility">"Déclaration d’accessibilité"</h2>
            <p>
                "Passerelle s’engage à être accessible conformément au référentiel général d’amélioration de l’accessibilité (RGAA 4.1), qui reprend les critères A et AA des WCAG 2.1."
            </p>
            <dl class="help-data">
                <dt>"État de conformité"</dt>
                <dd>
                    "Partiellement conforme : l’audit ci-dessous est automatique ; un audit manuel complet reste à conduire."
                </dd>
                <dt>"Audit"</dt>
                <dd id="help-audit">
                    "axe-core 4.14.1 (règles WCAG 2.0 et 2.1, niveaux A et AA), lancé dans la fenêtre réelle sur 24 écrans — liste et fiche des dossiers (ses 8 onglets), nouveau dossier, import de dossiers, À faire, comités et séance, certifications, formations, territoires, établissement, recensement des besoins, paramètres, aide, bienvenue, verrouillage et première ouverture. Résultat au 2 décembre 2026 : aucune violation grave ou critique. Il est rejoué par la suite de tests à chaque modification."
                </dd>
                <dt>"Clavier"</dt>
                <dd>
                    "Toutes les actions sont accessibles au clavier (voir les raccourcis ci-dessus) ; le focus reste visible."
                </dd>
                <dt>"Zoom"</dt>
                <dd>
                    "À 200 % (Ctrl + = cinq fois) dans une fenêtre de 1280 × 720, chaque écran se réorganise sans défilement horizontal ; seuls les tableaux larges défilent dans leur propre cadre. Vérifié par la suite de tests sur 23 écrans."
                </dd>
                <dt>"Signaler un défaut"</dt>
                <dd>
                    "Un écran ou une action inaccessible : « Copier un rapport d’erreur » ci-dessus, et décrivez ce qui bloque à votre administrateur ou au support."
                </dd>
            </dl>
        </section>
    }
}
