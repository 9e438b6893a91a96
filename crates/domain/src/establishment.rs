//! Establishments (établissements): the companies' sites a territory follows, identified by
//! their SIRET, placed by their commune (INSEE code) in an EPCI and a territory. The INSEE
//! Sirene stock is their usual source; its codes are kept as published.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{AppError, FieldError};
use crate::validate::bounds;

/// One establishment as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Establishment {
    pub siret: String,
    /// The establishment's usual name or sign (Sirene: `denominationUsuelleEtablissement`,
    /// else `enseigne1Etablissement`); empty when Sirene publishes none.
    pub name: String,
    /// APE code, NAF rév. 2 (« 23.13Z »).
    pub naf: String,
    /// Sirene's headcount band code (`trancheEffectifsEtablissement`: « 11 » = 10 à 19
    /// salariés); empty when unknown or not an employer.
    pub headcount_band: String,
    /// INSEE code of the commune.
    pub commune: String,
    pub commune_name: String,
    /// SIREN of the EPCI the commune belongs to.
    pub epci: String,
    pub epci_name: String,
    /// The territory whose EPCIs include it (empty: none of the followed territories).
    pub territory: String,
    /// The collective agreement's IDCC (4 digits), entered by hand; a Sirene re-import keeps it.
    pub idcc: String,
    /// The OPCO the establishment pays its contributions to, entered by hand.
    pub opco: String,
    pub notes: String,
    /// `sirene` or `manual`.
    pub source: String,
    pub updated_at: String,
}

/// A person to talk to in the establishment. Recorded only with their consent (RGPD): the date
/// they agreed is part of the contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Contact {
    pub name: String,
    /// « DRH », « Responsable de production »…
    pub role: String,
    pub email: String,
    pub phone: String,
    /// When the person agreed to be recorded; `None` refuses the contact.
    pub consent_on: Option<NaiveDate>,
}

/// An establishment entered or corrected by hand: the Sirene facts (for one not in the stock)
/// and what only people know (IDCC, OPCO, contacts, notes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EstablishmentInput {
    /// A new establishment: refused if its SIRET is already known (« Nouvel établissement »
    /// must not overwrite a company and drop its contacts). `false` corrects or upserts.
    #[serde(default)]
    pub create: bool,
    pub siret: String,
    pub name: String,
    pub naf: String,
    pub headcount_band: String,
    /// INSEE code of the commune (« 57630 »), not the postal code.
    pub commune: String,
    pub idcc: String,
    pub opco: String,
    pub notes: String,
    pub contacts: Vec<Contact>,
}

/// The most contacts kept per establishment.
pub const CONTACTS_MAX: usize = 20;

impl EstablishmentInput {
    /// Checks every field; the establishment placed in its commune's EPCI and territory, with
    /// the normalised contacts, or every problem found at once.
    pub fn validated(
        &self,
        today: NaiveDate,
        updated_at: &str,
    ) -> Result<(Establishment, Vec<Contact>), AppError> {
        self.validated_with(today, updated_at, crate::place::of_commune)
    }

    /// [`validated`](Self::validated) as the window runs it while the user types: a commune
    /// code of the right shape passes. The window does not carry the commune table; the shell
    /// looks the commune up on save and an unknown one comes back on its field.
    pub fn validated_in_window(
        &self,
        today: NaiveDate,
    ) -> Result<(Establishment, Vec<Contact>), AppError> {
        self.validated_with(today, "", |code| {
            crate::place::is_insee_shaped(code).then_some(crate::place::Place::UNKNOWN)
        })
    }

