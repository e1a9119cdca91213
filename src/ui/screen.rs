//! A ratatui terminal that scrolls instead of repainting.
//!
//! ratatui redraws every cell that changed since the last frame, so scrolling the reader by one
//! line repaints the whole pane: about 25× what `less` sends for the same scroll. [`Screen`]
//! compares each new frame with the last one it sent; when a band of rows moved up or down by a
//! few rows, it asks the terminal to scroll that band (DECSTBM + SU/SD) and shifts its idea of
//! the screen the same way, so that only the rows that came into view are painted, by
//! [`encode`](super::encode) (ratatui's diff, sent with relative moves and merged attributes).
//! Local terminals and `qari serve` draw through it.
//!
//! With left/right margins ([`Screen::set_margins`], for terminals known to have them) the band
//! can also be a range of columns (DECLRMM + DECSLRM): the reader's text scrolls and the side
//! pane beside it stays where it is, so it is not painted again.
//!
//! # Limitations
//! Left/right margins (DECSLRM, mode 69) are supported by xterm, WezTerm and Ghostty (mlterm,
//! iTerm2 and recent Windows Terminal reportedly too) but not by tmux, GNU screen, VTE,
//! Alacritty or the Linux console; a terminal without them would scroll whole rows and garble
//! the pane, so they are off unless the caller knows better ([`margins_from_env`], or the
//! terminal's own answer over ssh). Without them, with the side pane shown, the pane's rows are repainted after a scroll.

use std::io::{self, Write};
use std::ops::Range;

use ratatui::backend::Backend;
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::{Frame, Terminal};

/// A range of columns `left..right` of a screen `width` columns wide: the part of each row a
/// scroll with left/right margins moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Columns {
    pub left: u16,
    pub right: u16,
    pub width: u16,
}

/// A band of rows `top..bottom` whose content moved by `amount` rows: up when `up`. With
/// `columns`, only those columns of the rows moved (left/right margins); otherwise whole rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scroll {
    pub top: u16,
    pub bottom: u16,
    pub amount: u16,
    pub up: bool,
    pub columns: Option<Columns>,
}

impl Scroll {
    /// The escape sequence that makes a VT100-compatible terminal perform this scroll:
    /// DECSTBM (set the scrolling region), SU or SD, then DECSTBM reset to the full screen.
    ///
    /// With columns (a VT420 feature): DECLRMM on (`CSI ? 69 h`), DECSTBM, DECSLRM (`CSI l;r
    /// s`), SU or SD (which move only the cells inside both margins), DECSLRM back to the full
    /// width, DECLRMM off and DECSTBM reset. DECSTBM and DECSLRM move the cursor home (origin
    /// mode is never set, so home is the screen's corner); ratatui places the cursor before
    /// every run of cells it paints, so nothing depends on where it is left. The margins are
    /// reset explicitly before mode 69 goes off (`CSI s` means "save cursor" again without it).
    pub fn escape(&self) -> String {
        let op = if self.up { 'S' } else { 'T' };
        let (top, bottom, n) = (self.top + 1, self.bottom, self.amount);
        match self.columns {
            None => format!("\x1b[{top};{bottom}r\x1b[{n}{op}\x1b[r"),
            Some(c) => format!(
                "\x1b[?69h\x1b[{top};{bottom}r\x1b[{};{}s\x1b[{n}{op}\x1b[1;{}s\x1b[?69l\x1b[r",
                c.left + 1,
                c.right,
                c.width
            ),
        }
    }

    /// The columns this scroll moves in a screen `width` columns wide.
    fn column_range(&self, width: u16) -> Range<u16> {
        match self.columns {
            Some(c) => c.left.min(width)..c.right.min(width),
            None => 0..width,
        }
    }

    /// `last` as the terminal shows it after this scroll: the band's cells moved, the cells that
    /// came into view blank (terminals fill them with the default background: ratatui's
    /// backends reset colours at the end of every draw).
    pub fn apply(&self, last: &Buffer) -> Buffer {
        let mut shifted = last.clone();
        let area = last.area;
        let (top, bottom, amount) = (self.top, self.bottom, self.amount);
        for row in top..bottom.min(area.height) {
            let source = if self.up { row.checked_add(amount) } else { row.checked_sub(amount) };
            for col in self.column_range(area.width) {
                let (x, y) = (area.x + col, area.y + row);
                let cell = match source {
                    Some(src) if src >= top && src < bottom => last[(x, area.y + src)].clone(),
                    _ => Cell::default(),
                };
                shifted[(x, y)] = cell;
            }
        }
        shifted
    }
}

