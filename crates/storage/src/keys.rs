//! The keys of a protected database.
//!
//! The data (the SQLCipher database, the kept documents, the journal's authentication, the
//! backups) is encrypted under one random 256-bit **data key**, never derived from a password.
//! The data key is stored only wrapped — sealed with XChaCha20-Poly1305 — once per way to
//! unlock, in a key file beside the database (`passerelle.sqlite3.keys`):
//! - under a key derived from the **passphrase** by Argon2id (parameters in the file);
//! - under a key derived from the **recovery key** (160 random bits shown once, on the « kit de
//!   secours »), which can set a new passphrase when the old one is lost.
//!
//! Each use of the data key gets its own subkey (HKDF-SHA256 with a purpose label), so the
//! journal's MAC key, the documents' key and the backups' key are independent. Key material
//! is zeroized when dropped.

use std::path::{Path, PathBuf};

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hkdf::Hkdf;
use passerelle_domain::security::{
    RECOVERY_KEY_BYTES, check_passphrase, format_recovery_key, parse_recovery_key,
};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::error::StorageError;
use crate::files;

/// The random key everything is encrypted under.
pub struct DataKey(Zeroizing<[u8; 32]>);

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DataKey(…)")
    }
}

/// What a purpose's subkey is for (the HKDF info); one label, one key.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Purpose {
    JournalMac,
    Documents,
    Backup,
}

impl Purpose {
    fn label(self) -> &'static [u8] {
        match self {
            Self::JournalMac => b"passerelle/journal-mac/v1",
            Self::Documents => b"passerelle/documents/v1",
            Self::Backup => b"passerelle/backup/v1",
        }
    }
}

impl DataKey {
    /// A fresh random key.
    pub fn generate() -> Result<Self, StorageError> {
        let mut bytes = Zeroizing::new([0u8; 32]);
        random(bytes.as_mut())?;
        Ok(Self(bytes))
    }

    /// A key from its bytes (tests, and a restore that read it from a backup's key file).
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(Zeroizing::new(bytes))
    }

    /// The subkey for one purpose.
    pub(crate) fn derive(&self, purpose: Purpose) -> Zeroizing<[u8; 32]> {
        let hk = Hkdf::<Sha256>::new(None, self.0.as_ref());
        let mut out = Zeroizing::new([0u8; 32]);
        // 32 bytes is far below HKDF-SHA256's limit: expand cannot fail.
        let _ = hk.expand(purpose.label(), out.as_mut());
        out
    }

    /// The `PRAGMA key` statement of SQLCipher with the raw key (`x'…'`): SQLCipher uses it as
    /// is and skips its own password derivation, so opening stays fast.
    pub(crate) fn sqlcipher_pragma(&self) -> Zeroizing<String> {
        let mut hex = Zeroizing::new(String::with_capacity(64));
        for b in self.0.iter() {
            hex.push_str(&format!("{b:02x}"));
        }
        Zeroizing::new(format!("PRAGMA key = \"x'{}'\";", hex.as_str()))
    }

    fn bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

/// A way to unlock the data key.
#[derive(Clone, Copy)]
pub enum Secret<'a> {
    Passphrase(&'a str),
    /// As typed (dashes, spaces and case ignored).
    RecoveryKey(&'a str),
}

/// Argon2id's cost, written in the key file so a later version can raise it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KdfParams {
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
}

impl KdfParams {
    /// 64 MiB, 3 passes, 1 lane: about 0.3 s on the 2-core reference machine, above OWASP's
    /// minimum for Argon2id (19 MiB, 2 passes).
    pub const DEFAULT: Self = Self {
        memory_kib: 64 * 1024,
        iterations: 3,
        parallelism: 1,
    };

    /// For automated tests only (`PASSERELLE_KDF=test` when the key file is created): 1 MiB,
    /// one pass. The file records it, and `passerelle info` says the protection is weak.
    pub const TEST: Self = Self {
        memory_kib: 1024,
        iterations: 1,
        parallelism: 1,
    };

