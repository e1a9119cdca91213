//! The reader's view of a document: display segments, a layout cache, and screen rows computed
//! from a logical anchor. Only the segments around the anchor are ever laid out.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use crate::doc::{Block, BlockKind, Document, TextDirection};
use crate::layout::{self, table, Direction, LayoutOptions, VisualLine};

/// Longest piece of a paragraph laid out at once. A longer paragraph (a 2 MB line) is cut at a
/// space into pieces shown one after the other without a blank row, so no key ever waits for
/// a huge layout.
const MAX_SEGMENT_LEN: usize = 16 * 1024;
/// Cached layouts kept before the cache is emptied (a resize fills it again from scratch).
const MAX_CACHE: usize = 4096;

/// A piece of a block laid out as one BiDi paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// Byte range of the document text.
    pub range: Range<usize>,
    pub kind: BlockKind,
    /// Continues the previous segment's block: no blank row between them.
    pub continues: bool,
    /// The paragraph direction (UAX #9 P2–P3 on the whole block; the document's when none).
    pub direction: Direction,
    /// A row of a Markdown table: laid out in its table's columns when they fit. Behind a
    /// pointer: a 10 MB document has tens of thousands of segments, few of them rows.
    pub table: Option<Arc<TableRow>>,
    /// A piece of a long block after its first: laid out in the context of the text before it
    /// ([`layout::context_mark`]).
    pub cut: bool,
    /// Cells of indentation at the start side: two a Markdown block quote level (its bar and a
    /// space), then two a nested list item's level.
    pub indent: u16,
    /// How many Markdown block quotes the segment is in (a bar each at its start side).
    pub quote: u8,
}

/// The width a segment's lines take in a text column of `width`: less its indentation, when
/// the column is wide enough to give it.
pub fn text_width(width: usize, seg: &Segment) -> usize {
    if width >= 4 * seg.indent as usize {
        width - seg.indent as usize
    } else {
        width
    }
}

/// A Markdown table's row, as a segment knows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableRow {
    pub columns: Arc<table::Columns>,
    /// The table's first row: a rule is drawn under it.
    pub header: bool,
    /// Offsets in the row of its pipes written `\|` (text, not separators).
    pub escaped: Vec<usize>,
}

/// A segment's text as a table row, its escaped pipes with it (`None` when it is not one).
fn row_of<'a>(text: &'a str, escaped: &[usize], seg: &Segment) -> Option<(&'a str, Vec<usize>)> {
    let row = text.get(seg.range.clone()).filter(|t| t.starts_with('|'))?;
    let from = escaped.partition_point(|&p| p < seg.range.start);
    let to = escaped.partition_point(|&p| p < seg.range.end);
    Some((row, escaped[from..to].iter().map(|p| p - seg.range.start).collect()))
}

/// A screen row of the reader, as a position: `slot` 0 is the blank row before a block, slot
/// `k ≥ 1` is line `k - 1` of the segment. Ordered as on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct RowPos {
    pub segment: usize,
    pub slot: usize,
}

/// One row on screen: a blank row or a line of a segment.
#[derive(Clone, Debug)]
pub struct VisibleRow {
    pub pos: RowPos,
    /// The segment's lines (shared with the cache) when this is a text row.
    pub lines: Option<Arc<[VisualLine]>>,
    /// Byte offset of the segment in the document: cell logical ranges are relative to it.
    pub segment_start: usize,
    pub kind: BlockKind,
    /// Cells left blank at the line's start side (right for a right-to-left line).
    pub indent: u16,
    /// Block quote bars to draw at the start side of the row (`indent` leaves them room): on a
    /// blank row, those of the quotes that go on across it.
    pub quote: u8,
    /// The segment's paragraph direction: the side the bars and the indentation are on.
    pub direction: Direction,
}

impl VisibleRow {
    /// The visual line shown on this row, if it is not blank.
    pub fn line(&self) -> Option<&VisualLine> {
        let lines = self.lines.as_ref()?;
        lines.get(self.pos.slot.checked_sub(1)?)
    }

    /// The document byte range this row shows (empty for a blank row).
    pub fn logical_range(&self) -> Range<usize> {
        match self.line() {
            Some(l) => {
                self.segment_start + l.logical_range.start..self.segment_start + l.logical_range.end
            }
            None => self.segment_start..self.segment_start,
        }
    }
}

