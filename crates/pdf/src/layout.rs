//! Our own layout: measure, wrap and paginate blocks into positioned text, rectangles and
//! lines. Nothing here knows about PDF: the writer turns the result into a file, and could be
//! replaced without touching this module.
//!
//! Units are PostScript points; `y` grows downwards from the top of the page (text items give
//! their baseline).

/// A4 portrait.
pub const PAGE_WIDTH: f32 = 595.28;
pub const PAGE_HEIGHT: f32 = 841.89;
pub const MARGIN_X: f32 = 50.0;
/// Room above the body for the running header.
pub const BODY_TOP: f32 = 62.0;
/// Bottom of the body: the footer sits below.
pub const BODY_BOTTOM: f32 = PAGE_HEIGHT - 62.0;
pub const BODY_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN_X;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

// A sober palette; every text colour has a contrast ratio ≥ 4.5:1 on white and on the fills.
pub const INK: Rgb = Rgb(0x1a, 0x1a, 0x1a);
pub const MUTED: Rgb = Rgb(0x4d, 0x4d, 0x4d);
pub const ACCENT: Rgb = Rgb(0x1f, 0x4e, 0x79);
/// The demonstration mark: the app's error red (7.0:1 on white).
pub const DANGER: Rgb = Rgb(0xa4, 0x16, 0x1a);
pub const OK: Rgb = Rgb(0x1e, 0x6b, 0x34);
pub const KO: Rgb = Rgb(0xa1, 0x26, 0x1b);
pub const RULE: Rgb = Rgb(0x9a, 0xa5, 0xb1);
pub const HEADER_FILL: Rgb = Rgb(0xe6, 0xec, 0xf2);
pub const SHADE: Rgb = Rgb(0xf4, 0xf6, 0xf8);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Face {
    Regular,
    Bold,
}

/// Glyph advances of the fonts the writer embeds.
pub trait Measure {
    /// Advance of one character, in ems.
    fn advance(&self, face: Face, c: char) -> f32;

