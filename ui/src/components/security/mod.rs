//! Protection at rest: the set-up screen (first launch, migration), the lock screen, and
//! Paramètres › Sécurité; the passphrase fields and the recovery key they share.

mod lock;
mod passphrase;
mod recovery_key;
mod settings;
mod setup;

pub use lock::LockScreen;
pub use settings::SecuritySettings;
pub use setup::SetupScreen;
