//! A ratatui backend for an ssh channel: crossterm's escape sequences written into a byte buffer
//! that the session sends to the client, with the client's size (never the server's terminal).
//!
//! It also adapts colours to what the client's `TERM` announced and, as a last line of defence,
//! never lets a control character that slipped into a cell reach the client's terminal.

use std::io::{self, Write};
use std::sync::{Arc, Mutex, PoisonError};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};

/// How many colours the client's terminal shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorMode {
    /// No colour (`TERM=dumb`, `vt100`, …): colours dropped, backgrounds shown as reverse video.
    None,
    /// The 16 ANSI colours.
    Ansi16,
    /// The xterm 256-colour palette.
    Indexed256,
    /// 24-bit colour.
    TrueColor,
}

impl ColorMode {
    /// From the `TERM` of the pty request and, if the client sent it, `COLORTERM`.
    ///
    /// # Limitations
    /// A heuristic, like every terminal program's without terminfo: unknown names get 16 colours.
    pub fn from_term(term: &str, colorterm: Option<&str>) -> Self {
        let term = term.to_ascii_lowercase();
        let base = term.split('-').next().unwrap_or("");
        let mono = ["", "dumb", "vt52", "vt100", "vt102", "vt220", "vt320", "vt420", "unknown"];
        if mono.contains(&term.as_str()) || term.ends_with("-mono") || term.ends_with("-m") {
            return ColorMode::None;
        }
        if matches!(colorterm, Some("truecolor" | "24bit")) || term.ends_with("-direct") {
            return ColorMode::TrueColor;
        }
        if term.contains("256color") || base == "kitty" || base == "alacritty" || base == "wezterm"
        {
            return ColorMode::Indexed256;
        }
        ColorMode::Ansi16
    }

    fn adapt(self, color: Color) -> Color {
        match (self, color) {
            (ColorMode::None, _) => Color::Reset,
            (ColorMode::TrueColor, c) => c,
            (ColorMode::Indexed256, Color::Rgb(r, g, b)) => Color::Indexed(rgb_to_256(r, g, b)),
            (ColorMode::Indexed256, c) => c,
            (ColorMode::Ansi16, Color::Rgb(r, g, b)) => nearest_16(r, g, b),
            (ColorMode::Ansi16, Color::Indexed(i)) if i < 16 => ANSI16[usize::from(i)].0,
            (ColorMode::Ansi16, Color::Indexed(i)) => {
                let (r, g, b) = indexed_to_rgb(i);
                nearest_16(r, g, b)
            }
            (ColorMode::Ansi16, c) => c,
        }
    }
}

/// The 16 named colours with xterm's default RGB values.
const ANSI16: [(Color, (u8, u8, u8)); 16] = [
    (Color::Black, (0, 0, 0)),
    (Color::Red, (205, 0, 0)),
    (Color::Green, (0, 205, 0)),
    (Color::Yellow, (205, 205, 0)),
    (Color::Blue, (0, 0, 238)),
    (Color::Magenta, (205, 0, 205)),
    (Color::Cyan, (0, 205, 205)),
    (Color::Gray, (229, 229, 229)),
    (Color::DarkGray, (127, 127, 127)),
    (Color::LightRed, (255, 0, 0)),
    (Color::LightGreen, (0, 255, 0)),
    (Color::LightYellow, (255, 255, 0)),
    (Color::LightBlue, (92, 92, 255)),
    (Color::LightMagenta, (255, 0, 255)),
    (Color::LightCyan, (0, 255, 255)),
    (Color::White, (255, 255, 255)),
];

const CUBE: [u8; 6] = [0, 95, 135, 175, 215, 255];

fn nearest_16(r: u8, g: u8, b: u8) -> Color {
    let dist = |(cr, cg, cb): (u8, u8, u8)| {
        let d = |a: u8, b: u8| (i32::from(a) - i32::from(b)).pow(2);
        d(r, cr) + d(g, cg) + d(b, cb)
    };
    ANSI16.iter().min_by_key(|(_, rgb)| dist(*rgb)).map_or(Color::Reset, |(c, _)| *c)
}

