//! Form fields bound to one part of a `CaseData` signal. Messages come from the domain's
//! validation, run live on every change; they show once a field was left, or after a save.

use std::collections::HashSet;

use chrono::NaiveDate;
use leptos::prelude::*;
use passerelle_domain::FieldError;
use passerelle_domain::case::{CaseData, Report};
use passerelle_domain::validate::parse_date_fr;

/// State shared by the fields of one case form.
#[derive(Clone, Copy)]
pub struct FormCtx {
    pub data: RwSignal<CaseData>,
    pub report: Memo<Report>,
    /// Show every message (set by the first save attempt).
    pub show_all: RwSignal<bool>,
    pub touched: RwSignal<HashSet<String>>,
    /// Errors the shell returned (normally the same as the live ones).
    pub server_errors: RwSignal<Vec<FieldError>>,
    /// Date fields whose text cannot be read as a date: the save is refused while any is.
    pub unreadable_dates: RwSignal<HashSet<&'static str>>,
}

impl FormCtx {
    pub fn new(initial: CaseData) -> Self {
        let data = RwSignal::new(initial);
        let report = Memo::new(move |_| {
            let mut copy = data.get();
            copy.check(crate::today())
        });
        Self {
            data,
            report,
            show_all: RwSignal::new(false),
            touched: RwSignal::new(HashSet::new()),
            server_errors: RwSignal::new(Vec::new()),
            unreadable_dates: RwSignal::new(HashSet::new()),
        }
    }

    /// (message, is_error) for a field, when it should be shown.
    fn message(self, path: &'static str) -> impl Fn() -> Option<(String, bool)> + Copy {
        move || {
            let visible = self.show_all.get() || self.touched.with(|t| t.contains(path));
            if let Some(e) = self
                .server_errors
                .with(|s| s.iter().find(|e| e.field == path).cloned())
            {
                return Some((e.message, true));
            }
            if !visible {
                return None;
            }
            self.report.with(|r| {
                r.errors
                    .iter()
                    .find(|e| e.field == path)
                    .map(|e| (e.message.clone(), true))
                    .or_else(|| {
                        r.warnings
                            .iter()
                            .find(|e| e.field == path)
                            .map(|e| (e.message.clone(), false))
                    })
            })
        }
    }

    fn touch(self, path: &'static str) {
        self.touched.update(|t| {
            t.insert(path.to_owned());
        });
        self.server_errors.update(|s| s.retain(|e| e.field != path));
    }
}

fn dom_id(path: &str) -> String {
    path.replace('.', "-")
}

/// The message under a field; `role=alert` for errors so screen readers announce them.
#[component]
fn FieldMessage(id: String, message: Signal<Option<(String, bool)>>) -> impl IntoView {
    view! {
        <p
            id=id
            class=move || match message.get() {
                Some((_, true)) => "field-error",
                Some((_, false)) => "field-warning",
                None => "field-error",
            }
            role=move || message.get().filter(|(_, e)| *e).map(|_| "alert")
        >
            {move || message.get().map(|(m, _)| m)}
        </p>
    }
}

#[component]
pub fn TextField(
    ctx: FormCtx,
    path: &'static str,
    label: &'static str,
    get: fn(&CaseData) -> String,
    set: fn(&mut CaseData, String),
    #[prop(optional)] required: bool,
    #[prop(optional)] wide: bool,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] placeholder: &'static str,
) -> impl IntoView {
    let id = dom_id(path);
    let message = Signal::derive(ctx.message(path));
    view! {
        <div class="field" class:wide=wide>
            <label for=id.clone()>{label}{required.then_some(" *")}</label>
            <input
                id=id.clone()
                type=kind
                placeholder=placeholder
                prop:value=move || ctx.data.with(get)
                on:input=move |ev| ctx.data.update(|d| set(d, event_target_value(&ev)))
                on:blur=move |_| ctx.touch(path)
                aria-required=required.then_some("true")
                aria-invalid=move || if matches!(message.get(), Some((_, true))) { "true" } else { "false" }
                aria-describedby=format!("{id}-msg")
            />
            <FieldMessage id=format!("{id}-msg") message=message/>
        </div>
    }
}

#[component]
pub fn TextArea(
    ctx: FormCtx,
    path: &'static str,
    label: &'static str,
    get: fn(&CaseData) -> String,
    set: fn(&mut CaseData, String),
) -> impl IntoView {
    let id = dom_id(path);
    let message = Signal::derive(ctx.message(path));
    view! {
        <div class="field wide">
            <label for=id.clone()>{label}</label>
            <textarea
                id=id.clone()
                rows="3"
                prop:value=move || ctx.data.with(get)
                on:input=move |ev| ctx.data.update(|d| set(d, event_target_value(&ev)))
                on:blur=move |_| ctx.touch(path)
                aria-describedby=format!("{id}-msg")
            ></textarea>
            <FieldMessage id=format!("{id}-msg") message=message/>
        </div>
    }
}

