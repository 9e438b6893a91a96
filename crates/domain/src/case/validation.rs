//! Validation of a whole case file: every field checked, one French message per problem, keyed
//! by the field's path (`beneficiary.nir`) so the form can show it in place.

use chrono::NaiveDate;

use super::model::{CaseData, Flag};
use crate::error::{AppError, FieldError};
use crate::validate::bounds::{self, DateRange, LINE_MAX, NAME_MAX, OPINION_MAX, TEXT_MAX};
use crate::validate::{self, Checked};

/// Errors block the save; warnings are shown and the save goes through.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub errors: Vec<FieldError>,
    pub warnings: Vec<FieldError>,
}

impl Report {
    fn error(&mut self, field: &str, message: impl Into<String>) {
        self.errors.push(FieldError::new(field, message));
    }
    fn warn(&mut self, field: &str, message: Option<String>) {
        if let Some(m) = message {
            self.warnings.push(FieldError::new(field, m));
        }
    }
    /// The message for one field, errors first.
    pub fn message_for(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .chain(&self.warnings)
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }
}

/// Runs an optional text validator: empty input is fine, a value is replaced by its normal form.
fn optional<T: ToString>(
    report: &mut Report,
    field: &str,
    value: &mut String,
    check: impl FnOnce(&str) -> Result<Checked<T>, String>,
) {
    if value.trim().is_empty() {
        value.clear();
        return;
    }
    match check(value) {
        Ok(checked) => {
            *value = checked.value.to_string();
            report.warn(field, checked.warning);
        }
        Err(message) => report.error(field, message),
    }
}

fn plain<T>(r: Result<T, String>) -> Result<Checked<T>, String> {
    r.map(Checked::ok)
}

fn required(report: &mut Report, field: &str, value: &mut String, label: &str, hint: &str) {
    *value = value.trim().to_owned();
    if value.is_empty() {
        report.error(field, format!("{label} : champ obligatoire. {hint}"));
    }
}

fn check_flag(report: &mut Report, field: &str, label: &str, flag: &mut Flag, today: NaiveDate) {
    flag.proof = flag.proof.trim().to_owned();
    if !flag.set {
        return;
    }
    if flag.proof.is_empty() {
        report.warn(
            &format!("{field}.proof"),
            Some(format!(
                "{label} : précisez le justificatif (sans aucun détail médical)."
            )),
        );
    }
    if let Err(m) = bounds::check_line(&format!("{label}, justificatif"), &flag.proof, LINE_MAX) {
        report.error(&format!("{field}.proof"), m);
    }
    if let Some(date) = flag.proof_date
        && let Err(m) = bounds::check_date(
            &format!("{label}, date du justificatif"),
            date,
            DateRange::Past,
            today,
        )
    {
        report.error(&format!("{field}.proofDate"), m);
    }
}

/// IDCC: the 4 digits of a collective agreement.
fn is_idcc(text: &str) -> bool {
    text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit())
}

/// NAF rév. 2 code without its dot: 4 digits and a letter (`2562B`).
fn is_naf(text: &str) -> bool {
    text.len() == 5
        && text.as_bytes()[..4].iter().all(u8::is_ascii_digit)
        && text.as_bytes()[4].is_ascii_uppercase()
}

