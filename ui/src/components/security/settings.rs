//! Paramètres › Sécurité: how the data is protected, the passphrase, a new recovery kit, the
//! idle delay before locking, backups.

use leptos::prelude::*;
use passerelle_domain::FieldError;
use passerelle_domain::ipc::{BackupDone, RecoveryKit};
use passerelle_domain::security::{IDLE_LOCK_MAX_MINUTES, SecurityStatus};

use super::passphrase::{PassphraseField, ShowToggle, StrengthMeter, acceptable, mismatch};
use super::recovery_key::RecoveryKeyPanel;
use crate::api;
use crate::components::common::{
    Loaded, RunButton, RunOutcome, date_text, date_time_text, field_errors, first_message,
    message_for, size_text,
};
use crate::session::session;

/// Most backups kept in the backup directory (the storage layer's bound).
const BACKUP_KEEP_MAX: u32 = 100;

/// The Sécurité section of Paramètres.
#[component]
pub fn SecuritySettings() -> impl IntoView {
    let session = session();
    let reload = RwSignal::new(0u32);
    let status = LocalResource::new(move || {
        reload.track();
        session.unlocks.track();
        api::security::status()
    });
    let reload_status = Callback::new(move |()| reload.update(|n| *n += 1));
    view! {
        <section id="security" class="form wide-form" aria-labelledby="security-title">
            <h2 id="security-title" tabindex="-1">
                "Sécurité"
            </h2>
            <div class="security-grid">
                <div>
                    <Loaded from=status let:s>
                        <Summary status=s />
                    </Loaded>
                    <LockAndBackupForm status=status reload=reload_status />
                    <BackupNow status=status reload=reload_status />
                </div>
                <div>
                    <ChangePassphrase />
                    <NewKit reload=reload_status />
                </div>
            </div>
        </section>
    }
}

/// « Base et documents chiffrés… », the recovery kit's date, the keyring, the idle delay.
#[component]
fn Summary(status: SecurityStatus) -> impl IntoView {
    let passes = if status.kdf_iterations >= 2 {
        "passes"
    } else {
        "passe"
    };
    let protection = format!(
        "Base et documents chiffrés ; phrase de passe Argon2id {} Mio, {} {passes}",
        status.kdf_memory_mib, status.kdf_iterations
    );
    let kit = status.recovery_issued_at.as_deref().map_or_else(
        || "Kit de secours : date d’émission inconnue".to_owned(),
        |at| format!("Kit de secours émis le {}", date_text(at)),
    );
    let idle = match status.idle_lock_minutes {
        0 => "jamais d’elle-même ; Ctrl+L verrouille aussitôt.".to_owned(),
        1 => "après 1 minute d’inactivité ; Ctrl+L verrouille aussitôt.".to_owned(),
        n => format!("après {n} minutes d’inactivité ; Ctrl+L verrouille aussitôt."),
    };
    view! {
        <h3 class="subsection">"Protection"</h3>
        {status
            .kdf_weak
            .then(|| {
                view! {
                    <div class="notice-box" id="security-kdf-weak" role="alert">
                        <p>
                            <strong>"Protection affaiblie : "</strong>
                            "la phrase de passe est dérivée avec des paramètres de test, bien trop faibles pour des données réelles. N’y enregistrez pas de vrais dossiers ; changer la phrase de passe (hors mode de test) rétablit les paramètres normaux."
                        </p>
                    </div>
                }
            })}
        <ul id="security-summary" class="plain summary">
            <li id="security-protection">{protection}</li>
            <li id="security-kit-issued">{kit}</li>
            <li id="security-keyring">
                "Trousseau du système : non utilisé — la phrase de passe est demandée à chaque ouverture"
            </li>
            <li id="security-idle-summary">"Verrouillage : " {idle}</li>
        </ul>
    }
}

/// A number typed in a field, within bounds; `Err` is the field's French message.
fn bounded(text: &str, min: u32, max: u32, what: &str) -> Result<u32, String> {
    match text.trim().parse::<u32>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(format!("{what} : un nombre entier de {min} à {max}.")),
    }
}

