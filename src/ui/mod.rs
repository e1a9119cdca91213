//! ratatui drawing of the reader. Drawing only reads the state (it may fill the layout cache).
//!
//! Text is written into the buffer cell by cell from the layout engine's [`VisualLine`]s: ratatui
//! never measures Arabic itself (its `str::width` disagrees with ours on unshaped lam-alef), and
//! every cell carries our width ([`CellDiffOption::ForcedWidth`]) so the diff agrees with what we
//! laid out.

use std::num::NonZeroU16;
use std::ops::Range;

use ratatui::buffer::{Buffer, CellDiffOption, CellWidth};
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Borders, Clear, Widget};
use ratatui::Frame;
use unicode_segmentation::UnicodeSegmentation;

use crate::app::view::{list_offset, Area, Geometry};
use crate::app::{ActorRow, BidiMode, Focus, Reader, Screen, KEYMAP};
use crate::doc::inline::Emphasis;
use crate::doc::BlockKind;
use crate::layout::{self, BaseDirection, Direction, LayoutOptions, VisualCell, VisualLine};

pub mod theme;

pub use theme::Theme;

/// Paints the whole reader into the frame.
pub fn draw(frame: &mut Frame, reader: &mut Reader) {
    let area = frame.area();
    let buf = frame.buffer_mut();
    draw_buffer(buf, area, reader);
}

/// The columns that may scroll on their own between left/right margins (see
/// [`screen::Screen::set_scroll_columns`]): the reader's, while a document is shown beside the
/// side pane. `None` (whole rows) otherwise.
pub fn scroll_columns(reader: &Reader) -> Option<Range<u16>> {
    if reader.screen != Screen::Document || reader.help.is_some() {
        return None;
    }
    let g = reader.geometry();
    g.pane?;
    Some(g.reader.x..g.reader.x + g.reader.width)
}

/// Paints the reader into `buf` (whose area is the screen, `reader.size`).
pub fn draw_buffer(buf: &mut Buffer, area: Rect, reader: &mut Reader) {
    let theme = Theme::new(reader.config.color);
    let mut p = Painter { buf, clip: area, logical: reader.config.bidi == BidiMode::Terminal };
    match reader.screen {
        Screen::List => draw_list_screen(&mut p, reader, &theme),
        Screen::Document => draw_document(&mut p, reader, &theme),
    }
    if let Some(scroll) = reader.help {
        draw_help(&mut p, scroll, &theme);
    }
}

/// Writes cells into the buffer, clipped.
struct Painter<'a> {
    buf: &'a mut Buffer,
    clip: Rect,
    /// `--bidi terminal`: logical order, unshaped.
    logical: bool,
}

