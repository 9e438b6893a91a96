//! Searching the training offer: the filters (as typed, read into a query with French messages
//! on the fields that cannot be read) and the table of sessions found, shared by a match's
//! « Voir les formations » panel and the Formations screen.

use chrono::NaiveDate;
use leptos::prelude::*;
use passerelle_domain::FieldError;
use passerelle_domain::code::Coded;
use passerelle_domain::i18n::{
    Label, count_with, format_count, format_date, format_euros, format_number,
};
use passerelle_domain::training::{Recruitment, SessionQuery, SessionRow, Teaching};
use passerelle_domain::validate::parse_date_fr;

use crate::components::common::message_for;
use crate::dom;

/// The filters as typed.
#[derive(Clone, Copy)]
pub struct SessionFilters {
    pub text: RwSignal<String>,
    pub rome: RwSignal<String>,
    pub certification: RwSignal<String>,
    /// A [`Teaching`] code, or "" for any.
    pub teaching: RwSignal<String>,
    pub afest: RwSignal<bool>,
    pub after: RwSignal<String>,
    pub before: RwSignal<String>,
    pub near: RwSignal<String>,
    pub radius: RwSignal<String>,
    pub max_hours: RwSignal<String>,
    pub include_closed: RwSignal<bool>,
}

impl SessionFilters {
    pub fn new(rome: String, certification: String) -> Self {
        Self {
            text: RwSignal::new(String::new()),
            rome: RwSignal::new(rome),
            certification: RwSignal::new(certification),
            teaching: RwSignal::new(String::new()),
            afest: RwSignal::new(false),
            after: RwSignal::new(String::new()),
            before: RwSignal::new(String::new()),
            near: RwSignal::new(String::new()),
            radius: RwSignal::new("30".to_owned()),
            max_hours: RwSignal::new(String::new()),
            include_closed: RwSignal::new(false),
        }
    }

    /// The query the filters say, or what cannot be read, each on its field (`rome`,
    /// `certification`, `startsAfter`, `startsBefore`, `maxHours`, `near`, `radiusKm`).
    pub fn query(self, limit: u32) -> Result<SessionQuery, Vec<FieldError>> {
        let mut errors = Vec::new();
        let rome = code(&mut errors, "rome", self.rome, |c| {
            passerelle_domain::validate::validate_rome(c)
        });
        let certification = code(&mut errors, "certification", self.certification, |c| {
            passerelle_domain::validate::parse_certification_code(c)
                .map(|c| c.as_str().to_owned())
                .map_err(|e| format!("Certification : {e}"))
        });
        let starts_after = date(&mut errors, "startsAfter", "Début à partir du", self.after);
        let starts_before = date(
            &mut errors,
            "startsBefore",
            "Début au plus tard le",
            self.before,
        );
        if let (Some(a), Some(b)) = (starts_after, starts_before)
            && a > b
        {
            errors.push(FieldError::new(
                "startsBefore",
                "Début au plus tard le : cette date précède celle de « Début à partir du ».",
            ));
        }
        let max_hours = number(
            &mut errors,
            "maxHours",
            "Durée maximale (heures)",
            self.max_hours,
            10_000,
        );
        let near = self.near.get_untracked().trim().to_owned();
        let radius_km = if near.is_empty() {
            None
        } else {
            // The shape only: the shell looks the commune up (the window does not carry the
            // commune table) and refuses an unknown one.
            if !passerelle_domain::place::is_insee_shaped(&near) {
                errors.push(FieldError::new(
                    "near",
                    format!(
                        "Commune « {near} » : saisissez le code INSEE, 5 caractères (ex. 57630 pour Sarrebourg)."
                    ),
                ));
            }
            number(&mut errors, "radiusKm", "Rayon (km)", self.radius, 300)
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(SessionQuery {
            rome,
            certification,
            text: self.text.get_untracked().trim().to_owned(),
            teaching: Teaching::parse_code(&self.teaching.get_untracked()).ok(),
            afest_only: self.afest.get_untracked(),
            starts_after,
            starts_before,
            near: (!near.is_empty()).then_some(near),
            radius_km,
            max_hours,
            include_closed: self.include_closed.get_untracked(),
            limit,
        })
    }
}

/// A code typed (empty: no filter), checked by `check`.
fn code(
    errors: &mut Vec<FieldError>,
    field: &str,
    value: RwSignal<String>,
    check: impl Fn(&str) -> Result<String, String>,
) -> Option<String> {
    let text = value.get_untracked();
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    match check(text) {
        Ok(c) => Some(c),
        Err(e) => {
            errors.push(FieldError::new(field, e));
            None
        }
    }
}

/// A date typed jj/mm/aaaa (empty: no filter).
fn date(
    errors: &mut Vec<FieldError>,
    field: &str,
    label: &str,
    value: RwSignal<String>,
) -> Option<NaiveDate> {
    let text = value.get_untracked();
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    match parse_date_fr(text) {
        Ok(d) => Some(d),
        Err(e) => {
            errors.push(FieldError::new(field, format!("{label} : {e}")));
            None
        }
    }
}

/// A whole number from 1 to `max` (empty: no filter).
fn number(
    errors: &mut Vec<FieldError>,
    field: &str,
    label: &str,
    value: RwSignal<String>,
    max: u32,
) -> Option<u32> {
    let text = value.get_untracked();
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    match text.parse::<u32>() {
        Ok(n) if (1..=max).contains(&n) => Some(n),
        _ => {
            errors.push(FieldError::new(
                field,
                format!(
                    "{label} : un nombre entier de 1 à {} ; laissez vide pour ne pas filtrer.",
                    format_count(u64::from(max))
                ),
            ));
            None
        }
    }
}

/// A text field of the filters, its message under it.
fn text_field(
    id: String,
    label: &'static str,
    value: RwSignal<String>,
    errors: RwSignal<Vec<FieldError>>,
    field: &'static str,
    placeholder: &'static str,
    numeric: bool,
) -> impl IntoView {
    let message = message_for(errors, field);
    let msg_id = format!("{id}-msg");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                type="text"
                inputmode=numeric.then_some("numeric")
                placeholder=placeholder
                prop:value=move || value.get()
                on:input=move |ev| {
                    value.set(event_target_value(&ev));
                    errors.update(|e| e.retain(|e| e.field != field));
                }
                aria-invalid=move || if message().is_some() { "true" } else { "false" }
                aria-describedby=msg_id.clone()
            />
            <p id=msg_id class="field-error" role="alert">
                {message}
            </p>
        </div>
    }
}

