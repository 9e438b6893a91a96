//! A company diagnostic, new or corrected: date, author, drivers of change (the vocabulary the
//! users extend), horizon, IN&MA stage, notes, and one line per trade. Checked as typed by the
//! domain's rules, each message at its field (`lines.1.atRisk`); a failed save keeps
//! everything typed.

use chrono::NaiveDate;
use leptos::prelude::*;
use passerelle_domain::case::Report;
use passerelle_domain::diagnostic::{Diagnostic, DiagnosticLine, Outlook, Stage};
use passerelle_domain::i18n::{count_with, format_date};
use passerelle_domain::{AppError, FieldError};

use super::{number, outlook_options, rome_label};
use crate::components::common::{DateField, FormCtx, SelectField, TextArea, TextField, report_of};
use crate::{api, dom, guard};

/// The form's data: the diagnostic, and its date as typed (none while the field is empty).
#[derive(Debug, Clone, PartialEq)]
struct Draft {
    date: Option<NaiveDate>,
    d: Diagnostic,
}

fn check(draft: Draft) -> Report {
    let mut d = draft.d;
    if let Some(date) = draft.date {
        d.date = date;
    }
    let mut report = report_of(d.validated(crate::today()));
    if draft.date.is_none() {
        report.errors.insert(
            0,
            FieldError::new(
                "date",
                "Date du diagnostic : saisissez-la (jj/mm/aaaa, ex. 12/03/2026).",
            ),
        );
    }
    report
}

/// A new diagnostic of `siret`, dated today, with one empty line.
pub fn new_diagnostic(siret: &str) -> Diagnostic {
    Diagnostic {
        id: 0,
        siret: siret.to_owned(),
        date: crate::today(),
        author: String::new(),
        drivers: Vec::new(),
        horizon_months: 36,
        stage: Stage::EtatDesLieux,
        notes: String::new(),
        lines: vec![new_line(36)],
    }
}

fn new_line(horizon_months: u32) -> DiagnosticLine {
    DiagnosticLine {
        id: 0,
        rome: String::new(),
        appellation: String::new(),
        headcount: 0,
        at_risk: 0,
        horizon_months,
        outlook: Outlook::Mutation,
        skills_at_risk: Vec::new(),
        skills_needed: Vec::new(),
        over_55: 0,
        linked_cases: 0,
    }
}

fn stages() -> Vec<(String, String)> {
    Stage::ALL
        .iter()
        .map(|s| (s.code().to_owned(), s.label().to_owned()))
        .collect()
}