    fn width(&self, face: Face, size: f32, text: &str) -> f32 {
        text.chars().map(|c| self.advance(face, c)).sum::<f32>() * size
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text {
        x: f32,
        y: f32,
        size: f32,
        face: Face,
        color: Rgb,
        text: String,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Rgb>,
        stroke: Option<Rgb>,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        color: Rgb,
        width: f32,
    },
}

/// One laid-out page, with what its header and footer will show.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    pub items: Vec<Item>,
    /// Right side of the running header (who the page is about).
    pub running_title: String,
    /// Content hash printed in the footer.
    pub hash: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Laid {
    pub pages: Vec<Page>,
    /// Outline entries: label and 0-based page index.
    pub bookmarks: Vec<(String, usize)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub title: String,
    /// Share of the body width.
    pub width: f32,
    pub align: Align,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TableRow {
    pub cells: Vec<String>,
    pub bold: bool,
    /// Colour of the text (e.g. a result), default ink.
    pub color: Option<Rgb>,
}

impl TableRow {
    pub fn plain(cells: Vec<String>) -> Self {
        Self {
            cells,
            bold: false,
            color: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct TimelineEntry {
    pub date: String,
    pub title: String,
    pub detail: String,
    pub current: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Title {
        text: String,
        lines: Vec<String>,
    },
    /// A section heading; `bookmark` adds an outline entry.
    Heading {
        text: String,
        bookmark: Option<String>,
    },
    Paragraph {
        text: String,
        size: f32,
        face: Face,
        color: Rgb,
    },
    /// Label / value pairs in two columns.
    Fields(Vec<(String, String)>),
    Table {
        columns: Vec<Column>,
        rows: Vec<TableRow>,
    },
    Timeline(Vec<TimelineEntry>),
    /// A horizontal bar: value out of max.
    Score {
        label: String,
        value: f32,
        max: f32,
    },
    /// A framed box to fill in by hand: options to tick, then labelled lines.
    FormBox {
        title: String,
        choices: Vec<String>,
        lines: Vec<String>,
    },
    Space(f32),
    /// Starts a new page unless this much room is left (keeps a heading with its box).
    Need(f32),
    PageBreak,
}

impl Block {
    pub fn text(text: impl Into<String>) -> Self {
        Self::Paragraph {
            text: text.into(),
            size: BODY_SIZE,
            face: Face::Regular,
            color: INK,
        }
    }

    pub fn note(text: impl Into<String>) -> Self {
        Self::Paragraph {
            text: text.into(),
            size: SMALL_SIZE,
            face: Face::Regular,
            color: MUTED,
        }
    }
}

pub const BODY_SIZE: f32 = 9.5;
pub const SMALL_SIZE: f32 = 8.0;
const LEADING: f32 = 1.32;
const CELL_PAD: f32 = 3.5;

/// Greedy word wrap on spaces (no-break spaces hold); a word wider than the line is cut.
pub fn wrap(m: &dyn Measure, face: Face, size: f32, text: &str, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut line_width = 0.0;
        let space = m.width(face, size, " ");
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let w = m.width(face, size, word);
            let needed = if line.is_empty() {
                w
            } else {
                line_width + space + w
            };
            if needed <= width {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
                line_width = needed;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if w <= width {
                line.push_str(word);
                line_width = w;
            } else {
                // Cut an over-long word (a URL, a hash) character by character.
                let mut piece = String::new();
                for c in word.chars() {
                    if m.width(face, size, &piece) + m.advance(face, c) * size > width
                        && !piece.is_empty()
                    {
                        lines.push(std::mem::take(&mut piece));
                    }
                    piece.push(c);
                }
                line_width = m.width(face, size, &piece);
                line = piece;
            }
        }
        lines.push(line);
    }
    lines
}

/// Lays blocks out page after page.
pub struct Flow<'m> {
    m: &'m dyn Measure,
    laid: Laid,
    y: f32,
    running_title: String,
    hash: String,
    /// Column titles of the table being laid out, to repeat on a new page.
    started: bool,
}

impl<'m> Flow<'m> {
    pub fn new(m: &'m dyn Measure) -> Self {
        Self {
            m,
            laid: Laid::default(),
            y: BODY_TOP,
            running_title: String::new(),
            hash: String::new(),
            started: false,
        }
    }

    /// Starts a new document part (a dossier, a cover) on a fresh page.
    pub fn start_part(&mut self, running_title: &str, hash: &str) {
        self.running_title = running_title.to_owned();
        self.hash = hash.to_owned();
        self.new_page();
    }

    fn new_page(&mut self) {
        self.laid.pages.push(Page {
            items: Vec::new(),
            running_title: self.running_title.clone(),
            hash: self.hash.clone(),
        });
        self.y = BODY_TOP;
        self.started = true;
    }

    fn page_index(&self) -> usize {
        self.laid.pages.len() - 1
    }

    /// Breaks the page unless `height` fits below the cursor.
    fn ensure(&mut self, height: f32) {
        if !self.started || self.y + height > BODY_BOTTOM && self.y > BODY_TOP {
            self.new_page();
        }
    }

    fn push_item(&mut self, item: Item) {
        if !self.started {
            self.new_page();
        }
        let index = self.page_index();
        self.laid.pages[index].items.push(item);
    }

    fn text(&mut self, x: f32, y: f32, size: f32, face: Face, color: Rgb, text: &str) {
        if text.is_empty() {
            return;
        }
        self.push_item(Item::Text {
            x,
            y,
            size,
            face,
            color,
            text: text.to_owned(),
        });
    }

    fn lines(&self, face: Face, size: f32, text: &str, width: f32) -> Vec<String> {
        wrap(self.m, face, size, text, width)
    }

    pub fn push(&mut self, block: &Block) {
        match block {
            Block::Title { text, lines } => self.title(text, lines),
            Block::Heading { text, bookmark } => self.heading(text, bookmark.as_deref()),
            Block::Paragraph {
                text,
                size,
                face,
                color,
            } => self.paragraph(text, *size, *face, *color),
            Block::Fields(fields) => self.fields(fields),
            Block::Table { columns, rows } => self.table(columns, rows),
            Block::Timeline(entries) => self.timeline(entries),
            Block::Score { label, value, max } => self.score(label, *value, *max),
            Block::FormBox {
                title,
                choices,
                lines,
            } => self.form_box(title, choices, lines),
            Block::Space(h) => self.y += h,
            Block::Need(h) => self.ensure(*h),
            Block::PageBreak => self.new_page(),
        }
    }

    fn title(&mut self, text: &str, lines: &[String]) {
        self.ensure(80.0);
        let size = 17.0;
        for line in self.lines(Face::Bold, size, text, BODY_WIDTH) {
            self.y += size;
            self.text(MARGIN_X, self.y, size, Face::Bold, ACCENT, &line);
            self.y += 4.0;
        }
        self.y += 4.0;
        for line in lines {
            for l in self.lines(Face::Regular, 10.0, line, BODY_WIDTH) {
                self.y += 10.0 * LEADING;
                self.text(MARGIN_X, self.y, 10.0, Face::Regular, INK, &l);
            }
        }
        self.y += 8.0;
        let y = self.y;
        self.push_item(Item::Line {
            x1: MARGIN_X,
            y1: y,
            x2: MARGIN_X + BODY_WIDTH,
            y2: y,
            color: ACCENT,
            width: 1.2,
        });
        self.y += 6.0;
    }

    fn heading(&mut self, text: &str, bookmark: Option<&str>) {
        // Keep a heading with at least a few lines of what follows.
        self.ensure(12.0 + 12.0 + 4.0 * BODY_SIZE * LEADING);
        self.y += 12.0;
        let size = 11.5;
        self.y += size;
        self.text(MARGIN_X, self.y, size, Face::Bold, ACCENT, text);
        self.y += 3.0;
        let y = self.y;
        self.push_item(Item::Line {
            x1: MARGIN_X,
            y1: y,
            x2: MARGIN_X + BODY_WIDTH,
            y2: y,
            color: RULE,
            width: 0.5,
        });
        self.y += 5.0;
        if let Some(label) = bookmark {
            let page = self.page_index();
            self.laid.bookmarks.push((label.to_owned(), page));
        }
    }

    fn paragraph(&mut self, text: &str, size: f32, face: Face, color: Rgb) {
        let step = size * LEADING;
        for line in self.lines(face, size, text, BODY_WIDTH) {
            self.ensure(step);
            self.y += step;
            self.text(MARGIN_X, self.y - size * 0.25, size, face, color, &line);
        }
        self.y += 3.0;
    }

    fn fields(&mut self, fields: &[(String, String)]) {
        let label_width = BODY_WIDTH * 0.30;
        let value_x = MARGIN_X + label_width + 8.0;
        let value_width = BODY_WIDTH - label_width - 8.0;
        let step = BODY_SIZE * LEADING;
        for (label, value) in fields {
            let labels = self.lines(Face::Bold, BODY_SIZE, label, label_width);
            let values = self.lines(Face::Regular, BODY_SIZE, value, value_width);
            let rows = labels.len().max(values.len());
            self.ensure(rows as f32 * step + 2.0);
            let top = self.y;
            for (i, l) in labels.iter().enumerate() {
                let y = top + (i + 1) as f32 * step - BODY_SIZE * 0.25;
                self.text(MARGIN_X, y, BODY_SIZE, Face::Bold, MUTED, l);
            }
            for (i, v) in values.iter().enumerate() {
                let y = top + (i + 1) as f32 * step - BODY_SIZE * 0.25;
                self.text(value_x, y, BODY_SIZE, Face::Regular, INK, v);
            }
            self.y = top + rows as f32 * step + 2.0;
        }
        self.y += 2.0;
    }

    fn table_header(&mut self, columns: &[Column], xs: &[f32], widths: &[f32]) {
        let size = SMALL_SIZE;
        let heights: Vec<usize> = columns
            .iter()
            .zip(widths)
            .map(|(c, w)| {
                self.lines(Face::Bold, size, &c.title, w - 2.0 * CELL_PAD)
                    .len()
            })
            .collect();
        let h = *heights.iter().max().unwrap_or(&1) as f32 * size * LEADING + 2.0 * CELL_PAD;
        self.ensure(h + 20.0);
        let top = self.y;
        self.push_item(Item::Rect {
            x: MARGIN_X,
            y: top,
            w: BODY_WIDTH,
            h,
            fill: Some(HEADER_FILL),
            stroke: None,
        });
        for ((c, x), w) in columns.iter().zip(xs).zip(widths) {
            for (i, line) in self
                .lines(Face::Bold, size, &c.title, w - 2.0 * CELL_PAD)
                .iter()
                .enumerate()
            {
                let lx = match c.align {
                    Align::Left => x + CELL_PAD,
                    Align::Right => x + w - CELL_PAD - self.m.width(Face::Bold, size, line),
                };
                let y = top + CELL_PAD + (i + 1) as f32 * size * LEADING - size * 0.3;
                self.text(lx, y, size, Face::Bold, INK, line);
            }
        }
        self.y = top + h;
    }

    fn table(&mut self, columns: &[Column], rows: &[TableRow]) {
        let total: f32 = columns.iter().map(|c| c.width).sum();
        let widths: Vec<f32> = columns
            .iter()
            .map(|c| c.width / total * BODY_WIDTH)
            .collect();
        let mut xs = Vec::with_capacity(widths.len());
        let mut x = MARGIN_X;
        for w in &widths {
            xs.push(x);
            x += w;
        }
        let size = BODY_SIZE - 0.5;
        let step = size * LEADING;
        self.table_header(columns, &xs, &widths);
        for (n, row) in rows.iter().enumerate() {
            let face = if row.bold { Face::Bold } else { Face::Regular };
            let cells: Vec<Vec<String>> = row
                .cells
                .iter()
                .zip(&widths)
                .map(|(text, w)| self.lines(face, size, text, w - 2.0 * CELL_PAD))
                .collect();
            let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
            let h = lines as f32 * step + 2.0 * CELL_PAD;
            if self.y + h > BODY_BOTTOM {
                self.new_page();
                self.table_header(columns, &xs, &widths);
            }
            let top = self.y;
            if n % 2 == 1 || row.bold {
                self.push_item(Item::Rect {
                    x: MARGIN_X,
                    y: top,
                    w: BODY_WIDTH,
                    h,
                    fill: Some(SHADE),
                    stroke: None,
                });
            }
            for (((cell, column), x), w) in cells.iter().zip(columns).zip(&xs).zip(&widths) {
                for (i, line) in cell.iter().enumerate() {
                    let lx = match column.align {
                        Align::Left => x + CELL_PAD,
                        Align::Right => x + w - CELL_PAD - self.m.width(face, size, line),
                    };
                    let y = top + CELL_PAD + (i + 1) as f32 * step - size * 0.3;
                    self.text(lx, y, size, face, row.color.unwrap_or(INK), line);
                }
            }
            self.y = top + h;
            let y = self.y;
            self.push_item(Item::Line {
                x1: MARGIN_X,
                y1: y,
                x2: MARGIN_X + BODY_WIDTH,
                y2: y,
                color: RULE,
                width: 0.3,
            });
        }
        self.y += 6.0;
    }

    fn timeline(&mut self, entries: &[TimelineEntry]) {
        let date_width = 92.0;
        let axis = MARGIN_X + date_width + 8.0;
        let text_x = axis + 12.0;
        let text_width = MARGIN_X + BODY_WIDTH - text_x;
        let size = BODY_SIZE;
        let step = size * LEADING;
        let mut previous_dot: Option<(usize, f32)> = None;
        for entry in entries {
            let titles = self.lines(Face::Bold, size, &entry.title, text_width);
            let details = self.lines(Face::Regular, SMALL_SIZE, &entry.detail, text_width);
            let h = titles.len() as f32 * step
                + details.iter().filter(|d| !d.is_empty()).count() as f32 * SMALL_SIZE * LEADING
                + 6.0;
            self.ensure(h);
            let top = self.y;
            let dot_y = top + step * 0.5;
            let page = self.page_index();
            // The axis joins this dot to the previous one on the same page.
            if let Some((p, y)) = previous_dot
                && p == page
            {
                self.push_item(Item::Line {
                    x1: axis,
                    y1: y + 3.0,
                    x2: axis,
                    y2: dot_y - 3.0,
                    color: RULE,
                    width: 1.0,
                });
            }
            let color = if entry.current { ACCENT } else { MUTED };
            let r = if entry.current { 3.5 } else { 2.5 };
            self.push_item(Item::Rect {
                x: axis - r,
                y: dot_y - r,
                w: 2.0 * r,
                h: 2.0 * r,
                fill: Some(color),
                stroke: None,
            });
            previous_dot = Some((page, dot_y));
            let date_w = self.m.width(Face::Regular, SMALL_SIZE, &entry.date);
            self.text(
                axis - 10.0 - date_w,
                top + step - size * 0.25,
                SMALL_SIZE,
                Face::Regular,
                MUTED,
                &entry.date,
            );
            let mut y = top;
            for t in &titles {
                y += step;
                self.text(text_x, y - size * 0.25, size, Face::Bold, color, t);
            }
            for d in details.iter().filter(|d| !d.is_empty()) {
                y += SMALL_SIZE * LEADING;
                self.text(
                    text_x,
                    y - SMALL_SIZE * 0.25,
                    SMALL_SIZE,
                    Face::Regular,
                    MUTED,
                    d,
                );
            }
            self.y = y + 6.0;
        }
        self.y += 2.0;
    }

    fn score(&mut self, label: &str, value: f32, max: f32) {
        self.ensure(34.0);
        let size = BODY_SIZE;
        self.y += size * LEADING;
        self.text(MARGIN_X, self.y, size, Face::Bold, INK, label);
        self.y += 5.0;
        let bar_width = BODY_WIDTH * 0.7;
        let h = 11.0;
        let top = self.y;
        self.push_item(Item::Rect {
            x: MARGIN_X,
            y: top,
            w: bar_width,
            h,
            fill: Some(HEADER_FILL),
            stroke: Some(RULE),
        });
        let share = if max > 0.0 {
            (value / max).clamp(0.0, 1.0)
        } else {
            0.0
        };
        if share > 0.0 {
            self.push_item(Item::Rect {
                x: MARGIN_X,
                y: top,
                w: bar_width * share,
                h,
                fill: Some(ACCENT),
                stroke: None,
            });
        }
        let figure = format!("{} / {}", trim_number(value), trim_number(max));
        self.text(
            MARGIN_X + bar_width + 10.0,
            top + h - 2.0,
            11.0,
            Face::Bold,
            ACCENT,
            &figure,
        );
        self.y = top + h + 8.0;
    }

    fn form_box(&mut self, title: &str, choices: &[String], lines: &[String]) {
        let size = BODY_SIZE;
        let step = size * LEADING;
        let h = 14.0 + step + 10.0 + 22.0 + lines.len() as f32 * 26.0 + 8.0;
        self.ensure(h);
        let top = self.y;
        self.push_item(Item::Rect {
            x: MARGIN_X,
            y: top,
            w: BODY_WIDTH,
            h,
            fill: None,
            stroke: Some(INK),
        });
        let mut y = top + 8.0 + size;
        self.text(MARGIN_X + 10.0, y, size + 1.0, Face::Bold, INK, title);
        y += 14.0;
        // Tick boxes in a row (they wrap if needed).
        let mut x = MARGIN_X + 10.0;
        for choice in choices {
            let w = 12.0 + self.m.width(Face::Regular, size, choice) + 16.0;
            if x + w > MARGIN_X + BODY_WIDTH - 10.0 {
                x = MARGIN_X + 10.0;
                y += 18.0;
            }
            self.push_item(Item::Rect {
                x,
                y: y - 8.0,
                w: 9.0,
                h: 9.0,
                fill: None,
                stroke: Some(INK),
            });
            self.text(x + 13.0, y, size, Face::Regular, INK, choice);
            x += w;
        }
        y += 22.0;
        for label in lines {
            self.text(MARGIN_X + 10.0, y, size, Face::Regular, INK, label);
            let lx = MARGIN_X + 14.0 + self.m.width(Face::Regular, size, label);
            self.push_item(Item::Line {
                x1: lx,
                y1: y + 1.5,
                x2: MARGIN_X + BODY_WIDTH - 10.0,
                y2: y + 1.5,
                color: RULE,
                width: 0.5,
            });
            y += 26.0;
        }
        self.y = top + h + 6.0;
    }

    /// Ends the layout: every page gets its header and footer, now that the total is known.
    pub fn finish(mut self, decorate: &dyn Fn(usize, usize, &Page) -> Vec<Item>) -> Laid {
        let total = self.laid.pages.len();
        for i in 0..total {
            let extra = decorate(i + 1, total, &self.laid.pages[i]);
            self.laid.pages[i].items.extend(extra);
        }
        self.laid
    }
}

/// `10` rather than `10.0`, `2,5` the French way.
pub fn trim_number(v: f32) -> String {
    if (v - v.round()).abs() < 0.001 {
        format!("{}", v.round() as i64)
    } else {
        format!("{v:.1}").replace('.', ",")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character is half an em wide: easy arithmetic.
    struct Half;
    impl Measure for Half {
        fn advance(&self, _: Face, _: char) -> f32 {
            0.5
        }
    }

    #[test]
    fn words_wrap_at_the_width_and_long_words_are_cut() {
        // size 10: 5 pt per character; 50 pt = 10 characters.
        let lines = wrap(&Half, Face::Regular, 10.0, "un deux trois quatre", 50.0);
        assert_eq!(lines, ["un deux", "trois", "quatre"]);
        let lines = wrap(
            &Half,
            Face::Regular,
            10.0,
            "abcdefghijklmnopqrstuvwxyz",
            50.0,
        );
        assert_eq!(lines, ["abcdefghij", "klmnopqrst", "uvwxyz"]);
        // A narrow no-break space holds « 1 250,00 € » together.
        let lines = wrap(
            &Half,
            Face::Regular,
            10.0,
            "total 1\u{202F}250,00\u{202F}€",
            50.0,
        );
        assert_eq!(lines, ["total", "1\u{202F}250,00\u{202F}€"]);
        assert_eq!(wrap(&Half, Face::Regular, 10.0, "a\nb", 50.0), ["a", "b"]);
    }

    #[test]
    fn long_content_flows_onto_new_pages_and_headers_repeat() {
        let mut flow = Flow::new(&Half);
        flow.start_part("X", "hash");
        flow.push(&Block::Heading {
            text: "Tableau".into(),
            bookmark: Some("Tableau".into()),
        });
        let rows = (0..120)
            .map(|i| TableRow::plain(vec![format!("ligne {i}"), "valeur".into()]))
            .collect();
        flow.push(&Block::Table {
            columns: vec![
                Column {
                    title: "Colonne A".into(),
                    width: 1.0,
                    align: Align::Left,
                },
                Column {
                    title: "Colonne B".into(),
                    width: 1.0,
                    align: Align::Right,
                },
            ],
            rows,
        });
        let laid = flow.finish(&|i, n, _| {
            vec![Item::Text {
                x: 0.0,
                y: 0.0,
                size: 8.0,
                face: Face::Regular,
                color: INK,
                text: format!("Page {i}/{n}"),
            }]
        });
        assert!(laid.pages.len() >= 3, "{} pages", laid.pages.len());
        assert_eq!(laid.bookmarks, [("Tableau".to_owned(), 0)]);
        for (i, page) in laid.pages.iter().enumerate() {
            let texts: Vec<&str> = page
                .items
                .iter()
                .filter_map(|it| match it {
                    Item::Text { text, .. } => Some(text.as_str()),
                    _ => None,
                })
                .collect();
            assert!(texts.contains(&"Colonne A"), "header repeated on page {i}");
            assert!(texts.contains(&format!("Page {}/{}", i + 1, laid.pages.len()).as_str()));
            // Nothing is laid below the body's bottom (the footer is not body).
            for it in &page.items {
                if let Item::Text { y, text, .. } = it
                    && !text.starts_with("Page")
                {
                    assert!(*y <= BODY_BOTTOM, "{text} at {y}");
                }
            }
        }
    }
}
