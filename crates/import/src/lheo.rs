//! LHEO feeds of the training offer (the Carif-Oref's « offres » export, Onisep's, a provider's
//! own): formations, their actions and the actions' sessions, read into
//! [`passerelle_domain::training`] values.
//!
//! LHEO 2.2 (`http://www.lheo.org/2.2`), 2.3 (`http://lheo.gouv.fr/2.3`) and files without a
//! namespace are read alike: elements are matched by their local names, with the nesting the
//! LHEO definition gives them (`lheo › offres › formation › action › session`). The file is
//! streamed (quick-xml, no tree in memory, no entity expansion). Text fields keep plain text:
//! the escaped HTML real feeds carry (`&lt;p&gt;…`) is stripped.
//!
//! What is read: `formation` (`numero`) › `intitule-formation`, `objectif-formation`,
//! `domaine-formation › code-FORMACODE, code-ROME`, `certification › code-RNCP, code-RS` (digits
//! get their prefix: `474` → `RNCP474`; `code-CERTIFINFO` is ignored), the blocs of competences
//! of the sessions (`blocs-competences › bloc-competences › code-bloc`, gathered on the
//! formation), `organisme-formation-responsable` (`SIRET-organisme-formation › SIRET`,
//! `raison-sociale`, else `nom-organisme`); `action` (`numero`) › `modalites-enseignement`,
//! `code-modalite-pedagogique` (96147 AFEST, 96127 chantier école), `nombre-heures-centre`,
//! `nombre-heures-entreprise`, `nombre-heures-total`, `prix-total-TTC`, the first
//! `lieu-de-formation`'s `ville` and `code-INSEE-commune` (none for an action entirely at a
//! distance), the first `organisme-formateur` (`SIRET-formateur › SIRET`,
//! `raison-sociale-formateur`; without one, the organisme responsable); `session` (`numero`) ›
//! `periode › debut, fin` (`00000000`/`99999999` unknown, `AAAAMM00` a month), `etat-recrutement`.
//!
//! All or nothing: a missing mandatory element (`intitule-formation`, an `action`, a `session`,
//! its `periode › debut`), an unreadable value, a duplicate `numero` or malformed XML, and
//! [`read_lheo`] returns every problem found (up to [`MAX_ERRORS`]) with its line, never part of
//! the offer.

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use passerelle_domain::training::{
    Action, FORMACODE_AFEST, FORMACODE_CHANTIER_ECOLE, Formation, Origin, Provider, Recruitment,
    Session, Teaching,
};
use passerelle_domain::validate::{CertificationCode, bounds, excerpt, parse_certification_code};
use quick_xml::Reader;
use quick_xml::errors::{Error as XmlError, IllFormedError, SyntaxError};
use quick_xml::events::{BytesStart, Event};

use crate::{ImportError, LineError, Notice};

/// Errors listed for one file; past them, a notice counts the others.
pub const MAX_ERRORS: usize = 100;
/// Nesting deeper than any LHEO file has (the deepest path is about ten elements).
const MAX_DEPTH: usize = 64;

/// Reads an LHEO file: every formation it offers, or every problem found.
pub fn read_lheo(bytes: &[u8], file_name: &str) -> Result<Vec<Formation>, ImportError> {
    let refused = |error: LineError| ImportError::Refused {
        errors: vec![error],
        notices: Vec::new(),
    };
    let text = decode(bytes, file_name).map_err(refused)?;
    let mut parser = Parser::new(file_name, &text);
    parser.run();
    parser.finish()
}

// ---------------------------------------------------------------------------------------------
// Decoding

/// The file as text: UTF-8 (with or without BOM), UTF-16 with its BOM, or the encoding its XML
/// declaration names (`ISO-8859-1`, `windows-1252`). A file that declares nothing and is not
/// UTF-8 is read as Windows-1252, unless it is UTF-8 but for a stray byte (then located).
fn decode<'b>(bytes: &'b [u8], file: &str) -> Result<Cow<'b, str>, LineError> {
    let fail = |line: u64, reason: String| LineError {
        file: file.to_owned(),
        line,
        column: String::new(),
        reason,
    };
    if bytes.len() as u64 > bounds::IMPORT_MAX_BYTES {
        return Err(fail(
            0,
            format!(
                "fichier trop volumineux ({} Mo ; {} Mo au plus) : scindez le flux en plusieurs fichiers",
                (bytes.len() as u64).div_ceil(1024 * 1024),
                bounds::IMPORT_MAX_BYTES / (1024 * 1024)
            ),
        ));
    }
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom..];
        if encoding == UTF_8 {
            return utf8(body, file);
        }
        return encoding
            .decode_without_bom_handling_and_without_replacement(body)
            .map(|t| Cow::Owned(t.into_owned()))
            .ok_or_else(|| {
                fail(
                    0,
                    format!("caractères mal encodés pour un fichier {}", encoding.name()),
                )
            });
    }
    if let Some(label) = declared_encoding(bytes) {
        let Some(encoding) = Encoding::for_label(label.as_bytes()) else {
            return Err(fail(
                1,
                format!(
                    "encodage « {} » inconnu dans la déclaration XML : enregistrez le fichier en UTF-8",
                    excerpt(&label)
                ),
            ));
        };
        // A declaration readable as ASCII is not UTF-16, whatever it says.
        if encoding != UTF_8
            && encoding != encoding_rs::UTF_16LE
            && encoding != encoding_rs::UTF_16BE
        {
            return encoding
                .decode_without_bom_handling_and_without_replacement(bytes)
                .map(|t| Cow::Owned(t.into_owned()))
                .ok_or_else(|| {
                    fail(
                        0,
                        format!(
                            "caractères invalides pour l’encodage « {label} » que le fichier déclare"
                        ),
                    )
                });
        }
        return utf8(bytes, file);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Cow::Borrowed(text)),
        Err(_) if !bytes.utf8_chunks().any(|c| !c.valid().is_ascii()) => {
            // Not a single valid accented UTF-8 character: an undeclared Latin-1 export.
            Ok(Cow::Owned(
                WINDOWS_1252
                    .decode_without_bom_handling(bytes)
                    .0
                    .into_owned(),
            ))
        }
        Err(_) => utf8(bytes, file),
    }
}

/// Strict UTF-8, a stray byte located by line and offset.
fn utf8<'b>(bytes: &'b [u8], file: &str) -> Result<Cow<'b, str>, LineError> {
    std::str::from_utf8(bytes).map(Cow::Borrowed).map_err(|err| {
        let at = err.valid_up_to();
        LineError {
            file: file.to_owned(),
            line: 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count() as u64,
            column: String::new(),
            reason: format!(
                "octet 0x{:02X} invalide en UTF-8 (octet n° {} du fichier) : corrigez ce caractère, ou déclarez l’encodage réel du fichier (<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>)",
                bytes[at],
                at + 1
            ),
        }
    })
}