/// Splits blocks into segments.
pub fn segments(doc: &Document, blocks: &[Block]) -> Vec<Segment> {
    let fallback = match doc.direction {
        TextDirection::Ltr => Direction::Ltr,
        TextDirection::Rtl => Direction::Rtl,
    };
    let mut out = Vec::with_capacity(blocks.len());
    let mut prev: Option<&Block> = None;
    // The indentation of the open list's items, outermost first (Markdown nesting).
    let mut list: Vec<usize> = Vec::new();
    for block in blocks {
        let Some(text) = doc.text.get(block.range.clone()) else { continue };
        if text.is_empty() {
            continue;
        }
        let list_indent =
            if doc.markdown && block.kind == BlockKind::Paragraph && crate::doc::is_list_item(text)
            {
                let line_start = doc.text[..block.range.start].rfind('\n').map_or(0, |i| i + 1);
                let lead = &doc.text[line_start..block.range.start];
                let cols: usize = lead.chars().map(|c| if c == '\t' { 4 } else { 1 }).sum();
                if lead.chars().all(|c| c == ' ' || c == '\t') {
                    while list.last().is_some_and(|&l| l >= cols) {
                        list.pop();
                    }
                    list.push(cols);
                    // Two cells a level, four levels at most.
                    (2 * (list.len() - 1)).min(8) as u16
                } else {
                    0
                }
            } else {
                list.clear();
                0
            };
        let indent = list_indent + 2 * u16::from(block.quote);
        // Markdown's list items, table rows and code lines, one under the other in the file,
        // are shown so: no blank row between them (a blank line in the file keeps one; a
        // table's delimiter row between its first two rows is not one).
        let tight = doc.markdown
            && prev.is_some_and(|p| {
                ![p.kind, block.kind]
                    .iter()
                    .any(|k| matches!(k, BlockKind::Heading | BlockKind::Rule))
                    && doc.text.get(p.range.end..block.range.start).is_some_and(|gap| {
                        let lines: Vec<&str> = gap.split('\n').collect();
                        lines.len() >= 2
                            && lines[1..lines.len() - 1]
                                .iter()
                                .all(|l| l.contains('|') && l.contains('-'))
                    })
            });
        prev = Some(block);
        // The document's direction, unless the other one has two letters to one in the paragraph (an
        // English quotation): an Arabic paragraph opening with "NATO" stays right-to-left.
        // A line of code reads left to right.
        let direction = if block.kind == BlockKind::Code {
            Direction::Ltr
        } else {
            layout::paragraph_direction(text, fallback)
        };
        let mut start = 0;
        let mut continues = tight;
        while start < text.len() {
            let end = layout::piece_end(text, start, MAX_SEGMENT_LEN);
            out.push(Segment {
                range: block.range.start + start..block.range.start + end,
                kind: block.kind,
                continues,
                direction,
                table: None,
                cut: start > 0,
                indent,
                quote: block.quote,
            });
            continues = true;
            start = end;
        }
    }
    if doc.markdown {
        mark_tables(&doc.text, &doc.emphasis.escaped_pipes, &mut out);
    }
    out
}

