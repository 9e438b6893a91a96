//! Committees (DOMAIN §2.2.5–§2.2.6, §8.5): the local *comité des transitions individuelles*
//! gives opinions, the Transitions Pro *commission paritaire* takes decisions. Both read the
//! dossiers Passerelle exports; their outcomes come back into the case's parcours.

pub mod disclosure;
mod dossier;
mod priority;
mod pseudonym;

pub use dossier::{
    AgendaLine, BlocLine, ChangeLine, ChangesSince, DossierInput, DossierView, FundingRow,
    MeetingHeader, MeetingPack, Row, TimelineLine, TradeLine, Variant, age_band, build, initials,
};
pub use priority::{PriorityItem, PriorityScore, priority_score};
pub use pseudonym::{pseudonym, redact};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::case::CaseId;
use crate::parcours::Step;
use crate::validate::bounds;

pub use crate::ids::MeetingId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommitteeKind {
    /// Transitions Pro's commission paritaire: decides on PTP funding.
    CommissionParitaire,
    /// Comité des transitions individuelles (local): gives opinions on projects.
    ComiteLocal,
}

/// What a local committee says about a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Opinion {
    Favorable,
    Reserve,
    Defavorable,
}

/// What a commission paritaire decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Accord,
    AccordPartiel,
    Refus,
    Irrecevable,
    /// UNCONFIRMED as a formal outcome (DOMAIN §2.2.6): deferred to a later commission.
    Ajourne,
}

/// A committee's outcome for one dossier: an opinion (local committee) or a decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "kind", content = "value")]
pub enum Outcome {
    Opinion(Opinion),
    Decision(Decision),
}

impl Outcome {
    /// The stored code of the decision or opinion (`accord_partiel`, `favorable`…).
    pub fn code(self) -> String {
        use crate::code::Coded;
        match self {
            Self::Decision(d) => d.code(),
            Self::Opinion(o) => o.code(),
        }
    }

    /// The French label of the decision or opinion (« Accord partiel », « Avis favorable »).
    pub fn label(self) -> &'static str {
        use crate::i18n::Label;
        match self {
            Self::Decision(d) => d.label(),
            Self::Opinion(o) => o.label(),
        }
    }

    /// A decision or opinion by its code (`accord_partiel`, `favorable`…) or its label.
    pub fn parse_code(text: &str) -> Result<Self, String> {
        use crate::code::Coded;
        Decision::parse_code(text)
            .map(Self::Decision)
            .or_else(|_| Opinion::parse_code(text).map(Self::Opinion))
            .map_err(|_| {
                format!(
                    "issue « {} » inconnue ; décisions : {} ; avis : {}",
                    crate::validate::excerpt(text),
                    Decision::codes().join(", "),
                    Opinion::codes().join(", ")
                )
            })
    }
}

impl CommitteeKind {
    /// Whether a case at `step` can be put on this committee's agenda.
    pub fn accepts(self, step: Step) -> bool {
        match self {
            Self::CommissionParitaire => matches!(
                step,
                Step::PtpDossierDepose
                    | Step::PtpEnInstruction
                    | Step::PtpAjourne
                    | Step::PtpRecours
                    | Step::PtpReexamen
            ),
            Self::ComiteLocal => matches!(step, Step::ProjetFormalise | Step::ComiteTransitions),
        }
    }

    /// French explanation of why a step is not accepted.
    pub fn accepted_steps_hint(self) -> &'static str {
        match self {
            Self::CommissionParitaire => {
                "seuls les dossiers PTP déposés, en instruction, ajournés, en recours ou en réexamen peuvent être présentés en commission paritaire"
            }
            Self::ComiteLocal => {
                "seuls les dossiers au projet formalisé ou déjà orientés vers le comité peuvent lui être présentés"
            }
        }
    }
}