#[component]
pub fn DiagnosticForm(
    initial: Diagnostic,
    on_saved: Callback<Diagnostic>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let title = if initial.id == 0 {
        "Nouveau diagnostic".to_owned()
    } else {
        format!("Modifier le diagnostic du {}", format_date(initial.date))
    };
    let start = Draft {
        date: Some(initial.date),
        d: initial,
    };
    let ctx = FormCtx::new(start.clone(), check);
    let unsaved = guard::unsaved();
    Effect::new(move || unsaved.0.set(ctx.data.with(|d| *d != start)));
    on_cleanup(move || unsaved.0.set(false));
    let notice = RwSignal::new(None::<String>);
    let save = Action::new_local(|d: &Diagnostic| api::territory::save_diagnostic(d.clone()));
    Effect::new(move || match save.value().get() {
        Some(Ok(saved)) => {
            unsaved.0.set(false);
            on_saved.run(saved);
        }
        Some(Err(AppError::Validation { errors })) => {
            ctx.server_errors.set(errors);
            notice.set(Some(
                "Le diagnostic n’est pas enregistré : corrigez les champs signalés.".into(),
            ));
        }
        Some(Err(other)) => notice.set(Some(format!(
            "Le diagnostic n’est pas enregistré : {} Vos saisies sont conservées.",
            other.user_message()
        ))),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if save.pending().get_untracked() {
            return;
        }
        ctx.show_all.set(true);
        if !ctx.ready() {
            notice.set(Some(
                "Le diagnostic n’est pas enregistré : corrigez les champs signalés.".into(),
            ));
            request_animation_frame(|| {
                dom::focus_first("#diagnostic-form [aria-invalid=\"true\"]");
            });
            return;
        }
        notice.set(None);
        let draft = ctx.data.get_untracked();
        let mut d = draft.d;
        d.date = draft.date.unwrap_or(d.date);
        save.dispatch(d);
    };
    view! {
        <form id="diagnostic-form" class="case-form card" on:submit=on_submit novalidate=true>
            <h3 class="subsection" id="diagnostic-form-title">
                {title}
            </h3>
            <fieldset>
                <legend>"Le diagnostic"</legend>
                <div class="grid">
                    <DateField
                        ctx
                        prefix="diagnostic-"
                        path="date"
                        label="Date"
                        required=true
                        get=|d| d.date
                        set=|d, v| d.date = v
                    />
                    <TextField
                        ctx
                        prefix="diagnostic-"
                        path="author"
                        label="Auteur"
                        required=true
                        placeholder="Agence de développement du Warndt"
                        get=|d| d.d.author.clone()
                        set=|d, v| d.d.author = v
                    />
                    <TextField
                        ctx
                        prefix="diagnostic-"
                        path="horizonMonths"
                        label="Horizon (mois)"
                        kind="number"
                        required=true
                        get=|d| {
                            if d.d.horizon_months == 0 {
                                String::new()
                            } else {
                                d.d.horizon_months.to_string()
                            }
                        }
                        set=|d, v| d.d.horizon_months = number(&v)
                    />
                    <SelectField
                        ctx
                        prefix="diagnostic-"
                        path="stage"
                        label="Étape de la démarche"
                        no_blank=true
                        options=Signal::derive(stages)
                        get=|d| d.d.stage.code().to_owned()
                        set=|d, v| {
                            if let Some(s) = Stage::from_code(&v) {
                                d.d.stage = s;
                            }
                        }
                    />
                </div>
                <Drivers ctx />
                <TextArea
                    ctx
                    prefix="diagnostic-"
                    path="notes"
                    label="Notes"
                    get=|d| d.d.notes.clone()
                    set=|d, v| d.d.notes = v
                />
            </fieldset>
            <LinesEditor ctx />
            <div class="actions sticky">
                <button type="submit" id="diagnostic-save" disabled=move || save.pending().get()>
                    "Enregistrer le diagnostic"
                </button>
                <button
                    type="button"
                    class="secondary"
                    id="diagnostic-cancel"
                    on:click=move |_| {
                        if unsaved.may_leave() {
                            on_cancel.run(());
                        }
                    }
                >
                    "Annuler"
                </button>
                <span id="diagnostic-notice" role="status" class="notice-error">
                    {move || notice.get()}
                </span>
            </div>
        </form>
    }
}

/// A driver's part of an element id: « électrification des procédés » →
/// `electrification-des-procedes`.
fn slug(driver: &str) -> String {
    let mut out = String::new();
    for c in driver.to_lowercase().chars() {
        let folded = match c {
            'à' | 'â' | 'ä' => "a",
            'ç' => "c",
            'é' | 'è' | 'ê' | 'ë' => "e",
            'î' | 'ï' => "i",
            'ô' | 'ö' => "o",
            'ù' | 'û' | 'ü' => "u",
            'ÿ' => "y",
            'œ' => "oe",
            'æ' => "ae",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => "-",
        };
        if folded != "-" || !(out.is_empty() || out.ends_with('-')) {
            out.push_str(folded);
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// The drivers of change: the known ones as checkboxes, and a box to add a new one.
#[component]
fn Drivers(ctx: FormCtx<Draft>) -> impl IntoView {
    let known = LocalResource::new(api::territory::drivers);
    // The drivers this diagnostic adds to the known ones: kept offered once unticked, so that
    // a checkbox never goes away under the focus.
    let added = RwSignal::new(ctx.data.with_untracked(|d| d.d.drivers.clone()));
    let typed = RwSignal::new(String::new());
    // Every driver offered, with its element id: the known ones, then the added ones. Drawn
    // again only when that list changes, not as the rest of the form is typed.
    let offered = Memo::new(move |_| {
        let mut all: Vec<String> = known.get().and_then(Result::ok).unwrap_or_else(|| {
            passerelle_domain::diagnostic::BUILTIN_DRIVERS
                .iter()
                .map(|d| (*d).to_owned())
                .collect()
        });
        added.with(|added| {
            for driver in added {
                if !all.contains(driver) {
                    all.push(driver.clone());
                }
            }
        });
        let mut ids: Vec<String> = Vec::with_capacity(all.len());
        all.into_iter()
            .map(|driver| {
                let base = format!("diagnostic-driver-{}", slug(&driver));
                let mut id = base.clone();
                let mut n = 2;
                while ids.contains(&id) {
                    id = format!("{base}-{n}");
                    n += 1;
                }
                ids.push(id.clone());
                (driver, id)
            })
            .collect::<Vec<_>>()
    });
    let add = move || {
        let driver = typed.get_untracked().trim().to_lowercase();
        if driver.is_empty() {
            return;
        }
        added.update(|a| {
            if !a.contains(&driver) {
                a.push(driver.clone());
            }
        });
        ctx.data.update(|d| {
            if !d.d.drivers.contains(&driver) {
                d.d.drivers.push(driver);
            }
        });
        typed.set(String::new());
        ctx.touch_at("drivers");
    };
    let message = ctx.message_at("drivers".into());
    view! {
        <fieldset class="drivers" id="diagnostic-drivers" aria-describedby="diagnostic-drivers-msg">
            <legend>"Facteurs de changement"</legend>
            <div class="checks">
                <For
                    each=move || offered.get()
                    key=|(driver, _)| driver.clone()
                    children=move |(driver, id)| {
                        let (looked, toggled) = (driver.clone(), driver.clone());
                        let checked = Memo::new(move |_| {
                            ctx.data.with(|d| d.d.drivers.contains(&looked))
                        });
                        view! {
                            <div class="field check">
                                <input
                                    id=id.clone()
                                    type="checkbox"
                                    value=driver.clone()
                                    prop:checked=move || checked.get()
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        ctx.data
                                            .update(|d| {
                                                d.d.drivers.retain(|x| *x != toggled);
                                                if on {
                                                    d.d.drivers.push(toggled.clone());
                                                }
                                            });
                                    }
                                />
                                <label for=id>{driver}</label>
                            </div>
                        }
                    }
                />
            </div>
            <div class="inline-form">
                <div class="field">
                    <label for="diagnostic-driver-new">"Autre facteur"</label>
                    <input
                        id="diagnostic-driver-new"
                        type="text"
                        placeholder="ex. électrification des procédés"
                        prop:value=move || typed.get()
                        on:input=move |ev| typed.set(event_target_value(&ev))
                        on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                            if ev.key() == "Enter" {
                                ev.prevent_default();
                                add();
                            }
                        }
                    />
                </div>
                <button
                    type="button"
                    class="secondary"
                    id="diagnostic-driver-add"
                    on:click=move |_| add()
                >
                    "Ajouter le facteur"
                </button>
            </div>
            <p id="diagnostic-drivers-msg" class="field-error" role="alert">
                {message}
            </p>
        </fieldset>
    }
}

/// The lines, one fieldset per trade.
#[component]
fn LinesEditor(ctx: FormCtx<Draft>) -> impl IntoView {
    let count = Memo::new(move |_| ctx.data.with(|d| d.d.lines.len()));
    let add = move |_| {
        ctx.data.update(|d| {
            let horizon = d.d.horizon_months;
            d.d.lines.push(new_line(horizon));
        });
        let last = count.get_untracked().saturating_sub(1);
        request_animation_frame(move || {
            dom::focus(&format!("diagnostic-lines-{last}-rome"));
        });
    };
    view! {
        <fieldset class="lines" id="diagnostic-lines">
            <legend>"Métiers de l’établissement"</legend>
            <p class="help">
                "Une ligne par métier (code ROME) : effectif, salariés exposés au changement, horizon, perspective, compétences menacées et à acquérir."
            </p>
            {move || (0..count.get()).map(|i| line_editor(ctx, i)).collect_view()}
            <p class="field-error" role="alert">
                {ctx.message_at("lines".into())}
            </p>
            <button type="button" class="secondary" id="diagnostic-line-add" on:click=add>
                "Ajouter un métier"
            </button>
        </fieldset>
    }
}

type LineSet = fn(&mut DiagnosticLine, String);

fn numeric(n: u32) -> String {
    if n == 0 { String::new() } else { n.to_string() }
}

fn line_editor(ctx: FormCtx<Draft>, i: usize) -> impl IntoView {
    let Some(line) = ctx.data.with_untracked(|d| d.d.lines.get(i).cloned()) else {
        return ().into_any();
    };
    let n = i + 1;
    let update = move |set: LineSet, value: String| {
        ctx.data.update(|d| {
            if let Some(l) = d.d.lines.get_mut(i) {
                set(l, value);
            }
        });
    };
    let field = move |name: &'static str,
                      label: &'static str,
                      kind: &'static str,
                      value: String,
                      set: LineSet| {
        let path = format!("lines.{i}.{name}");
        let id = format!("diagnostic-lines-{i}-{name}");
        let message = ctx.message_at(path.clone());
        let invalid = message.clone();
        let numeric = kind == "number";
        let required = label.ends_with(" *");
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <input
                    id=id.clone()
                    type=kind
                    min=numeric.then_some("0")
                    inputmode=numeric.then_some("numeric")
                    value=value
                    aria-required=required.then_some("true")
                    aria-invalid=move || if invalid().is_some() { "true" } else { "false" }
                    aria-describedby=format!("{id}-msg")
                    on:input=move |ev| update(set, event_target_value(&ev))
                    on:blur=move |_| ctx.touch_at(&path)
                />
                <p id=format!("{id}-msg") class="field-error" role="alert">
                    {message}
                </p>
            </div>
        }
    };
    let skills =
        move |name: &'static str, label: &'static str, value: Vec<String>, set: LineSet| {
            let path = format!("lines.{i}.{name}");
            let id = format!("diagnostic-lines-{i}-{name}");
            let message = ctx.message_at(path.clone());
            view! {
                <div class="field skills">
                    <label for=id.clone()>{label}</label>
                    <textarea
                        id=id.clone()
                        rows="3"
                        aria-describedby=format!("{id}-msg")
                        on:input=move |ev| update(set, event_target_value(&ev))
                        on:blur=move |_| ctx.touch_at(&path)
                    >
                        {value.join("\n")}
                    </textarea>
                    <p id=format!("{id}-msg") class="field-error" role="alert">
                        {message}
                    </p>
                </div>
            }
        };
    let trade = move || {
        ctx.data.with(|d| {
            d.d.lines
                .get(i)
                .map(|l| rome_label(&l.rome.trim().to_uppercase()))
                .unwrap_or_default()
        })
    };
    let outlook_id = format!("diagnostic-lines-{i}-outlook");
    // The shell refuses to drop a line case files come from: they are detached first.
    let linked = u64::from(line.linked_cases);
    let removable = linked == 0;
    let linked_id = format!("diagnostic-lines-{i}-linked");
    let remove = move |_| {
        ctx.data.update(|d| {
            if i < d.d.lines.len() {
                d.d.lines.remove(i);
            }
        });
        ctx.forget_row("lines", i);
        // The focus goes to the line that took its place, else to « Ajouter un métier ».
        let next_removable = ctx
            .data
            .with_untracked(|d| d.d.lines.get(i).is_some_and(|l| l.linked_cases == 0));
        request_animation_frame(move || {
            if next_removable {
                dom::focus(&format!("diagnostic-lines-{i}-remove"));
            } else {
                dom::focus("diagnostic-line-add");
            }
        });
    };
    view! {
        <fieldset class="line" id=format!("diagnostic-line-{i}")>
            <legend>{format!("Métier {n}")}</legend>
            <div class="line-grid">
                {field("rome", "Code ROME *", "text", line.rome, |l, v| l.rome = v)}
                <p class="help small field-side" aria-live="polite">
                    {trade}
                </p>
                {field(
                    "appellation",
                    "Appellation",
                    "text",
                    line.appellation,
                    |l, v| l.appellation = v,
                )}
                {field(
                    "headcount",
                    "Effectif *",
                    "number",
                    numeric(line.headcount),
                    |l, v| l.headcount = number(&v),
                )}
                {field(
                    "atRisk",
                    "Salariés exposés",
                    "number",
                    numeric(line.at_risk),
                    |l, v| l.at_risk = number(&v),
                )}
                {field(
                    "over55",
                    "Plus de 55 ans",
                    "number",
                    numeric(line.over_55),
                    |l, v| l.over_55 = number(&v),
                )}
                {field(
                    "horizonMonths",
                    "Horizon (mois) *",
                    "number",
                    numeric(line.horizon_months),
                    |l, v| l.horizon_months = number(&v),
                )} <div class="field">
                    <label for=outlook_id.clone()>"Perspective"</label>
                    <select
                        id=outlook_id
                        on:change=move |ev| {
                            let code = event_target_value(&ev);
                            ctx.data
                                .update(|d| {
                                    if let (Some(l), Some(o)) = (
                                        d.d.lines.get_mut(i),
                                        Outlook::from_code(&code),
                                    ) {
                                        l.outlook = o;
                                    }
                                });
                        }
                    >
                        {outlook_options(line.outlook)}
                    </select>
                </div>
            </div>
            <div class="line-grid skills-grid">
                {skills(
                    "skillsAtRisk",
                    "Compétences menacées (une par ligne)",
                    line.skills_at_risk,
                    |l, v| l.skills_at_risk = v.lines().map(str::to_owned).collect(),
                )}
                {skills(
                    "skillsNeeded",
                    "Compétences à acquérir (une par ligne)",
                    line.skills_needed,
                    |l, v| l.skills_needed = v.lines().map(str::to_owned).collect(),
                )}
            </div>
            <button
                type="button"
                class="link"
                id=format!("diagnostic-lines-{i}-remove")
                aria-label=format!("Retirer le métier {n}")
                disabled=!removable
                aria-describedby=(!removable).then(|| linked_id.clone())
                on:click=remove
            >
                "Retirer ce métier"
            </button>
            {(!removable)
                .then(|| {
                    view! {
                        <span class="help small" id=linked_id.clone()>
                            {format!(
                                "{} : détachez-{} d’abord pour retirer ce métier.",
                                count_with(linked, "dossier lié", "dossiers liés"),
                                if linked > 1 { "les" } else { "le" },
                            )}
                        </span>
                    }
                })}
        </fieldset>
    }
    .into_any()
}
