//! The app's Tauri commands, one module per domain area. Each command validates its input,
//! calls the storage layer and maps errors to [`passerelle_domain::AppError`] — nothing else.

pub mod cases;
pub mod certifications;
pub mod committees;
pub mod parcours;
pub mod profile;
pub mod records;
pub mod status;
