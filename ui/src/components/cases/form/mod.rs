//! The case form, for a new case and for editing one: four sections, live validation, and a
//! save that keeps everything typed when it fails.

mod eligibility;
mod identity;
mod parcours;
mod project;
mod situation;
mod steps;

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use passerelle_domain::AppError;
use passerelle_domain::case::{CaseData, CaseId};

use self::identity::IdentitySection;
use self::parcours::ParcoursSection;
use self::project::ProjectSection;
use self::situation::SituationSection;
use crate::components::common::FormCtx;
use crate::{api, dom, guard};

/// `id`: the case being edited, or `None` for a new one.
#[component]
pub fn CaseForm(id: Option<CaseId>, initial: CaseData) -> impl IntoView {
    let ctx = FormCtx::new(initial.clone(), |mut data: CaseData| {
        data.check(crate::today())
    });
    let unsaved = guard::unsaved();
    Effect::new(move || {
        let dirty = ctx.data.with(|d| *d != initial);
        unsaved.0.set(dirty);
    });
    on_cleanup(move || unsaved.0.set(false));

    let notice = RwSignal::new(None::<String>);
    let navigate = use_navigate();
    let save = Action::new_local(move |data: &CaseData| {
        let data = data.clone();
        async move {
            match id {
                Some(id) => api::cases::update(id, data).await,
                None => api::cases::create(data).await,
            }
        }
    });
    Effect::new(move || match save.value().get() {
        Some(Ok(saved)) => {
            unsaved.0.set(false);
            navigate(&format!("/dossiers/{}", saved.case.id), Default::default());
        }
        Some(Err(AppError::Validation { errors })) => {
            ctx.server_errors.set(errors);
            notice.set(Some(
                "Le dossier n’est pas enregistré : corrigez les champs signalés.".into(),
            ));
        }
        Some(Err(other)) => notice.set(Some(format!(
            "Le dossier n’est pas enregistré : {} Vos saisies sont conservées.",
            other.user_message()
        ))),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        ctx.show_all.set(true);
        let unreadable = !ctx.unreadable_dates.with_untracked(|d| d.is_empty());
        if unreadable || !ctx.report.with_untracked(|r| r.errors.is_empty()) {
            notice.set(Some(
                "Le dossier n’est pas enregistré : corrigez les champs signalés.".into(),
            ));
            focus_first_error();
            return;
        }
        notice.set(None);
        save.dispatch(ctx.data.get_untracked());
    };

    view! {
        <form id="case-form" class="case-form" on:submit=on_submit novalidate=true>
            <IdentitySection ctx />
            <SituationSection ctx />
            <ProjectSection ctx case_id=id />
            <ParcoursSection ctx />
            <div class="actions sticky">
                <button type="submit" id="case-save" disabled=move || save.pending().get()>
                    "Enregistrer"
                </button>
                <span id="case-notice" role="status" class="notice-error">
                    {move || notice.get()}
                </span>
            </div>
        </form>
    }
}

/// Moves the keyboard focus to the first field showing an error.
fn focus_first_error() {
    request_animation_frame(|| {
        dom::focus_first("[aria-invalid=\"true\"]");
    });
}
