//! Demo certification data: the catalogue, an enrolment for every case on a certification path
//! with bloc results matching its step, the exam and jury sessions those results came from
//! (some with a refus before a later success), sessions to come for the cases waiting for
//! theirs, VAE follow-ups at every stage, and certificates.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate, Utc};
use passerelle_domain::certification::{
    BlocStatus, Certificate, ExamKind, ExamOutcome, ExamResult, Recevabilite, Route, VaeFollowUp,
    builtin_clea, evidence,
};
use passerelle_domain::ids::{CaseId, EnrolmentId};
use passerelle_domain::parcours::Step;
use passerelle_storage::certification::history::{self, EnrolmentHistory, ExamSessionHistory};
use passerelle_storage::{Connection, StorageError, catalogue};

use crate::{DEMO_ACTOR, DemoCase};

const PLACES: [&str; 4] = [
    "Hub AFNOR, Sarrebourg",
    "Transitions Pro Grand Est, Metz",
    "GRETA Lorraine Nord, Thionville",
    "AFPA, Nancy-Laxou",
];

/// The monthly jury on or before `d`: the first Thursday of the month (the demo's juries sit
/// once a month per certification).
fn thursday_before(d: NaiveDate) -> NaiveDate {
    let first_thursday = |y: i32, m: u32| {
        let first = NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(d);
        thursday_after(first)
    };
    let this = first_thursday(d.year(), d.month());
    if this <= d {
        return this;
    }
    let prev = d.with_day(1).and_then(|f| f.pred_opt()).unwrap_or(d);
    first_thursday(prev.year(), prev.month())
}

fn thursday_after(d: NaiveDate) -> NaiveDate {
    let ahead = (3 + 7 - d.weekday().num_days_from_monday()) % 7;
    d + Days::new(u64::from(ahead))
}

fn kind_for(route: Route, has_blocs: bool) -> ExamKind {
    match route {
        Route::Vae => ExamKind::JuryVae,
        Route::Formation if !has_blocs => ExamKind::Examen,
        _ => ExamKind::Jury,
    }
}

/// What happens to one enrolment at sessions.
enum Sitting {
    Judged(NaiveDate, ExamOutcome, Vec<String>),
    Waiting(NaiveDate),
}

type SessionKey = (String, ExamKind, NaiveDate);

