//! The case CSV import on arbitrary bytes (any encoding, any shape): it reports, never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use passerelle_domain::ipc::Territory;
use passerelle_import::{Input, cases};

fuzz_target!(|data: &[u8]| {
    let territories = [Territory {
        code: "metz".into(),
        label: "Metz".into(),
    }];
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let input = Input {
        name: "dossiers.csv".into(),
        file_name: "dossiers.csv".into(),
        bytes: data.to_vec(),
    };
    let parsed = cases::parse(&input, &territories, today);
    for e in &parsed.errors {
        let _ = e.to_string();
    }
});
