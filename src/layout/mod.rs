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

pub mod shape;

/// A resolved paragraph direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Direction {
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

impl Default for Direction {
    fn default() -> Self {
        Direction::Ltr
    }
}

impl VisualLine {
    /// The text of cell `i`.
    pub fn cell_text(&self, i: usize) -> &str {
        self.cells.get(i).map_or("", |c| &self.text[c.visual_range.clone()])
    }
}

/// Lays out one paragraph (no newlines expected; a newline is treated as a space).
///
/// PLACEHOLDER: no shaping, no reordering yet; wraps naively by chars.
pub fn layout_paragraph(text: &str, opts: &LayoutOptions) -> Vec<VisualLine> {
    let direction = match opts.base {
        BaseDirection::Ltr => Direction::Ltr,
        BaseDirection::Rtl => Direction::Rtl,
        BaseDirection::Auto => first_strong_direction(text).unwrap_or(Direction::Ltr),
    };
    let mut lines = Vec::new();
    let mut cur = VisualLine { direction, logical_range: 0..0, ..Default::default() };
    for (i, ch) in text.char_indices() {
        let w = text_width(ch.encode_utf8(&mut [0; 4])).max(1);
        if opts.width > 0 && cur.width + w > opts.width && !cur.cells.is_empty() {
            let next = VisualLine { direction, logical_range: i..i, ..Default::default() };
            lines.push(std::mem::replace(&mut cur, next));
        }
        let start = cur.text.len();
        cur.text.push(if ch.is_control() { '\u{FFFD}' } else { ch });
        cur.cells.push(VisualCell {
            visual_range: start..cur.text.len(),
            width: w as u8,
            logical_range: i..i + ch.len_utf8(),
        });
        cur.width += w;
        cur.logical_range.end = i + ch.len_utf8();
    }
    lines.push(cur);
    lines
}

/// The width in cells of `s` as a terminal draws it: the sum of its grapheme clusters' widths.
/// The one function that decides widths in qari.
pub fn text_width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// UAX #9 P2–P3: the direction of the first strong character, if any.
pub fn first_strong_direction(text: &str) -> Option<Direction> {
    use unicode_bidi::BidiClass::*;
    text.chars().find_map(|c| match unicode_bidi::bidi_class(c) {
        L => Some(Direction::Ltr),
        R | AL => Some(Direction::Rtl),
        _ => None,
    })
}

/// The direction of most of the strong characters of `text` (LTR when there are none): the
/// default base direction of a document.
pub fn dominant_direction(text: &str) -> Direction {
    use unicode_bidi::BidiClass::*;
    let (mut l, mut r) = (0usize, 0usize);
    for c in text.chars() {
        match unicode_bidi::bidi_class(c) {
            L => l += 1,
            R | AL => r += 1,
            _ => {}
        }
    }
    if r > l {
        Direction::Rtl
    } else {
        Direction::Ltr
    }
}

/// Lays out `text` as a single line of at most `width` cells, cutting it at its logical end with
/// an ellipsis (…) when it is too wide: for list items and status fields.
///
/// PLACEHOLDER.
pub fn fit_line(text: &str, width: usize, base: BaseDirection, shape: bool) -> VisualLine {
    let opts = LayoutOptions { width: 0, base, shape, reorder: true };
    let mut line = layout_paragraph(text, &opts).into_iter().next().unwrap_or_default();
    while line.width > width {
        if let Some(c) = line.cells.pop() {
            line.width -= c.width as usize;
            line.text.truncate(c.visual_range.start);
        } else {
            break;
        }
    }
    line
}