/// The steps a decision moves a case through, from where it stands (each transition is then
/// checked by the parcours guards). `Err` says, in French, why the decision cannot apply.
pub fn decision_path(from: Step, decision: Decision) -> Result<Vec<Step>, String> {
    use Decision::*;
    use Step::*;
    let outcome = |d: Decision, refusal: Step| match d {
        Accord => PtpAccord,
        AccordPartiel => PtpAccordPartiel,
        Refus => refusal,
        Ajourne => PtpAjourne,
        Irrecevable => PtpIrrecevable,
    };
    let path = match (from, decision) {
        (PtpDossierDepose, Irrecevable) => vec![PtpIrrecevable],
        (PtpDossierDepose | PtpAjourne, d) => vec![PtpEnInstruction, outcome(d, PtpRefus)],
        (PtpEnInstruction, d) => vec![outcome(d, PtpRefus)],
        (PtpRecours, d) => vec![outcome(d, PtpRefusDefinitif)],
        (PtpReexamen, d) => vec![outcome(d, PtpRefus)],
        (other, _) => {
            return Err(format!(
                "Le dossier est à l’étape « {} » : aucune décision de commission ne peut y être enregistrée",
                crate::i18n::Label::label(other)
            ));
        }
    };
    // The table refuses what the commission cannot decide from there (e.g. irrecevable once
    // the dossier is under instruction).
    let mut at = from;
    for &to in &path {
        if !at.allows(to) {
            return Err(format!(
                "Décision « {} » impossible depuis l’étape « {} »",
                crate::i18n::Label::label(decision),
                crate::i18n::Label::label(from)
            ));
        }
        at = to;
    }
    Ok(path)
}

/// A committee meeting as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Meeting {
    pub id: MeetingId,
    pub kind: CommitteeKind,
    pub held_on: NaiveDate,
    pub place: String,
    pub members: Vec<String>,
    pub dossier_count: u32,
    pub decided_count: u32,
}

impl Meeting {
    /// The header a dossier of this meeting carries (`position`: its place on the agenda;
    /// none on a pack's cover).
    pub fn header(&self, position: Option<u32>) -> MeetingHeader {
        MeetingHeader {
            kind: self.kind,
            held_on: self.held_on,
            place: self.place.clone(),
            position,
        }
    }
}

/// What is typed to create a meeting.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NewMeeting {
    pub kind: Option<CommitteeKind>,
    pub held_on: Option<NaiveDate>,
    pub place: String,
    pub members: Vec<String>,
}

impl NewMeeting {
    /// Field-level check, French messages that say how to fix.
    pub fn check(&self, today: NaiveDate) -> Vec<crate::FieldError> {
        let mut errors = Vec::new();
        let err = |field: &str, message: &str| crate::FieldError {
            field: field.to_owned(),
            message: message.to_owned(),
        };
        if self.kind.is_none() {
            errors.push(err(
                "kind",
                "Instance : choisissez la commission paritaire ou le comité des transitions individuelles.",
            ));
        }
        if self.held_on.is_none() {
            errors.push(err(
                "heldOn",
                "Date de la séance : champ obligatoire, au format jj/mm/aaaa.",
            ));
        }
        if self.place.trim().is_empty() {
            errors.push(err(
                "place",
                "Lieu : champ obligatoire (ex. « Transitions Pro Grand Est, Metz » ou « visioconférence »).",
            ));
        } else if let Err(m) = bounds::check_line("Lieu", &self.place, bounds::LINE_MAX) {
            errors.push(err("place", &m));
        }
        if let Some(date) = self.held_on
            && let Err(m) =
                bounds::check_date("Date de la séance", date, bounds::DateRange::Event, today)
        {
            errors.push(err("heldOn", &m));
        }
        if self.members.len() > 50 {
            errors.push(err("members", "Membres : 50 au plus."));
        }
        if let Some(m) = self
            .members
            .iter()
            .find_map(|m| bounds::check_line("Membres", m, bounds::NAME_MAX + 20).err())
        {
            errors.push(err("members", &format!("{m} Un membre par ligne.")));
        }
        errors
    }
}

