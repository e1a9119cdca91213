//! Markdown (GFM) tables laid out as aligned columns: each cell its own BiDi paragraph, the
//! columns as wide as their widest cell, the first column on the right in a right-to-left table.
//!
//! A row is a line of the document such as `| الحزب | 120 | 35% |`. Its pipes show as `│` and
//! keep their place in the text (a cell of the line maps back to the pipe), the cells' glyphs map
//! back to their own text, and the padding added to align them maps to the empty range at a
//! pipe, so search and mention highlights find the cells as they find any other text.

use std::ops::Range;

use super::{layout_paragraph, Direction, LayoutOptions, VisualCell, VisualLine};

/// Where a column's cells sit, from the table's delimiter row (`:--`, `--:`, `:-:`). The
/// colons name sides of the screen, as GitHub shows them; a column without one starts where
/// its table's direction starts (on the right in a right-to-left table).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Start,
    Left,
    Right,
    Center,
}

/// A table's columns, measured on all its rows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Columns {
    /// Display width of each column: its widest cell, shaped.
    pub widths: Vec<usize>,
    pub aligns: Vec<Align>,
    /// The table's direction: the order of its columns and the base direction of every cell.
    pub direction: Direction,
}

impl Columns {
    /// Measures the rows. `None` when a row is not one, or
    /// there are no cells.
    pub fn measure<'a>(
        rows: impl IntoIterator<Item = Row<'a>>,
        aligns: Vec<Align>,
        direction: Direction,
        shape: bool,
    ) -> Option<Columns> {
        let mut widths: Vec<usize> = Vec::new();
        for row in rows {
            for (i, cell) in cells(row.text, &pipes(row)?).into_iter().enumerate() {
                let w = cell_line(row.text, cell, direction, shape).width;
                match widths.get_mut(i) {
                    Some(max) => *max = (*max).max(w),
                    None => widths.push(w),
                }
            }
        }
        if widths.is_empty() {
            return None;
        }
        Some(Columns { widths, aligns, direction })
    }

    /// Width of a row laid out with these columns: each cell with a space each side, and a
    /// pipe between and around them.
    pub fn row_width(&self) -> usize {
        self.widths.iter().map(|w| w + 3).sum::<usize>() + 1
    }

    /// Alignments read from a delimiter row such as `|:---|---:|:-:|`.
    pub fn aligns_of(delimiter: &str) -> Vec<Align> {
        let Some(p) = pipes(Row::plain(delimiter)) else { return Vec::new() };
        cells(delimiter, &p)
            .into_iter()
            .map(|r| {
                let d = delimiter[r].trim();
                match (d.starts_with(':'), d.ends_with(':') && d.len() > 1) {
                    (true, true) => Align::Center,
                    (true, false) => Align::Left,
                    (false, true) => Align::Right,
                    (false, false) => Align::Start,
                }
            })
            .collect()
    }
}

/// A row of a table: its text, and the offsets of the pipes in it that are text, not cell
/// separators (Markdown's `\|`, whose backslash the text no longer holds).
#[derive(Clone, Copy, Debug)]
pub struct Row<'a> {
    pub text: &'a str,
    pub escaped: &'a [usize],
}

impl<'a> Row<'a> {
    /// A row with no escaped pipe.
    pub fn plain(text: &'a str) -> Self {
        Row { text, escaped: &[] }
    }
}

/// Byte offsets of a row's cell separators: its pipes but the escaped ones. `None` when the
/// row does not start with one.
fn pipes(row: Row) -> Option<Vec<usize>> {
    if !row.text.starts_with('|') {
        return None;
    }
    let b = row.text.as_bytes();
    // `escaped` is sorted: a binary search each, not a scan (a row of thousands of them).
    Some((0..b.len()).filter(|&i| b[i] == b'|' && row.escaped.binary_search(&i).is_err()).collect())
}

/// The cells of a row, trimmed, between its pipes (and after the last one, when text follows
/// it).
fn cells(row: &str, pipes: &[usize]) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(pipes.len());
    for (i, &p) in pipes.iter().enumerate() {
        let end = pipes.get(i + 1).copied().unwrap_or(row.len());
        let raw = &row[p + 1..end];
        let lead = raw.len() - raw.trim_start().len();
        let r = p + 1 + lead..p + 1 + raw.trim_end().len();
        // The text after the last pipe is a cell only when there is some.
        if i + 1 < pipes.len() || !r.is_empty() {
            out.push(if r.start > r.end { p + 1..p + 1 } else { r });
        }
    }
    out
}

/// One cell as one line, not wrapped; its cells' logical ranges are into the row.
fn cell_line(row: &str, cell: Range<usize>, direction: Direction, shape: bool) -> VisualLine {
    let opts = LayoutOptions { width: 0, base: direction.into(), shape, reorder: true };
    cell_lines(row, cell, &opts).into_iter().next().unwrap_or_default()
}

