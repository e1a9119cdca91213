//! Actions as data, and the one keymap table that drives both [`Reader::handle`] and the help
//! overlay, so help and behaviour cannot drift apart (gitui's pattern).
//!
//! [`Reader::handle`]: super::Reader::handle

use super::{Event, Key};

/// Everything a key can ask the reader to do. What an action means can depend on the focus
/// (`Down` scrolls the reader a line, or moves the cursor of a list).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    Down,
    Up,
    PageDown,
    PageUp,
    HalfPageDown,
    HalfPageUp,
    Top,
    Bottom,
    FocusNext,
    FocusPrev,
    Activate,
    Unfold,
    Fold,
    PrevSection,
    NextSection,
    NextMatch,
    PrevMatch,
    Search,
    Copy,
    TogglePane,
    Cancel,
    Back,
    Help,
    Quit,
}

/// One row of the keymap: the keys, the action, and the line the help overlay shows.
#[derive(Clone, Copy, Debug)]
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    pub help: &'static str,
}

/// What the help overlay lists after the keymap: what no binding of the keymap does.
pub const HELP_NOTES: [(&str, &str); 2] =
    [("Ctrl-Z", "suspend (local terminal; fg resumes)"), ("mouse", "wheel scrolls, a click picks")];

/// The rows of the help overlay's list: the keymap, then [`HELP_NOTES`].
pub const HELP_ROWS: usize = KEYMAP.len() + HELP_NOTES.len();

/// The keymap. `handle` looks keys up here; the help overlay lists it in this order.
pub const KEYMAP: &[Binding] = &[
    Binding {
        keys: &[Key::Char('j'), Key::Down],
        action: Action::Down,
        help: "line down / next item",
    },
    Binding {
        keys: &[Key::Char('k'), Key::Up],
        action: Action::Up,
        help: "line up / previous item",
    },
    Binding {
        keys: &[Key::Char(' '), Key::PageDown, Key::Ctrl('f')],
        action: Action::PageDown,
        help: "page down",
    },
    Binding {
        keys: &[Key::Char('b'), Key::PageUp, Key::Ctrl('b')],
        action: Action::PageUp,
        help: "page up",
    },
    Binding {
        keys: &[Key::Char('d'), Key::Ctrl('d')],
        action: Action::HalfPageDown,
        help: "half a page down",
    },
    Binding {
        keys: &[Key::Char('u'), Key::Ctrl('u')],
        action: Action::HalfPageUp,
        help: "half a page up",
    },
    Binding { keys: &[Key::Char('g'), Key::Home], action: Action::Top, help: "beginning" },
    Binding { keys: &[Key::Char('G'), Key::End], action: Action::Bottom, help: "end" },
    Binding {
        keys: &[Key::Tab],
        action: Action::FocusNext,
        help: "focus: reader, sections, actors",
    },
    Binding { keys: &[Key::BackTab], action: Action::FocusPrev, help: "focus back" },
    Binding {
        keys: &[Key::Enter],
        action: Action::Activate,
        help: "jump to section / actor / passage",
    },
    Binding {
        keys: &[Key::Char('l'), Key::Right],
        action: Action::Unfold,
        help: "unfold an actor's passages",
    },
    Binding { keys: &[Key::Char('h'), Key::Left], action: Action::Fold, help: "fold them" },
    Binding { keys: &[Key::Char('[')], action: Action::PrevSection, help: "previous section" },
    Binding { keys: &[Key::Char(']')], action: Action::NextSection, help: "next section" },
    Binding {
        keys: &[Key::Char('n')],
        action: Action::NextMatch,
        help: "next mention / search hit",
    },
    Binding {
        keys: &[Key::Char('N')],
        action: Action::PrevMatch,
        help: "previous mention / search hit",
    },
    Binding {
        keys: &[Key::Char('/')],
        action: Action::Search,
        help: "search (Enter confirms, Esc cancels)",
    },
    Binding { keys: &[Key::Char('y')], action: Action::Copy, help: "copy the sentence (OSC 52)" },
    Binding {
        keys: &[Key::Char('p')],
        action: Action::TogglePane,
        help: "hide/show the side pane",
    },
    Binding {
        keys: &[Key::Esc],
        action: Action::Cancel,
        help: "clear search / actor; back to list",
    },
    Binding { keys: &[Key::Backspace], action: Action::Back, help: "back to the document list" },
    Binding { keys: &[Key::Char('?')], action: Action::Help, help: "this help" },
    Binding { keys: &[Key::Char('q'), Key::Ctrl('c')], action: Action::Quit, help: "quit" },
];

