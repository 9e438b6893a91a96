//! The fonts embedded in every PDF (DejaVu Sans, licence in `assets/fonts/`), parsed once.

use std::sync::LazyLock;

use printpdf::ParsedFont;

use crate::layout::{Face, Measure};

const REGULAR: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

/// Characters whose advances are tabulated (Latin, punctuation, € and the narrow no-break
/// space all fall below U+2200).
const TABLE_END: u32 = 0x2200;

pub struct LoadedFont {
    pub parsed: ParsedFont,
    advances: Vec<f32>,
}

impl LoadedFont {
    fn load(bytes: &[u8]) -> Self {
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(bytes, 0, &mut warnings)
            .expect("the shipped DejaVu font parses");
        let em = f32::from(parsed.pdf_font_metrics.units_per_em);
        let advances = (0..TABLE_END)
            .map(|cp| {
                parsed.lookup_glyph_index(cp).map_or(0.0, |gid| {
                    f32::from(parsed.get_horizontal_advance(gid)) / em
                })
            })
            .collect();
        Self { parsed, advances }
    }

    fn advance(&self, c: char) -> f32 {
        let cp = c as u32;
        if cp < TABLE_END {
            return self.advances[cp as usize];
        }
        let em = f32::from(self.parsed.pdf_font_metrics.units_per_em);
        self.parsed.lookup_glyph_index(cp).map_or(0.6, |gid| {
            f32::from(self.parsed.get_horizontal_advance(gid)) / em
        })
    }
}

pub struct Fonts {
    pub regular: LoadedFont,
    pub bold: LoadedFont,
}

/// Parsed on first use (a few milliseconds), then shared by every document.
pub static FONTS: LazyLock<Fonts> = LazyLock::new(|| Fonts {
    regular: LoadedFont::load(REGULAR),
    bold: LoadedFont::load(BOLD),
});

impl Measure for Fonts {
    fn advance(&self, face: Face, c: char) -> f32 {
        match face {
            Face::Regular => self.regular.advance(c),
            Face::Bold => self.bold.advance(c),
        }
    }
}
