//! The bytes that turn what the terminal shows into the next frame, as few as we can make them.
//!
//! ratatui's crossterm backend sends every changed cell after an absolute cursor move (`CSI
//! row;col H`, 6 to 8 bytes) whenever the previous cell sent is not the one just before, and
//! sets each attribute and colour with a sequence of its own (`CSI 22 m CSI 24 m CSI 39;49 m`).
//! Over a thin link those bytes are most of a small update: after a scroll with the side pane
//! shown on a terminal without left/right margins, the pane's rows must be sent again, and half
//! of what went out was cursor moves and attributes (issue 6). [`encode`] sends the same cells,
//! in the same order, with:
//!
//! - **relative moves** where they are shorter: `LF` down a row, `CR` to the first column,
//!   `CHA` (`CSI n G`) to a column of the same row, `CUF`/`CUB` (`CSI n C`, `CSI n D`), and the
//!   unchanged cells between two changes sent again when that is cheaper than any move;
//! - **one SGR per change of pen**, with every parameter in it, from the pen the terminal has
//!   or from a reset, whichever is shorter (colours as crossterm writes them, `38;5;n` for the
//!   named ones: `30`–`37` would turn bold text bright on xterm); a space printed in any pen
//!   that shows it as blank;
//! - **erases** for blank runs: `EL` (`CSI K`) where the rest of the row is blank, `ECH` (`CSI n
//!   X`) for a long run of blanks inside it, only while the background is the default one (a
//!   terminal erases with the current background).
//!
//! # What it assumes of the terminal
//! ECMA-48/VT100 cursor movement, as ncurses uses for `xterm`: `LF` moves down a row (the
//! output is raw: no `CR` is added), never past the last row here, so it never scrolls; after a
//! character in the last column the column is not trusted (terminals differ on the pending
//! wrap), so the next move is absolute in the row (`CR`, `CHA`) or `CUP`. After a cell wider
//! than one column, or one whose width we force, the column is not trusted either: its advance
//! is the terminal's `wcwidth`, not ours. The pen is the default one when a frame starts (the
//! previous frame ended with `SGR 0`) and is reset at its end.

use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

/// A cell's attributes and colours: what an SGR sequence sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Pen {
    fg: Color,
    bg: Color,
    underline: Color,
    modifier: Modifier,
}

impl Pen {
    const DEFAULT: Pen = Pen {
        fg: Color::Reset,
        bg: Color::Reset,
        underline: Color::Reset,
        modifier: Modifier::empty(),
    };

    fn of(cell: &Cell) -> Pen {
        Pen { fg: cell.fg, bg: cell.bg, underline: cell.underline_color, modifier: cell.modifier }
    }

    /// Whether a space in this pen looks like an erased cell: default background, nothing
    /// drawn across the cell.
    fn blank(&self) -> bool {
        self.bg == Color::Reset
            && !self
                .modifier
                .intersects(Modifier::UNDERLINED | Modifier::REVERSED | Modifier::CROSSED_OUT)
    }
}

/// The SGR parameters of a colour: `base` 30 for the foreground, 40 for the background, 50 for
/// the underline (which has no named codes: 58;5;n).
fn color_params(color: Color, base: u8, out: &mut Vec<String>) {
    // Named colours as palette indices (38;5;n), as crossterm sends them: with SGR 30-37 a
    // terminal that shows bold as bright (xterm's default) would brighten bold coloured text
    // (the theme's bold magenta headings, black on cyan titles).
    let extended = base + 8;
    let named = |i: u8| -> String { format!("{extended};5;{i}") };
    out.push(match color {
        Color::Reset => (base + 9).to_string(),
        Color::Black => named(0),
        Color::Red => named(1),
        Color::Green => named(2),
        Color::Yellow => named(3),
        Color::Blue => named(4),
        Color::Magenta => named(5),
        Color::Cyan => named(6),
        Color::Gray => named(7),
        Color::DarkGray => named(8),
        Color::LightRed => named(9),
        Color::LightGreen => named(10),
        Color::LightYellow => named(11),
        Color::LightBlue => named(12),
        Color::LightMagenta => named(13),
        Color::LightCyan => named(14),
        Color::White => named(15),
        Color::Indexed(i) => format!("{extended};5;{i}"),
        Color::Rgb(r, g, b) => format!("{extended};2;{r};{g};{b}"),
    });
}

/// The SGR codes that turn each modifier on, in the order they are sent.
const MODIFIERS: [(Modifier, &str); 9] = [
    (Modifier::BOLD, "1"),
    (Modifier::DIM, "2"),
    (Modifier::ITALIC, "3"),
    (Modifier::UNDERLINED, "4"),
    (Modifier::SLOW_BLINK, "5"),
    (Modifier::RAPID_BLINK, "6"),
    (Modifier::REVERSED, "7"),
    (Modifier::HIDDEN, "8"),
    (Modifier::CROSSED_OUT, "9"),
];

