//! Matching: the ROME reference, a case's skills and matches, the people who fit a need, the
//! training offer, and the choice that fills a case's project.

use chrono::{Local, Utc};
use passerelle_domain::ipc::cmd;
use passerelle_storage::{matching, rome, training};
use tauri::State;

use super::{Args, Reply};
use crate::Db;

#[tauri::command]
pub async fn rome_search(args: Args<cmd::RomeSearch>) -> Reply<cmd::RomeSearch> {
    crate::shielded(|| {
        Ok(passerelle_domain::rome::search_appellations(
            &args.text,
            args.limit.clamp(1, 100) as usize,
        ))
    })
}

#[tauri::command]
pub async fn rome_in_use(db: State<'_, Db>, args: Args<cmd::RomeInUse>) -> Reply<cmd::RomeInUse> {
    let _ = args;
    crate::shielded(|| db.with(|conn| rome::in_use(conn)))
}

#[tauri::command]
pub async fn case_matches(
    db: State<'_, Db>,
    args: Args<cmd::CaseMatchesGet>,
) -> Reply<cmd::CaseMatchesGet> {
    crate::shielded(|| db.with(|conn| matching::for_case(conn, args.id)))
}

#[tauri::command]
pub async fn case_skills(
    db: State<'_, Db>,
    args: Args<cmd::CaseSkillsGet>,
) -> Reply<cmd::CaseSkillsGet> {
    crate::shielded(|| db.with(|conn| matching::skills(conn, args.id)))
}

#[tauri::command]
pub async fn need_candidates(
    db: State<'_, Db>,
    args: Args<cmd::NeedCandidatesGet>,
) -> Reply<cmd::NeedCandidatesGet> {
    crate::shielded(|| db.with(|conn| matching::for_need(conn, args.id, Local::now().date_naive())))
}

#[tauri::command]
pub async fn candidate_disclose(
    db: State<'_, Db>,
    args: Args<cmd::CandidateDisclose>,
) -> Reply<cmd::CandidateDisclose> {
    crate::shielded(|| {
        db.write(|conn, actor| {
            matching::disclose(conn, actor, args.need_id, args.case_id, Utc::now())
        })
    })
}

#[tauri::command]
pub async fn training_search(
    db: State<'_, Db>,
    args: Args<cmd::TrainingSearch>,
) -> Reply<cmd::TrainingSearch> {
    crate::shielded(|| db.with(|conn| training::search(conn, &args)))
}

#[tauri::command]
pub async fn match_choose(
    db: State<'_, Db>,
    args: Args<cmd::MatchChoose>,
) -> Reply<cmd::MatchChoose> {
    crate::shielded(|| db.write(|conn, actor| matching::choose(conn, actor, &args, Utc::now())))
}

#[tauri::command]
pub async fn match_chosen(
    db: State<'_, Db>,
    args: Args<cmd::MatchChosenGet>,
) -> Reply<cmd::MatchChosenGet> {
    crate::shielded(|| db.with(|conn| matching::chosen(conn, args.id)))
}
