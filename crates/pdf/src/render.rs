//! From the committee view models to layout blocks: what goes where, in which words.

use passerelle_domain::committee::{CommitteeKind, DossierView, MeetingPack};
use passerelle_domain::i18n::{Label, Msg, format_date, format_euros, t};

use crate::layout::{
    ACCENT, Align, Block, Column, Face, INK, KO, MUTED, OK, TableRow, TimelineEntry, trim_number,
};

fn column(title: &str, width: f32, align: Align) -> Column {
    Column {
        title: title.to_owned(),
        width,
        align,
    }
}

fn fields(rows: &[passerelle_domain::committee::Row]) -> Block {
    Block::Fields(
        rows.iter()
            .map(|r| (r.label.clone(), r.value.clone()))
            .collect(),
    )
}

/// Numbers the sections as they come (some are optional).
struct Sections {
    n: u32,
    /// Prefix of the bookmark labels (the dossier's position in a pack).
    prefix: String,
    bookmarks: bool,
}

impl Sections {
    fn heading(&mut self, title: &str) -> Block {
        self.n += 1;
        let text = format!("{}. {title}", self.n);
        Block::Heading {
            bookmark: self.bookmarks.then(|| format!("{}{text}", self.prefix)),
            text,
        }
    }
}

/// The blocks of one dossier. `section_bookmarks`: an outline entry per section (a stand-alone
/// dossier); a pack bookmarks each dossier instead.
pub fn dossier_blocks(view: &DossierView, section_bookmarks: bool) -> Vec<Block> {
    let mut s = Sections {
        n: 0,
        prefix: String::new(),
        bookmarks: section_bookmarks,
    };
    let mut blocks = Vec::new();
    let mut lines = vec![format!("{} — {}", view.identity, view.reference)];
    if view.pseudonymised {
        lines[0] = view.identity.clone();
    }
    if !view.meeting_line.is_empty() {
        lines.push(view.meeting_line.clone());
    }
    lines.push(if view.structure.trim().is_empty() {
        format!("Conseiller CEP : {}", view.counsellor)
    } else {
        format!("Conseiller CEP : {} — {}", view.counsellor, view.structure)
    });
    lines.push(format!(
        "Étape actuelle du parcours : {}",
        view.current_step
    ));
    blocks.push(Block::Title {
        text: t(Msg::DossierTitle).to_owned(),
        lines,
    });
    match &view.notice {
        Some(notice) => blocks.push(Block::note(notice.clone())),
        None if view.pseudonymised => blocks.push(Block::note(t(Msg::DossierPseudonymisedNotice))),
        None => {}
    }

    blocks.push(s.heading(t(Msg::SectionBeneficiary)));
    blocks.push(fields(&view.beneficiary));

    blocks.push(s.heading(t(Msg::SectionTrades)));
    let trade = |tl: &passerelle_domain::committee::TradeLine| {
        if tl.code.is_empty() {
            "non renseigné".to_owned()
        } else {
            format!("{} — {}", tl.code, tl.label)
        }
    };
    blocks.push(Block::Fields(vec![
        ("Métier actuel (ROME)".into(), trade(&view.current_trade)),
        ("Métier visé (ROME)".into(), trade(&view.target_trade)),
    ]));

    blocks.push(s.heading(t(Msg::SectionRationale)));
    blocks.push(Block::text(&view.rationale));

    blocks.push(s.heading(t(Msg::SectionTraining)));
    blocks.push(fields(&view.training));
    if !view.blocs.is_empty() {
        let acquired = view.blocs.iter().filter(|b| b.acquired).count();
        blocks.push(Block::note(format!(
            "Blocs de compétences de la certification : {} acquis, {} à acquérir.",
            acquired,
            view.blocs.len() - acquired
        )));
        blocks.push(Block::Table {
            columns: vec![
                column("Code", 1.3, Align::Left),
                column("Bloc de compétences", 4.0, Align::Left),
                column("Statut", 1.0, Align::Left),
            ],
            rows: view
                .blocs
                .iter()
                .map(|b| TableRow {
                    cells: vec![
                        b.code.clone(),
                        b.title.clone(),
                        if b.acquired { "acquis" } else { "à acquérir" }.to_owned(),
                    ],
                    bold: false,
                    color: b.acquired.then_some(OK),
                })
                .collect(),
        });
    }

    blocks.push(s.heading(t(Msg::SectionFunding)));
    if view.funding.is_empty() {
        blocks.push(Block::text("Plan de financement non renseigné."));
    } else {
        let mut rows: Vec<TableRow> = view
            .funding
            .iter()
            .map(|f| {
                TableRow::plain(vec![
                    f.funder.clone(),
                    f.covers.clone(),
                    format_euros(f.amount_cents),
                ])
            })
            .collect();
        rows.push(TableRow {
            cells: vec![
                "Total".into(),
                String::new(),
                format_euros(view.funding_total_cents),
            ],
            bold: true,
            color: None,
        });
        blocks.push(Block::Table {
            columns: vec![
                column("Financeur", 2.0, Align::Left),
                column("Objet", 3.0, Align::Left),
                column("Montant", 1.4, Align::Right),
            ],
            rows,
        });
        blocks.push(Block::Paragraph {
            text: format!(
                "Montant demandé à Transitions Pro : {}",
                format_euros(view.amount_requested_cents)
            ),
            size: 10.0,
            face: Face::Bold,
            color: INK,
        });
    }

    blocks.push(s.heading(t(Msg::SectionProspects)));
    blocks.push(fields(&view.prospects));

    blocks.push(s.heading(t(Msg::SectionEligibility)));
    blocks.push(Block::note(format!(
        "Conditions évaluées au {} (début de la formation, à défaut date du jour).",
        view.eligibility_at
    )));
    blocks.push(Block::Table {
        columns: vec![
            column("Condition", 2.2, Align::Left),
            column("Résultat", 1.1, Align::Left),
            column("Explication", 4.0, Align::Left),
        ],
        rows: view
            .eligibility
            .iter()
            .map(|e| TableRow {
                cells: vec![e.rule.clone(), e.outcome.clone(), e.explanation.clone()],
                bold: false,
                color: match e.met {
                    Some(true) => Some(OK),
                    Some(false) => Some(KO),
                    None => None,
                },
            })
            .collect(),
    });

    blocks.push(s.heading(t(Msg::SectionPriority)));
    blocks.push(Block::Score {
        label: "Score de priorité (grille en vigueur à la date de la séance)".into(),
        value: view.priority.total as f32,
        max: view.priority.max as f32,
    });
    let any_unconfirmed = view.priority.items.iter().any(|i| i.unconfirmed);
    blocks.push(Block::Table {
        columns: vec![
            column("Critère", 5.0, Align::Left),
            column("Points", 0.9, Align::Right),
            column("Retenu", 0.9, Align::Left),
        ],
        rows: view
            .priority
            .items
            .iter()
            .map(|i| TableRow {
                cells: vec![
                    format!("{}{}", i.label, if i.unconfirmed { " *" } else { "" }),
                    trim_number(i.points as f32),
                    if i.met { "oui" } else { "non" }.to_owned(),
                ],
                bold: false,
                color: i.met.then_some(ACCENT),
            })
            .collect(),
    });
    if any_unconfirmed {
        blocks.push(Block::note(
            "* Critère repris d’une grille régionale comparable, non confirmé pour le Grand Est : valeur modifiable dans Paramètres › Valeurs réglementaires.",
        ));
    }

    blocks.push(s.heading(t(Msg::SectionOpinion)));
    blocks.push(Block::text(&view.cep_opinion));

    blocks.push(s.heading(t(Msg::SectionTimeline)));
    if view.timeline.is_empty() {
        blocks.push(Block::text("Aucune étape enregistrée."));
    } else {
        blocks.push(Block::Timeline(
            view.timeline
                .iter()
                .map(|l| TimelineEntry {
                    date: l.date.clone(),
                    title: if l.current {
                        format!("{} (étape actuelle)", l.step)
                    } else {
                        l.step.clone()
                    },
                    detail: if l.reason.is_empty() {
                        l.actor.clone()
                    } else {
                        format!("{} — « {} »", l.actor, l.reason)
                    },
                    current: l.current,
                })
                .collect(),
        ));
    }

    blocks.push(s.heading(t(Msg::SectionChecklist)));
    if view.checklist.is_empty() {
        blocks.push(Block::text("Aucune pièce attendue à cette étape."));
    } else {
        if !view.checklist_step.is_empty() {
            blocks.push(Block::note(format!(
                "Pièces attendues pour l’étape « {} ».",
                view.checklist_step
            )));
        }
        blocks.push(Block::Table {
            columns: vec![
                column("Pièce", 4.0, Align::Left),
                column("Obligatoire", 1.1, Align::Left),
                column("Statut", 1.2, Align::Left),
            ],
            rows: view
                .checklist
                .iter()
                .map(|c| TableRow {
                    cells: vec![
                        c.document.clone(),
                        if c.required {
                            "oui"
                        } else {
                            "le cas échéant"
                        }
                        .to_owned(),
                        c.status.clone(),
                    ],
                    bold: false,
                    color: Some(if c.ok {
                        OK
                    } else if c.required {
                        KO
                    } else {
                        MUTED
                    }),
                })
                .collect(),
        });
    }

    if let Some((heading, changes)) = &view.changes_since {
        blocks.push(s.heading(t(Msg::SectionChanges)));
        blocks.push(Block::note(heading.clone()));
        if changes.is_empty() {
            blocks.push(Block::text(
                "Aucune modification du dossier depuis cette séance.",
            ));
        } else {
            blocks.push(Block::Table {
                columns: vec![
                    column("Date", 1.3, Align::Left),
                    column("Champ", 2.0, Align::Left),
                    column("Avant", 2.0, Align::Left),
                    column("Après", 2.0, Align::Left),
                ],
                rows: changes
                    .iter()
                    .map(|c| {
                        TableRow::plain(vec![
                            c.date.clone(),
                            c.field.clone(),
                            c.before.clone(),
                            c.after.clone(),
                        ])
                    })
                    .collect(),
            });
        }
    }

    let local = view.committee_kind == Some(CommitteeKind::ComiteLocal);
    // The decision heading stays with its box.
    blocks.push(Block::Need(if view.outcome.is_some() {
        90.0
    } else {
        200.0
    }));
    blocks.push(s.heading(t(if local {
        Msg::SectionCommitteeOpinion
    } else {
        Msg::SectionDecision
    })));
    if let Some(rows) = &view.outcome {
        blocks.push(fields(rows));
    } else if local {
        blocks.push(Block::FormBox {
            title: "Avis du comité des transitions individuelles".into(),
            choices: vec!["Favorable".into(), "Réservé".into(), "Défavorable".into()],
            lines: vec![
                "Motifs :".into(),
                String::new(),
                "Date et signature :".into(),
            ],
        });
    } else {
        blocks.push(Block::FormBox {
            title: "Décision de la commission paritaire".into(),
            choices: vec![
                "Accord".into(),
                "Accord partiel".into(),
                "Refus".into(),
                "Irrecevable".into(),
                "Ajourné".into(),
            ],
            lines: vec![
                "Montant accordé (€) :".into(),
                "Motifs :".into(),
                String::new(),
                "Date et signature du président de séance :".into(),
            ],
        });
    }
    blocks
}