impl Painter<'_> {
    fn inside(&self, x: u16, y: u16, width: u16) -> bool {
        let c = self.clip;
        y >= c.y && y < c.bottom() && x >= c.x && x.saturating_add(width) <= c.right()
    }

    /// One cell of `width` columns (1 or 2); the column after a wide one is reset, as ratatui
    /// expects, and the cell's width is forced to ours.
    fn put_cell(&mut self, x: u16, y: u16, symbol: &str, width: u8, style: Style) {
        let width = width.max(1) as u16;
        if !self.inside(x, y, width) {
            return;
        }
        let symbol = if symbol.is_empty() { " " } else { symbol };
        if let Some(cell) = self.buf.cell_mut((x, y)) {
            cell.set_symbol(symbol).set_style(style);
            cell.diff_option = if symbol.cell_width() == width {
                CellDiffOption::None
            } else {
                NonZeroU16::new(width).map_or(CellDiffOption::None, CellDiffOption::ForcedWidth)
            };
        }
        for dx in 1..width {
            if let Some(cell) = self.buf.cell_mut((x + dx, y)) {
                cell.reset();
            }
        }
    }

    /// Paints `width` blank cells in `style`.
    fn fill(&mut self, x: u16, y: u16, width: u16, style: Style) {
        for dx in 0..width {
            self.put_cell(x.saturating_add(dx), y, " ", 1, style);
        }
    }

    fn fill_area(&mut self, a: Area, style: Style) {
        for dy in 0..a.height {
            self.fill(a.x, a.y + dy, a.width, style);
        }
    }

    /// A visual line at `x`, each cell styled by `style_of`.
    fn put_line(
        &mut self,
        x: u16,
        y: u16,
        line: &VisualLine,
        style_of: impl Fn(&VisualCell) -> Style,
    ) {
        let mut col = x;
        for (i, cell) in line.cells.iter().enumerate() {
            let text = line.cell_text(i);
            // Shaped and reordered here, so the marks that steered it are not the terminal's
            // to read; with `--bidi terminal` they are (it shapes and reorders itself).
            let text = if self.logical { text.into() } else { without_done_marks(text) };
            self.put_cell(col, y, &text, cell.width, style_of(cell));
            col = col.saturating_add(cell.width.max(1) as u16);
        }
    }

    /// UI text of ours (labels, help): grapheme by grapheme, widths from the layout engine.
    /// Returns the column after it.
    fn put_str(&mut self, x: u16, y: u16, max_x: u16, s: &str, style: Style) -> u16 {
        let mut col = x;
        for g in s.graphemes(true) {
            let w = layout::text_width(g).clamp(1, 2) as u16;
            if col + w > max_x {
                break;
            }
            self.put_cell(col, y, g, w as u8, style);
            col += w;
        }
        col
    }

    /// `text` as one line of at most `width` cells: its own BiDi paragraph, shaped, cut with an
    /// ellipsis (or in logical order with `--bidi terminal`).
    fn fit(&self, text: &str, width: usize, base: BaseDirection) -> VisualLine {
        if !self.logical {
            return layout::fit_line(text, width, base, true);
        }
        let opts = LayoutOptions { width: 0, base, shape: false, reorder: false };
        let mut line = layout::layout_paragraph(text, &opts).into_iter().next().unwrap_or_default();
        if line.width > width {
            while line.width + 1 > width {
                let Some(c) = line.cells.pop() else { break };
                line.width -= c.width as usize;
                line.text.truncate(c.visual_range.start);
            }
            if width > 0 {
                let start = line.text.len();
                line.text.push('…');
                let end = line.logical_range.end;
                line.cells.push(VisualCell {
                    visual_range: start..line.text.len(),
                    width: 1,
                    logical_range: end..end,
                });
                line.width += 1;
            }
        }
        line
    }

    /// Where a line of `line_width` starts in a box of `width` at `x`: RTL lines right-aligned
    /// (unless the terminal does the BiDi), LTR left-aligned.
    fn align(&self, x: u16, width: u16, line: &VisualLine) -> u16 {
        if line.direction == Direction::Rtl && !self.logical {
            x + width.saturating_sub(line.width as u16)
        } else {
            x
        }
    }
}

/// A cell's text without the format characters that did their work in the layout (a joiner
/// between letters already shaped, a mark of direction already applied), which terminals place
/// each in their own way: tmux 3.3 gave a joiner to the next character it printed, wherever
/// that was (QA round 51: a pane border moved a column). A joiner among pictographs (an emoji
/// sequence, 👨‍👩‍👧) and the variation selectors stay; a cell made only of format characters is
/// left as it is.
fn without_done_marks(text: &str) -> std::borrow::Cow<'_, str> {
    let done = |c: char| {
        encode::format_char(c) && !matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{E0000}'..='\u{E0FFF}')
    };
    if !text.chars().any(done) {
        return text.into();
    }
    let pictograph = |c: char| matches!(c, '\u{2600}'..='\u{27BF}' | '\u{1F000}'..='\u{1FAFF}');
    if text.chars().any(pictograph) {
        return text.into();
    }
    let kept: String = text.chars().filter(|&c| !done(c)).collect();
    if kept.is_empty() {
        text.into()
    } else {
        kept.into()
    }
}

/// Whether a cell showing `cell` (document byte range) touches one of the sorted `ranges`.
fn hits(ranges: &[Range<usize>], cell: &Range<usize>) -> bool {
    let i = ranges.partition_point(|r| r.end <= cell.start);
    ranges.get(i).is_some_and(|r| r.start < cell.end.max(cell.start + 1))
}