impl CaseData {
    /// Normalises every field (trims, canonical forms of NIR, SIRET, phone…) and reports.
    pub fn check(&mut self, today: NaiveDate) -> Report {
        let mut r = Report::default();
        let b = &mut self.beneficiary;
        required(
            &mut r,
            "beneficiary.birthName",
            &mut b.birth_name,
            "Nom de naissance",
            "Saisissez le nom figurant sur la pièce d’identité.",
        );
        required(
            &mut r,
            "beneficiary.firstNames",
            &mut b.first_names,
            "Prénoms",
            "Saisissez au moins le premier prénom.",
        );
        required(
            &mut r,
            "beneficiary.territory",
            &mut b.territory,
            "Territoire",
            "Choisissez le territoire de rattachement dans la liste.",
        );
        b.usage_name = b.usage_name.trim().to_owned();
        b.commune = b.commune.trim().to_owned();
        if let Some(birth) = b.birth_date {
            match validate::validate_birth_date(birth, today) {
                Ok(c) => r.warn("beneficiary.birthDate", c.warning),
                Err(m) => r.error("beneficiary.birthDate", m),
            }
        }
        optional(&mut r, "beneficiary.nir", &mut b.nir, |v| {
            validate::validate_nir(v).map(|c| Checked {
                value: c.value.0,
                warning: c.warning,
            })
        });
        optional(&mut r, "beneficiary.email", &mut b.email, |v| {
            plain(validate::validate_email(v))
        });
        optional(&mut r, "beneficiary.phone", &mut b.phone, |v| {
            plain(validate::normalize_phone(v))
        });
        optional(&mut r, "beneficiary.postalCode", &mut b.postal_code, |v| {
            plain(validate::validate_postal_code(v))
        });
        if let Some(level) = b.diploma_level
            && !(1..=8).contains(&level)
        {
            r.error(
                "beneficiary.diplomaLevel",
                "Niveau de diplôme : choisissez un niveau de 1 à 8.",
            );
        }
        for (i, consent) in b.consents.iter().enumerate() {
            if let (Some(given), Some(withdrawn)) = (consent.given_on, consent.withdrawn_on)
                && withdrawn < given
            {
                r.error(
                    &format!("beneficiary.consents.{i}.withdrawnOn"),
                    "Consentement : la date de retrait précède la date de recueil.",
                );
            }
        }

        let s = &mut self.situation;
        s.employer.name = s.employer.name.trim().to_owned();
        s.job_title = s.job_title.trim().to_owned();
        if !s.employer.foreign_identifier {
            optional(
                &mut r,
                "situation.employer.siret",
                &mut s.employer.siret,
                validate::validate_siret,
            );
        }
        let idcc = s.employer.idcc.trim();
        if !idcc.is_empty() && !is_idcc(idcc) {
            r.error("situation.employer.idcc", "IDCC : 4 chiffres attendus (ex. 3248 pour la métallurgie), tels qu’imprimés sur le bulletin de paie.");
        }
        s.employer.idcc = idcc.to_owned();
        let naf = s.employer.naf.trim().replace('.', "").to_ascii_uppercase();
        if !naf.is_empty() && !is_naf(&naf) {
            r.error(
                "situation.employer.naf",
                "Code NAF : 4 chiffres et une lettre attendus (ex. 25.62B ou 2562B).",
            );
        }
        s.employer.naf = naf;
        optional(&mut r, "situation.jobRome", &mut s.job_rome, |v| {
            plain(validate::validate_rome(v))
        });
        if let Some(start) = s.contract_start
            && let Err(m) = validate::validate_period("Contrat", start, s.contract_end)
        {
            r.error("situation.contractEnd", m);
        }
        if let (Some(total), Some(company)) = (s.seniority_months_total, s.seniority_months_company)
            && company > total
        {
            r.error("situation.seniorityMonthsCompany", "Ancienneté dans l’entreprise : elle ne peut dépasser l’ancienneté salariée totale.");
        }
        let f = &mut s.flags;
        check_flag(
            &mut r,
            "situation.flags.metierFragilise",
            "Métier fragilisé",
            &mut f.metier_fragilise,
            today,
        );
        check_flag(
            &mut r,
            "situation.flags.oeth",
            "Bénéficiaire de l’obligation d’emploi (OETH/RQTH)",
            &mut f.oeth,
            today,
        );
        check_flag(
            &mut r,
            "situation.flags.inaptitude",
            "Inaptitude",
            &mut f.inaptitude,
            today,
        );
        check_flag(
            &mut r,
            "situation.flags.longAbsence",
            "Absence de 6 mois ou plus",
            &mut f.long_absence,
            today,
        );

        let t = &mut self.parcours.training;
        t.title = t.title.trim().to_owned();
        t.provider = t.provider.trim().to_owned();
        if let Some(start) = t.start
            && let Err(m) = validate::validate_period("Formation", start, t.end)
        {
            r.error("parcours.training.end", m);
        }
        match t.hours {
            Some(0) => r.error(
                "parcours.training.hours",
                "Heures de formation : un nombre d’heures supérieur à zéro.",
            ),
            Some(h) if h > bounds::HOURS_MAX => r.error(
                "parcours.training.hours",
                "Heures de formation : 10 000 heures au plus ; vérifiez le nombre de chiffres.",
            ),
            _ => {}
        }
        if let Some(cost) = t.cost_cents
            && let Err(m) = bounds::check_amount("Coût pédagogique", cost, true)
        {
            r.error("parcours.training.costCents", m);
        }
        if self.parcours.funding.len() > bounds::FUNDING_LINES_MAX {
            r.error(
                "parcours.funding",
                "Plan de financement : 20 lignes au plus ; regroupez les lignes d’un même financeur.",
            );
        }
        for (i, line) in self.parcours.funding.iter_mut().enumerate() {
            line.covers = line.covers.trim().to_owned();
            let label = format!("Plan de financement, ligne {}", i + 1);
            if let Err(m) = bounds::check_amount(&label, line.amount_cents, false) {
                r.error(
                    &format!("parcours.funding.{i}.amountCents"),
                    format!("{m} Sinon, supprimez la ligne."),
                );
            }
            if let Err(m) = bounds::check_line(&format!("{label}, objet"), &line.covers, LINE_MAX) {
                r.error(&format!("parcours.funding.{i}.covers"), m);
            }
        }
        let p = &mut self.project;
        p.motive = p.motive.trim().to_owned();
        p.notes = p.notes.trim().to_owned();
        p.employment_prospects = p.employment_prospects.trim().to_owned();
        p.mobility_zone = p.mobility_zone.trim().to_owned();
        p.cep_opinion = p.cep_opinion.trim().to_owned();
        if p.cep_opinion.chars().take(OPINION_MAX + 1).count() > OPINION_MAX {
            r.error(
                "project.cepOpinion",
                "Avis du conseiller CEP : 4 000 caractères au plus ; résumez l’essentiel pour le comité.",
            );
        }
        if p.mobility_radius_km
            .is_some_and(|km| !(1..=300).contains(&km))
        {
            r.error(
                "project.mobilityRadiusKm",
                "Rayon de mobilité : entre 1 et 300 km ; laissez vide si la personne ne l’a pas dit.",
            );
        }
        if p.skills.len() > 300 {
            r.error(
                "project.skills",
                "Compétences déclarées : 300 au plus ; retirez celles qui ne servent pas le projet.",
            );
        }
        let mut seen = std::collections::HashSet::new();
        p.skills.retain(|s| seen.insert(s.code));
        optional(&mut r, "project.targetRome", &mut p.target_rome, |v| {
            plain(validate::validate_rome(v))
        });
        optional(
            &mut r,
            "project.targetCertification",
            &mut p.target_certification,
            |v| plain(validate::parse_certification_code(v).map(|c| c.as_str().to_owned())),
        );
        if !p.target_rome.is_empty() && p.target_rome == self.situation.job_rome {
            r.warn(
                "project.targetRome",
                Some("Code ROME visé identique au code ROME actuel : un projet de transition professionnelle serait irrecevable.".into()),
            );
        }
        self.check_bounds(today, &mut r);
        r
    }

