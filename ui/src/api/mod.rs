//! One async function per shell command, grouped by area. Components call these; each is a thin
//! call through [`crate::ipc::call`], typed by the command's declaration in the domain.

pub mod cases;
pub mod certifications;
pub mod imports;
pub mod matching;
pub mod meetings;
pub mod parcours;
pub mod profile;
pub mod retention;
pub mod security;
pub mod status;
pub mod territory;