/// The `encoding` of the XML declaration, if the file starts with one.
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(512)];
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let end = head.windows(2).position(|w| w == b"?>")?;
    let decl = std::str::from_utf8(&head[..end]).ok()?;
    let after = decl
        .split_once("encoding")?
        .1
        .trim_start()
        .strip_prefix('=')?;
    let after = after.trim_start();
    let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = after[1..].split(quote).next()?;
    Some(value.trim().to_owned())
}

// ---------------------------------------------------------------------------------------------
// Elements

/// The LHEO elements the reader uses, by local name; every other one is `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Lheo,
    Offres,
    Formation,
    IntituleFormation,
    ObjectifFormation,
    DomaineFormation,
    CodeFormacode,
    CodeRome,
    Certification,
    CodeRncp,
    CodeRs,
    Action,
    ModalitesEnseignement,
    CodeModalitePedagogique,
    HeuresCentre,
    HeuresEntreprise,
    HeuresTotal,
    PrixTotal,
    LieuDeFormation,
    Ville,
    CodeInsee,
    OrganismeFormateur,
    SiretFormateur,
    RaisonSocialeFormateur,
    Siret,
    Session,
    Periode,
    Debut,
    Fin,
    EtatRecrutement,
    BlocCompetences,
    CodeBloc,
    OrganismeResponsable,
    SiretOrganismeFormation,
    NomOrganisme,
    RaisonSociale,
    Other,
}

impl Tag {
    fn of(local: &str) -> Self {
        match local {
            "lheo" => Self::Lheo,
            "offres" => Self::Offres,
            "formation" => Self::Formation,
            "intitule-formation" => Self::IntituleFormation,
            "objectif-formation" => Self::ObjectifFormation,
            "domaine-formation" => Self::DomaineFormation,
            "code-FORMACODE" => Self::CodeFormacode,
            "code-ROME" => Self::CodeRome,
            "certification" => Self::Certification,
            "code-RNCP" => Self::CodeRncp,
            "code-RS" => Self::CodeRs,
            "action" => Self::Action,
            "modalites-enseignement" => Self::ModalitesEnseignement,
            "code-modalite-pedagogique" => Self::CodeModalitePedagogique,
            "nombre-heures-centre" => Self::HeuresCentre,
            "nombre-heures-entreprise" => Self::HeuresEntreprise,
            "nombre-heures-total" => Self::HeuresTotal,
            "prix-total-TTC" => Self::PrixTotal,
            "lieu-de-formation" => Self::LieuDeFormation,
            "ville" => Self::Ville,
            "code-INSEE-commune" => Self::CodeInsee,
            "organisme-formateur" => Self::OrganismeFormateur,
            "SIRET-formateur" => Self::SiretFormateur,
            "raison-sociale-formateur" => Self::RaisonSocialeFormateur,
            "SIRET" => Self::Siret,
            "session" => Self::Session,
            "periode" => Self::Periode,
            "debut" => Self::Debut,
            "fin" => Self::Fin,
            "etat-recrutement" => Self::EtatRecrutement,
            "bloc-competences" => Self::BlocCompetences,
            "code-bloc" => Self::CodeBloc,
            "organisme-formation-responsable" => Self::OrganismeResponsable,
            "SIRET-organisme-formation" => Self::SiretOrganismeFormation,
            "nom-organisme" => Self::NomOrganisme,
            "raison-sociale" => Self::RaisonSociale,
            _ => Self::Other,
        }
    }

    /// The element's name, for messages.
    fn name(self) -> &'static str {
        match self {
            Self::Lheo => "lheo",
            Self::Offres => "offres",
            Self::Formation => "formation",
            Self::IntituleFormation => "intitule-formation",
            Self::ObjectifFormation => "objectif-formation",
            Self::DomaineFormation => "domaine-formation",
            Self::CodeFormacode => "code-FORMACODE",
            Self::CodeRome => "code-ROME",
            Self::Certification => "certification",
            Self::CodeRncp => "code-RNCP",
            Self::CodeRs => "code-RS",
            Self::Action => "action",
            Self::ModalitesEnseignement => "modalites-enseignement",
            Self::CodeModalitePedagogique => "code-modalite-pedagogique",
            Self::HeuresCentre => "nombre-heures-centre",
            Self::HeuresEntreprise => "nombre-heures-entreprise",
            Self::HeuresTotal => "nombre-heures-total",
            Self::PrixTotal => "prix-total-TTC",
            Self::LieuDeFormation => "lieu-de-formation",
            Self::Ville => "ville",
            Self::CodeInsee => "code-INSEE-commune",
            Self::OrganismeFormateur => "organisme-formateur",
            Self::SiretFormateur => "SIRET-formateur",
            Self::RaisonSocialeFormateur => "raison-sociale-formateur",
            Self::Siret => "SIRET",
            Self::Session => "session",
            Self::Periode => "periode",
            Self::Debut => "debut",
            Self::Fin => "fin",
            Self::EtatRecrutement => "etat-recrutement",
            Self::BlocCompetences => "bloc-competences",
            Self::CodeBloc => "code-bloc",
            Self::OrganismeResponsable => "organisme-formation-responsable",
            Self::SiretOrganismeFormation => "SIRET-organisme-formation",
            Self::NomOrganisme => "nom-organisme",
            Self::RaisonSociale => "raison-sociale",
            Self::Other => "?",
        }
    }

    /// Elements whose text the reader keeps (the others are containers or unused).
    fn holds_text(self) -> bool {
        !matches!(
            self,
            Self::Lheo
                | Self::Offres
                | Self::Formation
                | Self::DomaineFormation
                | Self::Certification
                | Self::Action
                | Self::LieuDeFormation
                | Self::OrganismeFormateur
                | Self::SiretFormateur
                | Self::Session
                | Self::Periode
                | Self::BlocCompetences
                | Self::OrganismeResponsable
                | Self::SiretOrganismeFormation
                | Self::Other
        )
    }
}

/// An open element, the line its start tag is on and the tag's byte offset (to name it in a
/// message without keeping every name).
#[derive(Debug, Clone, Copy)]
struct Frame {
    tag: Tag,
    line: u64,
    at: usize,
}

// ---------------------------------------------------------------------------------------------
// Drafts: what is known of the formation, action and session being read

#[derive(Debug, Default)]
struct FormationDraft {
    numero: Option<String>,
    line: u64,
    title: Option<String>,
    objective: String,
    romes: Vec<String>,
    formacodes: Vec<String>,
    certifications: Vec<String>,
    blocs: Vec<String>,
    actions: Vec<(u64, Action, bool)>,
    action_keys: HashMap<String, u64>,
    responsible: Provider,
    responsible_name_fallback: String,
}

#[derive(Debug)]
struct ActionDraft {
    numero: Option<String>,
    line: u64,
    action: Action,
    /// `lieu-de-formation` and `organisme-formateur` seen: only the first of each is used.
    places: u32,
    trainers: u32,
    session_keys: HashMap<String, u64>,
}

