//! The right of access (RGPD art. 15): everything the app holds on one person, as one record —
//! written as JSON and summarised in a readable PDF by the export « Exporter les données de la
//! personne ». The record is assembled by the storage layer; this module says what it holds and
//! how its fields read.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::case::{CaseFile, Document, Interview};
use crate::certification::Enrolment;
use crate::i18n::{Label, field_label, format_date, format_euros};
use crate::journal::JournalEntry;
use crate::parcours::{Step, Transition};

/// Everything held on one person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PersonRecord {
    pub generated_on: NaiveDate,
    /// The case file as stored: identity, situation, project, parcours, consents, notes.
    pub case: CaseFile,
    pub step: Step,
    /// The parcours steps, oldest first, with who moved them and why.
    pub transitions: Vec<Transition>,
    pub interviews: Vec<Interview>,
    /// What was kept of each document (the files themselves are in the ZIP).
    pub documents: Vec<Document>,
    /// Every recorded change to the case file, with the values (the person's own data).
    pub history: Vec<JournalEntry>,
    pub committee: Vec<CommitteeLine>,
    /// Certification enrolments: blocs, exams, VAE follow-up, certificate.
    pub enrolments: Vec<Enrolment>,
    /// To whom the dossier was sent, and to which employers the name was given.
    pub exports: Vec<ExportLine>,
}

/// A committee's examination of the case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CommitteeLine {
    /// « Commission paritaire Transitions Pro, séance du 12 mars 2026 (Metz) ».
    pub meeting: String,
    pub held_on: NaiveDate,
    /// The outcome's label, once recorded.
    pub outcome: Option<String>,
    pub motifs: String,
    pub amount_granted_cents: Option<i64>,
}

/// One export of the person's committee dossier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportLine {
    pub at: String,
    /// « dossier », « pack » (a meeting's whole pack) or « nom » (the name given to an
    /// employer who recruits).
    pub kind: String,
    pub pseudonymised: bool,
    pub recipients: String,
}

/// The case file's fields that hold something, as (French label, value as a person reads it:
/// dates in words, amounts in euros, codes by their label), in the order of the record: what
/// the readable summary prints. Lists are numbered (« Plan de financement 1 — montant »).
pub fn case_fields(case: &CaseFile) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Ok(value) = serde_json::to_value(&case.data) {
        flatten("", &value, &mut out);
    }
    out
}