/// `style` with what Markdown asked for the cell's text: bold, italic, crossed out, code (the
/// theme's colour for it), a link's text (underlined).
fn emphasised(style: Style, emphasis: &Emphasis, cell: &Range<usize>, theme: &Theme) -> Style {
    let mut style = style;
    if !emphasis.code.is_empty() && hits(&emphasis.code, cell) {
        style = style.patch(theme.code);
    }
    if !emphasis.link.is_empty() && hits(&emphasis.link, cell) {
        style = style.add_modifier(Modifier::UNDERLINED);
    }
    if !emphasis.strong.is_empty() && hits(&emphasis.strong, cell) {
        style = style.add_modifier(Modifier::BOLD);
    }
    if !emphasis.em.is_empty() && hits(&emphasis.em, cell) {
        style = style.add_modifier(Modifier::ITALIC);
    }
    if !emphasis.struck.is_empty() && hits(&emphasis.struck, cell) {
        style = style.add_modifier(Modifier::CROSSED_OUT);
    }
    style
}

fn draw_document(p: &mut Painter, reader: &mut Reader, theme: &Theme) {
    let g = reader.geometry();
    let rows = reader.visible_rows();
    let status = reader.status();
    let Some(d) = reader.doc.as_ref() else { return };

    // Reader pane.
    p.fill_area(g.reader, theme.text);
    let (matches, current) = match d.active_matches() {
        Some((m, c)) => (m, m.get(c).cloned()),
        None => (&[][..], None),
    };
    // While a search is active, the selected actor's mentions stay highlighted too.
    let actor_mentions: &[Range<usize>] = match (d.search.active, d.selected_actor) {
        (true, Some(i)) => d.actors.get(i).map_or(&[], |a| &a.mentions),
        _ => &[],
    };
    if rows.is_empty() && g.reader.height > 0 {
        let y = g.reader.y;
        p.put_str(g.text_x, y, g.reader.x + g.reader.width, "(empty document)", theme.dim);
    }
    for (i, row) in rows.iter().enumerate() {
        let y = g.reader.y + i as u16;
        // A block quote's bars, one a level, at the start side (the right of a right-to-left
        // paragraph), when the column gave the quote its indentation.
        let rtl = row.direction == Direction::Rtl && !p.logical;
        if row.quote > 0 && row.indent >= 2 * u16::from(row.quote) {
            for level in 0..u16::from(row.quote) {
                let x = match rtl {
                    true => g.text_x + g.text_width - 1 - 2 * level,
                    false => g.text_x + 2 * level,
                };
                p.put_cell(x, y, "│", 1, theme.quote);
            }
        }
        if row.kind == BlockKind::Rule && row.line().is_some() {
            // A thematic break: a rule across the text column, within its indentation.
            let from = if rtl { g.text_x } else { g.text_x + row.indent };
            for x in from..from + (g.text_width - row.indent) {
                p.put_cell(x, y, "─", 1, theme.quote);
            }
            continue;
        }
        let Some(line) = row.line() else { continue };
        // A nested list item's indentation, at its start side.
        let x = match line.direction {
            Direction::Rtl if !p.logical => p.align(g.text_x, g.text_width - row.indent, line),
            _ => p.align(g.text_x + row.indent, g.text_width - row.indent, line),
        };
        let base = if row.kind == BlockKind::Heading { theme.heading } else { theme.text };
        let start = row.segment_start;
        p.put_line(x, y, line, |cell| {
            let r = start + cell.logical_range.start..start + cell.logical_range.end;
            if current.as_ref().is_some_and(|c| hits(std::slice::from_ref(c), &r)) {
                theme.current
            } else if hits(matches, &r) || hits(actor_mentions, &r) {
                theme.mention
            } else {
                emphasised(base, &d.doc.emphasis, &r, theme)
            }
        });
    }

    if let (Some(pane), Some(sep)) = (g.pane, g.separator) {
        p.fill_area(pane, theme.text);
        for dy in 0..sep.height {
            p.put_cell(sep.x, sep.y + dy, "│", 1, theme.separator);
        }
        draw_sections(p, reader, &g, theme);
        draw_actors(p, reader, &g, theme);
    }
    draw_status(p, &g, &status, theme);
}