#[derive(Debug, Default)]
struct SessionDraft {
    numero: Option<String>,
    line: u64,
    periode_line: Option<u64>,
    start_seen: bool,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    recruitment: Option<Recruitment>,
}

// ---------------------------------------------------------------------------------------------
// The reader

struct Parser<'t> {
    file: &'t str,
    text: &'t str,
    /// Bytes of `text` whose newlines are counted, and the line at that offset.
    counted: usize,
    line: u64,
    stack: Vec<Frame>,
    /// Text of the element being read, when it is one the reader keeps.
    buf: String,
    errors: Vec<LineError>,
    dropped: usize,
    formations: Vec<Formation>,
    keys: HashMap<String, u64>,
    untitled: HashMap<String, u32>,
    formation: Option<FormationDraft>,
    action: Option<ActionDraft>,
    session: Option<SessionDraft>,
    root_seen: bool,
    formations_seen: usize,
}

impl<'t> Parser<'t> {
    fn new(file: &'t str, text: &'t str) -> Self {
        Self {
            file,
            text: text.strip_prefix('\u{feff}').unwrap_or(text),
            counted: 0,
            line: 1,
            stack: Vec::new(),
            buf: String::new(),
            errors: Vec::new(),
            dropped: 0,
            formations: Vec::new(),
            keys: HashMap::new(),
            untitled: HashMap::new(),
            formation: None,
            action: None,
            session: None,
            root_seen: false,
            formations_seen: 0,
        }
    }

    fn error(&mut self, line: u64, reason: String) {
        if self.errors.len() < MAX_ERRORS {
            self.errors.push(LineError {
                file: self.file.to_owned(),
                line,
                column: String::new(),
                reason,
            });
        } else {
            self.dropped += 1;
        }
    }

