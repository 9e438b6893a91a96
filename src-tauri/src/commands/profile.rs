//! The counsellor profile (who signs the journal).

use passerelle_domain::ipc::cmd;
use passerelle_storage::profile;
use tauri::State;

use super::{Args, Reply};
use crate::Db;

/// The counsellor profile, or `null` before the first launch's form is filled in.
#[tauri::command]
pub async fn profile_get(db: State<'_, Db>, args: Args<cmd::ProfileGet>) -> Reply<cmd::ProfileGet> {
    let _ = args;
    crate::shielded(|| db.with(|conn| profile::get(conn)))
}

/// Saves the profile (checked by the storage layer); returns it as stored (trimmed).
#[tauri::command]
pub async fn profile_save(
    db: State<'_, Db>,
    args: Args<cmd::ProfileSave>,
) -> Reply<cmd::ProfileSave> {
    crate::shielded(|| db.with(|conn| profile::save(conn, &args.profile)))
}