    fn validated_with(
        &self,
        today: NaiveDate,
        updated_at: &str,
        place_of: impl Fn(&str) -> Option<crate::place::Place>,
    ) -> Result<(Establishment, Vec<Contact>), AppError> {
        let mut errors = Vec::new();
        let mut err = |field: &str, message: String| errors.push(FieldError::new(field, message));
        let siret = match crate::validate::validate_siret(&self.siret) {
            Ok(checked) => checked.value,
            Err(m) => {
                err("siret", m);
                String::new()
            }
        };
        if let Err(m) = bounds::check_line("Raison sociale", self.name.trim(), bounds::LINE_MAX) {
            err("name", m);
        } else if self.name.trim().is_empty() {
            err(
                "name",
                "Raison sociale : saisissez le nom de l’établissement (ex. « Verrerie de Saint-Louis »).".into(),
            );
        }
        let naf = normalise_naf(&self.naf).unwrap_or_else(|m| {
            err("naf", format!("Activité : {m}"));
            String::new()
        });
        let band = self.headcount_band.trim();
        if !band.is_empty() && headcount_label(band).is_none() {
            err(
                "headcountBand",
                format!(
                    "Effectif : tranche « {} » inconnue ; choisissez une tranche de la liste.",
                    crate::validate::excerpt(band)
                ),
            );
        }
        let place = place_of(&self.commune);
        if place.is_none() {
            let e = crate::place::unknown_commune("commune", &self.commune);
            err(&e.field, e.message);
        }
        let idcc = self.idcc.trim();
        let idcc_ok = idcc.len() == 4 && idcc.bytes().all(|b| b.is_ascii_digit());
        if !idcc.is_empty() && !idcc_ok {
            err(
                "idcc",
                format!(
                    "IDCC « {} » : quatre chiffres sont attendus (ex. 3248 pour la métallurgie).",
                    crate::validate::excerpt(idcc)
                ),
            );
        }
        if let Err(m) = bounds::check_line("OPCO", self.opco.trim(), bounds::NAME_MAX) {
            err("opco", m);
        }
        if let Err(m) = bounds::check_text("Notes", &self.notes, bounds::TEXT_MAX) {
            err("notes", m);
        }
        let contacts = validated_contacts(&self.contacts, today, &mut err);
        if !errors.is_empty() {
            return Err(AppError::Validation { errors });
        }
        let place = place.unwrap_or(crate::place::Place::UNKNOWN);
        Ok((
            Establishment {
                siret,
                name: self.name.trim().to_owned(),
                naf,
                headcount_band: band.to_owned(),
                commune: self.commune.trim().to_owned(),
                commune_name: place.name.to_owned(),
                epci: place.epci.to_owned(),
                epci_name: place.epci_name.to_owned(),
                territory: place.territory.to_owned(),
                idcc: idcc.to_owned(),
                opco: self.opco.trim().to_owned(),
                notes: self.notes.trim().to_owned(),
                source: "manual".into(),
                updated_at: updated_at.to_owned(),
            },
            contacts,
        ))
    }
}

fn validated_contacts(
    contacts: &[Contact],
    today: NaiveDate,
    err: &mut impl FnMut(&str, String),
) -> Vec<Contact> {
    if contacts.len() > CONTACTS_MAX {
        err(
            "contacts",
            format!("Contacts : {CONTACTS_MAX} au plus par établissement."),
        );
    }
    let mut out = Vec::new();
    for (i, c) in contacts.iter().enumerate() {
        let n = i + 1;
        let field = |name: &str| format!("contacts.{i}.{name}");
        let name = c.name.trim();
        if name.is_empty() {
            err(
                &field("name"),
                format!("Contact n°{n} : saisissez son nom, ou retirez la ligne."),
            );
        } else if let Err(m) = bounds::check_line(&format!("Contact n°{n}"), name, bounds::NAME_MAX)
        {
            err(&field("name"), m);
        }
        if let Err(m) = bounds::check_line(
            &format!("Fonction du contact n°{n}"),
            c.role.trim(),
            bounds::NAME_MAX,
        ) {
            err(&field("role"), m);
        }
        let email = if c.email.trim().is_empty() {
            String::new()
        } else {
            crate::validate::validate_email(&c.email).unwrap_or_else(|m| {
                err(&field("email"), format!("Contact n°{n} : {m}"));
                String::new()
            })
        };
        let phone = if c.phone.trim().is_empty() {
            String::new()
        } else {
            crate::validate::normalize_phone(&c.phone).unwrap_or_else(|m| {
                err(&field("phone"), format!("Contact n°{n} : {m}"));
                String::new()
            })
        };
        match c.consent_on {
            None => err(
                &field("consentOn"),
                format!(
                    "Contact n°{n} : indiquez la date à laquelle la personne a accepté d’être enregistrée (sans son accord, ne l’enregistrez pas)."
                ),
            ),
            Some(d) => {
                if let Err(m) = bounds::check_date(
                    &format!("Accord du contact n°{n}"),
                    d,
                    bounds::DateRange::Past,
                    today,
                ) {
                    err(&field("consentOn"), m);
                }
            }
        }
        out.push(Contact {
            name: name.to_owned(),
            role: c.role.trim().to_owned(),
            email,
            phone,
            consent_on: c.consent_on,
        });
    }
    out
}