    /// The line of a byte offset; offsets are asked in increasing order but for errors.
    fn line_at(&mut self, offset: usize) -> u64 {
        let offset = offset.min(self.text.len());
        if offset < self.counted {
            self.counted = 0;
            self.line = 1;
        }
        let newlines = self.text.as_bytes()[self.counted..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.line += newlines as u64;
        self.counted = offset;
        self.line
    }

    fn parent(&self) -> Option<Tag> {
        self.stack.last().map(|f| f.tag)
    }

    fn grandparent(&self) -> Option<Tag> {
        self.stack.len().checked_sub(2).map(|i| self.stack[i].tag)
    }

    fn inside(&self, tag: Tag) -> bool {
        self.stack.iter().any(|f| f.tag == tag)
    }

    fn run(&mut self) {
        let text = self.text;
        let mut reader = Reader::from_str(text);
        loop {
            let before = reader.buffer_position() as usize;
            let event = match reader.read_event() {
                Ok(event) => event,
                Err(err) => {
                    let line = self.line_at(reader.error_position() as usize);
                    self.error(line, format!("XML mal formé : {}", xml_reason(&err)));
                    return;
                }
            };
            let keep = self.parent().is_some_and(Tag::holds_text);
            match event {
                Event::Start(e) => {
                    let line = self.line_at(before);
                    if !self.open(&e, line, before) {
                        return;
                    }
                }
                Event::Empty(e) => {
                    let line = self.line_at(before);
                    if !self.open(&e, line, before) {
                        return;
                    }
                    self.close();
                }
                Event::End(_) => self.close(),
                Event::Text(t) if keep => self.buf.push_str(&t.xml10_content()),
                Event::CData(t) if keep => self.buf.push_str(&t.xml10_content()),
                Event::GeneralRef(r) => {
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(c)) => Some(c),
                        Ok(None) => match &*r {
                            "lt" => Some('<'),
                            "gt" => Some('>'),
                            "amp" => Some('&'),
                            "quot" => Some('"'),
                            "apos" => Some('\''),
                            _ => None,
                        },
                        Err(_) => None,
                    };
                    match resolved {
                        Some(c) => {
                            if keep {
                                self.buf.push(c);
                            }
                        }
                        None => {
                            let line = self.line_at(before);
                            self.error(
                                line,
                                format!(
                                    "XML mal formé : entité « &{}; » inconnue (seules &lt; &gt; &amp; &quot; &apos; et les références numériques sont admises)",
                                    excerpt(&r)
                                ),
                            );
                            return;
                        }
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        if let Some(open) = self.stack.last().copied() {
            let name: String = self.text[open.at..]
                .chars()
                .skip(1)
                .take_while(|c| !c.is_whitespace() && !matches!(c, '>' | '/'))
                .take(60)
                .collect();
            self.error(
                open.line,
                format!(
                    "XML incomplet : l’élément « {name} » ouvert ici n’est jamais fermé (fichier tronqué ?)"
                ),
            );
        } else if !self.root_seen {
            self.error(0, "fichier vide : aucun élément XML".into());
        } else if self.formations_seen == 0 && self.errors.is_empty() {
            self.error(
                0,
                "aucune formation dans le fichier (éléments « offres › formation ») : est-ce bien un flux LHEO d’offres ?".into(),
            );
        }
    }

    /// An element starts; false stops the reading (not an LHEO file, absurd nesting).
    fn open(&mut self, e: &BytesStart, line: u64, at: usize) -> bool {
        let local = e.local_name();
        let tag = Tag::of(local.as_ref());
        if self.stack.is_empty() {
            if self.root_seen {
                self.error(
                    line,
                    "XML mal formé : contenu après la fin de l’élément « lheo »".into(),
                );
                return false;
            }
            self.root_seen = true;
            if tag != Tag::Lheo {
                self.error(
                    line,
                    format!(
                        "ce fichier n’est pas un flux LHEO : son élément racine est « {} » (« lheo » attendu)",
                        excerpt(local.as_ref())
                    ),
                );
                return false;
            }
        }
        if self.stack.len() >= MAX_DEPTH {
            self.error(
                line,
                format!(
                    "éléments imbriqués sur plus de {MAX_DEPTH} niveaux : ce n’est pas un flux LHEO"
                ),
            );
            return false;
        }
        let parent = self.parent();
        match (parent, tag) {
            (Some(Tag::Offres), Tag::Formation) => {
                self.formations_seen += 1;
                self.formation = Some(FormationDraft {
                    numero: numero(e),
                    line,
                    ..FormationDraft::default()
                });
            }
            (Some(Tag::Formation), Tag::Action) if self.formation.is_some() => {
                self.action = Some(ActionDraft {
                    numero: numero(e),
                    line,
                    action: Action {
                        key: String::new(),
                        teaching: None,
                        afest: false,
                        chantier_ecole: false,
                        hours_centre: None,
                        hours_company: None,
                        hours_total: None,
                        price_cents: None,
                        commune: String::new(),
                        place: String::new(),
                        provider: Provider::default(),
                        sessions: Vec::new(),
                    },
                    places: 0,
                    trainers: 0,
                    session_keys: HashMap::new(),
                });
            }
            (Some(Tag::Action), Tag::Session) if self.action.is_some() => {
                self.session = Some(SessionDraft {
                    numero: numero(e),
                    line,
                    ..SessionDraft::default()
                });
            }
            (Some(Tag::Session), Tag::Periode) => {
                if let Some(s) = self.session.as_mut() {
                    s.periode_line = Some(line);
                }
            }
            (Some(Tag::Action), Tag::LieuDeFormation) => {
                if let Some(a) = self.action.as_mut() {
                    a.places += 1;
                }
            }
            (Some(Tag::Action), Tag::OrganismeFormateur) => {
                if let Some(a) = self.action.as_mut() {
                    a.trainers += 1;
                }
            }
            _ => {}
        }
        self.stack.push(Frame { tag, line, at });
        self.buf.clear();
        true
    }

    /// An element ends: its text is used according to where it stands.
    fn close(&mut self) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        let text = if frame.tag.holds_text() {
            std::mem::take(&mut self.buf)
        } else {
            String::new()
        };
        // « - » is what feeds write for « nothing ».
        let value = match text.trim() {
            v if v.chars().all(|c| c == '-') => "",
            v => v,
        };
        let parent = self.parent();
        let line = frame.line;
        let what = frame.tag.name();
        match (parent, frame.tag) {
            (Some(Tag::Formation), Tag::IntituleFormation) => {
                let title = plain_text(value).replace('\n', " ");
                if let Some(f) = self.formation.as_mut() {
                    f.title = Some(title);
                }
            }
            (Some(Tag::Formation), Tag::ObjectifFormation) => {
                let objective = plain_text(value);
                if let Some(f) = self.formation.as_mut() {
                    f.objective = objective;
                }
            }
            (Some(Tag::DomaineFormation), Tag::CodeFormacode) if !value.is_empty() => {
                match formacode(value) {
                    Ok(code) => {
                        if let Some(f) = self.formation.as_mut() {
                            push_unique(&mut f.formacodes, code);
                        }
                    }
                    Err(reason) => self.error(line, format!("« {what} » : {reason}")),
                }
            }
            (Some(Tag::DomaineFormation), Tag::CodeRome) if !value.is_empty() => {
                match rome(value) {
                    Ok(code) => {
                        if let Some(f) = self.formation.as_mut() {
                            push_unique(&mut f.romes, code);
                        }
                    }
                    Err(reason) => self.error(line, format!("« {what} » : {reason}")),
                }
            }
            (Some(Tag::Certification), Tag::CodeRncp | Tag::CodeRs) if !value.is_empty() => {
                let parsed = if frame.tag == Tag::CodeRncp {
                    rncp(value)
                } else {
                    rs(value)
                };
                match parsed {
                    Ok(code) => {
                        if let Some(f) = self.formation.as_mut() {
                            push_unique(&mut f.certifications, code);
                        }
                    }
                    Err(reason) => self.error(line, format!("« {what} » : {reason}")),
                }
            }
            (Some(Tag::BlocCompetences), Tag::CodeBloc) if !value.is_empty() => {
                match bloc(value) {
                    Ok(code) => {
                        if let Some(f) = self.formation.as_mut() {
                            push_unique(&mut f.blocs, code);
                        }
                    }
                    Err(reason) => self.error(line, format!("« {what} » : {reason}")),
                }
            }
            (Some(Tag::Action), Tag::ModalitesEnseignement) if !value.is_empty() => {
                match Teaching::from_lheo(value) {
                    Some(t) => {
                        if let Some(a) = self.action.as_mut() {
                            a.action.teaching = Some(t);
                        }
                    }
                    None => self.error(
                        line,
                        format!(
                            "« {what} » : « {} » inconnu ; 0 (présentiel), 1 (mixte) ou 2 (à distance)",
                            excerpt(value)
                        ),
                    ),
                }
            }
            (Some(Tag::Action), Tag::CodeModalitePedagogique) => {
                if let Some(a) = self.action.as_mut() {
                    match value {
                        FORMACODE_AFEST => a.action.afest = true,
                        FORMACODE_CHANTIER_ECOLE => a.action.chantier_ecole = true,
                        _ => {}
                    }
                }
            }
            (Some(Tag::Action), Tag::HeuresCentre | Tag::HeuresEntreprise | Tag::HeuresTotal)
                if !value.is_empty() =>
            {
                match parse_hours(value) {
                    Ok(hours) => {
                        if let Some(a) = self.action.as_mut() {
                            *match frame.tag {
                                Tag::HeuresCentre => &mut a.action.hours_centre,
                                Tag::HeuresEntreprise => &mut a.action.hours_company,
                                _ => &mut a.action.hours_total,
                            } = Some(hours);
                        }
                    }
                    Err(reason) => self.error(line, format!("« {what} » : {reason}")),
                }
            }
            (Some(Tag::Action), Tag::PrixTotal) if !value.is_empty() => {
                match parse_euros(value) {
                    Ok(cents) => {
                        if let Some(a) = self.action.as_mut() {
                            a.action.price_cents = Some(cents);
                        }
                    }
                    Err(reason) => self.error(line, format!("« {what} » : {reason}")),
                }
            }
            (_, Tag::Ville | Tag::CodeInsee) if self.inside(Tag::LieuDeFormation) => {
                let first_place = self.action.as_ref().is_some_and(|a| a.places == 1);
                if first_place && !value.is_empty() {
                    if frame.tag == Tag::Ville {
                        let place = plain_text(value).replace('\n', " ");
                        if let Some(a) = self.action.as_mut() {
                            a.action.place = place;
                        }
                    } else {
                        match insee(value) {
                            Ok(code) => {
                                if let Some(a) = self.action.as_mut() {
                                    a.action.commune = code;
                                }
                            }
                            Err(reason) => self.error(line, format!("« {what} » : {reason}")),
                        }
                    }
                }
            }
            (Some(Tag::SiretFormateur | Tag::SiretOrganismeFormation), Tag::Siret)
                if !value.is_empty() =>
            {
                match siret(value) {
                    Ok(siret) => {
                        if parent == Some(Tag::SiretFormateur) {
                            if let Some(a) = self.action.as_mut().filter(|a| a.trainers == 1) {
                                a.action.provider.siret = siret;
                            }
                        } else if let Some(f) = self.formation.as_mut() {
                            f.responsible.siret = siret;
                        }
                    }
                    Err(reason) => self.error(line, format!("« {what} » : {reason}")),
                }
            }
            (Some(Tag::OrganismeFormateur), Tag::RaisonSocialeFormateur) => {
                let name = provider_name(value);
                if let Some(a) = self.action.as_mut().filter(|a| a.trainers == 1) {
                    a.action.provider.name = name;
                }
            }
            (Some(Tag::OrganismeResponsable), Tag::RaisonSociale | Tag::NomOrganisme) => {
                let name = provider_name(value);
                if let Some(f) = self.formation.as_mut() {
                    if frame.tag == Tag::RaisonSociale {
                        f.responsible.name = name;
                    } else {
                        f.responsible_name_fallback = name;
                    }
                }
            }
            (Some(Tag::Periode), Tag::Debut | Tag::Fin)
                if self.grandparent() == Some(Tag::Session) =>
            {
                let is_end = frame.tag == Tag::Fin;
                match parse_date(value, is_end) {
                    Ok(date) => {
                        if let Some(s) = self.session.as_mut() {
                            if is_end {
                                s.end = date;
                            } else {
                                s.start = date;
                                s.start_seen = true;
                            }
                        }
                    }
                    Err(reason) => {
                        if let Some(s) = self.session.as_mut().filter(|_| !is_end) {
                            // Reported once: not also as a missing start.
                            s.start_seen = true;
                        }
                        self.error(line, format!("« {what} » : {reason}"));
                    }
                }
            }
            (Some(Tag::Session), Tag::EtatRecrutement) if !value.is_empty() => {
                match Recruitment::from_lheo(value) {
                    Some(r) => {
                        if let Some(s) = self.session.as_mut() {
                            s.recruitment = Some(r);
                        }
                    }
                    None => self.error(
                        line,
                        format!(
                            "« {what} » : « {} » inconnu ; 1 (ouvert), 2 (fermé) ou 3 (suspendu)",
                            excerpt(value)
                        ),
                    ),
                }
            }
            (Some(Tag::Action), Tag::Session) => self.end_session(),
            (Some(Tag::Formation), Tag::Action) => self.end_action(),
            (Some(Tag::Offres), Tag::Formation) => self.end_formation(),
            _ => {}
        }
    }

    fn end_session(&mut self) {
        let Some(s) = self.session.take() else {
            return;
        };
        let Some(action) = self.action.as_mut() else {
            return;
        };
        let index = action.action.sessions.len() + 1;
        let key = s.numero.clone().unwrap_or_else(|| index.to_string());
        let duplicate = action.session_keys.insert(key.clone(), s.line);
        let label = session_label(s.numero.as_deref(), index);
        let mut problems = Vec::new();
        if let Some(first) = duplicate {
            problems.push((
                s.line,
                format!("{label} : numéro en double dans l’action (déjà ligne {first})"),
            ));
        }
        match s.periode_line {
            None => problems.push((
                s.line,
                format!(
                    "{label} : élément « periode » absent ; il est obligatoire (« debut » et « fin » de la session)"
                ),
            )),
            Some(periode_line) if !s.start_seen => problems.push((
                periode_line,
                format!(
                    "{label} : élément « debut » absent dans « periode » ; il est obligatoire (00000000 si la date est inconnue)"
                ),
            )),
            Some(periode_line) => {
                if let (Some(start), Some(end)) = (s.start, s.end)
                    && end < start
                {
                    problems.push((
                        periode_line,
                        format!(
                            "{label} : la fin ({}) précède le début ({})",
                            end.format("%d/%m/%Y"),
                            start.format("%d/%m/%Y")
                        ),
                    ));
                }
            }
        }
        action.action.sessions.push(Session {
            key,
            start: s.start,
            end: s.end,
            recruitment: s.recruitment,
        });
        for (line, reason) in problems {
            self.error(line, reason);
        }
    }

    fn end_action(&mut self) {
        self.session = None;
        let Some(mut a) = self.action.take() else {
            return;
        };
        let Some(formation) = self.formation.as_mut() else {
            return;
        };
        let index = formation.actions.len() + 1;
        a.action.key = a.numero.clone().unwrap_or_else(|| index.to_string());
        let label = action_label(a.numero.as_deref(), index);
        let mut problems = Vec::new();
        if let Some(first) = formation.action_keys.insert(a.action.key.clone(), a.line) {
            problems.push((
                a.line,
                format!("{label} : numéro en double dans la formation (déjà ligne {first})"),
            ));
        }
        if a.action.sessions.is_empty() {
            problems.push((
                a.line,
                format!(
                    "{label} : aucune « session » ; il en faut au moins une (avec sa « periode »)"
                ),
            ));
        }
        if a.action.teaching == Some(Teaching::Distance) {
            // At a distance: the address is the provider's, not where the trainee goes.
            a.action.commune.clear();
        }
        let has_provider =
            !a.action.provider.siret.is_empty() || !a.action.provider.name.is_empty();
        formation.actions.push((a.line, a.action, has_provider));
        for (line, reason) in problems {
            self.error(line, reason);
        }
    }

    fn end_formation(&mut self) {
        self.action = None;
        self.session = None;
        let Some(mut f) = self.formation.take() else {
            return;
        };
        let title = f.title.clone().unwrap_or_default();
        let label = match &f.numero {
            Some(n) => format!("formation « {} »", excerpt(n)),
            None if !title.is_empty() => format!("formation « {} »", excerpt(&title)),
            None => "formation sans numéro".to_owned(),
        };
        match &f.title {
            None => self.error(
                f.line,
                format!("{label} : élément « intitule-formation » absent ; il est obligatoire"),
            ),
            Some(t) if t.is_empty() => self.error(
                f.line,
                format!("{label} : « intitule-formation » est vide ; il est obligatoire"),
            ),
            Some(_) => {}
        }
        if f.actions.is_empty() {
            self.error(
                f.line,
                format!("{label} : aucune « action » ; il en faut au moins une"),
            );
        }
        let key = match f.numero.take() {
            Some(numero) => {
                if let Some(first) = self.keys.get(&numero).copied() {
                    self.error(
                        f.line,
                        format!(
                            "{label} : numéro de formation en double dans le fichier (déjà ligne {first})"
                        ),
                    );
                } else {
                    self.keys.insert(numero.clone(), f.line);
                }
                numero
            }
            None => {
                // No `numero` (optional in LHEO): a key from the title, stable across imports.
                let base = format!("sans-numero:{}", crate::normalise_header(&title));
                let n = self.untitled.entry(base.clone()).or_insert(0);
                *n += 1;
                if *n == 1 { base } else { format!("{base}~{n}") }
            }
        };
        if f.responsible.name.is_empty() {
            f.responsible.name = std::mem::take(&mut f.responsible_name_fallback);
        }
        let actions = f
            .actions
            .into_iter()
            .map(|(_, mut action, has_provider)| {
                if !has_provider {
                    action.provider = f.responsible.clone();
                }
                action
            })
            .collect();
        if self.errors.is_empty() {
            self.formations.push(Formation {
                origin: Origin::Lheo,
                key,
                title,
                objective: f.objective,
                romes: f.romes,
                formacodes: f.formacodes,
                certifications: f.certifications,
                blocs: f.blocs,
                actions,
            });
        }
    }

    fn finish(self) -> Result<Vec<Formation>, ImportError> {
        if self.errors.is_empty() {
            return Ok(self.formations);
        }
        let notices = if self.dropped > 0 {
            vec![Notice {
                file: self.file.to_owned(),
                message: format!(
                    "{} autre(s) erreur(s) non listée(s) : corrigez les premières, puis importez de nouveau",
                    self.dropped
                ),
            }]
        } else {
            Vec::new()
        };
        Err(ImportError::Refused {
            errors: self.errors,
            notices,
        })
    }
}

fn numero(e: &BytesStart) -> Option<String> {
    let attr = e.try_get_attribute("numero").ok().flatten()?;
    let value = quick_xml::escape::unescape(&attr.value).ok()?;
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

fn action_label(numero: Option<&str>, index: usize) -> String {
    match numero {
        Some(n) => format!("action « {} »", excerpt(n)),
        None => format!("action n° {index}"),
    }
}

fn session_label(numero: Option<&str>, index: usize) -> String {
    match numero {
        Some(n) => format!("session « {} »", excerpt(n)),
        None => format!("session n° {index}"),
    }
}

/// « - » (what feeds write for « nothing ») is no name.
fn provider_name(value: &str) -> String {
    let name = plain_text(value).replace('\n', " ");
    if name.chars().all(|c| c == '-' || c.is_whitespace()) {
        String::new()
    } else {
        name
    }
}

fn push_unique(list: &mut Vec<String>, code: String) {
    if !list.contains(&code) {
        list.push(code);
    }
}

/// French for what quick-xml found wrong.
fn xml_reason(err: &XmlError) -> String {
    match err {
        XmlError::Syntax(s) => match s {
            SyntaxError::InvalidBangMarkup => {
                "balise « <! » inattendue (commentaire ou CDATA mal écrit)".into()
            }
            SyntaxError::UnclosedPI => {
                "instruction « <? » jamais fermée par « ?> » avant la fin du fichier".into()
            }
            SyntaxError::UnclosedXmlDecl => {
                "déclaration « <?xml » jamais fermée par « ?> » avant la fin du fichier".into()
            }
            SyntaxError::UnclosedComment => {
                "commentaire « <!-- » jamais fermé par « --> » avant la fin du fichier".into()
            }
            SyntaxError::UnclosedDoctype => "déclaration « <!DOCTYPE » jamais fermée".into(),
            SyntaxError::UnclosedCData => {
                "section « <![CDATA[ » jamais fermée par « ]]> » avant la fin du fichier".into()
            }
            SyntaxError::UnclosedTag => {
                "balise jamais fermée : « > » manquant avant la fin du fichier".into()
            }
            SyntaxError::UnclosedSingleQuotedAttributeValue
            | SyntaxError::UnclosedDoubleQuotedAttributeValue => {
                "valeur d’attribut sans guillemet fermant".into()
            }
        },
        XmlError::IllFormed(i) => match i {
            IllFormedError::MismatchedEndTag { expected, found } => format!(
                "balise fermante « </{}> » alors que « <{}> » est ouvert",
                excerpt(found),
                excerpt(expected)
            ),
            IllFormedError::UnmatchedEndTag(tag) => format!(
                "balise fermante « </{}> » sans balise ouvrante",
                excerpt(tag)
            ),
            IllFormedError::MissingEndTag(tag) => {
                format!("élément « {} » jamais fermé", excerpt(tag))
            }
            IllFormedError::UnclosedReference => {
                "« & » sans « ; » : une esperluette s’écrit &amp;amp; en XML".into()
            }
            IllFormedError::DoubleHyphenInComment => "« -- » dans un commentaire".into(),
            IllFormedError::MissingDeclVersion(_) | IllFormedError::UnknownVersion => {
                "déclaration XML sans version 1.0 ou 1.1".into()
            }
            IllFormedError::MissingDoctypeName => "déclaration « <!DOCTYPE » sans nom".into(),
        },
        XmlError::InvalidAttr(_) => {
            "attribut mal écrit (nom=\"valeur\" attendu, sans doublon)".into()
        }
        XmlError::Encoding(_) => "caractères mal encodés".into(),
        XmlError::Escape(_) => "entité ou référence de caractère invalide".into(),
        XmlError::Namespace(_) => "préfixe d’espace de noms non déclaré".into(),
        XmlError::Io(_) => "lecture impossible".into(),
    }
}

// ---------------------------------------------------------------------------------------------
// Values, shared with the Mon Compte Formation reader

/// A FORMACODE: five digits.
pub(crate) fn formacode(value: &str) -> Result<String, String> {
    let code = value.trim();
    let code = code.strip_suffix(".0").unwrap_or(code);
    if code.len() == 5 && code.bytes().all(|b| b.is_ascii_digit()) {
        Ok(code.to_owned())
    } else {
        Err(format!(
            "code FORMACODE « {} » invalide : cinq chiffres attendus (ex. 31054)",
            excerpt(value)
        ))
    }
}

/// A ROME code's form (`H2913`); whether it exists is not checked (feeds still carry ROME v3
/// codes).
pub(crate) fn rome(value: &str) -> Result<String, String> {
    let code = value.trim().to_ascii_uppercase();
    let b = code.as_bytes();
    if b.len() == 5 && (b'A'..=b'N').contains(&b[0]) && b[1..].iter().all(u8::is_ascii_digit) {
        Ok(code)
    } else {
        Err(format!(
            "code ROME « {} » invalide : une lettre de A à N suivie de 4 chiffres attendue (ex. H2913)",
            excerpt(value)
        ))
    }
}

/// An RNCP code, written with or without its prefix (`474` → `RNCP474`).
pub(crate) fn rncp(value: &str) -> Result<String, String> {
    certification(value, "RNCP", |c| matches!(c, CertificationCode::Rncp(_)))
}

/// An RS code, written with or without its prefix (`5678` → `RS5678`).
pub(crate) fn rs(value: &str) -> Result<String, String> {
    certification(value, "RS", |c| matches!(c, CertificationCode::Rs(_)))
}

/// A bloc of competences (`RNCP35830BC01`).
pub(crate) fn bloc(value: &str) -> Result<String, String> {
    match parse_certification_code(value) {
        Ok(CertificationCode::RncpBloc(code)) => Ok(code),
        _ => Err(format!(
            "code de bloc « {} » invalide : RNCP suivi de chiffres, BC et deux chiffres attendu (ex. RNCP35830BC01)",
            excerpt(value)
        )),
    }
}

fn certification(
    value: &str,
    prefix: &str,
    kind: fn(&CertificationCode) -> bool,
) -> Result<String, String> {
    let compact: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    let written = if compact.bytes().all(|b| b.is_ascii_digit()) {
        format!("{prefix}{compact}")
    } else {
        compact
    };
    match parse_certification_code(&written) {
        Ok(code) if kind(&code) => Ok(code.as_str().to_owned()),
        _ => Err(format!(
            "code {prefix} « {} » invalide : des chiffres, précédés ou non de {prefix} (ex. {prefix}35830)",
            excerpt(value)
        )),
    }
}

/// A SIRET's form: 14 digits once spaces are removed (the check digit is not verified: feeds
/// copy the SIRET of the Sirene register, and La Poste's escape Luhn).
pub(crate) fn siret(value: &str) -> Result<String, String> {
    let digits: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}')
        .collect();
    if digits.len() == 14 && digits.bytes().all(|b| b.is_ascii_digit()) {
        Ok(digits)
    } else {
        Err(format!(
            "SIRET « {} » invalide : 14 chiffres attendus",
            excerpt(value)
        ))
    }
}

/// An INSEE commune code: five digits, or 2A/2B and three digits for Corsica.
pub(crate) fn insee(value: &str) -> Result<String, String> {
    let code = value.trim().to_ascii_uppercase();
    let b = code.as_bytes();
    let ok = b.len() == 5
        && (b[..2].iter().all(u8::is_ascii_digit) || &b[..2] == b"2A" || &b[..2] == b"2B")
        && b[2..].iter().all(u8::is_ascii_digit);
    if ok {
        Ok(code)
    } else {
        Err(format!(
            "code INSEE de commune « {} » invalide : cinq caractères attendus (ex. 57463 pour Metz)",
            excerpt(value)
        ))
    }
}

/// Hours: a whole number (a decimal is rounded), at most 99 999 as LHEO allows.
pub(crate) fn parse_hours(value: &str) -> Result<u32, String> {
    let normalised = value.trim().replace(',', ".");
    match normalised.parse::<f64>() {
        Ok(h) if h.is_finite() && (0.0..=99_999.0).contains(&h) => Ok(h.round() as u32),
        _ => Err(format!(
            "« {} » n’est pas un nombre d’heures (un entier de 0 à 99 999, ex. 350)",
            excerpt(value)
        )),
    }
}

/// A price in euros (`2500`, `2500.00`, `2 500,50 €`) as cents.
pub(crate) fn parse_euros(value: &str) -> Result<i64, String> {
    let cleaned: String = value
        .trim()
        .trim_end_matches("EUR")
        .trim_end_matches('€')
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}')
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    let well_formed = !cleaned.is_empty()
        && cleaned.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && cleaned.bytes().filter(|&b| b == b'.').count() <= 1
        && cleaned.bytes().any(|b| b.is_ascii_digit());
    match cleaned.parse::<f64>() {
        Ok(euros) if well_formed && euros <= 10_000_000.0 => Ok((euros * 100.0).round() as i64),
        _ => Err(format!(
            "« {} » n’est pas un prix en euros (ex. 2500 ou 2500.00)",
            excerpt(value)
        )),
    }
}

/// An LHEO date: `AAAAMMJJ`; `AAAAMM00` a month, `AAAA0000` a year (their first day for a
/// start, their last for an end); `00000000` and `99999999` unknown. `AAAA-MM-JJ` is read too.
fn parse_date(value: &str, is_end: bool) -> Result<Option<NaiveDate>, String> {
    let text = value.trim();
    if text.is_empty() && !is_end {
        return Err(
            "date vide : écrivez-la au format AAAAMMJJ, ou 00000000 si elle est inconnue".into(),
        );
    }
    if text.is_empty() || text == "00000000" || text == "99999999" {
        return Ok(None);
    }
    let bad = || {
        format!(
            "date « {} » illisible : le format LHEO est AAAAMMJJ (ex. 20270315 ; 00000000 si elle est inconnue)",
            excerpt(value)
        )
    };
    let (y, m, d) = if text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit()) {
        let n = |r: std::ops::Range<usize>| text[r].parse::<u32>().map_err(|_| bad());
        (n(0..4)? as i32, n(4..6)?, n(6..8)?)
    } else if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        (date.year(), date.month(), date.day())
    } else {
        return Err(bad());
    };
    if !(1900..=2200).contains(&y) || m > 12 {
        return Err(bad());
    }
    let date = match (m, d) {
        (0, 0) if is_end => NaiveDate::from_ymd_opt(y, 12, 31),
        (0, 0) => NaiveDate::from_ymd_opt(y, 1, 1),
        (0, _) => None,
        (m, 0) if is_end => NaiveDate::from_ymd_opt(if m == 12 { y + 1 } else { y }, m % 12 + 1, 1)
            .and_then(|first| first.pred_opt()),
        (m, 0) => NaiveDate::from_ymd_opt(y, m, 1),
        (m, d) => NaiveDate::from_ymd_opt(y, m, d),
    };
    date.map(Some).ok_or_else(bad)
}

