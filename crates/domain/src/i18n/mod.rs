//! The message catalogue: every user-facing string of the UI, the CLI and the PDFs comes from here.
//!
//! French is the only locale today. Keeping the strings behind [`Msg`] keys (checked by the
//! compiler) is what will let another locale be added by writing one more `match`.

use chrono::{Datelike, NaiveDate};

mod vocabulary;

pub use vocabulary::{Label, field_label};

/// Keys of the user-facing messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Msg {
    AppName,
    AppTagline,
    NavCases,
    NavTodo,
    NavCommittees,
    NavCertifications,
    NavTerritories,
    NavSettings,
    NavHelp,
    NavLabel,
    StatusDatabase,
    StatusSchema,
    StatusCases,
    StatusLoading,
    StatusUnavailable,
    CasesTitle,
    CasesEmpty,
    CasesImportTitle,
    TodoTitle,
    TodoEmpty,
    CommitteesTitle,
    CommitteesEmpty,
    CertificationsTitle,
    CertificationsEmpty,
    TerritoriesTitle,
    EstablishmentNewTitle,
    NeedsCensusTitle,
    SettingsTitle,
    HelpTitle,
    WelcomeTitle,
    ProfileTitle,
    ProfileHelp,
    ProfileDisplayName,
    ProfileStructure,
    ProfileSave,
    ProfileSaved,
    ProfileNameRequired,
    ProfileNameTooLong,
    ProfileStructureRequired,
    ProfileStructureTooLong,
    ErrorStorage,
    ErrorIpc,
    ErrorBusy,
    ErrorInternal,
    ErrorLocked,
    DossierTitle,
    DossierPseudonymisedNotice,
    DossierConfidential,
    SectionBeneficiary,
    SectionTrades,
    SectionRationale,
    SectionTraining,
    SectionFunding,
    SectionProspects,
    SectionEligibility,
    SectionPriority,
    SectionOpinion,
    SectionTimeline,
    SectionChecklist,
    SectionChanges,
    SectionDecision,
    SectionCommitteeOpinion,
    PackTitle,
    PackAgenda,
    PackMembers,
    PdfGenerated,
    PdfFingerprint,
    PdfPage,
    PdfDemo,
    DemoBanner,
}

