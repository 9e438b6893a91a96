//! A person's competences against the target fiche (the Projet tab reads them, the case form
//! records the declared ones), and the match the project was last filled from.

use leptos::prelude::*;
use passerelle_domain::case::{CaseData, CaseId, DeclaredSkill, SkillLevel};
use passerelle_domain::i18n::{count_with, format_count, format_stamp_date};
use passerelle_domain::matching::{CaseSkills, ChosenMatch, SkillRow, SkillSource};
use passerelle_domain::rome::Importance;

use super::score::{PartsList, ScoreBar, distance_text, need_text, trade_text};
use crate::api;
use crate::components::common::{FormCtx, Loaded, date_text};

fn importance_rank(i: Importance) -> u8 {
    match i {
        Importance::Core => 0,
        Importance::Emerging => 1,
        Importance::Other => 2,
    }
}

fn importance_text(i: Importance) -> &'static str {
    match i {
        Importance::Core => "clé",
        Importance::Emerging => "émergente",
        Importance::Other => "autre",
    }
}

/// The competence's label with its transition marks, as words.
fn label_cell(s: &SkillRow) -> impl IntoView + use<> {
    view! {
        {s.label.clone()}
        {s
            .eco
            .then(|| {
                view! {
                    " "
                    <span class="badge eco" title="Marquée pour la transition écologique">
                        <span aria-hidden="true">"🌱 "</span>
                        "éco"
                    </span>
                }
            })}
        {s
            .digital
            .then(|| {
                view! {
                    " "
                    <span class="badge digital" title="Marquée pour la transition numérique">
                        "numérique"
                    </span>
                }
            })}
    }
}

/// « 34 compétences du métier actuel H2913 », « 12 de RNCP35830 obtenue », « 3 déclarées ».
fn sources(s: &CaseSkills) -> Vec<String> {
    let mut lines = Vec::new();
    if !s.current_rome.is_empty() {
        lines.push(format!(
            "{} du métier actuel {}",
            count_with(u64::from(s.from_current_trade), "compétence", "compétences"),
            s.current_rome
        ));
    }
    for (code, n) in &s.from_certifications {
        lines.push(format!("{} de {code} obtenue", format_count(u64::from(*n))));
    }
    lines.push(count_with(u64::from(s.declared), "déclarée", "déclarées"));
    lines
}

fn fiche_caption(s: &CaseSkills) -> String {
    let label = passerelle_domain::validate::rome_label(&s.target_rome).unwrap_or_default();
    let which = if s.target_rome == s.current_rome {
        "métier actuel, sans métier visé"
    } else {
        "métier visé"
    };
    format!(
        "Compétences de la fiche {} {label} ({which}) — référentiel ROME {}",
        s.target_rome, s.rome_version
    )
}

fn sorted(mut rows: Vec<SkillRow>) -> Vec<SkillRow> {
    rows.sort_by_key(|r| importance_rank(r.importance));
    rows
}

