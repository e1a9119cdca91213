//! Checks run by the fuzz targets (`fuzz/`) and, on every saved input, by the regression test
//! `tests/fuzz_regressions.rs`. Each takes any bytes and panics only when an invariant that the
//! terminal or the user relies on is broken.
#![doc(hidden)]

use std::ops::Range;
use std::sync::{Arc, OnceLock};

use ratatui::backend::TestBackend;
use ratatui::Terminal;

use crate::app::{Event, Key, Library, Reader};
use crate::doc::{self, Gazetteer, Matcher};
use crate::layout::{layout_paragraph, BaseDirection, LayoutOptions};

/// The layout engine on any text, width and base direction: no panic, and the invariants that
/// the terminal relies on hold.
pub fn layout(data: &[u8]) {
    let [w, flags, rest @ ..] = data else { return };
    let text = String::from_utf8_lossy(rest);
    let base = match flags % 3 {
        0 => BaseDirection::Ltr,
        1 => BaseDirection::Rtl,
        _ => BaseDirection::Auto,
    };
    let width = *w as usize % 130;
    let opts = LayoutOptions { width, base, shape: flags & 4 == 0, reorder: flags & 8 == 0 };
    for line in layout_paragraph(&text, &opts) {
        // No control character ever reaches the terminal.
        assert!(!line.text.chars().any(|c| c.is_control()), "control char in {:?}", line.text);
        let mut sum = 0;
        for cell in &line.cells {
            assert!((1..=2).contains(&cell.width));
            assert!(line.text.get(cell.visual_range.clone()).is_some());
            assert!(text.get(cell.logical_range.clone()).is_some());
            sum += cell.width as usize;
        }
        assert_eq!(sum, line.width);
        // A line is never wider than asked, but for one grapheme wider than the whole line, or
        // the letters one legacy ligature such as ﷺ expands to (they share its source range and
        // stay on one line).
        if width > 0 && line.width > width {
            let first = &line.cells[0].logical_range;
            assert!(
                line.cells.iter().all(|c| c.logical_range == *first),
                "{} > {width} and more than one source char",
                line.width
            );
        }
    }
}

/// The built-in gazetteer and its compiled matcher, built once for all inputs: compiling the
/// automaton takes far longer than analysing a small input, and it does not depend on the input.
fn builtin() -> &'static (Gazetteer, Arc<Matcher>) {
    static BUILTIN: OnceLock<(Gazetteer, Arc<Matcher>)> = OnceLock::new();
    BUILTIN.get_or_init(|| {
        let gazetteer = Gazetteer::builtin();
        let matcher = Arc::new(Matcher::new(&gazetteer));
        (gazetteer, matcher)
    })
}

/// Loading and analysis on any bytes: an error or a document whose ranges all lie on char
/// boundaries inside the text; search on any query likewise.
pub fn document(data: &[u8]) {
    let [flags, rest @ ..] = data else { return };
    let name = if flags & 1 == 0 { "fuzz.txt" } else { "fuzz.md" };
    let Ok(document) = doc::load(name, rest) else { return };
    let text = &document.text;
    let ok = |r: &Range<usize>| r.start <= r.end && text.get(r.clone()).is_some();
    let (gazetteer, matcher) = builtin();
    let analysis = doc::analyze_with(&document, gazetteer, matcher);
    assert!(document.blocks.iter().all(|b| ok(&b.range)));
    assert!(analysis.blocks.iter().all(|b| ok(&b.range)));
    assert!(analysis.sentences.iter().all(ok));
    assert!(analysis.sections.iter().all(|s| ok(&s.range)));
    assert!(analysis.actors.iter().flat_map(|a| &a.mentions).all(ok));
    // Markdown: emphasis inside the text; file offsets in order and inside the file.
    let e = &document.emphasis;
    assert!(e.strong.iter().chain(&e.em).chain(&e.struck).chain(&e.code).chain(&e.link).all(ok));
    let offsets = document.file_offsets();
    let file = std::str::from_utf8(rest).ok().map(|f| f.strip_prefix('\u{feff}').unwrap_or(f));
    for m in analysis.actors.iter().flat_map(|a| &a.mentions) {
        let (s, t) = (offsets.start(m.start), offsets.end(m.end));
        assert!(s <= t && t <= offsets.chars(), "{s}..{t} of {}", offsets.chars());
        // The file's chars there begin and end as the mention does, or with the entity
        // reference that stands for its first or last char (`&#1575;لصين`).
        if let (Some(file), Some(mention)) = (file, text.get(m.clone())) {
            let slice: String = file.chars().skip(s).take(t - s).collect();
            let (first, last) = (mention.chars().next(), mention.chars().last());
            assert!(slice.chars().next() == first || slice.starts_with('&'), "{m:?}");
            assert!(slice.chars().last() == last || slice.ends_with(';'), "{m:?}");
        }
    }
    // Search for a piece of the text itself.
    let query: String = text.chars().skip(*flags as usize % 7).take(4).collect();
    assert!(doc::search(&document, &query).iter().all(ok));
}

