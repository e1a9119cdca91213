//! The screen encoder (`ui::encode`, and `ui::screen::Screen` that scrolls before it) against
//! a terminal emulator (the vt100 crate): whatever the terminal showed and whatever the next
//! frame holds (letters, shaped Arabic with harakat, wide characters, blanks, every attribute
//! and colour kind), after the bytes the terminal shows the next frame, cell by cell.

mod common;

use common::Shared;
use proptest::prelude::*;
use qari::ui::encode::encode;
use qari::ui::screen::{Lean, Screen};
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::{Terminal, TerminalOptions, Viewport};

const W: u16 = 14;
const H: u16 = 6;

/// Symbols and their widths: ASCII, a space, shaped Arabic (a letter with harakat is one
/// cell), a lam-alef ligature, a wide CJK character.
///
/// A letter with a zero-width joiner after it: tmux (and the vt100 crate) may put the next
/// character in the same cell, so the column after it is not to be trusted.
const SYMBOLS: [(&str, u16); 8] = [
    ("a", 1),
    ("7", 1),
    (" ", 1),
    (" ", 1),
    ("\u{FEB7}\u{064E}", 1),
    ("\u{FEFB}", 1),
    ("中", 2),
    ("b\u{200D}", 1),
];

fn styles() -> Vec<Style> {
    let s = Style::new();
    vec![
        s,
        s,
        s.add_modifier(Modifier::BOLD),
        s.add_modifier(Modifier::DIM),
        s.add_modifier(Modifier::UNDERLINED),
        s.add_modifier(Modifier::REVERSED),
        s.add_modifier(Modifier::ITALIC | Modifier::DIM),
        s.fg(Color::Magenta).add_modifier(Modifier::BOLD),
        s.fg(Color::Black).bg(Color::Yellow),
        s.fg(Color::White).bg(Color::Red).add_modifier(Modifier::BOLD),
        s.fg(Color::LightCyan),
        s.fg(Color::Indexed(200)),
        s.bg(Color::Rgb(10, 20, 30)),
    ]
}

/// A buffer from (symbol, style) choices, written cell by cell as the ui writes them: a wide
/// character resets the cell after it, and is skipped where it would not fit.
fn buffer(cells: &[(usize, usize)]) -> Buffer {
    let styles = styles();
    let mut buf = Buffer::empty(Rect::new(0, 0, W, H));
    for y in 0..H {
        let mut x = 0;
        while x < W {
            let (sym, style) = cells[(y * W + x) as usize];
            let (symbol, width) = SYMBOLS[sym % SYMBOLS.len()];
            let (symbol, width) = if x + width > W { (" ", 1) } else { (symbol, width) };
            buf[(x, y)].set_symbol(symbol).set_style(styles[style % styles.len()]);
            for dx in 1..width {
                buf[(x + dx, y)].reset();
            }
            x += width;
        }
    }
    buf
}

fn vt_color(c: Color) -> vt100::Color {
    let named = [
        Color::Black,
        Color::Red,
        Color::Green,
        Color::Yellow,
        Color::Blue,
        Color::Magenta,
        Color::Cyan,
        Color::Gray,
        Color::DarkGray,
        Color::LightRed,
        Color::LightGreen,
        Color::LightYellow,
        Color::LightBlue,
        Color::LightMagenta,
        Color::LightCyan,
        Color::White,
    ];
    match c {
        Color::Reset => vt100::Color::Default,
        Color::Indexed(i) => vt100::Color::Idx(i),
        Color::Rgb(r, g, b) => vt100::Color::Rgb(r, g, b),
        named_color => {
            vt100::Color::Idx(named.iter().position(|n| *n == named_color).unwrap() as u8)
        }
    }
}

/// What a cell looks like: its text and, for text, colours and attributes; a blank shows only
/// its background, underline and inverse.
fn look(text: &str, fg: vt100::Color, bg: vt100::Color, attrs: [bool; 5]) -> String {
    let [bold, dim, italic, underline, inverse] = attrs;
    if text.trim().is_empty() {
        format!("blank bg={bg:?} u={underline} r={inverse}")
    } else {
        format!(
            "{text:?} fg={fg:?} bg={bg:?} b={bold} d={dim} i={italic} u={underline} r={inverse}"
        )
    }
}

fn emulator_looks(vt: &vt100::Parser) -> Vec<String> {
    let screen = vt.screen();
    let mut out = Vec::new();
    for y in 0..H {
        for x in 0..W {
            let c = screen.cell(y, x).unwrap();
            if c.is_wide_continuation() {
                out.push(format!("{y},{x} continuation"));
                continue;
            }
            let attrs = [c.bold(), c.dim(), c.italic(), c.underline(), c.inverse()];
            let text = if c.has_contents() { c.contents() } else { " " };
            out.push(format!("{y},{x} {}", look(text, c.fgcolor(), c.bgcolor(), attrs)));
        }
    }
    out
}

