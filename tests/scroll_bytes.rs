//! Bytes per one-line scroll (issue 6), counted exactly: the reader drawn through
//! `ui::screen::Screen` into a byte buffer at 80×24, fed to a vt100 emulator that must show
//! every frame as drawn. Bytes are deterministic, so they are asserted; timings never are.
//!
//! The peer is `less`: for a one-line scroll it sends the line that came into view (its
//! logical text) and redraws its prompt, about 8 bytes of escapes besides the text.

mod common;

use common::Shared;
use std::ops::Range;
use std::sync::Arc;

use qari::app::{Config, Event, Key, Library, Mouse, PaneSide, Reader};
use qari::doc::{self, Gazetteer};
use qari::ui::screen::{Lean, Screen};
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::{Terminal, TerminalOptions, Viewport};

const COLS: u16 = 80;
const ROWS: u16 = 24;
/// What less sends for a one-line scroll besides the line's text: `\r\x1b[K` before it, the
/// `:` prompt and `\x1b[K` after it.
const LESS_OVERHEAD: usize = 8;

/// The seed article three times over (so that ten scrolls stay inside the text), analysed.
fn reader(show_pane: bool) -> Reader {
    reader_with(show_pane, PaneSide::Right)
}

fn reader_with(show_pane: bool, pane: PaneSide) -> Reader {
    let seed = qari::SEEDS[0].1;
    let text = [seed.trim(); 3].join("\n\n");
    let document = doc::load("seed3.txt", text.as_bytes()).unwrap();
    let library = Arc::new(Library::from_documents(vec![document], Gazetteer::builtin()));
    let config = Config { show_pane, pane, ..Config::default() };
    let mut reader = Reader::with_config(library, (COLS, ROWS), config);
    reader.wait_for_analysis();
    reader
}

fn rows_of_buffer(buf: &Buffer) -> Vec<String> {
    (0..buf.area.height)
        .map(|y| {
            let mut row = String::new();
            for x in 0..buf.area.width {
                row.push_str(buf[(x, y)].symbol());
            }
            row.trim_end().to_string()
        })
        .collect()
}

fn rows_of_emulator(parser: &vt100::Parser) -> Vec<String> {
    parser.screen().rows(0, COLS).map(|r| r.trim_end().to_string()).collect()
}

/// Lines that differ from their neighbours in most cells, as lines of an article do.
fn lines(from: usize, rows: usize) -> Vec<Line<'static>> {
    const WORDS: [&str; 7] = ["الصين", "اليابان", "الناتو", "كوريا", "سيول", "طوكيو", "بكين"];
    (from..from + rows)
        .map(|i| {
            let words: Vec<&str> = (0..5).map(|j| WORDS[(i * 3 + j * (i % 5 + 1)) % 7]).collect();
            Line::from(words.join(" "))
        })
        .collect()
}

