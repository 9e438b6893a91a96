//! Form fields bound to one part of a form's data signal (a `CaseData`, say). Messages come
//! from the domain's validation, run live on every change; they show once a field was left, or
//! after a save.

use chrono::NaiveDate;
use leptos::prelude::*;
use passerelle_domain::validate::parse_date_fr;

use super::form::FormCtx;

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
pub fn TextField<D>(
    ctx: FormCtx<D>,
    path: &'static str,
    label: &'static str,
    get: fn(&D) -> String,
    set: fn(&mut D, String),
    #[prop(optional)] required: bool,
    #[prop(optional)] wide: bool,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] placeholder: &'static str,
    /// Put before the field's id, for a form sharing its page with another one (« need- »).
    #[prop(optional)]
    prefix: &'static str,
) -> impl IntoView
where
    D: Send + Sync + 'static,
{
    let id = format!("{prefix}{}", dom_id(path));
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
                aria-invalid=move || {
                    if matches!(message.get(), Some((_, true))) { "true" } else { "false" }
                }
                aria-describedby=format!("{id}-msg")
            />
            <FieldMessage id=format!("{id}-msg") message=message />
        </div>
    }
}

#[component]
pub fn TextArea<D>(
    ctx: FormCtx<D>,
    path: &'static str,
    label: &'static str,
    get: fn(&D) -> String,
    set: fn(&mut D, String),
    /// Put before the field's id, for a form sharing its page with another one (« need- »).
    #[prop(optional)]
    prefix: &'static str,
) -> impl IntoView
where
    D: Send + Sync + 'static,
{
    let id = format!("{prefix}{}", dom_id(path));
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
                aria-invalid=move || {
                    if matches!(message.get(), Some((_, true))) { "true" } else { "false" }
                }
                aria-describedby=format!("{id}-msg")
            ></textarea>
            <FieldMessage id=format!("{id}-msg") message=message />
        </div>
    }
}

/// A date typed as jj/mm/aaaa (text, not the browser's date widget: its format follows the
/// system locale, and typing is faster). Unreadable text is kept, flagged and blocks the save.
#[component]
pub fn DateField<D>(
    ctx: FormCtx<D>,
    path: &'static str,
    label: &'static str,
    get: fn(&D) -> Option<NaiveDate>,
    set: fn(&mut D, Option<NaiveDate>),
    #[prop(optional)] required: bool,
    /// Put before the field's id, for a form sharing its page with another one (« need- »).
    #[prop(optional)]
    prefix: &'static str,
) -> impl IntoView
where
    D: Send + Sync + 'static,
{
    let id = format!("{prefix}{}", dom_id(path));
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
            <label for=id.clone()>{label}{required.then_some(" *")}</label>
            <input
                id=id.clone()
                type="text"
                inputmode="numeric"
                placeholder="jj/mm/aaaa"
                prop:value=move || text.get()
                on:input=on_input
                on:blur=move |_| ctx.touch(path)
                aria-required=required.then_some("true")
                aria-invalid=move || {
                    if matches!(message.get(), Some((_, true))) { "true" } else { "false" }
                }
                aria-describedby=format!("{id}-msg")
            />
            <FieldMessage id=format!("{id}-msg") message=message />
        </div>
    }
}

/// A select over codes; `""` is "not given" (unless `no_blank`).
#[component]
pub fn SelectField<D>(
    ctx: FormCtx<D>,
    path: &'static str,
    label: &'static str,
    options: Signal<Vec<(String, String)>>,
    get: fn(&D) -> String,
    set: fn(&mut D, String),
    #[prop(optional)] required: bool,
    /// No « — » choice: the value is always one of `options` (a required enumeration).
    #[prop(optional)]
    no_blank: bool,
    /// Put before the field's id, for a form sharing its page with another one (« need- »).
    #[prop(optional)]
    prefix: &'static str,
) -> impl IntoView
where
    D: Send + Sync + 'static,
{
    let id = format!("{prefix}{}", dom_id(path));
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
                aria-invalid=move || {
                    if matches!(message.get(), Some((_, true))) { "true" } else { "false" }
                }
                aria-describedby=format!("{id}-msg")
            >
                {(!no_blank)
                    .then(|| {
                        view! {
                            <option value="" selected=move || ctx.data.with(get).is_empty()>
                                "—"
                            </option>
                        }
                    })}
                {move || {
                    options
                        .get()
                        .into_iter()
                        .map(|(code, text)| {
                            let selected_code = code.clone();
                            view! {
                                <option
                                    value=code
                                    selected=move || ctx.data.with(get) == selected_code
                                >
                                    {text}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
            <FieldMessage id=format!("{id}-msg") message=message />
        </div>
    }
}

#[component]
pub fn CheckField<D>(
    ctx: FormCtx<D>,
    path: &'static str,
    label: &'static str,
    get: fn(&D) -> bool,
    set: fn(&mut D, bool),
    /// Put before the field's id, for a form sharing its page with another one (« need- »).
    #[prop(optional)]
    prefix: &'static str,
) -> impl IntoView
where
    D: Send + Sync + 'static,
{
    let id = format!("{prefix}{}", dom_id(path));
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
