//! A ratatui terminal that scrolls instead of repainting.
//!
//! ratatui redraws every cell that changed since the last frame, so scrolling the reader by one
//! line repaints the whole pane: about 25× what `less` sends for the same scroll. [`Screen`]
//! compares each new frame with the last one it sent; when a band of full-width rows moved up
//! or down by a few rows, it asks the terminal to scroll that band (DECSTBM + SU/SD) and shifts
//! its idea of the screen the same way, so that ratatui's diff paints only the rows that came
//! into view. Local terminals and `qari serve` draw through it.
//!
//! # Limitations
//! Only whole rows scroll (DECSTBM); left/right margins (DECSLRM) are not supported widely
//! enough (not by tmux), so with the side pane shown the pane's rows are repainted after a
//! scroll.

use std::io::{self, Write};

use ratatui::backend::Backend;
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::{Frame, Terminal};

/// A band of rows `top..bottom` whose content moved by `amount` rows: up when `up`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scroll {
    pub top: u16,
    pub bottom: u16,
    pub amount: u16,
    pub up: bool,
}

impl Scroll {
    /// The escape sequence that makes a VT100-compatible terminal perform this scroll:
    /// DECSTBM (set the scrolling region), SU or SD, then DECSTBM reset to the full screen.
    pub fn escape(&self) -> String {
        let op = if self.up { 'S' } else { 'T' };
        format!("\x1b[{};{}r\x1b[{}{op}\x1b[r", self.top + 1, self.bottom, self.amount)
    }