/// Whether the terminal has left/right margins (DECLRMM/DECSLRM), decided from the environment
/// (`var` reads a variable): then a scroll with the side pane shown moves only the reader's
/// columns and the pane is not painted again (issue 6).
///
/// - `QARI_MARGINS=1` or `0` decides, whatever the rest says;
/// - never inside a multiplexer (`TMUX`, `STY`: tmux and GNU screen have no margins, whatever
///   the terminal around them has);
/// - WezTerm (`TERM_PROGRAM=WezTerm` or `TERM=wezterm`), Ghostty (`TERM_PROGRAM=ghostty` or
///   `TERM=xterm-ghostty`), xterm itself (`XTERM_VERSION` with an `xterm*` TERM and no sign of
///   another terminal started from it: VTE, Konsole, kitty, Alacritty, Windows Terminal, any
///   `TERM_PROGRAM`);
/// - everything else: no. No query is sent (`CSI ? 69 $ p`): crossterm would read the reply as
///   key presses.
///
/// # Limitations
/// Terminals that have margins but are not recognised (mlterm, iTerm2, Windows Terminal 1.21+,
/// kitty and foot were not verified) need `QARI_MARGINS=1`.
pub fn margins_from_env(var: impl Fn(&str) -> Option<String>) -> bool {
    let set = |name: &str| var(name).is_some_and(|v| !v.is_empty());
    match var("QARI_MARGINS").as_deref() {
        Some("1") => return true,
        Some("0") => return false,
        _ => {}
    }
    if set("TMUX") || set("STY") {
        return false;
    }
    let term = var("TERM").unwrap_or_default();
    let program = var("TERM_PROGRAM").unwrap_or_default();
    if program == "WezTerm" || term == "wezterm" || program == "ghostty" || term == "xterm-ghostty"
    {
        return true;
    }
    let other = ["VTE_VERSION", "KONSOLE_VERSION", "KITTY_WINDOW_ID", "ALACRITTY_WINDOW_ID"]
        .into_iter()
        .chain(["WT_SESSION", "TERM_PROGRAM", "MLTERM"])
        .any(set);
    set("XTERM_VERSION") && term.starts_with("xterm") && term != "xterm-kitty" && !other
}

/// The largest scroll considered, in rows: line and small scrolls (a key, the wheel); pages
/// and jumps repaint.
const MAX_SCROLL: u16 = 12;

/// What ratatui's diff sends for the columns `cols` of row `y` of `next` over row `src` of
/// `last` (`None`: over a blank row, as a scroll leaves it): roughly the bytes of the cells
/// that differ.
fn row_cost(next: &Buffer, y: u16, last: &Buffer, src: Option<u16>, cols: &Range<u16>) -> usize {
    let w = next.area.width as usize;
    let (start, end) = (cols.start as usize, cols.end as usize);
    let row = &next.content[y as usize * w + start..y as usize * w + end];
    let blank = Cell::default();
    let mut cost = 0;
    for (x, cell) in row.iter().enumerate() {
        let old = match src {
            Some(s) => &last.content[s as usize * w + start + x],
            None => &blank,
        };
        if cell != old {
            cost += cell.symbol().len().max(1);
        }
    }
    cost
}

/// Whether a wide character of row `y` of `buf` straddles the edge of `cols` (its first column
/// inside, its second outside, or the reverse): a margin scroll would cut it in two.
fn straddles(buf: &Buffer, y: u16, cols: &Range<u16>) -> bool {
    let w = buf.area.width as usize;
    let row = &buf.content[y as usize * w..(y as usize + 1) * w];
    [cols.start as usize, cols.end as usize].into_iter().any(|edge| {
        edge > 0 && edge < w && row.get(edge - 1).is_some_and(|c| super::encode::columns(c) > 1)
    })
}