/// Finds the Markdown tables among the segments, GFM's way: a row, its delimiter row (only
/// `|`, `-`, `:` and spaces) on the next line, and the rows right under them; and gives their
/// rows the table's columns, measured on all of them.
/// `escaped`: the text's pipes written `\|`, sorted.
fn mark_tables(text: &str, escaped: &[usize], segs: &mut [Segment]) {
    let row_text = |s: &Segment| text.get(s.range.clone()).filter(|t| t.starts_with('|'));
    let mut i = 0;
    while i + 1 < segs.len() {
        let (first, second) = (&segs[i], &segs[i + 1]);
        let delimiter = text.get(first.range.end..second.range.start).and_then(|gap| {
            let lines: Vec<&str> = gap.split('\n').collect();
            match lines.as_slice() {
                [_, d, _] => Some(d.trim()),
                _ => None,
            }
        });
        let is_table = first.kind == BlockKind::Paragraph
            && second.kind == BlockKind::Paragraph
            && second.continues
            && row_text(first).is_some()
            && row_text(second).is_some()
            && delimiter.is_some_and(|d| d.starts_with('|') && d.contains('-'));
        let Some(delimiter) = delimiter.filter(|_| is_table) else {
            i += 1;
            continue;
        };
        let mut end = i + 2;
        while end < segs.len()
            && segs[end].continues
            && segs[end].kind == BlockKind::Paragraph
            && row_text(&segs[end]).is_some()
        {
            end += 1;
        }
        // Every segment of the run is a row (`row_text`), so `rows` lines up with them.
        let rows: Vec<(&str, Vec<usize>)> =
            segs[i..end].iter().filter_map(|s| row_of(text, escaped, s)).collect();
        let aligns = table::Columns::aligns_of(delimiter);
        // A row longer than a segment's piece was cut into pieces: no table.
        let whole = segs[i..end].iter().all(|s| s.range.len() < MAX_SEGMENT_LEN);
        let columns = whole.then(|| {
            let measured = rows.iter().map(|(t, e)| table::Row { text: t, escaped: e });
            table::Columns::measure(measured, aligns, first.direction, true)
        });
        if let Some(columns) = columns.flatten() {
            let columns = Arc::new(columns);
            for (k, (seg, (_, escaped))) in segs[i..end].iter_mut().zip(rows).enumerate() {
                seg.direction = columns.direction;
                seg.table = Some(Arc::new(TableRow {
                    columns: Arc::clone(&columns),
                    header: k == 0,
                    escaped,
                }));
            }
        }
        i = end;
    }
}

/// Layout of segments at one width, computed on demand and kept.
#[derive(Debug, Default)]
pub struct LayoutCache {
    map: HashMap<(usize, usize, usize), Arc<[VisualLine]>>,
    /// `--bidi terminal`: logical order, no shaping.
    pub logical: bool,
}

impl LayoutCache {
    /// An empty cache; `logical` for `--bidi terminal`.
    pub fn new(logical: bool) -> Self {
        LayoutCache { map: HashMap::new(), logical }
    }

    /// The lines of `seg` at `width` cells. Never empty: an empty layout becomes one blank line.
    pub fn lines(&mut self, text: &str, seg: &Segment, width: usize) -> Arc<[VisualLine]> {
        let key = (seg.range.start, seg.range.end, width);
        if let Some(lines) = self.map.get(&key) {
            return Arc::clone(lines);
        }
        let src = text.get(seg.range.clone()).unwrap_or("");
        let opts = LayoutOptions {
            width,
            base: seg.direction.into(),
            shape: !self.logical,
            reorder: !self.logical,
        };
        let row = seg.table.as_ref().filter(|_| !self.logical).and_then(|t| {
            let row = table::Row { text: src, escaped: &t.escaped };
            let Some(line) = table::row_line(row, &t.columns, width, true) else {
                // Too wide for the screen: each row a card of its cells.
                return table::stacked_lines(row, t.columns.direction, t.header, width, true);
            };
            let rule = t.header.then(|| table::rule_line(&t.columns, src.len()));
            Some([line].into_iter().chain(rule).collect::<Vec<_>>())
        });
        let mut lines = row.unwrap_or_else(|| {
            let before = text.get(..seg.range.start).unwrap_or("");
            match layout::context_mark(before).filter(|_| seg.cut && !self.logical) {
                Some(mark) => {
                    let mut lines = layout::layout_paragraph(&format!("{mark}{src}"), &opts);
                    let n = mark.len_utf8();
                    let back =
                        |r: &Range<usize>| r.start.saturating_sub(n)..r.end.saturating_sub(n);
                    for line in &mut lines {
                        line.logical_range = back(&line.logical_range);
                        for cell in &mut line.cells {
                            cell.logical_range = back(&cell.logical_range);
                        }
                    }
                    lines
                }
                None => layout::layout_paragraph(src, &opts),
            }
        });
        if lines.is_empty() {
            lines.push(VisualLine {
                direction: seg.direction,
                logical_range: 0..src.len(),
                ..Default::default()
            });
        }
        if self.map.len() >= MAX_CACHE {
            self.map.clear();
        }
        let lines: Arc<[VisualLine]> = lines.into();
        self.map.insert(key, Arc::clone(&lines));
        lines
    }
}