    /// `last` as the terminal shows it after this scroll: the band's rows moved, the rows that
    /// came into view blank (terminals fill them with the default background: ratatui's
    /// backends reset colours at the end of every draw).
    pub fn apply(&self, last: &Buffer) -> Buffer {
        let mut shifted = last.clone();
        let width = last.area.width;
        let area = last.area;
        let (top, bottom, amount) = (self.top, self.bottom, self.amount);
        for row in top..bottom {
            let source = if self.up { row.checked_add(amount) } else { row.checked_sub(amount) };
            for col in 0..width {
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

/// Finds the scroll that saves the most repainting between what the terminal shows (`last`)
/// and the next frame (`next`), if one saves more rows than it costs.
///
/// For each shift `k` (up to half the screen) and direction, a run of rows where
/// `next[y] == last[y ± k]` is a band that a scroll would bring into place. Its worth is the
/// number of those rows that would otherwise be repainted (rows already equal in place gain
/// nothing). A scroll of `k` rows clears `k` rows that then need painting, so it must gain more
/// than `k`.
pub fn detect_scroll(last: &Buffer, next: &Buffer) -> Option<Scroll> {
    if last.area != next.area || last.area.height < 3 {
        return None;
    }
    let height = last.area.height;
    let rows_equal = |a: &Buffer, ya: u16, b: &Buffer, yb: u16| -> bool {
        let w = a.area.width as usize;
        let (ia, ib) = (ya as usize * w, yb as usize * w);
        a.content[ia..ia + w] == b.content[ib..ib + w]
    };
    let unchanged: Vec<bool> = (0..height).map(|y| rows_equal(next, y, last, y)).collect();
    let mut best: Option<(usize, Scroll)> = None;
    for amount in 1..=height / 2 {
        for up in [true, false] {
            // Rows y of `next` that equal row y+amount (up) or y-amount (down) of `last`.
            let mut run_start: Option<u16> = None;
            let mut gain = 0usize;
            let mut consider = |start: u16, end: u16, gain: usize| {
                // next rows start..end came from last rows start±amount..end±amount: the band
                // spans both.
                let (top, bottom) = if up { (start, end + amount) } else { (start - amount, end) };
                let scroll = Scroll { top, bottom, amount, up };
                if gain > amount as usize && best.as_ref().is_none_or(|(g, _)| gain > *g) {
                    best = Some((gain, scroll));
                }
            };
            let range: Box<dyn Iterator<Item = u16>> =
                if up { Box::new(0..height - amount) } else { Box::new(amount..height) };
            for y in range {
                let src = if up { y + amount } else { y - amount };
                if rows_equal(next, y, last, src) {
                    run_start.get_or_insert(y);
                    if !unchanged[y as usize] {
                        gain += 1;
                    }
                } else if let Some(start) = run_start.take() {
                    consider(start, y, gain);
                    gain = 0;
                }
            }
            if let Some(start) = run_start {
                let end = if up { height - amount } else { height };
                consider(start, end, gain);
            }
        }
    }
    best.map(|(_, scroll)| scroll)
}

/// A ratatui [`Terminal`] that uses the terminal's scrolling where it saves bytes.
pub struct Screen<B: Backend + Write> {
    terminal: Terminal<B>,
    /// What the terminal shows now (the last frame sent), if known.
    last: Option<Buffer>,
    scrolling: bool,
}

impl<B: Backend + Write> Screen<B> {
    pub fn new(terminal: Terminal<B>) -> Self {
        Self { terminal, last: None, scrolling: true }
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

    /// Renders a frame and sends it: a scroll where one saves bytes, then ratatui's diff.
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
        if let Some(last) = self.last.as_ref().filter(|l| self.scrolling && l.area == area) {
            if let Some(scroll) = detect_scroll(last, self.terminal.current_buffer_mut()) {
                let shifted = scroll.apply(last);
                let next = std::mem::replace(self.terminal.current_buffer_mut(), shifted);
                // The shifted screen becomes ratatui's "previous" buffer; the frame goes back
                // on top, so the diff below paints only what the scroll did not bring.
                self.terminal.swap_buffers();
                *self.terminal.current_buffer_mut() = next;
                self.terminal.backend_mut().write_all(scroll.escape().as_bytes())?;
            }
        }
        let completed = self.terminal.apply_buffer()?;
        self.last = Some(completed.buffer.clone());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::backend::CrosstermBackend;
    use ratatui::text::Line;
    use ratatui::widgets::Paragraph;

    /// A writer whose bytes the test can take after each frame.
    #[derive(Clone, Default)]
    struct Shared(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    fn lines(from: usize, rows: usize) -> Vec<Line<'static>> {
        // Every line differs from its neighbours in most cells, as lines of an article do.
        const WORDS: [&str; 7] = ["الصين", "اليابان", "الناتو", "كوريا", "سيول", "طوكيو", "بكين"];
        (from..from + rows)
            .map(|i| {
                let words: Vec<&str> =
                    (0..5).map(|j| WORDS[(i * 3 + j * (i % 5 + 1)) % 7]).collect();
                Line::from(words.join(" "))
            })
            .collect()
    }

    /// Draws `frames` (each: the first line shown, the status text) through a Screen, and
    /// returns the bytes of each frame and a vt100 emulator that consumed them all.
    fn run(frames: &[(usize, &str)], scrolling: bool) -> (Vec<usize>, vt100::Parser, Buffer) {
        let (w, h) = (40u16, 10u16);
        let out = Shared::default();
        let backend = CrosstermBackend::new(out.clone());
        let options =
            ratatui::TerminalOptions { viewport: ratatui::Viewport::Fixed(Rect::new(0, 0, w, h)) };
        let mut screen = Screen::new(Terminal::with_options(backend, options).unwrap());
        screen.set_scrolling(scrolling);
        let mut parser = vt100::Parser::new(h, w, 0);
        let mut sizes = Vec::new();
        let mut last = Buffer::empty(Rect::new(0, 0, w, h));
        for &(first, status) in frames {
            screen
                .draw(|f| {
                    let body = Rect::new(0, 0, w, h - 1);
                    f.render_widget(Paragraph::new(lines(first, body.height as usize)), body);
                    f.render_widget(Paragraph::new(status.to_string()), Rect::new(0, h - 1, w, 1));
                    last = f.buffer_mut().clone();
                })
                .unwrap();
            let bytes = std::mem::take(&mut *out.0.borrow_mut());
            parser.process(&bytes);
            sizes.push(bytes.len());
        }
        (sizes, parser, last)
    }

    fn screen_text(parser: &vt100::Parser) -> Vec<String> {
        parser.screen().rows(0, 40).map(|r| r.trim_end().to_string()).collect()
    }

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
    fn one_line_scroll_sends_one_line_and_the_screen_matches() {
        // Scroll down the text one line at a time, then back up, then jump.
        let frames = [(0, "1%"), (1, "2%"), (2, "3%"), (1, "2%"), (40, "50%")];
        let (sizes, parser, last) = run(&frames, true);
        assert_eq!(screen_text(&parser), buffer_text(&last), "the emulator shows the last frame");
        let (plain, plain_parser, _) = run(&frames, false);
        assert_eq!(screen_text(&plain_parser), buffer_text(&last));
        // A one-line scroll repaints one text row and the status, not the 9 rows ratatui would.
        for i in 1..4 {
            assert!(
                sizes[i] * 3 < plain[i],
                "frame {i}: {} bytes scrolled vs {} plain",
                sizes[i],
                plain[i]
            );
        }
        // A jump never costs more than plain ratatui.
        assert!(sizes[4] <= plain[4], "jump: {} vs {}", sizes[4], plain[4]);
    }

    #[test]
    fn detects_the_band_and_direction() {
        let area = Rect::new(0, 0, 10, 6);
        let mut last = Buffer::empty(area);
        for y in 0..6 {
            last.set_string(0, y, format!("row{y}"), ratatui::style::Style::default());
        }
        let mut next = Buffer::empty(area);
        for y in 0..5 {
            next.set_string(0, y, format!("row{}", y + 1), ratatui::style::Style::default());
        }
        let scroll = detect_scroll(&last, &next).unwrap();
        assert_eq!(scroll, Scroll { top: 0, bottom: 6, amount: 1, up: true });
        assert_eq!(buffer_text(&scroll.apply(&last))[..5], buffer_text(&next)[..5]);
        // Nothing moved: no scroll.
        assert_eq!(detect_scroll(&last, &last), None);
    }
}