/// Returns the French text of a message.
pub fn t(msg: Msg) -> &'static str {
    use Msg::*;
    match msg {
        AppName => "Passerelle",
        AppTagline => "Parcours de transition professionnelle",
        NavCases => "Dossiers",
        NavTodo => "À faire",
        NavCommittees => "Comités",
        NavCertifications => "Certifications",
        NavTerritories => "Territoires",
        NavSettings => "Paramètres",
        NavHelp => "Aide",
        NavLabel => "Navigation principale",
        StatusDatabase => "Base",
        StatusSchema => "schéma",
        StatusCases => "dossier",
        StatusLoading => "Ouverture de la base…",
        StatusUnavailable => "Base de données indisponible",
        CasesTitle => "Dossiers individuels",
        CasesEmpty => "Aucun dossier pour l’instant.",
        CasesImportTitle => "Importer des dossiers",
        TodoTitle => "À faire",
        TodoEmpty => "Aucune échéance ni pièce manquante.",
        CommitteesTitle => "Comités",
        CommitteesEmpty => "Aucune séance de comité.",
        CertificationsTitle => "Certifications",
        CertificationsEmpty => "Aucune certification suivie.",
        TerritoriesTitle => "Territoires",
        EstablishmentNewTitle => "Nouvel établissement",
        NeedsCensusTitle => "Recensement des besoins de recrutement",
        SettingsTitle => "Paramètres",
        HelpTitle => "Aide",
        WelcomeTitle => "Bienvenue dans Passerelle",
        ProfileTitle => "Profil du conseiller",
        ProfileHelp => "Votre nom et votre structure signent chaque modification des dossiers.",
        ProfileDisplayName => "Nom et prénom",
        ProfileStructure => "Structure",
        ProfileSave => "Enregistrer",
        ProfileSaved => "Profil enregistré.",
        ProfileNameRequired => {
            "Nom et prénom : champ obligatoire. Saisissez votre nom tel qu’il doit apparaître dans l’historique."
        }
        ProfileNameTooLong => "Nom et prénom : 100 caractères au plus. Abrégez le nom.",
        ProfileStructureRequired => {
            "Structure : champ obligatoire. Indiquez l’organisme pour lequel vous intervenez (ex. « Maison de l’emploi de Sarrebourg »)."
        }
        ProfileStructureTooLong => {
            "Structure : 150 caractères au plus. Abrégez le nom de la structure."
        }
        ErrorStorage => "La base de données n’a pas pu être lue ou écrite ; rien n’a été modifié.",
        ErrorIpc => "Erreur interne de communication avec l’application.",
        ErrorBusy => {
            "La base de données est occupée par un autre programme (import, script…) ; rien n’a été enregistré. Réessayez dans quelques secondes : vos saisies sont conservées."
        }
        ErrorInternal => "Erreur interne — vos saisies sont conservées.",
        ErrorLocked => "Passerelle est verrouillée : saisissez votre phrase de passe.",
        DossierTitle => "Dossier de transition professionnelle",
        DossierPseudonymisedNotice => {
            "Version pseudonymisée : ni nom, ni NIR, ni coordonnées, ni adresse, ni date de naissance, ni donnée de santé."
        }
        DossierConfidential => "Document confidentiel — réservé aux membres de l’instance",
        SectionBeneficiary => "Bénéficiaire",
        SectionTrades => "Métier actuel → métier visé",
        SectionRationale => "Projet et motivation (cohérence du projet)",
        SectionTraining => "Formation",
        SectionFunding => "Plan de financement",
        SectionProspects => "Perspectives d’emploi",
        SectionEligibility => "Conditions d’éligibilité",
        SectionPriority => "Score de priorité",
        SectionOpinion => "Avis et synthèse du conseiller CEP",
        SectionTimeline => "Étapes du parcours",
        SectionChecklist => "Pièces du dossier",
        SectionChanges => "Ce qui a changé depuis la dernière séance",
        SectionDecision => "Décision de la commission",
        SectionCommitteeOpinion => "Avis du comité",
        PackTitle => "Dossiers de séance",
        PackAgenda => "Ordre du jour",
        PackMembers => "Membres",
        PdfGenerated => "Généré le",
        PdfFingerprint => "Empreinte du contenu (SHA-256)",
        PdfPage => "Page",
        PdfDemo => "DÉMONSTRATION — données fictives, sans valeur pour une décision",
        DemoBanner => "DÉMONSTRATION — données fictives",
    }
}

const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// Formats a date the French way: `1er mars 2026`, `12 mars 2026`.
pub fn format_date(date: NaiveDate) -> String {
    let month = MONTHS[date.month0() as usize];
    match date.day() {
        1 => format!("1er {month} {}", date.year()),
        day => format!("{day} {month} {}", date.year()),
    }
}

/// The day of a stored timestamp (`2026-03-02T10:00:00Z`, as the journal writes them) as
/// « 2 mars 2026 »; the text as given when it does not start with a date.
pub fn format_stamp_date(stamp: &str) -> String {
    stamp
        .get(..10)
        .and_then(|d| d.parse::<NaiveDate>().ok())
        .map_or_else(|| stamp.to_owned(), format_date)
}

/// « septembre 2026 ».
pub fn format_month_year(date: NaiveDate) -> String {
    format!("{} {}", MONTHS[date.month0() as usize], date.year())
}

/// « 1 dossier », « 2 dossiers », « 0 dossier »: French uses the singular below 2.
pub fn count_noun(n: u64, singular: &str) -> String {
    count_with(n, singular, &format!("{singular}s"))
}