/// The label of a Sirene headcount band code.
pub fn headcount_label(code: &str) -> Option<&'static str> {
    Some(match code {
        "00" => "0 salarié",
        "01" => "1 ou 2 salariés",
        "02" => "3 à 5 salariés",
        "03" => "6 à 9 salariés",
        "11" => "10 à 19 salariés",
        "12" => "20 à 49 salariés",
        "21" => "50 à 99 salariés",
        "22" => "100 à 199 salariés",
        "31" => "200 à 249 salariés",
        "32" => "250 à 499 salariés",
        "41" => "500 à 999 salariés",
        "42" => "1 000 à 1 999 salariés",
        "51" => "2 000 à 4 999 salariés",
        "52" => "5 000 à 9 999 salariés",
        "53" => "10 000 salariés et plus",
        _ => return None,
    })
}

/// Checks a NAF rév. 2 code as Sirene writes it (« 23.13Z »), or without its dot (« 2313Z »):
/// the dotted form, or why not.
pub fn normalise_naf(code: &str) -> Result<String, String> {
    let compact: String = code.trim().chars().filter(|c| *c != '.').collect();
    let bytes = compact.as_bytes();
    if bytes.len() == 5
        && bytes[..4].iter().all(u8::is_ascii_digit)
        && bytes[4].is_ascii_uppercase()
    {
        Ok(format!("{}.{}", &compact[..2], &compact[2..]))
    } else {
        Err(format!(
            "code NAF « {} » invalide : quatre chiffres et une lettre majuscule sont attendus (ex. 23.13Z)",
            crate::validate::excerpt(code)
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn naf_codes_are_read_with_or_without_their_dot() {
        assert_eq!(normalise_naf("23.13Z").unwrap(), "23.13Z");
        assert_eq!(normalise_naf(" 2313Z").unwrap(), "23.13Z");
        assert!(normalise_naf("23.13").unwrap_err().contains("23.13Z"));
        assert!(normalise_naf("ab.cdZ").is_err());
    }

    fn input() -> EstablishmentInput {
        EstablishmentInput {
            create: false,
            siret: "73282932000074".into(),
            name: "Verrerie de la Sarre".into(),
            naf: "2313Z".into(),
            headcount_band: "22".into(),
            commune: "57630".into(),
            idcc: "3248".into(),
            opco: "OPCO 2i".into(),
            notes: String::new(),
            contacts: vec![Contact {
                name: "Claire Weber".into(),
                role: "DRH".into(),
                email: "c.weber@example.fr".into(),
                phone: "03 87 00 00 00".into(),
                consent_on: NaiveDate::from_ymd_opt(2026, 3, 2),
            }],
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
    }

    #[test]
    fn a_manual_establishment_is_placed_by_its_commune() {
        let (e, contacts) = input().validated(today(), "2026-11-30T10:00:00Z").unwrap();
        assert_eq!(e.naf, "23.13Z");
        assert_eq!(e.epci, "200068146");
        assert_eq!(e.territory, "moselle-sud");
        assert_eq!(e.source, "manual");
        assert_eq!(contacts.len(), 1);
    }

    #[test]
    fn every_wrong_field_is_reported_at_once_in_french() {
        let mut bad = input();
        bad.siret = "73282932000075".into();
        bad.commune = "57400".into(); // a postal code, not an INSEE code
        bad.idcc = "32".into();
        bad.contacts[0].consent_on = None;
        let Err(AppError::Validation { errors }) = bad.validated(today(), "") else {
            panic!("refused expected");
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["siret", "commune", "idcc", "contacts.0.consentOn"]);
        assert!(errors[1].message.contains("code postal"));
    }

    #[test]
    fn the_window_checks_the_commune_shape_and_the_shell_its_existence() {
        let mut typed = input();
        typed.commune = "57999".into(); // the right shape, no such commune
        assert!(typed.validated_in_window(today()).is_ok());
        let Err(AppError::Validation { errors }) = typed.validated(today(), "") else {
            panic!("the shell refuses an unknown commune");
        };
        assert_eq!(errors[0].field, "commune");
        typed.commune = "Sarrebourg".into();
        let Err(AppError::Validation { errors }) = typed.validated_in_window(today()) else {
            panic!("the window refuses a name");
        };
        assert_eq!(errors[0].field, "commune");
    }

    #[test]
    fn sirene_bands_have_french_labels() {
        assert_eq!(headcount_label("11"), Some("10 à 19 salariés"));
        assert_eq!(headcount_label("NN"), None);
    }
}
