//! Passerelle's PDF layer: committee dossiers and meeting packs.
//!
//! Pure functions from view models to PDF bytes. [`layout`] measures, wraps and paginates;
//! `writer` is the only part that knows printpdf. The same view model and the same generation
//! time always give the same bytes.

mod fonts;
pub mod layout;
mod records;
mod render;
mod writer;

use chrono::{DateTime, Timelike, Utc};
use passerelle_domain::committee::{DossierView, MeetingPack};
use passerelle_domain::i18n::{Msg, format_date, t};

pub use records::{person_pdf, registre_pdf};
pub use render::{cover_blocks, dossier_blocks};
pub use writer::Metadata;

use layout::{Face, Flow, INK, Item, MARGIN_X, MUTED, PAGE_HEIGHT, PAGE_WIDTH, Page, RULE};

/// When and by what a document was generated (printed in every footer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generation {
    pub at: DateTime<Utc>,
    pub app_version: String,
    /// The journal's head when the document was made (entry number and hash): printed in the
    /// footer, it gives the committee an outside copy of the chain, so a later truncation of
    /// the journal shows (`passerelle journal verify --anchor N:EMPREINTE`).
    pub journal_head: Option<(i64, String)>,
    /// Made from a demonstration database: every page says so, in red, above its header.
    pub demo: bool,
}

impl Generation {
    /// `SOURCE_DATE_EPOCH` (seconds since 1970, UTC) when set — reproducible output — else `now`.
    pub fn from_env_or(now: DateTime<Utc>, app_version: &str) -> Self {
        let at = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok())
            .and_then(|secs| DateTime::from_timestamp(secs, 0))
            .unwrap_or(now);
        Self {
            at,
            app_version: app_version.to_owned(),
            journal_head: None,
            demo: false,
        }
    }

    /// The same generation, marked as made from a demonstration database or not.
    pub fn with_demo(mut self, demo: bool) -> Self {
        self.demo = demo;
        self
    }

    /// The same generation with the journal's head to print.
    pub fn with_journal_head(mut self, head: Option<(i64, String)>) -> Self {
        self.journal_head = head;
        self
    }

    fn label(&self) -> String {
        let head = self
            .journal_head
            .as_ref()
            .map(|(id, hash)| format!(" · journal n° {id} · {}", &hash[..16.min(hash.len())]))
            .unwrap_or_default();
        format!(
            "{} {} à {} h {:02} (UTC) · Passerelle {}{head}",
            t(Msg::PdfGenerated),
            format_date(self.at.date_naive()),
            self.at.hour(),
            self.at.minute(),
            self.app_version
        )
    }
}

