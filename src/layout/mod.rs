//! Terminal layout of bidirectional, Arabic-shaped text.
//!
//! Input: one paragraph of logical text, a width in cells and a base direction. Output: visual
//! lines, each a sequence of cells in left-to-right screen order, and for every cell the logical
//! range of the source it shows. The pipeline is: shape (logical order) → wrap (UAX #14) → per
//! line: UAX #9 levels → reverse RTL runs by grapheme → mirror (L4).
//!
//! Everything here is total: any string, any width, no panic. Nothing here knows about
//! documents or terminals.

use std::ops::Range;

mod engine;
pub mod shape;

/// A resolved paragraph direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Direction {
    #[default]
    Ltr,
    Rtl,
}

/// The requested base direction of a paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum BaseDirection {
    Ltr,
    Rtl,
    /// UAX #9 P2–P3: the first strong character decides; LTR when there is none.
    #[default]
    Auto,
}

impl From<Direction> for BaseDirection {
    /// A paragraph laid out in a direction already resolved.
    fn from(d: Direction) -> Self {
        match d {
            Direction::Ltr => BaseDirection::Ltr,
            Direction::Rtl => BaseDirection::Rtl,
        }
    }
}

/// How to lay out a paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LayoutOptions {
    /// Line width in cells; `0` turns wrapping off.
    pub width: usize,
    pub base: BaseDirection,
    /// Join Arabic letters into presentation forms (and lam-alef ligatures).
    pub shape: bool,
    /// Reorder each line into visual order (UAX #9) and mirror. `false` keeps logical order and
    /// implies no shaping: for terminals that do BiDi and shaping themselves (`--bidi terminal`).
    pub reorder: bool,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        Self { width: 0, base: BaseDirection::Auto, shape: true, reorder: true }
    }
}

/// One screen cell (or two, for a wide grapheme) of a visual line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VisualCell {
    /// Byte range into [`VisualLine::text`]: the grapheme cluster to print here.
    pub visual_range: Range<usize>,
    /// Cells it occupies: 1 or 2.
    pub width: u8,
    /// Byte range of the paragraph source this cell shows.
    pub logical_range: Range<usize>,
}

/// One wrapped, reordered line, ready to print left to right.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct VisualLine {
    /// What to print, in visual order. Never holds a control character or a BiDi formatting
    /// character: controls from the source are shown as visible placeholders.
    pub text: String,
    /// The cells, left to right.
    pub cells: Vec<VisualCell>,
    /// Sum of the cells' widths.
    pub width: usize,
    /// The paragraph's resolved direction: RTL lines are right-aligned.
    pub direction: Direction,
    /// Byte range of the paragraph source that this line covers (logical order).
    pub logical_range: Range<usize>,
}

impl VisualLine {
    /// The text of cell `i`.
    pub fn cell_text(&self, i: usize) -> &str {
        self.cells.get(i).map_or("", |c| &self.text[c.visual_range.clone()])
    }
}

/// Lays out one paragraph into visual lines, ready to print left to right.
///
/// With `opts.reorder && opts.shape` the paragraph is first shaped in logical order
/// ([`shape::shape`]); cells always map back to byte ranges of `text` itself. Levels are resolved
/// once for the paragraph (UAX #9 P2–I2; `opts.base` gives the paragraph level, `Auto` is P2–P3).
/// The text is then wrapped in logical order at `opts.width` cells (0: no wrapping) at UAX #14
/// opportunities, never inside a word unless the word alone is wider than the line; spaces at a
/// break are dropped. Only then is each line reordered on its own: L1, L2 by grapheme cluster (a
/// cluster's combining marks stay after its base, as terminals expect), L4 mirroring.
///
/// - Explicit embeddings, overrides, isolates, LRM/RLM/ALM and other X9-removed characters
///   (ZWSP, soft hyphen, BOM…) take part in the algorithm and get no cell.
/// - A control character is never printed: C0 shows as its Control Picture (U+2400 + c), DEL as
///   ␡, C1 as U+FFFD. A tab, and a newline / CR LF / VT / FF / NEL / U+2028 / U+2029 inside the
///   paragraph, show as one space (and may be dropped at a break like a space).
/// - A cluster with no base (a combining mark at the start, or after a removed control) shows
///   after U+25CC DOTTED CIRCLE, one cell.
/// - Every cell is one grapheme cluster of width 1 or 2. The lines tile the paragraph: each
///   line's `logical_range` runs to where the next line starts.
///
/// # Limitations
/// A single cluster wider than `width` (an emoji at width 1) gets a line of its own, wider than
/// `width`. Widths are unicode-width's per grapheme; terminals disagree on some (ambiguous-width
/// characters, some emoji sequences).
pub fn layout_paragraph(text: &str, opts: &LayoutOptions) -> Vec<VisualLine> {
    engine::Paragraph::new(text, opts).layout(opts.width)
}

