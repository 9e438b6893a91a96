//! Reading and writing the columns that hold domain values: enumerations as their stored codes
//! (`synthese_cep`, `PTP_DOSSIER_DEPOSE`, see `passerelle_domain::code`), dates as ISO text.

use chrono::NaiveDate;
use rusqlite::types::Type;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The stored code of an enumeration value.
pub(crate) fn code<T: Serialize>(value: T) -> String {
    passerelle_domain::code::code_of(value)
}

fn conversion_error(e: impl std::error::Error + Send + Sync + 'static) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(0, Type::Text, Box::new(e))
}

/// Reads a stored code back; an unknown code is a conversion error of the row.
pub(crate) fn decode<T: DeserializeOwned>(text: String) -> rusqlite::Result<T> {
    serde_json::from_value(serde_json::Value::String(text)).map_err(conversion_error)
}

/// Reads an ISO date column; a malformed one is a conversion error of the row.
pub(crate) fn parse_date(text: String) -> rusqlite::Result<NaiveDate> {
    text.parse().map_err(conversion_error)
}

/// Reads an optional ISO date column (absent or malformed: none).
pub(crate) fn opt_date(text: Option<String>) -> Option<NaiveDate> {
    text.and_then(|t| t.parse().ok())
}
