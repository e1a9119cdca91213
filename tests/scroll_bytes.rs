//! Bytes per one-line scroll (issue 6), counted exactly: the reader drawn through
//! `ui::screen::Screen` into a byte buffer at 80×24, fed to a vt100 emulator that must show
//! every frame as drawn. Bytes are deterministic, so they are asserted; timings never are.
//!
//! The peer is `less`: for a one-line scroll it sends the line that came into view (its
//! logical text) and redraws its prompt, about 8 bytes of escapes besides the text.

use std::cell::RefCell;
use std::io::{self, Write};
use std::rc::Rc;
use std::sync::Arc;

use qari::app::{Config, Event, Key, Library, Reader};
use qari::doc::{self, Gazetteer};
use qari::ui::screen::{Lean, Screen};
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

const COLS: u16 = 80;
const ROWS: u16 = 24;
/// What less sends for a one-line scroll besides the line's text: `\r\x1b[K` before it, the
/// `:` prompt and `\x1b[K` after it.
const LESS_OVERHEAD: usize = 8;

/// A writer whose bytes the test takes after each frame.
#[derive(Clone, Default)]
struct Shared(Rc<RefCell<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The seed article three times over (so that ten scrolls stay inside the text), analysed.
fn reader(show_pane: bool) -> Reader {
    let seed = qari::SEEDS[0].1;
    let text = [seed.trim(); 3].join("\n\n");
    let document = doc::load("seed3.txt", text.as_bytes()).unwrap();
    let library = Arc::new(Library::from_documents(vec![document], Gazetteer::builtin()));
    let config = Config { show_pane, ..Config::default() };
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

/// For each of `n` one-line scrolls (`j`): the bytes the reader sent and the bytes less would
/// send for the same line (its logical text + [`LESS_OVERHEAD`]). Checks after every frame
/// that the emulator shows exactly what was drawn.
fn scrolls(show_pane: bool, scrolling: bool, n: usize) -> Vec<(usize, usize)> {
    let mut reader = reader(show_pane);
    let out = Shared::default();
    let options = TerminalOptions { viewport: Viewport::Fixed(Rect::new(0, 0, COLS, ROWS)) };
    let terminal =
        Terminal::with_options(CrosstermBackend::new(Lean::new(out.clone())), options).unwrap();
    let mut screen = Screen::new(terminal);
    screen.set_scrolling(scrolling);
    let mut parser = vt100::Parser::new(ROWS, COLS, 0);
    let mut drawn = Buffer::empty(Rect::new(0, 0, COLS, ROWS));
    let mut draw = |reader: &mut Reader, parser: &mut vt100::Parser| -> usize {
        screen
            .draw(|f| {
                qari::ui::draw(f, reader);
                drawn = f.buffer_mut().clone();
            })
            .unwrap();
        let bytes = std::mem::take(&mut *out.0.borrow_mut());
        parser.process(&bytes);
        assert_eq!(
            rows_of_emulator(parser),
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
