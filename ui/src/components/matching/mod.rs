//! Matching between people and trades: a case's Rapprochements (trades and open needs, every
//! score explained, with the training sessions to reach them), the person's competences against
//! the target fiche, the people who fit a hiring need, and the Formations screen (the training
//! offer searched, on the map of the EPCIs).

mod candidates;
mod case_matches;
mod score;
mod sessions;
mod skills;
mod trainings;

pub use candidates::NeedCandidatesPanel;
pub use case_matches::CaseMatchesPanel;
pub use skills::{ChosenMatchBlock, SkillsEditor, SkillsSummary};
pub use trainings::Trainings;