/// The rows of a document at a width: navigation in screen rows, positions kept logical.
pub struct Rows<'a> {
    pub text: &'a str,
    pub segments: &'a [Segment],
    pub cache: &'a mut LayoutCache,
    pub width: usize,
}

impl Rows<'_> {
    fn line_count(&mut self, segment: usize) -> usize {
        match self.segments.get(segment) {
            Some(seg) => self.cache.lines(self.text, seg, text_width(self.width, seg)).len(),
            None => 0,
        }
    }

    fn has_gap(&self, segment: usize) -> bool {
        segment > 0 && self.segments.get(segment).is_some_and(|s| !s.continues)
    }

    /// The row showing document offset `offset` (the line containing it); with `gap`, the blank
    /// row before it when that line is the first of a block.
    pub fn resolve(&mut self, offset: usize, gap: bool) -> RowPos {
        if self.segments.is_empty() {
            return RowPos::default();
        }
        let segment =
            self.segments.partition_point(|s| s.range.end <= offset).min(self.segments.len() - 1);
        let seg = &self.segments[segment];
        let lines = self.cache.lines(self.text, seg, text_width(self.width, seg));
        let rel = offset.saturating_sub(seg.range.start);
        let line = lines.partition_point(|l| l.logical_range.start <= rel).saturating_sub(1);
        let slot = if gap && line == 0 && self.has_gap(segment) { 0 } else { line + 1 };
        RowPos { segment, slot }
    }

    /// The logical anchor of a row: (document offset, is the blank row before it).
    pub fn anchor_of(&mut self, pos: RowPos) -> (usize, bool) {
        let Some(seg) = self.segments.get(pos.segment) else { return (0, false) };
        let lines = self.cache.lines(self.text, seg, text_width(self.width, seg));
        let line = pos.slot.saturating_sub(1).min(lines.len() - 1);
        (seg.range.start + lines[line].logical_range.start, pos.slot == 0)
    }

    pub fn down(&mut self, pos: RowPos) -> Option<RowPos> {
        let n = self.line_count(pos.segment);
        if pos.slot < n {
            return Some(RowPos { segment: pos.segment, slot: pos.slot + 1 });
        }
        let next = pos.segment + 1;
        if next >= self.segments.len() {
            return None;
        }
        Some(RowPos { segment: next, slot: if self.has_gap(next) { 0 } else { 1 } })
    }

    pub fn up(&mut self, pos: RowPos) -> Option<RowPos> {
        let first = if self.has_gap(pos.segment) { 0 } else { 1 };
        if pos.slot > first {
            return Some(RowPos { segment: pos.segment, slot: pos.slot - 1 });
        }
        let prev = pos.segment.checked_sub(1)?;
        Some(RowPos { segment: prev, slot: self.line_count(prev).max(1) })
    }

    /// Moves `n` rows down (positive) or up (negative), stopping at the ends.
    pub fn step(&mut self, mut pos: RowPos, n: isize) -> RowPos {
        for _ in 0..n.unsigned_abs() {
            let next = if n > 0 { self.down(pos) } else { self.up(pos) };
            match next {
                Some(p) => pos = p,
                None => break,
            }
        }
        pos
    }

    /// The last row of the document.
    pub fn last(&mut self) -> RowPos {
        match self.segments.len().checked_sub(1) {
            Some(s) => RowPos { segment: s, slot: self.line_count(s).max(1) },
            None => RowPos::default(),
        }
    }

    /// The top row that shows the end of the document on the last of `height` rows.
    pub fn bottom_top(&mut self, height: usize) -> RowPos {
        let last = self.last();
        self.step(last, -(height.saturating_sub(1) as isize))
    }

    /// `height` rows from `top` (fewer at the end of the document).
    pub fn visible(&mut self, top: RowPos, height: usize) -> Vec<VisibleRow> {
        let mut rows = Vec::with_capacity(height);
        let mut pos = Some(top);
        while let Some(p) = pos {
            if rows.len() >= height {
                break;
            }
            let Some(seg) = self.segments.get(p.segment) else { break };
            let lines =
                (p.slot > 0).then(|| self.cache.lines(self.text, seg, text_width(self.width, seg)));
            let indent = (self.width - text_width(self.width, seg)) as u16;
            // A blank row inside a quote keeps the bars of the quotes around both its neighbours.
            let quote = match p.slot {
                0 => p
                    .segment
                    .checked_sub(1)
                    .and_then(|k| self.segments.get(k))
                    .map_or(0, |before| before.quote.min(seg.quote)),
                _ => seg.quote,
            };
            rows.push(VisibleRow {
                pos: p,
                lines,
                segment_start: seg.range.start,
                kind: seg.kind,
                indent,
                quote,
                direction: seg.direction,
            });
            pos = self.down(p);
        }
        rows
    }
}