/// Loads the demo catalogue, then enrols every demo case on a certification path (`ids`: the
/// stored case of each demo case) with its sessions, VAE follow-up and certificate.
pub(crate) fn enrol(
    conn: &mut Connection,
    demo: &[DemoCase],
    ids: &[CaseId],
    today: NaiveDate,
) -> Result<(), StorageError> {
    let mut fiches = crate::catalogue();
    let tx = conn.transaction()?;
    for fiche in &fiches {
        if !catalogue::exists(&tx, &fiche.code)? {
            catalogue::upsert(&tx, fiche, Utc::now())?;
            for bloc in &fiche.blocs {
                catalogue::upsert_bloc(&tx, &fiche.code, bloc)?;
            }
            for rome in &fiche.rome_codes {
                catalogue::add_rome(&tx, &fiche.code, rome)?;
            }
        }
    }
    tx.commit()?;
    fiches.extend(builtin_clea().into_iter().take(1));

    let mut items = Vec::new();
    let mut plans = Vec::new();
    for (case, &case_id) in demo.iter().zip(ids) {
        let Some(&(step, _)) = case.steps.last() else {
            continue;
        };
        let on = |s: Step| case.steps.iter().find(|(x, _)| *x == s).map(|(_, d)| *d);
        let reached = |s: Step| on(s).is_some();
        let route = if reached(Step::VaeRecevabilite) {
            Route::Vae
        } else if reached(Step::CleaEvaluation) {
            Route::Clea
        } else if reached(Step::EnFormation) {
            Route::Formation
        } else {
            continue;
        };
        let target = match route {
            Route::Clea => "CLEA".to_owned(),
            _ => case.data.project.target_certification.clone(),
        };
        let (code, only) = match target.split_once("BC") {
            Some((fiche, _)) => (fiche.to_owned(), Some(target.clone())),
            None => (target.clone(), None),
        };
        let Some(fiche) = fiches.iter().find(|f| f.code == code) else {
            continue;
        };
        let chosen: Vec<_> = fiche
            .blocs
            .iter()
            .filter(|b| only.as_ref().is_none_or(|o| &b.code == o))
            .collect();
        let kind = kind_for(route, !chosen.is_empty());
        let judged = on(Step::Certifie).or(on(Step::CertifiePartiel));
        let waiting = matches!(step, Step::Certification | Step::VaeJury | Step::CleaJury);
        let sitting = match judged {
            Some(d) => {
                let jury = thursday_before(d);
                let partial = reached(Step::CertifiePartiel);
                let validated: Vec<String> = chosen
                    .iter()
                    .enumerate()
                    .filter(|(n, _)| !partial || n % 2 == 0)
                    .map(|(_, b)| b.code.clone())
                    .collect();
                let outcome = match (partial, chosen.len()) {
                    (false, _) => ExamOutcome::ValidationTotale,
                    // A single bloc, or none: a partial validation is a refus.
                    (true, 0 | 1) => ExamOutcome::Refus,
                    (true, _) => ExamOutcome::ValidationPartielle,
                };
                let validated = match outcome {
                    ExamOutcome::ValidationPartielle => validated,
                    ExamOutcome::ValidationTotale => {
                        chosen.iter().map(|b| b.code.clone()).collect()
                    }
                    ExamOutcome::Refus => Vec::new(),
                };
                Some(Sitting::Judged(jury, outcome, validated))
            }
            None if waiting => {
                let spread = (case_id.0 as u64 * 13) % 42;
                Some(Sitting::Waiting(thursday_after(
                    today + Days::new(7 + spread),
                )))
            }
            None => None,
        };
        let blocs: Vec<_> = chosen
            .iter()
            .map(|b| {
                let (status, acquired) = match &sitting {
                    Some(Sitting::Judged(jury, _, validated)) if validated.contains(&b.code) => {
                        (BlocStatus::Acquis, Some(*jury))
                    }
                    Some(Sitting::Judged(..)) => (BlocStatus::NonValide, None),
                    _ if step == Step::VaeRecevabilite => (BlocStatus::AAcquerir, None),
                    _ => (BlocStatus::EnCours, None),
                };
                (b.code.clone(), status, acquired)
            })
            .collect();
        let proof = match &sitting {
            Some(Sitting::Judged(jury, ..)) => evidence(kind, *jury),
            _ => String::new(),
        };
        items.push(EnrolmentHistory {
            case_id,
            certification: code.clone(),
            route,
            blocs,
            evidence: proof,
        });
        let vae = (route == Route::Vae).then(|| vae_follow_up(case_id, &on, today));
        plans.push((code, kind, sitting, vae.flatten(), case_id));
    }
    let enrolment_ids = history::import_enrolments(conn, DEMO_ACTOR, &items, Utc::now())?;

    let mut by_session: BTreeMap<SessionKey, Vec<(EnrolmentId, Option<ExamResult>)>> =
        BTreeMap::new();
    let mut vae = Vec::new();
    let mut certificates = Vec::new();
    for ((code, kind, sitting, follow_up, case_id), &enrolment) in
        plans.into_iter().zip(&enrolment_ids)
    {
        if let Some(f) = follow_up {
            vae.push((enrolment, f));
        }
        match sitting {
            Some(Sitting::Judged(jury, outcome, validated)) => {
                // One success in four came after a refus three months earlier.
                if outcome == ExamOutcome::ValidationTotale && case_id.0 % 4 == 0 {
                    let before = thursday_before(jury - Days::new(91));
                    by_session
                        .entry((code.clone(), kind, before))
                        .or_default()
                        .push((enrolment, Some(result(ExamOutcome::Refus, Vec::new()))));
                }
                let partial = if outcome == ExamOutcome::ValidationPartielle {
                    validated
                } else {
                    Vec::new()
                };
                by_session
                    .entry((code.clone(), kind, jury))
                    .or_default()
                    .push((enrolment, Some(result(outcome, partial))));
                let issued = jury + Days::new(15);
                if outcome == ExamOutcome::ValidationTotale && issued <= today {
                    certificates.push((
                        enrolment,
                        Certificate {
                            number: format!("{code}-{}-{:05}", issued.year(), enrolment.0),
                            issued_on: issued,
                        },
                    ));
                }
            }
            Some(Sitting::Waiting(date)) => {
                by_session
                    .entry((code, kind, date))
                    .or_default()
                    .push((enrolment, None));
            }
            None => {}
        }
    }
    let imports: Vec<ExamSessionHistory> = by_session
        .into_iter()
        .map(
            |((certification, kind, date), candidates)| ExamSessionHistory {
                place: PLACES
                    [(date.num_days_from_ce() as usize / 7 + certification.len()) % PLACES.len()]
                .to_owned(),
                date,
                kind,
                certification,
                candidates,
            },
        )
        .collect();
    history::import_exam_sessions(conn, DEMO_ACTOR, &imports, Utc::now())?;
    history::import_follow_ups(conn, DEMO_ACTOR, &vae, &certificates, Utc::now())?;
    Ok(())
}

fn result(outcome: ExamOutcome, validated_blocs: Vec<String>) -> ExamResult {
    ExamResult {
        outcome,
        validated_blocs,
    }
}

/// The VAE follow-up matching the case's steps: nothing submitted yet, recevabilité waiting
/// (late for the oldest), recevable with support hours, dossier de validation submitted.
fn vae_follow_up(
    case_id: CaseId,
    on: &dyn Fn(Step) -> Option<NaiveDate>,
    today: NaiveDate,
) -> Option<VaeFollowUp> {
    let submitted = on(Step::VaeRecevabilite)?;
    let Some(decided) = on(Step::VaeAccompagnement) else {
        // Waiting for the decision; one in four has not even submitted the dossier yet.
        return (case_id.0 % 4 != 0).then(|| VaeFollowUp {
            recevabilite_submitted_on: Some(submitted),
            ..VaeFollowUp::default()
        });
    };
    let decided = decided.max(submitted).min(today);
    let dossier = match on(Step::VaeJury) {
        Some(jury) => Some((jury - Days::new(10)).max(decided)),
        None if case_id.0 % 2 == 0 => Some((decided + Days::new(30)).min(today)),
        None => None,
    };
    Some(VaeFollowUp {
        recevabilite_submitted_on: Some(submitted),
        recevabilite_decided_on: Some(decided),
        recevabilite: Some(Recevabilite::Favorable),
        support_hours: Some(6.0 + (case_id.0 % 25) as f64),
        dossier_submitted_on: dossier,
    })
}