fn check_field(id: String, label: &'static str, value: RwSignal<bool>) -> impl IntoView {
    view! {
        <div class="field check">
            <input
                id=id.clone()
                type="checkbox"
                prop:checked=move || value.get()
                on:change=move |ev| value.set(event_target_checked(&ev))
            />
            <label for=id>{label}</label>
        </div>
    }
}

/// The filters' form. `full`: every criterion (the Formations screen); otherwise those a
/// match's panel needs (its trade is given). Ids start with `prefix`.
#[component]
pub fn SessionSearch(
    prefix: &'static str,
    filters: SessionFilters,
    full: bool,
    limit: u32,
    on_search: Callback<SessionQuery>,
    #[prop(into)] pending: Signal<bool>,
) -> impl IntoView {
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match filters.query(limit) {
            Ok(q) => {
                errors.set(Vec::new());
                on_search.run(q);
            }
            Err(e) => {
                errors.set(e);
                request_animation_frame(|| {
                    dom::focus_first("form.session-search [aria-invalid=\"true\"]");
                });
            }
        }
    };
    let id = move |name: &str| format!("{prefix}{name}");
    let f = filters;
    let extra = full.then(|| {
        view! {
            {text_field(id("text"), "Intitulé (mots)", f.text, errors, "text", "soudure", false)}
            {text_field(id("rome"), "Code ROME", f.rome, errors, "rome", "H2913", false)}
            <RomeFinder prefix rome=f.rome errors />
            {text_field(
                id("certification"),
                "Certification (RNCP, RS)",
                f.certification,
                errors,
                "certification",
                "RNCP35830",
                false,
            )}
            {text_field(
                id("near"),
                "Autour de la commune (code INSEE)",
                f.near,
                errors,
                "near",
                "57630",
                true,
            )}
            {text_field(id("radius"), "Rayon (km)", f.radius, errors, "radiusKm", "30", true)}
        }
    });
    let teaching_id = id("teaching");
    view! {
        <form
            class="filters session-search"
            id=id("form")
            on:submit=on_submit
            novalidate=true
            aria-label="Critères de recherche de sessions"
        >
            {extra}
            <div class="field">
                <label for=teaching_id.clone()>"Modalité"</label>
                <select id=teaching_id on:change=move |ev| f.teaching.set(event_target_value(&ev))>
                    <option value="" selected=move || f.teaching.get().is_empty()>
                        "Toutes"
                    </option>
                    {[Teaching::Presentiel, Teaching::Mixte, Teaching::Distance]
                        .into_iter()
                        .map(|t| {
                            view! {
                                <option
                                    value=t.code()
                                    selected=move || f.teaching.get() == t.code()
                                >
                                    {t.label()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            {check_field(id("afest"), "AFEST seulement", f.afest)}
            {text_field(
                id("after"),
                "Début à partir du",
                f.after,
                errors,
                "startsAfter",
                "jj/mm/aaaa",
                true,
            )}
            {text_field(
                id("before"),
                "Début au plus tard le",
                f.before,
                errors,
                "startsBefore",
                "jj/mm/aaaa",
                true,
            )}
            {text_field(
                id("max-hours"),
                "Durée maximale (heures)",
                f.max_hours,
                errors,
                "maxHours",
                "",
                true,
            )}
            {full
                .then(|| {
                    check_field(
                        id("include-closed"),
                        "Y compris recrutement fermé ou suspendu",
                        f.include_closed,
                    )
                })}
            <div class="field search-submit">
                <button type="submit" id=id("submit") disabled=move || pending.get()>
                    {move || if pending.get() { "Recherche…" } else { "Rechercher" }}
                </button>
            </div>
        </form>
    }
}

/// Finds a ROME code by the words of a job title (« soudeur tig »): the titles found, each a
/// button that puts its code in the ROME field.
#[component]
fn RomeFinder(
    prefix: &'static str,
    rome: RwSignal<String>,
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let words = RwSignal::new(String::new());
    let found = LocalResource::new(move || {
        let text = words.get().trim().to_owned();
        async move {
            if text.chars().count() < 2 {
                return Ok(Vec::new());
            }
            crate::api::matching::rome_search(text, 8).await
        }
    });
    let input_id = format!("{prefix}rome-words");
    let list_id = format!("{prefix}rome-found");
    let status_id = format!("{prefix}rome-found-count");
    let said = move || {
        if words.with(|w| w.trim().chars().count() < 2) {
            return String::new();
        }
        match found.get() {
            Some(Ok(list)) if list.is_empty() => "Aucun métier ne correspond.".to_owned(),
            Some(Ok(list)) => count_with(list.len() as u64, "métier trouvé", "métiers trouvés"),
            Some(Err(e)) => e.user_message(),
            None => String::new(),
        }
    };
    let focus_rome = format!("{prefix}rome");
    view! {
        <div class="field rome-finder">
            <label for=input_id.clone()>"Chercher le code par l’intitulé"</label>
            <input
                id=input_id
                type="search"
                placeholder="soudeur tig"
                autocomplete="off"
                prop:value=move || words.get()
                on:input=move |ev| words.set(event_target_value(&ev))
                aria-describedby=status_id.clone()
                aria-controls=list_id.clone()
            />
            <p id=status_id class="help small" role="status">
                {said}
            </p>
            <ul class="plain rome-found" id=list_id>
                {move || {
                    let focus_rome = focus_rome.clone();
                    found
                        .get()
                        .and_then(Result::ok)
                        .unwrap_or_default()
                        .into_iter()
                        .map(|a| {
                            let code = a.rome.clone();
                            let focus_rome = focus_rome.clone();
                            view! {
                                <li>
                                    <button
                                        type="button"
                                        class="link"
                                        on:click=move |_| {
                                            rome.set(code.clone());
                                            errors.update(|e| e.retain(|e| e.field != "rome"));
                                            words.set(String::new());
                                            dom::focus(&focus_rome);
                                        }
                                    >
                                        <span class="mono">{a.rome.clone()}</span>
                                        {format!(" {} ({})", a.label, a.rome_label)}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}

fn dates_text(s: &SessionRow) -> String {
    match (s.start, s.end) {
        (Some(a), Some(b)) => format!("du {} au {}", format_date(a), format_date(b)),
        (Some(a), None) => format!("à partir du {}", format_date(a)),
        (None, Some(b)) => format!("jusqu’au {}", format_date(b)),
        (None, None) => "dates non précisées".to_owned(),
    }
}

fn hours_text(h: Option<u32>) -> String {
    h.map_or_else(
        || "—".to_owned(),
        |h| format!("{} h", format_count(u64::from(h))),
    )
}

fn recruitment_text(r: Option<Recruitment>) -> &'static str {
    r.map_or("non précisé", Recruitment::label)
}

/// « Formation — organisme », as a session is named in messages.
pub fn session_name(s: &SessionRow) -> String {
    if s.provider.name.is_empty() {
        format!("« {} »", s.formation_title)
    } else {
        format!("« {} » ({})", s.formation_title, s.provider.name)
    }
}

/// The sessions found. `on_choose`: a « Retenir cette session » button on each row.
#[component]
pub fn SessionTable(
    id: &'static str,
    rows: Vec<SessionRow>,
    #[prop(into)] caption: Signal<String>,
    #[prop(optional)] on_choose: Option<Callback<SessionRow>>,
    #[prop(optional, into)] busy: Signal<bool>,
) -> impl IntoView {
    if rows.is_empty() {
        return view! {
            <p class="empty" id=id>
                "Aucune session ne correspond à ces critères."
            </p>
        }
        .into_any();
    }
    // Focusable: a table wider than the window scrolls with the arrow keys too.
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=move || caption.get()>
            <table class="cases compact sessions-table" id=id>
                <caption class="sr-only">{move || caption.get()}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Formation"</th>
                        <th scope="col">"Organisme"</th>
                        <th scope="col">"Lieu"</th>
                        <th scope="col">"Modalité"</th>
                        <th scope="col">"Dates"</th>
                        <th scope="col" class="num">
                            "Heures centre / entreprise"
                        </th>
                        <th scope="col" class="num">
                            "Prix"
                        </th>
                        <th scope="col">"Recrutement"</th>
                        <th scope="col">"Pourquoi"</th>
                        {on_choose
                            .is_some()
                            .then(|| {
                                view! {
                                    <th scope="col">
                                        <span class="sr-only">"Action"</span>
                                    </th>
                                }
                            })}
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|s| session_row(s, on_choose, busy)).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

fn session_row(
    s: SessionRow,
    on_choose: Option<Callback<SessionRow>>,
    busy: Signal<bool>,
) -> impl IntoView {
    let sid = s.session_id;
    let codes: Vec<String> = s
        .certifications
        .iter()
        .chain(s.romes.iter())
        .cloned()
        .collect();
    let place = if s.place.is_empty() {
        if s.teaching == Some(Teaching::Distance) {
            "à distance".to_owned()
        } else {
            "lieu non précisé".to_owned()
        }
    } else {
        s.place.clone()
    };
    let distance = s
        .distance_km
        .map(|d| format!("{} km", format_number(d.round())));
    let total = s
        .hours_total
        .map(|h| format!("total {} h", format_count(u64::from(h))));
    let action = on_choose.map(|choose| {
        let chosen = s.clone();
        let label = format!("Retenir cette session : {}", session_name(&s));
        view! {
            <td class="row-actions">
                <button
                    type="button"
                    class="small"
                    id=format!("choose-session-{sid}")
                    aria-label=label
                    disabled=move || busy.get()
                    on:click=move |_| choose.run(chosen.clone())
                >
                    "Retenir cette session"
                </button>
            </td>
        }
    });
    view! {
        <tr class="session-row" id=format!("session-{sid}")>
            <td>
                {s.formation_title.clone()}
                {(!codes.is_empty())
                    .then(|| {
                        view! {
                            <br />
                            <span class="muted mono small">{codes.join(" · ")}</span>
                        }
                    })}
            </td>
            <td>
                {if s.provider.name.is_empty() {
                    "—".to_owned()
                } else {
                    s.provider.name.clone()
                }}
            </td>
            <td>
                {place}
                {distance
                    .map(|d| {
                        view! {
                            <br />
                            <span class="muted small">{d}</span>
                        }
                    })}
            </td>
            <td>
                {s.teaching.map_or("non précisée", Teaching::label)}
                {s
                    .afest
                    .then(|| {
                        view! {
                            " "
                            <span class="badge">"AFEST"</span>
                        }
                    })}
                {s
                    .chantier_ecole
                    .then(|| {
                        view! {
                            " "
                            <span class="badge">"chantier-école"</span>
                        }
                    })}
            </td>
            <td class="nowrap">{dates_text(&s)}</td>
            <td class="num nowrap">
                {format!("{} / {}", hours_text(s.hours_centre), hours_text(s.hours_company))}
                {total
                    .map(|t| {
                        view! {
                            <br />
                            <span class="muted small">{t}</span>
                        }
                    })}
            </td>
            <td class="num nowrap">
                {s.price_cents.map_or_else(|| "—".to_owned(), format_euros)}
            </td>
            <td>{recruitment_text(s.recruitment)}</td>
            <td>
                <ul class="reasons">
                    {s.reasons.iter().map(|r| view! { <li>{r.clone()}</li> }).collect_view()}
                </ul>
            </td>
            {action}
        </tr>
    }
}