/// The idle delay, the backup directory and how many backups to keep.
#[component]
fn LockAndBackupForm(
    status: LocalResource<Result<SecurityStatus, passerelle_domain::AppError>>,
    reload: Callback<()>,
) -> impl IntoView {
    let session = session();
    let idle = RwSignal::new(String::new());
    let dir = RwSignal::new(String::new());
    let keep = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let notice = RwSignal::new(None::<String>);
    // Filled once from the saved settings; later reloads keep what is being typed.
    let filled = RwSignal::new(false);
    Effect::new(move || {
        if let Some(Ok(s)) = status.get()
            && !filled.get_untracked()
        {
            idle.set(s.idle_lock_minutes.to_string());
            dir.set(s.backup_dir.unwrap_or_default());
            keep.set(s.backup_keep.to_string());
            filled.set(true);
        }
    });
    let save = Action::new_local(|(m, d, k): &(u32, Option<String>, u32)| {
        api::security::save_settings(*m, d.clone(), *k)
    });
    Effect::new(move || match save.value().get() {
        Some(Ok(s)) => {
            errors.set(Vec::new());
            idle.set(s.idle_lock_minutes.to_string());
            dir.set(s.backup_dir.clone().unwrap_or_default());
            keep.set(s.backup_keep.to_string());
            session.idle_seconds.set(s.idle_lock_seconds);
            notice.set(Some("Réglages enregistrés.".into()));
            reload.run(());
        }
        Some(Err(e)) => {
            errors.set(field_errors(&e));
            notice.set(None);
        }
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        notice.set(None);
        let minutes = bounded(
            &idle.get_untracked(),
            0,
            IDLE_LOCK_MAX_MINUTES,
            "Verrouiller après",
        );
        let kept = bounded(
            &keep.get_untracked(),
            1,
            BACKUP_KEEP_MAX,
            "Sauvegardes gardées",
        );
        let mut refused = Vec::new();
        if let Err(m) = &minutes {
            refused.push(FieldError::new("idleLockMinutes", m.clone()));
        }
        if let Err(m) = &kept {
            refused.push(FieldError::new("backupKeep", m.clone()));
        }
        if let (Ok(minutes), Ok(kept)) = (minutes, kept) {
            errors.set(Vec::new());
            let d = dir.get_untracked().trim().to_owned();
            save.dispatch((minutes, (!d.is_empty()).then_some(d), kept));
        } else {
            errors.set(refused);
        }
    };
    let error = move |field: &'static str| Signal::derive(message_for(errors, field));
    view! {
        <form id="security-settings-form" on:submit=on_submit novalidate=true>
            <h3 class="subsection">"Verrouillage et sauvegardes"</h3>
            <NumberField
                id="security-idle"
                label="Verrouiller après (minutes d’inactivité)"
                help="De 0 à 240 ; 0 : jamais."
                value=idle
                min=0
                max=IDLE_LOCK_MAX_MINUTES
                error=error("idleLockMinutes")
            />
            <div class="field">
                <label for="security-backup-dir">"Dossier des sauvegardes"</label>
                <input
                    id="security-backup-dir"
                    type="text"
                    class="mono"
                    spellcheck="false"
                    placeholder="/media/cle-usb/sauvegardes"
                    prop:value=move || dir.get()
                    on:input=move |ev| dir.set(event_target_value(&ev))
                    aria-invalid=move || {
                        if error("backupDir").get().is_some() { "true" } else { "false" }
                    }
                    aria-describedby="security-backup-dir-help security-backup-dir-error"
                />
                <p id="security-backup-dir-help" class="help small">
                    "Chemin complet (clé USB, disque externe, partage réseau). Passerelle y sauvegarde chaque jour à l’ouverture et à la fermeture. Vide : « Sauvegarder maintenant » demande où enregistrer."
                </p>
                <p id="security-backup-dir-error" class="field-error" role="alert">
                    {move || error("backupDir").get()}
                </p>
            </div>
            <NumberField
                id="security-backup-keep"
                label="Sauvegardes gardées dans ce dossier"
                help="De 1 à 100 ; les plus anciennes sont supprimées."
                value=keep
                min=1
                max=BACKUP_KEEP_MAX
                error=error("backupKeep")
            />
            <div class="actions">
                <button type="submit" id="security-save" disabled=move || save.pending().get()>
                    "Enregistrer les réglages"
                </button>
                <span id="security-save-message" role="status" class="notice-ok">
                    {move || notice.get()}
                </span>
            </div>
            <p class="field-error" role="alert" id="security-save-error">
                {move || error("").get()}
            </p>
        </form>
    }
}

#[component]
fn NumberField(
    id: &'static str,
    label: &'static str,
    help: &'static str,
    value: RwSignal<String>,
    min: u32,
    max: u32,
    error: Signal<Option<String>>,
) -> impl IntoView {
    view! {
        <div class="field short">
            <label for=id>{label}</label>
            <input
                id=id
                type="number"
                inputmode="numeric"
                min=min
                max=max
                step="1"
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                aria-describedby=format!("{id}-help {id}-error")
            />
            <p id=format!("{id}-help") class="help small">
                {help}
            </p>
            <p id=format!("{id}-error") class="field-error" role="alert">
                {move || error.get()}
            </p>
        </div>
    }
}

/// « Sauvegarder maintenant », what it wrote, and the last backup.
#[component]
fn BackupNow(
    status: LocalResource<Result<SecurityStatus, passerelle_domain::AppError>>,
    reload: Callback<()>,
) -> impl IntoView {
    let session = session();
    let result = RwSignal::new(None::<(String, bool)>);
    let backup = Action::new_local(|(): &()| api::security::backup_now());
    Effect::new(move || match backup.value().get() {
        Some(Ok(Some(done))) => {
            result.set(Some((written(&done), false)));
            reload.run(());
            session.refresh.update(|n| *n += 1);
        }
        // Cancelled: nothing was written, nothing to say.
        Some(Ok(None)) => result.set(None),
        Some(Err(e)) => result.set(first_message(&e).map(|m| (m, true))),
        None => {}
    });
    let last = move || match status.get() {
        Some(Ok(s)) => match (s.last_backup_at, s.last_backup_path) {
            (Some(at), Some(path)) => {
                format!("Dernière sauvegarde : {} — {path}", date_time_text(&at))
            }
            (Some(at), None) => format!("Dernière sauvegarde : {}", date_time_text(&at)),
            _ => "Aucune sauvegarde pour l’instant.".to_owned(),
        },
        _ => String::new(),
    };
    view! {
        <div id="security-backup">
            <h3 class="subsection">"Sauvegarde"</h3>
            <p id="security-last-backup" class="mono-path">
                {last}
            </p>
            <p class="help small">
                "Une sauvegarde est chiffrée comme la base : elle s’ouvre avec la phrase de passe, ou la clé de secours, en vigueur quand elle a été faite."
            </p>
            <div class="actions">
                <RunButton
                    id="security-backup-now"
                    label="Sauvegarder maintenant"
                    busy="Sauvegarde en cours…"
                    pending=backup.pending()
                    on_run=Callback::new(move |()| {
                        result.set(None);
                        backup.dispatch(());
                    })
                />
            </div>
            <RunOutcome id="security-backup-result" result />
        </div>
    }
}

/// « Sauvegarde écrite le 12 mars 2026 à 14 h 05 : /chemin (3 dossiers, 2 documents, 1,2 Mo). »
fn written(done: &BackupDone) -> String {
    use passerelle_domain::i18n::count_noun;
    format!(
        "Sauvegarde écrite le {} : {} ({}, {}, {}).",
        date_time_text(&done.created_at),
        done.path,
        count_noun(done.cases, "dossier"),
        count_noun(done.documents, "document"),
        size_text(done.bytes)
    )
}

/// The current passphrase, a new one and its confirmation.
#[component]
fn ChangePassphrase() -> impl IntoView {
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let shown = RwSignal::new(false);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let notice = RwSignal::new(None::<String>);
    let change = Action::new_local(|(c, n): &(String, String)| {
        api::security::change_passphrase(c.clone(), n.clone())
    });
    Effect::new(move || match change.value().get() {
        Some(Ok(())) => {
            errors.set(Vec::new());
            current.set(String::new());
            new.set(String::new());
            confirm.set(String::new());
            notice.set(Some(
                "Phrase de passe changée : c’est elle qui sera demandée désormais.".into(),
            ));
        }
        Some(Err(e)) => {
            errors.set(field_errors(&e));
            notice.set(None);
        }
        None => {}
    });
    let ready =
        move || new.with(|n| confirm.with(|c| acceptable(n, c))) && current.with(|c| !c.is_empty());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if ready() && !change.pending().get_untracked() {
            notice.set(None);
            change.dispatch((current.get_untracked(), new.get_untracked()));
        }
    };
    let error = move |field: &'static str| Signal::derive(message_for(errors, field));
    view! {
        <form id="security-passphrase-form" on:submit=on_submit novalidate=true>
            <h3 class="subsection">"Changer la phrase de passe"</h3>
            <PassphraseField
                id="security-current"
                label="Phrase de passe actuelle"
                value=current
                error=error("current")
                shown=shown
            />
            <PassphraseField
                id="security-new"
                label="Nouvelle phrase de passe"
                value=new
                error=error("new")
                autocomplete="new-password"
                shown=shown
                described_by="security-strength-text"
            />
            <StrengthMeter id="security-strength" value=new />
            <PassphraseField
                id="security-confirm"
                label="Confirmation de la nouvelle phrase de passe"
                value=confirm
                error=mismatch(new, confirm)
                autocomplete="new-password"
                shown=shown
            />
            <ShowToggle id="security-show" shown=shown />
            <div class="actions">
                <button
                    type="submit"
                    id="security-change-submit"
                    disabled=move || !ready() || change.pending().get()
                >
                    "Changer la phrase de passe"
                </button>
                <span id="security-change-message" role="status" class="notice-ok">
                    {move || notice.get()}
                </span>
            </div>
            <p class="field-error" role="alert" id="security-change-error">
                {move || error("").get()}
            </p>
        </form>
    }
}