/// Finds the scroll that saves the most repainting between what the terminal shows (`last`)
/// and the next frame (`next`), if one saves more than it costs.
///
/// DECSTBM scrolls whole rows. For each shift `k` (up to [`MAX_SCROLL`] and half the screen)
/// and direction, every band of rows is weighed: the rows that move cost what differs between
/// them and the rows of `next` they land on (in the reader, nothing where the text moved;
/// with the side pane shown, the pane's cells), the `k` rows that come into view cost their
/// whole content, and the escape sequence costs its bytes. The band that saves the most bytes
/// over a plain diff wins.
pub fn detect_scroll(last: &Buffer, next: &Buffer) -> Option<Scroll> {
    best_scroll(last, next, None).map(|(_, scroll)| scroll)
}

/// As [`detect_scroll`], for a scroll of only the columns `cols` of the rows (left/right
/// margins): only those columns are weighed, the rest of each row stays where it is. Rows
/// where a wide character straddles an edge of `cols` are never in the band.
pub fn detect_scroll_in(last: &Buffer, next: &Buffer, cols: Range<u16>) -> Option<Scroll> {
    best_scroll(last, next, Some(cols)).map(|(_, scroll)| scroll)
}

/// The best scroll and the bytes it saves (see [`detect_scroll`]); with `cols`, a scroll with
/// left/right margins.
fn best_scroll(last: &Buffer, next: &Buffer, cols: Option<Range<u16>>) -> Option<(isize, Scroll)> {
    if last.area != next.area || last.area.height < 3 {
        return None;
    }
    let (h, width) = (last.area.height, last.area.width);
    let columns = match cols {
        Some(c) if c.start < c.end && c.end <= width && c.end - c.start >= 2 => {
            Some(Columns { left: c.start, right: c.end, width })
        }
        Some(_) => return None,
        None => None,
    };
    let cols = columns.map_or(0..width, |c| c.left..c.right);
    let in_place: Vec<isize> =
        (0..h).map(|y| row_cost(next, y, last, Some(y), &cols) as isize).collect();
    if in_place.iter().all(|&c| c == 0) {
        return None;
    }
    // Never inside a band: a row that cannot move (no source on the screen, or a wide
    // character cut by a margin).
    const NEVER: isize = -(1 << 40);
    let blocked: Vec<bool> = (0..h)
        .map(|y| columns.is_some() && (straddles(last, y, &cols) || straddles(next, y, &cols)))
        .collect();
    let blank: Vec<isize> = (0..h).map(|y| row_cost(next, y, last, None, &cols) as isize).collect();
    // prefix sums: saved[i] = Σ_{y<i} f(y)
    let prefix = |f: &dyn Fn(u16) -> isize| -> Vec<isize> {
        let mut p = Vec::with_capacity(h as usize + 1);
        p.push(0);
        for y in 0..h {
            let last = p[y as usize];
            p.push(last + f(y));
        }
        p
    };
    let entering = prefix(&|y| {
        if blocked[y as usize] {
            NEVER
        } else {
            in_place[y as usize] - blank[y as usize]
        }
    });
    let mut best: Option<(isize, Scroll)> = None;
    for amount in 1..=(h / 2).min(MAX_SCROLL) {
        let escape =
            Scroll { top: 0, bottom: h, amount, up: true, columns }.escape().len() as isize;
        let k = amount as usize;
        for up in [true, false] {
            // moved[y]: what moving a row saves at row y of `next` (its source is y ± k).
            let moved = prefix(&|y| {
                let src = if up {
                    y.checked_add(amount).filter(|s| *s < h)
                } else {
                    y.checked_sub(amount)
                };
                match src {
                    Some(s) if !blocked[y as usize] => {
                        in_place[y as usize] - row_cost(next, y, last, Some(s), &cols) as isize
                    }
                    _ => NEVER,
                }
            });
            let mut consider = |gain: isize, top: usize, bottom: usize| {
                let scroll = Scroll { top: top as u16, bottom: bottom as u16, amount, up, columns };
                if gain > escape && best.as_ref().is_none_or(|(g, _)| gain > *g) {
                    best = Some((gain, scroll));
                }
            };
            if up {
                // Band top..bottom: rows top..bottom-k move up, bottom-k..bottom come into view.
                let mut min_top: Option<(isize, usize)> = None;
                for bottom in k + 1..=h as usize {
                    let top_limit = bottom - k - 1;
                    if min_top.is_none_or(|(v, _)| moved[top_limit] < v) {
                        min_top = Some((moved[top_limit], top_limit));
                    }
                    let (low, top) = min_top.unwrap_or((0, top_limit));
                    let gain = moved[bottom - k] - low + entering[bottom] - entering[bottom - k];
                    consider(gain, top, bottom);
                }
            } else {
                // Band top..bottom: rows top..top+k come into view, top+k..bottom move down.
                let mut max_bottom: Option<(isize, usize)> = None;
                for top in (0..=h as usize - k - 1).rev() {
                    let bottom_limit = top + k + 1;
                    if max_bottom.is_none_or(|(v, _)| moved[bottom_limit] > v) {
                        max_bottom = Some((moved[bottom_limit], bottom_limit));
                    }
                    let (high, bottom) = max_bottom.unwrap_or((0, bottom_limit));
                    let gain = high - moved[top + k] + entering[top + k] - entering[top];
                    consider(gain, top, bottom);
                }
            }
        }
    }
    best.map(|(gain, scroll)| (gain - scroll.escape().len() as isize, scroll))
}

