//! The record of processing activities (RGPD art. 30), as far as the app can write it: one
//! page describing what Passerelle processes, why, for how long (the retention values in force,
//! read from the dated parameters) and for whom. The operator's DPO completes and signs it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::case::CONSENT_PURPOSES;
use crate::params::{Parameters, key};

/// The registre's content: sections of label / value lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Registre {
    pub generated_on: NaiveDate,
    /// The operator (the counsellor's structure), « non renseignée » when the profile is empty.
    pub controller: String,
    pub sections: Vec<RegistreSection>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RegistreSection {
    pub title: String,
    pub lines: Vec<(String, String)>,
}

fn months(n: u32) -> String {
    if n.is_multiple_of(12) {
        let years = n / 12;
        format!("{years} an{}", if years > 1 { "s" } else { "" })
    } else {
        format!("{n} mois")
    }
}

fn section(title: &str, lines: &[(&str, String)]) -> RegistreSection {
    RegistreSection {
        title: title.to_owned(),
        lines: lines
            .iter()
            .map(|(l, v)| ((*l).to_owned(), v.clone()))
            .collect(),
    }
}

/// The registre on `today`, from the parameters in force and the operator's name.
pub fn registre(params: &Parameters, controller: &str, today: NaiveDate) -> Registre {
    let active = params.count(key::RETENTION_ACTIVE_MONTHS, today);
    let case = params.count(key::RETENTION_CASE_MONTHS, today);
    let documents = params.count(key::RETENTION_DOCUMENTS_MONTHS, today);
    let controller = match controller.trim() {
        "" => "non renseignée (Paramètres › Profil)".to_owned(),
        name => name.to_owned(),
    };
    let sections = vec![
        section(
            "Traitement",
            &[
                (
                    "Finalités",
                    "conseil en évolution professionnelle (art. L6111-6 du Code du travail) ; demandes de financement (PTP, démission-reconversion, OPCO) et comités ; suivi des formations et certifications (RNCP, RS, VAE, CléA) ; statistiques sans identification".into(),
                ),
                (
                    "Base légale",
                    "mission d’intérêt public confiée par la loi (RGPD art. 6.1.e) ; données de santé limitées à des indicateurs, sur consentement explicite (RGPD art. 9.2.a) — à confirmer par le délégué à la protection des données".into(),
                ),
                ("Consentements recueillis", CONSENT_PURPOSES.join(" ; ")),
            ],
        ),
        section(
            "Données traitées",
            &[
                (
                    "Catégories",
                    "des personnes accompagnées : identité, coordonnées ; NIR (facultatif, jamais transmis au comité) ; situation professionnelle ; projet, formation, financement ; entretiens ; pièces justificatives ; décisions des comités ; certifications".into(),
                ),
                (
                    "Données sensibles",
                    "indicateurs seulement (obligation d’emploi, inaptitude, absence longue) et nature du justificatif, jamais de diagnostic".into(),
                ),
            ],
        ),
        section(
            "Durées de conservation en vigueur",
            &[
                (
                    "Dossier ouvert",
                    format!("l’accompagnement, puis {} sans contact avant d’être proposé à la clôture", months(active)),
                ),
                ("Dossier clos", format!("{} après la fin de l’accompagnement, puis expurgé (les décomptes restent)", months(case))),
                ("Pièces justificatives", format!("{} après la fin de l’accompagnement (contrôle des formations)", months(documents))),
                ("Journal des modifications", "comme le dossier ; ses valeurs sont expurgées avec lui".into()),
                ("Sources", "référentiels de la CNIL (social et médico-social, 2023 ; protection de l’enfance, 2022) ; durées propres au CEP NON CONFIRMÉES, à valider par le DPO".into()),
            ],
        ),
        section(
            "Destinataires, sécurité et droits",
            &[
                ("Internes", "le conseiller qui suit la personne et sa structure".into()),
                ("Financeurs", "Transitions Pro Grand Est, OPCO : dossier complet ou pseudonymisé, destinataires enregistrés".into()),
                ("Certification", "certificateurs et jurys, pour les candidats inscrits ; aucun transfert hors UE".into()),
                ("Mesures", "base et pièces chiffrées sur le poste, verrouillage après inactivité, journal authentifié, sauvegardes chiffrées".into()),
                ("Droits des personnes", "accès : export des données de la personne ; effacement : purge, refusée tant qu’une obligation impose de conserver ; retrait du consentement : plus d’export vers les financeurs".into()),
            ],
        ),
    ];
    Registre {
        generated_on: today,
        controller,
        sections,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_retention_values_in_force_are_printed() {
        let mut p = Parameters::default();
        let today = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let r = registre(&p, "Maison de l’emploi de Sarrebourg", today);
        let text = serde_json::to_string(&r).unwrap();
        assert!(text.contains("5 ans après la fin"), "{text}");
        assert!(text.contains("3 ans après la fin"), "{text}");
        p.overrides.push(crate::params::ParamValue {
            key: key::RETENTION_CASE_MONTHS.into(),
            valid_from: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            value: 30.0,
            note: String::new(),
        });
        let r = registre(&p, "", today);
        assert!(
            serde_json::to_string(&r)
                .unwrap()
                .contains("30 mois après la fin")
        );
        assert!(r.controller.starts_with("non renseignée"));
    }
}
