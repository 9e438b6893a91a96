//! Data-protection documents: the readable summary of an access request (« Vos données dans
//! Passerelle ») and the one-page registre of the processing.

use passerelle_domain::access::{PersonRecord, case_fields};
use passerelle_domain::i18n::{Label, field_label, format_date, format_euros, format_stamp_date};
use passerelle_domain::registre::Registre;
use sha2::{Digest, Sha256};

use crate::layout::{Align, Block, Column, Face, Flow, INK, TableRow, TimelineEntry};
use crate::{Generation, Metadata, decorate, fonts, writer};

fn hash_of(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0x1f]);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

fn heading(text: &str) -> Block {
    Block::Heading {
        text: text.to_owned(),
        bookmark: Some(text.to_owned()),
    }
}

fn paragraph(text: &str) -> Block {
    Block::Paragraph {
        text: text.to_owned(),
        size: 9.5,
        face: Face::Regular,
        color: INK,
    }
}

fn table(columns: &[(&str, f32)], rows: Vec<Vec<String>>) -> Block {
    Block::Table {
        columns: columns
            .iter()
            .map(|(title, width)| Column {
                title: (*title).to_owned(),
                width: *width,
                align: Align::Left,
            })
            .collect(),
        rows: rows.into_iter().map(TableRow::plain).collect(),
    }
}

/// The readable summary of an access request: every field held, then the parcours,
/// interviews, documents, committee outcomes, certifications, exports and history.
/// `unreadable`: documents whose file could not be read (named, so nothing is hidden).
pub fn person_pdf(
    record: &PersonRecord,
    unreadable: &[String],
    generation: &Generation,
) -> Vec<u8> {
    let json = serde_json::to_string(record).unwrap_or_default();
    let hash = hash_of(&[&json]);
    let m = &*fonts::FONTS;
    let mut flow = Flow::new(m);
    let case = &record.case;
    flow.start_part(&case.reference, &hash);
    let mut blocks = vec![
        Block::Title {
            text: "Vos données dans Passerelle".into(),
            lines: vec![
                format!("Dossier {}", case.reference),
                format!(
                    "Établi le {} à la demande de la personne (droit d’accès, RGPD art. 15)",
                    format_date(record.generated_on)
                ),
                format!("Conseiller : {}", case.counsellor),
            ],
        },
        paragraph(
            "Ce document résume tout ce que l’application conserve sur vous. Le fichier « donnees.json » joint en contient la copie complète, lisible par un programme ; le dossier « pieces » contient les documents conservés.",
        ),
        heading("Informations du dossier"),
        Block::Fields(case_fields(case)),
        heading("Parcours"),
        Block::Fields(vec![(
            "Étape actuelle".into(),
            record.step.label().to_owned(),
        )]),
    ];
    if !record.transitions.is_empty() {
        blocks.push(Block::Timeline(
            record
                .transitions
                .iter()
                .map(|t| TimelineEntry {
                    date: format_stamp_date(&t.at),
                    title: t.to.label().to_owned(),
                    detail: [t.actor.as_str(), t.reason.as_str()]
                        .iter()
                        .filter(|s| !s.trim().is_empty())
                        .copied()
                        .collect::<Vec<_>>()
                        .join(" — "),
                    current: false,
                })
                .collect(),
        ));
    }
    blocks.push(heading("Entretiens"));
    blocks.push(if record.interviews.is_empty() {
        paragraph("Aucun entretien enregistré.")
    } else {
        table(
            &[
                ("Date", 0.16),
                ("Type", 0.18),
                ("Durée", 0.1),
                ("Compte rendu", 0.56),
            ],
            record
                .interviews
                .iter()
                .map(|i| {
                    vec![
                        format_date(i.held_on),
                        i.kind.label().to_owned(),
                        format!("{} min", i.duration_minutes),
                        i.summary.clone(),
                    ]
                })
                .collect(),
        )
    });
    blocks.push(heading("Documents conservés"));
    blocks.push(if record.documents.is_empty() {
        paragraph("Aucun document conservé.")
    } else {
        table(
            &[
                ("Reçu le", 0.16),
                ("Nature", 0.3),
                ("Fichier", 0.4),
                ("Taille", 0.14),
            ],
            record
                .documents
                .iter()
                .map(|d| {
                    vec![
                        format_date(d.received_on),
                        d.kind.label().to_owned(),
                        d.file_name.clone(),
                        format!("{} o", d.size_bytes),
                    ]
                })
                .collect(),
        )
    });
    if !unreadable.is_empty() {
        blocks.push(paragraph(&format!(
            "Documents enregistrés mais illisibles (non joints) : {}.",
            unreadable.join(", ")
        )));
    }
    blocks.push(heading("Examens en comité"));
    blocks.push(if record.committee.is_empty() {
        paragraph("Le dossier n’a pas été présenté en comité.")
    } else {
        table(
            &[
                ("Séance", 0.4),
                ("Décision", 0.2),
                ("Motifs", 0.25),
                ("Montant accordé", 0.15),
            ],
            record
                .committee
                .iter()
                .map(|c| {
                    vec![
                        c.meeting.clone(),
                        c.outcome.clone().unwrap_or_else(|| "en attente".into()),
                        c.motifs.clone(),
                        c.amount_granted_cents.map(format_euros).unwrap_or_default(),
                    ]
                })
                .collect(),
        )
    });
    blocks.push(heading("Certifications"));
    blocks.push(if record.enrolments.is_empty() {
        paragraph("Aucune inscription à une certification.")
    } else {
        table(
            &[("Certification", 0.5), ("Voie", 0.2), ("Blocs", 0.3)],
            record
                .enrolments
                .iter()
                .map(|e| {
                    vec![
                        format!("{} — {}", e.certification_code, e.certification_title),
                        e.route.label().to_owned(),
                        e.blocs
                            .iter()
                            .map(|b| format!("{} : {}", b.code, b.status.label()))
                            .collect::<Vec<_>>()
                            .join(" ; "),
                    ]
                })
                .collect(),
        )
    });
    blocks.push(heading("Transmissions du dossier"));
    blocks.push(if record.exports.is_empty() {
        paragraph("Le dossier n’a pas été transmis.")
    } else {
        table(
            &[("Date", 0.2), ("Version", 0.25), ("Destinataires", 0.55)],
            record
                .exports
                .iter()
                .map(|e| {
                    vec![
                        format_stamp_date(&e.at),
                        match (e.kind.as_str(), e.pseudonymised) {
                            ("nom", _) => "nom seul".into(),
                            (_, true) => "pseudonymisée".into(),
                            _ => "complète".into(),
                        },
                        e.recipients.clone(),
                    ]
                })
                .collect(),
        )
    });
    blocks.push(heading("Historique des modifications"));
    let mut history = Vec::new();
    for entry in &record.history {
        for change in &entry.changes {
            history.push(vec![
                format_stamp_date(&entry.at),
                entry.actor.clone(),
                field_label(&change.field).to_owned(),
                change.after.clone().unwrap_or_default(),
            ]);
        }
    }
    blocks.push(table(
        &[
            ("Date", 0.16),
            ("Par", 0.18),
            ("Champ", 0.26),
            ("Nouvelle valeur", 0.4),
        ],
        history,
    ));
    for block in &blocks {
        flow.push(block);
    }
    let laid = flow.finish(&decorate(
        "Passerelle — Vos données",
        generation,
        Some("Document personnel — à remettre à la personne concernée"),
    ));
    writer::write(
        &laid,
        &Metadata {
            title: format!("Vos données — dossier {}", case.reference),
            author: case.counsellor.clone(),
            subject: "Réponse à une demande d’accès (RGPD art. 15)".into(),
            keywords: vec!["droit d’accès".into()],
            creator: format!("Passerelle {}", generation.app_version),
            created_unix: generation.at.timestamp(),
            identity: format!("{hash}@{}", generation.at.timestamp()),
        },
    )
}