/// One cell laid out by `opts`, its lines' and cells' logical ranges into the row.
fn cell_lines(row: &str, cell: Range<usize>, opts: &LayoutOptions) -> Vec<VisualLine> {
    let shift = |r: &Range<usize>| r.start + cell.start..r.end + cell.start;
    let mut lines = layout_paragraph(&row[cell.clone()], opts);
    for line in &mut lines {
        line.logical_range = shift(&line.logical_range);
        for c in &mut line.cells {
            c.logical_range = shift(&c.logical_range);
        }
    }
    lines
}

/// A line of box-drawing `text`, a cell a char, standing for nothing of the row (its logical
/// ranges empty at byte `at`, the row's end).
fn drawn_line(text: String, direction: Direction, at: usize) -> VisualLine {
    let cells = text
        .char_indices()
        .map(|(i, ch)| VisualCell {
            visual_range: i..i + ch.len_utf8(),
            width: 1,
            logical_range: at..at,
        })
        .collect::<Vec<_>>();
    VisualLine { direction, logical_range: at..at, width: cells.len(), cells, text }
}

/// A row whose table is too wide for `width`, as a card: each cell its own paragraph (its own
/// direction), wrapped at `width`, in the row's order, then a rule under the row (the whole
/// width under the header, a third of it under the others). `None` when the row is not one.
/// (QA round 51: such rows were shown as their raw text, `| a | b |`, a closing pipe alone on a
/// line and the cells of a left-to-right row of Arabic cells in the wrong order.)
pub fn stacked_lines(
    row: Row,
    direction: Direction,
    header: bool,
    width: usize,
    shape: bool,
) -> Option<Vec<VisualLine>> {
    let pipes = pipes(row)?;
    let text = row.text;
    let mut out = Vec::new();
    for cell in cells(text, &pipes).into_iter().filter(|c| !c.is_empty()) {
        // A cell without letters (a number) goes the table's way.
        let base = super::paragraph_direction(&text[cell.clone()], direction).into();
        let opts = LayoutOptions { width, base, shape, reorder: true };
        out.extend(cell_lines(text, cell, &opts));
    }
    let (ch, n) = if header { ('─', width) } else { ('┄', width.div_ceil(3)) };
    out.push(drawn_line(ch.to_string().repeat(n.max(1)), direction, text.len()));
    Some(out)
}

/// A row laid out in the columns, or `None` when they do not fit in `width` (the row is then
/// shown as a paragraph) or the row is not one.
pub fn row_line(row: Row, cols: &Columns, width: usize, shape: bool) -> Option<VisualLine> {
    if cols.row_width() > width {
        return None;
    }
    let pipes = pipes(row)?;
    let row = row.text;
    let cells = cells(row, &pipes);
    // Pipe `k` (the one before column `k`; the last closes the row) as a byte range of the
    // row: empty at the row's end when the row has none there.
    let pipe = |k: usize| pipes.get(k).map_or(row.len()..row.len(), |&p| p..p + 1);
    let mut out =
        VisualLine { direction: cols.direction, logical_range: 0..row.len(), ..Default::default() };
    let n = cols.widths.len();
    let order: Vec<usize> = match cols.direction {
        Direction::Ltr => (0..n).collect(),
        Direction::Rtl => (0..n).rev().collect(),
    };
    // The outer pipe on the left: the first in a left-to-right table, the last in a
    // right-to-left one.
    let left_pipe = match cols.direction {
        Direction::Ltr => pipe(0),
        Direction::Rtl => pipe(n),
    };
    push(&mut out, "│", 1, left_pipe);
    for &k in &order {
        let line = match cells.get(k) {
            Some(c) => cell_line(row, c.clone(), cols.direction, shape),
            None => VisualLine::default(),
        };
        let spare = cols.widths[k].saturating_sub(line.width);
        let left = match (cols.aligns.get(k).copied().unwrap_or_default(), cols.direction) {
            (Align::Left, _) | (Align::Start, Direction::Ltr) => 0,
            (Align::Right, _) | (Align::Start, Direction::Rtl) => spare,
            (Align::Center, _) => spare / 2,
        };
        // The pipes on the cell's left and right; the padding maps to the one beside it.
        let (left_of, right_of) = match cols.direction {
            Direction::Ltr => (pipe(k), pipe(k + 1)),
            Direction::Rtl => (pipe(k + 1), pipe(k)),
        };
        for _ in 0..1 + left {
            push(&mut out, " ", 1, left_of.start..left_of.start);
        }
        for c in &line.cells {
            let glyph = &line.text[c.visual_range.clone()];
            push(&mut out, glyph, c.width as usize, c.logical_range.clone());
        }
        for _ in 0..1 + spare - left {
            push(&mut out, " ", 1, right_of.start..right_of.start);
        }
        push(&mut out, "│", 1, right_of);
    }
    Some(out)
}

/// Appends a glyph of `width` cells showing `logical` (a byte range of the row).
fn push(out: &mut VisualLine, glyph: &str, width: usize, logical: Range<usize>) {
    let start = out.text.len();
    out.text.push_str(glyph);
    out.cells.push(VisualCell {
        visual_range: start..out.text.len(),
        width: width as u8,
        logical_range: logical,
    });
    out.width += width;
}