/// Cover and agenda of a meeting pack.
pub fn cover_blocks(pack: &MeetingPack) -> Vec<Block> {
    let header = &pack.header;
    let mut lines = vec![
        header.kind.label().to_owned(),
        format!("Séance du {}", format_date(header.held_on)),
        format!("Lieu : {}", header.place.trim()),
        format!(
            "{} — montant total demandé : {}",
            passerelle_domain::i18n::count_noun(pack.dossiers.len() as u64, "dossier"),
            format_euros(
                pack.dossiers
                    .iter()
                    .fold(0i64, |t, d| t.saturating_add(d.amount_requested_cents))
            )
        ),
    ];
    if pack.pseudonymised {
        lines.push("Version pseudonymisée".into());
    }
    let mut blocks = vec![
        Block::Title {
            text: t(Msg::PackTitle).to_owned(),
            lines,
        },
        Block::note(t(Msg::DossierConfidential)),
    ];
    if pack.pseudonymised {
        blocks.push(Block::note(t(Msg::DossierPseudonymisedNotice)));
    }
    if !pack.members.is_empty() {
        blocks.push(Block::Heading {
            text: t(Msg::PackMembers).to_owned(),
            bookmark: None,
        });
        blocks.push(Block::text(pack.members.join("\n")));
    }
    blocks.push(Block::Heading {
        text: t(Msg::PackAgenda).to_owned(),
        bookmark: Some(t(Msg::PackAgenda).to_owned()),
    });
    let mut rows: Vec<TableRow> = pack
        .dossiers
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let line = d.agenda_line(i as u32 + 1);
            TableRow::plain(vec![
                line.position.to_string(),
                line.who,
                line.target,
                format_euros(line.amount_requested_cents),
            ])
        })
        .collect();
    rows.push(TableRow {
        cells: vec![
            String::new(),
            "Total".into(),
            String::new(),
            format_euros(
                pack.dossiers
                    .iter()
                    .fold(0i64, |t, d| t.saturating_add(d.amount_requested_cents)),
            ),
        ],
        bold: true,
        color: None,
    });
    blocks.push(Block::Table {
        columns: vec![
            column("N°", 0.5, Align::Right),
            column(
                if pack.pseudonymised {
                    "Pseudonyme"
                } else {
                    "Bénéficiaire"
                },
                2.0,
                Align::Left,
            ),
            column("Métier visé", 3.6, Align::Left),
            column("Montant demandé", 1.5, Align::Right),
        ],
        rows,
    });
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_local_committee_dossier_asks_for_an_opinion_not_a_decision() {
        let mut view: DossierView = serde_json::from_value(serde_json::json!({
            "pseudonymised": false, "identity": "X", "reference": "R", "counsellor": "C",
            "structure": "S", "meeting": null, "meetingLine": "", "beneficiary": [],
            "currentTrade": {"code": "", "label": ""}, "targetTrade": {"code": "", "label": ""},
            "rationale": "", "training": [], "certification": "", "blocs": [], "funding": [],
            "fundingTotalCents": 0, "amountRequestedCents": 0, "prospects": [],
            "eligibility": [], "eligibilityAt": "", "priority": {"items": [], "total": 0.0, "max": 0.0},
            "cepOpinion": "", "currentStep": "", "timeline": [], "checklistStep": "",
            "checklist": [], "changesSince": null, "outcome": null, "committeeKind": "comite_local"
        }))
        .unwrap();
        let has = |blocks: &[Block], what: &str| {
            blocks
                .iter()
                .any(|b| matches!(b, Block::FormBox { title, .. } if title.contains(what)))
        };
        assert!(has(&dossier_blocks(&view, true), "comité"));
        view.committee_kind = Some(CommitteeKind::CommissionParitaire);
        assert!(has(&dossier_blocks(&view, true), "commission paritaire"));
    }
}
