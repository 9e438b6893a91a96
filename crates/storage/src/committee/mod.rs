//! Committees in the database: meetings and their agenda, the outcomes recorded (which move
//! cases through the parcours), and the dossier read model the PDF exports render.

pub mod decisions;
pub mod dossier;
pub mod meetings;