/// Running header and footer of one page; `watermark` (« Confidentiel — … — destinataire : … »)
/// above the header of every page.
fn decorate(
    left_title: &str,
    generation: &Generation,
    watermark: Option<&str>,
) -> impl Fn(usize, usize, &Page) -> Vec<Item> {
    let left_title = left_title.to_owned();
    let demo = generation.demo;
    let generation = generation.label();
    let watermark = watermark.map(str::to_owned);
    move |n, total, page| {
        let m = &*fonts::FONTS;
        use layout::Measure;
        let size = 7.5;
        let right = |text: &str, y: f32, face: Face, color| Item::Text {
            x: PAGE_WIDTH - MARGIN_X - m.width(face, size, text),
            y,
            size,
            face,
            color,
            text: text.to_owned(),
        };
        let page_label = format!("{} {n}/{total}", t(Msg::PdfPage));
        // The running title shares the line with the left title: cut it with an ellipsis.
        let room = PAGE_WIDTH - 2.0 * MARGIN_X - m.width(Face::Bold, size, &left_title) - 24.0;
        let mut running = page.running_title.clone();
        if m.width(Face::Regular, size, &running) > room {
            while !running.is_empty() && m.width(Face::Regular, size, &format!("{running}…")) > room
            {
                running.pop();
            }
            running = format!("{}…", running.trim_end());
        }
        let footer_top = PAGE_HEIGHT - 48.0;
        let mut items = Vec::new();
        if demo {
            items.push(Item::Text {
                x: MARGIN_X,
                y: 13.0,
                size: 8.0,
                face: Face::Bold,
                color: layout::DANGER,
                text: t(Msg::PdfDemo).to_owned(),
            });
        }
        if let Some(mark) = &watermark {
            items.push(Item::Text {
                x: MARGIN_X,
                y: 24.0,
                size,
                face: Face::Bold,
                color: layout::ACCENT,
                text: mark.clone(),
            });
        }
        items.extend([
            Item::Text {
                x: MARGIN_X,
                y: 36.0,
                size,
                face: Face::Bold,
                color: MUTED,
                text: left_title.clone(),
            },
            right(&running, 36.0, Face::Regular, MUTED),
            Item::Line {
                x1: MARGIN_X,
                y1: 42.0,
                x2: PAGE_WIDTH - MARGIN_X,
                y2: 42.0,
                color: RULE,
                width: 0.5,
            },
            Item::Line {
                x1: MARGIN_X,
                y1: footer_top,
                x2: PAGE_WIDTH - MARGIN_X,
                y2: footer_top,
                color: RULE,
                width: 0.5,
            },
            Item::Text {
                x: MARGIN_X,
                y: footer_top + 12.0,
                size,
                face: Face::Regular,
                color: MUTED,
                text: generation.clone(),
            },
            Item::Text {
                x: MARGIN_X,
                y: footer_top + 23.0,
                size: 6.5,
                face: Face::Regular,
                color: MUTED,
                text: format!("{} : {}", t(Msg::PdfFingerprint), page.hash),
            },
            right(&page_label, footer_top + 12.0, Face::Bold, INK),
        ]);
        items
    }
}

/// The PDF of one committee dossier.
pub fn dossier_pdf(view: &DossierView, generation: &Generation) -> Vec<u8> {
    let hash = view.content_hash();
    let m = &*fonts::FONTS;
    let mut flow = Flow::new(m);
    flow.start_part(&view.identity, &hash);
    for block in dossier_blocks(view, true) {
        flow.push(&block);
    }
    let laid = flow.finish(&decorate(
        &format!("Passerelle — {}", t(Msg::DossierTitle)),
        generation,
        view.watermark.as_deref(),
    ));
    writer::write(
        &laid,
        &Metadata {
            title: format!("{} — {}", t(Msg::DossierTitle), view.reference),
            author: view.counsellor.clone(),
            subject: if view.meeting_line.is_empty() {
                "Dossier présenté en comité".to_owned()
            } else {
                view.meeting_line.clone()
            },
            keywords: vec!["dossier".into(), "transition professionnelle".into()],
            creator: format!("Passerelle {}", generation.app_version),
            created_unix: generation.at.timestamp(),
            identity: format!("{hash}@{}", generation.at.timestamp()),
        },
    )
}

/// The PDF of a meeting pack: cover, agenda, then every dossier on its own pages, with a
/// bookmark per dossier.
pub fn pack_pdf(pack: &MeetingPack, generation: &Generation) -> Vec<u8> {
    let hash = pack.content_hash();
    let m = &*fonts::FONTS;
    let mut flow = Flow::new(m);
    let title = pack.header.line();
    flow.start_part(&title, &hash);
    for block in cover_blocks(pack) {
        flow.push(&block);
    }
    for (i, view) in pack.dossiers.iter().enumerate() {
        let label = format!("N° {} — {}", i + 1, view.identity);
        flow.start_part(&label, &view.content_hash());
        flow.push(&layout::Block::Heading {
            text: format!("Dossier n° {}", i + 1),
            bookmark: Some(label),
        });
        for block in dossier_blocks(view, false) {
            flow.push(&block);
        }
    }
    let laid = flow.finish(&decorate(
        &format!("Passerelle — {}", t(Msg::PackTitle)),
        generation,
        pack.dossiers.first().and_then(|d| d.watermark.as_deref()),
    ));
    writer::write(
        &laid,
        &Metadata {
            title: format!("{} — {}", t(Msg::PackTitle), title),
            author: pack
                .dossiers
                .first()
                .map(|d| d.structure.clone())
                .unwrap_or_default(),
            subject: title,
            keywords: vec!["séance".into(), "comité".into()],
            creator: format!("Passerelle {}", generation.app_version),
            created_unix: generation.at.timestamp(),
            identity: format!("{hash}@{}", generation.at.timestamp()),
        },
    )
}