/// Lays out one paragraph as [`layout_paragraph`] does, but only calls `row` with each line's
/// text (what [`VisualLine::text`] holds), width in cells and direction, in order, without
/// building the cells: for printing whole documents.
pub fn layout_rows(text: &str, opts: &LayoutOptions, mut row: impl FnMut(&str, usize, Direction)) {
    let paragraph = engine::Paragraph::new(text, opts);
    let direction = paragraph.direction();
    paragraph.rows(opts.width, |text, width| row(text, width, direction));
}

/// The width in cells of `s` as qari draws it: the sum of its grapheme clusters' widths
/// (unicode-width per grapheme, at most 2), counting what [`layout_paragraph`] shows: a control
/// character's placeholder is 1, an invisible formatting character 0, a lone combining mark 1.
/// The one function that decides widths in qari.
///
/// It measures `s` as given: unshaped لا is two cells, its shaped ligature ﻻ one.
pub fn text_width(s: &str) -> usize {
    use unicode_segmentation::UnicodeSegmentation;
    if s.is_ascii() && !s.bytes().any(|b| b < 0x20 || b == 0x7F) {
        return s.len();
    }
    s.graphemes(true).map(engine::display).map(|d| d.width as usize).sum()
}

/// UAX #9 P2–P3: the direction of the first strong character, skipping characters between an
/// isolate initiator and its matching PDI; `None` when there is none.
pub fn first_strong_direction(text: &str) -> Option<Direction> {
    use unicode_bidi::BidiClass::*;
    let mut isolates = 0usize;
    for c in text.chars() {
        match engine::bidi_class(c) {
            LRI | RLI | FSI => isolates += 1,
            PDI => isolates = isolates.saturating_sub(1),
            L if isolates == 0 => return Some(Direction::Ltr),
            R | AL if isolates == 0 => return Some(Direction::Rtl),
            _ => {}
        }
    }
    None
}

/// The base direction of one paragraph of a document written in `document`'s direction: that
/// one, unless the letters of the other direction outnumber its own three to one among the
/// paragraph's first [`PARAGRAPH_SAMPLE`] chars (an English quotation in an Arabic article, an
/// Arabic one in an English article). So an Arabic paragraph that opens with a Latin name
/// (`NATO`, `OpenAI`) stays right-to-left, as does a short one such as «NATO قال», where UAX
/// #9's first strong character (P2–P3) would make it left-to-right. A paragraph without letters
/// (digits, punctuation) takes the document's. Only a prefix is read, so a huge one-line
/// document costs no scan.
pub fn paragraph_direction(text: &str, document: Direction) -> Direction {
    let (l, r) = strong_counts(text.chars().take(PARAGRAPH_SAMPLE));
    let (own, other) = match document {
        Direction::Rtl => (r, l),
        Direction::Ltr => (l, r),
    };
    match document {
        _ if other <= 3 * own => document,
        Direction::Rtl => Direction::Ltr,
        Direction::Ltr => Direction::Rtl,
    }
}

/// How many of `chars` are strong left-to-right (L) and strong right-to-left (R, AL).
fn strong_counts(chars: impl Iterator<Item = char>) -> (usize, usize) {
    use unicode_bidi::BidiClass::*;
    chars.fold((0, 0), |(l, r), c| match engine::bidi_class(c) {
        L => (l + 1, r),
        R | AL => (l, r + 1),
        _ => (l, r),
    })
}

/// How many chars of a paragraph [`paragraph_direction`] reads.
pub const PARAGRAPH_SAMPLE: usize = 4096;

/// The direction of most of the strong characters of `text` (LTR when there are none): the
/// default base direction of a document.
pub fn dominant_direction(text: &str) -> Direction {
    let (l, r) = strong_counts(text.chars());
    if r > l {
        Direction::Rtl
    } else {
        Direction::Ltr
    }
}

/// Lays out `text` as a single line of at most `width` cells, cutting it at its logical end with
/// an ellipsis (…) when it is too wide: for list items and status fields. The ellipsis is a
/// cell at the paragraph level whose logical range is the part cut off, so in an RTL line it
/// shows at the left end. Newlines in `text` read as spaces.
pub fn fit_line(text: &str, width: usize, base: BaseDirection, shape: bool) -> VisualLine {
    let opts = LayoutOptions { width: 0, base, shape, reorder: true };
    engine::Paragraph::new(text, &opts).fit(width)
}