    /// The parameters for a new key file.
    pub fn for_env() -> Self {
        match std::env::var("PASSERELLE_KDF").as_deref() {
            Ok("test") => Self::TEST,
            _ => Self::DEFAULT,
        }
    }

    pub fn is_weak(&self) -> bool {
        self.memory_kib < 19 * 1024 || self.iterations < 2
    }
}

/// Where the key file of a database lives: `passerelle.sqlite3.keys` beside it.
pub fn key_file_path(database: &Path) -> PathBuf {
    let mut name = database.as_os_str().to_owned();
    name.push(".keys");
    PathBuf::from(name)
}

/// The data key sealed under one way to unlock (its own salt for the wrapping key).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Sealed {
    salt: String,
    nonce: String,
    ciphertext: String,
}

/// The key file: the data key sealed once per way to unlock, and how to derive the wrapping
/// keys. Nothing in it is secret without the passphrase or the recovery key.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct KeyFile {
    format: String,
    version: u32,
    kdf: KdfParams,
    passphrase: Sealed,
    recovery: Sealed,
    /// When the recovery key was last (re)generated: a kit printed earlier no longer works.
    recovery_issued_at: String,
}

const FORMAT: &str = "passerelle-keys";
const PASSPHRASE_AAD: &[u8] = b"passerelle/keys/passphrase/v1";
const RECOVERY_AAD: &[u8] = b"passerelle/keys/recovery/v1";

/// What the key file says about a database's protection (Settings › Sécurité, `info`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Protection {
    pub kdf: KdfParams,
    pub recovery_issued_at: String,
}

fn random(out: &mut [u8]) -> Result<(), StorageError> {
    getrandom::fill(out)
        .map_err(|e| StorageError::Internal(format!("générateur aléatoire indisponible : {e}")))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

fn damaged(path: &Path, why: &str) -> StorageError {
    StorageError::Damaged {
        what: "Fichier de clés",
        path: path.display().to_string(),
        reason: why.to_owned(),
    }
}

/// The wrapping key derived from a passphrase.
fn passphrase_kek(
    passphrase: &str,
    salt: &[u8],
    kdf: KdfParams,
) -> Result<Zeroizing<[u8; 32]>, StorageError> {
    let params = Params::new(kdf.memory_kib, kdf.iterations, kdf.parallelism, Some(32))
        .map_err(|e| StorageError::Internal(format!("paramètres Argon2 : {e}")))?;
    let mut out = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(passphrase.as_bytes(), salt, out.as_mut())
        .map_err(|e| StorageError::Internal(format!("Argon2id : {e}")))?;
    Ok(out)
}

/// The wrapping key derived from a recovery key (already 160 random bits: HKDF suffices).
fn recovery_kek(recovery: &[u8; RECOVERY_KEY_BYTES], salt: &[u8]) -> Zeroizing<[u8; 32]> {
    let hk = Hkdf::<Sha256>::new(Some(salt), recovery);
    let mut out = Zeroizing::new([0u8; 32]);
    let _ = hk.expand(b"passerelle/keys/recovery-kek/v1", out.as_mut());
    out
}

fn seal(
    kek: &[u8; 32],
    salt: &[u8; 16],
    aad: &[u8],
    key: &DataKey,
) -> Result<Sealed, StorageError> {
    let mut nonce = [0u8; 24];
    random(&mut nonce)?;
    let cipher = XChaCha20Poly1305::new(kek.into());
    let ciphertext = cipher
        .encrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: key.bytes(),
                aad,
            },
        )
        .map_err(|_| StorageError::Internal("scellement de la clé impossible".into()))?;
    Ok(Sealed {
        salt: hex(salt),
        nonce: hex(&nonce),
        ciphertext: hex(&ciphertext),
    })
}