/// Draws `frames` (each: the first line shown, the status text) through a Screen at 40×10,
/// and returns the bytes of each frame, a vt100 emulator that consumed them all and the last
/// frame drawn.
fn run_lines(frames: &[(usize, &str)], scrolling: bool) -> (Vec<usize>, vt100::Parser, Buffer) {
    let (w, h) = (40u16, 10u16);
    let out = Shared::default();
    let backend = CrosstermBackend::new(out.clone());
    let options = TerminalOptions { viewport: Viewport::Fixed(Rect::new(0, 0, w, h)) };
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

/// Plain lines of text, scrolled down one line at a time, then back up, then a jump: each
/// one-line scroll repaints one text row and the status, not the 9 rows ratatui would, the
/// jump never costs more than plain ratatui, and the emulator shows every frame as drawn.
#[test]
fn one_line_scroll_sends_one_line_and_the_screen_matches() {
    let frames = [(0, "1%"), (1, "2%"), (2, "3%"), (1, "2%"), (40, "50%")];
    let (sizes, parser, last) = run_lines(&frames, true);
    assert_eq!(
        rows_of_emulator(&parser),
        rows_of_buffer(&last),
        "the emulator shows the last frame"
    );
    let (plain, plain_parser, _) = run_lines(&frames, false);
    assert_eq!(rows_of_emulator(&plain_parser), rows_of_buffer(&last));
    for i in 1..4 {
        assert!(
            sizes[i] * 3 < plain[i],
            "frame {i}: {} bytes scrolled vs {} plain",
            sizes[i],
            plain[i]
        );
    }
    assert!(sizes[4] <= plain[4], "jump: {} vs {}", sizes[4], plain[4]);
}

/// For each of `n` one-line scrolls (`j`): the bytes the reader sent and the bytes less would
/// send for the same line (its logical text + [`LESS_OVERHEAD`]). Checks after every frame
/// that the emulator shows exactly what was drawn.
fn scrolls(show_pane: bool, scrolling: bool, n: usize) -> Vec<(usize, usize)> {
    scrolls_with(show_pane, scrolling, false, n)
}

/// As [`scrolls`], on a terminal with left/right margins when `margins`.
fn scrolls_with(show_pane: bool, scrolling: bool, margins: bool, n: usize) -> Vec<(usize, usize)> {
    let mut reader = reader(show_pane);
    let mut screen = screen(scrolling, margins);
    let mut parser = Emulator::new();
    let mut draw = |reader: &mut Reader, parser: &mut Emulator| -> usize {
        let (bytes, drawn) = screen.frame(reader);
        parser.process(&bytes);
        assert_eq!(
            rows_of_emulator(&parser.vt),
            rows_of_buffer(&drawn),
            "the terminal shows the frame"
        );
        bytes.len()
    };
    draw(&mut reader, &mut parser);
    let mut sizes = Vec::new();
    for _ in 0..n {
        reader.handle(Event::Key(Key::Char('j')));
        let sent = draw(&mut reader, &mut parser);
        let new_row = reader.visible_rows().last().map(|r| r.logical_range()).unwrap_or(0..0);
        let text = reader.doc.as_ref().unwrap().doc.text[new_row].to_string();
        sizes.push((sent, text.len() + LESS_OVERHEAD));
    }
    sizes
}

#[test]
fn a_one_line_scroll_with_the_pane_hidden_costs_at_most_twice_less() {
    // Ten one-line scrolls at 80×24 without the side pane: the terminal scrolls the text
    // (DECSTBM + SU) and only the row that came into view is painted, so the bytes stay
    // within twice what less sends for the same lines (less sends logical Arabic, two bytes a
    // letter; qari sends shaped presentation forms, three bytes a letter).
    let sizes = scrolls(false, true, 10);
    let (qari, less): (usize, usize) = sizes.iter().fold((0, 0), |(q, l), s| (q + s.0, l + s.1));
    assert!(qari <= 2 * less, "qari {qari} B for ten scrolls, less {less} B: {sizes:?}");
    // Without the scroll region, the whole pane is repainted: many times more.
    let plain: usize = scrolls(false, false, 10).iter().map(|s| s.0).sum();
    assert!(qari * 5 < plain, "scrolled {qari} B vs plain {plain} B");
}

#[test]
fn a_one_line_scroll_with_the_pane_shown_repaints_the_pane_not_the_text() {
    // With the side pane, whole rows scroll (DECSTBM cannot leave the pane out: left/right
    // margins are not supported by tmux), so the pane's cells are painted again, but the
    // text's are not: well under half of a plain diff.
    let sizes = scrolls(true, true, 10);
    let qari: usize = sizes.iter().map(|s| s.0).sum();
    let plain: usize = scrolls(true, false, 10).iter().map(|s| s.0).sum();
    assert!(qari * 2 < plain, "scrolled {qari} B vs plain {plain} B: {sizes:?}");
}

#[test]
fn byte_counts_are_deterministic() {
    // The same scrolls send the same bytes every time (what makes them testable at all).
    assert_eq!(scrolls(true, true, 3), scrolls(true, true, 3));
}

/// A [`Screen`] over a byte buffer at 80×24, and the bytes of each frame.
struct TestScreen {
    screen: Screen<CrosstermBackend<Lean<Shared>>>,
    out: Shared,
}

fn screen(scrolling: bool, margins: bool) -> TestScreen {
    let out = Shared::default();
    let options = TerminalOptions { viewport: Viewport::Fixed(Rect::new(0, 0, COLS, ROWS)) };
    let terminal =
        Terminal::with_options(CrosstermBackend::new(Lean::new(out.clone())), options).unwrap();
    let mut screen = Screen::new(terminal);
    screen.set_scrolling(scrolling);
    screen.set_margins(margins);
    TestScreen { screen, out }
}

impl TestScreen {
    /// Draws the reader; returns the bytes sent and the frame drawn.
    fn frame(&mut self, reader: &mut Reader) -> (Vec<u8>, Buffer) {
        let mut drawn = Buffer::empty(Rect::new(0, 0, COLS, ROWS));
        self.screen.set_scroll_columns(qari::ui::scroll_columns(reader));
        self.screen
            .draw(|f| {
                qari::ui::draw(f, reader);
                drawn = f.buffer_mut().clone();
            })
            .unwrap();
        (std::mem::take(&mut *self.out.0.borrow_mut()), drawn)
    }
}

/// The vt100 emulator (which has no left/right margins) plus what a VT420-class terminal
/// (xterm) does with them: inside `CSI ? 69 h` … `CSI ? 69 l`, DECSTBM and DECSLRM set the
/// margins and SU/SD move only the cells inside both, filling the cells that come into view
/// with blanks in the default colours. The band is moved by rewriting its cells through the
/// emulator (cursor moves, SGR, the cell's text).
struct Emulator {
    vt: vt100::Parser,
    /// How many margin scrolls were emulated.
    margin_scrolls: usize,
}

impl Emulator {
    fn new() -> Self {
        Emulator { vt: vt100::Parser::new(ROWS, COLS, 0), margin_scrolls: 0 }
    }

    fn process(&mut self, bytes: &[u8]) {
        const ON: &[u8] = b"\x1b[?69h";
        const OFF: &[u8] = b"\x1b[?69l";
        let mut rest = bytes;
        while let Some(start) = find(rest, ON) {
            self.vt.process(&rest[..start]);
            let inner = &rest[start + ON.len()..];
            let end = find(inner, OFF).expect("margin mode is turned off again in the same frame");
            self.margins(&inner[..end]);
            rest = &inner[end + OFF.len()..];
        }
        self.vt.process(rest);
    }

    /// The CSI sequences sent while mode 69 is on: only DECSTBM, DECSLRM, SU and SD.
    fn margins(&mut self, seq: &[u8]) {
        let (mut top, mut bottom, mut left, mut right) = (1, ROWS, 1, COLS);
        let text = std::str::from_utf8(seq).unwrap();
        for part in text.split('\x1b').filter(|p| !p.is_empty()) {
            let body = part.strip_prefix('[').expect("only CSI sequences inside margin mode");
            let (params, op) = body.split_at(body.len() - 1);
            let n: Vec<u16> =
                params.split(';').filter(|p| !p.is_empty()).map(|p| p.parse().unwrap()).collect();
            match op {
                "r" => (top, bottom) = (n[0], n[1]),
                "s" => (left, right) = (n[0], n[1]),
                "S" | "T" => {
                    self.scroll(top - 1..bottom, left - 1..right, n[0], op == "S");
                    self.margin_scrolls += 1;
                }
                other => panic!("unexpected CSI {other} inside margin mode: {text:?}"),
            }
        }
        // DECSTBM and DECSLRM leave the cursor home; `CSI r` after `CSI ? 69 l` does too.
    }

    /// Moves the cells of rows `rows`, columns `cols` by `n` rows (up when `up`).
    fn scroll(&mut self, rows: Range<u16>, cols: Range<u16>, n: u16, up: bool) {
        let screen = self.vt.screen().clone();
        let mut out = Vec::new();
        for row in rows.clone() {
            let src = if up { row.checked_add(n) } else { row.checked_sub(n) };
            let src = src.filter(|s| rows.contains(s));
            out.extend_from_slice(format!("\x1b[{};{}H", row + 1, cols.start + 1).as_bytes());
            let mut col = cols.start;
            while col < cols.end {
                match src.and_then(|s| screen.cell(s, col)) {
                    Some(c) if c.is_wide_continuation() => {
                        panic!("a wide character cut by a margin")
                    }
                    Some(c) if c.has_contents() => {
                        assert!(!c.is_wide() || col + 2 <= cols.end, "a wide character cut");
                        out.extend_from_slice(sgr(c).as_bytes());
                        out.extend_from_slice(c.contents().as_bytes());
                        col += if c.is_wide() { 2 } else { 1 };
                        continue;
                    }
                    _ => out.extend_from_slice(b"\x1b[0m "),
                }
                col += 1;
            }
        }
        out.extend_from_slice(b"\x1b[0m");
        self.vt.process(&out);
    }

    /// Every cell as (position, text, colours and attributes), blanks as a space.
    fn cells(&self) -> Vec<String> {
        let screen = self.vt.screen();
        let mut cells = Vec::new();
        for row in 0..ROWS {
            for col in 0..COLS {
                let c = screen.cell(row, col).unwrap();
                let text = if c.has_contents() { c.contents() } else { " " };
                // A blank shows only its background, underline and inverse: the encoder may
                // print a space in whatever foreground, bold or italic it has at hand.
                let look = if text.trim().is_empty() { blank_look(c) } else { sgr(c) };
                cells.push(format!("{row},{col} {text:?} {look:?}"));
            }
        }
        cells
    }
}

/// The SGR sequence that sets a cell's colours and attributes.
fn sgr(c: &vt100::Cell) -> String {
    let color = |base: u8, color: vt100::Color| match color {
        vt100::Color::Default => String::new(),
        vt100::Color::Idx(i) => format!(";{};5;{i}", base + 8),
        vt100::Color::Rgb(r, g, b) => format!(";{};2;{r};{g};{b}", base + 8),
    };
    let mut s = String::from("\x1b[0");
    for (on, code) in
        [(c.bold(), 1), (c.dim(), 2), (c.italic(), 3), (c.underline(), 4), (c.inverse(), 7)]
    {
        if on {
            s.push_str(&format!(";{code}"));
        }
    }
    s.push_str(&color(30, c.fgcolor()));
    s.push_str(&color(40, c.bgcolor()));
    s.push('m');
    s
}

/// What a blank cell shows: its background, underline and inverse.
fn blank_look(c: &vt100::Cell) -> String {
    let bg = match c.bgcolor() {
        vt100::Color::Default => String::new(),
        vt100::Color::Idx(i) => format!(";48;5;{i}"),
        vt100::Color::Rgb(r, g, b) => format!(";48;2;{r};{g};{b}"),
    };
    format!(
        "blank{}{}{bg}",
        if c.underline() { ";4" } else { "" },
        if c.inverse() { ";7" } else { "" }
    )
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The events of a session: one-line scrolls down and up, wheel scrolls of several lines over
/// the reader's columns, then a jump to the end and back.
fn session_events(reader: &Reader) -> Vec<Event> {
    let g = reader.geometry();
    let (col, row) = (g.reader.x + 2, 3);
    let mut events = Vec::new();
    events.extend([Key::Char('j'); 4].map(Event::Key));
    events.extend((0..3).map(|_| Event::Mouse(Mouse::ScrollDown { col, row })));
    events.extend([Key::Char('k'); 2].map(Event::Key));
    events.extend((0..2).map(|_| Event::Mouse(Mouse::ScrollUp { col, row })));
    events.extend([Key::Char('j'), Key::Char('G'), Key::Char('k'), Key::Char('g')].map(Event::Key));
    events
}

#[test]
fn margin_scrolls_show_what_a_full_redraw_shows_cell_by_cell() {
    // On a terminal with left/right margins, with the pane on either side, every frame of a
    // session of one-line and wheel (three-line) scrolls down and up, and a jump, leaves the
    // screen exactly as a plain redraw of the same frames does: text, colours and attributes
    // of every cell. And the margins were used (the pane stayed while the text moved).
    for side in [PaneSide::Right, PaneSide::Left] {
        let mut reader = reader_with(true, side);
        let mut plain_reader = reader_with(true, side);
        let (mut margins, mut plain) = (screen(true, true), screen(false, false));
        let (mut emu, mut plain_emu) = (Emulator::new(), Emulator::new());
        let events = session_events(&reader);
        let mut frame = |reader: &mut Reader, plain_reader: &mut Reader, what: &str| {
            let (bytes, _) = margins.frame(reader);
            emu.process(&bytes);
            let (bytes, _) = plain.frame(plain_reader);
            plain_emu.process(&bytes);
            let (got, want) = (emu.cells(), plain_emu.cells());
            let diff: Vec<_> = got.iter().zip(&want).filter(|(g, w)| g != w).take(5).collect();
            assert!(diff.is_empty(), "pane {side:?}, after {what}: cells differ: {diff:?}");
        };
        frame(&mut reader, &mut plain_reader, "the first frame");
        for event in events {
            let what = format!("{event:?}");
            reader.handle(event.clone());
            plain_reader.handle(event);
            frame(&mut reader, &mut plain_reader, &what);
        }
        assert!(emu.margin_scrolls >= 8, "pane {side:?}: {} margin scrolls", emu.margin_scrolls);
        assert_eq!(plain_emu.margin_scrolls, 0);
    }
}

#[test]
fn a_one_line_scroll_with_margins_and_the_pane_shown_costs_at_most_six_times_less() {
    // With left/right margins only the reader's columns scroll; the pane stays and is not
    // painted again, so ten one-line scrolls with the pane shown cost at most six times what
    // less sends for the same lines.
    let sizes = scrolls_with(true, true, true, 10);
    let (qari, less): (usize, usize) = sizes.iter().fold((0, 0), |(q, l), s| (q + s.0, l + s.1));
    assert!(qari <= 6 * less, "qari {qari} B for ten scrolls, less {less} B: {sizes:?}");
    // And less than without margins, where the pane's rows are repainted.
    let without: usize = scrolls_with(true, true, false, 10).iter().map(|s| s.0).sum();
    assert!(qari * 2 < without, "with margins {qari} B, without {without} B");
}

#[test]
fn without_margins_no_margin_sequence_is_ever_sent() {
    // The default (a terminal not known to have margins): not one DECLRMM in a whole session,
    // pane shown on either side.
    for side in [PaneSide::Right, PaneSide::Left] {
        let mut reader = reader_with(true, side);
        let mut screen = screen(true, false);
        let mut sent = screen.frame(&mut reader).0;
        for event in session_events(&reader) {
            reader.handle(event);
            sent.extend(screen.frame(&mut reader).0);
        }
        assert_eq!(find(&sent, b"\x1b[?69h"), None);
    }
}

/// Random key sessions over the reader (scrolls, pages, jumps, sections, actors and their
/// passages, search, help, the pane hidden and shown, on either side): after every frame the
/// terminal fed the incremental bytes (scrolls, moves, erases) shows what a terminal fed the
/// whole frame from a blank screen shows, cell by cell with its attributes, and the frame's
/// text. The keys come from a fixed seed, so a failure replays.
#[test]
fn random_sessions_show_every_frame_as_drawn() {
    use qari::app::Key;
    let keys = [
        Key::Char('j'),
        Key::Char('j'),
        Key::Char('k'),
        Key::Char('J'),
        Key::Char('K'),
        Key::Char(' '),
        Key::Char('b'),
        Key::Char('g'),
        Key::Char('G'),
        Key::Char(']'),
        Key::Char('['),
        Key::Tab,
        Key::BackTab,
        Key::Enter,
        Key::Char('n'),
        Key::Char('N'),
        Key::Char('l'),
        Key::Char('h'),
        Key::Char('p'),
        Key::Char('?'),
        Key::Esc,
        Key::Char('/'),
        Key::Char('ا'),
        Key::Char('y'),
    ];
    for (show_pane, side, seed) in
        [(true, PaneSide::Right, 1u64), (true, PaneSide::Left, 2), (false, PaneSide::Right, 3)]
    {
        let mut reader = reader_with(show_pane, side);
        let mut live = screen(true, false);
        let mut vt = Emulator::new();
        let mut state = seed;
        for step in 0..300 {
            let (bytes, drawn) = live.frame(&mut reader);
            vt.process(&bytes);
            // The same frame painted whole on a blank terminal.
            let mut fresh = Emulator::new();
            let mut whole = Vec::new();
            qari::ui::encode::encode(&Buffer::empty(drawn.area), &drawn, &mut whole);
            fresh.process(&whole);
            let (got, want) = (vt.cells(), fresh.cells());
            let diff: Vec<_> = got.iter().zip(&want).filter(|(g, w)| g != w).take(4).collect();
            assert!(diff.is_empty(), "pane {show_pane} {side:?}, step {step}: {diff:?}");
            assert_eq!(rows_of_emulator(&vt.vt), rows_of_buffer(&drawn), "step {step}");
            // xorshift: the next key.
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            reader.handle(Event::Key(keys[(state % keys.len() as u64) as usize]));
        }
    }
}