/// One dossier on a meeting's agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AgendaItem {
    pub case_id: CaseId,
    pub position: u32,
    pub pseudonym: String,
    pub reference: String,
    pub display_name: String,
    pub step: Step,
    pub target_rome: String,
    pub amount_requested_cents: i64,
    pub outcome: Option<Outcome>,
    pub motifs: String,
    pub amount_granted_cents: Option<i64>,
}

/// A meeting with its agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MeetingDetail {
    pub meeting: Meeting,
    pub dossiers: Vec<AgendaItem>,
}

/// An outcome to record for one dossier of a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutcomeInput {
    pub outcome: Outcome,
    pub motifs: String,
    pub amount_granted_cents: Option<i64>,
}

impl OutcomeInput {
    /// Checks the outcome against the committee and the amount requested.
    pub fn check(&self, kind: CommitteeKind, requested_cents: i64) -> Vec<crate::FieldError> {
        let mut errors = Vec::new();
        let err = |field: &str, message: String| crate::FieldError {
            field: field.to_owned(),
            message,
        };
        match (kind, self.outcome) {
            (CommitteeKind::ComiteLocal, Outcome::Decision(_)) => errors.push(err(
                "outcome",
                "Décision : un comité des transitions individuelles rend un avis (favorable, réservé ou défavorable), pas une décision de financement.".into(),
            )),
            (CommitteeKind::CommissionParitaire, Outcome::Opinion(_)) => errors.push(err(
                "outcome",
                "Avis : la commission paritaire rend une décision (accord, accord partiel, refus, irrecevable ou ajourné).".into(),
            )),
            _ => {}
        }
        let needs_motifs = matches!(
            self.outcome,
            Outcome::Decision(
                Decision::Refus
                    | Decision::Irrecevable
                    | Decision::AccordPartiel
                    | Decision::Ajourne
            ) | Outcome::Opinion(Opinion::Reserve | Opinion::Defavorable)
        );
        if let Err(m) = bounds::check_text("Motifs", &self.motifs, bounds::TEXT_MAX) {
            errors.push(err("motifs", m));
        }
        if needs_motifs && self.motifs.trim().is_empty() {
            errors.push(err(
                "motifs",
                "Motifs : obligatoires pour cette issue (ils sont notifiés au bénéficiaire et ouvrent le recours).".into(),
            ));
        }
        match (self.outcome, self.amount_granted_cents) {
            (Outcome::Decision(Decision::Accord | Decision::AccordPartiel), None) => {
                errors.push(err(
                    "amountGranted",
                    "Montant accordé : obligatoire pour un accord, en euros (ex. « 12 500,00 »)."
                        .into(),
                ));
            }
            (Outcome::Decision(Decision::AccordPartiel), Some(granted))
                if requested_cents > 0 && granted >= requested_cents =>
            {
                errors.push(err(
                    "amountGranted",
                    format!(
                        "Montant accordé : un accord partiel accorde moins que le montant demandé ({}). Saisissez le montant retenu ou choisissez « Accord ».",
                        crate::i18n::format_euros(requested_cents)
                    ),
                ));
            }
            (_, Some(granted))
                if bounds::check_amount("Montant accordé", granted, true).is_err() =>
            {
                errors.push(err(
                    "amountGranted",
                    bounds::check_amount("Montant accordé", granted, true)
                        .err()
                        .unwrap_or_default(),
                ));
            }
            (
                Outcome::Decision(Decision::Refus | Decision::Irrecevable | Decision::Ajourne)
                | Outcome::Opinion(_),
                Some(_),
            ) => {
                errors.push(err(
                    "amountGranted",
                    "Montant accordé : laissez vide, seul un accord attribue un montant.".into(),
                ));
            }
            _ => {}
        }
        errors
    }
}

#[cfg(test)]
mod tests;