/// A new recovery kit: asks the passphrase, shows the new key once; the old kit stops working.
#[component]
fn NewKit(reload: Callback<()>) -> impl IntoView {
    let passphrase = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let notice = RwSignal::new(None::<String>);
    let kit = RwSignal::new(None::<RecoveryKit>);
    let regenerate = Action::new_local(|p: &String| api::security::regenerate_kit(p.clone()));
    Effect::new(move || match regenerate.value().get() {
        Some(Ok(k)) => {
            errors.set(Vec::new());
            passphrase.set(String::new());
            kit.set(Some(k));
            reload.run(());
            request_animation_frame(|| {
                crate::dom::focus("security-kit-key");
            });
        }
        Some(Err(e)) => {
            errors.set(field_errors(&e));
            crate::dom::focus("security-kit-passphrase");
        }
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if passphrase.with_untracked(String::is_empty) {
            errors.set(vec![FieldError::new(
                "passphrase",
                "Phrase de passe : saisissez-la pour établir un nouveau kit.",
            )]);
            return;
        }
        if !regenerate.pending().get_untracked() {
            notice.set(None);
            regenerate.dispatch(passphrase.get_untracked());
        }
    };
    let done = Callback::new(move |()| {
        kit.set(None);
        regenerate.value().set(None);
        notice.set(Some(
            "Nouveau kit de secours en place : détruisez l’ancien.".into(),
        ));
        crate::dom::focus("security-kit-submit");
    });
    view! {
        <div id="security-kit">
            <h3 class="subsection">"Kit de secours"</h3>
            {move || match kit.get() {
                Some(k) => {
                    view! {
                        <RecoveryKeyPanel
                            prefix="security-kit"
                            key=k.recovery_key
                            kit_path=k.kit_path
                            done_label="Terminer"
                            on_done=done
                        />
                    }
                        .into_any()
                }
                None => {
                    view! {
                        <form id="security-kit-form" on:submit=on_submit novalidate=true>
                            <p class="help">
                                "Un kit perdu, ou vu par quelqu’un d’autre ? Établissez-en un nouveau : "
                                <strong>"l’ancien cessera aussitôt de fonctionner."</strong>
                            </p>
                            <PassphraseField
                                id="security-kit-passphrase"
                                label="Phrase de passe actuelle"
                                value=passphrase
                                error=Signal::derive(message_for(errors, "passphrase"))
                            />
                            <div class="actions">
                                <button
                                    type="submit"
                                    id="security-kit-submit"
                                    class="secondary"
                                    disabled=move || regenerate.pending().get()
                                >
                                    "Établir un nouveau kit de secours"
                                </button>
                                <span id="security-kit-message" role="status" class="notice-ok">
                                    {move || notice.get()}
                                </span>
                            </div>
                            <p class="field-error" role="alert" id="security-kit-error">
                                {move || message_for(errors, "")()}
                            </p>
                        </form>
                    }
                        .into_any()
                }
            }}
        </div>
    }
}