/// The Projet tab's « Compétences »: counts by source and the target fiche's table.
#[component]
pub fn SkillsSummary(case_id: CaseId) -> impl IntoView {
    let skills = LocalResource::new(move || api::matching::case_skills(case_id));
    view! {
        <section id="case-skills" aria-labelledby="case-skills-heading">
            <h2 class="section" id="case-skills-heading">
                "Compétences"
            </h2>
            <Loaded from=skills let:s>
                <ul class="plain summary" id="skills-sources">
                    {sources(&s).into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
                </ul>
                {if s.target.is_empty() {
                    view! {
                        <p class="empty" id="skills-table">
                            "Aucune fiche ROME à comparer : renseignez le métier actuel ou le métier visé."
                        </p>
                    }
                        .into_any()
                } else {
                    let caption = fiche_caption(&s);
                    view! {
                        <table class="cases compact skills-table" id="skills-table">
                            <caption>{caption}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"Compétence"</th>
                                    <th scope="col">"Nature"</th>
                                    <th scope="col">"Clé / émergente"</th>
                                    <th scope="col">"Détenue (source)"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {sorted(s.target)
                                    .into_iter()
                                    .map(|r| {
                                        let held = match (&r.held_from, r.to_strengthen) {
                                            (Some(from), false) => format!("détenue ({from})"),
                                            (Some(from), true) => {
                                                format!("détenue ({from}), à renforcer")
                                            }
                                            (None, true) => "à renforcer".to_owned(),
                                            (None, false) => "à acquérir".to_owned(),
                                        };
                                        view! {
                                            <tr
                                                class="skill-row"
                                                class:missing=r.held_from.is_none()
                                                id=format!("skill-row-{}", r.code)
                                            >
                                                <td>{label_cell(&r)}</td>
                                                <td>{r.kind.clone()}</td>
                                                <td>{importance_text(r.importance)}</td>
                                                <td>{held}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    }
                        .into_any()
                }}
            </Loaded>
        </section>
    }
}

/// The declared level of a competence in the form's data: "", "held" or "to_strengthen".
fn level_code(d: &CaseData, code: u32) -> &'static str {
    match d
        .project
        .skills
        .iter()
        .find(|s| s.code == code)
        .map(|s| s.level)
    {
        Some(SkillLevel::Held) => "held",
        Some(SkillLevel::ToStrengthen) => "to_strengthen",
        None => "",
    }
}

/// Sets (or removes, for "") the declared level of a competence.
fn set_level(d: &mut CaseData, code: u32, value: &str) {
    let level = match value {
        "held" => Some(SkillLevel::Held),
        "to_strengthen" => Some(SkillLevel::ToStrengthen),
        _ => None,
    };
    let skills = &mut d.project.skills;
    match (level, skills.iter_mut().find(|s| s.code == code)) {
        (Some(level), Some(s)) => s.level = level,
        (Some(level), None) => skills.push(DeclaredSkill { code, level }),
        (None, _) => skills.retain(|s| s.code != code),
    }
}

/// Where a competence is held from besides the counsellor's declaration (which the form's
/// select now says).
fn other_source(r: &SkillRow) -> Option<String> {
    match r.source {
        Some(SkillSource::Declared) => None,
        _ => r.held_from.clone(),
    }
}

/// The case form's competences: the target fiche's, each with a select recording what the
/// counsellor and the person found (« Détenue », « À renforcer »), saved with the form.
#[component]
pub fn SkillsEditor(ctx: FormCtx<CaseData>, case_id: Option<CaseId>) -> impl IntoView {
    let Some(case_id) = case_id else {
        return view! {
            <p class="help wide" id="skills-editor">
                "Les compétences du métier visé se renseignent une fois le dossier enregistré."
            </p>
        }
        .into_any();
    };
    let skills = LocalResource::new(move || api::matching::case_skills(case_id));
    let error = ctx.message_at("project.skills".to_owned());
    view! {
        <div class="wide" id="skills-editor">
            <h3 class="subsection" id="skills-editor-heading">
                "Compétences déclarées"
            </h3>
            <p class="help small">
                "Les compétences du métier actuel et des certifications obtenues comptent d’office ; indiquez ici celles que la personne détient par ailleurs, ou qu’elle doit renforcer. La fiche est celle du métier visé enregistré."
            </p>
            <p id="project-skills-msg" class="field-error" role="alert">
                {error}
            </p>
            <Loaded from=skills let:s>
                {if s.target.is_empty() {
                    view! {
                        <p class="empty">
                            "Aucune fiche ROME : enregistrez d’abord le métier actuel ou le métier visé."
                        </p>
                    }
                        .into_any()
                } else {
                    let caption = fiche_caption(&s);
                    view! {
                        <table class="cases compact skills-table" id="skills-editor-table">
                            <caption>{caption}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"Compétence"</th>
                                    <th scope="col">"Nature"</th>
                                    <th scope="col">"Clé / émergente"</th>
                                    <th scope="col">"Détenue (source)"</th>
                                    <th scope="col">"Déclarée"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {sorted(s.target)
                                    .into_iter()
                                    .map(|r| skill_editor_row(ctx, r))
                                    .collect_view()}
                            </tbody>
                        </table>
                    }
                        .into_any()
                }}
            </Loaded>
        </div>
    }
    .into_any()
}

fn skill_editor_row(ctx: FormCtx<CaseData>, r: SkillRow) -> impl IntoView {
    let code = r.code;
    let source = other_source(&r);
    let held_elsewhere = source.is_some();
    let status = move || {
        let level = ctx.data.with(|d| level_code(d, code));
        match (&source, level) {
            (Some(from), "to_strengthen") => format!("détenue ({from}), à renforcer"),
            (Some(from), _) => format!("détenue ({from})"),
            (None, "held") => "détenue (déclarée)".to_owned(),
            (None, "to_strengthen") => "à renforcer".to_owned(),
            (None, _) => "à acquérir".to_owned(),
        }
    };
    let label = format!("Déclarée : {}", r.label);
    let options = [
        ("", "—"),
        ("held", "Détenue"),
        ("to_strengthen", "À renforcer"),
    ];
    view! {
        <tr
            class="skill-row"
            class:missing=move || {
                !held_elsewhere && ctx.data.with(|d| level_code(d, code)) != "held"
            }
            id=format!("skill-row-{code}")
        >
            <td>{label_cell(&r)}</td>
            <td>{r.kind.clone()}</td>
            <td>{importance_text(r.importance)}</td>
            <td>{status}</td>
            <td>
                <select
                    id=format!("skill-{code}")
                    aria-label=label
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        ctx.data.update(|d| set_level(d, code, &value));
                        ctx.touch_at("project.skills");
                    }
                >
                    {options
                        .into_iter()
                        .map(|(value, text)| {
                            view! {
                                <option
                                    value=value
                                    selected=move || ctx.data.with(|d| level_code(d, code)) == value
                                >
                                    {text}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </td>
        </tr>
    }
}

/// The match the project was last filled from, as the committee dossier shows it.
#[component]
pub fn ChosenMatchBlock(case_id: CaseId) -> impl IntoView {
    let chosen = LocalResource::new(move || api::matching::chosen(case_id));
    view! {
        <Loaded from=chosen let:c>
            {match c {
                Some(c) => chosen_view(c).into_any(),
                None => {
                    view! {
                        <p class="muted" id="chosen-match-none">
                            "Aucun rapprochement retenu (onglet « Rapprochements »)."
                        </p>
                    }
                        .into_any()
                }
            }}
        </Loaded>
    }
}

fn chosen_view(c: ChosenMatch) -> impl IntoView {
    let m = c.fit;
    let what = match &m.need {
        Some(n) => format!("{} — {}", trade_text(&m), need_text(n)),
        None => trade_text(&m),
    };
    let offer = if c.offer_version.trim().is_empty() {
        "aucune offre de formation importée".to_owned()
    } else {
        format!(
            "offre de formation importée le {}",
            format_stamp_date(&c.offer_version)
        )
    };
    view! {
        <section id="chosen-match" class="enrolment" aria-labelledby="chosen-match-heading">
            <h2 class="section" id="chosen-match-heading">
                {format!("Rapprochement retenu le {} par {}", date_text(&c.chosen_at), c.chosen_by)}
            </h2>
            <p>
                <strong>{what}</strong>
                {m
                    .internal
                    .then(|| {
                        view! {
                            " "
                            <span class="badge internal">"Reconversion interne"</span>
                        }
                    })}
            </p>
            <p>
                "Score : " <ScoreBar score=m.score parts=m.parts.clone() />
                {m.distance_km.map(|km| format!(" · distance {}", distance_text(Some(km))))}
            </p>
            <PartsList parts=m.parts />
            <p id="chosen-match-session">
                {match c.session {
                    Some(s) => format!("Session : {s}"),
                    None => "Sans session de formation.".to_owned(),
                }}
            </p>
            <p class="muted small">{format!("Référentiel ROME {} ; {offer}.", c.rome_version)}</p>
        </section>
    }
}