/// The rule under a table's first row: `├───┼───┤` as wide as the row, mapping to the empty
/// range at the row's end.
pub fn rule_line(cols: &Columns, row_len: usize) -> VisualLine {
    let mut widths = cols.widths.clone();
    if cols.direction == Direction::Rtl {
        widths.reverse();
    }
    let mut text = String::from("├");
    for (i, w) in widths.iter().enumerate() {
        text.push_str(&"─".repeat(w + 2));
        text.push(if i + 1 == widths.len() { '┤' } else { '┼' });
    }
    drawn_line(text, cols.direction, row_len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols(rows: &[&str], delimiter: &str, dir: Direction) -> Columns {
        let rows = rows.iter().map(|r| Row::plain(r));
        Columns::measure(rows, Columns::aligns_of(delimiter), dir, true).unwrap()
    }

    #[test]
    fn ltr_columns_line_up() {
        let rows = ["| Party | Seats |", "| Justice | 120 |", "| Independents | 12 |"];
        let c = cols(&rows, "|---|---:|", Direction::Ltr);
        assert_eq!(c.widths, vec![12, 5]);
        let lines: Vec<String> =
            rows.iter().map(|r| row_line(Row::plain(r), &c, 80, true).unwrap().text).collect();
        assert_eq!(
            lines,
            vec![
                "│ Party        │ Seats │",
                "│ Justice      │   120 │",
                "│ Independents │    12 │",
            ]
        );
        assert_eq!(rule_line(&c, 0).text, "├──────────────┼───────┤");
    }

    #[test]
    fn rtl_table_puts_its_first_column_on_the_right() {
        let rows = ["| الحزب | المقاعد |", "| حزب | 7 |"];
        let c = cols(&rows, "|---|---|", Direction::Rtl);
        let line = row_line(Row::plain(rows[1]), &c, 80, false).unwrap();
        // Unshaped, so the letters can be read back: the number's column on the left, each
        // cell at the right of its column (its start), the columns as wide as their headers.
        assert_eq!(line.text, "│       7 │   بزح │");
        assert_eq!(rule_line(&c, 0).text, "├─────────┼───────┤");
        assert_eq!(line.width, c.row_width());
        // Every glyph maps back to its own text, every pipe to its pipe.
        for cell in &line.cells {
            let shown = &line.text[cell.visual_range.clone()];
            let source = &rows[1][cell.logical_range.clone()];
            match shown {
                " " => assert!(source.is_empty()),
                "│" => assert_eq!(source, "|"),
                _ => assert_eq!(source, shown),
            }
        }
    }

    #[test]
    fn too_wide_a_table_is_shown_row_by_row_as_cards() {
        let rows = ["| a long cell | another long cell |"];
        let c = cols(&rows, "|-|-|", Direction::Ltr);
        assert_eq!(c.row_width(), 35);
        assert!(row_line(Row::plain(rows[0]), &c, 34, true).is_none());
        assert!(row_line(Row::plain(rows[0]), &c, 35, true).is_some());
        // Too wide: each cell its own wrapped paragraph, in order, then a rule (QA round 51:
        // the raw row was shown, its closing pipe alone on a line).
        let lines = stacked_lines(Row::plain(rows[0]), Direction::Ltr, true, 12, true).unwrap();
        let text: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(text, ["a long cell", "another long", "cell", "────────────"]);
        // Each line's cells point into the row, so search hits and mentions light up there.
        let starts: Vec<usize> = lines.iter().map(|l| l.logical_range.start).collect();
        assert_eq!(starts[..3], [2, 16, 29]);
        // A right-to-left table's cells go its way, a number too; Latin cells their own.
        let row = "| اليابان | 9 | ally |";
        let lines = stacked_lines(Row::plain(row), Direction::Rtl, false, 9, true).unwrap();
        let dirs: Vec<Direction> = lines.iter().map(|l| l.direction).collect();
        assert_eq!(dirs, [Direction::Rtl, Direction::Rtl, Direction::Ltr, Direction::Rtl]);
        assert_eq!(lines[3].text, "┄┄┄");
        assert!(stacked_lines(Row::plain("no pipe"), Direction::Ltr, false, 9, true).is_none());
    }

    #[test]
    fn missing_cells_and_escaped_pipes() {
        // The first row's middle pipe was written `\|`: text, not a separator.
        let rows = [
            Row { text: "| a | b | c |", escaped: &[4] },
            Row::plain("| d |"),
            Row::plain("| e | f | g"),
        ];
        let c =
            Columns::measure(rows, Columns::aligns_of("|---|---|"), Direction::Ltr, true).unwrap();
        assert_eq!(c.widths, vec![5, 1, 1]);
        let text: Vec<String> =
            rows.iter().map(|&r| row_line(r, &c, 80, true).unwrap().text).collect();
        assert_eq!(text[0], "│ a | b │ c │   │");
        assert_eq!(text[1], "│ d     │   │   │");
        assert_eq!(text[2], "│ e     │ f │ g │");
        assert_eq!(
            Columns::aligns_of("| :-- | --: | :-: | - |"),
            vec![Align::Left, Align::Right, Align::Center, Align::Start]
        );
    }
}
