//! The reader's state machine: focus, scroll anchor (a logical offset), selection, search.
//! Input is qari's own [`Event`] type, so the local terminal and the ssh server drive the same
//! code. No ratatui or crossterm here.

pub mod keymap;
pub mod library;
pub mod reader;
pub mod view;

pub use keymap::{Action, Binding, KEYMAP};
pub use library::{Library, LibraryError};
pub use reader::{ActorItem, ActorRow, Focus, Reader, Screen, Search, Status};

/// A key, independent of the terminal library.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Key {
    Char(char),
    /// Ctrl + a letter (lower case), e.g. `Ctrl('c')`.
    Ctrl(char),
    /// Alt (Meta) + a character, e.g. `Alt('q')`: terminals send it as ESC then the character.
    /// No binding uses it, so Alt-q never quits.
    Alt(char),
    Enter,
    Esc,
    Backspace,
    Tab,
    BackTab,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    Delete,
}

/// Mouse input the reader understands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mouse {
    ScrollUp { col: u16, row: u16 },
    ScrollDown { col: u16, row: u16 },
    Click { col: u16, row: u16 },
}

/// Everything that can happen to a reader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    Key(Key),
    Mouse(Mouse),
    /// Text pasted as a whole (bracketed paste).
    Paste(String),
    /// The terminal now has this many columns and rows.
    Resize {
        cols: u16,
        rows: u16,
    },
}

/// What the caller must do after an update.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Leave the reader.
    Quit,
    /// Put this text on the clipboard (OSC 52).
    Copy(String),
}

/// Which side of the screen the side pane goes on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum PaneSide {
    Left,
    /// The reading side for RTL text.
    #[default]
    Right,
}

/// Who does BiDi and shaping.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum BidiMode {
    /// qari sends visual order, shaped (presentation forms); the terminal is put in BiDi explicit
    /// mode (`CSI 8 l`) so that it does not reorder a second time.
    #[default]
    Qari,
    /// qari sends logical, unshaped text for terminals that do BiDi and shaping (mlterm).
    Terminal,
}

/// How a reader looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Config {
    pub pane: PaneSide,
    /// The side pane is shown at start (`p` toggles it).
    pub show_pane: bool,
    pub bidi: BidiMode,
    /// Colours (16-colour theme); `false` for `NO_COLOR`: bold and reverse only.
    pub color: bool,
    /// The widest the text runs, in columns, centred in a wider reader (lines of 150
    /// characters are hard to follow); 0: the whole reader.
    pub max_width: u16,
}

/// The default [`Config::max_width`]: about the measure of a printed newspaper column pair, a
/// comfortable line for Arabic text in a monospace terminal.
pub const MAX_TEXT_WIDTH: u16 = 100;

impl Default for Config {
    fn default() -> Self {
        Config {
            pane: PaneSide::Right,
            show_pane: true,
            bidi: BidiMode::Qari,
            color: true,
            max_width: MAX_TEXT_WIDTH,
        }
    }
}

impl Config {
    /// The default, with colour off when `NO_COLOR` is set to anything non-empty
    /// (<https://no-color.org>).
    pub fn from_env() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Config { color: !no_color, ..Config::default() }
    }
}