    /// Lengths, characters, date ranges and counts of every field (issue 10): what no real case
    /// exceeds, and what would otherwise crash a date formula or bloat the database.
    fn check_bounds(&self, today: NaiveDate, r: &mut Report) {
        let b = &self.beneficiary;
        let s = &self.situation;
        let p = &self.project;
        let f = &self.parcours;
        let lines: [(&str, &str, &str, usize); 14] = [
            (
                "situation.seniorityOverrideReason",
                "Motif de l’ancienneté saisie",
                &s.seniority_override_reason,
                LINE_MAX,
            ),
            (
                "beneficiary.birthName",
                "Nom de naissance",
                &b.birth_name,
                NAME_MAX,
            ),
            (
                "beneficiary.usageName",
                "Nom d’usage",
                &b.usage_name,
                NAME_MAX,
            ),
            (
                "beneficiary.firstNames",
                "Prénoms",
                &b.first_names,
                NAME_MAX,
            ),
            ("beneficiary.commune", "Commune", &b.commune, LINE_MAX),
            (
                "beneficiary.territory",
                "Territoire",
                &b.territory,
                LINE_MAX,
            ),
            (
                "situation.employer.name",
                "Employeur",
                &s.employer.name,
                LINE_MAX,
            ),
            (
                "situation.employer.siret",
                "Identifiant de l’employeur",
                &s.employer.siret,
                LINE_MAX,
            ),
            (
                "situation.jobTitle",
                "Intitulé du poste",
                &s.job_title,
                LINE_MAX,
            ),
            (
                "project.mobilityZone",
                "Zone de mobilité",
                &p.mobility_zone,
                LINE_MAX,
            ),
            (
                "parcours.training.title",
                "Intitulé de la formation",
                &f.training.title,
                LINE_MAX,
            ),
            (
                "parcours.training.provider",
                "Organisme de formation",
                &f.training.provider,
                LINE_MAX,
            ),
            ("beneficiary.phone", "Téléphone", &b.phone, LINE_MAX),
            (
                "beneficiary.postalCode",
                "Code postal",
                &b.postal_code,
                LINE_MAX,
            ),
        ];
        for (field, label, value, max) in lines {
            if r.errors.iter().any(|e| e.field == field) {
                continue;
            }
            if let Err(m) = bounds::check_line(label, value, max) {
                r.error(field, m);
            }
        }
        let texts: [(&str, &str, &str, usize); 6] = [
            (
                "project.romeChangeJustification",
                "Éléments objectifs du changement de métier",
                &p.rome_change_justification,
                TEXT_MAX,
            ),
            ("project.motive", "Motif de la demande", &p.motive, TEXT_MAX),
            ("project.notes", "Notes", &p.notes, TEXT_MAX),
            (
                "project.employmentProspects",
                "Perspectives d’emploi",
                &p.employment_prospects,
                TEXT_MAX,
            ),
            (
                "project.cepOpinion",
                "Avis du conseiller CEP",
                &p.cep_opinion,
                OPINION_MAX,
            ),
            ("beneficiary.email", "E-mail", &b.email, LINE_MAX),
        ];
        for (field, label, value, max) in texts {
            if r.errors.iter().any(|e| e.field == field) {
                continue;
            }
            if let Err(m) = bounds::check_text(label, value, max) {
                r.error(field, m);
            }
        }
        if b.consents.len() > 50 {
            r.error(
                "beneficiary.consents",
                "Consentements : 50 au plus ; retirez les doublons.",
            );
        }
        for (i, consent) in b.consents.iter().enumerate() {
            if let Err(m) = bounds::check_line("Consentement, finalité", &consent.purpose, LINE_MAX)
            {
                r.error(&format!("beneficiary.consents.{i}.purpose"), m);
            }
            for (name, date) in [
                ("givenOn", consent.given_on),
                ("withdrawnOn", consent.withdrawn_on),
            ] {
                if let Some(date) = date
                    && let Err(m) =
                        bounds::check_date("Consentement, date", date, DateRange::Past, today)
                {
                    r.error(&format!("beneficiary.consents.{i}.{name}"), m);
                }
            }
        }
        if let Some(birth) = b.birth_date
            && let Err(m) = bounds::check_date("Date de naissance", birth, DateRange::Birth, today)
            && !r.errors.iter().any(|e| e.field == "beneficiary.birthDate")
        {
            r.error("beneficiary.birthDate", m);
        }
        let events = [
            (
                "situation.contractStart",
                "Début du contrat",
                s.contract_start,
            ),
            ("situation.contractEnd", "Fin du contrat", s.contract_end),
            (
                "parcours.training.start",
                "Début de la formation",
                f.training.start,
            ),
            (
                "parcours.training.end",
                "Fin de la formation",
                f.training.end,
            ),
            (
                "parcours.absenceRequestReceivedOn",
                "Demande d’absence reçue le",
                f.absence_request_received_on,
            ),
            (
                "parcours.employerAnswerOn",
                "Réponse de l’employeur le",
                f.employer_answer_on,
            ),
            (
                "parcours.dossierFiledOn",
                "Dossier déposé le",
                f.dossier_filed_on,
            ),
            ("parcours.commissionOn", "Commission du", f.commission_on),
            (
                "parcours.refusalNotifiedOn",
                "Refus notifié le",
                f.refusal_notified_on,
            ),
            (
                "parcours.recoursFiledOn",
                "Recours déposé le",
                f.recours_filed_on,
            ),
            (
                "parcours.demissionAttestedOn",
                "Attestation du caractère réel et sérieux du",
                f.demission_attested_on,
            ),
            (
                "parcours.vaeDossierCompleteOn",
                "Dossier de recevabilité VAE complet le",
                f.vae_dossier_complete_on,
            ),
        ];
        for (field, label, date) in events {
            if let Some(date) = date
                && let Err(m) = bounds::check_date(label, date, DateRange::Event, today)
            {
                r.error(field, m);
            }
        }
        let counts: [(&str, &str, Option<u32>, u32, &str); 10] = [
            (
                "parcours.intermittent.daysTotal",
                "Jours ou cachets sur 2 à 5 ans",
                f.intermittent.days_total.map(u32::from),
                1_830,
                "jours",
            ),
            (
                "parcours.intermittent.daysLast24Months",
                "Jours ou cachets sur 24 mois",
                f.intermittent.days_last_24_months.map(u32::from),
                731,
                "jours",
            ),
            (
                "parcours.intermittent.daysLast12Months",
                "Jours ou cachets sur 12 mois",
                f.intermittent.days_last_12_months.map(u32::from),
                366,
                "jours",
            ),
            (
                "situation.seniorityMonthsTotal",
                "Ancienneté salariée totale",
                s.seniority_months_total.map(u32::from),
                720,
                "mois",
            ),
            (
                "situation.seniorityMonthsCompany",
                "Ancienneté dans l’entreprise",
                s.seniority_months_company.map(u32::from),
                720,
                "mois",
            ),
            (
                "parcours.cddMonthsLast12",
                "Mois de CDD sur les 12 derniers mois",
                f.cdd_months_last_12.map(u32::from),
                12,
                "mois",
            ),
            (
                "parcours.salariedMonthsLast60",
                "Mois salariés sur les 5 dernières années",
                f.salaried_months_last_60.map(u32::from),
                60,
                "mois",
            ),
            (
                "parcours.interimHoursLast18Months",
                "Heures d’intérim sur 18 mois",
                f.interim_hours_last_18_months,
                bounds::HOURS_MAX,
                "heures",
            ),
            (
                "parcours.interimHoursInAgency",
                "Heures dans l’entreprise de travail temporaire",
                f.interim_hours_in_agency,
                bounds::HOURS_MAX,
                "heures",
            ),
            (
                "parcours.salariedDaysInWindow",
                "Jours travaillés sur la période",
                f.salaried_days_in_window.map(u32::from),
                2_200,
                "jours",
            ),
        ];
        for (field, label, value, max, unit) in counts {
            if value.is_some_and(|v| v > max) {
                r.error(
                    field,
                    format!(
                        "{label} : {} {unit} au plus ; vérifiez la saisie.",
                        crate::i18n::format_count(u64::from(max))
                    ),
                );
            }
        }
    }

