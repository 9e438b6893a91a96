//! What the data key does on a connection besides opening the database: it authenticates the
//! journal (HMAC-SHA256) and seals the kept documents (XChaCha20-Poly1305).
//!
//! `open` installs both as SQL functions of the connection, with their subkeys captured in the
//! functions' closures: every module reaches them through the connection it already holds, the
//! keys never travel through the call chain, and they disappear (zeroized) with the connection.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use rusqlite::Connection;
use rusqlite::functions::FunctionFlags;
use sha2::Sha256;

use crate::error::StorageError;
use crate::keys::{DataKey, Purpose};

/// First bytes of a sealed document (a file without them predates encryption).
pub(crate) const DOCUMENT_MAGIC: &[u8; 8] = b"PSLDOC1\n";

const MAC_FUNCTION: &str = "passerelle_mac";
const SEAL_FUNCTION: &str = "passerelle_seal";
const UNSEAL_FUNCTION: &str = "passerelle_unseal";

fn user_error(message: &str) -> rusqlite::Error {
    rusqlite::Error::UserFunctionError(message.to_owned().into())
}

/// Installs the journal MAC and the document sealing on a connection.
pub(crate) fn install(conn: &Connection, key: &DataKey) -> Result<(), StorageError> {
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DIRECTONLY;
    let mac_key = key.derive(Purpose::JournalMac);
    // Two arguments: the entry's message as the keyed chain reads it, and as the chain from
    // before encryption read it (used only by `install_legacy`).
    conn.create_scalar_function(
        MAC_FUNCTION,
        2,
        flags | FunctionFlags::SQLITE_DETERMINISTIC,
        move |ctx| {
            let message: String = ctx.get(0)?;
            let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(mac_key.as_ref())
                .map_err(|_| user_error("clé du journal invalide"))?;
            mac.update(message.as_bytes());
            Ok(mac
                .finalize()
                .into_bytes()
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>())
        },
    )?;
    let seal_key = key.derive(Purpose::Documents);
    conn.create_scalar_function(SEAL_FUNCTION, 2, flags, move |ctx| {
        let plain: Vec<u8> = ctx.get(0)?;
        let aad: String = ctx.get(1)?;
        let mut nonce = [0u8; 24];
        getrandom::fill(&mut nonce).map_err(|_| user_error("générateur aléatoire indisponible"))?;
        let cipher = XChaCha20Poly1305::new(seal_key.as_ref().into());
        let sealed = cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: &plain,
                    aad: aad.as_bytes(),
                },
            )
            .map_err(|_| user_error("chiffrement impossible"))?;
        let mut out = Vec::with_capacity(DOCUMENT_MAGIC.len() + 24 + sealed.len());
        out.extend_from_slice(DOCUMENT_MAGIC);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        Ok(out)
    })?;
    let open_key = key.derive(Purpose::Documents);
    conn.create_scalar_function(UNSEAL_FUNCTION, 2, flags, move |ctx| {
        let sealed: Vec<u8> = ctx.get(0)?;
        let aad: String = ctx.get(1)?;
        let body = sealed
            .strip_prefix(DOCUMENT_MAGIC.as_slice())
            .filter(|b| b.len() >= 24)
            .ok_or_else(|| user_error("fichier chiffré tronqué"))?;
        let (nonce, ciphertext) = body.split_at(24);
        let cipher = XChaCha20Poly1305::new(open_key.as_ref().into());
        cipher
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: ciphertext,
                    aad: aad.as_bytes(),
                },
            )
            .map_err(|_| user_error("fichier chiffré altéré ou d’une autre base"))
    })?;
    Ok(())
}

/// What a database from before encryption did instead, for the migration's tests only: the
/// journal chained with plain SHA-256, documents kept in clear.
pub(crate) fn install_legacy(conn: &Connection) -> Result<(), StorageError> {
    use sha2::Digest;
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DIRECTONLY;
    conn.create_scalar_function(MAC_FUNCTION, 2, flags, |ctx| {
        let message: String = ctx.get(1)?;
        Ok(Sha256::digest(message.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>())
    })?;
    conn.create_scalar_function(SEAL_FUNCTION, 2, flags, |ctx| ctx.get::<Vec<u8>>(0))?;
    conn.create_scalar_function(UNSEAL_FUNCTION, 2, flags, |ctx| ctx.get::<Vec<u8>>(0))?;
    Ok(())
}

/// HMAC-SHA256 (hex) of a journal entry's message under the journal's key; `legacy_message`
/// is what the emulation of a database from before encryption hashes instead.
pub(crate) fn mac(
    conn: &Connection,
    message: &str,
    legacy_message: &str,
) -> Result<String, StorageError> {
    Ok(conn
        .prepare_cached(&format!("SELECT {MAC_FUNCTION}(?1, ?2)"))?
        .query_row([message, legacy_message], |r| r.get(0))?)
}

/// Seals a document's content; `aad` (its SHA-256) ties the file to its name.
pub(crate) fn seal(conn: &Connection, plain: &[u8], aad: &str) -> Result<Vec<u8>, StorageError> {
    Ok(conn
        .prepare_cached(&format!("SELECT {SEAL_FUNCTION}(?1, ?2)"))?
        .query_row(rusqlite::params![plain, aad], |r| r.get(0))?)
}

/// Opens a sealed document; a file from before encryption (no magic) is returned as is.
pub(crate) fn unseal(conn: &Connection, file: Vec<u8>, aad: &str) -> Result<Vec<u8>, StorageError> {
    if !file.starts_with(DOCUMENT_MAGIC) {
        return Ok(file);
    }
    Ok(conn
        .prepare_cached(&format!("SELECT {UNSEAL_FUNCTION}(?1, ?2)"))?
        .query_row(rusqlite::params![file, aad], |r| r.get(0))?)
}