fn list_title(p: &mut Painter, a: Area, title: &str, focused: bool, theme: &Theme) {
    let style = if focused { theme.pane_title_focused } else { theme.pane_title };
    p.fill(a.x, a.y, a.width, style);
    p.put_str(a.x + 1, a.y, a.x + a.width, title, style);
}

fn draw_sections(p: &mut Painter, reader: &Reader, g: &Geometry, theme: &Theme) {
    let Some(d) = reader.doc.as_ref() else { return };
    let focused = d.focus == Focus::Sections;
    list_title(p, g.sections_title, "Sections", focused, theme);
    let a = g.sections;
    let n = d.sections().len();
    if d.analysis.is_none() {
        p.put_str(a.x + 1, a.y, a.x + a.width, "…", theme.dim);
        return;
    }
    let current = d.current_section();
    let offset = list_offset(d.section_cursor, n, a.height as usize);
    for row in 0..a.height {
        let i = offset + row as usize;
        if i >= n {
            break;
        }
        let y = a.y + row;
        let mut style = if Some(i) == current { theme.active_item } else { theme.text };
        if i == d.section_cursor {
            style = style.patch(if focused { theme.cursor } else { theme.cursor_idle });
            p.fill(a.x, y, a.width, style);
        }
        let inner = a.width.saturating_sub(2);
        let line = p.fit(&d.section_label(i), inner as usize, BaseDirection::Auto);
        let x = p.align(a.x + 1, inner, &line);
        p.put_line(x, y, &line, |_| style);
    }
}

fn draw_actors(p: &mut Painter, reader: &Reader, g: &Geometry, theme: &Theme) {
    let Some(d) = reader.doc.as_ref() else { return };
    let focused = d.focus == Focus::Actors;
    list_title(p, g.actors_title, "Actors", focused, theme);
    let a = g.actors;
    let rows = d.actor_rows();
    let offset = list_offset(d.actor_cursor, rows.len(), a.height as usize);
    let ready = d.analysis.is_some();
    for r in 0..a.height {
        let i = offset + r as usize;
        let Some(row) = rows.get(i) else { break };
        let y = a.y + r;
        let cursor = i == d.actor_cursor;
        let row_style = if cursor {
            if focused {
                theme.cursor
            } else {
                theme.cursor_idle
            }
        } else {
            theme.text
        };
        if cursor {
            p.fill(a.x, y, a.width, row_style);
        }
        let inner = a.width.saturating_sub(2);
        match *row {
            ActorRow::Actor(k) => {
                let Some(item) = d.actors.get(k) else { continue };
                let mut style =
                    if d.selected_actor == Some(k) { theme.active_item } else { theme.text };
                if cursor {
                    style = style.patch(row_style);
                }
                let count = if ready { item.mentions.len().to_string() } else { "…".into() };
                let count_w = count.chars().count() as u16;
                let name_w = inner.saturating_sub(count_w + 1);
                let line = p.fit(&item.name, name_w as usize, BaseDirection::Auto);
                let count_style = if cursor { style } else { theme.dim };
                if line.direction == Direction::Rtl && !p.logical {
                    // Count on the left, name against the right edge, like a table.
                    p.put_str(a.x + 1, y, a.x + 1 + inner, &count, count_style);
                    let x = a.x + 1 + inner - line.width as u16;
                    p.put_line(x, y, &line, |_| style);
                } else {
                    p.put_line(a.x + 1, y, &line, |_| style);
                    p.put_str(a.x + 1 + inner - count_w, y, a.x + 1 + inner, &count, count_style);
                }
            }
            ActorRow::Passage(k, m) => {
                let Some(range) = d.actors.get(k).and_then(|it| it.mentions.get(m)) else {
                    continue;
                };
                let w = inner.saturating_sub(2);
                // On a narrow pane the mention itself comes first, so it stays visible.
                let context = if w >= 24 { 2 } else { 0 };
                let (text, mention) = crate::app::reader::snippet(&d.doc.text, range, context);
                let line = p.fit(&text, w as usize, BaseDirection::Auto);
                let is_current = d.selected_actor == Some(k) && d.mention == m && !d.search.active;
                let hl = if is_current { theme.current } else { theme.mention };
                let base = if cursor { row_style } else { theme.dim };
                // Indented by two cells on the side the text starts from.
                let x = if line.direction == Direction::Rtl && !p.logical {
                    a.x + 1 + w.saturating_sub(line.width as u16)
                } else {
                    a.x + 3
                };
                p.put_line(x, y, &line, |cell| {
                    if hits(std::slice::from_ref(&mention), &cell.logical_range) {
                        hl
                    } else {
                        base
                    }
                });
            }
        }
    }
}

