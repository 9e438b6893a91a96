//! What a pseudonymised dossier may say, and the scan of its free text before it leaves the
//! app. A committee of local employers and unions must not recognise the person: bands instead
//! of exact values, no health-revealing detail, and every free text checked for names, dates,
//! contact details, identifiers and health words — anything found blocks the export until the
//! counsellor rewrites the text or confirms it (the counsellor decides, not the scanner).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use crate::i18n::{Label, format_count};
use crate::parcours::Funder;

/// Folds a word for comparison with full Unicode decomposition (Ş → S, é → E) and the letters
/// decomposition leaves whole (Ł → L, Ø → O, Đ → D, ß → SS, Æ → AE, Œ → OE, ı → I, Þ → TH).
pub fn fold_full(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        match c {
            'Ł' | 'ł' => out.push('L'),
            'Ø' | 'ø' => out.push('O'),
            'Đ' | 'đ' | 'Ð' | 'ð' => out.push('D'),
            'ß' => out.push_str("SS"),
            'Æ' | 'æ' => out.push_str("AE"),
            'Œ' | 'œ' => out.push_str("OE"),
            'ı' => out.push('I'),
            'Þ' | 'þ' => out.push_str("TH"),
            c => out.extend(c.to_uppercase()),
        }
    }
    out
}

/// Ten-year age bands: « 30 à 39 ans ».
pub fn age_band_10(birth: NaiveDate, at: NaiveDate) -> String {
    let mut age = at.year() - birth.year();
    if (at.month(), at.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    match age {
        ..20 => "moins de 20 ans".into(),
        60.. => "60 ans et plus".into(),
        a => {
            let low = a / 10 * 10;
            format!("{low} à {} ans", low + 9)
        }
    }
}

/// Seniority in bands: « 2 à 5 ans ».
pub fn seniority_band(months: u32) -> &'static str {
    match months {
        ..24 => "moins de 2 ans",
        24..60 => "2 à 5 ans",
        60..120 => "5 à 10 ans",
        _ => "10 ans et plus",
    }
}

/// The NAF section (letter and title) of a NAF code (« 23.13Z » → section C).
pub fn naf_section(naf: &str) -> Option<&'static str> {
    let division: u32 = naf.trim().get(..2)?.parse().ok()?;
    Some(match division {
        1..=3 => "A — Agriculture, sylviculture et pêche",
        5..=9 => "B — Industries extractives",
        10..=33 => "C — Industrie manufacturière",
        35 => "D — Production et distribution d’énergie",
        36..=39 => "E — Eau, assainissement, déchets",
        41..=43 => "F — Construction",
        45..=47 => "G — Commerce",
        49..=53 => "H — Transports et entreposage",
        55..=56 => "I — Hébergement et restauration",
        58..=63 => "J — Information et communication",
        64..=66 => "K — Activités financières et d’assurance",
        68 => "L — Activités immobilières",
        69..=75 => "M — Activités spécialisées, scientifiques et techniques",
        77..=82 => "N — Activités de services administratifs et de soutien",
        84 => "O — Administration publique",
        85 => "P — Enseignement",
        86..=88 => "Q — Santé humaine et action sociale",
        90..=93 => "R — Arts, spectacles et activités récréatives",
        94..=96 => "S — Autres activités de services",
        97..=98 => "T — Activités des ménages",
        99 => "U — Activités extra-territoriales",
        _ => return None,
    })
}

/// The ROME's « grand domaine » of a trade (its first letter): a committee judges a change of
/// trade without being told the one trade that, in a small territory, names the person.
pub fn rome_domain(code: &str) -> Option<&'static str> {
    Some(match code.trim().chars().next()?.to_ascii_uppercase() {
        'A' => "Agriculture et pêche, espaces naturels et espaces verts, soins aux animaux",
        'B' => "Arts et façonnage d’ouvrages d’art",
        'C' => "Banque, assurance, immobilier",
        'D' => "Commerce, vente et grande distribution",
        'E' => "Communication, média et multimédia",
        'F' => "Construction, bâtiment et travaux publics",
        'G' => "Hôtellerie-restauration, tourisme, loisirs et animation",
        'H' => "Industrie",
        'I' => "Installation et maintenance",
        'J' => "Santé",
        'K' => "Services à la personne et à la collectivité",
        'L' => "Spectacle",
        'M' => "Support à l’entreprise",
        'N' => "Transport et logistique",
        _ => return None,
    })
}

