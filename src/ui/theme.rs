//! The colours: a 16-colour theme that reads on dark and light backgrounds, and a `NO_COLOR`
//! one made of bold, underline and reverse only.

use ratatui::style::{Color, Modifier, Style};

/// Every style the reader uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    pub text: Style,
    pub heading: Style,
    /// Markdown's `code` spans.
    pub code: Style,
    /// A mention of the selected actor, a search hit.
    pub mention: Style,
    /// The current one (the counter's `i`).
    pub current: Style,
    pub pane_title: Style,
    pub pane_title_focused: Style,
    /// The cursor row of the focused list.
    pub cursor: Style,
    /// The cursor row of a list without focus.
    pub cursor_idle: Style,
    /// The selected actor and the current section in the lists.
    pub active_item: Style,
    pub dim: Style,
    pub separator: Style,
    /// A block quote's bar and a thematic break's rule.
    pub quote: Style,
    pub status: Style,
    pub status_accent: Style,
    pub overlay: Style,
}

impl Theme {
    /// The theme for `color` (false: `NO_COLOR`).
    pub fn new(color: bool) -> Self {
        let base = Style::new();
        let bold = Modifier::BOLD;
        if color {
            // Only the 16 named colours, each on a background of its own (black on yellow,
            // white on red) or as a foreground that reads on both dark and light (magenta).
            Theme {
                text: base,
                heading: base.fg(Color::Magenta).add_modifier(bold),
                code: base.fg(Color::Cyan),
                mention: base.fg(Color::Black).bg(Color::Yellow),
                current: base.fg(Color::White).bg(Color::Red).add_modifier(bold),
                pane_title: base.add_modifier(bold),
                pane_title_focused: base.fg(Color::Black).bg(Color::Cyan).add_modifier(bold),
                cursor: base.add_modifier(Modifier::REVERSED),
                cursor_idle: base.add_modifier(Modifier::UNDERLINED),
                active_item: base.fg(Color::Magenta).add_modifier(bold),
                dim: base.add_modifier(Modifier::DIM),
                separator: base.add_modifier(Modifier::DIM),
                quote: base.fg(Color::Blue).add_modifier(Modifier::DIM),
                status: base.fg(Color::Black).bg(Color::White),
                status_accent: base.fg(Color::White).bg(Color::Blue).add_modifier(bold),
                overlay: base,
            }
        } else {
            let reverse = Modifier::REVERSED;
            Theme {
                text: base,
                heading: base.add_modifier(bold),
                // No colour: nothing that reads as another emphasis (bold is **, reverse a hit).
                code: base,
                mention: base.add_modifier(reverse),
                current: base.add_modifier(reverse | bold | Modifier::UNDERLINED),
                pane_title: base.add_modifier(bold),
                pane_title_focused: base.add_modifier(bold | reverse),
                cursor: base.add_modifier(reverse),
                cursor_idle: base.add_modifier(Modifier::UNDERLINED),
                active_item: base.add_modifier(bold),
                dim: base,
                separator: base,
                quote: base,
                status: base.add_modifier(reverse),
                status_accent: base.add_modifier(reverse | bold),
                overlay: base,
            }
        }
    }
}
