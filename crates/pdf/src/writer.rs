//! Writes laid-out pages as a PDF with printpdf. The only module that knows printpdf's ops.
//!
//! Output is deterministic: printpdf draws its font ids, bookmark ids and the trailer `/ID`
//! from a process-wide counter, so we give fonts and bookmarks fixed ids and replace the
//! trailer `/ID` with one derived from the content before saving.

use printpdf::{
    Color, FontId, Line, LinePoint, Op, PageAnnotId, PageAnnotation, PaintMode, PdfDocument,
    PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, Rgb as PdfRgb, TextItem,
};

use crate::fonts::FONTS;
use crate::layout::{Face, Item, Laid, PAGE_HEIGHT, PAGE_WIDTH, Rgb};

/// Document information written in the PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Metadata {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub keywords: Vec<String>,
    pub creator: String,
    /// Generation time, seconds since the Unix epoch (UTC).
    pub created_unix: i64,
    /// Seeds the trailer `/ID`: the content hash and the generation time.
    pub identity: String,
}

// Six capital letters: printpdf uses the id's first six characters as the subset tag.
const REGULAR_ID: &str = "PSRLRG";
const BOLD_ID: &str = "PSRLBD";

fn color(c: Rgb) -> Color {
    Color::Rgb(PdfRgb::new(
        f32::from(c.0) / 255.0,
        f32::from(c.1) / 255.0,
        f32::from(c.2) / 255.0,
        None,
    ))
}

fn point(x: f32, y_from_top: f32) -> Point {
    Point {
        x: Pt(x),
        y: Pt(PAGE_HEIGHT - y_from_top),
    }
}

fn page_ops(items: &[Item]) -> Vec<Op> {
    let mut ops = Vec::with_capacity(items.len() * 6);
    for item in items {
        match item {
            Item::Text {
                x,
                y,
                size,
                face,
                color: c,
                text,
            } => {
                let id = match face {
                    Face::Regular => REGULAR_ID,
                    Face::Bold => BOLD_ID,
                };
                ops.extend([
                    Op::StartTextSection,
                    Op::SetFont {
                        font: PdfFontHandle::External(FontId(id.to_owned())),
                        size: Pt(*size),
                    },
                    Op::SetFillColor { col: color(*c) },
                    Op::SetTextCursor { pos: point(*x, *y) },
                    Op::ShowText {
                        items: vec![TextItem::Text(text.clone())],
                    },
                    Op::EndTextSection,
                ]);
            }
            Item::Rect {
                x,
                y,
                w,
                h,
                fill,
                stroke,
            } => {
                if let Some(f) = fill {
                    ops.push(Op::SetFillColor { col: color(*f) });
                }
                if let Some(s) = stroke {
                    ops.push(Op::SetOutlineColor { col: color(*s) });
                    ops.push(Op::SetOutlineThickness { pt: Pt(0.6) });
                }
                let mode = match (fill, stroke) {
                    (Some(_), Some(_)) => PaintMode::FillStroke,
                    (None, Some(_)) => PaintMode::Stroke,
                    _ => PaintMode::Fill,
                };
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: Pt(*x),
                        y: Pt(PAGE_HEIGHT - y - h),
                        width: Pt(*w),
                        height: Pt(*h),
                        mode: Some(mode),
                        winding_order: None,
                    },
                });
            }
            Item::Line {
                x1,
                y1,
                x2,
                y2,
                color: c,
                width,
            } => ops.extend([
                Op::SetOutlineColor { col: color(*c) },
                Op::SetOutlineThickness { pt: Pt(*width) },
                Op::DrawLine {
                    line: Line {
                        points: vec![
                            LinePoint {
                                p: point(*x1, *y1),
                                bezier: false,
                            },
                            LinePoint {
                                p: point(*x2, *y2),
                                bezier: false,
                            },
                        ],
                        is_closed: false,
                    },
                },
            ]),
        }
    }
    ops
}

/// The PDF bytes of laid-out pages.
pub fn write(laid: &Laid, meta: &Metadata) -> Vec<u8> {
    let mut doc = PdfDocument::new(&meta.title);
    let info = &mut doc.metadata.info;
    info.author = meta.author.clone();
    info.subject = meta.subject.clone();
    info.keywords = meta.keywords.clone();
    info.creator = meta.creator.clone();
    info.producer = format!("{} (printpdf 0.12.8)", meta.creator);
    let when = printpdf::OffsetDateTime::from_unix_timestamp(meta.created_unix)
        .unwrap_or_else(|_| printpdf::OffsetDateTime::from_unix_timestamp(0).expect("epoch"));
    info.creation_date = when;
    info.modification_date = when;
    info.metadata_date = when;
    info.identifier = meta.identity.clone();

    let fonts = &*FONTS;
    for (id, face) in [(REGULAR_ID, &fonts.regular), (BOLD_ID, &fonts.bold)] {
        doc.resources
            .fonts
            .map
            .insert(FontId(id.to_owned()), PdfFont::new(face.parsed.clone()));
    }
    for (n, (label, page)) in laid.bookmarks.iter().enumerate() {
        // Zero-padded ids keep the outline in document order (printpdf sorts by id).
        doc.bookmarks.map.insert(
            PageAnnotId(format!("B{n:06}")),
            PageAnnotation {
                name: label.clone(),
                page: page + 1,
            },
        );
    }
    let pages = laid
        .pages
        .iter()
        .map(|p| {
            let mut page =
                PdfPage::new(printpdf::Mm(210.0), printpdf::Mm(297.0), page_ops(&p.items));
            let full = Rect {
                x: Pt(0.0),
                y: Pt(0.0),
                width: Pt(PAGE_WIDTH),
                height: Pt(PAGE_HEIGHT),
                mode: None,
                winding_order: None,
            };
            page.media_box = full.clone();
            page.trim_box = full.clone();
            page.crop_box = full;
            page
        })
        .collect();
    doc.pages = pages;

    let options = PdfSaveOptions::default();
    let mut warnings = Vec::new();
    let mut lo = printpdf::serialize::to_lopdf_doc(&doc, &options, &mut warnings);
    let id = trailer_id(&meta.identity);
    lo.trailer.set(
        "ID",
        lopdf::Object::Array(vec![
            lopdf::Object::String(id.clone(), lopdf::StringFormat::Hexadecimal),
            lopdf::Object::String(id, lopdf::StringFormat::Hexadecimal),
        ]),
    );
    if options.optimize {
        lo.compress();
    }
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)
        .expect("writing to memory cannot fail");
    bytes
}

/// 16 bytes derived from the document's identity (content hash and generation time).
fn trailer_id(identity: &str) -> Vec<u8> {
    use sha2::{Digest, Sha256};
    Sha256::digest(identity.as_bytes())[..16].to_vec()
}