fn buffer_looks(buf: &Buffer) -> Vec<String> {
    let mut out = Vec::new();
    for y in 0..H {
        let mut skip = 0;
        for x in 0..W {
            if skip > 0 {
                skip -= 1;
                out.push(format!("{y},{x} continuation"));
                continue;
            }
            let c = &buf[(x, y)];
            let m = c.modifier;
            let attrs = [
                m.contains(Modifier::BOLD),
                m.contains(Modifier::DIM),
                m.contains(Modifier::ITALIC),
                m.contains(Modifier::UNDERLINED),
                m.contains(Modifier::REVERSED),
            ];
            skip = unicode_width::UnicodeWidthStr::width(c.symbol()).saturating_sub(1);
            out.push(format!(
                "{y},{x} {}",
                look(c.symbol(), vt_color(c.fg), vt_color(c.bg), attrs)
            ));
        }
    }
    out
}

fn assert_shows(vt: &vt100::Parser, buf: &Buffer, what: &str, bytes: &[u8]) {
    let (got, want) = (emulator_looks(vt), buffer_looks(buf));
    let diff: Vec<_> = got.iter().zip(&want).filter(|(g, w)| g != w).take(4).collect();
    assert!(
        diff.is_empty(),
        "{what}: cells differ (got, want): {diff:?}\nbytes: {:?}",
        String::from_utf8_lossy(bytes)
    );
}

fn cells() -> impl Strategy<Value = Vec<(usize, usize)>> {
    proptest::collection::vec((0..SYMBOLS.len(), 0..styles().len()), (W * H) as usize)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn the_terminal_shows_the_next_frame(first in cells(), second in cells()) {
        let (first, second) = (buffer(&first), buffer(&second));
        let mut vt = vt100::Parser::new(H, W, 0);
        let mut bytes = Vec::new();
        encode(&Buffer::empty(first.area), &first, &mut bytes);
        vt.process(&bytes);
        assert_shows(&vt, &first, "from a blank screen", &bytes);
        bytes.clear();
        encode(&first, &second, &mut bytes);
        vt.process(&bytes);
        assert_shows(&vt, &second, "from the first frame", &bytes);
        // Nothing changed: nothing sent.
        bytes.clear();
        encode(&second, &second, &mut bytes);
        prop_assert!(bytes.is_empty());
    }

    #[test]
    fn scrolled_frames_show_as_drawn(
        first in cells(),
        edits in proptest::collection::vec((0..(W * H) as usize, 0..SYMBOLS.len(), 0..13usize), 0..12),
        shifts in proptest::collection::vec((-3i16..=3, 0..H), 1..5),
    ) {
        // A session of frames, each the last one moved by up to three rows (the rows above
        // `keep` stay, like a status bar at the top) with a few cells changed: through Screen,
        // which scrolls the terminal where that saves bytes, then encodes the rest.
        let out = Shared::default();
        let options = TerminalOptions { viewport: Viewport::Fixed(Rect::new(0, 0, W, H)) };
        let terminal =
            Terminal::with_options(CrosstermBackend::new(Lean::new(out.clone())), options).unwrap();
        let mut screen = Screen::new(terminal);
        let mut vt = vt100::Parser::new(H, W, 0);
        let mut cells = first;
        for (frame_index, (shift, keep)) in shifts.into_iter().enumerate() {
            for (k, &(i, sym, style)) in edits.iter().enumerate() {
                if k % 4 == frame_index % 4 {
                    cells[i] = (sym, style);
                }
            }
            let frame = buffer(&cells);
            screen
                .draw(|f| {
                    *f.buffer_mut() = frame.clone();
                })
                .unwrap();
            let bytes = std::mem::take(&mut *out.0.borrow_mut());
            vt.process(&bytes);
            assert_shows(&vt, &frame, "a frame through Screen", &bytes);
            // The next frame: rows from `keep` down moved by `shift`.
            let row = |y: i16| cells[(y as usize * W as usize)..((y as usize + 1) * W as usize)].to_vec();
            let mut moved = cells.clone();
            for y in keep as i16..H as i16 {
                let src = y + shift;
                let new_row = if src >= keep as i16 && src < H as i16 { row(src) } else { vec![(2, 0); W as usize] };
                moved[y as usize * W as usize..(y as usize + 1) * W as usize].copy_from_slice(&new_row);
            }
            cells = moved;
        }
    }
}