/// The status bar: fields in order, the least important dropped first when it is narrow.
fn draw_status(p: &mut Painter, g: &Geometry, status: &crate::app::Status, theme: &Theme) {
    let a = g.status;
    if a.height == 0 || a.width == 0 {
        return;
    }
    p.fill(a.x, a.y, a.width, theme.status);
    let right_edge = a.x + a.width;
    if let Some(query) = &status.editing {
        let x = p.put_str(a.x, a.y, right_edge, "/", theme.status_accent);
        let room = right_edge.saturating_sub(x + 1) as usize;
        // A query longer than the line shows its end, where the typing is, after an ellipsis.
        let shown = if layout::text_width(query) > room {
            format!("…{}", tail_within(query, room.saturating_sub(1)))
        } else {
            query.clone()
        };
        let line = p.fit(&shown, room, BaseDirection::Auto);
        // The cursor stands where the next letter will appear: at the left end of a
        // right-to-left query, at the right end of a left-to-right one.
        if line.direction == crate::layout::Direction::Rtl {
            p.put_cell(x, a.y, "▏", 1, theme.status_accent);
            p.put_line(x + 1, a.y, &line, |_| theme.status_accent);
        } else {
            p.put_line(x, a.y, &line, |_| theme.status_accent);
            p.put_cell(x + line.width as u16, a.y, "▏", 1, theme.status_accent);
        }
        return;
    }
    let help = "? help";
    let help_w = help.len() as u16 + 1;
    // A message answers the key just pressed: when it does not fit beside "? help" it takes
    // the whole bar, and the rows above it if it needs them (QA round 51: at 20 columns it
    // read «the side p…» while "? help" kept its room). The next key takes it away.
    if let Some(m) = &status.message {
        if field_width(m) > a.width.saturating_sub(help_w + 2) as usize && a.width > 2 {
            draw_long_message(p, a, m, theme);
            return;
        }
    }
    // (text, priority: higher stays longer, style)
    let mut fields: Vec<(String, u8, Style)> = Vec::new();
    fields.push((status.name.clone(), 1, theme.status));
    if let Some(s) = &status.section {
        fields.push((s.clone(), 2, theme.status));
    }
    fields.push((format!("{}%", status.percent), 4, theme.status));
    if let Some((label, i, n)) = &status.active {
        // A long query is cut, so the file, section and place keep their room.
        let label = if field_width(label) > MAX_LABEL {
            head_within(label, MAX_LABEL)
        } else {
            label.clone()
        };
        fields.push((format!("{label} {i}/{n}"), 6, theme.status_accent));
    }
    if let Some(m) = &status.message {
        fields.push((m.clone(), 7, theme.status));
    } else if status.analysing {
        fields.push(("analysing…".into(), 3, theme.status));
    }
    // A blank column before "? help", so the last field never runs into it.
    let mut room = a.width.saturating_sub(help_w + 2) as usize;
    // Drop the least important fields until the rest fits (separators count 3 each).
    let widths: Vec<usize> = fields.iter().map(|f| field_width(&f.0)).collect();
    let mut keep: Vec<bool> = vec![true; fields.len()];
    loop {
        let total: usize = fields
            .iter()
            .zip(&widths)
            .zip(&keep)
            .filter(|(_, k)| **k)
            .map(|((_, w), _)| w + 3)
            .sum();
        if total <= room + 3 || keep.iter().filter(|k| **k).count() <= 1 {
            break;
        }
        let drop = (0..fields.len()).filter(|i| keep[*i]).min_by_key(|i| fields[*i].1);
        match drop {
            Some(i) => keep[i] = false,
            None => break,
        }
    }
    // A field dropped early may fit in what the later drops freed (a short file name once the
    // long section title went): give it back, the most important first.
    let mut dropped: Vec<usize> = (0..fields.len()).filter(|i| !keep[*i]).collect();
    dropped.sort_by_key(|i| std::cmp::Reverse(fields[*i].1));
    for i in dropped {
        let used: usize = (0..fields.len()).filter(|j| keep[*j]).map(|j| widths[j] + 3).sum();
        if used + widths[i] + 3 <= room + 3 {
            keep[i] = true;
        }
    }
    let mut x = a.x + 1;
    let mut first = true;
    for (i, (text, _, style)) in fields.iter().enumerate() {
        if !keep[i] {
            continue;
        }
        if !first {
            x = p.put_str(x, a.y, right_edge, " │ ", theme.status);
            room = room.saturating_sub(3);
        }
        first = false;
        let line = if let Some((label, counter)) = split_counter(text) {
            // The counter keeps ASCII digits in LTR order after the (maybe Arabic) label.
            let counter_w = counter.len() + 1;
            let label_line = p.fit(label, room.saturating_sub(counter_w), BaseDirection::Auto);
            p.put_line(x, a.y, &label_line, |_| *style);
            x += label_line.width as u16;
            room = room.saturating_sub(label_line.width);
            let s = format!(" {counter}");
            let nx = p.put_str(x, a.y, right_edge, &s, *style);
            room = room.saturating_sub((nx - x) as usize);
            x = nx;
            continue;
        } else {
            // The file name (the first field) reads as in the library's list, left to right
            // (خبر عاجل.md, not md.خبر عاجل); the other fields take their own direction.
            let base = if i == 0 { BaseDirection::Ltr } else { BaseDirection::Auto };
            p.fit(text, room, base)
        };
        p.put_line(x, a.y, &line, |_| *style);
        x += line.width as u16;
        room = room.saturating_sub(line.width);
    }
    // Only with a blank column between it and the fields (at 12×4 they touched: «0/0? help»).
    if a.width > help_w && x < right_edge - help_w {
        p.put_str(right_edge - help_w, a.y, right_edge, help, theme.status);
    }
}