/// What a recovery kit shows: the key, and whose database it opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecoveryKitView {
    /// « 7K3Q-9ZD2-… » (8 groups of 4).
    pub recovery_key: String,
    pub database_path: String,
    /// The counsellor and structure, to know whose kit it is.
    pub owner: String,
}

/// The printable « kit de secours »: the recovery key and how to use it. It opens the data: it
/// says so, and says where to keep it.
pub fn recovery_kit_pdf(kit: &RecoveryKitView, generation: &Generation) -> Vec<u8> {
    use layout::Block;
    let m = &*fonts::FONTS;
    let mut flow = Flow::new(m);
    let hash = {
        use sha2::{Digest, Sha256};
        Sha256::digest(format!(
            "{}|{}|{}",
            kit.recovery_key, kit.database_path, kit.owner
        ))
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<String>()
    };
    flow.start_part("Kit de secours", &hash);
    let para = |text: &str| Block::Paragraph {
        text: text.to_owned(),
        size: 10.0,
        face: Face::Regular,
        color: INK,
    };
    for block in [
        Block::Title {
            text: "Kit de secours Passerelle".into(),
            lines: vec![
                format!("Établi le {}", format_date(generation.at.date_naive())),
                kit.owner.clone(),
            ],
        },
        para(
            "Cette clé de secours permet de choisir une nouvelle phrase de passe si vous oubliez la vôtre. Sans phrase de passe ni clé de secours, les dossiers chiffrés ne peuvent plus être lus par personne.",
        ),
        Block::Space(8.0),
        Block::Heading {
            text: "Clé de secours".into(),
            bookmark: None,
        },
        Block::Paragraph {
            text: kit.recovery_key.clone(),
            size: 20.0,
            face: Face::Bold,
            color: INK,
        },
        Block::Space(8.0),
        Block::Fields(vec![
            ("Base de données".into(), kit.database_path.clone()),
            (
                "Lettres".into(),
                "chiffres 0 à 9 et lettres A à Z sans I, L, O ni U ; les tirets sont facultatifs"
                    .into(),
            ),
        ]),
        Block::Heading {
            text: "Où la ranger".into(),
            bookmark: None,
        },
        para(
            "Imprimez ce kit et rangez-le sous clé, hors de l’ordinateur et loin de lui (armoire fermée de la structure, coffre). Ne l’enregistrez pas sur l’ordinateur, ni dans un courriel ou un espace partagé : qui détient cette clé peut lire les dossiers.",
        ),
        Block::Heading {
            text: "Comment s’en servir".into(),
            bookmark: None,
        },
        para(
            "Dans Passerelle : à l’écran de déverrouillage, « Phrase de passe oubliée ? », saisissez la clé de secours puis choisissez une nouvelle phrase de passe. En ligne de commande : passerelle unlock --recovery.",
        ),
        para(
            "Un nouveau kit, établi depuis Paramètres › Sécurité, remplace celui-ci : ce kit cesse alors de fonctionner. Détruisez-le.",
        ),
    ] {
        flow.push(&block);
    }
    let laid = flow.finish(&decorate("Passerelle — Kit de secours", generation, None));
    writer::write(
        &laid,
        &Metadata {
            title: "Kit de secours Passerelle".into(),
            author: kit.owner.clone(),
            subject: "Clé de secours de la base chiffrée".into(),
            keywords: vec!["secours".into()],
            creator: format!("Passerelle {}", generation.app_version),
            created_unix: generation.at.timestamp(),
            identity: format!("{hash}@{}", generation.at.timestamp()),
        },
    )
}
