//! The reader's state machine: focus, scroll anchor (a logical offset), selection, search.
//! Input is qari's own [`Event`] type, so the local terminal and the ssh server drive the same
//! code. No ratatui or crossterm here.

use std::sync::Arc;

/// A key, independent of the terminal library.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Key {
    Char(char),
    /// Ctrl + a letter (lower case), e.g. `Ctrl('c')`.
    Ctrl(char),
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

/// The documents a reader can show: the bundled ones, a file, or a directory's.
#[derive(Debug, Default)]
pub struct Library {
    pub documents: Vec<Arc<crate::doc::Document>>,
}

/// One reader session. PLACEHOLDER.
#[derive(Debug)]
pub struct Reader {
    pub library: Arc<Library>,
    pub size: (u16, u16),
}

impl Reader {
    pub fn new(library: Arc<Library>, size: (u16, u16)) -> Self {
        Self { library, size }
    }

    /// Applies one event; returns what the caller must do.
    pub fn handle(&mut self, event: Event) -> Vec<Effect> {
        match event {
            Event::Key(Key::Char('q')) | Event::Key(Key::Ctrl('c')) => vec![Effect::Quit],
            Event::Resize { cols, rows } => {
                self.size = (cols, rows);
                Vec::new()
            }
            _ => Vec::new(),
        }
    }
}