/// Labels of the fields of list items and of the paths the journal's catalogue does not name.
fn label_of(path: &str) -> String {
    let own = match path {
        "beneficiary.consents.purpose" => "finalité",
        "beneficiary.consents.givenOn" => "donné le",
        "beneficiary.consents.withdrawnOn" => "retiré le",
        "parcours.funding.funder" => "financeur",
        "parcours.funding.amountCents" => "montant",
        "parcours.funding.covers" => "objet",
        "parcours.absenceRequestReceivedOn" => "Demande d’absence reçue par l’employeur le",
        "parcours.employerAnswer" => "Réponse de l’employeur",
        "parcours.employerAnswerOn" => "Réponse de l’employeur le",
        "parcours.training.duringWorkingTime" => "Formation sur le temps de travail",
        "parcours.training.providerQualiopi" => "Organisme certifié Qualiopi",
        "parcours.training.partTime" => "Formation à temps partiel",
        _ => "",
    };
    if !own.is_empty() {
        return own.to_owned();
    }
    let label = field_label(path);
    if label != path {
        return label.to_owned();
    }
    // Unnamed: the last segment, uncamelled (« salariedMonthsLast60 » → « salaried months
    // last60 »), rather than a dotted path.
    let last = path.rsplit('.').next().unwrap_or(path);
    let mut out = String::new();
    for c in last.chars() {
        if c.is_uppercase() {
            out.push(' ');
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// A code shown by its label, when the path holds one of the domain's enumerations.
fn code_label(path: &str, value: &Value) -> Option<String> {
    use crate::case::{AbsenceCause, Civility, ContractKind, HeadcountBand, Opco, WorkingTime};
    use crate::parcours::{
        EmployerAnswer, Funder, IntermittentProfile, Modality, OpcoScheme, PostponementGround,
    };
    fn as_label<T: serde::de::DeserializeOwned + Label>(value: &Value) -> Option<String> {
        serde_json::from_value::<T>(value.clone())
            .ok()
            .map(|v| v.label().to_owned())
    }
    match path.rsplit('.').next()? {
        "civility" => as_label::<Civility>(value),
        "contract" => as_label::<ContractKind>(value),
        "workingTime" => as_label::<WorkingTime>(value),
        "headcount" => as_label::<HeadcountBand>(value),
        "opco" => as_label::<Opco>(value),
        "longAbsenceCause" => as_label::<AbsenceCause>(value),
        "funder" => as_label::<Funder>(value),
        "modality" => as_label::<Modality>(value),
        "employerAnswer" => as_label::<EmployerAnswer>(value),
        "opcoScheme" => as_label::<OpcoScheme>(value),
        "postponementGround" => as_label::<PostponementGround>(value),
        "profile" => as_label::<IntermittentProfile>(value),
        _ => None,
    }
}

fn readable(path: &str, value: &Value) -> Option<String> {
    if let Some(label) = code_label(path, value) {
        return Some(label);
    }
    match value {
        Value::Null | Value::Bool(false) => None,
        Value::String(s) if s.trim().is_empty() => None,
        Value::Bool(true) => Some("oui".into()),
        Value::Number(n) if path.ends_with("Cents") => n.as_i64().map(format_euros),
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) => Some(match s.parse::<NaiveDate>() {
            Ok(date) if s.len() == 10 => format_date(date),
            _ => s.clone(),
        }),
        Value::Array(_) | Value::Object(_) => None,
    }
}

fn flatten(path: &str, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                flatten(&p, v, out);
            }
        }
        Value::Array(items) => {
            let label = label_of(path);
            for (i, item) in items.iter().enumerate() {
                let mut sub = Vec::new();
                match item {
                    Value::Object(map) => {
                        for (k, v) in map {
                            let p = format!("{path}.{k}");
                            if let Some(text) = readable(&p, v) {
                                sub.push((format!("{label} {} — {}", i + 1, label_of(&p)), text));
                            }
                        }
                    }
                    other => {
                        if let Some(text) = readable(path, other) {
                            sub.push((format!("{label} {}", i + 1), text));
                        }
                    }
                }
                out.extend(sub);
            }
        }
        leaf => {
            if let Some(text) = readable(path, leaf) {
                out.push((label_of(path), text));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{CaseData, CaseId, Consent};

    #[test]
    fn every_filled_field_is_listed_with_its_label() {
        let mut data = CaseData::default();
        data.beneficiary.birth_name = "Şahin".into();
        data.beneficiary.nir = "185025746312353".into();
        data.beneficiary.consents.push(Consent {
            purpose: "CEP".into(),
            given_on: NaiveDate::from_ymd_opt(2026, 3, 1),
            withdrawn_on: None,
        });
        let case = CaseFile {
            id: CaseId(1),
            reference: "D-2026-000001".into(),
            counsellor: "Agent".into(),
            data,
            created_at: String::new(),
            updated_at: String::new(),
            archived_at: None,
            purged_at: None,
        };
        let fields = case_fields(&case);
        assert!(fields.contains(&("Nom de naissance".into(), "Şahin".into())));
        assert!(fields.contains(&("NIR".into(), "185025746312353".into())));
        assert!(
            fields
                .iter()
                .any(|(l, v)| l == "Consentements RGPD 1 — donné le" && v == "1er mars 2026"),
            "{fields:?}"
        );
        assert!(fields.iter().all(|(_, v)| !v.is_empty()));
    }
}
