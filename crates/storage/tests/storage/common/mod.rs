#![allow(dead_code)]
//! Helpers shared by the storage integration tests.

use chrono::{DateTime, TimeZone, Utc};
use passerelle_domain::case::CaseData;

pub fn at(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, day, 9, 30, 0).unwrap()
}

pub fn case(surname: &str, first: &str, territory: &str) -> CaseData {
    let mut c = CaseData::default();
    c.beneficiary.birth_name = surname.into();
    c.beneficiary.first_names = first.into();
    c.beneficiary.territory = territory.into();
    c
}

/// The data key of the test databases (the key file and the passphrase are tested apart).
pub fn key() -> passerelle_storage::DataKey {
    passerelle_storage::DataKey::from_bytes([9; 32])
}

pub fn temp_db() -> (tempfile::TempDir, passerelle_storage::Connection) {
    let dir = tempfile::tempdir().unwrap();
    let conn = passerelle_storage::open(&dir.path().join("test.sqlite3"), &key()).unwrap();
    (dir, conn)
}