fn rgb_to_256(r: u8, g: u8, b: u8) -> u8 {
    let level =
        |v: u8| CUBE.iter().enumerate().min_by_key(|(_, c)| c.abs_diff(v)).map_or(0, |p| p.0);
    let (ri, gi, bi) = (level(r), level(g), level(b));
    let cube = 16 + 36 * ri + 6 * gi + bi;
    // The grey ramp 232..=255 is 8, 18, …, 238: take it when it is closer.
    let avg = (u16::from(r) + u16::from(g) + u16::from(b)) / 3;
    let grey_step = (avg.saturating_sub(3) / 10).min(23);
    let grey_value = 8 + 10 * grey_step;
    let err = |(cr, cg, cb): (u16, u16, u16)| {
        u16::from(r).abs_diff(cr) + u16::from(g).abs_diff(cg) + u16::from(b).abs_diff(cb)
    };
    let cube_rgb = (u16::from(CUBE[ri]), u16::from(CUBE[gi]), u16::from(CUBE[bi]));
    if err((grey_value, grey_value, grey_value)) < err(cube_rgb) {
        // 232 + at most 23: fits.
        232 + u8::try_from(grey_step).unwrap_or(23)
    } else {
        u8::try_from(cube).unwrap_or(231)
    }
}

fn indexed_to_rgb(i: u8) -> (u8, u8, u8) {
    match i {
        0..=15 => ANSI16[usize::from(i)].1,
        16..=231 => {
            let i = usize::from(i - 16);
            (CUBE[i / 36], CUBE[(i / 6) % 6], CUBE[i % 6])
        }
        _ => {
            let v = 8 + 10 * (i - 232);
            (v, v, v)
        }
    }
}

/// The bytes written so far, shared between the backend and the session that sends them.
#[derive(Clone, Debug, Default)]
pub struct OutputBuffer(Arc<Mutex<Vec<u8>>>);

impl OutputBuffer {
    /// Takes everything written since the last call.
    pub fn take(&self) -> Vec<u8> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(PoisonError::into_inner))
    }

    /// Appends raw bytes (mode switches the backend does not know about).
    pub fn push(&self, bytes: &[u8]) {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).extend_from_slice(bytes);
    }
}

impl Write for OutputBuffer {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.push(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The backend: see the module documentation.
#[derive(Debug)]
pub struct ChannelBackend {
    inner: CrosstermBackend<OutputBuffer>,
    size: Size,
    cursor: Position,
    colors: ColorMode,
}

impl ChannelBackend {
    /// A backend writing into `out`, for a client terminal of `size` cells.
    pub fn new(out: OutputBuffer, size: Size, colors: ColorMode) -> Self {
        Self { inner: CrosstermBackend::new(out), size, cursor: Position::ORIGIN, colors }
    }

    /// The client's terminal changed size; the next draw uses it.
    pub fn set_size(&mut self, size: Size) {
        self.size = size;
    }

    /// A cell as the client may see it: colours adapted, control characters made visible.
    fn adapt_cell(&self, cell: &Cell) -> Cell {
        let mut cell = cell.clone();
        if self.colors == ColorMode::None && cell.bg != Color::Reset {
            // A background marks something (focus, selection): keep it visible without colour.
            cell.modifier.insert(Modifier::REVERSED);
        }
        cell.fg = self.colors.adapt(cell.fg);
        cell.bg = self.colors.adapt(cell.bg);
        cell.underline_color = self.colors.adapt(cell.underline_color);
        if cell.symbol().chars().any(char::is_control) {
            // U+FFFD: what the ui shows for such characters anyway; never the raw code.
            cell.set_symbol("\u{FFFD}");
        }
        cell
    }
}

/// Raw bytes (e.g. `ui::screen`'s scroll sequences) go to the client after what is queued.
impl Write for ChannelBackend {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        Write::flush(&mut self.inner)
    }
}

/// The screen sends cells itself (`ui::encode`): the same adaptation as [`Backend::draw`].
impl crate::ui::screen::Adapt for ChannelBackend {
    fn adapt(&self, frame: &mut ratatui::buffer::Buffer) {
        for cell in &mut frame.content {
            *cell = self.adapt_cell(cell);
        }
    }
}

impl Backend for ChannelBackend {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let cells: Vec<(u16, u16, Cell)> =
            content.map(|(x, y, cell)| (x, y, self.adapt_cell(cell))).collect();
        if let Some((x, y, _)) = cells.last() {
            self.cursor = Position { x: x.saturating_add(1), y: *y };
        }
        self.inner.draw(cells.iter().map(|(x, y, cell)| (*x, *y, cell)))
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    /// Where we last put it: asking the client would need a round trip (and crossterm would ask
    /// the server's own terminal).
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self.cursor)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let position = position.into();
        self.cursor = position;
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        Ok(self.size)
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        Ok(WindowSize { columns_rows: self.size, pixels: Size { width: 0, height: 0 } })
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Style;
    use ratatui::widgets::Paragraph;
    use ratatui::Terminal;