/// A status message alone in the status bar, wrapped onto the rows above it when it needs
/// more than one (as many as the screen has; the first lines when even those are too few).
fn draw_long_message(p: &mut Painter, a: Area, message: &str, theme: &Theme) {
    let width = a.width.saturating_sub(2);
    let opts = LayoutOptions {
        width: width as usize,
        base: BaseDirection::Auto,
        shape: !p.logical,
        reorder: !p.logical,
    };
    let lines = layout::layout_paragraph(message, &opts);
    let n = lines.len().clamp(1, a.y as usize + 1) as u16;
    let top = a.y + 1 - n;
    for (k, line) in lines.iter().take(n as usize).enumerate() {
        let y = top + k as u16;
        p.fill(a.x, y, a.width, theme.status);
        let x = p.align(a.x + 1, width, line);
        p.put_line(x, y, line, |_| theme.status);
    }
}

fn field_width(s: &str) -> usize {
    layout::text_width(s)
}

/// Widest actor name or search query in the status bar, in cells.
const MAX_LABEL: usize = 24;

/// The longest end of `s` (whole grapheme clusters) at most `width` cells wide.
fn tail_within(s: &str, width: usize) -> &str {
    let mut start = s.len();
    let mut used = 0;
    for (i, g) in s.grapheme_indices(true).rev() {
        used += layout::text_width(g);
        if used > width {
            break;
        }
        start = i;
    }
    &s[start..]
}

/// `s` cut to at most `width` cells in logical order, with an ellipsis when cut.
fn head_within(s: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = layout::text_width(g);
        if used + w + 1 > width {
            out.push('…');
            return out;
        }
        used += w;
        out.push_str(g);
    }
    out
}

