//! The committee dossier's view model (DOMAIN §8.5): everything a committee member reads, as
//! text already formatted in French, built from a case. The PDF layer only lays it out; the
//! content hash printed in its footer is computed on this model.

use crate::params::Parameters;
use std::collections::HashSet;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::disclosure;
use super::priority::{PriorityScore, priority_score};
use super::pseudonym::redact_with;
use super::{CommitteeKind, Outcome};
use crate::case::{CaseFile, Civility, DocumentKind};
use crate::certification::{Certification, gap};
use crate::i18n::{Label, field_label, format_date, format_euros, format_stamp_date};
use crate::journal::{FieldChange, is_personal_field};
use crate::parcours::{ChecklistItem, DocStatus, ParcoursView, RuleOutcome, Step};
use crate::validate::rome_label;

/// Full (named) or pseudonymised dossier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Variant {
    Full,
    Pseudonymised { pseudonym: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Row {
    pub label: String,
    pub value: String,
}

fn row(label: &str, value: impl Into<String>) -> Row {
    Row {
        label: label.to_owned(),
        value: value.into(),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TradeLine {
    pub code: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BlocLine {
    pub code: String,
    pub title: String,
    pub acquired: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FundingRow {
    pub funder: String,
    pub covers: String,
    pub amount_cents: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EligibilityLine {
    pub rule: String,
    pub outcome: String,
    pub met: Option<bool>,
    pub explanation: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TimelineLine {
    pub date: String,
    pub step: String,
    pub actor: String,
    pub reason: String,
    pub current: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChecklistLine {
    pub document: String,
    pub required: bool,
    pub status: String,
    pub ok: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangeLine {
    pub date: String,
    pub field: String,
    pub before: String,
    pub after: String,
}

/// Changes to a case since the meeting where it was last presented.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangesSince {
    pub meeting_on: NaiveDate,
    pub outcome: String,
    /// Raw journal changes, dated (`YYYY-MM-DD`); the builder masks or drops personal fields.
    pub changes: Vec<(String, FieldChange)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MeetingHeader {
    pub kind: CommitteeKind,
    pub held_on: NaiveDate,
    pub place: String,
    /// Position on the agenda.
    pub position: Option<u32>,
}

/// One line of a meeting pack's agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AgendaLine {
    pub position: u32,
    pub who: String,
    pub target: String,
    pub amount_requested_cents: i64,
}

/// What a committee member reads, in the order of the dossier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DossierView {
    pub pseudonymised: bool,
    /// « Mme Élodie HÉBERT » or the pseudonym.
    pub identity: String,
    /// The case's reference, or the pseudonym.
    pub reference: String,
    pub counsellor: String,
    pub structure: String,
    pub meeting: Option<MeetingHeader>,
    pub meeting_line: String,
    pub beneficiary: Vec<Row>,
    pub current_trade: TradeLine,
    pub target_trade: TradeLine,
    pub rationale: String,
    pub training: Vec<Row>,
    pub certification: String,
    pub blocs: Vec<BlocLine>,
    pub funding: Vec<FundingRow>,
    pub funding_total_cents: i64,
    pub amount_requested_cents: i64,
    pub prospects: Vec<Row>,
    pub eligibility: Vec<EligibilityLine>,
    pub eligibility_at: String,
    pub priority: PriorityScore,
    pub cep_opinion: String,
    pub current_step: String,
    pub timeline: Vec<TimelineLine>,
    pub checklist_step: String,
    pub checklist: Vec<ChecklistLine>,
    pub changes_since: Option<(String, Vec<ChangeLine>)>,
    /// The recorded opinion or decision, with motifs and amount, when there is one.
    pub outcome: Option<Vec<Row>>,
    pub committee_kind: Option<CommitteeKind>,
    /// Pseudonymised: what was removed, and why (on the first page).
    #[serde(default)]
    pub notice: Option<String>,
    /// Printed on every page: « Confidentiel — comité du … — destinataires : … ».
    #[serde(default)]
    pub watermark: Option<String>,
    /// Pseudonymised: what the scan of the free texts found (see `disclosure::scan`); the
    /// export waits for the counsellor to rewrite or confirm. Not printed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<super::disclosure::Finding>,
}

impl MeetingHeader {
    /// « Commission paritaire Transitions Pro, séance du 12 mars 2026 (Metz) ».
    pub fn line(&self) -> String {
        format!(
            "{}, séance du {} ({})",
            self.kind.label(),
            format_date(self.held_on),
            self.place.trim()
        )
    }
}

/// A committee meeting and its dossiers in agenda order: what a meeting pack shows.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MeetingPack {
    pub header: MeetingHeader,
    pub members: Vec<String>,
    pub pseudonymised: bool,
    pub dossiers: Vec<DossierView>,
}

impl MeetingPack {
    /// SHA-256 over the meeting and every dossier's own hash.
    pub fn content_hash(&self) -> String {
        let mut h = Sha256::new();
        h.update(serde_json::to_vec(&self.header).unwrap_or_default());
        h.update(self.members.join("\n").as_bytes());
        h.update([u8::from(self.pseudonymised)]);
        for d in &self.dossiers {
            h.update(d.content_hash().as_bytes());
        }
        h.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }
}

impl DossierView {
    /// SHA-256 (hex) of the canonical JSON of the model: two PDFs with the same hash show the
    /// same content, whatever their generation date.
    pub fn content_hash(&self) -> String {
        let json = serde_json::to_vec(self).unwrap_or_default();
        let digest = Sha256::digest(&json);
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The agenda line of this dossier in a meeting pack.
    pub fn agenda_line(&self, position: u32) -> AgendaLine {
        AgendaLine {
            position,
            who: self.identity.clone(),
            target: if self.target_trade.code.is_empty() {
                "—".to_owned()
            } else {
                format!("{} {}", self.target_trade.code, self.target_trade.label)
            },
            amount_requested_cents: self.amount_requested_cents,
        }
    }
}

/// What the dossier is built from; the storage layer gathers it.
#[derive(Debug, Clone)]
pub struct DossierInput<'a> {
    pub case: &'a CaseFile,
    pub parcours: &'a ParcoursView,
    pub params: &'a Parameters,
    /// The target certification, from the catalogue.
    pub certification: Option<&'a Certification>,
    /// Bloc codes the person already holds (earlier enrolments and partial validations).
    pub acquired_blocs: &'a HashSet<String>,
    /// The checklist of the funding file (and the step it belongs to).
    pub checklist_step: Option<Step>,
    pub checklist: &'a [ChecklistItem],
    pub counsellor: &'a str,
    pub structure: &'a str,
    pub meeting: Option<MeetingHeader>,
    pub changes_since: Option<ChangesSince>,
    pub outcome: Option<(Outcome, String, Option<i64>)>,
    /// Reference date: the meeting's, else the generation date (age band, grid in force).
    pub at: NaiveDate,
    /// Who the export is for (watermark); empty: no watermark.
    pub recipients: &'a [String],
    /// Pseudonymised: name the training provider (a setting; off by default).
    pub show_provider: bool,
    /// The match the project was filled from, with its parts and versions.
    pub matched: Option<&'a crate::matching::ChosenMatch>,
}

/// The chosen match as rows of the « Perspectives » section. Pseudonymised, what could point to
/// the person goes: the employer (their own, for an internal reconversion), the current ROME
/// code (the variant shows its domain only), the distance from home, the exact dates.
fn matched_rows(rows: &mut Vec<Row>, m: &crate::matching::ChosenMatch, pseudonymised: bool) {
    use crate::matching::Component;
    let fit = &m.fit;
    let target = match (&fit.need, pseudonymised) {
        (Some(n), false) => format!(
            "{} {} — {} ({})",
            fit.rome, fit.rome_label, n.establishment, n.commune_name
        ),
        (Some(_), true) => format!(
            "{} {} — un employeur qui recrute sur le territoire",
            fit.rome, fit.rome_label
        ),
        (None, _) => format!("{} {}", fit.rome, fit.rome_label),
    };
    rows.push(row(
        "Rapprochement retenu",
        format!("{target} : {}/100", fit.score),
    ));
    for p in &fit.parts {
        let reason = if !pseudonymised {
            p.reason.clone()
        } else {
            match p.component {
                Component::Trade => match p.reason.split_once(" depuis ") {
                    Some((mobility, _)) => format!("{mobility} depuis le métier actuel"),
                    None if p.points == 40 => "Même métier que l’actuel".to_owned(),
                    None => p.reason.clone(),
                },
                Component::Distance if p.points > 0 => "Dans le rayon de mobilité".to_owned(),
                Component::Employer if p.points == 5 => {
                    "Un employeur recrute, ouvert à la reconversion".to_owned()
                }
                Component::Employer if p.points > 0 => "Un employeur recrute".to_owned(),
                _ => p.reason.clone(),
            }
        };
        rows.push(row(
            &format!("{} ({}/{})", p.component.label(), p.points, p.max),
            reason,
        ));
    }
    rows.push(row(
        "Compétences clés à acquérir",
        if fit.missing.is_empty() {
            "aucune".to_owned()
        } else {
            fit.missing.join(" ; ")
        },
    ));
    // « le 1er décembre 2026 », or « en décembre 2026 » pseudonymised.
    let dated = |stamp: &str| -> String {
        match stamp.get(..10).and_then(|d| d.parse::<NaiveDate>().ok()) {
            Some(d) if pseudonymised => format!("en {}", crate::i18n::format_month_year(d)),
            Some(d) => format!("le {}", crate::i18n::format_date(d)),
            None => format!("le {stamp}"),
        }
    };
    rows.push(row(
        "Références du rapprochement",
        format!(
            "ROME {} ; offre de formation {} ; retenu {}",
            m.rome_version,
            if m.offer_version.is_empty() {
                "non importée".to_owned()
            } else {
                format!("importée {}", dated(&m.offer_version))
            },
            dated(&m.chosen_at)
        ),
    ));
}

/// « moins de 26 ans », « 26 à 34 ans »… from a birth date, at a date.
pub fn age_band(birth: NaiveDate, at: NaiveDate) -> String {
    let mut age = at.year() - birth.year();
    if (at.month(), at.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    match age {
        ..26 => "moins de 26 ans".into(),
        26..=34 => "26 à 34 ans".into(),
        35..=44 => "35 à 44 ans".into(),
        45..=54 => "45 à 54 ans".into(),
        _ => "55 ans et plus".into(),
    }
}

/// « É. H. »: first letter of the first first name and of the name used.
pub fn initials(first_names: &str, name: &str) -> String {
    let letter = |s: &str| {
        s.trim()
            .chars()
            .next()
            .map(|c| format!("{}.", c.to_uppercase()))
    };
    [letter(first_names), letter(name)]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ")
}

fn or_dash(s: &str) -> String {
    if s.trim().is_empty() {
        "non renseigné".into()
    } else {
        s.trim().to_owned()
    }
}

fn yes_no(b: bool) -> &'static str {
    if b { "oui" } else { "non" }
}

fn trade(code: &str) -> TradeLine {
    TradeLine {
        code: code.trim().to_owned(),
        label: rome_label(code.trim())
            .map(str::to_owned)
            .unwrap_or_else(|| "code non renseigné".into()),
    }
}

/// Fields never shown in a pseudonymised dossier's « what changed » list.
fn is_identifying_field(path: &str) -> bool {
    is_personal_field(path)
        || matches!(
            path,
            "beneficiary.birthName"
                | "beneficiary.usageName"
                | "beneficiary.firstNames"
                | "beneficiary.commune"
                | "beneficiary.civility"
                | "beneficiary.consents"
                | "situation.employer.name"
                | "situation.employer.siret"
                | "situation.jobTitle"
        )
}

/// Builds the dossier of a case, full or pseudonymised.
pub fn build(input: &DossierInput<'_>, variant: &Variant) -> DossierView {
    let case = &input.case.data;
    let b = &case.beneficiary;
    let s = &case.situation;
    let f = &case.parcours;
    let name = if b.usage_name.trim().is_empty() {
        &b.birth_name
    } else {
        &b.usage_name
    };
    let pseudonym = match variant {
        Variant::Full => None,
        Variant::Pseudonymised { pseudonym } => Some(pseudonym.clone()),
    };
    // Free text may name the person: redacted in the pseudonymised variant.
    let person_names = [
        b.birth_name.as_str(),
        b.usage_name.as_str(),
        b.first_names.as_str(),
    ];
    let other_words = [
        b.email.as_str(),
        b.phone.as_str(),
        b.nir.as_str(),
        b.commune.as_str(),
        s.employer.name.as_str(),
    ];
    let free = |text: &str| -> String {
        match pseudonym {
            Some(_) => redact_with(text.trim(), &person_names, &other_words),
            None => text.trim().to_owned(),
        }
    };
    let civility = match b.civility {
        Some(Civility::Madame) => "Mme ",
        Some(Civility::Monsieur) => "M. ",
        None => "",
    };
    let identity = pseudonym.clone().unwrap_or_else(|| {
        format!(
            "{civility}{} {}",
            b.first_names.trim(),
            name.trim().to_uppercase()
        )
    });
    let diploma = b
        .diploma_level
        .map(|n| format!("niveau {n}"))
        .unwrap_or_else(|| "non renseigné".into());
    let contract = match (s.contract, s.working_time) {
        (Some(c), Some(w)) => format!("{}, {}", c.label(), w.label().to_lowercase()),
        (Some(c), None) => c.label().to_owned(),
        _ => "non renseigné".into(),
    };
    let seniority = match (s.seniority_months_total, s.seniority_months_company) {
        (Some(t), Some(c)) => format!("{t} mois de salariat, dont {c} dans l’entreprise"),
        (Some(t), None) => format!("{t} mois de salariat"),
        _ => "non renseignée".into(),
    };
    let headcount = s
        .employer
        .headcount
        .map(|h| h.label().to_owned())
        .unwrap_or_else(|| "non renseigné".into());
    let mut beneficiary = Vec::new();
    match &pseudonym {
        Some(p) => {
            // No initials: with a trade and a sector, they are enough to recognise someone.
            beneficiary.push(row("Pseudonyme", p.clone()));
            beneficiary.push(row(
                "Tranche d’âge",
                b.birth_date
                    .map(|d| disclosure::age_band_10(d, input.at))
                    .unwrap_or_else(|| "non renseignée".into()),
            ));
        }
        None => {
            let mut names = format!("{} {}", b.first_names.trim(), name.trim().to_uppercase());
            if !b.usage_name.trim().is_empty() && b.usage_name.trim() != b.birth_name.trim() {
                names.push_str(&format!(" (nom de naissance : {})", b.birth_name.trim()));
            }
            beneficiary.push(row("Nom", format!("{civility}{names}")));
            beneficiary.push(row(
                "Date de naissance",
                b.birth_date
                    .map(|d| format!("{} ({})", format_date(d), age_band(d, input.at)))
                    .unwrap_or_else(|| "non renseignée".into()),
            ));
            beneficiary.push(row(
                "Adresse",
                or_dash(&format!("{} {}", b.postal_code.trim(), b.commune.trim())),
            ));
            let contact = [b.email.trim(), b.phone.trim()]
                .into_iter()
                .filter(|c| !c.is_empty())
                .collect::<Vec<_>>()
                .join(" · ");
            beneficiary.push(row("Contact", or_dash(&contact)));
            beneficiary.push(row(
                "Employeur",
                or_dash(&if s.employer.siret.trim().is_empty() {
                    s.employer.name.clone()
                } else {
                    format!(
                        "{} (SIRET {})",
                        s.employer.name.trim(),
                        s.employer.siret.trim()
                    )
                }),
            ));
            beneficiary.push(row("Poste occupé", or_dash(&s.job_title)));
        }
    }
    if pseudonym.is_some() {
        // The territory only at the committee's own level: a regional commission reads the
        // region, a local comité its territory.
        let territory = match input.meeting.as_ref().map(|m| m.kind) {
            Some(CommitteeKind::ComiteLocal) => or_dash(&b.territory),
            _ => "Grand Est".to_owned(),
        };
        beneficiary.push(row("Territoire", territory));
        beneficiary.push(row("Niveau de diplôme", diploma));
        beneficiary.push(row("Contrat", contract));
        beneficiary.push(row(
            "Ancienneté",
            s.seniority_months_total
                .map(|m| format!("{} de salariat", disclosure::seniority_band(u32::from(m))))
                .unwrap_or_else(|| "non renseignée".into()),
        ));
        beneficiary.push(row("Taille de l’entreprise", headcount));
        if let Some(section) = disclosure::naf_section(&s.employer.naf) {
            beneficiary.push(row("Secteur (section NAF)", section));
        }
    } else {
        beneficiary.push(row("Territoire", or_dash(&b.territory)));
        beneficiary.push(row("Niveau de diplôme", diploma));
        beneficiary.push(row("Contrat", contract));
        beneficiary.push(row("Ancienneté", seniority));
        beneficiary.push(row("Taille de l’entreprise", headcount));
        if !s.employer.naf.trim().is_empty() {
            beneficiary.push(row("Secteur (NAF)", s.employer.naf.trim()));
        }
    }

    let training_facts = &f.training;
    let certification = match input.certification {
        Some(c) => {
            let level = c.level.map(|l| format!(", niveau {l}")).unwrap_or_default();
            format!("{} — {}{level}", c.code, c.title)
        }
        None => or_dash(&case.project.target_certification),
    };
    let day = |d: NaiveDate| match pseudonym {
        // Exact dates narrow the person down: the month is enough for a committee.
        Some(_) => disclosure::month_year(d),
        None => format_date(d),
    };
    let dates = match (
        training_facts.start,
        training_facts.end,
        pseudonym.is_some(),
    ) {
        (Some(a), Some(z), false) => format!("du {} au {}", day(a), day(z)),
        (Some(a), Some(z), true) => format!("de {} à {}", day(a), day(z)),
        (Some(a), None, false) => format!("à partir du {}", day(a)),
        (Some(a), None, true) => format!("à partir de {}", day(a)),
        _ => "non renseignées".into(),
    };
    let provider = if training_facts.provider.trim().is_empty() {
        "non renseigné".into()
    } else if pseudonym.is_some() && !input.show_provider {
        format!(
            "non nommé (Qualiopi : {})",
            yes_no(training_facts.provider_qualiopi)
        )
    } else {
        format!(
            "{} (Qualiopi : {})",
            training_facts.provider.trim(),
            yes_no(training_facts.provider_qualiopi)
        )
    };
    let training = vec![
        row("Formation", or_dash(&training_facts.title)),
        row("Certification visée", certification.clone()),
        row("Organisme de formation", provider),
        row(
            "Durée après positionnement",
            training_facts
                .hours
                .map(|h| format!("{} heures", crate::i18n::format_count(u64::from(h))))
                .unwrap_or_else(|| "non renseignée".into()),
        ),
        row("Dates", dates),
        row(
            "Modalité",
            training_facts
                .modality
                .map(|m| m.label().to_owned())
                .unwrap_or_else(|| "non renseignée".into()),
        ),
        row(
            "Sur le temps de travail",
            yes_no(training_facts.during_working_time),
        ),
        row(
            "Coût pédagogique",
            training_facts
                .cost_cents
                .map(format_euros)
                .unwrap_or_else(|| "non renseigné".into()),
        ),
    ];
    let blocs = input
        .certification
        .map(|c| {
            let g = gap(c, input.acquired_blocs);
            c.blocs
                .iter()
                .map(|bloc| BlocLine {
                    code: bloc.code.clone(),
                    title: bloc.title.clone(),
                    acquired: g.acquired.iter().any(|a| a.code == bloc.code),
                })
                .collect()
        })
        .unwrap_or_default();
    let funding = f
        .funding
        .iter()
        .map(|l| FundingRow {
            funder: if pseudonym.is_some() {
                disclosure::funder_label(l.funder).to_owned()
            } else {
                l.funder.label().to_owned()
            },
            covers: free(&l.covers),
            amount_cents: l.amount_cents,
        })
        .collect();
    let mut prospects = vec![
        row(
            "Perspectives d’emploi",
            or_dash(&free(&case.project.employment_prospects)),
        ),
        row(
            "Zone de mobilité",
            or_dash(&free(&case.project.mobility_zone)),
        ),
        row(
            "Métier visé porteur (liste régionale)",
            yes_no(case.project.target_in_demand),
        ),
    ];
    if let Some(m) = input.matched {
        matched_rows(&mut prospects, m, pseudonym.is_some());
    }
    let eligibility = input
        .parcours
        .eligibility
        .iter()
        .map(|r| {
            let (outcome, met) = match r.outcome {
                RuleOutcome::Met => ("remplie", Some(true)),
                RuleOutcome::Exempt => ("non exigée", Some(true)),
                RuleOutcome::Unmet => ("non remplie", Some(false)),
                RuleOutcome::Unknown => ("à vérifier", None),
            };
            // Never say which exemption (health data): DOMAIN §7.4. Pseudonymised, not even
            // that there is one: with the priority grid it would point to a health status.
            let exempt_seniority =
                r.outcome == RuleOutcome::Exempt && r.rule.starts_with("Ancienneté");
            let (outcome, explanation) = match (exempt_seniority, pseudonym.is_some()) {
                (true, true) => (
                    "remplie",
                    "Condition examinée au regard de la situation de la personne : satisfaite."
                        .to_owned(),
                ),
                (true, false) => (
                    outcome,
                    "Condition d’ancienneté non exigée : oui (justificatif fourni).".to_owned(),
                ),
                _ => (outcome, r.explanation.clone()),
            };
            EligibilityLine {
                rule: r.rule.clone(),
                outcome: outcome.to_owned(),
                met,
                explanation,
            }
        })
        .collect();
    let last = input.parcours.history.len().saturating_sub(1);
    let timeline = input
        .parcours
        .history
        .iter()
        .enumerate()
        .map(|(i, t)| TimelineLine {
            date: format_stamp_date(&t.at),
            step: t.to.label().to_owned(),
            actor: t.actor.clone(),
            reason: free(&t.reason),
            current: i == last,
        })
        .collect();
    // Proofs of a health-related situation are never named (DOMAIN §7.4): one neutral line,
    // and none at all when they do not apply.
    let sensitive = |k: DocumentKind| {
        matches!(
            k,
            DocumentKind::AvisInaptitude | DocumentKind::JustificatifExemption
        )
    };
    let mut seen_sensitive = false;
    let checklist = input
        .checklist
        .iter()
        .filter(|item| {
            if !sensitive(item.kind) {
                return true;
            }
            let keep = item.status != DocStatus::NonApplicable && !seen_sensitive;
            seen_sensitive |= keep;
            keep
        })
        .map(|item| ChecklistLine {
            document: if sensitive(item.kind) {
                "Justificatif de situation particulière (détail non communiqué)".to_owned()
            } else {
                item.kind.label().to_owned()
            },
            required: item.required,
            status: item.status.label().to_owned(),
            ok: matches!(
                item.status,
                DocStatus::Recu | DocStatus::Valide | DocStatus::NonApplicable
            ),
        })
        .collect();
    let changes_since = input.changes_since.as_ref().map(|c| {
        let heading = format!(
            "Depuis la séance du {} ({})",
            format_date(c.meeting_on),
            c.outcome
        );
        let lines = c
            .changes
            .iter()
            .filter(|(_, ch)| pseudonym.is_none() || !is_identifying_field(&ch.field))
            .map(|(date, ch)| {
                let ch = ch.masked();
                let field = ch.field.clone();
                let shown = |v: &Option<String>| {
                    v.as_deref()
                        .map(|text| free(&crate::journal::readable_value(&field, text)))
                        .unwrap_or_else(|| "—".into())
                };
                ChangeLine {
                    date: format_stamp_date(date),
                    field: field_label(&ch.field).to_owned(),
                    before: shown(&ch.before),
                    after: shown(&ch.after),
                }
            })
            .collect();
        (heading, lines)
    });
    let outcome = input.outcome.as_ref().map(|(o, motifs, granted)| {
        let mut rows = vec![row("Issue", o.label())];
        if !motifs.trim().is_empty() {
            rows.push(row("Motifs", free(motifs)));
        }
        if let Some(g) = granted {
            rows.push(row("Montant accordé", format_euros(*g)));
        }
        rows
    });
    let meeting_line = input
        .meeting
        .as_ref()
        .map(|s| {
            let position = s
                .position
                .map(|p| format!(" — dossier n° {p}"))
                .unwrap_or_default();
            format!("{}{position}", s.line())
        })
        .unwrap_or_default();
    DossierView {
        pseudonymised: pseudonym.is_some(),
        reference: pseudonym
            .clone()
            .unwrap_or_else(|| input.case.reference.clone()),
        identity,
        counsellor: input.counsellor.to_owned(),
        structure: input.structure.to_owned(),
        committee_kind: input.meeting.as_ref().map(|s| s.kind),
        meeting: input.meeting.clone(),
        meeting_line,
        beneficiary,
        // Pseudonymised: the current trade's domain only (see `disclosure::rome_domain`).
        current_trade: match pseudonym {
            Some(_) => TradeLine {
                code: s.job_rome.trim().chars().take(1).collect(),
                label: disclosure::rome_domain(&s.job_rome)
                    .map(|d| format!("domaine « {d} »"))
                    .unwrap_or_else(|| "code non renseigné".into()),
            },
            None => trade(&s.job_rome),
        },
        target_trade: trade(&case.project.target_rome),
        rationale: or_dash(&free(&case.project.motive)),
        training,
        certification,
        blocs,
        funding,
        funding_total_cents: f.funding_total(),
        amount_requested_cents: f.amount_requested(),
        prospects,
        eligibility,
        eligibility_at: format_date(input.parcours.eligibility_at),
        priority: {
            let mut score = priority_score(
                case,
                input.certification.map(|c| c.title.as_str()),
                input.at,
                input.params,
            );
            if pseudonym.is_some() {
                // Every health-related criterion in one line that does not say which applies.
                for item in &mut score.items {
                    if item.key == crate::params::key::PRIORITE_INAPTITUDE {
                        item.label = "Situation prioritaire au titre de la grille".into();
                    }
                }
            }
            score
        },
        cep_opinion: or_dash(&free(&case.project.cep_opinion)),
        current_step: input.parcours.current.label().to_owned(),
        timeline,
        checklist_step: input
            .checklist_step
            .map(|s| s.label().to_owned())
            .unwrap_or_default(),
        checklist,
        changes_since,
        outcome,
        notice: pseudonym.as_ref().map(|_| disclosure::notice()),
        watermark: (!input.recipients.is_empty()).then(|| {
            let whom = input
                .meeting
                .as_ref()
                .map(|m| format!("comité du {}", format_date(m.held_on)))
                .unwrap_or_else(|| "comité".to_owned());
            format!(
                "Confidentiel — {whom} — destinataire{} : {}",
                if input.recipients.len() > 1 { "s" } else { "" },
                input.recipients.join(", ")
            )
        }),
        findings: match pseudonym {
            Some(_) => {
                let mut texts: Vec<(String, &str)> = vec![
                    ("Motivation du projet".into(), case.project.motive.as_str()),
                    (
                        "Perspectives d’emploi".into(),
                        case.project.employment_prospects.as_str(),
                    ),
                    (
                        "Zone de mobilité".into(),
                        case.project.mobility_zone.as_str(),
                    ),
                    (
                        "Avis du conseiller CEP".into(),
                        case.project.cep_opinion.as_str(),
                    ),
                    ("Intitulé de la formation".into(), f.training.title.as_str()),
                ];
                for l in &f.funding {
                    texts.push(("Plan de financement".into(), l.covers.as_str()));
                }
                for t in &input.parcours.history {
                    texts.push(("Historique du parcours".into(), t.reason.as_str()));
                }
                if let Some((_, motifs, _)) = &input.outcome {
                    texts.push(("Motifs de la décision".into(), motifs.as_str()));
                }
                let names = [
                    b.birth_name.as_str(),
                    b.usage_name.as_str(),
                    b.first_names.as_str(),
                ];
                let borrowed: Vec<(&str, &str)> =
                    texts.iter().map(|(f, t)| (f.as_str(), *t)).collect();
                disclosure::scan(&borrowed, &names)
            }
            None => Vec::new(),
        },
    }
}

#[cfg(test)]
mod matched_tests {
    use super::*;
    use crate::matching::{ChosenMatch, Component, Match, NeedOffer, ScorePart};

    fn chosen() -> ChosenMatch {
        let part = |component, points, max, reason: &str| ScorePart {
            component,
            points,
            max,
            reason: reason.into(),
        };
        ChosenMatch {
            fit: Match {
                rome: "H2906".into(),
                rome_label: "Opérateur en fabrication mécanique".into(),
                need: Some(NeedOffer {
                    need_id: 3,
                    siret: "73282932000074".into(),
                    establishment: "Forges de Nouvion".into(),
                    commune: "08328".into(),
                    commune_name: "Nouvion-sur-Meuse".into(),
                    rome: "H2906".into(),
                    appellation: String::new(),
                    posts: 2,
                    open_to_reconversion: true,
                }),
                internal: true,
                prepared_by: None,
                score: 60,
                parts: vec![
                    part(
                        Component::Trade,
                        34,
                        40,
                        "Mobilité n°2 du ROME depuis H2904",
                    ),
                    part(Component::Competences, 10, 30, "4 compétences clés sur 11"),
                    part(
                        Component::Distance,
                        8,
                        10,
                        "6 km à vol d’oiseau (rayon 30 km)",
                    ),
                    part(
                        Component::Employer,
                        5,
                        5,
                        "Forges de Nouvion recrute (2 postes)",
                    ),
                ],
                missing: vec!["Régler une presse".into()],
                distance_km: Some(6),
            },
            session: None,
            rome_version: "4.60".into(),
            offer_version: "2026-11-02T08:00:00Z".into(),
            chosen_at: "2026-12-01T09:30:00Z".into(),
            chosen_by: "Claire Martin".into(),
        }
    }

    #[test]
    fn the_full_dossier_explains_the_match_in_full() {
        let mut rows = Vec::new();
        matched_rows(&mut rows, &chosen(), false);
        let text: Vec<String> = rows
            .iter()
            .map(|r| format!("{} : {}", r.label, r.value))
            .collect();
        let text = text.join("\n");
        assert!(
            text.contains("Forges de Nouvion (Nouvion-sur-Meuse) : 60/100"),
            "{text}"
        );
        assert!(text.contains("depuis H2904"), "{text}");
        assert!(text.contains("retenu le 1er décembre 2026"), "{text}");
    }

    #[test]
    fn the_pseudonymised_dossier_drops_what_points_to_the_person() {
        let mut rows = Vec::new();
        matched_rows(&mut rows, &chosen(), true);
        let text: Vec<String> = rows
            .iter()
            .map(|r| format!("{} : {}", r.label, r.value))
            .collect();
        let text = text.join("\n");
        for leak in ["Forges", "Nouvion", "H2904", "6 km", "1er décembre"] {
            assert!(!text.contains(leak), "{leak} in {text}");
        }
        assert!(
            text.contains("un employeur qui recrute sur le territoire"),
            "{text}"
        );
        assert!(
            text.contains("Mobilité n°2 du ROME depuis le métier actuel"),
            "{text}"
        );
        assert!(text.contains("retenu en décembre 2026"), "{text}");
    }
}