/// The registre of the processing, on one page.
pub fn registre_pdf(registre: &Registre, generation: &Generation) -> Vec<u8> {
    let json = serde_json::to_string(registre).unwrap_or_default();
    let hash = hash_of(&[&json]);
    let m = &*fonts::FONTS;
    let mut flow = Flow::new(m);
    flow.start_part("Registre", &hash);
    let mut blocks = vec![Block::Title {
        text: "Registre des activités de traitement".into(),
        lines: vec![
            "Accompagnement des transitions professionnelles (Passerelle)".into(),
            format!(
                "Responsable du traitement : {} — fiche établie le {}",
                registre.controller,
                format_date(registre.generated_on)
            ),
            "Générée depuis les paramètres en vigueur ; à compléter (DPO, sous-traitants) et à valider.".into(),
        ],
    }];
    for section in &registre.sections {
        blocks.push(Block::Heading {
            text: section.title.clone(),
            bookmark: None,
        });
        blocks.push(Block::Fields(section.lines.clone()));
    }
    for block in &blocks {
        flow.push(block);
    }
    let laid = flow.finish(&decorate(
        "Passerelle — Registre des traitements",
        generation,
        None,
    ));
    writer::write(
        &laid,
        &Metadata {
            title: "Registre des activités de traitement — Passerelle".into(),
            author: registre.controller.clone(),
            subject: "RGPD art. 30".into(),
            keywords: vec!["registre".into(), "RGPD".into()],
            creator: format!("Passerelle {}", generation.app_version),
            created_unix: generation.at.timestamp(),
            identity: format!("{hash}@{}", generation.at.timestamp()),
        },
    )
}
