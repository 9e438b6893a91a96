//! Certifications: the staff's follow-up of exam sessions and candidates, and the catalogue.

mod catalogue;
mod chart;
mod exam_session;
mod exam_sessions;
mod export;
mod register;
mod result;
mod stats;

use leptos::prelude::*;
use passerelle_domain::i18n::{Msg, t};

pub use exam_session::ExamSessionPage;

use crate::components::common::{TabEntry, TabPanel, Tabs};
use crate::dom;

/// Horizon of the upcoming (and recent) exam sessions.
pub const HORIZON_DAYS: u32 = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tab {
    ExamSessions,
    Candidates,
    Catalogue,
}

const TABS: &[TabEntry<Tab>] = &[
    (
        Tab::ExamSessions,
        "tab-cert-sessions",
        "Sessions d’examen et jurys",
    ),
    (
        Tab::Candidates,
        "tab-cert-candidates",
        "Candidats et résultats",
    ),
    (Tab::Catalogue, "tab-cert-catalogue", "Catalogue"),
];

#[component]
pub fn Certifications() -> impl IntoView {
    dom::set_title(Msg::CertificationsTitle);
    let tab = RwSignal::new(Tab::ExamSessions);
    let panel = |tab| match tab {
        Tab::ExamSessions => view! { <exam_sessions::ExamSessions /> }.into_any(),
        Tab::Candidates => view! { <stats::Stats /> }.into_any(),
        Tab::Catalogue => view! { <catalogue::Catalogue /> }.into_any(),
    };
    view! {
        <section id="screen-certifications" aria-labelledby="screen-certifications-title">
            <h1 id="screen-certifications-title">{t(Msg::CertificationsTitle)}</h1>
            <Tabs tabs=TABS current=tab label="Sections des certifications" />
            <TabPanel tabs=TABS current=tab render=panel />
        </section>
    }
}