/// A date typed as jj/mm/aaaa (text, not the browser's date widget: its format follows the
/// system locale, and typing is faster). Unreadable text is kept, flagged and blocks the save.
#[component]
pub fn DateField(
    ctx: FormCtx,
    path: &'static str,
    label: &'static str,
    get: fn(&CaseData) -> Option<NaiveDate>,
    set: fn(&mut CaseData, Option<NaiveDate>),
) -> impl IntoView {
    let id = dom_id(path);
    let text = RwSignal::new(
        ctx.data
            .with_untracked(get)
            .map(|d| d.format("%d/%m/%Y").to_string())
            .unwrap_or_default(),
    );
    let unreadable = Memo::new(move |_| {
        let t = text.get();
        if t.trim().is_empty() {
            None
        } else {
            parse_date_fr(&t).err()
        }
    });
    let domain_message = ctx.message(path);
    let message = Signal::derive(move || match unreadable.get() {
        Some(e) if ctx.show_all.get() || ctx.touched.with(|t| t.contains(path)) => {
            Some((format!("{label} : {e}"), true))
        }
        _ => domain_message(),
    });
    let on_input = move |ev| {
        let value = event_target_value(&ev);
        let date = parse_date_fr(&value).ok();
        ctx.unreadable_dates.update(|set| {
            if date.is_none() && !value.trim().is_empty() {
                set.insert(path);
            } else {
                set.remove(path);
            }
        });
        text.set(value);
        ctx.data.update(|d| set(d, date));
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id.clone()
                type="text"
                inputmode="numeric"
                placeholder="jj/mm/aaaa"
                prop:value=move || text.get()
                on:input=on_input
                on:blur=move |_| ctx.touch(path)
                aria-invalid=move || if matches!(message.get(), Some((_, true))) { "true" } else { "false" }
                aria-describedby=format!("{id}-msg")
            />
            <FieldMessage id=format!("{id}-msg") message=message/>
        </div>
    }
}

/// A select over codes; `""` is "not given".
#[component]
pub fn SelectField(
    ctx: FormCtx,
    path: &'static str,
    label: &'static str,
    options: Signal<Vec<(String, String)>>,
    get: fn(&CaseData) -> String,
    set: fn(&mut CaseData, String),
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let id = dom_id(path);
    let message = Signal::derive(ctx.message(path));
    view! {
        <div class="field">
            <label for=id.clone()>{label}{required.then_some(" *")}</label>
            <select
                id=id.clone()
                on:change=move |ev| {
                    ctx.data.update(|d| set(d, event_target_value(&ev)));
                    ctx.touch(path);
                }
                aria-required=required.then_some("true")
                aria-invalid=move || if matches!(message.get(), Some((_, true))) { "true" } else { "false" }
                aria-describedby=format!("{id}-msg")
            >
                <option value="" selected=move || ctx.data.with(get).is_empty()>"—"</option>
                {move || options.get().into_iter().map(|(code, text)| {
                    let selected_code = code.clone();
                    view! {
                        <option value=code selected=move || ctx.data.with(get) == selected_code>{text}</option>
                    }
                }).collect_view()}
            </select>
            <FieldMessage id=format!("{id}-msg") message=message/>
        </div>
    }
}

#[component]
pub fn CheckField(
    ctx: FormCtx,
    path: &'static str,
    label: &'static str,
    get: fn(&CaseData) -> bool,
    set: fn(&mut CaseData, bool),
) -> impl IntoView {
    let id = dom_id(path);
    view! {
        <div class="field check">
            <input
                id=id.clone()
                type="checkbox"
                prop:checked=move || ctx.data.with(get)
                on:change=move |ev| ctx.data.update(|d| set(d, event_target_checked(&ev)))
            />
            <label for=id>{label}</label>
        </div>
    }
}

/// Options of a select from a labelled enumeration, by serde code.
pub fn enum_options<T: passerelle_domain::i18n::Label + serde::Serialize>() -> Vec<(String, String)>
{
    T::ALL
        .iter()
        .map(|v| (code_of(*v), v.label().to_owned()))
        .collect()
}