/// The parameters that take the terminal from `from` to `to` without a reset.
fn sgr_from(from: Pen, to: Pen) -> Vec<String> {
    let mut params = Vec::new();
    let removed = from.modifier - to.modifier;
    let mut on = to.modifier - from.modifier;
    // Each "off" code and the modifiers it turns off (22 turns off both bold and dim).
    let offs: [(Modifier, &str); 7] = [
        (Modifier::BOLD | Modifier::DIM, "22"),
        (Modifier::ITALIC, "23"),
        (Modifier::UNDERLINED, "24"),
        (Modifier::SLOW_BLINK | Modifier::RAPID_BLINK, "25"),
        (Modifier::REVERSED, "27"),
        (Modifier::HIDDEN, "28"),
        (Modifier::CROSSED_OUT, "29"),
    ];
    for (group, code) in offs {
        if removed.intersects(group) {
            params.push(code.to_string());
            // What the code turned off but `to` keeps comes back on.
            on |= to.modifier & group;
        }
    }
    for (modifier, code) in MODIFIERS {
        if on.contains(modifier) {
            params.push(code.to_string());
        }
    }
    if from.fg != to.fg {
        color_params(to.fg, 30, &mut params);
    }
    if from.bg != to.bg {
        color_params(to.bg, 40, &mut params);
    }
    if from.underline != to.underline {
        color_params(to.underline, 50, &mut params);
    }
    params
}

/// The SGR sequence from pen `from` to `to` (empty if they are the same): the shorter of the
/// changes alone and a reset followed by everything `to` sets.
fn sgr(from: Pen, to: Pen) -> Vec<u8> {
    if from == to {
        return Vec::new();
    }
    let write = |params: &[String]| format!("\x1b[{}m", params.join(";")).into_bytes();
    let changes = write(&sgr_from(from, to));
    let mut reset = vec!["0".to_string()];
    reset.extend(sgr_from(Pen::DEFAULT, to));
    let reset = if reset.len() == 1 { b"\x1b[m".to_vec() } else { write(&reset) };
    if reset.len() < changes.len() {
        reset
    } else {
        changes
    }
}

/// How many columns a cell's symbol advances the terminal's cursor, if we can be sure: a
/// symbol one column wide whose width we did not force. (A joiner or another format character
/// in it: see [`Encoder::print`].)
fn sure_advance(cell: &Cell) -> Option<u16> {
    let plain = matches!(cell.diff_option, CellDiffOption::None);
    (plain && cell.symbol().width() == 1).then_some(1)
}

/// Zero-width characters that do not combine as marks do: joiners, marks of direction,
/// variation selectors, the word joiner and its kin, the BOM, tags.
pub(super) fn format_char(c: char) -> bool {
    matches!(c,
        '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
        | '\u{E0000}'..='\u{E0FFF}')
}

/// How many columns the cell takes in the frame: its forced width, or its symbol's (at least
/// one).
pub(super) fn columns(cell: &Cell) -> u16 {
    match cell.diff_option {
        CellDiffOption::ForcedWidth(n) => n.get(),
        _ => (cell.symbol().width() as u16).max(1),
    }
}

/// Which columns of a row begin a cell (the others are covered by a wide one before them).
fn cell_starts(row: &[Cell]) -> Vec<bool> {
    let mut starts = vec![false; row.len()];
    let mut x = 0;
    while x < row.len() {
        starts[x] = true;
        x += columns(&row[x]) as usize;
    }
    starts
}

/// Whether `cell` may be printed in `pen` as it is: a space shows blank in any pen that shows
/// blanks as blank, when its own pen does too. Otherwise its own pen is set first.
fn fits_pen(pen: Pen, cell: &Cell) -> bool {
    cell.symbol() == " " && pen.blank() && Pen::of(cell).blank()
}

/// Whether the cell is a space that an erase (EL, ECH) leaves as it should be.
fn erasable(cell: &Cell) -> bool {
    cell.symbol() == " "
        && matches!(cell.diff_option, CellDiffOption::None)
        && Pen::of(cell).blank()
}

/// The digits of `n` in a CSI parameter.
fn csi(n: u16, final_byte: char) -> Vec<u8> {
    if n == 1 {
        format!("\x1b[{final_byte}").into_bytes()
    } else {
        format!("\x1b[{n}{final_byte}").into_bytes()
    }
}

/// The encoder's idea of the terminal: the pen, the cursor's row and column (`None`: not
/// trusted), what it wrote.
struct Encoder<'a> {
    out: &'a mut Vec<u8>,
    pen: Pen,
    row: Option<u16>,
    col: Option<u16>,
    width: u16,
    /// A row where a joiner or another format character was printed (see [`Encoder::print`]).
    untrusted_row: Option<u16>,
}

