//! ratatui widgets that paint the reader. Drawing only reads state.

use ratatui::Frame;

use crate::app::Reader;

/// Paints the whole reader into the frame. PLACEHOLDER.
pub fn draw(frame: &mut Frame, reader: &mut Reader) {
    let _ = reader;
    frame.render_widget(ratatui::widgets::Paragraph::new("qari"), frame.area());
}
pub mod screen;
