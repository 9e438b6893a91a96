//! One async function per shell command, grouped by area. Components call these.

pub mod cases;
pub mod certifications;
pub mod committees;
pub mod parcours;
pub mod profile;
pub mod status;