impl Encoder<'_> {
    /// The bytes that move the cursor to (`x`, `y`), by the shortest way we trust, or by
    /// sending `row`'s cells between the cursor and `x` again (they are what the terminal
    /// shows already) where that is shorter. Returns the bytes and the pen after them.
    fn route(&self, x: u16, y: u16, row: &[Cell]) -> (Vec<u8>, Pen) {
        let cup = if x == 0 {
            format!("\x1b[{}H", y + 1).into_bytes()
        } else {
            format!("\x1b[{};{}H", y + 1, x + 1).into_bytes()
        };
        let mut best = (cup, self.pen);
        let mut consider = |bytes: Vec<u8>, pen: Pen| {
            if bytes.len() < best.0.len() {
                best = (bytes, pen);
            }
        };
        let Some(r) = self.row else { return best };
        let mut vertical = Vec::new();
        // On a row with a joiner printed (see `print`), only the next cell is reached without
        // an absolute move.
        let trusted = self.untrusted_row != Some(r);
        if !trusted && y == r && self.col == Some(x) {
            return (Vec::new(), self.pen);
        }
        let col = self.col.filter(|_| trusted);
        match y.cmp(&r) {
            std::cmp::Ordering::Equal => {}
            // LF keeps the column (raw output; never past the last row, so never a scroll).
            std::cmp::Ordering::Greater if y - r <= 4 => vertical = vec![b'\n'; (y - r) as usize],
            std::cmp::Ordering::Greater => vertical = csi(y - r, 'B'),
            std::cmp::Ordering::Less => vertical = csi(r - y, 'A'),
        }
        let horizontal = |col: Option<u16>| -> Vec<u8> {
            match col {
                Some(c) if c == x => Vec::new(),
                _ if x == 0 => vec![b'\r'],
                Some(c) if c < x => csi(x - c, 'C'),
                Some(c) if c - x <= 2 => vec![8; (c - x) as usize],
                Some(c) => csi(c - x, 'D'),
                None => csi(x + 1, 'G'),
            }
        };
        let mut moved = vertical.clone();
        moved.extend(horizontal(col));
        consider(moved, self.pen);
        // The same row, a few columns on: the cells between sent again (on a row with a
        // joiner too: the cells go on from the last one, as ratatui's backend sends them).
        if let Some(c) = self.col.filter(|&c| y == r && c < x && x - c <= 16) {
            let mut bytes = Vec::new();
            let mut pen = self.pen;
            let gap = &row[c as usize..x as usize];
            if gap.iter().all(|cell| sure_advance(cell).is_some()) {
                for cell in gap {
                    if !fits_pen(pen, cell) {
                        bytes.extend(sgr(pen, Pen::of(cell)));
                        pen = Pen::of(cell);
                    }
                    bytes.extend(cell.symbol().as_bytes());
                }
                consider(bytes, pen);
            }
        }
        best
    }

    fn goto(&mut self, x: u16, y: u16, row: &[Cell]) {
        let (bytes, pen) = self.route(x, y, row);
        self.out.extend(bytes);
        self.pen = pen;
        self.row = Some(y);
        self.col = Some(x);
    }

    fn set_pen(&mut self, pen: Pen) {
        self.out.extend(sgr(self.pen, pen));
        self.pen = pen;
    }

    /// Prints one cell at the cursor.
    fn print(&mut self, cell: &Cell) {
        if !fits_pen(self.pen, cell) {
            self.set_pen(Pen::of(cell));
        }
        self.out.extend(cell.symbol().as_bytes());
        if cell.symbol().chars().any(format_char) {
            // A terminal may put what follows a joiner in the joiner's cell (tmux does): from
            // here to the row's end the next cell goes straight after the last one, as the diff
            // laid them out, and any other place is reached by an absolute move (see `route`).
            self.untrusted_row = self.row;
        }
        self.col = match (self.col, sure_advance(cell)) {
            (Some(c), Some(n)) if c + n < self.width => Some(c + n),
            _ => None,
        };
    }

    /// An erase needs a pen that shows blanks as blank: terminals erase with the current
    /// background, and some (the vt100 crate) keep the current underline or inverse too.
    fn erase_pen(&mut self, cell: &Cell) {
        if !self.pen.blank() {
            self.set_pen(Pen::of(cell));
        }
    }
}

