//! Enumerations are stored as their serde codes (`synthese_cep`, `PTP_DOSSIER_DEPOSE`), the same
//! strings the IPC and the journal use.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// The stored code of an enumeration value.
pub(crate) fn code<T: Serialize>(v: T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Reads a stored code back; an unknown code is a conversion error of the row.
pub(crate) fn decode<T: DeserializeOwned>(text: String) -> rusqlite::Result<T> {
    serde_json::from_value(Value::String(text)).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}