/// « septembre 2026 » (a training's dates in a pseudonymised dossier).
pub use crate::i18n::format_month_year as month_year;

/// A funder as a pseudonymised dossier names it: those that reveal a status (disability) are
/// « autre cofinanceur ».
pub fn funder_label(funder: Funder) -> &'static str {
    match funder {
        Funder::Agefiph => "Autre cofinanceur",
        other => other.label(),
    }
}

/// What the scan found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    Name,
    Date,
    Phone,
    Email,
    Identifier,
    Health,
}

impl FindingKind {
    fn label(self) -> &'static str {
        match self {
            Self::Name => "nom de la personne ou d’un proche",
            Self::Date => "date",
            Self::Phone => "numéro de téléphone",
            Self::Email => "adresse électronique",
            Self::Identifier => "numéro d’identification",
            Self::Health => "terme de santé",
        }
    }
}

/// One thing found in a free text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// The field, as the form names it (« Motivation du projet »).
    pub field: String,
    pub kind: FindingKind,
    /// The words around it.
    pub excerpt: String,
}

impl Finding {
    /// « Motivation du projet : nom de la personne ou d’un proche — « … Mme Ly a … » ».
    pub fn message(&self) -> String {
        format!(
            "{} : {} — « {} »",
            self.field,
            self.kind.label(),
            self.excerpt
        )
    }
}

/// Health words (folded stems): a note that mentions them says more than the committee needs.
const HEALTH_STEMS: &[&str] = &[
    // Funders of disabled workers: naming them says the status.
    "AGEFIPH",
    "FIPHFP",
    "HANDICAP",
    "RQTH",
    "OETH",
    "MDPH",
    "AAH",
    "INVALID",
    "INAPT",
    "MALADI",
    "MALADE",
    "CANCER",
    "CHIMIO",
    "DEPRESS",
    "BURNOUT",
    "BURN",
    "HOSPITALIS",
    "HOPITAL",
    "THERAP",
    "PSYCHIATR",
    "PSYCHOLOG",
    "DIABET",
    "SCLEROSE",
    "EPILEPS",
    "ALCOOL",
    "ADDICT",
    "GROSSESSE",
    "ENCEINTE",
    "LOMBALG",
    "HERNIE",
    "CARDIAQU",
    "AVC",
    "TMS",
    "MEDECIN",
    "MEDICAL",
    "SOINS",
    "TRAITEMENT",
    "ACCIDENT",
    "CONVALESC",
    "MI-TEMPS THERAPEUTIQUE",
];

/// Words after which a capitalised word is a person's name (a relative, a colleague): civilities
/// and kinship, folded. Their names are not in the case file, so this is how they are caught.
const RELATION_WORDS: &[&str] = &[
    "M",
    "MME",
    "MLLE",
    "MR",
    "MADAME",
    "MONSIEUR",
    "MADEMOISELLE",
    "MARI",
    "EPOUX",
    "EPOUSE",
    "FEMME",
    "CONJOINT",
    "CONJOINTE",
    "COMPAGNON",
    "COMPAGNE",
    "CONCUBIN",
    "CONCUBINE",
    "FILS",
    "FILLE",
    "ENFANT",
    "FRERE",
    "SOEUR",
    "PERE",
    "MERE",
    "BEAU-PERE",
    "BELLE-MERE",
    "ONCLE",
    "TANTE",
    "NEVEU",
    "NIECE",
    "COUSIN",
    "COUSINE",
    "GRAND-PERE",
    "GRAND-MERE",
];

/// Whether `previous` (a word, as written) introduces a person's name, so that the next word,
/// when capitalised, is one.
pub fn introduces_name(previous: &str) -> bool {
    RELATION_WORDS.contains(&fold_full(previous).as_str())
}

/// Whether a word is written with a capital (a proper noun, after a relation word).
pub fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

const MONTHS_FOLDED: [&str; 12] = [
    "JANVIER",
    "FEVRIER",
    "MARS",
    "AVRIL",
    "MAI",
    "JUIN",
    "JUILLET",
    "AOUT",
    "SEPTEMBRE",
    "OCTOBRE",
    "NOVEMBRE",
    "DECEMBRE",
];