/// The action bound to `key`, if any.
pub fn action_for(key: Key) -> Option<Action> {
    KEYMAP.iter().find(|b| b.keys.contains(&key)).map(|b| b.action)
}

/// How a key is written in the help overlay and in key strings.
pub fn key_label(key: Key) -> String {
    match key {
        Key::Char(' ') => "Space".into(),
        Key::Char(c) => c.to_string(),
        Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
        Key::Alt(c) => format!("Alt-{c}"),
        Key::Enter => "Enter".into(),
        Key::Esc => "Esc".into(),
        Key::Backspace => "Backspace".into(),
        Key::Tab => "Tab".into(),
        Key::BackTab => "Shift-Tab".into(),
        Key::Up => "↑".into(),
        Key::Down => "↓".into(),
        Key::Left => "←".into(),
        Key::Right => "→".into(),
        Key::PageUp => "PgUp".into(),
        Key::PageDown => "PgDn".into(),
        Key::Home => "Home".into(),
        Key::End => "End".into(),
        Key::Delete => "Del".into(),
    }
}

/// Parses a key string as helix's tests write them: tokens separated by spaces, each a key name
/// (`Tab`, `S-Tab`, `Enter`, `Esc`, `Backspace`, `Space`, `Up`, `Down`, `Left`, `Right`, `PgUp`,
/// `PgDn`, `Home`, `End`, `Del`, `C-c`) or text typed character by character (`j`, `الصين`).
///
/// ```
/// use qari::app::{keymap::parse_keys, Event, Key};
/// assert_eq!(parse_keys("Tab j"), vec![Event::Key(Key::Tab), Event::Key(Key::Char('j'))]);
/// ```
pub fn parse_keys(keys: &str) -> Vec<Event> {
    let mut events = Vec::new();
    for token in keys.split_whitespace() {
        let named = match token {
            "Tab" => Some(Key::Tab),
            "S-Tab" | "BackTab" => Some(Key::BackTab),
            "Enter" | "Ret" => Some(Key::Enter),
            "Esc" => Some(Key::Esc),
            "Backspace" | "BS" => Some(Key::Backspace),
            "Space" => Some(Key::Char(' ')),
            "Up" => Some(Key::Up),
            "Down" => Some(Key::Down),
            "Left" => Some(Key::Left),
            "Right" => Some(Key::Right),
            "PgUp" => Some(Key::PageUp),
            "PgDn" => Some(Key::PageDown),
            "Home" => Some(Key::Home),
            "End" => Some(Key::End),
            "Del" => Some(Key::Delete),
            _ => None,
        };
        if let Some(key) = named {
            events.push(Event::Key(key));
        } else if let Some(c) = token.strip_prefix("C-").filter(|r| r.chars().count() == 1) {
            let c = c.chars().next().unwrap_or('c').to_ascii_lowercase();
            events.push(Event::Key(Key::Ctrl(c)));
        } else {
            events.extend(token.chars().map(|c| Event::Key(Key::Char(c))));
        }
    }
    events
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_at_most_one_action() {
        // The table is the single source of truth: a key bound twice would make help lie.
        let mut seen = std::collections::HashSet::new();
        for b in KEYMAP {
            for k in b.keys {
                assert!(seen.insert(*k), "{k:?} bound twice");
            }
        }
    }

    #[test]
    fn key_strings_parse_names_and_text() {
        // Named keys, a Ctrl chord, and Arabic text typed letter by letter.
        let ev = parse_keys("S-Tab C-c / صين Enter");
        assert_eq!(
            ev,
            vec![
                Event::Key(Key::BackTab),
                Event::Key(Key::Ctrl('c')),
                Event::Key(Key::Char('/')),
                Event::Key(Key::Char('ص')),
                Event::Key(Key::Char('ي')),
                Event::Key(Key::Char('ن')),
                Event::Key(Key::Enter),
            ]
        );
    }
}