/// Splits "label 2/13" into ("label", "2/13").
fn split_counter(text: &str) -> Option<(&str, &str)> {
    let (label, counter) = text.rsplit_once(' ')?;
    let (i, n) = counter.split_once('/')?;
    (i.bytes().all(|b| b.is_ascii_digit()) && n.bytes().all(|b| b.is_ascii_digit()))
        .then_some((label, counter))
}

fn draw_list_screen(p: &mut Painter, reader: &Reader, theme: &Theme) {
    let (cols, rows) = (p.clip.width, p.clip.height);
    let lib = &reader.library;
    let screen = Area { x: 0, y: 0, width: cols, height: rows };
    p.fill_area(screen, theme.text);
    if rows == 0 {
        return;
    }
    let mut title = match lib.documents.len() {
        1 => "1 document".to_string(),
        n => format!("{n} documents"),
    };
    if !lib.skipped.is_empty() {
        title.push_str(&format!(", {} skipped, listed last", lib.skipped.len()));
    }
    let x = p.put_str(1, 0, cols, "qari · ", theme.pane_title);
    let t = p.fit(
        &lib.title,
        cols.saturating_sub(x + title.len() as u16 + 4) as usize,
        BaseDirection::Auto,
    );
    p.put_line(x, 0, &t, |_| theme.pane_title);
    p.put_str(x + t.width as u16 + 1, 0, cols, &format!("({title})"), theme.dim);
    let height = rows.saturating_sub(2) as usize;
    // The files left out come after the documents, each with why (also said on stderr at
    // exit): dim, and opening nothing.
    let n = lib.documents.len() + lib.skipped.len();
    let offset = list_offset(reader.list_cursor, n, height);
    let name_w = (cols as usize).saturating_sub(4).min(40);
    for r in 0..height {
        let i = offset + r;
        let y = 1 + r as u16;
        let cursor = i == reader.list_cursor;
        let style = if cursor { theme.cursor } else { theme.text };
        let Some(doc) = lib.documents.get(i) else {
            let Some(file) = lib.skipped.get(i - lib.documents.len()) else { break };
            let style = if cursor { theme.cursor } else { theme.dim };
            if cursor {
                p.fill(0, y, cols, style);
            }
            let name = p.fit(&file.name, name_w, BaseDirection::Ltr);
            p.put_line(2, y, &name, |_| style);
            // In the previews' column when it fits there, else right after the name.
            let why = format!("skipped: {}", file.why);
            let x = if field_width(&why) + name_w + 5 <= cols as usize {
                name_w + 4
            } else {
                name.width + 4
            };
            let why = p.fit(&why, (cols as usize).saturating_sub(x + 1), BaseDirection::Ltr);
            p.put_line(x as u16, y, &why, |_| style);
            continue;
        };
        if cursor {
            p.fill(0, y, cols, style);
        }
        let name = p.fit(&doc.name, name_w, BaseDirection::Ltr);
        p.put_line(2, y, &name, |_| style);
        // The first words, as a preview: an RTL paragraph of its own.
        let room = (cols as usize).saturating_sub(name_w + 5);
        if room > 4 {
            let first =
                doc.blocks.first().and_then(|b| doc.text.get(b.range.clone())).unwrap_or("");
            let preview =
                p.fit(&crate::app::reader::first_words(first, 12), room, BaseDirection::Auto);
            let x = p.align(name_w as u16 + 4, room as u16, &preview);
            let pstyle = if i == reader.list_cursor { style } else { theme.dim };
            p.put_line(x, y, &preview, |_| pstyle);
        }
    }
    if rows >= 2 {
        let y = rows - 1;
        if let Some(m) = reader.message.as_deref() {
            // Why a skipped file was left out, in full (its row may cut it).
            draw_long_message(p, Area { x: 0, y, width: cols, height: 1 }, m, theme);
        } else {
            p.fill(0, y, cols, theme.status);
            // On the list itself nothing is "back": Esc/Backspace return here from a document.
            p.put_str(1, y, cols, "j/k move · Enter open · q quit · ? help", theme.status);
        }
    }
}