    /// Normalises and validates; the authoritative check before any write.
    pub fn validated(mut self, today: NaiveDate) -> Result<(Self, Vec<FieldError>), AppError> {
        let report = self.check(today);
        if report.errors.is_empty() {
            Ok((self, report.warnings))
        } else {
            Err(AppError::Validation {
                errors: report.errors,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::model::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
    }

    fn minimal() -> CaseData {
        let mut c = CaseData::default();
        c.beneficiary.birth_name = " Dupré ".into();
        c.beneficiary.first_names = "Françoise".into();
        c.beneficiary.territory = "moselle-sud".into();
        c
    }

    #[test]
    fn a_minimal_case_is_valid_and_trimmed() {
        let (c, warnings) = minimal().validated(today()).unwrap();
        assert_eq!(c.beneficiary.birth_name, "Dupré");
        assert!(warnings.is_empty());
        assert_eq!(c.beneficiary.display_name(), "DUPRÉ Françoise");
    }

    #[test]
    fn required_fields_are_named() {
        let Err(AppError::Validation { errors }) = CaseData::default().validated(today()) else {
            panic!()
        };
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "beneficiary.birthName",
                "beneficiary.firstNames",
                "beneficiary.territory"
            ]
        );
    }

    #[test]
    fn identifiers_are_normalised_and_bad_ones_reported_at_their_field() {
        let mut c = minimal();
        c.beneficiary.nir = "2 06 12 75 111 005 64".into();
        c.beneficiary.phone = "+33 6 12 34 56 78".into();
        c.situation.employer.siret = "732 829 320 00074".into();
        c.situation.employer.naf = "25.62b".into();
        c.situation.job_rome = "h2913".into();
        let (c, _) = c.validated(today()).unwrap();
        assert_eq!(c.beneficiary.nir, "206127511100564");
        assert_eq!(c.beneficiary.phone, "06 12 34 56 78");
        assert_eq!(c.situation.employer.siret, "73282932000074");
        assert_eq!(c.situation.employer.naf, "2562B");
        assert_eq!(c.situation.job_rome, "H2913");

        let mut bad = minimal();
        bad.beneficiary.nir = "2 06 12 75 111 005 65".into();
        let report = bad.check(today());
        assert!(
            report
                .message_for("beneficiary.nir")
                .unwrap()
                .contains("clé attendue : 64")
        );
    }

    #[test]
    fn same_rome_warns_and_contract_dates_must_be_ordered() {
        let mut c = minimal();
        c.situation.job_rome = "M1607".into();
        c.project.target_rome = "M1607".into();
        c.situation.contract_start = NaiveDate::from_ymd_opt(2026, 5, 1);
        c.situation.contract_end = NaiveDate::from_ymd_opt(2026, 4, 1);
        let report = c.check(today());
        assert!(
            report
                .message_for("project.targetRome")
                .unwrap()
                .contains("irrecevable")
        );
        assert!(
            report
                .errors
                .iter()
                .any(|e| e.field == "situation.contractEnd")
        );
    }

    #[test]
    fn a_foreign_employer_identifier_skips_the_siret_check() {
        let mut c = minimal();
        c.situation.employer.siret = "MONACOCONFO001".into();
        assert!(c.clone().validated(today()).is_err());
        c.situation.employer.foreign_identifier = true;
        assert!(c.validated(today()).is_ok());
    }

    #[test]
    fn health_flags_ask_for_a_proof_type_only() {
        let mut c = minimal();
        c.situation.flags.oeth.set = true;
        let report = c.check(today());
        assert!(report.errors.is_empty());
        assert!(
            report
                .message_for("situation.flags.oeth.proof")
                .unwrap()
                .contains("sans aucun détail médical")
        );
    }
}