pub fn code_of<T: serde::Serialize>(value: T) -> String {
    serde_wasm_bindgen::to_value(&value)
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

pub fn from_code<T: serde::de::DeserializeOwned>(code: &str) -> Option<T> {
    if code.is_empty() {
        return None;
    }
    serde_wasm_bindgen::from_value(wasm_bindgen::JsValue::from_str(code)).ok()
}

/// The funding plan: one row per funder, amounts in euros, the total below.
#[component]
pub fn FundingEditor(ctx: FormCtx) -> impl IntoView {
    use passerelle_domain::i18n::{format_euros, parse_euros};
    use passerelle_domain::parcours::{Funder, FundingLine};
    let count = Memo::new(move |_| ctx.data.with(|d| d.parcours.funding.len()));
    let total = move || ctx.data.with(|d| d.parcours.funding_total());
    let add = move |_| {
        ctx.data.update(|d| {
            d.parcours.funding.push(FundingLine {
                funder: Funder::TransitionsPro,
                amount_cents: 0,
                covers: String::new(),
            });
        });
    };
    let row = move |i: usize| {
        let path = format!("parcours.funding.{i}.amountCents");
        let line = ctx
            .data
            .with_untracked(|d| d.parcours.funding.get(i).cloned());
        let Some(line) = line else {
            return ().into_any();
        };
        let message = {
            let path = path.clone();
            move || {
                let visible = ctx.show_all.get() || ctx.touched.with(|t| t.contains(&path));
                visible
                    .then(|| {
                        ctx.report.with(|r| {
                            r.errors
                                .iter()
                                .find(|e| e.field == path)
                                .map(|e| e.message.clone())
                        })
                    })
                    .flatten()
            }
        };
        let amount_text = if line.amount_cents > 0 {
            format_euros(line.amount_cents)
                .replace(['\u{202F}', '€'], "")
                .trim()
                .to_owned()
        } else {
            String::new()
        };
        let funder_code = code_of(line.funder);
        let n = i + 1;
        view! {
            <tr>
                <td>
                    <select id=format!("funding-{i}-funder") aria-label=format!("Financeur, ligne {n}")
                        on:change=move |ev| {
                            let code = event_target_value(&ev);
                            ctx.data.update(|d| {
                                if let (Some(l), Some(f)) = (d.parcours.funding.get_mut(i), from_code::<Funder>(&code)) {
                                    l.funder = f;
                                }
                            });
                        }>
                        {enum_options::<Funder>().into_iter().map(|(code, text)| {
                            let selected = code == funder_code;
                            view! { <option value=code selected=selected>{text}</option> }
                        }).collect_view()}
                    </select>
                </td>
                <td>
                    <input type="text" id=format!("funding-{i}-covers") aria-label=format!("Objet du financement, ligne {n}")
                        placeholder="Frais pédagogiques, rémunération…" value=line.covers
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            ctx.data.update(|d| if let Some(l) = d.parcours.funding.get_mut(i) { l.covers = v; });
                        }/>
                </td>
                <td>
                    <input type="text" inputmode="decimal" class="num" id=format!("funding-{i}-amount")
                        aria-label=format!("Montant en euros, ligne {n}") value=amount_text
                        aria-describedby=format!("funding-{i}-msg")
                        on:change=move |ev| {
                            let cents = parse_euros(&event_target_value(&ev)).unwrap_or(0);
                            ctx.data.update(|d| if let Some(l) = d.parcours.funding.get_mut(i) { l.amount_cents = cents; });
                            ctx.touched.update(|t| { t.insert(path.clone()); });
                        }/>
                    <p id=format!("funding-{i}-msg") class="field-error" role="alert">{message}</p>
                </td>
                <td>
                    <button type="button" class="link" aria-label=format!("Supprimer la ligne {n}")
                        on:click=move |_| ctx.data.update(|d| { if i < d.parcours.funding.len() { d.parcours.funding.remove(i); } })>
                        "Supprimer"
                    </button>
                </td>
            </tr>
        }
        .into_any()
    };
    view! {
        <div class="funding" id="funding-editor">
            <h3 class="subsection">"Plan de financement"</h3>
            <table class="cases compact">
                <thead><tr>
                    <th scope="col">"Financeur"</th><th scope="col">"Objet"</th>
                    <th scope="col" class="num">"Montant (€)"</th><th scope="col"><span class="sr-only">"Action"</span></th>
                </tr></thead>
                <tbody>{move || (0..count.get()).map(row).collect_view()}</tbody>
                <tfoot><tr><th scope="row" colspan="2">"Total"</th>
                    <td class="num strong" id="funding-total">{move || format_euros(total())}</td><td></td></tr></tfoot>
            </table>
            <button type="button" class="secondary" id="funding-add" on:click=add>"Ajouter un financeur"</button>
        </div>
    }
}
