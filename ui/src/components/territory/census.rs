//! `/territoires/besoins`: the census of hiring needs (the Metz coordination cell) — one need
//! after another, and below, the needs recorded in the campaign.

use leptos::prelude::*;
use leptos_router::components::A;
use passerelle_domain::dashboard::Scope;
use passerelle_domain::i18n::{Msg, count_noun, t};
use passerelle_domain::ipc::NeedListArgs;

use super::need_form::NeedForm;
use super::needs::NeedTable;
use crate::components::common::Loaded;
use crate::{api, dom};

const LIMIT: u32 = 200;

#[component]
pub fn NeedsCensus() -> impl IntoView {
    dom::set_title(Msg::NeedsCensusTitle);
    let campaign = RwSignal::new(String::new());
    let reload = RwSignal::new(0u32);
    let list = LocalResource::new(move || {
        reload.track();
        let campaign = campaign.get().trim().to_owned();
        api::territory::needs(NeedListArgs {
            scope: Scope::default(),
            siret: String::new(),
            campaign,
            limit: LIMIT,
        })
    });
    let on_saved = Callback::new(move |_| reload.update(|n| *n += 1));
    let heading = move || {
        let c = campaign.get();
        if c.trim().is_empty() {
            "Derniers besoins enregistrés".to_owned()
        } else {
            format!("Besoins de la campagne « {} »", c.trim())
        }
    };
    view! {
        <section id="screen-needs" aria-labelledby="screen-needs-title">
            <div class="screen-head">
                <h1 id="screen-needs-title">{t(Msg::NeedsCensusTitle)}</h1>
                <A href="/territoires" attr:class="button secondary-link">
                    "← Territoires"
                </A>
            </div>
            <p class="help">
                "Saisie rapide : après chaque enregistrement, le formulaire se vide pour le besoin suivant et garde l’établissement, le contrat, le statut, la source et la campagne."
            </p>
            <NeedForm siret=None campaign on_saved />
            <h2 class="section" id="needs-heading">
                {heading}
            </h2>
            <Loaded from=list let:rows>
                <p class="muted" id="needs-count">
                    {count_noun(rows.len() as u64, "besoin")}
                </p>
                <NeedTable id="needs-table" rows with_establishment=true />
            </Loaded>
        </section>
    }
}