/// Like [`count_noun`] for phrases whose plural is not a final « s »:
/// `count_with(2, "échéance en retard", "échéances en retard")`.
pub fn count_with(n: u64, singular: &str, plural: &str) -> String {
    format!(
        "{} {}",
        format_count(n),
        if n >= 2 { plural } else { singular }
    )
}

/// Euros the French way, from cents: `125000` → `1 250,00 €` (narrow no-break spaces).
pub fn format_euros(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!(
        "{sign}{},{:02}\u{202F}€",
        format_count(abs / 100),
        abs % 100
    )
}

/// Reads an amount typed in euros (`1 250,50`, `1250.5`, `1 250 €`) into cents.
pub fn parse_euros(text: &str) -> Option<i64> {
    let cleaned: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{A0}' | '\u{202F}' | '€'))
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    if cleaned.is_empty() {
        return None;
    }
    let value: f64 = cleaned.parse().ok()?;
    value.is_finite().then(|| (value * 100.0).round() as i64)
}

/// A number the French way: `3 660`, `1 801,8`, `-2,5` (grouped thousands, decimal comma).
pub fn format_number(value: f64) -> String {
    if !value.is_finite() {
        return "—".to_owned();
    }
    let sign = if value < 0.0 { "-" } else { "" };
    let abs = value.abs();
    // Two decimals at most, trailing zeros dropped.
    let cents = (abs * 100.0).round();
    let whole = (cents / 100.0).trunc();
    let fraction = (cents - whole * 100.0) as u64;
    let whole = format_count(whole as u64);
    match fraction {
        0 => format!("{sign}{whole}"),
        f if f % 10 == 0 => format!("{sign}{whole},{}", f / 10),
        f => format!("{sign}{whole},{f:02}"),
    }
}

/// Formats an integer with French digit grouping (narrow no-break space): `100 000`.
pub fn format_count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202F}');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_like_french() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(format_date(d(2026, 3, 12)), "12 mars 2026");
        assert_eq!(format_date(d(2026, 3, 1)), "1er mars 2026");
        assert_eq!(format_date(d(2024, 2, 29)), "29 février 2024");
        assert_eq!(format_date(d(2026, 8, 31)), "31 août 2026");
    }

    #[test]
    fn euros_both_ways() {
        assert_eq!(format_euros(125_000), "1\u{202F}250,00\u{202F}€");
        assert_eq!(format_euros(5), "0,05\u{202F}€");
        assert_eq!(parse_euros("1 250,50 €"), Some(125_050));
        assert_eq!(parse_euros("1250.5"), Some(125_050));
        assert_eq!(parse_euros(""), None);
        assert_eq!(parse_euros("douze"), None);
    }

    #[test]
    fn numbers_have_a_decimal_comma() {
        assert_eq!(format_number(3660.0), "3\u{202F}660");
        assert_eq!(format_number(1801.8), "1\u{202F}801,8");
        assert_eq!(format_number(0.05), "0,05");
        assert_eq!(format_number(-2.5), "-2,5");
        assert_eq!(format_number(f64::NAN), "—");
    }

    #[test]
    fn nouns_agree_with_counts() {
        assert_eq!(count_noun(0, "dossier"), "0 dossier");
        assert_eq!(count_noun(1, "dossier"), "1 dossier");
        assert_eq!(count_noun(1500, "dossier"), "1\u{202F}500 dossiers");
    }

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(format_count(0), "0");
        assert_eq!(format_count(999), "999");
        assert_eq!(format_count(1000), "1\u{202F}000");
        assert_eq!(format_count(100_000), "100\u{202F}000");
        assert_eq!(format_count(1_234_567), "1\u{202F}234\u{202F}567");
    }

    #[test]
    fn messages_use_typographic_apostrophes() {
        // The catalogue is French typography: no straight apostrophe may slip in.
        for msg in [Msg::CasesEmpty, Msg::ProfileNameRequired, Msg::ErrorStorage] {
            assert!(!t(msg).contains('\''), "{msg:?} has a straight apostrophe");
        }
    }
}