    #[test]
    fn term_names_to_colour_modes() {
        assert_eq!(ColorMode::from_term("dumb", None), ColorMode::None);
        assert_eq!(ColorMode::from_term("vt100", None), ColorMode::None);
        assert_eq!(ColorMode::from_term("xterm", None), ColorMode::Ansi16);
        assert_eq!(ColorMode::from_term("screen", None), ColorMode::Ansi16);
        assert_eq!(ColorMode::from_term("xterm-256color", None), ColorMode::Indexed256);
        assert_eq!(ColorMode::from_term("tmux-256color", Some("truecolor")), ColorMode::TrueColor);
        assert_eq!(ColorMode::from_term("xterm-direct", None), ColorMode::TrueColor);
    }

    #[test]
    fn colours_are_brought_down_to_the_palette() {
        // Pure red lands on the bright red of 16 colours and the cube's red of 256.
        assert_eq!(ColorMode::Ansi16.adapt(Color::Rgb(255, 0, 0)), Color::LightRed);
        assert_eq!(ColorMode::Indexed256.adapt(Color::Rgb(255, 0, 0)), Color::Indexed(196));
        // A mid grey takes the grey ramp, not the cube.
        assert_eq!(ColorMode::Indexed256.adapt(Color::Rgb(128, 128, 128)), Color::Indexed(244));
        assert_eq!(ColorMode::Ansi16.adapt(Color::Indexed(196)), Color::LightRed);
        assert_eq!(ColorMode::None.adapt(Color::Blue), Color::Reset);
        assert_eq!(ColorMode::TrueColor.adapt(Color::Rgb(1, 2, 3)), Color::Rgb(1, 2, 3));
    }

    fn render(colors: ColorMode, text: &str, style: Style) -> String {
        let out = OutputBuffer::default();
        let backend = ChannelBackend::new(out.clone(), Size { width: 12, height: 2 }, colors);
        let mut terminal = Terminal::new(backend).expect("terminal");
        terminal
            .draw(|frame| {
                frame.render_widget(Paragraph::new("").style(style), frame.area());
                // Straight into the buffer, bypassing the widgets' own filtering.
                frame.buffer_mut()[(0, 0)].set_symbol(text);
            })
            .expect("draw");
        String::from_utf8_lossy(&out.take()).into_owned()
    }

    #[test]
    fn draws_at_the_clients_size_and_never_sends_control_codes() {
        // A cell holding a bell and an ESC sequence (a ui bug, say): neither may reach the
        // client as such.
        let bytes = render(ColorMode::Ansi16, "\u{1b}[2J\u{7}", Style::default().bg(Color::Blue));
        assert!(!bytes.contains('\u{7}'));
        assert!(!bytes.contains("\u{1b}[2J"));
        assert!(bytes.contains('\u{FFFD}'));
        // 12×2 as asked: row 2 is drawn, row 3 never addressed.
        assert!(bytes.contains("\u{1b}[2;1H") && !bytes.contains("\u{1b}[3;1H"), "{bytes:?}");
    }

    #[test]
    fn no_colour_terminals_get_reverse_video_instead_of_a_background() {
        let style = Style::default().fg(Color::Yellow).bg(Color::Blue);
        let mono = render(ColorMode::None, "x", style);
        // SGR 7 (reverse) and no colour selection (SGR 3x/4x/38/48) at all.
        assert!(mono.contains("\u{1b}[7m"), "{mono:?}");
        for sgr in ["[33m", "[44m", "[38;", "[48;"] {
            assert!(!mono.contains(sgr), "{sgr} in {mono:?}");
        }
        let colour = render(ColorMode::Ansi16, "x", style);
        // crossterm writes the named colours as palette indices: yellow is 3, blue 4.
        assert!(colour.contains("38;5;3;48;5;4m"), "{colour:?}");
    }
}