/// Plain text from a feed's text field: HTML tags (escaped in the XML, so present once the XML
/// is read) removed, block tags turned into line breaks and list items into « - » lines, the
/// common HTML entities decoded, spaces collapsed (non-breaking spaces kept).
pub(crate) fn plain_text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find(['<', '&']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if rest.starts_with('<') {
            if let Some(len) = html_tag_len(rest) {
                let name: String = rest[1..len]
                    .trim_start_matches('/')
                    .chars()
                    .take_while(char::is_ascii_alphanumeric)
                    .collect::<String>()
                    .to_ascii_lowercase();
                match name.as_str() {
                    "li" if !rest[1..].starts_with('/') => out.push_str("\n- "),
                    "p" | "br" | "div" | "li" | "ul" | "ol" | "h1" | "h2" | "h3" | "h4" | "h5"
                    | "h6" | "tr" | "table" | "blockquote" | "dd" | "dt" | "hr" => out.push('\n'),
                    _ => {}
                }
                rest = &rest[len..];
                continue;
            }
            out.push('<');
            rest = &rest[1..];
        } else if let Some((decoded, len)) = html_entity(rest) {
            out.push_str(&decoded);
            rest = &rest[len..];
        } else {
            out.push('&');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out.lines()
        .map(|l| l.split_ascii_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty() && l != "-")
        .collect::<Vec<_>>()
        .join("\n")
}

/// The length of an HTML tag or comment at the start of `s` (which starts with `<`), if it is
/// one: `<p>`, `</p>`, `<br />`, `<a href="…">`, `<!-- … -->`.
fn html_tag_len(s: &str) -> Option<usize> {
    if s.starts_with("<!--") {
        return s.find("-->").map(|i| i + 3);
    }
    let next = s[1..].chars().next()?;
    if !(next.is_ascii_alphabetic() || next == '/' || next == '!') {
        return None;
    }
    // Bytes, not characters: `>` is ASCII, so its index is a character boundary.
    let end = s.as_bytes().iter().take(2_000).position(|&b| b == b'>')?;
    // « a < b > c » is text: a tag has no space right after its `<`, nor another `<` inside.
    (!s[1..end].contains('<')).then_some(end + 1)
}

/// An HTML entity at the start of `s` (which starts with `&`): its text and length.
fn html_entity(s: &str) -> Option<(Cow<'static, str>, usize)> {
    let end = s.as_bytes().iter().take(12).position(|&b| b == b';')?;
    let name = &s[1..end];
    let c = if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(code).filter(|c| *c != '\0')?
    } else {
        let text = match name {
            "amp" => "&",
            "lt" => "<",
            "gt" => ">",
            "quot" => "\"",
            "apos" => "'",
            "nbsp" => "\u{a0}",
            "shy" => "",
            "eacute" => "é",
            "egrave" => "è",
            "ecirc" => "ê",
            "euml" => "ë",
            "Eacute" => "É",
            "Egrave" => "È",
            "Ecirc" => "Ê",
            "agrave" => "à",
            "acirc" => "â",
            "auml" => "ä",
            "Agrave" => "À",
            "Acirc" => "Â",
            "ccedil" => "ç",
            "Ccedil" => "Ç",
            "icirc" => "î",
            "iuml" => "ï",
            "Icirc" => "Î",
            "ocirc" => "ô",
            "ouml" => "ö",
            "Ocirc" => "Ô",
            "ugrave" => "ù",
            "ucirc" => "û",
            "uuml" => "ü",
            "oelig" => "œ",
            "OElig" => "Œ",
            "laquo" => "«",
            "raquo" => "»",
            "lsquo" => "‘",
            "rsquo" => "’",
            "ldquo" => "“",
            "rdquo" => "”",
            "hellip" => "…",
            "ndash" => "–",
            "mdash" => "—",
            "bull" => "•",
            "middot" => "·",
            "euro" => "€",
            "deg" => "°",
            "times" => "×",
            "sup2" => "²",
            "sup3" => "³",
            _ => return None,
        };
        return Some((Cow::Borrowed(text), end + 1));
    };
    Some((Cow::Owned(c.to_string()), end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_html_becomes_plain_text() {
        assert_eq!(
            plain_text("<p>A la fois <b>vendeur</b>, manager</p><p>et&nbsp;commercial</p>"),
            "A la fois vendeur, manager\net\u{a0}commercial"
        );
        assert_eq!(
            plain_text("<ul><li>Soudage TIG</li><li>Lecture de plans</li></ul>"),
            "- Soudage TIG\n- Lecture de plans"
        );
        assert_eq!(
            plain_text("  niveau < bac &amp; plus  "),
            "niveau < bac & plus"
        );
        assert_eq!(
            plain_text("l&#39;entreprise &eacute;tait"),
            "l'entreprise était"
        );
    }

    #[test]
    fn lheo_dates_with_unknown_month_and_year_forms() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(parse_date("20270315", false), Ok(d(2027, 3, 15)));
        assert_eq!(parse_date("00000000", false), Ok(None));
        assert!(parse_date("", false).unwrap_err().contains("vide"));
        assert_eq!(parse_date("", true), Ok(None));
        assert_eq!(parse_date("99999999", true), Ok(None));
        assert_eq!(parse_date("20270200", false), Ok(d(2027, 2, 1)));
        assert_eq!(parse_date("20280200", true), Ok(d(2028, 2, 29)));
        assert_eq!(parse_date("20271200", true), Ok(d(2027, 12, 31)));
        assert_eq!(parse_date("20270000", true), Ok(d(2027, 12, 31)));
        assert_eq!(parse_date("2027-03-15", false), Ok(d(2027, 3, 15)));
        for bad in ["20271315", "20270231", "15/03/2027", "2027031", "20270015"] {
            assert!(parse_date(bad, false).is_err(), "{bad}");
        }
    }

    #[test]
    fn codes_and_amounts() {
        assert_eq!(rncp("474").unwrap(), "RNCP474");
        assert_eq!(rncp(" RNCP35830 ").unwrap(), "RNCP35830");
        assert!(rncp("RS5678").is_err());
        assert_eq!(rs("5678").unwrap(), "RS5678");
        assert_eq!(bloc("RNCP35830BC01").unwrap(), "RNCP35830BC01");
        assert!(bloc("RNCP35830").is_err());
        assert_eq!(parse_euros("2 500,50 €").unwrap(), 250_050);
        assert_eq!(parse_euros("14560.00").unwrap(), 1_456_000);
        assert_eq!(parse_euros("0").unwrap(), 0);
        for bad in ["-20", "1.2.3", "gratuit", ""] {
            assert!(parse_euros(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_hours("35,5").unwrap(), 36);
        assert!(parse_hours("-1").is_err());
        assert_eq!(insee("2a004").unwrap(), "2A004");
        assert!(insee("5746").is_err());
        assert_eq!(siret("192 900 769 00014").unwrap(), "19290076900014");
    }

    #[test]
    fn the_declared_encoding_is_honoured() {
        let latin1 = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<lheo>Qu\xe9bec</lheo>";
        assert!(decode(latin1, "f.xml").unwrap().contains("Québec"));
        let stray = "<?xml version=\"1.0\"?>\n<lheo>\nMézières \u{e9}"
            .bytes()
            .chain(*b"\xff</lheo>")
            .collect::<Vec<_>>();
        let err = decode(&stray, "f.xml").unwrap_err();
        assert_eq!(err.line, 3, "{err}");
    }

    fn feed(formations: &str) -> String {
        format!("<lheo xmlns=\"http://lheo.gouv.fr/2.3\"><offres>{formations}</offres></lheo>")
    }

    const ACTION: &str = "<action><session><periode><debut>20270104</debut><fin>20270630</fin></periode></session></action>";

    #[test]
    fn errors_are_capped_and_the_rest_counted() {
        let untitled = format!("<formation>{ACTION}</formation>\n").repeat(MAX_ERRORS + 50);
        match read_lheo(feed(&untitled).as_bytes(), "f.xml") {
            Err(ImportError::Refused { errors, notices }) => {
                assert_eq!(errors.len(), MAX_ERRORS);
                assert_eq!(errors[1].line, 2);
                assert!(notices[0].message.starts_with("50 autre(s) erreur(s)"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_formation_without_numero_is_keyed_by_its_title() {
        let two = format!(
            "<formation><intitule-formation>Soudage TIG</intitule-formation>{ACTION}</formation>"
        )
        .repeat(2);
        let all = read_lheo(feed(&two).as_bytes(), "f.xml").unwrap();
        let keys: Vec<&str> = all.iter().map(|f| f.key.as_str()).collect();
        assert_eq!(
            keys,
            ["sans-numero:soudage_tig", "sans-numero:soudage_tig~2"]
        );
        assert_eq!(all[0].actions[0].key, "1");
        assert_eq!(all[0].actions[0].sessions[0].key, "1");
        assert_eq!(all[0].actions[0].provider, Provider::default());
    }

    #[test]
    fn utf16_with_its_bom_is_read() {
        let text = feed(&format!(
            "<formation numero=\"1\"><intitule-formation>Électricité</intitule-formation>{ACTION}</formation>"
        ));
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let all = read_lheo(&bytes, "f.xml").unwrap();
        assert_eq!(all[0].title, "Électricité");
    }
}