/// The help overlay, generated from the keymap table.
fn draw_help(p: &mut Painter, scroll: usize, theme: &Theme) {
    let (cols, rows) = (p.clip.width, p.clip.height);
    if cols < 4 || rows < 3 {
        return;
    }
    let lines: Vec<(String, &str)> = KEYMAP
        .iter()
        .map(|b| {
            let keys: Vec<String> =
                b.keys.iter().map(|k| crate::app::keymap::key_label(*k)).collect();
            (keys.join(" "), b.help)
        })
        .chain(crate::app::keymap::HELP_NOTES.iter().map(|(k, h)| (k.to_string(), *h)))
        .collect();
    let key_w = lines.iter().map(|(k, _)| layout::text_width(k)).max().unwrap_or(8) as u16 + 2;
    let want_w = lines.iter().map(|(_, h)| h.len()).max().unwrap_or(20) as u16 + key_w + 4;
    let w = want_w.min(cols);
    let h = (lines.len() as u16 + 2).min(rows);
    let area = Rect::new((cols - w) / 2, (rows - h) / 2, w, h);
    // A wide character just left of the box would reach under its left border: a terminal
    // blanks both halves when the border is printed, so it is not shown (QA: the border was
    // missing on such rows).
    if area.x > 0 {
        for y in area.y..area.bottom() {
            if let Some(cell) = p.buf.cell_mut((area.x - 1, y)) {
                if encode::columns(cell) > 1 {
                    cell.set_symbol(" ");
                    cell.diff_option = CellDiffOption::None;
                }
            }
        }
    }
    Clear.render(area, p.buf);
    Block::default()
        .borders(Borders::ALL)
        .title(" keys · j/k scroll · any key closes ")
        .style(theme.overlay)
        .render(area, p.buf);
    let inner = h.saturating_sub(2) as usize;
    let scroll = scroll.min(lines.len().saturating_sub(inner));
    for (r, (keys, help)) in lines.iter().skip(scroll).take(inner).enumerate() {
        let y = area.y + 1 + r as u16;
        let right = area.x + w - 1;
        let x = p.put_str(area.x + 2, y, right, keys, theme.pane_title);
        let x = (area.x + 2 + key_w).max(x + 1);
        // Cut with an ellipsis where the box is too narrow (the help is ASCII).
        let room = right.saturating_sub(x) as usize;
        let help = if help.chars().count() > room && room > 0 {
            format!("{}…", help.chars().take(room - 1).collect::<String>())
        } else {
            help.to_string()
        };
        p.put_str(x, y, right, &help, theme.text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_help_box_is_not_cut_by_a_wide_character_beside_it() {
        // Full-width letters fill the screen; wherever one straddles the box's left border,
        // it gives way to a blank so that the border shows.
        let area = Rect::new(0, 0, 81, 30);
        for offset in 0..2u16 {
            let mut buf = Buffer::empty(area);
            for y in 0..area.height {
                let mut x = offset;
                while x + 2 <= area.width {
                    buf.set_string(x, y, "Ｆ", Style::default());
                    x += 2;
                }
            }
            let mut p = Painter { buf: &mut buf, clip: area, logical: false };
            draw_help(&mut p, 0, &Theme::new(true));
            for y in 1..29 {
                let left = (0..area.width).find(|&x| buf[(x, y)].symbol() == "│");
                let Some(left) = left else { continue };
                let before = buf[(left - 1, y)].symbol().cell_width();
                assert!(before <= 1, "offset {offset}, row {y}: a wide char under the border");
            }
        }
    }

    #[test]
    fn hits_finds_overlaps_only() {
        // Half-open ranges: a cell that ends where a mention starts is not highlighted.
        let ranges = [3..8, 20..25];
        assert!(hits(&ranges, &(3..5)));
        assert!(hits(&ranges, &(7..9)));
        assert!(!hits(&ranges, &(0..3)));
        assert!(!hits(&ranges, &(8..20)));
        assert!(hits(&ranges, &(24..30)));
    }

    #[test]
    fn split_counter_needs_ascii_digits() {
        assert_eq!(split_counter("الصين 2/13"), Some(("الصين", "2/13")));
        assert_eq!(split_counter("الصين ٢/١٣"), None);
    }
}
pub mod encode;
pub mod screen;