fn excerpt(chars: &[char], start: usize, end: usize) -> String {
    let from = start.saturating_sub(20);
    let to = (end + 20).min(chars.len());
    let mut text: String = chars[from..to].iter().collect();
    text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    format!(
        "{}{text}{}",
        if from > 0 { "…" } else { "" },
        if to < chars.len() { "…" } else { "" }
    )
}

/// Scans free texts (`(field label, text)`) for what a pseudonymised dossier must not carry:
/// the person's or relatives' `names` (whole words, any length, folded with full Unicode
/// decomposition), dates in common forms, phone numbers, e-mail addresses, long digit runs
/// (NIR-like) and health words.
pub fn scan(texts: &[(&str, &str)], names: &[&str]) -> Vec<Finding> {
    let needles: Vec<String> = names
        .iter()
        .flat_map(|n| n.split(|c: char| !c.is_alphanumeric()))
        .map(fold_full)
        .filter(|w| w.chars().count() >= 2)
        .collect();
    let mut out = Vec::new();
    for (field, text) in texts {
        let chars: Vec<char> = text.chars().collect();
        let mut push = |kind, start, end| {
            out.push(Finding {
                field: (*field).to_owned(),
                kind,
                excerpt: excerpt(&chars, start, end),
            });
        };
        // Words: names, e-mail addresses, health words, « 12 mars 1985 ».
        let mut words: Vec<(usize, usize, String)> = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            if chars[i].is_alphanumeric() || chars[i] == '@' {
                let start = i;
                while i < chars.len()
                    && (chars[i].is_alphanumeric()
                        || matches!(chars[i], '@' | '_' | '+')
                        || (matches!(chars[i], '.' | '-')
                            && chars.get(i + 1).is_some_and(|c| c.is_alphanumeric())
                            && chars[start..i].contains(&'@')))
                {
                    i += 1;
                }
                words.push((start, i, chars[start..i].iter().collect()));
            } else {
                i += 1;
            }
        }
        for (n, (start, end, word)) in words.iter().enumerate() {
            if word.contains('@') {
                push(FindingKind::Email, *start, *end);
                continue;
            }
            let folded = fold_full(word);
            let after_relation = n
                .checked_sub(1)
                .and_then(|p| words.get(p))
                .is_some_and(|(_, _, w)| introduces_name(w));
            if needles.contains(&folded) || (after_relation && capitalised(word)) {
                push(FindingKind::Name, *start, *end);
            } else if HEALTH_STEMS
                .iter()
                .any(|s| folded.starts_with(s) && (s.len() > 3 || folded.len() == s.len()))
            {
                push(FindingKind::Health, *start, *end);
            } else if MONTHS_FOLDED.contains(&folded.as_str()) {
                // « 12 mars 1985 »: a day before, a four-digit year after.
                let day = n
                    .checked_sub(1)
                    .and_then(|p| words.get(p))
                    .is_some_and(|(_, _, w)| w.len() <= 2 && w.chars().all(|c| c.is_ascii_digit()));
                let year = words
                    .get(n + 1)
                    .is_some_and(|(_, _, w)| w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()));
                if day && year {
                    push(FindingKind::Date, *start, *end);
                }
            }
        }
        // Digit runs: dates (12/03/1985, 12-03-85, 1985-03-12), phones, identifiers.
        let mut i = 0;
        while i < chars.len() {
            if !chars[i].is_ascii_digit() {
                i += 1;
                continue;
            }
            let start = i;
            let mut groups: Vec<String> = vec![String::new()];
            let mut separators = Vec::new();
            while i < chars.len() {
                let c = chars[i];
                if c.is_ascii_digit() {
                    groups.last_mut().unwrap_or_else(|| unreachable!()).push(c);
                    i += 1;
                } else if matches!(c, ' ' | '.' | '-' | '/' | '\u{a0}')
                    && chars.get(i + 1).is_some_and(char::is_ascii_digit)
                {
                    separators.push(c);
                    groups.push(String::new());
                    i += 1;
                } else {
                    break;
                }
            }
            let digits: usize = groups.iter().map(String::len).sum();
            let date_like = groups.len() == 3
                && separators.iter().all(|s| matches!(s, '/' | '-' | '.'))
                && ((groups[0].len() <= 2
                    && groups[1].len() <= 2
                    && matches!(groups[2].len(), 2 | 4))
                    || (groups[0].len() == 4 && groups[1].len() <= 2 && groups[2].len() <= 2));
            let phone_start = start > 0 && chars[start - 1] == '+';
            if date_like {
                push(FindingKind::Date, start, i);
            } else if digits >= 13 {
                push(FindingKind::Identifier, start, i);
            } else if digits >= 9 || (phone_start && digits >= 8) {
                push(FindingKind::Phone, start, i);
            }
        }
    }
    out
}