const KEYS: &[Key] = &[
    Key::Tab,
    Key::BackTab,
    Key::Enter,
    Key::Esc,
    Key::Backspace,
    Key::Up,
    Key::Down,
    Key::Left,
    Key::Right,
    Key::PageUp,
    Key::PageDown,
    Key::Home,
    Key::End,
    Key::Delete,
];

/// The reader's state machine and widgets on any document (plain text or Markdown), any events
/// (keys, Arabic letters, mouse, paste, resizes) and any terminal size: no panic, every frame
/// draws, and no cell of any frame holds a control character (a document's ESC, BEL or C1
/// must never reach the terminal).
pub fn reader(data: &[u8]) {
    use crate::app::Mouse;
    let [cols, rows, split, rest @ ..] = data else { return };
    let split = (*split as usize).min(rest.len());
    let (doc_bytes, keys) = rest.split_at(split);
    let name = if rows & 0x80 == 0 { "fuzz.txt" } else { "fuzz.md" };
    let Ok(document) = doc::load(name, doc_bytes) else { return };
    let (gazetteer, matcher) = builtin();
    let library = Library::from_documents(vec![document], gazetteer.clone())
        .with_matcher(Arc::clone(matcher));
    // Side pane, actors and headings in play from the first key. Analysed here, on this thread:
    // no thread per input, and a panic in the analysis is not turned into an empty one.
    library.analyse_now(0);
    let (mut cols, mut rows) = (u16::from(*cols % 200) + 1, u16::from((rows & 0x7F) % 80) + 1);
    let mut reader = Reader::new(Arc::new(library), (cols, rows));
    reader.wait_for_analysis();
    let mut terminal = Terminal::new(TestBackend::new(cols, rows)).expect("test backend");
    let draw = |terminal: &mut Terminal<TestBackend>, reader: &mut Reader| {
        terminal.draw(|frame| crate::ui::draw(frame, reader)).expect("draw");
        let buffer = terminal.backend().buffer();
        if let Some(cell) =
            buffer.content().iter().find(|c| c.symbol().chars().any(char::is_control))
        {
            panic!("control char on screen: {:?}", cell.symbol());
        }
    };
    draw(&mut terminal, &mut reader);
    for pair in keys.chunks(2) {
        let event = match *pair {
            [0, b] => {
                cols = u16::from(b % 200) + 1;
                rows = u16::from(b / 2 % 60) + 1;
                terminal.backend_mut().resize(cols, rows);
                Event::Resize { cols, rows }
            }
            [1, b] => Event::Key(KEYS[b as usize % KEYS.len()]),
            [2, b] => Event::Key(Key::Ctrl(char::from(b'a' + b % 26))),
            // An Arabic letter, mark or digit (U+0600..U+06FF), as typed in a search.
            [3, b] => Event::Key(Key::Char(char::from_u32(0x600 + u32::from(b)).unwrap_or('ا'))),
            // Clicks and the wheel anywhere, one row and column past the edges included.
            [4, b] => {
                let (col, row) = (u16::from(b) % (cols + 1), u16::from(b) * 7 % (rows + 1));
                Event::Mouse(match b % 3 {
                    0 => Mouse::Click { col, row },
                    1 => Mouse::ScrollUp { col, row },
                    _ => Mouse::ScrollDown { col, row },
                })
            }
            // A paste of the document's own bytes, control codes and all.
            [5, b] => Event::Paste(
                String::from_utf8_lossy(&doc_bytes[..usize::from(b).min(doc_bytes.len())])
                    .into_owned(),
            ),
            [_, b] | [b] => Event::Key(Key::Char(char::from(b))),
            _ => continue,
        };
        // q and Ctrl-C quit the reader: the fuzzer keeps typing as a user could not, which is
        // harmless.
        let _ = reader.handle(event);
        draw(&mut terminal, &mut reader);
    }
}

/// The ssh input parser on any bytes, split into packets anywhere: no panic, the same events
/// however the bytes were split, no control character delivered as a typed (or Alt-) character,
/// and Ctrl only with a letter.
pub fn ssh_input(data: &[u8]) {
    use crate::ssh::input::InputParser;
    let [cut, rest @ ..] = data else { return };
    let mut whole = Vec::new();
    let mut parser = InputParser::new();
    parser.feed(rest, &mut whole);
    parser.flush(&mut whole);
    let mut split = Vec::new();
    let mut parser = InputParser::new();
    let step = usize::from(*cut % 7) + 1;
    for packet in rest.chunks(step) {
        parser.feed(packet, &mut split);
    }
    parser.flush(&mut split);
    assert_eq!(whole, split, "the packet split changed the events");
    for event in &whole {
        match event {
            Event::Key(Key::Char(c) | Key::Alt(c)) => {
                assert!(!c.is_control(), "control char {c:?} typed")
            }
            Event::Key(Key::Ctrl(c)) => assert!(c.is_ascii_lowercase(), "Ctrl-{c:?}"),
            _ => {}
        }
    }
}
