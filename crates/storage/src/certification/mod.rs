//! Certification in the database: enrolments and their blocs, exam sessions and results,
//! the VAE follow-up, certificates, bulk history and the staff's overview.

pub mod enrolments;
pub mod exams;
pub mod history;
pub mod staff;
pub mod vae;