/// A writer between ratatui's crossterm backend and the terminal that drops bytes that change
/// nothing, per frame:
/// - the reset ratatui sends after every frame (`CSI 39 m CSI 49 m CSI 59 m CSI 0 m`, 20
///   bytes) becomes `CSI 0 m` (4 bytes: SGR 0 resets all of them);
/// - hiding the cursor when it is hidden already (ratatui hides it after every frame).
///
/// Everything else goes through untouched and in order (a few bytes that may begin one of
/// these sequences are held until the next byte tells, or until `flush`).
pub struct Lean<W: Write> {
    inner: W,
    /// Bytes held back: a prefix of [`RESET`] or [`HIDE`].
    held: Vec<u8>,
    cursor_hidden: bool,
}

const RESET: &[u8] = b"\x1b[39m\x1b[49m\x1b[59m\x1b[0m";
const HIDE: &[u8] = b"\x1b[?25l";
const SHOW: &[u8] = b"\x1b[?25h";

impl<W: Write> Lean<W> {
    pub fn new(inner: W) -> Self {
        Lean { inner, held: Vec::new(), cursor_hidden: false }
    }

    pub fn get_mut(&mut self) -> &mut W {
        &mut self.inner
    }

    fn feed(&mut self, b: u8, out: &mut Vec<u8>) {
        self.held.push(b);
        loop {
            if self.held == RESET {
                out.extend_from_slice(b"\x1b[0m");
                self.held.clear();
            } else if self.held == HIDE {
                if !self.cursor_hidden {
                    out.extend_from_slice(HIDE);
                    self.cursor_hidden = true;
                }
                self.held.clear();
            } else if self.held == SHOW {
                out.extend_from_slice(SHOW);
                self.cursor_hidden = false;
                self.held.clear();
            }
            let pending = self.held.as_slice();
            if [RESET, HIDE, SHOW].iter().any(|p| p.starts_with(pending)) {
                return;
            }
            // Not the start of a pattern: its first byte goes out, the rest is tried again.
            out.push(self.held.remove(0));
        }
    }
}

impl<W: Write> Write for Lean<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut out = Vec::with_capacity(buf.len());
        for &b in buf {
            self.feed(b, &mut out);
        }
        self.inner.write_all(&out)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        let held = std::mem::take(&mut self.held);
        self.inner.write_all(&held)?;
        self.inner.flush()
    }
}

/// A ratatui [`Terminal`] that uses the terminal's scrolling where it saves bytes.
pub struct Screen<B: Backend + Write + Adapt> {
    terminal: Terminal<B>,
    /// What the terminal shows now (the last frame sent), if known.
    last: Option<Buffer>,
    scrolling: bool,
    /// The terminal has left/right margins (DECLRMM/DECSLRM).
    margins: bool,
    /// The columns that may scroll on their own (the reader beside the side pane).
    columns: Option<Range<u16>>,
}

impl<B: Backend + Write + Adapt> Screen<B> {
    pub fn new(terminal: Terminal<B>) -> Self {
        Self { terminal, last: None, scrolling: true, margins: false, columns: None }
    }

    /// Tells whether the terminal has left/right margins (DECLRMM, mode 69, and DECSLRM).
    /// Off by default: a terminal without them would scroll whole rows and garble the screen.
    pub fn set_margins(&mut self, on: bool) {
        self.margins = on;
    }

    pub fn margins(&self) -> bool {
        self.margins
    }