/// Opens a sealed data key; `None` when the wrapping key is wrong (or the file was altered).
fn unseal(kek: &[u8; 32], aad: &[u8], sealed: &Sealed) -> Option<DataKey> {
    let nonce = unhex(&sealed.nonce)?;
    let ciphertext = unhex(&sealed.ciphertext)?;
    if nonce.len() != 24 {
        return None;
    }
    let cipher = XChaCha20Poly1305::new(kek.into());
    let plain = Zeroizing::new(
        cipher
            .decrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: &ciphertext,
                    aad,
                },
            )
            .ok()?,
    );
    let bytes: [u8; 32] = plain.as_slice().try_into().ok()?;
    Some(DataKey::from_bytes(bytes))
}

fn read(path: &Path) -> Result<KeyFile, StorageError> {
    let text =
        std::fs::read_to_string(path).map_err(|e| StorageError::io("Fichier de clés", path, e))?;
    let file: KeyFile =
        serde_json::from_str(&text).map_err(|_| damaged(path, "contenu illisible"))?;
    if file.format != FORMAT || file.version != 1 {
        return Err(damaged(path, "format inconnu (version plus récente ?)"));
    }
    Ok(file)
}

fn write(path: &Path, file: &KeyFile) -> Result<(), StorageError> {
    let text = serde_json::to_vec_pretty(file).map_err(StorageError::json)?;
    files::write_atomic(path, &text)
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Refuses a passphrase the domain finds too weak, in French.
pub(crate) fn ensure_strong(passphrase: &str) -> Result<(), StorageError> {
    let check = check_passphrase(passphrase);
    if check.accepted() {
        Ok(())
    } else {
        Err(StorageError::rule(
            "passphrase",
            format!("Phrase de passe trop faible : {}", check.advice),
        ))
    }
}

/// Whether the database has a key file (it is, or is being made, a protected database).
pub fn is_protected(database: &Path) -> bool {
    key_file_path(database).exists()
}

/// The protection of a database, from its key file.
pub fn protection(database: &Path) -> Result<Protection, StorageError> {
    let file = read(&key_file_path(database))?;
    Ok(Protection {
        kdf: file.kdf,
        recovery_issued_at: file.recovery_issued_at,
    })
}

/// Creates the key file of a new protected database: a fresh data key sealed under the
/// passphrase and under a new recovery key. Returns the data key and the recovery key, to
/// show once. Refuses a weak passphrase, and an existing key file (nothing is overwritten).
pub fn create(database: &Path, passphrase: &str) -> Result<(DataKey, String), StorageError> {
    create_with(database, passphrase, KdfParams::for_env())
}

/// [`create`] with given Argon2id parameters.
pub fn create_with(
    database: &Path,
    passphrase: &str,
    kdf: KdfParams,
) -> Result<(DataKey, String), StorageError> {
    ensure_strong(passphrase)?;
    let path = key_file_path(database);
    if path.exists() {
        return Err(StorageError::Conflict(format!(
            "la base « {} » a déjà un fichier de clés : déverrouillez-la plutôt",
            database.display()
        )));
    }
    if let Some(dir) = database.parent().filter(|d| !d.as_os_str().is_empty()) {
        files::create_private_dir(dir)?;
    }
    let key = DataKey::generate()?;
    let (file, recovery) = seal_all(&key, passphrase, kdf)?;
    write(&path, &file)?;
    Ok((key, recovery))
}

fn new_salt() -> Result<[u8; 16], StorageError> {
    let mut salt = [0u8; 16];
    random(&mut salt)?;
    Ok(salt)
}

/// `key` sealed under a passphrase.
fn seal_passphrase(
    key: &DataKey,
    passphrase: &str,
    kdf: KdfParams,
) -> Result<Sealed, StorageError> {
    let salt = new_salt()?;
    seal(
        &*passphrase_kek(passphrase, &salt, kdf)?,
        &salt,
        PASSPHRASE_AAD,
        key,
    )
}

/// `key` sealed under a new recovery key; returns the seal and the key to show.
fn seal_recovery(key: &DataKey) -> Result<(Sealed, String), StorageError> {
    let salt = new_salt()?;
    let mut recovery = Zeroizing::new([0u8; RECOVERY_KEY_BYTES]);
    random(recovery.as_mut())?;
    let sealed = seal(&recovery_kek(&recovery, &salt), &salt, RECOVERY_AAD, key)?;
    Ok((sealed, format_recovery_key(&recovery)))
}

/// A new key file's content for `key`: the passphrase seal and a new recovery key.
fn seal_all(
    key: &DataKey,
    passphrase: &str,
    kdf: KdfParams,
) -> Result<(KeyFile, String), StorageError> {
    let (recovery, shown) = seal_recovery(key)?;
    let file = KeyFile {
        format: FORMAT.into(),
        version: 1,
        kdf,
        passphrase: seal_passphrase(key, passphrase, kdf)?,
        recovery,
        recovery_issued_at: now(),
    };
    Ok((file, shown))
}

fn salt_of(path: &Path, sealed: &Sealed) -> Result<Vec<u8>, StorageError> {
    unhex(&sealed.salt)
        .filter(|s| s.len() == 16)
        .ok_or_else(|| damaged(path, "sel illisible"))
}

/// Unlocks the data key with the passphrase or the recovery key. A wrong one is a French field
/// error; nothing is written.
pub fn unlock(database: &Path, secret: Secret<'_>) -> Result<DataKey, StorageError> {
    let path = key_file_path(database);
    if !path.exists() {
        return Err(StorageError::NotFound {
            entity: "Fichier de clés",
            id: path.display().to_string(),
        });
    }
    let file = read(&path)?;
    match secret {
        Secret::Passphrase(passphrase) => {
            let salt = salt_of(&path, &file.passphrase)?;
            let kek = passphrase_kek(passphrase, &salt, file.kdf)?;
            unseal(&kek, PASSPHRASE_AAD, &file.passphrase).ok_or_else(|| {
                StorageError::rule(
                    "passphrase",
                    "Phrase de passe incorrecte : vérifiez les majuscules et la disposition du clavier. Rien n’a été modifié.",
                )
            })
        }
        Secret::RecoveryKey(text) => {
            let salt = salt_of(&path, &file.recovery)?;
            let recovery = Zeroizing::new(
                parse_recovery_key(text).map_err(|m| StorageError::rule("recoveryKey", m))?,
            );
            unseal(&recovery_kek(&recovery, &salt), RECOVERY_AAD, &file.recovery).ok_or_else(
                || {
                    StorageError::rule(
                        "recoveryKey",
                        "Clé de secours incorrecte, ou remplacée depuis par un nouveau kit de secours. Rien n’a été modifié.",
                    )
                },
            )
        }
    }
}

/// Seals the data key under a new passphrase (the old one stops working); the recovery key
/// is kept. `key` proves the caller unlocked the database.
pub fn change_passphrase(
    database: &Path,
    key: &DataKey,
    new_passphrase: &str,
) -> Result<(), StorageError> {
    ensure_strong(new_passphrase)?;
    let path = key_file_path(database);
    let mut file = read(&path)?;
    file.kdf = KdfParams::for_env().max_with(file.kdf);
    file.passphrase = seal_passphrase(key, new_passphrase, file.kdf)?;
    write(&path, &file)
}

impl KdfParams {
    /// The stronger of two parameter sets, field by field (a change never weakens the file).
    fn max_with(self, other: Self) -> Self {
        Self {
            memory_kib: self.memory_kib.max(other.memory_kib),
            iterations: self.iterations.max(other.iterations),
            parallelism: self.parallelism.max(other.parallelism),
        }
    }
}

/// Sets a new passphrase from the recovery key (the passphrase was forgotten). Returns the
/// data key, unlocked.
pub fn reset_passphrase(
    database: &Path,
    recovery: &str,
    new_passphrase: &str,
) -> Result<DataKey, StorageError> {
    ensure_strong(new_passphrase)?;
    let key = unlock(database, Secret::RecoveryKey(recovery))?;
    change_passphrase(database, &key, new_passphrase)?;
    Ok(key)
}

/// A new recovery key (the old kit stops working); the passphrase seal is kept. Returns the
/// recovery key to show once.
pub fn regenerate_recovery(database: &Path, key: &DataKey) -> Result<String, StorageError> {
    let path = key_file_path(database);
    let mut file = read(&path)?;
    let (sealed, shown) = seal_recovery(key)?;
    file.recovery = sealed;
    file.recovery_issued_at = now();
    write(&path, &file)?;
    Ok(shown)
}

/// Unlocks a key file given as bytes (a backup's), without writing it anywhere.
pub(crate) fn unlock_bytes(bytes: &[u8], secret: Secret<'_>) -> Result<DataKey, StorageError> {
    let dir = tempfile::tempdir()
        .map_err(|e| StorageError::io("Dossier temporaire", Path::new("."), e))?;
    let database = dir.path().join("backup.sqlite3");
    files::write_atomic(&key_file_path(&database), bytes)?;
    unlock(&database, secret)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PASS: &str = "le merle chante sur le toit de Sarrebourg";

    #[test]
    fn the_passphrase_and_the_recovery_key_unlock_the_same_key_and_nothing_else_does() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("p.sqlite3");
        let (key, recovery) = create_with(&db, PASS, KdfParams::TEST).unwrap();
        assert_eq!(recovery.len(), 39);
        let by_pass = unlock(&db, Secret::Passphrase(PASS)).unwrap();
        let by_recovery = unlock(&db, Secret::RecoveryKey(&recovery.to_lowercase())).unwrap();
        assert_eq!(by_pass.bytes(), key.bytes());
        assert_eq!(by_recovery.bytes(), key.bytes());
        let wrong = unlock(
            &db,
            Secret::Passphrase("le merle chante sur le toit de Sarreguemines"),
        )
        .unwrap_err();
        assert!(
            wrong.to_string().contains("Phrase de passe incorrecte"),
            "{wrong}"
        );
        // The file holds no key in clear.
        let text = std::fs::read_to_string(key_file_path(&db)).unwrap();
        assert!(!text.contains(&hex(key.bytes())));

        // Forgotten passphrase: the recovery key sets a new one; the old one stops working.
        let new = "une autre phrase assez longue pour passer";
        reset_passphrase(&db, &recovery, new).unwrap();
        assert!(unlock(&db, Secret::Passphrase(PASS)).is_err());
        assert_eq!(
            unlock(&db, Secret::Passphrase(new)).unwrap().bytes(),
            key.bytes()
        );
        // A new kit invalidates the old recovery key.
        let again = regenerate_recovery(&db, &key).unwrap();
        assert!(unlock(&db, Secret::RecoveryKey(&recovery)).is_err());
        assert_eq!(
            unlock(&db, Secret::RecoveryKey(&again)).unwrap().bytes(),
            key.bytes()
        );
    }

    #[test]
    fn a_weak_passphrase_is_refused_and_a_key_file_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("p.sqlite3");
        assert!(
            create_with(&db, "azerty", KdfParams::TEST)
                .unwrap_err()
                .to_string()
                .contains("trop faible")
        );
        create_with(&db, PASS, KdfParams::TEST).unwrap();
        assert!(create_with(&db, PASS, KdfParams::TEST).is_err());
    }

    #[test]
    fn subkeys_differ_by_purpose() {
        let key = DataKey::from_bytes([7; 32]);
        assert_ne!(
            *key.derive(Purpose::JournalMac),
            *key.derive(Purpose::Documents)
        );
        assert_ne!(
            *key.derive(Purpose::Documents),
            *key.derive(Purpose::Backup)
        );
        assert!(key.sqlcipher_pragma().starts_with("PRAGMA key = \"x'0707"));
    }
}
