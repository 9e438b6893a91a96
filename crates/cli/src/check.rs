//! `passerelle check nir|siren|siret VALUE…|-`: checks identifiers one per line.

use std::path::Path;

use passerelle_domain::validate;
use serde::Serialize;

#[derive(Debug, Clone, Copy)]
pub enum Kind {
    Nir,
    Siren,
    Siret,
}

#[derive(Debug, Serialize)]
pub struct Outcome {
    pub value: String,
    pub valid: bool,
    pub reason: Option<String>,
}

pub fn check(kind: Kind, value: &str) -> Outcome {
    let result = match kind {
        Kind::Nir => validate::validate_nir(value).map(|c| c.warning),
        Kind::Siren => validate::validate_siren(value).map(|c| c.warning),
        Kind::Siret => validate::validate_siret(value).map(|c| c.warning),
    };
    match result {
        Ok(warning) => Outcome {
            value: value.to_owned(),
            valid: true,
            reason: warning,
        },
        Err(reason) => Outcome {
            value: value.to_owned(),
            valid: false,
            reason: Some(reason),
        },
    }
}

/// Values come from the arguments, or from standard input (one per line) when the only
/// argument is `-` or there are none. Exits non-zero if any value is invalid.
pub fn run(kind: &str, values: &[String], json: bool) -> anyhow::Result<()> {
    let kind = match kind {
        "nir" => Kind::Nir,
        "siren" => Kind::Siren,
        _ => Kind::Siret,
    };
    let values: Vec<String> = if values.is_empty() || values == ["-"] {
        let bytes = passerelle_import::source::read_bytes(Path::new("-"))?;
        let mut lines = Vec::new();
        for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
            let line = std::str::from_utf8(line).map_err(|_| passerelle_import::LineError {
                file: "entrée standard".into(),
                line: i as u64 + 1,
                column: String::new(),
                reason: "texte qui n’est pas en UTF-8 : convertissez-le avant de le vérifier"
                    .into(),
            })?;
            if !line.trim().is_empty() {
                lines.push(line.trim().to_owned());
            }
        }
        lines
    } else {
        values.to_vec()
    };
    let outcomes: Vec<Outcome> = values.iter().map(|v| check(kind, v)).collect();
    if json {
        println!("{}", serde_json::to_string_pretty(&outcomes)?);
    } else {
        for o in &outcomes {
            match (&o.valid, &o.reason) {
                (true, None) => println!("{} : valide", o.value),
                (true, Some(w)) => println!("{} : valide ({w})", o.value),
                (false, reason) => {
                    println!(
                        "{} : invalide — {}",
                        o.value,
                        reason.as_deref().unwrap_or("")
                    );
                }
            }
        }
    }
    if outcomes.iter().all(|o| o.valid) {
        Ok(())
    } else {
        Err(crate::Reported.into())
    }
}