    /// The columns of the next frames that may scroll on their own, between left/right margins
    /// (the reader's columns while the side pane is shown; `None`: whole rows only). Used only
    /// when [`Screen::set_margins`] is on.
    pub fn set_scroll_columns(&mut self, columns: Option<Range<u16>>) {
        self.columns = columns;
    }

    /// Turns the scroll optimisation on or off (off: plain ratatui diffs).
    pub fn set_scrolling(&mut self, on: bool) {
        self.scrolling = on;
    }

    pub fn terminal_mut(&mut self) -> &mut Terminal<B> {
        &mut self.terminal
    }

    pub fn backend_mut(&mut self) -> &mut B {
        self.terminal.backend_mut()
    }

    /// Clears the screen and forgets what the terminal showed, so the next frame is painted in
    /// full (at start, and after the screen was resized or damaged).
    ///
    /// Unlike [`Terminal::clear`], this never asks the terminal where its cursor is (`CSI 6 n`):
    /// that round trip delays the first screen (over ssh by a whole link latency), and a
    /// terminal that does not answer made crossterm give up after two seconds with an error.
    /// In a full-screen reader the cursor's position does not matter: it is hidden.
    pub fn invalidate(&mut self) -> Result<(), B::Error> {
        self.last = None;
        self.terminal.backend_mut().clear_region(ratatui::backend::ClearType::All)?;
        // ratatui diffs the next frame against its "previous" buffer: make that a blank screen,
        // as the terminal now shows.
        self.terminal.current_buffer_mut().reset();
        self.terminal.swap_buffers();
        Ok(())
    }

    /// Renders a frame and sends it: a scroll where one saves bytes, then the cells that still
    /// differ, by [`encode`](super::encode::encode).
    pub fn draw(&mut self, render: impl FnOnce(&mut Frame)) -> Result<(), B::Error>
    where
        B::Error: From<io::Error>,
    {
        self.terminal.autoresize()?;
        let area: Rect = {
            let mut frame = self.terminal.get_frame();
            render(&mut frame);
            frame.area()
        };
        let mut next = self.terminal.current_buffer_mut().clone();
        self.terminal.backend().adapt(&mut next);
        // What the terminal shows: the last frame, or a blank screen after a clear (at start,
        // after `invalidate` and after ratatui's resize, which clears).
        let shown = self.last.take().filter(|l| l.area == area);
        let mut bytes = Vec::new();
        let previous = match shown {
            Some(last) if self.scrolling => {
                let whole = best_scroll(&last, &next, None);
                let band = match (&self.columns, self.margins) {
                    (Some(c), true) if !(c.start == 0 && c.end >= area.width) => {
                        best_scroll(&last, &next, Some(c.clone()))
                    }
                    _ => None,
                };
                let scroll = match (whole, band) {
                    (Some(w), Some(b)) => Some(if b.0 > w.0 { b.1 } else { w.1 }),
                    (w, b) => w.or(b).map(|(_, s)| s),
                };
                match scroll {
                    Some(scroll) => {
                        bytes.extend(scroll.escape().as_bytes());
                        scroll.apply(&last)
                    }
                    None => last,
                }
            }
            Some(last) => last,
            None => Buffer::empty(area),
        };
        super::encode::encode(&previous, &next, &mut bytes);
        self.terminal.backend_mut().write_all(&bytes)?;
        self.terminal.hide_cursor()?;
        self.terminal.swap_buffers();
        Backend::flush(self.terminal.backend_mut())?;
        self.last = Some(next);
        Ok(())
    }
}

/// What a backend changes in a frame's cells before they are sent: nothing for a local
/// terminal; the ssh backend brings colours down to what the client's terminal shows and never
/// lets a control character through.
pub trait Adapt {
    fn adapt(&self, _frame: &mut Buffer) {}
}