/// Refuses a pseudonymised export while the scan found something the counsellor has not
/// confirmed: one field error per finding, to rewrite the text or confirm it.
pub fn ensure_cleared(findings: &[Finding], confirmed: bool) -> Result<(), crate::AppError> {
    if findings.is_empty() || confirmed {
        return Ok(());
    }
    let mut errors = vec![crate::FieldError::new(
        "findings",
        findings_summary(findings),
    )];
    errors.extend(
        findings
            .iter()
            .map(|f| crate::FieldError::new("findings", f.message())),
    );
    Err(crate::AppError::Validation { errors })
}

/// The notice on a pseudonymised dossier's first page: what was removed, and why.
pub fn notice() -> String {
    "Dossier pseudonymisé pour le comité : ni nom, ni initiales, ni date de naissance, ni coordonnées, ni employeur ; l’âge et l’ancienneté par tranches, le secteur par section NAF, les dates de formation au mois ; aucun détail de santé (les critères concernés tiennent en une ligne), les cofinanceurs qui révéleraient une situation sont nommés « autre cofinanceur » ; les textes libres ont été relus avant l’export. Ce document est confidentiel : il ne doit pas être diffusé au-delà des destinataires indiqués."
        .to_owned()
}

/// « 3 éléments trouvés » for a refusal's first line.
pub fn findings_summary(findings: &[Finding]) -> String {
    format!(
        "{} à relire dans les textes libres avant l’export pseudonymisé",
        if findings.len() == 1 {
            "1 élément".to_owned()
        } else {
            format!("{} éléments", format_count(findings.len() as u64))
        }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(texts: &[(&str, &str)], names: &[&str]) -> Vec<(FindingKind, String)> {
        scan(texts, names)
            .into_iter()
            .map(|f| (f.kind, f.excerpt))
            .collect()
    }

    #[test]
    fn two_letter_names_and_letters_decomposition_leaves_whole_are_found() {
        let found = kinds(
            &[(
                "Motivation",
                "Mme Ly souhaite, comme Sahin et Lukasz, changer de métier.",
            )],
            &["Ly", "Şahin", "Łukasz"],
        );
        assert_eq!(
            found
                .iter()
                .filter(|(k, _)| *k == FindingKind::Name)
                .count(),
            3,
            "{found:?}"
        );
        assert_eq!(fold_full("Şahin Łukasz Øster ß"), "SAHIN LUKASZ OSTER SS");
    }

    #[test]
    fn dates_phones_mails_identifiers_and_health_words_are_found() {
        let text = "Née le 12/03/1985 (ou 1985-03-12, ou 12 mars 1985), tél. 06 12 34 56 78, \
                    ines.q@exemple.fr, NIR 2 85 03 57 463 123 45 ; arrêt maladie et RQTH depuis 2019. \
                    Aide de l’Agefiph. Budget 12 500 € pour 1 200 heures.";
        let found = kinds(&[("Notes", text)], &[]);
        let count = |k| found.iter().filter(|(kind, _)| *kind == k).count();
        assert_eq!(count(FindingKind::Date), 3, "{found:?}");
        assert_eq!(count(FindingKind::Phone), 1, "{found:?}");
        assert_eq!(count(FindingKind::Email), 1, "{found:?}");
        assert_eq!(count(FindingKind::Identifier), 1, "{found:?}");
        assert_eq!(count(FindingKind::Health), 3, "{found:?}");
        // Amounts and hours are not taken for anything.
        assert_eq!(found.len(), 9, "{found:?}");
    }

    #[test]
    fn bands_hide_exact_values() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(age_band_10(d(1985, 3, 12), d(2026, 3, 11)), "40 à 49 ans");
        assert_eq!(seniority_band(26), "2 à 5 ans");
        assert_eq!(naf_section("23.13Z"), Some("C — Industrie manufacturière"));
        assert_eq!(month_year(d(2026, 9, 7)), "septembre 2026");
        assert_eq!(funder_label(Funder::Agefiph), "Autre cofinanceur");
    }
}