/// A rectangle of the screen (app's own, so `app` does not depend on ratatui).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Area {
    pub x: u16,
    pub y: u16,
    pub width: u16,
    pub height: u16,
}

impl Area {
    pub fn contains(&self, col: u16, row: u16) -> bool {
        col >= self.x
            && row >= self.y
            && (col - self.x) < self.width
            && (row - self.y) < self.height
    }
}

/// Where everything goes on a screen of a given size. Shared by drawing and mouse handling.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Geometry {
    pub reader: Area,
    /// Width of the text inside the reader (the reader minus one column of margin each side).
    pub text_width: u16,
    /// Column where text starts inside the reader.
    pub text_x: u16,
    pub separator: Option<Area>,
    pub pane: Option<Area>,
    /// Title row and item rows of the Sections list.
    pub sections_title: Area,
    pub sections: Area,
    pub actors_title: Area,
    pub actors: Area,
    pub status: Area,
}

/// Narrowest screen that still gets a side pane.
pub const MIN_COLS_FOR_PANE: u16 = 30;

impl Geometry {
    /// Lays out the screen: the reader, an optional side pane (left or right) split into the
    /// Sections and Actors lists, and a status bar on the last row.
    pub fn new(size: (u16, u16), pane: Option<super::PaneSide>, sections: usize) -> Self {
        let (cols, rows) = size;
        let mut g = Geometry::default();
        let body_h = if rows >= 2 { rows - 1 } else { rows };
        if rows >= 2 {
            g.status = Area { x: 0, y: rows - 1, width: cols, height: 1 };
        }
        let pane = pane.filter(|_| cols >= MIN_COLS_FOR_PANE && body_h >= 4);
        match pane {
            Some(side) => {
                let pane_w = (cols * 3 / 10).clamp(12, 36);
                let reader_w = cols - pane_w - 1;
                let (reader_x, sep_x, pane_x) = match side {
                    super::PaneSide::Right => (0, reader_w, reader_w + 1),
                    super::PaneSide::Left => (pane_w + 1, pane_w, 0),
                };
                g.reader = Area { x: reader_x, y: 0, width: reader_w, height: body_h };
                g.separator = Some(Area { x: sep_x, y: 0, width: 1, height: body_h });
                let p = Area { x: pane_x, y: 0, width: pane_w, height: body_h };
                g.pane = Some(p);
                let list_rows = body_h - 2;
                let sec_rows = (sections.max(1) as u16).min(list_rows / 2).max(1);
                g.sections_title = Area { x: p.x, y: 0, width: p.width, height: 1 };
                g.sections = Area { x: p.x, y: 1, width: p.width, height: sec_rows };
                g.actors_title = Area { x: p.x, y: 1 + sec_rows, width: p.width, height: 1 };
                g.actors =
                    Area { x: p.x, y: 2 + sec_rows, width: p.width, height: list_rows - sec_rows };
            }
            None => g.reader = Area { x: 0, y: 0, width: cols, height: body_h },
        }
        if g.reader.width >= 3 {
            g.text_x = g.reader.x + 1;
            g.text_width = g.reader.width - 2;
        } else {
            g.text_x = g.reader.x;
            g.text_width = g.reader.width;
        }
        g
    }
}

impl Geometry {
    /// The same, with the text at most `max` columns wide (0: no limit), centred in the
    /// reader.
    pub fn with_max_text_width(mut self, max: u16) -> Self {
        if max > 0 && self.text_width > max {
            self.text_x += (self.text_width - max) / 2;
            self.text_width = max;
        }
        self
    }
}

/// The first row of a list of `len` items shown in `height` rows with `cursor` visible.
pub fn list_offset(cursor: usize, len: usize, height: usize) -> usize {
    if height == 0 || len <= height {
        return 0;
    }
    (cursor + 1).saturating_sub(height).min(len - height)
}