/// Appends to `out` the bytes that turn the screen `shown` (what the terminal shows) into
/// `next`: the cells ratatui's diff finds changed, sent as described in the module
/// documentation. The cursor's position is not known at the start (the first move is
/// absolute); the pen is the default one at the start and at the end.
///
/// Both buffers must have the same area.
pub fn encode(shown: &Buffer, next: &Buffer, out: &mut Vec<u8>) {
    let width = next.area.width;
    let w = width as usize;
    let h = next.area.height as usize;
    let mut send = vec![false; w * h];
    for (x, y, _) in shown.diff(next) {
        send[(y - next.area.y) as usize * w + (x - next.area.x) as usize] = true;
    }
    // A cell printed over part of a wide one: the terminal blanks the wide one's other columns
    // with whatever pen it has then, so the cells there are sent again in their own.
    for y in 0..h {
        let row = y * w..(y + 1) * w;
        let starts = cell_starts(&next.content[row.clone()]);
        for x in 0..w {
            if !send[row.start + x] {
                continue;
            }
            let end = x + columns(&next.content[row.start + x]) as usize;
            let covered = (x..end.min(w))
                .map(|s| s + columns(&shown.content[row.start + s]) as usize)
                .max()
                .unwrap_or(end);
            for c in end..covered.min(w) {
                send[row.start + c] |= starts[c];
            }
        }
    }
    let updates: Vec<Vec<(u16, &Cell)>> = (0..h)
        .map(|y| {
            (0..w)
                .filter(|x| send[y * w + x])
                .map(|x| (x as u16, &next.content[y * w + x]))
                .collect()
        })
        .collect();
    let mut enc =
        Encoder { out, pen: Pen::DEFAULT, row: None, col: None, width, untrusted_row: None };
    for (y, changes) in updates.iter().enumerate() {
        let y = y as u16;
        let row = &next.content[y as usize * w..(y as usize + 1) * w];
        let mut i = 0;
        while i < changes.len() {
            let (x, cell) = changes[i];
            if erasable(cell) {
                // The blank run of changes from here, and the change after it.
                let mut j = i + 1;
                while j < changes.len()
                    && changes[j].0 == changes[j - 1].0 + 1
                    && erasable(changes[j].1)
                {
                    j += 1;
                }
                let run = (j - i) as u16;
                let rest_blank = row[x as usize..].iter().all(erasable);
                // Sent as spaces, the run costs a byte a cell; EL clears it and the rest of the
                // row (blank in `next`, so nothing shown is lost); ECH clears it and leaves the
                // cursor where it was.
                let spaces_cost = if rest_blank {
                    // Every change left in the row is in this blank tail.
                    let last = changes.last().map_or(x, |c| c.0);
                    (last - x + 1) as usize
                } else {
                    run as usize
                };
                let ech = csi(run, 'X');
                if rest_blank && spaces_cost > 3 {
                    enc.goto(x, y, row);
                    enc.erase_pen(cell);
                    enc.out.extend(b"\x1b[K");
                    break;
                }
                // ECH pays off when it saves more than the move past the run it needs.
                if !rest_blank && ech.len() + 5 < run as usize {
                    enc.goto(x, y, row);
                    enc.erase_pen(cell);
                    enc.out.extend(ech);
                    i = j;
                    continue;
                }
            }
            enc.goto(x, y, row);
            enc.print(cell);
            i += 1;
        }
    }
    if enc.pen != Pen::DEFAULT {
        enc.out.extend(b"\x1b[m");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    fn encoded(shown: &Buffer, next: &Buffer) -> String {
        let mut out = Vec::new();
        encode(shown, next, &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn named_colours_go_as_palette_indices() {
        // SGR 35 with bold is bright magenta on xterm (boldColors); 38;5;5 is not (QA round 23).
        let area = Rect::new(0, 0, 10, 1);
        let mut next = Buffer::empty(area);
        next.set_string(0, 0, "ab", Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD));
        let out = encoded(&Buffer::empty(area), &next);
        assert!(out.contains("38;5;5"), "{out:?}");
        assert!(!out.contains(";35m") && !out.contains("[35m"), "{out:?}");
    }

    #[test]
    fn after_a_joiner_the_row_is_crossed_only_by_absolute_moves() {
        // tmux puts what follows U+200D in the joiner's cell: relative moves after it would land
        // a column off (QA round 23). Consecutive cells go on, a gap is crossed absolutely.
        let area = Rect::new(0, 0, 60, 2);
        let mut next = Buffer::empty(area);
        next[(0, 0)].set_symbol("b\u{200D}");
        next.set_string(1, 0, "cd", Style::new());
        next.set_string(40, 0, "x", Style::new());
        next.set_string(0, 1, "a", Style::new());
        next.set_string(30, 1, "y", Style::new());
        let out = encoded(&Buffer::empty(area), &next);
        assert!(out.contains("b\u{200D}cd\x1b[41Gx"), "{out:?}");
        // The next row trusts its columns again.
        assert!(out.contains("\x1b[29Cy"), "{out:?}");
    }
}