impl<W: Write> Adapt for ratatui::backend::CrosstermBackend<W> {}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Style;

    fn buffer_text(buf: &Buffer) -> Vec<String> {
        (0..buf.area.height)
            .map(|y| {
                (0..buf.area.width)
                    .map(|x| buf[(x, y)].symbol())
                    .collect::<String>()
                    .trim_end()
                    .to_string()
            })
            .collect()
    }

    #[test]
    fn margins_only_where_known_or_asked() {
        // Each case: the environment, and whether margins are used.
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
        };
        // xterm itself: yes; an xterm-256color started from xterm's shell by another terminal
        // (VTE, a TERM_PROGRAM) inherits XTERM_VERSION: no.
        assert!(margins_from_env(env(&[("TERM", "xterm"), ("XTERM_VERSION", "XTerm(390)")])));
        assert!(!margins_from_env(env(&[
            ("TERM", "xterm-256color"),
            ("XTERM_VERSION", "XTerm(390)"),
            ("VTE_VERSION", "7600"),
        ])));
        assert!(!margins_from_env(env(&[("TERM", "xterm-256color")])));
        assert!(margins_from_env(env(&[("TERM", "xterm-256color"), ("TERM_PROGRAM", "WezTerm")])));
        assert!(margins_from_env(env(&[("TERM", "xterm-ghostty")])));
        // kitty and foot are not assumed; the Linux console and Alacritty have no margins.
        assert!(!margins_from_env(env(&[("TERM", "xterm-kitty")])));
        assert!(!margins_from_env(env(&[("TERM", "foot")])));
        assert!(!margins_from_env(env(&[("TERM", "linux")])));
        // A multiplexer wins over the terminal around it; the override wins over everything.
        assert!(!margins_from_env(env(&[
            ("TERM", "wezterm"),
            ("TMUX", "/tmp/tmux-0/default,1,0")
        ])));
        assert!(!margins_from_env(env(&[("TERM_PROGRAM", "WezTerm"), ("STY", "1.pts-0")])));
        assert!(margins_from_env(env(&[("TERM", "screen"), ("STY", "1"), ("QARI_MARGINS", "1")])));
        assert!(!margins_from_env(env(&[("TERM", "wezterm"), ("QARI_MARGINS", "0")])));
    }

    #[test]
    fn lean_drops_only_what_changes_nothing() {
        // ratatui's reset after a frame becomes SGR 0; a second hide of a hidden cursor goes;
        // everything else passes in order, whatever the write boundaries.
        let mut lean = Lean::new(Vec::new());
        let parts: [&[u8]; 9] = [
            b"\x1b[2;3Hab",
            b"\x1b[",
            b"39m\x1b[49m\x1b[59m",
            b"\x1b[0m\x1b[?25l",
            b"\x1b[39;49mx",
            b"\x1b[?25l",
            b"\x1b[?25h",
            b"\x1b[?25l\x1b[3",
            b"9m",
        ];
        for p in parts {
            lean.write_all(p).unwrap();
        }
        lean.flush().unwrap();
        let out = String::from_utf8(lean.get_mut().clone()).unwrap();
        assert_eq!(out, "\x1b[2;3Hab\x1b[0m\x1b[?25l\x1b[39;49mx\x1b[?25h\x1b[?25l\x1b[39m");
    }

    #[test]
    fn detects_the_band_and_direction() {
        // Rows of ten letters, each row its own letter: the text moves up one row.
        let area = Rect::new(0, 0, 10, 6);
        let row = |y: u16| char::from(b'a' + y as u8).to_string().repeat(10);
        let mut last = Buffer::empty(area);
        for y in 0..6 {
            last.set_string(0, y, row(y), Style::default());
        }
        let mut next = Buffer::empty(area);
        for y in 0..5 {
            next.set_string(0, y, row(y + 1), Style::default());
        }
        let scroll = detect_scroll(&last, &next).unwrap();
        assert_eq!(scroll, Scroll { top: 0, bottom: 6, amount: 1, up: true, columns: None });
        assert_eq!(buffer_text(&scroll.apply(&last))[..5], buffer_text(&next)[..5]);
        // And back down.
        let scroll = detect_scroll(&next, &last).unwrap();
        assert_eq!(scroll, Scroll { top: 0, bottom: 6, amount: 1, up: false, columns: None });
        // Nothing moved: no scroll.
        assert_eq!(detect_scroll(&last, &last), None);
        // Rows that differ by one cell each are cheaper to repaint than to scroll (the escape
        // sequence alone is 15 bytes).
        let mut digits = Buffer::empty(area);
        for y in 0..6 {
            digits.set_string(0, y, format!("row{y}"), Style::default());
        }
        let mut shifted = Buffer::empty(area);
        for y in 0..5 {
            shifted.set_string(0, y, format!("row{}", y + 1), Style::default());
        }
        assert_eq!(detect_scroll(&digits, &shifted), None);
    }

    #[test]
    fn scrolls_only_the_text_columns_between_margins() {
        // 30 columns of text that move up a row beside 8 columns that stay: with margins the
        // band is the text's columns alone, the pane is left where it is (after the scroll
        // nothing differs outside the row that came into view).
        let area = Rect::new(0, 0, 40, 8);
        let text = |y: u16| char::from(b'a' + y as u8).to_string().repeat(30);
        let draw = |first: u16, pane_left: bool| {
            let (tx, px) = if pane_left { (10, 0) } else { (0, 32) };
            let mut b = Buffer::empty(area);
            for y in 0..7 {
                b.set_string(tx, y, text(first + y), Style::default());
                b.set_string(px, y, format!("pane{y}"), Style::default());
            }
            b.set_string(0, 7, format!("status {first}"), Style::default());
            b
        };
        for (pane_left, cols) in [(false, 0..31), (true, 9..40)] {
            let (last, next) = (draw(0, pane_left), draw(1, pane_left));
            let scroll = detect_scroll_in(&last, &next, cols.clone()).unwrap();
            let columns = Some(Columns { left: cols.start, right: cols.end, width: 40 });
            assert_eq!(scroll, Scroll { top: 0, bottom: 7, amount: 1, up: true, columns });
            let after = scroll.apply(&last);
            let differ: Vec<u16> =
                (0..8).filter(|&y| (0..40).any(|x| after[(x, y)] != next[(x, y)])).collect();
            assert_eq!(differ, vec![6, 7], "pane on the left: {pane_left}");
            // And down again.
            let back = detect_scroll_in(&next, &last, cols.clone()).unwrap();
            assert_eq!((back.up, back.amount, back.columns), (false, 1, columns));
        }
        // The escape: DECLRMM on, region, margins (1-based, inclusive), SU, margins and modes
        // back.
        let s = Scroll {
            top: 0,
            bottom: 7,
            amount: 2,
            up: true,
            columns: Some(Columns { left: 9, right: 40, width: 40 }),
        };
        assert_eq!(s.escape(), "\x1b[?69h\x1b[1;7r\x1b[10;40s\x1b[2S\x1b[1;40s\x1b[?69l\x1b[r");
    }

    #[test]
    fn never_cuts_a_wide_character_with_a_margin() {
        // Rows whose wide character straddles the margin's edge stay out of the band: the
        // terminal would move half of it.
        let area = Rect::new(0, 0, 20, 6);
        let draw = |first: u16| {
            let mut b = Buffer::empty(area);
            for y in 0..6 {
                b.set_string(
                    0,
                    y,
                    char::from(b'a' + (first + y) as u8).to_string().repeat(9),
                    Style::default(),
                );
                // A wide character at columns 9-10: across the edge of a band 0..10.
                b.set_string(9, y, "中", Style::default());
            }
            b
        };
        assert_eq!(detect_scroll_in(&draw(0), &draw(1), 0..10), None);
        // A band that ends before it is fine.
        assert!(detect_scroll_in(&draw(0), &draw(1), 0..9).is_some());
    }

    #[test]
    fn scrolls_the_text_under_a_side_column_that_stays() {
        // 30 columns of text that move up a row, beside 8 columns that stay (a side pane):
        // scrolling the whole rows and repainting the column is cheaper than repainting the
        // text, so the band covers the text rows; the last row (a status bar) stays out.
        let area = Rect::new(0, 0, 40, 8);
        let text = |y: u16| char::from(b'a' + y as u8).to_string().repeat(30);
        let pane = |y: u16| if y.is_multiple_of(2) { "pane".to_string() } else { String::new() };
        let draw = |first: u16| {
            let mut b = Buffer::empty(area);
            for y in 0..7 {
                b.set_string(0, y, text(first + y), Style::default());
                b.set_string(32, y, pane(y), Style::default());
            }
            b.set_string(0, 7, format!("status {first}"), Style::default());
            b
        };
        let scroll = detect_scroll(&draw(0), &draw(1)).unwrap();
        assert_eq!(scroll, Scroll { top: 0, bottom: 7, amount: 1, up: true, columns: None });
        // A jump shares no rows: nothing to scroll.
        assert_eq!(detect_scroll(&draw(0), &draw(10)), None);
    }
}
